/*
 * dev_text: the CV as plain text (80 columns, dates flush right) or as
 * Markdown. See dev_text.h.
 *
 * Both formats walk the model the same way: the header (name, headline,
 * connections), then each section's title and entries. An entry is a few
 * title rows (institution and degree, company and position, name, title),
 * beside which its location and date are set, then its body: authors and
 * venue, summary, highlights (and nested ones), positions. Entries of the
 * one-line kinds (one-line, bullet, numbered) sit without blank lines
 * between them, as they do in the PDF.
 *
 * Widths are counted in code points: a CV's text is Latin, Greek or
 * Cyrillic, one column a character in a monospaced font.
 */
#include "dev_text.h"

#include "atomic.h"
#include "markup.h"
#include "phone.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct tx {
    const rc_cv *cv;
    rc_format f;
    rc_arena *a;
    rc_buf *out;
    rc_locale loc;
    const rc_date_templates *dates;
    const char **keywords; /* settings.bold_keywords (Markdown only) */
    size_t nkeywords;
    int width;
} tx;

int rc_format_of(const char *name, const char *path)
{
    static const char *const names[] = {"pdf", "txt", "md"};
    if (name) {
        for (int i = 0; i < 3; i++)
            if (!strcmp(name, names[i]))
                return i;
        if (!strcmp(name, "text"))
            return RC_FORMAT_TXT;
        if (!strcmp(name, "markdown"))
            return RC_FORMAT_MD;
        return -1;
    }
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (dot && !strchr(dot, '/')) {
        if (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".text"))
            return RC_FORMAT_TXT;
        if (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown"))
            return RC_FORMAT_MD;
    }
    return RC_FORMAT_PDF;
}

const char *rc_format_extension(rc_format f)
{
    return f == RC_FORMAT_TXT ? "txt" : f == RC_FORMAT_MD ? "md" : "pdf";
}

/* ---- inline markup -------------------------------------------------------- */

/* "https://a.org/x/" -> "a.org/x"; mailto: and tel: dropped. */
static const char *bare_url(tx *t, const char *url)
{
    static const char *const schemes[] = {"https://", "http://", "mailto:", "tel:"};
    for (size_t i = 0; i < RC_ARRAY_LEN(schemes); i++)
        if (!strncmp(url, schemes[i], strlen(schemes[i]))) {
            url += strlen(schemes[i]);
            break;
        }
    size_t n = strlen(url);
    while (n > 0 && url[n - 1] == '/')
        n--;
    return rc_arena_strndup(t->a, url, n);
}

static void md_escape(rc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' ||
            c == '>')
            rc_buf_addc(b, '\\');
        rc_buf_addc(b, c);
    }
}

/* A span's emphasis as Markdown delimiters; code is a code span. */
static const char *md_mark(unsigned style)
{
    if (style & RC_STYLE_CODE)
        return "`";
    if ((style & RC_STYLE_BOLD) && (style & RC_STYLE_ITALIC))
        return "***";
    if (style & RC_STYLE_BOLD)
        return "**";
    if (style & RC_STYLE_ITALIC)
        return "*";
    return "";
}

static void md_span(rc_buf *b, const rc_span *sp)
{
    /* Emphasis must hug its text: spaces at either end go outside. */
    size_t s = 0, e = sp->len;
    while (s < e && sp->text[s] == ' ')
        s++;
    while (e > s && sp->text[e - 1] == ' ')
        e--;
    const char *mark = s < e ? md_mark(sp->style) : "";
    rc_buf_add(b, sp->text, s);
    if (sp->url)
        rc_buf_addc(b, '[');
    rc_buf_adds(b, mark);
    if (sp->style & RC_STYLE_CODE)
        rc_buf_add(b, sp->text + s, e - s);
    else
        md_escape(b, sp->text + s, e - s);
    rc_buf_adds(b, mark);
    if (sp->url) {
        rc_buf_adds(b, "](");
        for (const char *u = sp->url; *u; u++) {
            if (*u == '(' || *u == ')' || *u == ' ')
                rc_buf_addf(b, "%%%02X", (unsigned)(unsigned char)*u);
            else
                rc_buf_addc(b, *u);
        }
        rc_buf_addc(b, ')');
    }
    rc_buf_add(b, sp->text + e, sp->len - e);
}

/*
 * A markup field as the format shows it: plain text with links as
 * "text (url)", or Markdown. No-break spaces stay U+00A0 here (the
 * wrapper does not break at them) and become spaces on output.
 */
