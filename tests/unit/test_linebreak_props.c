/*
 * Property tests of the line breaker on random paragraphs (fixed seeds):
 *   1. a line the breaker does not report overfull fits its width: its
 *      natural width minus its shrink is at most the width, computed here
 *      independently of the breaker;
 *   2. Knuth-Plass's total demerits are never worse than first fit's, when
 *      first fit's lines are all acceptable (so its solution is one that
 *      total fit considered: pass 1 skipped, pretolerance < 0).
 */
#include "harness.h"
#include "linebreak.h"

#include <stdlib.h>

static uint32_t rng = 12345;

static uint32_t next(void)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 8) & 0xFFFFFF;
}

typedef struct para {
    rc_item v[2048];
    size_t n;
} para;

static void add(para *p, rc_item_type t, rc_scaled w, rc_scaled st, rc_scaled sh, int pen,
                int flagged, int disc)
{
    rc_item *it = &p->v[p->n++];
    memset(it, 0, sizeof(*it));
    it->type = t;
    it->width = w;
    it->stretch = st;
    it->shrink = sh;
    it->penalty = pen;
    it->flagged = (uint8_t)flagged;
    it->discretionary = (uint8_t)disc;
}

/* Words of 1-12 letters at 5pt, a hyphenation point in some long words, TeX's end. */
static void random_para(para *p, size_t words)
{
    p->n = 0;
    for (size_t i = 0; i < words; i++) {
        if (i)
            add(p, RC_ITEM_GLUE, RC_PT(3.33), RC_PT(1.67), RC_PT(1.11), 0, 0, 0);
        int len = 1 + (int)(next() % 12);
        if (len >= 7 && next() % 2) {
            int cut = 2 + (int)(next() % (unsigned)(len - 4));
            add(p, RC_ITEM_BOX, RC_PT(5) * cut, 0, 0, 0, 0, 0);
            add(p, RC_ITEM_PENALTY, RC_PT(3.33), 0, 0, 50, 1, 1);
            add(p, RC_ITEM_BOX, RC_PT(5) * (len - cut), 0, 0, 0, 0, 0);
        } else {
            add(p, RC_ITEM_BOX, RC_PT(5) * len, 0, 0, 0, 0, 0);
        }
    }
    add(p, RC_ITEM_PENALTY, 0, 0, 0, RC_INF_PENALTY, 0, 0);
    add(p, RC_ITEM_GLUE, 0, RC_PT(10000), 0, 0, 0, 0);
    add(p, RC_ITEM_PENALTY, 0, 0, 0, RC_EJECT_PENALTY, 0, 0);
}

/* Natural width and shrink of the line [from, brk), as TeX measures it (§851). */
static void measure(const para *p, size_t from, size_t brk, int64_t *w, int64_t *shrink)
{
    while (from < brk && p->v[from].type != RC_ITEM_BOX)
        from++; /* discardables after a break vanish */
    *w = *shrink = 0;
    for (size_t i = from; i < brk; i++) {
        if (p->v[i].type == RC_ITEM_PENALTY)
            continue;
        *w += p->v[i].width;
        *shrink += p->v[i].shrink;
    }
    if (p->v[brk].type == RC_ITEM_PENALTY)
        *w += p->v[brk].width; /* the hyphen */
}

static int lines_fit(const para *p, const rc_breaks *b, rc_scaled width)
{
    size_t from = 0;
    for (size_t k = 0; k < b->n; k++) {
        int64_t w, sh;
        measure(p, from, b->v[k].index, &w, &sh);
        if (!b->v[k].overfull && w - sh > width)
            return 0;
        from = b->v[k].index + 1;
    }
    return 1;
}

int main(void)
{
    static para p;
    const rc_scaled widths[] = {RC_PT(150), RC_PT(200), RC_PT(284.5), RC_PT(475)};
    int compared = 0, overfull_paragraphs = 0;
    for (int trial = 0; trial < 2000; trial++) {
        random_para(&p, 5 + next() % 120);
        rc_scaled w = widths[trial % 4];
        rc_lb_params kp;
        rc_lb_params_default(&kp);
        kp.pretolerance = -1; /* one candidate set for both: hyphens allowed */
        rc_lb_params ff = kp;
        ff.first_fit = 1;
        rc_breaks a, b;
        rc_breaks_init(&a);
        rc_breaks_init(&b);
        int ra = rc_linebreak(p.v, p.n, &w, 1, &kp, &a);
        int rb = rc_linebreak(p.v, p.n, &w, 1, &ff, &b);
        overfull_paragraphs += ra;
        CHECK(lines_fit(&p, &a, w));
        CHECK(lines_fit(&p, &b, w));
        CHECK(a.n > 0 && a.v[a.n - 1].index == p.n - 1);
        int acceptable = rb == 0;
        for (size_t k = 0; k < b.n && acceptable; k++)
            acceptable = b.v[k].badness <= kp.tolerance;
        if (acceptable && a.pass == 2) {
            compared++;
            if (a.total_demerits > b.total_demerits)
                fprintf(stderr, "trial %d: total fit %lld > first fit %lld\n", trial,
                        (long long)a.total_demerits, (long long)b.total_demerits);
            CHECK(a.total_demerits <= b.total_demerits);
        }
        rc_breaks_release(&a);
        rc_breaks_release(&b);
    }
    fprintf(stderr, "compared %d paragraphs with first fit; %d had an overfull line\n", compared,
            overfull_paragraphs);
    CHECK(compared > 200); /* the property was actually exercised */
    return rc_test_report("test_linebreak_props");
}
