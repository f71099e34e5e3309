/*
 * test_font: the shipped fonts and src/font.c.
 *
 * The strongest checks compare with libharu itself, which writes the PDF:
 * every width we lay out with must be the width libharu puts in /W, and the
 * shipped files must load, embed and save in libharu 2.3.0. The glyph
 * checks read the glyf table directly, because the bug they guard against
 * (libharu dropping the parts of nested composite glyphs) is invisible to
 * any metric.
 */
#include "font.h"
#include "font_shape.h"
#include "font_store.h"
#include "harness.h"
#include "dejavu_face.h"

#include <hb-ot.h>
#include <hb.h>
#include <hpdf.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- a glyf reader, independent of font.c ---------------------------- */

typedef struct raw_font {
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    hb_blob_t *glyf, *loca;
    const uint8_t *glyf_p, *loca_p;
    unsigned glyf_len, loca_len;
    unsigned num_glyphs;
    int long_loca;
} raw_font;

static unsigned be16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int raw_open(raw_font *r, const char *path)
{
    memset(r, 0, sizeof(*r));
    r->blob = hb_blob_create_from_file_or_fail(path);
    if (!r->blob)
        return -1;
    r->face = hb_face_create(r->blob, 0);
    r->font = hb_font_create(r->face);
    hb_blob_t *head = hb_face_reference_table(r->face, HB_TAG('h', 'e', 'a', 'd'));
    unsigned head_len;
    const uint8_t *head_p = (const uint8_t *)hb_blob_get_data(head, &head_len);
    r->long_loca = head_len >= 54 && be16(head_p + 50) == 1;
    hb_blob_destroy(head);
    r->num_glyphs = hb_face_get_glyph_count(r->face);
    r->glyf = hb_face_reference_table(r->face, HB_TAG('g', 'l', 'y', 'f'));
    r->loca = hb_face_reference_table(r->face, HB_TAG('l', 'o', 'c', 'a'));
    r->glyf_p = (const uint8_t *)hb_blob_get_data(r->glyf, &r->glyf_len);
    r->loca_p = (const uint8_t *)hb_blob_get_data(r->loca, &r->loca_len);
    return r->glyf_len && r->loca_len ? 0 : -1;
}

static void raw_close(raw_font *r)
{
    hb_blob_destroy(r->glyf);
    hb_blob_destroy(r->loca);
    hb_font_destroy(r->font);
    hb_face_destroy(r->face);
    hb_blob_destroy(r->blob);
}

/* The glyph's record in glyf, or NULL for an empty glyph (a space). */
static const uint8_t *raw_glyph(const raw_font *r, unsigned gid)
{
    if (gid >= r->num_glyphs)
        return NULL;
    uint32_t from, to;
    if (r->long_loca) {
        if ((gid + 2) * 4 > r->loca_len)
            return NULL;
        from = be32(r->loca_p + gid * 4);
        to = be32(r->loca_p + gid * 4 + 4);
    } else {
        if ((gid + 2) * 2 > r->loca_len)
            return NULL;
        from = 2 * be16(r->loca_p + gid * 2);
        to = 2 * be16(r->loca_p + gid * 2 + 2);
    }
    if (to <= from || to > r->glyf_len || to - from < 10)
        return NULL;
    return r->glyf_p + from;
}

/* numberOfContours: < 0 composite, 0 empty. */
static int raw_contours(const raw_font *r, unsigned gid)
{
    const uint8_t *g = raw_glyph(r, gid);
    return g ? (int16_t)be16(g) : 0;
}

static int raw_char_contours(const raw_font *r, uint32_t cp)
{
    hb_codepoint_t gid;
    if (!hb_font_get_nominal_glyph(r->font, cp, &gid))
        return -1000;
    return raw_contours(r, gid);
}

/* How many glyphs are composite, and how many have a composite component. */
static void raw_count_composites(const raw_font *r, int *composites, int *nested)
{
    *composites = *nested = 0;
    for (unsigned gid = 0; gid < r->num_glyphs; gid++) {
        const uint8_t *g = raw_glyph(r, gid);
        if (!g || (int16_t)be16(g) >= 0)
            continue;
        (*composites)++;
        /* Walk the components (glyf spec, "Composite glyph description"). */
        const uint8_t *p = g + 10, *end = r->glyf_p + r->glyf_len;
        unsigned flags;
        do {
            if (p + 4 > end)
                break;
            flags = be16(p);
            unsigned comp = be16(p + 2);
            if (raw_contours(r, comp) < 0) {
                (*nested)++;
                break;
            }
            p += 4 + ((flags & 0x0001) ? 4 : 2);  /* ARG_1_AND_2_ARE_WORDS */
            if (flags & 0x0008)
                p += 2;                            /* WE_HAVE_A_SCALE */
            else if (flags & 0x0040)
                p += 4;                            /* WE_HAVE_AN_X_AND_Y_SCALE */
            else if (flags & 0x0080)
                p += 8;                            /* WE_HAVE_A_TWO_BY_TWO */
        } while (flags & 0x0020);                 /* MORE_COMPONENTS */
    }
}

/* ---- libharu --------------------------------------------------------- */

static HPDF_STATUS hpdf_first_error;

static void hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    (void)user;
    if (!hpdf_first_error) {
        hpdf_first_error = error;
        fprintf(stderr, "libharu error 0x%04X (detail %u)\n", (unsigned)error, (unsigned)detail);
    }
}

static const char *const face_names[RC_FACE_COUNT] = {
    "CMU Serif", "CMU Serif Bold", "CMU Serif Italic", "CMU Serif Bold Italic",
    "CMU Typewriter Text", "FontAwesome",
};

static const char *const face_files[RC_FACE_COUNT] = {
    "cmu-serif-regular.ttf", "cmu-serif-bold.ttf", "cmu-serif-italic.ttf",
    "cmu-serif-bold-italic.ttf", "cmu-typewriter.ttf", "fontawesome-icons.ttf",
};

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/*
 * Every width and vertical metric equals libharu's, for every character
 * each face covers; and libharu loads, embeds and saves every face with the
 * characters the flattening was for.
 */
