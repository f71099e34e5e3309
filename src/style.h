/*
 * style: the look of a document, as numbers (lengths in scaled points).
 *
 * The core pipeline ships one style, a classic CV set in CMU Serif close to
 * RenderCV's classic theme and a carefully made LaTeX CV: name large at the
 * top, a centred connections line, section titles with a rule, entries with
 * the date and location column flush right. Themes as data come later; the
 * struct is already the design model they fill in.
 */
#ifndef RC_STYLE_H
#define RC_STYLE_H

#include "base.h"
#include "cv.h"
#include "diag.h"
#include "linebreak.h"

typedef enum rc_align {
    RC_ALIGN_JUSTIFY,
    RC_ALIGN_LEFT,   /* ragged right, TeX's \raggedright through the breaker */
    RC_ALIGN_CENTER,
    RC_ALIGN_RIGHT
} rc_align;

typedef struct rc_style {
    rc_scaled page_width, page_height;
    rc_scaled margin_top, margin_bottom, margin_left, margin_right;

    uint32_t text_color, primary_color, link_color;

    rc_scaled body_size, body_leading;       /* text size and baseline distance */
    rc_scaled name_size, headline_size, connections_size;
    rc_scaled section_title_size;
    rc_scaled section_rule_thickness;
    rc_scaled section_space_before, section_space_after_rule;
    rc_scaled header_space_after;            /* between the header and the first section */
    rc_scaled entry_space;                   /* between entries of a section */
    rc_scaled paragraph_space;               /* between paragraphs of an entry */
    rc_scaled highlight_space;               /* between bullet points */
    rc_scaled date_column_gutter;            /* white space between body and date column */
    rc_scaled date_column_max;               /* the date column never gets wider */
    rc_scaled bullet_indent;                 /* from the body's left edge to the bullet text */
    rc_scaled nested_bullet_indent;          /* further indent of nested highlights */
    uint32_t bullet_char, nested_bullet_char;
    const char *connection_separator;        /* between header connections */
    const char *footer;                      /* template for documents of 2+ pages, or NULL */
    rc_scaled footer_size;
    uint32_t footer_color;
    rc_align body_align;
    int hyphenate;                           /* body text may be hyphenated */
    int date_column_left;                    /* moderncv: dates in a column on the left */
    rc_lb_params lb;
} rc_style;

/*
 * The classic style on the given paper ("a4", "us-letter", "a5",
 * "us-executive"; NULL = a4). Returns -1 with a diagnostic for another size.
 */
int rc_style_classic(rc_style *s, const char *page_size, rc_pos pos, rc_diags *d);

/*
 * The style a CV asks for: its theme (classic, or the moderncv look with
 * dates on the left; other RenderCV themes fall back to classic with a
 * warning), paper size and typography.alignment. Returns -1 on errors.
 */
int rc_style_for_cv(rc_style *s, const rc_cv *cv, rc_diags *d);

/* Width of the text block. */
rc_scaled rc_style_text_width(const rc_style *s);

#endif
