/*
 * item: TeX's box/glue/penalty model of a paragraph (tex.web §133-157;
 * Knuth & Plass 1981), as a flat array.
 *
 * A box is material of fixed width (a word or word fragment), glue is
 * stretchable and shrinkable space where a line may break, a penalty is a
 * possible break with a cost (flagged penalties are hyphen breaks; their
 * width is that of the hyphen typeset when the break is taken). The line
 * breaker sees only this array; `payload` lets the builder find the
 * material behind each item again.
 */
#ifndef RC_ITEM_H
#define RC_ITEM_H

#include "base.h"

#define RC_INF_PENALTY 10000 /* never break here */
#define RC_EJECT_PENALTY (-10000) /* always break here */
/*
 * Stretch that stands for TeX's fil (the \parfillskip at a paragraph's
 * end): more than any sum of ordinary glue, so a line holding it is never
 * short. Font expansion leaves such a line alone, as pdfTeX's hpack does
 * for glue of a higher order.
 */
#define RC_FIL RC_PT(10000)

typedef enum rc_item_type {
    RC_ITEM_BOX,
    RC_ITEM_GLUE,
    RC_ITEM_PENALTY
} rc_item_type;

typedef struct rc_item {
    rc_item_type type;
    rc_scaled width;
    rc_scaled stretch, shrink; /* glue only */
    int penalty;               /* penalty only */
    uint8_t flagged;           /* penalty: a hyphen break (double-hyphen demerits apply) */
    uint8_t discretionary;     /* penalty: an automatic hyphenation point; not tried
                                  before the hyphenation pass (TeX §863) */
    uint8_t expandable;        /* box, penalty: its width is glyphs, which font expansion
                                  may stretch or shrink (rc_lb_params.expand_*) */
    uint8_t unmarked;          /* flagged penalty: the line ending here shows no hyphen
                                  (a URL broken after its '/'): no hyphenated line */
    uint32_t payload;          /* for the builder; the breaker ignores it */
    /*
     * Margin protrusion (microtype's, pdfTeX's \lpcode and \rpcode): how
     * far a box's first glyph may hang into the left margin when it starts
     * a line, and its last glyph (a flagged penalty's: the hyphen) into the
     * right margin when the line ends with it. 0 for glue.
     */
    rc_scaled margin_left, margin_right;
} rc_item;

#endif
