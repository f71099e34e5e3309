/*
 * Unit tests for linebreak: Knuth-Plass total fit (tex.web §813-890) and
 * first fit.
 *
 * Paragraphs are built with a tiny helper: a word of c characters is a box
 * of c*5pt, words are separated by glue 3pt plus 1.5pt minus 1pt, and the
 * paragraph ends as TeX's does (§816): penalty 10000, \parfillskip (here a
 * finite 10000pt of stretch), penalty -10000.
 *
 * The strongest check is an oracle written independently of the breaker:
 * an exhaustive search over every sequence of feasible lines of a small
 * paragraph, scoring each with TeX's badness (§108) and demerits (§859),
 * and simulating the passes of §863. The breaker must find the same
 * minimum on many random paragraphs (fixed seeds), and the same breaks
 * whenever the optimum is unique.
 */
#include "linebreak.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define CHAR_W RC_PT(5)
#define FILL RC_PT(10000)
#define MAXL 128 /* lines the oracle tracks */

/* ---- paragraph builder ---------------------------------------------- */

typedef struct para {
    rc_item *v;
    size_t n, cap;
    char **txt; /* per item: the text of a box (NULL otherwise), for render() */
    size_t ntxt, captxt;
} para;

static rc_item *push(para *p, rc_item_type type)
{
    RC_VEC_PUSH(p->v, p->n, p->cap);
    rc_item *it = &p->v[p->n++];
    memset(it, 0, sizeof(*it));
    it->type = type;
    it->payload = (uint32_t)(p->n - 1);
    return it;
}

static void box_w(para *p, rc_scaled w)
{
    push(p, RC_ITEM_BOX)->width = w;
}

static void box(para *p, int chars)
{
    box_w(p, chars * CHAR_W);
}

static void glue_wss(para *p, rc_scaled w, rc_scaled st, rc_scaled sh)
{
    rc_item *it = push(p, RC_ITEM_GLUE);
    it->width = w;
    it->stretch = st;
    it->shrink = sh;
}

static void glue(para *p)
{
    glue_wss(p, RC_PT(3), RC_PT(1.5), RC_PT(1));
}

static void penalty(para *p, int pen, int flagged, int discretionary, rc_scaled w)
{
    rc_item *it = push(p, RC_ITEM_PENALTY);
    it->penalty = pen;
    it->flagged = (uint8_t)flagged;
    it->discretionary = (uint8_t)discretionary;
    it->width = w;
}

/* An automatic hyphenation point inside a word (hyphen 5pt, penalty 50). */
static void hyph(para *p)
{
    penalty(p, 50, 1, 1, CHAR_W);
}

static void end_par(para *p)
{
    penalty(p, RC_INF_PENALTY, 0, 0, 0);
    glue_wss(p, 0, FILL, 0);
    penalty(p, RC_EJECT_PENALTY, 0, 0, 0);
}

/* Words of the given lengths separated by interword glue, then the end. */
static void words(para *p, const int *len, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            glue(p);
        box(p, len[i]);
    }
    end_par(p);
}

static void set_text(para *p, const char *s, size_t len)
{
    while (p->ntxt < p->n) {
        RC_VEC_PUSH(p->txt, p->ntxt, p->captxt);
        p->txt[p->ntxt++] = NULL;
    }
    char *t = rc_xmalloc(len + 1);
    memcpy(t, s, len);
    t[len] = 0;
    p->txt[p->n - 1] = t;
}

/*
 * A paragraph from text: words are boxes of 5pt per character separated
 * by interword glue; inside a word '-' is an automatic hyphenation point
 * (discretionary, flagged, penalty 50, a 5pt hyphen when taken) and '='
 * an explicit hyphen (the hyphen is in the box, followed by a flagged
 * penalty 50 that is not discretionary); '/' is a forced break (\hfil
 * then penalty -10000). Then the paragraph end.
 */
static void text(para *p, const char *s)
{
    while (*s) {
        if (*s == ' ') {
            glue(p);
            s++;
        } else if (*s == '/') {
            glue_wss(p, 0, FILL, 0);
            penalty(p, RC_EJECT_PENALTY, 0, 0, 0);
            s++;
        } else if (*s == '-') {
            hyph(p);
            s++;
        } else if (*s == '=') {
            penalty(p, 50, 1, 0, 0);
            s++;
        } else {
            size_t len = strcspn(s, " /-=");
            char buf[64];
            snprintf(buf, sizeof(buf), "%.*s%s", (int)len, s, s[len] == '=' ? "-" : "");
            box(p, (int)strlen(buf));
            set_text(p, buf, strlen(buf));
            s += len;
        }
    }
    end_par(p);
}

/* The lines of a broken paragraph as text, separated by '|'; a line
 * ending at a hyphen break shows the hyphen. Returns a static buffer. */
static const char *render(const para *p, const rc_breaks *br)
{
    static char out[4096];
    size_t o = 0, from = 0;
    out[0] = 0;
    for (size_t k = 0; k < br->n; k++) {
        size_t j = br->v[k].index;
        if (o + 8 >= sizeof(out))
            break;
        if (k)
            out[o++] = '|';
        for (size_t i = from; i < j && i < p->n; i++) {
            const rc_item *it = &p->v[i];
            const char *t = NULL;
            if (it->type == RC_ITEM_BOX)
                t = i < p->ntxt && p->txt[i] ? p->txt[i] : "#";
            else if (it->type == RC_ITEM_GLUE && i > from && it->width > 0)
                t = " ";
            if (t && o + strlen(t) + 2 < sizeof(out)) {
                memcpy(out + o, t, strlen(t));
                o += strlen(t);
            }
        }
        if (j < p->n && p->v[j].type == RC_ITEM_PENALTY && p->v[j].flagged && p->v[j].width > 0)
            out[o++] = '-';
        from = j + 1;
        while (from < p->n && p->v[from].type != RC_ITEM_BOX)
            from++;
    }
    out[o] = 0;
    return out;
}

static void para_free(para *p)
{
    for (size_t i = 0; i < p->ntxt; i++)
        free(p->txt[i]);
    free(p->txt);
    free(p->v);
    memset(p, 0, sizeof(*p));
}

static rc_lb_params defaults(void)
{
    rc_lb_params p;
    rc_lb_params_default(&p);
    return p;
}

/* ---- oracle: exhaustive search over feasible break sequences ---------- */

/* TeX's badness, §108, written out again for the oracle. */
static int ref_badness(int64_t t, int64_t s)
{
    if (t == 0)
        return 0;
    if (s <= 0)
        return 10000;
    int64_t r;
    if (t <= 7230584)
        r = t * 297 / s;
    else if (s >= 1663497)
        r = t / (s / 297);
    else
        r = t;
    if (r > 1290)
        return 10000;
    return (int)((r * r * r + 131072) / 262144);
}

