/*
 * linebreak: Knuth-Plass total-fit line breaking (tex.web §813-890) over a
 * flat box/glue/penalty array, plus a greedy first-fit breaker for tests
 * and comparison.
 *
 * This module owns the breaker's private records, which live only for one
 * call (§813: "Such nodes are created while a paragraph is being processed,
 * and they are destroyed afterwards"): active nodes (§819), passive nodes
 * (§821) and the per-pass bookkeeping. It owns nothing else; the caller
 * owns the items, the widths and the rc_breaks it receives.
 *
 * Differences in representation from tex.web, none of which changes a
 * result:
 * - Instead of delta nodes (§822-823) every item gets prefix sums of
 *   width, stretch and shrink in int64, so the length of a line from
 *   active node r to breakpoint cur is background + beta(cur) - alpha(r)
 *   exactly as in §823, without overflow (the reason TeX used deltas).
 *   An active node stores alpha, the sums at the first box after its
 *   break (§837: glue and penalties after a break are discarded).
 * - There is only one order of stretch (no fil/fill/filll): the builder
 *   gives \parfillskip a very large finite stretch.
 * - A flagged penalty plays the part of a disc_node (§869): the break
 *   is `hyphenated' and its width (the hyphen) belongs to the line that
 *   ends there. A penalty marked discretionary is an automatic
 *   hyphenation point and only exists from the second pass on (§863,
 *   §891, §894: TeX hyphenates only in the second pass).
 * - Demerits are int64 and saturate below AWFUL_BAD instead of
 *   overflowing a 32-bit integer.
 * - The paragraph end (cur_p=null in tex.web, §873) is the last item,
 *   conventionally the forced penalty after \parfillskip.
 *
 * Three rules that TeX does not have (see hyphen_run_after,
 * short_last_demerits and loose_weight):
 * - \doublehyphendemerits makes two hyphens in a row dear, but a third
 *   costs no more than the second, and a narrow column may still stack
 *   four. An active node also records how many lines in a row ending in
 *   a hyphen lead to it (its `run', 0 after any other break), a state of
 *   the dynamic program like its fitness, so that total fit stays exact;
 *   a break that would make the run longer than hyphen_run_limit is not
 *   feasible, except in a last resort (see hyphen_run_after).
 * - A last line narrower than last_line_min (one short word alone) costs
 *   short_last_demerits: the paragraph keeps a word with it where its
 *   other lines can afford the room, as a tie (~) would, but never at
 *   the price of an overfull line.
 * - With loose_stretch, a stretched line's demerits count its badness
 *   against part of its stretch: a gap wider than the space costs more
 *   than one as much narrower, so the paragraph takes its slack in tight
 *   lines where it has the choice (see loose_weight).
 */
#include "linebreak.h"

#include <stdlib.h>
#include <string.h>

#define INF_BAD 10000                          /* §108 */
#define AWFUL_BAD (INT64_C(1) << 60)           /* §833, widened to int64 */
#define MAX_LINE ((size_t)-1)                  /* max_halfword, §819 */
#define NONE ((size_t)-1)
#define ACTIVE 0                               /* head = last_active, §819 */

/*
 * A bound on the active list, to keep the work linear in the paragraph's
 * length. TeX's list stays short because a node is deactivated once the
 * line from it becomes overfull (§851); with ordinary widths and tolerance
 * it holds a few dozen nodes (about 30 for 300pt lines and tolerance 200,
 * 400 for 3000pt lines at tolerance 10000). It grows without bound only
 * with absurd line widths (thousands of words per line) or when looseness
 * is nonzero on a very long paragraph, which disables easy_line (§848) so
 * that every line count is a class of its own. When the list passes
 * MAX_ACTIVE nodes it is cut back to MAX_ACTIVE/2, keeping the nodes with
 * the fewest total demerits (a beam, as in TeX's own §836 pruning but
 * without its guarantee). The result is then no longer guaranteed optimal,
 * but it is complete: nodes always survive, and §854 still applies.
 */
#define MAX_ACTIVE 1024

/* The cost of a run of hyphens longer than hyphen_run_limit, when only the
 * final pass allows one: more than any ten lines at the worst badness. */
#define RUN_DEMERITS (INT64_C(1) << 40)

enum { VERY_LOOSE_FIT = 0, LOOSE_FIT = 1, DECENT_FIT = 2, TIGHT_FIT = 3 }; /* §817 */
enum { UNHYPHENATED = 0, HYPHENATED = 1 };                                 /* §819 */

void rc_lb_params_default(rc_lb_params *p)
{
    memset(p, 0, sizeof(*p));
    p->pretolerance = 100;
    /*
     * tolerance 400 rather than plain TeX's 200 (SILE uses 500). Measured
     * on 2000 random paragraphs of 20-80 words with English word lengths,
     * 5pt per character, interword glue 3.33pt plus 1.67pt minus 1.11pt
     * (cmr10's space) and hyphenation points every 2-3 letters:
     *
     *   column   paragraphs needing the emergency pass   with an overfull line
     *            tolerance 200     tolerance 400         200        400
     *   150pt        54.5%            51.1%              8.6%       7.3%
     *   200pt         7.8%             3.6%              0.4%       0.3%
     *   250pt         0.8%             0.1%              0.0%       0.0%
     *   350pt+        0.0%             0.0%              0.0%       0.0%
     *
     * Résumé sidebars and two-column layouts are 150-250pt wide, where 400
     * halves the paragraphs that fall through to emergency_stretch and
     * removes some overfull lines; from 350pt on the passes succeed alike.
     * The higher threshold only widens the set of feasible breaks: badness
     * still enters the demerits squared (§859), so a loose line is chosen
     * only where every tighter setting costs more.
     */
    p->tolerance = 400;
    p->line_penalty = 10;
    p->hyphen_penalty = 50;
    p->ex_hyphen_penalty = 50;
    p->double_hyphen_demerits = 10000;
    p->final_hyphen_demerits = 5000;
    p->adj_demerits = 10000;
    p->looseness = 0;
    p->emergency_stretch = RC_PT(3);
    p->first_fit = 0;
    p->hyphen_run_limit = 2;  /* a ladder of three hyphens is the typographers' limit */
    p->last_line_min = 0;     /* the builder knows the size of the text */
    p->short_last_demerits = 0;
}

