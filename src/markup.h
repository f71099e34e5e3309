/*
 * markup: inline markup in every text field, parsed into styled spans.
 *
 * Syntax: **bold**, *italic*, ***both***, [text](url), `code`, and TeX
 * habits: -- en dash, --- em dash, ~ no-break space, \x escapes x; and
 * RenderCV's inline math, $$...$$, as Unicode text (math.h).
 * Parsing never fails: an unbalanced or unclosed marker comes out as the
 * literal characters. Adjacent spans never share the same style and URL
 * (they are merged), and no span is empty.
 */
#ifndef RC_MARKUP_H
#define RC_MARKUP_H

#include "base.h"
#include "diag.h"

enum {
    RC_STYLE_BOLD = 1u << 0,
    RC_STYLE_ITALIC = 1u << 1,
    RC_STYLE_CODE = 1u << 2,
    RC_STYLE_ICON = 1u << 3  /* set by layout for connection icons, never by markup */
};

typedef struct rc_span {
    const char *text; /* UTF-8 with dashes, ~ and escapes already resolved */
    size_t len;
    unsigned style;   /* RC_STYLE_* bits */
    const char *url;  /* link target, or NULL */
    size_t src_offset; /* byte offset of the span's first character in the source */
} rc_span;

typedef struct rc_spans {
    rc_span *v;
    size_t n;
} rc_spans;

/*
 * The longest link target, in bytes, a document may hold (build.c refuses
 * longer ones): a PDF link's /URI is one string, at most 65,535 bytes in
 * libharu, and each byte beyond ASCII is written there as %XX.
 */
#define RC_MARKUP_MAX_URL 16384

/* Parse src[0..len); span texts and URLs are allocated in the arena. */
rc_spans rc_markup_parse(rc_arena *a, const char *src, size_t len);

/*
 * A language's quotation marks, UTF-8: what Typst's smart quotes (and so
 * RenderCV's PDFs) print for ' and " (rc_locale_quotes gives a locale's).
 */
typedef struct rc_quotes {
    const char *single_open, *single_close, *double_open, *double_close;
} rc_quotes;

/*
 * rc_markup_parse, with typographic quotes: a straight ' or " becomes an
 * apostrophe, an opening or closing mark of the language, or a prime
 * after a number, by Typst's rules (its SmartQuoter). An escaped one (\'),
 * and those in code and math, stay as written.
 */
rc_spans rc_markup_parse_quoted(rc_arena *a, const char *src, size_t len, const rc_quotes *q);

/*
 * Warn where stars print as written although they look like emphasis: a
 * run that CommonMark's flanking rules keep from closing because a space
 * precedes it ("**GraphQL **") or from opening because a space follows it
 * ("* foo*"), a run that pairs with a shorter one ("**a*"), a "**" that is
 * never closed. Each warning says what to write instead. The field starts
 * at pos; the parse is the same as rc_markup_parse's, which never warns.
 */
void rc_markup_check(const char *src, size_t len, rc_pos pos, rc_diags *d);

/*
 * Set RC_STYLE_BOLD on every whole-word occurrence of one of the keywords
 * (settings.bold_keywords), splitting spans where needed.
 */
rc_spans rc_markup_bold_keywords(rc_arena *a, rc_spans spans, const char *const *keywords,
                                 size_t nkeywords);

/* The spans' plain text, concatenated (what a text extractor must see). */
char *rc_spans_plain_text(rc_arena *a, rc_spans spans);

/*
 * A stable HTML-like rendering for the spec tests:
 * <b>..</b>, <i>..</i>, <code>..</code>, <a href="..">..</a>, and
 * U+00A0 / U+2013 / U+2014 written as-is (UTF-8).
 */
void rc_spans_render_html(rc_spans spans, rc_buf *out);

#endif
