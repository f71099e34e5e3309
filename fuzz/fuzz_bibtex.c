/*
 * fuzz_bibtex: bytes -> rc_bib_load_memory, the BibTeX reader (bib.c over
 * btparse), and the LaTeX-to-text converters on the bytes themselves.
 *
 * Input: the .bib text, then optionally a NUL byte and NUL-separated
 * options, each named by its first byte: "k<key>" (keys, eight at most),
 * "t<type>" (types, four at most), "h<name>" (the author to highlight;
 * "h" alone: none; "Ada Lovelace" when not given), "n" or "o" (sort
 * newest or oldest first), "i" (initials). The loader hands bib.c only
 * valid UTF-8 options, so a piece that is not is skipped.
 *
 * Properties: the reader fails exactly when it reports an error; every
 * message formats as valid UTF-8, and points either into the .bib (a line
 * of it, or 0 for the whole file, and a column on that line) or at the
 * request's own positions; every entry is a publication whose text is
 * valid UTF-8 with positions in the .bib, whose year is a real one, and
 * the entries are in the order asked for (`keys`' count, the sort); no
 * author is set in bold when none is asked for; reading twice gives the
 * same entries and messages, and a small file read afterwards reads as it
 * does alone (btparse's global state carries nothing over from one file to
 * the next). The converters turn valid UTF-8 into valid, NUL-free UTF-8.
 */
#include "fuzz.h"

#include "bib.h"
#include "diag.h"

#include <string.h>

#define MAX_KEYS 8
#define MAX_TYPES 4

static const char bib_file[] = "fuzz.bib";
static const char yaml_file[] = "cv.yaml";
/* Where the request and its keys are written, as load_bibtex.c would say. */
static const rc_pos request_at = {yaml_file, 7, 17};
#define KEY_LINE 8
#define KEY_COL 15

typedef struct input {
    const char *text;
    size_t len;
    size_t nlines; /* as bib.c counts them: newlines + 1 */
} input;

static int valid(const char *s, size_t n)
{
    return rc_utf8_find_invalid(s, n) == (size_t)-1;
}

/* The number of characters on a line (1-based) of the .bib, without its newline. */
static size_t line_chars(const input *in, int line)
{
    const char *s = in->text, *end = in->text + in->len;
    for (int l = 1; l < line && s < end; l++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        s = nl ? nl + 1 : end;
    }
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t n = (size_t)((nl ? nl : end) - s);
    return valid(s, n) ? rc_utf8_length(s, n) : n;
}

/* A position in the .bib: a line of it and a column on that line (1 past its end at most). */
static void check_bib_pos(const input *in, rc_pos p, int whole_file_ok)
{
    FUZZ_CHECK(p.file != NULL && strcmp(p.file, bib_file) == 0);
    if (whole_file_ok && p.line == 0) {
        FUZZ_CHECK(p.col == 0);
        return;
    }
    FUZZ_CHECK(p.line >= 1 && (size_t)p.line <= in->nlines);
    FUZZ_CHECK(p.col >= 1 && (size_t)p.col <= line_chars(in, p.line) + 1);
}

static void check_text(const input *in, const rc_text *t)
{
    if (!t->s)
        return;
    FUZZ_CHECK(valid(t->s, strlen(t->s)));
    check_bib_pos(in, t->pos, 0);
}

/* The order bib.c sorts by: year and month, text ("in press") last, no date first. */
static long sort_key(const rc_entry *e)
{
    if (e->when.kind == RC_WHEN_TEXT)
        return 999999;
    if (e->when.kind == RC_WHEN_SINGLE)
        return (long)e->when.start.year * 100 + e->when.start.month;
    return 0;
}

static void check_entry(const input *in, const rc_entry *e, const rc_bib_options *o)
{
    FUZZ_CHECK(e->type == RC_ENTRY_PUBLICATION);
    check_bib_pos(in, e->pos, 0);
    check_text(in, &e->title);
    check_text(in, &e->journal);
    check_text(in, &e->doi);
    check_text(in, &e->url);
    FUZZ_CHECK(!(e->doi.s && e->url.s));
    for (size_t i = 0; i < e->authors.n; i++) {
        const rc_text *t = &e->authors.v[i];
        FUZZ_CHECK(t->s != NULL && t->s[0] != 0);
        check_text(in, t);
        /* a literal '*' is escaped: "**" opens bold, which only the highlight asks for */
        FUZZ_CHECK(o->highlight || strncmp(t->s, "**", 2) != 0);
    }
    switch (e->when.kind) {
    case RC_WHEN_NONE:
        break;
    case RC_WHEN_SINGLE:
        FUZZ_CHECK(e->when.start.year >= 1 && e->when.start.year <= 9999);
        FUZZ_CHECK(e->when.start.month >= 0 && e->when.start.month <= 12);
        FUZZ_CHECK(e->when.start.day == 0);
        check_bib_pos(in, e->when.pos, 0);
        break;
    case RC_WHEN_TEXT:
        FUZZ_CHECK(e->when.text.s != NULL);
        check_text(in, &e->when.text);
        break;
    default:
        FUZZ_CHECK(!"a BibTeX date is a year or a text");
    }
}