void rc_breaks_init(rc_breaks *b)
{
    memset(b, 0, sizeof(*b));
}

void rc_breaks_release(rc_breaks *b)
{
    free(b->v);
    rc_breaks_init(b);
}

/* ---- the breaker's records ------------------------------------------ */

/* Width, stretch and shrink of some stretch of material (§823's triples),
 * and how much of the width is glyphs font expansion may scale (pdfTeX's
 * font_stretch and font_shrink, §823's words 7 and 8, both from it). */
typedef struct dims {
    int64_t w, st, sh, x;
} dims;

/*
 * An active node (§819). Node ACTIVE is both the list head and
 * last_active, as in tex.web; its line_number is MAX_LINE.
 */
typedef struct active {
    size_t next;            /* link; ACTIVE ends the list */
    size_t passive;         /* break_node; NONE for the paragraph start */
    size_t line_number;     /* the line that begins after this break */
    int fitness;
    int type;               /* UNHYPHENATED or HYPHENATED */
    int run;                /* lines in a row ending in a hyphen, this one included */
    int64_t total_demerits;
    dims alpha;             /* sums up to the first item kept after the break */
    rc_scaled margin_left;  /* protrusion of the line's first box (rc_lb_params.protrude) */
} active;

/* A passive node (§821), plus the demerits total for per-line reporting. */
typedef struct passive {
    size_t cur_break;       /* item index of the break */
    size_t prev_break;      /* passive index, or NONE for the paragraph start */
    int64_t total_demerits;
    int fitness;
} passive;

typedef struct breaker {
    const rc_item *items;
    size_t n;
    const rc_scaled *widths;
    size_t nwidths;
    const rc_lb_params *p;

    /* prefix sums: sum[i] covers items [0, i); penalties contribute nothing */
    int64_t *sw, *sst, *ssh, *sx;

    active *act;            /* pool; act[ACTIVE] is the sentinel */
    size_t nact, capact, free_act;
    size_t nlive;           /* active nodes in the list */
    passive *pas;
    size_t npas, cappas;

    /* §827-828: pass state */
    int threshold;
    int second_pass, final_pass;
    dims background;        /* §827: stretch grows by emergency_stretch in pass 3 */
    size_t easy_line, last_special_line;
    rc_scaled second_width;

    /* §833, per fitness class and length of the run of hyphens */
    int run_limit;          /* hyphen_run_limit, 0 when there is none */
    int64_t loose_weight;   /* of a stretched line's badness, thousandths (loose_weight()) */
    int64_t minimal_demerits[4][RC_LB_MAX_HYPHEN_RUN + 1];
    int64_t minimum_demerits;
    size_t best_place[4][RC_LB_MAX_HYPHEN_RUN + 1];
    size_t best_pl_line[4][RC_LB_MAX_HYPHEN_RUN + 1];

    /* cache for the first box after a break (alpha), see first_box_after */
    size_t nb_from, nb_val;
} breaker;

/* TeX's badness function (§108): about 100(t/s)^3, in integers; t >= 0. */
static int badness(int64_t t, int64_t s)
{
    int64_t r; /* approximation to alpha*t/s, where alpha^3 ~ 100*2^18 */
    if (t == 0)
        return 0;
    if (s <= 0)
        return INF_BAD;
    if (t <= 7230584)
        r = (t * 297) / s; /* 297^3 = 99.94 * 2^18 */
    else if (s >= 1663497)
        r = t / (s / 297);
    else
        r = t;
    if (r > 1290)
        return INF_BAD; /* 1290^3 < 2^31 < 1291^3 */
    return (int)((r * r * r + 0x20000) / 0x40000);
}

/* Total demerits saturate within (-AWFUL_BAD, AWFUL_BAD): a line adds at
 * most a few 2^31 either way, so a + b cannot overflow. */
static int64_t add_demerits(int64_t a, int64_t b)
{
    int64_t s = a + b;
    return s >= AWFUL_BAD ? AWFUL_BAD - 1 : s <= -AWFUL_BAD ? -AWFUL_BAD + 1 : s;
}

/* Width of line l (1-based, as TeX numbers lines, §847-850). */
static rc_scaled line_width_of(const breaker *s, size_t l)
{
    size_t k = l - 1;
    return s->widths[k < s->nwidths ? k : s->nwidths - 1];
}

/* Index of the first box after item i, or n. Calls come with i increasing
 * within a pass, so each item is scanned once per pass. */
static size_t first_box_after(breaker *s, size_t i)
{
    if (s->nb_from != NONE && i >= s->nb_from && i < s->nb_val)
        return s->nb_val;
    size_t j = i + 1;
    while (j < s->n && s->items[j].type != RC_ITEM_BOX)
        j++;
    s->nb_from = i;
    s->nb_val = j;
    return j;
}

/* §837: the sums "after" a break at cur: discardable items are skipped. */
static dims alpha_of(breaker *s, size_t cur)
{
    size_t j = first_box_after(s, cur);
    dims d = {s->sw[j], s->sst[j], s->ssh[j], s->sx[j]};
    return d;
}

