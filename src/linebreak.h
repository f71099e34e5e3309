/*
 * linebreak: choose line breaks in a box/glue/penalty list.
 *
 * Knuth-Plass total fit as in tex.web §813-890: a first pass without
 * automatic hyphenation points under `pretolerance`, a second pass with
 * them under `tolerance`, and a third with `emergency_stretch` before a
 * line may overflow. Knows nothing of fonts, markup or PDF.
 *
 * Input convention (as TeX's paragraph end, §816): the list ends with a
 * penalty RC_INF_PENALTY, a glue (the parfillskip, stretchable), and a
 * forced break penalty RC_EJECT_PENALTY. Legal breakpoints are glue
 * preceded by a box, and penalties below RC_INF_PENALTY.
 */
#ifndef RC_LINEBREAK_H
#define RC_LINEBREAK_H

#include "item.h"

typedef struct rc_lb_params {
    int pretolerance;          /* pass 1 threshold; < 0 skips pass 1 */
    int tolerance;             /* pass 2 threshold */
    int line_penalty;
    int hyphen_penalty;        /* used by the builder for automatic hyphens */
    int ex_hyphen_penalty;     /* used by the builder for explicit hyphens */
    int double_hyphen_demerits;
    int final_hyphen_demerits;
    int adj_demerits;
    int looseness;
    rc_scaled emergency_stretch; /* > 0 enables the third pass */
    int first_fit;             /* 1: greedy first fit (for tests and comparison) */
    /*
     * Microtypography, as pdfTeX's \pdfprotrudechars=2 and
     * \pdfadjustspacing=2: both are seen by the breaker, not only applied
     * to the lines it chose. protrude: a line may be as much longer as its
     * first and last items hang into the margins (rc_item.margin_*).
     * expand_stretch, expand_shrink (thousandths, 0 for none): the glyphs
     * of a line (rc_item.expandable widths) may be scaled by up to that
     * much, in steps of expand_step thousandths, before its glue stretches
     * or shrinks (pdfTeX's order: spaces keep their width where glyphs
     * can take up the difference).
     */
    int protrude;
    int expand_stretch, expand_shrink, expand_step;
    /*
     * Discipline beyond TeX's (linebreak.c says why): at most
     * hyphen_run_limit lines in a row end in a hyphen (0, or more than
     * RC_LB_MAX_HYPHEN_RUN: no limit), and a last line narrower than
     * last_line_min (0: any width will do) costs short_last_demerits.
     */
    int hyphen_run_limit;
    rc_scaled last_line_min;
    int short_last_demerits;
    /*
     * loose_stretch (thousandths, 0 or 1000: TeX's rule): a line that
     * stretches is charged demerits as if its glue had only that share of
     * its stretch, so that a loose line costs more than a tight one with
     * spaces as far from their natural width. Whether a line is feasible
     * (tolerance) and how it is set do not change.
     */
    int loose_stretch;
} rc_lb_params;

/* The most font expansion the breaker accepts: pdfTeX's and microtype's 2%. */
#define RC_EXPAND_MAX 20

#define RC_LB_MAX_HYPHEN_RUN 8

/* TeX's plain defaults adapted by SILE, with emergency stretch for narrow columns. */
void rc_lb_params_default(rc_lb_params *p);

typedef struct rc_break {
    size_t index;      /* item where the line ends (glue or penalty) */
    int32_t ratio;     /* adjustment ratio * 65536 (negative: shrink) */
    int64_t demerits;  /* demerits of this line */
    int fitness;       /* 0 very loose, 1 loose, 2 decent, 3 tight */
    int badness;
    int overfull;      /* 1 if the line could not be made to fit */
    int expand;        /* font expansion of the line's glyphs, thousandths (0: none) */
    rc_scaled margin_left, margin_right; /* how far it hangs into each margin (protrude) */
} rc_break;

typedef struct rc_breaks {
    rc_break *v;
    size_t n, cap;
    int pass;          /* 1, 2, 3 (emergency) or 4 (sloppy); 0 for first fit */
    int64_t total_demerits;
} rc_breaks;

void rc_breaks_init(rc_breaks *b);
void rc_breaks_release(rc_breaks *b);

/*
 * Break items[0..n) into lines of the given widths: line k has width
 * widths[min(k, nwidths-1)] (TeX's \parshape, §847). Returns 0, or 1 when
 * some line is overfull (the breaks are still complete and usable).
 */
int rc_linebreak(const rc_item *items, size_t n, const rc_scaled *widths, size_t nwidths,
                 const rc_lb_params *p, rc_breaks *out);

#endif
