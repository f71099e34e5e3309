/*
 * layout_line: a paragraph broken into lines (linebreak.h), and each line
 * rendered into draws: words become text draws with their kerning, links
 * get their structure nodes, and the lines go on the vertical list as
 * boxes. The other parts of the layout module call this one, never the
 * other way round (layout_parts.h).
 */
#include "layout_parts.h"

#include "bidi.h"

#include <stdlib.h>
#include <string.h>

void lines_release(lines *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        free(ls->v[i].v);
    free(ls->v);
    memset(ls, 0, sizeof(*ls));
}

rc_draw *line_add(line *l, rc_draw_kind kind)
{
    RC_VEC_PUSH(l->v, l->n, l->cap);
    rc_draw *d = &l->v[l->n++];
    memset(d, 0, sizeof(*d));
    d->kind = kind;
    return d;
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

/* ---- setting lines ----------------------------------------------------- */

typedef struct draw_builder {
    uint32_t *cps;
    rc_scaled *adj;
    uint8_t *lig;
    uint16_t *gid;   /* the shaped glyph of each, 0: the font's own (rc_run.gids) */
    rc_glyph_offset *off; /* where each is drawn off its pen (rc_run.offset) */
    size_t n, cap;
    int any_gid, any_off;
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
    size_t nligs = 0;
    for (size_t i = 0; i < b->n; i++)
        nligs += b->lig[i] > 1;
    d->ligs = NULL;
    if (nligs) {
        uint32_t *ligs = rc_arena_alloc(c->a, (nligs + 1) * sizeof(*ligs));
        ligs[0] = (uint32_t)nligs;
        for (size_t i = 0, k = 1; i < b->n; i++)
            if (b->lig[i] > 1)
                ligs[k++] = (uint32_t)i << 8 | b->lig[i];
        d->ligs = ligs;
    }
    d->gids = b->any_gid ? rc_arena_memdup(c->a, b->gid, b->n, sizeof(uint16_t)) : NULL;
    if (b->gid)
        memset(b->gid, 0, b->n * sizeof(*b->gid)); /* the next draw's start with none */
    b->any_gid = 0;
    d->offset = b->any_off ? rc_arena_memdup(c->a, b->off, b->n, sizeof(*b->off)) : NULL;
    if (b->off)
        memset(b->off, 0, b->n * sizeof(*b->off));
    b->any_off = 0;
    d->n = b->n;
    b->n = 0;
    b->open = 0;
}

/* Open a text draw in the run's face, size and colour, for node, at x,
 * its glyphs expanded by `expand` thousandths. */
static void db_open(draw_builder *b, const rc_run *run, uint32_t node, rc_scaled x, int expand)
{
    memset(&b->proto, 0, sizeof(b->proto));
    b->proto.face = run->face;
    b->proto.size = run->size;
    b->proto.color = run->color;
    b->proto.node = node;
    b->proto.x = x;
    b->proto.expand = (int8_t)expand;
    b->actual = 0;
    b->open = 1;
}

/* lig: the letters the glyph shows (build.h's rc_run.lig), 1 for a character of its own */
static void db_push(draw_builder *b, uint32_t cp, rc_scaled adj, uint8_t lig)
{
    if (b->n == b->cap) {
        size_t had = b->cap;
        b->cap = b->cap ? 2 * b->cap : 64;
        b->cps = rc_xrealloc(b->cps, b->cap * sizeof(*b->cps));
        b->adj = rc_xrealloc(b->adj, b->cap * sizeof(*b->adj));
        b->lig = rc_xrealloc(b->lig, b->cap);
        if (b->gid) {
            b->gid = rc_xrealloc(b->gid, b->cap * sizeof(*b->gid));
            memset(b->gid + had, 0, (b->cap - had) * sizeof(*b->gid));
        }
        if (b->off) {
            b->off = rc_xrealloc(b->off, b->cap * sizeof(*b->off));
            memset(b->off + had, 0, (b->cap - had) * sizeof(*b->off));
        }
    }
    b->cps[b->n] = cp;
    b->adj[b->n] = adj;
    b->lig[b->n] = lig;
    b->n++;
}

/*
 * The shaped glyph of the code point pushed last (rc_run.gids): the
 * vector is made for the first run that has one, zero for the others.
 */
static void db_gid(draw_builder *b, uint16_t gid)
{
    if (!b->gid)
        b->gid = rc_xcalloc(b->cap, sizeof(*b->gid));
    b->gid[b->n - 1] = gid;
    b->any_gid |= gid != 0;
}

/* Where the glyph of the code point pushed last is drawn off its pen, as db_gid. */
static void db_offset(draw_builder *b, rc_glyph_offset off)
{
    if (!b->off)
        b->off = rc_xcalloc(b->cap, sizeof(*b->off));
    b->off[b->n - 1] = off;
    b->any_off |= off.x || off.y;
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
 * it in the link's colour, a tenth of the size below the baseline; not
 * under the header's connections, which RenderCV never underlines.
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
    if (c->st->link_underline && !c->in_connections) {
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
/* A glue that is a space between words; one of no run is only room (a ragged line's end). */
static int is_space_item(const rc_item *it)
{
    return it->type == RC_ITEM_GLUE && it->payload != RC_NO_RUN;
}

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

/*
 * Microtypography (linebreak.h): a justified line starts margin_left
 * into the left margin, and its glyphs, not its spaces, are scaled by the
 * line's font expansion. So a position is the fixed part (spaces, and
 * boxes that are no glyphs) plus the glyphs' widths expanded, summed
 * apart so that the line ends where the breaker measured it, to the sp.
 */
typedef struct line_pos {
    rc_scaled fixed, glyphs;
    int expand;
} line_pos;

static rc_scaled pos_x(const line_pos *lp)
{
    return lp->fixed + rc_expanded(lp->glyphs, lp->expand);
}

/* The expansion of a draw of item it's glyphs in a line expanded by e. */
static int item_expand(const rc_item *it, int e)
{
    return it->expandable ? e : 0;
}

/* A space of `set` on the page drawn in a draw expanded by e: the PDF scales
 * the space glyph and its adjustment with the draw's glyphs. */
static rc_scaled unexpanded(rc_scaled set, int e)
{
    return e ? (rc_scaled)((int64_t)set * 1000 / (1000 + e)) : set;
}

static void render_line(ctx *c, const rc_para *p, size_t from, size_t to, const rc_break *brk,
                        rc_scaled width, const word_split *ws, line *l)
{
    draw_builder b = {0};
    link_tracker lt = {0};
    line_pos lp = {-brk->margin_left, 0, brk->expand};
    rc_scaled x = pos_x(&lp), pending = 0;
    int has_box = 0, has_glue = 0;
    int head_open = 0; /* the open draw continues the previous line's word */
    rc_scaled height = 0, depth = 0;

    for (size_t i = from; i < to; i++) {
        const rc_item *it = &p->items[i];
        if (it->type == RC_ITEM_GLUE) {
            pending += set_glue(it, brk->ratio);
            has_glue |= is_space_item(it);
            continue;
        }
        if (it->type != RC_ITEM_BOX)
            continue;
        if (it->payload == RC_NO_RUN) {
            lp.fixed += pending + it->width;
            x = pos_x(&lp);
            pending = 0;
            has_glue = 0;
            continue;
        }
        const rc_run *run = &p->runs[it->payload];
        const rc_face *face = c->fonts->faces[run->face];
        uint32_t node = run_node(c, run);
        const int expand = item_expand(it, brk->expand);
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
            b.proto.expand = keep.expand;
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
            b.proto.expand = (int8_t)expand;
            b.open = 1;
        }
        if (has_glue && has_box && b.open && b.proto.node != node && run->face != RC_FACE_ICONS &&
            !head_open && c->doc->nodes[b.proto.node].type == RC_ST_LINK) {
            /* the space after a link is the text's that follows, not the link's */
            db_close(c, &b, l);
            db_open(&b, run, node, x, expand);
        }
        if (has_glue && has_box && b.open) {
            rc_scaled space = milli_em(rc_face_advance(c->fonts->faces[b.proto.face], ' '),
                                       b.proto.size);
            db_push(&b, ' ', unexpanded(pending, b.proto.expand) - space, 1);
            if (b.actual) /* the space is in the span: its ActualText has it too */
                b.proto.span_begin = rc_arena_printf(c->a, "%s ", b.proto.span_begin);
        }
        lp.fixed += pending;
        x = pos_x(&lp);
        pending = 0;
        has_glue = 0;
        int starts_tail = i == ws->tail_from;
        int in_head = i < ws->head_to;
        if (b.open && (starts_tail || b.actual || run->actual || b.proto.face != run->face ||
                       b.proto.size != run->size || b.proto.color != run->color ||
                       b.proto.node != node || b.proto.expand != expand))
            db_close(c, &b, l);
        if (!b.open) {
            db_open(&b, run, node, x, expand);
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
        }
        for (size_t k = 0; k < run->n; k++) {
            db_push(&b, run->cps[k], run->kern[k], run->lig ? run->lig[k] : 1);
            if (run->gids)
                db_gid(&b, run->gids[k]);
            if (run->offset)
                db_offset(&b, run->offset[k]);
        }
        rc_scaled asc = milli_em(rc_face_ascender(face), run->size);
        rc_scaled desc = milli_em(-rc_face_descender(face), run->size);
        /*
         * A line's box is as tall as RenderCV's (Typst's): from the
         * baseline to the capitals' height, nothing below; the leading
         * and the spaces between blocks are white space from one
         * baseline to the next line's capitals.
         */
        rc_scaled top = (rc_scaled)((int64_t)run->size * c->st->cap_height / 1000);
        if (top > height)
            height = top;
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
        if (it->expandable)
            lp.glyphs += run->width;
        else
            lp.fixed += run->width;
        x = pos_x(&lp);
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
        db_push(&b, '-', 0, 1);
        if (end->expandable)
            lp.glyphs += end->width;
        else
            lp.fixed += end->width;
        x = pos_x(&lp);
    }
    if (b.open && (ws->tail_from != SIZE_MAX || head_open))
        b.proto.span_end = 1;
    db_close(c, &b, l);
    link_close(c, &lt, l);
    free(b.cps);
    free(b.adj);
    free(b.lig);
    free(b.gid);
    free(b.off);
    if (c->doc->rtl || p->rtl)
        rc_bidi_line_draws(&l->v, &l->n, &l->cap, c->doc, c->fonts, c->a);

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
                       : end->flagged && end->unmarked ? "unmarked"
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
            w += br->v[k].margin_left + br->v[k].margin_right;
            if (rc_para_natural_width(p, start, br->v[k].index) > w + RC_PT(0.1))
                return 1;
        }
        start = br->v[k].index + 1;
    }
    return 0;
}

