/*
 * layout_entry: an entry of the model built into its parts (layout_parts.h)
 * -- title rows, summary, highlights and the date and location column --
 * from RenderCV's templates or the theme's fixed rows, and the dates
 * formatted as the CV's locale writes them. Setting the parts as lines is
 * layout_entry_emit.c's work.
 */
#include "layout_parts.h"

#include "template.h"

#include <stdlib.h>
#include <string.h>

/* ---- dates ------------------------------------------------------------- */

char *rc_format_when(rc_arena *a, const rc_locale *loc, const rc_date_templates *t,
                     const rc_when *w)
{
    return rc_locale_format_when(a, loc ? loc : rc_locale_english(), t, w);
}

/* One date of when_dates: "2019-09 Sept 2019\n" (a year before 1000 is no HTML date). */
static void add_date(ctx *c, const rc_date_templates *t, const rc_date *date, rc_buf *b)
{
    if (date->year < 1000 || date->year > 9999)
        return;
    rc_buf_addf(b, "%04d", date->year);
    if (date->month >= 1 && date->month <= 12) {
        rc_buf_addf(b, "-%02d", date->month);
        if (date->day >= 1 && date->day <= 31)
            rc_buf_addf(b, "-%02d", date->day);
    }
    rc_buf_addf(b, " %s\n", rc_locale_format_date(c->a, &c->locale, t, date));
}

/* The calendar dates a formatted `when` shows, as rc_node's dates says; NULL: none. */
static const char *when_dates(ctx *c, const rc_date_templates *t, const rc_when *w)
{
    if (w->kind != RC_WHEN_SINGLE && w->kind != RC_WHEN_RANGE)
        return NULL;
    rc_buf b = RC_BUF_INIT;
    add_date(c, t, &w->start, &b);
    if (w->kind == RC_WHEN_RANGE && !w->end_is_present)
        add_date(c, t, &w->end, &b);
    /* the tree outlives the entry's scratch arena */
    const char *s = b.len ? rc_arena_strndup(c->doc_arena, b.ptr, b.len) : NULL;
    rc_buf_release(&b);
    return s;
}

/* ---- entries ------------------------------------------------------------ */

static mpara *add_mpara(ctx *c, entry_parts *e, rc_pos pos, rc_scaled space_before)
{
    RC_VEC_PUSH(e->main, e->nmain, e->cap);
    mpara *m = &e->main[e->nmain++];
    memset(m, 0, sizeof(*m));
    rc_para_init(&m->p, c->st->body_align, pos);
    m->space_before = e->nmain > 1 ? space_before : 0;
    return m;
}

void parts_release(entry_parts *e)
{
    for (size_t i = 0; i < e->nmain; i++) {
        rc_para_release(&e->main[i].p);
        if (e->main[i].side) {
            rc_para_release(e->main[i].side);
            free(e->main[i].side);
        }
    }
    free(e->main);
    for (size_t i = 0; i < e->nside; i++)
        rc_para_release(&e->side[i]);
    memset(e, 0, sizeof(*e));
}

/*
 * A title row: its first paragraph, set ragged so it never stretches, and
 * balanced, so a long award title does not leave "USTC)" alone on its
 * second line.
 */
static void add_row(ctx *c, entry_parts *e, rc_text t, unsigned style)
{
    if (!t.s || !*t.s)
        return;
    mpara *m = add_mpara(c, e, t.pos, 0);
    m->p.align = RC_ALIGN_LEFT;
    m->p.balance = c->text_width;
    rc_para_style ps = body_style(c, style);
    ps.node = add_node(c, RC_ST_P, e->node);
    ps.hyphenate = 0; /* names of institutions and titles are not hyphenated */
    add_spans(c, &m->p, parse_text(c, t.s), &ps);
}