static void test_libharu_agrees(const rc_fonts *f, int vertical_too)
{
    hpdf_first_error = 0;
    HPDF_Doc pdf = HPDF_New(hpdf_error, NULL);
    CHECK(pdf != NULL);
    if (!pdf)
        return;
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_Page page = HPDF_AddPage(pdf);

    for (int id = 0; id < RC_FACE_ICONS; id++) {
        const rc_face *face = f->faces[id];
        const char *name = HPDF_LoadTTFontFromFile(pdf, rc_face_path(face), HPDF_TRUE);
        CHECK(name != NULL);
        if (!name)
            continue;
        HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
        CHECK(font != NULL);
        if (!font)
            continue;
        int covered = 0, mismatches = 0;
        for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
            if (!rc_face_has_char(face, cp))
                continue;
            covered++;
            int ours = rc_face_advance(face, cp);
            int theirs = HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
            if (ours != theirs && mismatches++ < 5)
                fprintf(stderr, "%s U+%04X: width %d, libharu %d\n", rc_face_name(face),
                        (unsigned)cp, ours, theirs);
        }
        CHECK_INT(mismatches, 0);
        CHECK(covered > 400); /* Latin, Latin-1, Latin Extended-A, Greek, punctuation */
        /*
         * Vertical metrics: libharu reads hhea and measures glyphs; HarfBuzz
         * (and so rescomp, which writes its own font descriptors) follows
         * OS/2 where the font asks for it (USE_TYPO_METRICS, as Lato does).
         * They agree for CMU's faces.
         */
        if (vertical_too || id == RC_FACE_MONO) {
            CHECK_INT(rc_face_ascender(face), HPDF_Font_GetAscent(font));
            CHECK_INT(rc_face_descender(face), HPDF_Font_GetDescent(font));
            CHECK_INT(rc_face_cap_height(face), (int)HPDF_Font_GetCapHeight(font));
            CHECK_INT(rc_face_x_height(face), (int)HPDF_Font_GetXHeight(font));
        }

        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, 12);
        HPDF_Page_TextOut(page, 50, 700 - 20 * (float)id,
                          "AVTo \xC3\xA3 \xC3\xB1 \xC3\xB5 \xC5\x8D \xE2\x80\x9E \xCE\xAC "
                          "\xCE\xB1\xCE\xB2 \xC3\xA9 \xE2\x80\x93 \xE2\x80\x94 \xE2\x80\xA2");
        HPDF_Page_EndText(page);
    }
    /* Embedding runs at save time (HPDF_TTFontDef_SaveFontData). */
    CHECK_INT(HPDF_SaveToStream(pdf), HPDF_OK);
    CHECK(HPDF_GetStreamSize(pdf) > 1000);
    CHECK_INT(hpdf_first_error, 0);
    HPDF_Free(pdf);
}

/*
 * The shipped fonts have 1000 units per em, where every rounding rule gives
 * the same widths. DejaVu Sans (2048 units per em; fonts-dejavu-core, on
 * nearly every Debian system) shows that font.c rounds as libharu does:
 * unsigned truncation for advances, truncation toward zero for the
 * (negative) descender. Installed as all five faces of a scratch directory.
 */
static void test_rounding_other_upem(void)
{
    const char *dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (access(dejavu, R_OK) != 0) {
        fprintf(stderr, "test_font: %s not installed; rounding at 2048 units/em not checked\n",
                dejavu);
        return;
    }
    char tmpl[] = "/tmp/rescomp-test-font-XXXXXX";
    char *dir = mkdtemp(tmpl);
    CHECK(dir != NULL);
    if (!dir)
        return;
    char links[RC_FACE_COUNT][512];
    char *shipped = rc_fonts_find_dir(); /* the icons are the shipped ones */
    char icons[512];
    snprintf(icons, sizeof(icons), "%s/%s", shipped ? shipped : ".", face_files[RC_FACE_ICONS]);
    free(shipped);
    for (int id = 0; id < RC_FACE_COUNT; id++) {
        snprintf(links[id], sizeof(links[id]), "%s/%s", dir, face_files[id]);
        CHECK_INT(symlink(id == RC_FACE_ICONS ? icons : dejavu, links[id]), 0);
    }
    rc_fonts f;
    rc_diags d;
    rc_diags_init(&d);
    int status = rc_fonts_load(&f, dir, &d);
    CHECK_INT(status, 0);
    if (status == 0) {
        hpdf_first_error = 0;
        HPDF_Doc pdf = HPDF_New(hpdf_error, NULL);
        HPDF_UseUTFEncodings(pdf);
        const char *name = HPDF_LoadTTFontFromFile(pdf, dejavu, HPDF_FALSE);
        HPDF_Font font = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
        CHECK(font != NULL);
        if (font) {
            const rc_face *face = f.faces[RC_FACE_REGULAR];
            int covered = 0, mismatches = 0;
            for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
                if (!rc_face_has_char(face, cp))
                    continue;
                covered++;
                int ours = rc_face_advance(face, cp);
                int theirs = HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
                if (ours != theirs && mismatches++ < 5)
                    fprintf(stderr, "DejaVu Sans U+%04X: width %d, libharu %d\n", (unsigned)cp,
                            ours, theirs);
            }
            CHECK_INT(mismatches, 0);
            CHECK(covered > 3000);
            CHECK_INT(rc_face_advance(face, 'A'), 684); /* 1401 * 1000 / 2048 = 684.08 */
            CHECK_INT(rc_face_advance(face, 'a'), 612); /* 1255 * 1000 / 2048 = 612.79: truncated */
            CHECK_INT(rc_face_ascender(face), HPDF_Font_GetAscent(font));
            CHECK_INT(rc_face_descender(face), HPDF_Font_GetDescent(font));
            CHECK_INT(rc_face_descender(face), -235); /* -483 * 1000 / 2048 = -235.8 */
            CHECK_INT(rc_face_cap_height(face), (int)HPDF_Font_GetCapHeight(font));
            CHECK_INT(rc_face_x_height(face), (int)HPDF_Font_GetXHeight(font));
        }
        CHECK_INT(hpdf_first_error, 0);
        HPDF_Free(pdf);
        rc_fonts_release(&f);
    }
    rc_diags_print(&d, stderr);
    rc_diags_release(&d);
    for (int id = 0; id < RC_FACE_COUNT; id++)
        unlink(links[id]);
    rmdir(dir);
}

static void test_names_and_paths(const rc_fonts *f)
{
    for (int id = 0; id < RC_FACE_COUNT; id++) {
        CHECK_STR(rc_face_name(f->faces[id]), face_names[id]);
        CHECK(ends_with(rc_face_path(f->faces[id]), face_files[id]));
    }
}

