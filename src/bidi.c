/*
 * bidi: the Unicode Bidirectional Algorithm over the display list (bidi.h).
 */
#include "bidi.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

int rc_bidi_has_rtl(const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        /* Hebrew is the first right-to-left block: Latin text costs one compare a letter. */
        if (cps[i] < 0x0590)
            continue;
        FriBidiCharType t = fribidi_get_bidi_type(cps[i]);
        if (FRIBIDI_IS_RTL(t) &&
            (FRIBIDI_IS_LETTER(t) || FRIBIDI_IS_EXPLICIT(t) || FRIBIDI_IS_ISOLATE(t)))
            return 1;
    }
    return 0;
}

int rc_bidi_order(const uint32_t *cps, size_t n, int rtl, uint8_t *levels, uint32_t *order)
{
    if (n == 0)
        return 0;
    if (n > 0x7FFFFFFF)
        return -1;
    FriBidiCharType *types = rc_xmalloc(n * sizeof(*types));
    FriBidiBracketType *brackets = rc_xmalloc(n * sizeof(*brackets));
    FriBidiLevel *lv = rc_xmalloc(n * sizeof(*lv));
    FriBidiStrIndex *map = rc_xmalloc(n * sizeof(*map));
    FriBidiStrIndex len = (FriBidiStrIndex)n;
    fribidi_get_bidi_types(cps, len, types);
    fribidi_get_bracket_types(cps, len, types, brackets);
    FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    int status = -1;
    if (fribidi_get_par_embedding_levels_ex(types, brackets, len, &base, lv)) {
        for (FriBidiStrIndex i = 0; i < len; i++)
            map[i] = i;
        /*
         * No flags: marks stay where rule L2 puts them (before their base
         * in a reversed run), since a run keeps its letters in logical
         * order and the PDF device draws a right-to-left one as a whole.
         */
        if (fribidi_reorder_line(0, types, len, 0, base, lv, NULL, map)) {
            for (size_t i = 0; i < n; i++) {
                levels[i] = (uint8_t)lv[i];
                order[i] = (uint32_t)map[i];
            }
            status = 0;
        }
    }
    free(types);
    free(brackets);
    free(lv);
    free(map);
    return status;
}

uint32_t rc_bidi_mirror(uint32_t cp)
{
    FriBidiChar m;
    return fribidi_get_mirror_char(cp, &m) ? m : cp;
}

/* In 64 bits: a device may be handed runs no layout makes (fuzz_pdf). */
static int64_t cell_width(const rc_draw *d, const rc_face *face, size_t i)
{
    int64_t w = (int64_t)rc_face_advance(face, d->cps[i]) * d->size / 1000;
    if (d->adjust)
        w += d->adjust[i];
    return w + w * d->expand / 1000;
}

static rc_scaled clamp(int64_t v)
{
    return (rc_scaled)(v > RC_MAX_SCALED ? RC_MAX_SCALED : v < -RC_MAX_SCALED ? -RC_MAX_SCALED : v);
}

rc_scaled rc_bidi_draw_width(const rc_draw *d, const rc_fonts *fonts)
{
    const rc_face *face = fonts->faces[d->face];
    int64_t w = 0;
    for (size_t i = 0; i < d->n; i++)
        w += cell_width(d, face, i);
    return clamp(w);
}

/* ---- one line -------------------------------------------------------------- */

#define GAP SIZE_MAX /* a cell that is space between two runs, no run's */

/* A piece of a run: its code points lo .. hi - 1, at x, in one direction. */
typedef struct piece {
    size_t draw, lo, hi;
    rc_scaled x, w;
    int rtl;
} piece;

static int by_draw_then_lo(const void *a, const void *b)
{
    const piece *p = a, *q = b;
    if (p->draw != q->draw)
        return p->draw < q->draw ? -1 : 1;
    return (p->lo > q->lo) - (p->lo < q->lo);
}

/* The ligatures of d (doc.h) that lie within lo .. hi - 1, renumbered from lo; NULL if none. */
static const uint32_t *piece_ligs(const rc_draw *d, size_t lo, size_t hi, rc_arena *a)
{
    if (!d->ligs)
        return NULL;
    size_t k = 0;
    uint32_t *out = rc_arena_alloc(a, (d->ligs[0] + 1) * sizeof(*out));
    for (uint32_t j = 1; j <= d->ligs[0]; j++) {
        size_t at = d->ligs[j] >> 8, len = d->ligs[j] & 0xFF;
        if (at >= lo && at + len <= hi)
            out[++k] = (uint32_t)(at - lo) << 8 | (uint32_t)len;
    }
    out[0] = (uint32_t)k;
    return k ? out : NULL;
}

