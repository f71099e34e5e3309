/*
 * font_subset: a face cut down to the code points a document shows, for
 * a device to embed (see rc_face_subset in font.h). The shipped TrueType
 * faces are cut by subset.c, which copies their flattened outlines byte
 * for byte; installed fonts, and any file subset.c refuses, by HarfBuzz's
 * subsetter (hb-subset), which only the font layer calls. A CFF face is
 * cut by hb-subset too (its charstrings and subroutines), and its CFF
 * table rewritten by cff.c as the CID-keyed program a PDF CIDFontType0
 * embeds.
 */
#include "cff.h"
#include "font.h"
#include "font_shape.h"
#include "font_store.h"
#include "subset.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare_u16(const void *a, const void *b)
{
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/*
 * A shipped face cut by subset.c. Glyphs keep their order, .notdef first,
 * as hb-subset orders them. 0, or -1 when subset.c cannot cut the file.
 */
static int subset_builtin(const rc_face *face, const uint32_t *cps, size_t n,
                          const uint16_t *extra, size_t m, uint16_t *gids, rc_buf *out)
{
    /* The glyphs: .notdef (0, the smallest), each code's and the extra ones, sorted, each once. */
    uint16_t *glyphs = rc_xmalloc((n + m + 1) * sizeof(*glyphs));
    glyphs[0] = 0;
    for (size_t k = 1; k <= n; k++)
        glyphs[k] = (uint16_t)rc_face_glyph(face, cps[k - 1]);
    memcpy(glyphs + n + 1, extra, m * sizeof(*extra));
    qsort(glyphs, n + m + 1, sizeof(*glyphs), compare_u16);
    size_t ng = 1;
    for (size_t k = 1; k <= n + m; k++)
        if (glyphs[k] != glyphs[ng - 1])
            glyphs[ng++] = glyphs[k];
    gids[0] = 0;
    for (size_t k = 1; k <= n + m; k++) {
        uint16_t g = k <= n ? (uint16_t)rc_face_glyph(face, cps[k - 1]) : extra[k - n - 1];
        const uint16_t *at = bsearch(&g, glyphs, ng, sizeof(*glyphs), compare_u16);
        gids[k] = (uint16_t)(at - glyphs);
    }
    size_t size;
    unsigned index;
    const unsigned char *file = rc_face_file(face, &size, &index);
    int r = rc_subset_truetype(file, size, index, glyphs, ng, cps, gids + 1, n, out);
    free(glyphs);
    return r;
}

/* The tables a TrueType font program in a PDF needs (as libharu embeds), and CFF outlines. */
static int table_needed(hb_tag_t t)
{
    static const char *const tags[] = {"CFF ", "OS/2", "cmap", "cvt ", "fpgm", "glyf", "head",
                                       "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"};
    for (size_t i = 0; i < RC_ARRAY_LEN(tags); i++)
        if (t == HB_TAG(tags[i][0], tags[i][1], tags[i][2], tags[i][3]))
            return 1;
    return 0;
}

/*
 * Any face cut by hb-subset. Tables a PDF font does not use (GPOS, kern
 * ...) are dropped before subsetting, so no time goes into them, and so
 * are hinting instructions, which viewers do not run. The subset plan
 * gives each code's glyph. The subset face, or NULL when HarfBuzz cannot.
 */
static hb_face_t *cut_harfbuzz(const rc_face *face, const uint32_t *cps, size_t n,
                               const uint16_t *extra, size_t m, uint16_t *gids)
{
    hb_face_t *hbf = rc_face_hb(face);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_t *unicodes = hb_subset_input_unicode_set(in);
    for (size_t k = 0; k < n; k++)
        hb_set_add(unicodes, cps[k]);
    hb_set_t *glyph_set = hb_subset_input_set(in, HB_SUBSET_SETS_GLYPH_INDEX);
    for (size_t j = 0; j < m; j++)
        hb_set_add(glyph_set, extra[j]);
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_tag_t tags[64];
    unsigned offset = 0, count;
    do {
        count = RC_ARRAY_LEN(tags);
        hb_face_get_table_tags(hbf, offset, &count, tags);
        for (unsigned i = 0; i < count; i++)
            if (!table_needed(tags[i]))
                hb_set_add(drop, tags[i]);
        offset += count;
    } while (count == RC_ARRAY_LEN(tags));
    /* .notdef's box is drawn for a character the face lacks (build.c): keep it then. */
    int notdef = 0;
    for (size_t k = 0; k < n && !notdef; k++)
        notdef = !rc_face_has_char(face, cps[k]);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
                                      (notdef ? HB_SUBSET_FLAGS_NOTDEF_OUTLINE : 0));

    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(hbf, in);
    hb_subset_input_destroy(in);
    if (!plan)
        return NULL;
    const hb_map_t *to_old = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
    const hb_map_t *to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
    gids[0] = 0;
    for (size_t k = 1; k <= n; k++) {
        hb_codepoint_t g = hb_map_get(to_old, cps[k - 1]);
        if (g != HB_MAP_VALUE_INVALID)
            g = hb_map_get(to_new, g);
        gids[k] = g == HB_MAP_VALUE_INVALID || g > 0xFFFF ? 0 : (uint16_t)g;
    }
    for (size_t j = 0; j < m; j++) {
        hb_codepoint_t g = hb_map_get(to_new, extra[j]);
        gids[n + 1 + j] = g == HB_MAP_VALUE_INVALID || g > 0xFFFF ? 0 : (uint16_t)g;
    }
    hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
    hb_subset_plan_destroy(plan);
    return sub;
}