static void check_diag(const input *in, const rc_diag *g, const rc_bib_options *o)
{
    FUZZ_CHECK(g->message && g->message[0]);
    if (g->pos.file && strcmp(g->pos.file, yaml_file) == 0) {
        /* at the request, or at one of its keys */
        int at_request = g->pos.line == request_at.line && g->pos.col == request_at.col;
        int at_key = g->pos.line == KEY_LINE && g->pos.col >= KEY_COL &&
                     (size_t)(g->pos.col - KEY_COL) < o->keys.n;
        FUZZ_CHECK(at_request || at_key);
    } else {
        check_bib_pos(in, g->pos, 1);
    }
    rc_buf b = RC_BUF_INIT;
    rc_diag_format(g, &b);
    FUZZ_CHECK(valid(b.ptr, b.len) && strlen(b.ptr) == b.len);
    rc_buf_release(&b);
}

/* What a read gives, as one string: entries, then messages. */
static void describe(rc_buf *b, int rc, const rc_entry *v, size_t n, const rc_diags *d)
{
    rc_buf_addf(b, "rc %d, %zu entries\n", rc, n);
    for (size_t i = 0; i < n; i++) {
        const rc_entry *e = &v[i];
        const rc_text *texts[] = {&e->title, &e->journal, &e->doi, &e->url, &e->when.text};
        rc_buf_addf(b, "@%d:%d when %d %d-%d\n", e->pos.line, e->pos.col, (int)e->when.kind,
                    e->when.start.year, e->when.start.month);
        for (size_t k = 0; k < RC_ARRAY_LEN(texts); k++)
            rc_buf_addf(b, "  %s %d:%d\n", texts[k]->s ? texts[k]->s : "-", texts[k]->pos.line,
                        texts[k]->pos.col);
        for (size_t k = 0; k < e->authors.n; k++)
            rc_buf_addf(b, "  author %s\n", e->authors.v[k].s);
    }
    for (size_t i = 0; i < d->n; i++) {
        rc_diag_format(&d->v[i], b);
        rc_buf_addc(b, '\n');
    }
}

static int read_bib(const input *in, const rc_bib_options *o, rc_buf *desc)
{
    rc_arena a;
    rc_diags d;
    rc_entry *v;
    size_t n;
    rc_arena_init(&a);
    rc_diags_init(&d);
    int rc = rc_bib_load_memory(in->text, in->len, bib_file, o, &a, &d, &v, &n);
    FUZZ_CHECK(rc == 0 || rc == -1);
    FUZZ_CHECK((rc == 0) == (d.nerrors == 0));
    FUZZ_CHECK(rc == 0 || n == 0);
    FUZZ_CHECK(n == 0 || v != NULL);
    for (size_t i = 0; i < d.n; i++)
        check_diag(in, &d.v[i], o);
    for (size_t i = 0; i < n; i++) {
        check_entry(in, &v[i], o);
        if (i && o->sort == RC_BIB_SORT_NEWEST_FIRST)
            FUZZ_CHECK(sort_key(&v[i - 1]) >= sort_key(&v[i]));
        if (i && o->sort == RC_BIB_SORT_OLDEST_FIRST)
            FUZZ_CHECK(sort_key(&v[i - 1]) <= sort_key(&v[i]));
    }
    if (rc == 0 && o->keys.n)
        FUZZ_CHECK(n == o->keys.n); /* each key once per time it is asked for */
    describe(desc, rc, v, n, &d);
    rc_diags_release(&d);
    rc_arena_release(&a);
    return rc;
}