static const char *render_markup(tx *t, const char *src)
{
    if (!src)
        return NULL;
    rc_spans spans = rc_markup_parse(t->a, src, strlen(src));
    if (t->f == RC_FORMAT_MD && t->nkeywords)
        spans = rc_markup_bold_keywords(t->a, spans, t->keywords, t->nkeywords);
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < spans.n; i++) {
        const rc_span *sp = &spans.v[i];
        if (t->f == RC_FORMAT_MD) {
            md_span(&b, sp);
            continue;
        }
        rc_buf_add(&b, sp->text, sp->len);
        if (sp->url) {
            /* the whole link: consecutive spans with the same URL */
            size_t j = i;
            rc_buf text = RC_BUF_INIT;
            for (size_t k = i; k < spans.n && spans.v[k].url && !strcmp(spans.v[k].url, sp->url);
                 k++) {
                rc_buf_add(&text, spans.v[k].text, spans.v[k].len);
                j = k;
            }
            for (size_t k = i + 1; k <= j; k++)
                rc_buf_add(&b, spans.v[k].text, spans.v[k].len);
            if (strcmp(bare_url(t, sp->url), bare_url(t, rc_buf_str(&text))))
                rc_buf_addf(&b, " (%s)", sp->url);
            rc_buf_release(&text);
            i = j;
        }
    }
    const char *s = rc_arena_strdup(t->a, rc_buf_str(&b));
    rc_buf_release(&b);
    return s;
}

/* Plain text as the format shows it (Markdown escapes it). */
static const char *literal(tx *t, const char *s)
{
    if (!s || t->f != RC_FORMAT_MD)
        return s;
    rc_buf b = RC_BUF_INIT;
    md_escape(&b, s, strlen(s));
    const char *r = rc_arena_strdup(t->a, rc_buf_str(&b));
    rc_buf_release(&b);
    return r;
}

/* A link: "text (url)" in plain text, [text](url) in Markdown. */
static const char *link(tx *t, const char *text, const char *url)
{
    if (!url)
        return literal(t, text);
    if (t->f == RC_FORMAT_MD)
        return rc_arena_printf(t->a, "[%s](%s)", literal(t, text), url);
    if (!strcmp(bare_url(t, url), bare_url(t, text)))
        return text;
    return rc_arena_printf(t->a, "%s (%s)", text, url);
}

/* ---- plain-text layout ---------------------------------------------------------- */

static int columns(const char *s, size_t n)
{
    return (int)rc_utf8_length(s, n);
}

static void add_spaces(rc_buf *b, int n)
{
    for (int i = 0; i < n; i++)
        rc_buf_addc(b, ' ');
}

/* Text with each U+00A0 written as a space. */
static void add_text(rc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            rc_buf_addc(b, ' ');
            i++;
        } else {
            rc_buf_addc(b, s[i]);
        }
    }
}

typedef struct line {
    const char *s;
    size_t n;
} line;

typedef struct lines {
    line *v;
    size_t n, cap;
} lines;

/*
 * Break s at spaces into lines of at most `first` columns (the first
 * line) and `rest` columns; a word longer than a line gets a line of its
 * own. Line breaks in the text are kept.
 */
static void wrap(const char *s, int first, int rest, lines *out)
{
    out->n = 0;
    size_t i = 0, n = strlen(s);
    while (i < n) {
        int width = out->n ? rest : first;
        if (width < 10)
            width = 10;
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n)
            break;
        size_t start = i, last_break = 0, k = i;
        int cols = 0;
        while (k < n && s[k] != '\n') {
            if (s[k] == ' ') {
                if (cols > width)
                    break;
                last_break = k;
            }
            uint32_t cp;
            size_t len = rc_utf8_decode(s + k, n - k, &cp);
            k += len ? len : 1;
            cols++;
        }
        size_t end;
        if (k >= n || s[k] == '\n') {
            end = cols <= width || !last_break ? k : last_break;
        } else {
            end = last_break > start ? last_break : k;
        }
        size_t trimmed = end;
        while (trimmed > start && s[trimmed - 1] == ' ')
            trimmed--;
        RC_VEC_PUSH(out->v, out->n, out->cap);
        out->v[out->n].s = s + start;
        out->v[out->n++].n = trimmed - start;
        i = end;
        if (i < n && s[i] == '\n')
            i++;
    }
}

/*
 * A paragraph at `indent` columns (the first line at `first_indent`,
 * after `label`), with `right` set flush right on its first line.
 */
