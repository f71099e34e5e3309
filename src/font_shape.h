/*
 * font_shape: words whose letters take their form from their neighbours
 * (Arabic, Persian) or that run right to left (Hebrew), shaped by HarfBuzz
 * into glyphs. The rest of the text is measured by rc_face_shape, which
 * keeps a glyph per code point (or a Latin ligature) and never needs this.
 */
#ifndef RC_FONT_SHAPE_H
#define RC_FONT_SHAPE_H

#include "font.h"

/*
 * Shape the n code points cps (a word, in logical order) right to left:
 * kern[i] receives the difference (1/1000 em) between the shaped advance
 * and rc_face_advance of cps[i] (of a ligature's letters, on its last
 * letter), so that the word measures as it is drawn; lig[i] as
 * rc_face_shape sets it (lam-alef and the like); gids[i] the glyph that
 * shows cps[i] (a ligature's, on its first letter) when it is not the
 * code point's own, else 0 (RC_GID_BLANK: none); offset[i] where that
 * glyph is drawn off its pen position (a mark over its letter), {0, 0}
 * when it is not, and gids[i] is then set even for the code point's own
 * glyph. Returns 0 when the shaping cannot be mapped back onto the code
 * points (then nothing is written), 1 otherwise.
 */
/* A gids[i] for a code point that shows nothing but extracts (a zero-width non-joiner). */
#define RC_GID_BLANK 0xFFFFu

int rc_face_shape_glyphs(const rc_face *face, const uint32_t *cps, size_t n, int *kern,
                         uint8_t *lig, uint16_t *gids, rc_glyph_offset *offset);

#endif
