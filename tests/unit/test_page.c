/*
 * Unit tests of the page builder: pages never overflow, a heading never
 * ends a page, material kept together stays together, forced breaks,
 * glue vanishes at the top of a page, a tight document's pages share
 * one leading.
 */
#include "harness.h"
#include "page.h"

#include <stdio.h>
#include <stdlib.h>

static rc_style small_page(rc_scaled text_height)
{
    rc_style s = {0};
    s.page_width = RC_PT(200);
    s.margin_top = RC_PT(10);
    s.margin_bottom = RC_PT(10);
    s.margin_left = RC_PT(10);
    s.margin_right = RC_PT(10);
    s.page_height = text_height + s.margin_top + s.margin_bottom;
    return s;
}

static void add_line(rc_vlist *vl, const char *label)
{
    rc_vitem *box = rc_vlist_add_box(vl, RC_PT(8), RC_PT(2), RC_PT(12));
    rc_draw d = {0};
    d.kind = RC_DRAW_NOTE;
    d.text = label;
    rc_vbox_add(vl, box, &d);
}

/* The label of the last and first box of each page, and the lowest baseline. */
static const char *last_label(const rc_page *p)
{
    return p->n ? p->v[p->n - 1].text : NULL;
}

/* No baseline below the text area (a line's depth may hang below, as TeX's \maxdepth). */
static void check_no_overflow(const rc_doc *doc, const rc_style *s)
{
    for (size_t i = 0; i < doc->npages; i++)
        for (size_t k = 0; k < doc->pages[i].n; k++)
            CHECK(doc->pages[i].v[k].y <= s->page_height - s->margin_bottom);
}

static void test_heading_never_alone(void)
{
    /* Sections of a heading and entries of 3 lines kept together, over several pages. */
    rc_style s = small_page(RC_PT(100));
    rc_vlist vl;
    rc_vlist_init(&vl);
    for (int sec = 0; sec < 6; sec++) {
        if (sec) {
            rc_vlist_add_penalty(&vl, -100);
            rc_vlist_add_glue(&vl, RC_PT(6), 0);
        }
        add_line(&vl, "H");
        for (int e = 0; e < 2; e++) {
            rc_vlist_add_penalty(&vl, e == 0 ? RC_INF_PENALTY : -50);
            add_line(&vl, "E1");
            rc_vlist_add_penalty(&vl, RC_INF_PENALTY);
            add_line(&vl, "E2");
            rc_vlist_add_penalty(&vl, RC_INF_PENALTY);
            add_line(&vl, "E3");
        }
    }
    rc_doc doc;
    rc_doc_init(&doc);
    rc_paginate(&vl, &s, &doc, 0);
    CHECK(doc.npages >= 6);
    size_t boxes = 0;
    for (size_t i = 0; i < doc.npages; i++) {
        const rc_page *p = &doc.pages[i];
        boxes += p->n;
        CHECK(p->n > 0);
        CHECK_STR(last_label(p), "E3"); /* never a heading, never inside an entry */
        /* glue and penalties at the top vanish: the first baseline is at the top */
        CHECK_INT(p->v[0].y, s.margin_top + RC_PT(8));
    }
    CHECK_INT(boxes, 6 * 7);
    check_no_overflow(&doc, &s);
    rc_doc_release(&doc);
    rc_vlist_release(&vl);
}

static void test_fill_and_forced_break(void)
{
    /* 20 free lines of 12pt on a 100pt page: 8 per page (8*12-2 = 94 < 100). */
    rc_style s = small_page(RC_PT(100));
    rc_vlist vl;
    rc_vlist_init(&vl);
    for (int i = 0; i < 20; i++)
        add_line(&vl, "L");
    rc_vlist_add_penalty(&vl, RC_EJECT_PENALTY);
    add_line(&vl, "AFTER");
    rc_doc doc;
    rc_doc_init(&doc);
    rc_paginate(&vl, &s, &doc, 0);
    CHECK_INT(doc.npages, 4);
    CHECK_INT(doc.pages[0].n, 8);
    CHECK_INT(doc.pages[1].n, 8);
    CHECK_INT(doc.pages[2].n, 4);
    CHECK_INT(doc.pages[3].n, 1);
    CHECK_STR(doc.pages[3].v[0].text, "AFTER");
    /* baselines 12pt apart */
    CHECK_INT(doc.pages[0].v[1].y - doc.pages[0].v[0].y, RC_PT(12));
    check_no_overflow(&doc, &s);
    rc_doc_release(&doc);
    rc_vlist_release(&vl);
}

static void test_block_taller_than_page(void)
{
    /* 30 lines all kept together cannot fit: the builder still terminates
     * and loses nothing. */
    rc_style s = small_page(RC_PT(100));
    rc_vlist vl;
    rc_vlist_init(&vl);
    add_line(&vl, "L");
    for (int i = 1; i < 30; i++) {
        rc_vlist_add_penalty(&vl, RC_INF_PENALTY);
        add_line(&vl, "L");
    }
    rc_doc doc;
    rc_doc_init(&doc);
    rc_paginate(&vl, &s, &doc, 0);
    size_t boxes = 0;
    for (size_t i = 0; i < doc.npages; i++)
        boxes += doc.pages[i].n;
    CHECK_INT(boxes, 30);
    CHECK(doc.npages >= 4);
    check_no_overflow(&doc, &s);
    rc_doc_release(&doc);
    rc_vlist_release(&vl);
}

