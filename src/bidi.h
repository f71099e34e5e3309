/*
 * bidi: right-to-left text, with GNU FriBidi (the only module that calls it).
 *
 * Two steps, both over the display list (doc.h), so that the layout stays
 * left to right and knows nothing of direction but one call per line:
 *
 * - rc_bidi_line_draws orders the runs of one set line by the Unicode
 *   Bidirectional Algorithm (UAX #9): levels from the line's text with the
 *   paragraph's base direction, then rule L2 per line, after the line was
 *   broken (never across lines). Runs are split where the direction
 *   changes; each keeps its code points in logical order, which the text
 *   devices (txt, md, html, trace) and the structure tree read, and a
 *   right-to-left run has rc_draw.rtl set, which the PDF device draws from
 *   its right end leftwards. Mirrored characters (brackets) in
 *   right-to-left runs get their mirror's glyph (rc_draw.gids).
 *
 * - rc_bidi_mirror_doc mirrors a right-to-left document's pages: every x
 *   becomes width - x - w, so the layout's left margin, date column and
 *   bullets come out on the right, left, right as RenderCV's rtl
 *   templates set them. The layout of such a document sets each line in
 *   this mirrored space, where rc_bidi_line_draws lays the line's runs out
 *   from the far end, so that after mirroring they read right to left.
 */
#ifndef RC_BIDI_H
#define RC_BIDI_H

#include "doc.h"

/* Whether cps has a character of a right-to-left script (UAX #9's R or AL) or an RTL control. */
int rc_bidi_has_rtl(const uint32_t *cps, size_t n);

/*
 * The Bidirectional Algorithm for one line of n characters whose paragraph
 * is right to left when rtl is set: levels[i] (n of them) receives the
 * resolved level of cps[i] (odd: right to left), order[k] the logical
 * index of the k-th character from the left of the line. 0, or -1 when
 * FriBidi fails (no memory).
 */
int rc_bidi_order(const uint32_t *cps, size_t n, int rtl, uint8_t *levels, uint32_t *order);

/* The mirrored character of cp (UAX #9 L4: '(' for ')'), or cp itself. */
uint32_t rc_bidi_mirror(uint32_t cp);

/*
 * Order the draws of one line (*v, *n of them, in a malloc'ed vector of
 * capacity *cap), set in fonts, by the Bidirectional Algorithm, in place: the base
 * direction is right to left in a right-to-left document (doc->rtl), whose
 * line is then set in mirrored space (see above). A left-to-right line
 * with no right-to-left character is left as it is. New code point and
 * glyph arrays go to the arena. Links and their underlines follow their
 * text.
 */
void rc_bidi_line_draws(rc_draw **v, size_t *n, size_t *cap, const rc_doc *doc,
                        const rc_fonts *fonts, rc_arena *a);

/*
 * Mirror the pages of a right-to-left document horizontally (doc->rtl): a
 * run's, rule's, link's and photo's box moves to the other side of the
 * page; the glyphs of a run keep their order (rc_bidi_line_draws set it).
 */
void rc_bidi_mirror_doc(rc_doc *doc);

/* The width of a text draw on the page: its advances and adjustments, expanded. */
rc_scaled rc_bidi_draw_width(const rc_draw *d, const rc_fonts *fonts);

#endif
