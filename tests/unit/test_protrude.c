/*
 * Unit tests of the margin protrusion factors (protrude.h) and of what the
 * item builder makes of them: which table each shipped face gets, the
 * characters that hang out on each side, and the margins boxes and
 * hyphens of justified text (only) carry.
 */
#include "build.h"
#include "protrude.h"

#include <stdlib.h>

#include "harness.h"
#include "shipped_fonts.h"

static rc_fonts fonts;
static rc_arena arena;

static void factors(const rc_protrusion *t, uint32_t cp, int left, int right)
{
    int l, r;
    rc_protrusion_of(t, cp, &l, &r);
    if (l != left || r != right)
        fprintf(stderr, "U+%04X: %d %d, expected %d %d\n", (unsigned)cp, l, r, left, right);
    CHECK_INT(l, left);
    CHECK_INT(r, right);
}

/* The punctuation of issue 14: what hangs right, what hangs left, in every table. */
static void test_every_table_hangs_punctuation(const rc_protrusion *t)
{
    static const uint32_t right[] = {'-', 0x2013, 0x2014, '.', ',', ':', ';', ')', 0x201D,
                                     0x2010};
    static const uint32_t left[] = {'(', 0x2018, 0x201C};
    for (size_t i = 0; i < RC_ARRAY_LEN(right); i++) {
        int l, r;
        rc_protrusion_of(t, right[i], &l, &r);
        CHECK(r > 0);
    }
    for (size_t i = 0; i < RC_ARRAY_LEN(left); i++) {
        int l, r;
        rc_protrusion_of(t, left[i], &l, &r);
        CHECK(l > 0);
    }
    /* the closing single quote, but for Computer Modern's italic, whose ’ leans out */
    const rc_protrusion *italic = rc_protrusion_for(fonts.faces[RC_FACE_ITALIC]);
    int l, r;
    rc_protrusion_of(t, 0x2019, &l, &r);
    CHECK(t == italic ? r < 0 : r > 0);
    /* an ordinary lower-case letter stays put; something past the tables too */
    factors(t, 'e', t == italic ? 180 : 0, 0);
    factors(t, 0x10FFFF, 0, 0);
    factors(t, 0, 0, 0);
}

static void test_tables(void)
{
    /* CMU Serif: microtype's cmr lists */
    const rc_protrusion *cmr = rc_protrusion_for(fonts.faces[RC_FACE_REGULAR]);
    factors(cmr, '-', 400, 500);
    factors(cmr, '.', 0, 700);
    factors(cmr, ',', 0, 500);
    factors(cmr, ';', 0, 500);
    factors(cmr, 0x2013, 400, 300);
    factors(cmr, 0x201C, 500, 300);
    factors(cmr, 0x201D, 200, 600);
    factors(cmr, 'y', 50, 70);
    factors(cmr, 0x0394, 100, 100); /* Δ, from cmr-OT1 */
    factors(cmr, 0x2010, 400, 500); /* the Unicode hyphen is the hyphen */
    CHECK(rc_protrusion_for(fonts.faces[RC_FACE_BOLD]) == cmr);
    /* its italic: cmr-it */
    const rc_protrusion *it = rc_protrusion_for(fonts.faces[RC_FACE_ITALIC]);
    CHECK(it != cmr);
    factors(it, '-', 500, 300);
    factors(it, 'f', 0, -250); /* pulled in */
    CHECK(rc_protrusion_for(fonts.faces[RC_FACE_BOLD_ITALIC]) == it);
    /* another face: microtype's default list */
    const rc_protrusion *def = rc_protrusion_for(fonts.faces[RC_FACE_MONO]);
    factors(def, '-', 500, 500);
    factors(def, '.', 0, 700);
    factors(def, ';', 0, 300);
    factors(def, 0x201C, 300, 300);
    test_every_table_hangs_punctuation(cmr);
    test_every_table_hangs_punctuation(it);
    test_every_table_hangs_punctuation(def);
}

/* XCharter (Charter extended) and Rescomp Serif (Charis SIL, Charter's design)
   get Charter's list, upright and bold; their italics the default. */
