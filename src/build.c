/*
 * build: styled spans to box/glue/penalty items (see build.h).
 */
#include "build.h"
#include "bidi.h"
#include "font_shape.h"
#include "grapheme.h"
#include "protrude.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BOX_WIDTH ((int64_t)RC_PT(16000))

/* The cost of a break where none belongs: taken only when nothing else fits. */
#define EMERGENCY_PENALTY 5000

struct rc_para_source {
    rc_spans spans;        /* spans.v == NULL: inter-word glue */
    rc_para_style ps;
};

static void record(rc_para *p, rc_spans spans, const rc_para_style *ps)
{
    RC_VEC_PUSH(p->src, p->nsrc, p->src_cap);
    p->src[p->nsrc].spans = spans;
    p->src[p->nsrc].ps = *ps;
    p->nsrc++;
}

void rc_para_init(rc_para *p, rc_align align, rc_pos pos)
{
    memset(p, 0, sizeof(*p));
    p->align = align;
    p->pos = pos;
}

/*
 * The runs' material: chunks that never move (runs point into them),
 * growing with the paragraph from a size that fits a short one, so that a
 * title or a bullet's marker costs one small block.
 */
struct rc_para_chunk {
    rc_para_chunk *next;
    size_t size, used; /* in 4-byte words */
    uint32_t data[];
};

#define PARA_CHUNK_MIN 256     /* words: 1 KB */
#define PARA_CHUNK_MAX 16384   /* words: 64 KB */

static void free_chunks(rc_para *p)
{
    while (p->mem) {
        rc_para_chunk *next = p->mem->next;
        free(p->mem);
        p->mem = next;
    }
}

/* Room for n 4-byte words of a run's material. */
static uint32_t *para_alloc(rc_para *p, size_t n)
{
    rc_para_chunk *c = p->mem;
    if (!c || c->size - c->used < n) {
        size_t size = c ? 2 * c->size : PARA_CHUNK_MIN;
        if (size > PARA_CHUNK_MAX)
            size = PARA_CHUNK_MAX;
        if (size < n)
            size = n;
        c = rc_xmalloc(sizeof(*c) + size * sizeof(uint32_t));
        c->size = size;
        c->used = 0;
        c->next = p->mem;
        p->mem = c;
    }
    uint32_t *r = c->data + c->used;
    c->used += n;
    return r;
}

void rc_para_release(rc_para *p)
{
    free(p->items);
    free(p->runs);
    free(p->src);
    free_chunks(p);
    memset(p, 0, sizeof(*p));
}

size_t rc_para_bytes(const rc_para *p)
{
    size_t n = p->cap * sizeof(rc_item) + p->runs_cap * sizeof(rc_run) +
               p->src_cap * sizeof(rc_para_source);
    for (const rc_para_chunk *c = p->mem; c; c = c->next)
        n += sizeof(*c) + c->size * sizeof(uint32_t);
    return n;
}

rc_face_id rc_face_for_style(const rc_fonts *fonts, int family, unsigned style)
{
    if (style & RC_STYLE_ICON)
        return RC_FACE_ICONS;
    if (style & RC_STYLE_CODE)
        return RC_FACE_MONO;
    int variant = ((style & RC_STYLE_BOLD) ? RC_VARIANT_BOLD : 0) |
                  ((style & RC_STYLE_ITALIC) ? RC_VARIANT_ITALIC : 0);
    return rc_fonts_face(fonts, family, variant);
}

static rc_item *add_item(rc_para *p, rc_item_type type)
{
    RC_VEC_PUSH(p->items, p->n, p->cap);
    rc_item *it = &p->items[p->n++];
    memset(it, 0, sizeof(*it));
    it->type = type;
    it->payload = RC_NO_RUN;
    return it;
}

static void add_penalty(rc_para *p, int penalty, int flagged)
{
    rc_item *it = add_item(p, RC_ITEM_PENALTY);
    it->penalty = penalty;
    it->flagged = (uint8_t)flagged;
}

static void add_glue(rc_para *p, rc_scaled w, rc_scaled stretch, rc_scaled shrink, uint32_t run)
{
    rc_item *it = add_item(p, RC_ITEM_GLUE);
    it->width = w;
    it->stretch = stretch;
    it->shrink = shrink;
    it->payload = run;
    p->word_width = 0;
}

/* 1/1000 em times size, in scaled points. */
static rc_scaled milli_em(int milli, rc_scaled size)
{
    return (rc_scaled)((int64_t)milli * size / 1000);
}

/* The run the last box used, for the face of the space after it. */
static uint32_t last_run(const rc_para *p)
{
    return p->nruns ? (uint32_t)(p->nruns - 1) : RC_NO_RUN;
}

/*
 * How much an inter-word space may shrink: a third of it, TeX's rule and
 * Typst's (RenderCV's). A face with a narrow space (Source Sans 3, EB
 * Garamond: 0.2 em) then reaches gaps an extractor reads as none;
 * layout_line.c keeps them apart when it sets the line (spaces_kept).
 */
static rc_scaled space_shrink(rc_scaled w)
{
    return w / 3;
}

