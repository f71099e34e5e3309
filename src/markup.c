/*
 * markup: inline markup of CV text fields, parsed into styled spans.
 *
 * This module owns the inline grammar below, the span list it produces,
 * keyword bolding over spans (settings.bold_keywords) and the two flat views
 * of a span list: its plain text and the HTML-like rendering that the spec
 * tests (tests/spec/markup.txt) compare.
 *
 * Grammar. The field is scanned once, left to right, as cmark's inlines.c
 * does; what is recognised first wins (so a code span swallows the stars and
 * brackets inside it):
 *
 *   escape  '\' p           p: any ASCII punctuation, which comes out
 *                           literally; a '\' before anything else is literal
 *   code    '`'{n} c '`'{n} c ends at the next run of exactly n backticks;
 *                           c is literal (no escapes, dashes, ~ or emphasis);
 *                           one space is stripped from each end when both
 *                           ends have one and c is not all spaces (so that
 *                           `` `x` `` can show backticks)
 *   dashes  '-'{k}, k >= 2  TeX's ligatures, greedily: '---' em dash,
 *                           '--' en dash, a last single '-' stays a hyphen
 *   nbsp    '~'             U+00A0
 *   emph    '*'+            CommonMark's delimiter runs for '*': flanking,
 *                           the rule of three, process_emphasis; one '*'
 *                           italic, two bold, nesting as CommonMark nests
 *   link    '[' t '](' u ')'
 *                           t is markup (emphasis, code, dashes); u is
 *                           non-empty, holds no whitespace, ends at the ')'
 *                           that balances the '(', and only '\' escapes
 *                           apply in it (a '~' or '--' in a URL is kept);
 *                           links do not nest; an empty t is not a link
 *   math    '$$' m '$$'     RenderCV's inline math: m is non-empty and on one
 *                           line (RenderCV's pattern, \$\$.*?\$\$), and is
 *                           rendered as Unicode text by math.c; nothing in
 *                           it is markup
 *   text    everything else, '_' included: file_names and snake_case are
 *           common in CVs, so '_' is not an emphasis marker.
 *
 * Anything unbalanced or unclosed comes out as its literal characters.
 * Parsing never fails.
 *
 * Representation. The scanner emits a flat array of items (pieces of text
 * with a source offset) plus cmark's delimiter and bracket stacks. A match
 * of emphasis or a link does not move nodes into a tree, as cmark does; it
 * records "style S over items [first, end)", and the styles are summed once
 * at the end with difference arrays. Together with cmark's openers_bottom
 * bound on the opener search, this keeps deeply nested or pathological input
 * (tens of thousands of '*', '[' or '`') close to linear: nothing rescans a
 * stretch of the field more than a bounded number of times.
 */
#include "markup.h"

#include "math.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

static const char EN_DASH[] = "\xE2\x80\x93";
static const char EM_DASH[] = "\xE2\x80\x94";
static const char NBSP[] = "\xC2\xA0";
static const char APOSTROPHE[] = "\xE2\x80\x99"; /* U+2019 */
static const char PRIME[] = "\xE2\x80\xB2";      /* U+2032 */
static const char DOUBLE_PRIME[] = "\xE2\x80\xB3"; /* U+2033 */

/* ---- character classes ---------------------------------------------- */

static bool is_ascii_punct(unsigned char c)
{
    return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
           (c >= 123 && c <= 126);
}

static bool is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

enum { CL_SPACE, CL_PUNCT, CL_OTHER };

/*
 * The class of a code point for the flanking rules and for keyword word
 * boundaries. Unicode whitespace is Zs plus the ASCII controls; punctuation
 * is ASCII punctuation plus the blocks of Unicode punctuation and symbols a
 * CV plausibly contains (Latin-1 signs, general punctuation, currency,
 * arrows, mathematical operators, CJK and fullwidth punctuation). Anything
 * else, letters of every script included, is "other". '~' counts as space:
 * it is written to mean one.
 */
