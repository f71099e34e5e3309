/*
 * layout_letter: the CV's cover letter (cv.h: rc_letter), a second kind of
 * document set by the same parts as the CV: its header (name, headline,
 * connections; no photo), the theme's fonts, colours and margins, and the
 * same line breaker. Below the header it is a letter as LaTeX's letter
 * classes set one (scrlttr2, moderncv's letter): the sender's lines, the
 * recipient's address, the date (on the side of the theme's date column),
 * the subject in bold, the salutation, the body's paragraphs, the
 * closing, the signature above the typed name, and the enclosures.
 *
 * Its structure: the header as the CV's, then a Sect holding the letter's
 * paragraphs (the address blocks are a Div of one P a line, so that text
 * devices keep their lines), and the signature a Figure.
 */
#include "layout_parts.h"

#include "bidi.h"
#include "files.h"
#include "image.h"

#include <stdlib.h>
#include <string.h>

#ifndef RESCOMP_VERSION
#define RESCOMP_VERSION "0.0.0"
#endif

/* The white space of a letter, in baselines of its body text (moderncv's spacing). */
#define AFTER_HEADER 2     /* header to the recipient's address */
#define AROUND_DATE 1      /* address to date, date to subject */
#define AFTER_SUBJECT 1    /* subject to salutation */
#define SIGNATURE_ROOM 3   /* the height of a signature, or the room left to sign by hand */
#define BEFORE_ENCLOSURES 1

/* A fraction of a baseline of body text, for the gaps above. */
static rc_scaled baselines(const ctx *c, int n, int tenths)
{
    return (rc_scaled)((int64_t)c->st->body_leading * (10 * n + tenths) / 10);
}

/* White space before the next line, that may shrink a little on a full page. */
static void gap(ctx *c, rc_scaled size)
{
    rc_vlist_add_glue(&c->vl, size, size / 3);
}

/*
 * Set p in the text width and append its lines a baseline apart; its
 * first two and last two lines stay together (no orphan or widow).
 */
static void put_para(ctx *c, rc_para *p)
{
    lines ls = {0};
    rc_scaled w = c->text_width;
    set_paragraph(c, p, &w, 1, 0, &ls);
    for (size_t k = 0; k < ls.n; k++) {
        if (k == 1 || (k > 0 && k + 1 == ls.n))
            rc_vlist_add_penalty(&c->vl, RC_INF_PENALTY);
        add_line_box(c, &ls.v[k], c->st->body_leading);
    }
    lines_release(&ls);
}

/* One paragraph of markup s, a new node of `type` under parent; returns the node. */
static uint32_t text_para(ctx *c, uint32_t parent, rc_stype type, const char *s, rc_pos pos,
                          unsigned style, rc_align align, int hyphenate)
{
    rc_para p;
    rc_para_init(&p, align, pos);
    rc_para_style ps = body_style(c, style);
    ps.align = align;
    ps.hyphenate = hyphenate && c->st->hyphenate;
    ps.node = add_node(c, type, parent);
    add_spans(c, &p, parse_text(c, s), &ps);
    put_para(c, &p);
    rc_para_release(&p);
    return ps.node;
}

/*
 * An address: each text a line, and a text holding line breaks (YAML's
 * `|`) a line each; a Div of one P a line, kept together.
 */
static void address(ctx *c, uint32_t parent, const rc_texts *t, rc_align align)
{
    uint32_t div = add_node(c, RC_ST_DIV, parent);
    int first = 1;
    for (size_t i = 0; i < t->n; i++) {
        for (const char *s = t->v[i].s; *s;) {
            size_t n = strcspn(s, "\n");
            char *text = rc_arena_strndup(c->a, s, n);
            s += n + (s[n] == '\n');
            if (!*text)
                continue;
            if (!first)
                rc_vlist_add_penalty(&c->vl, RC_INF_PENALTY);
            first = 0;
            text_para(c, div, RC_ST_P, text, t->v[i].pos, 0, align, 0);
        }
    }
}