/*
 * Inter-word glue. Its size comes from the face of the text the space was
 * written in, not of the word before it: after a bold or code word the
 * space is the roman one, as TeX takes it from the font outside the group.
 */
static void space_glue(rc_para *p, rc_fonts *fonts, int nobreak, rc_face_id face,
                       rc_scaled size)
{
    uint32_t r = last_run(p);
    if (r == RC_NO_RUN)
        return;
    rc_scaled w = milli_em(rc_face_advance(fonts->faces[face], ' '), size);
    if (nobreak) {
        /* A tie stretches only in justified text; elsewhere spaces keep their width. */
        add_penalty(p, nobreak > 1 ? EMERGENCY_PENALTY : RC_INF_PENALTY, 0);
        add_glue(p, w, p->align == RC_ALIGN_JUSTIFY ? w / 2 : 0, space_shrink(w), r);
    } else if (p->align == RC_ALIGN_JUSTIFY) {
        add_glue(p, w, w / 2, space_shrink(w), r);
    } else {
        /*
         * Ragged lines as in Knuth & Plass (1981): the stretch sits in a
         * glue that ends the line when the break is taken and cancels out
         * when it is not; the space itself only shrinks.
         */
        /*
         * Ragged-right text gets 3em of stretch (Knuth & Plass's value),
         * which evens out the line ends; centred and flush-right lines and
         * lines of header items, mostly unbreakable, may end anywhere.
         */
        rc_scaled ragged = p->balance ? p->balance
                           : (p->align == RC_ALIGN_LEFT && !p->items_line ? 3 : 12) * size;
        add_glue(p, 0, ragged, 0, RC_NO_RUN);
        add_penalty(p, 0, 0);
        add_glue(p, w, -ragged, space_shrink(w), r);
    }
}

void rc_para_add_space(rc_para *p, const rc_para_style *ps, rc_fonts *fonts)
{
    record(p, (rc_spans){NULL, 0}, ps);
    if (p->n && p->items[p->n - 1].type == RC_ITEM_BOX)
        space_glue(p, fonts, ps->no_breaks ? (ps->break_wider > 0 ? 2 : 1) : 0,
                   rc_face_for_style(fonts, ps->family, ps->style),
                   ps->size);
}

/* The word being collected: code points of one face, colour and link. */
typedef struct pending {
    uint32_t *cps;
    uint32_t *orig; /* small caps: the letters as written */
    size_t n, cap;
    rc_face_id face;
    uint32_t color;
    const char *url;
    rc_scaled size;
    int small;
    int whole;      /* the word it belongs to is never hyphenated (word_kept_whole) */
    uint32_t top;   /* its highest code point: below U+0590, no right-to-left letter */
} pending;

static int is_letter(uint32_t cp);
static int opens(uint32_t cp);

/*
 * How far the glyph of cp, in the face at size, may hang into the left or
 * right margin (protrude.h); 0 where the paragraph has no protrusion.
 */
static rc_scaled protrusion(const rc_protrusion *t, const rc_face *face, uint32_t cp,
                            rc_scaled size, int right)
{
    if (!t)
        return 0;
    int l, r;
    rc_protrusion_of(t, cp, &l, &r);
    int f = right ? r : l;
    return f ? (rc_scaled)((int64_t)rc_face_advance(face, cp) * f * size / 1000000) : 0;
}

