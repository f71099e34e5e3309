/*
 * layout: entries, columns, header and sections (see layout.h).
 */
#include "layout.h"

#include "build.h"
#include "files.h"
#include "linebreak.h"
#include "markup.h"
#include "page.h"
#include "phone.h"
#include "image.h"
#include "template.h"

#include <ctype.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#ifndef RESCOMP_VERSION
#define RESCOMP_VERSION "0.0.0"
#endif

/* White space between a bullet or label and the text it hangs before. */
#define LABEL_GAP RC_PT(5)

/* ---- context --------------------------------------------------------- */

typedef struct ctx {
    const rc_cv *cv;
    const rc_style *st;
    rc_fonts *fonts;
    rc_arena *a;
    rc_diags *d;
    int notes; /* rc_doc.notes */
    rc_vlist vl;
    rc_scaled text_width;
    const char **keywords;
    size_t nkeywords;
    int status;
    size_t nsections_done;
    rc_hyph *hyph;         /* the CV language's patterns, once needed */
    int hyph_opened;       /* whether opening them was tried */
    rc_scaled header_gap;  /* white space between the header and the first section */
    rc_scaled header_indent, header_right; /* room for a photo beside the header */
    const rc_draw *photo_pending;          /* the photo, drawn with the header's first line */
    rc_scaled header_height;               /* of the header's text, to compare with the photo */
    rc_locale locale;      /* the CV's words and date names */
    rc_date today;         /* what "present" means for time spans */
    int time_spans;        /* the section being set shows "2 years 3 months" */
    int in_body;           /* setting sections (links there may get an icon) */
    /* Structure (doc.h): the tree is made in the document as the CV is read. */
    rc_doc *doc;
    uint32_t sect;         /* the section being set */
    uint32_t sect_list;    /* its list of items (bullet, numbered entries), or 0 */
    struct link_node {     /* the Link nodes of the paragraph being set, by URL */
        const char *url;
        uint32_t node;
    } *links;
    size_t nlinks, links_cap;
} ctx;

/* One typeset line: draws relative to its left end and baseline. */
typedef struct line {
    rc_draw *v;
    size_t n, cap;
    rc_scaled height, depth, width;
    int para;          /* index of the paragraph it belongs to */
    int first, last;   /* first / last line of that paragraph */
} line;

typedef struct lines {
    line *v;
    size_t n, cap;
} lines;

static void lines_release(lines *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        free(ls->v[i].v);
    free(ls->v);
    memset(ls, 0, sizeof(*ls));
}

static rc_draw *line_add(line *l, rc_draw_kind kind)
{
    RC_VEC_PUSH(l->v, l->n, l->cap);
    rc_draw *d = &l->v[l->n++];
    memset(d, 0, sizeof(*d));
    d->kind = kind;
    return d;
}

/* A new structure node under parent. */
static uint32_t add_node(ctx *c, rc_stype type, uint32_t parent)
{
    return rc_doc_add_node(c->doc, type, parent);
}

/*
 * The node a run shows: an icon is decoration, link text a Link node of
 * its own (one per link of the paragraph, whatever lines it spans), the
 * rest its paragraph's node.
 */
static uint32_t run_node(ctx *c, const rc_run *run)
{
    if (run->face == RC_FACE_ICONS || run->node == RC_NODE_NONE)
        return RC_NODE_NONE;
    if (!run->url)
        return run->node;
    for (size_t i = 0; i < c->nlinks; i++)
        if (c->links[i].url == run->url)
            return c->links[i].node;
    RC_VEC_PUSH(c->links, c->nlinks, c->links_cap);
    uint32_t n = add_node(c, RC_ST_LINK, run->node);
    c->doc->nodes[n].url = rc_arena_strdup(c->a, run->url); /* the run's goes with its entry */
    c->links[c->nlinks++] = (struct link_node){run->url, n};
    return n;
}

static rc_scaled milli_em(int milli, rc_scaled size)
{
    return (rc_scaled)((int64_t)milli * size / 1000);
}

/* ---- text -------------------------------------------------------------- */

/*
 * RenderCV's links.show_external_link_icon: after the last span of each
 * link, a tied space and Font Awesome's external-link icon, itself part
 * of the link.
 */
static rc_spans add_link_icons(ctx *c, rc_spans in)
{
    size_t links = 0;
    for (size_t i = 0; i < in.n; i++)
        links += in.v[i].url && (i + 1 == in.n || in.v[i + 1].url != in.v[i].url);
    if (!links)
        return in;
    rc_span *out = rc_arena_alloc(c->a, (in.n + 2 * links) * sizeof(rc_span));
    size_t n = 0;
    for (size_t i = 0; i < in.n; i++) {
        out[n++] = in.v[i];
        if (in.v[i].url && (i + 1 == in.n || in.v[i + 1].url != in.v[i].url)) {
            rc_span tie = in.v[i], icon = in.v[i];
            tie.text = "\xC2\xA0"; /* U+00A0: the icon never starts a line */
            tie.len = 2;
            icon.text = "\xEF\x82\x8E"; /* U+F08E */
            icon.len = 3;
            icon.style = RC_STYLE_ICON;
            out[n++] = tie;
            out[n++] = icon;
        }
    }
    return (rc_spans){out, n};
}

static rc_spans parse_text(ctx *c, const char *s)
{
    rc_spans spans = rc_markup_parse(c->a, s, strlen(s));
    if (c->nkeywords)
        spans = rc_markup_bold_keywords(c->a, spans, c->keywords, c->nkeywords);
    if (c->st->external_link_icon && c->in_body)
        spans = add_link_icons(c, spans);
    return spans;
}

/* A span of literal text (no markup), e.g. a date or a separator. */
static rc_spans literal(ctx *c, const char *s, unsigned style, const char *url)
{
    rc_span *sp = rc_arena_alloc(c->a, sizeof(*sp));
    sp->text = rc_arena_strdup(c->a, s);
    sp->len = strlen(s);
    sp->style = style;
    sp->url = url;
    return (rc_spans){sp, 1};
}

static void add_spans(ctx *c, rc_para *p, rc_spans spans, const rc_para_style *ps)
{
    if (rc_para_add_spans(p, spans, ps, c->fonts, c->a, c->d) != 0)
        c->status = -1;
}

static rc_para_style body_style(const ctx *c, unsigned style)
{
    rc_para_style ps = {0};
    ps.size = c->st->body_size;
    ps.color = c->st->text_color;
    ps.link_color = c->st->link_color;
    ps.style = style;
    ps.align = c->st->body_align;
    ps.ex_hyphen_penalty = c->st->lb.ex_hyphen_penalty;
    ps.hyphen_penalty = c->st->lb.hyphen_penalty;
    ps.hyphenate = c->st->hyphenate;
    return ps;
}

/* ---- setting lines ----------------------------------------------------- */

typedef struct draw_builder {
    uint32_t *cps;
    rc_scaled *adj;
    size_t n, cap;
    rc_draw proto;   /* face, size, color, x of the open text draw */
    int open;
    int actual;      /* the open draw is small caps with its written text as ActualText */
} draw_builder;

static void db_close(ctx *c, draw_builder *b, line *l)
{
    if (!b->open)
        return;
    rc_draw *d = line_add(l, RC_DRAW_TEXT);
    *d = b->proto;
    d->kind = RC_DRAW_TEXT;
    d->cps = rc_arena_memdup(c->a, b->cps, b->n, sizeof(uint32_t));
    int any = 0;
    for (size_t i = 0; i < b->n; i++)
        any |= b->adj[i] != 0;
    d->adjust = any ? rc_arena_memdup(c->a, b->adj, b->n, sizeof(rc_scaled)) : NULL;
    d->n = b->n;
    b->n = 0;
    b->open = 0;
}

static void db_push(draw_builder *b, uint32_t cp, rc_scaled adj)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        b->cps = rc_xrealloc(b->cps, b->cap * sizeof(*b->cps));
        b->adj = rc_xrealloc(b->adj, b->cap * sizeof(*b->adj));
    }
    b->cps[b->n] = cp;
    b->adj[b->n] = adj;
    b->n++;
}

typedef struct link_tracker {
    const char *url;
    uint32_t node;   /* its Link node */
    rc_scaled x0, x1, ascent, descent;
    rc_scaled size;  /* of the link's text, for its underline */
    uint32_t color;
} link_tracker;

/*
 * The annotation over a link's text, and (links.underline) a rule under
 * it in the link's colour, a tenth of the size below the baseline.
 */
static void link_close(const ctx *c, link_tracker *lt, line *l)
{
    if (!lt->url)
        return;
    rc_draw *d = line_add(l, RC_DRAW_LINK);
    d->node = lt->node;
    d->x = lt->x0;
    d->y = -lt->ascent;
    d->w = lt->x1 - lt->x0;
    d->h = lt->ascent + lt->descent;
    d->text = rc_arena_strdup(c->a, lt->url); /* the run's URL goes with its entry */
    if (c->st->link_underline) {
        rc_draw *u = line_add(l, RC_DRAW_RULE);
        u->x = lt->x0;
        u->y = lt->size / 10;
        u->w = lt->x1 - lt->x0;
        u->h = lt->size / 25;
        u->color = lt->color;
    }
    lt->url = NULL;
}

