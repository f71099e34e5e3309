/*
 * subset: a TrueType font cut down to the glyphs a document shows, for
 * a device to embed, without HarfBuzz (font_subset.c calls it).
 *
 * It is made for the shipped faces (fonts/prepare.py flattens their
 * outlines and drops hinting and layout tables): glyph outlines are copied
 * byte for byte, instructions left out. A font it cannot cut this way (a
 * composite glyph, a missing or inconsistent table) gets -1, and
 * font_subset.c cuts it with HarfBuzz's hb-subset instead.
 */
#ifndef RC_SUBSET_H
#define RC_SUBSET_H

#include "base.h"

#include <stddef.h>
#include <stdint.h>

/*
 * Write into *out (reset first) face `index` of the font file cut down to
 * n glyphs: new glyph i is old glyph glyphs[i], glyphs[0] is 0 (.notdef)
 * and the rest ascending. Its cmap maps cps[k] to new glyph new_gids[k]
 * (m code points, ascending); .notdef keeps its outline (a box) only when
 * some cps[k] maps to it, a character the face lacks. The tables are the ones a PDF font program
 * needs and no more: OS/2, cmap, glyf, head, hhea, hmtx, loca, maxp, name
 * (names 0-6 in US English only), post (version 3, no glyph names). 0 or -1.
 */
int rc_subset_truetype(const unsigned char *file, size_t size, unsigned index,
                       const uint16_t *glyphs, size_t n, const uint32_t *cps,
                       const uint16_t *new_gids, size_t m, rc_buf *out);

/*
 * Write into *out (reset first) the TrueType program file (one font, as
 * rc_subset_truetype or hb-subset writes it) with a composite glyph
 * appended for each glyphs[i] that dx[i], dy[i] (font units) move and that
 * has an outline: the glyph moved, with its advance; new_gids[i] receives it,
 * or glyphs[i] itself. Where blank (NULL, or n flags) has blank[i] set,
 * new_gids[i] is instead a glyph of no outline and no advance (one for
 * all), which shows a letter for extraction only: the space glyph would
 * contradict the width 0 the PDF gives it (PDF/A-1b, 6.3.6). Every other
 * glyph and table stays as it was. 0 or -1.
 */
int rc_subset_shift(const unsigned char *file, size_t size, const uint16_t *glyphs,
                    const int16_t *dx, const int16_t *dy, const uint8_t *blank, size_t n,
                    uint16_t *new_gids, rc_buf *out);

#endif
