/*
 * style: design options (RenderCV's design model) become numbers.
 *
 * rc_style_defaults sets rescomp's own look; themes and the CV's design
 * then override it option by option through one table: each option has a
 * path ("colors.name"), a kind (length, colour, flag, choice, text) and
 * the field it sets. Every option of RenderCV v2.8's design model is in
 * it; an option that is not gets a warning naming it (with the nearest
 * known one), never silence.
 */
#include "style.h"
#include "template.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- defaults ------------------------------------------------------------ */

static rc_scaled mm(double v)
{
    return RC_PT(v * 72.0 / 25.4);
}

/*
 * Font expansion as microtype sets it up for pdfTeX by default: stretch and
 * shrink 20 (2%), in steps of 1 (pdfTeX 1.40 and later; older ones needed
 * coarser steps to limit the expanded fonts embedded, where a PDF's Tz
 * costs the same for any value).
 */
static void set_expansion(rc_style *s)
{
    s->lb.expand_stretch = s->lb.expand_shrink = s->font_expansion ? RC_EXPAND_MAX : 0;
    s->lb.expand_step = 1;
}

/*
 * RenderCV's Typst lines are as tall as the font's capitals (its text top
 * edge) and end at the baseline; its leading (typography.line_spacing) is
 * the white space between them. A line here is as tall as the capitals of
 * the family the theme asks for, so lines stand where RenderCV's stand even
 * where another family is drawn in its place.
 */
static void set_leading(rc_style *s)
{
    s->cap_height = rc_family_cap_height(s->font_family[RC_ROLE_BODY].name);
    s->body_leading = (rc_scaled)((int64_t)s->body_size * s->cap_height / 1000) + s->line_gap;
}

void rc_style_defaults(rc_style *s)
{
    memset(s, 0, sizeof(*s));
    s->page_width = mm(210);
    s->page_height = mm(297);
    s->margin_top = s->margin_bottom = mm(17);
    s->margin_left = s->margin_right = mm(19);
    s->text_color = 0x000000;
    s->link_color = 0x00294F;
    s->footer_color = 0x555555;
    s->body_size = RC_PT(10);
    s->line_gap = RC_PT(5.4);
    s->name = (rc_role){RC_PT(24.88), 0x00294F, 0, 0, RC_ROLE_NAME}; /* LaTeX's \huge at 10pt */
    s->headline = (rc_role){RC_PT(12), 0x000000, 0, 0, RC_ROLE_HEADLINE};
    s->connections = (rc_role){RC_PT(10), 0x000000, 0, 0, RC_ROLE_CONNECTIONS};
    s->section_title = (rc_role){RC_PT(12), 0x00294F, 1, 0, RC_ROLE_SECTION_TITLES};
    s->header_align = RC_ALIGN_CENTER;
    s->photo_width = RC_PT(3.5 * 72 / 2.54);
    s->photo_position = RC_ALIGN_LEFT;
    s->photo_space_left = s->photo_space_right = RC_PT(0.4 * 72 / 2.54);
    s->space_below_connections = RC_PT(4);
    s->connection_separator = "|";
    s->connection_hyperlink = 1;
    s->phone_format = RC_PHONE_NATIONAL; /* RenderCV's default */
    s->title_type = RC_TITLE_WITH_FULL_LINE;
    s->section_rule_thickness = RC_PT(0.5);
    s->section_space_before = RC_PT(11);
    s->section_space_after_rule = RC_PT(5);
    s->entry_space = RC_PT(6);
    s->text_entry_space = RC_PT(1.5);
    s->paragraph_space = RC_PT(1.5);
    s->highlights_space_above = RC_PT(1.5);
    s->highlight_space = RC_PT(0.5);
    s->date_column_gutter = RC_PT(12);
    s->date_column_max = RC_PT(130);
    s->date_column_align = RC_ALIGN_RIGHT;
    s->bullet_indent = RC_PT(12);
    s->nested_bullet_indent = RC_PT(12);
    s->bullet_gap = RC_PT(5);
    s->bullet_char = 0x2022;        /* • */
    s->nested_bullet_char = 0x2013; /* – as LaTeX's itemize level 2 */
    /* RenderCV's classic footer: the name and the page, small and quiet. */
    s->footer = "*NAME -- PAGE_NUMBER/TOTAL_PAGES*";
    s->footer_size = RC_PT(9);
    s->top_note_color = 0x808080;
    s->show_footer = 1;
    s->body_align = RC_ALIGN_JUSTIFY;
    s->hyphenate = 1;
    s->ligatures = 1; /* as pdflatex and Typst set text */
    s->degree_width = mm(10);
    s->section_page_break = 1;
    s->entry_page_break = 1; /* the page builder's own rules (club, widow, short entries) */
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
    set_leading(s);
    s->lb.hyphen_penalty = 100;
    /*
     * Margin protrusion in every theme (justified text only): Typst, which
     * sets RenderCV's PDFs, hangs punctuation into the margin when it
     * justifies too, and LaTeX with microtype does. Font expansion is the
     * latex theme's (themes/latex.yaml): neither Typst nor XeTeX has it.
     */
    s->lb.protrude = 1;
    s->font_expansion = 0;
    set_expansion(s);
    /*
     * A last line of one short word (under 3em, "USTC)", "ships.") costs as
     * much as TeX's \finalhyphendemerits: kept only when the lines above
     * cannot take it or give it a neighbour within the tolerance.
     */
    s->lb.last_line_min = s->body_size * 3;
    s->lb.short_last_demerits = 5000;
}