static void test_coverage(const rc_fonts *f)
{
    /* α β é ã ñ õ ō „ – — NBSP • ά, and symbols CVs and nested lists use. */
    static const uint32_t needed[] = {0x3B1, 0x3B2, 0xE9, 0xE3, 0xF1, 0xF5, 0x14D, 0x201E,
                                      0x2013, 0x2014, 0xA0, 0x2022, 0x3AC,
                                      0x25E6, 0x2192, 0x2212, 0xB0, 0xB7, 0x2026};
    for (int id = 0; id <= RC_FACE_BOLD_ITALIC; id++) {
        const rc_face *face = f->faces[id];
        for (size_t i = 0; i < RC_ARRAY_LEN(needed); i++) {
            if (!rc_face_has_char(face, needed[i]))
                fprintf(stderr, "%s lacks U+%04X\n", rc_face_name(face), (unsigned)needed[i]);
            CHECK(rc_face_has_char(face, needed[i]));
            CHECK(rc_face_advance(face, needed[i]) > 0);
        }
        CHECK(!rc_face_has_char(face, 0x4E2D));  /* 中: not covered */
        /* A missing character is drawn as .notdef (CMU Serif's box, 760/1000 em wide). */
        CHECK_INT(rc_face_advance(face, 0x4E2D), 760);
        CHECK_INT(rc_face_advance(face, 0x1F600), 760);
        CHECK(!rc_face_has_char(face, 0x1F600)); /* the shipped faces have no emoji */
        CHECK(!rc_face_has_char(face, 0x110000));
        CHECK(!rc_face_has_char(face, 0x0A));    /* control characters: no glyph */
    }
    const rc_face *mono = f->faces[RC_FACE_MONO];
    for (uint32_t cp = 0x20; cp < 0x7F; cp++) {
        CHECK(rc_face_has_char(mono, cp));
        CHECK_INT(rc_face_advance(mono, cp), 525); /* monospaced: one width */
    }
    /* Widths from cmr10's TFM: 'A' 0.75 em, 'a' 0.5 em, space 1/3 em. */
    const rc_face *rm = f->faces[RC_FACE_REGULAR];
    CHECK_INT(rc_face_advance(rm, 'A'), 750);
    CHECK_INT(rc_face_advance(rm, 'a'), 500);
    CHECK_INT(rc_face_advance(rm, ' '), 333);
}

/*
 * The layout features of a face: GSUB and GPOS feature tags other than
 * 'kern' and (with liga) 'liga'. HarfBuzz applies its default features
 * (ccmp, locl, calt, mark...) whatever we ask, so the shipped fonts must
 * have none to apply; the typewriter face has no ligature either.
 */
static int raw_other_features(const raw_font *r, int liga)
{
    int count = 0;
    hb_tag_t tables[] = {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS};
    for (size_t t = 0; t < RC_ARRAY_LEN(tables); t++) {
        hb_tag_t tags[64];
        unsigned n = RC_ARRAY_LEN(tags);
        hb_ot_layout_table_get_feature_tags(r->face, tables[t], 0, &n, tags);
        for (unsigned i = 0; i < n; i++)
            count += tags[i] != HB_TAG('k', 'e', 'r', 'n') &&
                     !(liga && t == 0 && tags[i] == HB_TAG('l', 'i', 'g', 'a'));
    }
    return count;
}

/*
 * No composite glyph in any shipped face, the accented glyphs kept their
 * accents, and no layout feature but kerning.
 */
static void test_shipped_files(const rc_fonts *f, unsigned upem, int greek)
{
    for (int id = 0; id < RC_FACE_ICONS; id++) {
        raw_font r;
        int ok = raw_open(&r, rc_face_path(f->faces[id])) == 0;
        CHECK(ok);
        if (ok) {
            CHECK_INT(raw_other_features(&r, id != RC_FACE_MONO), 0);
            /* CMU's faces, and the typewriter face in every set */
            CHECK_INT(hb_face_get_upem(r.face), id == RC_FACE_MONO ? 1000 : upem);
            int composites, nested;
            raw_count_composites(&r, &composites, &nested);
            CHECK_INT(composites, 0);
            CHECK_INT(nested, 0);
            /* Base plus accent: more contours than the base letter alone. */
            CHECK(raw_char_contours(&r, 0xE3) > raw_char_contours(&r, 'a'));   /* ã */
            CHECK(raw_char_contours(&r, 0xF1) > raw_char_contours(&r, 'n'));   /* ñ */
            CHECK(raw_char_contours(&r, 0xF5) > raw_char_contours(&r, 'o'));   /* õ */
            CHECK(raw_char_contours(&r, 0x14D) > raw_char_contours(&r, 'o'));  /* ō */
            CHECK(raw_char_contours(&r, 0x201E) >= 2 * raw_char_contours(&r, ',')); /* „ */
            if (greek || id == RC_FACE_MONO) {
                CHECK(raw_char_contours(&r, 0x3AC) > raw_char_contours(&r, 0x3B1)); /* ά */
                CHECK(raw_char_contours(&r, 0x3CE) > raw_char_contours(&r, 0x3C9)); /* ώ */
            }
            CHECK(raw_char_contours(&r, 0x439) > raw_char_contours(&r, 0x438)); /* й */
            CHECK(raw_char_contours(&r, 0x451) > raw_char_contours(&r, 0x435)); /* ё */
            CHECK(raw_char_contours(&r, 'a') > 0);
        }
        raw_close(&r);
    }
    /*
     * The checker itself: Debian's original CMU Serif has nested composites
     * (the reason for fonts/prepare.py), so it must find them there.
     */
    const char *orig = "/usr/share/fonts/truetype/cmu/cmunrm.ttf";
    if (access(orig, R_OK) == 0) {
        raw_font r;
        if (raw_open(&r, orig) == 0) {
            int composites, nested;
            raw_count_composites(&r, &composites, &nested);
            CHECK(composites > 0);
            CHECK(nested > 0);
            CHECK(raw_other_features(&r, 1) > 0); /* locl, mark, ... */
            CHECK(raw_char_contours(&r, 0xE3) < 0); /* ã is composite there */
        }
        raw_close(&r);
    }
}

static void kern_str(rc_face *face, const char *s, int *out)
{
    uint32_t cps[64];
    size_t n = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len && n < RC_ARRAY_LEN(cps);) {
        size_t k = rc_utf8_decode(s + i, len - i, &cps[n]);
        i += k ? k : 1;
        n++;
    }
    rc_face_kerning(face, cps, n, out);
}