static void add_box(rc_para *p, const pending *w, size_t from, size_t to, const rc_para_style *ps,
                    const rc_face *face, const rc_scaled *kern, const uint8_t *lig,
                    const uint16_t *gids, const rc_glyph_offset *offset,
                    const rc_protrusion *prot, rc_arena *a)
{
    size_t n = to - from;
    int64_t width_milli = 0;
    int64_t kern_total = 0; /* a word of 200,000 letters (a run of markup) sums past an int */
    for (size_t i = from; i < to; i++) {
        width_milli += rc_face_advance(face, w->cps[i]);
        kern_total += kern[i];
    }
    RC_VEC_PUSH(p->runs, p->nruns, p->runs_cap);
    rc_run *run = &p->runs[p->nruns++];
    run->face = w->face;
    run->size = w->size;
    run->color = w->color;
    int ligatures = 0;
    for (size_t i = from; lig && i < to && !ligatures; i++)
        ligatures = lig[i] != 1;
    int shaped = 0;
    for (size_t i = from; gids && i < to && !shaped; i++)
        shaped = gids[i] != 0;
    int moved = 0;
    for (size_t i = from; offset && i < to && !moved; i++)
        moved = offset[i].x || offset[i].y;
    size_t lig_words = ligatures ? (n + 3) / 4 : 0, gid_words = shaped ? (n + 1) / 2 : 0;
    uint32_t *mem = para_alloc(p, 2 * n + lig_words + gid_words + (moved ? n : 0));
    memcpy(mem, w->cps + from, n * sizeof(uint32_t));
    memcpy(mem + n, kern + from, n * sizeof(rc_scaled));
    /*
     * A kern that opens a gap of 0.1 em inside a word (XCharter's f before
     * an apostrophe) is read as a space by extractors that find words by
     * gaps (poppler, pdfminer: "staff ’s"); it is kept just under that.
     * Shaped words keep HarfBuzz's advances, which are no gaps.
     */
    const rc_scaled most = (rc_scaled)((int64_t)w->size * 9 / 100);
    for (size_t i = 0; !shaped && i + 1 < n; i++) {
        rc_scaled *k = (rc_scaled *)(mem + n) + i;
        if (*k > most) {
            kern_total -= *k - most;
            *k = most;
        }
    }
    run->cps = mem;
    run->kern = (const rc_scaled *)(mem + n);
    run->lig = NULL;
    if (ligatures) {
        memcpy(mem + 2 * n, lig + from, n);
        run->lig = (const uint8_t *)(mem + 2 * n);
    }
    run->gids = NULL;
    if (shaped) {
        memcpy(mem + 2 * n + lig_words, gids + from, n * sizeof(*gids));
        run->gids = (const uint16_t *)(mem + 2 * n + lig_words);
    }
    run->offset = NULL;
    if (moved) {
        rc_glyph_offset *o = (rc_glyph_offset *)(mem + 2 * n + lig_words + gid_words);
        memcpy(o, offset + from, n * sizeof(*o));
        run->offset = o;
    }
    run->n = n;
    /*
     * A word wider than any page (5,000 letters) is kept at 16,000pt, so
     * that sums of widths stay within a scaled point's range; the line is
     * reported as overfull all the same. The bound is on the word's boxes
     * together: a word whose letters come from alternating fonts (a base
     * letter, then an accent from a fallback font) is a box per letter.
     */
    int64_t width = width_milli * w->size / 1000 + kern_total;
    int64_t room = MAX_BOX_WIDTH - p->word_width;
    run->width = (rc_scaled)(width < room ? width : room > 0 ? room : 0);
    p->word_width += run->width;
    run->actual = NULL;
    if (w->small) {
        rc_buf b = RC_BUF_INIT;
        for (size_t i = from; i < to; i++)
            rc_buf_add_utf8(&b, w->orig[i]);
        run->actual = rc_arena_strdup(a, rc_buf_str(&b));
        rc_buf_release(&b);
    }
    run->url = w->url;
    run->node = ps->node;

    int first = p->nruns == 1;
    rc_item *it = add_item(p, RC_ITEM_BOX);
    it->width = run->width;
    it->payload = (uint32_t)(p->nruns - 1);
    it->expandable = w->face != RC_FACE_ICONS; /* an icon is a picture, not a letter */
    if (n) {
        if (!(first && p->after_marker))
            it->margin_left = protrusion(prot, face, w->cps[from], w->size, 0);
        it->margin_right = protrusion(prot, face, w->cps[to - 1], w->size, 1);
    }
}

/*
 * Where the run may be hyphenated: points[i] = 1 after cps[i]. Only the
 * letters between leading and trailing punctuation count, and not in
 * links, code, unbreakable text, words with digits or all capitals.
 */
static size_t hyphenation_points(const pending *w, const rc_para_style *ps, unsigned char *points)
{
    memset(points, 0, w->n);
    if (!ps->hyph || !ps->hyphenate || w->url || ps->no_breaks || w->face == RC_FACE_MONO ||
        w->whole)
        return 0;
    for (size_t i = 0; i < w->n; i++)
        if (w->cps[i] >= '0' && w->cps[i] <= '9')
            return 0; /* "RLHF2", "3D": codes and numbers stay whole */
    size_t from = 0, to = w->n;
    while (from < to && !is_letter(w->cps[from]))
        from++;
    while (to > from && !is_letter(w->cps[to - 1]))
        to--;
    int lower = 0;
    for (size_t i = from; i < to; i++) {
        if (!is_letter(w->cps[i]))
            return 0; /* digits, hyphens, apostrophes: leave the word alone */
        lower |= (w->cps[i] >= 'a' && w->cps[i] <= 'z') || (w->cps[i] >= 0xDF && w->cps[i] != 0xF7);
    }
    if (!lower)
        return 0;
    size_t count = rc_hyph_points(ps->hyph, w->cps + from, to - from, points + from);
    /*
     * After an opening quote or bracket the mark reads as part of the
     * fragment: "“Pes-" looks shorter than it is. Four letters at least.
     */
    if (from > 0 && opens(w->cps[from - 1]))
        for (size_t i = from; i < to && i < from + 3; i++)
            count -= points[i], points[i] = 0;
    return count;
}

/* Characters after which a URL, a path or a date may break ("/", "2024-06-"). */
static int breaks_after(uint32_t cp)
{
    return cp == '/' || cp == '-' || cp == '_' || cp == ':' || cp == '?' || cp == '&' ||
           cp == '=' || cp == '#' || cp == ';' || cp == ',' || cp == '+' || cp == '|' ||
           cp == 0x2013 || cp == 0x2014;
}

/* A URL, an e-mail address, a path or a date: a break in it shows no hyphen. */
/*
 * ragged_url_break: a justified line that ends inside a URL or a path is
 * set flush left, with RAGGED_URL em of stretch at its end (Knuth &
 * Plass's ragged right, as a ragged paragraph has at every space): the
 * pieces of a URL have no spaces to stretch, so the breaker would find
 * every such line infinitely bad, give up its rules (runs of lines ending
 * in a hyphen among them) and stretch the few spaces it has instead.
 */
