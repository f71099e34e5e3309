/*
 * fuzz_markup: bytes -> rc_markup_parse -> rc_markup_bold_keywords ->
 * rc_spans_render_html and rc_spans_plain_text; and rc_markup_check.
 *
 * Input: the field's text, then optionally a NUL byte and the keywords,
 * separated by NUL bytes ("text\0kw1\0kw2"). The loader never passes a
 * NUL or invalid UTF-8 to the parser, but the parser promises never to
 * fail on any bytes, so the text is taken as it comes.
 *
 * Properties (markup.h): no span is empty; neighbours never share style
 * and URL; styles are known bits; source offsets never decrease (and are
 * inside the field, but for the estimates of keyword pieces); valid UTF-8 in gives valid UTF-8 out; parsing is
 * deterministic; keyword bolding changes styles only (the plain text is
 * the same), only adds bold, and keeps the other invariants. The checks
 * of stars that print as written and of math that cannot be rendered give
 * at most four warnings each (three and one that counts the rest), the
 * same ones each time, on the field's line
 * at a column inside it, in valid UTF-8 when the field is.
 */
#include "fuzz.h"

#include "markup.h"

#include <string.h>

#define MAX_KEYWORDS 16

static int valid(const char *s, size_t n)
{
    return rc_utf8_find_invalid(s, n) == (size_t)-1;
}

