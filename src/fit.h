/*
 * fit: a CV laid out within design.page.max_pages pages.
 *
 * When the CV as designed takes more pages than the limit, its setting is
 * tightened step by step in a fixed order, each step within its bound,
 * and the first (loosest) setting that fits is kept:
 *
 *   1. the vertical spaces between sections, entries and their parts:
 *      95%, 90%, ... down to 50% of the design's;
 *   2. the leading (the baseline distance): 98%, 96%, ... down to 90%;
 *   3. the page margins: 95%, 90%, ... down to 75%, and never below
 *      10 mm (a margin already narrower stays as it is);
 *   4. the font size: the body 0.25pt smaller at a time, by at most 1pt
 *      and never below 9pt, every other text in proportion.
 *
 * Each step keeps the tightest values of the steps before it. Once a
 * setting fits, what it took and the CV does not need is given back: the
 * leading as loose as still fits, then the spacing. Steps 1 and 2 change
 * no line break: they are tried on the same vertical list (the same
 * fonts, shaped words and lines) by breaking it into pages again. Steps
 * 3 and 4 change the measure, so each setting they try sets the lines
 * again (with the fonts already loaded); they are searched by bisection
 * after the tightest, so a CV costs six layouts at most.
 *
 * A CV that fits as designed is laid out exactly as without the limit.
 * One that fits only tightened gets a note saying what changed ("fitted
 * to 1 page: spacing 80%, leading 96%"); one that cannot fit even at the
 * tightest setting is an error saying about how many lines are too many.
 * Without a limit, a last page that holds only a few lines gets a
 * warning suggesting one.
 */
#ifndef RC_FIT_H
#define RC_FIT_H

#include "layout.h"

/* A last page of at most this many lines is worth a warning (without max_pages). */
#define RC_FIT_FEW_LINES 5

/*
 * rc_layout_cv within st->max_pages (0: no limit); *st becomes the style
 * the CV was set in. Returns -1 with an error when it does not fit.
 */
int rc_fit_layout(const rc_cv *cv, rc_style *st, rc_fonts *fonts, rc_arena *a, rc_doc *doc,
                  rc_diags *d);

#endif
