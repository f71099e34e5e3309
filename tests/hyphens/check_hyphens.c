/*
 * check_hyphens: does an extractor read each word broken across lines
 * exactly once?
 *
 *   check_hyphens TRACE EXTRACTED
 *
 * TRACE is `rescomp --trace` of the very document the PDF was made from.
 * A broken word is a run whose span (its /ActualText) is the whole word,
 * followed by runs with an empty span that are not icons: the pieces that
 * continue it on the next lines. The document's text is the trace's runs
 * with each span read as its text (the whole word at its first piece,
 * nothing for the pieces that continue it), a space between runs that
 * do not touch.
 *
 * The rule: an extractor may read a broken word whole ("resulting"), or
 * as its pieces as drawn with a line break between them ("re-" newline
 * "sulting"), which counts as the whole word. Then both texts are cut
 * into words the same way (case folded; hyphens, ASCII and U+2010/2011
 * and soft, are dropped, so "multi-" + "step" and "multi-step" are the
 * same word; any other punctuation or space separates words), and each
 * word of a broken word and of each of its pieces must be read as often
 * as the document has it: no fewer (a word lost or cut in two), no more
 * (a piece read again, as PDFium read "resulting sulting"). Exit 0 when
 * so; otherwise each wrong count is printed and the exit code is 1. A
 * trace without broken words is an error too: the test would prove
 * nothing.
 */
#include "base.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct strs {
    char **v;
    size_t n, cap;
} strs;

static char *xstrndup(const char *s, size_t n)
{
    char *c = malloc(n + 1);
    if (!c)
        abort();
    memcpy(c, s, n);
    c[n] = 0;
    return c;
}

static void push(strs *t, char *s)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->v = realloc(t->v, t->cap * sizeof(char *));
        if (!t->v)
            abort();
    }
    t->v[t->n++] = s;
}

static void free_strs(strs *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i]);
    free(t->v);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    rc_buf b = RC_BUF_INIT;
    if (!f || rc_buf_add_stream(&b, f, SIZE_MAX) != 0) {
        perror(path);
        exit(2);
    }
    fclose(f);
    rc_buf_add(&b, "", 0); /* a buffer, also for an empty file */
    return b.ptr;
}

/* ---- the trace --------------------------------------------------------- */

typedef struct run {
    double x, y, w;
    int icon;
    char *text;  /* as drawn */
    char *span;  /* NULL: no span attribute */
    int span_end;
} run;

/* The quoted string at *p ("..." with \" and \\), unquoted; *p moves past it. */
static char *unquote(const char **p)
{
    const char *s = *p;
    if (*s != '"')
        return NULL;
    rc_buf b = RC_BUF_INIT;
    rc_buf_add(&b, "", 0);
    for (s++; *s && *s != '"'; s++) {
        if (*s == '\\' && s[1])
            s++;
        rc_buf_add(&b, s, 1);
    }
    *p = *s ? s + 1 : s;
    return b.ptr;
}

/* "text X Y w=W FACE SIZE #COLOR "TEXT" [span="S"] [span-end] ..." */
static int parse_run(const char *line, run *r)
{
    char face[64];
    int used = 0;
    memset(r, 0, sizeof(*r));
    if (sscanf(line, "text %lf %lf w=%lf %63s %*s %*s %n", &r->x, &r->y, &r->w, face, &used) < 4 ||
        !used)
        return -1;
    r->icon = strcmp(face, "icons") == 0;
    const char *p = line + used;
    r->text = unquote(&p);
    if (!r->text)
        return -1;
    if (strncmp(p, " span=", 6) == 0) {
        p += 6;
        r->span = unquote(&p);
    }
    r->span_end = strncmp(p, " span-end", 9) == 0;
    return 0;
}

/* A broken word: its text and its pieces as drawn, run by run. */
typedef struct broken {
    char *word;
    strs runs;      /* the texts of its runs */
    strs pieces;    /* the text of each piece */
    char starts[64]; /* starts[i]: runs.v[i] begins a piece (a word has fewer runs) */
} broken;