static void test_kerning(const rc_fonts *f)
{
    rc_face *rm = f->faces[RC_FACE_REGULAR];
    int out[16];

    /* cmr10's TFM kerns, in the font's GPOS: A-V -0.111 em, T-o and W-a -0.083 em. */
    kern_str(rm, "AV", out);
    CHECK_INT(out[0], -111);
    CHECK_INT(out[1], 0);
    kern_str(rm, "To", out);
    CHECK_INT(out[0], -83);
    kern_str(rm, "Wa", out);
    CHECK_INT(out[0], -83);
    kern_str(rm, "ab", out);
    CHECK_INT(out[0], 0);
    CHECK_INT(out[1], 0);
    kern_str(rm, "f)", out); /* TeX's kerns are not all negative */
    CHECK_INT(out[0], 78);
    kern_str(rm, "\xCE\x91\xCE\xA5", out); /* Greek: ΑΥ */
    CHECK_INT(out[0], -139);
    kern_str(f->faces[RC_FACE_BOLD], "AV", out);
    CHECK_INT(out[0], -128);
    kern_str(f->faces[RC_FACE_ITALIC], "AV", out);
    CHECK_INT(out[0], -102);
    kern_str(f->faces[RC_FACE_MONO], "AV", out);
    CHECK_INT(out[0], 0);

    /* A run gives each pair its own kern, and nothing after the last character. */
    for (size_t i = 0; i < RC_ARRAY_LEN(out); i++)
        out[i] = 12345;
    kern_str(rm, "AVAT.", out);
    CHECK_INT(out[0], -111); /* AV */
    CHECK_INT(out[1], -111); /* VA */
    CHECK_INT(out[2], -83);  /* AT */
    CHECK_INT(out[3], 0);    /* T. */
    CHECK_INT(out[4], 0);    /* last */
    CHECK_INT(out[5], 12345); /* nothing written past n */

    /*
     * A run of punctuation alone has no script of its own; it must still get
     * the Latin kerns, which CMU lists under 'latn' only (its DFLT script
     * has a few pairs). TeX kerns a closing quote before '?' by +0.111 em.
     */
    kern_str(rm, "\xE2\x80\x99?", out);
    CHECK_INT(out[0], 111);
    kern_str(rm, "y.", out);
    CHECK_INT(out[0], -83);

    /* Remembered words give what shaping gave, also for a word too long to remember. */
    int again[16];
    kern_str(rm, "AVATAR", out);
    kern_str(rm, "AVATAR", again);
    CHECK(memcmp(out, again, 6 * sizeof(int)) == 0);
    CHECK(out[0] < 0); /* A-V */
    int longer[64];
    kern_str(rm, "AVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAV", longer);
    for (int i = 0; i < 53; i++)
        CHECK_INT(longer[i], out[i % 2]);
    CHECK_INT(longer[53], 0);

    /* n == 1 writes one zero; n == 0 writes nothing. */
    uint32_t one = 'A';
    out[0] = 7;
    out[1] = 7;
    rc_face_kerning(rm, &one, 1, out);
    CHECK_INT(out[0], 0);
    CHECK_INT(out[1], 7);
    out[0] = 7;
    rc_face_kerning(rm, &one, 0, out);
    CHECK_INT(out[0], 7);

    /*
     * A + combining acute + V: HarfBuzz composes Á, so glyphs and code points
     * no longer match one to one. ÁV kerns in the font (-111), so anything
     * but all zeros means the adjustment was put on the wrong character.
     */
    for (size_t i = 0; i < RC_ARRAY_LEN(out); i++)
        out[i] = 12345;
    kern_str(rm, "A\xCC\x81V", out);
    CHECK_INT(out[0], 0);
    CHECK_INT(out[1], 0);
    CHECK_INT(out[2], 0);
    kern_str(rm, "\xC3\x81V", out); /* the precomposed Á does kern */
    CHECK_INT(out[0], -111);
    /* V A+acute A V: glyphs V Á A V, so glyph 0 is still the V of character 0. */
    for (size_t i = 0; i < RC_ARRAY_LEN(out); i++)
        out[i] = 12345;
    kern_str(rm, "VA\xCC\x81" "AV", out);
    for (int i = 0; i < 5; i++)
        CHECK_INT(out[i], 0);
    CHECK_INT(out[5], 12345);

    /* A character the face lacks gets no adjustment against libharu's 0 width. */
    kern_str(rm, "A\xE4\xB8\xAD", out); /* A中 */
    CHECK_INT(out[0], 0);
    CHECK_INT(out[1], 0);
    kern_str(rm, "\xE4\xB8\xAD" "A", out); /* 中A: HarfBuzz draws .notdef, libharu's width is 0 */
    CHECK_INT(out[0], 0);
    /* A soft hyphen keeps its own width (HarfBuzz would hide it otherwise). */
    kern_str(rm, "a\xC2\xAD" "b", out);
    CHECK_INT(out[0], 0);
    CHECK_INT(out[1], 0);
}

/* The connection icons: every icon layout draws, and nothing else (fonts/prepare_icons.py). */
static void test_icons(const rc_fonts *f)
{
    static const uint32_t icons[] = {0xF0E0, 0xF095, 0xF041, 0xF0AC, 0xF0C1, 0xF09B, 0xF08C,
                                     0xF296, 0xF16C, 0xF167, 0xF16D, 0xF099, 0xF2C6, 0xF232,
                                     0xF1A1, 0xF2D8, 0xF19D, 0xF121, 0xF0C2, 0xF0C0, 0xF08E};
    const rc_face *face = f->faces[RC_FACE_ICONS];
    for (size_t i = 0; i < RC_ARRAY_LEN(icons); i++) {
        CHECK(rc_face_has_char(face, icons[i]));
        CHECK(rc_face_advance(face, icons[i]) > 0);
    }
    CHECK(!rc_face_has_char(face, 'a'));
    CHECK(!rc_face_has_char(face, 0xF000)); /* subset: an icon rescomp does not draw */
}

static void test_vertical_metrics(const rc_fonts *f)
{
    for (int id = 0; id < RC_FACE_ICONS; id++) {
        const rc_face *face = f->faces[id];
        CHECK(rc_face_ascender(face) > rc_face_cap_height(face));
        CHECK(rc_face_cap_height(face) > rc_face_x_height(face));
        CHECK(rc_face_x_height(face) > 0);
        CHECK(rc_face_descender(face) < 0);
    }
    const rc_face *rm = f->faces[RC_FACE_REGULAR];
    CHECK_INT(rc_face_ascender(rm), 935);   /* hhea */
    CHECK_INT(rc_face_descender(rm), -250);
    CHECK_INT(rc_face_cap_height(rm), 683); /* cmr10: 0.683 em */
    CHECK_INT(rc_face_x_height(rm), 431);   /* cmr10: 0.431 em */
}

static int has_error(const rc_diags *d, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].severity == RC_ERROR && d->v[i].failure == RC_FAIL_FONT &&
            strstr(d->v[i].message, needle))
            return 1;
    return 0;
}

static int write_file(const char *path, const char *data, size_t n)
{
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return -1;
    size_t w = fwrite(data, 1, n, fp);
    return fclose(fp) == 0 && w == n ? 0 : -1;
}

