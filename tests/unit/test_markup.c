/*
 * test_markup: the inline markup parser.
 *
 * Part one runs every example of tests/spec/markup.txt (cmark's literate
 * format: input, a "." line, the expected rc_spans_render_html output; "→"
 * stands for a tab; then, after a second "." line, the warnings that
 * rc_markup_check gives for the field, which is "field", line 1, column 1;
 * an example without them must give none). The directory comes from RESCOMP_TEST_DATA, else from
 * argv[1]. Part two checks the API directly: span fields, merging, source
 * offsets, keyword bolding, plain text, and pathological inputs whose
 * output must still be right (their speed is watched by hand, not here).
 */
#include "harness.h"
#include "markup.h"

#include <stdlib.h>

/* ---- spec examples -------------------------------------------------- */

#define FENCE "````````````````````````````````"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    rc_buf b = RC_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc_buf_add(&b, chunk, n);
    fclose(f);
    *len = b.len;
    if (!b.ptr)
        rc_buf_add(&b, "", 0);
    return b.ptr;
}

/*
 * Append one spec line (a newline before all but the first), turning the
 * visible tab "→" into a real one.
 */
static void add_spec_line(rc_buf *b, int *nlines, const char *s, size_t n)
{
    if ((*nlines)++ > 0)
        rc_buf_addc(b, '\n');
    for (size_t i = 0; i < n; i++) {
        if (i + 3 <= n && memcmp(s + i, "\xE2\x86\x92", 3) == 0) {
            rc_buf_addc(b, '\t');
            i += 2;
        } else {
            rc_buf_addc(b, s[i]);
        }
    }
}