/*
 * Spaces that stay spaces. The breaker lets an inter-word space shrink by
 * a third (build.c), but in a face with a narrow space (Source Sans 3, EB
 * Garamond: 0.2 em) that is a gap of 0.13 em, and extractors that find
 * words by gaps read a gap under 0.15 em as none (poppler's pdftotext -raw
 * does, whatever space character the PDF draws: RenderCV's own PDFs lose
 * words so). A line that would set a space below 0.16 em keeps its spaces
 * there and shrinks its glyphs by the rest instead, as font expansion
 * does, by at most pdfTeX's limit; a line that needs more keeps narrower
 * spaces. The line's breaks and width do not change.
 */
#define SPACE_FLOOR_PERCENT 16

static rc_break spaces_kept(const rc_para *p, size_t from, const rc_break *brk)
{
    rc_break set = *brk;
    if (brk->ratio >= 0)
        return set;
    int64_t deficit = 0, shrink = 0, glyphs = 0;
    for (size_t i = from; i < brk->index; i++) {
        const rc_item *it = &p->items[i];
        if (it->type == RC_ITEM_BOX && it->expandable) {
            glyphs += it->width;
        } else if (it->type == RC_ITEM_GLUE) {
            shrink += it->shrink;
            if (is_space_item(it)) {
                rc_scaled floor = p->runs[it->payload].size * SPACE_FLOOR_PERCENT / 100;
                rc_scaled w = set_glue(it, brk->ratio);
                deficit += w < floor ? floor - w : 0;
            }
        }
    }
    const rc_item *end = &p->items[brk->index];
    if (end->type == RC_ITEM_PENALTY && end->flagged && end->expandable)
        glyphs += end->width; /* the hyphen the line shows */
    if (deficit == 0 || glyphs == 0 || shrink == 0)
        return set;
    int e = brk->expand - (int)((deficit * 1000 + glyphs - 1) / glyphs);
    if (e < -RC_EXPAND_MAX)
        e = -RC_EXPAND_MAX;
    /* What the glyphs now give up, the spaces no longer need to. */
    set.expand = e;
    set.ratio += (int32_t)(glyphs * (brk->expand - e) * 65536 / (1000 * shrink));
    return set;
}

