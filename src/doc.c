/*
 * doc: display list storage.
 */
#include "doc.h"

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