/* The letter's date: letter.date (a calendar date in the locale's words, or text), or today. */
static const char *letter_date(ctx *c, const rc_letter *l, const char **iso)
{
    rc_date date = c->today;
    *iso = NULL;
    if (l->date.s && rc_date_parse_iso(l->date.s, &date) != RC_DATE_OK)
        return l->date.s; /* free text, set as markup */
    const char *lang = c->locale.language ? c->locale.language : "english";
    const char *tmpl = !date.month             ? "YEAR"
                       : !date.day             ? "MONTH_NAME YEAR"
                       : !strcmp(lang, "english") ? "MONTH_NAME DAY, YEAR"
                       : !strcmp(lang, "german")  ? "DAY. MONTH_NAME YEAR"
                                                  : "DAY MONTH_NAME YEAR";
    rc_date_templates t = {tmpl, NULL, NULL};
    *iso = !date.month ? rc_arena_printf(c->a, "%04d", date.year)
           : !date.day ? rc_arena_printf(c->a, "%04d-%02d", date.year, date.month)
                       : rc_arena_printf(c->a, "%04d-%02d-%02d", date.year, date.month, date.day);
    return rc_locale_format_date(c->a, &c->locale, &t, &date);
}

/*
 * The body: Markdown paragraphs, split at blank lines; a single line
 * break inside one is a space, as Markdown reads it.
 */
static void body(ctx *c, uint32_t sect, const rc_text *t, rc_scaled parskip)
{
    const char *s = t->s;
    int first = 1;
    while (*s) {
        /* the paragraph runs to a line holding only white space */
        const char *end = s;
        for (;;) {
            const char *nl = strchr(end, '\n');
            if (!nl) {
                end += strlen(end);
                break;
            }
            const char *q = nl + 1;
            while (*q == ' ' || *q == '\t' || *q == '\r')
                q++;
            if (*q == '\n' || !*q) {
                end = nl;
                break;
            }
            end = nl + 1;
        }
        char *para = rc_arena_strndup(c->a, s, (size_t)(end - s));
        for (char *p = para; *p; p++)
            if (*p == '\n' || *p == '\r' || *p == '\t')
                *p = ' ';
        size_t lead = strspn(para, " ");
        if (para[lead]) {
            if (!first)
                gap(c, parskip);
            first = 0;
            text_para(c, sect, RC_ST_P, para + lead, t->pos, 0, c->st->body_align, 1);
        }
        s = end;
        while (*s == '\n' || *s == ' ' || *s == '\t' || *s == '\r')
            s++;
    }
}

/*
 * The signature image, at most SIGNATURE_ROOM baselines tall and half the
 * text wide, read under the photo's rules (files.h, image.h). Returns its
 * height, or -1 with an error.
 */
static rc_scaled signature(ctx *c, uint32_t sect, const rc_text *t, const char *name)
{
    rc_buf b = RC_BUF_INIT;
    rc_files_join(&b, c->cv->file, t->s);
    const char *path = rc_arena_strdup(c->a, rc_buf_str(&b));
    rc_buf_release(&b);
    rc_image *img = rc_arena_alloc(c->a, sizeof(*img));
    rc_scaled maxw = c->text_width / 2, maxh = baselines(c, SIGNATURE_ROOM, 0);
    if (rc_files_check(c->cv->root, path, "signature", t->s, t->pos, c->d) < 0 ||
        rc_image_load_as(c->cv->images, c->a, path, "signature", "letter.signature", maxw,
                         maxh, t->pos, img, c->d) != 0)
        return -1;
    rc_scaled w = maxw, h = (rc_scaled)((int64_t)maxw * img->src_height / img->src_width);
    if (h > maxh) {
        h = maxh;
        w = (rc_scaled)((int64_t)maxh * img->src_width / img->src_height);
    }
    rc_draw d = {0};
    d.kind = RC_DRAW_IMAGE;
    d.text = path;
    d.image = img;
    d.w = w;
    d.h = h;
    d.y = -h;
    d.node = add_node(c, RC_ST_FIGURE, sect);
    c->doc->nodes[d.node].alt = rc_arena_printf(c->a, "Signature of %s", name);
    rc_vitem *box = rc_vlist_add_box(&c->vl, h, 0, 0);
    rc_vbox_add(&c->vl, box, &d);
    return h;
}