static void test_errors(const char *good_dir)
{
    rc_fonts f;
    rc_diags d;

    /* A missing directory: one font error naming the file and what to do. */
    rc_diags_init(&d);
    CHECK_INT(rc_fonts_load(&f, "/nonexistent/rescomp-fonts", &d), -1);
    CHECK_INT(d.nerrors, 1);
    CHECK(has_error(&d, "'/nonexistent/rescomp-fonts/cmu-serif-regular.ttf'"));
    CHECK(has_error(&d, "RESCOMP_FONT_DIR"));
    CHECK(f.faces == NULL && f.nfaces == 0);
    rc_fonts_release(&f); /* harmless after a failure */
    rc_diags_release(&d);

    rc_diags_init(&d);
    CHECK_INT(rc_fonts_load(&f, NULL, &d), -1);
    CHECK(has_error(&d, "RESCOMP_FONT_DIR"));
    rc_diags_release(&d);

    /* A corrupt regular face, then a good regular face with the others missing. */
    char tmpl[] = "/tmp/rescomp-test-font-XXXXXX";
    char *dir = mkdtemp(tmpl);
    CHECK(dir != NULL);
    if (!dir)
        return;
    char path[512], target[512];
    snprintf(path, sizeof(path), "%s/cmu-serif-regular.ttf", dir);
    CHECK_INT(write_file(path, "this is not a font\n", 19), 0);

    rc_diags_init(&d);
    CHECK_INT(rc_fonts_load(&f, dir, &d), -1);
    CHECK_INT(d.nerrors, 1);
    CHECK(has_error(&d, path));
    CHECK(has_error(&d, "not a font file"));
    rc_diags_release(&d);

    /* With a font file there, the directory is a font directory... */
    char *saved = getenv("RESCOMP_FONT_DIR") ? rc_xstrdup(getenv("RESCOMP_FONT_DIR")) : NULL;
    setenv("RESCOMP_FONT_DIR", dir, 1);
    char *found = rc_fonts_find_dir();
    CHECK(found && strcmp(found, dir) == 0);
    free(found);

    unlink(path);
    /* A relative symlink target would be read relative to the link's directory. */
    char cwd[256] = "";
    if (good_dir[0] != '/')
        CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
    snprintf(target, sizeof(target), "%s%s%s/cmu-serif-regular.ttf", cwd, *cwd ? "/" : "",
             good_dir);
    CHECK_INT(symlink(target, path), 0);
    rc_diags_init(&d);
    CHECK_INT(rc_fonts_load(&f, dir, &d), -1);
    CHECK_INT(d.nerrors, 1);
    CHECK(has_error(&d, "cmu-serif-bold.ttf"));
    CHECK(f.faces == NULL && f.nfaces == 0); /* the regular face was released */
    rc_diags_release(&d);
    unlink(path);

    /* ...and without one it is still the one used: an explicit setting
     * wins, so the error names the directory the user chose. */
    found = rc_fonts_find_dir();
    CHECK(found && strcmp(found, dir) == 0);
    free(found);
    if (saved) {
        setenv("RESCOMP_FONT_DIR", saved, 1);
        free(saved);
    } else {
        unsetenv("RESCOMP_FONT_DIR");
    }
    rmdir(dir);
}

/* Words whose ligatures chain, overlap or fall at word ends (with "fi" and "ff" everywhere). */
static const char ligature_words[] =
    " office affluent fjord offline efficient RLHFflow shuffle baffle fffi ffffi fffl fifi"
    " fiffl afflict tft attic Stuttgart fifth fluffier ff fi fl ffi ffl ft tt tf ti fb fh fk"
    " chiefly Öffentlichkeit \"office\" (offline) ıfi fı fí fï ttí ftt";
/*
 * Words a compiled-in face has shaped: a character it lacks (ﬁ, ǅ), a soft
 * hyphen, a script other than Latin (its own lookups).
 */
static const char shaped_words[] = "ﬁnal efﬁcient Ofﬁce ǅfi S\xC2\xAD" "ffi of\xC2\xAD" "fice"
                                   " αffi Яfl";

/* Append the file (under the test data) to text; its length then. */
static size_t append_file(char *text, size_t len, size_t size, const char *name)
{
    const char *data = getenv("RESCOMP_TEST_DATA");
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", data ? data : "tests", name);
    FILE *fp = fopen(path, "r");
    CHECK(fp != NULL);
    if (!fp)
        return len;
    text[len++] = ' ';
    len += fread(text + len, 1, size - len - 1, fp);
    fclose(fp);
    return len;
}

/*
 * Ligatures and kerning of the word in a compiled-in face and as HarfBuzz
 * shapes the same file: 0 when they agree (glyphs, the letters each shows,
 * ligature glyphs and widths, kerning), counting the ligatures into *ligs.
 */
static int shape_differs(rc_face *table, rc_face *shaped, const uint32_t *cps, size_t n,
                         int *ligs)
{
    int x[128], y[128];
    uint8_t lx[128], ly[128];
    rc_face_shape(table, cps, n, x, lx);
    rc_face_shape(shaped, cps, n, y, ly);
    int differ = memcmp(x, y, n * sizeof(int)) != 0 || memcmp(lx, ly, n) != 0;
    for (size_t j = 0; j < n && !differ; j++) {
        if (lx[j] < 2)
            continue;
        unsigned gx = 0, gy = 0;
        int wx = rc_face_ligature(table, cps + j, lx[j], &gx);
        int wy = rc_face_ligature(shaped, cps + j, ly[j], &gy);
        differ = wx < 0 || wx != wy || gx != gy || gx == rc_face_glyph(table, cps[j]);
        (*ligs)++;
    }
    return differ;
}

/*
 * The compiled-in metrics (face_data.h) equal what HarfBuzz reads from the
 * same file, and their kerning and ligatures equal shaping, word for word,
 * over real text (the academic flagship's words, the paragraph corpus),
 * words with ligatures and every pair of printable ASCII, in every shipped
 * text face; a compiled-in face shapes no word whose characters it has.
 */
