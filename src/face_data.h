/*
 * face_data: the shipped faces' metrics, compiled into the library at
 * build time (tools/facedump.c writes them from the font files).
 *
 * A shipped face is then ready without parsing its font file or asking
 * HarfBuzz anything: font.c fills its width table from these arrays. The
 * file is still read, for the PDF device to embed its glyphs, and its size
 * and head.checkSumAdjustment must be the ones recorded here; a font
 * directory set with RESCOMP_FONT_DIR may hold other files under the same
 * names, and those are loaded like any installed font.
 *
 * Kerning: the shipped faces have pair kerning as their only layout
 * feature (fonts/prepare.py), so a word's kerning is the kerning of its
 * pairs, and the pairs of a face's ~550 characters are a table: no shaping
 * at run time. The table is a class matrix, as OpenType's own class
 * kerning is: characters whose rows (as the left of a pair) are the same
 * share a left class, those whose columns are the same share a right
 * class, and class 0 kerns with nothing. Like the hyphenation tables it
 * holds no pointers between its parts' contents, only indexes.
 */
#ifndef RC_FACE_DATA_H
#define RC_FACE_DATA_H

#include <stdint.h>

/*
 * The left class of a character a word is shaped for, as a whole: marks,
 * which HarfBuzz composes with their base or which pair kerning skips
 * over, and format characters (soft hyphen, joiners), which it may hide.
 */
#define RC_KERN_SHAPED 0xFFFF

typedef struct rc_face_data {
    const char *file;   /* the font file's name in the fonts directory */
    uint32_t file_size; /* which file it was made from */
    uint32_t checksum;  /* its head.checkSumAdjustment */
    int16_t ascender, descender, cap_height, x_height; /* 1/1000 em */
    uint16_t n_chars;
    const uint16_t *chars;  /* [n_chars] ascending: every character the face covers */
    const uint16_t *gids;   /* [n_chars] its glyph */
    const int16_t *widths;  /* [n_chars] its advance, 1/1000 em as libharu's */
    const uint16_t *left;   /* [n_chars] its class as the left of a pair, or RC_KERN_SHAPED */
    const uint16_t *right;  /* [n_chars] its class as the right of a pair */
    uint16_t n_left, n_right;
    const int16_t *kern;    /* [n_left * n_right] 1/1000 em, as rc_face_kerning */
} rc_face_data;

/* Every compiled-in face, ended by NULL. */
extern const rc_face_data *const rc_face_builtins[];

#endif