/* A line of the entry's date/location column; hints: what else it is (doc.h, RC_HINT_DATE). */
/* Returns its node, or RC_NODE_NONE when there is no line. */
static uint32_t add_side(ctx *c, entry_parts *e, const char *s, rc_pos pos, unsigned hints)
{
    if (!s || !*s || e->nside >= RC_ARRAY_LEN(e->side))
        return RC_NODE_NONE;
    rc_para *p = &e->side[e->nside++];
    rc_align align = c->st->date_column_align == RC_ALIGN_JUSTIFY ? RC_ALIGN_LEFT
                                                                  : c->st->date_column_align;
    rc_para_init(p, align, pos);
    rc_para_style ps = body_style(c, 0);
    ps.align = align;
    ps.hyphenate = 0;
    ps.node = add_node(c, RC_ST_P, e->node);
    c->doc->nodes[ps.node].hints = RC_HINT_ASIDE | hints;
    add_spans(c, p, parse_text(c, s), &ps);
    return ps.node;
}

static void add_body(ctx *c, entry_parts *e, rc_text t)
{
    if (!t.s)
        return;
    mpara *m = add_mpara(c, e, t.pos, c->st->paragraph_space);
    m->indent = c->st->summary_indent;
    rc_para_style ps = body_style(c, 0);
    ps.node = add_node(c, RC_ST_P, e->node);
    add_spans(c, &m->p, parse_text(c, t.s), &ps);
}

/* Where a bullet's text starts: RenderCV's space_left, the bullet, the gap. */
static rc_scaled bullet_text_indent(ctx *c, uint32_t bullet)
{
    rc_scaled size, raise;
    bullet = bullet_glyph(c->st, bullet, &size, &raise);
    rc_face_id id = RC_FACE_REGULAR;
    if (!rc_face_has_char(c->fonts->faces[id], bullet))
        id = rc_fonts_fallback(c->fonts, id, bullet); /* rc_layout_cv made sure one has it */
    const rc_face *f = c->fonts->faces[id < 0 ? RC_FACE_REGULAR : id];
    return c->st->bullet_indent + milli_em(rc_face_advance(f, bullet), size) + c->st->bullet_gap;
}

static void add_highlights(ctx *c, entry_parts *e, const rc_entry *en)
{
    for (size_t i = 0; i < en->nhighlights; i++) {
        const rc_highlight *h = &en->highlights[i];
        mpara *m = add_mpara(c, e, h->text.pos,
                             i == 0 ? c->st->highlights_space_above : c->st->highlight_space);
        m->bullet = h->level ? c->st->nested_bullet_char : c->st->bullet_char;
        m->p.after_marker = 1;
        /* a nested list is indented as a list is, from its parent's text (Typst's lists) */
        m->indent = bullet_text_indent(c, c->st->bullet_char) +
                    (h->level ? bullet_text_indent(c, m->bullet) : 0);
        /* a list of items, each a label (the bullet) and a body; nested ones in the last body */
        uint32_t list;
        if (!h->level) {
            if (!e->list)
                e->list = add_node(c, RC_ST_L, e->node);
            list = e->list;
            e->nested = 0;
        } else {
            if (!e->nested)
                e->nested = add_node(c, RC_ST_L, e->last_body ? e->last_body : e->node);
            list = e->nested;
        }
        uint32_t li = add_node(c, RC_ST_LI, list);
        m->lbl = add_node(c, RC_ST_LBL, li);
        rc_para_style ps = body_style(c, 0);
        ps.node = add_node(c, RC_ST_LBODY, li);
        if (!h->level)
            e->last_body = ps.node;
        add_spans(c, &m->p, parse_text(c, h->text.s), &ps);
    }
}

static const char *join_texts(ctx *c, const rc_texts *t, const char *sep)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < t->n; i++) {
        if (i)
            rc_buf_adds(&b, sep);
        rc_buf_adds(&b, t->v[i].s);
    }
    const char *s = rc_arena_strdup(c->a, rc_buf_str(&b));
    rc_buf_release(&b);
    return s;
}