static void test_builtin_faces(const char *dir)
{
    static char text[1 << 18];
    size_t len = append_file(text, 0, sizeof(text) / 2, "pdf/academic-words.txt");
    static const char *const corpus[] = {"abstracts", "hard", "highlights", "research",
                                         "summaries"};
    for (size_t i = 0; i < RC_ARRAY_LEN(corpus); i++) {
        char name[64];
        snprintf(name, sizeof(name), "../bench/corpus/%s.txt", corpus[i]);
        len = append_file(text, len, sizeof(text) / 2, name);
    }
    len += (size_t)snprintf(text + len, sizeof(text) - len, "%s", ligature_words);
    for (int a = '!'; a <= '~'; a++) /* then every ASCII pair, as a word */
        for (int b = '!'; b <= '~'; b++)
            len += (size_t)snprintf(text + len, sizeof(text) - len, " %c%c", a, b);
    text[len] = 0;
    /* with the RenderCV themes' own: Source Sans 3 (CFF), Raleway, Ubuntu, EB Garamond, Gentium,
       Latin Modern (CFF), XCharter (CFF) */
    static const char *const families[] = {"CMU Serif",        "Rescomp Serif",
                                           "Rescomp Sans",     "Rescomp Humanist",
                                           "Rescomp Display",  "Ubuntu derivative Rescomp",
                                           "EB Garamond",      "Rescomp Book",
                                           "Rescomp Modern",   "XCharter"};
    for (size_t fam = 0; fam < RC_ARRAY_LEN(families); fam++) {
        rc_family_request req[RC_ROLE_COUNT] = {[RC_ROLE_BODY] = {families[fam], {0}, 1}};
        rc_font_store *a = rc_font_store_new(dir), *b = rc_font_store_new(NULL);
        rc_fonts fa;
        rc_diags d;
        rc_diags_init(&d);
        CHECK(rc_fonts_open(&fa, a, req, &d) == 0);
        int words = 0, mismatches = 0, kerned = 0, ligs = 0, lig_mismatches = 0;
        for (int v = 0; d.nerrors == 0 && v < RC_VARIANT_COUNT; v++) {
            /* the same file loaded as an installed font is shaped */
            const char *why = NULL;
            rc_face *table = fa.faces[v];
            rc_face *shaped = rc_store_face(b, rc_face_path(table), 0, NULL, RC_USE_TEXT, &why);
            CHECK(shaped != NULL);
            if (!shaped)
                break;
            int differ = 0;
            for (uint32_t cp = 0; cp <= 0x10000; cp++)
                differ += rc_face_has_char(table, cp) != rc_face_has_char(shaped, cp) ||
                          rc_face_advance(table, cp) != rc_face_advance(shaped, cp) ||
                          rc_face_glyph(table, cp) != rc_face_glyph(shaped, cp);
            CHECK_INT(differ, 0);
            CHECK_INT(rc_face_ascender(table), rc_face_ascender(shaped));
            CHECK_INT(rc_face_descender(table), rc_face_descender(shaped));
            CHECK_INT(rc_face_cap_height(table), rc_face_cap_height(shaped));
            CHECK_INT(rc_face_x_height(table), rc_face_x_height(shaped));
            uint32_t cps[128];
            size_t n = 0;
            int uncovered = 0; /* words with a character the face lacks */
            for (size_t i = 0; i <= len; i++) {
                uint32_t cp = 0;
                size_t k = i < len ? rc_utf8_decode(text + i, len - i, &cp) : 1;
                if (i < len && cp > ' ' && n < RC_ARRAY_LEN(cps)) {
                    cps[n++] = cp;
                    i += (k ? k : 1) - 1;
                    continue;
                }
                if (n >= 2) {
                    int x[128], y[128];
                    for (size_t j = 0; j < n; j++)
                        if (!rc_face_has_char(table, cps[j])) {
                            uncovered++;
                            break;
                        }
                    rc_face_kerning(table, cps, n, x);
                    rc_face_kerning(shaped, cps, n, y);
                    words++;
                    mismatches += memcmp(x, y, n * sizeof(int)) != 0;
                    for (size_t j = 0; j + 1 < n; j++)
                        kerned += x[j] != 0;
                    lig_mismatches += shape_differs(table, shaped, cps, n, &ligs);
                }
                n = 0;
            }
            /* only words with a character the face lacks (Raleway has no Greek) are shaped */
            CHECK((int)rc_face_shape_count(table) <= 2 * uncovered);
            CHECK(uncovered > 0 || rc_face_shape_count(table) == 0);
            CHECK(rc_face_shape_count(shaped) > 0);
            for (const char *s = shaped_words; *s;) {
                n = 0;
                while (*s == ' ')
                    s++;
                while (*s && *s != ' ') {
                    size_t k = rc_utf8_decode(s, strlen(s), &cps[n++]);
                    s += k ? k : 1;
                }
                lig_mismatches += shape_differs(table, shaped, cps, n, &ligs);
            }
            n = 0;
        }
        CHECK(words > 4000 + 4 * 94 * 94);
        CHECK_INT(mismatches, 0);
        CHECK_INT(lig_mismatches, 0);
        /* every shipped text family has ligatures, and the text has hundreds of them */
        CHECK(ligs > 400);
        /* every family kerns but Rescomp Serif, which was prepared without kerning */
        if (fam == 1 ? kerned != 0 : kerned <= 1000)
            fprintf(stderr, "%s: %d kerned pairs\n", families[fam], kerned);
        CHECK(fam == 1 ? kerned == 0 : kerned > 1000);
        rc_diags_release(&d);
        rc_fonts_release(&fa);
        rc_font_store_free(a);
        rc_font_store_free(b);
    }
}

/*
 * A font directory (RESCOMP_FONT_DIR) whose file of a shipped name is
 * another font: the metrics compiled from the shipped file are not used
 * for it, and it is loaded and shaped like an installed font.
 */
static void test_builtin_other_file(const char *dir)
{
    char tmpl[] = "/tmp/rescomp-test-kern-XXXXXX";
    char *tmp = mkdtemp(tmpl);
    CHECK(tmp != NULL);
    if (!tmp)
        return;
    char link[512], target[512], cwd[256] = "";
    if (dir[0] != '/')
        CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
    /* the italic file under the regular one's name */
    snprintf(target, sizeof(target), "%s%s%s/cmu-serif-italic.ttf", cwd, *cwd ? "/" : "", dir);
    snprintf(link, sizeof(link), "%s/cmu-serif-regular.ttf", tmp);
    CHECK_INT(symlink(target, link), 0);
    rc_font_store *s = rc_font_store_new(tmp);
    rc_diags d;
    rc_diags_init(&d);
    rc_face *face = rc_store_shipped_face(s, "cmu-serif-regular.ttf", "CMU Serif", RC_USE_TEXT, &d);
    CHECK(face != NULL);
    if (face) {
        uint32_t word[] = {'W', 'A', 'V', 'E'};
        int out[4];
        rc_face_kerning(face, word, 4, out);
        CHECK_INT((int)rc_face_shape_count(face), 1);
        CHECK(out[0] < 0); /* and it is still kerned, by shaping */
        /* the italic's widths, not the regular's */
        CHECK_INT(rc_face_advance(face, 'a'), 511);
    }
    rc_diags_release(&d);
    rc_font_store_free(s);
    unlink(link);
    rmdir(tmp);
}