/* Any TrueType face cut by hb-subset, into out. 0, or -1 when HarfBuzz cannot. */
static int subset_harfbuzz(const rc_face *face, const uint32_t *cps, size_t n,
                           const uint16_t *extra, size_t m, uint16_t *gids, rc_buf *out)
{
    hb_face_t *sub = cut_harfbuzz(face, cps, n, extra, m, gids);
    if (!sub)
        return -1;
    hb_blob_t *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    rc_buf_reset(out);
    rc_buf_add(out, data, len);
    hb_blob_destroy(blob);
    return len ? 0 : -1;
}

/* The face's PostScript name in printable ASCII, as the CFF program's name. */
static void ps_name(hb_face_t *hbf, char *out, size_t size)
{
    char buf[128];
    unsigned len = sizeof(buf);
    size_t k = 0;
    if (hb_ot_name_get_utf8(hbf, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, buf) == 0)
        buf[0] = 0;
    for (const char *p = buf; *p && k + 1 < size; p++)
        if (*p > ' ' && *p < 0x7F && !strchr("()<>[]{}/%#", *p))
            out[k++] = *p;
    out[k] = 0;
    if (k == 0)
        snprintf(out, size, "Font");
}

/*
 * shift (m of them, 1/1000 em) in the face's units, rounded half away from
 * zero, into count entries of dx and dy from entry first on (the rest 0).
 * 0, or -1 for a face of no sane units per em.
 */
static int shift_units(const rc_face *face, const rc_glyph_offset *shift, size_t m,
                       size_t first, size_t count, int16_t *dx, int16_t *dy)
{
    hb_face_t *hbf = rc_face_hb(face);
    int64_t upem = hbf ? hb_face_get_upem(hbf) : 0;
    if (upem < 16)
        return -1;
    for (size_t k = 0; k < count; k++) {
        int in = shift && k >= first && k - first < m;
        int64_t x = in ? shift[k - first].x * upem : 0, y = in ? shift[k - first].y * upem : 0;
        dx[k] = (int16_t)((x >= 0 ? x + 500 : x - 500) / 1000);
        dy[k] = (int16_t)((y >= 0 ? y + 500 : y - 500) / 1000);
    }
    return 0;
}

/*
 * A CFF face: cut by hb-subset, then its CFF table made the CID-keyed
 * program whose glyph k shows code k (cff.h), the glyphs a shift moves
 * moved in their charstrings (charstring.h), and the blanks asked for
 * (RC_GID_BLANK in blanks, m of them, as rc_face_subset's glyphs) of no
 * outline and no advance. 0, or -1.
 */