/* The sums "before" a break at cur (§823's beta): a glue break excludes the
 * glue, a penalty break includes the penalty's width (the hyphen, §869),
 * and a box (only possible as the last item) is included. */
static dims beta_of(const breaker *s, size_t cur)
{
    const rc_item *it = &s->items[cur];
    size_t j = it->type == RC_ITEM_BOX ? cur + 1 : cur;
    dims d = {s->sw[j], s->sst[j], s->ssh[j], s->sx[j]};
    if (it->type == RC_ITEM_PENALTY) {
        d.w += it->width;
        d.x += it->expandable ? it->width : 0;
    }
    return d;
}

/* ---- microtypography (pdfTeX's margin kerning and font expansion) ---- */

/*
 * How far a line ending at break cur hangs into the right margin: the
 * hyphen a hyphen break shows, else the last box before the break (pdfTeX's
 * total_pw, right side). A line ending at glue that is not after a box
 * (the paragraph's end, after \parfillskip) hangs nothing.
 */
static rc_scaled margin_right_at(const breaker *s, size_t cur)
{
    const rc_item *it = &s->items[cur];
    if (it->type == RC_ITEM_PENALTY && it->width > 0)
        return it->margin_right;
    if (it->type != RC_ITEM_BOX && cur > 0 && s->items[cur - 1].type == RC_ITEM_BOX)
        return s->items[cur - 1].margin_right;
    return 0;
}

/* How far the line starting with item j (its first box, or n) hangs into the left margin. */
static rc_scaled margin_left_of(const breaker *s, size_t j)
{
    return j < s->n && s->items[j].type == RC_ITEM_BOX ? s->items[j].margin_left : 0;
}

/*
 * Font expansion (pdfTeX's \pdfadjustspacing=2, hz.ch's try_break and
 * hpack): the glyphs of a line take up its shortfall (or excess) first,
 * scaled by the nearest step within the limits, and the glue only the
 * rest. Returns the expansion in thousandths for a line of material d
 * that must fill lw.
 */
static int line_expansion(const rc_lb_params *p, int64_t lw, dims d)
{
    int64_t shortfall = lw - d.w;
    if (d.x <= 0 || shortfall == 0)
        return 0;
    int limit = shortfall > 0 ? p->expand_stretch : p->expand_shrink;
    if (limit <= 0 || (shortfall > 0 && d.st >= RC_FIL))
        return 0; /* a paragraph's last line is filled by its \parfillskip */
    if (limit > RC_EXPAND_MAX)
        limit = RC_EXPAND_MAX;
    int step = p->expand_step > 0 ? p->expand_step : 1;
    int64_t mag = shortfall > 0 ? shortfall : -shortfall;
    int64_t e;
    if (mag * 1000 >= (int64_t)limit * d.x) {
        e = limit;
    } else {
        e = (mag * 1000 + d.x / 2) / d.x;           /* to the nearest thousandth */
        e = (e + step / 2) / step * step;           /* and the nearest step */
        if (e > limit)
            e = limit;
    }
    return (int)(shortfall > 0 ? e : -e);
}

/*
 * The width the line's material must fill once microtypography has had
 * its share: the measure, longer by what hangs into the margins, less
 * what expansion adds to the glyphs. *e receives the expansion.
 */
static int64_t fill_width(const breaker *s, int64_t lw, rc_scaled left, rc_scaled right, dims d,
                          int *e)
{
    lw += (int64_t)left + right;
    *e = 0;
    if (s->p->expand_stretch > 0 || s->p->expand_shrink > 0) {
        *e = line_expansion(s->p, lw, d);
        lw -= d.x * *e / 1000;
    }
    return lw;
}

static size_t new_active(breaker *s)
{
    size_t q;
    if (s->free_act != NONE) {
        q = s->free_act;
        s->free_act = s->act[q].next;
    } else {
        RC_VEC_PUSH(s->act, s->nact, s->capact);
        q = s->nact++;
    }
    s->nlive++;
    return q;
}

static void free_active(breaker *s, size_t q)
{
    s->act[q].next = s->free_act;
    s->free_act = q;
    s->nlive--;
}

static int cmp_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Cut the active list back to MAX_ACTIVE/2 nodes, keeping those with the
 * fewest total demerits (see MAX_ACTIVE). Only called between two
 * try_break calls, when no pointer into the list is held. */
static void trim_active(breaker *s)
{
    size_t keep = MAX_ACTIVE / 2, m = 0;
    int64_t *t = rc_xmalloc(s->nlive * sizeof(*t));
    for (size_t r = s->act[ACTIVE].next; r != ACTIVE; r = s->act[r].next)
        t[m++] = s->act[r].total_demerits;
    qsort(t, m, sizeof(*t), cmp_int64);
    int64_t cutoff = t[keep - 1];
    size_t ties = 0; /* nodes at the cutoff that may stay */
    for (size_t i = keep; i-- > 0 && t[i] == cutoff;)
        ties++;
    free(t);
    size_t prev = ACTIVE;
    for (size_t r = s->act[ACTIVE].next; r != ACTIVE; r = s->act[prev].next) {
        int64_t d = s->act[r].total_demerits;
        if (d < cutoff || (d == cutoff && ties > 0)) {
            ties -= d == cutoff;
            prev = r;
        } else {
            s->act[prev].next = s->act[r].next;
            free_active(s, r);
        }
    }
}

/* Badness and fitness class of a line of material d in width lw
 * (§851-853). Returns INF_BAD+1 when the line cannot shrink enough. */