typedef struct oracle {
    const rc_item *it;
    size_t n;
    const rc_scaled *widths;
    size_t nwidths;
    const rc_lb_params *p;
    int threshold, use_disc;
    int64_t extra_stretch;
    /* results */
    int found;
    int64_t best;
    long nbest;                 /* sequences achieving best */
    size_t best_path[MAXL], best_len;
    int64_t by_lines[MAXL];     /* best total per line count (INT64_MAX: none) */
    size_t path[MAXL];
    long leaves;
} oracle;

/* Is item j a legal break? Sets its penalty and whether it is flagged. */
static int ref_legal(const oracle *o, size_t j, int *pi, int *hyph_type)
{
    const rc_item *it = &o->it[j];
    *hyph_type = 0;
    if (j == o->n - 1) {
        *pi = -10000;
        *hyph_type = 1; /* the paragraph end counts as hyphenated, §829 */
        return 1;
    }
    if (it->type == RC_ITEM_GLUE) {
        *pi = 0;
        return j > 0 && o->it[j - 1].type == RC_ITEM_BOX;
    }
    if (it->type == RC_ITEM_PENALTY) {
        if (it->penalty >= 10000 || (it->discretionary && !o->use_disc))
            return 0;
        *pi = it->penalty <= -10000 ? -10000 : it->penalty;
        *hyph_type = it->flagged;
        return 1;
    }
    return 0;
}

/* Signed sums of items [0, end): width, stretch, shrink. */
static void ref_sum(const oracle *o, size_t end, int64_t *w, int64_t *st, int64_t *sh)
{
    *w = *st = *sh = 0;
    for (size_t i = 0; i < end; i++) {
        const rc_item *it = &o->it[i];
        if (it->type == RC_ITEM_PENALTY)
            continue;
        *w += it->width;
        if (it->type == RC_ITEM_GLUE) {
            *st += it->stretch;
            *sh += it->shrink;
        }
    }
}

/* First item a line after a break at j keeps: the next box (§879). */
static size_t ref_line_start(const oracle *o, size_t j)
{
    size_t k = j + 1;
    while (k < o->n && o->it[k].type != RC_ITEM_BOX)
        k++;
    return k;
}

/* Badness and fitness of the line from item `from` to break j, line k. */
static int ref_line(const oracle *o, size_t from, size_t j, size_t k, int *fit, int64_t extra)
{
    int64_t w0, st0, sh0, w1, st1, sh1;
    ref_sum(o, from, &w0, &st0, &sh0);
    const rc_item *it = &o->it[j];
    ref_sum(o, it->type == RC_ITEM_BOX ? j + 1 : j, &w1, &st1, &sh1);
    if (it->type == RC_ITEM_PENALTY)
        w1 += it->width;
    int64_t lw = o->widths[k < o->nwidths ? k : o->nwidths - 1];
    int64_t w = w1 - w0, st = st1 - st0 + extra, sh = sh1 - sh0;
    int64_t shortfall = lw - w;
    int b;
    if (shortfall > 0) {
        b = ref_badness(shortfall, st);
        *fit = b > 99 ? 0 : b > 12 ? 1 : 2;
    } else {
        b = -shortfall > sh ? 10001 : ref_badness(-shortfall, sh);
        *fit = b > 12 ? 3 : 2;
    }
    return b;
}

static int64_t ref_demerits(const rc_lb_params *p, int b, int pi, int type, int at_end, int fit,
                            int prev_fit, int prev_type)
{
    int64_t d = p->line_penalty + b;
    d = (d >= 10000 || d <= -10000) ? 100000000 : d * d;
    if (pi > 0)
        d += (int64_t)pi * pi;
    else if (pi < 0 && pi > -10000)
        d -= (int64_t)pi * pi;
    if (type && prev_type)
        d += at_end ? p->final_hyphen_demerits : p->double_hyphen_demerits;
    if (abs(fit - prev_fit) > 1)
        d += p->adj_demerits;
    return d;
}

static void ref_dfs(oracle *o, size_t prev_brk, size_t from, size_t k, int prev_fit,
                    int prev_type, int64_t total)
{
    if (k >= MAXL)
        return;
    for (size_t j = (k == 0 ? 0 : prev_brk + 1); j < o->n; j++) {
        int pi, type;
        if (!ref_legal(o, j, &pi, &type))
            continue;
        int fit;
        int b = ref_line(o, from, j, k, &fit, o->extra_stretch);
        if (b > 10000)
            break; /* overfull: r is deactivated (§851) */
        if (b <= o->threshold) {
            int at_end = j == o->n - 1;
            int64_t t = total + ref_demerits(o->p, b, pi, type, at_end, fit, prev_fit, prev_type);
            o->path[k] = j;
            if (at_end) {
                o->leaves++;
                if (!o->found || t < o->best) {
                    o->found = 1;
                    o->best = t;
                    o->nbest = 1;
                    o->best_len = k + 1;
                    memcpy(o->best_path, o->path, (k + 1) * sizeof(size_t));
                } else if (t == o->best) {
                    o->nbest++;
                }
                if (t < o->by_lines[k + 1])
                    o->by_lines[k + 1] = t;
            } else {
                ref_dfs(o, j, ref_line_start(o, j), k + 1, fit, type, t);
            }
        }
        if (pi == -10000)
            break; /* no line goes past a forced break */
    }
}

static void oracle_run(oracle *o, int threshold, int use_disc, int64_t extra)
{
    o->threshold = threshold > 10000 ? 10000 : threshold;
    o->use_disc = use_disc;
    o->extra_stretch = extra;
    o->found = 0;
    o->nbest = 0;
    o->leaves = 0;
    for (size_t i = 0; i < MAXL; i++)
        o->by_lines[i] = INT64_MAX;
    ref_dfs(o, 0, 0, 0, 2, 0, 0);
}

static void oracle_init(oracle *o, const para *pa, const rc_scaled *w, size_t nw,
                        const rc_lb_params *p)
{
    memset(o, 0, sizeof(*o));
    o->it = pa->v;
    o->n = pa->n;
    o->widths = w;
    o->nwidths = nw;
    o->p = p;
}

/*
 * The passes of §863 (looseness 0): returns the pass that succeeds (1, 2
 * or 3), or 0 when only the final-pass rescue (§854) could set it.
 */
static int oracle_solve(oracle *o)
{
    const rc_lb_params *p = o->p;
    if (p->pretolerance >= 0) {
        oracle_run(o, p->pretolerance, 0, 0);
        if (o->found)
            return 1;
    }
    oracle_run(o, p->tolerance, 1, 0);
    if (o->found)
        return 2;
    if (p->emergency_stretch > 0) {
        oracle_run(o, p->tolerance, 1, p->emergency_stretch);
        if (o->found)
            return 3;
    }
    return 0;
}

/*
 * Score the breaker's own breaks with the oracle's formulas: checks that
 * every break is legal in that pass, that lines are in order, that badness,
 * fitness and overfull are right, and that the per-line demerits it reports
 * are the ones §859 gives, except that in a final pass a line ending at a
 * forced break may carry the artificial zero of §854 (TeX gives it when a
 * single active node is left). *formula_total gets the §859 sum. Returns 1
 * when all is consistent.
 */