/* A link written in markup, with its text escaped so it shows as written. */
static const char *markup_link(ctx *c, const char *shown, const char *url)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_addc(&b, '[');
    for (const char *p = shown; *p; p++) {
        if (strchr("\\*[]()`~-", *p))
            rc_buf_addc(&b, '\\');
        rc_buf_addc(&b, *p);
    }
    rc_buf_addf(&b, "](%s)", url);
    const char *r = rc_arena_strdup(c->a, rc_buf_str(&b));
    rc_buf_release(&b);
    return r;
}

/* A URL as shown: without the scheme and the trailing slash. */
const char *shown_url(ctx *c, const char *url)
{
    const char *s = url;
    if (strncmp(s, "https://", 8) == 0)
        s += 8;
    else if (strncmp(s, "http://", 7) == 0)
        s += 7;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '/')
        n--;
    return rc_arena_strndup(c->a, s, n);
}

/* The fields an entry offers its templates, by RenderCV's placeholder names. */
/* The fields of every entry (and then its nextra custom fields) entry_fields() gives. */
#define ENTRY_FIELDS 16

static size_t entry_fields(ctx *c, const rc_entry *en, const char *date, rc_tfield *f)
{
    size_t n = 0;
#define FIELD(name, value) f[n++] = (rc_tfield){name, value}
    FIELD("INSTITUTION", en->institution.s);
    FIELD("AREA", en->area.s);
    FIELD("DEGREE", en->degree.s);
    FIELD("COMPANY", en->company.s);
    FIELD("POSITION", en->position.s);
    FIELD("NAME", en->name.s);
    FIELD("TITLE", en->title.s);
    FIELD("AUTHORS", en->authors.n ? join_texts(c, &en->authors, ", ") : NULL);
    FIELD("JOURNAL", en->journal.s);
    /* the DOI as RenderCV shows it, without a 'doi:' prefix, linked to doi.org */
    const char *doi = en->doi.s ? markup_link(c, en->doi.s,
                                              rc_arena_printf(c->a, "https://doi.org/%s",
                                                              en->doi.s))
                                : NULL;
    FIELD("DOI", doi);
    /* RenderCV's URL shows the DOI when there is one, else the URL itself. */
    FIELD("URL", doi ? doi : en->url.s ? markup_link(c, shown_url(c, en->url.s), en->url.s) : NULL);
    FIELD("LABEL", en->label.s);
    FIELD("DETAILS", en->details.s);
    FIELD("LOCATION", en->location.s);
    FIELD("DATE", date);
    FIELD("SUMMARY", en->summary.s);
    /* custom fields, as RenderCV names them: foo_bar is FOO_BAR */
    for (size_t i = 0; i < en->nextra; i++) {
        const char *ph = rc_template_placeholder(c->a, en->extra[i].key);
        if (ph)
            FIELD(ph, en->extra[i].value.s);
    }
#undef FIELD
    return n;
}

/* RenderCV's phrase placeholder, in the CV's language ("DEGREE in AREA"). */
static const char *expand_phrases(ctx *c, const char *tmpl)
{
    const char *ph = strstr(tmpl, "DEGREE_WITH_AREA");
    if (!ph)
        return tmpl;
    return rc_arena_printf(c->a, "%.*s%s%s", (int)(ph - tmpl), tmpl,
                           c->locale.degree_with_area, ph + 16);
}

/*
 * A row that ends with a colon ("**Conference Reviewer:**") labels what
 * follows it: set as a run-in head of the summary, as a LaTeX CV sets
 * \textbf{Conference Reviewer:} ICLR 2024; ..., not as a line of its own.
 */
static int is_run_in_label(const char *row)
{
    size_t n = strlen(row);
    while (n && (row[n - 1] == '*' || row[n - 1] == '_' || row[n - 1] == ' '))
        n--; /* the markup that closes it */
    return n > 1 && row[n - 1] == ':';
}