#define RAGGED_URL 3

/* Around a break inside a URL: its ragged end (before), and its taking back (after). */
static void ragged_url_open(rc_para *p, rc_scaled size)
{
    add_penalty(p, RC_INF_PENALTY, 0); /* never a break at the stretch itself */
    add_glue(p, 0, RAGGED_URL * size, 0, RC_NO_RUN);
}

static void ragged_url_close(rc_para *p, rc_scaled size)
{
    add_glue(p, 0, -RAGGED_URL * size, 0, RC_NO_RUN);
}

static int url_like(const pending *w)
{
    if (w->url)
        return 1;
    for (size_t i = 0; i < w->n; i++)
        if (w->cps[i] == '/' || w->cps[i] == '@' || (w->cps[i] >= '0' && w->cps[i] <= '9'))
            return 1;
    return 0;
}

/*
 * Where a word may break when its paragraph is built again for a line
 * that was too wide (rc_para_rebuild with break_wider): kinds[i] after
 * cps[i] is 1 after the punctuation of a URL, a path or a date, or before
 * a '.' or '@' (Chicago's rule: the dot starts the next line), never
 * inside "//" or a number ("2.1"); else, with break_anywhere and in a
 * word wider than break_wider, 2: the last resort. Such a paragraph holds
 * a word wider than its line, often a URL written as text whose explicit
 * hyphens cut it into runs that each fit: every URL-like run gets its
 * punctuation breaks, so that the lines around it need not gape.
 */
static int has_slash(const pending *w)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->cps[i] == '/')
            return 1;
    return 0;
}

static int emergency_breaks(const pending *w, const rc_para_style *ps, const rc_face *face,
                            const rc_scaled *kern, unsigned char *kinds)
{
    memset(kinds, 0, w->n);
    if (w->n < 2 || w->face == RC_FACE_ICONS)
        return 0;
    if (ps->break_wider <= 0) {
        /*
         * Built the first time, a URL or path may still break after a
         * '/' before a letter ("…/2024/" | "reinforcement-…"): its explicit
         * hyphens alone would leave a long one a ladder of lines ending
         * in '-', more than the hyphen-run rule allows.
         */
        int any = 0;
        for (size_t i = 1; i + 1 < w->n; i++)
            if (w->cps[i] == '/' && w->cps[i - 1] != '/' && is_letter(w->cps[i + 1]))
                any = kinds[i] = 1;
        return any;
    }
    int64_t width = 0;
    for (size_t i = 0; i < w->n; i++)
        width += (int64_t)rc_face_advance(face, w->cps[i]) * w->size / 1000 + kern[i];
    int wide = width > ps->break_wider;
    if (!wide && !url_like(w))
        return 0;
    int any = 0;
    for (size_t i = 0; i + 1 < w->n; i++) {
        uint32_t c = w->cps[i], next = w->cps[i + 1];
        int digits = (c >= '0' && c <= '9') && i + 2 < w->n && w->cps[i + 2] >= '0' &&
                     w->cps[i + 2] <= '9';
        if ((breaks_after(c) && !breaks_after(next) && next != '.') ||
            ((next == '.' || next == '@') && !breaks_after(c) && c != '.' && !digits))
            kinds[i] = 1;
        else if (ps->break_anywhere && wide)
            kinds[i] = 2;
        any |= kinds[i];
    }
    return any;
}

/*
 * A word whose ligature spans a place where it may break is set as TeX
 * sets a word at a discretionary break: each piece is shaped alone, so
 * that a broken "ef-fi-cient" ends its line with "ef-" and no half of an
 * ffi. The kerning across a break not taken is the pair's, letter to
 * letter. The pieces keep their ligatures whether or not the break is
 * taken (TeX would set ffi again when it is not; the breaker's items
 * cannot say that), and only in a paragraph built again with hyphens.
 */
static void shape_pieces(rc_face *face, const pending *w, const unsigned char *points,
                         const unsigned char *kinds, int *kern_milli, uint8_t *lig)
{
    int crosses = 0;
    for (size_t s = 0; s < w->n && !crosses; s++)
        for (size_t i = s; lig[s] > 1 && i + 1 < s + lig[s]; i++)
            crosses |= points[i] || (kinds && kinds[i]);
    if (!crosses)
        return;
    size_t from = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (i + 1 < w->n && !points[i] && !(kinds && kinds[i]))
            continue;
        rc_face_shape(face, w->cps + from, i + 1 - from, kern_milli + from, lig + from);
        if (i + 1 < w->n) {
            int pair[2];
            rc_face_kerning(face, w->cps + i, 2, pair);
            kern_milli[i] += pair[0];
        }
        from = i + 1;
    }
}