static int subset_cff(const rc_face *face, const uint32_t *cps, size_t n, const uint16_t *extra,
                      const uint16_t *blanks, const rc_glyph_offset *shift, size_t m,
                      uint16_t *gids, rc_buf *out)
{
    hb_face_t *sub = cut_harfbuzz(face, cps, n, extra, m, gids);
    if (!sub)
        return -1;
    hb_blob_t *cff = hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '));
    unsigned len = 0;
    const char *data = hb_blob_get_data(cff, &len);
    char name[64];
    ps_name(rc_face_hb(face), name, sizeof(name));
    size_t total = n + m + 1; /* .notdef, the codes' glyphs, the extra ones */
    int16_t *dx = rc_xmalloc(2 * total * sizeof(*dx)), *dy = dx + total;
    int moved = shift && shift_units(face, shift, m, n + 1, total, dx, dy) == 0;
    uint8_t *blank = rc_xcalloc(total, 1);
    for (size_t j = 0; j < m; j++)
        blank[n + 1 + j] = blanks[j] == RC_GID_BLANK;
    int r = len ? rc_cff_cid_keyed_moved((const unsigned char *)data, len, gids,
                                         moved ? dx : NULL, moved ? dy : NULL, blank, total,
                                         name, out)
                : -1;
    free(dx);
    free(blank);
    hb_blob_destroy(cff);
    hb_face_destroy(sub);
    for (size_t k = 0; r == 0 && k < total; k++)
        gids[k] = (uint16_t)k;
    return r;
}

/*
 * The glyphs a shift moves, as composites appended to the TrueType program
 * in out (rc_subset_shift), and the blanks asked for (RC_GID_BLANK in
 * glyphs), as a glyph of no advance: gids[n + 1 + j] becomes glyphs[j]'s
 * new glyph. 0, or -1 with out and gids as they were.
 */
static int shift_glyphs(const rc_face *face, const uint16_t *glyphs,
                        const rc_glyph_offset *shift, size_t n, size_t m, uint16_t *gids,
                        rc_buf *out)
{
    size_t moved = 0;
    for (size_t j = 0; j < m; j++)
        moved += glyphs[j] == RC_GID_BLANK || (shift && (shift[j].x || shift[j].y));
    if (!moved)
        return 0;
    int16_t *dx = rc_xmalloc(2 * m * sizeof(*dx)), *dy = dx + m;
    uint8_t *blank = rc_xmalloc(m);
    for (size_t j = 0; j < m; j++)
        blank[j] = glyphs[j] == RC_GID_BLANK;
    int r = shift_units(face, shift, m, 0, m, dx, dy);
    rc_buf moved_font = {0};
    if (r == 0)
        r = rc_subset_shift((const unsigned char *)out->ptr, out->len, gids + n + 1, dx, dy,
                            blank, m, gids + n + 1, &moved_font);
    if (r == 0) {
        rc_buf_reset(out);
        rc_buf_add(out, moved_font.ptr, moved_font.len);
    }
    rc_buf_release(&moved_font);
    free(dx);
    free(blank);
    return r;
}

int rc_face_subset(const rc_face *face, const uint32_t *cps, size_t n, const uint16_t *glyphs,
                   const rc_glyph_offset *shift, size_t m, uint16_t *gids, rc_buf *out,
                   rc_diags *d)
{
    /* A blank is cut as the space glyph, then made a glyph of no advance */
    uint16_t *cut = rc_xmalloc((m + 1) * sizeof(*cut));
    for (size_t j = 0; j < m; j++)
        cut[j] = glyphs[j] == RC_GID_BLANK ? (uint16_t)rc_face_glyph(face, ' ') : glyphs[j];
    int r = -1;
    if (rc_face_is_cff(face)) {
        r = subset_cff(face, cps, n, cut, glyphs, shift, m, gids, out);
    } else if ((rc_face_is_builtin(face) && subset_builtin(face, cps, n, cut, m, gids, out) == 0) ||
               subset_harfbuzz(face, cps, n, cut, m, gids, out) == 0) {
        /*
         * A program with no room for more glyphs (65,535 already) shows
         * them as they stand alone.
         */
        shift_glyphs(face, glyphs, shift, n, m, gids, out);
        r = 0;
    }
    free(cut);
    if (r == 0)
        return 0;
    rc_pos nowhere = {NULL, 0, 0};
    return rc_error_class(d, RC_FAIL_FONT, nowhere, "cannot embed font '%s': HarfBuzz cannot subset it",
                          rc_face_path(face));
}
