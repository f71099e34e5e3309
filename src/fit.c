/*
 * fit: a CV laid out within design.page.max_pages (see fit.h).
 *
 * The settings tried form one sequence from the loosest (the design as
 * written) to the tightest. A setting is a layout key (margins, font
 * size), which needs the CV set again, and a respacing of that layout's
 * vertical list (spacing, leading), which needs only new page breaks.
 */
#include "fit.h"

#include <stdlib.h>
#include <string.h>

#define LINESKIP RC_PT(1) /* page.c's: interline glue is never less */

/* The steps of fit.h, in percent (spacing, leading, margins) and quarter points (size). */
enum {
    SPACING_STEP = 5,
    SPACING_MIN = 50,
    LEADING_STEP = 2,
    LEADING_MIN = 90,
    MARGIN_STEP = 5,
    MARGIN_MIN = 75,
    SIZE_STEPS = 4, /* of 0.25pt: at most 1pt */
};
#define MARGIN_FLOOR RC_PT(10 * 72.0 / 25.4) /* 10 mm */
#define SIZE_FLOOR RC_PT(9)

/* What a setting changes: percentages of the design's, and the body size's drop. */
typedef struct setting {
    int spacing, leading, margins;
    int drop; /* quarter points */
} setting;

/* One layout of the CV (one margin and size), with its own document and diagnostics. */
typedef struct trial {
    rc_layout *layout;
    rc_style st;
    rc_doc doc;
    rc_diags d;
    setting key;
} trial;

/* ---- settings -------------------------------------------------------------- */

/* The number of size steps the body size allows (never below 9pt). */
static int size_steps(const rc_style *st)
{
    int n = 0;
    while (n < SIZE_STEPS && st->body_size - (n + 1) * RC_PT(0.25) >= SIZE_FLOOR)
        n++;
    return n;
}

static rc_scaled percent(rc_scaled v, int pct)
{
    return (rc_scaled)((int64_t)v * pct / 100);
}

static rc_scaled margin(rc_scaled m, int pct)
{
    rc_scaled floor = m < MARGIN_FLOOR ? m : MARGIN_FLOOR;
    rc_scaled t = percent(m, pct);
    return t < floor ? floor : t;
}

static rc_scaled resize(rc_scaled v, rc_scaled from, rc_scaled to)
{
    return (rc_scaled)((int64_t)v * to / from);
}

/* The style of a layout key: margins and text sizes; spacing and leading come later. */
static rc_style key_style(const rc_style *base, setting k)
{
    rc_style s = *base;
    s.margin_top = margin(base->margin_top, k.margins);
    s.margin_bottom = margin(base->margin_bottom, k.margins);
    s.margin_left = margin(base->margin_left, k.margins);
    s.margin_right = margin(base->margin_right, k.margins);
    if (k.drop) {
        rc_scaled from = base->body_size, to = base->body_size - k.drop * RC_PT(0.25);
        s.body_size = to;
        s.body_leading = resize(base->body_leading, from, to);
        s.line_gap = resize(base->line_gap, from, to); /* the header's leading */
        s.footer_size = resize(base->footer_size, from, to);
        rc_role *roles[] = {&s.name, &s.headline, &s.connections, &s.section_title};
        for (size_t i = 0; i < RC_ARRAY_LEN(roles); i++)
            roles[i]->size = resize(roles[i]->size, from, to);
        s.lb.emergency_stretch = to * 3 / 2; /* as rc_style_for_cv sets it */
    }
    return s;
}

/* "spacing 80%, leading 96%": what a setting changes. */
static void describe(const setting *k, const rc_style *st, rc_buf *out)
{
    const char *sep = "";
    if (k->spacing < 100) {
        rc_buf_addf(out, "spacing %d%%", k->spacing);
        sep = ", ";
    }
    if (k->leading < 100) {
        rc_buf_addf(out, "%sleading %d%%", sep, k->leading);
        sep = ", ";
    }
    if (k->margins < 100) {
        rc_buf_addf(out, "%smargins %d%%", sep, k->margins);
        sep = ", ";
    }
    if (k->drop)
        rc_buf_addf(out, "%sfont size %gpt", sep, (double)st->body_size / RC_UNITY);
}

