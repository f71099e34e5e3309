/*
 * kerndump: compile a shipped face's pair kerning into C data, at build time.
 *
 *   kerndump FONT.ttf NAME OUTPUT.c
 *
 * The face is loaded with rescomp's own font module (src/font.c, linked
 * into this tool) and asked for the kerning of every pair of the characters
 * it covers, each pair set as a two-character word: that shapes it with
 * HarfBuzz exactly as the layout would. The pairs become a class matrix
 * (src/kern_data.h) written as `const rc_kern_data rc_kern_data_NAME`; at
 * run time a word's kerning is then a table lookup per pair. That a word's
 * kerning is the sum of its pairs' holds for the shipped faces, whose only
 * layout feature is pair kerning; tests/unit/test_font.c checks it word by
 * word against shaping.
 */
#include "font.h"
#include "font_store.h"
#include "kern_data.h"

#include <hb.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* font.c looks its tables up here; the tool makes them, so it has none. */
const rc_kern_data *const rc_kern_builtins[] = {NULL};

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

static void write_u16s(FILE *out, const char *name, const uint16_t *v, size_t n)
{
    fprintf(out, "static const uint16_t %s[] = {", name);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%u,", i % 16 ? " " : "\n    ", v[i]);
    fprintf(out, "\n};\n");
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: kerndump FONT.ttf NAME OUTPUT.c\n");
        return 2;
    }
    const char *path = argv[1], *name = argv[2];
    const char *file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    rc_font_store *store = rc_font_store_new(NULL);
    const char *why = NULL;
    rc_face *face = rc_store_face(store, path, 0, NULL, RC_USE_TEXT, &why);
    uint32_t size = 0, checksum = 0;
    if (!face || !rc_face_fingerprint(face, &size, &checksum)) {
        fprintf(stderr, "kerndump: %s: %s\n", path, why ? why : "no head table");
        return 1;
    }

    uint16_t *cps = malloc(0x10000 * sizeof(*cps));
    size_t n = 0;
    for (uint32_t cp = 1; cp <= 0xFFFF; cp++)
        if (rc_face_has_char(face, cp))
            cps[n++] = (uint16_t)cp;
    /* Words with a mark or a format character are shaped whole at run time. */
    uint16_t *shaped = malloc((n + 1) * sizeof(*shaped));
    unsigned char *is_shaped = calloc(n, 1);
    size_t n_shaped = 0;
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (size_t i = 0; i < n; i++) {
        hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cps[i]);
        if (gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
            gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
            gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK ||
            gc == HB_UNICODE_GENERAL_CATEGORY_FORMAT) {
            is_shaped[i] = 1;
            shaped[n_shaped++] = cps[i];
        }
    }
    int16_t *m = calloc(n * n, sizeof(*m));
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if (is_shaped[i] || is_shaped[j])
                continue; /* such pairs are never looked up */
            uint32_t word[2] = {cps[i], cps[j]};
            int kern[2];
            rc_face_kerning(face, word, 2, kern);
            if (kern[0] < INT16_MIN || kern[0] > INT16_MAX) {
                fprintf(stderr, "kerndump: %s: kerning %d out of range\n", path, kern[0]);
                return 1;
            }
            m[i * n + j] = (int16_t)kern[0];
        }

    uint16_t *left = malloc(n * sizeof(*left)), *right = malloc(n * sizeof(*right));
    unsigned n_left = classify(m, n, n, 1, left);
    unsigned n_right = classify(m, n, 1, n, right);
    int16_t *table = calloc((size_t)n_left * n_right, sizeof(*table));
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            table[left[i] * n_right + right[j]] = m[i * n + j];
    for (size_t i = 0; i < n; i++) /* the matrix says what every pair said */
        for (size_t j = 0; j < n; j++)
            if (table[left[i] * n_right + right[j]] != m[i * n + j]) {
                fprintf(stderr, "kerndump: %s: classes do not reproduce the pairs\n", path);
                return 1;
            }

    /* Only characters that kern at all are listed; the others stay class 0. */
    size_t listed = 0;
    for (size_t i = 0; i < n; i++)
        if (left[i] || right[i]) {
            cps[listed] = cps[i];
            left[listed] = left[i];
            right[listed] = right[i];
            listed++;
        }

    FILE *out = fopen(argv[3], "w");
    if (!out) {
        perror(argv[3]);
        return 1;
    }
    fprintf(out, "/* Generated by tools/kerndump.c from %s: do not edit. */\n", file);
    fprintf(out, "#include \"kern_data.h\"\n\n");
    write_u16s(out, "cps", cps, listed ? listed : 1);
    write_u16s(out, "left", left, listed ? listed : 1);
    write_u16s(out, "right", right, listed ? listed : 1);
    write_u16s(out, "shaped", shaped, n_shaped ? n_shaped : 1);
    fprintf(out, "static const int16_t kern[] = {");
    for (size_t i = 0; i < (size_t)n_left * n_right; i++)
        fprintf(out, "%s%d,", i % n_right ? " " : "\n    ", table[i]);
    fprintf(out, "\n};\n\nconst rc_kern_data rc_kern_data_%s = {\n", name);
    fprintf(out, "    \"%s\", %uu, 0x%08Xu, %zu, %u, %u, cps, left, right, kern, %zu, shaped,\n};\n",
            file, size, checksum, listed, n_left, n_right, n_shaped);
    int failed = ferror(out) | fclose(out);
    if (failed) {
        perror(argv[3]);
        return 1;
    }
    fprintf(stderr, "kerndump: %s: %zu characters, %zu kern, %u x %u classes, %zu shaped\n", file,
            n, listed, n_left, n_right, n_shaped);
    free(table);
    free(left);
    free(right);
    free(m);
    free(is_shaped);
    free(shaped);
    free(cps);
    rc_font_store_free(store);
    return 0;
}
