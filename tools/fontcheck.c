/*
 * fontcheck: check fonts prepared by fonts/prepare.py against libharu 2.3.0
 * and HarfBuzz, and write a specimen PDF to look at.
 *
 *   cc -O2 -Wall -o fontcheck tools/fontcheck.c $(pkg-config --cflags --libs harfbuzz) -lhpdf
 *   ./fontcheck OUT.pdf fonts/a.ttf[=SOURCE.ttf] fonts/b.otf[=SOURCE.otf] ...
 *
 * Not part of the build: a developer runs it after regenerating the fonts
 * (see fonts/README.md). For each file it
 *
 * - loads it into libharu with embedding (HPDF_LoadTTFontFromFile(...,
 *   HPDF_TRUE), HPDF_GetFont(..., "UTF-8")), the way rescomp does;
 * - compares, for every code point the font maps, the advance width by
 *   libharu's rule ((unsigned)advance * 1000 / units_per_em, truncated) with
 *   HPDF_Font_GetUnicodeWidth;
 * - counts composite glyphs in glyf (there must be none: libharu embeds
 *   only one level of components);
 * - with =SOURCE, shapes every ordered pair of the file's characters with
 *   HarfBuzz in the file and in its source (features as rescomp's font.c
 *   asks, plus the source's default substitutions and mark positioning
 *   turned off, and the fractions HarfBuzz makes around U+2044 by itself)
 *   and counts the pairs whose positions differ (there must be none: the
 *   subset keeps every kern pair);
 * - draws a label line and Latin, accented, Greek, Cyrillic and bullet
 *   sample lines (characters the face lacks are left out and listed).
 *
 * A face with CFF outlines (.otf) gets the HarfBuzz comparison alone: libharu
 * 2.3.0 cannot load it, and rescomp embeds CFF itself (src/cff.h; the tests
 * in tests/cff check those PDFs).
 *
 * Embedding happens when the PDF is saved. Exit status 1 if anything failed.
 * Then: pdffonts OUT.pdf; pdftotext OUT.pdf -; pdftoppm -r 100 -png OUT.pdf x.
 */
#include <hb.h>
#include <hb-ot.h>
#include <hpdf.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int first_error;

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    (void)user;
    fprintf(stderr, "libharu error 0x%04X (detail %u)\n", (unsigned)error, (unsigned)detail);
    if (!first_error)
        first_error = (int)error;
}

typedef struct {
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    unsigned upem;
} hb_file;

static int hb_open(hb_file *f, const char *path)
{
    f->blob = hb_blob_create_from_file_or_fail(path);
    if (!f->blob)
        return -1;
    f->face = hb_face_create(f->blob, 0);
    f->upem = hb_face_get_upem(f->face);
    f->font = hb_font_create(f->face);
    hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
    return hb_face_get_glyph_count(f->face) ? 0 : -1;
}

static void hb_close(hb_file *f)
{
    hb_font_destroy(f->font);
    hb_face_destroy(f->face);
    hb_blob_destroy(f->blob);
}

static unsigned be16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Glyphs whose glyf record has numberOfContours < 0. */
static int count_composites(const hb_file *f)
{
    hb_blob_t *head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
    hb_blob_t *loca = hb_face_reference_table(f->face, HB_TAG('l', 'o', 'c', 'a'));
    hb_blob_t *glyf = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
    unsigned head_len, loca_len, glyf_len;
    const uint8_t *h = (const uint8_t *)hb_blob_get_data(head, &head_len);
    const uint8_t *l = (const uint8_t *)hb_blob_get_data(loca, &loca_len);
    const uint8_t *g = (const uint8_t *)hb_blob_get_data(glyf, &glyf_len);
    int long_loca = head_len >= 54 && be16(h + 50) == 1;
    unsigned n = hb_face_get_glyph_count(f->face);
    int composites = 0;
    for (unsigned gid = 0; gid < n; gid++) {
        uint32_t from, to;
        if (long_loca) {
            if ((gid + 2) * 4 > loca_len)
                break;
            from = be32(l + gid * 4);
            to = be32(l + gid * 4 + 4);
        } else {
            if ((gid + 2) * 2 > loca_len)
                break;
            from = 2 * be16(l + gid * 2);
            to = 2 * be16(l + gid * 2 + 2);
        }
        if (to > from && to <= glyf_len && to - from >= 10 && (int16_t)be16(g + from) < 0)
            composites++;
    }
    hb_blob_destroy(head);
    hb_blob_destroy(loca);
    hb_blob_destroy(glyf);
    return composites;
}