static int classify(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp == '~' || is_ascii_space((unsigned char)cp))
            return CL_SPACE;
        return is_ascii_punct((unsigned char)cp) ? CL_PUNCT : CL_OTHER;
    }
    if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000)
        return CL_SPACE;
    if (cp >= 0xA1 && cp <= 0xBF)
        /* Latin-1 signs, minus the letters and digits among them. */
        return (cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB5 || cp == 0xB9 ||
                cp == 0xBA || (cp >= 0xBC && cp <= 0xBE))
                   ? CL_OTHER
                   : CL_PUNCT;
    if (cp == 0xD7 || cp == 0xF7)
        return CL_PUNCT;
    if ((cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
        (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x23FF) ||
        (cp >= 0x2500 && cp <= 0x27FF) || (cp >= 0x2900 && cp <= 0x2BFF) ||
        (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0x3001 && cp <= 0x3003) ||
        (cp >= 0x3008 && cp <= 0x3011) || (cp >= 0x3014 && cp <= 0x301F) ||
        (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
        (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65))
        return CL_PUNCT;
    return CL_OTHER;
}

/* Class of the code point that starts at s[pos]; the end counts as space. */
static int class_at(const char *s, size_t n, size_t pos)
{
    if (pos >= n)
        return CL_SPACE;
    uint32_t cp;
    return rc_utf8_decode(s + pos, n - pos, &cp) ? classify(cp) : CL_OTHER;
}

/*
 * Class of the code point that ends just before s[pos]; the start counts as
 * space. Invalid UTF-8 counts as a letter.
 */
static int class_before(const char *s, size_t pos)
{
    if (pos == 0)
        return CL_SPACE;
    size_t k = pos - 1;
    while (k > 0 && pos - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    uint32_t cp;
    if (rc_utf8_decode(s + k, pos - k, &cp) != pos - k)
        return CL_OTHER;
    return classify(cp);
}

/* ---- the parser's working state ------------------------------------- */

typedef struct item {
    const char *text;  /* into the source, or a static replacement */
    size_t len;
    size_t src;        /* source offset of the item's first character */
    unsigned style;    /* RC_STYLE_CODE from the scanner; emphasis added last */
    const char *url;
    bool pinned;       /* never extended: delimiter runs, brackets, replacements */
} item;

/*
 * A run of '*' that may open or close emphasis (cmark's delimiter). Its
 * remaining characters are its item's text: an opener gives up characters
 * from its right end, a closer from its left end.
 */
typedef struct delim {
    size_t item;
    size_t length;     /* the run's original length, for the rule of three */
    size_t prev, next; /* the live list, NONE at both ends */
    bool can_open, can_close;
} delim;

typedef struct bracket {
    size_t item;       /* the '[' item */
    size_t bottom;     /* delimiters from this index on are inside the brackets */
    size_t pos;        /* source offset of the '[' */
} bracket;

typedef struct range {
    size_t first, end; /* items [first, end) */
    unsigned style;    /* RC_STYLE_BOLD or RC_STYLE_ITALIC; 0 for a link */
    const char *url;
} range;

typedef struct parser {
    rc_arena *arena;
    const char *src;
    size_t len;

    item *items;
    size_t nitems, citems;
    delim *delims;
    size_t ndelims, cdelims, last_delim;
    bracket *brackets;
    size_t nbrackets, cbrackets;
    size_t inactive_below; /* brackets below this index can no longer be links */
    range *ranges;
    size_t nranges, cranges;
    /* The math of the field: its content is src[math[k].first, math[k].end). */
    range *math;
    size_t nmath, cmath;

    /* Built on first use: where each '(' is balanced (NONE if nowhere) ... */
    size_t *paren_match;
    /* ... and the maximal backtick runs, their starts bucketed by length. */
    bool ticks_ready;
    size_t max_tick;
    size_t *tick_bucket; /* runs of length L: tick_starts[tick_bucket[L] .. tick_bucket[L+1]) */
    size_t *tick_starts;

    /* Smart quotes (NULL: as written) and the quotations open, Typst's stack:
     * bit k of quote_kinds says whether the one at depth k is double. */
    const rc_quotes *quotes;
    unsigned quote_depth;
    uint32_t quote_kinds;
} parser;

static void push_item(parser *p, const char *text, size_t len, size_t src, unsigned style,
                      bool pinned)
{
    if (!pinned && p->nitems) {
        /*
         * Literal text right after literal text in the source: extend the
         * last item instead of adding one, which keeps the array short.
         */
        item *last = &p->items[p->nitems - 1];
        if (!last->pinned && last->style == style && last->text + last->len == text &&
            last->src + last->len == src) {
            last->len += len;
            return;
        }
    }
    RC_VEC_PUSH(p->items, p->nitems, p->citems);
    p->items[p->nitems++] = (item){text, len, src, style, NULL, pinned};
}

static void push_range(parser *p, size_t first, size_t end, unsigned style, const char *url)
{
    RC_VEC_PUSH(p->ranges, p->nranges, p->cranges);
    p->ranges[p->nranges++] = (range){first, end, style, url};
}

static void remove_delim(parser *p, size_t k)
{
    delim *d = &p->delims[k];
    if (d->prev != NONE)
        p->delims[d->prev].next = d->next;
    if (d->next != NONE)
        p->delims[d->next].prev = d->prev;
    else
        p->last_delim = d->prev;
    d->prev = d->next = NONE;
}

/* ---- emphasis (cmark's process_emphasis, restricted to '*') ---------- */

/*
 * Match opener o with closer c: use two characters of each when both have
 * two, else one, and style the items between them. Returns the closer to
 * continue with (c itself while it has characters left).
 */
static size_t insert_emph(parser *p, size_t o, size_t c)
{
    item *oi = &p->items[p->delims[o].item];
    item *ci = &p->items[p->delims[c].item];
    size_t use = (oi->len >= 2 && ci->len >= 2) ? 2 : 1;
    oi->len -= use;
    ci->text += use;
    ci->src += use;
    ci->len -= use;

    /* Delimiters between the two can no longer match anything outside. */
    size_t k = p->delims[c].prev;
    while (k != NONE && k != o) {
        size_t prev = p->delims[k].prev;
        remove_delim(p, k);
        k = prev;
    }
    push_range(p, p->delims[o].item + 1, p->delims[c].item,
               use == 2 ? RC_STYLE_BOLD : RC_STYLE_ITALIC, NULL);

    if (oi->len == 0)
        remove_delim(p, o);
    if (ci->len == 0) {
        size_t next = p->delims[c].next;
        remove_delim(p, c);
        return next;
    }
    return c;
}

/* Resolve the delimiters with index >= bottom, then drop them all. */
static void process_emphasis(parser *p, size_t bottom)
{
    /*
     * openers_bottom[i]: no opener below this index can match a closer of
     * class i (can_open, length mod 3); it is what keeps runs of unmatched
     * closers from rescanning the whole stack each time.
     */
    size_t openers_bottom[6];
    for (size_t i = 0; i < 6; i++)
        openers_bottom[i] = bottom;

    size_t closer = NONE;
    for (size_t k = p->last_delim; k != NONE && k >= bottom; k = p->delims[k].prev)
        closer = k;

    while (closer != NONE) {
        const delim *c = &p->delims[closer];
        if (!c->can_close) {
            closer = c->next;
            continue;
        }
        size_t bi = (c->can_open ? 3 : 0) + c->length % 3;
        size_t opener = c->prev;
        bool found = false;
        while (opener != NONE && opener >= openers_bottom[bi]) {
            const delim *o = &p->delims[opener];
            /*
             * The rule of three: a run that can both open and close does
             * not pair with one whose length would make a sum divisible by
             * 3, unless both lengths are (CommonMark 6.2, rule 9).
             */
            if (o->can_open && (!(c->can_open || o->can_close) || c->length % 3 == 0 ||
                                (o->length + c->length) % 3 != 0)) {
                found = true;
                break;
            }
            opener = o->prev;
        }
        if (found) {
            closer = insert_emph(p, opener, closer);
        } else {
            size_t old = closer;
            closer = c->next;
            openers_bottom[bi] = old;
            if (!p->delims[old].can_open)
                remove_delim(p, old);
        }
    }
    while (p->last_delim != NONE && p->last_delim >= bottom)
        remove_delim(p, p->last_delim);
}

/* ---- the scanner's handlers ----------------------------------------- */

static size_t handle_stars(parser *p, size_t i)
{
    size_t j = i;
    while (j < p->len && p->src[j] == '*')
        j++;
    int before = class_before(p->src, i), after = class_at(p->src, p->len, j);
    bool left = after != CL_SPACE && (after != CL_PUNCT || before != CL_OTHER);
    bool right = before != CL_SPACE && (before != CL_PUNCT || after != CL_OTHER);
    push_item(p, p->src + i, j - i, i, 0, true);
    if (left || right) {
        RC_VEC_PUSH(p->delims, p->ndelims, p->cdelims);
        p->delims[p->ndelims] =
            (delim){p->nitems - 1, j - i, p->last_delim, NONE, left, right};
        if (p->last_delim != NONE)
            p->delims[p->last_delim].next = p->ndelims;
        p->last_delim = p->ndelims++;
    }
    return j;
}

static size_t handle_hyphens(parser *p, size_t i)
{
    size_t j = i;
    while (j < p->len && p->src[j] == '-')
        j++;
    size_t k = j - i, at = i;
    if (k == 1) {
        push_item(p, p->src + i, 1, i, 0, false);
        return j;
    }
    for (; k >= 3; k -= 3, at += 3)
        push_item(p, EM_DASH, 3, at, 0, true);
    if (k == 2)
        push_item(p, EN_DASH, 3, at, 0, true);
    else if (k == 1)
        push_item(p, p->src + at, 1, at, 0, false);
    return j;
}

/*
 * Index the maximal backtick runs of the whole field by length, once, so
 * that finding a code span's closer is a binary search instead of a scan:
 * a field of many unmatched backtick runs would otherwise be quadratic.
 */
static void index_ticks(parser *p)
{
    p->ticks_ready = true;
    size_t nruns = 0, max = 0;
    for (size_t i = 0; i < p->len;) {
        if (p->src[i] != '`') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < p->len && p->src[j] == '`')
            j++;
        nruns++;
        if (j - i > max)
            max = j - i;
        i = j;
    }
    p->max_tick = max;
    p->tick_bucket = rc_xcalloc(max + 2, sizeof(size_t));
    p->tick_starts = rc_xmalloc((nruns ? nruns : 1) * sizeof(size_t));
    for (size_t pass = 0; pass < 2; pass++) {
        /* Pass 0 counts runs per length; pass 1 places their starts. */
        for (size_t i = 0; i < p->len;) {
            if (p->src[i] != '`') {
                i++;
                continue;
            }
            size_t j = i;
            while (j < p->len && p->src[j] == '`')
                j++;
            if (pass == 0)
                p->tick_bucket[j - i + 1]++;
            else
                p->tick_starts[p->tick_bucket[j - i]++] = i;
            i = j;
        }
        if (pass == 0) {
            for (size_t l = 1; l <= max + 1; l++)
                p->tick_bucket[l] += p->tick_bucket[l - 1];
        } else {
            /*
             * Placing advanced each bucket's start to the next bucket's:
             * shift back.
             */
            for (size_t l = max + 1; l > 0; l--)
                p->tick_bucket[l] = p->tick_bucket[l - 1];
            p->tick_bucket[0] = 0;
        }
    }
}

/* Start of the first backtick run of exactly n characters at or after from. */
static size_t find_tick_run(parser *p, size_t n, size_t from)
{
    if (!p->ticks_ready)
        index_ticks(p);
    if (n > p->max_tick)
        return NONE;
    size_t lo = p->tick_bucket[n], hi = p->tick_bucket[n + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->tick_starts[mid] < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->tick_bucket[n + 1] ? p->tick_starts[lo] : NONE;
}

static size_t handle_backticks(parser *p, size_t i)
{
    size_t j = i;
    while (j < p->len && p->src[j] == '`')
        j++;
    size_t n = j - i;
    size_t close = find_tick_run(p, n, j);
    if (close == NONE) {
        push_item(p, p->src + i, n, i, 0, true);
        return j;
    }
    size_t s = j, e = close;
    if (e - s >= 2 && p->src[s] == ' ' && p->src[e - 1] == ' ') {
        size_t k = s;
        while (k < e && p->src[k] == ' ')
            k++;
        if (k < e)
            s++, e--;
    }
    push_item(p, p->src + s, e - s, s, RC_STYLE_CODE, true);
    return close + n;
}

/*
 * Match every '(' of the field with the ')' that balances it, once, with a
 * stack: whitespace ends a would-be URL (so it empties the stack) and '\'
 * escapes punctuation as it does in a URL. A link's '(' always follows ']',
 * so it is never itself escaped and the scan's escape state agrees with the
 * URL's. Scanning forward per link instead would be quadratic on "[a](" * n.
 */
static void index_parens(parser *p)
{
    size_t *stack = rc_xmalloc(p->len * sizeof(size_t));
    size_t sp = 0;
    p->paren_match = rc_xmalloc(p->len * sizeof(size_t));
    for (size_t i = 0; i < p->len; i++) {
        unsigned char c = (unsigned char)p->src[i];
        p->paren_match[i] = NONE;
        if (c == '\\' && i + 1 < p->len && is_ascii_punct((unsigned char)p->src[i + 1])) {
            p->paren_match[++i] = NONE;
        } else if (is_ascii_space(c)) {
            sp = 0;
        } else if (c == '(') {
            stack[sp++] = i;
        } else if (c == ')' && sp) {
            p->paren_match[stack[--sp]] = i;
        }
    }
    free(stack);
}

static const char *unescape_url(parser *p, size_t s, size_t e)
{
    char *out = rc_arena_alloc(p->arena, e - s + 1);
    size_t n = 0;
    for (size_t i = s; i < e; i++) {
        if (p->src[i] == '\\' && i + 1 < e && is_ascii_punct((unsigned char)p->src[i + 1]))
            i++;
        out[n++] = p->src[i];
    }
    out[n] = 0;
    return out;
}

static void pop_bracket(parser *p)
{
    p->nbrackets--;
    if (p->inactive_below > p->nbrackets)
        p->inactive_below = p->nbrackets;
}

/* At a ']': a link if the innermost '[' is still active and "(url)" follows. */
static size_t handle_close_bracket(parser *p, size_t i)
{
    if (p->nbrackets == 0) {
        push_item(p, p->src + i, 1, i, 0, false);
        return i + 1;
    }
    const bracket b = p->brackets[p->nbrackets - 1];
    bool active = p->nbrackets - 1 >= p->inactive_below;
    if (active && b.pos + 1 < i && i + 1 < p->len && p->src[i + 1] == '(') {
        if (!p->paren_match)
            index_parens(p);
        size_t close = p->paren_match[i + 1];
        if (close != NONE && close > i + 2) {
            const char *url = unescape_url(p, i + 2, close);
            process_emphasis(p, b.bottom);
            p->items[b.item].len = 0;
            push_range(p, b.item + 1, p->nitems, 0, url);
            if (p->nitems)
                p->items[p->nitems - 1].pinned = true;
            pop_bracket(p);
            /* No links inside links: every '[' still open is now dead. */
            p->inactive_below = p->nbrackets;
            return close + 1;
        }
    }
    pop_bracket(p);
    push_item(p, p->src + i, 1, i, 0, false);
    return i + 1;
}

static bool is_special(unsigned char c)
{
    return c == '\\' || c == '`' || c == '*' || c == '[' || c == ']' || c == '-' || c == '~' ||
           c == '$' || c == '\'' || c == '"';
}

/* ---- smart quotes ----------------------------------------------------- */

/*
 * The character a quote at src[i] follows, as Typst sees it: emphasis
 * stars are markup, not text, so they are passed over; the start of the
 * field counts as a space.
 */
static uint32_t char_before(const char *s, size_t i)
{
    while (i > 0 && s[i - 1] == '*')
        i--;
    if (i == 0)
        return ' ';
    size_t k = i - 1;
    while (k > 0 && i - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    uint32_t cp;
    return rc_utf8_decode(s + k, i - k, &cp) == i - k ? cp : 'a';
}

static bool is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static bool is_letter(uint32_t cp)
{
    return classify(cp) == CL_OTHER && !is_digit(cp);
}

/*
 * Typst's SmartQuoter: after a number a prime (5'11"), unless a quotation
 * of that kind is open; a single quote after a letter an apostrophe,
 * unless a single quotation is open; a quote that can close the innermost
 * quotation, of its kind and not after a space or an opening bracket,
 * closes it; any other opens one. Two departures, where Typst prints a
 * wrong mark: a single quote between two letters is an apostrophe even
 * inside a single quotation ('the '90s, O'Brien's'), and so is one after
 * a number and before a letter ("1990's"), which Typst makes a prime.
 */
static size_t handle_quote(parser *p, size_t i)
{
    const rc_quotes *q = p->quotes;
    if (!q) {
        push_item(p, p->src + i, 1, i, 0, false);
        return i + 1;
    }
    const bool dbl = p->src[i] == '"';
    const uint32_t before = char_before(p->src, i);
    uint32_t next = 0;
    if (i + 1 < p->len)
        rc_utf8_decode(p->src + i + 1, p->len - i - 1, &next);
    const int open = p->quote_depth ? (int)(p->quote_kinds >> (p->quote_depth - 1) & 1) : -1;
    const char *out;
    if (is_digit(before) && open != dbl) {
        out = dbl ? DOUBLE_PRIME : is_letter(next) ? APOSTROPHE : PRIME;
    } else if (!dbl && is_letter(before) && (open != 0 || is_letter(next))) {
        out = APOSTROPHE;
    } else if (open == dbl && classify(before) != CL_SPACE && before != '(' && before != '[' &&
               before != '{') {
        p->quote_depth--;
        out = dbl ? q->double_close : q->single_close;
    } else {
        if (p->quote_depth < 32) {
            p->quote_kinds = (p->quote_kinds & ((1u << p->quote_depth) - 1)) |
                             (uint32_t)dbl << p->quote_depth;
            p->quote_depth++;
        }
        out = dbl ? q->double_open : q->single_open;
    }
    push_item(p, out, strlen(out), i, 0, true);
    return i + 1;
}

/*
 * Where the math opened by "$$" at src[i] closes: the next "$$" on the
 * same line; NONE if there is none. When there is none, no "$$" follows
 * on that line, so no later '$' of it searches again.
 */
static size_t math_close(const parser *p, size_t i)
{
    for (size_t k = i + 2; k + 1 < p->len && p->src[k] != '\n'; k++)
        if (p->src[k] == '$' && p->src[k + 1] == '$')
            return k;
    return NONE;
}

static size_t handle_math(parser *p, size_t i)
{
    size_t close = i + 1 < p->len && p->src[i + 1] == '$' ? math_close(p, i) : NONE;
    if (close == NONE) {
        push_item(p, p->src + i, 1, i, 0, false);
        return i + 1;
    }
    if (close == i + 2) {
        /* "$$$$" holds no math (RenderCV prints nothing): the dollars print */
        push_item(p, p->src + i, 4, i, 0, false);
        return i + 4;
    }
    RC_VEC_PUSH(p->math, p->nmath, p->cmath);
    p->math[p->nmath++] = (range){i + 2, close, 0, NULL};
    rc_math m;
    memset(&m, 0, sizeof m);
    rc_math_render(p->src + i + 2, close - i - 2, &m, NULL, NULL);
    const char *text = m.text.len ? rc_arena_memdup(p->arena, m.text.ptr, m.text.len, 1) : "";
    for (size_t k = 0; k < m.n; k++) {
        const rc_math_piece *pc = &m.v[k];
        unsigned style = ((pc->style & RC_MATH_BOLD) ? RC_STYLE_BOLD : 0) |
                         ((pc->style & RC_MATH_ITALIC) ? RC_STYLE_ITALIC : 0);
        push_item(p, text + pc->off, pc->len, i + 2 + pc->src, style, true);
    }
    rc_math_release(&m);
    return close + 2;
}

/* ---- span building -------------------------------------------------- */

/*
 * Collects spans, merging a piece into the previous span when style and URL
 * agree. Texts go into one buffer, each followed by a NUL; they are copied
 * into the arena in one block at the end.
 */
typedef struct builder {
    rc_buf text;
    rc_span *v;
    size_t *off;
    size_t n, cap, cap_off;
} builder;

static bool same_url(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static void builder_add(builder *b, const char *text, size_t len, unsigned style,
                        const char *url, size_t src)
{
    if (len == 0)
        return;
    if (b->n && b->v[b->n - 1].style == style && same_url(b->v[b->n - 1].url, url)) {
        rc_buf_add(&b->text, text, len);
        b->v[b->n - 1].len += len;
        return;
    }
    if (b->n)
        rc_buf_addc(&b->text, 0);
    RC_VEC_PUSH(b->off, b->n, b->cap_off);
    RC_VEC_PUSH(b->v, b->n, b->cap);
    b->off[b->n] = b->text.len;
    b->v[b->n++] = (rc_span){NULL, len, style, url, src};
    rc_buf_add(&b->text, text, len);
}

static rc_spans builder_finish(builder *b, rc_arena *a)
{
    rc_spans out = {NULL, 0};
    if (b->n) {
        char *base = rc_arena_memdup(a, b->text.ptr, b->text.len + 1, 1);
        for (size_t i = 0; i < b->n; i++)
            b->v[i].text = base + b->off[i];
        out.v = rc_arena_memdup(a, b->v, b->n, sizeof(rc_span));
        out.n = b->n;
    }
    rc_buf_release(&b->text);
    free(b->v);
    free(b->off);
    return out;
}

/* Scan src[0..len) into p's items and resolve its emphasis. */
static void scan(parser *p, rc_arena *a, const char *src, size_t len, const rc_quotes *quotes)
{
    memset(p, 0, sizeof *p);
    p->arena = a;
    p->quotes = quotes;
    p->src = src;
    p->len = src ? len : 0;
    p->last_delim = NONE;

    for (size_t i = 0; i < p->len;) {
        unsigned char c = (unsigned char)src[i];
        switch (c) {
        case '\\':
            if (i + 1 < p->len && is_ascii_punct((unsigned char)src[i + 1])) {
                /*
                 * Pinned: the escaped character is not adjacent to the text
                 * before it in the source, the backslash is between.
                 */
                push_item(p, src + i + 1, 1, i, 0, true);
                i += 2;
            } else {
                push_item(p, src + i, 1, i, 0, false);
                i++;
            }
            break;
        case '`':
            i = handle_backticks(p, i);
            break;
        case '*':
            i = handle_stars(p, i);
            break;
        case '[':
            push_item(p, src + i, 1, i, 0, true);
            RC_VEC_PUSH(p->brackets, p->nbrackets, p->cbrackets);
            p->brackets[p->nbrackets++] = (bracket){p->nitems - 1, p->ndelims, i};
            i++;
            break;
        case ']':
            i = handle_close_bracket(p, i);
            break;
        case '-':
            i = handle_hyphens(p, i);
            break;
        case '~':
            push_item(p, NBSP, 2, i, 0, true);
            i++;
            break;
        case '$':
            i = handle_math(p, i);
            break;
        case '\'':
        case '"':
            i = handle_quote(p, i);
            break;
        default: {
            size_t j = i + 1;
            while (j < p->len && !is_special((unsigned char)src[j]))
                j++;
            push_item(p, src + i, j - i, i, 0, false);
            i = j;
        }
        }
    }
    process_emphasis(p, 0);
}

static void parser_release(parser *p)
{
    free(p->items);
    free(p->delims);
    free(p->brackets);
    free(p->ranges);
    free(p->math);
    free(p->paren_match);
    free(p->tick_bucket);
    free(p->tick_starts);
}

rc_spans rc_markup_parse(rc_arena *a, const char *src, size_t len)
{
    return rc_markup_parse_quoted(a, src, len, NULL);
}

rc_spans rc_markup_parse_quoted(rc_arena *a, const char *src, size_t len, const rc_quotes *quotes)
{
    parser p;
    scan(&p, a, src, len, quotes);

    /*
     * Sum the emphasis ranges (difference arrays) and apply the links,
     * whose ranges never overlap since links do not nest.
     */
    ptrdiff_t *bold = rc_xcalloc(p.nitems + 1, sizeof(ptrdiff_t));
    ptrdiff_t *italic = rc_xcalloc(p.nitems + 1, sizeof(ptrdiff_t));
    for (size_t r = 0; r < p.nranges; r++) {
        const range *rg = &p.ranges[r];
        if (rg->style == 0) {
            for (size_t k = rg->first; k < rg->end; k++)
                p.items[k].url = rg->url;
        } else {
            ptrdiff_t *d = rg->style == RC_STYLE_BOLD ? bold : italic;
            d[rg->first]++;
            d[rg->end]--;
        }
    }
    builder b;
    memset(&b, 0, sizeof b);
    ptrdiff_t nb = 0, ni = 0;
    for (size_t k = 0; k < p.nitems; k++) {
        item *it = &p.items[k];
        nb += bold[k];
        ni += italic[k];
        unsigned style = it->style | (nb ? RC_STYLE_BOLD : 0) | (ni ? RC_STYLE_ITALIC : 0);
        builder_add(&b, it->text, it->len, style, it->url, it->src);
    }
    free(bold);
    free(italic);
    parser_release(&p);
    return builder_finish(&b, a);
}

/* ---- checking: stars that print as written -------------------------- */

/*
 * A run of '*' left in the output as written, with the classes of its
 * neighbours (the flanking rules' inputs).
 */
typedef struct literal_run {
    size_t start, n;  /* the run's characters in the source */
    size_t left;      /* of them, how many print (fewer than n: partly matched) */
    int before, after;
    bool can_open, can_close, explained;
} literal_run;

static const char *emphasis_name(size_t n)
{
    return n == 1 ? "italic" : n == 2 ? "bold" : "bold italic";
}

/* A UTF-8 boundary at or after i. */
static size_t boundary(const char *s, size_t i, size_t end)
{
    while (i < end && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* The last words of s[from, to) within about 24 bytes, "…" first when cut. */
static void put_tail(rc_buf *b, const char *s, size_t from, size_t to)
{
    if (to - from > 24) {
        size_t i = boundary(s, to - 20, to);
        for (size_t k = i; k < to; k++)
            if (s[k] == ' ') {
                i = k + 1;
                break;
            }
        rc_buf_adds(b, "\xE2\x80\xA6");
        from = i;
    }
    rc_buf_add(b, s + from, to - from);
}

/* The first words of s[from, to) within about 24 bytes, "…" last when cut. */
static void put_head(rc_buf *b, const char *s, size_t from, size_t to)
{
    if (to - from > 24) {
        size_t i = boundary(s, from + 20, to);
        for (size_t k = i; k > from; k--)
            if (s[k - 1] == ' ') {
                i = k - 1;
                break;
            }
        rc_buf_add(b, s + from, i - from);
        rc_buf_adds(b, "\xE2\x80\xA6");
        return;
    }
    rc_buf_add(b, s + from, to - from);
}

static bool space_at(const char *s, size_t i)
{
    return s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '~';
}

/* Where the run at byte `at` is: its column on the field's first line, else the field. */
static rc_pos run_pos(const char *src, size_t at, rc_pos pos)
{
    int cps = 0;
    for (size_t i = 0; i < at; i++) {
        if (src[i] == '\n')
            return pos;
        cps += ((unsigned char)src[i] & 0xC0) != 0x80;
    }
    return rc_pos_advance(pos, cps);
}

/*
 * The literal runs of a scanned field, in source order: the star items
 * that kept characters (an escaped star's item starts at its backslash,
 * a code span's is code, so neither counts).
 */
static literal_run *literal_runs(const parser *p, size_t *count)
{
    literal_run *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t k = 0; k < p->nitems; k++) {
        const item *it = &p->items[k];
        if (!it->len || (it->style & RC_STYLE_CODE) || it->text < p->src ||
            it->text >= p->src + p->len || it->src != (size_t)(it->text - p->src) ||
            *it->text != '*')
            continue;
        size_t start = it->src, end = it->src;
        while (start > 0 && p->src[start - 1] == '*')
            start--;
        while (end < p->len && p->src[end] == '*')
            end++;
        RC_VEC_PUSH(v, n, cap);
        literal_run *r = &v[n++];
        memset(r, 0, sizeof(*r));
        r->start = start;
        r->n = end - start;
        r->left = it->len;
        r->before = class_before(p->src, start);
        r->after = class_at(p->src, p->len, end);
        r->can_open = r->after != CL_SPACE && (r->after != CL_PUNCT || r->before != CL_OTHER);
        r->can_close = r->before != CL_SPACE && (r->before != CL_PUNCT || r->after != CL_OTHER);
    }
    *count = n;
    return v;
}

/* What is wrong with a literal run, for its warning. */
enum { RUN_FINE, RUN_PARTLY, RUN_NO_CLOSE, RUN_NO_OPEN, RUN_UNCLOSED };

/* A field's warnings beyond this many are counted in one more. */
#define MAX_RUN_WARNINGS 3

/* Where a math warning goes: the field, where its math starts in it, how many were given. */
typedef struct math_warn_ctx {
    const char *src;
    size_t base;
    rc_pos pos;
    rc_diags *d;
    size_t given, more;
} math_warn_ctx;

static void math_warn(void *ctx, size_t at, const char *message)
{
    math_warn_ctx *w = ctx;
    if (w->given == MAX_RUN_WARNINGS) {
        w->more++;
        return;
    }
    w->given++;
    rc_warning(w->d, run_pos(w->src, w->base + at, w->pos), "%s", message);
}

/* Warn about what the field's math cannot render (math.c says what), as for stars. */
static void check_math(const parser *p, rc_pos pos, rc_diags *d)
{
    math_warn_ctx w = {p->src, 0, pos, d, 0, 0};
    for (size_t k = 0; k < p->nmath; k++) {
        w.base = p->math[k].first;
        rc_math m;
        memset(&m, 0, sizeof m);
        rc_math_render(p->src + p->math[k].first, p->math[k].end - p->math[k].first, &m,
                       math_warn, &w);
        rc_math_release(&m);
    }
    if (w.more)
        rc_warning(d, pos, "%zu more things in this field's math print as written; write them "
                   "as characters, or mend them as above", w.more);
}

void rc_markup_check(const char *src, size_t len, rc_pos pos, rc_diags *d)
{
    if (!src || (!memchr(src, '*', len) && !memchr(src, '$', len)))
        return;
    rc_arena a;
    rc_arena_init(&a);
    parser p;
    scan(&p, &a, src, len, NULL);
    check_math(&p, pos, d);
    size_t n;
    literal_run *r = literal_runs(&p, &n);
    unsigned char *verdict = rc_xcalloc(n ? n : 1, 1);
    size_t *partner = rc_xmalloc((n ? n : 1) * sizeof(size_t));

    /*
     * A run is judged with the nearest literal run of its length before
     * it (may this one have closed it?) or after it (may that one have
     * closed this?): last[] and next[] find them in constant time.
     */
    size_t last[4] = {NONE, NONE, NONE, NONE};
    for (size_t j = 0; j < n; j++) {
        literal_run *c = &r[j];
        if (c->left < c->n) {
            verdict[j] = RUN_PARTLY; /* "**a*": the runs pair, one star too many */
            c->explained = true;
        } else if (c->n <= 3 && c->before == CL_SPACE && last[c->n] != NONE) {
            /* "**GraphQL **": the closer has a space before it */
            literal_run *o = &r[last[c->n]];
            size_t e = c->start;
            while (e > o->start + o->n && space_at(src, e - 1))
                e--;
            if (!o->explained && o->left == o->n && o->can_open && e > o->start + o->n) {
                verdict[j] = RUN_NO_CLOSE;
                partner[j] = last[c->n];
                o->explained = c->explained = true;
            }
        }
        if (c->n <= 3)
            last[c->n] = j;
    }
    size_t next[4] = {NONE, NONE, NONE, NONE};
    for (size_t i = n; i-- > 0;) {
        literal_run *o = &r[i];
        if (o->n > 3)
            continue; /* "****" is a row of stars, not emphasis */
        if (!o->explained && o->after == CL_SPACE && !o->can_close && next[o->n] != NONE) {
            /* "* foo*": the opener has a space after it */
            literal_run *c = &r[next[o->n]];
            size_t s = o->start + o->n;
            while (s < c->start && space_at(src, s))
                s++;
            if (!c->explained && c->can_close && s < c->start) {
                verdict[i] = RUN_NO_OPEN;
                partner[i] = next[o->n];
                o->explained = c->explained = true;
            }
        }
        next[o->n] = i;
    }
    for (size_t i = 0; i < n; i++)
        if (!r[i].explained && r[i].n >= 2 && r[i].n <= 3 && r[i].can_open && !r[i].can_close)
            verdict[i] = RUN_UNCLOSED; /* "**unclosed": bold that nothing closes */

    rc_buf b = RC_BUF_INIT;
    size_t given = 0, more = 0;
    for (size_t j = 0; j < n; j++) {
        const literal_run *c = &r[j];
        if (verdict[j] == RUN_FINE)
            continue;
        if (given == MAX_RUN_WARNINGS) {
            more++;
            continue;
        }
        given++;
        rc_pos at = run_pos(src, c->start, pos);
        int k = (int)c->n;
        const char *stars = src + c->start;
        rc_buf_reset(&b);
        if (verdict[j] == RUN_PARTLY) {
            rc_warning(d, at,
                       "'%.*s' pairs with a shorter run of '*', so %zu '*' %s as written; "
                       "open and close emphasis with as many stars",
                       k, stars, c->left, c->left == 1 ? "prints" : "print");
        } else if (verdict[j] == RUN_NO_CLOSE) {
            const literal_run *o = &r[partner[j]];
            size_t inner = o->start + o->n, e = c->start;
            while (e > inner && space_at(src, e - 1))
                e--;
            if (e - inner <= 24)
                rc_buf_add(&b, src + o->start, o->n);
            put_tail(&b, src, inner, e);
            rc_buf_add(&b, stars, c->n);
            rc_buf_add(&b, src + e, c->start - e);
            rc_warning(d, at, "'%.*s' does not close %s because a space precedes it; write '%s'",
                       k, stars, emphasis_name(c->n), rc_buf_str(&b));
        } else if (verdict[j] == RUN_NO_OPEN) {
            const literal_run *e = &r[partner[j]];
            size_t s = c->start + c->n;
            while (s < e->start && space_at(src, s))
                s++;
            rc_buf_add(&b, stars, c->n);
            put_head(&b, src, s, e->start);
            if (e->start - s <= 24)
                rc_buf_add(&b, src + e->start, e->n);
            rc_warning(d, at, "'%.*s' does not open %s because a space follows it; write '%s'",
                       k, stars, emphasis_name(c->n), rc_buf_str(&b));
        } else {
            rc_warning(d, at,
                       "'%.*s' opens %s that is never closed, so it prints as written; close it "
                       "with '%.*s', or write '%s' for the stars themselves",
                       k, stars, emphasis_name(c->n), k, stars,
                       c->n == 2 ? "\\*\\*" : "\\*\\*\\*");
        }
    }
    if (more)
        rc_warning(d, pos, "%zu more runs of '*' in this field print as written; write '\\*' "
                           "for a star, or mend the emphasis as above", more);
    rc_buf_release(&b);
    free(verdict);
    free(partner);
    free(r);
    parser_release(&p);
    rc_arena_release(&a);
}

/* ---- bold keywords -------------------------------------------------- */

/*
 * A letter or digit for word boundaries: ASCII alphanumerics and every
 * non-ASCII code point that is neither space nor punctuation (so α and é
 * are letters, while U+00A0 and dashes separate words).
 */
static bool word_char_at(const char *s, size_t n, size_t pos)
{
    unsigned char c = (unsigned char)s[pos];
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return class_at(s, n, pos) == CL_OTHER;
}

static bool word_char_before(const char *s, size_t pos)
{
    if (pos == 0)
        return false;
    unsigned char c = (unsigned char)s[pos - 1];
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return class_before(s, pos) == CL_OTHER;
}

typedef struct keyword {
    const char *s;
    size_t len, index;
} keyword;

static int keyword_cmp(const void *x, const void *y)
{
    const keyword *a = x, *b = y;
    if (a->len != b->len)
        return a->len > b->len ? -1 : 1; /* longest first */
    return a->index < b->index ? -1 : a->index > b->index;
}

rc_spans rc_markup_bold_keywords(rc_arena *a, rc_spans spans, const char *const *keywords,
                                 size_t nkeywords)
{
    if (spans.n == 0 || nkeywords == 0 || !keywords)
        return spans;
    keyword *kw = rc_xmalloc(nkeywords * sizeof(keyword));
    size_t nkw = 0;
    for (size_t i = 0; i < nkeywords; i++)
        if (keywords[i] && keywords[i][0])
            kw[nkw++] = (keyword){keywords[i], strlen(keywords[i]), i};
    qsort(kw, nkw, sizeof(keyword), keyword_cmp);

    /*
     * Match over the concatenated text, so that a keyword may cross style
     * boundaries ("*machine* learning"); code is literal and never bolded,
     * which code_before (a running count of code bytes) lets us check.
     */
    rc_buf plain = RC_BUF_INIT;
    for (size_t j = 0; j < spans.n; j++)
        rc_buf_add(&plain, spans.v[j].text, spans.v[j].len);
    const char *t = rc_buf_str(&plain);
    size_t n = plain.len;
    size_t *code_before = rc_xmalloc((n + 1) * sizeof(size_t));
    {
        size_t pos = 0, count = 0;
        for (size_t j = 0; j < spans.n; j++)
            for (size_t k = 0; k < spans.v[j].len; k++, pos++) {
                code_before[pos] = count;
                count += (spans.v[j].style & RC_STYLE_CODE) != 0;
            }
        code_before[n] = count;
    }

    typedef struct { size_t s, e; } hit;
    hit *hits = NULL;
    size_t nhits = 0, chits = 0;
    for (size_t i = 0; i < n;) {
        size_t matched = 0;
        if (!word_char_before(t, i)) {
            for (size_t k = 0; k < nkw; k++) {
                size_t e = i + kw[k].len;
                if (e <= n && memcmp(t + i, kw[k].s, kw[k].len) == 0 &&
                    (e == n || !word_char_at(t, n, e)) && code_before[e] == code_before[i]) {
                    matched = kw[k].len;
                    break;
                }
            }
        }
        if (matched) {
            RC_VEC_PUSH(hits, nhits, chits);
            hits[nhits++] = (hit){i, i + matched};
            i += matched;
        } else {
            i++;
        }
    }
    free(kw);
    free(code_before);
    rc_buf_release(&plain);
    if (nhits == 0) {
        free(hits);
        return spans;
    }

    /* Split the spans at the hits' ends and merge what became alike. */
    builder b;
    memset(&b, 0, sizeof b);
    size_t h = 0, start = 0;
    for (size_t j = 0; j < spans.n; j++) {
        const rc_span *sp = &spans.v[j];
        size_t end = start + sp->len;
        for (size_t pos = start; pos < end;) {
            while (h < nhits && hits[h].e <= pos)
                h++;
            bool in = h < nhits && hits[h].s <= pos;
            size_t stop = in ? hits[h].e : (h < nhits ? hits[h].s : end);
            if (stop > end)
                stop = end;
            /*
             * A piece inside a span has no exact source offset (the span
             * keeps none per character): estimate it from the byte offset,
             * kept below the next span's start so offsets stay ordered.
             */
            size_t src = sp->src_offset + (pos - start);
            if (j + 1 < spans.n && src >= spans.v[j + 1].src_offset)
                src = spans.v[j + 1].src_offset > sp->src_offset ? spans.v[j + 1].src_offset - 1
                                                                 : sp->src_offset;
            builder_add(&b, sp->text + (pos - start), stop - pos,
                        sp->style | (in ? RC_STYLE_BOLD : 0), sp->url, src);
            pos = stop;
        }
        start = end;
    }
    free(hits);
    return builder_finish(&b, a);
}

/* ---- flat views ----------------------------------------------------- */

char *rc_spans_plain_text(rc_arena *a, rc_spans spans)
{
    size_t n = 0;
    for (size_t i = 0; i < spans.n; i++)
        n += spans.v[i].len;
    char *out = rc_arena_alloc(a, n + 1);
    size_t at = 0;
    for (size_t i = 0; i < spans.n; i++) {
        if (spans.v[i].len)
            memcpy(out + at, spans.v[i].text, spans.v[i].len);
        at += spans.v[i].len;
    }
    out[n] = 0;
    return out;
}

static void add_escaped(rc_buf *out, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        default: break;
        }
        if (rep) {
            rc_buf_add(out, s + run, i - run);
            rc_buf_adds(out, rep);
            run = i + 1;
        }
    }
    rc_buf_add(out, s + run, n - run);
}

enum { TAG_A, TAG_B, TAG_I, TAG_CODE, NTAGS };
static const char *const tag_name[NTAGS] = {"a", "b", "i", "code"};

static bool tag_wanted(int tag, const char *tag_url, const rc_span *sp)
{
    switch (tag) {
    case TAG_A: return sp->url && strcmp(tag_url, sp->url) == 0;
    case TAG_B: return sp->style & RC_STYLE_BOLD;
    case TAG_I: return sp->style & RC_STYLE_ITALIC;
    default: return sp->style & RC_STYLE_CODE;
    }
}

/*
 * Tags stay open across spans that share them and open in a fixed order
 * (a, b, i, code), so "**bold *both***" reads <b>bold <i>both</i></b>
 * rather than one tag set per span.
 */
void rc_spans_render_html(rc_spans spans, rc_buf *out)
{
    struct { int tag; const char *url; } open[NTAGS];
    size_t depth = 0;
    rc_buf_add(out, "", 0); /* an empty rendering is still a valid string */
    for (size_t s = 0; s < spans.n; s++) {
        const rc_span *sp = &spans.v[s];
        size_t keep = 0;
        while (keep < depth && tag_wanted(open[keep].tag, open[keep].url, sp))
            keep++;
        while (depth > keep) {
            depth--;
            rc_buf_addf(out, "</%s>", tag_name[open[depth].tag]);
        }
        for (int tag = 0; tag < NTAGS; tag++) {
            bool is_open = false;
            for (size_t k = 0; k < depth; k++)
                is_open |= open[k].tag == tag;
            if (is_open || !tag_wanted(tag, sp->url, sp))
                continue;
            if (tag == TAG_A) {
                rc_buf_adds(out, "<a href=\"");
                add_escaped(out, sp->url, strlen(sp->url));
                rc_buf_adds(out, "\">");
            } else {
                rc_buf_addf(out, "<%s>", tag_name[tag]);
            }
            open[depth].tag = tag;
            open[depth++].url = sp->url;
        }
        add_escaped(out, sp->text, sp->len);
    }
    while (depth > 0) {
        depth--;
        rc_buf_addf(out, "</%s>", tag_name[open[depth].tag]);
    }
}