/* ---- respacing ------------------------------------------------------------- */

/*
 * A copy of the list with its spacing and leading at the given percentages
 * (into out, whose items array is reused): the boxes and their draws are
 * the list's own, so the copy is only ever placed while the list lives.
 */
static void respace(const rc_vlist *vl, int spacing, int leading, rc_vlist *out)
{
    if (out->cap < vl->n) {
        free(out->v);
        out->cap = vl->n;
        out->v = rc_xmalloc(out->cap * sizeof(*out->v));
    }
    out->n = vl->n;
    for (size_t i = 0; i < vl->n; i++) {
        rc_vitem it = vl->v[i];
        if (it.kind == RC_V_GLUE && it.skip > 0) {
            /* interline glue: a shorter baselineskip, never closer than lineskip */
            if (it.leading > 0 && leading < 100) {
                rc_scaled skip = percent(it.skip, leading);
                it.size -= it.skip - skip;
                if (it.size < LINESKIP)
                    it.size = LINESKIP;
                it.shrink -= it.leading - skip / 25;
                it.leading = skip / 25;
                it.skip = skip;
            }
        } else if (it.kind == RC_V_GLUE && spacing < 100) {
            it.size = percent(it.size, spacing);
            it.shrink = percent(it.shrink, spacing);
        }
        out->v[i] = it;
    }
}

/*
 * The breaks of a trial's list at a spacing and leading; returns their
 * number of pages. The design as written breaks as without a limit (its
 * spacing may shrink a little to save a last page, rc_layout_breaks); a
 * tightened setting keeps its glue at the size the note will say, so
 * that the bounds of fit.h are the real ones.
 */
static size_t try_breaks(const trial *t, int spacing, int leading, rc_vlist *scratch,
                         rc_page_breaks *b)
{
    const rc_vlist *vl = rc_layout_list(t->layout);
    int as_designed = t->key.margins == 100 && !t->key.drop && spacing == 100 && leading == 100;
    if (spacing < 100 || leading < 100) {
        respace(vl, spacing, leading, scratch);
        vl = scratch;
    }
    rc_page_breaks_release(b);
    if (as_designed)
        rc_layout_breaks(vl, rc_layout_style(t->layout), b);
    else
        rc_page_breaks_find(vl, rc_layout_style(t->layout), 0, b);
    return b->n ? b->n : 1;
}

/* ---- trials ---------------------------------------------------------------- */

/*
 * A trial on the heap: its layout keeps pointers to its document and
 * diagnostics.
 */
static trial *trial_open(const rc_cv *cv, const rc_style *base, setting key, rc_fonts *fonts,
                         rc_arena *a, const rc_doc *like)
{
    trial *t = rc_xcalloc(1, sizeof(*t));
    t->key = key;
    t->st = key_style(base, key);
    rc_doc_init(&t->doc);
    t->doc.notes = like->notes;
    t->doc.pdf_standards = like->pdf_standards;
    t->doc.untagged = like->untagged;
    rc_diags_init(&t->d);
    t->layout = rc_layout_begin(cv, &t->st, fonts, a, &t->doc, &t->d);
    return t;
}

static void trial_close(trial *t)
{
    rc_layout_discard(t->layout);
    t->layout = NULL;
    rc_doc_release(&t->doc);
    rc_diags_release(&t->d);
    free(t);
}

/* Move the diagnostics of from to the end of to. */
static void move_diags(rc_diags *from, rc_diags *to)
{
    for (size_t i = 0; i < from->n; i++) {
        RC_VEC_PUSH(to->v, to->n, to->cap);
        to->v[to->n++] = from->v[i];
    }
    to->nerrors += from->nerrors;
    to->nwarnings += from->nwarnings;
    free(from->v);
    rc_diags_init(from);
}

