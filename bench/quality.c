/*
 * quality: the line-breaking quality report (issue 3).
 *
 * Sets every paragraph of a plain-text corpus the way the product sets a
 * justified body paragraph (src/layout_line.c's set_paragraph: markup ->
 * rc_para_add_spans at 10pt -> rc_linebreak, and when Knuth-Plass needs
 * its second or third pass, rc_para_rebuild with hyphenation points and
 * a second rc_linebreak), at a few measures, with Knuth-Plass and with
 * the greedy first-fit baseline, and measures each line independently of
 * the breaker: badness from the line's own natural width, stretch and
 * shrink as TeX's §108 computes it, overfull amounts, and the width of
 * every interword space after the line's adjustment ratio. One aligned
 * table; every figure but the time is deterministic.
 *
 *   quality [options] corpus-file...
 *     --width PT     a measure (repeatable; default 475, 330, 284.5)
 *     --repeat N     time the best of N runs (default 5): "time" is building
 *                    and breaking every paragraph once, "break" the part of
 *                    it spent in rc_linebreak
 *     --no-time      leave out the time column (byte-identical output)
 *     --kp-only      only the Knuth-Plass rows
 *     --worst N      after the table, the N loosest lines and every
 *                    overfull line of each row, with their text
 *     --lines        one tab-separated record per line instead of the table
 *     --latex        the paragraphs as LaTeX (for bench/tex/compare.sh)
 *     --pdf OUT      set the paragraphs as text entries of a CV through the
 *                    whole pipeline (load, layout, PDF), with the text
 *                    block as wide as the (single) --width
 *     --set NAME=V   change one Knuth-Plass parameter (pretolerance,
 *                    tolerance, emergency_stretch in pt, hyphen_penalty,
 *                    ex_hyphen_penalty, line_penalty, adj_demerits,
 *                    double_hyphen_demerits, final_hyphen_demerits,
 *                    protrude, expand_stretch, expand_shrink, expand_step,
 *                    loose_stretch: 0 for TeX's demerits),
 *                    to see what a different default would do; also --pdf
 *     --microtype    Knuth-Plass only, four rows per measure: without
 *                    margin protrusion and font expansion, with each, with
 *                    both (expansion as the latex theme sets it)
 *
 * Corpus files: paragraphs separated by blank lines (a paragraph may be
 * wrapped), lines starting with '#' are comments, inline markup as in
 * src/markup.h.
 */
#include "build.h"
#include "cv.h"
#include "dev.h"
#include "diag.h"
#include "doc.h"
#include "font.h"
#include "hyph.h"
#include "layout.h"
#include "linebreak.h"
#include "load.h"
#include "markup.h"
#include "style.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define INF_BAD 10000
#define BODY_SIZE RC_PT(10)
#define MAX_WIDTHS 8

/* ---- the corpus ------------------------------------------------------------ */

typedef struct para_src {
    char *id;              /* "research.txt:12": file and first source line */
    char *text;
    rc_spans spans;
} para_src;

typedef struct corpus {
    para_src *v;
    size_t n, cap;
} corpus;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    rc_buf b = RC_BUF_INIT;
    rc_buf_add_stream(&b, f, SIZE_MAX);
    fclose(f);
    *len = b.len;
    if (!b.ptr)
        return rc_xstrdup("");
    return b.ptr;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void add_para(corpus *c, const char *file, int line, rc_buf *text, rc_arena *a)
{
    if (text->len == 0)
        return;
    RC_VEC_PUSH(c->v, c->n, c->cap);
    para_src *p = &c->v[c->n++];
    p->id = rc_arena_printf(a, "%s:%d", base_name(file), line);
    p->text = rc_arena_strdup(a, rc_buf_str(text));
    p->spans = rc_markup_parse(a, p->text, strlen(p->text));
    rc_buf_reset(text);
}

static int load_corpus(corpus *c, const char *path, rc_arena *a)
{
    size_t len;
    char *data = read_file(path, &len);
    if (!data) {
        fprintf(stderr, "quality: cannot read %s\n", path);
        return -1;
    }
    if (rc_utf8_find_invalid(data, len) != (size_t)-1) {
        fprintf(stderr, "quality: %s is not valid UTF-8\n", path);
        free(data);
        return -1;
    }
    rc_buf text = RC_BUF_INIT;
    int lineno = 0, start = 0;
    char *s = data;
    while (*s) {
        char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        lineno++;
        while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        size_t lead = 0;
        while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
            lead++;
        if (lead == n) {
            add_para(c, path, start, &text, a);
        } else if (s[0] != '#') {
            if (text.len == 0)
                start = lineno;
            else
                rc_buf_addc(&text, ' ');
            rc_buf_add(&text, s + lead, n - lead);
        }
        if (!e)
            break;
        s = e + 1;
    }
    add_para(c, path, start, &text, a);
    rc_buf_release(&text);
    free(data);
    return 0;
}

