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
    /*
     * interline glue: how much of `shrink` is leading. A tight document
     * gives the same share of it on every page (rc_page_place), so no two
     * pages differ in leading.
     */
    rc_scaled leading;
    rc_scaled skip;          /* interline glue: the baselineskip it keeps (fit.c scales it) */
    int penalty;             /* penalty */
    rc_draw *draws;          /* box content: x from the left margin, y from the baseline */
    size_t ndraws;
} rc_vitem;

/* Storage of the boxes' draws (page.c). */
typedef struct rc_vblock rc_vblock;

typedef struct rc_vlist {
    rc_vitem *v;
    size_t n, cap;
    rc_scaled prev_depth;
    int after_box;           /* interline glue applies to the next box */
    /*
     * The draws of all boxes, in blocks in list order: a box's draws are
     * contiguous in one block, and a line costs no allocation of its own.
     */
    rc_vblock *blocks, *last_block;
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
/* Copy a draw into box, which must be the list's last box. */
void rc_vbox_add(rc_vlist *vl, rc_vitem *box, const rc_draw *draw);

/* Where the pages break: page k holds the items [v[k].from, v[k].to). */
typedef struct rc_page_range {
    size_t from, to;
} rc_page_range;

typedef struct rc_page_breaks {
    rc_page_range *v;
    size_t n, cap;
} rc_page_breaks;

/*
 * Choose the page breaks of the list for pages of the style's text
 * height. Glue keeps its natural size unless `tight`, when a page may also
 * end where its glue must shrink to fit (TeX's page shrink, §975). No
 * draw is copied, so settings can be compared before one is placed.
 */
void rc_page_breaks_find(const rc_vlist *vl, const rc_style *s, int tight, rc_page_breaks *out);
void rc_page_breaks_release(rc_page_breaks *b);

/*
 * Place the draws of the list on the pages `b` found, one page of doc per
 * range (one empty page when there is none), each page's draws in one
 * block of their exact size.
 * Returns the height of the material on the last page.
 */
rc_scaled rc_page_place(const rc_vlist *vl, const rc_page_breaks *b, const rc_style *s,
                        rc_doc *doc);

/* Both: break the list into pages and place the draws. */
rc_scaled rc_paginate(const rc_vlist *vl, const rc_style *s, rc_doc *doc, int tight);

#endif
