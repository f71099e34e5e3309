/*
 * page: vertical list and page builder (see page.h).
 */
#include "page.h"

#include <stdlib.h>
#include <string.h>

#define LINESKIP RC_PT(1)
#define AWFUL_BAD INT64_MAX
#define INF_BAD 10000

/* A block of draws; blocks grow from a size that suits a one-page CV. */
struct rc_vblock {
    rc_vblock *next;
    size_t n, cap;
    rc_draw v[];
};

#define VBLOCK_MIN 64
#define VBLOCK_MAX 2048

void rc_vlist_init(rc_vlist *vl)
{
    memset(vl, 0, sizeof(*vl));
}

void rc_vlist_release(rc_vlist *vl)
{
    while (vl->blocks) {
        rc_vblock *next = vl->blocks->next;
        free(vl->blocks);
        vl->blocks = next;
    }
    free(vl->v);
    memset(vl, 0, sizeof(*vl));
}

static rc_vitem *add(rc_vlist *vl, rc_vkind kind)
{
    RC_VEC_PUSH(vl->v, vl->n, vl->cap);
    rc_vitem *it = &vl->v[vl->n++];
    memset(it, 0, sizeof(*it));
    it->kind = kind;
    return it;
}

void rc_vlist_add_glue(rc_vlist *vl, rc_scaled size, rc_scaled shrink)
{
    rc_vitem *g = add(vl, RC_V_GLUE);
    g->size = size;
    g->shrink = shrink;
}

void rc_vlist_add_penalty(rc_vlist *vl, int penalty)
{
    add(vl, RC_V_PENALTY)->penalty = penalty;
}

rc_vitem *rc_vlist_add_box(rc_vlist *vl, rc_scaled height, rc_scaled depth,
                           rc_scaled baselineskip)
{
    /* TeX §679: interline glue from \baselineskip, or \lineskip when too tight. */
    if (vl->after_box && baselineskip > 0) {
        /*
         * Like a \baselineskip of "12.4pt minus 0.5pt": the leading may
         * give a little, but only in a tight setting (see rc_paginate).
         */
        rc_scaled gap = baselineskip - vl->prev_depth - height;
        rc_scaled give = gap < LINESKIP ? 0 : baselineskip / 25;
        rc_vlist_add_glue(vl, gap < LINESKIP ? LINESKIP : gap, give);
        vl->v[vl->n - 1].leading = give;
        vl->v[vl->n - 1].skip = baselineskip;
    }
    rc_vitem *box = add(vl, RC_V_BOX);
    box->height = height;
    box->depth = depth;
    vl->prev_depth = depth;
    vl->after_box = 1;
    return box;
}

void rc_vbox_add(rc_vlist *vl, rc_vitem *box, const rc_draw *draw)
{
    rc_vblock *b = vl->last_block;
    if (!b || b->n == b->cap) {
        /* A new block; the box's draws so far (at the old one's end) move with it. */
        size_t cap = b ? 2 * b->cap : VBLOCK_MIN;
        if (cap > VBLOCK_MAX)
            cap = VBLOCK_MAX;
        if (cap < box->ndraws + 1)
            cap = 2 * (box->ndraws + 1); /* a box of many draws: doubling, not one more each */
        rc_vblock *nb = rc_xmalloc(sizeof(*nb) + cap * sizeof(rc_draw));
        nb->next = NULL;
        nb->cap = cap;
        nb->n = box->ndraws;
        if (box->ndraws) {
            memcpy(nb->v, box->draws, box->ndraws * sizeof(rc_draw));
            b->n -= box->ndraws;
        }
        box->draws = nb->v;
        if (b)
            b->next = nb;
        else
            vl->blocks = nb;
        vl->last_block = b = nb;
    }
    b->v[b->n++] = *draw;
    if (!box->ndraws++)
        box->draws = &b->v[b->n - 1];
}

/* TeX's badness (§108): about 100 (t/s)^3, at most INF_BAD. */
static int64_t badness(rc_scaled t, rc_scaled s)
{
    if (t <= 0)
        return 0;
    if (s <= 0)
        return INF_BAD;
    double r = (double)t / (double)s;
    if (r > 4.65) /* 100 * 4.65^3 > 10000 */
        return INF_BAD;
    return (int64_t)(100.0 * r * r * r + 0.5);
}