/* ---- values ------------------------------------------------------------------ */

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

/*
 * The longest length a design option may have: past any page (an A4 page
 * is 842pt high), and small enough that the sums and differences layout
 * makes of a few of them stay far inside a scaled point's range (16,383pt).
 */
#define MAX_LENGTH_PT 2000.0

/* A length: a number and a unit (cm, mm, in, pt, em = the body size). */
static int parse_length(const rc_style *s, rc_text t, rc_scaled *out, rc_diags *d)
{
    static const struct {
        const char *unit;
        double pt;
    } units[] = {{"cm", 72.0 / 2.54}, {"mm", 72.0 / 25.4}, {"in", 72.0}, {"pt", 1.0}};
    char *end;
    double v = rc_strtod(t.s, &end);
    while (*end == ' ')
        end++;
    double pt = 0; /* the length in points, checked before it becomes a scaled point */
    int unit = end != t.s && strcmp(end, "em") == 0;
    if (unit)
        pt = v * s->body_size / RC_UNITY;
    for (size_t i = 0; end != t.s && i < RC_ARRAY_LEN(units); i++)
        if (strcmp(end, units[i].unit) == 0) {
            pt = v * units[i].pt;
            unit = 1;
        }
    if (unit && !(pt >= 0 && pt <= MAX_LENGTH_PT)) /* NaN too */
        return rc_error(d, t.pos, "length '%s' is out of range; use one from 0pt to %gpt, "
                        "which is longer than any page", t.s, MAX_LENGTH_PT);
    if (unit) {
        *out = RC_PT(pt);
        return 0;
    }
    return rc_error(d, t.pos, "length '%s' is not a number with a unit; write e.g. 2cm, 15mm, "
                              "0.7in, 36pt or 1.2em",
                    t.s);
}

static const struct {
    const char *name;
    uint32_t rgb;
} css_colors[] = {
    {"black", 0x000000},   {"white", 0xFFFFFF},     {"red", 0xFF0000},
    {"green", 0x008000},   {"blue", 0x0000FF},      {"navy", 0x000080},
    {"gray", 0x808080},    {"grey", 0x808080},      {"darkgray", 0xA9A9A9},
    {"darkgrey", 0xA9A9A9}, {"dimgray", 0x696969},  {"silver", 0xC0C0C0},
    {"maroon", 0x800000},  {"purple", 0x800080},    {"teal", 0x008080},
    {"olive", 0x808000},   {"orange", 0xFFA500},    {"darkblue", 0x00008B},
    {"darkred", 0x8B0000}, {"darkgreen", 0x006400}, {"midnightblue", 0x191970},
    {"steelblue", 0x4682B4}, {"royalblue", 0x4169E1}, {"firebrick", 0xB22222},
    {"crimson", 0xDC143C}, {"indigo", 0x4B0082},    {"slategray", 0x708090},
    {"darkslategray", 0x2F4F4F}, {"saddlebrown", 0x8B4513}, {"brown", 0xA52A2A},
};