static int same_url(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/*
 * Offsets are exact for the parser's spans. Bolding splits a span where
 * no per-character offset is kept and estimates the pieces' offsets from
 * their byte offsets in the span (markup.c): those only stay ordered.
 */
static void check_spans(rc_spans sp, size_t srclen, int utf8, int exact)
{
    const unsigned known = RC_STYLE_BOLD | RC_STYLE_ITALIC | RC_STYLE_CODE;
    for (size_t i = 0; i < sp.n; i++) {
        const rc_span *s = &sp.v[i];
        FUZZ_CHECK(s->text && s->len > 0);
        FUZZ_CHECK((s->style & ~known) == 0);
        FUZZ_CHECK(!exact || s->src_offset < srclen);
        FUZZ_CHECK(s->url == NULL || s->url[0] != 0);
        if (i) {
            const rc_span *p = &sp.v[i - 1];
            FUZZ_CHECK(!(p->style == s->style && same_url(p->url, s->url)));
            FUZZ_CHECK(p->src_offset <= s->src_offset);
        }
        if (utf8) {
            FUZZ_CHECK(valid(s->text, s->len));
            FUZZ_CHECK(s->url == NULL || valid(s->url, strlen(s->url)));
        }
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

/* s without ' " and the marks smart quotes set, in place. */
static const char *without_quotes(char *s)
{
    static const char *const marks[] = {"\u2039", "\u203A", "\u00AB", "\u00BB", "\u00A0",
                                        "\u2019", "\u2032", "\u2033", "'", "\""};
    char *t = s;
    for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
        size_t k = strlen(marks[m]);
        char *p;
        while ((p = strstr(t, marks[m])))
            memmove(p, p + k, strlen(p + k) + 1);
    }
    return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *nul = size ? memchr(in, 0, size) : NULL;
    size_t len = nul ? (size_t)(nul - in) : size;

    /* The field in a buffer of its exact size, so that ASan sees any overread. */
    char *src = malloc(len ? len : 1);
    FUZZ_CHECK(src != NULL);
    if (len)
        memcpy(src, in, len);

    /* Keywords: NUL-terminated copies of the pieces after the first NUL. */
    char *kwbuf = NULL;
    const char *keywords[MAX_KEYWORDS];
    size_t nkeywords = 0;
    if (nul) {
        size_t rest = size - len - 1;
        kwbuf = malloc(rest + 1);
        FUZZ_CHECK(kwbuf != NULL);
        if (rest)
            memcpy(kwbuf, nul + 1, rest);
        kwbuf[rest] = 0;
        for (size_t i = 0; i <= rest && nkeywords < MAX_KEYWORDS;) {
            keywords[nkeywords++] = kwbuf + i;
            i += strlen(kwbuf + i) + 1;
        }
    }

    int utf8 = valid(src, len);
    rc_arena a;
    rc_arena_init(&a);
    rc_spans spans = rc_markup_parse(&a, src, len);
    check_spans(spans, len, utf8, 1);
    FUZZ_CHECK(len > 0 || spans.n == 0);

    rc_buf html = RC_BUF_INIT, again = RC_BUF_INIT;
    rc_spans_render_html(spans, &html);
    rc_spans_render_html(rc_markup_parse(&a, src, len), &again);
    FUZZ_CHECK(html.len == again.len && memcmp(html.ptr, again.ptr, html.len) == 0);
    if (utf8)
        FUZZ_CHECK(valid(html.ptr, html.len));
    const char *plain = rc_spans_plain_text(&a, spans);
    if (utf8)
        FUZZ_CHECK(valid(plain, strlen(plain)));

    /*
     * Smart quotes replace quote characters and nothing else: with every
     * quote, mark, apostrophe and prime taken out, both texts are the same.
     */
    static const rc_quotes q = {"\u2039\u00A0", "\u00A0\u203A", "\u00AB", "\u00BB"};
    const char *quoted = rc_spans_plain_text(&a, rc_markup_parse_quoted(&a, src, len, &q));
    /* (in valid UTF-8: a quote amid a broken sequence can complete a mark once removed) */
    if (utf8)
        FUZZ_CHECK(valid(quoted, strlen(quoted)) &&
                   strcmp(without_quotes((char *)quoted), without_quotes(rc_arena_strdup(&a, plain))) == 0);

    /* Keywords come from the loader, valid UTF-8: else a piece may split a character. */
    int kw_utf8 = 1;
    for (size_t i = 0; i < nkeywords; i++)
        kw_utf8 &= valid(keywords[i], strlen(keywords[i]));
    rc_spans bolded = rc_markup_bold_keywords(&a, spans, keywords, nkeywords);
    check_spans(bolded, len, utf8 && kw_utf8, 0);
    const char *plain2 = rc_spans_plain_text(&a, bolded);
    size_t n1 = 0, n2 = 0;
    for (size_t i = 0; i < spans.n; i++)
        n1 += spans.v[i].len;
    for (size_t i = 0; i < bolded.n; i++)
        n2 += bolded.v[i].len;
    FUZZ_CHECK(n1 == n2 && memcmp(plain, plain2, n1) == 0);
    /* Byte by byte, bolding only adds the bold bit and keeps the link. */
    const rc_span **at = malloc((n1 ? n1 : 1) * sizeof(*at));
    FUZZ_CHECK(at != NULL);
    for (size_t i = 0, k = 0; i < spans.n; i++)
        for (size_t m = 0; m < spans.v[i].len; m++)
            at[k++] = &spans.v[i];
    for (size_t j = 0, k = 0; j < bolded.n; j++)
        for (size_t m = 0; m < bolded.v[j].len; m++, k++) {
            unsigned before = at[k]->style, after = bolded.v[j].style;
            FUZZ_CHECK((after & ~(unsigned)RC_STYLE_BOLD) == (before & ~(unsigned)RC_STYLE_BOLD));
            FUZZ_CHECK((after & before) == before);
            FUZZ_CHECK(same_url(at[k]->url, bolded.v[j].url));
            FUZZ_CHECK(!(before & RC_STYLE_CODE) || after == before); /* code is literal */
        }
    free(at);
    rc_buf_reset(&html);
    rc_spans_render_html(bolded, &html);
    if (utf8 && kw_utf8)
        FUZZ_CHECK(valid(html.ptr, html.len));

    for (int round = 0; round < 2; round++) {
        static size_t first_count;
        rc_diags d;
        rc_diags_init(&d);
        rc_markup_check(src, len, (rc_pos){"f", 1, 1}, &d);
        FUZZ_CHECK(d.n <= 8 && d.nerrors == 0); /* four for stars, four for math */
        FUZZ_CHECK(round == 0 || d.n == first_count);
        first_count = d.n;
        for (size_t i = 0; i < d.n; i++) {
            FUZZ_CHECK(d.v[i].pos.line == 1 && d.v[i].pos.col >= 1 &&
                       (size_t)d.v[i].pos.col <= len + 1);
            if (utf8)
                FUZZ_CHECK(valid(d.v[i].message, strlen(d.v[i].message)));
        }
        rc_diags_release(&d);
    }

    rc_buf_release(&html);
    rc_buf_release(&again);
    rc_arena_release(&a);
    free(kwbuf);
    free(src);
    return 0;
}