static int run_spec(const char *path)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "test_markup: cannot read %s\n", path);
        return -1;
    }
    int examples = 0, failed = 0;
    enum { OUTSIDE, INPUT, OUTPUT, WARNINGS } state = OUTSIDE;
    rc_buf in = RC_BUF_INIT, want = RC_BUF_INIT, want_warn = RC_BUF_INIT;
    int start_line = 0, line_no = 0, in_lines = 0, want_lines = 0, warn_lines = 0;
    for (size_t pos = 0; pos < len;) {
        size_t eol = pos;
        while (eol < len && text[eol] != '\n')
            eol++;
        const char *line = text + pos;
        size_t n = eol - pos;
        line_no++;
        pos = eol + 1;
        if (state == OUTSIDE) {
            if (n == strlen(FENCE " example") && memcmp(line, FENCE " example", n) == 0) {
                state = INPUT;
                start_line = line_no;
                rc_buf_reset(&in);
                rc_buf_reset(&want);
                rc_buf_reset(&want_warn);
                in_lines = want_lines = warn_lines = 0;
            }
        } else if (state == INPUT) {
            if (n == 1 && line[0] == '.')
                state = OUTPUT;
            else
                add_spec_line(&in, &in_lines, line, n);
        } else if (state == OUTPUT && n == 1 && line[0] == '.') {
            state = WARNINGS;
        } else if (n == strlen(FENCE) && memcmp(line, FENCE, n) == 0) {
            state = OUTSIDE;
            examples++;
            rc_arena a;
            rc_arena_init(&a);
            rc_spans spans = rc_markup_parse(&a, rc_buf_str(&in), in.len);
            rc_buf got = RC_BUF_INIT;
            rc_spans_render_html(spans, &got);
            rc_test_checks++;
            if (strcmp(rc_buf_str(&got), rc_buf_str(&want)) != 0) {
                rc_test_failures++;
                failed++;
                fprintf(stderr,
                        "%s:%d: example %d failed\n  input:    \"%s\"\n  expected: \"%s\"\n"
                        "  got:      \"%s\"\n",
                        path, start_line, examples, rc_buf_str(&in), rc_buf_str(&want),
                        rc_buf_str(&got));
            }
            /* Whatever the markup, the plain text is the rendering minus
             * tags, which the HTML examples then cover as well. */
            char *plain = rc_spans_plain_text(&a, spans);
            size_t plain_len = 0;
            for (size_t i = 0; i < spans.n; i++) {
                CHECK(spans.v[i].len > 0);
                CHECK(spans.v[i].src_offset < in.len);
                plain_len += spans.v[i].len;
                if (i > 0)
                    CHECK(spans.v[i].style != spans.v[i - 1].style ||
                          !(spans.v[i].url == spans.v[i - 1].url ||
                            (spans.v[i].url && spans.v[i - 1].url &&
                             strcmp(spans.v[i].url, spans.v[i - 1].url) == 0)));
            }
            CHECK_INT(strlen(plain), plain_len);
            /* The warnings for the field, one a line. */
            rc_diags d;
            rc_diags_init(&d);
            rc_markup_check(rc_buf_str(&in), in.len, (rc_pos){"field", 1, 1}, &d);
            rc_buf_reset(&got);
            for (size_t k = 0; k < d.n; k++) {
                if (k)
                    rc_buf_addc(&got, '\n');
                rc_diag_format(&d.v[k], &got);
            }
            rc_diags_release(&d);
            rc_test_checks++;
            if (strcmp(rc_buf_str(&got), rc_buf_str(&want_warn)) != 0) {
                rc_test_failures++;
                failed++;
                fprintf(stderr,
                        "%s:%d: example %d warned otherwise\n  input:    \"%s\"\n"
                        "  expected: \"%s\"\n  got:      \"%s\"\n",
                        path, start_line, examples, rc_buf_str(&in), rc_buf_str(&want_warn),
                        rc_buf_str(&got));
            }
            rc_buf_release(&got);
            rc_arena_release(&a);
        } else if (state == WARNINGS) {
            add_spec_line(&want_warn, &warn_lines, line, n);
        } else {
            add_spec_line(&want, &want_lines, line, n);
        }
    }
    rc_buf_release(&in);
    rc_buf_release(&want);
    rc_buf_release(&want_warn);
    free(text);
    if (state != OUTSIDE) {
        fprintf(stderr, "%s:%d: example not closed\n", path, start_line);
        rc_test_failures++;
    }
    fprintf(stderr, "test_markup: %d spec examples, %d failed\n", examples, failed);
    return examples;
}

/* ---- helpers for the direct checks ----------------------------------- */

static rc_arena arena;

static rc_spans parse(const char *s)
{
    return rc_markup_parse(&arena, s, strlen(s));
}

static const char *html(rc_spans spans)
{
    rc_buf b = RC_BUF_INIT;
    rc_spans_render_html(spans, &b);
    char *s = rc_arena_strdup(&arena, rc_buf_str(&b));
    rc_buf_release(&b);
    return s;
}

static const char *span_text(rc_spans spans, size_t i)
{
    return i < spans.n ? rc_arena_strndup(&arena, spans.v[i].text, spans.v[i].len) : "(none)";
}

static void check_literal(const char *s)
{
    rc_spans sp = parse(s);
    CHECK_STR(rc_spans_plain_text(&arena, sp), s);
    CHECK(sp.n <= 1);
    if (sp.n == 1) {
        CHECK_INT(sp.v[0].style, 0);
        CHECK(sp.v[0].url == NULL);
        CHECK_INT(sp.v[0].src_offset, 0);
    }
}

static char *repeat(const char *unit, size_t times)
{
    size_t n = strlen(unit);
    char *s = rc_arena_alloc(&arena, n * times + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * n, unit, n);
    return s;
}

static char *concat3(const char *a, const char *b, const char *c)
{
    return rc_arena_printf(&arena, "%s%s%s", a, b, c);
}

/* ---- direct API checks ---------------------------------------------- */

