/*
 * cff: a Compact Font Format program rewritten as a CID-keyed font whose
 * glyph k is CID k, for the PDF device to embed as /FontFile3
 * /CIDFontType0C (font_subset.c calls it on what hb-subset cut).
 *
 * Why a rewrite: a CIDFontType0 has no /CIDToGIDMap. With a name-keyed CFF
 * (what fonts like Source Sans 3 are) PDF readers take a CID as the glyph
 * index, and with a CID-keyed one they look it up in the charset; either
 * way the CIDs the content stream shows (one per code point, numbered
 * densely, see pdf_font.c) must be the program's own. So glyph k of the
 * new program is a copy of the charstring of the source glyph the k-th
 * code shows, and its charset maps glyph k to CID k: readers that follow
 * the charset and readers that take CIDs as glyph indices agree. Two code
 * points shown with one glyph (a space and a no-break space) get a
 * charstring each; the subroutines are copied whole (hb-subset already cut
 * them to the glyphs kept).
 *
 * The format is Adobe's Technical Note #5176 (The Compact Font Format
 * Specification); charstrings are Type 2 (#5177), copied byte for byte,
 * but for a glyph moved (a mark HarfBuzz placed) or made blank.
 */
#ifndef RC_CFF_H
#define RC_CFF_H

#include "base.h"

#include <stddef.h>
#include <stdint.h>

/*
 * Write into *out (reset first) the CFF font of n glyphs where glyph k is
 * glyph glyphs[k] of the CFF program cff (len bytes: a font's 'CFF '
 * table), name-keyed or CID-keyed, and has CID k. glyphs[0] should be 0
 * (.notdef). name: the font's name in the program. 0, or -1 when the
 * program is not one this reads (CFF2, Type 1 charstrings, an offset
 * outside it, a glyph it does not have).
 */
int rc_cff_cid_keyed(const unsigned char *cff, size_t len, const uint16_t *glyphs, size_t n,
                     const char *name, rc_buf *out);
/*
 * The same, with glyph k's outline moved by dx[k], dy[k] (font units;
 * NULL: none moved) where its charstring allows it (charstring.h): a mark
 * drawn where HarfBuzz placed it. A glyph that cannot be moved is kept as
 * it is. Where blank (NULL, or n flags) has blank[k] set, glyph k has no
 * outline and no advance, whatever glyphs[k] is: a letter drawn for
 * extraction only (pdf_font.c), whose width 0 in the PDF the program must
 * not contradict (PDF/A-1b, 6.3.6).
 */
int rc_cff_cid_keyed_moved(const unsigned char *cff, size_t len, const uint16_t *glyphs,
                           const int16_t *dx, const int16_t *dy, const uint8_t *blank, size_t n,
                           const char *name, rc_buf *out);

#endif