/* A colour: rgb(r, g, b), #rrggbb, #rgb, or a CSS colour name. */
static int parse_color(rc_text t, uint32_t *out, rc_diags *d)
{
    const char *p = t.s;
    unsigned r, g, b;
    char tail;
    if (sscanf(p, " rgb ( %u , %u , %u %c", &r, &g, &b, &tail) == 4 && tail == ')' && r < 256 &&
        g < 256 && b < 256) {
        *out = (r << 16) | (g << 8) | b;
        return 0;
    }
    if (p[0] == '#') {
        size_t n = strspn(p + 1, "0123456789abcdefABCDEF");
        if (p[1 + n] == '\0' && (n == 6 || n == 3)) {
            unsigned long v = strtoul(p + 1, NULL, 16);
            if (n == 3)
                v = ((v & 0xF00) << 12 | (v & 0xF00) << 8) | ((v & 0x0F0) << 8 | (v & 0x0F0) << 4) |
                    ((v & 0x00F) << 4 | (v & 0x00F));
            *out = (uint32_t)v;
            return 0;
        }
    }
    for (size_t i = 0; i < RC_ARRAY_LEN(css_colors); i++)
        if (strcmp(p, css_colors[i].name) == 0) {
            *out = css_colors[i].rgb;
            return 0;
        }
    return rc_error(d, t.pos, "colour '%s' is not understood; write rgb(0, 79, 144), #004f90 or "
                              "a CSS colour name",
                    t.s);
}

static int parse_flag(rc_text t, int *out, rc_diags *d)
{
    if (!strcmp(t.s, "true") || !strcmp(t.s, "True") || !strcmp(t.s, "yes")) {
        *out = 1;
        return 0;
    }
    if (!strcmp(t.s, "false") || !strcmp(t.s, "False") || !strcmp(t.s, "no")) {
        *out = 0;
        return 0;
    }
    return rc_error(d, t.pos, "'%s' must be true or false", t.s);
}

static int parse_choice(rc_text t, const char *const *names, int *out, const char *what,
                        rc_diags *d)
{
    for (int i = 0; names[i]; i++)
        if (!strcmp(names[i], t.s)) {
            *out = i;
            return 0;
        }
    const char *near = rc_did_you_mean(t.s, names);
    if (near)
        return rc_error(d, t.pos, "unknown %s '%s' (did you mean '%s'?)", what, t.s, near);
    rc_buf b = RC_BUF_INIT;
    for (int i = 0; names[i]; i++)
        rc_buf_addf(&b, "%s%s", i ? ", " : "", names[i]);
    rc_error(d, t.pos, "unknown %s '%s'; use one of %s", what, t.s, rc_buf_str(&b));
    rc_buf_release(&b);
    return -1;
}

/* ---- the option table ------------------------------------------------------ */

typedef enum kind {
    K_LENGTH,    /* rc_scaled */
    K_SIZE,      /* rc_scaled, em relative to the body size */
    K_COLOR,     /* uint32_t */
    K_FLAG,      /* int */
    K_ALIGN,     /* rc_align from left/center/right */
    K_TEXT,      /* const char *, "" allowed */
    K_CHAR,      /* uint32_t: the first character of a text */
    K_PAPER,
    K_TITLE_TYPE,
    K_TEXT_ALIGN, /* body alignment: justified, left, justified-with-no-hyphenation */
    K_SECTION,    /* one name of a list of sections (a list's items share its path) */
    K_FAMILY,     /* rc_family_request: a font family for one role */
    K_FAMILIES,   /* typography.font_family as one name: every role */
    K_PHONE_FORMAT, /* rc_phone_format_kind from national/international/E164 */
    K_PAGES,      /* int: a number of pages, 1 to RC_MAX_PAGES_LIMIT, or none */
} kind;