static void test_spans(void)
{
    rc_spans sp = parse("**bold** and *it*");
    CHECK_INT(sp.n, 3);
    CHECK_STR(span_text(sp, 0), "bold");
    CHECK_INT(sp.v[0].style, RC_STYLE_BOLD);
    CHECK_INT(sp.v[0].src_offset, 2);
    CHECK_STR(span_text(sp, 1), " and ");
    CHECK_INT(sp.v[1].style, 0);
    CHECK_INT(sp.v[1].src_offset, 8);
    CHECK_STR(span_text(sp, 2), "it");
    CHECK_INT(sp.v[2].style, RC_STYLE_ITALIC);
    CHECK_INT(sp.v[2].src_offset, 14);
    CHECK(sp.v[2].url == NULL);
    /* Texts are NUL-terminated copies, not pointers into the source. */
    CHECK_INT(sp.v[0].text[sp.v[0].len], 0);

    sp = parse("***both***");
    CHECK_INT(sp.n, 1);
    CHECK_INT(sp.v[0].style, RC_STYLE_BOLD | RC_STYLE_ITALIC);
    CHECK_INT(sp.v[0].src_offset, 3);

    sp = parse("x `a*b*` y");
    CHECK_INT(sp.n, 3);
    CHECK_STR(span_text(sp, 1), "a*b*");
    CHECK_INT(sp.v[1].style, RC_STYLE_CODE);
    CHECK_INT(sp.v[1].src_offset, 3);
    CHECK_INT(sp.v[2].src_offset, 8);

    sp = parse("see [my **site**](https://x.org/a_(b)) now");
    CHECK_INT(sp.n, 4);
    CHECK_STR(span_text(sp, 1), "my ");
    CHECK_STR(sp.v[1].url, "https://x.org/a_(b)");
    CHECK_INT(sp.v[1].style, 0);
    CHECK_INT(sp.v[1].src_offset, 5);
    CHECK_STR(span_text(sp, 2), "site");
    CHECK_STR(sp.v[2].url, "https://x.org/a_(b)");
    CHECK_INT(sp.v[2].style, RC_STYLE_BOLD);
    CHECK_INT(sp.v[2].src_offset, 10);
    CHECK_STR(span_text(sp, 3), " now");
    CHECK(sp.v[3].url == NULL);

    /* Escapes in URLs; ~ and -- in URLs stay as written. */
    sp = parse("[a](http://x.org/~me/a--b\\)c)");
    CHECK_INT(sp.n, 1);
    CHECK_STR(sp.v[0].url, "http://x.org/~me/a--b)c");

    /* An escaped character's offset is its backslash's. */
    sp = parse("\\*x");
    CHECK_INT(sp.n, 1);
    CHECK_STR(span_text(sp, 0), "*x");
    CHECK_INT(sp.v[0].src_offset, 0);
    sp = parse("*a*\\*");
    CHECK_INT(sp.n, 2);
    CHECK_STR(span_text(sp, 1), "*");
    CHECK_INT(sp.v[1].src_offset, 3);

    /* Replacements keep the offset of what they replace. */
    sp = parse("*x*--y");
    CHECK_INT(sp.n, 2);
    CHECK_STR(span_text(sp, 1), "\xE2\x80\x93y");
    CHECK_INT(sp.v[1].src_offset, 3);
    sp = parse("*x*~y");
    CHECK_STR(span_text(sp, 1), "\xC2\xA0y");
    CHECK_INT(sp.v[1].src_offset, 3);

    /* Partly used delimiter runs: the literal rest keeps its own offset. */
    sp = parse("**a*");
    CHECK_INT(sp.n, 2);
    CHECK_STR(span_text(sp, 0), "*");
    CHECK_INT(sp.v[0].src_offset, 0);
    CHECK_STR(span_text(sp, 1), "a");
    CHECK_INT(sp.v[1].src_offset, 2);
    sp = parse("*a**");
    CHECK_INT(sp.n, 2);
    CHECK_STR(span_text(sp, 1), "*");
    CHECK_INT(sp.v[1].src_offset, 3);

    /* Empty and NULL input: no spans. */
    sp = rc_markup_parse(&arena, "", 0);
    CHECK_INT(sp.n, 0);
    CHECK_STR(rc_spans_plain_text(&arena, sp), "");
    CHECK_STR(html(sp), "");
    sp = rc_markup_parse(&arena, NULL, 0);
    CHECK_INT(sp.n, 0);
    /* Only the given length is read. */
    sp = rc_markup_parse(&arena, "**a** tail", 5);
    CHECK_INT(sp.n, 1);
    CHECK_STR(span_text(sp, 0), "a");
}

