/*
 * subset: a shipped face cut down by subset.c is a font HarfBuzz reads
 * back with the same glyphs (outline extents and advances) under the
 * code points asked for, a valid sfnt (table checksums, whole-file
 * checksum), and fonts it cannot cut (composite glyphs, broken tables)
 * are refused rather than cut wrongly; glyphs moved (a mark HarfBuzz
 * placed) are composites with the outline moved.
 */
#include "font.h"
#include "font_shape.h"
#include "font_store.h"
#include "harness.h"
#include "dejavu_face.h"
#include "sfnt.h"
#include "subset.h"

#include <hb.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every glyph of sub agrees with the same character's glyph in full. */
static int glyphs_agree(hb_font_t *full, hb_font_t *sub, const uint32_t *cps,
                        const uint16_t *gids, size_t m)
{
    int bad = 0;
    for (size_t k = 0; k < m; k++) {
        hb_codepoint_t a = 0, b = 0;
        hb_glyph_extents_t ea, eb;
        int found = hb_font_get_nominal_glyph(full, cps[k], &a) &&
                    hb_font_get_nominal_glyph(sub, cps[k], &b);
        if (!found || b != gids[k] ||
            hb_font_get_glyph_h_advance(full, a) != hb_font_get_glyph_h_advance(sub, b) ||
            hb_font_get_glyph_extents(full, a, &ea) != hb_font_get_glyph_extents(sub, b, &eb) ||
            memcmp(&ea, &eb, sizeof(ea)) != 0) {
            fprintf(stderr, "test_subset: U+%04X differs\n", (unsigned)cps[k]);
            bad++;
        }
    }
    return bad;
}

/* The sfnt checksum of the whole file, which checkSumAdjustment makes 0xB1B0AFBA. */
static uint32_t file_checksum(const unsigned char *p, size_t len)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 4 <= len; i += 4)
        sum += rc_be32(p + i);
    return sum;
}

/* Cut `text`'s characters out of a face, as the PDF device does, into out. */
/*
 * A valid sfnt: 4-aligned, the whole-file checksum and every table's own
 * right. Its number of tables.
 */
static unsigned sfnt_tables(const rc_buf *out)
{
    CHECK(out->len > 0 && out->len % 4 == 0);
    CHECK(file_checksum((const unsigned char *)out->ptr, out->len) == 0xB1B0AFBAu);
    const unsigned char *p = (const unsigned char *)out->ptr;
    unsigned tables = rc_be16(p + 4);
    for (unsigned i = 0; i < tables; i++) {
        const unsigned char *r = p + 12 + 16 * i;
        uint32_t sum = 0, off = rc_be32(r + 8), len = rc_be32(r + 12);
        for (uint32_t j = 0; j < len; j += 4) {
            unsigned char w[4] = {0, 0, 0, 0};
            memcpy(w, p + off + j, len - j < 4 ? len - j : 4);
            sum += rc_be32(w);
        }
        if (rc_be32(r) == RC_SFNT_TAG('h', 'e', 'a', 'd'))
            sum -= rc_be32(p + off + 8); /* counted as 0 in its own checksum */
        CHECK(sum == rc_be32(r + 4));
    }
    return tables;
}

static int cut(const rc_face *face, const uint32_t *cps, size_t m, uint16_t *gids, rc_buf *out)
{
    uint16_t glyphs[256] = {0};
    size_t n = 1;
    for (size_t k = 0; k < m; k++) {
        unsigned g = rc_face_glyph(face, cps[k]);
        size_t i = 1;
        while (i < n && glyphs[i] < g)
            i++;
        if (i < n && glyphs[i] == g)
            continue;
        memmove(glyphs + i + 1, glyphs + i, (n - i) * sizeof(*glyphs));
        glyphs[i] = (uint16_t)g;
        n++;
    }
    for (size_t k = 0; k < m; k++)
        for (size_t i = 0; i < n; i++)
            if (glyphs[i] == rc_face_glyph(face, cps[k]))
                gids[k] = (uint16_t)i;
    size_t size;
    unsigned index;
    const unsigned char *file = rc_face_file(face, &size, &index);
    return rc_subset_truetype(file, size, index, glyphs, n, cps, gids, m, out);
}

