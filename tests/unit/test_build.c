/*
 * Unit tests of the item builder: styled spans to box/glue/penalty lists.
 */
#include "build.h"
#include "harness.h"
#include "shipped_fonts.h"
#include "hyph.h"

#include <stdlib.h>

static rc_fonts fonts;
static rc_arena arena;

static rc_para_style style(rc_align align)
{
    rc_para_style ps = {0};
    ps.size = RC_PT(10);
    ps.color = 0x000000;
    ps.link_color = 0x0000ff;
    ps.align = align;
    ps.ex_hyphen_penalty = 50;
    return ps;
}

/* Build a paragraph from markup; returns the number of errors. */
static int build(rc_para *p, const char *markup, rc_align align, rc_diags *d)
{
    rc_para_init(p, align, (rc_pos){"t.yaml", 4, 10});
    rc_para_style ps = style(align);
    rc_spans spans = rc_markup_parse(&arena, markup, strlen(markup));
    rc_para_add_spans(p, spans, &ps, &fonts, &arena, d);
    rc_para_finish(p);
    return (int)d->nerrors;
}

/* "BGB..." : one letter per item, for compact assertions. */
static const char *shape(const rc_para *p)
{
    static char s[256];
    size_t k = 0;
    for (size_t i = 0; i < p->n && k + 1 < sizeof(s); i++)
        s[k++] = p->items[i].type == RC_ITEM_BOX ? 'B' : p->items[i].type == RC_ITEM_GLUE ? 'G' : 'P';
    s[k] = 0;
    return s;
}

static rc_scaled em(int milli)
{
    return (rc_scaled)((int64_t)milli * RC_PT(10) / 1000);
}

static void test_words_and_spaces(void)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_para p;
    CHECK_INT(build(&p, "  two   words \n", RC_ALIGN_JUSTIFY, &d), 0);
    CHECK_STR(shape(&p), "BGBPGP"); /* spaces collapsed and trimmed; TeX's paragraph end */
    const rc_face *reg = fonts.faces[RC_FACE_REGULAR];
    rc_scaled space = em(rc_face_advance(reg, ' '));
    CHECK_INT(p.items[1].width, space);
    CHECK_INT(p.items[1].stretch, space / 2);
    CHECK_INT(p.items[1].shrink, space / 3);
    CHECK_INT(p.items[3].penalty, RC_INF_PENALTY);
    CHECK_INT(p.items[5].penalty, RC_EJECT_PENALTY);
    CHECK(p.items[4].stretch > RC_PT(1000)); /* parfillskip */
    /* a box's width is its advances plus its kerning ("wo" kerns in CMU Serif) */
    rc_scaled two = em(rc_face_advance(reg, 't') + rc_face_advance(reg, 'w') +
                       rc_face_advance(reg, 'o'));
    CHECK(p.runs[0].kern[1] < 0);
    CHECK_INT(p.items[0].width, two + p.runs[0].kern[0] + p.runs[0].kern[1]);
    CHECK_INT(p.nruns, 2);
    rc_para_release(&p);
    rc_diags_release(&d);
}

static void test_kerning(void)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_para p;
    build(&p, "AV", RC_ALIGN_JUSTIFY, &d);
    const rc_face *reg = fonts.faces[RC_FACE_REGULAR];
    rc_scaled plain = em(rc_face_advance(reg, 'A') + rc_face_advance(reg, 'V'));
    CHECK(p.items[0].width < plain);
    CHECK(p.runs[0].kern[0] < 0);
    CHECK_INT(p.runs[0].kern[1], 0);
    CHECK_INT(p.items[0].width, plain + p.runs[0].kern[0]);
    rc_para_release(&p);
    rc_diags_release(&d);
}

static void test_hyphens_links_nbsp(void)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_para p;
    build(&p, "multi-armed", RC_ALIGN_JUSTIFY, &d);
    CHECK_STR(shape(&p), "BPBPGP"); /* a break after an explicit hyphen */
    CHECK_INT(p.items[1].penalty, 50);
    CHECK_INT(p.items[1].flagged, 1);
    CHECK_INT(p.items[1].width, 0); /* the hyphen is already in the box */
    rc_para_release(&p);

    build(&p, "[multi-armed](https://x.org)", RC_ALIGN_JUSTIFY, &d);
    CHECK_STR(shape(&p), "BPGP"); /* never inside a link */
    CHECK_STR(p.runs[0].url, "https://x.org");
    CHECK_INT(p.runs[0].color, 0x0000ff);
    rc_para_release(&p);

    build(&p, "-3 and 2019--2021", RC_ALIGN_JUSTIFY, &d);
    CHECK_STR(shape(&p), "BGBGBPGP"); /* no break after a minus or between digits */
    rc_para_release(&p);

    build(&p, "Prof.~Zhang", RC_ALIGN_JUSTIFY, &d);
    CHECK_STR(shape(&p), "BPGBPGP"); /* a tie: glue behind an infinite penalty */
    CHECK_INT(p.items[1].penalty, RC_INF_PENALTY);
    rc_para_release(&p);
    CHECK_INT(d.nerrors, 0);
    rc_diags_release(&d);
}