static void test_merging(void)
{
    /* Escapes, dashes and ~ split the scan but not the span. */
    rc_spans sp = parse("a\\*b--c~d");
    CHECK_INT(sp.n, 1);
    CHECK_STR(span_text(sp, 0), "a*b\xE2\x80\x93" "c\xC2\xA0" "d");
    CHECK_INT(sp.v[0].src_offset, 0);

    /* Two links to the same URL side by side are one span. */
    sp = parse("[a](u)[b](u)");
    CHECK_INT(sp.n, 1);
    CHECK_STR(span_text(sp, 0), "ab");
    CHECK_STR(sp.v[0].url, "u");
    sp = parse("[a](u)[b](v)");
    CHECK_INT(sp.n, 2);

    /* Same style on both sides of a code span does not merge across it. */
    sp = parse("**a `c` b**");
    CHECK_INT(sp.n, 3);
    CHECK_INT(sp.v[1].style, RC_STYLE_BOLD | RC_STYLE_CODE);

    /* Bold next to bold with nothing between becomes one span. */
    sp = parse("**a\\*b**");
    CHECK_INT(sp.n, 1);
    CHECK_STR(span_text(sp, 0), "a*b");
    CHECK_INT(sp.v[0].style, RC_STYLE_BOLD);

    /* A link that styles nothing leaves no empty span. */
    sp = parse("x[**](u)");
    CHECK_INT(sp.n, 2);
    CHECK_STR(span_text(sp, 1), "**");
    CHECK_STR(sp.v[1].url, "u");
}

static rc_spans bold(const char *src, const char *const *kw, size_t n)
{
    return rc_markup_bold_keywords(&arena, parse(src), kw, n);
}