static int is_breakpoint(const rc_vlist *vl, size_t i)
{
    const rc_vitem *it = &vl->v[i];
    if (it->kind == RC_V_PENALTY)
        return it->penalty < RC_INF_PENALTY;
    if (it->kind == RC_V_GLUE)
        return i > 0 && vl->v[i - 1].kind == RC_V_BOX;
    return 0;
}

/* What a page's items [from, to) need and may give. */
typedef struct page_sums {
    int64_t excess;  /* how much taller than the page: 0 when it fits */
    int64_t shrink;  /* what the space between entries and sections may give */
    int64_t leading; /* what the leading may give */
} page_sums;

static page_sums sum_page(const rc_vlist *vl, size_t from, size_t to, const rc_style *s)
{
    const rc_scaled goal = s->page_height - s->margin_top - s->margin_bottom;
    page_sums p = {0, 0, 0};
    int64_t natural = 0;
    rc_scaled last_depth = 0;
    while (from < to && vl->v[from].kind != RC_V_BOX)
        from++;
    for (size_t i = from; i < to; i++) {
        const rc_vitem *it = &vl->v[i];
        if (it->kind == RC_V_BOX) {
            natural += it->height + it->depth;
            last_depth = it->depth;
        } else if (it->kind == RC_V_GLUE) {
            natural += it->size;
            p.shrink += it->shrink - it->leading;
            p.leading += it->leading;
            last_depth = 0;
        }
    }
    p.excess = natural - last_depth - goal;
    if (p.excess < 0)
        p.excess = 0;
    return p;
}

/* The share of its leading's give, in 1/65536, that a page must take. */
static int64_t leading_share(const page_sums *p)
{
    int64_t need = p->excess - p->shrink; /* the space between entries gives first */
    if (need <= 0 || p->leading == 0)
        return 0;
    return need >= p->leading ? 65536 : (need * 65536 + p->leading - 1) / p->leading;
}

/*
 * Place items [from, to) on a new page, discarding glue and penalties at
 * its top. The leading gives `share` of its shrinkability (the same on
 * every page); when the material is still taller than the page, the
 * space between entries and sections shrinks in proportion to its
 * shrinkability (never beyond it).
 */
static rc_scaled place(const rc_vlist *vl, size_t from, size_t to, const rc_style *s, rc_doc *doc,
                       int64_t share)
{
    rc_page *page = rc_doc_add_page(doc);
    page_sums sums = sum_page(vl, from, to, s);
    while (from < to && vl->v[from].kind != RC_V_BOX)
        from++;
    size_t ndraws = 0;
    for (size_t i = from; i < to; i++)
        if (vl->v[i].kind == RC_V_BOX)
            ndraws += vl->v[i].ndraws;
    if (ndraws) {
        page->v = rc_xmalloc(ndraws * sizeof(rc_draw));
        page->cap = ndraws;
    }
    int64_t excess = sums.excess - sums.leading * share / 65536;
    if (excess < 0 || sums.shrink == 0)
        excess = 0;
    if (excess > sums.shrink)
        excess = sums.shrink;
    rc_scaled y = s->margin_top;
    /* cumulative, so the rounding adds up to `excess` and to the leading's share */
    int64_t shrunk = 0, seen = 0, led = 0, seen_leading = 0;
    for (size_t i = from; i < to; i++) {
        const rc_vitem *it = &vl->v[i];
        if (it->kind == RC_V_GLUE) {
            seen += it->shrink - it->leading;
            seen_leading += it->leading;
            int64_t upto = sums.shrink ? excess * seen / sums.shrink : 0;
            int64_t lead_upto = seen_leading * share / 65536;
            y += it->size - (rc_scaled)(upto - shrunk) - (rc_scaled)(lead_upto - led);
            shrunk = upto;
            led = lead_upto;
        } else if (it->kind == RC_V_BOX) {
            rc_scaled baseline = y + it->height;
            for (size_t k = 0; k < it->ndraws; k++) {
                rc_draw *d = rc_page_add(page, it->draws[k].kind);
                *d = it->draws[k];
                d->x += s->margin_left;
                d->y += baseline;
            }
            y = baseline + it->depth;
        }
    }
    return y - s->margin_top;
}

static void add_range(rc_page_breaks *b, size_t from, size_t to)
{
    RC_VEC_PUSH(b->v, b->n, b->cap);
    b->v[b->n++] = (rc_page_range){from, to};
}

void rc_page_breaks_release(rc_page_breaks *b)
{
    free(b->v);
    memset(b, 0, sizeof(*b));
}