/* ---- setting a paragraph as the product does -------------------------------- */

enum { ALG_KP, ALG_FF, ALG_FF_NOHYPH, ALG_COUNT };
static const char *const alg_name[ALG_COUNT] = {"knuth-plass", "first-fit", "first-fit, no hyph"};

/* --microtype: which of protrusion (1) and expansion (2) a row uses. */
enum { MT_PROTRUDE = 1, MT_EXPAND = 2, MT_COUNT = 4 };
static const char *const mt_name[MT_COUNT] = {"none", "protrusion", "expansion", "both"};

typedef struct job {
    rc_fonts fonts;
    rc_hyph *hyph;
    rc_lb_params lb;
} job;

/*
 * Build the paragraph and break it at `width`, as set_paragraph does for
 * Knuth-Plass; first fit gets the hyphenation points from the start (it
 * has no passes), or none for ALG_FF_NOHYPH. Returns the breaker's pass.
 */
static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int set_para(job *j, const para_src *s, rc_scaled width, int alg, rc_arena *scratch,
                    rc_para *p, rc_breaks *br, double *break_ms)
{
    rc_para_style ps;
    memset(&ps, 0, sizeof(ps));
    ps.size = BODY_SIZE;
    ps.link_color = 0x00294F;
    ps.align = RC_ALIGN_JUSTIFY;
    ps.ex_hyphen_penalty = j->lb.ex_hyphen_penalty;
    ps.hyphen_penalty = j->lb.hyphen_penalty;
    ps.hyphenate = 1;
    ps.hyph = alg == ALG_FF ? j->hyph : NULL;
    ps.protrude = j->lb.protrude;
    rc_para_init(p, RC_ALIGN_JUSTIFY, (rc_pos){s->id, 1, 1});
    rc_diags d;
    rc_diags_init(&d);
    if (rc_para_add_spans(p, s->spans, &ps, &j->fonts, scratch, &d) != 0) {
        rc_diags_print(&d, stderr);
        exit(2);
    }
    rc_diags_release(&d);
    rc_para_finish(p);
    rc_lb_params lb = j->lb;
    lb.first_fit = alg != ALG_KP;
    double t0 = now_ms();
    rc_linebreak(p->items, p->n, &width, 1, &lb, br);
    *break_ms += now_ms() - t0;
    if (alg == ALG_KP && br->pass > 1 && rc_para_hyphenatable(p) && j->hyph) {
        /* TeX's second pass: only now are words hyphenated (§863, §891). */
        rc_para_rebuild(p, j->hyph, 0, 0, &j->fonts, scratch);
        t0 = now_ms();
        rc_linebreak(p->items, p->n, &width, 1, &lb, br);
        *break_ms += now_ms() - t0;
    }
    return br->pass;
}

/* ---- measuring a line ---------------------------------------------------------- */

/* TeX's badness (tex.web §108): about 100(t/s)^3, in integers. */
static int tex_badness(int64_t t, int64_t s)
{
    int64_t r;
    if (t == 0)
        return 0;
    if (s <= 0)
        return INF_BAD;
    if (t <= 7230584)
        r = (t * 297) / s;
    else if (s >= 1663497)
        r = t / (s / 297);
    else
        r = t;
    if (r > 1290)
        return INF_BAD;
    return (int)((r * r * r + 0x20000) / 0x40000);
}

enum { END_GLUE, END_HYPHEN, END_EXPLICIT, END_PARAGRAPH };

typedef struct line_info {
    size_t from, brk;      /* items [from, brk) and the break item */
    int64_t w, st, sh;     /* natural width, stretch and shrink (sp) */
    int badness;           /* §108; meaningless when overfull */
    int overfull;
    double over_pt;        /* how far the shrunk line overflows */
    double ratio;          /* glue set ratio, as hpack would set it (§658-§664) */
    int nspaces;
    double max_space, sum_space; /* set interword spaces, in em */
    int end;               /* END_* */
    int last;
    int expand;            /* the breaker's font expansion of the line */
} line_info;

/*
 * The line's own measure: its natural width and glue, the width it must
 * fill widened by what the breaker hung into the margins (b->margin_*) and
 * narrowed by what font expansion (b->expand) added to its glyphs, which
 * are summed here from the items, not taken from the breaker.
 */