static void test_bold_keywords(void)
{
    const char *const kw1[] = {"Python"};
    CHECK_STR(html(bold("Python and Pythonic, not CPython; Python.", kw1, 1)),
              "<b>Python</b> and Pythonic, not CPython; <b>Python</b>.");
    CHECK_STR(html(bold("Python3 and 3Python", kw1, 1)), "Python3 and 3Python");
    /* UTF-8 letters are letters; a no-break space or a dash is not. */
    CHECK_STR(html(bold("\xC3\xA9Python Python\xCE\xB1", kw1, 1)),
              "\xC3\xA9Python Python\xCE\xB1");
    CHECK_STR(html(bold("Python~3 and Python--Django", kw1, 1)),
              "<b>Python</b>\xC2\xA0" "3 and <b>Python</b>\xE2\x80\x93" "Django");

    /* Inside links the URL is kept. */
    rc_spans sp = bold("use [Python](https://python.org) daily", kw1, 1);
    CHECK_INT(sp.n, 3);
    CHECK_STR(span_text(sp, 1), "Python");
    CHECK_INT(sp.v[1].style, RC_STYLE_BOLD);
    CHECK_STR(sp.v[1].url, "https://python.org");

    /* Across style boundaries, and longest keyword first. */
    const char *const kw2[] = {"machine", "machine learning"};
    sp = bold("*machine* learning and machine vision", kw2, 2);
    CHECK_STR(html(sp), "<b><i>machine</i> learning</b> and <b>machine</b> vision");
    CHECK_INT(sp.n, 5);
    CHECK_INT(sp.v[0].style, RC_STYLE_BOLD | RC_STYLE_ITALIC);
    CHECK_INT(sp.v[0].src_offset, 1);
    CHECK_STR(span_text(sp, 1), " learning");
    CHECK_INT(sp.v[1].style, RC_STYLE_BOLD);
    CHECK_INT(sp.v[1].src_offset, 9);
    CHECK_STR(span_text(sp, 3), "machine");
    CHECK_INT(sp.v[3].src_offset, 23);

    const char *const kw3[] = {"C", "C++"};
    CHECK_STR(html(bold("C++, C and C#; not C1 or Cython", kw3, 2)),
              "<b>C++</b>, <b>C</b> and <b>C</b>#; not C1 or Cython");

    /* Already bold stays bold; split pieces merge with bold neighbours. */
    CHECK_STR(html(bold("**Python** Python", kw1, 1)), "<b>Python</b> <b>Python</b>");
    const char *const kw6[] = {"deep learning"};
    sp = bold("**deep** learning", kw6, 1);
    CHECK_INT(sp.n, 1);
    CHECK_STR(span_text(sp, 0), "deep learning");
    CHECK_INT(sp.v[0].style, RC_STYLE_BOLD);
    CHECK_INT(sp.v[0].src_offset, 2);

    /* Code is literal: never bolded. */
    CHECK_STR(html(bold("`Python` Python", kw1, 1)), "<code>Python</code> <b>Python</b>");

    /* No keywords, empty or NULL ones: unchanged. */
    const char *const kw4[] = {"", NULL, "zzz"};
    sp = bold("plain *text*", kw4, 3);
    CHECK_STR(html(sp), "plain <i>text</i>");
    sp = rc_markup_bold_keywords(&arena, parse("x"), NULL, 0);
    CHECK_INT(sp.n, 1);
    sp = rc_markup_bold_keywords(&arena, parse(""), kw1, 1);
    CHECK_INT(sp.n, 0);

    /* Overlapping candidates: the leftmost match wins, then the longest. */
    const char *const kw5[] = {"deep learning", "learning systems"};
    CHECK_STR(html(bold("deep learning systems", kw5, 2)),
              "<b>deep learning</b> systems");
}

static void test_plain_text(void)
{
    CHECK_STR(rc_spans_plain_text(&arena, parse("**a** [b](u) `c*` 2019--2021~x---y")),
              "a b c* 2019\xE2\x80\x93" "2021\xC2\xA0x\xE2\x80\x94y");
    CHECK_STR(rc_spans_plain_text(&arena, parse("snake_case and file_name.txt")),
              "snake_case and file_name.txt");
    /* Whitespace is not collapsed here. */
    CHECK_STR(rc_spans_plain_text(&arena, parse("a  b\t\tc\n\nd")), "a  b\t\tc\n\nd");
    CHECK_STR(rc_spans_plain_text(&arena, parse("\\a \\\\ \\` \\")), "\\a \\ ` \\");
}

static void test_html_escaping(void)
{
    CHECK_STR(html(parse("a < b & c > \"d\"")), "a &lt; b &amp; c &gt; &quot;d&quot;");
    CHECK_STR(html(parse("[x](http://a.org/?q=\"1\"&r=<2>)")),
              "<a href=\"http://a.org/?q=&quot;1&quot;&amp;r=&lt;2&gt;\">x</a>");
}

/* The plain text of src with English or German quotation marks. */
static const char *quoted(const char *src, int german)
{
    static const rc_quotes en = {"\u2018", "\u2019", "\u201C", "\u201D"};
    static const rc_quotes de = {"\u201A", "\u2018", "\u201E", "\u201C"};
    return rc_spans_plain_text(&arena,
                               rc_markup_parse_quoted(&arena, src, strlen(src), german ? &de : &en));
}

