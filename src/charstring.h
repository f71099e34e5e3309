/*
 * charstring: a Type 2 charstring (a CFF glyph's outline, Adobe's
 * Technical Note #5177) moved, for cff.c to draw a mark where HarfBuzz
 * placed it over its letter, as subset.c does with a TrueType composite.
 *
 * Every point of a Type 2 outline is relative to the one before, from the
 * first moveto on, which is relative to the glyph's origin: adding the
 * shift to that moveto moves the whole outline. Hints (stems, masks) stay
 * as they were; they only guide rasterisers at small sizes.
 */
#ifndef RC_CHARSTRING_H
#define RC_CHARSTRING_H

#include "base.h"

#include <stddef.h>
#include <stdint.h>

/*
 * Write into *out (reset first) the charstring cs (len bytes) with its
 * outline moved by dx, dy (font units): its first moveto made an rmoveto
 * that far off, its width and everything else as they were. -1 (out
 * empty) when the first moveto is not in cs itself (it is in a
 * subroutine, or the glyph draws nothing) or cs is malformed.
 */
int rc_charstring_shift(const unsigned char *cs, size_t len, int dx, int dy, rc_buf *out);

/*
 * Write into *out (reset first) a charstring of no outline and no
 * advance, in a font whose Private DICT has these defaultWidthX and
 * nominalWidthX: endchar, with the width operand that makes 0 where the
 * default width is not.
 */
void rc_charstring_blank(int32_t default_width, int32_t nominal_width, rc_buf *out);

#endif