static int line_badness(int64_t lw, dims d, int *fit_class)
{
    int64_t shortfall = lw - d.w;
    int b;
    if (shortfall > 0) {
        /* §852 (its quick test for large shortfall is subsumed by badness) */
        b = badness(shortfall, d.st);
        if (b > 12)
            *fit_class = b > 99 ? VERY_LOOSE_FIT : LOOSE_FIT;
        else
            *fit_class = DECENT_FIT;
    } else {
        /* §853: shrinkability is never infinite */
        if (-shortfall > d.sh)
            b = INF_BAD + 1;
        else
            b = badness(-shortfall, d.sh);
        *fit_class = b > 12 ? TIGHT_FIT : DECENT_FIT;
    }
    return b;
}

/*
 * How many times a stretched line's badness counts in its demerits, in
 * thousandths (1000: once, as in TeX). With loose_stretch k its badness is
 * taken as if its glue had k/1000 of its stretch, which multiplies TeX's
 * 100(t/s)^3 by (1000/k)^3: 27 for a third.
 *
 * Why: TeX's glue stretches by half a space and shrinks by a third, and
 * badness is symmetric in the ratio, so a gap 0.1 em too wide costs less
 * than one 0.1 em too narrow: the breaker leans to loose lines, and font
 * expansion, which takes the first 2% either way, keeps that lean. Readers
 * see a wide gap (and rivers) sooner than a narrow one. On the flagship
 * (the latex theme) a third takes the 95th percentile of the justified
 * gaps from 0.436 to 0.370 em, with the same hyphens.
 */
static int64_t loose_weight(const rc_lb_params *p)
{
    int64_t k = p->loose_stretch;
    if (k <= 0 || k >= 1000)
        return 1000;
    return (INT64_C(1000000000000) + k * k * k / 2) / (k * k * k);
}

/*
 * The badness a line's demerits count (see loose_weight): its own, or for
 * a line that stretches by t over stretch st, the badness of t over
 * loose_stretch of st, past INF_BAD its own times the weight, so that a
 * hopeless line never costs less than a merely loose one.
 */
static int64_t cost_badness(const breaker *s, int b, int64_t t, int64_t st)
{
    if (s->loose_weight == 1000 || t <= 0 || b > INF_BAD)
        return b;
    int c = badness(t, st * s->p->loose_stretch / 1000); /* st < 2^53 */
    int64_t far = (int64_t)b * s->loose_weight / 1000;
    return c < INF_BAD ? c : far > INF_BAD ? far : INF_BAD;
}

/*
 * §859: demerits of a line whose badness counts b (cost_badness) ending at
 * a break of penalty pi. TeX's square of (line_penalty + b) saturates at
 * 10^8 from badness 10000 on; with loose_stretch the saturation is as far
 * as the badness is scaled (cap, INF_BAD times the weight).
 */
static int64_t line_demerits(const rc_lb_params *p, int64_t b, int64_t cap, int pi,
                             int break_type, int at_end, int fit_class, int prev_fitness,
                             int prev_type)
{
    int64_t d = (int64_t)p->line_penalty + b;
    if (d >= cap || d <= -cap)
        d = cap * cap;
    else
        d = d * d;
    if (pi != 0) {
        if (pi > 0)
            d += (int64_t)pi * pi;
        else if (pi > RC_EJECT_PENALTY)
            d -= (int64_t)pi * pi;
    }
    if (break_type == HYPHENATED && prev_type == HYPHENATED)
        d += at_end ? p->final_hyphen_demerits : p->double_hyphen_demerits;
    if (abs(fit_class - prev_fitness) > 1)
        d += p->adj_demerits;
    return d;
}

/*
 * The run of hyphenated lines after a break at cur from node r (see the
 * top of the file): the new line counts when it ends in a hyphen that
 * shows. Returns -1 when the run would pass the limit; only the last
 * resort, a final pass that accepts lines of any looseness (rc_linebreak's
 * sloppy pass), takes such a break, at *extra demerits: a ladder of
 * hyphens is better than a line sticking out. The run is kept at most at
 * the limit: one more hyphen is as bad after four as after three.
 */
static int hyphen_run_after(const breaker *s, const active *r, size_t cur, int at_end,
                            int64_t *extra)
{
    const rc_item *it = &s->items[cur];
    *extra = 0;
    if (at_end || it->type != RC_ITEM_PENALTY || !it->flagged || it->unmarked)
        return 0;
    if (s->run_limit == 0)
        return 0;
    if (r->run < s->run_limit)
        return r->run + 1;
    if (!s->final_pass || s->threshold < INF_BAD)
        return -1;
    *extra = RUN_DEMERITS;
    return s->run_limit;
}

/* Demerits for the paragraph's last line of material d when it is shorter
 * than last_line_min (see the top of the file). */
static int64_t short_last_demerits(const rc_lb_params *p, int at_end, dims d)
{
    if (!at_end || p->last_line_min <= 0 || d.w >= p->last_line_min)
        return 0;
    return p->short_last_demerits;
}

/*
 * §836-845: create active nodes for the best feasible breaks at cur just
 * found in the line-number class that has ended, inserting them between
 * *prev_r and r.
 */