/* Warn where a field's stars would print as written (markup.h), as the CV's are checked. */
static void check_fields(ctx *c, const rc_letter *l)
{
    const rc_text *one[] = {&l->date, &l->subject, &l->salutation, &l->body, &l->closing};
    const rc_texts *many[] = {&l->sender, &l->recipient, &l->enclosures};
    for (size_t i = 0; i < RC_ARRAY_LEN(one); i++)
        if (one[i]->s)
            rc_markup_check(one[i]->s, strlen(one[i]->s), one[i]->pos, c->d);
    for (size_t i = 0; i < RC_ARRAY_LEN(many); i++)
        for (size_t k = 0; k < many[i]->n; k++)
            rc_markup_check(many[i]->v[k].s, strlen(many[i]->v[k].s), many[i]->v[k].pos, c->d);
}

/* The plain text of markup s ("Ada Lovelace" for "**Ada** Lovelace"). */
static const char *plain(ctx *c, const char *s)
{
    return rc_spans_plain_text(c->a, rc_markup_parse(c->a, s, strlen(s)));
}

/*
 * Pages as the CV's (layout.c): natural spacing, or tight when that saves
 * a page. A letter is meant for one page: more is said.
 */
static void paginate_letter(ctx *c, rc_doc *doc, const rc_letter *l)
{
    rc_page_breaks loose = {0}, tight = {0};
    rc_page_breaks_find(&c->vl, c->st, 0, &loose);
    const rc_page_breaks *use = &loose;
    if (loose.n >= 2) {
        rc_page_breaks_find(&c->vl, c->st, 1, &tight);
        if (tight.n < loose.n)
            use = &tight;
    }
    rc_page_place(&c->vl, use, c->st, doc);
    if (doc->npages > 1)
        rc_warning(c->d, l->pos, "the letter takes %zu pages; shorten its body (or make "
                   "design.page margins or typography.font_size smaller) to fit it on one",
                   doc->npages);
    rc_page_breaks_release(&loose);
    rc_page_breaks_release(&tight);
}