static void flush_run(rc_para *p, pending *w, const rc_para_style *ps, rc_fonts *fonts,
                      rc_arena *a)
{
    if (w->n == 0)
        return;
    rc_face *face = fonts->faces[w->face];
    /* Code is set letter by letter, and icons are pictures. */
    int ligatures = ps->ligatures && w->face != RC_FACE_MONO && w->face != RC_FACE_ICONS;
    int *kern_milli = rc_xmalloc(w->n * sizeof(int));
    uint8_t lig_word[64]; /* a word's, without a malloc (most are shorter) */
    uint8_t *lig = !ligatures ? NULL : w->n <= sizeof(lig_word) ? lig_word : rc_xmalloc(w->n);
    rc_face_shape(face, w->cps, w->n, kern_milli, lig);
    /* Right-to-left words take their glyphs from HarfBuzz (font_shape.h). */
    uint16_t *gids = NULL;
    rc_glyph_offset *offset = NULL;
    if (w->top >= 0x0590 && w->face != RC_FACE_ICONS && rc_bidi_has_rtl(w->cps, w->n)) {
        p->rtl = 1;
        uint8_t *rtl_lig = lig ? lig : rc_xmalloc(w->n);
        gids = rc_xmalloc(w->n * sizeof(*gids));
        offset = rc_xmalloc(w->n * sizeof(*offset));
        if (rc_face_shape_glyphs(face, w->cps, w->n, kern_milli, rtl_lig, gids, offset)) {
            if (!lig)
                lig = rtl_lig;
        } else {
            if (!lig)
                free(rtl_lig);
            free(gids);
            free(offset);
            gids = NULL;
            offset = NULL;
        }
    }

    /* Only justified lines hang into the margins: ragged ones end where they end. */
    const rc_protrusion *prot =
        ps->protrude && p->align == RC_ALIGN_JUSTIFY ? rc_protrusion_for(face) : NULL;
    unsigned char *points = rc_xmalloc(w->n);
    size_t npoints = hyphenation_points(w, ps, points);
    unsigned char *kinds = NULL;
    rc_scaled *kern = rc_xmalloc(w->n * sizeof(rc_scaled));
    for (size_t i = 0; i < w->n; i++)
        kern[i] = milli_em(kern_milli[i], w->size);
    if (ps->break_wider > 0 || has_slash(w)) {
        kinds = rc_xmalloc(w->n);
        npoints += (size_t)emergency_breaks(w, ps, face, kern, kinds);
    }
    for (size_t i = 0; gids && npoints && i < w->n; i++)
        for (size_t k = i; lig[i] > 1 && k + 1 < i + lig[i]; k++) {
            points[k] = 0; /* one glyph shows the letters: no break between them */
            if (kinds)
                kinds[k] = 0;
        }
    if (lig && npoints && !gids) {
        shape_pieces(face, w, points, kinds, kern_milli, lig);
        for (size_t i = 0; i < w->n; i++)
            kern[i] = milli_em(kern_milli[i], w->size);
    }
    free(kern_milli);
    size_t from = 0;
    if (npoints) {
        rc_scaled hyphen = milli_em(rc_face_advance(face, '-'), w->size);
        int url = kinds && url_like(w);
        for (size_t i = 0; i + 1 < w->n; i++) {
            if (!points[i] && !(kinds && kinds[i]))
                continue;
            add_box(p, w, from, i + 1, ps, face, kern, lig, gids, offset, prot, a);
            int ragged = url && kinds && kinds[i] && p->align == RC_ALIGN_JUSTIFY;
            if (ragged)
                ragged_url_open(p, w->size);
            rc_item *pen = add_item(p, RC_ITEM_PENALTY);
            /* flagged: a word broken across lines extracts whole (layout's word_split) */
            pen->flagged = 1;
            pen->expandable = 1;
            pen->margin_right = protrusion(prot, face, '-', w->size, 1); /* if it shows a hyphen */
            if (points[i]) {
                pen->penalty = ps->hyphen_penalty;
                pen->discretionary = 1;
                pen->width = hyphen;
            } else if (kinds[i] == 1) {
                pen->penalty = ps->hyphen_penalty;
                /* after '/' or before '.' the line ends in no hyphen; after '-' it does */
                pen->unmarked = w->cps[i] != '-' && w->cps[i] != 0x2013;
            } else {
                pen->penalty = EMERGENCY_PENALTY;
                pen->width = !url && is_letter(w->cps[i]) && is_letter(w->cps[i + 1]) ? hyphen
                                                                                       : 0;
                pen->unmarked = pen->width == 0 && w->cps[i] != '-';
            }
            if (ragged)
                ragged_url_close(p, w->size);
            from = i + 1;
        }
    }
    add_box(p, w, from, w->n, ps, face, kern, lig, gids, offset, prot, a);
    if (lig != lig_word)
        free(lig);
    free(gids);
    free(offset);
    free(kinds);
    free(points);
    free(kern);
    w->n = 0;
    w->top = 0;
}

/* The capital of a lower-case letter (ASCII, Latin-1, Latin Extended-A, Greek). */
static int small_cap(uint32_t cp, uint32_t *upper)
{
    uint32_t up = 0;
    if ((cp >= 'a' && cp <= 'z') || (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) ||
        (cp >= 0x3B1 && cp <= 0x3C9 && cp != 0x3C2))
        up = cp - 32;
    /* Latin Extended-A pairs capital and small, odd or even depending on the block */
    else if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) && (cp & 1))
        up = cp - 1;
    else if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) && !(cp & 1))
        up = cp - 1;
    if (!up)
        return 0;
    *upper = up;
    return 1;
}