static void measure_line(const rc_para *p, size_t from, size_t brk, rc_scaled width, int last,
                         const rc_break *b, line_info *li)
{
    memset(li, 0, sizeof(*li));
    li->from = from;
    li->brk = brk;
    li->last = last;
    li->expand = b->expand;
    int64_t glyphs = 0;
    for (size_t i = from; i < brk; i++) {
        const rc_item *it = &p->items[i];
        if (it->type == RC_ITEM_BOX) {
            li->w += it->width;
            glyphs += it->expandable ? it->width : 0;
        } else if (it->type == RC_ITEM_GLUE) {
            li->w += it->width;
            li->st += it->stretch;
            li->sh += it->shrink;
        }
    }
    const rc_item *end = &p->items[brk];
    if (end->type == RC_ITEM_PENALTY) {
        li->w += end->width; /* the hyphen typeset at a hyphen break */
        glyphs += end->expandable ? end->width : 0;
    }
    width += b->margin_left + b->margin_right;
    width -= rc_expanded((rc_scaled)glyphs, b->expand) - (rc_scaled)glyphs;
    if (brk == p->n - 1)
        li->end = END_PARAGRAPH;
    else if (end->type == RC_ITEM_PENALTY && end->flagged)
        li->end = end->discretionary ? END_HYPHEN : END_EXPLICIT;
    else
        li->end = END_GLUE;

    int64_t shortfall = (int64_t)width - li->w;
    if (shortfall > 0) {
        li->badness = tex_badness(shortfall, li->st);
        li->ratio = li->st > 0 ? (double)shortfall / (double)li->st : 0.0;
    } else if (shortfall < 0) {
        if (-shortfall > li->sh) {
            li->overfull = 1;
            li->badness = INF_BAD + 1;
            li->over_pt = (double)(-shortfall - li->sh) / RC_UNITY;
            li->ratio = li->sh > 0 ? -1.0 : 0.0;
        } else {
            li->badness = tex_badness(-shortfall, li->sh);
            li->ratio = (double)shortfall / (double)li->sh;
        }
    }
    if (last)
        return; /* the last line is set at natural spacing */
    for (size_t i = from; i < brk; i++) {
        const rc_item *it = &p->items[i];
        if (it->type != RC_ITEM_GLUE || it->payload == RC_NO_RUN)
            continue;
        double set = it->width + li->ratio * (li->ratio > 0 ? it->stretch : it->shrink);
        double em = set / p->runs[it->payload].size;
        li->nspaces++;
        li->sum_space += em;
        if (em > li->max_space)
            li->max_space = em;
    }
}

/* Lines of a broken paragraph: each starts at the first box after the
 * previous break (§879: glue and penalties after a break vanish). */
static size_t measure_lines(const rc_para *p, const rc_breaks *br, rc_scaled width,
                            line_info **out, size_t *cap)
{
    if (*cap < br->n) {
        *out = rc_xrealloc(*out, br->n * sizeof(**out));
        *cap = br->n;
    }
    size_t from = 0;
    for (size_t k = 0; k < br->n; k++) {
        while (from < br->v[k].index && p->items[from].type != RC_ITEM_BOX)
            from++;
        measure_line(p, from, br->v[k].index, width, k + 1 == br->n, &br->v[k], &(*out)[k]);
        from = br->v[k].index + 1;
    }
    return br->n;
}

/* The text of a line, as it reads (spaces for glue, the hyphen shown). */
static void line_text(const rc_para *p, const line_info *li, rc_buf *b)
{
    int space = 0;
    for (size_t i = li->from; i < li->brk; i++) {
        const rc_item *it = &p->items[i];
        if (it->type == RC_ITEM_GLUE && it->payload != RC_NO_RUN) {
            space = 1;
        } else if (it->type == RC_ITEM_BOX && it->payload != RC_NO_RUN) {
            if (space)
                rc_buf_addc(b, ' ');
            space = 0;
            const rc_run *run = &p->runs[it->payload];
            for (size_t k = 0; k < run->n; k++)
                rc_buf_add_utf8(b, run->cps[k]);
        }
    }
    if (li->end == END_HYPHEN)
        rc_buf_addc(b, '-');
}

/* ---- the report ----------------------------------------------------------------- */

typedef struct worst {
    size_t para, line;
    double key;
    char *text;
    line_info li;
} worst;

typedef struct row {
    int alg;
    int mt;                /* -1, or the --microtype combination */
    rc_scaled width;
    size_t paras, lines, bad100, overfull, hyph, explicit_breaks, pass2, pass3;
    size_t disagree;       /* lines whose badness the breaker reports differently */
    double max_over, max_space, sum_space;
    size_t nspaces;
    double *spaces;        /* every interword space (em), for the 95th percentile */
    size_t spaces_cap;
    double p95;            /* of spaces, once the row is measured */
    size_t expanded;       /* lines whose glyphs are scaled */
    int max_expand;        /* the largest scaling, thousandths either way */
    double ms, break_ms;   /* build and break; of which breaking */
    worst *loose;          /* the loosest lines, best first */
    size_t nloose;
    worst *over;           /* every overfull line */
    size_t nover, over_cap;
} row;