static void create_new_active_nodes(breaker *s, size_t cur, int break_type, size_t *prev_r,
                                    size_t r, int *no_break_yet, dims *break_alpha)
{
    if (*no_break_yet) {
        /* §837: compute the values of break_width (here: alpha) once */
        *no_break_yet = 0;
        *break_alpha = alpha_of(s, cur);
    }
    /*
     * §836: nodes worse than minimum + |adj_demerits| can never win. Only
     * nodes with the same run of hyphens compare so: they differ only in
     * fitness, while a node with a shorter run may take a hyphen that the
     * best one may not.
     */
    int64_t adj = s->p->adj_demerits < 0 ? -(int64_t)s->p->adj_demerits : s->p->adj_demerits;
    for (int run = 0; run <= s->run_limit; run++) {
        int64_t minimum = AWFUL_BAD;
        for (int fit = VERY_LOOSE_FIT; fit <= TIGHT_FIT; fit++)
            if (s->minimal_demerits[fit][run] < minimum)
                minimum = s->minimal_demerits[fit][run];
        if (minimum == AWFUL_BAD)
            continue;
        minimum = adj >= AWFUL_BAD - minimum ? AWFUL_BAD - 1 : minimum + adj;
        for (int fit = VERY_LOOSE_FIT; fit <= TIGHT_FIT; fit++) {
            if (s->minimal_demerits[fit][run] <= minimum) {
                /* §845: insert a new active node from best_place[fit] to cur */
                RC_VEC_PUSH(s->pas, s->npas, s->cappas);
                passive *ps = &s->pas[s->npas];
                ps->cur_break = cur;
                ps->prev_break = s->best_place[fit][run];
                ps->total_demerits = s->minimal_demerits[fit][run];
                ps->fitness = fit;
                size_t q = new_active(s);
                active *a = &s->act[q];
                a->passive = s->npas++;
                a->line_number = s->best_pl_line[fit][run] + 1;
                a->fitness = fit;
                a->type = break_type;
                a->run = run;
                a->total_demerits = s->minimal_demerits[fit][run];
                a->alpha = *break_alpha;
                a->margin_left = s->p->protrude ? margin_left_of(s, first_box_after(s, cur)) : 0;
                a->next = r;
                s->act[*prev_r].next = q;
                *prev_r = q;
            }
            s->minimal_demerits[fit][run] = AWFUL_BAD;
        }
    }
    s->minimum_demerits = AWFUL_BAD;
    /* §843-844: no delta nodes to insert; prefix sums replace them */
}

/*
 * try_break (§829): is a break at item cur, with penalty pi, feasible?
 * Runs through the active list, deactivating nodes that are too far back
 * and creating new active nodes for the best ways to reach cur. at_end
 * marks the paragraph's final break (cur_p=null in tex.web).
 */
static void try_break(breaker *s, int pi, int break_type, size_t cur, int at_end)
{
    /* §831: make sure that pi is in the proper range */
    if (pi >= RC_INF_PENALTY)
        return; /* this breakpoint is inhibited by infinite penalty */
    if (pi <= RC_EJECT_PENALTY)
        pi = RC_EJECT_PENALTY; /* this breakpoint will be forced */

    int no_break_yet = 1;
    dims break_alpha = {0, 0, 0, 0};
    size_t prev_r = ACTIVE;
    size_t old_l = 0;
    int64_t line_width = 0;
    dims beta = beta_of(s, cur);
    rc_scaled margin_right = s->p->protrude ? margin_right_at(s, cur) : 0;
    beta.w += s->background.w;
    beta.st += s->background.st;
    beta.sh += s->background.sh;

    for (;;) {
        size_t r = s->act[prev_r].next;
        /* §832: no delta nodes to pass over */
        /* §835: if a line number class has ended, create new active nodes
         * for the best feasible breaks in that class; then return if
         * r=last_active, otherwise compute the new line_width */
        size_t l = s->act[r].line_number;
        if (l > old_l) {
            if (s->minimum_demerits < AWFUL_BAD && (old_l != s->easy_line || r == ACTIVE))
                create_new_active_nodes(s, cur, break_type, &prev_r, r, &no_break_yet,
                                        &break_alpha);
            if (r == ACTIVE) {
                if (s->nlive > MAX_ACTIVE)
                    trim_active(s);
                return;
            }
            /* §850: compute the new line width */
            if (l > s->easy_line) {
                line_width = s->second_width;
                old_l = MAX_LINE - 1;
            } else {
                old_l = l;
                line_width = l > s->last_special_line ? s->second_width : line_width_of(s, l);
            }
        }

        /* §851: consider the demerits for a line from r to cur */
        active *ar = &s->act[r];
        dims d = {beta.w - ar->alpha.w, beta.st - ar->alpha.st, beta.sh - ar->alpha.sh,
                  beta.x - ar->alpha.x};
        int fit_class, expand;
        int64_t lw = fill_width(s, line_width, ar->margin_left, margin_right, d, &expand);
        int b = line_badness(lw, d, &fit_class);
        int artificial_demerits = 0;
        int node_r_stays_active;
        if (b > INF_BAD || pi == RC_EJECT_PENALTY) {
            /* §854: in the final pass, never lose the last active node;
             * an overfull (or hopelessly loose) line is better than none */
            if (s->final_pass && s->minimum_demerits == AWFUL_BAD && ar->next == ACTIVE &&
                prev_r == ACTIVE)
                artificial_demerits = 1; /* set demerits zero, this break is forced */
            else if (b > s->threshold)
                goto deactivate;
            node_r_stays_active = 0;
        } else {
            prev_r = r;
            if (b > s->threshold)
                continue;
            node_r_stays_active = 1;
        }

        /* §855: record a new feasible break */
        {
            int64_t dm = 0, extra = 0;
            int run = hyphen_run_after(s, ar, cur, at_end, &extra);
            if (run < 0 && !artificial_demerits)
                goto not_feasible;
            if (run < 0)
                run = s->run_limit; /* §854 keeps the last node: this break or none */
            if (!artificial_demerits) {
                dm = line_demerits(s->p, cost_badness(s, b, lw - d.w, d.st),
                                   (int64_t)INF_BAD * s->loose_weight / 1000, pi, break_type,
                                   at_end, fit_class, ar->fitness, ar->type);
                dm = add_demerits(dm, extra);
                dm = add_demerits(dm, short_last_demerits(s->p, at_end, d));
            }
            dm = add_demerits(dm, ar->total_demerits);
            if (dm <= s->minimal_demerits[fit_class][run]) {
                s->minimal_demerits[fit_class][run] = dm;
                s->best_place[fit_class][run] = ar->passive;
                s->best_pl_line[fit_class][run] = l;
                if (dm < s->minimum_demerits)
                    s->minimum_demerits = dm;
            }
        }
    not_feasible:
        if (node_r_stays_active)
            continue; /* prev_r has been set to r */
    deactivate:
        /* §860: deactivate node r (no delta nodes to merge or update, §861) */
        s->act[prev_r].next = s->act[r].next;
        free_active(s, r);
    }
}

