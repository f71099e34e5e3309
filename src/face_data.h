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
 *
 * Ligatures: a shipped face may also have the 'liga' feature, of plain
 * ligature lookups (prepare.py checks), which font.c applies as HarfBuzz
 * does: lookup after lookup, each from the first glyph to the last, the
 * first ligature that matches at a glyph replacing it and its components.
 * The ligature glyphs are kerned like characters, by classes of their own
 * in the same matrix.
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

/* The most components a compiled-in ligature has (its first glyph and RC_LIG_COMPS more). */
#define RC_LIG_COMPS 3

/* One ligature of a lookup: first glyph, then ncomp more, become glyph. */
typedef struct rc_face_lig {
    uint16_t first;
    uint16_t comp[RC_LIG_COMPS];
    uint16_t ncomp;
    uint16_t glyph; /* an index of the face's ligature glyphs (lig_gids) */
} rc_face_lig;

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
    /* 'liga' for Latin text: lookups[k] .. lookups[k + 1] - 1 are lookup k's ligatures */
    uint16_t n_lookups;
    const uint16_t *lookups;  /* [n_lookups + 1] */
    const rc_face_lig *ligs;  /* each lookup's by first glyph, in the order HarfBuzz tries them */
    uint16_t n_lig_glyphs;
    const uint16_t *lig_gids;     /* [n_lig_glyphs] ascending */
    const int16_t *lig_widths;    /* [n_lig_glyphs] advance, 1/1000 em */
    const uint16_t *lig_left;     /* [n_lig_glyphs] kerning classes, as left and right */
    const uint16_t *lig_right;
} rc_face_data;

/* Every compiled-in face, ended by NULL. */
extern const rc_face_data *const rc_face_builtins[];

#endif