static char *text_of(const rc_para *p, const line_info *li)
{
    rc_buf b = RC_BUF_INIT;
    line_text(p, li, &b);
    char *s = rc_xstrdup(rc_buf_str(&b));
    rc_buf_release(&b);
    return s;
}

/* Keep the n loosest lines; earlier lines win ties (deterministic). */
static void keep_loose(row *r, size_t n, size_t para, size_t line, const rc_para *p,
                       const line_info *li)
{
    if (n == 0 || li->last || li->nspaces == 0)
        return;
    if (r->nloose == n && li->max_space <= r->loose[n - 1].key)
        return;
    size_t at = r->nloose < n ? r->nloose++ : n - 1;
    free(r->loose[at].text);
    while (at > 0 && r->loose[at - 1].key < li->max_space) {
        r->loose[at] = r->loose[at - 1];
        at--;
    }
    r->loose[at] = (worst){para, line, li->max_space, text_of(p, li), *li};
}

/* Every set interword space of a line (em), for the row's percentile. */
static void keep_spaces(row *r, const rc_para *p, const line_info *li)
{
    if (li->last)
        return;
    for (size_t i = li->from; i < li->brk; i++) {
        const rc_item *it = &p->items[i];
        if (it->type != RC_ITEM_GLUE || it->payload == RC_NO_RUN)
            continue;
        double set = it->width + li->ratio * (li->ratio > 0 ? it->stretch : it->shrink);
        RC_VEC_PUSH(r->spaces, r->nspaces, r->spaces_cap);
        r->spaces[r->nspaces++] = set / p->runs[it->payload].size;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The 95th percentile of the row's spaces (nearest rank). */
static double p95_space(row *r)
{
    if (r->nspaces == 0)
        return 0;
    qsort(r->spaces, r->nspaces, sizeof(*r->spaces), cmp_double);
    size_t rank = (r->nspaces * 95 + 99) / 100;
    return r->spaces[rank - 1];
}

static void print_lines_header(void)
{
    printf("algorithm\twidth_pt\tparagraph\tline\tlines\tpass\tend\tbadness\toverfull_pt\t"
           "ratio\tspaces\tmax_space_em\tmean_space_em\ttext\n");
}

static const char *const end_name[] = {"glue", "hyphen", "explicit", "par"};

static void print_line_record(const row *r, const para_src *s, size_t k, size_t n, int pass,
                              const rc_para *p, const line_info *li)
{
    rc_buf b = RC_BUF_INIT;
    line_text(p, li, &b);
    for (size_t i = 0; i < b.len; i++)
        if (b.ptr[i] == '\t')
            b.ptr[i] = ' ';
    printf("%s\t%.2f\t%s\t%zu\t%zu\t%d\t%s\t%d\t%.2f\t%.3f\t%d\t%.3f\t%.3f\t%s\n",
           alg_name[r->alg], r->width / 65536.0, s->id, k + 1, n, pass, end_name[li->end],
           li->overfull ? -1 : li->badness, li->over_pt, li->ratio, li->nspaces, li->max_space,
           li->nspaces ? li->sum_space / li->nspaces : 0.0, rc_buf_str(&b));
    rc_buf_release(&b);
}

static void run_row(job *j, const corpus *c, row *r, int repeat, size_t nworst, int dump)
{
    rc_arena scratch;
    rc_para p;
    rc_breaks br;
    rc_breaks_init(&br);
    line_info *lines = NULL;
    size_t lines_cap = 0;
    r->loose = rc_xcalloc(nworst ? nworst : 1, sizeof(worst));

    /* The measurements, from one run. */
    for (size_t i = 0; i < c->n; i++) {
        rc_arena_init(&scratch);
        double ignored = 0;
        int pass = set_para(j, &c->v[i], r->width, r->alg, &scratch, &p, &br, &ignored);
        size_t n = measure_lines(&p, &br, r->width, &lines, &lines_cap);
        r->paras++;
        r->pass2 += pass == 2;
        r->pass3 += pass == 3;
        for (size_t k = 0; k < n; k++) {
            const line_info *li = &lines[k];
            r->lines++;
            if (li->overfull) {
                r->overfull++;
                if (li->over_pt > r->max_over)
                    r->max_over = li->over_pt;
                if (nworst) {
                    RC_VEC_PUSH(r->over, r->nover, r->over_cap);
                    r->over[r->nover++] = (worst){i, k, li->over_pt, text_of(&p, li), *li};
                }
            } else if (li->badness > 100) {
                r->bad100++;
            }
            r->hyph += li->end == END_HYPHEN;
            r->explicit_breaks += li->end == END_EXPLICIT;
            keep_spaces(r, &p, li);
            r->sum_space += li->sum_space;
            r->expanded += li->expand != 0;
            if (abs(li->expand) > r->max_expand)
                r->max_expand = abs(li->expand);
            if (li->max_space > r->max_space)
                r->max_space = li->max_space;
            keep_loose(r, nworst, i, k, &p, li);
            /* The breaker reports the same badness, except in the emergency
             * pass, where it counts emergency_stretch as stretch (§827). */
            const rc_break *b = &br.v[k];
            int theirs = b->overfull ? INF_BAD + 1 : b->badness;
            if (pass != 3 && (theirs != li->badness || b->overfull != li->overfull))
                r->disagree++;
            if (dump)
                print_line_record(r, &c->v[i], k, n, pass, &p, li);
        }
        rc_para_release(&p);
        rc_arena_release(&scratch);
    }

    /* The time: building and breaking only, best of `repeat` runs. */
    r->ms = -1;
    for (int t = 0; t < repeat; t++) {
        double break_ms = 0, t0 = now_ms();
        for (size_t i = 0; i < c->n; i++) {
            rc_arena_init(&scratch);
            set_para(j, &c->v[i], r->width, r->alg, &scratch, &p, &br, &break_ms);
            rc_para_release(&p);
            rc_arena_release(&scratch);
        }
        double ms = now_ms() - t0;
        if (r->ms < 0 || ms < r->ms) {
            r->ms = ms;
            r->break_ms = break_ms;
        }
    }
    free(lines);
    rc_breaks_release(&br);
}

static void print_table(const row *rows, size_t nrows, int with_time)
{
    static const char *const head[2] = {
        "algorithm            width  paras  lines  bad>100  overfull  max over  max space  "
        "p95 space  mean space  hyphen  explicit  pass 2  pass 3  expanded  max expand",
        "                        pt                                        pt         em  "
        "       em          em   lines     lines   paras   paras     lines           %"};
    for (int h = 0; h < 2; h++)
        printf("%s%s\n", head[h], with_time ? (h ? "      ms      ms" : "    time   break") : "");
    for (size_t i = 0; i < nrows; i++) {
        const row *r = &rows[i];
        char p2[16] = "-", p3[16] = "-";
        if (r->alg == ALG_KP) {
            snprintf(p2, sizeof(p2), "%zu", r->pass2);
            snprintf(p3, sizeof(p3), "%zu", r->pass3);
        }
        char name[32];
        snprintf(name, sizeof(name), "%s", r->mt >= 0 ? mt_name[r->mt] : alg_name[r->alg]);
        printf("%-18s %7.2f  %5zu  %5zu  %7zu  %8zu  %8.2f  %9.3f  %9.3f  %10.3f  %6zu  %8zu  %6s  "
               "%6s  %8zu  %10.1f",
               name, r->width / 65536.0, r->paras, r->lines, r->bad100, r->overfull,
               r->max_over, r->max_space, r->p95, r->nspaces ? r->sum_space / r->nspaces : 0.0,
               r->hyph, r->explicit_breaks, p2, p3, r->expanded, r->max_expand / 10.0);
        if (with_time)
            printf("  %6.2f  %6.2f", r->ms, r->break_ms);
        printf("\n");
    }
}

static void print_worst(const corpus *c, const row *r)
{
    printf("\n%s at %.2fpt: the %zu loosest lines (interword space in em, badness)\n",
           alg_name[r->alg], r->width / 65536.0, r->nloose);
    for (size_t i = 0; i < r->nloose; i++) {
        const worst *w = &r->loose[i];
        printf("  %.3f  b=%-5d %-18s line %zu: %s\n", w->key, w->li.badness, c->v[w->para].id,
               w->line + 1, w->text);
    }
    if (r->nover) {
        printf("%s at %.2fpt: overfull lines (overflow)\n", alg_name[r->alg], r->width / 65536.0);
        for (size_t i = 0; i < r->nover; i++) {
            const worst *w = &r->over[i];
            printf("  %6.2fpt  %-18s line %zu: %s\n", w->key, c->v[w->para].id, w->line + 1,
                   w->text);
        }
    }
}

/* ---- LaTeX and PDF output, for the comparison with TeX ------------------------ */

static void latex_text(const char *s, size_t len, rc_buf *b, uint32_t *prev)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = rc_utf8_decode(s + i, len - i, &cp);
        if (k == 0)
            k = 1;
        switch (cp) {
        case '\\': rc_buf_adds(b, "\\textbackslash{}"); break;
        case '{': case '}': case '$': case '&': case '%': case '#': case '_':
            rc_buf_addc(b, '\\');
            rc_buf_addc(b, (char)cp);
            break;
        case '^': rc_buf_adds(b, "\\^{}"); break;
        case '~': rc_buf_adds(b, "\\textasciitilde{}"); break;
        case '<': rc_buf_adds(b, "\\textless{}"); break;
        case '>': rc_buf_adds(b, "\\textgreater{}"); break;
        case '|': rc_buf_adds(b, "\\textbar{}"); break;
        case '"':
            rc_buf_adds(b, *prev == 0 || *prev == ' ' || *prev == '(' ? "``" : "''");
            break;
        case 0xA0: rc_buf_addc(b, '~'); break;
        case 0x2013: rc_buf_adds(b, "--"); break;
        case 0x2014: rc_buf_adds(b, "---"); break;
        case 0x2018: rc_buf_adds(b, "`"); break;
        case 0x2019: rc_buf_adds(b, "'"); break;
        case 0x201C: rc_buf_adds(b, "``"); break;
        case 0x201D: rc_buf_adds(b, "''"); break;
        default: rc_buf_add(b, s + i, k); break;
        }
        *prev = cp;
        i += k;
    }
}

