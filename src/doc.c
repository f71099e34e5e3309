/*
 * doc: display list storage.
 */
#include "doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void rc_doc_init(rc_doc *doc)
{
    memset(doc, 0, sizeof(*doc));
}

void rc_doc_release(rc_doc *doc)
{
    for (size_t i = 0; i < doc->npages; i++)
        free(doc->pages[i].v);
    free(doc->pages);
    free(doc->nodes);
    rc_doc_init(doc);
}

rc_page *rc_doc_add_page(rc_doc *doc)
{
    RC_VEC_PUSH(doc->pages, doc->npages, doc->cap);
    rc_page *p = &doc->pages[doc->npages++];
    memset(p, 0, sizeof(*p));
    return p;
}

rc_draw *rc_page_add(rc_page *page, rc_draw_kind kind)
{
    /*
     * A page's draws come in one block of their exact count (rc_page_place);
     * what is added after (the footer) grows it by an eighth, not double.
     */
    if (page->n == page->cap) {
        page->cap = page->cap ? page->cap + page->cap / 8 + 4 : 8;
        page->v = rc_xrealloc(page->v, page->cap * sizeof(*page->v));
    }
    rc_draw *d = &page->v[page->n++];
    memset(d, 0, sizeof(*d));
    d->kind = kind;
    return d;
}

/*
 * Both documents share the root; every other node of `more` is numbered
 * after doc's, and its draws name them by their new numbers.
 */
void rc_doc_append(rc_doc *doc, rc_doc *more)
{
    if (!doc->nnodes)
        rc_doc_add_node(doc, RC_ST_DOCUMENT, RC_NODE_NONE);
    uint32_t shift = (uint32_t)doc->nnodes - 2;
#define RENUMBER(n) ((n) <= RC_NODE_ROOT ? (n) : (n) + shift)
    for (size_t i = 2; i < more->nnodes; i++) {
        RC_VEC_PUSH(doc->nodes, doc->nnodes, doc->nodes_cap);
        rc_node *n = &doc->nodes[doc->nnodes++];
        *n = more->nodes[i];
        n->parent = RENUMBER(n->parent);
    }
    for (size_t p = 0; p < more->npages; p++) {
        rc_page *page = rc_doc_add_page(doc);
        *page = more->pages[p];
        for (size_t k = 0; k < page->n; k++)
            page->v[k].node = RENUMBER(page->v[k].node);
    }
#undef RENUMBER
    more->npages = 0; /* the draws are doc's now */
    rc_doc_release(more);
}

/* ---- structure -------------------------------------------------------- */

const char *rc_stype_name(rc_stype type)
{
    static const char *const names[RC_ST_COUNT] = {
        [RC_ST_DOCUMENT] = "Document", [RC_ST_SECT] = "Sect",   [RC_ST_DIV] = "Div",
        [RC_ST_H1] = "H1",             [RC_ST_H2] = "H2",       [RC_ST_P] = "P",
        [RC_ST_SPAN] = "Span",         [RC_ST_L] = "L",         [RC_ST_LI] = "LI",
        [RC_ST_LBL] = "Lbl",           [RC_ST_LBODY] = "LBody", [RC_ST_LINK] = "Link",
        [RC_ST_FIGURE] = "Figure",
    };
    return (unsigned)type < RC_ST_COUNT ? names[type] : "Span";
}

uint32_t rc_doc_add_node(rc_doc *doc, rc_stype type, uint32_t parent)
{
    if (doc->nnodes == 0) {
        /* node 0 stands for "no node"; node 1 is the root */
        RC_VEC_PUSH(doc->nodes, doc->nnodes, doc->nodes_cap);
        memset(&doc->nodes[doc->nnodes++], 0, sizeof(rc_node));
        RC_VEC_PUSH(doc->nodes, doc->nnodes, doc->nodes_cap);
        rc_node *root = &doc->nodes[doc->nnodes++];
        memset(root, 0, sizeof(*root));
        root->type = RC_ST_DOCUMENT;
        if (type == RC_ST_DOCUMENT)
            return RC_NODE_ROOT;
    }
    if (parent == RC_NODE_NONE || parent >= doc->nnodes)
        parent = RC_NODE_ROOT;
    RC_VEC_PUSH(doc->nodes, doc->nnodes, doc->nodes_cap);
    rc_node *n = &doc->nodes[doc->nnodes];
    memset(n, 0, sizeof(*n));
    n->type = type;
    n->parent = parent;
    return (uint32_t)doc->nnodes++;
}

