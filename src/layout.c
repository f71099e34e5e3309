/*
 * layout: the CV as a whole (see layout.h). rc_layout_cv checks the
 * markup of every field, sets the header and the sections on the vertical
 * list, breaks it into pages and adds what belongs to the pages and the
 * document: footers, the top note, the document information. The parts it
 * calls live in their own files (layout_parts.h).
 */
#include "layout_parts.h"

#include "bidi.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef RESCOMP_VERSION
#define RESCOMP_VERSION "0.0.0"
#endif

/* ---- pages --------------------------------------------------------------- */

/*
 * Break into pages with the spacing at its natural size; then set it again
 * tight, letting the space between entries and sections shrink by up to a
 * third and the leading by a twenty-fifth, and keep that only if it saves
 * a page: a CV's last page is then never a few stray lines when slightly
 * tighter spacing would hold them. Only the breaks are compared: the
 * draws are placed once.
 */
void rc_layout_breaks(const rc_vlist *vl, const rc_style *st, rc_page_breaks *out)
{
    rc_page_breaks tight = {0};
    rc_page_breaks_find(vl, st, 0, out);
    if (out->n >= 2) {
        rc_page_breaks_find(vl, st, 1, &tight);
        if (tight.n < out->n) {
            rc_page_breaks t = *out;
            *out = tight;
            tight = t;
        }
    }
    rc_page_breaks_release(&tight);
}

/*
 * A document template (the PDF title, the top note, the footer) with
 * RenderCV's placeholders filled: today's date in its forms and `n`
 * names of its own.
 */
static const char *fill(ctx *c, const char *tmpl, const char *const *names,
                        const char *const *values, size_t n)
{
    const rc_style *st = c->st;
    rc_date_templates dt = {st->single_date_template, st->date_range_template,
                            st->time_span_template};
    return rc_locale_fill(c->a, &c->locale, &dt, &c->today, tmpl, names, values, n);
}

/*
 * One line of markup in a page's margin at baseline y, aligned in the text
 * width less `inset` on the right.
 */
static void margin_note(ctx *c, rc_page *page, const char *markup, rc_align align,
                        rc_scaled baseline, rc_scaled inset, uint32_t color)
{
    const rc_style *st = c->st;
    rc_para p;
    rc_para_init(&p, align, (rc_pos){0});
    rc_para_style ps = body_style(c, 0);
    ps.size = st->footer_size;
    ps.color = color;
    ps.link_color = color;
    ps.hyphenate = 0;
    add_spans(c, &p, parse_markup(c, markup), &ps);
    lines ls = {0};
    rc_scaled w = c->text_width - inset;
    set_paragraph(c, &p, &w, 1, 0, &ls);
    for (size_t k = 0; k < ls.n && k < 1; k++) {
        for (size_t j = 0; j < ls.v[k].n; j++) {
            if (ls.v[k].v[j].kind == RC_DRAW_NOTE)
                continue;
            rc_draw *d = rc_page_add(page, ls.v[k].v[j].kind);
            *d = ls.v[k].v[j];
            d->x += st->margin_left;
            d->y += baseline;
        }
    }
    lines_release(&ls);
    rc_para_release(&p);
}

/* The height of a margin note's capitals: Typst puts a text's top edge there. */
static rc_scaled note_cap(const rc_style *st)
{
    return (rc_scaled)((int64_t)st->footer_size * st->cap_height / 1000);
}

/*
 * The footer of every page, a one-page CV's too (as RenderCV's Typst page
 * has it), from the style's template with RenderCV's placeholders (NAME, PAGE_NUMBER,
 * TOTAL_PAGES and the date's), centred in the bottom margin where Typst
 * puts RenderCV's: its capitals 0.6em of the body above the middle of the
 * margin (footer-descent: -0.6em + bottom / 2).
 */
static void add_footers(ctx *c, rc_doc *doc, const char *name)
{
    const rc_style *st = c->st;
    if (!doc->npages || !st->footer || !*st->footer)
        return;
    rc_scaled baseline = st->page_height - st->margin_bottom / 2 - st->body_size * 6 / 10 +
                         note_cap(st);
    const char *names[] = {"NAME", "PAGE_NUMBER", "TOTAL_PAGES"};
    const char *total = rc_arena_printf(c->a, "%zu", doc->npages);
    for (size_t i = 0; i < doc->npages; i++) {
        const char *values[] = {name, rc_arena_printf(c->a, "%zu", i + 1), total};
        margin_note(c, &doc->pages[i], fill(c, st->footer, names, values, 3), RC_ALIGN_CENTER,
                    baseline, 0, st->footer_color);
    }
}

/*
 * RenderCV's top note ("Last updated in Nov 2026") at the top right of the
 * first page, its capitals at the middle of the top margin, its right end
 * in line with the entries' (entries.side_space in from the text's).
 */