static void test_shipped(const char *dir, const char *file)
{
    rc_font_store *s = rc_font_store_new(dir);
    rc_diags d;
    rc_diags_init(&d);
    rc_face *face = rc_store_shipped_face(s, file, file, RC_USE_TEXT, &d);
    CHECK(face && rc_face_is_builtin(face));
    if (!face)
        return;
    /* ascending, as the PDF device's codes are: ASCII, Latin-1, Greek, Cyrillic, quotes */
    static const uint32_t cps[] = {' ', '!', '(', ')', ',', '-', '.', '0', '1', '9', 'A', 'B',
                                   'V', 'W', 'a', 'b', 'f', 'i', 'l', 'z', 0xE9, 0xFC, 0x3A9,
                                   0x3B1, 0x416, 0x44F, 0x2013, 0x201C, 0x201D};
    size_t m = 0;
    uint32_t have[RC_ARRAY_LEN(cps)];
    for (size_t k = 0; k < RC_ARRAY_LEN(cps); k++)
        if (rc_face_has_char(face, cps[k]))
            have[m++] = cps[k];
    CHECK(m >= 25);
    uint16_t gids[RC_ARRAY_LEN(cps)];
    rc_buf out = RC_BUF_INIT;
    CHECK_INT(cut(face, have, m, gids, &out), 0);
    CHECK_INT(sfnt_tables(&out), 10);

    hb_blob_t *blob = hb_blob_create(out.ptr, (unsigned)out.len, HB_MEMORY_MODE_READONLY, NULL,
                                     NULL);
    hb_face_t *sub_face = hb_face_create(blob, 0);
    hb_font_t *sub = hb_font_create(sub_face), *full = hb_font_create(rc_face_hb(face));
    CHECK(hb_face_get_glyph_count(sub_face) <= m + 1);
    CHECK_INT(hb_face_get_upem(sub_face), hb_face_get_upem(rc_face_hb(face)));
    CHECK_INT(glyphs_agree(full, sub, have, gids, m), 0);
    hb_font_destroy(sub);
    hb_font_destroy(full);
    hb_face_destroy(sub_face);
    hb_blob_destroy(blob);

    /* A glyph the font does not have, and a truncated file, are refused. */
    uint16_t bad[] = {0, 60000};
    size_t size;
    unsigned index;
    const unsigned char *data = rc_face_file(face, &size, &index);
    CHECK_INT(rc_subset_truetype(data, size, index, bad, 2, have, gids, 1, &out), -1);
    CHECK_INT(out.len, 0);
    uint16_t ok[] = {0, gids[0]};
    CHECK_INT(rc_subset_truetype(data, size / 2, index, ok, 2, have, gids, 1, &out), -1);
    CHECK_INT(rc_subset_truetype(data, 100, index, ok, 2, have, gids, 1, &out), -1);
    rc_buf_release(&out);
    rc_diags_release(&d);
    rc_font_store_free(s);
}

/* DejaVu Sans draws é as a composite (e + acute): subset.c refuses it. */
static void test_composite_refused(void)
{
    const char *dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (access(dejavu, R_OK) != 0) {
        fprintf(stderr, "test_subset: %s not installed; composites not checked\n", dejavu);
        return;
    }
    rc_font_store *s = rc_font_store_new(NULL);
    const char *why = NULL;
    rc_face *face = rc_store_face(s, dejavu, 0, NULL, RC_USE_TEXT, &why);
    CHECK(face != NULL && !rc_face_is_builtin(face));
    if (face) {
        uint32_t plain[] = {'a', 'e'}, accented[] = {'a', 0xE9};
        uint16_t gids[2];
        rc_buf out = RC_BUF_INIT;
        CHECK_INT(cut(face, plain, 2, gids, &out), 0);
        CHECK_INT(cut(face, accented, 2, gids, &out), -1);
        rc_buf_release(&out);
    }
    rc_font_store_free(s);
}

/*
 * rc_face_subset, what a device embeds: a composite (DejaVu's é) is cut by
 * HarfBuzz, each code's glyph is the subset's, and a character the face
 * lacks gets glyph 0 (.notdef, kept for its box).
 */
static void test_face_subset(void)
{
    rc_font_store *s;
    rc_face *face = rc_test_dejavu(&s, "rc_face_subset");
    if (face) {
        const uint32_t cps[] = {'a', 0xE9, 0x4E2D}; /* a, é, and 中, which DejaVu Sans lacks */
        uint16_t gids[4] = {9, 9, 9, 9};
        rc_buf out = RC_BUF_INIT;
        rc_diags d;
        rc_diags_init(&d);
        CHECK_INT(rc_face_subset(face, cps, 3, NULL, NULL, 0, gids, &out, &d), 0);
        CHECK_INT(gids[0], 0);
        CHECK_INT(gids[3], 0);
        CHECK(gids[1] != 0 && gids[2] != 0 && gids[1] != gids[2]);
        hb_blob_t *blob = hb_blob_create(out.ptr, (unsigned)out.len, HB_MEMORY_MODE_READONLY,
                                         NULL, NULL);
        hb_face_t *sub_face = hb_face_create(blob, 0);
        hb_font_t *sub = hb_font_create(sub_face), *full = hb_font_create(rc_face_hb(face));
        CHECK(hb_face_get_glyph_count(sub_face) >= 4); /* .notdef, a, é and its parts */
        CHECK_INT(glyphs_agree(full, sub, cps, gids + 1, 2), 0);
        hb_font_destroy(sub);
        hb_font_destroy(full);
        hb_face_destroy(sub_face);
        hb_blob_destroy(blob);
        rc_buf_release(&out);
        rc_diags_release(&d);
    }
    rc_font_store_free(s);
}