/* The next line of a template after ln, or "" at its end. */
static const char *next_line(const char *ln)
{
    const char *nl = strchr(ln, '\n');
    return nl ? nl + 1 : "";
}

static int line_is(const char *ln, const char *what)
{
    while (*ln == ' ')
        ln++;
    size_t n = strlen(what);
    return !strncmp(ln, what, n) && (ln[n] == '\n' || !ln[n]);
}

/*
 * Lay out an entry from its type's templates: each line of the main
 * template is a row (or the summary, or the highlights), each line of the
 * date-and-location template a line of the date column.
 */
static void build_from_templates(ctx *c, const rc_entry *en, const char *date, entry_parts *e)
{
    rc_tfield *f = rc_arena_alloc(c->a, (ENTRY_FIELDS + en->nextra) * sizeof(*f));
    size_t nf = entry_fields(c, en, date, f);
    const char *main = expand_phrases(c, c->st->main_template[en->type]);
    const char *side = c->st->side_template[en->type];
    int summary_done = 0; /* set run in after its label */
    for (const char *ln = main; *ln;) {
        const char *nl = strchr(ln, '\n');
        size_t len = nl ? (size_t)(nl - ln) : strlen(ln);
        char *one = rc_arena_strndup(c->a, ln, len);
        const char *trim = one;
        while (*trim == ' ')
            trim++;
        if (!strcmp(trim, "SUMMARY")) {
            if (!summary_done)
                add_body(c, e, en->summary);
        } else if (!strcmp(trim, "HIGHLIGHTS")) {
            add_highlights(c, e, en);
        } else {
            rc_text row = {rc_template_expand(c->a, one, f, nf), en->pos};
            int run_in = en->summary.s && *en->summary.s && en->when.kind == RC_WHEN_NONE &&
                         !en->location.s && line_is(next_line(ln), "SUMMARY") &&
                         is_run_in_label(row.s);
            if (run_in) {
                rc_text body = {rc_arena_printf(c->a, "%s %s", row.s, en->summary.s),
                                en->summary.pos};
                add_body(c, e, body);
                e->main[e->nmain - 1].space_before = 0; /* it is the entry's first line */
                e->main[e->nmain - 1].indent = 0;       /* and starts where the others do */
                summary_done = 1;
            } else if (en->type == RC_ENTRY_ONE_LINE) {
                /* a one-line entry is running text: justified, hyphenated when needed */
                rc_text body = {row.s, en->label.pos};
                mpara *m = add_mpara(c, e, body.pos, 0);
                rc_para_style ps = body_style(c, 0);
                ps.node = add_node(c, RC_ST_P, e->node);
                add_spans(c, &m->p, parse_text(c, body.s), &ps);
            } else {
                add_row(c, e, row, 0);
            }
        }
        ln += len + (nl ? 1 : 0);
    }
    if (!side)
        return;
    for (const char *ln = side; *ln;) {
        const char *nl = strchr(ln, '\n');
        size_t len = nl ? (size_t)(nl - ln) : strlen(ln);
        /* the line of the dates: DATE, perhaps in emphasis ("*DATE*", sb2nov's) */
        size_t a = 0, z = len;
        while (a < z && (ln[a] == '*' || ln[a] == '_' || ln[a] == ' '))
            a++;
        while (z > a && (ln[z - 1] == '*' || ln[z - 1] == '_' || ln[z - 1] == ' '))
            z--;
        int is_date = z - a == 4 && !memcmp(ln + a, "DATE", 4);
        const char *text = rc_template_expand(c->a, rc_arena_strndup(c->a, ln, len), f, nf);
        uint32_t n = add_side(c, e, text,
                              en->when.kind != RC_WHEN_NONE ? en->when.pos : en->location.pos,
                              is_date ? RC_HINT_DATE : 0);
        if (n && is_date && date) {
            rc_date_templates dt = {c->st->single_date_template, c->st->date_range_template,
                                    c->st->time_span_template};
            c->doc->nodes[n].dates = when_dates(c, &dt, &en->when);
        }
        ln += len + (nl ? 1 : 0);
    }
}