typedef struct option {
    const char *path;
    kind kind;
    size_t off;
} option;

#define O(path, kind, member) {path, kind, offsetof(rc_style, member)}
#define TEMPLATE(type, entry)                                                               \
    O("templates." type ".main_column", K_TEXT, main_template[entry]),                     \
        O("templates." type ".date_and_location_column", K_TEXT, side_template[entry])

static const option options[] = {
    O("page.size", K_PAPER, page_width),
    O("page.top_margin", K_LENGTH, margin_top),
    O("page.bottom_margin", K_LENGTH, margin_bottom),
    O("page.left_margin", K_LENGTH, margin_left),
    O("page.right_margin", K_LENGTH, margin_right),
    O("page.show_footer", K_FLAG, show_footer),
    O("page.show_top_note", K_FLAG, show_top_note),
    O("page.max_pages", K_PAGES, max_pages),
    O("colors.body", K_COLOR, text_color),
    O("colors.name", K_COLOR, name.color),
    O("colors.headline", K_COLOR, headline.color),
    O("colors.connections", K_COLOR, connections.color),
    O("colors.section_titles", K_COLOR, section_title.color),
    O("colors.links", K_COLOR, link_color),
    O("colors.footer", K_COLOR, footer_color),
    O("colors.top_note", K_COLOR, top_note_color),
    O("typography.line_spacing", K_SIZE, line_gap),
    O("typography.alignment", K_TEXT_ALIGN, body_align),
    O("typography.margin_protrusion", K_FLAG, lb.protrude),
    O("typography.font_expansion", K_FLAG, font_expansion),
    O("typography.date_and_location_column_alignment", K_ALIGN, date_column_align),
    O("typography.font_family.body", K_FAMILY, font_family[RC_ROLE_BODY]),
    O("typography.font_family.name", K_FAMILY, font_family[RC_ROLE_NAME]),
    O("typography.font_family.headline", K_FAMILY, font_family[RC_ROLE_HEADLINE]),
    O("typography.font_family.connections", K_FAMILY, font_family[RC_ROLE_CONNECTIONS]),
    O("typography.font_family.section_titles", K_FAMILY, font_family[RC_ROLE_SECTION_TITLES]),
    O("typography.font_family", K_FAMILIES, font_family),
    O("typography.font_size.body", K_SIZE, body_size),
    O("typography.font_size.name", K_SIZE, name.size),
    O("typography.font_size.headline", K_SIZE, headline.size),
    O("typography.font_size.connections", K_SIZE, connections.size),
    O("typography.font_size.section_titles", K_SIZE, section_title.size),
    O("typography.ligatures", K_FLAG, ligatures),
    O("typography.small_caps.name", K_FLAG, name.smallcaps),
    O("typography.small_caps.headline", K_FLAG, headline.smallcaps),
    O("typography.small_caps.connections", K_FLAG, connections.smallcaps),
    O("typography.small_caps.section_titles", K_FLAG, section_title.smallcaps),
    O("typography.bold.name", K_FLAG, name.bold),
    O("typography.bold.headline", K_FLAG, headline.bold),
    O("typography.bold.connections", K_FLAG, connections.bold),
    O("typography.bold.section_titles", K_FLAG, section_title.bold),
    O("links.underline", K_FLAG, link_underline),
    O("links.show_external_link_icon", K_FLAG, external_link_icon),
    O("header.alignment", K_ALIGN, header_align),
    O("header.photo_width", K_LENGTH, photo_width),
    O("header.photo_position", K_ALIGN, photo_position),
    O("header.photo_space_left", K_LENGTH, photo_space_left),
    O("header.photo_space_right", K_LENGTH, photo_space_right),
    O("header.space_below_name", K_LENGTH, space_below_name),
    O("header.space_below_headline", K_LENGTH, space_below_headline),
    O("header.space_below_connections", K_LENGTH, space_below_connections),
    O("header.connections.phone_number_format", K_PHONE_FORMAT, phone_format),
    O("header.connections.hyperlink", K_FLAG, connection_hyperlink),
    O("header.connections.show_icons", K_FLAG, connection_icons),
    O("header.connections.display_urls_instead_of_usernames", K_FLAG, display_urls),
    O("header.connections.separator", K_TEXT, connection_separator),
    O("header.connections.space_between_connections", K_LENGTH, space_between_connections),
    O("section_titles.type", K_TITLE_TYPE, title_type),
    O("section_titles.line_thickness", K_LENGTH, section_rule_thickness),
    O("section_titles.space_above", K_LENGTH, section_space_before),
    O("section_titles.space_below", K_LENGTH, section_space_after_rule),
    O("sections.allow_page_break", K_FLAG, section_page_break),
    O("sections.space_between_regular_entries", K_LENGTH, entry_space),
    O("sections.space_between_text_based_entries", K_LENGTH, text_entry_space),
    O("sections.show_time_spans_in", K_SECTION, time_span_sections),
    O("entries.date_and_location_width", K_LENGTH, date_column_max),
    O("entries.fit_date_and_location_column", K_FLAG, date_column_fit),
    O("entries.side_space", K_LENGTH, side_space),
    O("entries.space_between_columns", K_LENGTH, date_column_gutter),
    O("entries.allow_page_break", K_FLAG, entry_page_break),
    O("entries.short_second_row", K_FLAG, short_second_row),
    O("entries.degree_width", K_LENGTH, degree_width),
    O("entries.summary.space_above", K_LENGTH, paragraph_space),
    O("entries.summary.space_left", K_LENGTH, summary_indent),
    O("entries.highlights.bullet", K_CHAR, bullet_char),
    O("entries.highlights.nested_bullet", K_CHAR, nested_bullet_char),
    O("entries.highlights.space_left", K_LENGTH, bullet_indent),
    O("entries.highlights.space_above", K_LENGTH, highlights_space_above),
    O("entries.highlights.space_between_items", K_LENGTH, highlight_space),
    O("entries.highlights.space_between_bullet_and_text", K_SIZE, bullet_gap),
    O("templates.footer", K_TEXT, footer),
    O("templates.top_note", K_TEXT, top_note),
    O("templates.single_date", K_TEXT, single_date_template),
    O("templates.date_range", K_TEXT, date_range_template),
    O("templates.time_span", K_TEXT, time_span_template),
    O("templates.one_line_entry.main_column", K_TEXT, main_template[RC_ENTRY_ONE_LINE]),
    TEMPLATE("education_entry", RC_ENTRY_EDUCATION),
    O("templates.education_entry.degree_column", K_TEXT, degree_template),
    TEMPLATE("normal_entry", RC_ENTRY_NORMAL),
    TEMPLATE("experience_entry", RC_ENTRY_EXPERIENCE),
    TEMPLATE("publication_entry", RC_ENTRY_PUBLICATION),
};

