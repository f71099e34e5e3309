/*
 * facedump: compile a shipped face's metrics into C data, at build time.
 *
 *   facedump FONT.ttf NAME OUTPUT.c
 *
 * The face is loaded with rescomp's own font module (src/font.c, linked
 * into this tool) the way it loads any installed font, through HarfBuzz,
 * and everything the layout asks of a face is written down as
 * `const rc_face_data rc_face_data_NAME` (src/face_data.h): the characters
 * it covers with their glyphs and widths, its vertical metrics, and the
 * kerning of every pair of its characters, each pair set as a
 * two-character word (shaped exactly as the layout would) and folded into
 * a class matrix. At run time a word's kerning is then a lookup per pair;
 * that a word's kerning is the sum of its pairs' holds for the shipped
 * faces, whose only layout features are pair kerning and plain ligatures,
 * and tests/unit/test_font.c checks all of it against HarfBuzz.
 *
 * The ligatures are read from the font's GSUB table ('liga' for Latin
 * text, the lookups HarfBuzz would apply, in its order; HarfBuzz has no
 * API that lists a ligature lookup's entries), and each ligature glyph is
 * kerned against every character and ligature glyph by shaping the pair
 * through a font whose private code points U+F0000 + gid show glyph gid.
 */
#include "face_data.h"
#include "font.h"
#include "font_store.h"
#include "sfnt.h"

#include <hb.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* font.c looks the compiled faces up here; the tool makes them, so it has none. */
const rc_face_data *const rc_face_builtins[] = {NULL};

/*
 * Classes of the rows of an n x n matrix read with stride (row, column):
 * rows that are equal share a class, and class 0 is the all-zero row.
 * Returns the number of classes.
 */
static unsigned classify(const int16_t *m, size_t n, size_t row_stride, size_t col_stride,
                         uint16_t *cls)
{
    size_t *first = malloc((n + 1) * sizeof(*first)); /* a row of each class */
    unsigned classes = 1;
    for (size_t i = 0; i < n; i++) {
        int zero = 1;
        for (size_t j = 0; j < n && zero; j++)
            zero = m[i * row_stride + j * col_stride] == 0;
        if (zero) {
            cls[i] = 0;
            continue;
        }
        unsigned c = 1;
        for (; c < classes; c++) {
            size_t r = first[c], j = 0;
            while (j < n && m[i * row_stride + j * col_stride] == m[r * row_stride + j * col_stride])
                j++;
            if (j == n)
                break;
        }
        if (c == classes)
            first[classes++] = i;
        cls[i] = (uint16_t)c;
    }
    free(first);
    return classes;
}

static void write_array(FILE *out, const char *type, const char *name, const void *v, size_t n,
                        int is_signed)
{
    fprintf(out, "static const %s %s[] = {", type, name);
    for (size_t i = 0; i < n; i++) {
        long x = is_signed ? ((const int16_t *)v)[i] : ((const uint16_t *)v)[i];
        fprintf(out, "%s%ld,", i % 16 ? " " : "\n    ", x);
    }
    fprintf(out, "%s};\n", n ? "\n" : "0");
}

/* Words with a mark or a format character are shaped whole at run time. */
static int shaped_whole(uint32_t cp)
{
    hb_unicode_general_category_t gc =
        hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
    return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_FORMAT;
}

/* ---- the 'liga' lookups ------------------------------------------------ */

static const char *dump_path; /* for messages */

static void die(const char *what)
{
    fprintf(stderr, "facedump: %s: GSUB: %s\n", dump_path, what);
    exit(1);
}

/* The 16-bit value at t + off, which must lie within the table. */
static unsigned u16(const unsigned char *t, size_t len, size_t off)
{
    if (off + 2 > len)
        die("offset out of range");
    return rc_be16(t + off);
}

typedef struct ligs {
    rc_face_lig *v;
    size_t n, cap;
    uint16_t lookups[257];
    size_t nlookups;
} ligs;