/*
 * Several positions at one employer: under the company's rows, each
 * position is a row of its own with its dates beside it, then its summary
 * and highlights.
 */
static void add_positions(ctx *c, const rc_entry *en, const rc_date_templates *dt,
                          entry_parts *e)
{
    for (size_t i = 0; i < en->npositions; i++) {
        const rc_position *ps = &en->positions[i];
        rc_text title = ps->position;
        if (ps->location.s)
            title.s = rc_arena_printf(c->a, "*%s* -- %s", ps->position.s, ps->location.s);
        else
            title.s = rc_arena_printf(c->a, "*%s*", ps->position.s);
        add_row(c, e, title, 0);
        e->list = 0; /* each position has a list of its own */
        mpara *m = &e->main[e->nmain - 1];
        m->space_before = c->st->paragraph_space * 2;
        const char *date = rc_format_when(c->a, &c->locale, dt, &ps->when);
        if (date) {
            m->side = rc_xcalloc(1, sizeof(rc_para));
            rc_align align = c->st->date_column_align == RC_ALIGN_JUSTIFY
                                 ? RC_ALIGN_LEFT
                                 : c->st->date_column_align;
            rc_para_init(m->side, align, ps->when.pos);
            rc_para_style st = body_style(c, 0);
            st.align = align;
            st.hyphenate = 0;
            st.node = add_node(c, RC_ST_P, e->node);
            c->doc->nodes[st.node].hints = RC_HINT_ASIDE | RC_HINT_DATE | RC_HINT_ROW;
            c->doc->nodes[st.node].dates = when_dates(c, dt, &ps->when);
            add_spans(c, m->side, parse_text(c, date), &st);
        }
        add_body(c, e, ps->summary);
        rc_entry sub = {0};
        sub.highlights = ps->highlights;
        sub.nhighlights = ps->nhighlights;
        add_highlights(c, e, &sub);
    }
}

