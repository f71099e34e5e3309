/*
 * Tests for bidi: the Unicode Bidirectional Algorithm on a line (numbers
 * in Arabic text, a Latin name in Hebrew, brackets), the line's runs split
 * and placed by it, their mirrored brackets, and the mirrored page.
 */
#include "harness.h"
#include "shipped_fonts.h"
#include "bidi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static rc_fonts fonts;
static rc_arena arena;

/* The code points of a UTF-8 string, into cps (room for 64); returns how many. */
static size_t decode(const char *s, uint32_t *cps)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len && n < 64;) {
        size_t k = rc_utf8_decode(s + i, len - i, &cps[n]);
        i += k ? k : 1;
        n++;
    }
    return n;
}

/* The logical indices of the line's characters from left to right, as "3 1 2 0". */
static const char *order_of(const char *s, int rtl, uint8_t *levels)
{
    static char out[512];
    uint32_t cps[64], order[64];
    size_t n = decode(s, cps);
    out[0] = 0;
    if (rc_bidi_order(cps, n, rtl, levels, order) != 0)
        return "error";
    size_t len = 0;
    for (size_t k = 0; k < n; k++)
        len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%u", k ? " " : "", order[k]);
    return out;
}

static void test_has_rtl(void)
{
    uint32_t cps[64];
    CHECK_INT(rc_bidi_has_rtl(cps, decode("plain Latin, é α ж", cps)), 0);
    CHECK_INT(rc_bidi_has_rtl(cps, decode("a שלום b", cps)), 1);
    CHECK_INT(rc_bidi_has_rtl(cps, decode("عربي", cps)), 1);
    /* Arabic-Indic digits are numbers (AN), not right-to-left letters */
    CHECK_INT(rc_bidi_has_rtl(cps, decode("\xD9\xA1\xD9\xA2", cps)), 0);
}

static void test_order(void)
{
    uint8_t levels[64];
    /* left to right: as written */
    CHECK_STR(order_of("abc", 0, levels), "0 1 2");
    /* numbers in Arabic text keep their digits' order: "بب 123 جج" */
    CHECK_STR(order_of("بب 123 جج", 1, levels), "8 7 6 3 4 5 2 1 0");
    CHECK_INT(levels[0], 1);
    CHECK_INT(levels[3], 2); /* the digit 1 */
    CHECK_INT(levels[2], 1); /* the spaces around it */
    /* a Latin name in Hebrew reads left to right inside the right-to-left line */
    CHECK_STR(order_of("שם John Smith כאן", 1, levels),
              "16 15 14 13 3 4 5 6 7 8 9 10 11 12 2 1 0");
    CHECK_INT(levels[7], 2); /* the space inside the name */
    /* a Hebrew word in an English line is reversed where it stands */
    CHECK_STR(order_of("a אב c", 0, levels), "0 1 3 2 4 5");
    /* brackets: a pair around Latin in Hebrew text takes the text's direction (N0) */
    CHECK_STR(order_of("א (bc) ד", 1, levels), "7 6 5 3 4 2 1 0");
    CHECK_INT(levels[2], 1);
    CHECK_INT(levels[5], 1);
    CHECK_INT(levels[3], 2);
    /* and the brackets are drawn mirrored (L4) */
    CHECK_INT(rc_bidi_mirror('('), ')');
    CHECK_INT(rc_bidi_mirror(']'), '[');
    CHECK_INT(rc_bidi_mirror(0xAB), 0xBB); /* « » */
    CHECK_INT(rc_bidi_mirror('a'), 'a');
}

/* One text draw of s in the regular face at x, 10pt, in a line vector of capacity 4. */
static rc_draw *line_of(const char *s, rc_scaled x, size_t *n, size_t *cap)
{
    rc_draw *v = rc_xcalloc(4, sizeof(*v));
    uint32_t *cps = rc_arena_alloc(&arena, 64 * sizeof(*cps));
    v[0].kind = RC_DRAW_TEXT;
    v[0].face = RC_FACE_REGULAR;
    v[0].size = RC_PT(10);
    v[0].x = x;
    v[0].node = 5;
    v[0].cps = cps;
    v[0].n = decode(s, cps);
    *n = 1;
    *cap = 4;
    return v;
}

static rc_scaled width_of(const rc_draw *v, size_t n)
{
    rc_scaled w = 0;
    for (size_t i = 0; i < n; i++)
        w += rc_bidi_draw_width(&v[i], &fonts);
    return w;
}