/*
 * The glyphs of a piece: a mirrored character shows its mirror's glyph
 * (UAX #9 L4) in a right-to-left piece, where the face has one, and its
 * own in a left-to-right one (HarfBuzz mirrored the brackets of a word it
 * shaped right to left, which the line may set left to right: "Cairo
 * (القاهرة)" in English). Extraction keeps the character itself.
 */
static const uint16_t *piece_gids(const rc_draw *d, const rc_face *face, size_t lo, size_t hi,
                                  int rtl, rc_arena *a)
{
    uint16_t *g = NULL;
    for (size_t i = lo; i < hi; i++) {
        uint32_t m = rc_bidi_mirror(d->cps[i]);
        if (m == d->cps[i])
            continue;
        unsigned gid = rtl ? rc_face_glyph(face, m) : 0;
        if (gid == (d->gids ? d->gids[i] : 0u))
            continue;
        if (!g) {
            g = rc_arena_alloc(a, (hi - lo) * sizeof(*g));
            for (size_t k = lo; k < hi; k++)
                g[k - lo] = d->gids ? d->gids[k] : 0;
        }
        g[i - lo] = (uint16_t)gid;
    }
    const uint16_t *out = g ? g : d->gids ? d->gids + lo : NULL;
    for (size_t k = 0; out && k < hi - lo; k++)
        if (out[k])
            return out;
    return NULL; /* every glyph the code point's own */
}

/*
 * Where a piece's glyphs are drawn off their pens: as shaped, right to
 * left, where HarfBuzz placed them; a piece set left to right has no
 * letter a mark of a right-to-left word could sit on.
 */
static const rc_glyph_offset *piece_offset(const rc_draw *d, size_t lo, size_t hi, int rtl)
{
    for (size_t k = lo; rtl && d->offset && k < hi; k++)
        if (d->offset[k].x || d->offset[k].y)
            return d->offset + lo;
    return NULL;
}