int rc_draw_shows(const rc_draw *d)
{
    return d->kind != RC_DRAW_NOTE && d->kind != RC_DRAW_BOOKMARK;
}

typedef struct owned_kid {
    uint32_t owner;
    rc_skid kid;
} owned_kid;

typedef struct kid_list {
    owned_kid *v;
    size_t n, cap;
} kid_list;

static void push_kid(kid_list *l, uint32_t owner, rc_skid kid)
{
    RC_VEC_PUSH(l->v, l->n, l->cap);
    l->v[l->n].owner = owner;
    l->v[l->n++].kid = kid;
}

/*
 * Hang node (and each ancestor not yet in the tree) under its parent, at
 * the end of the parent's kids so far: where the node's first draw stands.
 */
static void attach(const rc_doc *doc, uint8_t *attached, kid_list *l, uint32_t node)
{
    /* the unattached ancestors, nearest first, then hung from the top down */
    uint32_t chain[64];
    size_t n = 0;
    while (node != RC_NODE_NONE && !attached[node] && n < RC_ARRAY_LEN(chain)) {
        chain[n++] = node;
        attached[node] = 1;
        node = doc->nodes[node].parent;
    }
    while (n-- > 0) {
        uint32_t parent = doc->nodes[chain[n]].parent;
        if (parent != RC_NODE_NONE)
            push_kid(l, parent, (rc_skid){.node = chain[n]});
    }
}

void rc_struct_build(const rc_doc *doc, rc_struct *s)
{
    memset(s, 0, sizeof(*s));
    size_t nn = doc->nnodes;
    s->nnodes = nn;
    s->start = rc_xcalloc(nn + 1, sizeof(*s->start));
    if (nn <= RC_NODE_ROOT)
        return;
    uint8_t *attached = rc_xcalloc(nn, 1);
    attached[RC_NODE_ROOT] = 1;
    kid_list l = {0};
    for (size_t p = 0; p < doc->npages; p++) {
        const rc_page *page = &doc->pages[p];
        size_t run = SIZE_MAX; /* index in l of the content run that may grow */
        for (size_t i = 0; i < page->n; i++) {
            const rc_draw *d = &page->v[i];
            if (!rc_draw_shows(d))
                continue;
            uint32_t node = d->node < nn ? d->node : RC_NODE_NONE;
            if (node == RC_NODE_NONE) {
                run = SIZE_MAX;
                continue;
            }
            if (run != SIZE_MAX && l.v[run].owner == node && d->kind != RC_DRAW_LINK) {
                l.v[run].kid.end = (uint32_t)i + 1;
                continue;
            }
            attach(doc, attached, &l, node);
            push_kid(&l, node,
                     (rc_skid){.page = (uint32_t)p, .first = (uint32_t)i, .end = (uint32_t)i + 1});
            /* an annotation is a kid of its own: text after it starts a new run */
            run = d->kind == RC_DRAW_LINK ? SIZE_MAX : l.n - 1;
        }
    }
    free(attached);
    /* group by owner, keeping the order (a counting sort) */
    for (size_t i = 0; i < l.n; i++)
        s->start[l.v[i].owner + 1]++;
    for (size_t n = 0; n < nn; n++)
        s->start[n + 1] += s->start[n];
    s->kids = rc_xmalloc((l.n ? l.n : 1) * sizeof(*s->kids));
    size_t *fill = rc_xmalloc(nn * sizeof(*fill));
    memcpy(fill, s->start, nn * sizeof(*fill));
    for (size_t i = 0; i < l.n; i++)
        s->kids[fill[l.v[i].owner]++] = l.v[i].kid;
    free(fill);
    free(l.v);
}

void rc_struct_release(rc_struct *s)
{
    free(s->kids);
    free(s->start);
    memset(s, 0, sizeof(*s));
}
