/*
 * Unit tests for the breaker's microtypography (linebreak.h): margin
 * protrusion and font expansion as pdfTeX's \pdfprotrudechars=2 and
 * \pdfadjustspacing=2 do them, and where the design turns them on.
 *
 * Paragraphs are made of boxes of given widths (glyphs unless said
 * otherwise), interword glue of 3pt plus 1.5pt minus 1pt, and TeX's
 * paragraph end (§816): penalty 10000, \parfillskip, penalty -10000.
 */
#include "design.h"
#include "linebreak.h"
#include "theme.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"

typedef struct para {
    rc_item v[64];
    size_t n;
} para;

static rc_item *push(para *p, rc_item_type type)
{
    rc_item *it = &p->v[p->n++];
    memset(it, 0, sizeof(*it));
    it->type = type;
    return it;
}

/* A word of glyphs w pt wide; its end glyphs hang ml and mr pt into the margins. */
static void word(para *p, double w, double ml, double mr)
{
    rc_item *it = push(p, RC_ITEM_BOX);
    it->width = RC_PT(w);
    it->expandable = 1;
    it->margin_left = RC_PT(ml);
    it->margin_right = RC_PT(mr);
}

static void space(para *p)
{
    rc_item *it = push(p, RC_ITEM_GLUE);
    it->width = RC_PT(3);
    it->stretch = RC_PT(1.5);
    it->shrink = RC_PT(1);
}

/* A hyphenation point: the hyphen is h pt wide and hangs mr pt out. */
static void hyphen(para *p, double h, double mr)
{
    rc_item *it = push(p, RC_ITEM_PENALTY);
    it->penalty = 50;
    it->flagged = 1;
    it->width = RC_PT(h);
    it->margin_right = RC_PT(mr);
    it->expandable = 1;
}

static void end_par(para *p)
{
    push(p, RC_ITEM_PENALTY)->penalty = RC_INF_PENALTY;
    rc_item *g = push(p, RC_ITEM_GLUE);
    g->stretch = RC_FIL;
    push(p, RC_ITEM_PENALTY)->penalty = RC_EJECT_PENALTY;
}

static rc_lb_params plain(void)
{
    rc_lb_params lb;
    rc_lb_params_default(&lb);
    return lb;
}

static rc_lb_params expanding(int limit, int step)
{
    rc_lb_params lb = plain();
    lb.expand_stretch = lb.expand_shrink = limit;
    lb.expand_step = step;
    return lb;
}

static void breaks(const para *p, double width, const rc_lb_params *lb, rc_breaks *br)
{
    rc_scaled w = RC_PT(width);
    rc_linebreak(p->v, p->n, &w, 1, lb, br);
}

/* ---- protrusion ------------------------------------------------------- */

/*
 * A line whose last glyph hangs 2pt out may hold 2pt more: three words of
 * 50pt with spaces that cannot shrink, in a 102pt measure. The first two
 * words and their space are 103pt: without protrusion every word is a line
 * of its own; with it the first line holds two words and ends 1pt into the
 * margin.
 */
static void test_protrusion_holds_more(void)
{
    para p = {0};
    word(&p, 50, 0, 0);
    space(&p);
    p.v[p.n - 1].shrink = 0;
    word(&p, 50, 0, 2);
    space(&p);
    p.v[p.n - 1].shrink = 0;
    word(&p, 50, 0, 0);
    end_par(&p);

    rc_breaks br;
    rc_breaks_init(&br);
    rc_lb_params lb = plain();
    breaks(&p, 102, &lb, &br);
    CHECK_INT(br.n, 3);
    CHECK_INT(br.v[0].margin_right, 0);

    lb.protrude = 1;
    breaks(&p, 102, &lb, &br);
    CHECK_INT(br.n, 2);
    CHECK_INT(br.v[0].index, 3); /* after the second word */
    CHECK_INT(br.v[0].margin_right, RC_PT(2));
    CHECK(!br.v[0].overfull);
    /* 103pt of material in 102 + 2pt: 1pt of stretch left for the space */
    CHECK_INT(br.v[0].ratio, RC_UNITY * 2 / 3);
    /* the paragraph's last line ends in its \parfillskip: nothing hangs */
    CHECK_INT(br.v[1].margin_right, 0);
    rc_breaks_release(&br);
}