static void test_faces(void)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_para p;
    build(&p, "**Xiong***, *it* `c`", RC_ALIGN_JUSTIFY, &d);
    /* "Xiong" bold and "*," regular are one word: two boxes, no glue between */
    CHECK_STR(shape(&p), "BBGBGBPGP");
    CHECK_INT(p.runs[0].face, RC_FACE_BOLD);
    CHECK_INT(p.runs[1].face, RC_FACE_REGULAR);
    CHECK_INT(p.runs[2].face, RC_FACE_ITALIC);
    CHECK_INT(p.runs[3].face, RC_FACE_MONO);
    CHECK_INT(rc_face_for_style(&fonts, 0, RC_STYLE_BOLD | RC_STYLE_ITALIC), RC_FACE_BOLD_ITALIC);
    rc_para_release(&p);
    rc_diags_release(&d);
}

static void test_ragged(void)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_para p;
    build(&p, "a b", RC_ALIGN_LEFT, &d);
    /* Knuth & Plass's ragged right: glue(0,+s) penalty(0) glue(w,-s) */
    CHECK_STR(shape(&p), "BGPGBPGP");
    CHECK_INT(p.items[1].width, 0);
    CHECK(p.items[1].stretch > 0);
    CHECK_INT(p.items[2].penalty, 0);
    CHECK_INT(p.items[3].stretch, -p.items[1].stretch);
    CHECK_INT(rc_para_natural_width(&p, 1, 4), em(rc_face_advance(fonts.faces[0], ' ')));
    rc_para_release(&p);
    rc_diags_release(&d);
}

/* The code points of the paragraph's boxes, and the box count. */
static size_t box_text(const rc_para *p, uint32_t *out, size_t cap, size_t *nboxes)
{
    size_t n = 0;
    *nboxes = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (p->items[i].type != RC_ITEM_BOX || p->items[i].payload == RC_NO_RUN)
            continue;
        const rc_run *r = &p->runs[p->items[i].payload];
        (*nboxes)++;
        for (size_t k = 0; k < r->n && n < cap; k++)
            out[n++] = r->cps[k];
    }
    return n;
}

static void test_missing_character(void)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_para p;
    /*
     * Ethiopic: neither the shipped fonts nor the tests' installed ones
     * have it. A warning, and the character stays in the text, drawn as
     * the face's .notdef box with that glyph's width.
     */
    CHECK_INT(build(&p, "ab \xE1\x88\x80\xE1\x88\x80 c \xE1\x88\x80", RC_ALIGN_JUSTIFY, &d), 0);
    CHECK_INT((int)d.n, 1);
    CHECK_INT(d.v[0].failure, 0);
    CHECK_INT(d.v[0].pos.line, 4);
    CHECK_INT(d.v[0].pos.col, 13); /* the field starts at column 10; the character is 3 bytes in */
    CHECK(strstr(d.v[0].message, "no installed font has the character '\xE1\x88\x80' "
                                 "(U+1200), shown as a box") != NULL);
    uint32_t cps[8];
    size_t nboxes, n = box_text(&p, cps, 8, &nboxes);
    CHECK_INT((int)n, 6);
    CHECK(n == 6 && cps[2] == 0x1200 && cps[3] == 0x1200 && cps[5] == 0x1200);
    const rc_face *reg = fonts.faces[RC_FACE_REGULAR];
    CHECK(!rc_face_has_char(reg, 0x1200));
    CHECK_INT(p.items[2].width, em(2 * rc_face_advance(reg, 0x1200)));
    CHECK(rc_face_advance(reg, 0x1200) > 0);
    rc_para_release(&p);
    rc_diags_release(&d);
}

/*
 * At most RC_MAX_CLUSTER_MARKS characters extend a letter; the rest are
 * left out, with one warning at the first, however many clusters overflow.
 * Marks on many letters, and marks after a space, each count afresh.
 */