static void test_shipped_families(const char *dir)
{
    static const struct {
        const char *family;
        unsigned upem;
        int greek;
    } families[] = {{"Rescomp Serif", 2048, 0}, {"Rescomp Sans", 2000, 1}};
    rc_font_store *s = rc_font_store_new(dir);
    for (size_t i = 0; i < RC_ARRAY_LEN(families); i++) {
        rc_family_request req[RC_ROLE_COUNT] = {[RC_ROLE_BODY] = {families[i].family, {0}, 1}};
        rc_fonts f;
        rc_diags d;
        rc_diags_init(&d);
        int status = rc_fonts_open(&f, s, req, &d);
        CHECK_INT(status, 0);
        CHECK_INT((int)d.n, 0);
        if (status == 0) {
            CHECK_STR(rc_face_name(f.faces[RC_FACE_BOLD_ITALIC]) + strlen(families[i].family),
                      " Bold Italic");
            for (int id = 0; id <= RC_FACE_BOLD_ITALIC; id++)
                CHECK_INT(f.synthetic[id], 0);
            test_libharu_agrees(&f, 0);
            test_shipped_files(&f, families[i].upem, families[i].greek);
            rc_fonts_release(&f);
        }
        rc_diags_release(&d);
    }
    rc_font_store_free(s);
}

/*
 * Families and fallbacks against the installed fonts the tests see
 * (tests/fonts.conf.in: DejaVu Sans regular and bold, DejaVu Serif regular,
 * Droid Sans Fallback). Skipped, loudly, without that configuration.
 */
static rc_family_request family(const char *name, int line, int user)
{
    return (rc_family_request){name, {"cv.yaml", line, 7}, user};
}

static int count_warnings(const rc_diags *d, const char *needle)
{
    int n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->v[i].severity == RC_WARNING && strstr(d->v[i].message, needle) != NULL;
    return n;
}

static void test_families(const char *dir)
{
    const char *conf = getenv("FONTCONFIG_FILE");
    if (!conf || !strstr(conf, "fonts.conf")) {
        fprintf(stderr, "test_font: FONTCONFIG_FILE is not the tests' fonts.conf: families "
                        "not tested (run under ctest)\n");
        CHECK(0);
        return;
    }
    rc_font_store *s = rc_font_store_new(dir);
    rc_diags d;

    /* Installed families: real faces where they exist, synthetic ones where not. */
    rc_family_request req[RC_ROLE_COUNT] = {
        [RC_ROLE_BODY] = family("DejaVu Sans", 3, 1),
        [RC_ROLE_NAME] = family("DejaVu Serif", 4, 1),
        [RC_ROLE_HEADLINE] = family("dejavu serif", 5, 1), /* names ignore case */
        [RC_ROLE_CONNECTIONS] = family("Libertinus Serif", 6, 1), /* RenderCV's: CMU Serif, quietly */
        [RC_ROLE_SECTION_TITLES] = family("No Such Family", 7, 1),
    };
    rc_fonts f;
    rc_diags_init(&d);
    CHECK_INT(rc_fonts_open(&f, s, req, &d), 0);
    CHECK_INT(d.nerrors, 0);
    CHECK_INT((int)d.n, 1);
    CHECK_INT(count_warnings(&d, "'No Such Family' is not installed; using 'CMU Serif'"), 1);
    CHECK(d.n == 1 && d.v[0].pos.line == 7 && d.v[0].pos.col == 7);
    CHECK_STR(rc_face_name(f.faces[RC_FACE_REGULAR]), "DejaVu Sans");
    CHECK_STR(rc_face_name(f.faces[RC_FACE_BOLD]), "DejaVu Sans Bold");
    CHECK_INT(f.synthetic[RC_FACE_REGULAR], 0);
    CHECK_INT(f.synthetic[RC_FACE_BOLD], 0);
    CHECK(f.faces[RC_FACE_ITALIC] == f.faces[RC_FACE_REGULAR]); /* no oblique installed */
    CHECK_INT(f.synthetic[RC_FACE_ITALIC], RC_SYNTH_SLANT);
    CHECK(f.faces[RC_FACE_BOLD_ITALIC] == f.faces[RC_FACE_BOLD]);
    CHECK_INT(f.synthetic[RC_FACE_BOLD_ITALIC], RC_SYNTH_SLANT);
    /* Name and headline share one family; Libertinus Serif and the unknown name are CMU Serif. */
    CHECK_INT(f.nfamilies, 3);
    CHECK_INT(f.role_family[RC_ROLE_BODY], 0);
    CHECK_INT(f.role_family[RC_ROLE_NAME], 1);
    CHECK_INT(f.role_family[RC_ROLE_HEADLINE], 1);
    CHECK_INT(f.role_family[RC_ROLE_CONNECTIONS], 2);
    CHECK_INT(f.role_family[RC_ROLE_SECTION_TITLES], 2);
    rc_face_id serif_bold = rc_fonts_face(&f, 1, RC_VARIANT_BOLD);
    CHECK_STR(rc_face_name(f.faces[serif_bold]), "DejaVu Serif");
    CHECK_INT(f.synthetic[serif_bold], RC_SYNTH_BOLD);
    CHECK_INT(f.synthetic[rc_fonts_face(&f, 1, RC_VARIANT_BOLD | RC_VARIANT_ITALIC)],
              RC_SYNTH_BOLD | RC_SYNTH_SLANT);
    CHECK_STR(rc_face_name(f.faces[rc_fonts_face(&f, 2, RC_VARIANT_ITALIC)]), "CMU Serif Italic");

    /* The fallback chain: the document's families first (Armenian for the typewriter face)... */
    size_t before = f.nfaces;
    CHECK(!rc_face_has_char(f.faces[RC_FACE_MONO], 0x531)); /* Armenian */
    CHECK_INT(rc_fonts_fallback(&f, RC_FACE_MONO, 0x531), RC_FACE_REGULAR);
    CHECK_INT((int)f.nfaces, (int)before);
    /* ...then an installed font that has it, added once per style. */
    rc_face_id cjk = rc_fonts_fallback(&f, RC_FACE_REGULAR, 0x6771);
    CHECK_INT(cjk, (int)before);
    CHECK(cjk >= 0 && !strcmp(rc_face_name(f.faces[cjk]), "Droid Sans Fallback"));
    CHECK(cjk >= 0 && f.synthetic[cjk] == 0);
    CHECK_INT(rc_fonts_fallback(&f, RC_FACE_REGULAR, 0x4EAC), cjk);
    rc_face_id cjk_bold = rc_fonts_fallback(&f, RC_FACE_BOLD, 0x6771);
    CHECK_INT(cjk_bold, (int)before + 1);
    CHECK(cjk_bold >= 0 && f.faces[cjk_bold] == f.faces[cjk]);
    CHECK(cjk_bold >= 0 && f.synthetic[cjk_bold] == RC_SYNTH_BOLD);
    CHECK_INT(rc_fonts_fallback(&f, serif_bold, 0x4EAC), cjk_bold);
    /* Beyond the BMP: DejaVu Sans has U+1F600 (an emoji), the typewriter face not. */
    const rc_face *sans = f.faces[RC_FACE_REGULAR];
    CHECK_INT(rc_fonts_fallback(&f, RC_FACE_MONO, 0x1F600), RC_FACE_REGULAR);
    CHECK(rc_face_has_char(sans, 0x1F600));
    CHECK(rc_face_glyph(sans, 0x1F600) != 0);
    CHECK(rc_face_advance(sans, 0x1F600) > 0);
    CHECK(!rc_face_has_char(sans, 0x1F6FF0)); /* beyond Unicode */
    CHECK(!rc_face_has_char(sans, 0x110000));
    /* No font has Ethiopic; icons never fall back. */
    CHECK_INT(rc_fonts_fallback(&f, RC_FACE_REGULAR, 0x1200), -1);
    CHECK_INT(rc_fonts_fallback(&f, RC_FACE_REGULAR, 0x1200), -1);
    CHECK_INT(rc_fonts_fallback(&f, RC_FACE_ICONS, 'a'), -1);
    CHECK_INT((int)f.nfaces, (int)before + 2);
    rc_diags_release(&d);
    rc_fonts_release(&f);

    /* A theme's family is not the user's: no warning when it is unknown. */
    rc_family_request quiet[RC_ROLE_COUNT] = {[RC_ROLE_BODY] = family("Source Sans 3", 2, 0)};
    rc_diags_init(&d);
    CHECK_INT(rc_fonts_open(&f, s, quiet, &d), 0);
    CHECK_INT((int)d.n, 0);
    rc_diags_release(&d);
    rc_fonts_release(&f);

    /* An installed family that cannot be used says why. */
    rc_family_request cjk_body[RC_ROLE_COUNT] = {
        [RC_ROLE_BODY] = family("Droid Sans Fallback", 2, 1)};
    rc_diags_init(&d);
    CHECK_INT(rc_fonts_open(&f, s, cjk_body, &d), 0);
    CHECK_INT(count_warnings(&d, "font family 'Droid Sans Fallback' cannot be used"), 1);
    CHECK_INT(count_warnings(&d, "it has no Latin characters"), 1);
    CHECK_STR(rc_face_name(f.faces[RC_FACE_REGULAR]), "Rescomp Sans"); /* a "Sans" name */
    rc_diags_release(&d);
    rc_fonts_release(&f);

    /* Both documents' faces stay in the store, each loaded once. */
    size_t n = rc_font_store_count(s);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            CHECK(strcmp(rc_face_path(rc_font_store_face(s, i)),
                         rc_face_path(rc_font_store_face(s, j))) != 0);
    rc_font_store_free(s);
}