void build_entry(ctx *c, const rc_entry *en, size_t index, size_t count,
                 entry_parts *e)
{
    rc_date_templates dt = {c->st->single_date_template, c->st->date_range_template,
                            c->st->time_span_template};
    char *date = rc_format_when(c->a, &c->locale, &dt, &en->when);
    e->page_break_before = en->page_break_before;
    /* Bullet, numbered and labelled entries are the items of one list; others Divs. */
    int labelled = en->type == RC_ENTRY_TEXT && rc_bracket_label_length(en->text.s);
    if (en->type == RC_ENTRY_BULLET || en->type == RC_ENTRY_NUMBERED ||
        en->type == RC_ENTRY_REVERSED_NUMBERED || labelled) {
        if (!c->sect_list)
            c->sect_list = add_node(c, RC_ST_L, c->sect);
        uint32_t li = add_node(c, RC_ST_LI, c->sect_list);
        e->lbl = add_node(c, RC_ST_LBL, li);
        e->node = add_node(c, RC_ST_LBODY, li);
    } else {
        c->sect_list = 0;
        /* a text entry is a paragraph of the section; any other, a division of it */
        e->node = en->type == RC_ENTRY_TEXT ? c->sect : add_node(c, RC_ST_DIV, c->sect);
    }
    const char *tmpl = c->st->main_template[en->type];
    if (tmpl && *tmpl) {
        /* With several positions, each carries its own dates. */
        build_from_templates(c, en, en->npositions ? NULL : date, e);
        add_positions(c, en, &dt, e);
        if (c->time_spans && !en->npositions) {
            char *span = rc_locale_time_span(c->a, &c->locale, &dt, &en->when, c->today);
            if (span && *span)
                add_side(c, e, span, en->when.pos, RC_HINT_DATE);
        }
        if (c->st->degree_template && *c->st->degree_template &&
            en->type == RC_ENTRY_EDUCATION) {
            rc_tfield *f = rc_arena_alloc(c->a, (ENTRY_FIELDS + en->nextra) * sizeof(*f));
            size_t nf = entry_fields(c, en, date, f);
            const char *deg = rc_template_expand(c->a, c->st->degree_template, f, nf);
            if (*deg) {
                e->degree = deg;
                e->degree_pos = en->degree.pos;
                e->degree_node = add_node(c, RC_ST_P, e->node);
                c->doc->nodes[e->degree_node].hints = RC_HINT_LABEL;
            }
        }
    } else {
        switch (en->type) {
        case RC_ENTRY_BULLET: {
            mpara *m = add_mpara(c, e, en->bullet.pos, 0);
            m->bullet = c->st->bullet_char;
            m->p.after_marker = 1;
            m->indent = bullet_text_indent(c, m->bullet);
            m->lbl = e->lbl;
            rc_para_style ps = body_style(c, 0);
            ps.node = add_node(c, RC_ST_P, e->node);
            add_spans(c, &m->p, parse_text(c, en->bullet.s), &ps);
            break;
        }
        case RC_ENTRY_NUMBERED:
        case RC_ENTRY_REVERSED_NUMBERED: {
            rc_text t = en->type == RC_ENTRY_NUMBERED ? en->number : en->reversed_number;
            mpara *m = add_mpara(c, e, t.pos, 0);
            m->indent = bullet_text_indent(c, c->st->bullet_char) + RC_PT(6);
            size_t num = en->type == RC_ENTRY_NUMBERED ? index + 1 : count - index;
            m->label = rc_arena_printf(c->a, "%zu.", num);
            m->p.after_marker = 1;
            m->lbl = e->lbl;
            rc_para_style ps = body_style(c, 0);
            ps.node = add_node(c, RC_ST_P, e->node);
            add_spans(c, &m->p, parse_text(c, t.s), &ps);
            break;
        }
        case RC_ENTRY_TEXT: {
            /*
             * A paragraph that starts with a bracketed label ("[12] Authors,
             * Title...") is a bibliography item: the label hangs to the left
             * of the text, as LaTeX's thebibliography sets it.
             */
            size_t k = rc_bracket_label_length(en->text.s);
            if (k) {
                rc_text rest = en->text;
                rest.s = en->text.s + k;
                while (*rest.s == ' ')
                    rest.s++;
                rest.pos = rc_pos_advance(en->text.pos, (int)(rest.s - en->text.s));
                add_body(c, e, rest);
                e->main[e->nmain - 1].lbl = e->lbl;
                e->main[e->nmain - 1].label = rc_arena_strndup(c->a, en->text.s, k);
                e->main[e->nmain - 1].indent = 0;
            } else {
                add_body(c, e, en->text);
            }
            break;
        }
        default:
            /* A type whose template was emptied: its fields in a plain row. */
            build_from_templates(c, en, date, e);
            break;
        }
        add_body(c, e, en->type == RC_ENTRY_TEXT ? (rc_text){0} : en->summary);
        if (en->type != RC_ENTRY_TEXT)
            add_highlights(c, e, en);
        if (date) {
            uint32_t n = add_side(c, e, date, en->when.pos, RC_HINT_DATE);
            if (n)
                c->doc->nodes[n].dates = when_dates(c, &dt, &en->when);
        }
    }
    e->paragraph = en->type == RC_ENTRY_TEXT;
    /* Entries that are one line by nature (skills, awards, list items) sit tight. */
    e->compact = en->type == RC_ENTRY_ONE_LINE || en->type == RC_ENTRY_BULLET ||
                 en->type == RC_ENTRY_NUMBERED || en->type == RC_ENTRY_REVERSED_NUMBERED ||
                 en->type == RC_ENTRY_TEXT ||
                 (en->type == RC_ENTRY_NORMAL && !en->summary.s && !en->nhighlights);
}