static int is_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp != 0xD7 &&
                                                                    cp != 0xF7 && cp < 0x2000);
}

static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

/* ---- discipline: words and labels that stay whole ----------------------- */

/* Opening quotes and brackets. */
static int opens(uint32_t cp)
{
    return cp == '(' || cp == '[' || cp == '{' || cp == '"' || cp == '\'' || cp == 0xAB ||
           cp == 0x2018 || cp == 0x201A || cp == 0x201C || cp == 0x201E || cp == 0x2039;
}

/* Closing quotes and brackets: "done.)" ends a sentence as "done." does. */
static int closes(uint32_t cp)
{
    return cp == ')' || cp == ']' || cp == '}' || cp == '"' || cp == '\'' || cp == 0xBB ||
           cp == 0x2019 || cp == 0x201D || cp == 0x203A;
}

/* A capital letter (Latin, Greek, Cyrillic). */
static int is_upper(uint32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
        (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F))
        return 1;
    /* Latin Extended-A pairs capital and small, even or odd depending on the block */
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
        return !(cp & 1);
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return cp & 1;
    return cp == 0x178;
}

/*
 * Whether the word that starts at byte `at` of span s (read across spans
 * to the next space) must never get an automatic hyphen, whatever its
 * runs look like one by one: a link's text; a URL, an e-mail address or
 * a path; a word with digits ("RLHF2", "3D"); a compound with a hyphen of
 * its own, which breaks only there ("state-of-the-art", "LM-Flow"); a
 * capital after the first letter (acronyms and product names: "RLHF",
 * "LMFlow", "GitHub"); and, where capitals mark names (names_capitalised),
 * a capitalised word that does not begin a sentence.
 *
 * The last rule is ours, not TeX's, which hyphenates "Uni-versity" and
 * "Work-shop" as any word. In a CV a capital inside a sentence is almost
 * always a name: of an institution, a venue, a person, a product, or a
 * word of a title in title case ("Workshop on Mathematical and Empirical
 * Understanding"); a reader, a recruiter's search and an extractor that
 * ignores /ActualText all want those whole, and there are few enough of
 * them that the paragraph finds its room in the other words.
 */
static int word_kept_whole(rc_spans spans, size_t s, size_t at, int sentence_start,
                           int names_capitalised)
{
    size_t letters = 0;
    uint32_t prev = 0;
    for (; s < spans.n; s++, at = 0) {
        const rc_span *sp = &spans.v[s];
        for (size_t i = at; i < sp->len;) {
            uint32_t cp;
            size_t k = rc_utf8_decode(sp->text + i, sp->len - i, &cp);
            i += k ? k : 1;
            if (is_space(cp) || cp == 0xA0)
                return 0;
            if (sp->url || (cp >= '0' && cp <= '9') || cp == '@' || cp == '/' || cp == '\\' ||
                cp == '_')
                return 1;
            if (is_letter(cp)) {
                /* "e-mail", "e.g", "http:x": a mark between letters */
                if (letters && !is_letter(prev) && prev != 0x2019 && prev != '\'')
                    return 1;
                if (is_upper(cp) && (letters || (names_capitalised && !sentence_start)))
                    return 1;
                letters++;
            }
            prev = cp;
        }
    }
    return 0;
}

/* Whether the previous word ended a sentence: its last mark, closing quotes
 * and brackets aside (p->word_end), is a stop; or there was none. */
static int starts_sentence(const rc_para *p)
{
    return p->word_end == 0 || p->word_end == '.' || p->word_end == '!' || p->word_end == '?';
}

/*
 * A link label short enough to keep on one line ("[ICML 2022]", "Google
 * Scholar"): its spaces are ties, as an author writes "ICML~2022" in TeX.
 * The label is the link's spans from s on; at most three words and
 * SHORT_LABEL characters.
 */
#define SHORT_LABEL 20
static int short_link_label(rc_spans spans, size_t s)
{
    const char *url = spans.v[s].url;
    size_t chars = 0, spaces = 0;
    for (; s < spans.n && spans.v[s].url == url; s++) {
        const rc_span *sp = &spans.v[s];
        for (size_t i = 0; i < sp->len;) {
            uint32_t cp;
            size_t k = rc_utf8_decode(sp->text + i, sp->len - i, &cp);
            i += k ? k : 1;
            chars++;
            spaces += is_space(cp);
        }
    }
    return chars <= SHORT_LABEL && spaces <= 2;
}

/*
 * Whether an explicit hyphen may end a line: three letters of the word
 * before it (since the word began, other hyphens aside) and three after,
 * read in the span from byte i on (a word going on in the next span has
 * enough). Two letters and a hyphen ("LM-", "e-", "co-") read as a stub
 * at a line's end, and the product "LM-Flow" is not split at all.
 */
static int explicit_break_ok(size_t letters_before, const rc_span *sp, size_t i)
{
    if (letters_before < 3)
        return 0;
    size_t after = 1; /* the letter just read */
    while (i < sp->len && after < 3) {
        uint32_t cp;
        size_t k = rc_utf8_decode(sp->text + i, sp->len - i, &cp);
        i += k ? k : 1;
        if (!is_letter(cp))
            return 0;
        after++;
    }
    return 1;
}