/* The script of a run as rescomp's font.c picks it. */
static hb_script_t run_script(const uint32_t *cps, unsigned n)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (unsigned i = 0; i < n; i++) {
        hb_script_t s = hb_unicode_script(uf, cps[i]);
        if (s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN)
            return s;
    }
    return HB_SCRIPT_LATIN;
}

#define FEATURE(a, b, c, d, v) {HB_TAG(a, b, c, d), v, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END}

/* rescomp's features (src/font.c), then the source's defaults turned off. */
static const hb_feature_t features[] = {
    FEATURE('k', 'e', 'r', 'n', 1), FEATURE('l', 'i', 'g', 'a', 0), FEATURE('c', 'l', 'i', 'g', 0),
    FEATURE('d', 'l', 'i', 'g', 0), FEATURE('c', 'c', 'm', 'p', 0), FEATURE('l', 'o', 'c', 'l', 0),
    FEATURE('c', 'a', 'l', 't', 0), FEATURE('r', 'l', 'i', 'g', 0), FEATURE('r', 'c', 'l', 't', 0),
    FEATURE('m', 'a', 'r', 'k', 0), FEATURE('m', 'k', 'm', 'k', 0),
    /* HarfBuzz turns these on around U+2044 FRACTION SLASH by itself. */
    FEATURE('f', 'r', 'a', 'c', 0), FEATURE('n', 'u', 'm', 'r', 0), FEATURE('d', 'n', 'o', 'm', 0),
};

/* Shapes a pair; 0 and the positions if it gave two glyphs, else -1. */
static int shape_pair(hb_font_t *font, hb_buffer_t *buf, const uint32_t pair[2], unsigned nf,
                      hb_position_t out[4])
{
    hb_buffer_clear_contents(buf);
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_CHARACTERS);
    hb_buffer_set_flags(buf, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT |
                                 HB_BUFFER_FLAG_PRESERVE_DEFAULT_IGNORABLES);
    hb_buffer_add_utf32(buf, pair, 2, 0, 2);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, run_script(pair, 2));
    hb_shape(font, buf, features, nf);
    unsigned len;
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &len);
    if (len != 2)
        return -1;
    out[0] = pos[0].x_advance;
    out[1] = pos[0].x_offset;
    out[2] = pos[1].x_advance;
    out[3] = pos[1].x_offset;
    return 0;
}

/* Whether the source's GDEF classes a character's glyph as a mark: prepare.py
   makes such spacing glyphs base glyphs (spacing_not_marks), where HarfBuzz
   zeroes a mark's advance in the source. */
static int source_mark(const hb_file *src, uint32_t cp)
{
    hb_codepoint_t g;
    return hb_font_get_nominal_glyph(src->font, cp, &g) &&
           hb_ot_layout_get_glyph_class(src->face, g) == HB_OT_LAYOUT_GLYPH_CLASS_MARK;
}

/* Every ordered pair of the file's characters: positions equal in both? */
static int compare_kerning(const hb_file *out, const hb_file *src, const uint32_t *cps,
                           unsigned n, const char *path)
{
    hb_buffer_t *buf = hb_buffer_create();
    long differ = 0, skipped = 0, kerned = 0, marks = 0;
    for (unsigned i = 0; i < n; i++)
        marks += source_mark(src, cps[i]);
    for (unsigned i = 0; i < n; i++) {
        hb_codepoint_t first = 0;
        hb_font_get_nominal_glyph(out->font, cps[i], &first);
        hb_position_t adv_first = hb_font_get_glyph_h_advance(out->font, first);
        for (unsigned j = 0; j < n; j++) {
            uint32_t pair[2] = {cps[i], cps[j]};
            hb_position_t a[4], b[4];
            if (source_mark(src, pair[0]) || source_mark(src, pair[1])) {
                skipped++;
                continue;
            }
            /* The shipped file has no other feature: rescomp's list is enough. */
            if (shape_pair(out->font, buf, pair, 4, a) != 0) {
                skipped++;
                continue;
            }
            if (shape_pair(src->font, buf, pair, sizeof(features) / sizeof(features[0]), b) != 0) {
                skipped++;
                continue;
            }
            if (memcmp(a, b, sizeof(a)) != 0 && differ++ < 5)
                fprintf(stderr, "%s: U+%04X U+%04X: %d %d %d %d, source %d %d %d %d\n", path,
                        (unsigned)pair[0], (unsigned)pair[1], a[0], a[1], a[2], a[3], b[0], b[1],
                        b[2], b[3]);
            kerned += a[0] != adv_first;
        }
    }
    hb_buffer_destroy(buf);
    printf("  HarfBuzz: %ld of %ld character pairs kerned (script as rescomp picks it), %ld "
           "differ from the source, %ld not two glyphs or with one of %ld characters the "
           "source classes as marks\n",
           kerned, (long)n * n - skipped, differ, skipped, marks);
    return differ == 0 ? 0 : -1;
}