/* Width of a glue item once the line's adjustment ratio is applied (TeX §625). */
static rc_scaled set_glue(const rc_item *it, int32_t ratio)
{
    int64_t extra = 0;
    if (ratio > 0)
        extra = ((int64_t)ratio * it->stretch) >> 16;
    else if (ratio < 0)
        extra = ((int64_t)ratio * it->shrink) / 65536;
    return it->width + (rc_scaled)extra;
}

/*
 * Typeset items [from, to) of p as one line whose break is `brk` (the
 * item at brk->index ends it). Spaces become real space characters whose
 * TJ adjustment carries the stretch or shrink, so text extracts with
 * spaces and viewers still justify exactly.
 */
/*
 * A word broken across two lines (at a hyphen) must extract whole: the
 * piece ending the line carries the whole word as its ActualText and the
 * piece starting the next line an empty one (dev_pdf.c explains why).
 */
typedef struct word_split {
    size_t tail_from;      /* first item of the piece that ends this line, or SIZE_MAX */
    const char *word;      /* the whole word, for the tail piece */
    size_t head_to;        /* items before this one continue the previous line's word */
} word_split;

static void render_line(ctx *c, const rc_para *p, size_t from, size_t to, const rc_break *brk,
                        rc_scaled width, const word_split *ws, line *l)
{
    draw_builder b = {0};
    link_tracker lt = {0};
    rc_scaled x = 0, pending = 0;
    int has_box = 0, has_glue = 0;
    int head_open = 0; /* the open draw continues the previous line's word */
    rc_scaled height = 0, depth = 0;

    for (size_t i = from; i < to; i++) {
        const rc_item *it = &p->items[i];
        if (it->type == RC_ITEM_GLUE) {
            pending += set_glue(it, brk->ratio);
            has_glue = 1;
            continue;
        }
        if (it->type != RC_ITEM_BOX)
            continue;
        if (it->payload == RC_NO_RUN) {
            x += pending + it->width;
            pending = 0;
            has_glue = 0;
            continue;
        }
        const rc_run *run = &p->runs[it->payload];
        const rc_face *face = c->fonts->faces[run->face];
        uint32_t node = run_node(c, run);
        if (head_open && i >= ws->head_to && b.open) {
            /* The continued word ends here: its span closes before the space. */
            rc_draw keep = b.proto;
            b.proto.span_end = 1;
            db_close(c, &b, l);
            head_open = 0;
            memset(&b.proto, 0, sizeof(b.proto));
            b.proto.face = keep.face;
            b.proto.size = keep.size;
            b.proto.color = keep.color;
            b.proto.node = keep.node;
            b.proto.x = x;
            b.open = 1;
        }
        if (has_glue && has_box && b.open && b.proto.face == RC_FACE_ICONS) {
            /* the icon font has no space: the space after an icon is the text's */
            rc_draw keep = b.proto;
            db_close(c, &b, l);
            memset(&b.proto, 0, sizeof(b.proto));
            b.proto.face = run->face;
            b.proto.size = keep.size;
            b.proto.color = keep.color;
            b.proto.node = node;
            b.proto.x = x;
            b.open = 1;
        }
        if (has_glue && has_box && b.open && b.proto.node != node && run->face != RC_FACE_ICONS &&
            !head_open && c->doc->nodes[b.proto.node].type == RC_ST_LINK) {
            /* the space after a link is the text's that follows, not the link's */
            db_close(c, &b, l);
            memset(&b.proto, 0, sizeof(b.proto));
            b.proto.face = run->face;
            b.proto.size = run->size;
            b.proto.color = run->color;
            b.proto.node = node;
            b.proto.x = x;
            b.actual = 0;
            b.open = 1;
        }
        if (has_glue && has_box && b.open) {
            rc_scaled space = milli_em(rc_face_advance(c->fonts->faces[b.proto.face], ' '),
                                       b.proto.size);
            db_push(&b, ' ', pending - space);
            if (b.actual) /* the space is in the span: its ActualText has it too */
                b.proto.span_begin = rc_arena_printf(c->a, "%s ", b.proto.span_begin);
        }
        x += pending;
        pending = 0;
        has_glue = 0;
        int starts_tail = i == ws->tail_from;
        int in_head = i < ws->head_to;
        if (b.open && (starts_tail || b.actual || run->actual || b.proto.face != run->face ||
                       b.proto.size != run->size || b.proto.color != run->color ||
                       b.proto.node != node))
            db_close(c, &b, l);
        if (!b.open) {
            memset(&b.proto, 0, sizeof(b.proto));
            b.proto.face = run->face;
            b.proto.size = run->size;
            b.proto.color = run->color;
            b.proto.node = node;
            b.proto.x = x;
            b.actual = 0;
            if (run->actual && !starts_tail && !(in_head && i == from)) {
                /* small caps show capitals; extraction gives the letters as written */
                b.proto.span_begin = rc_arena_strdup(c->a, run->actual);
                b.proto.span_end = 1;
                b.actual = 1;
            } else if (run->face == RC_FACE_ICONS) {
                /* an icon is a picture: text extraction must not see its code */
                b.proto.span_begin = "";
                b.proto.span_end = 1;
            } else if (starts_tail)
                b.proto.span_begin = ws->word;
            else if (in_head && i == from) {
                b.proto.span_begin = "";
                head_open = 1;
            }
            b.open = 1;
        }
        for (size_t k = 0; k < run->n; k++)
            db_push(&b, run->cps[k], run->kern[k]);
        rc_scaled asc = milli_em(rc_face_ascender(face), run->size);
        rc_scaled desc = milli_em(-rc_face_descender(face), run->size);
        /*
         * A line's box is as tall as TeX's boxes of text usually are (the
         * parentheses of cmr10: 0.75em above the baseline, 0.25em below),
         * not the font's ascender, which leaves room for accented capitals;
         * so \baselineskip, not \lineskip, spaces the lines.
         */
        if (run->size * 3 / 4 > height)
            height = run->size * 3 / 4;
        if (run->size / 4 > depth)
            depth = run->size / 4;
        if (run->url != lt.url || (run->url && lt.url && strcmp(run->url, lt.url) != 0)) {
            link_close(c, &lt, l);
            if (run->url) {
                lt.url = run->url;
                lt.node = node;
                lt.x0 = x;
                lt.size = run->size;
                lt.color = run->color;
            }
        }
        x += run->width;
        if (lt.url) {
            lt.x1 = x;
            if (lt.node == RC_NODE_NONE)
                lt.node = node; /* a link may start with its icon */
            if (asc > lt.ascent)
                lt.ascent = asc;
            if (desc > lt.descent)
                lt.descent = desc;
        }
        has_box = 1;
    }
    /* A line that ends at a hyphenation break shows the hyphen. */
    const rc_item *end = &p->items[brk->index];
    if (end->type == RC_ITEM_PENALTY && end->flagged && end->width > 0 && b.open) {
        db_push(&b, '-', 0);
        x += end->width;
    }
    if (b.open && (ws->tail_from != SIZE_MAX || head_open))
        b.proto.span_end = 1;
    db_close(c, &b, l);
    link_close(c, &lt, l);
    free(b.cps);
    free(b.adj);

    rc_scaled shift = 0;
    if (p->align == RC_ALIGN_CENTER)
        shift = (width - x) / 2;
    else if (p->align == RC_ALIGN_RIGHT)
        shift = width - x;
    if (shift)
        for (size_t k = 0; k < l->n; k++)
            l->v[k].x += shift;
    l->height = height;
    l->depth = depth;
    l->width = x;
}

/*
 * The hyphenation patterns of the CV's language, loaded the first time a
 * paragraph needs them: loading costs more than laying out a whole CV, and
 * many CVs set every paragraph without a hyphen.
 */
static const rc_hyph *patterns(ctx *c)
{
    if (!c->hyph_opened) {
        c->hyph_opened = 1;
        c->hyph = rc_hyph_open(c->cv->language.s, c->cv->language.pos, c->d);
    }
    return c->hyph;
}

/* A ratio in 1/65536 as a decimal with three places, from integers only. */
static void put_ratio(rc_buf *b, int32_t ratio)
{
    int64_t r = ratio;
    const char *sign = r < 0 ? "-" : "";
    if (r < 0)
        r = -r;
    int64_t milli = (r * 1000 + 32768) >> 16;
    rc_buf_addf(b, "%s%lld.%03lld", sign, (long long)(milli / 1000), (long long)(milli % 1000));
}

/*
 * What the breaker decided for line k, for --trace: where the line ends
 * (glue, penalty, hyphen), the pass, the adjustment ratio, the line's
 * demerits and fitness class, and whether it is overfull.
 */
