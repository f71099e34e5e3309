/*
 * protrude: margin protrusion factors, per face and character.
 *
 * What microtype's \SetProtrusion lists give pdfTeX's \lpcode and \rpcode:
 * how far a character may hang into the left and the right margin when it
 * starts or ends a line of justified text, in thousandths of its own
 * advance width (negative: it is pulled in). The breaker measures lines
 * with them (item.h's margin_left and margin_right) and the layout hangs
 * the glyphs out, so that the margins look straight to the eye.
 */
#ifndef RC_PROTRUDE_H
#define RC_PROTRUDE_H

#include "font.h"

/* The factors of one face: a table chosen once per face and kept. */
typedef struct rc_protrusion rc_protrusion;

/*
 * The table for a face: Computer Modern's (CMU Serif, upright or italic)
 * where the face is one of those, microtype's default for any other.
 */
const rc_protrusion *rc_protrusion_for(const rc_face *face);

/* The factors of cp in thousandths of its advance; 0 and 0 for most letters. */
void rc_protrusion_of(const rc_protrusion *t, uint32_t cp, int *left, int *right);

#endif