static void test_tight(void)
{
    /* 8 lines of 10pt with 4pt (shrink 2pt) between: 106pt natural on a 100pt page. */
    rc_style s = small_page(RC_PT(100));
    rc_vlist vl;
    rc_vlist_init(&vl);
    for (int i = 0; i < 8; i++) {
        if (i)
            rc_vlist_add_glue(&vl, RC_PT(4), RC_PT(2));
        rc_vitem *box = rc_vlist_add_box(&vl, RC_PT(8), RC_PT(2), 0);
        rc_draw d = {0};
        d.kind = RC_DRAW_NOTE;
        d.text = "L";
        rc_vbox_add(&vl, box, &d);
    }
    rc_doc loose, tight;
    rc_doc_init(&loose);
    rc_doc_init(&tight);
    rc_scaled last = rc_paginate(&vl, &s, &loose, 0);
    CHECK_INT(loose.npages, 2);
    CHECK_INT(loose.pages[1].n, 1);
    CHECK_INT(last, RC_PT(10)); /* one line on the last page */
    /* natural spacing: baselines 14pt apart */
    CHECK_INT(loose.pages[0].v[1].y - loose.pages[0].v[0].y, RC_PT(14));
    rc_paginate(&vl, &s, &tight, 1);
    CHECK_INT(tight.npages, 1);
    CHECK_INT(tight.pages[0].n, 8);
    /* the glue gave 6pt over 7 gaps, within its 2pt each */
    rc_scaled gap = tight.pages[0].v[1].y - tight.pages[0].v[0].y;
    CHECK(gap < RC_PT(14) && gap >= RC_PT(12));
    CHECK(tight.pages[0].v[7].y <= s.page_height - s.margin_bottom);
    check_no_overflow(&tight, &s);
    rc_doc_release(&loose);
    rc_doc_release(&tight);
    rc_vlist_release(&vl);
}

static void test_tight_leading_same_on_every_page(void)
{
    /*
     * Two paragraphs of 12pt leading (give 0.48pt a line) split by a
     * penalty, the first 0.4pt a line too tall for its page and the
     * second short: the second page's lines sit as close as the first's,
     * not at their natural 12pt (the flagship had 12.25 against 12.4 pt).
     */
    rc_style s = small_page(RC_PT(8 + 8 * 12 - 8 * 0.4));
    rc_vlist vl;
    rc_vlist_init(&vl);
    for (int i = 0; i < 9; i++)
        add_line(&vl, "A");
    rc_vlist_add_penalty(&vl, RC_EJECT_PENALTY);
    for (int i = 0; i < 3; i++)
        add_line(&vl, "B");
    rc_doc doc;
    rc_doc_init(&doc);
    rc_paginate(&vl, &s, &doc, 1);
    CHECK_INT(doc.npages, 2);
    if (doc.npages == 2 && doc.pages[0].n == 9 && doc.pages[1].n == 3) {
        rc_scaled first = doc.pages[0].v[1].y - doc.pages[0].v[0].y;
        CHECK(first < RC_PT(12) && first >= RC_PT(12 - 0.48));
        /* equal, up to the rounding of a scaled point */
        for (size_t k = 1; k < 3; k++)
            CHECK(abs(doc.pages[1].v[k].y - doc.pages[1].v[k - 1].y - first) <= 1);
    } else {
        CHECK(0);
    }
    check_no_overflow(&doc, &s);
    rc_doc_release(&doc);
    rc_vlist_release(&vl);
}

static void test_draw_blocks(void)
{
    /*
     * The list keeps draws in blocks: a box whose draws outgrow the block
     * they started in moves them whole to the next; none is lost or
     * reordered, and each page's draws are exactly its boxes'.
     */
    rc_style s = small_page(RC_PT(2000)); /* 70 lines of 12pt */
    rc_vlist vl;
    rc_vlist_init(&vl);
    static char labels[600][8];
    size_t n = 0;
    for (int b = 0; b < 70; b++) {
        size_t per_box = b == 60 ? 300 : b % 3 + 1; /* box 60 spans several blocks */
        rc_vitem *box = rc_vlist_add_box(&vl, RC_PT(8), RC_PT(2), RC_PT(12));
        for (size_t k = 0; k < per_box; k++, n++) {
            snprintf(labels[n], sizeof(labels[n]), "%zu", n);
            rc_draw d = {0};
            d.kind = RC_DRAW_NOTE;
            d.text = labels[n];
            rc_vbox_add(&vl, box, &d);
        }
        CHECK_INT(box->ndraws, per_box);
    }
    rc_page_breaks br = {0};
    rc_page_breaks_find(&vl, &s, 0, &br);
    CHECK_INT(br.n, 1);
    rc_doc doc;
    rc_doc_init(&doc);
    rc_page_place(&vl, &br, &s, &doc);
    CHECK_INT(doc.npages, 1);
    CHECK_INT(doc.pages[0].n, n);
    CHECK_INT(doc.pages[0].cap, n); /* exactly its draws */
    for (size_t i = 0; i < n && i < doc.pages[0].n; i++)
        CHECK_STR(doc.pages[0].v[i].text, labels[i]);
    rc_page_breaks_release(&br);
    rc_doc_release(&doc);
    rc_vlist_release(&vl);
}

static void test_empty(void)
{
    rc_style s = small_page(RC_PT(100));
    rc_vlist vl;
    rc_vlist_init(&vl);
    rc_doc doc;
    rc_doc_init(&doc);
    rc_paginate(&vl, &s, &doc, 0);
    CHECK_INT(doc.npages, 1); /* a PDF needs a page */
    rc_doc_release(&doc);
    rc_vlist_release(&vl);
}

int main(void)
{
    test_heading_never_alone();
    test_fill_and_forced_break();
    test_block_taller_than_page();
    test_tight();
    test_tight_leading_same_on_every_page();
    test_draw_blocks();
    test_empty();
    return rc_test_report("test_page");
}