void rc_bidi_line_draws(rc_draw **pv, size_t *pn, size_t *pcap, const rc_doc *doc,
                        const rc_fonts *fonts, rc_arena *a)
{
    rc_draw *v = *pv;
    size_t n = *pn, total = 0, ntext = 0;
    int any = doc->rtl;
    for (size_t i = 0; i < n; i++)
        if (v[i].kind == RC_DRAW_TEXT) {
            total += v[i].n;
            ntext++;
            if (!any)
                any = rc_bidi_has_rtl(v[i].cps, v[i].n);
        }
    if (!total || !any)
        return;

    /* The line as cells: each code point of each run, and the space between runs. */
    size_t cap = total + ntext, ncells = 0;
    uint32_t *cps = rc_xmalloc(cap * sizeof(*cps));
    int64_t *width = rc_xmalloc(cap * sizeof(*width));
    size_t *draw = rc_xmalloc(cap * sizeof(*draw)), *local = rc_xmalloc(cap * sizeof(*local));
    uint8_t *levels = rc_xmalloc(cap);
    uint32_t *order = rc_xmalloc(cap * sizeof(*order));
    int64_t x0 = 0, end = 0;
    int started = 0;
    for (size_t i = 0; i < n; i++) {
        const rc_draw *d = &v[i];
        if (d->kind != RC_DRAW_TEXT || d->n == 0)
            continue;
        if (!started) {
            x0 = end = d->x;
            started = 1;
        } else if (d->x > end) {
            cps[ncells] = ' ';
            width[ncells] = d->x - end;
            draw[ncells] = GAP;
            local[ncells++] = 0;
        }
        const rc_face *face = fonts->faces[d->face];
        end = d->x;
        for (size_t k = 0; k < d->n; k++) {
            cps[ncells] = d->cps[k];
            width[ncells] = cell_width(d, face, k);
            end += width[ncells];
            draw[ncells] = i;
            local[ncells++] = k;
        }
    }
    if (rc_bidi_order(cps, ncells, doc->rtl, levels, order) != 0) {
        /* FriBidi without memory: the line stays in logical order, readable if not right */
        for (size_t k = 0; k < ncells; k++) {
            order[k] = (uint32_t)k;
            levels[k] = 0;
        }
    }

    /*
     * Lay the cells out in visual order from the line's start; a mirrored
     * line (right-to-left document) from its far end. A piece is a stretch
     * of one run's code points in one direction, consecutive on the page.
     */
    piece *pieces = rc_xmalloc(cap * sizeof(*pieces));
    size_t np = 0;
    int64_t pos = x0;
    piece *open = NULL;
    for (size_t k = 0; k < ncells; k++) {
        size_t c = order[doc->rtl ? ncells - 1 - k : k];
        if (draw[c] == GAP) {
            pos += width[c];
            open = NULL;
            continue;
        }
        int odd = levels[c] & 1;
        int step = odd ^ doc->rtl ? -1 : 1; /* how the logical index goes as x grows */
        if (open && open->draw == draw[c] && open->rtl == odd &&
            (step > 0 ? local[c] == open->hi : local[c] + 1 == open->lo)) {
            if (step > 0)
                open->hi++;
            else
                open->lo--;
        } else {
            open = &pieces[np++];
            *open = (piece){draw[c], local[c], local[c] + 1, clamp(pos), 0, odd};
        }
        open->w = clamp(open->w + width[c]);
        pos += width[c];
    }
    qsort(pieces, np, sizeof(*pieces), by_draw_then_lo);

    /* The new line: the pieces of each run where the run was, in logical order. */
    size_t out_n = 0, out_cap = n + np;
    rc_draw *out = rc_xmalloc(out_cap * sizeof(*out));
    size_t p = 0;
    rc_scaled link_x0 = 0, link_x1 = 0, old_x = 0, old_w = 0;
    int link_moved = 0;
    for (size_t i = 0; i < n; i++) {
        const rc_draw *d = &v[i];
        if (d->kind == RC_DRAW_TEXT && d->n) {
            const rc_face *face = fonts->faces[d->face];
            for (; p < np && pieces[p].draw == i; p++) {
                const piece *pc = &pieces[p];
                rc_draw *o = &out[out_n++];
                *o = *d;
                o->x = pc->x;
                o->rtl = (int8_t)pc->rtl;
                o->cps = d->cps + pc->lo;
                o->adjust = d->adjust ? d->adjust + pc->lo : NULL;
                o->ligs = piece_ligs(d, pc->lo, pc->hi, a);
                o->gids = piece_gids(d, face, pc->lo, pc->hi, pc->rtl, a);
                o->offset = piece_offset(d, pc->lo, pc->hi, pc->rtl);
                o->n = pc->hi - pc->lo;
                if (pc->lo != 0)
                    o->span_begin = NULL;
                if (pc->hi != d->n)
                    o->span_end = 0;
            }
            continue;
        }
        out[out_n] = *d;
        rc_draw *o = &out[out_n++];
        if (d->kind == RC_DRAW_LINK) {
            /* the annotation covers its text where the text went */
            link_moved = 0;
            for (size_t q = 0; q < np; q++) {
                if (v[pieces[q].draw].node != d->node)
                    continue;
                if (!link_moved || pieces[q].x < link_x0)
                    link_x0 = pieces[q].x;
                if (!link_moved || pieces[q].x + pieces[q].w > link_x1)
                    link_x1 = pieces[q].x + pieces[q].w;
                link_moved = 1;
            }
            old_x = d->x;
            old_w = d->w;
            if (link_moved) {
                o->x = link_x0;
                o->w = link_x1 - link_x0;
            }
        } else if (d->kind == RC_DRAW_RULE && link_moved && d->x == old_x && d->w == old_w) {
            o->x = link_x0; /* the link's underline */
            o->w = link_x1 - link_x0;
        }
    }
    free(v);
    *pv = out;
    *pn = out_n;
    *pcap = out_cap;
    free(pieces);
    free(cps);
    free(width);
    free(draw);
    free(local);
    free(levels);
    free(order);
}

/* ---- the page ----------------------------------------------------------- */

void rc_bidi_mirror_doc(rc_doc *doc)
{
    if (!doc->rtl)
        return;
    for (size_t p = 0; p < doc->npages; p++) {
        rc_page *pg = &doc->pages[p];
        for (size_t i = 0; i < pg->n; i++) {
            rc_draw *d = &pg->v[i];
            switch (d->kind) {
            case RC_DRAW_TEXT:
                d->x = doc->width - d->x - rc_bidi_draw_width(d, doc->fonts);
                break;
            case RC_DRAW_RULE:
            case RC_DRAW_LINK:
            case RC_DRAW_IMAGE:
                d->x = doc->width - d->x - d->w;
                break;
            case RC_DRAW_BOOKMARK:
            case RC_DRAW_NOTE:
                break;
            }
        }
    }
}
