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
 * faces, whose only layout feature is pair kerning, and
 * tests/unit/test_font.c checks all of it against HarfBuzz.
 */
#include "face_data.h"
#include "font.h"
#include "font_store.h"

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

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: facedump FONT.ttf NAME OUTPUT.c\n");
        return 2;
    }
    const char *path = argv[1], *name = argv[2];
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
    int16_t *m = calloc(n * n, sizeof(*m));
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if (shaped_whole(chars[i]) || shaped_whole(chars[j]))
                continue; /* such pairs are never looked up */
            uint32_t word[2] = {chars[i], chars[j]};
            int kern[2];
            rc_face_kerning(face, word, 2, kern);
            if (kern[0] < INT16_MIN || kern[0] > INT16_MAX) {
                fprintf(stderr, "facedump: %s: kerning %d out of range\n", path, kern[0]);
                return 1;
            }
            m[i * n + j] = (int16_t)kern[0];
        }

    uint16_t *left = malloc((n + 1) * sizeof(*left)), *right = malloc((n + 1) * sizeof(*right));
    unsigned n_left = classify(m, n, n, 1, left);
    unsigned n_right = classify(m, n, 1, n, right);
    int16_t *table = calloc((size_t)n_left * n_right, sizeof(*table));
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            table[left[i] * n_right + right[j]] = m[i * n + j];
    for (size_t i = 0; i < n; i++) /* the matrix says what every pair said */
        for (size_t j = 0; j < n; j++)
            if (table[left[i] * n_right + right[j]] != m[i * n + j]) {
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
    fprintf(out, "\nconst rc_face_data rc_face_data_%s = {\n", name);
    fprintf(out, "    \"%s\", %uu, 0x%08Xu, %d, %d, %d, %d,\n", file, size, checksum,
            rc_face_ascender(face), rc_face_descender(face), rc_face_cap_height(face),
            rc_face_x_height(face));
    fprintf(out, "    %zu, chars, gids, widths, left, right, %u, %u, kern,\n};\n", n, n_left,
            n_right);
    int failed = ferror(out) | fclose(out);
    if (failed) {
        perror(argv[3]);
        return 1;
    }
    fprintf(stderr, "facedump: %s: %zu characters (%zu shaped whole), %u x %u kerning classes\n",
            file, n, n_shaped, n_left, n_right);
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