/*
 * rc_face_shape_glyphs in DejaVu Sans: an Arabic word's marks keep where
 * HarfBuzz places them over their letters (its GPOS: the damma of مُحَمَّد
 * 38 units right and 350 down of where it stands alone, 2048 units an
 * em), a moved mark names its glyph even when it is the letter's own; a
 * Hebrew word whose marks HarfBuzz sorts (shin dot before qamats, the
 * text has them the other way round) is still shaped, each mark read as
 * written.
 */
/* A word shaped right to left (rc_face_shape_glyphs), what it gives per code point. */
typedef struct shaped {
    int ok;
    int kern[16];
    uint8_t lig[16];
    uint16_t gids[16];
    rc_glyph_offset off[16];
} shaped;

static shaped shape_word(const rc_face *face, const uint32_t *cps, size_t n)
{
    shaped w;
    memset(&w, 0, sizeof(w));
    w.ok = n <= 16 && rc_face_shape_glyphs(face, cps, n, w.kern, w.lig, w.gids, w.off);
    return w;
}

static void test_shape_marks(void)
{
    rc_font_store *s;
    rc_face *face = rc_test_dejavu(&s, "marks");
    if (face) {
        const uint32_t muhammad[] = {0x0645, 0x064F, 0x062D, 0x064E, 0x0645, 0x0651, 0x064E, 0x062F};
        shaped w = shape_word(face, muhammad, RC_ARRAY_LEN(muhammad));
        CHECK_INT(w.ok, 1);
        CHECK_INT(w.off[1].x, 19);   /* 38 * 1000 / 2048, rounded */
        CHECK_INT(w.off[1].y, -171); /* -350 * 1000 / 2048 */
        CHECK_INT(w.gids[1], rc_face_glyph(face, 0x064F));
        CHECK(w.off[0].x == 0 && w.off[0].y == 0); /* a letter stays on its pen */

        const uint32_t shalom[] = {0x05E9, 0x05B8, 0x05C1, 0x05DC, 0x05D5, 0x05B9, 0x05DD};
        w = shape_word(face, shalom, RC_ARRAY_LEN(shalom));
        CHECK_INT(w.ok, 1);
        for (size_t i = 0; i < RC_ARRAY_LEN(shalom); i++)
            CHECK_INT(w.lig[i], 1);
    }
    rc_font_store_free(s);
}

int main(void)
{
    char *dir = rc_fonts_find_dir();
    CHECK(dir != NULL);
    if (!dir) {
        fprintf(stderr, "test_font: no font directory; set RESCOMP_FONT_DIR to the source fonts/\n");
        return rc_test_report("test_font");
    }
    rc_fonts f;
    rc_diags d;
    rc_diags_init(&d);
    int status = rc_fonts_load(&f, dir, &d);
    CHECK_INT(status, 0);
    CHECK_INT(d.n, 0);
    rc_diags_print(&d, stderr);
    if (status == 0) {
        test_names_and_paths(&f);
        test_coverage(&f);
        test_libharu_agrees(&f, 1);
        test_shipped_files(&f, 1000, 1);
        test_kerning(&f);
        test_vertical_metrics(&f);
        test_icons(&f);
        rc_fonts_release(&f);
    }
    rc_diags_release(&d);
    test_rounding_other_upem();
    test_shape_marks();
    test_families(dir);
    test_shipped_families(dir);
    test_builtin_faces(dir);
    test_builtin_other_file(dir);
    test_errors(dir);
    free(dir);
    return rc_test_report("test_font");
}