static int rescore(const para *pa, const rc_scaled *w, size_t nw, const rc_lb_params *p,
                   const rc_breaks *br, int use_disc, int64_t extra, int final_pass,
                   int64_t *formula_total)
{
    oracle o;
    oracle_init(&o, pa, w, nw, p);
    o.use_disc = use_disc;
    if (br->n == 0 || br->v[br->n - 1].index != pa->n - 1)
        return 0;
    size_t from = 0, prev = 0;
    int prev_fit = 2, prev_type = 0;
    int64_t total = 0, ftotal = 0;
    for (size_t k = 0; k < br->n; k++) {
        size_t j = br->v[k].index;
        int pi, type, fit;
        if ((k > 0 && j <= prev) || j >= pa->n || !ref_legal(&o, j, &pi, &type))
            return 0;
        int b = ref_line(&o, from, j, k, &fit, extra);
        if (br->v[k].overfull != (b > 10000))
            return 0;
        if (b <= 10000 && (br->v[k].badness != b || br->v[k].fitness != fit))
            return 0;
        int64_t d = ref_demerits(p, b, pi, type, j == pa->n - 1, fit, prev_fit, prev_type);
        int artificial = final_pass && br->v[k].demerits == 0 && (pi == -10000 || b > 10000);
        if (br->v[k].demerits != d && !artificial)
            return 0;
        total += br->v[k].demerits;
        ftotal += d;
        prev_fit = fit;
        prev_type = type;
        prev = j;
        from = ref_line_start(&o, j);
    }
    if (formula_total)
        *formula_total = ftotal;
    return total == br->total_demerits;
}

/* ---- random paragraphs ------------------------------------------------ */

/* A fixed LCG, so that every platform sees the same paragraphs; callers
 * take one rnd() per expression (argument order is unspecified). */
static uint32_t rng_state;

static uint32_t rnd(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 8) & 0xFFFFFF;
}

/* A paragraph of nw words with hyphenation points, explicit hyphens, odd
 * penalties and forced breaks sprinkled in; loose != 0 gives the
 * interword glue twice the usual stretch, so that more break sequences
 * are feasible. */
static void random_para(para *pa, int nw, int loose)
{
    rc_scaled st = loose ? RC_PT(3) : RC_PT(1.5);
    for (int i = 0; i < nw; i++) {
        if (i) {
            uint32_t r = rnd() % 40;
            if (r == 0) {
                glue_wss(pa, 0, FILL, 0); /* \hfil\break */
                penalty(pa, RC_EJECT_PENALTY, 0, 0, 0);
            } else if (r < 3) {
                penalty(pa, (int)(rnd() % 601) - 300, 0, 0, 0);
                glue_wss(pa, RC_PT(3), st, RC_PT(1));
            } else {
                glue_wss(pa, RC_PT(3), st, RC_PT(1));
            }
        }
        int len = 1 + (int)(rnd() % 12);
        uint32_t r = rnd() % 8;
        if (len >= 5 && r < 3) {
            int a = 2 + (int)(rnd() % (uint32_t)(len - 3));
            box(pa, a);
            hyph(pa);
            box(pa, len - a);
        } else if (len >= 4 && r == 3) {
            int a = 2 + (int)(rnd() % (uint32_t)(len - 3));
            box(pa, a); /* "e-" */
            penalty(pa, 50, 1, 0, 0);
            box(pa, len - a);
        } else {
            box(pa, len);
        }
    }
    end_par(pa);
}

static void test_against_oracle(void)
{
    static const int tols[] = {200, 400, 1000, 3000, 10000};
    int compared = 0, rescued = 0, sloppy = 0, unique = 0, by_pass[4] = {0, 0, 0, 0};
    int mismatches = 0;
    long total_leaves = 0;
    int multi = 0; /* paragraphs with more than one feasible sequence */
    for (uint32_t seed = 1; seed <= 4000; seed++) {
        rng_state = seed;
        para pa = {0};
        int tol = tols[rnd() % 5];
        /* with every line feasible the search is exponential: fewer words */
        int nwords = 4 + (int)(rnd() % (tol >= 3000 ? 7 : 15));
        int loose = (int)(rnd() % 2);
        random_para(&pa, nwords, loose);
        rc_scaled w[3];
        size_t nw = 1 + rnd() % 3;
        for (size_t i = 0; i < nw; i++)
            w[i] = (140 + (rc_scaled)(rnd() % 200)) * RC_UNITY;
        rc_lb_params p = defaults();
        p.pretolerance = rnd() % 4 == 0 ? -1 : 100;
        p.tolerance = tol;
        p.emergency_stretch = rnd() % 2 ? RC_PT(3) : 0;
        p.adj_demerits = rnd() % 3 ? 10000 : 0;
        p.double_hyphen_demerits = rnd() % 3 ? 10000 : 0;
        p.final_hyphen_demerits = rnd() % 3 ? 5000 : 0;
        p.line_penalty = rnd() % 4 ? 10 : 100;

        oracle o;
        oracle_init(&o, &pa, w, nw, &p);
        int want_pass = oracle_solve(&o);
        total_leaves += o.leaves;
        if (o.leaves > 1)
            multi++;
        rc_breaks br;
        rc_breaks_init(&br);
        int ret = rc_linebreak(pa.v, pa.n, w, nw, &p, &br);
        int ok = 1;
        int extra = br.pass >= 3 ? p.emergency_stretch : 0; /* pass 4 keeps pass 3's stretch */
        int final_pass = br.pass >= 3 || (br.pass == 2 && p.emergency_stretch <= 0);
        int64_t ftotal = 0;
        ok &= rescore(&pa, w, nw, &p, &br, br.pass >= 2, extra, final_pass, &ftotal);
        if (want_pass) {
            compared++;
            by_pass[want_pass]++;
            ok &= ret == 0 && br.pass == want_pass && ftotal == o.best;
            if (!final_pass)
                ok &= br.total_demerits == o.best;
            if (o.nbest == 1) {
                unique++;
                ok &= br.n == o.best_len;
                for (size_t k = 0; ok && k < br.n; k++)
                    ok &= br.v[k].index == o.best_path[k];
            }
        } else {
            /* only the rescue of §854 can set it: some line is overfull
             * or (at a forced break) too loose */
            rescued++;
            int any_overfull = 0;
            for (size_t k = 0; k < br.n; k++)
                any_overfull |= br.v[k].overfull;
            ok &= ret == any_overfull;
            /* the sloppy fourth pass only follows the emergency one */
            ok &= br.pass == (p.emergency_stretch > 0 ? 3 : 2) ||
                  (br.pass == 4 && p.emergency_stretch > 0);
            sloppy += br.pass == 4;
        }
        if (!ok && mismatches++ < 5)
            fprintf(stderr, "oracle mismatch: seed %u (pass %d/%d, total %lld/%lld)\n", seed,
                    br.pass, want_pass, (long long)br.total_demerits, (long long)o.best);
        rc_breaks_release(&br);
        para_free(&pa);
    }
    /* the generator must exercise every pass, the rescue, and paragraphs
     * with a real choice between several feasible sequences */
    fprintf(stderr,
            "oracle: %d compared (%d unique optimum, %d with a choice, %ld sequences; "
            "pass 1/2/3: %d/%d/%d), %d rescued (%d of them by the sloppy pass)\n",
            compared, unique, multi, total_leaves, by_pass[1], by_pass[2], by_pass[3], rescued,
            sloppy);
    CHECK_INT(mismatches, 0);
    CHECK(compared >= 3000);
    CHECK(unique >= 2500);
    CHECK(multi >= 500);
    CHECK(by_pass[1] >= 1000 && by_pass[2] >= 1000 && by_pass[3] >= 50);
    CHECK(rescued >= 500);
}

