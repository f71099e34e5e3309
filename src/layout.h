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