#undef O
#undef TEMPLATE

static const char *const title_types[] = {
    "with_partial_line",          "with_full_line",
    "without_line",               "moderncv",
    "centered_without_line",      "centered_with_partial_line",
    "centered_with_centered_partial_line", "centered_with_full_line", NULL};
static const char *const aligns[] = {"justified", "left", "center", "right", NULL};
/* In rc_phone_format_kind's order, spelt as RenderCV spells them. */
static const char *const phone_formats[] = {"national", "international", "E164", NULL};
static const char *const text_aligns[] = {"justified", "left", "justified-with-no-hyphenation",
                                          NULL};

static const option *find_option(const char *path)
{
    for (size_t i = 0; i < RC_ARRAY_LEN(options); i++)
        if (!strcmp(options[i].path, path))
            return &options[i];
    return NULL;
}

/* Apply one value; `user` says it was written in the CV (so unsupported ones warn). */
static int apply(rc_style *s, const rc_design_value *v, int user, rc_diags *d)
{
    const option *o = find_option(v->path);
    char *field = (char *)s + (o ? o->off : 0);
    if (!o) {
        if (!user)
            return 0;
        const char *paths[RC_ARRAY_LEN(options) + 2];
        for (size_t i = 0; i < RC_ARRAY_LEN(options); i++)
            paths[i] = options[i].path;
        paths[RC_ARRAY_LEN(options)] = "theme"; /* read by the loader, but a name to suggest */
        paths[RC_ARRAY_LEN(options) + 1] = NULL;
        const char *near = rc_did_you_mean(v->path, paths);
        if (near)
            rc_warning(d, v->value.pos, "unknown design option '%s' is ignored (did you mean '%s'?)",
                       v->path, near);
        else
            rc_warning(d, v->value.pos, "unknown design option '%s' is ignored", v->path);
        return 0;
    }
    int choice;
    switch (o->kind) {
    case K_LENGTH:
        return parse_length(s, v->value, (rc_scaled *)field, d);
    case K_SIZE:
        if (parse_length(s, v->value, (rc_scaled *)field, d) < 0)
            return -1;
        if (!strncmp(v->path, "typography.font_size.", 21) &&
            (*(rc_scaled *)field < RC_PT(1) || *(rc_scaled *)field > RC_PT(200)))
            return rc_error(d, v->value.pos, "font size '%s' must be between 1pt and 200pt",
                            v->value.s);
        return 0;
    case K_COLOR:
        return parse_color(v->value, (uint32_t *)field, d);
    case K_FLAG:
        return parse_flag(v->value, (int *)field, d);
    case K_ALIGN:
        if (parse_choice(v->value, aligns, &choice, "alignment", d) < 0)
            return -1;
        *(rc_align *)field = choice == 0 ? RC_ALIGN_JUSTIFY
                             : choice == 1 ? RC_ALIGN_LEFT
                             : choice == 2 ? RC_ALIGN_CENTER
                                           : RC_ALIGN_RIGHT;
        return 0;
    case K_TEXT_ALIGN:
        if (parse_choice(v->value, text_aligns, &choice, "alignment", d) < 0)
            return -1;
        s->body_align = choice == 1 ? RC_ALIGN_LEFT : RC_ALIGN_JUSTIFY;
        s->hyphenate = choice == 0;
        return 0;
    case K_TEXT:
        *(const char **)field = v->value.s;
        return 0;
    case K_SECTION:
        /* a list from an earlier layer is replaced, not added to */
        if (s->layer != s->time_span_sections_layer) {
            s->ntime_span_sections = 0;
            s->time_span_sections_layer = s->layer;
        }
        if (*v->value.s && s->ntime_span_sections < RC_ARRAY_LEN(s->time_span_sections))
            s->time_span_sections[s->ntime_span_sections++] = v->value.s;
        return 0;
    case K_FAMILY:
    case K_FAMILIES: {
        rc_family_request *r = (rc_family_request *)field;
        size_t n = o->kind == K_FAMILIES ? RC_ROLE_COUNT : 1;
        if (!v->value.s[strspn(v->value.s, " \t")])
            return rc_error(d, v->value.pos, "a font family needs a name, like 'CMU Serif'");
        for (size_t i = 0; i < n; i++)
            r[i] = (rc_family_request){v->value.s, v->value.pos, user};
        return 0;
    }
    case K_CHAR: {
        uint32_t cp = ' ';
        if (*v->value.s && rc_utf8_decode(v->value.s, strlen(v->value.s), &cp) == 0)
            return rc_error(d, v->value.pos, "'%s' is not valid UTF-8", v->value.s);
        *(uint32_t *)field = cp;
        return 0;
    }
    case K_PAPER: {
        const char *names[RC_ARRAY_LEN(papers) + 1];
        for (size_t i = 0; i < RC_ARRAY_LEN(papers); i++)
            names[i] = papers[i].name;
        names[RC_ARRAY_LEN(papers)] = NULL;
        if (parse_choice(v->value, names, &choice, "page size", d) < 0)
            return -1;
        s->page_width = mm(papers[choice].width_mm);
        s->page_height = mm(papers[choice].height_mm);
        return 0;
    }
    case K_TITLE_TYPE:
        if (parse_choice(v->value, title_types, &choice, "section title type", d) < 0)
            return -1;
        s->title_type = (rc_title_type)choice;
        return 0;
    case K_PAGES: {
        /* "none" (or an empty value) takes a theme's or a variant's limit away */
        char *end;
        long n = strtol(v->value.s, &end, 10);
        if (!*v->value.s || !strcmp(v->value.s, "none")) {
            *(int *)field = 0;
            return 0;
        }
        if (end == v->value.s || *end || n < 1 || n > RC_MAX_PAGES_LIMIT)
            return rc_error(d, v->value.pos, "page.max_pages '%s' must be a whole number of pages "
                            "from 1 to %d, or none", v->value.s, RC_MAX_PAGES_LIMIT);
        *(int *)field = (int)n;
        s->max_pages_pos = v->value.pos;
        return 0;
    }
    case K_PHONE_FORMAT:
        if (parse_choice(v->value, phone_formats, &choice, "phone number format", d) < 0)
            return -1;
        s->phone_format = (rc_phone_format_kind)choice;
        return 0;
    }
    return 0;
}