static void test_cluster_marks(void)
{
    rc_buf in = RC_BUF_INIT;
    rc_buf_adds(&in, "x e");
    for (int i = 0; i < 100; i++)
        rc_buf_adds(&in, i % 2 ? "\xCC\x81" : "\xE2\x80\x8D"); /* U+0301, ZWJ */
    rc_buf_adds(&in, " ");
    for (int i = 0; i < 40; i++)
        rc_buf_adds(&in, "a\xCC\x81\xEF\xB8\x8F"); /* a, U+0301, U+FE0F */
    rc_buf_adds(&in, " o");
    for (int i = 0; i < 33; i++)
        rc_buf_adds(&in, "\xCC\x88");
    rc_diags d;
    rc_diags_init(&d);
    rc_para p;
    CHECK_INT(build(&p, rc_buf_str(&in), RC_ALIGN_LEFT, &d), 0);
    CHECK_INT((int)d.n, 1);
    CHECK(d.n == 1 && strstr(d.v[0].message, "more than 32 combining characters on one "
                                             "letter, 69 left out") != NULL);
    CHECK(d.n == 1 && d.v[0].pos.line == 4 && d.v[0].pos.col == 10 + 3 + 32 * 3 - 16);
    uint32_t cps[512];
    size_t nboxes, n = box_text(&p, cps, 512, &nboxes);
    CHECK_INT((int)n, 1 + (1 + 32) + 40 * 3 + (1 + 32));
    CHECK_INT(cps[1], 'e');
    CHECK_INT(cps[2 + 32], 'a'); /* the 68 marks after the 32nd went */
    CHECK_INT(cps[n - 1], 0x308);
    rc_para_release(&p);
    rc_diags_release(&d);
    rc_buf_release(&in);
}

/*
 * A word of 5,000 accented letters whose accents come from a fallback
 * font is a box per letter and per accent: together they are kept at
 * 16,000pt, as a one-box word is, so that a line's sum of widths cannot
 * overflow. The next word starts afresh.
 */
static void test_long_word_of_many_boxes(void)
{
    rc_buf in = RC_BUF_INIT;
    for (int i = 0; i < 5000; i++)
        rc_buf_adds(&in, "e\xCC\x81");
    rc_buf_adds(&in, " xyz");
    rc_diags d;
    rc_diags_init(&d);
    rc_para p;
    CHECK_INT(build(&p, rc_buf_str(&in), RC_ALIGN_JUSTIFY, &d), 0);
    CHECK_INT((int)d.n, 0);
    int64_t word = 0, last = 0;
    size_t boxes = 0, i = 0;
    for (; i < p.n && p.items[i].type != RC_ITEM_GLUE; i++)
        if (p.items[i].type == RC_ITEM_BOX) {
            word += p.items[i].width;
            boxes++;
        }
    for (; i < p.n; i++)
        if (p.items[i].type == RC_ITEM_BOX)
            last += p.items[i].width;
    CHECK_INT((int64_t)boxes, 10000);
    CHECK_INT(word, RC_PT(16000));
    CHECK(last > 0 && last < RC_PT(100));
    rc_para_release(&p);
    rc_diags_release(&d);
    rc_buf_release(&in);
}

/* The letters each glyph of run r shows ("1300" for o-ffi-c-e... as digits). */
static const char *ligs(const rc_para *p, size_t r)
{
    static char s[64];
    size_t n = p->runs[r].n < sizeof(s) - 1 ? p->runs[r].n : sizeof(s) - 1;
    for (size_t i = 0; i < n; i++)
        s[i] = (char)('0' + (p->runs[r].lig ? p->runs[r].lig[i] : 1));
    s[n] = 0;
    return s;
}

/*
 * Ligatures: a word is measured with its ligature glyphs (their width
 * less their letters' in the kerning after the last letter); none in code
 * or where the style turns them off; and a word hyphenated where a
 * ligature would fall is shaped piece by piece ("ef-fi-cient": no ffi to
 * cut in two), each piece keeping the ligatures within it.
 */