/* The converters on the whole text, when it is what the loader could pass them. */
static void check_converters(const char *text, size_t len)
{
    if (!valid(text, len) || memchr(text, 0, len))
        return;
    char *s = malloc(len + 1);
    FUZZ_CHECK(s != NULL);
    memcpy(s, text, len);
    s[len] = 0;
    rc_buf b = RC_BUF_INIT;
    rc_bib_tex_to_markup(&b, s);
    FUZZ_CHECK(valid(rc_buf_str(&b), b.len) && strlen(rc_buf_str(&b)) == b.len);
    rc_buf_reset(&b);
    rc_bib_tex_to_text(&b, s);
    FUZZ_CHECK(valid(rc_buf_str(&b), b.len) && strlen(rc_buf_str(&b)) == b.len);
    rc_buf_release(&b);
    free(s);
}

/*
 * A file read after each input, and what reading it gives: it defines a
 * macro, uses one it does not define (an input may have) and a month.
 */
static const char next_file[] = "@string{ae = \"Ada\"}\n"
                                "@article{next, author = ae # { Lovelace}, journal = jx,\n"
                                "  title = {N{\\\"a}chste}, year = 1843, month = oct}\n";
static rc_buf next_expected = RC_BUF_INIT;

static void read_next_file(rc_buf *out)
{
    input in = {next_file, sizeof next_file - 1, 4}; /* three lines and an empty one */
    rc_bib_options o;
    memset(&o, 0, sizeof(o));
    o.at = request_at;
    FUZZ_CHECK(read_bib(&in, &o, out) == 0);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    read_next_file(&next_expected);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *raw = (const char *)data;
    const char *nul = size ? memchr(raw, 0, size) : NULL;
    input in;
    in.len = nul ? (size_t)(nul - raw) : size;
    /* The text in a buffer of its exact size, with no NUL after it: ASan sees any overread. */
    char *text = malloc(in.len ? in.len : 1);
    FUZZ_CHECK(text != NULL);
    if (in.len)
        memcpy(text, raw, in.len);
    in.text = text;
    in.nlines = 1;
    for (size_t i = 0; i < in.len; i++)
        in.nlines += text[i] == '\n';

    /* The options after the text. */
    rc_bib_options o;
    memset(&o, 0, sizeof(o));
    o.at = request_at;
    o.highlight = "Ada Lovelace";
    rc_text keys[MAX_KEYS], types[MAX_TYPES];
    o.keys.v = keys;
    o.types.v = types;
    char *opts = NULL;
    if (nul) {
        size_t n = (size_t)(raw + size - nul - 1);
        opts = malloc(n + 1);
        FUZZ_CHECK(opts != NULL);
        if (n)
            memcpy(opts, nul + 1, n);
        opts[n] = 0;
        for (size_t i = 0; i < n;) {
            char *piece = opts + i;
            size_t len = strlen(piece);
            i += len + 1;
            if (!len || !valid(piece, len))
                continue;
            rc_text t = {piece + 1, {yaml_file, KEY_LINE, KEY_COL}};
            switch (piece[0]) {
            case 'k':
                if (o.keys.n < MAX_KEYS) {
                    t.pos.col += (int)o.keys.n;
                    keys[o.keys.n++] = t;
                }
                break;
            case 't':
                if (o.types.n < MAX_TYPES)
                    types[o.types.n++] = t;
                break;
            case 'h': o.highlight = len > 1 ? piece + 1 : NULL; break;
            case 'n': o.sort = RC_BIB_SORT_NEWEST_FIRST; break;
            case 'o': o.sort = RC_BIB_SORT_OLDEST_FIRST; break;
            case 'i': o.initials = 1; break;
            default: break;
            }
        }
    }

    rc_buf first = RC_BUF_INIT, second = RC_BUF_INIT;
    int rc1 = read_bib(&in, &o, &first);
    int rc2 = read_bib(&in, &o, &second);
    FUZZ_CHECK(rc1 == rc2);
    if (first.len != second.len || memcmp(first.ptr, second.ptr, first.len) != 0) {
        fprintf(stderr, "first read:\n%s\nsecond read:\n%s\n", rc_buf_str(&first),
                rc_buf_str(&second));
        FUZZ_CHECK(!"reading the same .bib twice gives the same result");
    }
    rc_buf_release(&first);
    rc_buf_release(&second);

    rc_buf next = RC_BUF_INIT;
    read_next_file(&next);
    if (strcmp(rc_buf_str(&next), rc_buf_str(&next_expected)) != 0) {
        fprintf(stderr, "the next file alone:\n%s\nafter this input:\n%s\n",
                rc_buf_str(&next_expected), rc_buf_str(&next));
        FUZZ_CHECK(!"a file read after this one reads as it does alone");
    }
    rc_buf_release(&next);

    check_converters(text, in.len);
    free(opts);
    free(text);
    return 0;
}
