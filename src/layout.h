/*
 * layout: the CV model becomes typeset lines on the vertical list, and
 * then pages.
 *
 * An entry is a main column (title rows, summary, bullets) and a date and
 * location column set flush right; the date column has one width in a
 * section (the widest, capped by the style) so that its left edges align.
 * The main column's first lines are narrower, beside the date column, and
 * the rest use the full width: a paragraph shape for the line breaker.
 * Title rows and date rows share baselines.
 */
#ifndef RC_LAYOUT_H
#define RC_LAYOUT_H

#include "cv.h"
#include "doc.h"
#include "font.h"
#include "page.h"
#include "rc_locale.h"
#include "style.h"

/*
 * Lay the CV out into doc (pages, draws and document information). Draw
 * strings live in the arena. Errors (e.g. a character no font has) return
 * -1; overfull lines are warnings.
 */
int rc_layout_cv(const rc_cv *cv, const rc_style *st, rc_fonts *fonts, rc_arena *a,
                 rc_doc *doc, rc_diags *d);

/*
 * The two halves of rc_layout_cv, for fitting to a page limit (fit.h):
 * rc_layout_begin sets the CV on its vertical list in the style st (its
 * structure goes into doc); the list, or a copy of it with other glue,
 * can be broken into pages as often as wanted; rc_layout_end places the
 * list vl (NULL: the layout's own) on the pages b, adds footers, the top
 * note and the document information to doc, frees the layout and returns
 * rc_layout_cv's status. rc_layout_discard frees a layout not ended.
 */
typedef struct rc_layout rc_layout;

rc_layout *rc_layout_begin(const rc_cv *cv, const rc_style *st, rc_fonts *fonts, rc_arena *a,
                           rc_doc *doc, rc_diags *d);
const rc_vlist *rc_layout_list(const rc_layout *l);
const rc_style *rc_layout_style(const rc_layout *l);
int rc_layout_status(const rc_layout *l);
/* The breaks rc_layout_cv uses: natural spacing, or tight where that saves a page. */
void rc_layout_breaks(const rc_vlist *vl, const rc_style *st, rc_page_breaks *out);
int rc_layout_end(rc_layout *l, const rc_vlist *vl, const rc_page_breaks *b);
void rc_layout_discard(rc_layout *l);

/*
 * Lay the CV's cover letter (cv->letter) out into doc, with the CV's
 * header and theme, as rc_layout_cv lays out the CV. A letter without a
 * body is an error at its position; one longer than a page, a warning.
 */
int rc_layout_letter(const rc_cv *cv, const rc_style *st, rc_fonts *fonts, rc_arena *a,
                     rc_doc *doc, rc_diags *d);

/*
 * "Sept 2023 – present", "2021", or the free text, as RenderCV writes
 * dates, in the words of loc (NULL: English); see locale.h.
 */
char *rc_format_when(rc_arena *a, const rc_locale *loc, const rc_date_templates *t,
                     const rc_when *w);

#endif