/* The hyphen of a hyphen break hangs out, and the next line's first glyph on the left. */
static void test_protrusion_hyphen_and_left(void)
{
    para p = {0};
    word(&p, 60, 0, 0.5);
    space(&p);
    word(&p, 30, 0, 0);
    hyphen(&p, 3.33, 1.67);
    word(&p, 30, 0.8, 0); /* "“word": the opening quote hangs left */
    space(&p);
    word(&p, 60, 0, 0);
    end_par(&p);

    rc_breaks br;
    rc_breaks_init(&br);
    rc_lb_params lb = plain();
    lb.protrude = 1;
    lb.pretolerance = -1; /* hyphenation points from the start */
    /* 60 + 3 + 30 + 3.33 = 96.33pt fills 95pt with the hyphen hanging out */
    breaks(&p, 95, &lb, &br);
    CHECK_INT(br.n, 2);
    CHECK_INT(br.v[0].index, 3);
    CHECK_INT(br.v[0].margin_right, RC_PT(1.67));
    CHECK_INT(br.v[0].margin_left, 0);
    CHECK_INT(br.v[1].margin_left, RC_PT(0.8));
    /* without protrusion the same breaks report no margins */
    lb.protrude = 0;
    breaks(&p, 95, &lb, &br);
    CHECK_INT(br.v[0].margin_right, 0);
    CHECK_INT(br.v[1].margin_left, 0);
    /* first fit measures the same way */
    lb.protrude = 1;
    lb.first_fit = 1;
    breaks(&p, 95, &lb, &br);
    CHECK_INT(br.v[0].index, 3);
    CHECK_INT(br.v[0].margin_right, RC_PT(1.67));
    CHECK_INT(br.v[1].margin_left, RC_PT(0.8));
    rc_breaks_release(&br);
}

/* ---- expansion --------------------------------------------------------- */

/* Two words of 100pt and a space, then a last line: one full line to measure. */
static void two_lines(para *p)
{
    word(p, 100, 0, 0);
    space(p);
    word(p, 100, 0, 0);
    space(p);
    word(p, 100, 0, 0);
    end_par(p);
}

/* The glyphs take up the shortfall first (pdfTeX's order), in steps. */
static void test_expansion_first(void)
{
    para p = {0};
    two_lines(&p);
    rc_breaks br;
    rc_breaks_init(&br);
    /* 203pt of material, 205pt to fill: 200pt of glyphs stretch by 1% */
    rc_lb_params lb = expanding(20, 1);
    breaks(&p, 205, &lb, &br);
    CHECK_INT(br.n, 2);
    CHECK_INT(br.v[0].expand, 10);
    CHECK_INT(br.v[0].ratio, 0);
    /* steps of 3 thousandths: 9, and the space stretches by the last 0.2pt */
    lb.expand_step = 3;
    breaks(&p, 205, &lb, &br);
    CHECK_INT(br.v[0].expand, 9);
    CHECK_INT(br.v[0].ratio, (int32_t)((int64_t)RC_PT(0.2) * RC_UNITY / RC_PT(1.5)));
    /* shrinking: 201pt to fill, the glyphs give 1% */
    lb.expand_step = 1;
    breaks(&p, 201, &lb, &br);
    CHECK_INT(br.v[0].expand, -10);
    CHECK_INT(br.v[0].ratio, 0);
    /* the paragraph's last line is filled by its \parfillskip, never expanded */
    CHECK_INT(br.v[1].expand, 0);
    /* off: the space does it all */
    lb = plain();
    breaks(&p, 205, &lb, &br);
    CHECK_INT(br.v[0].expand, 0);
    CHECK_INT(br.v[0].ratio, (int32_t)((int64_t)RC_PT(2) * RC_UNITY / RC_PT(1.5)));
    rc_breaks_release(&br);
}

/* Never more than 2% either way, whatever the parameters ask. */
static void test_expansion_bounded(void)
{
    para p = {0};
    two_lines(&p);
    rc_breaks br;
    rc_breaks_init(&br);
    rc_lb_params lb = expanding(1000, 1);
    breaks(&p, 215, &lb, &br); /* 12pt short: 6% of the glyphs */
    CHECK_INT(br.v[0].expand, RC_EXPAND_MAX);
    CHECK_INT(br.v[0].ratio, (int32_t)((int64_t)RC_PT(8) * RC_UNITY / RC_PT(1.5)));
    breaks(&p, 198, &lb, &br); /* 5pt too long: the space shrinks its 1pt, the glyphs 2% */
    CHECK_INT(br.v[0].expand, -RC_EXPAND_MAX);
    CHECK_INT(br.v[0].ratio, -RC_UNITY);
    CHECK(!br.v[0].overfull);
    /* every line of a long paragraph, breaker and first fit alike */
    para q = {0};
    for (int i = 0; i < 20; i++) {
        word(&q, 20 + (i * 7) % 30, 0, 0);
        space(&q);
    }
    q.n--;
    end_par(&q);
    for (int ff = 0; ff < 2; ff++)
        for (double w = 80; w <= 200; w += 7) {
            lb.first_fit = ff;
            breaks(&q, w, &lb, &br);
            for (size_t k = 0; k < br.n; k++)
                CHECK(br.v[k].expand >= -RC_EXPAND_MAX && br.v[k].expand <= RC_EXPAND_MAX);
        }
    rc_breaks_release(&br);
}