static void txt_block(tx *t, const char *s, int first_indent, const char *label, int indent,
                      const char *right)
{
    rc_buf *b = t->out;
    int rw = right && *right ? columns(right, strlen(right)) : 0;
    int lw = label ? columns(label, strlen(label)) : 0;
    int first = t->width - first_indent - lw - (rw ? rw + 2 : 0);
    lines ls = {NULL, 0, 0};
    wrap(s ? s : "", first, t->width - indent, &ls);
    if (rw && (first < t->width / 3 || (ls.n && columns(ls.v[0].s, ls.v[0].n) > first))) {
        /* too little room beside the date: the date gets its own line */
        add_spaces(b, t->width - rw);
        add_text(b, right, strlen(right));
        rc_buf_addc(b, '\n');
        rw = 0;
        wrap(s ? s : "", t->width - first_indent - lw, t->width - indent, &ls);
    }
    if (!ls.n && (label || rw)) {
        RC_VEC_PUSH(ls.v, ls.n, ls.cap);
        ls.v[0].s = "";
        ls.v[ls.n++].n = 0;
    }
    for (size_t i = 0; i < ls.n; i++) {
        int used = i ? indent : first_indent;
        add_spaces(b, used);
        if (i == 0 && label) {
            add_text(b, label, strlen(label));
            used += lw;
        }
        add_text(b, ls.v[i].s, ls.v[i].n);
        used += columns(ls.v[i].s, ls.v[i].n);
        if (i == 0 && rw) {
            add_spaces(b, t->width - used - rw);
            add_text(b, right, strlen(right));
        }
        rc_buf_addc(b, '\n');
    }
    free(ls.v);
}

/* ---- entries ------------------------------------------------------------------------ */

typedef struct parts {
    const char *rows[3];   /* title rows, rendered */
    size_t nrows;
    const char *sides[2];  /* location and date, rendered */
    size_t nsides;
} parts;

static void add_row(tx *t, parts *p, const char *s, const char *mark)
{
    if (!s || !*s || p->nrows >= RC_ARRAY_LEN(p->rows))
        return;
    const char *r = render_markup(t, s);
    if (t->f == RC_FORMAT_MD && *mark)
        r = rc_arena_printf(t->a, "%s%s%s", mark, r, mark);
    p->rows[p->nrows++] = r;
}

static void add_side(tx *t, parts *p, const char *s)
{
    if (s && *s && p->nsides < RC_ARRAY_LEN(p->sides))
        p->sides[p->nsides++] = render_markup(t, s);
}

static const char *date_of(tx *t, const rc_when *w)
{
    return rc_locale_format_when(t->a, &t->loc, t->dates, w);
}

static const char *join_texts(tx *t, const rc_texts *v, const char *sep)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < v->n; i++) {
        if (i)
            rc_buf_adds(&b, sep);
        rc_buf_adds(&b, render_markup(t, v->v[i].s));
    }
    const char *s = rc_arena_strdup(t->a, rc_buf_str(&b));
    rc_buf_release(&b);
    return s;
}

/* The publication's venue: journal, then the DOI or URL. */
static const char *venue(tx *t, const rc_entry *e)
{
    const char *journal = render_markup(t, e->journal.s);
    if (journal && t->f == RC_FORMAT_MD)
        journal = rc_arena_printf(t->a, "*%s*", journal);
    const char *where = NULL;
    const char *url = e->doi.s ? rc_arena_printf(t->a, "https://doi.org/%s", e->doi.s) : e->url.s;
    if (url && t->f == RC_FORMAT_MD)
        where = link(t, e->doi.s ? rc_arena_printf(t->a, "doi:%s", e->doi.s) : bare_url(t, url),
                     url);
    else
        where = url; /* plain text: the address itself, for copying */
    if (journal && where)
        return rc_arena_printf(t->a, "%s, %s", journal, where);
    return journal ? journal : where;
}

static void highlights(tx *t, const rc_highlight *h, size_t n, int indent)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = render_markup(t, h[i].text.s);
        int level = indent / 2 + h[i].level;
        if (t->f == RC_FORMAT_MD) {
            add_spaces(t->out, 2 * level);
            rc_buf_adds(t->out, "- ");
            rc_buf_adds(t->out, s);
            rc_buf_addc(t->out, '\n');
        } else {
            int at = 2 + 2 * level;
            txt_block(t, s, at, "- ", at + 2, NULL);
        }
    }
}

