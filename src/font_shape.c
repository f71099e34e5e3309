/*
 * font_shape: HarfBuzz shaping into glyphs for right-to-left words (font_shape.h).
 */
#include "font_shape.h"

#include "font_store.h"

#include <hb.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The script of the word: its first character that has one (as font.c's run_script). */
static hb_script_t word_script(const uint32_t *cps, size_t n)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (size_t i = 0; i < n; i++) {
        hb_script_t s = hb_unicode_script(uf, cps[i]);
        if (s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN)
            return s;
    }
    return HB_SCRIPT_ARABIC;
}

int rc_face_shape_glyphs(const rc_face *face, const uint32_t *cps, size_t n, int *kern,
                         uint8_t *lig, uint16_t *gids, rc_glyph_offset *offset)
{
    if (n == 0 || n > 0x7FFFFFFF)
        return 0;
    hb_face_t *hf = rc_face_hb(face);
    unsigned upem = hf ? hb_face_get_upem(hf) : 0;
    if (!upem)
        return 0;
    hb_font_t *font = hb_font_create(hf); /* scaled to upem: positions in font units */
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_CHARACTERS);
    hb_buffer_set_flags(buf, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT);
    hb_buffer_add_utf32(buf, cps, (int)n, 0, (int)n);
    hb_buffer_set_direction(buf, HB_DIRECTION_RTL);
    hb_buffer_set_script(buf, word_script(cps, n));
    /* the script's own features (joining forms, required ligatures) and kerning */
    hb_shape(font, buf, NULL, 0);

    unsigned len = 0;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &len);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    /*
     * Right to left, HarfBuzz gives the glyphs in visual order: read
     * backwards (at[k]), they must start at the code points in order, each
     * glyph one code point or a ligature of a few (never a code point in
     * two glyphs, which a run of code points could not say). HarfBuzz
     * sorts a letter's marks (Hebrew's shin dot before its vowel, where
     * the text has them the other way round): marks of no advance, which
     * stand at one pen whatever their order, are read in the text's.
     */
    unsigned *at = rc_xmalloc((len ? len : 1) * sizeof(*at));
    int ok = len > 0;
    for (unsigned k = 0; k < len; k++) {
        unsigned j = len - 1 - k, m = k;
        for (; m > 0 && info[at[m - 1]].cluster > info[j].cluster; m--) {
            ok &= !pos[j].x_advance && !pos[at[m - 1]].x_advance;
            at[m] = at[m - 1];
        }
        at[m] = j;
    }
    size_t expect = 0;
    for (unsigned k = 0; ok && k < len; k++) {
        unsigned j = at[k];
        size_t from = info[j].cluster, to = k + 1 < len ? info[at[k + 1]].cluster : n;
        ok = from == expect && to > from && to <= n && to - from <= RC_LIG_MAX &&
             (to - from == 1 || (info[j].codepoint && info[j].codepoint <= 0xFFFF));
        expect = to;
    }
    ok = ok && expect == n;
    if (ok) {
        for (size_t i = 0; i < n; i++) {
            kern[i] = 0;
            lig[i] = 1;
            gids[i] = 0;
            offset[i] = (rc_glyph_offset){0, 0};
        }
        for (unsigned k = 0; k < len; k++) {
            unsigned j = at[k];
            size_t from = info[j].cluster, to = k + 1 < len ? info[at[k + 1]].cluster : n;
            int letters = 0;
            for (size_t i = from; i < to; i++)
                letters += rc_face_advance(face, cps[i]);
            int advance = (int)((int64_t)pos[j].x_advance * 1000 / (int64_t)upem);
            kern[to - 1] = advance - letters;
            if (to - from > 1) {
                lig[from] = (uint8_t)(to - from);
                for (size_t i = from + 1; i < to; i++)
                    lig[i] = 0;
            }
            unsigned gid = info[j].codepoint;
            /*
             * A joiner or non-joiner (Persian's ZWNJ) is hidden behind a
             * space glyph of no advance: it shows nothing, and the PDF
             * keeps it for extraction only (RC_GID_BLANK).
             */
            if (to - from == 1 && cps[from] != ' ' && gid == rc_face_glyph(face, ' ') &&
                !pos[j].x_advance)
                gid = RC_GID_BLANK;
            else if (gid >= RC_GID_BLANK)
                gid = 0;
            /* A mark placed over its letter (GPOS): its glyph, moved; 1/1000 em, rounded. */
            int64_t x = (int64_t)pos[j].x_offset * 1000, y = (int64_t)pos[j].y_offset * 1000;
            int64_t half = upem / 2;
            x = (x >= 0 ? x + half : x - half) / (int64_t)upem;
            y = (y >= 0 ? y + half : y - half) / (int64_t)upem;
            int moved = gid && gid != RC_GID_BLANK && (x || y) && x > INT16_MIN && x < INT16_MAX &&
                        y > INT16_MIN && y < INT16_MAX;
            if (moved)
                offset[from] = (rc_glyph_offset){(int16_t)x, (int16_t)y};
            if (to - from > 1 || moved || gid != rc_face_glyph(face, cps[from]))
                gids[from] = (uint16_t)gid;
        }
    }
    free(at);
    hb_buffer_destroy(buf);
    hb_font_destroy(font);
    return ok;
}