/* Boxes that are no glyphs (an icon, a strut) are not scaled. */
static void test_expansion_only_glyphs(void)
{
    para p = {0};
    two_lines(&p);
    p.v[0].expandable = p.v[2].expandable = 0;
    rc_breaks br;
    rc_breaks_init(&br);
    rc_lb_params lb = expanding(20, 1);
    breaks(&p, 205, &lb, &br);
    CHECK_INT(br.v[0].expand, 0);
    rc_breaks_release(&br);
}

/*
 * What expansion is for: a line that the spaces alone would set too loose
 * for the first pass (2pt short with 1.5pt of stretch: badness 800) fits
 * with 1% of the glyphs, so the paragraph needs no hyphenation pass.
 */
static void test_expansion_spares_a_pass(void)
{
    para p = {0};
    two_lines(&p);
    rc_breaks br;
    rc_breaks_init(&br);
    rc_lb_params lb = plain();
    breaks(&p, 205, &lb, &br);
    CHECK(br.pass > 1);
    lb = expanding(20, 1);
    breaks(&p, 205, &lb, &br);
    CHECK_INT(br.pass, 1);
    CHECK_INT(br.v[0].badness, 0);
    rc_breaks_release(&br);
}

/* ---- where the design turns them on --------------------------------------- */

static int style_of(const char *theme, const char *path, const char *value, rc_style *st)
{
    rc_design_value v = {path, {value, {"cv.yaml", 9, 5}}};
    rc_cv cv = {0};
    cv.show_footer = -1;
    cv.theme = (rc_text){theme, {"cv.yaml", 8, 10}};
    if (path)
        cv.design = (rc_design_values){&v, 1, 1};
    rc_arena a;
    rc_arena_init(&a);
    rc_diags d;
    rc_diags_init(&d);
    int rc = rc_style_load(st, &cv, &a, &d);
    rc_diags_release(&d);
    rc_arena_release(&a);
    return rc;
}

static void test_design(void)
{
    rc_style st;
    /* every theme protrudes; only latex expands */
    for (const rc_theme_source *t = rc_theme_sources; t->name; t++) {
        CHECK_INT(style_of(t->name, NULL, NULL, &st), 0);
        CHECK_INT(st.lb.protrude, 1);
        int latex = !strcmp(t->name, "latex");
        if (latex != (st.lb.expand_stretch == RC_EXPAND_MAX))
            fprintf(stderr, "theme %s: expansion %d\n", t->name, st.lb.expand_stretch);
        CHECK_INT(st.lb.expand_stretch, latex ? RC_EXPAND_MAX : 0);
        CHECK_INT(st.lb.expand_shrink, latex ? RC_EXPAND_MAX : 0);
    }
    /* the CV's design turns either off or on */
    CHECK_INT(style_of("latex", "typography.font_expansion", "false", &st), 0);
    CHECK_INT(st.lb.expand_stretch, 0);
    CHECK_INT(style_of("classic", "typography.font_expansion", "true", &st), 0);
    CHECK_INT(st.lb.expand_stretch, RC_EXPAND_MAX);
    CHECK_INT(st.lb.expand_step, 1);
    CHECK_INT(style_of("classic", "typography.margin_protrusion", "false", &st), 0);
    CHECK_INT(st.lb.protrude, 0);
    /* a value that is no flag is an error */
    CHECK_INT(style_of("classic", "typography.font_expansion", "2%", &st), -1);
}

int main(void)
{
    test_protrusion_holds_more();
    test_protrusion_hyphen_and_left();
    test_expansion_first();
    test_expansion_bounded();
    test_expansion_only_glyphs();
    test_expansion_spares_a_pass();
    test_design();
    return rc_test_report("test_linebreak_micro");
}