static void test_line_draws(void)
{
    rc_doc doc;
    rc_doc_init(&doc);
    doc.fonts = &fonts;
    size_t n, cap;

    /* an English line: nothing to do, the very same vector */
    rc_draw *v = line_of("plain text", RC_PT(5), &n, &cap);
    rc_draw *before = v;
    rc_bidi_line_draws(&v, &n, &cap, &doc, &fonts, &arena);
    CHECK(v == before);
    CHECK_INT(n, 1);
    CHECK_INT(v[0].rtl, 0);
    free(v);

    /* "ab אבג cd": the Hebrew word a piece of its own, right to left, where it stood */
    v = line_of("ab \xD7\x90\xD7\x91\xD7\x92 cd", RC_PT(5), &n, &cap);
    rc_scaled total = width_of(v, n);
    rc_bidi_line_draws(&v, &n, &cap, &doc, &fonts, &arena);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_INT(v[0].n, 3);
        CHECK_INT(v[1].n, 3);
        CHECK_INT(v[2].n, 3);
        CHECK_INT(v[0].rtl, 0);
        CHECK_INT(v[1].rtl, 1);
        CHECK_INT(v[2].rtl, 0);
        CHECK_INT(v[1].cps[0], 0x5D0); /* logical order kept */
        CHECK_INT(v[0].x, RC_PT(5));
        CHECK_INT(v[1].x, RC_PT(5) + rc_bidi_draw_width(&v[0], &fonts));
        CHECK_INT(v[2].x, v[1].x + rc_bidi_draw_width(&v[1], &fonts));
        CHECK_INT(width_of(v, n), total);
        CHECK_INT(v[1].node, 5);
    }
    free(v);

    /*
     * A right-to-left document sets its lines mirrored: "(ab)" in it reads
     * as a bracket, the Latin word, a bracket, the brackets right to left
     * and drawn mirrored. In the layout's space the line runs from the far
     * end: '(' first, then "ab" (left to right on the page, so reversed
     * here), then ')'.
     */
    doc.rtl = 1;
    v = line_of("(ab)", 0, &n, &cap);
    rc_bidi_line_draws(&v, &n, &cap, &doc, &fonts, &arena);
    CHECK_INT(n, 3);
    if (n == 3) {
        const rc_face *face = fonts.faces[RC_FACE_REGULAR];
        CHECK_INT(v[0].cps[0], '(');
        CHECK_INT(v[0].rtl, 1);
        CHECK(v[0].gids != NULL);
        if (v[0].gids)
            CHECK_INT(v[0].gids[0], rc_face_glyph(face, ')'));
        CHECK_INT(v[1].rtl, 0);
        CHECK_INT(v[1].n, 2);
        CHECK(v[1].gids == NULL);
        CHECK_INT(v[2].cps[0], ')');
        CHECK(v[2].gids && v[2].gids[0] == rc_face_glyph(face, '('));
        CHECK_INT(v[0].x, 0);
        CHECK_INT(v[1].x, rc_bidi_draw_width(&v[0], &fonts));
        CHECK_INT(v[2].x, v[1].x + rc_bidi_draw_width(&v[1], &fonts));
    }
    free(v);
    rc_doc_release(&doc);
}

static void test_mirror_doc(void)
{
    rc_doc doc;
    rc_doc_init(&doc);
    doc.fonts = &fonts;
    doc.width = RC_PT(100);
    rc_page *pg = rc_doc_add_page(&doc);
    rc_draw *rule = rc_page_add(pg, RC_DRAW_RULE);
    rule->x = RC_PT(10);
    rule->w = RC_PT(20);
    rc_draw *text = rc_page_add(pg, RC_DRAW_TEXT);
    static const uint32_t ab[] = {'a', 'b'};
    text->face = RC_FACE_REGULAR;
    text->size = RC_PT(10);
    text->cps = ab;
    text->n = 2;
    text->x = RC_PT(10);
    rc_scaled w = rc_bidi_draw_width(text, &fonts);
    rc_bidi_mirror_doc(&doc); /* a left-to-right document: nothing moves */
    CHECK_INT(rule->x, RC_PT(10));
    doc.rtl = 1;
    rc_bidi_mirror_doc(&doc);
    CHECK_INT(rule->x, RC_PT(70));
    CHECK_INT(text->x, RC_PT(90) - w);
    CHECK_INT(text->rtl, 0); /* Latin stays left to right */
    rc_doc_release(&doc);
}

int main(void)
{
    rc_arena_init(&arena);
    rc_diags d;
    rc_diags_init(&d);
    if (rc_test_shipped_fonts(&fonts, &d) < 0)
        return rc_test_report("test_bidi");
    test_has_rtl();
    test_order();
    test_line_draws();
    test_mirror_doc();
    rc_fonts_release(&fonts);
    rc_diags_release(&d);
    rc_arena_release(&arena);
    return rc_test_report("test_bidi");
}