/* ---- hand-made cases ----------------------------------------------- */

typedef struct result {
    rc_breaks br;
    int ret;
    char lines[1024];
} result;

static result *run(const char *txt, const rc_scaled *w, size_t nw, const rc_lb_params *p)
{
    static result r;
    para pa = {0};
    text(&pa, txt);
    rc_breaks_release(&r.br);
    r.ret = rc_linebreak(pa.v, pa.n, w, nw, p, &r.br);
    snprintf(r.lines, sizeof(r.lines), "%s", render(&pa, &r.br));
    para_free(&pa);
    return &r;
}

static void test_defaults(void)
{
    rc_lb_params p;
    memset(&p, 0x55, sizeof(p));
    rc_lb_params_default(&p);
    CHECK_INT(p.pretolerance, 100);
    CHECK_INT(p.tolerance, 400);
    CHECK_INT(p.line_penalty, 10);
    CHECK_INT(p.hyphen_penalty, 50);
    CHECK_INT(p.ex_hyphen_penalty, 50);
    CHECK_INT(p.double_hyphen_demerits, 10000);
    CHECK_INT(p.final_hyphen_demerits, 5000);
    CHECK_INT(p.adj_demerits, 10000);
    CHECK_INT(p.looseness, 0);
    CHECK_INT(p.emergency_stretch, RC_PT(3));
    CHECK_INT(p.first_fit, 0);
}

/*
 * Three 50pt words, two on the first line: 103pt of material with 1.5pt
 * of stretch and 1pt of shrink. Every other break sequence is infeasible
 * (one word: no stretch at all; three: overfull), so the breaks are fixed
 * and the numbers below are §108/§851-859 by hand.
 */
static void test_known_line(void)
{
    rc_lb_params p = defaults();
    const char *t = "aaaaaaaaaa bbbbbbbbbb cccccccccc";
    rc_scaled w = RC_PT(104.2); /* 1.2pt short: ratio 0.8 */
    result *r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aaaaaaaaaa bbbbbbbbbb|cccccccccc");
    CHECK_INT(r->ret, 0);
    CHECK_INT(r->br.pass, 1);
    CHECK_INT(r->br.n, 2);
    CHECK_INT(r->br.v[0].index, 3);
    CHECK_INT(r->br.v[1].index, 7);
    /* shortfall 78643sp over 98304sp: 78643*65536/98304 = 52428.67 */
    CHECK_INT(r->br.v[0].ratio, 52428);
    /* r = 78643*297/98304 = 237; (237^3 + 2^17) / 2^18 = 51 */
    CHECK_INT(r->br.v[0].badness, 51);
    CHECK_INT(r->br.v[0].fitness, 1); /* loose: 12 < b <= 99 */
    CHECK_INT(r->br.v[0].demerits, 61 * 61);
    CHECK_INT(r->br.v[0].overfull, 0);
    /* last line: 54.2pt short over the 10000pt \parfillskip */
    CHECK_INT(r->br.v[1].badness, 0);
    CHECK_INT(r->br.v[1].fitness, 2);
    CHECK_INT(r->br.v[1].ratio, 355); /* 3552051*65536/655360000 */
    CHECK_INT(r->br.v[1].demerits, 100);
    CHECK_INT(r->br.total_demerits, 3721 + 100);

    w = RC_PT(102.2); /* 0.8pt too long: shrink 0.8 of 1pt */
    r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aaaaaaaaaa bbbbbbbbbb|cccccccccc");
    CHECK_INT(r->br.v[0].ratio, -52429);
    CHECK_INT(r->br.v[0].badness, 51);
    CHECK_INT(r->br.v[0].fitness, 3); /* tight */
    /* tight next to decent: classes differ by 1, no adj_demerits */
    CHECK_INT(r->br.total_demerits, 3721 + 100);

    w = RC_PT(102.5); /* shrink half the shrink: badness 12, decent */
    r = run(t, &w, 1, &p);
    CHECK_INT(r->br.v[0].ratio, -32768);
    CHECK_INT(r->br.v[0].badness, 12);
    CHECK_INT(r->br.v[0].fitness, 2);
    CHECK_INT(r->br.total_demerits, 22 * 22 + 100);

    w = RC_PT(103); /* exact fit */
    r = run(t, &w, 1, &p);
    CHECK_INT(r->br.v[0].ratio, 0);
    CHECK_INT(r->br.v[0].badness, 0);

    /* 2pt short over 1.5pt: ratio 4/3, badness 237 > tolerance: only
     * with a higher tolerance; very loose next to the decent last line
     * costs adj_demerits (§859) */
    w = RC_PT(105);
    p.pretolerance = -1;
    p.tolerance = 1000;
    r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aaaaaaaaaa bbbbbbbbbb|cccccccccc");
    CHECK_INT(r->br.pass, 2);
    CHECK_INT(r->br.v[0].ratio, 87381);
    CHECK_INT(r->br.v[0].badness, 237);
    CHECK_INT(r->br.v[0].fitness, 0);
    /* TeX's paragraph start counts as decent (§864): adj_demerits on
     * both sides of the very loose line */
    CHECK_INT(r->br.v[0].demerits, 247 * 247 + 10000);
    CHECK_INT(r->br.v[1].demerits, 100 + 10000);
    rc_breaks_release(&r->br);
}

/* First fit fills the first two lines and leaves the second very loose;
 * total fit moves a word down and keeps every line decent. */