/* One paragraph per source line, preceded by a comment with its id. */
static void write_latex(const corpus *c)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < c->n; i++) {
        rc_buf_reset(&b);
        uint32_t prev = 0;
        const rc_spans *sp = &c->v[i].spans;
        for (size_t k = 0; k < sp->n; k++) {
            const rc_span *s = &sp->v[k];
            int braces = 0;
            if (s->style & RC_STYLE_CODE) {
                rc_buf_adds(&b, "\\texttt{");
                braces++;
            }
            if (s->style & RC_STYLE_BOLD) {
                rc_buf_adds(&b, "\\textbf{");
                braces++;
            }
            if (s->style & RC_STYLE_ITALIC) {
                rc_buf_adds(&b, "\\textit{");
                braces++;
            }
            latex_text(s->text, s->len, &b, &prev);
            while (braces--)
                rc_buf_addc(&b, '}');
        }
        printf("%% %s\n%s\n\n", c->v[i].id, rc_buf_str(&b));
    }
    rc_buf_release(&b);
}

/* The corpus as a CV: one section of text entries, one per paragraph. */
static void corpus_yaml(const corpus *c, rc_buf *y)
{
    rc_buf_adds(y, "cv:\n  sections:\n    paragraphs:\n");
    for (size_t i = 0; i < c->n; i++) {
        rc_buf_adds(y, "      - \"");
        for (const char *s = c->v[i].text; *s; s++) {
            if (*s == '"' || *s == '\\')
                rc_buf_addc(y, '\\');
            rc_buf_addc(y, *s);
        }
        rc_buf_adds(y, "\"\n");
    }
}