/*
 * Glyphs moved (rc_face_subset's shift, an Arabic mark HarfBuzz placed):
 * a moved glyph is a new composite whose outline is the glyph's moved by
 * the shift in font units, with the glyph's advance; an unmoved one and
 * one with no outline (a space) stay themselves; a blank asked for is a
 * glyph of no outline and no advance; the font stays valid.
 */
static void test_shift(void)
{
    rc_font_store *s;
    rc_face *face = rc_test_dejavu(&s, "moved glyphs");
    if (!face) {
        rc_font_store_free(s);
        return;
    }
    const uint32_t cps[] = {'a'};
    unsigned fatha = rc_face_glyph(face, 0x064E), space = rc_face_glyph(face, ' ');
    const uint16_t glyphs[] = {(uint16_t)fatha, (uint16_t)fatha, (uint16_t)space,
                               (uint16_t)fatha, RC_GID_BLANK};
    const rc_glyph_offset shift[] = {{0, 0}, {100, -170}, {50, 50}, {-3, 0}, {0, 0}};
    uint16_t gids[7], plain[7];
    rc_buf out = RC_BUF_INIT, flat = RC_BUF_INIT;
    rc_diags d;
    rc_diags_init(&d);
    CHECK_INT(rc_face_subset(face, cps, 1, glyphs, NULL, 4, plain, &flat, &d), 0);
    CHECK_INT(rc_face_subset(face, cps, 1, glyphs, shift, 5, gids, &out, &d), 0);
    CHECK_INT(sfnt_tables(&out), sfnt_tables(&flat));

    hb_blob_t *blob = hb_blob_create(out.ptr, (unsigned)out.len, HB_MEMORY_MODE_READONLY, NULL,
                                     NULL);
    hb_face_t *sub_face = hb_face_create(blob, 0);
    hb_blob_t *flat_blob = hb_blob_create(flat.ptr, (unsigned)flat.len, HB_MEMORY_MODE_READONLY,
                                          NULL, NULL);
    hb_face_t *flat_face = hb_face_create(flat_blob, 0);
    unsigned before = hb_face_get_glyph_count(flat_face);
    CHECK_INT(hb_face_get_glyph_count(sub_face), before + 3); /* two moved fathas, a blank */
    CHECK_INT(gids[1], plain[1]);                             /* 'a', as it was */
    CHECK_INT(gids[2], plain[2]);                             /* the unmoved fatha */
    CHECK_INT(gids[4], plain[4]);                             /* the space: nothing to move */
    CHECK_INT(gids[3], before);
    CHECK_INT(gids[5], before + 1);
    CHECK_INT(gids[6], before + 2);
    hb_font_t *sub = hb_font_create(sub_face);
    hb_glyph_extents_t mark, moved, nudged;
    CHECK(hb_font_get_glyph_extents(sub, plain[2], &mark));
    CHECK(hb_font_get_glyph_extents(sub, gids[3], &moved));
    CHECK(hb_font_get_glyph_extents(sub, gids[5], &nudged));
    /* 2048 units an em: 100/1000 em is 205 units, -170/1000 em -348, -3/1000 em -6 */
    CHECK_INT(moved.x_bearing - mark.x_bearing, 205);
    CHECK_INT(moved.y_bearing - mark.y_bearing, -348);
    CHECK_INT(moved.width, mark.width);
    CHECK_INT(moved.height, mark.height);
    CHECK_INT(nudged.x_bearing - mark.x_bearing, -6);
    CHECK_INT(hb_font_get_glyph_h_advance(sub, gids[3]),
              hb_font_get_glyph_h_advance(sub, plain[2]));
    /* the blank: no outline, no advance (the space glyph has both an advance and none) */
    hb_glyph_extents_t none;
    CHECK(hb_font_get_glyph_extents(sub, gids[6], &none));
    CHECK(none.width == 0 && none.height == 0);
    CHECK_INT(hb_font_get_glyph_h_advance(sub, gids[6]), 0);
    CHECK(hb_font_get_glyph_h_advance(sub, plain[4]) > 0);
    hb_font_destroy(sub);
    hb_face_destroy(sub_face);
    hb_face_destroy(flat_face);
    hb_blob_destroy(blob);
    hb_blob_destroy(flat_blob);
    rc_buf_release(&out);
    rc_buf_release(&flat);
    rc_diags_release(&d);
    rc_font_store_free(s);
}

int main(void)
{
    const char *dir = getenv("RESCOMP_FONT_DIR");
    if (!dir)
        dir = "fonts";
    static const char *const files[] = {"cmu-serif-regular.ttf", "cmu-serif-bold-italic.ttf",
                                        "rescomp-sans-regular.ttf", "rescomp-serif-italic.ttf"};
    for (size_t i = 0; i < RC_ARRAY_LEN(files); i++)
        test_shipped(dir, files[i]);
    test_composite_refused();
    test_face_subset();
    test_shift();
    return rc_test_report("test_subset");
}