/* Coverage index of every glyph, into cov[gid] (-1: not covered). */
static void read_coverage(const unsigned char *t, size_t len, size_t off, int *cov, unsigned nglyphs)
{
    for (unsigned g = 0; g < nglyphs; g++)
        cov[g] = -1;
    unsigned format = u16(t, len, off), count = u16(t, len, off + 2);
    for (unsigned i = 0; i < count; i++) {
        if (format == 1) {
            unsigned g = u16(t, len, off + 4 + 2 * i);
            if (g < nglyphs)
                cov[g] = (int)i;
        } else if (format == 2) {
            size_t r = off + 4 + 6 * (size_t)i;
            unsigned start = u16(t, len, r), end = u16(t, len, r + 2), index = u16(t, len, r + 4);
            for (unsigned g = start; g <= end && g < nglyphs; g++)
                cov[g] = (int)(index + g - start);
        } else {
            die("unknown coverage format");
        }
    }
}

/* One ligature substitution subtable (format 1) at off: its ligatures, in the order tried. */
static void read_lig_subtable(const unsigned char *t, size_t len, size_t off, ligs *out,
                              unsigned nglyphs)
{
    if (u16(t, len, off) != 1)
        die("unknown ligature subtable format");
    int *cov = malloc(nglyphs * sizeof(*cov));
    read_coverage(t, len, off + u16(t, len, off + 2), cov, nglyphs);
    unsigned nsets = u16(t, len, off + 4);
    /* The glyphs in glyph order: HarfBuzz tries the set of the glyph it is at. */
    for (unsigned g = 0; g < nglyphs; g++) {
        if (cov[g] < 0 || (unsigned)cov[g] >= nsets)
            continue;
        size_t set = off + u16(t, len, off + 6 + 2 * (size_t)cov[g]);
        unsigned count = u16(t, len, set);
        for (unsigned k = 0; k < count; k++) {
            size_t lig = set + u16(t, len, set + 2 + 2 * (size_t)k);
            unsigned ncomp = u16(t, len, lig + 2);
            if (ncomp < 2 || ncomp - 1 > RC_LIG_COMPS)
                die("a ligature of one or of more than four glyphs");
            RC_VEC_PUSH(out->v, out->n, out->cap);
            rc_face_lig *l = &out->v[out->n++];
            memset(l, 0, sizeof(*l));
            l->first = (uint16_t)g;
            l->glyph = (uint16_t)u16(t, len, lig); /* a glyph id until renumbered */
            l->ncomp = (uint16_t)(ncomp - 1);
            for (unsigned c = 0; c + 1 < ncomp; c++)
                l->comp[c] = (uint16_t)u16(t, len, lig + 4 + 2 * (size_t)c);
        }
    }
    free(cov);
}