/*
 * Place the trial's list, respaced as k says, on the breaks b; its document
 * becomes doc, its diagnostics follow d's, its style is st's.
 */
static int trial_finish(trial *t, setting k, rc_vlist *scratch, rc_page_breaks *b, rc_doc *doc,
                        rc_style *st, rc_diags *d)
{
    try_breaks(t, k.spacing, k.leading, scratch, b);
    int rc = rc_layout_end(t->layout, k.spacing < 100 || k.leading < 100 ? scratch : NULL, b);
    t->layout = NULL;
    rc_doc_release(doc);
    *doc = t->doc;
    rc_doc_init(&t->doc);
    move_diags(&t->d, d);
    *st = t->st;
    trial_close(t);
    return rc;
}

/* The height of the material after the first `keep` pages, in lines of the trial's body text. */
static long lines_over(const trial *t, setting k, rc_vlist *scratch, rc_page_breaks *b, int keep)
{
    try_breaks(t, k.spacing, k.leading, scratch, b);
    const rc_vlist *vl = k.spacing < 100 || k.leading < 100 ? scratch : rc_layout_list(t->layout);
    if (b->n <= (size_t)keep)
        return 0;
    int64_t h = 0;
    for (size_t i = b->v[keep].from; i < vl->n; i++)
        h += vl->v[i].kind == RC_V_BOX    ? vl->v[i].height + vl->v[i].depth
             : vl->v[i].kind == RC_V_GLUE ? vl->v[i].size
                                          : 0;
    rc_scaled line = percent(t->st.body_leading, k.leading);
    return line > 0 ? (long)((h + line - 1) / line) : 0;
}

/*
 * Give back what the setting k took and the CV does not need: on its
 * layout, the leading as loose as still fits (the steps after it took
 * room of their own), then the spacing. Only page breaks are tried.
 */
static void loosen(const trial *t, setting *k, size_t limit, rc_vlist *scratch,
                   rc_page_breaks *b)
{
    while (k->leading < 100 &&
           try_breaks(t, k->spacing, k->leading + LEADING_STEP, scratch, b) <= limit)
        k->leading += LEADING_STEP;
    while (k->spacing < 100 &&
           try_breaks(t, k->spacing + SPACING_STEP, k->leading, scratch, b) <= limit)
        k->spacing += SPACING_STEP;
}

/* ---- without a limit ---------------------------------------------------------- */

/* Lay the CV out as designed; warn when its last page holds only a few lines. */
static int layout_plain(const rc_cv *cv, const rc_style *st, rc_fonts *fonts, rc_arena *a,
                        rc_doc *doc, rc_diags *d)
{
    rc_layout *l = rc_layout_begin(cv, st, fonts, a, doc, d);
    const rc_vlist *vl = rc_layout_list(l);
    rc_page_breaks b = {0};
    rc_layout_breaks(vl, rc_layout_style(l), &b);
    if (b.n >= 2) {
        size_t lines = 0;
        for (size_t i = b.v[b.n - 1].from; i < b.v[b.n - 1].to; i++)
            lines += vl->v[i].kind == RC_V_BOX;
        if (lines <= RC_FIT_FEW_LINES)
            rc_warning(d, (rc_pos){cv->file, 0, 0},
                       "the last page holds only %zu line%s; set 'design.page.max_pages: %zu' "
                       "to fit the CV on %zu page%s",
                       lines, lines == 1 ? "" : "s", b.n - 1, b.n - 1, b.n == 2 ? "" : "s");
    }
    int rc = rc_layout_end(l, NULL, &b);
    rc_page_breaks_release(&b);
    return rc;
}

/* ---- the search ------------------------------------------------------------- */