static void add_break_note(ctx *c, line *l, const rc_para *p, const rc_breaks *br, size_t k)
{
    const rc_break *b = &br->v[k];
    const rc_item *end = &p->items[b->index];
    const char *kind = end->type == RC_ITEM_GLUE ? "glue"
                       : end->discretionary      ? "hyphen"
                       : end->flagged            ? "explicit-hyphen"
                       : k + 1 == br->n          ? "end"
                                                 : "penalty";
    rc_buf t = RC_BUF_INIT;
    rc_buf_addf(&t, "break %zu/%zu at %s pass %d ratio ", k + 1, br->n, kind, br->pass);
    put_ratio(&t, b->ratio);
    rc_buf_addf(&t, " demerits %lld fitness %d%s", (long long)b->demerits, b->fitness,
                b->overfull ? " overfull" : "");
    rc_draw *d = line_add(l, RC_DRAW_NOTE);
    d->text = rc_arena_strdup(c->a, rc_buf_str(&t));
    rc_buf_release(&t);
}

/* The text of the boxes [from, to): a word as it extracts. */
static const char *word_text(ctx *c, const rc_para *p, size_t from, size_t to)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t i = from; i < to; i++) {
        const rc_item *it = &p->items[i];
        if (it->type != RC_ITEM_BOX || it->payload == RC_NO_RUN)
            continue;
        const rc_run *run = &p->runs[it->payload];
        for (size_t k = 0; k < run->n; k++)
            rc_buf_add_utf8(&b, run->cps[k]);
    }
    const char *s = rc_arena_strdup(c->a, rc_buf_str(&b));
    rc_buf_release(&b);
    return s;
}

/* Whether a line of the breaks sticks out by more than TeX's \hfuzz (0.1pt). */
static int too_wide(const rc_para *p, const rc_breaks *br, const rc_scaled *widths,
                    size_t nwidths)
{
    size_t start = 0;
    for (size_t k = 0; k < br->n; k++) {
        if (br->v[k].overfull) {
            rc_scaled w = widths[k < nwidths ? k : nwidths - 1];
            if (rc_para_natural_width(p, start, br->v[k].index) > w + RC_PT(0.1))
                return 1;
        }
        start = br->v[k].index + 1;
    }
    return 0;
}

/*
 * Break a finished paragraph with the given line widths (the last repeats)
 * and append its lines. Overfull lines are warnings at the paragraph's
 * source position.
 */
static void set_paragraph(ctx *c, rc_para *p, const rc_scaled *widths, size_t nwidths,
                          int para_index, lines *out)
{
    c->nlinks = 0; /* a link's node is one per setting of its paragraph */
    rc_para_finish(p);
    rc_breaks br;
    rc_breaks_init(&br);
    rc_linebreak(p->items, p->n, widths, nwidths, &c->st->lb, &br);
    const rc_hyph *h = NULL;
    if (br.pass > 1 && rc_para_hyphenatable(p) && patterns(c)) {
        /* TeX's second pass: only now are words hyphenated (§863, §891). */
        h = c->hyph;
        rc_para_rebuild(p, h, 0, 0, c->fonts, c->a);
        rc_linebreak(p->items, p->n, widths, nwidths, &c->st->lb, &br);
    }
    /*
     * A word wider than the column (a long URL, a date with no space)
     * would run into the margin or the next column: build the paragraph
     * again with breaks inside such words, at their punctuation first,
     * anywhere when that is not enough. Only such paragraphs pay for it.
     */
    for (int anywhere = 0; anywhere < 2 && too_wide(p, &br, widths, nwidths); anywhere++) {
        rc_scaled narrowest = widths[0];
        for (size_t k = 1; k < nwidths; k++)
            narrowest = widths[k] < narrowest ? widths[k] : narrowest;
        rc_para_rebuild(p, h, narrowest > 0 ? narrowest : 1, anywhere, c->fonts, c->a);
        rc_linebreak(p->items, p->n, widths, nwidths, &c->st->lb, &br);
    }
    size_t start = 0, head_to = 0;
    for (size_t k = 0; k < br.n; k++) {
        size_t from = start;
        while (from < br.v[k].index && p->items[from].type != RC_ITEM_BOX)
            from++;
        rc_scaled w = widths[k < nwidths ? k : nwidths - 1];
        RC_VEC_PUSH(out->v, out->n, out->cap);
        line *l = &out->v[out->n++];
        memset(l, 0, sizeof(*l));
        word_split ws = {SIZE_MAX, NULL, head_to};
        const size_t continued = head_to; /* the previous line's word goes on here */
        head_to = 0;
        const rc_item *end = &p->items[br.v[k].index];
        if (end->type == RC_ITEM_PENALTY && end->flagged && k + 1 < br.n) {
            size_t ws_from = br.v[k].index, ws_to = br.v[k].index;
            while (ws_from > from && p->items[ws_from - 1].type != RC_ITEM_GLUE)
                ws_from--;
            while (ws_to < p->n && p->items[ws_to].type != RC_ITEM_GLUE)
                ws_to++;
            if (ws_from == from && continued > from) {
                /*
                 * A word broken over three lines or more (a long URL): the
                 * first piece's ActualText holds all of it, so this middle
                 * piece and the next one extract as nothing.
                 */
                ws.head_to = ws_to;
            } else {
                ws.tail_from = ws_from;
                ws.word = word_text(c, p, ws_from, ws_to);
            }
            head_to = ws_to;
        }
        render_line(c, p, from, br.v[k].index, &br.v[k], w, &ws, l);
        l->para = para_index;
        l->first = k == 0;
        l->last = k + 1 == br.n;
        if (c->notes)
            add_break_note(c, l, p, &br, k);
        /* Like TeX's \hfuzz, overflows under 0.1pt are not worth a warning. */
        if (br.v[k].overfull && l->width > w + RC_PT(0.1))
            rc_warning(c->d, p->pos,
                       "line too wide by %.2fpt; shorten the text or allow a break "
                       "(e.g. a space or a hyphen)",
                       (double)(l->width - w) / RC_UNITY);
        start = br.v[k].index + 1;
    }
    rc_breaks_release(&br);
}

/* ---- vertical list helpers ---------------------------------------------- */

static rc_vitem *add_line_box(ctx *c, const line *l, rc_scaled baselineskip)
{
    rc_scaled h = l->height, dp = l->depth;
    rc_vitem *box = rc_vlist_add_box(&c->vl, h, dp, baselineskip);
    for (size_t i = 0; i < l->n; i++)
        rc_vbox_add(&c->vl, box, &l->v[i]);
    return box;
}

/* ---- dates ------------------------------------------------------------- */

char *rc_format_when(rc_arena *a, const rc_locale *loc, const rc_date_templates *t,
                     const rc_when *w)
{
    return rc_locale_format_when(a, loc ? loc : rc_locale_english(), t, w);
}

/* ---- entries ------------------------------------------------------------ */

/* A paragraph of an entry's main column and how it hangs. */
typedef struct mpara {
    rc_para p;
    rc_scaled indent;      /* of every line, from the column's left edge */
    uint32_t bullet;       /* drawn in the indent of the first line, or 0 */
    const char *label;     /* "3." for numbered entries, "[3]" for bibliography items */
    rc_scaled hang;        /* a bibliography item's hanging indent */
    rc_para *side;         /* a date set beside this paragraph's first line, or NULL */
    rc_scaled space_before;
    uint32_t lbl;          /* the structure node of its bullet or label, or 0 */
} mpara;

typedef struct entry_parts {
    mpara *main;
    size_t nmain, cap;
    rc_para side[4];
    size_t nside;
    int compact;           /* a one-line kind of entry: lists are set tight */
    int paragraph;         /* a text entry: a paragraph of its own */
    int page_break_before; /* the author asked for a new page here */
    const char *degree;    /* education: the degree column's text, or NULL */
    rc_pos degree_pos;
    /* structure: the entry's node (a Div, or the LBody of a list item) ... */
    uint32_t node, lbl;    /* ... and the item's label */
    uint32_t list, nested; /* the list of its highlights, and of the nested ones */
    uint32_t last_body;    /* the LBody of its last highlight, where nested ones go */
    uint32_t degree_node;
} entry_parts;

static mpara *add_mpara(ctx *c, entry_parts *e, rc_pos pos, rc_scaled space_before)
{
    RC_VEC_PUSH(e->main, e->nmain, e->cap);
    mpara *m = &e->main[e->nmain++];
    memset(m, 0, sizeof(*m));
    rc_para_init(&m->p, c->st->body_align, pos);
    m->space_before = e->nmain > 1 ? space_before : 0;
    return m;
}

static void parts_release(entry_parts *e)
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

/* A title row: its first paragraph, set ragged so it never stretches. */
static void add_row(ctx *c, entry_parts *e, rc_text t, unsigned style)
{
    if (!t.s || !*t.s)
        return;
    mpara *m = add_mpara(c, e, t.pos, 0);
    m->p.align = RC_ALIGN_LEFT;
    rc_para_style ps = body_style(c, style);
    ps.node = add_node(c, RC_ST_P, e->node);
    ps.hyphenate = 0; /* names of institutions and titles are not hyphenated */
    add_spans(c, &m->p, parse_text(c, t.s), &ps);
}