/* Markdown: a line of its own after another (a hard line break). */
static void md_lines(tx *t, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        rc_buf_adds(t->out, v[i]);
        rc_buf_adds(t->out, i + 1 < n ? "  \n" : "\n");
    }
}

/* An entry's title rows with its location and date beside them. */
static void title_rows(tx *t, const parts *p)
{
    if (t->f == RC_FORMAT_MD) {
        const char *v[4];
        size_t n = 0;
        if (p->nrows)
            v[n++] = p->nrows > 1 ? rc_arena_printf(t->a, "%s, %s", p->rows[0], p->rows[1])
                                  : p->rows[0];
        for (size_t i = 2; i < p->nrows; i++)
            v[n++] = p->rows[i];
        if (p->nsides)
            v[n++] = p->nsides > 1 ? rc_arena_printf(t->a, "%s \xC2\xB7 %s", p->sides[0],
                                                     p->sides[1])
                                   : p->sides[0];
        md_lines(t, v, n);
        return;
    }
    size_t n = p->nrows > p->nsides ? p->nrows : p->nsides;
    for (size_t i = 0; i < n; i++)
        txt_block(t, i < p->nrows ? p->rows[i] : "", 0, NULL, 0, i < p->nsides ? p->sides[i] : NULL);
}

static void paragraph(tx *t, const char *s)
{
    if (!s)
        return;
    if (t->f == RC_FORMAT_MD) {
        rc_buf_adds(t->out, s);
        rc_buf_addc(t->out, '\n');
    } else {
        txt_block(t, s, 0, NULL, 0, NULL);
    }
}

static void positions(tx *t, const rc_entry *e)
{
    for (size_t i = 0; i < e->npositions; i++) {
        const rc_position *p = &e->positions[i];
        const char *pos = render_markup(t, p->position.s);
        const char *date = date_of(t, &p->when);
        const char *where = render_markup(t, p->location.s);
        if (t->f == RC_FORMAT_MD) {
            rc_buf_addf(t->out, "- *%s*", pos);
            if (where)
                rc_buf_addf(t->out, " \xC2\xB7 %s", where);
            if (date)
                rc_buf_addf(t->out, " \xC2\xB7 %s", date);
            rc_buf_addc(t->out, '\n');
            if (p->summary.s)
                rc_buf_addf(t->out, "  %s\n", render_markup(t, p->summary.s));
        } else {
            const char *right = where && date ? rc_arena_printf(t->a, "%s, %s", where, date)
                                              : where ? where : date;
            txt_block(t, pos, 2, NULL, 4, right);
            if (p->summary.s)
                txt_block(t, render_markup(t, p->summary.s), 4, NULL, 4, NULL);
        }
        highlights(t, p->highlights, p->nhighlights, 2);
    }
}

static int is_list_kind(const rc_entry *e)
{
    return e->type == RC_ENTRY_ONE_LINE || e->type == RC_ENTRY_BULLET ||
           e->type == RC_ENTRY_NUMBERED || e->type == RC_ENTRY_REVERSED_NUMBERED;
}