static int write_pdf(const corpus *c, rc_fonts *fonts, const rc_lb_params *lb,
                     rc_scaled width, const char *out)
{
    rc_arena a;
    rc_diags d;
    rc_cv cv;
    rc_style st;
    rc_doc doc;
    rc_arena_init(&a);
    rc_diags_init(&d);
    rc_doc_init(&doc);
    memset(&cv, 0, sizeof(cv));
    rc_buf y = RC_BUF_INIT;
    corpus_yaml(c, &y);
    int status = -1;
    rc_style_defaults(&st); /* rescomp's latex look on A4 */
    if (rc_load_cv_memory(&cv, "corpus.yaml", y.ptr, y.len, &a, &d) == 0 && d.nerrors == 0) {
        /*
         * The classic style, with the right margin moved to give the
         * measure, on one page as tall as PDF allows (14400pt), so that
         * no paragraph ends at the foot of a page, where a measurement
         * could not tell its last line from a full one.
         */
        st.margin_right = st.page_width - st.margin_left - width;
        st.page_height = RC_PT(14400);
        st.lb = *lb;
        if (rc_layout_cv(&cv, &st, fonts, &a, &doc, &d) == 0 && d.nerrors == 0 &&
            rc_pdf_write(&doc, out, &d) == 0)
            status = 0;
    }
    rc_diags_print(&d, stderr);
    rc_buf_release(&y);
    rc_doc_release(&doc);
    rc_diags_release(&d);
    rc_arena_release(&a);
    return status;
}