static void add_side(ctx *c, entry_parts *e, const char *s, rc_pos pos, unsigned hints)
{
    if (!s || !*s || e->nside >= RC_ARRAY_LEN(e->side))
        return;
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
    rc_face_id id = RC_FACE_REGULAR;
    if (!rc_face_has_char(c->fonts->faces[id], bullet))
        id = rc_fonts_fallback(c->fonts, id, bullet); /* rc_layout_cv made sure one has it */
    const rc_face *f = c->fonts->faces[id < 0 ? RC_FACE_REGULAR : id];
    return c->st->bullet_indent + milli_em(rc_face_advance(f, bullet), c->st->body_size) +
           c->st->bullet_gap;
}

static void add_highlights(ctx *c, entry_parts *e, const rc_entry *en)
{
    for (size_t i = 0; i < en->nhighlights; i++) {
        const rc_highlight *h = &en->highlights[i];
        mpara *m = add_mpara(c, e, h->text.pos,
                             i == 0 ? c->st->highlights_space_above : c->st->highlight_space);
        m->bullet = h->level ? c->st->nested_bullet_char : c->st->bullet_char;
        m->indent = bullet_text_indent(c, c->st->bullet_char) +
                    (h->level ? bullet_text_indent(c, m->bullet) - c->st->bullet_indent : 0);
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
static const char *shown_url(ctx *c, const char *url)
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
    const char *doi = en->doi.s ? markup_link(c, rc_arena_printf(c->a, "doi:%s", en->doi.s),
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
    for (const char *ln = main; *ln;) {
        const char *nl = strchr(ln, '\n');
        size_t len = nl ? (size_t)(nl - ln) : strlen(ln);
        char *one = rc_arena_strndup(c->a, ln, len);
        const char *trim = one;
        while (*trim == ' ')
            trim++;
        if (!strcmp(trim, "SUMMARY")) {
            add_body(c, e, en->summary);
        } else if (!strcmp(trim, "HIGHLIGHTS")) {
            add_highlights(c, e, en);
        } else {
            rc_text row = {rc_template_expand(c->a, one, f, nf), en->pos};
            if (en->type == RC_ENTRY_ONE_LINE) {
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
        add_side(c, e, rc_template_expand(c->a, rc_arena_strndup(c->a, ln, len), f, nf),
                 en->when.kind != RC_WHEN_NONE ? en->when.pos : en->location.pos,
                 len == 4 && !memcmp(ln, "DATE", 4) ? RC_HINT_DATE : 0);
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
            add_spans(c, m->side, parse_text(c, date), &st);
        }
        add_body(c, e, ps->summary);
        rc_entry sub = {0};
        sub.highlights = ps->highlights;
        sub.nhighlights = ps->nhighlights;
        add_highlights(c, e, &sub);
    }
}

static void build_entry(ctx *c, const rc_entry *en, size_t index, size_t count,
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
        if (date)
            add_side(c, e, date, en->when.pos, RC_HINT_DATE);
    }
    e->paragraph = en->type == RC_ENTRY_TEXT;
    /* Entries that are one line by nature (skills, awards, list items) sit tight. */
    e->compact = en->type == RC_ENTRY_ONE_LINE || en->type == RC_ENTRY_BULLET ||
                 en->type == RC_ENTRY_NUMBERED || en->type == RC_ENTRY_REVERSED_NUMBERED ||
                 en->type == RC_ENTRY_TEXT ||
                 (en->type == RC_ENTRY_NORMAL && !en->summary.s && !en->nhighlights);
}

/* Draw the bullet or number label of a hanging paragraph's first line. */
static void add_marker(ctx *c, const mpara *m, line *l)
{
    rc_para_style ps = body_style(c, 0);
    rc_para p;
    rc_para_init(&p, RC_ALIGN_LEFT, m->p.pos);
    char buf[8] = {0};
    const char *text = m->label;
    if (!text) {
        rc_utf8_encode(m->bullet, buf);
        text = buf;
    }
    add_spans(c, &p, literal(c, text, 0, NULL), &ps);
    rc_scaled w = rc_para_natural_width(&p, 0, p.n);
    rc_scaled gap = LABEL_GAP;
    if (p.nruns) {
        rc_draw *d = line_add(l, RC_DRAW_TEXT);
        const rc_run *r = &p.runs[0];
        d->face = r->face;
        d->size = r->size;
        d->color = c->st->text_color;
        d->cps = rc_arena_memdup(c->a, r->cps, r->n, sizeof(uint32_t)); /* p's go with it */
        d->n = r->n;
        d->node = m->lbl;
        d->x = -gap - w; /* hanging left of the text, which starts at 0 */
        /* The marker comes first in reading order, before the line's text. */
        rc_draw marker = *d;
        memmove(l->v + 1, l->v, (l->n - 1) * sizeof(rc_draw));
        l->v[0] = marker;
    }
    rc_para_release(&p);
}

/* Natural width of a side paragraph (its widest unbroken form). */
static rc_scaled side_width(const rc_para *p)
{
    return rc_para_natural_width(p, 0, p->n);
}

/* The degree column's text as a ragged, unhyphenated paragraph. */
static void degree_para(ctx *c, rc_para *p, const char *markup, rc_pos pos, uint32_t node)
{
    rc_para_init(p, RC_ALIGN_LEFT, pos);
    rc_para_style ps = body_style(c, 0);
    ps.align = RC_ALIGN_LEFT;
    ps.hyphenate = 0;
    ps.node = node;
    add_spans(c, p, parse_text(c, markup), &ps);
}

/* The degree column's text set in a column `width` wide. */
static void column_text(ctx *c, const char *markup, rc_pos pos, uint32_t node, rc_scaled width,
                        lines *out)
{
    rc_para p;
    degree_para(c, &p, markup, pos, node);
    set_paragraph(c, &p, &width, 1, 0, out);
    rc_para_release(&p);
}

/* The widest word of a degree: the column must hold it ("Philosophy"). */
static rc_scaled widest_word(ctx *c, const char *markup, rc_pos pos)
{
    rc_para p;
    degree_para(c, &p, markup, pos, RC_NODE_NONE);
    rc_scaled widest = 0;
    size_t from = 0;
    for (size_t i = 0; i <= p.n; i++) {
        if (i < p.n && p.items[i].type != RC_ITEM_GLUE)
            continue;
        rc_scaled w = rc_para_natural_width(&p, from, i);
        widest = w > widest ? w : widest;
        from = i + 1;
    }
    rc_para_release(&p);
    return widest;
}

/*
 * Set an entry with a date column `colw` wide, and append its lines to
 * the vertical list. `first` entries of a section stay with the title.
 * Entries stand `side_space` in from both margins; an education entry may
 * have a degree column on its left (RenderCV's classic).
 */
/*
 * RenderCV's allow_page_break: false for entries or sections. The page
 * builder may not break the vertical list from its first box at or after
 * `from` to its end, so the whole block moves to the next page when it
 * does not fit; unless it is taller than nine tenths of a page, where
 * keeping it whole would only leave a page empty before it.
 */
static void keep_together(ctx *c, size_t from)
{
    while (from < c->vl.n && c->vl.v[from].kind != RC_V_BOX)
        from++;
    int64_t height = 0; /* a paragraph of 100,000 words is taller than 2^31 sp */
    for (size_t i = from; i < c->vl.n; i++) {
        const rc_vitem *it = &c->vl.v[i];
        height += it->kind == RC_V_BOX ? (int64_t)it->height + it->depth
                  : it->kind == RC_V_GLUE ? it->size
                                          : 0;
    }
    rc_scaled room = c->st->page_height - c->st->margin_top - c->st->margin_bottom;
    if (height > (int64_t)room / 10 * 9)
        return;
    for (size_t i = from; i < c->vl.n; i++)
        if (c->vl.v[i].kind == RC_V_PENALTY && c->vl.v[i].penalty > RC_EJECT_PENALTY)
            c->vl.v[i].penalty = RC_INF_PENALTY;
}

static void emit_entry(ctx *c, entry_parts *e, rc_scaled colw, rc_scaled degw, int first)
{
    size_t start = c->vl.n;
    const rc_style *st = c->st;
    const rc_scaled width = c->text_width - 2 * st->side_space;
    lines side = {0}, main = {0}, degree = {0};
    for (size_t i = 0; i < e->nside; i++) {
        rc_scaled w = colw > 0 ? colw : width;
        set_paragraph(c, &e->side[i], &w, 1, (int)i, &side);
    }
    rc_scaled degree_w = e->degree ? degw + st->date_column_gutter : 0;
    if (e->degree)
        column_text(c, e->degree, e->degree_pos, e->degree_node, degw, &degree);
    rc_scaled narrow = width - degree_w - (colw > 0 ? colw + st->date_column_gutter : 0);
    /* moderncv's look: the date column on the left, the body beside it all the way down. */
    int left = st->date_column_left && colw > 0;
    rc_scaled body_x = st->side_space + degree_w + (left ? colw + st->date_column_gutter : 0);
    rc_scaled *space_before = rc_xcalloc(e->nmain + 1, sizeof(rc_scaled));
    for (size_t i = 0; i < e->nmain; i++) {
        mpara *m = &e->main[i];
        /* The lines beside the date column are narrower: a paragraph shape. */
        size_t used = main.n;
        size_t nnarrow = side.n > used ? side.n - used : 0;
        if (left)
            nnarrow = 0; /* the whole body stands right of a left date column */
        if (m->side && nnarrow == 0)
            nnarrow = 1; /* its own date stands beside its first line */
        /* entries.short_second_row: the date column's space stays empty below the dates */
        int all_narrow = left || (st->short_second_row && colw > 0);
        size_t nw = nnarrow + 1;
        rc_scaled *widths = rc_xmalloc(nw * sizeof(rc_scaled));
        for (size_t k = 0; k < nw; k++)
            widths[k] = (k < nnarrow || all_narrow ? narrow : width - degree_w) - m->indent;
        size_t before = main.n;
        set_paragraph(c, &m->p, widths, nw, (int)i, &main);
        free(widths);
        if (m->side && main.n > before && colw > 0) {
            lines sl = {0};
            set_paragraph(c, m->side, &colw, 1, 0, &sl);
            for (size_t j = 0; sl.n && j < sl.v[0].n; j++) {
                rc_draw *d = line_add(&main.v[before], sl.v[0].v[j].kind);
                *d = sl.v[0].v[j];
                /* the body shift below moves it too: take it off here */
                d->x += st->side_space + (left ? 0 : width - colw) - m->indent - body_x;
            }
            lines_release(&sl);
        }
        if (main.n > before && (m->bullet || m->label))
            add_marker(c, m, &main.v[before]);
        for (size_t k = before; k < main.n; k++)
            for (size_t j = 0; j < main.v[k].n; j++)
                main.v[k].v[j].x += m->indent + body_x;
        space_before[i] = m->space_before;
    }

    /* The entry is as tall as its tallest column: no column's lines are cut. */
    size_t n = main.n > side.n ? main.n : side.n;
    if (degree.n > n)
        n = degree.n;
    for (size_t k = 0; k < n; k++) {
        line merged = {0};
        const line *ml = k < main.n ? &main.v[k] : NULL;
        const line *sl = k < side.n ? &side.v[k] : NULL;
        rc_scaled h = st->body_size * 7 / 10, dp = st->body_size * 3 / 10;
        if (k < degree.n) {
            for (size_t j = 0; j < degree.v[k].n; j++) {
                rc_draw *d = line_add(&merged, RC_DRAW_TEXT);
                *d = degree.v[k].v[j];
                d->x += st->side_space;
            }
        }
        /*
         * The draws in reading order, which is left to right: extractors
         * that follow the content stream (pdf.js, PDFBox) would otherwise
         * read a left date column's text glued to the end of the body's
         * line ("Munich, GermanySept 2016").
         */
        for (int pass = 0; pass < 2; pass++) {
            if (ml && pass == left) {
                for (size_t j = 0; j < ml->n; j++)
                    *line_add(&merged, RC_DRAW_TEXT) = ml->v[j];
                h = ml->height > h ? ml->height : h;
                dp = ml->depth > dp ? ml->depth : dp;
            }
            if (sl && pass != left) {
                for (size_t j = 0; j < sl->n; j++) {
                    rc_draw *d = line_add(&merged, RC_DRAW_TEXT);
                    *d = sl->v[j];
                    d->x += st->side_space + (left ? 0 : width - colw);
                }
            }
        }
        merged.height = h;
        merged.depth = dp;

        if (k > 0 || !first) {
            /*
             * Page-break penalties: an entry's first three lines stay
             * together (and with the section title), a short entry is
             * never split, and a paragraph keeps two lines at each end
             * of a break where it can (TeX's club and widow penalties).
             */
            int pen;
            if (k == 0)
                pen = e->page_break_before ? RC_EJECT_PENALTY : -50;
            else if (k < 3 || n <= 5)
                pen = RC_INF_PENALTY;
            else if (ml && ml->first)
                pen = 0;
            else if (ml && (ml->last || (k >= 1 && main.v[k - 1].first)))
                pen = 150;
            else
                pen = 0;
            rc_vlist_add_penalty(&c->vl, pen);
            rc_scaled gap = e->compact ? st->text_entry_space : st->entry_space;
            /* Paragraphs need to be seen apart, whatever the list spacing. */
            if (e->paragraph && gap < st->body_size / 2)
                gap = st->body_size / 2;
            if (k == 0)
                rc_vlist_add_glue(&c->vl, gap, gap / 3);
            else if (ml && ml->first && space_before[ml->para])
                rc_vlist_add_glue(&c->vl, space_before[ml->para], space_before[ml->para] / 3);
        }
        add_line_box(c, &merged, st->body_leading);
        free(merged.v);
    }
    free(space_before);
    lines_release(&main);
    lines_release(&side);
    lines_release(&degree);
    if (!st->entry_page_break)
        keep_together(c, start);
}

/* ---- sections ------------------------------------------------------------ */

/* A horizontal rule as a draw of a line: x, y (top, from the baseline), width. */
static void rule_draw(line *l, rc_scaled x, rc_scaled y, rc_scaled w, rc_scaled h, uint32_t color)
{
    rc_draw *d = line_add(l, RC_DRAW_RULE);
    d->x = x;
    d->y = y;
    d->w = w > 0 ? w : 0;
    d->h = h;
    d->color = color;
}

/*
 * A section title in one of RenderCV's eight types: left or centred, with
 * a rule beside it (partial), under it (full, or centred partial), a thick
 * bar in the date column (moderncv), or none. `colw` is the section's date
 * column, where moderncv's bar goes.
 */
static void emit_section_title(ctx *c, const rc_section *sec, int first, rc_scaled colw)
{
    const rc_style *st = c->st;
    const rc_title_type type = st->title_type;
    /* Sections like to start a page; an author may insist on it. */
    if (sec->nentries && sec->entries[0].page_break_before)
        rc_vlist_add_penalty(&c->vl, RC_EJECT_PENALTY);
    else if (!first)
        rc_vlist_add_penalty(&c->vl, -100);
    rc_scaled space = first ? c->header_gap : st->section_space_before;
    rc_vlist_add_glue(&c->vl, space, space / 3);

    int centered = type >= RC_TITLE_CENTERED_WITHOUT_LINE;
    rc_scaled bar = type == RC_TITLE_MODERNCV ? (colw > 0 ? colw : RC_PT(60)) : 0;
    rc_scaled indent = bar ? bar + st->date_column_gutter : 0;
    rc_para p;
    rc_para_init(&p, centered ? RC_ALIGN_CENTER : RC_ALIGN_LEFT, sec->key.pos);
    rc_para_style ps = body_style(c, st->section_title.bold ? RC_STYLE_BOLD : 0);
    ps.family = c->fonts->role_family[RC_ROLE_SECTION_TITLES];
    ps.smallcaps = st->section_title.smallcaps;
    ps.size = st->section_title.size;
    ps.color = st->section_title.color;
    ps.align = p.align;
    ps.hyphenate = 0;
    ps.node = add_node(c, RC_ST_H2, c->sect);
    add_spans(c, &p, parse_text(c, sec->title), &ps);
    lines ls = {0};
    rc_scaled w = c->text_width - indent;
    set_paragraph(c, &p, &w, 1, 0, &ls);
    const rc_scaled thick = st->section_rule_thickness, mid = -ps.size * 3 / 10 - thick / 2;
    const rc_scaled gap = ps.size / 2;
    for (size_t k = 0; k < ls.n; k++) {
        line *l = &ls.v[k];
        for (size_t j = 0; j < l->n; j++)
            l->v[j].x += indent;
        rc_scaled x0 = indent + (centered ? (c->text_width - indent - l->width) / 2 : 0);
        rc_scaled x1 = x0 + l->width;
        if (k == 0 && type == RC_TITLE_WITH_PARTIAL_LINE)
            rule_draw(l, x1 + gap, mid, c->text_width - x1 - gap, thick, ps.color);
        if (k == 0 && type == RC_TITLE_CENTERED_WITH_PARTIAL_LINE) {
            rule_draw(l, 0, mid, x0 - gap, thick, ps.color);
            rule_draw(l, x1 + gap, mid, c->text_width - x1 - gap, thick, ps.color);
        }
        if (k == 0 && type == RC_TITLE_MODERNCV)
            rule_draw(l, 0, -ps.size * 7 / 10, bar, thick, ps.color);
        if (k > 0)
            rc_vlist_add_penalty(&c->vl, RC_INF_PENALTY);
        rc_vitem *box = add_line_box(c, l, ps.size * 5 / 4);
        if (k == 0) {
            rc_draw bm = {0};
            bm.kind = RC_DRAW_BOOKMARK;
            bm.y = -l->height;
            bm.text = sec->title;
            rc_vbox_add(&c->vl, box, &bm);
        }
    }
    /* A rule under the title, kept with it and with the first entry. */
    rc_scaled under = 0, under_x = 0;
    if (type == RC_TITLE_WITH_FULL_LINE || type == RC_TITLE_CENTERED_WITH_FULL_LINE) {
        under = c->text_width;
    } else if (type == RC_TITLE_CENTERED_WITH_CENTERED_PARTIAL_LINE && ls.n) {
        under = ls.v[0].width + 4 * gap;
        under_x = (c->text_width - under) / 2;
    }
    lines_release(&ls);
    rc_para_release(&p);
    if (under > 0) {
        rc_vlist_add_penalty(&c->vl, RC_INF_PENALTY);
        rc_vlist_add_glue(&c->vl, RC_PT(2.5), 0);
        rc_vitem *rule = rc_vlist_add_box(&c->vl, thick, 0, 0);
        rc_draw d = {0};
        d.kind = RC_DRAW_RULE;
        d.x = under_x;
        d.y = -thick;
        d.w = under;
        d.h = thick;
        d.color = ps.color;
        rc_vbox_add(&c->vl, rule, &d);
        c->vl.after_box = 0; /* the first entry sits a fixed space below the rule */
    }
    rc_vlist_add_penalty(&c->vl, RC_INF_PENALTY);
    rc_vlist_add_glue(&c->vl, st->section_space_after_rule, st->section_space_after_rule / 3);
}

/*
 * Labelled text paragraphs of a section (bibliography items) share one
 * hanging indent: the widest label plus a gap, so their texts align.
 * label_width: the widest of `widest` and an entry's labels.
 */
static rc_scaled label_width(ctx *c, const entry_parts *e, rc_scaled widest)
{
    rc_para_style ps = body_style(c, 0);
    for (size_t k = 0; k < e->nmain; k++) {
        const mpara *m = &e->main[k];
        if (!m->label || m->bullet || m->indent)
            continue;
        rc_para p;
        rc_para_init(&p, RC_ALIGN_LEFT, m->p.pos);
        add_spans(c, &p, literal(c, m->label, 0, NULL), &ps);
        rc_scaled w = rc_para_natural_width(&p, 0, p.n);
        widest = w > widest ? w : widest;
        rc_para_release(&p);
    }
    return widest;
}

/* Hang an entry's labelled paragraphs by the section's widest label. */
static void hang_labels(entry_parts *e, rc_scaled widest)
{
    for (size_t k = 0; k < e->nmain; k++) {
        mpara *m = &e->main[k];
        if (m->label && !m->bullet && !m->indent)
            m->hang = widest + LABEL_GAP;
    }
    for (size_t k = 0; k < e->nmain; k++)
        if (e->main[k].hang)
            e->main[k].indent = e->main[k].hang;
}

/* Bytes an entry's built paragraphs hold. */
static size_t parts_bytes(const entry_parts *e)
{
    size_t n = e->cap * sizeof(mpara);
    for (size_t i = 0; i < e->nmain; i++)
        n += rc_para_bytes(&e->main[i].p) + (e->main[i].side ? rc_para_bytes(e->main[i].side) : 0);
    for (size_t i = 0; i < e->nside; i++)
        n += rc_para_bytes(&e->side[i]);
    return n;
}

/*
 * Build entry i again, to set it, after it was built to measure the
 * section and dropped; its messages were given the first time.
 */
static void rebuild_entry(ctx *c, const rc_section *sec, size_t i, entry_parts *e,
                          rc_scaled widest_label)
{
    rc_diags quiet, *d = c->d;
    rc_diags_init(&quiet);
    c->d = &quiet;
    build_entry(c, &sec->entries[i], i, sec->nentries, e);
    c->d = d;
    rc_diags_release(&quiet);
    hang_labels(e, widest_label);
}

/* Make `scratch` the arena of what follows; returns the document's, to put back. */
static rc_arena *scratch_arena(ctx *c, rc_arena *scratch)
{
    rc_arena *doc = c->a;
    c->a = scratch;
    return doc;
}

/* Whether a section is one of sections.show_time_spans_in (by key or title, any case). */
static int shows_time_spans(ctx *c, const rc_section *sec)
{
    for (size_t i = 0; i < c->st->ntime_span_sections; i++) {
        const char *want = c->st->time_span_sections[i];
        const char *have[2] = {sec->key.s, sec->title};
        for (int k = 0; k < 2; k++) {
            const char *a = want, *b = have[k];
            while (*a && *b) {
                char x = (char)tolower((unsigned char)(*a == '_' ? ' ' : *a));
                char y = (char)tolower((unsigned char)(*b == '_' ? ' ' : *b));
                if (x != y)
                    break;
                a++, b++;
            }
            if (b && !*a && !*b)
                return 1;
        }
    }
    return 0;
}

/*
 * Bytes of built paragraphs a section keeps between measuring its entries
 * (the date column and the degree column take the widest of the section)
 * and setting them. An ordinary section keeps all: each entry is built
 * once. In a huge one (thousands of entries) the entries beyond this are
 * dropped once measured and built again when set, so that memory is in
 * proportion to an entry, not to the section.
 */
#define SECTION_KEPT_MAX ((size_t)4 << 20)

/*
 * What building an entry allocates (its texts' markup spans, expanded
 * templates, dates) is needed only until the entry is set, so it goes into
 * a scratch arena: `kept_mem` for the entries kept built, freed with the
 * section, and `one_mem` for one dropped entry at a time. The draws copy
 * the little of it they point to (a link's target, the written text of
 * small capitals): the document's arena holds only what the pages show.
 */
static void emit_section(ctx *c, const rc_section *sec)
{
    c->time_spans = shows_time_spans(c, sec);
    c->sect = add_node(c, RC_ST_SECT, RC_NODE_ROOT);
    c->sect_list = 0;
    entry_parts *parts = rc_xcalloc(sec->nentries ? sec->nentries : 1, sizeof(*parts));
    unsigned char *dropped = rc_xcalloc(sec->nentries ? sec->nentries : 1, 1);
    rc_arena kept_mem, one_mem;
    rc_arena_init(&kept_mem);
    rc_arena_init(&one_mem);
    size_t kept = 0;
    rc_scaled colw = 0, widest_label = -1;
    /*
     * The degree column is entries.degree_width wide, as in RenderCV, but
     * never narrower than the longest word of a degree in the section (up
     * to a quarter of the text): "Master of Philosophy" wraps in it rather
     * than running into the text beside it.
     */
    rc_scaled degw = c->st->degree_width;
    for (size_t i = 0; i < sec->nentries; i++) {
        rc_arena *mem = kept > SECTION_KEPT_MAX ? &one_mem : &kept_mem;
        rc_arena *doc = scratch_arena(c, mem);
        build_entry(c, &sec->entries[i], i, sec->nentries, &parts[i]);
        for (size_t k = 0; k < parts[i].nside; k++) {
            rc_scaled w = side_width(&parts[i].side[k]);
            colw = w > colw ? w : colw;
        }
        for (size_t k = 0; k < parts[i].nmain; k++) {
            if (!parts[i].main[k].side)
                continue;
            rc_scaled w = side_width(parts[i].main[k].side);
            colw = w > colw ? w : colw;
        }
        if (parts[i].degree) {
            rc_scaled w = widest_word(c, parts[i].degree, parts[i].degree_pos);
            degw = w > degw ? w : degw;
        }
        widest_label = label_width(c, &parts[i], widest_label);
        c->a = doc;
        kept += parts_bytes(&parts[i]);
        if (kept + kept_mem.used_total > SECTION_KEPT_MAX) {
            kept = SECTION_KEPT_MAX + 1; /* the rest go one at a time */
            parts_release(&parts[i]);
            rc_arena_release(&one_mem);
            dropped[i] = 1;
        }
    }
    if (colw > c->st->date_column_max)
        colw = c->st->date_column_max;
    if (degw > c->text_width / 4)
        degw = c->text_width / 4 > c->st->degree_width ? c->text_width / 4 : c->st->degree_width;
    for (size_t i = 0; i < sec->nentries; i++)
        if (!dropped[i])
            hang_labels(&parts[i], widest_label);
    size_t start = c->vl.n;
    emit_section_title(c, sec, c->nsections_done++ == 0, colw);
    for (size_t i = 0; i < sec->nentries; i++) {
        if (dropped[i]) {
            rc_arena *doc = scratch_arena(c, &one_mem);
            rebuild_entry(c, sec, i, &parts[i], widest_label);
            c->a = doc;
        }
        emit_entry(c, &parts[i], colw, degw, i == 0);
        parts_release(&parts[i]);
        rc_arena_release(&one_mem);
    }
    rc_arena_release(&kept_mem);
    free(dropped);
    free(parts);
    if (!c->st->section_page_break)
        keep_together(c, start);
}

/* ---- header -------------------------------------------------------------- */

/* The URL and the shown text of a social network account. */
static void social_link(ctx *c, const rc_social *s, const char **url, const char **shown)
{
    const char *net = s->network.s;
    *url = rc_social_url(c->a, s);
    *shown = s->username.s;
    if (!*url || strcmp(net, "Mastodon") == 0)
        return;
    /* Where the URL says nothing readable, the network's name says more. */
    if (strcmp(net, "Google Scholar") == 0 || strcmp(net, "ORCID") == 0 ||
        strcmp(net, "StackOverflow") == 0 || strcmp(net, "WhatsApp") == 0)
        *shown = net;
    else
        *shown = *url + strlen("https://");
}

/* Text of a header role (name, headline, connections) in the header's alignment. */
static rc_para_style role_style(ctx *c, const rc_role *role, unsigned style)
{
    rc_para_style ps = body_style(c, style | (role->bold ? RC_STYLE_BOLD : 0));
    ps.size = role->size;
    ps.color = role->color;
    ps.link_color = role->color;
    ps.smallcaps = role->smallcaps;
    ps.family = c->fonts->role_family[role->font];
    ps.align = c->st->header_align == RC_ALIGN_JUSTIFY ? RC_ALIGN_LEFT : c->st->header_align;
    ps.hyphenate = 0; /* names and addresses are never hyphenated */
    return ps;
}

/*
 * One connection of the header line. A line may break after a separator
 * (or between connections when there is none), never inside one.
 */
static void add_connection(ctx *c, rc_para *p, uint32_t node, int *count, const char *text,
                           const char *url, uint32_t icon)
{
    const rc_style *st = c->st;
    rc_para_style ps = role_style(c, &st->connections, 0);
    ps.node = node;
    if (!st->connection_hyperlink)
        url = NULL;
    if (*count > 0) {
        rc_para_style tie = ps;
        tie.no_breaks = 1;
        if (*st->connection_separator) {
            rc_para_add_space(p, &tie, c->fonts);
            rc_para_style sep = ps;
            sep.node = RC_NODE_NONE; /* a separator is decoration */
            add_spans(c, p, literal(c, st->connection_separator, 0, NULL), &sep);
            rc_para_add_space(p, &ps, c->fonts);
        } else {
            rc_para_add_space(p, &ps, c->fonts);
        }
        /* RenderCV's space between connections, beyond a word space */
        if (st->space_between_connections > 0) {
            rc_item *g = &p->items[p->n - 1];
            if (g->type == RC_ITEM_GLUE)
                g->width += st->space_between_connections;
        }
    }
    ps.no_breaks = 1;
    if (icon && st->connection_icons) {
        char utf8[5] = {0};
        rc_utf8_encode(icon, utf8);
        add_spans(c, p, literal(c, utf8, RC_STYLE_ICON, url), &ps);
        rc_para_add_space(p, &ps, c->fonts); /* tied to its text */
    }
    add_spans(c, p, url ? literal(c, text, 0, url) : parse_text(c, text), &ps);
    (*count)++;
}

/* Font Awesome 4.7's icon for a social network (fonts/prepare_icons.py keeps these). */
static uint32_t network_icon(const char *network)
{
    static const struct {
        const char *name;
        uint32_t icon;
    } icons[] = {
        {"LinkedIn", 0xF08C},  {"GitHub", 0xF09B},     {"GitLab", 0xF296},
        {"IMDB", 0xF2D8},      {"Instagram", 0xF16D},  {"ORCID", 0xF19D},
        {"Mastodon", 0xF0C0},  {"StackOverflow", 0xF16C}, {"ResearchGate", 0xF19D},
        {"YouTube", 0xF167},   {"Google Scholar", 0xF19D}, {"Telegram", 0xF2C6},
        {"WhatsApp", 0xF232},  {"Leetcode", 0xF121},   {"X", 0xF099},
        {"Bluesky", 0xF0C2},   {"Reddit", 0xF1A1},
    };
    for (size_t i = 0; i < RC_ARRAY_LEN(icons); i++)
        if (!strcmp(icons[i].name, network))
            return icons[i].icon;
    return 0xF0C1; /* a link */
}

/* Set a header paragraph and append its lines, `space_below` under the last. */
static void emit_header_part(ctx *c, rc_para *p, rc_scaled space_below)
{
    lines ls = {0};
    rc_scaled w = c->text_width - c->header_indent - c->header_right;
    set_paragraph(c, p, &w, 1, 0, &ls);
    for (size_t k = 0; k < ls.n; k++) {
        for (size_t j = 0; j < ls.v[k].n; j++)
            ls.v[k].v[j].x += c->header_indent;
        if (c->photo_pending && k == 0) {
            /* the photo hangs from the top of the header's first line */
            rc_draw *ph = line_add(&ls.v[k], RC_DRAW_IMAGE);
            *ph = *c->photo_pending;
            ph->y = -ls.v[k].height;
            c->photo_pending = NULL;
        }
        c->header_height += (k || c->vl.n > 1 ? c->header_gap : 0) + ls.v[k].height +
                            ls.v[k].depth + RC_PT(2);
        rc_vlist_add_penalty(&c->vl, RC_INF_PENALTY);
        if (k == 0 && c->vl.n > 1) {
            /* the space below the previous part, then this part's top */
            c->vl.after_box = 0;
            rc_vlist_add_glue(&c->vl, c->header_gap, 0);
        }
        add_line_box(c, &ls.v[k], ls.v[k].height + ls.v[k].depth + RC_PT(2));
    }
    if (ls.n)
        c->header_gap = space_below;
    lines_release(&ls);
}

/*
 * The photo's path: relative to the CV's own file, as RenderCV reads it;
 * NULL with an error when it leaves the project (files.h).
 */
static const char *photo_path(ctx *c)
{
    rc_buf b = RC_BUF_INIT;
    rc_files_join(&b, c->cv->file, c->cv->photo.s);
    const char *path = rc_arena_strdup(c->a, rc_buf_str(&b));
    rc_buf_release(&b);
    if (rc_files_check(c->cv->root, path, "photo", c->cv->photo.s, c->cv->photo.pos, c->d) < 0)
        return NULL;
    return path;
}

static void emit_header(ctx *c)
{
    const rc_cv *cv = c->cv;
    const rc_style *st = c->st;
    rc_draw photo = {0};
    rc_scaled photo_h = 0;
    if (cv->photo.s && *cv->photo.s) {
        rc_image *img = rc_arena_alloc(c->a, sizeof(*img));
        const char *path = photo_path(c);
        int64_t h = 0;
        rc_scaled page = st->page_height - st->margin_top - st->margin_bottom;
        if (!path || rc_image_load(c->a, path, st->photo_width, cv->photo.pos, img, c->d) != 0) {
            c->status = -1;
        } else if ((h = (int64_t)st->photo_width * img->src_height / img->src_width) > page) {
            /* (a strip of a picture, 1 x 30000 pixels, would overflow a length) */
            rc_error(c->d, cv->photo.pos,
                     "photo '%s' (%d x %d pixels) would be %.0f pt tall at "
                     "header.photo_width, more than the page holds; crop it or make "
                     "header.photo_width smaller",
                     cv->photo.s, img->src_width, img->src_height, (double)h / RC_UNITY);
            c->status = -1;
        } else {
            photo.kind = RC_DRAW_IMAGE;
            photo.text = path;
            photo.node = add_node(c, RC_ST_FIGURE, RC_NODE_ROOT);
            c->doc->nodes[photo.node].alt = rc_arena_printf(
                c->a, "Photo of %s", cv->name.s ? rc_spans_plain_text(c->a, rc_markup_parse(
                                                      c->a, cv->name.s, strlen(cv->name.s)))
                                                : "the CV's author");
            photo.image = img;
            photo.w = st->photo_width;
            photo_h = (rc_scaled)h;
            photo.h = photo_h;
            rc_scaled room = st->photo_width + st->photo_space_left + st->photo_space_right;
            if (st->photo_position == RC_ALIGN_RIGHT) {
                photo.x = c->text_width - st->photo_width - st->photo_space_right;
                c->header_right = room;
            } else {
                photo.x = st->photo_space_left;
                c->header_indent = room;
            }
            c->photo_pending = &photo;
        }
    }
    if (cv->name.s) {
        rc_para p;
        rc_para_init(&p, RC_ALIGN_CENTER, cv->name.pos);
        rc_para_style ps = role_style(c, &st->name, 0);
        ps.node = add_node(c, RC_ST_H1, RC_NODE_ROOT);
        p.align = ps.align;
        add_spans(c, &p, parse_text(c, cv->name.s), &ps);
        emit_header_part(c, &p, st->space_below_name);
        rc_para_release(&p);
    }
    if (cv->headline.s) {
        rc_para p;
        rc_para_init(&p, RC_ALIGN_CENTER, cv->headline.pos);
        rc_para_style ps = role_style(c, &st->headline, 0);
        ps.node = add_node(c, RC_ST_P, RC_NODE_ROOT);
        p.align = ps.align;
        add_spans(c, &p, parse_text(c, cv->headline.s), &ps);
        emit_header_part(c, &p, st->space_below_headline);
        rc_para_release(&p);
    }
    rc_para p;
    rc_para_init(&p, RC_ALIGN_CENTER, cv->name.pos);
    p.align = role_style(c, &st->connections, 0).align;
    p.items_line = 1; /* a line of connections may end after any of them */
    int count = 0;
    uint32_t conn = add_node(c, RC_ST_P, RC_NODE_ROOT);
    c->doc->nodes[conn].hints = RC_HINT_CONNECTIONS;
    if (cv->location.s)
        add_connection(c, &p, conn, &count, cv->location.s, NULL, 0xF041);
    for (size_t i = 0; i < cv->emails.n; i++)
        add_connection(c, &p, conn, &count, cv->emails.v[i].s,
                       rc_arena_printf(c->a, "mailto:%s", cv->emails.v[i].s), 0xF0E0);
    for (size_t i = 0; i < cv->phones.n; i++)
        add_connection(c, &p, conn, &count, cv->phones.v[i].s, rc_phone_url(cv, i, c->a), 0xF095);
    for (size_t i = 0; i < cv->websites.n; i++)
        add_connection(c, &p, conn, &count, shown_url(c, cv->websites.v[i].s), cv->websites.v[i].s,
                       0xF0AC);
    for (size_t i = 0; i < cv->nsocials; i++) {
        const char *url, *shown;
        social_link(c, &cv->socials[i], &url, &shown);
        if (st->display_urls && url)
            shown = shown_url(c, url);
        add_connection(c, &p, conn, &count, shown, url, network_icon(cv->socials[i].network.s));
    }
    for (size_t i = 0; i < cv->ncustom_connections; i++) {
        const rc_custom_connection *cc = &cv->custom_connections[i];
        if (cc->placeholder.s)
            add_connection(c, &p, conn, &count, cc->placeholder.s, cc->url.s, 0xF0C1);
    }
    if (count)
        emit_header_part(c, &p, st->space_below_connections);
    rc_para_release(&p);
    if (c->photo_pending) {
        /* a header with a photo and no text: the photo alone */
        rc_vitem *box = rc_vlist_add_box(&c->vl, photo_h, 0, 0);
        rc_draw ph = *c->photo_pending;
        ph.y = -photo_h;
        rc_vbox_add(&c->vl, box, &ph);
        c->photo_pending = NULL;
    } else if (photo_h > c->header_height) {
        /* the first section starts below the photo */
        c->vl.after_box = 0;
        rc_vlist_add_glue(&c->vl, photo_h - c->header_height, 0);
    }
    c->header_indent = c->header_right = 0;
}

/* ---- pages --------------------------------------------------------------- */

/*
 * Break into pages with the spacing at its natural size; then set it again
 * tight, letting the space between entries and sections shrink by up to a
 * third and the leading by a twenty-fifth, and keep that only if it saves
 * a page: a CV's last page is then never a few stray lines when slightly
 * tighter spacing would hold them.
 */
static void paginate(ctx *c, rc_doc *doc)
{
    const rc_style *st = c->st;
    rc_page_breaks loose = {0}, tight = {0};
    rc_page_breaks_find(&c->vl, st, 0, &loose);
    const rc_page_breaks *use = &loose;
    if (loose.n >= 2) {
        /* Only the breaks are compared: the draws are placed once. */
        rc_page_breaks_find(&c->vl, st, 1, &tight);
        if (tight.n < loose.n)
            use = &tight;
    }
    rc_page_place(&c->vl, use, st, doc);
    rc_page_breaks_release(&loose);
    rc_page_breaks_release(&tight);
}

/*
 * The footer of every page of a document longer than one page, from the
 * style's template with RenderCV's placeholders NAME, PAGE_NUMBER and
 * TOTAL_PAGES, centred in the bottom margin.
 */
/* One line of markup in a page's margin, aligned in the text width, at baseline y. */
static void margin_note(ctx *c, rc_page *page, const char *markup, rc_align align,
                        rc_scaled baseline, uint32_t color)
{
    const rc_style *st = c->st;
    rc_para p;
    rc_para_init(&p, align, (rc_pos){0});
    rc_para_style ps = body_style(c, 0);
    ps.size = st->footer_size;
    ps.color = color;
    ps.link_color = color;
    ps.align = align;
    ps.hyphenate = 0;
    add_spans(c, &p, rc_markup_parse(c->a, markup, strlen(markup)), &ps);
    lines ls = {0};
    rc_scaled w = c->text_width;
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

static void add_footers(ctx *c, rc_doc *doc, const char *name)
{
    const rc_style *st = c->st;
    if (doc->npages < 2 || !st->footer || !*st->footer)
        return;
    for (size_t i = 0; i < doc->npages; i++) {
        rc_buf t = RC_BUF_INIT;
        for (const char *p = st->footer; *p;) {
            if (strncmp(p, "NAME", 4) == 0) {
                rc_buf_adds(&t, name);
                p += 4;
            } else if (strncmp(p, "PAGE_NUMBER", 11) == 0) {
                rc_buf_addf(&t, "%zu", i + 1);
                p += 11;
            } else if (strncmp(p, "TOTAL_PAGES", 11) == 0) {
                rc_buf_addf(&t, "%zu", doc->npages);
                p += 11;
            } else {
                rc_buf_addc(&t, *p++);
            }
        }
        margin_note(c, &doc->pages[i], rc_buf_str(&t), RC_ALIGN_CENTER,
                    st->page_height - st->margin_bottom / 2, st->footer_color);
        rc_buf_release(&t);
    }
}

/*
 * RenderCV's top note ("Last updated in Nov 2026") at the top right of the
 * first page, in the top margin, small and quiet like the footer.
 */
static void add_top_note(ctx *c, rc_doc *doc)
{
    const rc_style *st = c->st;
    if (!st->top_note || !*st->top_note || !doc->npages)
        return;
    rc_date_templates dt = {st->single_date_template, st->date_range_template,
                            st->time_span_template};
    rc_date today = c->today;
    const char *date = rc_locale_format_date(c->a, &c->locale, &dt, &today);
    const char *names[] = {"LAST_UPDATED", "CURRENT_DATE"};
    const char *values[] = {c->locale.last_updated, date ? date : ""};
    const char *text = rc_locale_substitute(c->a, st->top_note, names, values, 2);
    margin_note(c, &doc->pages[0], text, RC_ALIGN_RIGHT, st->margin_top / 2 + st->footer_size / 2,
                st->top_note_color);
}

/*
 * The date "present" stands for: settings.current_date, else the build's
 * SOURCE_DATE_EPOCH (reproducible builds), else today.
 */
static rc_date reference_date(const rc_cv *cv)
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
    doc->title = cv->pdf_title.s ? cv->pdf_title.s
                 : *plain_name    ? rc_arena_printf(c->a, "%s \xE2\x80\x93 CV", plain_name)
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

int rc_layout_cv(const rc_cv *cv, const rc_style *st, rc_fonts *fonts, rc_arena *a,
                 rc_doc *doc, rc_diags *d)
{
    ctx c = {0};
    c.cv = cv;
    c.st = st;
    c.fonts = fonts;
    c.a = a;
    c.d = d;
    c.notes = doc->notes;
    c.doc = doc;
    rc_doc_add_node(doc, RC_ST_DOCUMENT, RC_NODE_NONE);
    doc->lang = cv->language.s && *cv->language.s ? cv->language.s : "en";
    c.text_width = rc_style_text_width(st);
    rc_locale_of_cv(&c.locale, cv);
    c.today = reference_date(cv);
    /*
     * A bullet the body font lacks (a theme's ◆ or ●) comes from a fallback
     * font like any character; when no font has it, it becomes the round
     * one, said once.
     */
    rc_style fixed = *st;
    const rc_face *regular = fonts->faces[RC_FACE_REGULAR];
    uint32_t *bullets[] = {&fixed.bullet_char, &fixed.nested_bullet_char};
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
    c.st = &fixed;
    check_markup(&c);
    rc_vlist_init(&c.vl);

    /* The CV owner's name is bold in author lists, as academic CVs do. */
    size_t nk = cv->bold_keywords.n + (cv->name.s ? 1 : 0);
    c.keywords = rc_arena_alloc(a, (nk ? nk : 1) * sizeof(char *));
    for (size_t i = 0; i < cv->bold_keywords.n; i++)
        c.keywords[c.nkeywords++] = cv->bold_keywords.v[i].s;

    emit_header(&c);
    if (cv->name.s) {
        rc_spans spans = rc_markup_parse(a, cv->name.s, strlen(cv->name.s));
        c.keywords[c.nkeywords++] = rc_spans_plain_text(a, spans);
    }
    c.in_body = 1;
    for (size_t i = 0; i < cv->nsections; i++)
        emit_section(&c, &cv->sections[i]);
    c.in_body = 0;

    doc->width = st->page_width;
    doc->height = st->page_height;
    doc->fonts = fonts;
    paginate(&c, doc);
    document_info(&c, doc);
    add_footers(&c, doc, doc->author);
    add_top_note(&c, doc);
    rc_vlist_release(&c.vl);
    rc_hyph_close(c.hyph);
    free(c.links);
    return c.status;
}