void rc_page_breaks_find(const rc_vlist *vl, const rc_style *s, int tight, rc_page_breaks *out)
{
    const rc_scaled goal = s->page_height - s->margin_top - s->margin_bottom;
    /*
     * The white space a page may leave at its bottom before it counts as
     * bad: a fifth of the page, as a finite \vfil, so that breaking before
     * an entry or section is preferred only when it wastes little.
     */
    /*
     * A tight setting is asked for to save the last page: then a page's
     * white space at the bottom costs much more, so pages fill up (with
     * their spacing shrunk) rather than break early before a section.
     */
    const rc_scaled allowance = tight ? goal / 20 : goal / 5;
    out->n = 0;
    size_t start = 0;
    while (start < vl->n) {
        while (start < vl->n && vl->v[start].kind != RC_V_BOX)
            start++;
        if (start >= vl->n)
            break;
        rc_scaled total = 0, last_depth = 0, shrink = 0;
        int64_t best_cost = AWFUL_BAD;
        size_t best = vl->n, cut = vl->n;
        int fire = 0;
        for (size_t i = start; i < vl->n && !fire; i++) {
            const rc_vitem *it = &vl->v[i];
            rc_scaled can_shrink = tight ? shrink : 0;
            if (is_breakpoint(vl, i)) {
                int pi = it->kind == RC_V_PENALTY ? it->penalty : 0;
                rc_scaled height = total - last_depth; /* the last depth may hang below */
                int64_t cost;
                if (height - can_shrink > goal)
                    cost = AWFUL_BAD;
                else if (pi <= RC_EJECT_PENALTY)
                    cost = pi;
                else if (height > goal)
                    cost = badness(height - goal, can_shrink) + pi; /* §975: a shrunk page */
                else
                    cost = badness(goal - height, allowance) + pi;
                if (cost != AWFUL_BAD && cost <= best_cost) {
                    best_cost = cost;
                    best = i;
                }
                if (cost == AWFUL_BAD || pi <= RC_EJECT_PENALTY) {
                    fire = 1;
                    /* No break fitted (glue alone overflowed): cut here. */
                    cut = best != vl->n ? best : i;
                }
            } else if (it->kind == RC_V_BOX && total + it->height - can_shrink > goal &&
                       best == vl->n) {
                /*
                 * Material kept together is taller than the page and no
                 * legal break came before: cut before this box, as TeX
                 * ships an overfull page rather than loop. At least one
                 * box goes on each page.
                 */
                size_t end = i > start ? i : i + 1;
                add_range(out, start, end);
                start = end;
                goto next_page;
            }
            if (it->kind == RC_V_BOX) {
                total += it->height + it->depth;
                last_depth = it->depth;
            } else if (it->kind == RC_V_GLUE) {
                total += it->size;
                shrink += it->shrink;
                last_depth = 0;
            }
        }
        if (!fire && total - last_depth - (tight ? shrink : 0) > goal && best != vl->n) {
            /* The end of the list is a break too (TeX's \vfill\penalty-10000): too late. */
            fire = 1;
            cut = best;
        }
        if (!fire) {
            /* The rest fits: it is the last page. */
            add_range(out, start, vl->n);
            break;
        }
        add_range(out, start, cut);
        start = cut + 1;
    next_page:;
    }
}

rc_scaled rc_page_place(const rc_vlist *vl, const rc_page_breaks *b, const rc_style *s,
                        rc_doc *doc)
{
    /* The leading of the page that needs most of it, for every page. */
    int64_t share = 0;
    for (size_t k = 0; k < b->n; k++) {
        page_sums p = sum_page(vl, b->v[k].from, b->v[k].to, s);
        int64_t need = leading_share(&p);
        if (need > share)
            share = need;
    }
    rc_scaled last_height = 0;
    for (size_t k = 0; k < b->n; k++)
        last_height = place(vl, b->v[k].from, b->v[k].to, s, doc, share);
    if (b->n == 0)
        rc_doc_add_page(doc);
    return last_height;
}

rc_scaled rc_paginate(const rc_vlist *vl, const rc_style *s, rc_doc *doc, int tight)
{
    rc_page_breaks b = {0};
    rc_page_breaks_find(vl, s, tight, &b);
    rc_scaled last_height = rc_page_place(vl, &b, s, doc);
    rc_page_breaks_release(&b);
    return last_height;
}