static void entry(tx *t, const rc_entry *e, size_t index, size_t count)
{
    parts p;
    memset(&p, 0, sizeof(p));
    const char *date = date_of(t, &e->when);
    int md = t->f == RC_FORMAT_MD;
    switch (e->type) {
    case RC_ENTRY_EDUCATION: {
        add_row(t, &p, e->institution.s, "**");
        const char *second = e->degree.s ? rc_locale_degree_with_area(t->a, &t->loc, e->degree.s,
                                                                     e->area.s)
                                         : e->area.s;
        add_row(t, &p, second, "");
        break;
    }
    case RC_ENTRY_EXPERIENCE:
        add_row(t, &p, e->company.s, "**");
        add_row(t, &p, e->position.s, "*");
        break;
    case RC_ENTRY_NORMAL:
        add_row(t, &p, e->name.s, "**");
        break;
    case RC_ENTRY_PUBLICATION:
        add_row(t, &p, e->title.s, "**");
        break;
    default:
        break;
    }
    if (e->type == RC_ENTRY_EDUCATION || e->type == RC_ENTRY_EXPERIENCE ||
        e->type == RC_ENTRY_NORMAL || e->type == RC_ENTRY_PUBLICATION) {
        add_side(t, &p, e->location.s);
        if (date)
            p.sides[p.nsides++] = date;
        title_rows(t, &p);
    }
    const char *md_date = date ? rc_arena_printf(t->a, " \xC2\xB7 %s", date) : "";
    switch (e->type) {
    case RC_ENTRY_PUBLICATION: {
        const char *v[2];
        size_t n = 0;
        if (e->authors.n)
            v[n++] = join_texts(t, &e->authors, ", ");
        const char *where = venue(t, e);
        if (where)
            v[n++] = where;
        if (md && n && (p.nrows || p.nsides)) {
            /* continue the title's lines */
            t->out->ptr[--t->out->len] = 0;
            rc_buf_adds(t->out, "  \n");
            md_lines(t, v, n);
        } else {
            for (size_t i = 0; i < n; i++)
                paragraph(t, v[i]);
        }
        break;
    }
    case RC_ENTRY_ONE_LINE: {
        const char *label = render_markup(t, e->label.s), *details = render_markup(t, e->details.s);
        if (md)
            rc_buf_addf(t->out, "- **%s:** %s%s\n", label, details, md_date);
        else
            txt_block(t, details, 0, rc_arena_printf(t->a, "%s: ", label), 2, date);
        break;
    }
    case RC_ENTRY_BULLET:
        if (md)
            rc_buf_addf(t->out, "- %s%s\n", render_markup(t, e->bullet.s), md_date);
        else
            txt_block(t, render_markup(t, e->bullet.s), 0, "- ", 2, date);
        break;
    case RC_ENTRY_NUMBERED:
    case RC_ENTRY_REVERSED_NUMBERED: {
        size_t num = e->type == RC_ENTRY_NUMBERED ? index + 1 : count - index;
        const char *s = render_markup(t, e->type == RC_ENTRY_NUMBERED ? e->number.s
                                                                      : e->reversed_number.s);
        if (md && e->type == RC_ENTRY_NUMBERED)
            rc_buf_addf(t->out, "%zu. %s%s\n", num, s, md_date);
        else if (md) /* counting down: a list item that shows its number */
            rc_buf_addf(t->out, "- %zu\\. %s%s\n", num, s, md_date);
        else
            txt_block(t, s, 0, rc_arena_printf(t->a, "%zu. ", num),
                      (int)strlen(rc_arena_printf(t->a, "%zu. ", num)), date);
        break;
    }
    case RC_ENTRY_TEXT: {
        size_t k = rc_bracket_label_length(e->text.s);
        if (md) {
            rc_buf_adds(t->out, render_markup(t, e->text.s));
            rc_buf_adds(t->out, md_date);
            rc_buf_addc(t->out, '\n');
        } else if (k) {
            const char *rest = e->text.s + k;
            while (*rest == ' ')
                rest++;
            const char *label = rc_arena_printf(t->a, "%.*s ", (int)k, e->text.s);
            txt_block(t, render_markup(t, rest), 0, label, (int)k + 1, date);
        } else {
            txt_block(t, render_markup(t, e->text.s), 0, NULL, 0, date);
        }
        break;
    }
    default:
        break;
    }
    if (e->summary.s) {
        if (md && !is_list_kind(e))
            rc_buf_addc(t->out, '\n');
        if (md && is_list_kind(e))
            rc_buf_addf(t->out, "  %s\n", render_markup(t, e->summary.s));
        else
            paragraph(t, render_markup(t, e->summary.s));
    }
    if (e->nhighlights) {
        if (md && !is_list_kind(e))
            rc_buf_addc(t->out, '\n');
        highlights(t, e->highlights, e->nhighlights, is_list_kind(e) ? 2 : 0);
    }
    if (e->npositions) {
        if (md)
            rc_buf_addc(t->out, '\n');
        positions(t, e);
    }
}

/* ---- header and sections ---------------------------------------------------------- */

/* A social account as a link: linkedin.com/in/NAME, or "Network: user". */
static const char *social(tx *t, const rc_social *s)
{
    const char *url = rc_social_url(t->a, s);
    if (url && !strcmp(s->network.s, "Mastodon"))
        return link(t, s->username.s, url);
    if (url)
        return t->f == RC_FORMAT_MD ? link(t, bare_url(t, url), url) : bare_url(t, url);
    return literal(t, rc_arena_printf(t->a, "%s: %s", s->network.s, s->username.s));
}