/*
 * Apply a list of values: the body size first, since lengths in em depend
 * on it, then everything else in order.
 */
static int apply_all(rc_style *s, const rc_design_values *vals, int user, rc_diags *d)
{
    int rc = 0;
    s->layer++;
    for (size_t i = 0; i < vals->n; i++)
        if (!strcmp(vals->v[i].path, "typography.font_size.body") && apply(s, &vals->v[i], user, d))
            rc = -1;
    for (size_t i = 0; i < vals->n; i++)
        if (strcmp(vals->v[i].path, "typography.font_size.body") && apply(s, &vals->v[i], user, d))
            rc = -1;
    return rc;
}

/* The CV's explicitly modelled design fields, as values to apply last. */
static void explicit_values(const rc_cv *cv, rc_design_value *out, size_t *n)
{
    static const char *const margin_paths[] = {"page.top_margin", "page.bottom_margin",
                                               "page.left_margin", "page.right_margin"};
    *n = 0;
    if (cv->page_size.s)
        out[(*n)++] = (rc_design_value){"page.size", cv->page_size};
    for (int i = 0; i < 4; i++)
        if (cv->margins[i].s)
            out[(*n)++] = (rc_design_value){margin_paths[i], cv->margins[i]};
    if (cv->alignment.s)
        out[(*n)++] = (rc_design_value){"typography.alignment", cv->alignment};
}