/* --set NAME=VALUE: one parameter of rc_lb_params. */
static int set_param(rc_lb_params *lb, const char *arg)
{
    static const struct {
        const char *name;
        size_t off;
    } ints[] = {
        {"pretolerance", offsetof(rc_lb_params, pretolerance)},
        {"tolerance", offsetof(rc_lb_params, tolerance)},
        {"line_penalty", offsetof(rc_lb_params, line_penalty)},
        {"hyphen_penalty", offsetof(rc_lb_params, hyphen_penalty)},
        {"ex_hyphen_penalty", offsetof(rc_lb_params, ex_hyphen_penalty)},
        {"double_hyphen_demerits", offsetof(rc_lb_params, double_hyphen_demerits)},
        {"final_hyphen_demerits", offsetof(rc_lb_params, final_hyphen_demerits)},
        {"protrude", offsetof(rc_lb_params, protrude)},
        {"expand_stretch", offsetof(rc_lb_params, expand_stretch)},
        {"expand_shrink", offsetof(rc_lb_params, expand_shrink)},
        {"expand_step", offsetof(rc_lb_params, expand_step)},
        {"adj_demerits", offsetof(rc_lb_params, adj_demerits)},
        {"loose_stretch", offsetof(rc_lb_params, loose_stretch)},
    };
    const char *eq = strchr(arg, '=');
    if (!eq)
        return -1;
    size_t n = (size_t)(eq - arg);
    char *end;
    double v = strtod(eq + 1, &end);
    if (*end || eq[1] == 0)
        return -1;
    if (n == strlen("emergency_stretch") && !strncmp(arg, "emergency_stretch", n)) {
        lb->emergency_stretch = RC_PT(v);
        return 0;
    }
    for (size_t i = 0; i < RC_ARRAY_LEN(ints); i++)
        if (strlen(ints[i].name) == n && !strncmp(arg, ints[i].name, n)) {
            *(int *)((char *)lb + ints[i].off) = (int)v;
            return 0;
        }
    return -1;
}

/* ---- main ------------------------------------------------------------------------- */

static void usage(void)
{
    fprintf(stderr,
            "usage: quality [--width PT]... [--set NAME=VALUE]... [--kp-only] [--repeat N]\n"
            "               [--no-time] [--worst N] [--lines] [--latex] [--pdf OUT] [--microtype]\n"
            "               corpus-file...\n");
    exit(2);
}

static double parse_number(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (*end || v <= 0 || v > 10000)
        usage();
    return v;
}