static void test_total_beats_first_fit(void)
{
    const char *t = "aa bb cccccc dddd e f g hhhhhhh iiiiiii jjj kk lllll mm";
    rc_scaled w = RC_PT(98);
    rc_lb_params p = defaults();
    result *r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aa bb cccccc dddd e f|g hhhhhhh iiiiiii jjj|kk lllll mm");
    CHECK_INT(r->br.pass, 1);
    int64_t total_fit = r->br.total_demerits;
    CHECK_INT(total_fit, 256 + 196 + 100);
    for (size_t k = 0; k < r->br.n; k++)
        CHECK_INT(r->br.v[k].fitness, 2);

    p.first_fit = 1;
    r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aa bb cccccc dddd e f g|hhhhhhh iiiiiii jjj|kk lllll mm");
    CHECK_INT(r->br.pass, 0);
    CHECK_INT(r->ret, 0);
    CHECK_INT(r->br.v[1].fitness, 0);
    CHECK_INT(r->br.v[1].badness, 1270);
    CHECK(r->br.total_demerits > 100 * total_fit);
    rc_breaks_release(&r->br);
}

static void test_first_fit_basics(void)
{
    rc_lb_params p = defaults();
    p.first_fit = 1;
    rc_scaled w = RC_PT(60);
    /* a break that fits only by shrinking is still taken */
    result *r = run("aaaa bbbb cccc dddd eeee", &w, 1, &p); /* 4 words: 89pt */
    CHECK_STR(r->lines, "aaaa bbbb|cccc dddd|eeee");
    CHECK_INT(r->br.pass, 0);
    w = RC_PT(61);
    r = run("aaaa bbbb cccc", &w, 1, &p); /* 66pt natural, 2pt shrink */
    CHECK_STR(r->lines, "aaaa bbbb|cccc");
    w = RC_PT(64);
    r = run("aaaa bbbb cccc", &w, 1, &p);
    CHECK_STR(r->lines, "aaaa bbbb cccc");
    CHECK_INT(r->br.v[0].fitness, 3);
    /* forced break and overfull word */
    w = RC_PT(40);
    r = run("aa/bb cccccccccccc dd", &w, 1, &p);
    CHECK_STR(r->lines, "aa|bb|cccccccccccc|dd");
    CHECK_INT(r->ret, 1);
    CHECK_INT(r->br.v[2].overfull, 1);
    CHECK_INT(r->br.v[0].overfull, 0);
    rc_breaks_release(&r->br);
}

static void test_passes(void)
{
    rc_lb_params p = defaults();
    rc_scaled w = RC_PT(98);
    /* easy: the first pass suffices */
    result *r = run("aa bb cccccc dddd e f g hhhhhhh iiiiiii jjj kk lllll mm", &w, 1, &p);
    CHECK_INT(r->br.pass, 1);
    CHECK_INT(r->ret, 0);

    /* no feasible breaks without hyphenation: pass 2 hyphenates */
    w = RC_PT(109);
    const char *t = "aaaaaa bb-bb ccccccc dd-dd ee-eeee";
    r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aaaaaa bbbb ccccccc dd-|dd eeeeee");
    CHECK_INT(r->br.pass, 2);
    CHECK_INT(r->ret, 0);
    CHECK_INT(r->br.v[0].index, 9); /* the discretionary penalty */
    /* b=0 line: (10+0)^2 + 50^2; last line after a hyphen: final_hyphen */
    CHECK_INT(r->br.v[0].demerits, 100 + 2500);
    CHECK_INT(r->br.v[1].demerits, 100 + 5000);
    /* an explicit hyphen is tried in the first pass already */
    r = run("aaaaaa bbbb ccccccc dd=dd eeeeee", &w, 1, &p);
    CHECK_INT(r->br.pass, 1);
    CHECK_STR(r->lines, "aaaaaa bbbb ccccccc dd-|dd eeeeee");
    CHECK_INT(r->br.v[0].demerits, 100 + 2500);
    /* pretolerance < 0 starts with the second pass */
    p.pretolerance = -1;
    r = run("aa bb cccccc dddd e f g hhhhhhh iiiiiii jjj kk lllll mm", &w, 1, &p);
    CHECK_INT(r->br.pass, 2);
    p.pretolerance = 100;

    /* an unbreakable word wider than the line: the emergency pass, then
     * the rescue of §854 makes an overfull line rather than none */
    w = RC_PT(60);
    t = "aaa bbbbbbbbbbbbbbbbbbbbbbbbb ccc ddd";
    r = run(t, &w, 1, &p);
    CHECK_INT(r->ret, 1);
    CHECK_INT(r->br.pass, 3);
    CHECK_STR(r->lines, "aaa bbbbbbbbbbbbbbbbbbbbbbbbb|ccc ddd");
    CHECK_INT(r->br.v[0].overfull, 1);
    CHECK_INT(r->br.v[0].ratio, -RC_UNITY);
    CHECK_INT(r->br.v[0].badness, 10001);
    CHECK_INT(r->br.v[1].overfull, 0);
    /* §854's artificial_demerits: zero for the rescued line, and for the
     * last line too, since a single active node is left at the end */
    CHECK_INT(r->br.v[0].demerits, 0);
    CHECK_INT(r->br.total_demerits, 0);
    /* the sloppy fourth pass: no hyphenation, long words, a measure the
     * emergency stretch cannot fill; a loose line rather than an overfull one */
    w = RC_PT(100);
    t = "aaaa bbbbbbbbbbbbbbbbbbbb cccccccccccccccccccc dddddddddddddddddddd";
    r = run(t, &w, 1, &p);
    CHECK_INT(r->ret, 0);
    CHECK_INT(r->br.pass, 4);
    for (size_t k = 0; k < r->br.n; k++)
        CHECK_INT(r->br.v[k].overfull, 0);
    w = RC_PT(60);
    t = "aaa bbbbbbbbbbbbbbbbbbbbbbbbb ccc ddd";
    /* without emergency stretch the second pass is the final one */
    p.emergency_stretch = 0;
    r = run(t, &w, 1, &p);
    CHECK_INT(r->ret, 1);
    CHECK_INT(r->br.pass, 2);
    CHECK_INT(r->br.v[0].overfull, 1);

    /* emergency stretch rescues a paragraph that is merely too loose
     * (badness 237 > plain TeX's tolerance 200); the ratio stays that of
     * the line's own glue */
    p = defaults();
    p.tolerance = 200;
    w = RC_PT(105);
    r = run("aaaaaaaaaa bbbbbbbbbb cccccccccc", &w, 1, &p);
    CHECK_INT(r->br.pass, 3);
    CHECK_INT(r->ret, 0);
    CHECK_STR(r->lines, "aaaaaaaaaa bbbbbbbbbb|cccccccccc");
    CHECK_INT(r->br.v[0].ratio, 87381); /* 2pt over 1.5pt, without the 3pt */
    CHECK_INT(r->br.v[0].badness, 9);   /* 2pt over 4.5pt, as the breaker saw it */
    CHECK_INT(r->br.v[0].overfull, 0);
    rc_breaks_release(&r->br);
}