static const char *const samples[] = {
    /* Latin with kerning pairs and accents of several languages. */
    "AVATAR Tokyo Wave 0123456789 \xC3\x81\xC3\xA9\xC3\xAD\xC3\xB3\xC3\xBA \xC3\xA3\xC3\xB1"
    "\xC3\xB5 \xC5\x8D\xC4\x81 \xC4\x85\xC4\x99\xC5\x82\xC5\xBC\xC5\x9B \xC5\x91\xC5\xB1 "
    "\xC5\x9F\xC8\x9B\xC4\x8D\xC5\x99\xC5\xBE \xC3\x85\xC3\x86\xC3\x98\xC3\x9F \xC3\x87\xC3"
    "\xBC\xC3\xB6\xC3\xA4",
    /* Cyrillic: a Russian pangram, then Ukrainian, Belarusian, Serbian letters. */
    "\xD0\xA1\xD1\x8A\xD0\xB5\xD1\x88\xD1\x8C \xD0\xB6\xD0\xB5 \xD0\xB5\xD1\x89\xD1\x91 "
    "\xD1\x8D\xD1\x82\xD0\xB8\xD1\x85 \xD0\xBC\xD1\x8F\xD0\xB3\xD0\xBA\xD0\xB8\xD1\x85 "
    "\xD1\x84\xD1\x80\xD0\xB0\xD0\xBD\xD1\x86\xD1\x83\xD0\xB7\xD1\x81\xD0\xBA\xD0\xB8\xD1\x85 "
    "\xD0\xB1\xD1\x83\xD0\xBB\xD0\xBE\xD0\xBA \xD0\x81\xD0\xB6 \xD2\x90\xD2\x91 \xD0\x87\xD1\x97 "
    "\xD0\x84\xD1\x94 \xD0\x8E\xD1\x9E \xD0\x82\xD1\x92 \xD0\x89\xD1\x99 \xD0\x8B\xD1\x9B "
    "\xD0\x8F\xD1\x9F \xD0\x99\xD0\xAB\xD0\xAE\xD0\xAF",
    /* Greek, then the bullets and separators themes use. */
    "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 \xCE\xAC\xCE\xAD\xCF\x8E \xE2\x80\xA2 \xE2\x80\x93 "
    "\xE2\x80\x94 \xE2\x80\x99 \xC2\xB7 \xE2\x97\xA6 \xE2\x80\xA3 \xE2\x86\x92 \xE2\x80\x9E"
    "\xE2\x80\x9C \xC2\xAB\xC2\xBB \xE2\x82\xAC \xE2\x84\x96 \xE2\x80\xA6",
};

/* UTF-8 decoding of the samples above (well-formed by construction). */
static unsigned decode(const char *s, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if (p[0] < 0xE0) {
        *cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
        return 2;
    }
    *cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
    return 3;
}