/* ---- words ------------------------------------------------------------- */

/* Whether s starts a character that is dropped from words (a hyphen); its length in *len. */
static int dropped(const unsigned char *s, size_t *len)
{
    *len = 1;
    if (*s == '-')
        return 1;
    if (s[0] == 0xC2 && s[1] == 0xAD) /* soft hyphen */
        return *len = 2, 1;
    if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x90 || s[2] == 0x91)) /* U+2010, U+2011 */
        return *len = 3, 1;
    return 0;
}

/* Whether s starts a character that belongs to a word; its length in *len. */
static int word_char(const unsigned char *s, size_t *len)
{
    *len = 1;
    if (*s < 0x80)
        return isalnum(*s);
    size_t n = (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3 : (*s & 0xF8) == 0xF0 ? 4 : 1;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    *len = n;
    /* U+2000-U+206F (general punctuation: dashes, quotes, bullets) and U+00A0-U+00BF separate */
    if (s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81))
        return 0;
    if (s[0] == 0xC2)
        return 0;
    return n > 1;
}

/* Cut s into words (appended to out): lower case, hyphens dropped. */
static void words(const char *s, strs *out)
{
    const unsigned char *p = (const unsigned char *)s;
    rc_buf w = RC_BUF_INIT;
    while (*p) {
        size_t len;
        if (dropped(p, &len)) {
            p += len;
        } else if (word_char(p, &len)) {
            for (size_t i = 0; i < len; i++) {
                char c = (char)(len == 1 ? tolower(p[i]) : p[i]);
                rc_buf_add(&w, &c, 1);
            }
            p += len;
        } else {
            if (w.len)
                push(out, xstrndup(w.ptr, w.len));
            w.len = 0;
            p += len;
        }
    }
    if (w.len)
        push(out, xstrndup(w.ptr, w.len));
    free(w.ptr);
}

static size_t count(const strs *t, const char *word)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++)
        n += strcmp(t->v[i], word) == 0;
    return n;
}

/*
 * In text, each broken word read as its pieces, a line break (with any
 * other white space) between them, becomes the word. Where two runs of a
 * piece meet, spaces are allowed (pypdf puts one where the face changes:
 * "versity ,"). The first piece must start a word of the text.
 */