static void test_forced_break(void)
{
    rc_lb_params p = defaults();
    rc_scaled w = RC_PT(100);
    result *r = run("aaa bbb/ccc ddd", &w, 1, &p);
    CHECK_STR(r->lines, "aaa bbb|ccc ddd");
    CHECK_INT(r->br.n, 2);
    CHECK_INT(r->br.v[0].index, 4); /* the penalty, not the \hfil glue */
    CHECK_INT(r->br.v[0].demerits, 100); /* no pi^2 for a forced break */
    CHECK_INT(r->br.pass, 1);
    /* several forced breaks in a row of short lines */
    r = run("a/b/c d", &w, 1, &p);
    CHECK_STR(r->lines, "a|b|c d");
    CHECK_INT(r->br.n, 3);
    rc_breaks_release(&r->br);
}

static void test_looseness(void)
{
    rc_lb_params p = defaults();
    p.emergency_stretch = 0;
    rc_scaled w = RC_PT(90);
    const char *t = "aa bbbbbb c dd e ff g"; /* 93pt natural, 6pt shrink */
    result *r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aa bbbbbb c dd e ff g");
    CHECK_INT(r->br.total_demerits, 22 * 22);
    p.looseness = 1;
    r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aa bbbbbb c dd e ff|g");
    CHECK_INT(r->br.pass, 1);
    CHECK_INT(r->br.total_demerits, 40 * 40 + 100);
    p.looseness = 2; /* not possible: the nearest */
    r = run(t, &w, 1, &p);
    CHECK_INT(r->br.n, 2);
    /* §873: a pass that cannot meet the looseness hands over to the next;
     * at 95pt the two-line setting has badness 237, feasible only under
     * the tolerance of the second pass */
    w = RC_PT(95);
    p.looseness = 1;
    r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aa bbbbbb c dd e ff|g");
    CHECK_INT(r->br.pass, 2);
    CHECK_INT(r->br.v[0].badness, 237);
    w = RC_PT(90);

    p.looseness = 0;
    w = RC_PT(138);
    t = "aaaaaaaa bbbbbbb cccccccc dd e"; /* 142pt natural, 4pt shrink */
    r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aaaaaaaa bbbbbbb cccccccc dd|e");
    p.looseness = -1;
    r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aaaaaaaa bbbbbbb cccccccc dd e");
    CHECK_INT(r->br.v[0].badness, 100);
    CHECK_INT(r->br.pass, 1);

    /* Against the oracle's best per line count: a paragraph with looser
     * glue that can be set in 4 or 5 lines. TeX (§875) takes the count
     * nearest to best+looseness without going past it. */
    static const int lens[] = {3, 2, 1, 4, 2, 1, 3, 2, 4, 1, 2, 3, 1, 4, 2, 1, 3, 2, 1, 4};
    para pa = {0};
    for (size_t i = 0; i < RC_ARRAY_LEN(lens); i++) {
        if (i)
            glue_wss(&pa, RC_PT(3), RC_PT(3), RC_PT(1.5));
        box(&pa, lens[i]);
    }
    end_par(&pa);
    rc_scaled w2 = RC_PT(70);
    p = defaults();
    p.pretolerance = -1;
    p.tolerance = 1000;
    p.emergency_stretch = 0;
    oracle o;
    oracle_init(&o, &pa, &w2, 1, &p);
    oracle_run(&o, 1000, 1, 0);
    size_t best_lines = o.best_len;
    CHECK_INT(best_lines, 4);
    CHECK(o.by_lines[5] != INT64_MAX);
    for (int l = -2; l <= 2; l++) {
        size_t want = best_lines;
        for (int d = 0; l < 0 ? d >= l : d <= l; d += l < 0 ? -1 : 1)
            if (o.by_lines[best_lines + d] != INT64_MAX)
                want = best_lines + d;
        p.looseness = l;
        rc_breaks br;
        rc_breaks_init(&br);
        rc_linebreak(pa.v, pa.n, &w2, 1, &p, &br);
        CHECK_INT(br.n, want);
        int64_t ft = 0;
        CHECK(rescore(&pa, &w2, 1, &p, &br, 1, 0, 1, &ft));
        CHECK_INT(ft, o.by_lines[want]);
        if (l == 1)
            CHECK_INT(br.n, 5);
        rc_breaks_release(&br);
    }
    para_free(&pa);
    rc_breaks_release(&r->br);
}

static void test_parshape(void)
{
    rc_lb_params p = defaults();
    const char *t = "a b cccccc dd e f ggggg h ii jj k llllll";
    rc_scaled ws[3] = {RC_PT(70), RC_PT(70), RC_PT(130)};
    result *r = run(t, ws, 3, &p);
    CHECK_STR(r->lines, "a b cccccc dd e|f ggggg h ii jj|k llllll");
    CHECK_INT(r->br.v[0].badness, 12);
    CHECK_INT(r->br.v[1].badness, 12);
    CHECK_INT(r->br.total_demerits, 484 + 484 + 100);
    r = run(t, ws + 2, 1, &p);
    CHECK_STR(r->lines, "a b cccccc dd e f ggggg h ii|jj k llllll");
    /* the last width repeats for all later lines: 3 words fit only the
     * first line (66pt in 67pt), 2 words exactly the others (33pt) */
    rc_scaled ws2[2] = {RC_PT(67), RC_PT(33)};
    r = run("aaaa bbbb cccc ddd eee fff ggg hhh", ws2, 2, &p);
    CHECK_STR(r->lines, "aaaa bbbb cccc|ddd eee|fff ggg|hhh");
    CHECK_INT(r->br.v[0].badness, 4);
    CHECK_INT(r->br.v[2].badness, 0);
    CHECK_INT(r->br.pass, 1);
    rc_breaks_release(&r->br);
}

/* adj_demerits (§859): with it, two tight lines beat loose, very loose
 * and decent lines (very loose next to decent costs 10000). */
static void test_adj_demerits(void)
{
    rc_lb_params p = defaults();
    const char *t = "aaaaaaaa bbb cc d e ff gggggg h iii jjj";
    rc_scaled w = RC_PT(83);
    result *r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aaaaaaaa bbb cc d e|ff gggggg h iii jjj");
    CHECK_INT(r->br.total_demerits, 12100 + 12100);
    CHECK_INT(r->br.v[0].fitness, 3);
    p.adj_demerits = 0;
    r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aaaaaaaa bbb cc d|e ff gggggg h iii|jjj");
    CHECK_INT(r->br.total_demerits, 6400 + 12100 + 100);
    CHECK_INT(r->br.v[1].fitness, 0);
    rc_breaks_release(&r->br);
}

/*
 * §836 keeps, at each breakpoint, every fitness class within
 * |adj_demerits| of the best: here the cheapest way to end the second
 * line after "j" is very loose, and only the node 3300 demerits dearer
 * but decent avoids the adj_demerits of the decent last line.
 */
static void test_adj_slack(void)
{
    rc_lb_params p = defaults();
    p.tolerance = 200;
    const char *t = "a bbbbbb ccccccc dddddddd e f ggg hhhhhhhh iiiiiiii j kkkkk";
    rc_scaled w = RC_PT(124);
    result *r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "a bbbbbb ccccccc dddddddd|e f ggg hhhhhhhh iiiiiiii j|kkkkk");
    CHECK_INT(r->br.pass, 2);
    CHECK_INT(r->br.total_demerits, 41830);
    CHECK_INT(r->br.v[0].fitness, 0);
    CHECK_INT(r->br.v[1].fitness, 2);
    rc_breaks_release(&r->br);
}