static int compare_u16(const void *a, const void *b)
{
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/*
 * The ligatures HarfBuzz applies to Latin text: the 'liga' features of the
 * 'latn' script's default language system (else DFLT's), their lookups in
 * ascending order, each lookup's subtables in order.
 */
static void read_ligatures(const rc_face *face, ligs *out, unsigned nglyphs)
{
    size_t size, len = 0;
    unsigned index;
    const unsigned char *file = rc_face_file(face, &size, &index);
    const unsigned char *t = file ? rc_sfnt_table(file, size, index,
                                                  RC_SFNT_TAG('G', 'S', 'U', 'B'), &len) : NULL;
    out->nlookups = 0;
    if (!t || len < 10)
        return;
    size_t scripts = u16(t, len, 4), features = u16(t, len, 6), lookups = u16(t, len, 8);
    size_t langsys = 0;
    unsigned nscripts = u16(t, len, scripts);
    for (int pass = 0; pass < 2 && !langsys; pass++)
        for (unsigned i = 0; i < nscripts && !langsys; i++) {
            size_t rec = scripts + 2 + 6 * (size_t)i;
            if (len < rec + 4)
                die("script record out of range");
            if (!memcmp(t + rec, pass ? "DFLT" : "latn", 4)) {
                size_t script = scripts + u16(t, len, rec + 4);
                unsigned def = u16(t, len, script);
                langsys = def ? script + def : 0;
            }
        }
    if (!langsys)
        return;
    uint16_t lk[256];
    size_t nlk = 0;
    unsigned nfeat = u16(t, len, langsys + 4), nfeatures = u16(t, len, features);
    for (unsigned i = 0; i < nfeat; i++) {
        unsigned fi = u16(t, len, langsys + 6 + 2 * (size_t)i);
        size_t rec = features + 2 + 6 * (size_t)fi;
        if (fi >= nfeatures || len < rec + 6)
            die("feature index out of range");
        if (memcmp(t + rec, "liga", 4))
            continue;
        size_t feat = features + u16(t, len, rec + 4);
        unsigned count = u16(t, len, feat + 2);
        for (unsigned k = 0; k < count && nlk < RC_ARRAY_LEN(lk); k++)
            lk[nlk++] = (uint16_t)u16(t, len, feat + 4 + 2 * (size_t)k);
    }
    qsort(lk, nlk, sizeof(*lk), compare_u16);
    for (size_t i = 0; i < nlk; i++) {
        if (i && lk[i] == lk[i - 1])
            continue;
        if (lk[i] >= u16(t, len, lookups))
            die("lookup index out of range");
        size_t lookup = lookups + u16(t, len, lookups + 2 + 2 * (size_t)lk[i]);
        unsigned type = u16(t, len, lookup), flag = u16(t, len, lookup + 2);
        unsigned nsub = u16(t, len, lookup + 4);
        if (flag & ~0x8u) /* IgnoreMarks only: a word with a mark is shaped by HarfBuzz */
            die("a 'liga' lookup with flags other than IgnoreMarks");
        if (out->nlookups + 1 >= RC_ARRAY_LEN(out->lookups))
            die("too many 'liga' lookups");
        size_t start = out->n;
        out->lookups[out->nlookups++] = (uint16_t)out->n;
        for (unsigned k = 0; k < nsub; k++) {
            size_t sub = lookup + u16(t, len, lookup + 6 + 2 * (size_t)k);
            unsigned kind = type;
            if (type == 7) { /* extension: the real subtable is further on */
                kind = u16(t, len, sub + 2);
                if (len < sub + 8)
                    die("extension out of range");
                sub += rc_be32(t + sub + 4);
            }
            if (kind != 4)
                die("a 'liga' lookup that is not a ligature substitution");
            read_lig_subtable(t, len, sub, out, nglyphs);
        }
        /*
         * By first glyph, keeping the order of those with the same one (an
         * insertion sort is stable): the only ligatures tried at a glyph are
         * those it starts, in this order, and font.c finds them by bisection.
         */
        for (size_t a = start + 1; a < out->n; a++)
            for (size_t z = a; z > start && out->v[z - 1].first > out->v[z].first; z--) {
                rc_face_lig tmp = out->v[z];
                out->v[z] = out->v[z - 1];
                out->v[z - 1] = tmp;
            }
    }
    out->lookups[out->nlookups] = (uint16_t)out->n;
}

/* ---- kerning of ligature glyphs ----------------------------------------- */

#define GLYPH_CP 0xF0000u /* U+F0000 + gid shows glyph gid (kern_font) */

static hb_bool_t nominal_glyph(hb_font_t *font, void *data, hb_codepoint_t cp,
                               hb_codepoint_t *glyph, void *user)
{
    (void)data;
    (void)user;
    if (cp >= GLYPH_CP && cp < GLYPH_CP + 0x10000u) {
        *glyph = cp - GLYPH_CP;
        return 1;
    }
    return hb_font_get_nominal_glyph(hb_font_get_parent(font), cp, glyph);
}

/*
 * The kerning between two items (characters, or GLYPH_CP + a ligature
 * glyph), 1/1000 em, as rc_face_kerning computes it: the first glyph's
 * advance in the pair less its own.
 */
static int kern_items(hb_font_t *font, hb_buffer_t *buf, uint32_t a, uint32_t b, int width_a,
                      unsigned upem)
{
    static const hb_feature_t features[] = {
        {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('d', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    };
    uint32_t word[2] = {a, b};
    hb_buffer_clear_contents(buf);
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_CHARACTERS);
    hb_buffer_set_flags(buf, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT |
                                 HB_BUFFER_FLAG_PRESERVE_DEFAULT_IGNORABLES);
    hb_buffer_add_utf32(buf, word, 2, 0, 2);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
    hb_shape(font, buf, features, RC_ARRAY_LEN(features));
    unsigned n = 0;
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    if (n != 2)
        die("a ligature glyph did not shape as itself");
    return (int)((int64_t)pos[0].x_advance * 1000 / (int64_t)upem) - width_a;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: facedump FONT.ttf NAME OUTPUT.c\n");
        return 2;
    }
    const char *path = argv[1], *name = argv[2];
    dump_path = path;
    const char *file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    rc_font_store *store = rc_font_store_new(NULL);
    const char *why = NULL;
    rc_face *face = rc_store_face(store, path, 0, NULL, RC_USE_FALLBACK, &why);
    uint32_t size = 0, checksum = 0;
    if (!face || !rc_face_fingerprint(face, &size, &checksum)) {
        fprintf(stderr, "facedump: %s: %s\n", path, why ? why : "no head table");
        return 1;
    }

    size_t n = 0;
    uint16_t *chars = malloc(0x10000 * sizeof(*chars));
    uint16_t *gids = malloc(0x10000 * sizeof(*gids));
    int16_t *widths = malloc(0x10000 * sizeof(*widths));
    for (uint32_t cp = 1; cp <= 0xFFFF; cp++)
        if (rc_face_has_char(face, cp)) {
            chars[n] = (uint16_t)cp;
            gids[n] = (uint16_t)rc_face_glyph(face, cp);
            widths[n] = (int16_t)rc_face_advance(face, cp);
            n++;
        }
    /* The ligatures, and their glyphs (ascending, each once) after the characters. */
    hb_face_t *hbf = rc_face_hb(face);
    unsigned nglyphs = hb_face_get_glyph_count(hbf), upem = hb_face_get_upem(hbf);
    ligs lg = {0};
    read_ligatures(face, &lg, nglyphs);
    uint16_t *lig_gids = malloc((lg.n + 1) * sizeof(*lig_gids));
    size_t m_ligs = 0;
    for (size_t i = 0; i < lg.n; i++)
        lig_gids[m_ligs++] = lg.v[i].glyph;
    qsort(lig_gids, m_ligs, sizeof(*lig_gids), compare_u16);
    size_t nl = 0;
    for (size_t i = 0; i < m_ligs; i++)
        if (!nl || lig_gids[i] != lig_gids[nl - 1])
            lig_gids[nl++] = lig_gids[i];
    for (size_t i = 0; i < lg.n; i++) {
        uint16_t *at = bsearch(&lg.v[i].glyph, lig_gids, nl, sizeof(*lig_gids), compare_u16);
        lg.v[i].glyph = (uint16_t)(at - lig_gids);
    }
    int16_t *lig_widths = malloc((nl + 1) * sizeof(*lig_widths));
    for (size_t i = 0; i < nl; i++)
        lig_widths[i] = (int16_t)rc_face_glyph_advance(face, lig_gids[i]);
    hb_font_t *parent = hb_font_create(hbf);
    hb_font_set_scale(parent, (int)upem, (int)upem);
    hb_font_t *kfont = hb_font_create_sub_font(parent);
    hb_font_funcs_t *funcs = hb_font_funcs_create();
    hb_font_funcs_set_nominal_glyph_func(funcs, nominal_glyph, NULL, NULL);
    hb_font_set_funcs(kfont, funcs, NULL, NULL);
    hb_buffer_t *buf = hb_buffer_create();

    /* Items: the n characters, then the nl ligature glyphs. */
    size_t ni = n + nl;
    int16_t *m = calloc(ni * ni, sizeof(*m));
    for (size_t i = 0; i < ni; i++)
        for (size_t j = 0; j < ni; j++) {
            if ((i < n && shaped_whole(chars[i])) || (j < n && shaped_whole(chars[j])))
                continue; /* such pairs are never looked up */
            int kern[2];
            if (i < n && j < n) {
                uint32_t word[2] = {chars[i], chars[j]};
                rc_face_kerning(face, word, 2, kern);
            } else {
                uint32_t a = i < n ? chars[i] : GLYPH_CP + lig_gids[i - n];
                uint32_t b = j < n ? chars[j] : GLYPH_CP + lig_gids[j - n];
                kern[0] = kern_items(kfont, buf, a, b, i < n ? widths[i] : lig_widths[i - n],
                                     upem);
            }
            if (kern[0] < INT16_MIN || kern[0] > INT16_MAX) {
                fprintf(stderr, "facedump: %s: kerning %d out of range\n", path, kern[0]);
                return 1;
            }
            m[i * ni + j] = (int16_t)kern[0];
        }
    hb_buffer_destroy(buf);
    hb_font_destroy(kfont);
    hb_font_funcs_destroy(funcs);
    hb_font_destroy(parent);

    uint16_t *left = malloc((ni + 1) * sizeof(*left)), *right = malloc((ni + 1) * sizeof(*right));
    unsigned n_left = classify(m, ni, ni, 1, left);
    unsigned n_right = classify(m, ni, 1, ni, right);
    int16_t *table = calloc((size_t)n_left * n_right, sizeof(*table));
    for (size_t i = 0; i < ni; i++)
        for (size_t j = 0; j < ni; j++)
            table[left[i] * n_right + right[j]] = m[i * ni + j];
    for (size_t i = 0; i < ni; i++) /* the matrix says what every pair said */
        for (size_t j = 0; j < ni; j++)
            if (table[left[i] * n_right + right[j]] != m[i * ni + j]) {
                fprintf(stderr, "facedump: %s: classes do not reproduce the pairs\n", path);
                return 1;
            }
    size_t n_shaped = 0;
    for (size_t i = 0; i < n; i++)
        if (shaped_whole(chars[i])) {
            left[i] = RC_KERN_SHAPED;
            n_shaped++;
        }

    FILE *out = fopen(argv[3], "w");
    if (!out) {
        perror(argv[3]);
        return 1;
    }
    fprintf(out, "/* Generated by tools/facedump.c from %s: do not edit. */\n", file);
    fprintf(out, "#include \"face_data.h\"\n\n");
    write_array(out, "uint16_t", "chars", chars, n, 0);
    write_array(out, "uint16_t", "gids", gids, n, 0);
    write_array(out, "int16_t", "widths", widths, n, 1);
    write_array(out, "uint16_t", "left", left, n, 0);
    write_array(out, "uint16_t", "right", right, n, 0);
    write_array(out, "int16_t", "kern", table, (size_t)n_left * n_right, 1);
    write_array(out, "uint16_t", "lookups", lg.lookups, lg.nlookups + 1, 0);
    fprintf(out, "static const rc_face_lig ligs[] = {");
    for (size_t i = 0; i < lg.n; i++) {
        const rc_face_lig *l = &lg.v[i];
        fprintf(out, "\n    {%u, {", l->first);
        for (int c = 0; c < RC_LIG_COMPS; c++)
            fprintf(out, "%s%u", c ? ", " : "", l->comp[c]);
        fprintf(out, "}, %u, %u},", l->ncomp, l->glyph);
    }
    fprintf(out, "%s};\n", lg.n ? "\n" : "{0}");
    write_array(out, "uint16_t", "lig_gids", lig_gids, nl, 0);
    write_array(out, "int16_t", "lig_widths", lig_widths, nl, 1);
    write_array(out, "uint16_t", "lig_left", left + n, nl, 0);
    write_array(out, "uint16_t", "lig_right", right + n, nl, 0);
    fprintf(out, "\nconst rc_face_data rc_face_data_%s = {\n", name);
    fprintf(out, "    \"%s\", %uu, 0x%08Xu, %d, %d, %d, %d,\n", file, size, checksum,
            rc_face_ascender(face), rc_face_descender(face), rc_face_cap_height(face),
            rc_face_x_height(face));
    fprintf(out, "    %zu, chars, gids, widths, left, right, %u, %u, kern,\n", n, n_left,
            n_right);
    fprintf(out, "    %zu, lookups, ligs, %zu, lig_gids, lig_widths, lig_left, lig_right,\n};\n",
            lg.nlookups, nl);
    int failed = ferror(out) | fclose(out);
    if (failed) {
        perror(argv[3]);
        return 1;
    }
    fprintf(stderr, "facedump: %s: %zu characters (%zu shaped whole), %u x %u kerning classes, "
            "%zu ligatures in %zu lookups (%zu glyphs)\n",
            file, n, n_shaped, n_left, n_right, lg.n, lg.nlookups, nl);
    free(lg.v);
    free(lig_gids);
    free(lig_widths);
    free(table);
    free(left);
    free(right);
    free(m);
    free(widths);
    free(gids);
    free(chars);
    rc_font_store_free(store);
    return 0;
}