static void test_ligatures(void)
{
    rc_diags d;
    rc_diags_init(&d);
    const char *text = "office `office` efficient";
    rc_spans spans = rc_markup_parse(&arena, text, strlen(text));
    rc_para on, off;
    rc_para_style ps = style(RC_ALIGN_JUSTIFY);
    ps.hyphenate = 1;
    rc_para_init(&off, RC_ALIGN_JUSTIFY, (rc_pos){"t.yaml", 1, 1});
    rc_para_add_spans(&off, spans, &ps, &fonts, &arena, &d);
    rc_para_finish(&off);
    ps.ligatures = 1;
    rc_para_init(&on, RC_ALIGN_JUSTIFY, (rc_pos){"t.yaml", 1, 1});
    rc_para_add_spans(&on, spans, &ps, &fonts, &arena, &d);
    rc_para_finish(&on);
    CHECK_INT(on.nruns, 3);
    CHECK_STR(ligs(&on, 0), "130011");       /* o ffi c e */
    CHECK_STR(ligs(&on, 1), "111111");       /* code: letter by letter */
    CHECK_STR(ligs(&on, 2), "130011111");    /* e ffi c i e n t */
    CHECK(off.runs[0].lig == NULL && off.runs[2].lig == NULL);
    const rc_face *reg = fonts.faces[RC_FACE_REGULAR];
    static const uint32_t ffi[] = {'f', 'f', 'i'};
    unsigned gid = 0;
    int w = rc_face_ligature(reg, ffi, 3, &gid);
    CHECK(w > 0 && gid != rc_face_glyph(reg, 'f'));
    int extra = w - 2 * rc_face_advance(reg, 'f') - rc_face_advance(reg, 'i');
    CHECK(extra != 0);
    /* the width less the letters' sits after the ligature's last letter */
    CHECK(abs(on.runs[0].kern[3] - off.runs[0].kern[3] - em(extra)) <= 1);
    CHECK(abs(on.items[0].width - off.items[0].width - em(extra)) <= 2);

    rc_hyph *h = rc_hyph_open(NULL, (rc_pos){NULL, 0, 0}, &d);
    CHECK(h != NULL);
    if (h) {
        uint32_t word[9] = {'e', 'f', 'f', 'i', 'c', 'i', 'e', 'n', 't'};
        unsigned char points[9] = {0};
        rc_hyph_points(h, word, 9, points);
        CHECK(points[1]); /* ef-fi-cient */
        rc_para_rebuild(&on, h, 0, 0, &fonts, &arena);
        int pieces = 0;
        for (size_t r = 0; r < on.nruns; r++) {
            if (on.runs[r].cps[0] == 'e' && on.runs[r].n == 2 && on.runs[r].cps[1] == 'f') {
                CHECK_STR(ligs(&on, r), "11"); /* "ef-": an f of its own */
                CHECK_STR(ligs(&on, r + 1), "20"); /* "fi" */
                pieces++;
            }
        }
        CHECK_INT(pieces, 1);
        rc_hyph_close(h);
    }
    CHECK_INT((int)d.nerrors, 0);
    rc_para_release(&on);
    rc_para_release(&off);
    rc_diags_release(&d);
}

/*
 * A URL written as text breaks after a '/' before a letter from the first
 * build on, and a justified line ending inside it (at a '/' or at its own
 * hyphen) ends flush left: the break has RAGGED_URL em of stretch before
 * it, taken back after it, in glue of no run (no space to extract).
 */
static void test_url_breaks(void)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_para p;
    CHECK_INT(build(&p, "at example.com/research/reinforcement-learning now", RC_ALIGN_JUSTIFY, &d),
              0);
    int slashes = 0, hyphens = 0;
    for (size_t i = 2; i + 1 < p.n; i++) {
        const rc_item *it = &p.items[i];
        if (it->type != RC_ITEM_PENALTY || !it->flagged)
            continue;
        const rc_item *before = &p.items[i - 1], *after = &p.items[i + 1];
        CHECK(before->type == RC_ITEM_GLUE && before->payload == RC_NO_RUN);
        CHECK_INT(before->stretch, RC_PT(30));
        CHECK(after->type == RC_ITEM_GLUE && after->payload == RC_NO_RUN);
        CHECK_INT(after->stretch, -RC_PT(30));
        CHECK_INT(p.items[i - 2].penalty, RC_INF_PENALTY); /* no break at the stretch itself */
        if (it->unmarked)
            slashes++;
        else
            hyphens++;
    }
    CHECK_INT(slashes, 2); /* after "example.com/" and "research/" */
    CHECK_INT(hyphens, 1); /* "reinforcement-" */
    rc_para_release(&p);

    /* no ragged end for a word without a '/', nor in a ragged paragraph */
    CHECK_INT(build(&p, "state-of-the-art reinforcement-learning", RC_ALIGN_JUSTIFY, &d), 0);
    for (size_t i = 0; i < p.n; i++)
        CHECK(p.items[i].type != RC_ITEM_GLUE || p.items[i].stretch != RC_PT(30));
    rc_para_release(&p);
    CHECK_INT(build(&p, "example.com/research/reinforcement-learning", RC_ALIGN_LEFT, &d), 0);
    for (size_t i = 0; i < p.n; i++)
        CHECK(p.items[i].type != RC_ITEM_GLUE || p.items[i].stretch != RC_PT(30));
    rc_para_release(&p);
    rc_diags_release(&d);
}

int main(void)
{
    rc_arena_init(&arena);
    rc_diags d;
    rc_diags_init(&d);
    if (rc_test_shipped_fonts(&fonts, &d) < 0)
        return rc_test_report("test_build");
    test_words_and_spaces();
    test_kerning();
    test_hyphens_links_nbsp();
    test_faces();
    test_ragged();
    test_missing_character();
    test_cluster_marks();
    test_long_word_of_many_boxes();
    test_ligatures();
    test_url_breaks();
    rc_fonts_release(&fonts);
    rc_diags_release(&d);
    rc_arena_release(&arena);
    return rc_test_report("test_build");
}