/*
 * A tie: "aa bb|c aa bb" and "aa bb c|aa bb" reach the same breakpoint in
 * the same fitness class with the same demerits. TeX keeps the later
 * candidate in the active list (`d<=minimal_demerits', §855), so the
 * second wins, as it would in TeX.
 */
static void test_tie(void)
{
    static const int lens[] = {2, 2, 1, 2, 2, 1};
    para pa = {0};
    for (size_t i = 0; i < RC_ARRAY_LEN(lens); i++) {
        if (i)
            glue_wss(&pa, RC_PT(3), RC_PT(20), RC_PT(2));
        box(&pa, lens[i]);
    }
    end_par(&pa);
    rc_scaled w = RC_PT(29);
    rc_lb_params p = defaults();
    oracle o;
    oracle_init(&o, &pa, &w, 1, &p);
    CHECK_INT(oracle_solve(&o), 1);
    CHECK_INT(o.nbest, 2);
    rc_breaks br;
    rc_breaks_init(&br);
    rc_linebreak(pa.v, pa.n, &w, 1, &p, &br);
    CHECK_INT(br.total_demerits, o.best);
    CHECK_INT(br.n, 3);
    CHECK_INT(br.v[0].index, 5);
    CHECK_INT(br.v[1].index, 9);
    rc_breaks_release(&br);
    para_free(&pa);
}

/*
 * loose_stretch: five 25pt words (137pt with four 3pt spaces) and then a
 * 5pt word, in 140.5pt. Ending line 1 after the fifth word stretches it
 * 3.5pt of 6 (ratio 0.58, badness 20, a loose line); taking the short word
 * too shrinks it 4.5pt of 5 (ratio 0.9, badness 73). TeX's demerits,
 * (10+20)^2 against (10+73)^2, choose the loose line; counted against a
 * third of its stretch the loose line has badness 536, and the tight one
 * wins. Its glue sets as before: the ratio is still the real one.
 */
static void test_loose_stretch(void)
{
    static const int lens[] = {5, 5, 5, 5, 5, 1, 5, 5};
    para pa = {0};
    words(&pa, lens, RC_ARRAY_LEN(lens));
    rc_scaled w = RC_PT(140.5);
    rc_lb_params p = defaults();
    CHECK_INT(p.loose_stretch, 0);
    rc_breaks br;
    rc_breaks_init(&br);
    CHECK_INT(rc_linebreak(pa.v, pa.n, &w, 1, &p, &br), 0);
    CHECK_INT(br.n, 2);
    CHECK_INT(br.v[0].index, 9); /* after the fifth word: loose */
    CHECK(br.v[0].ratio > 0);
    CHECK_INT(br.v[0].demerits, 30 * 30);
    p.loose_stretch = 333;
    CHECK_INT(rc_linebreak(pa.v, pa.n, &w, 1, &p, &br), 0);
    CHECK_INT(br.n, 2);
    CHECK_INT(br.v[0].index, 11); /* the short word too: tight */
    CHECK_INT(br.v[0].ratio, -RC_UNITY * 9 / 10);
    CHECK_INT(br.v[0].demerits, 83 * 83);
    /* 1000 (all of the stretch) is TeX's rule, as 0 is */
    p.loose_stretch = 1000;
    CHECK_INT(rc_linebreak(pa.v, pa.n, &w, 1, &p, &br), 0);
    CHECK_INT(br.v[0].index, 9);
    para_free(&pa);
    memset(&pa, 0, sizeof(pa));

    /*
     * Past badness 10000 the scaled badness keeps growing instead of
     * saturating as TeX's does (at 10^8 demerits), so that a line 8 times
     * looser than its stretch never costs what one twice as loose does.
     * Two 25pt words (53pt, stretch 1.5pt) in 56pt, then a 50pt word on
     * its own: line 1 has ratio 2, badness 800; against a third of its
     * stretch that is past 10000, so it counts 800 times the weight
     * (1000/333)^3 = 27.081: (10 + 21664)^2, plus adj_demerits (very loose
     * after the paragraph's decent start).
     */
    static const int two[] = {5, 5, 10};
    words(&pa, two, RC_ARRAY_LEN(two));
    w = RC_PT(56);
    p = defaults();
    p.pretolerance = -1;
    p.tolerance = 1000;
    p.emergency_stretch = 0;
    p.loose_stretch = 333;
    CHECK_INT(rc_linebreak(pa.v, pa.n, &w, 1, &p, &br), 0);
    CHECK_INT(br.n, 2);
    CHECK_INT(br.v[0].badness, 800);
    CHECK_INT(br.v[0].demerits, INT64_C(21674) * 21674 + 10000);
    rc_breaks_release(&br);
    para_free(&pa);
}

/* double_hyphen_demerits and final_hyphen_demerits (§859). */
static void test_hyphen_demerits(void)
{
    rc_lb_params p = defaults();
    p.pretolerance = -1;
    const char *t = "aaa bbbb ccc d eee-eeee ff-ff gggg hhh iiii-ii jjj kk-kkk";
    rc_scaled w = RC_PT(120);
    result *r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aaa bbbb ccc d eeeeeee ffff|gggg hhh iiiiii jjj kkkkk");
    CHECK_INT(r->br.total_demerits, 12100 + 100);
    p.double_hyphen_demerits = 0;
    r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "aaa bbbb ccc d eeeeeee ff-|ff gggg hhh iiiiii jjj kk-|kkk");
    /* 2600 + 2600 + (100 + final_hyphen_demerits) */
    CHECK_INT(r->br.total_demerits, 2600 + 2600 + 5100);

    p = defaults();
    p.pretolerance = -1;
    t = "a bbb ccccc dd ee-eeee ffff-ff gggg hhh ii-ii jjjjj kk";
    w = RC_PT(126);
    r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "a bbb ccccc dd eeeeee ffffff|gggg hhh iiii jjjjj kk");
    CHECK_INT(r->br.total_demerits, 3721 + 100);
    p.final_hyphen_demerits = 0;
    r = run(t, &w, 1, &p);
    CHECK_STR(r->lines, "a bbb ccccc dd eeeeee ffff-|ff gggg hhh iiii jjjjj kk");
    CHECK_INT(r->br.total_demerits, 2600 + 100);
    rc_breaks_release(&r->br);
}

/* Linear validity check for big paragraphs: ordered legal breaks ending
 * with the last item, overfull exactly when the line cannot shrink to
 * its width, the return value, and the demerits sum. */