static void test_smart_quotes(void)
{
    /* Without quotation marks, quotes stay as written. */
    CHECK_STR(rc_spans_plain_text(&arena, parse("it's \"x\"")), "it's \"x\"");
    /* Apostrophes, quotations of both kinds, nested; RenderCV's example. */
    CHECK_STR(quoted("A Practitioner's Perspective", 0), "A Practitioner\u2019s Perspective");
    CHECK_STR(quoted("I'm 'here' and \"there\"", 0),
              "I\u2019m \u2018here\u2019 and \u201Cthere\u201D");
    CHECK_STR(quoted("\"say 'hi' now\"", 0), "\u201Csay \u2018hi\u2019 now\u201D");
    CHECK_STR(quoted("\"say 'hi' now\"", 1), "\u201Esay \u201Ahi\u2018 now\u201C");
    /* After an opening bracket or a space a quote opens; emphasis is not text. */
    CHECK_STR(quoted("('a') **'b'**", 0), "(\u2018a\u2019) \u2018b\u2019");
    CHECK_STR(quoted("*don't*", 0), "don\u2019t");
    /* Primes after numbers; an apostrophe between a number and a letter. */
    CHECK_STR(quoted("5'11\" in the 1990's", 0), "5\u203211\u2033 in the 1990\u2019s");
    /* Inside a single quotation a quote between letters is still an apostrophe. */
    CHECK_STR(quoted("'O'Brien's'", 0), "\u2018O\u2019Brien\u2019s\u2019");
    /* Escaped quotes, code and math keep theirs; link targets are not text. */
    CHECK_STR(quoted("\\'a\\' `b's` $$f'$$", 0), "'a' b's f\u2032");
    CHECK_STR(html(rc_markup_parse_quoted(&arena, "[it's](https://x.org/'q')", 25,
                                          &(rc_quotes){"<", ">", "<<", ">>"})),
              "<a href=\"https://x.org/'q'\">it\u2019s</a>");
    /* An unclosed quotation is harmless, and so is a very deep one. */
    CHECK_STR(quoted("'a", 0), "\u2018a");
    const char *deep = repeat("(\"", 40);
    CHECK(strlen(quoted(deep, 0)) == 40 * 4);
}