/* The sample without the characters the face lacks, which go to `lacks`. */
static void filter(const hb_file *f, const char *s, char *out, size_t cap, char *lacks,
                   size_t lacks_cap)
{
    size_t o = 0;
    while (*s) {
        uint32_t cp;
        unsigned k = decode(s, &cp);
        hb_codepoint_t g;
        if (cp == ' ' || hb_font_get_nominal_glyph(f->font, cp, &g)) {
            if (o + k < cap) {
                memcpy(out + o, s, k);
                o += k;
            }
        } else {
            size_t l = strlen(lacks);
            snprintf(lacks + l, lacks_cap - l, " U+%04X", (unsigned)cp);
        }
        s += k;
    }
    out[o] = 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s OUT.pdf FONT.ttf[=SOURCE.ttf] ...\n", argv[0]);
        return 2;
    }
    int failed = 0;
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    if (!pdf)
        return 1;
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_Font label_font = HPDF_GetFont(pdf, "Helvetica", NULL);
    HPDF_Page page = NULL;
    float y = 0;

    for (int a = 2; a < argc; a++) {
        char path[1024], *source = NULL;
        snprintf(path, sizeof(path), "%s", argv[a]);
        char *eq = strchr(path, '=');
        if (eq) {
            *eq = 0;
            source = eq + 1;
        }
        hb_file f;
        if (hb_open(&f, path) != 0) {
            fprintf(stderr, "%s: not a font HarfBuzz can read\n", path);
            failed = 1;
            continue;
        }
        static uint32_t cps[0x10000];
        unsigned n = 0, mismatches = 0;
        hb_blob_t *cff = hb_face_reference_table(f.face, HB_TAG('C', 'F', 'F', ' '));
        int is_cff = hb_blob_get_length(cff) > 0;
        hb_blob_destroy(cff);
        if (is_cff) {
            for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
                hb_codepoint_t gid;
                if (hb_font_get_nominal_glyph(f.font, cp, &gid))
                    cps[n++] = cp;
            }
            printf("%s: CFF outlines (not for libharu), %u units/em, %u code points\n", path,
                   f.upem, n);
            hb_file s;
            if (source && hb_open(&s, source) != 0) {
                fprintf(stderr, "%s: not a font HarfBuzz can read\n", source);
                failed = 1;
            } else if (source) {
                if (s.upem != f.upem || compare_kerning(&f, &s, cps, n, path) != 0)
                    failed = 1;
                hb_close(&s);
            }
            hb_close(&f);
            continue;
        }
        first_error = 0;
        const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
        HPDF_Font font = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
        if (!font) {
            fprintf(stderr, "%s: libharu cannot load it\n", path);
            failed = 1;
            hb_close(&f);
            continue;
        }
        /* Widths by libharu's rule, against libharu, for every mapped code point. */
        for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
            hb_codepoint_t gid;
            if (!hb_font_get_nominal_glyph(f.font, cp, &gid))
                continue;
            cps[n++] = cp;
            uint32_t aw = (uint32_t)hb_font_get_glyph_h_advance(f.font, gid);
            int ours = (int)((aw * 1000u / f.upem) & 0xFFFFu);
            int theirs = HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
            if (ours != theirs && mismatches++ < 5)
                fprintf(stderr, "%s U+%04X: width %d, libharu %d\n", path, (unsigned)cp, ours,
                        theirs);
        }
        int composites = count_composites(&f);
        printf("%s: libharu name %s, %u units/em, %u code points, %u width mismatches, "
               "%d composite glyphs, ascent %d descent %d cap height %u x-height %u\n",
               path, name, f.upem, n, mismatches, composites, HPDF_Font_GetAscent(font),
               HPDF_Font_GetDescent(font), HPDF_Font_GetCapHeight(font),
               HPDF_Font_GetXHeight(font));
        if (mismatches || composites)
            failed = 1;
        if (source) {
            hb_file s;
            if (hb_open(&s, source) != 0) {
                fprintf(stderr, "%s: not a font HarfBuzz can read\n", source);
                failed = 1;
            } else {
                if (s.upem != f.upem || compare_kerning(&f, &s, cps, n, path) != 0)
                    failed = 1;
                hb_close(&s);
            }
        }

        /* The specimen: a label in Helvetica, then the samples in the face. */
        if (!page || y < 120) {
            page = HPDF_AddPage(pdf);
            HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
            y = HPDF_Page_GetHeight(page) - 40;
        }
        char lacks[256] = "";
        char text[1024];
        float size = 12;
        HPDF_Page_BeginText(page);
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        char label[1536];
        HPDF_Page_SetFontAndSize(page, label_font, 8);
        for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
            filter(&f, samples[i], text, sizeof(text), lacks, sizeof(lacks));
        snprintf(label, sizeof(label), "%s (%s)%s%s", base, name, *lacks ? "  lacks" : "", lacks);
        HPDF_Page_TextOut(page, 40, y, label);
        y -= size + 4;
        HPDF_Page_SetFontAndSize(page, font, size);
        for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
            char unused[256] = "";
            filter(&f, samples[i], text, sizeof(text), unused, sizeof(unused));
            HPDF_Page_TextOut(page, 40, y, text);
            y -= size + 5;
        }
        HPDF_Page_EndText(page);
        y -= 8;
        if (first_error)
            failed = 1;
        hb_close(&f);
    }
    first_error = 0;
    if (HPDF_SaveToFile(pdf, argv[1]) != HPDF_OK || first_error) {
        fprintf(stderr, "%s: libharu could not save (embedding failed?)\n", argv[1]);
        failed = 1;
    }
    HPDF_Free(pdf);
    printf(failed ? "FAILED\n" : "all checks passed\n");
    return failed;
}