static int check_valid(const para *pa, const rc_breaks *br, const rc_scaled *w, size_t nw,
                       int ret)
{
    if (br->n == 0 || br->v[br->n - 1].index != pa->n - 1)
        return 0;
    size_t i = 0;
    int any_overfull = 0;
    int64_t total = 0;
    for (size_t k = 0; k < br->n; k++) {
        size_t j = br->v[k].index;
        const rc_item *it = &pa->v[j];
        if (k > 0 && j <= br->v[k - 1].index)
            return 0;
        if (j != pa->n - 1 &&
            !(it->type == RC_ITEM_GLUE && j > 0 && pa->v[j - 1].type == RC_ITEM_BOX) &&
            !(it->type == RC_ITEM_PENALTY && it->penalty < RC_INF_PENALTY))
            return 0;
        int64_t nat = 0, sh = 0;
        for (; i < j; i++) {
            if (pa->v[i].type != RC_ITEM_PENALTY)
                nat += pa->v[i].width;
            if (pa->v[i].type == RC_ITEM_GLUE)
                sh += pa->v[i].shrink;
        }
        if (it->type == RC_ITEM_PENALTY)
            nat += it->width;
        int64_t lw = w[k < nw ? k : nw - 1];
        if (br->v[k].overfull != (nat - sh > lw))
            return 0;
        any_overfull |= br->v[k].overfull;
        total += br->v[k].demerits;
        i = j + 1;
        while (i < pa->n && pa->v[i].type != RC_ITEM_BOX)
            i++;
    }
    return ret == any_overfull && total == br->total_demerits;
}

static void test_huge_paragraph(void)
{
    para pa = {0};
    rng_state = 12345;
    for (int i = 0; i < 100000; i++) {
        if (i)
            glue(&pa);
        int len = 1 + (int)(rnd() % 8);
        if (len >= 4 && rnd() % 2 == 0) {
            box(&pa, 3);
            hyph(&pa);
            box(&pa, len - 3);
        } else {
            box(&pa, len);
        }
    }
    end_par(&pa);
    rc_scaled w = RC_PT(300);
    rc_lb_params p = defaults();
    rc_breaks br;
    rc_breaks_init(&br);
    int ret = rc_linebreak(pa.v, pa.n, &w, 1, &p, &br);
    CHECK(check_valid(&pa, &br, &w, 1, ret));
    CHECK(br.n > 5000 && br.n < 20000);
    CHECK_INT(ret, 0);
    CHECK_INT(br.pass, 2);
    size_t lines = br.n;
    /* a too-long word in the middle: the emergency pass, and the rescue
     * of §854 in the middle of a long paragraph */
    rc_scaled save = pa.v[pa.n / 2].width;
    pa.v[pa.n / 2].width = RC_PT(500);
    ret = rc_linebreak(pa.v, pa.n, &w, 1, &p, &br);
    CHECK(check_valid(&pa, &br, &w, 1, ret));
    CHECK_INT(ret, 1);
    CHECK(br.pass == 3 || br.pass == 4); /* 4: the sloppy pass left fewer lines overfull */
    pa.v[pa.n / 2].width = save;
    /* looseness disables the easy_line shortcut (§848): the active list
     * grows past MAX_ACTIVE and is cut back, and the result must still
     * be a complete, valid paragraph with one line more */
    p.looseness = 1;
    ret = rc_linebreak(pa.v, pa.n, &w, 1, &p, &br);
    CHECK(check_valid(&pa, &br, &w, 1, ret));
    CHECK_INT(br.n, lines + 1);
    p.looseness = 0;
    /* very wide lines: hundreds of feasible breaks per line */
    w = RC_PT(3000);
    p.tolerance = 10000;
    ret = rc_linebreak(pa.v, pa.n, &w, 1, &p, &br);
    CHECK(check_valid(&pa, &br, &w, 1, ret));
    CHECK_INT(ret, 0);
    p = defaults();
    p.first_fit = 1;
    w = RC_PT(300);
    ret = rc_linebreak(pa.v, pa.n, &w, 1, &p, &br);
    CHECK(check_valid(&pa, &br, &w, 1, ret));
    CHECK_INT(br.pass, 0);
    CHECK_INT(ret, 0);
    rc_breaks_release(&br);
    para_free(&pa);
}

static void test_edge_cases(void)
{
    rc_lb_params p = defaults();
    rc_breaks br;
    rc_breaks_init(&br);
    rc_scaled w = RC_PT(100);
    CHECK_INT(rc_linebreak(NULL, 0, &w, 1, &p, &br), 0);
    CHECK_INT(br.n, 0);
    /* just the paragraph end: one empty line */
    para pa = {0};
    end_par(&pa);
    CHECK_INT(rc_linebreak(pa.v, pa.n, &w, 1, &p, &br), 0);
    CHECK_INT(br.n, 1);
    CHECK_INT(br.v[0].index, 2);
    para_free(&pa);
    /* the words() helper and the text() helper build the same items */
    static const int lens[] = {10, 10, 10};
    words(&pa, lens, 3);
    w = RC_PT(104.2);
    rc_linebreak(pa.v, pa.n, &w, 1, &p, &br);
    CHECK_INT(br.n, 2);
    CHECK_INT(br.v[0].index, 3);
    CHECK_INT(br.v[0].badness, 51);
    para_free(&pa);
    /* NULL params mean the defaults */
    text(&pa, "aa bb cccccc dddd e f g hhhhhhh iiiiiii jjj kk lllll mm");
    w = RC_PT(98);
    CHECK_INT(rc_linebreak(pa.v, pa.n, &w, 1, NULL, &br), 0);
    CHECK_STR(render(&pa, &br), "aa bb cccccc dddd e f|g hhhhhhh iiiiiii jjj|kk lllll mm");
    /* glue after a penalty is no breakpoint, and a penalty of 10000 none */
    para_free(&pa);
    box(&pa, 10);
    penalty(&pa, 0, 0, 0, 0);
    glue(&pa);
    box(&pa, 10);
    penalty(&pa, RC_INF_PENALTY, 0, 0, 0);
    box(&pa, 10);
    end_par(&pa);
    w = RC_PT(50);
    p.first_fit = 1;
    rc_linebreak(pa.v, pa.n, &w, 1, &p, &br);
    CHECK_INT(br.n, 2);
    CHECK_INT(br.v[0].index, 1);
    p.first_fit = 0;
    rc_linebreak(pa.v, pa.n, &w, 1, &p, &br);
    CHECK_INT(br.n, 2);
    CHECK_INT(br.v[0].index, 1);
    para_free(&pa);
    rc_breaks_release(&br);
}

int main(void)
{
    test_defaults();
    test_known_line();
    test_total_beats_first_fit();
    test_first_fit_basics();
    test_passes();
    test_forced_break();
    test_looseness();
    test_parshape();
    test_adj_demerits();
    test_hyphen_demerits();
    test_adj_slack();
    test_tie();
    test_loose_stretch();
    test_edge_cases();
    test_against_oracle();
    test_huge_paragraph();
    return rc_test_report("test_linebreak");
}