/*
 * Break a finished paragraph with the given line widths (the last repeats)
 * and append its lines. Overfull lines are warnings at the paragraph's
 * source position.
 */
void set_paragraph(ctx *c, rc_para *p, const rc_scaled *widths, size_t nwidths,
                   int para_index, lines *out)
{
    c->nlinks = 0; /* a link's node is one per setting of its paragraph */
    rc_para_finish(p);
    rc_breaks br;
    rc_breaks_init(&br);
    rc_lb_params lb = c->st->lb;
    if (p->align != RC_ALIGN_JUSTIFY) {
        /* Microtypography evens out justified lines; a ragged line is set as it comes. */
        lb.protrude = 0;
        lb.expand_stretch = lb.expand_shrink = 0;
        lb.loose_stretch = 0; /* a ragged line's stretch is its ragged end, priced as it is */
    }
    rc_linebreak(p->items, p->n, widths, nwidths, &lb, &br);
    const rc_hyph *h = NULL;
    if (br.pass > 1 && rc_para_hyphenatable(p) && patterns(c)) {
        /* TeX's second pass: only now are words hyphenated (§863, §891). */
        h = c->hyph;
        rc_para_rebuild(p, h, 0, 0, c->fonts, c->a);
        rc_linebreak(p->items, p->n, widths, nwidths, &lb, &br);
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
        rc_linebreak(p->items, p->n, widths, nwidths, &lb, &br);
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
            while (ws_from > from && !is_space_item(&p->items[ws_from - 1]))
                ws_from--;
            while (ws_to < p->n && !is_space_item(&p->items[ws_to]))
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
        const rc_break set = spaces_kept(p, from, &br.v[k]);
        render_line(c, p, from, br.v[k].index, &set, w, &ws, l);
        l->para = para_index;
        l->first = k == 0;
        l->last = k + 1 == br.n;
        if (c->notes)
            add_break_note(c, l, p, &br, k);
        /* Like TeX's \hfuzz, overflows under 0.1pt are not worth a warning. */
        rc_scaled over = l->width - br.v[k].margin_right - w; /* a hanging hyphen is no overflow */
        if (br.v[k].overfull && over > RC_PT(0.1))
            rc_warning(c->d, p->pos,
                       "line too wide by %.2fpt; shorten the text or allow a break "
                       "(e.g. a space or a hyphen)",
                       (double)over / RC_UNITY);
        start = br.v[k].index + 1;
    }
    rc_breaks_release(&br);
}

/* ---- vertical list helpers ---------------------------------------------- */

rc_vitem *add_line_box(ctx *c, const line *l, rc_scaled baselineskip)
{
    rc_scaled h = l->height, dp = l->depth;
    rc_vitem *box = rc_vlist_add_box(&c->vl, h, dp, baselineskip);
    for (size_t i = 0; i < l->n; i++)
        rc_vbox_add(&c->vl, box, &l->v[i]);
    return box;
}