/* Whether the link of span s has text other than spaces after byte i. */
static int link_goes_on(rc_spans spans, size_t s, size_t i)
{
    const char *url = spans.v[s].url;
    for (; s < spans.n && spans.v[s].url == url; s++, i = 0)
        for (; i < spans.v[s].len; i++)
            if (!is_space((unsigned char)spans.v[s].text[i]))
                return 1;
    return 0;
}

/* Character position of byte `offset` of a field: a good-enough column. */
static rc_pos char_pos(rc_pos pos, rc_spans spans, size_t span_index, size_t byte_in_span)
{
    (void)spans;
    (void)span_index;
    return rc_pos_advance(pos, (int)(spans.v[span_index].src_offset + byte_in_span));
}

int rc_para_add_spans(rc_para *p, rc_spans spans, const rc_para_style *ps, rc_fonts *fonts,
                      rc_arena *a, rc_diags *d)
{
    record(p, spans, ps);
    pending w = {0};
    int want_space = 0, want_nbsp = 0;
    rc_face_id space_face = RC_FACE_REGULAR; /* the face the pending space was written in */
    rc_buf missing = RC_BUF_INIT;             /* characters no font has, for one message */
    size_t nmissing = 0, nlisted = 0; /* occurrences, and distinct ones in the message */
    int more_missing = 0;
    rc_pos missing_pos = p->pos;
    size_t marks = 0;                         /* characters extending the current cluster */
    size_t dropped = 0;                       /* those beyond RC_MAX_CLUSTER_MARKS */
    rc_pos dropped_pos = p->pos;
    uint32_t prev = 0;          /* previous character of the word, 0 at a word start */
    int hyphen_break = 0;       /* a hyphen between letters may end the line */
    size_t word_letters = 0;    /* letters of the word so far (explicit_break_ok) */
    int word_path = 0;          /* the word so far has a '/' or '@': a URL or a path */
    int tie_label = 0;          /* in a short link label: its spaces are ties */
    int status = 0;             /* a link too long for a PDF makes it -1 */
    int names = rc_hyph_capitals_mark_names(ps->hyph);

    for (size_t s = 0; s < spans.n; s++) {
        const rc_span *sp = &spans.v[s];
        if (sp->url && (s == 0 || sp->url != spans.v[s - 1].url) &&
            strlen(sp->url) > RC_MARKUP_MAX_URL)
            status = rc_error(d, char_pos(p->pos, spans, s, 0), "a link's target is %zu bytes "
                              "long, more than the %d a PDF link may hold; shorten it",
                              strlen(sp->url), RC_MARKUP_MAX_URL);
        rc_face_id span_face = rc_face_for_style(fonts, ps->family, sp->style | ps->style);
        uint32_t color = sp->url ? ps->link_color : ps->color;
        if (!sp->url)
            tie_label = 0;
        else if (s == 0 || sp->url != spans.v[s - 1].url)
            tie_label = short_link_label(spans, s);
        size_t i = 0;
        while (i < sp->len) {
            uint32_t cp;
            size_t k = rc_utf8_decode(sp->text + i, sp->len - i, &cp);
            if (k == 0)
                k = 1; /* the loader rejects invalid UTF-8; be safe anyway */
            size_t at = i;
            i += k;
            if (!rc_extends_cluster(cp)) {
                marks = 0;
            } else if (++marks > RC_MAX_CLUSTER_MARKS) {
                if (dropped++ == 0)
                    dropped_pos = char_pos(p->pos, spans, s, at);
                continue;
            }
            rc_face_id face = span_face;
            if (is_space(cp) || cp == 0xA0) {
                flush_run(p, &w, ps, fonts, a);
                if (p->nruns) {
                    if (!want_space)
                        space_face = face;
                    want_space = 1;
                    /* no_breaks ties may break in an emergency (2), a written '~' never */
                    if (cp == 0xA0)
                        want_nbsp = 1;
                    else if ((ps->no_breaks || (tie_label && link_goes_on(spans, s, i))) &&
                             !want_nbsp)
                        want_nbsp = ps->break_wider > 0 ? 2 : 1;
                }
                prev = 0;
                hyphen_break = 0;
                word_letters = 0;
                word_path = 0;
                continue;
            }
            if (!rc_face_has_char(fonts->faces[face], cp)) {
                /*
                 * Another font has it (fontconfig's fallback), or none
                 * does: then the span's face draws its .notdef box, which
                 * the PDF's /ToUnicode maps back to the character, so the
                 * text extracts as written.
                 */
                face = rc_fonts_fallback(fonts, span_face, cp);
                if (face < 0) {
                    face = span_face;
                    if (nmissing++ == 0)
                        missing_pos = char_pos(p->pos, spans, s, at);
                    char utf8[5] = {0}, code[16];
                    rc_utf8_encode(cp, utf8);
                    snprintf(code, sizeof(code), "(U+%04X)", (unsigned)cp);
                    if (strstr(rc_buf_str(&missing), code)) {
                        /* listed already */
                    } else if (nlisted++ < 8) {
                        rc_buf_addf(&missing, "%s'%s' %s", nlisted > 1 ? ", " : "", utf8, code);
                    } else {
                        more_missing = 1;
                    }
                }
            }
            if (want_space) {
                flush_run(p, &w, ps, fonts, a);
                space_glue(p, fonts, want_nbsp, space_face, ps->size);
                want_space = want_nbsp = 0;
            }
            if (hyphen_break && is_letter(cp) && explicit_break_ok(word_letters, sp, i)) {
                flush_run(p, &w, ps, fonts, a);
                int ragged = word_path && p->align == RC_ALIGN_JUSTIFY;
                if (ragged)
                    ragged_url_open(p, ps->size);
                add_penalty(p, ps->ex_hyphen_penalty, 1);
                if (ragged)
                    ragged_url_close(p, ps->size);
            }
            word_path |= cp == '/' || cp == '@';
            hyphen_break = 0;
            if (prev == 0) {
                /* a word begins: it is judged whole, before its runs are */
                flush_run(p, &w, ps, fonts, a);
                w.whole = word_kept_whole(spans, s, at, starts_sentence(p), names);
            }
            word_letters += is_letter(cp);
            if (!closes(cp))
                p->word_end = cp;
            /* Synthetic small caps: a lower-case letter as a capital, smaller. */
            uint32_t shown = cp;
            rc_scaled size = ps->size;
            int small = ps->smallcaps && small_cap(cp, &shown);
            if (small)
                size = ps->size * 4 / 5;
            if (w.n && (w.face != face || w.color != color || w.url != sp->url ||
                        w.size != size || w.small != small))
                flush_run(p, &w, ps, fonts, a);
            w.face = face;
            w.color = color;
            w.url = sp->url;
            w.size = size;
            w.small = small;
            if (w.n == w.cap) {
                RC_VEC_PUSH(w.cps, w.n, w.cap);
                w.orig = rc_xrealloc(w.orig, w.cap * sizeof(uint32_t));
            }
            w.orig[w.n] = cp;
            w.cps[w.n++] = shown;
            w.top = shown > w.top ? shown : w.top;
            if ((cp == '-' || cp == 0x2013) && is_letter(prev) && !sp->url && !ps->no_breaks)
                hyphen_break = 1;
            prev = cp;
        }
    }
    flush_run(p, &w, ps, fonts, a);
    if (want_space)
        space_glue(p, fonts, want_nbsp, space_face, ps->size);
    free(w.cps);
    free(w.orig);
    if (nmissing)
        rc_warning(d, missing_pos,
                   "no installed font has %s %s%s, shown as %s; install a font that has %s "
                   "(fontconfig finds it), or remove %s",
                   nlisted == 1 ? "the character" : "the characters", rc_buf_str(&missing),
                   more_missing ? " and more" : "", nlisted == 1 ? "a box" : "boxes",
                   nlisted == 1 ? "it" : "them", nlisted == 1 ? "it" : "them");
    if (dropped)
        rc_warning(d, dropped_pos,
                   "more than %d combining characters on one letter, %zu left out; keep at "
                   "most %d accents, joiners or selectors on a letter",
                   RC_MAX_CLUSTER_MARKS, dropped, RC_MAX_CLUSTER_MARKS);
    rc_buf_release(&missing);
    return status;
}

