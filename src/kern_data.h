/*
 * kern_data: the pair kerning of the shipped faces, compiled into the
 * library at build time (tools/kerndump.c writes it).
 *
 * The shipped faces have pair kerning as their only layout feature
 * (fonts/prepare.py), so a word's kerning is the kerning of its pairs, and
 * the pairs of a face's ~550 characters are a table: no shaping at run
 * time. The table is a class matrix, as OpenType's own class kerning is:
 * characters whose rows (as the left of a pair) are the same share a left
 * class, those whose columns are the same share a right class, and class 0
 * kerns with nothing. Like the hyphenation tables it holds no pointers
 * between its parts' contents, only indexes.
 */
#ifndef RC_KERN_DATA_H
#define RC_KERN_DATA_H

#include <stdint.h>

typedef struct rc_kern_data {
    const char *file;   /* the font file's name in the fonts directory */
    uint32_t file_size; /* which file it was made from: a font file whose */
    uint32_t checksum;  /* size or head.checkSumAdjustment differ is shaped */
    uint16_t n_cps, n_left, n_right;
    const uint16_t *cps;   /* [n_cps] ascending: the characters with a class */
    const uint16_t *left;  /* [n_cps] the left class of cps[i] */
    const uint16_t *right; /* [n_cps] the right class of cps[i] */
    const int16_t *kern;   /* [n_left * n_right] 1/1000 em, as rc_face_kerning */
    /*
     * [n_shaped] characters a word is shaped for, as a whole: marks, which
     * HarfBuzz composes with their base or which pair kerning skips over,
     * and format characters (soft hyphen, joiners), which it may hide.
     */
    uint16_t n_shaped;
    const uint16_t *shaped;
} rc_kern_data;

/* Every compiled-in table, ended by NULL. */
extern const rc_kern_data *const rc_kern_builtins[];

#endif