/* §864: the active node representing the beginning of the paragraph. */
static void start_pass(breaker *s)
{
    s->nact = 1;
    s->nlive = 0;
    s->free_act = NONE;
    s->npas = 0;
    s->nb_from = NONE;
    s->act[ACTIVE].line_number = MAX_LINE;
    s->act[ACTIVE].type = HYPHENATED; /* §820; never examined */
    s->act[ACTIVE].fitness = 0;
    size_t q = new_active(s);
    active *a = &s->act[q];
    a->type = UNHYPHENATED;
    a->run = 0;
    a->fitness = DECENT_FIT;
    a->passive = NONE;
    a->line_number = 1; /* prev_graf + 1 */
    a->total_demerits = 0;
    a->alpha.w = a->alpha.st = a->alpha.sh = a->alpha.x = 0; /* nothing is discarded at the start */
    size_t first = 0;
    while (first < s->n && s->items[first].type != RC_ITEM_BOX)
        first++;
    a->margin_left = s->p->protrude ? margin_left_of(s, first) : 0;
    a->next = ACTIVE;
    s->act[ACTIVE].next = q;
    for (int f = 0; f < 4; f++) {
        for (int run = 0; run <= RC_LB_MAX_HYPHEN_RUN; run++) {
            s->minimal_demerits[f][run] = AWFUL_BAD; /* §834 */
            s->best_place[f][run] = NONE;
            s->best_pl_line[f][run] = 0;
        }
    }
    s->minimum_demerits = AWFUL_BAD;
}

/*
 * §863-866: one pass over the paragraph. Returns the active node chosen
 * (§873-875), or ACTIVE when the pass found no acceptable solution.
 */
static size_t run_pass(breaker *s)
{
    start_pass(s);
    const rc_item *items = s->items;
    size_t last = s->n - 1;
    for (size_t i = 0; i < last && s->act[ACTIVE].next != ACTIVE; i++) {
        const rc_item *it = &items[i];
        switch (it->type) {
        case RC_ITEM_BOX:
            break; /* widths are in the prefix sums */
        case RC_ITEM_GLUE:
            /* §868: glue is a legal breakpoint when it follows a box */
            if (i > 0 && items[i - 1].type == RC_ITEM_BOX)
                try_break(s, 0, UNHYPHENATED, i, 0);
            break;
        case RC_ITEM_PENALTY:
            /* §866 (penalty_node) and §869 (disc_node); automatic
             * hyphenation points are only there from the second pass on */
            if (it->discretionary && !s->second_pass)
                break;
            try_break(s, it->penalty, it->flagged ? HYPHENATED : UNHYPHENATED, i, 0);
            break;
        }
    }
    if (s->act[ACTIVE].next == ACTIVE)
        return ACTIVE;

    /* §873: try the final line break at the end of the paragraph */
    try_break(s, RC_EJECT_PENALTY, HYPHENATED, last, 1);
    if (s->act[ACTIVE].next == ACTIVE)
        return ACTIVE;

    /* §874: find an active node with fewest demerits */
    size_t best_bet = ACTIVE;
    int64_t fewest_demerits = AWFUL_BAD;
    for (size_t r = s->act[ACTIVE].next; r != ACTIVE; r = s->act[r].next) {
        if (s->act[r].total_demerits < fewest_demerits) {
            fewest_demerits = s->act[r].total_demerits;
            best_bet = r;
        }
    }
    if (s->p->looseness == 0)
        return best_bet;

    /* §875: find the best active node for the desired looseness */
    int64_t best_line = (int64_t)s->act[best_bet].line_number;
    int64_t actual_looseness = 0, looseness = s->p->looseness;
    for (size_t r = s->act[ACTIVE].next; r != ACTIVE; r = s->act[r].next) {
        int64_t line_diff = (int64_t)s->act[r].line_number - best_line;
        if ((line_diff < actual_looseness && looseness <= line_diff) ||
            (line_diff > actual_looseness && looseness >= line_diff)) {
            best_bet = r;
            actual_looseness = line_diff;
            fewest_demerits = s->act[r].total_demerits;
        } else if (line_diff == actual_looseness && s->act[r].total_demerits < fewest_demerits) {
            best_bet = r;
            fewest_demerits = s->act[r].total_demerits;
        }
    }
    if (actual_looseness == looseness || s->final_pass)
        return best_bet;
    return ACTIVE; /* §873: on earlier passes insist on the right looseness */
}

/* ---- output ----------------------------------------------------------- */

static dims sums_between(const breaker *s, dims from, size_t cur)
{
    dims to = beta_of(s, cur);
    dims d = {to.w - from.w, to.st - from.st, to.sh - from.sh, to.x - from.x};
    return d;
}

static int32_t clamp32(int64_t v)
{
    return v > INT32_MAX ? INT32_MAX : v < -INT32_MAX ? -INT32_MAX : (int32_t)v;
}

/*
 * Fill in the geometry of line k (0-based) made of material d, hanging
 * `left` into the left margin (its first box's protrusion): its right
 * protrusion and font expansion, badness and fitness as the breaker saw
 * them (with the background stretch, so with emergency_stretch in pass 3),
 * the adjustment ratio from the line's own glue (what the builder sets, as
 * hpack would, §658-§664, after expansion took its share), and overfull.
 */
