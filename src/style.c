/*
 * style: the classic style's numbers.
 *
 * Sizes follow a LaTeX article at 10pt (baselineskip 12pt) with the
 * margins of a CV that fits a lot on a page without looking crowded.
 */
#include "style.h"

#include <stdlib.h>
#include <string.h>

typedef struct paper {
    const char *name;
    double width_mm, height_mm;
} paper;

static const paper papers[] = {
    {"a4", 210, 297},
    {"a5", 148, 210},
    {"us-letter", 215.9, 279.4},
    {"us-executive", 184.15, 266.7},
};

static rc_scaled mm(double v)
{
    return RC_PT(v * 72.0 / 25.4);
}

int rc_style_classic(rc_style *s, const char *page_size, rc_pos pos, rc_diags *d)
{
    memset(s, 0, sizeof(*s));
    const paper *p = NULL;
    if (!page_size)
        page_size = "a4";
    for (size_t i = 0; i < RC_ARRAY_LEN(papers); i++)
        if (strcmp(papers[i].name, page_size) == 0)
            p = &papers[i];
    if (!p)
        return rc_error(d, pos,
                        "unknown page size '%s' (use a4, a5, us-letter or us-executive)",
                        page_size);
    s->page_width = mm(p->width_mm);
    s->page_height = mm(p->height_mm);
    s->margin_top = mm(17);
    s->margin_bottom = mm(17);
    s->margin_left = mm(19);
    s->margin_right = mm(19);

    s->text_color = 0x000000;
    s->primary_color = 0x00294F; /* a dark blue, as RenderCV's classic but deeper for print */
    s->link_color = 0x00294F;

    s->body_size = RC_PT(10);
    s->body_leading = RC_PT(12.4);
    s->name_size = RC_PT(24.88); /* LaTeX's \huge at 10pt */
    s->headline_size = RC_PT(12);
    s->connections_size = RC_PT(10);
    s->section_title_size = RC_PT(12);
    s->section_rule_thickness = RC_PT(0.5);
    s->section_space_before = RC_PT(11);
    s->section_space_after_rule = RC_PT(5);
    s->header_space_after = RC_PT(4);
    s->entry_space = RC_PT(6);
    s->paragraph_space = RC_PT(1.5);
    s->highlight_space = RC_PT(0.5);
    s->date_column_gutter = RC_PT(12);
    s->date_column_max = RC_PT(130);
    s->bullet_indent = RC_PT(12);
    s->nested_bullet_indent = RC_PT(12);
    s->bullet_char = 0x2022;       /* • */
    s->nested_bullet_char = 0x2013; /* – as LaTeX's itemize level 2 */
    s->connection_separator = "|";
    /* RenderCV's classic footer: the name and the page, small and quiet. */
    s->footer = "*NAME -- PAGE_NUMBER/TOTAL_PAGES*";
    s->footer_size = RC_PT(8);
    s->footer_color = 0x555555;
    s->body_align = RC_ALIGN_JUSTIFY;
    s->hyphenate = 1;
    rc_lb_params_default(&s->lb);
    /*
     * Measured on bench/corpus (bench/quality.sh): with 3pt of emergency
     * stretch, columns of 10cm and 330pt still got overfull lines (up to
     * 20pt) where a loose line existed; 1.5em removes all of them, and a
     * line running into the date column is worse in a CV than a loose one.
     * A hyphen costs twice TeX's 50: fewer words are broken (what readers
     * and text extractors prefer) for a slightly looser spacing.
     */
    s->lb.emergency_stretch = s->body_size * 3 / 2;
    s->lb.hyphen_penalty = 100;
    return 0;
}

/* A RenderCV length: a number and a unit (cm, mm, in, pt), e.g. "2cm", "0.7 in". */
static int parse_length(rc_text t, rc_scaled *out, rc_diags *d)
{
    static const struct {
        const char *unit;
        double pt;
    } units[] = {{"cm", 72.0 / 2.54}, {"mm", 72.0 / 25.4}, {"in", 72.0}, {"pt", 1.0}};
    char *end;
    double v = strtod(t.s, &end);
    while (*end == ' ')
        end++;
    if (end != t.s && v >= 0 && v < 1000) {
        for (size_t i = 0; i < RC_ARRAY_LEN(units); i++) {
            if (strcmp(end, units[i].unit) == 0) {
                *out = RC_PT(v * units[i].pt);
                return 0;
            }
        }
    }
    return rc_error(d, t.pos, "length '%s' is not a number with a unit; write e.g. 2cm, 15mm, "
                              "0.7in or 36pt",
                    t.s);
}

int rc_style_for_cv(rc_style *s, const rc_cv *cv, rc_diags *d)
{
    if (rc_style_classic(s, cv->page_size.s, cv->page_size.pos, d) != 0)
        return -1;
    const char *theme = cv->theme.s;
    if (theme && strcmp(theme, "moderncv") == 0) {
        /* moderncv's look: dates flush right in a column left of the text. */
        s->date_column_left = 1;
        s->date_column_gutter = RC_PT(10);
    } else if (theme && strcmp(theme, "classic") != 0) {
        rc_warning(d, cv->theme.pos,
                   "theme '%s' is not available yet; the classic look is used (classic and "
                   "moderncv are)",
                   theme);
    }
    rc_scaled *margins[4] = {&s->margin_top, &s->margin_bottom, &s->margin_left,
                             &s->margin_right};
    for (int i = 0; i < 4; i++)
        if (cv->margins[i].s && parse_length(cv->margins[i], margins[i], d) != 0)
            return -1;
    if (rc_style_text_width(s) < RC_PT(72) ||
        s->page_height - s->margin_top - s->margin_bottom < RC_PT(72))
        return rc_error(d, cv->margins[0].s ? cv->margins[0].pos : cv->margins[2].pos,
                        "the margins leave less than an inch for the text; make them smaller");
    if (cv->show_footer == 0)
        s->footer = NULL;
    const char *align = cv->alignment.s;
    if (align && strcmp(align, "left") == 0) {
        s->body_align = RC_ALIGN_LEFT;
        s->hyphenate = 0;
    } else if (align && strcmp(align, "justified-with-no-hyphenation") == 0) {
        s->hyphenate = 0;
    }
    return 0;
}

rc_scaled rc_style_text_width(const rc_style *s)
{
    return s->page_width - s->margin_left - s->margin_right;
}
