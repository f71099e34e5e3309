/*
 * page: the vertical list and the page builder.
 *
 * Layout appends boxes (one per typeset line, holding its draws relative
 * to the left margin and the baseline), glue and penalties, as TeX's main
 * vertical list (§967ff). Interline glue keeps baselines `baselineskip`
 * apart. The page builder chooses each page break as TeX's \vsplit/page
 * builder does: among the legal breakpoints (a penalty, or glue that
 * follows a box) the one of least cost, badness plus penalty, where the
 * badness measures the white space left at the bottom against a finite
 * allowance, so a page is filled unless a much better break is near.
 * Glue at its natural size leaves the bottom of a page ragged, as CVs
 * are set; only when the last page would be nearly empty does layout ask
 * for a tight setting in which spacing may shrink.
 * Penalties of RC_INF_PENALTY keep material together (a heading with its
 * entry's first lines); glue and penalties at the top of a page vanish.
 */
#ifndef RC_PAGE_H
#define RC_PAGE_H

#include "doc.h"
#include "style.h"

typedef enum rc_vkind {
    RC_V_BOX,
    RC_V_GLUE,
    RC_V_PENALTY
} rc_vkind;

typedef struct rc_vitem {
    rc_vkind kind;
    rc_scaled height, depth; /* box */
    rc_scaled size;          /* glue: natural size */
    rc_scaled shrink;        /* glue: how much it may give when a page is tight */
    int penalty;             /* penalty */
    rc_draw *draws;          /* box content: x from the left margin, y from the baseline */
    size_t ndraws, cap;
} rc_vitem;

typedef struct rc_vlist {
    rc_vitem *v;
    size_t n, cap;
    rc_scaled prev_depth;
    int after_box;           /* interline glue applies to the next box */
} rc_vlist;

void rc_vlist_init(rc_vlist *vl);
void rc_vlist_release(rc_vlist *vl);

/*
 * Append a box; with baselineskip > 0 it is preceded by interline glue so
 * that its baseline is baselineskip below the previous box's (at least
 * lineskip apart). Returns the box, to add draws to.
 */
rc_vitem *rc_vlist_add_box(rc_vlist *vl, rc_scaled height, rc_scaled depth,
                           rc_scaled baselineskip);
void rc_vlist_add_glue(rc_vlist *vl, rc_scaled size, rc_scaled shrink);
void rc_vlist_add_penalty(rc_vlist *vl, int penalty);
/* Move a draw (copied) into a box. */
void rc_vbox_add(rc_vitem *box, const rc_draw *draw);

/*
 * Break the list into pages of the style's text height and place the
 * draws. Glue keeps its natural size unless `tight`, when a page may also
 * end where its glue must shrink to fit (TeX's page shrink, §975). Returns
 * the height of the material on the last page.
 */
rc_scaled rc_paginate(const rc_vlist *vl, const rc_style *s, rc_doc *doc, int tight);

#endif