static void test_pathological(void)
{
    const size_t N = 50000;
    /* Inputs that must come out as themselves, all literal. */
    const char *literal[] = {
        repeat("*", N),
        repeat("[", N),
        repeat("]", N),
        repeat("`", N),
        repeat("_", N),
        repeat("a * ", N / 4),
        repeat("[a](", N / 4),
        concat3("[a](", repeat("(", N), ""),
        concat3(repeat("[", N / 2), "a", repeat("]", N / 2)),
        repeat("[]()", N / 4),
        repeat("a** ", N / 4),
        repeat(" ** a", N / 5),
    };
    for (size_t i = 0; i < RC_ARRAY_LEN(literal); i++)
        check_literal(literal[i]);

    /* Deeply nested strong emphasis: everything bold, one span. */
    size_t depth = N / 10;
    char *nested = concat3(repeat("**a ", depth), "b", repeat(" a**", depth));
    rc_spans sp = parse(nested);
    CHECK_INT(sp.n, 1);
    if (sp.n == 1) {
        CHECK_INT(sp.v[0].style, RC_STYLE_BOLD);
        CHECK_INT(sp.v[0].len, strlen(nested) - 4 * depth);
    }
    /* Italic and bold alternating: styles are bits, so everything inside
     * the outermost italic is bold and italic. */
    nested = concat3(repeat("**a *b ", depth / 2), "c", repeat(" b* a**", depth / 2));
    sp = parse(nested);
    CHECK_INT(sp.n, 3);
    if (sp.n == 3) {
        CHECK_STR(span_text(sp, 0), "a ");
        CHECK_INT(sp.v[0].style, RC_STYLE_BOLD);
        CHECK_INT(sp.v[1].style, RC_STYLE_BOLD | RC_STYLE_ITALIC);
        CHECK_INT(sp.v[1].len, strlen(nested) - 6 * (depth / 2) - 4);
        CHECK_STR(span_text(sp, 2), " a");
        CHECK_INT(sp.v[2].src_offset, strlen(nested) - 4);
    }

    /* Openers that never close, then one closer: one match at the end. */
    sp = parse(concat3(repeat("*a ", N / 3), "b*", ""));
    CHECK_INT(sp.n, 2);
    CHECK_INT(sp.v[1].style, RC_STYLE_ITALIC);
    CHECK_STR(span_text(sp, 1), "a b");

    /* Closers that never open, with both-flanking runs mixed in. */
    char *s = concat3(repeat("a* ", N / 3), repeat("a*a ", N / 4), "");
    sp = parse(s);
    CHECK_INT(strlen(rc_spans_plain_text(&arena, sp)) > 0, 1);

    /* Many one-character code spans; then backtick runs of every length
     * up to 300 that never close. */
    sp = parse(repeat("`x` ", N / 4));
    CHECK_INT(sp.n, N / 2);
    rc_buf b = RC_BUF_INIT;
    for (size_t k = 1; k <= 300; k++) {
        for (size_t t = 0; t < k; t++)
            rc_buf_addc(&b, '`');
        rc_buf_addc(&b, 'x');
    }
    check_literal(rc_buf_str(&b));
    rc_buf_release(&b);

    /* Links nested in brackets: only the innermost is a link. */
    sp = parse(concat3(repeat("[", N / 4), "a", repeat("](u)", N / 4)));
    CHECK(sp.n == 3);
    if (sp.n == 3) {
        CHECK_STR(span_text(sp, 1), "a");
        CHECK_STR(sp.v[1].url, "u");
        CHECK_INT(sp.v[0].len, N / 4 - 1);
        CHECK_INT(sp.v[2].len, 4 * (N / 4) - 4);
    }
    /* Many links in a row. */
    sp = parse(repeat("[a](u) ", N / 7));
    CHECK_INT(sp.n, 2 * (N / 7));

    /* Long runs of replacements. */
    sp = parse(repeat("-", 3 * N));
    CHECK_INT(sp.n, 1);
    CHECK_INT(sp.v[0].len, 3 * N);
    sp = parse(repeat("~", N));
    CHECK_INT(sp.v[0].len, 2 * N);
    CHECK_STR(rc_spans_plain_text(&arena, parse(repeat("\\", N))), repeat("\\", N / 2));
    CHECK_STR(rc_spans_plain_text(&arena, parse(repeat("\\*", N))), repeat("*", N));

    /* Invalid UTF-8 passes through untouched and does not upset flanking. */
    CHECK_STR(html(parse("\xFF*\xFF \x80* \xE2\x80")), "\xFF<i>\xFF \x80</i> \xE2\x80");
    sp = parse("\xC3*a*");
    CHECK_STR(html(sp), "\xC3<i>a</i>");
}

int main(int argc, char **argv)
{
    const char *dir = getenv("RESCOMP_TEST_DATA");
    char *path = NULL;
    if (dir && *dir) {
        size_t n = strlen(dir) + sizeof "/spec/markup.txt";
        path = malloc(n);
        snprintf(path, n, "%s/spec/markup.txt", dir);
    } else if (argc > 1) {
        path = malloc(strlen(argv[1]) + 1);
        strcpy(path, argv[1]);
    }
    if (!path) {
        fprintf(stderr, "test_markup: set RESCOMP_TEST_DATA (the tests directory) or pass "
                        "the path of spec/markup.txt\n");
        rc_test_failures++;
    } else {
        int examples = run_spec(path);
        CHECK(examples >= 60);
        free(path);
    }

    rc_arena_init(&arena);
    test_spans();
    test_merging();
    test_bold_keywords();
    test_plain_text();
    test_html_escaping();
    test_smart_quotes();
    test_pathological();
    rc_arena_release(&arena);
    return rc_test_report("test_markup");
}