static void add_top_note(ctx *c, rc_doc *doc)
{
    const rc_style *st = c->st;
    if (!st->top_note || !*st->top_note || !doc->npages)
        return;
    const char *names[] = {"LAST_UPDATED", "NAME"};
    const char *values[] = {c->locale.last_updated, doc->author};
    margin_note(c, &doc->pages[0], fill(c, st->top_note, names, values, 2), RC_ALIGN_RIGHT,
                st->margin_top / 2 + note_cap(st), st->side_space, st->top_note_color);
}

/*
 * The date "present" stands for: settings.current_date, else the build's
 * SOURCE_DATE_EPOCH (reproducible builds), else today.
 */
rc_date reference_date(const rc_cv *cv)
{
    if (cv->current_date.year)
        return cv->current_date;
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    time_t t = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return (rc_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

/* ---- markup checks ------------------------------------------------------- */

static void check_text(ctx *c, rc_text t)
{
    if (t.s)
        rc_markup_check(t.s, strlen(t.s), t.pos, c->d);
}

static void check_highlights(ctx *c, const rc_highlight *h, size_t n)
{
    for (size_t i = 0; i < n; i++)
        check_text(c, h[i].text);
}

/*
 * Every text field the CV prints is markup: warn, once per field as
 * written (not per template that shows it), where its stars would print
 * as written although they look like emphasis (markup.h).
 */
static void check_markup(ctx *c)
{
    const rc_cv *cv = c->cv;
    check_text(c, cv->name);
    check_text(c, cv->headline);
    check_text(c, cv->location);
    for (size_t i = 0; i < cv->ncustom_connections; i++)
        check_text(c, cv->custom_connections[i].placeholder);
    for (size_t s = 0; s < cv->nsections; s++) {
        const rc_section *sec = &cv->sections[s];
        for (size_t k = 0; k < sec->nentries; k++) {
            const rc_entry *en = &sec->entries[k];
            const rc_text fields[] = {
                en->institution, en->area,  en->degree,    en->company, en->position,
                en->name,        en->title, en->journal,   en->label,   en->details,
                en->bullet,      en->number, en->reversed_number, en->text, en->location,
                en->summary,     en->when.kind == RC_WHEN_TEXT ? en->when.text : (rc_text){0},
            };
            for (size_t f = 0; f < RC_ARRAY_LEN(fields); f++)
                check_text(c, fields[f]);
            for (size_t a = 0; a < en->authors.n; a++)
                check_text(c, en->authors.v[a]);
            check_highlights(c, en->highlights, en->nhighlights);
            for (size_t p = 0; p < en->npositions; p++) {
                const rc_position *ps = &en->positions[p];
                check_text(c, ps->position);
                check_text(c, ps->location);
                check_text(c, ps->summary);
                if (ps->when.kind == RC_WHEN_TEXT)
                    check_text(c, ps->when.text);
                check_highlights(c, ps->highlights, ps->nhighlights);
            }
        }
    }
}

/* ---- document ------------------------------------------------------------ */

static void document_info(ctx *c, rc_doc *doc)
{
    const rc_cv *cv = c->cv;
    const char *name = cv->name.s ? cv->name.s : "";
    rc_spans spans = rc_markup_parse(c->a, name, strlen(name));
    const char *plain_name = rc_spans_plain_text(c->a, spans);
    doc->author = plain_name;
    /* RenderCV's settings.pdf_title, "NAME - CV" unless the CV says otherwise */
    const char *names[] = {"NAME"};
    doc->title = cv->pdf_title.s ? fill(c, cv->pdf_title.s, names, &plain_name, 1)
                 : *plain_name   ? fill(c, "NAME - CV", names, &plain_name, 1)
                                 : "CV";
    doc->subject = "Curriculum vitae";
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < cv->nsections; i++) {
        if (i)
            rc_buf_adds(&b, ", ");
        rc_buf_adds(&b, cv->sections[i].title);
    }
    doc->keywords = rc_arena_strdup(c->a, rc_buf_str(&b));
    rc_buf_release(&b);
    doc->creator = "rescomp " RESCOMP_VERSION;
}

/*
 * A CV on its vertical list between the two halves of rc_layout_cv: the
 * context keeps the style (with its bullets fixed) the list was set in.
 */
struct rc_layout {
    ctx c;
    rc_style fixed;
};

rc_layout *rc_layout_begin(const rc_cv *cv, const rc_style *st, rc_fonts *fonts, rc_arena *a,
                           rc_doc *doc, rc_diags *d)
{
    rc_layout *l = rc_xcalloc(1, sizeof(*l));
    ctx *c = &l->c;
    c->cv = cv;
    c->st = st;
    c->fonts = fonts;
    c->a = a;
    c->doc_arena = a;
    c->d = d;
    c->notes = doc->notes;
    c->doc = doc;
    rc_doc_add_node(doc, RC_ST_DOCUMENT, RC_NODE_NONE);
    c->text_width = rc_style_text_width(st);
    rc_locale_of_cv(&c->locale, cv);
    c->quotes = rc_locale_quotes(&c->locale);
    /* BCP 47, as PDF's /Lang and HTML's lang want: "de" for a CV in `german` */
    const rc_locale *builtin = rc_locale_builtin(cv->language.s);
    doc->lang = builtin && builtin->iso639 ? builtin->iso639
                : cv->language.s && *cv->language.s ? cv->language.s : "en";
    doc->rtl = rc_locale_rtl(&c->locale);
    c->today = reference_date(cv);
    /*
     * A bullet the body font lacks (a theme's ◆ or ●) comes from a fallback
     * font like any character; when no font has it, it becomes the round
     * one, said once.
     */
    l->fixed = *st;
    const rc_face *regular = fonts->faces[RC_FACE_REGULAR];
    uint32_t *bullets[] = {&l->fixed.bullet_char, &l->fixed.nested_bullet_char};
    for (size_t i = 0; i < RC_ARRAY_LEN(bullets); i++) {
        if (!rc_face_has_char(regular, *bullets[i]) &&
            rc_fonts_fallback(fonts, RC_FACE_REGULAR, *bullets[i]) < 0) {
            char utf8[5] = {0};
            rc_utf8_encode(*bullets[i], utf8);
            rc_warning(d, (rc_pos){cv->file, 0, 0},
                       "bullet '%s' (U+%04X) is in no installed font; '\xE2\x80\xA2' is used "
                       "instead",
                       utf8, (unsigned)*bullets[i]);
            *bullets[i] = 0x2022;
        }
    }
    c->st = &l->fixed;
    check_markup(c);
    rc_vlist_init(&c->vl);

    /*
     * The CV owner's name is bold in author lists in the latex theme, as
     * academic CVs do; RenderCV's themes bold what the CV marks and
     * settings.bold_keywords, nothing more.
     */
    const int bold_owner = cv->name.s && c->st->bold_owner_name;
    size_t nk = cv->bold_keywords.n + (bold_owner ? 1 : 0);
    c->keywords = rc_arena_alloc(a, (nk ? nk : 1) * sizeof(char *));
    /* a keyword is matched against the text as set, its quotes made typographic too */
    for (size_t i = 0; i < cv->bold_keywords.n; i++)
        c->keywords[c->nkeywords++] =
            rc_spans_plain_text(a, parse_markup(c, cv->bold_keywords.v[i].s));

    emit_header(c);
    if (bold_owner) {
        c->keywords[c->nkeywords++] = rc_spans_plain_text(a, parse_markup(c, cv->name.s));
    }
    c->in_body = 1;
    for (size_t i = 0; i < cv->nsections; i++)
        emit_section(c, &cv->sections[i]);
    c->in_body = 0;
    return l;
}

const rc_vlist *rc_layout_list(const rc_layout *l)
{
    return &l->c.vl;
}

const rc_style *rc_layout_style(const rc_layout *l)
{
    return l->c.st;
}

int rc_layout_status(const rc_layout *l)
{
    return l->c.status;
}

int rc_layout_end(rc_layout *l, const rc_vlist *vl, const rc_page_breaks *b)
{
    ctx *c = &l->c;
    const rc_style *st = c->st;
    rc_doc *doc = c->doc;
    doc->width = st->page_width;
    doc->height = st->page_height;
    doc->fonts = c->fonts;
    rc_page_place(vl ? vl : &c->vl, b, st, doc);
    document_info(c, doc);
    add_footers(c, doc, doc->author);
    add_top_note(c, doc);
    rc_bidi_mirror_doc(doc);
    int status = c->status;
    rc_layout_discard(l);
    return status;
}

void rc_layout_discard(rc_layout *l)
{
    if (!l)
        return;
    rc_vlist_release(&l->c.vl);
    rc_hyph_close(l->c.hyph);
    free(l->c.links);
    free(l);
}

int rc_layout_cv(const rc_cv *cv, const rc_style *st, rc_fonts *fonts, rc_arena *a,
                 rc_doc *doc, rc_diags *d)
{
    rc_layout *l = rc_layout_begin(cv, st, fonts, a, doc, d);
    rc_page_breaks b = {0};
    rc_layout_breaks(rc_layout_list(l), rc_layout_style(l), &b);
    int rc = rc_layout_end(l, NULL, &b);
    rc_page_breaks_release(&b);
    return rc;
}
