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
#include "font.h"
#include "linebreak.h"
#include "phone.h"

/* The most page.max_pages may ask for: a CV of more pages needs no fitting. */
#define RC_MAX_PAGES_LIMIT 99

typedef enum rc_align {
    RC_ALIGN_JUSTIFY,
    RC_ALIGN_LEFT,   /* ragged right, TeX's \raggedright through the breaker */
    RC_ALIGN_CENTER,
    RC_ALIGN_RIGHT
} rc_align;

/* RenderCV's section title types. */
typedef enum rc_title_type {
    RC_TITLE_WITH_PARTIAL_LINE,   /* the title, a rule from its end to the margin */
    RC_TITLE_WITH_FULL_LINE,      /* the title over a rule across the text width */
    RC_TITLE_WITHOUT_LINE,
    RC_TITLE_MODERNCV,            /* a thick rule in the date column, the title beside it */
    RC_TITLE_CENTERED_WITHOUT_LINE,
    RC_TITLE_CENTERED_WITH_PARTIAL_LINE,        /* rules left and right of a centred title */
    RC_TITLE_CENTERED_WITH_CENTERED_PARTIAL_LINE, /* a short centred rule under it */
    RC_TITLE_CENTERED_WITH_FULL_LINE
} rc_title_type;

/* Text of one role (name, headline, connections, section titles). */
typedef struct rc_role {
    rc_scaled size;
    uint32_t color;
    int bold;
    int smallcaps;
    rc_font_role font; /* which of typography.font_family it is set in */
} rc_role;

/* The latex theme's loose_stretch (linebreak.h; style.c says why). */
#define RC_LATEX_LOOSE_STRETCH 333

typedef struct rc_style {
    rc_scaled page_width, page_height;
    rc_scaled margin_top, margin_bottom, margin_left, margin_right;

    uint32_t text_color, link_color, footer_color;
    /* typography.font_family per role (a name NULL: the body's family) */
    rc_family_request font_family[RC_ROLE_COUNT];
    rc_scaled body_size, body_leading;       /* text size and baseline distance */
    rc_scaled line_gap;                      /* typography.line_spacing: Typst's leading, from
                                                one line's baseline to the next's cap height */
    int cap_height;                          /* a line's height above its baseline, 1/1000 em */
    rc_role name, headline, connections, section_title;
    int link_underline;
    int external_link_icon;                  /* links.show_external_link_icon */

    rc_align header_align;
    rc_scaled photo_width, photo_space_left, photo_space_right;
    rc_align photo_position;                 /* RC_ALIGN_LEFT or RC_ALIGN_RIGHT */
    rc_scaled space_below_name, space_below_headline, space_below_connections;
    const char *connection_separator;        /* between header connections ("" = space) */
    rc_scaled space_between_connections;
    int connection_hyperlink;                /* connections are links */
    int display_urls;                        /* show URLs rather than user names */
    int connection_icons;                    /* an icon before each connection */
    rc_phone_format_kind phone_format;       /* header.connections.phone_number_format */

    rc_title_type title_type;
    rc_scaled section_rule_thickness;
    rc_scaled section_space_before, section_space_after_rule;

    rc_scaled entry_space;                   /* between entries of a section */
    rc_scaled text_entry_space;              /* between one-line and text entries */
    rc_scaled side_space;                    /* entries are indented this much on both sides */
    rc_scaled paragraph_space;               /* above a summary */
    rc_scaled summary_indent;
    rc_scaled highlights_space_above, highlight_space; /* above the list, between items */
    rc_scaled date_column_gutter;            /* white space between body and date column */
    rc_scaled date_column_max;               /* entries.date_and_location_width */
    int date_column_fit;                     /* the date column as wide as its widest
                                                text, up to date_column_max */
    rc_align date_column_align;              /* flush right (or left, centred) in its column */
    rc_scaled bullet_indent;                 /* from the body's left edge to the bullet text */
    rc_scaled nested_bullet_indent;          /* further indent of nested highlights */
    rc_scaled bullet_gap;                    /* between a bullet and its text */
    uint32_t bullet_char, nested_bullet_char;
    const char *footer;                      /* template for documents of 2+ pages, or NULL */
    const char *top_note;                    /* template at the top of page 1, or NULL */
    int show_footer, show_top_note;
    int max_pages;                           /* page.max_pages: fit to this many (fit.h); 0: any */
    rc_pos max_pages_pos;                    /* where it was set, for the message when it cannot */
    uint32_t top_note_color;
    rc_scaled footer_size;
    rc_align body_align;
    int hyphenate;                           /* body text may be hyphenated */
    int ligatures;                           /* typography.ligatures: the fonts' ff, fi, fl ... */
    int font_expansion;                      /* typography.font_expansion: glyphs of justified
                                                lines may be scaled by up to 2% (lb.expand_*) */
    int date_column_left;                    /* moderncv: dates in a column on the left */
    int vspace_shrinks;                      /* the latex theme's: vertical spaces shrink by a
                                                third to fill pages, as TeX's glue does
                                                (RenderCV's Typst spacing is fixed) */
    int bold_owner_name;                     /* the latex theme's: the CV owner's name bold in the
                                                body (RenderCV bolds only bold_keywords) */
    int section_page_break;                  /* sections.allow_page_break */
    int entry_page_break;                    /* entries.allow_page_break */
    int short_second_row;                    /* entries.short_second_row: all of an entry's
                                                text stays left of its date column */
    /* RenderCV's entry templates, per entry type ("" or NULL: none) */
    const char *main_template[RC_ENTRY_TYPE_COUNT];
    const char *side_template[RC_ENTRY_TYPE_COUNT];
    const char *degree_template;             /* education: a column left of the body */
    /* design.templates for dates (NULL: RenderCV's defaults) */
    const char *single_date_template, *date_range_template, *time_span_template;
    /* sections.show_time_spans_in: the sections whose dates get "2 years 3 months" */
    const char *time_span_sections[16];
    size_t ntime_span_sections;
    int time_span_sections_layer; /* which layer of options wrote the list */
    int layer;                    /* the layer being applied (theme, theme, CV, ...) */
    rc_scaled degree_width;
    rc_lb_params lb;
} rc_style;

/*
 * The style a CV asks for. Design options come from the classic theme, then
 * the CV's theme, then the CV's own `design:`, each over the one before
 * (theme_values: the theme files as loaded; see theme.h). An option with a
 * bad value is an error; an unknown one, a warning naming it.
 */
int rc_style_for_cv(rc_style *s, const rc_cv *cv, const rc_design_values *const *themes,
                    size_t nthemes, rc_diags *d);

/* The built-in defaults before any theme (rescomp's LaTeX look on A4). */
void rc_style_defaults(rc_style *s);

/* The capital height, 1/1000 em, of a family RenderCV's themes use (700 for others). */
int rc_family_cap_height(const char *family);

/* Width of the text block. */
rc_scaled rc_style_text_width(const rc_style *s);

#endif