/*
 * A custom field (an entry key that is not a field of its type) is shown
 * only where a template of the entry's type names it (foo as FOO): say so
 * when none does, since nothing else would tell that it is not printed.
 */
static void warn_unshown_fields(const rc_style *s, const rc_cv *cv, rc_diags *d)
{
    for (size_t i = 0; i < cv->nsections; i++) {
        const rc_section *sec = &cv->sections[i];
        for (size_t j = 0; j < sec->nentries; j++) {
            const rc_entry *en = &sec->entries[j];
            const char *main = s->main_template[en->type];
            for (size_t k = 0; k < en->nextra; k++) {
                const rc_extra_field *x = &en->extra[k];
                if (x->warned)
                    continue;
                int shown = main && *main &&
                            (rc_template_shows(main, x->key) ||
                             rc_template_shows(s->side_template[en->type], x->key) ||
                             (en->type == RC_ENTRY_EDUCATION &&
                              rc_template_shows(s->degree_template, x->key)));
                if (!shown)
                    rc_warning(d, x->value.pos, "'%s' is not shown by any template of the "
                               "theme; add it to a template of the %s (design.templates) or "
                               "remove it", x->key, rc_entry_type_name(en->type));
            }
        }
    }
}

int rc_style_for_cv(rc_style *s, const rc_cv *cv, const rc_design_values *const *themes,
                    size_t nthemes, rc_diags *d)
{
    rc_style_defaults(s);
    int rc = 0;
    for (size_t i = 0; i < nthemes; i++)
        if (themes[i] && apply_all(s, themes[i], 0, d) < 0)
            rc = -1;
    if (apply_all(s, &cv->design, 1, d) < 0)
        rc = -1;
    rc_design_value ex[8];
    size_t nex;
    explicit_values(cv, ex, &nex);
    rc_design_values exv = {ex, nex, nex};
    if (apply_all(s, &exv, 1, d) < 0)
        rc = -1;
    if (rc < 0)
        return -1;
    if (cv->show_footer >= 0)
        s->show_footer = cv->show_footer; /* the loader reads this one itself */
    if (!s->show_footer)
        s->footer = NULL;
    if (!s->show_top_note)
        s->top_note = NULL;
    if (cv->theme.s && !strcmp(cv->theme.s, "moderncv"))
        s->date_column_left = 1; /* moderncv's look: dates in a column left of the text */
    if (cv->theme.s && !strcmp(cv->theme.s, "latex")) {
        s->bold_owner_name = 1; /* rescomp's academic look: the owner bold in author lists */
        s->vspace_shrinks = 1;
        /*
         * A stretched line pays for its badness as if its spaces stretched
         * by a third of what they may (a sixth of a space instead of half):
         * a gap 0.05 em too wide then costs about what one 0.1 em too narrow
         * does (linebreak.c's cost_badness). Measured on the flagship: p95 of
         * the justified gaps 0.436 -> 0.370 em, mean 0.342 -> 0.332, hyphens
         * alike. RenderCV's themes break as Typst does, by TeX's symmetric
         * badness.
         */
        s->lb.loose_stretch = RC_LATEX_LOOSE_STRETCH;
    }
    s->lb.emergency_stretch = s->body_size * 3 / 2;
    set_expansion(s);
    s->lb.last_line_min = s->body_size * 3;
    s->footer_size = s->body_size * 9 / 10; /* RenderCV's top note and footer: 0.9em */
    set_leading(s);
    /*
     * RenderCV's date column is a fixed 4.15cm, so its 0.1cm between columns
     * is plenty; a column fitted to the widest date keeps text beside it at
     * least an em away.
     */
    if (s->date_column_fit && s->date_column_gutter < s->body_size)
        s->date_column_gutter = s->body_size;
    warn_unshown_fields(s, cv, d);
    if (rc_style_text_width(s) < RC_PT(72) ||
        s->page_height - s->margin_top - s->margin_bottom < RC_PT(72))
        return rc_error(d, cv->margins[0].s ? cv->margins[0].pos : cv->margins[2].pos,
                        "the margins leave less than an inch for the text; make them smaller");
    return 0;
}

/*
 * The capital height (1/1000 em) of the families RenderCV's themes use, as
 * their fonts' OS/2 tables give it; 700 for any other, about a Latin
 * face's capitals.
 */
int rc_family_cap_height(const char *family)
{
    static const struct {
        const char *family;
        int cap;
    } caps[] = {
        {"Source Sans 3", 660}, {"XCharter", 671},    {"Raleway", 710},
        {"EB Garamond", 650},   {"Ubuntu", 693},      {"Fontin", 671},
        {"Lato", 717},          {"New Computer Modern", 683},
        {"Libertinus Serif", 658}, {"Gentium Book Plus", 615},
    };
    for (size_t i = 0; family && i < RC_ARRAY_LEN(caps); i++)
        if (!strcasecmp(caps[i].family, family))
            return caps[i].cap;
    return 700;
}

rc_scaled rc_style_text_width(const rc_style *s)
{
    return s->page_width - s->margin_left - s->margin_right;
}