static void header(tx *t)
{
    const rc_cv *cv = t->cv;
    int md = t->f == RC_FORMAT_MD;
    if (cv->name.s) {
        const char *name = render_markup(t, cv->name.s);
        if (md) {
            rc_buf_addf(t->out, "# %s\n", name);
        } else {
            add_text(t->out, name, strlen(name));
            rc_buf_addc(t->out, '\n');
            for (int i = columns(name, strlen(name)); i > 0; i--)
                rc_buf_addc(t->out, '=');
            rc_buf_addc(t->out, '\n');
        }
    }
    if (cv->headline.s) {
        if (md)
            rc_buf_addc(t->out, '\n');
        paragraph(t, render_markup(t, cv->headline.s));
    }
    const char *items[64];
    size_t n = 0;
    if (cv->location.s)
        items[n++] = render_markup(t, cv->location.s);
    for (size_t i = 0; i < cv->emails.n && n < 60; i++)
        items[n++] = link(t, cv->emails.v[i].s, md ? rc_arena_printf(t->a, "mailto:%s",
                                                                    cv->emails.v[i].s)
                                                   : NULL);
    for (size_t i = 0; i < cv->phones.n && n < 60; i++)
        items[n++] = link(t, cv->phones.v[i].s, md ? rc_phone_url(cv, i, t->a) : NULL);
    for (size_t i = 0; i < cv->websites.n && n < 60; i++)
        items[n++] = md ? link(t, bare_url(t, cv->websites.v[i].s), cv->websites.v[i].s)
                        : cv->websites.v[i].s;
    for (size_t i = 0; i < cv->nsocials && n < 60; i++)
        items[n++] = social(t, &cv->socials[i]);
    for (size_t i = 0; i < cv->ncustom_connections && n < 60; i++) {
        const rc_custom_connection *c = &cv->custom_connections[i];
        if (c->placeholder.s)
            items[n++] = link(t, c->placeholder.s, c->url.s);
    }
    if (!n)
        return;
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            rc_buf_adds(&b, md ? " \xC2\xB7 " : " | ");
        /* a connection never breaks inside (txt): its spaces become no-break spaces */
        for (const char *s = items[i]; *s; s++) {
            if (*s == ' ' && !md)
                rc_buf_adds(&b, "\xC2\xA0");
            else
                rc_buf_addc(&b, *s);
        }
    }
    if (md)
        rc_buf_addc(t->out, '\n');
    paragraph(t, rc_buf_str(&b));
    rc_buf_release(&b);
}

static void section(tx *t, const rc_section *s)
{
    int md = t->f == RC_FORMAT_MD;
    const char *title = literal(t, s->title ? s->title : s->key.s);
    rc_buf_addc(t->out, '\n');
    if (md) {
        rc_buf_addf(t->out, "## %s\n", title);
    } else {
        add_text(t->out, title, strlen(title));
        rc_buf_addc(t->out, '\n');
        for (int i = columns(title, strlen(title)); i > 0; i--)
            rc_buf_addc(t->out, '-');
        rc_buf_addc(t->out, '\n');
    }
    for (size_t i = 0; i < s->nentries; i++) {
        const rc_entry *e = &s->entries[i];
        /* one-line kinds sit tight (one Markdown list); the rest apart */
        int tight = i > 0 && is_list_kind(e) && is_list_kind(&s->entries[i - 1]);
        if (!tight || i == 0)
            rc_buf_addc(t->out, '\n');
        entry(t, e, i, s->nentries);
    }
}

void rc_text_render(const rc_cv *cv, rc_format f, const rc_date_templates *dates, rc_arena *a,
                    rc_buf *out)
{
    tx t;
    memset(&t, 0, sizeof(t));
    t.cv = cv;
    t.f = f;
    t.a = a;
    t.out = out;
    t.dates = dates;
    t.width = RC_TEXT_WIDTH;
    rc_locale_of_cv(&t.loc, cv);
    if (cv->bold_keywords.n) {
        t.keywords = rc_arena_alloc(a, cv->bold_keywords.n * sizeof(char *));
        for (size_t i = 0; i < cv->bold_keywords.n; i++)
            t.keywords[i] = cv->bold_keywords.v[i].s;
        t.nkeywords = cv->bold_keywords.n;
    }
    header(&t);
    for (size_t i = 0; i < cv->nsections; i++)
        section(&t, &cv->sections[i]);
}

int rc_text_write(const rc_cv *cv, const char *path, rc_format f, const rc_date_templates *dates,
                  rc_arena *a, rc_diags *d)
{
    rc_buf b = RC_BUF_INIT;
    rc_text_render(cv, f, dates, a, &b);
    int rc = rc_write_atomic(path, rc_buf_str(&b), b.len, d);
    rc_buf_release(&b);
    return rc;
}