static void measure_line(const breaker *s, size_t k, dims d, rc_scaled left, size_t cur,
                         rc_break *o)
{
    o->margin_left = s->p->protrude ? left : 0;
    o->margin_right = s->p->protrude ? margin_right_at(s, cur) : 0;
    int64_t lw = fill_width(s, line_width_of(s, k + 1), o->margin_left, o->margin_right, d,
                            &o->expand);
    dims seen = {d.w + s->background.w, d.st + s->background.st, d.sh + s->background.sh, d.x};
    o->badness = line_badness(lw, seen, &o->fitness);
    int64_t shortfall = lw - d.w;
    o->overfull = shortfall < 0 && -shortfall > d.sh;
    if (shortfall > 0)
        o->ratio = d.st > 0 ? clamp32(shortfall * RC_UNITY / d.st) : 0;
    else if (shortfall < 0)
        o->ratio = o->overfull ? -RC_UNITY : clamp32(shortfall * RC_UNITY / d.sh);
    else
        o->ratio = 0;
}

/* §877-878 (post_line_break's first step): follow the prev_break links
 * from best_bet and write one rc_break per line, in order. */
static void write_breaks(breaker *s, size_t best_bet, rc_breaks *out)
{
    size_t nlines = 0;
    for (size_t q = s->act[best_bet].passive; q != NONE; q = s->pas[q].prev_break)
        nlines++;
    if (out->cap < nlines) {
        out->v = rc_xrealloc(out->v, nlines * sizeof(*out->v));
        out->cap = nlines;
    }
    out->n = nlines;
    size_t k = nlines;
    for (size_t q = s->act[best_bet].passive; q != NONE; q = s->pas[q].prev_break) {
        rc_break *o = &out->v[--k];
        const passive *ps = &s->pas[q];
        o->index = ps->cur_break;
        o->demerits = ps->total_demerits;
        if (ps->prev_break != NONE)
            o->demerits -= s->pas[ps->prev_break].total_demerits;
    }
    dims from = {0, 0, 0, 0};
    s->nb_from = NONE;
    size_t first = 0;
    while (first < s->n && s->items[first].type != RC_ITEM_BOX)
        first++;
    for (k = 0; k < nlines; k++) {
        rc_break *o = &out->v[k];
        measure_line(s, k, sums_between(s, from, o->index), margin_left_of(s, first), o->index,
                     o);
        from = alpha_of(s, o->index);
        first = first_box_after(s, o->index);
    }
    out->total_demerits = s->act[best_bet].total_demerits;
}

/* ---- first fit -------------------------------------------------------- */

/* Is item i a legal breakpoint for the greedy breaker? Returns its
 * penalty in *pi. Automatic hyphenation points are used as well. */
static int legal_break(const breaker *s, size_t i, int *pi)
{
    const rc_item *it = &s->items[i];
    if (i == s->n - 1) {
        *pi = RC_EJECT_PENALTY;
        return 1;
    }
    if (it->type == RC_ITEM_GLUE) {
        *pi = 0;
        return i > 0 && s->items[i - 1].type == RC_ITEM_BOX;
    }
    if (it->type == RC_ITEM_PENALTY && it->penalty < RC_INF_PENALTY) {
        *pi = it->penalty <= RC_EJECT_PENALTY ? RC_EJECT_PENALTY : it->penalty;
        return 1;
    }
    return 0;
}

/*
 * Greedy first fit: fill each line as far as it can shrink, then break at
 * the last legal breakpoint that still fits; if none fits, the line is
 * overfull and ends at the first breakpoint. Each item is looked at a
 * bounded number of times (once, plus once more after a step back to the
 * last fitting break), so the whole is linear.
 */
static int first_fit(breaker *s, rc_breaks *out)
{
    dims from = {0, 0, 0, 0};
    size_t first = 0; /* the first box of the line */
    while (first < s->n && s->items[first].type != RC_ITEM_BOX)
        first++;
    size_t k = 0;
    int prev_fit = DECENT_FIT, prev_type = UNHYPHENATED;
    size_t cand = NONE;
    int overfull_any = 0;
    out->n = 0;
    out->total_demerits = 0;
    s->nb_from = NONE;
    for (size_t i = 0; i < s->n; i++) {
        int pi;
        if (!legal_break(s, i, &pi))
            continue;
        dims d = sums_between(s, from, i);
        int e;
        rc_scaled left = s->p->protrude ? margin_left_of(s, first) : 0;
        rc_scaled right = s->p->protrude ? margin_right_at(s, i) : 0;
        int64_t lw = fill_width(s, line_width_of(s, k + 1), left, right, d, &e);
        int fits = d.w - d.sh <= lw;
        size_t brk;
        if (fits && pi != RC_EJECT_PENALTY) {
            cand = i;
            continue;
        }
        if (fits || cand == NONE) {
            brk = i; /* forced, or nothing fits: overfull */
        } else {
            brk = cand;
            i = cand; /* rescan from the break */
        }
        legal_break(s, brk, &pi);
        int at_end = brk == s->n - 1;
        const rc_item *it = &s->items[brk];
        int type = at_end || (it->type == RC_ITEM_PENALTY && it->flagged) ? HYPHENATED
                                                                          : UNHYPHENATED;
        RC_VEC_PUSH(out->v, out->n, out->cap);
        rc_break *o = &out->v[out->n++];
        o->index = brk;
        measure_line(s, k, sums_between(s, from, brk), s->p->protrude ? margin_left_of(s, first) : 0,
                     brk, o);
        o->demerits = line_demerits(s->p, o->badness > INF_BAD ? INF_BAD : o->badness, INF_BAD,
                                    pi, type, at_end, o->fitness, prev_fit, prev_type);
        out->total_demerits = add_demerits(out->total_demerits, o->demerits);
        overfull_any |= o->overfull;
        prev_fit = o->fitness;
        prev_type = type;
        from = alpha_of(s, brk);
        first = first_box_after(s, brk);
        k++;
        cand = NONE;
        if (at_end)
            break;
    }
    out->pass = 0;
    return overfull_any;
}