static void test_charter(void)
{
    static const char *const families[] = {"Rescomp Serif", "XCharter"};
    for (size_t i = 0; i < RC_ARRAY_LEN(families); i++) {
        rc_diags d;
        rc_diags_init(&d);
        rc_family_request req[RC_ROLE_COUNT] = {{families[i], {0}, 0}};
        rc_fonts f;
        CHECK_INT(rc_fonts_open(&f, fonts.store, req, &d), 0);
        CHECK_INT((int)(d.nerrors + d.nwarnings), 0); /* shipped: no warning */
        const rc_protrusion *bch = rc_protrusion_for(f.faces[RC_FACE_REGULAR]);
        factors(bch, '.', 0, 600);
        factors(bch, '[', 100, 0);
        factors(bch, '-', 400, 500);
        test_every_table_hangs_punctuation(bch);
        CHECK(rc_protrusion_for(f.faces[RC_FACE_BOLD]) == bch);
        const rc_protrusion *def = rc_protrusion_for(f.faces[RC_FACE_ITALIC]);
        factors(def, '.', 0, 700);
        CHECK(rc_protrusion_for(f.faces[RC_FACE_BOLD_ITALIC]) == def);
        rc_fonts_release(&f);
        rc_diags_release(&d);
    }
}

static void build(rc_para *p, const char *markup, rc_align align, int protrude,
                  const rc_hyph *h)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_para_init(p, align, (rc_pos){"t.yaml", 4, 10});
    rc_para_style ps = {0};
    ps.size = RC_PT(10);
    ps.align = align;
    ps.hyphenate = 1;
    ps.hyphen_penalty = 50;
    ps.protrude = protrude;
    rc_spans spans = rc_markup_parse(&arena, markup, strlen(markup));
    CHECK_INT(rc_para_add_spans(p, spans, &ps, &fonts, &arena, &d), 0);
    if (h)
        rc_para_rebuild(p, h, 0, 0, &fonts, &arena);
    else
        rc_para_finish(p);
    rc_diags_release(&d);
}

/* factor/1000 of the advance of cp at 10pt */
static rc_scaled hang(rc_face_id f, uint32_t cp, int factor)
{
    return (rc_scaled)((int64_t)rc_face_advance(fonts.faces[f], cp) * factor * RC_PT(10) / 1000000);
}

static void test_builder(void)
{
    rc_para p;
    /* “Quoted, text.” justified: the quote hangs left, the comma and the period right */
    build(&p, "\xe2\x80\x9cQuoted, *text.*", RC_ALIGN_JUSTIFY, 1, NULL);
    CHECK_INT(p.items[0].type, RC_ITEM_BOX);
    CHECK_INT(p.items[0].margin_left, hang(RC_FACE_REGULAR, 0x201C, 500));
    CHECK_INT(p.items[0].margin_right, hang(RC_FACE_REGULAR, ',', 500));
    CHECK(p.items[0].margin_right > RC_PT(1));
    CHECK(p.items[0].expandable);
    CHECK_INT(p.items[2].margin_left, hang(RC_FACE_ITALIC, 't', 230)); /* cmr-it's italic t */
    CHECK_INT(p.items[2].margin_right, hang(RC_FACE_ITALIC, '.', 500));
    rc_para_release(&p);
    /* ragged text and a style without protrusion hang nothing */
    build(&p, "\xe2\x80\x9cQuoted, text.", RC_ALIGN_LEFT, 1, NULL);
    for (size_t i = 0; i < p.n; i++)
        CHECK(p.items[i].margin_left == 0 && p.items[i].margin_right == 0);
    rc_para_release(&p);
    build(&p, "\xe2\x80\x9cQuoted, text.", RC_ALIGN_JUSTIFY, 0, NULL);
    for (size_t i = 0; i < p.n; i++)
        CHECK(p.items[i].margin_left == 0 && p.items[i].margin_right == 0);
    rc_para_release(&p);
    /* a hyphenation point's hyphen hangs right; an icon is no glyph to expand */
    rc_diags d;
    rc_diags_init(&d);
    rc_hyph *h = rc_hyph_open(NULL, (rc_pos){0}, &d);
    CHECK(h != NULL);
    build(&p, "extraordinary", RC_ALIGN_JUSTIFY, 1, h);
    size_t hyphens = 0;
    for (size_t i = 0; i < p.n; i++)
        if (p.items[i].type == RC_ITEM_PENALTY && p.items[i].discretionary) {
            hyphens++;
            CHECK_INT(p.items[i].margin_right, hang(RC_FACE_REGULAR, '-', 500));
            CHECK(p.items[i].expandable);
        }
    CHECK(hyphens > 0);
    rc_para_release(&p);
    rc_hyph_close(h);
    rc_diags_release(&d);
}

int main(void)
{
    rc_arena_init(&arena);
    rc_diags d;
    rc_diags_init(&d);
    if (rc_test_shipped_fonts(&fonts, &d) < 0)
        return rc_test_report("test_protrude");
    test_tables();
    test_charter();
    test_builder();
    rc_fonts_release(&fonts);
    rc_diags_release(&d);
    rc_arena_release(&arena);
    return rc_test_report("test_protrude");
}