void rc_para_finish(rc_para *p)
{
    /* Drop trailing glue, as TeX does before \parfillskip (§816). */
    while (p->n && p->items[p->n - 1].type != RC_ITEM_BOX)
        p->n--;
    add_penalty(p, RC_INF_PENALTY, 0);
    add_glue(p, 0, p->balance ? p->balance : RC_FIL, 0, RC_NO_RUN);
    add_penalty(p, RC_EJECT_PENALTY, 0);
}

int rc_para_hyphenatable(const rc_para *p)
{
    for (size_t i = 0; i < p->nsrc; i++)
        if (p->src[i].ps.hyphenate && p->src[i].spans.v)
            return 1;
    return 0;
}

void rc_para_rebuild(rc_para *p, const rc_hyph *h, rc_scaled break_wider, int anywhere,
                     rc_fonts *fonts, rc_arena *a)
{
    rc_para_source *src = p->src;
    size_t nsrc = p->nsrc;
    p->src = NULL;
    p->nsrc = p->src_cap = 0;
    p->n = 0;
    p->nruns = 0;
    free_chunks(p); /* the runs are built anew */
    p->word_width = 0;
    p->word_end = 0;
    rc_diags quiet;
    rc_diags_init(&quiet);
    for (size_t i = 0; i < nsrc; i++) {
        rc_para_style ps = src[i].ps;
        ps.hyph = h;
        ps.break_wider = break_wider;
        ps.break_anywhere = anywhere;
        if (src[i].spans.v)
            rc_para_add_spans(p, src[i].spans, &ps, fonts, a, &quiet);
        else
            rc_para_add_space(p, &ps, fonts);
    }
    rc_diags_release(&quiet);
    free(src);
    rc_para_finish(p);
}

rc_scaled rc_para_natural_width(const rc_para *p, size_t from, size_t to)
{
    rc_scaled w = 0;
    for (size_t i = from; i < to && i < p->n; i++)
        if (p->items[i].type != RC_ITEM_PENALTY)
            w += p->items[i].width;
    return w;
}