/* ---- driver ------------------------------------------------------------ */

int rc_linebreak(const rc_item *items, size_t n, const rc_scaled *widths, size_t nwidths,
                 const rc_lb_params *params, rc_breaks *out)
{
    static const rc_scaled zero_width = 0;
    rc_lb_params defaults;
    if (!params) {
        rc_lb_params_default(&defaults);
        params = &defaults;
    }
    out->n = 0;
    out->pass = 0;
    out->total_demerits = 0;
    if (n == 0)
        return 0;
    if (!widths || nwidths == 0) {
        widths = &zero_width; /* a caller error; every line will be overfull */
        nwidths = 1;
    }

    breaker s;
    memset(&s, 0, sizeof(s));
    s.items = items;
    s.n = n;
    s.widths = widths;
    s.nwidths = nwidths;
    s.p = params;
    s.loose_weight = loose_weight(params);
    s.run_limit = params->hyphen_run_limit > 0 && params->hyphen_run_limit <= RC_LB_MAX_HYPHEN_RUN
                      ? params->hyphen_run_limit
                      : 0;
    s.sw = rc_xmalloc((n + 1) * sizeof(*s.sw));
    s.sst = rc_xmalloc((n + 1) * sizeof(*s.sst));
    s.ssh = rc_xmalloc((n + 1) * sizeof(*s.ssh));
    s.sx = rc_xmalloc((n + 1) * sizeof(*s.sx));
    s.sw[0] = s.sst[0] = s.ssh[0] = s.sx[0] = 0;
    for (size_t i = 0; i < n; i++) {
        const rc_item *it = &items[i];
        int64_t w = it->type == RC_ITEM_PENALTY ? 0 : it->width;
        int64_t st = it->type == RC_ITEM_GLUE ? it->stretch : 0;
        int64_t sh = it->type == RC_ITEM_GLUE ? it->shrink : 0;
        s.sw[i + 1] = s.sw[i] + w;
        s.sst[i + 1] = s.sst[i] + st;
        s.ssh[i + 1] = s.ssh[i] + sh;
        s.sx[i + 1] = s.sx[i] + (it->type == RC_ITEM_BOX && it->expandable ? w : 0);
    }

    int ret = 0;
    if (params->first_fit) {
        ret = first_fit(&s, out);
        goto done;
    }

    s.capact = 64;
    s.act = rc_xmalloc(s.capact * sizeof(*s.act));
    s.nact = 1;

    /* §848: paragraph shape; easy_line lets all lines past the last
     * special one share a class when looseness is zero */
    s.last_special_line = nwidths - 1;
    s.second_width = widths[nwidths - 1];
    s.easy_line = params->looseness == 0 ? s.last_special_line : MAX_LINE;

    /* §863: find optimal breakpoints, in up to three passes */
    s.threshold = params->pretolerance;
    if (s.threshold >= 0) {
        s.second_pass = 0;
        s.final_pass = 0;
    } else {
        s.threshold = params->tolerance;
        s.second_pass = 1;
        s.final_pass = params->emergency_stretch <= 0;
    }
    int pass = s.second_pass ? 2 : 1;
    size_t best_bet;
    for (;;) {
        if (s.threshold > INF_BAD)
            s.threshold = INF_BAD;
        best_bet = run_pass(&s);
        if (best_bet != ACTIVE)
            break;
        if (s.final_pass) {
            /* Cannot happen (§854 keeps an active node alive in the final
             * pass); fall back to first fit rather than fail. */
            ret = first_fit(&s, out);
            out->pass = pass;
            goto done;
        }
        if (!s.second_pass) {
            s.threshold = params->tolerance;
            s.second_pass = 1;
            s.final_pass = params->emergency_stretch <= 0;
            pass = 2;
        } else {
            s.background.st += params->emergency_stretch;
            s.final_pass = 1;
            pass = 3;
        }
    }
    write_breaks(&s, best_bet, out);
    out->pass = pass;
    for (size_t k = 0; k < out->n; k++)
        ret |= out->v[k].overfull;
    /*
     * A fourth pass, LaTeX's \sloppy: when even the emergency stretch left
     * a line sticking out (a long unhyphenatable run, as in justified text
     * without hyphenation), accept lines of any looseness. A loose line
     * stays inside the measure; an overfull one runs into the margin or
     * the date column. Demerits still pick the least loose solution, and
     * it is kept only when fewer lines stick out (a word wider than the
     * line sticks out whatever the breaks).
     */
    if (ret && pass == 3 && s.threshold < INF_BAD) {
        s.threshold = INF_BAD;
        best_bet = run_pass(&s);
        if (best_bet != ACTIVE) {
            rc_breaks sloppy;
            rc_breaks_init(&sloppy);
            write_breaks(&s, best_bet, &sloppy);
            size_t before = 0, after = 0;
            for (size_t k = 0; k < out->n; k++)
                before += out->v[k].overfull != 0;
            for (size_t k = 0; k < sloppy.n; k++)
                after += sloppy.v[k].overfull != 0;
            if (after < before) {
                rc_breaks_release(out);
                *out = sloppy;
                out->pass = 4;
                ret = after > 0;
            } else {
                rc_breaks_release(&sloppy);
            }
        }
    }

done:
    free(s.sw);
    free(s.sst);
    free(s.ssh);
    free(s.sx);
    free(s.act);
    free(s.pas);
    return ret;
}
