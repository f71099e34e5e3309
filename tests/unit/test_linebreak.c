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
    int compared = 0, rescued = 0, unique = 0, by_pass[4] = {0, 0, 0, 0};
    int mismatches = 0;
    long total_leaves = 0;
    int multi = 0; /* paragraphs with more than one feasible sequence */
    for (uint32_t seed = 1; seed <= 2000; seed++) {
        rng_state = seed;
        para pa = {0};
        int tol = tols[rnd() % 5];
        /* with every line feasible the search is exponential: fewer words */
        random_para(&pa, 4 + (int)(rnd() % (tol >= 3000 ? 7 : 15)), (int)(rnd() % 2));
        rc_scaled w[3];
        size_t nw = 1 + rnd() % 3;
        for (size_t i = 0; i < nw; i++)
            w[i] = RC_PT(140 + (int)(rnd() % 200));
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
        int extra = br.pass == 3 ? p.emergency_stretch : 0;
        int final_pass = br.pass == 3 || (br.pass == 2 && p.emergency_stretch <= 0);
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
            ok &= br.pass == (p.emergency_stretch > 0 ? 3 : 2);
        }
        if (!ok && mismatches++ < 5)
            fprintf(stderr, "oracle mismatch: seed %u (pass %d/%d, total %lld/%lld)\n", seed,
                    br.pass, want_pass, (long long)br.total_demerits, (long long)o.best);
        CHECK(ok);
        rc_breaks_release(&br);
        para_free(&pa);
    }
    /* the generator must exercise every pass and the rescue */
    fprintf(stderr, "leaves %ld multi %d\n", total_leaves, multi);
    fprintf(stderr, "oracle: %d compared (%d unique; pass 1/2/3: %d/%d/%d), %d rescued\n",
            compared, unique, by_pass[1], by_pass[2], by_pass[3], rescued);
    CHECK(compared >= 1000);
    CHECK(unique >= 500);
    CHECK(by_pass[1] >= 100 && by_pass[2] >= 50 && by_pass[3] >= 10);
    CHECK(rescued >= 10);
}

int main(void)
{
    test_against_oracle();
    return rc_test_report("test_linebreak");
}