int rc_fit_layout(const rc_cv *cv, rc_style *st, rc_fonts *fonts, rc_arena *a, rc_doc *doc,
                  rc_diags *d)
{
    if (st->max_pages <= 0)
        return layout_plain(cv, st, fonts, a, doc, d);
    const size_t limit = (size_t)st->max_pages;
    const rc_style base = *st;
    rc_vlist scratch;
    rc_vlist_init(&scratch);
    rc_page_breaks b = {0};
    int rc = -1;

    /* Steps 1 and 2 on the CV's one layout: the design as written, then respaced. */
    setting k = {100, 100, 100, 0};
    trial *t0 = trial_open(cv, &base, k, fonts, a, doc), *hi = NULL, *chosen = t0;
    if (rc_layout_status(t0->layout) < 0 || try_breaks(t0, 100, 100, &scratch, &b) <= limit) {
        rc = trial_finish(t0, k, &scratch, &b, doc, st, d); /* as without the limit */
        goto out;
    }
    while (k.spacing > SPACING_MIN || k.leading > LEADING_MIN) {
        if (k.spacing > SPACING_MIN)
            k.spacing -= SPACING_STEP;
        else
            k.leading -= LEADING_STEP;
        if (try_breaks(t0, k.spacing, k.leading, &scratch, &b) <= limit)
            goto fitted;
    }

    /*
     * Steps 3 and 4, a layout each: the keys from the first margin step to
     * the last size step. The tightest first (when even it overflows, that
     * is the answer), then bisection between the end of step 2 and it.
     */
    setting keys[16];
    int nkeys = 0;
    for (int m = 100 - MARGIN_STEP; m >= MARGIN_MIN; m -= MARGIN_STEP)
        keys[nkeys++] = (setting){SPACING_MIN, LEADING_MIN, m, 0};
    for (int z = 1; z <= size_steps(&base); z++)
        keys[nkeys++] = (setting){SPACING_MIN, LEADING_MIN, MARGIN_MIN, z};
    trial_close(t0);
    chosen = hi = trial_open(cv, &base, keys[nkeys - 1], fonts, a, doc);
    if (rc_layout_status(hi->layout) == 0 &&
        try_breaks(hi, SPACING_MIN, LEADING_MIN, &scratch, &b) > limit) {
        long over = lines_over(hi, hi->key, &scratch, &b, (int)limit);
        rc_buf how = RC_BUF_INIT;
        describe(&hi->key, &hi->st, &how);
        move_diags(&hi->d, d); /* what the CV's text was warned of */
        rc_error(d, base.max_pages_pos,
                 "the CV does not fit on %zu page%s (design.page.max_pages): about %ld line%s "
                 "too long at the tightest setting (%s); shorten it or allow more pages",
                 limit, limit == 1 ? "" : "s", over, over == 1 ? "" : "s", rc_buf_str(&how));
        rc_buf_release(&how);
        trial_close(hi);
        goto out;
    }
    int lo = -1, top = nkeys - 1; /* keys[lo] overflows (-1: step 2's end), keys[top] fits */
    while (top - lo > 1 && rc_layout_status(hi->layout) == 0) {
        int mid = lo + (top - lo) / 2;
        trial *t = trial_open(cv, &base, keys[mid], fonts, a, doc);
        if (rc_layout_status(t->layout) < 0 ||
            try_breaks(t, SPACING_MIN, LEADING_MIN, &scratch, &b) <= limit) {
            trial_close(hi);
            chosen = hi = t;
            top = mid;
        } else {
            trial_close(t);
            lo = mid;
        }
    }
    k = hi->key;
fitted:
    loosen(chosen, &k, limit, &scratch, &b);
    rc = trial_finish(chosen, k, &scratch, &b, doc, st, d);
    if (rc == 0) {
        rc_buf how = RC_BUF_INIT;
        describe(&k, st, &how);
        rc_note(d, base.max_pages_pos, "fitted to %zu page%s: %s", doc->npages,
                doc->npages == 1 ? "" : "s", rc_buf_str(&how));
        rc_buf_release(&how);
    }
out:
    rc_page_breaks_release(&b);
    rc_vlist_release(&scratch);
    return rc;
}
