/*
 * page: vertical list and page builder (see page.h).
 */
#include "page.h"

#include <stdlib.h>
#include <string.h>

#define LINESKIP RC_PT(1)
#define AWFUL_BAD INT64_MAX
#define INF_BAD 10000

void rc_vlist_init(rc_vlist *vl)
{
    memset(vl, 0, sizeof(*vl));
}

void rc_vlist_release(rc_vlist *vl)
{
    for (size_t i = 0; i < vl->n; i++)
        free(vl->v[i].draws);
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

void rc_vlist_add_glue(rc_vlist *vl, rc_scaled size)
{
    add(vl, RC_V_GLUE)->size = size;
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
        rc_scaled gap = baselineskip - vl->prev_depth - height;
        rc_vlist_add_glue(vl, gap < LINESKIP ? LINESKIP : gap);
    }
    rc_vitem *box = add(vl, RC_V_BOX);
    box->height = height;
    box->depth = depth;
    vl->prev_depth = depth;
    vl->after_box = 1;
    return box;
}

void rc_vbox_add(rc_vitem *box, const rc_draw *draw)
{
    RC_VEC_PUSH(box->draws, box->ndraws, box->cap);
    box->draws[box->ndraws++] = *draw;
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

/* Place items [from, to) on a new page, discarding glue and penalties at its top. */
static void place(const rc_vlist *vl, size_t from, size_t to, const rc_style *s, rc_doc *doc)
{
    rc_page *page = rc_doc_add_page(doc);
    while (from < to && vl->v[from].kind != RC_V_BOX)
        from++;
    rc_scaled y = s->margin_top;
    for (size_t i = from; i < to; i++) {
        const rc_vitem *it = &vl->v[i];
        if (it->kind == RC_V_GLUE) {
            y += it->size;
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
}

void rc_paginate(const rc_vlist *vl, const rc_style *s, rc_doc *doc)
{
    const rc_scaled goal = s->page_height - s->margin_top - s->margin_bottom;
    /*
     * The white space a page may leave at its bottom before it counts as
     * bad: a fifth of the page, as a finite \vfil, so that breaking before
     * an entry or section is preferred only when it wastes little.
     */
    const rc_scaled allowance = goal / 5;
    size_t start = 0;
    while (start < vl->n) {
        while (start < vl->n && vl->v[start].kind != RC_V_BOX)
            start++;
        if (start >= vl->n)
            break;
        rc_scaled total = 0, last_depth = 0;
        int64_t best_cost = AWFUL_BAD;
        size_t best = vl->n, cut = vl->n;
        int fire = 0;
        for (size_t i = start; i < vl->n && !fire; i++) {
            const rc_vitem *it = &vl->v[i];
            if (is_breakpoint(vl, i)) {
                int pi = it->kind == RC_V_PENALTY ? it->penalty : 0;
                rc_scaled height = total - last_depth; /* the last depth may hang below */
                int64_t cost;
                if (height > goal)
                    cost = AWFUL_BAD;
                else if (pi <= RC_EJECT_PENALTY)
                    cost = pi;
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
            } else if (it->kind == RC_V_BOX && total + it->height > goal && best == vl->n) {
                /*
                 * Material kept together is taller than the page and no
                 * legal break came before: cut before this box, as TeX
                 * ships an overfull page rather than loop. At least one
                 * box goes on each page.
                 */
                place(vl, start, i > start ? i : i + 1, s, doc);
                start = i > start ? i : i + 1;
                goto next_page;
            }
            if (it->kind == RC_V_BOX) {
                total += it->height + it->depth;
                last_depth = it->depth;
            } else if (it->kind == RC_V_GLUE) {
                total += it->size;
                last_depth = 0;
            }
        }
        if (!fire) {
            /* The rest fits: it is the last page. */
            place(vl, start, vl->n, s, doc);
            break;
        }
        place(vl, start, cut, s, doc);
        start = cut + 1;
    next_page:;
    }
    if (doc->npages == 0)
        rc_doc_add_page(doc);
}