int rc_layout_letter(const rc_cv *cv, const rc_style *st, rc_fonts *fonts, rc_arena *a,
                     rc_doc *doc, rc_diags *d)
{
    const rc_letter *l = &cv->letter;
    if (!l->body.s) {
        if (!l->pos.file)
            return rc_error(d, (rc_pos){cv->file, 0, 0}, "the CV has no letter; add 'letter:' "
                            "with its recipient, subject and body");
        return rc_error(d, l->pos, "the letter has no 'body'; add body: with its paragraphs "
                        "(a blank line between them)");
    }
    /* The header is the CV's but for the photo, which a letter does not show. */
    rc_cv header = *cv;
    header.photo = (rc_text){0};
    ctx c = {0};
    c.cv = &header;
    c.st = st;
    c.fonts = fonts;
    c.a = a;
    c.doc_arena = a;
    c.d = d;
    c.notes = doc->notes;
    c.doc = doc;
    rc_doc_add_node(doc, RC_ST_DOCUMENT, RC_NODE_NONE);
    c.text_width = rc_style_text_width(st);
    rc_locale_of_cv(&c.locale, cv);
    const rc_locale *builtin = rc_locale_builtin(cv->language.s);
    doc->lang = builtin && builtin->iso639 ? builtin->iso639
                : cv->language.s && *cv->language.s ? cv->language.s : "en";
    doc->rtl = rc_locale_rtl(&c.locale);
    c.today = reference_date(cv);
    check_fields(&c, l);
    rc_vlist_init(&c.vl);

    emit_header(&c);
    c.in_body = 1;
    const char *name = cv->name.s ? plain(&c, cv->name.s) : "";
    rc_align date_side = st->date_column_left ? RC_ALIGN_LEFT : RC_ALIGN_RIGHT;
    rc_scaled parskip = baselines(&c, 0, 5);
    uint32_t sect = add_node(&c, RC_ST_SECT, RC_NODE_ROOT);
    if (l->sender.n) {
        /* the sender's own lines, below the header and in its alignment */
        gap(&c, c.header_gap);
        address(&c, sect, &l->sender,
                st->header_align == RC_ALIGN_JUSTIFY ? RC_ALIGN_LEFT : st->header_align);
    }
    gap(&c, baselines(&c, AFTER_HEADER, 0));
    if (l->recipient.n) {
        address(&c, sect, &l->recipient, RC_ALIGN_LEFT);
        gap(&c, baselines(&c, AROUND_DATE, 0));
    }
    const char *iso;
    const char *date = letter_date(&c, l, &iso);
    uint32_t dn = text_para(&c, sect, RC_ST_P, date, l->date.s ? l->date.pos : l->pos, 0,
                            date_side, 0);
    if (iso) {
        c.doc->nodes[dn].hints = RC_HINT_DATE;
        c.doc->nodes[dn].dates = rc_arena_printf(a, "%s %s", iso, plain(&c, date));
    }
    gap(&c, baselines(&c, AROUND_DATE, 0));
    if (l->subject.s) {
        /* in bold, in the colour of the CV's section titles */
        rc_para p;
        rc_para_init(&p, RC_ALIGN_LEFT, l->subject.pos);
        rc_para_style ps = body_style(&c, RC_STYLE_BOLD);
        ps.align = RC_ALIGN_LEFT;
        ps.hyphenate = 0;
        ps.color = st->section_title.color;
        ps.node = add_node(&c, RC_ST_P, sect);
        add_spans(&c, &p, parse_text(&c, l->subject.s), &ps);
        put_para(&c, &p);
        rc_para_release(&p);
        gap(&c, baselines(&c, AFTER_SUBJECT, 0));
    }
    if (l->salutation.s) {
        text_para(&c, sect, RC_ST_P, l->salutation.s, l->salutation.pos, 0, RC_ALIGN_LEFT, 0);
        gap(&c, parskip);
    }
    body(&c, sect, &l->body, parskip);
    /* The closing, the signature and the name stay together. */
    gap(&c, baselines(&c, 1, 0));
    if (l->closing.s) {
        text_para(&c, sect, RC_ST_P, l->closing.s, l->closing.pos, 0, RC_ALIGN_LEFT, 0);
        rc_vlist_add_penalty(&c.vl, RC_INF_PENALTY);
    }
    if (l->signature.s && *l->signature.s) {
        gap(&c, baselines(&c, 0, 3));
        rc_vlist_add_penalty(&c.vl, RC_INF_PENALTY);
        if (signature(&c, sect, &l->signature, name) < 0)
            c.status = -1;
        rc_vlist_add_penalty(&c.vl, RC_INF_PENALTY);
    } else {
        gap(&c, baselines(&c, SIGNATURE_ROOM, 0)); /* room to sign by hand */
        rc_vlist_add_penalty(&c.vl, RC_INF_PENALTY);
    }
    if (cv->name.s)
        text_para(&c, sect, RC_ST_P, cv->name.s, cv->name.pos, 0, RC_ALIGN_LEFT, 0);
    if (l->enclosures.n) {
        gap(&c, baselines(&c, BEFORE_ENCLOSURES, 0));
        rc_buf b = RC_BUF_INIT;
        rc_buf_adds(&b, l->enclosures.n == 1 ? "*Enclosure:* " : "*Enclosures:* ");
        for (size_t i = 0; i < l->enclosures.n; i++)
            rc_buf_addf(&b, "%s%s", i ? ", " : "", l->enclosures.v[i].s);
        text_para(&c, sect, RC_ST_P, rc_arena_strdup(a, rc_buf_str(&b)),
                  l->enclosures.v[0].pos, 0, RC_ALIGN_LEFT, 0);
        rc_buf_release(&b);
    }
    c.in_body = 0;

    doc->width = st->page_width;
    doc->height = st->page_height;
    doc->fonts = fonts;
    paginate_letter(&c, doc, l);
    rc_bidi_mirror_doc(doc);
    doc->author = name;
    doc->title = l->subject.s ? rc_arena_printf(a, "%s \xE2\x80\x93 %s", name,
                                                plain(&c, l->subject.s))
                 : *name     ? rc_arena_printf(a, "%s \xE2\x80\x93 Cover letter", name)
                             : "Cover letter";
    doc->subject = "Cover letter";
    doc->keywords = "";
    doc->creator = "rescomp " RESCOMP_VERSION;
    rc_vlist_release(&c.vl);
    rc_hyph_close(c.hyph);
    free(c.links);
    return c.status;
}