int main(int argc, char **argv)
{
    rc_scaled widths[MAX_WIDTHS];
    size_t nwidths = 0;
    int repeat = 5, with_time = 1, dump = 0, latex = 0, kp_only = 0, microtype = 0;
    size_t nworst = 0;
    const char *pdf = NULL;
    job j;
    memset(&j, 0, sizeof(j));
    {
        /* The product's parameters (see src/style.c). */
        rc_style st;
        rc_style_defaults(&st);
        j.lb = st.lb;
        j.lb.loose_stretch = RC_LATEX_LOOSE_STRETCH; /* the latex theme's, as the flagship */
    }
    rc_buf changed = RC_BUF_INIT;
    rc_arena a;
    rc_arena_init(&a);
    corpus c = {0};
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--width") && i + 1 < argc) {
            if (nwidths == MAX_WIDTHS)
                usage();
            double pt = parse_number(argv[++i]); /* RC_PT evaluates its argument twice */
            widths[nwidths++] = RC_PT(pt);
        } else if (!strcmp(o, "--repeat") && i + 1 < argc) {
            repeat = (int)parse_number(argv[++i]);
        } else if (!strcmp(o, "--worst") && i + 1 < argc) {
            nworst = (size_t)parse_number(argv[++i]);
        } else if (!strcmp(o, "--no-time")) {
            with_time = 0;
        } else if (!strcmp(o, "--lines")) {
            dump = 1;
        } else if (!strcmp(o, "--latex")) {
            latex = 1;
        } else if (!strcmp(o, "--pdf") && i + 1 < argc) {
            pdf = argv[++i];
        } else if (!strcmp(o, "--set") && i + 1 < argc) {
            if (set_param(&j.lb, argv[++i]) != 0)
                usage();
            rc_buf_addf(&changed, "%s%s", changed.len ? ", " : "", argv[i]);
        } else if (!strcmp(o, "--kp-only")) {
            kp_only = 1;
        } else if (!strcmp(o, "--microtype")) {
            microtype = 1;
        } else if (o[0] == '-') {
            usage();
        } else if (load_corpus(&c, o, &a) != 0) {
            return 2;
        }
    }
    if (c.n == 0)
        usage();
    if (latex) {
        write_latex(&c);
        return 0;
    }
    if (nwidths == 0) {
        widths[nwidths++] = RC_PT(475);
        widths[nwidths++] = RC_PT(330);
        widths[nwidths++] = RC_PT(284.5);
    }

    rc_diags d;
    rc_diags_init(&d);
    char *dir = getenv("RESCOMP_FONT_DIR") ? NULL : rc_fonts_find_dir();
    const char *font_dir = getenv("RESCOMP_FONT_DIR");
    if (!font_dir)
        font_dir = dir ? dir : RESCOMP_SOURCE_FONT_DIR;
    if (rc_fonts_load(&j.fonts, font_dir, &d) != 0) {
        rc_diags_print(&d, stderr);
        return 2;
    }
    free(dir);
    if (pdf) {
        if (nwidths != 1)
            usage();
        int status = write_pdf(&c, &j.fonts, &j.lb, widths[0], pdf);
        rc_fonts_release(&j.fonts);
        return status ? 1 : 0;
    }
    j.hyph = rc_hyph_open(NULL, (rc_pos){0}, &d);
    rc_diags_print(&d, stderr);

    /* --microtype: the Knuth-Plass rows, once per combination */
    int nalgs = microtype ? MT_COUNT : kp_only ? 1 : ALG_COUNT;
    size_t nrows = nwidths * (size_t)nalgs;
    row *rows = rc_xcalloc(nrows, sizeof(row));
    if (dump)
        print_lines_header();
    rc_lb_params lb = j.lb;
    rc_style mt_style;
    rc_style_defaults(&mt_style);
    for (int alg = 0; alg < nalgs; alg++)
        for (size_t w = 0; w < nwidths; w++) {
            row *r = &rows[alg * nwidths + w];
            r->alg = microtype ? ALG_KP : alg;
            r->mt = microtype ? alg : -1;
            r->width = widths[w];
            j.lb = lb;
            if (microtype) {
                j.lb.protrude = (alg & MT_PROTRUDE) != 0;
                /* the latex theme's expansion (style.c's set_expansion) */
                int expand = (alg & MT_EXPAND) != 0;
                j.lb.expand_stretch = j.lb.expand_shrink = expand ? RC_EXPAND_MAX : 0;
                j.lb.expand_step = mt_style.lb.expand_step;
            }
            run_row(&j, &c, r, with_time ? repeat : 0, nworst, dump);
            r->p95 = p95_space(r);
        }
    j.lb = lb;
    if (!dump) {
        printf("rescomp line breaking: %zu paragraphs, CMU Serif 10pt justified; Knuth-Plass with "
               "rescomp's breaking parameters%s%s\n(pretolerance %d, tolerance %d, emergency stretch %.1fpt, "
               "hyphen penalty %d, explicit %d, line penalty %d,\nadj %d, double hyphen %d, final "
               "hyphen %d); hyphenation %s, for Knuth-Plass only after pass 1 fails.\n"
               "Margin protrusion %s, font expansion %s; rows of --microtype: none, either, both.\n"
               "Badness per TeX §108 from each line's own glue; spaces exclude each paragraph's "
               "last line.\n\n",
               c.n, changed.len ? ", changed: " : "", rc_buf_str(&changed), j.lb.pretolerance, j.lb.tolerance, j.lb.emergency_stretch / 65536.0,
               j.lb.hyphen_penalty, j.lb.ex_hyphen_penalty, j.lb.line_penalty,
               j.lb.adj_demerits, j.lb.double_hyphen_demerits, j.lb.final_hyphen_demerits,
               j.hyph ? "en_US (libhyphen)" : "unavailable", j.lb.protrude ? "on" : "off",
               j.lb.expand_stretch || j.lb.expand_shrink ? "on" : "off");
        print_table(rows, nrows, with_time);
        for (size_t i = 0; i < nrows; i++)
            if (rows[i].disagree)
                printf("note: %s at %.2fpt: the breaker reports another badness for %zu lines\n",
                       alg_name[rows[i].alg], rows[i].width / 65536.0, rows[i].disagree);
        if (nworst)
            for (size_t i = 0; i < nrows; i++)
                print_worst(&c, &rows[i]);
    }
    for (size_t i = 0; i < nrows; i++) {
        for (size_t k = 0; k < rows[i].nloose; k++)
            free(rows[i].loose[k].text);
        for (size_t k = 0; k < rows[i].nover; k++)
            free(rows[i].over[k].text);
        free(rows[i].loose);
        free(rows[i].over);
        free(rows[i].spaces);
    }
    free(rows);
    rc_hyph_close(j.hyph);
    rc_fonts_release(&j.fonts);
    rc_diags_release(&d);
    free(c.v);
    rc_buf_release(&changed);
    rc_arena_release(&a);
    return 0;
}