static char *join_pieces(const char *text, const broken *b)
{
    rc_buf out = RC_BUF_INIT;
    rc_buf_add(&out, "", 0);
    const char *p = text;
    const char *first = b->runs.v[0];
    size_t first_len = strlen(first);
    while (*p) {
        const char *at = strstr(p, first);
        if (!at)
            break;
        const char *q = at + first_len;
        int ok = at == text || !isalnum((unsigned char)at[-1]);
        for (size_t i = 1; ok && i < b->runs.n; i++) {
            int line_break = 0;
            while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n' || *q == '\f') {
                line_break |= *q == '\n' || *q == '\f' || *q == '\r';
                q++;
            }
            size_t len = strlen(b->runs.v[i]);
            ok = (i < sizeof(b->starts) && b->starts[i] ? line_break : !line_break) &&
                 strncmp(q, b->runs.v[i], len) == 0;
            q += len;
        }
        if (ok) {
            rc_buf_add(&out, p, (size_t)(at - p));
            rc_buf_add(&out, b->word, strlen(b->word));
            p = q;
        } else {
            rc_buf_add(&out, p, (size_t)(at - p) + 1);
            p = at + 1;
        }
    }
    rc_buf_add(&out, p, strlen(p));
    return out.ptr;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: check_hyphens TRACE EXTRACTED\n");
        return 2;
    }
    char *trace = read_file(argv[1]);
    char *ext = read_file(argv[2]);

    /* The runs, in the order drawn. */
    run *runs = NULL;
    size_t nruns = 0, cap = 0;
    for (char *save = NULL, *l = strtok_r(trace, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (strncmp(l, "text ", 5) != 0)
            continue;
        if (nruns == cap && !(runs = realloc(runs, (cap = cap ? 2 * cap : 256) * sizeof(*runs))))
            abort();
        if (parse_run(l, &runs[nruns]) == 0)
            nruns++;
        else
            fprintf(stderr, "%s: cannot read '%s'\n", argv[1], l);
    }

    /* The document's text, and its broken words. */
    rc_buf doc = RC_BUF_INIT;
    rc_buf_add(&doc, "", 0);
    broken *bw = NULL;
    size_t nbw = 0;
    const run *prev = NULL;
    int in_span = 0;      /* inside a span, after its first run */
    broken *open = NULL;  /* the broken word whose pieces are being read */
    rc_buf piece = RC_BUF_INIT;
    for (size_t i = 0; i < nruns; i++) {
        const run *r = &runs[i];
        int continues = r->span && !*r->span && !r->icon;
        if (r->span && *r->span) {
            /* a span of its own: a broken word when the next span continues it */
            open = NULL;
            size_t j = i;
            while (j < nruns && !runs[j].span_end)
                j++;
            if (j + 1 < nruns && runs[j + 1].span && !*runs[j + 1].span && !runs[j + 1].icon) {
                if (!(bw = realloc(bw, (nbw + 1) * sizeof(*bw))))
                    abort();
                open = &bw[nbw++];
                memset(open, 0, sizeof(*open));
                open->word = r->span;
            }
        } else if (!continues && !in_span) {
            open = NULL;
        }
        if (open) {
            if (r->span) /* a new piece */
                piece.len = 0;
            if (open->runs.n < sizeof(open->starts))
                open->starts[open->runs.n] = r->span != NULL;
            push(&open->runs, xstrndup(r->text, strlen(r->text)));
            rc_buf_add(&piece, r->text, strlen(r->text));
            if (r->span_end)
                push(&open->pieces, xstrndup(piece.ptr, piece.len));
        }
        /* the document's text */
        const char *t = r->span ? r->span : in_span ? "" : r->text;
        if (prev && *t) {
            if (prev->y != r->y)
                rc_buf_add(&doc, "\n", 1);
            else if (r->x - (prev->x + prev->w) > 0.01 || r->x - (prev->x + prev->w) < -0.01)
                rc_buf_add(&doc, " ", 1);
        }
        rc_buf_add(&doc, t, strlen(t));
        prev = r;
        if (r->span)
            in_span = 1;
        if (r->span_end)
            in_span = 0;
    }

    strs want = {0}, got = {0};
    words(doc.ptr, &want);
    char *text = ext;
    for (size_t k = 0; k < nbw; k++) {
        char *joined = join_pieces(text, &bw[k]);
        if (text != ext)
            free(text);
        text = joined;
    }
    words(text, &got);

    size_t failures = 0;
    for (size_t k = 0; k < nbw; k++) {
        strs check = {0};
        words(bw[k].word, &check);
        for (size_t i = 0; i < bw[k].pieces.n; i++)
            words(bw[k].pieces.v[i], &check);
        for (size_t i = 0; i < check.n; i++) {
            size_t w = count(&want, check.v[i]), g = count(&got, check.v[i]);
            if (w != g) {
                fprintf(stderr, "'%s' (of the broken word '%s'): read %zu times, the document has it %zu times\n",
                        check.v[i], bw[k].word, g, w);
                failures++;
            }
        }
        free_strs(&check);
    }
    printf("check_hyphens: %zu broken words; %zu wrong counts\n", nbw, failures);
    if (nbw == 0)
        fprintf(stderr, "%s: no word is broken across lines\n", argv[1]);

    free_strs(&want);
    free_strs(&got);
    for (size_t k = 0; k < nbw; k++) {
        free_strs(&bw[k].runs);
        free_strs(&bw[k].pieces);
    }
    free(bw);
    for (size_t i = 0; i < nruns; i++) {
        free(runs[i].text);
        free(runs[i].span);
    }
    free(runs);
    free(piece.ptr);
    free(doc.ptr);
    if (text != ext)
        free(text);
    free(ext);
    free(trace);
    return failures || nbw == 0 ? 1 : 0;
}
