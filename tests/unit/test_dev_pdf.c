/*
 * The PDF device, checked with real tools: display lists built by hand are
 * written to a temporary directory and read back with pdftotext, pdffonts,
 * pdfinfo, pdftoppm and qpdf (Debian packages poppler-utils and qpdf; CI
 * installs them; mutool from mupdf-tools is used when present). What
 * matters to users is checked, not libharu's exact bytes: text extracts
 * exactly (including a hyphenated word whole), fonts are embedded as
 * subsets whose widths are the font module's and whose ToUnicode maps
 * every code back, nothing warns, the information dictionary reads right,
 * output is byte-identical, and a failed write leaves the target alone.
 */
#include "dev.h"
#include "harness.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[256];

/* ---- small helpers --------------------------------------------------- */

static char *path_in(const char *name)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_addf(&b, "%s/%s", tmpdir, name);
    return b.ptr;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    rc_buf b = RC_BUF_INIT;
    rc_buf_add_stream(&b, f, SIZE_MAX);
    fclose(f);
    if (len)
        *len = b.len;
    if (!b.ptr)
        rc_buf_add(&b, "", 0);
    return b.ptr;
}

static void write_text_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Run a shell command; return its standard output (malloc'ed) and status. */
static char *run(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    if (!p) {
        *status = -1;
        return rc_xstrdup("");
    }
    rc_buf b = RC_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
        rc_buf_add(&b, chunk, n);
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    if (!b.ptr)
        rc_buf_add(&b, "", 0);
    return b.ptr;
}

static char *runf(int *status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *runf(int *status, const char *fmt, ...)
{
    rc_buf cmd = RC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rc_buf_vaddf(&cmd, fmt, ap);
    va_end(ap);
    char *out = run(rc_buf_str(&cmd), status);
    rc_buf_release(&cmd);
    return out;
}

static int have_tool(const char *tool, const char *package)
{
    int st;
    free(runf(&st, "command -v %s >/dev/null 2>&1", tool));
    if (st != 0) {
        rc_test_checks++;
        rc_test_failures++;
        fprintf(stderr, "%s:%d: '%s' is missing: install the Debian package '%s'\n", __FILE__,
                __LINE__, tool, package);
        return 0;
    }
    return 1;
}

/* Names in tmpdir/sub that start with '.', i.e. leftover temporary files. */
static int count_hidden(const char *dir)
{
    int st;
    char *out = runf(&st, "ls -A '%s' | grep -c '^\\.' || true", dir);
    int n = atoi(out);
    free(out);
    return n;
}

/* memmem is a GNU extension; the tests build as plain POSIX. */
static int has_bytes(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; hay && k <= n && i <= n - k; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

/*
 * Whether the content's marked content nests with its text objects: each
 * BDC or BMC closes (EMC) at the BT/ET level it opened at, as ISO 32000
 * asks, and none is left open. Operators are read at line starts, as the
 * device writes them.
 */
static int marks_nest(const char *s, size_t n)
{
    int in_text = 0, depth = 0, opened_in_text[64];
    for (size_t i = 0; i < n;) {
        const char *line = s + i;
        const char *nl = memchr(line, '\n', n - i);
        size_t len = nl ? (size_t)(nl - line) : n - i;
        i += len + 1;
        if (len == 2 && !memcmp(line, "BT", 2)) {
            in_text = 1;
        } else if (len == 2 && !memcmp(line, "ET", 2)) {
            if (depth && opened_in_text[depth - 1])
                return 0; /* a text object ends inside marked content it holds */
            in_text = 0;
        } else if (len >= 3 && (!memcmp(line + len - 3, "BDC", 3) || !memcmp(line + len - 3, "BMC", 3))) {
            if (depth == 64)
                return 0;
            opened_in_text[depth++] = in_text;
        } else if (len == 3 && !memcmp(line, "EMC", 3)) {
            if (!depth || opened_in_text[--depth] != in_text)
                return 0;
        }
    }
    return depth == 0;
}

static int contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

/* The first occurrence of needle in hay[0..n), or NULL (binary-safe). */
static const char *find_bytes(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; hay && k <= n && i <= n - k; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return hay + i;
    return NULL;
}

/*
 * The PDF in qpdf's QDF form: streams uncompressed, no object streams,
 * content as written. Binary (page content holds 2-byte codes): use the
 * _bytes functions on it. NULL when qpdf fails.
 */
static char *qdf_of(const char *pdf, size_t *n)
{
    char *qdf = path_in("view-qdf.pdf");
    int st;
    free(runf(&st, "qpdf --qdf --normalize-content=n --object-streams=disable '%s' '%s'", pdf,
              qdf));
    char *raw = st == 0 ? read_file(qdf, n) : NULL;
    free(qdf);
    return raw;
}

/* What a command prints on standard error (its output is thrown away). */
static char *stderr_of(const char *cmd)
{
    int st;
    char *out = runf(&st, "%s 2>&1 >/dev/null", cmd);
    return out;
}

/* ---- what rc_pdf_write must have made of a face --------------------- */

/*
 * The code points a face shows in a document, sorted: rc_pdf_write shows
 * the k-th with code k (k = 1, 2 ...). Above U+FFFF it shows a space.
 */
typedef struct face_codes {
    uint32_t cps[0x10000];
    size_t n;
} face_codes;

static void codes_of(const rc_doc *doc, rc_face_id face, face_codes *fc)
{
    static uint8_t seen[0x10000];
    memset(seen, 0, sizeof(seen));
    for (size_t p = 0; p < doc->npages; p++)
        for (size_t i = 0; i < doc->pages[p].n; i++) {
            const rc_draw *d = &doc->pages[p].v[i];
            if (d->kind == RC_DRAW_TEXT && d->face == face)
                for (size_t k = 0; k < d->n; k++)
                    seen[d->cps[k] > 0xFFFF ? 0x20 : d->cps[k]] = 1;
        }
    fc->n = 0;
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        if (seen[cp])
            fc->cps[fc->n++] = cp;
}

static unsigned code_in(const face_codes *fc, uint32_t cp)
{
    for (size_t k = 0; k < fc->n; k++)
        if (fc->cps[k] == cp)
            return (unsigned)k + 1;
    return 0;
}

/* Append the literal string rc_pdf_write writes for UTF-8 text in a face. */
static void add_tj_string(rc_buf *b, const face_codes *fc, const char *text)
{
    size_t len = strlen(text);
    rc_buf_addc(b, '(');
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = rc_utf8_decode(text + i, len - i, &cp);
        i += k ? k : 1;
        unsigned code = code_in(fc, cp);
        for (int shift = 8; shift >= 0; shift -= 8) {
            char byte = (char)((code >> shift) & 0xFF);
            if (byte == '(' || byte == ')' || byte == '\\')
                rc_buf_addc(b, '\\');
            if (byte == '\r')
                rc_buf_adds(b, "\\r");
            else
                rc_buf_addc(b, byte);
        }
    }
    rc_buf_addc(b, ')');
}

/*
 * Fonts as found in a QDF file: each /W array (we write [1 [w1 ... wn]])
 * and each ToUnicode CMap, as code -> value tables.
 */
#define MAX_FONTS 8
typedef struct found_fonts {
    int nw, nmap;
    int w[MAX_FONTS][0x10000]; /* w[i][k]: width of code k, -1 = none */
    uint32_t map[MAX_FONTS][0x10000]; /* map[i][k]: code point, 0 = none */
    size_t wlen[MAX_FONTS], maplen[MAX_FONTS];
} found_fonts;

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    return p;
}

static void find_fonts(const char *qdf, size_t n, found_fonts *ff)
{
    const char *end = qdf + n;
    memset(ff, 0, sizeof(*ff));
    for (const char *p = qdf; ff->nw < MAX_FONTS && (p = find_bytes(p, (size_t)(end - p), "/W ["));) {
        int *w = ff->w[ff->nw];
        for (int k = 0; k < 0x10000; k++)
            w[k] = -1;
        p = skip_space(p + 4, end);
        long first = strtol(p, (char **)&p, 10);
        p = skip_space(p, end);
        if (*p++ != '[')
            break;
        size_t k = (size_t)first;
        for (p = skip_space(p, end); p < end && *p != ']' && k < 0x10000; p = skip_space(p, end))
            w[k++] = (int)strtol(p, (char **)&p, 10);
        ff->wlen[ff->nw++] = k;
    }
    for (const char *p = qdf; ff->nmap < MAX_FONTS && (p = find_bytes(p, (size_t)(end - p), "begincmap"));) {
        const char *stop = find_bytes(p, (size_t)(end - p), "endcmap");
        if (!stop)
            break;
        uint32_t *map = ff->map[ff->nmap];
        int kind = 0; /* 1 in a bfrange block, 2 in a bfchar block */
        size_t top = 0;
        while (p < stop) {
            const char *eol = memchr(p, '\n', (size_t)(stop - p));
            if (!eol)
                eol = stop;
            unsigned v[3];
            int nv = 0;
            for (const char *q = p; q < eol && nv < 3; q++)
                if (*q == '<')
                    v[nv++] = (unsigned)strtoul(q + 1, NULL, 16);
            if (find_bytes(p, (size_t)(eol - p), "beginbfrange"))
                kind = 1;
            else if (find_bytes(p, (size_t)(eol - p), "beginbfchar"))
                kind = 2;
            else if (find_bytes(p, (size_t)(eol - p), "endbf"))
                kind = 0;
            else if (kind == 1 && nv == 3)
                for (unsigned code = v[0]; code <= v[1] && code < 0x10000; code++)
                    map[code] = v[2] + (code - v[0]), top = code + 1 > top ? code + 1 : top;
            else if (kind == 2 && nv == 2 && v[0] < 0x10000)
                map[v[0]] = v[1], top = v[0] + 1 > top ? v[0] + 1 : top;
            p = eol + 1;
        }
        ff->maplen[ff->nmap++] = top;
        p = stop;
    }
}

/*
 * The face's font is among those found: a /W with rc_face_advance of each
 * of its code points (and nothing else), and a ToUnicode that maps each code
 * back to its code point (and nothing else).
 */
static int font_matches(const found_fonts *ff, const rc_face *face, const face_codes *fc)
{
    int w_ok = 0, map_ok = 0;
    for (int i = 0; i < ff->nw && !w_ok; i++) {
        w_ok = ff->wlen[i] == fc->n + 1 && ff->w[i][0] == -1;
        for (size_t k = 1; w_ok && k <= fc->n; k++)
            w_ok = ff->w[i][k] == rc_face_advance(face, fc->cps[k - 1]);
    }
    for (int i = 0; i < ff->nmap && !map_ok; i++) {
        map_ok = ff->maplen[i] == fc->n + 1 && ff->map[i][0] == 0;
        for (size_t k = 1; map_ok && k <= fc->n; k++)
            map_ok = ff->map[i][k] == fc->cps[k - 1];
    }
    if (!w_ok || !map_ok)
        fprintf(stderr, "  (face %s: /W %s, ToUnicode %s)\n", rc_face_name(face),
                w_ok ? "ok" : "wrong", map_ok ? "ok" : "wrong");
    return w_ok && map_ok;
}

/* Every embedded font program is a subset: far smaller than the face. */
static int font_files_small(const char *qdf, size_t n, int max_length1, int *count)
{
    const char *end = qdf + n;
    int ok = 1;
    *count = 0;
    for (const char *p = qdf; (p = find_bytes(p, (size_t)(end - p), "/Length1 "));) {
        long len = strtol(p + 9, (char **)&p, 10);
        (*count)++;
        if (len <= 0 || len > max_length1) {
            fprintf(stderr, "  (a font program of %ld bytes)\n", len);
            ok = 0;
        }
    }
    return ok;
}

static int last_error_is(const rc_diags *d, rc_failure failure, const char *needle)
{
    if (d->nerrors == 0)
        return 0;
    const rc_diag *g = &d->v[d->n - 1];
    if (g->failure != failure || !contains(g->message, needle)) {
        fprintf(stderr, "  (last diagnostic: class %d, '%s')\n", (int)g->failure, g->message);
        return 0;
    }
    return 1;
}

/* ---- building display lists ------------------------------------------ */

typedef struct fixture {
    rc_arena arena;
    rc_fonts fonts;
    rc_doc doc;
} fixture;

/* Append a run of UTF-8 text at (x, y) pt; returns it, with w set. */
static rc_draw *add_run(fixture *fx, rc_page *pg, rc_face_id face, double size, rc_scaled x,
                        double y, const char *text)
{
    size_t len = strlen(text);
    uint32_t *cps = rc_arena_alloc(&fx->arena, (len + 1) * sizeof(uint32_t));
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        size_t k = rc_utf8_decode(text + i, len - i, &cps[n]);
        i += k ? k : 1;
        n++;
    }
    rc_draw *d = rc_page_add(pg, RC_DRAW_TEXT);
    d->face = face;
    d->size = RC_PT(size);
    d->x = x;
    d->y = RC_PT(y);
    d->cps = cps;
    d->n = n;
    int64_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += (int64_t)rc_face_advance(fx->fonts.faces[face], cps[i]) * d->size / 1000;
    d->w = (rc_scaled)w;
    return d;
}

/* Give a run adjustments: adj[i] pt after the i-th code point. */
static void set_adjust(fixture *fx, rc_draw *d, const double *adj)
{
    rc_scaled *a = rc_arena_alloc(&fx->arena, d->n * sizeof(rc_scaled));
    for (size_t i = 0; i < d->n; i++) {
        a[i] = RC_PT(adj[i]);
        d->w += a[i];
    }
    d->adjust = a;
}

static void add_bookmark(rc_page *pg, int level, double y, const char *title)
{
    rc_draw *d = rc_page_add(pg, RC_DRAW_BOOKMARK);
    d->level = level;
    d->y = RC_PT(y);
    d->text = title;
}

/*
 * Two A4 pages exercising every kind of draw: faces, Greek, accents, dashes,
 * a no-break space, kerning, a justified line, a hyphenated word with an
 * ActualText span over two lines, a coloured run, a link, a rule and nested
 * bookmarks.
 */
static void build_sample(fixture *fx)
{
    rc_doc *doc = &fx->doc;
    rc_doc_init(doc);
    doc->width = RC_PT(595.276);
    doc->height = RC_PT(841.89);
    doc->fonts = &fx->fonts;
    doc->title = "Wei Xiong – CV";
    doc->author = "Wei Xiong";
    doc->subject = "Curriculum vitae";
    doc->keywords = "α, β, café";
    doc->creator = "rescomp test";

    const rc_scaled left = RC_PT(72);
    rc_page *pg = rc_doc_add_page(doc);
    add_bookmark(pg, 0, 60, "Wei Xiong – CV");
    rc_draw *d = add_run(fx, pg, RC_FACE_BOLD, 14, left, 72, "Wei Xiong");

    d = add_run(fx, pg, RC_FACE_REGULAR, 10, left, 96, "Greek α β, café – naïve — ok");
    rc_scaled x = d->x + d->w;
    d = add_run(fx, pg, RC_FACE_ITALIC, 10, x, 96, " italic");
    x = d->x + d->w;
    d = add_run(fx, pg, RC_FACE_MONO, 10, x, 96, " mono");
    x = d->x + d->w;
    d = add_run(fx, pg, RC_FACE_REGULAR, 10, x, 96, " 10\xC2\xA0km");
    d->color = 0x1F4E79;

    d = add_run(fx, pg, RC_FACE_REGULAR, 10, left, 112, "AVATAR");
    const double kern[] = {-0.8, -0.8, -0.5, -0.5, -0.2, 0};
    set_adjust(fx, d, kern);

    add_bookmark(pg, 1, 120, "Éducation α");
    d = add_run(fx, pg, RC_FACE_REGULAR, 10, left, 128, "one two three four");
    double just[18] = {0};
    just[3] = just[7] = just[13] = 6; /* after each space */
    set_adjust(fx, d, just);

    d = add_run(fx, pg, RC_FACE_REGULAR, 10, left, 144, "This is an ");
    x = d->x + d->w;
    d = add_run(fx, pg, RC_FACE_REGULAR, 10, x, 144, "extra-");
    d->span_begin = "extraordinary";
    d = add_run(fx, pg, RC_FACE_REGULAR, 10, left, 156, "ordinary");
    d->span_end = 1;
    x = d->x + d->w;
    add_run(fx, pg, RC_FACE_REGULAR, 10, x, 156, " word.");

    d = add_run(fx, pg, RC_FACE_REGULAR, 10, left, 172, "example.org");
    rc_draw *link = rc_page_add(pg, RC_DRAW_LINK);
    link->x = d->x;
    link->y = d->y - RC_PT(8);
    link->w = d->w;
    link->h = RC_PT(10);
    link->text = "https://example.org/cv";
    link = rc_page_add(pg, RC_DRAW_LINK); /* non-ASCII is percent-encoded */
    link->x = d->x;
    link->y = d->y - RC_PT(8);
    link->w = d->w;
    link->h = RC_PT(10);
    link->text = "https://example.org/café";

    rc_draw *rule = rc_page_add(pg, RC_DRAW_RULE);
    rule->x = left;
    rule->y = RC_PT(180);
    rule->w = RC_PT(451.276);
    rule->h = RC_PT(0.4);
    rule->color = 0x336699;

    rc_draw *note = rc_page_add(pg, RC_DRAW_NOTE);
    note->text = "ignored by the PDF device";

    pg = rc_doc_add_page(doc);
    add_bookmark(pg, 0, 60, "Publications");
    add_bookmark(pg, 3, 80, "Deep"); /* skips levels: nests under Publications */
    add_run(fx, pg, RC_FACE_BOLD, 14, left, 72, "Page two");
}

/*
 * pdftotext's plain output: one line per line, a blank line and a form feed
 * after each page. Poppler turns the no-break space into a plain space (the
 * PDF keeps U+00A0: see the content and ToUnicode checks).
 */
static const char expected_text[] = "Wei Xiong\n"
                                    "Greek α β, café – naïve — ok italic mono 10 km\n"
                                    "AVATAR\n"
                                    "one two three four\n"
                                    "This is an extraordinary\n"
                                    "word.\n"
                                    "example.org\n"
                                    "\n\f"
                                    "Page two\n"
                                    "\n\f";

/* ---- tests ----------------------------------------------------------- */

static void test_sample(fixture *fx)
{
    char *pdf = path_in("sample.pdf");
    rc_diags d;
    rc_diags_init(&d);
    CHECK_INT(rc_pdf_write(&fx->doc, pdf, &d), 0);
    CHECK_INT(d.nerrors, 0);
    rc_diags_print(&d, stderr);
    rc_diags_release(&d);

    int st;
    if (have_tool("pdftotext", "poppler-utils")) {
        char *text = runf(&st, "pdftotext -enc UTF-8 '%s' -", pdf);
        CHECK_INT(st, 0);
        CHECK_STR(text, expected_text);
        free(text);

        /* -layout keeps the lines; the words and the joined word survive. */
        text = runf(&st, "pdftotext -layout -enc UTF-8 '%s' -", pdf);
        CHECK_INT(st, 0);
        CHECK(contains(text, "Greek α β, café – naïve — ok italic mono 10 km\n"));
        CHECK(contains(text, "\nAVATAR\n"));
        CHECK(contains(text, "\none two three four\n"));
        CHECK(contains(text, "\nThis is an extraordinary\n"));
        CHECK(!contains(text, "extra-"));
        free(text);

        /* -raw, the content-stream order many extractors use. */
        text = runf(&st, "pdftotext -raw -enc UTF-8 '%s' -", pdf);
        CHECK_INT(st, 0);
        CHECK(contains(text, "This is an extraordinary\nword.\n"));
        free(text);

        /* Poppler has nothing to warn about (it does about libharu's own
         * ToUnicode CMaps, "Invalid 'begincidrange' operator"). */
        rc_buf cmd = RC_BUF_INIT;
        rc_buf_addf(&cmd, "pdftotext -enc UTF-8 '%s' -", pdf);
        text = stderr_of(rc_buf_str(&cmd));
        CHECK_STR(text, "");
        free(text);
        rc_buf_release(&cmd);
    }
    if (have_tool("pdftoppm", "poppler-utils")) {
        /* The subset fonts render, without a word from the renderer. */
        rc_buf cmd = RC_BUF_INIT;
        char *base = path_in("page");
        rc_buf_addf(&cmd, "pdftoppm -r 30 -gray '%s' '%s'", pdf, base);
        char *err = stderr_of(rc_buf_str(&cmd));
        CHECK_STR(err, "");
        free(err);
        rc_buf_reset(&cmd);
        rc_buf_addf(&cmd, "%s-1.pgm", base);
        struct stat sb;
        CHECK(stat(rc_buf_str(&cmd), &sb) == 0 && sb.st_size > 1000);
        rc_buf_release(&cmd);
        free(base);
    }
    if (system("command -v mutool >/dev/null 2>&1") == 0) {
        /* MuPDF, when installed, extracts the same text silently. */
        char *text = runf(&st, "mutool draw -q -F txt -o - '%s' 2>/dev/null", pdf);
        CHECK_INT(st, 0);
        CHECK(contains(text, "Greek α β, café – naïve — ok"));
        CHECK(contains(text, "one two three four"));
        free(text);
        /* (This mutool build always says it lacks ICC support.) */
        text = runf(&st, "mutool draw -q -F txt -o /dev/null '%s' 2>&1 | grep -v 'ICC support'", pdf);
        CHECK_STR(text, "");
        free(text);
    }
    if (have_tool("qpdf", "qpdf")) {
        char *out = runf(&st, "qpdf --check '%s' 2>&1", pdf);
        CHECK_INT(st, 0);
        CHECK(contains(out, "No syntax or stream encoding errors"));
        free(out);

        /* The raw content: one TJ array per run, kerning and justification
         * as TJ numbers (-0.8 pt at 10 pt = 80), rule, span. Codes are the
         * face's own (k-th code point shown = code k), as bytes. */
        size_t n = 0;
        char *raw = qdf_of(pdf, &n);
        CHECK(raw != NULL);
        face_codes *reg = malloc(sizeof(*reg));
        codes_of(&fx->doc, RC_FACE_REGULAR, reg);
        rc_buf tj = RC_BUF_INIT;
        rc_buf_adds(&tj, "[");
        const char *avatar[] = {"A", " 80 ", "V", " 80 ", "A", " 50 ", "T", " 50 ", "A", " 20 ", "R"};
        for (size_t i = 0; i < RC_ARRAY_LEN(avatar); i++) {
            if (i % 2)
                rc_buf_adds(&tj, avatar[i]);
            else
                add_tj_string(&tj, reg, avatar[i]);
        }
        rc_buf_adds(&tj, "] TJ\n");
        CHECK(has_bytes(raw, n, rc_buf_str(&tj)));
        rc_buf_reset(&tj);
        const char *words[] = {"one ", " -600 ", "two ", " -600 ", "three ", " -600 ", "four"};
        rc_buf_adds(&tj, "[");
        for (size_t i = 0; i < RC_ARRAY_LEN(words); i++) {
            if (i % 2)
                rc_buf_adds(&tj, words[i]);
            else
                add_tj_string(&tj, reg, words[i]);
        }
        rc_buf_adds(&tj, "] TJ\n");
        CHECK(has_bytes(raw, n, rc_buf_str(&tj)));
        rc_buf_reset(&tj);
        rc_buf_adds(&tj, "[");
        add_tj_string(&tj, reg, " 10\xC2\xA0km");
        rc_buf_adds(&tj, "] TJ\n");
        CHECK(has_bytes(raw, n, rc_buf_str(&tj)));
        /* A valid ToUnicode CMap (libharu's own is not), with the NBSP and
         * α β (consecutive code points, so consecutive codes: one range). */
        CHECK(has_bytes(raw, n, "beginbfchar\n"));
        CHECK(has_bytes(raw, n, "beginbfrange\n"));
        CHECK(!has_bytes(raw, n, "begincidrange"));
        char entry[64];
        snprintf(entry, sizeof(entry), "<%04X> <00A0>\n", code_in(reg, 0xA0));
        CHECK(has_bytes(raw, n, entry));
        snprintf(entry, sizeof(entry), "<%04X> <%04X> <03B1>\n", code_in(reg, 0x3B1),
                 code_in(reg, 0x3B2));
        CHECK(has_bytes(raw, n, entry));
        rc_buf_release(&tj);
        free(reg);
        /* The hyphenated word: whole on its first piece, empty on the rest. */
        CHECK(has_bytes(raw, n, "/Span <</ActualText <FEFF00650078007400720061006F007200640069006E0061"
                                "00720079>>> BDC\n"));
        CHECK(has_bytes(raw, n, "/Span <</ActualText ()>> BDC\n"));
        CHECK(marks_nest(raw, n));
        CHECK(has_bytes(raw, n, "0.2 0.4 0.6 rg\n72 661.49 451.276 0.4 re f"));
        CHECK(has_bytes(raw, n, "0.122 0.306 0.475 rg"));
        CHECK(has_bytes(raw, n, "/URI (https://example.org/cv)"));
        CHECK(has_bytes(raw, n, "/URI (https://example.org/caf%C3%A9)"));
        CHECK(has_bytes(raw, n, "/Border [\n    0\n    0\n    0\n  ]"));

        /* Each face's font: /W the font module's advances of exactly the
         * code points it shows, ToUnicode mapping every code back. */
        found_fonts *found = malloc(sizeof(*found));
        find_fonts(raw, n, found);
        CHECK_INT(found->nw, 4);
        CHECK_INT(found->nmap, 4);
        face_codes *fc = malloc(sizeof(*fc));
        const rc_face_id used[] = {RC_FACE_REGULAR, RC_FACE_BOLD, RC_FACE_ITALIC, RC_FACE_MONO};
        for (size_t i = 0; i < RC_ARRAY_LEN(used); i++) {
            codes_of(&fx->doc, used[i], fc);
            CHECK(fc->n > 0 && font_matches(found, fx->fonts.faces[used[i]], fc));
        }
        free(fc);
        free(found);
        /* Subsets: the shipped faces are 68-90 KB, a few dozen glyphs far less. */
        int nfiles = 0;
        CHECK(font_files_small(raw, n, 16000, &nfiles));
        CHECK_INT(nfiles, 4);
        /* The descriptor has what the format requires, from the font module. */
        snprintf(entry, sizeof(entry), "/CapHeight %d\n",
                 rc_face_cap_height(fx->fonts.faces[RC_FACE_REGULAR]));
        CHECK(has_bytes(raw, n, entry));
        CHECK(has_bytes(raw, n, "/Ordering (Identity)"));
        free(raw);

        /* PDF 1.5: an object stream and a cross-reference stream. */
        size_t pn = 0;
        raw = read_file(pdf, &pn);
        CHECK(raw && pn > 9 && memcmp(raw, "%PDF-1.5\n", 9) == 0);
        CHECK(has_bytes(raw, pn, "/Type /ObjStm"));
        CHECK(has_bytes(raw, pn, "/Type /XRef"));
        CHECK(!has_bytes(raw, pn, "\nxref\n"));
        free(raw);

        /* Outlines: two entries at the root, one nested under the first. */
        out = runf(&st, "qpdf --json --json-key=outlines '%s'", pdf);
        CHECK_INT(st, 0);
        /* qpdf lists the keys of an entry alphabetically: kids before title. */
        const char *kids = strstr(out, "\"kids\": [\n");
        const char *kid = strstr(out, "\"title\": \"Éducation α\"");
        const char *root = strstr(out, "\"title\": \"Wei Xiong – CV\"");
        const char *pubs = strstr(out, "\"title\": \"Publications\"");
        const char *deep = strstr(out, "\"title\": \"Deep\"");
        CHECK(kids && kid && root && pubs && kids < kid && kid < root && root < pubs);
        CHECK(deep && root < deep && deep < pubs);
        CHECK(contains(out, "\"/XYZ\",\n        0,\n        781.89001,\n        null\n"));
        free(out);
    }
    if (have_tool("pdffonts", "poppler-utils")) {
        char *out = runf(&st, "pdffonts '%s'", pdf);
        CHECK_INT(st, 0);
        /* Four faces used, each embedded: the emb column is the fifth
         * token from the end ("emb sub uni object-id generation"). */
        int fonts = 0, embedded = 0;
        char *save = NULL;
        int line_no = 0;
        for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            if (line_no++ < 2)
                continue;
            char *tok[32];
            int nt = 0;
            char *s2 = NULL;
            for (char *t = strtok_r(line, " ", &s2); t && nt < 32; t = strtok_r(NULL, " ", &s2))
                tok[nt++] = t;
            fonts++;
            if (nt >= 5 && strcmp(tok[nt - 5], "yes") == 0)
                embedded++;
        }
        CHECK_INT(fonts, 4);
        CHECK_INT(embedded, fonts);
        free(out);
    }
    if (have_tool("pdfinfo", "poppler-utils")) {
        char *out = runf(&st, "pdfinfo -enc UTF-8 '%s'", pdf);
        CHECK_INT(st, 0);
        CHECK(contains(out, "Title:           Wei Xiong – CV\n"));
        CHECK(contains(out, "Author:          Wei Xiong\n"));
        CHECK(contains(out, "Subject:         Curriculum vitae\n"));
        CHECK(contains(out, "Keywords:        α, β, café\n"));
        CHECK(contains(out, "Creator:         rescomp test\n"));
        CHECK(contains(out, "Producer:        rescomp "));
        CHECK(contains(out, "Pages:           2\n"));
        CHECK(contains(out, "Page size:       595.276 x 841.89 pts (A4)"));
        CHECK(!contains(out, "CreationDate:"));
        CHECK(!contains(out, "ModDate:"));
        free(out);
    }
    free(pdf);
}

static void test_deterministic(fixture *fx)
{
    char *a = path_in("a.pdf"), *b = path_in("b.pdf");
    rc_diags d;
    rc_diags_init(&d);
    CHECK_INT(rc_pdf_write(&fx->doc, a, &d), 0);
    CHECK_INT(rc_pdf_write(&fx->doc, b, &d), 0);
    size_t na = 0, nb = 0;
    char *pa = read_file(a, &na), *pb = read_file(b, &nb);
    CHECK(pa && pb && na > 1000 && na == nb && memcmp(pa, pb, na) == 0);
    /* No /ID (it would be in the cross-reference stream's dictionary, which
     * is not compressed) and no dates without SOURCE_DATE_EPOCH. */
    const char *xref = pa ? find_bytes(pa, na, "/Type /XRef") : NULL;
    const char *xref_end = xref ? find_bytes(xref, na - (size_t)(xref - pa), ">>") : NULL;
    CHECK(xref_end && !has_bytes(xref, (size_t)(xref_end - xref), "/ID"));
    free(pa);
    free(pb);
    if (have_tool("qpdf", "qpdf")) {
        pa = qdf_of(a, &na);
        CHECK(pa && !has_bytes(pa, na, "/CreationDate") && has_bytes(pa, na, "/Producer"));
        free(pa);
    }

    /* Permissions as a normally created file (0666 & ~umask), not mkstemp's 0600. */
    mode_t mask = umask(022);
    umask(mask);
    struct stat sb;
    CHECK(stat(a, &sb) == 0 && (sb.st_mode & 0777) == (0666 & ~mask));

    /* SOURCE_DATE_EPOCH gives both dates, in UTC, still reproducibly. */
    setenv("SOURCE_DATE_EPOCH", "0", 1);
    CHECK_INT(rc_pdf_write(&fx->doc, a, &d), 0);
    CHECK_INT(rc_pdf_write(&fx->doc, b, &d), 0);
    unsetenv("SOURCE_DATE_EPOCH");
    pa = read_file(a, &na);
    pb = read_file(b, &nb);
    CHECK(pa && pb && na == nb && memcmp(pa, pb, na) == 0);
    free(pa);
    free(pb);
    int st;
    if (have_tool("qpdf", "qpdf")) {
        /* The information dictionary is in the compressed object stream. */
        pa = qdf_of(a, &na);
        CHECK(pa && has_bytes(pa, na, "/CreationDate (D:19700101000000Z00'00')"));
        CHECK(pa && has_bytes(pa, na, "/ModDate (D:19700101000000Z00'00')"));
        free(pa);
    }
    if (have_tool("pdfinfo", "poppler-utils")) {
        char *out = runf(&st, "pdfinfo -isodates '%s'", a);
        CHECK(contains(out, "CreationDate:    1970-01-01T00:00:00Z\n"));
        CHECK(contains(out, "ModDate:         1970-01-01T00:00:00Z\n"));
        free(out);
    }

    /* A malformed value is ignored with a warning, never half-used. */
    size_t warnings = d.nwarnings;
    setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
    CHECK_INT(rc_pdf_write(&fx->doc, a, &d), 0);
    unsetenv("SOURCE_DATE_EPOCH");
    CHECK_INT(d.nwarnings, warnings + 1);
    pa = qdf_of(a, &na);
    CHECK(pa && !has_bytes(pa, na, "/CreationDate"));
    free(pa);

    CHECK_INT(d.nerrors, 0);
    rc_diags_release(&d);
    free(a);
    free(b);
}

static void test_io_errors(fixture *fx)
{
    rc_diags d;
    rc_diags_init(&d);

    /* A target in a missing directory fails cleanly. */
    char *missing = path_in("missing/cv.pdf");
    CHECK_INT(rc_pdf_write(&fx->doc, missing, &d), -1);
    CHECK(last_error_is(&d, RC_FAIL_IO, "No such file or directory"));
    CHECK(contains(d.n ? d.v[d.n - 1].message : NULL, missing));
    struct stat sb;
    CHECK(stat(missing, &sb) != 0);
    free(missing);

    /* A directory in the way. */
    char *dir = path_in("adir");
    mkdir(dir, 0777);
    CHECK_INT(rc_pdf_write(&fx->doc, dir, &d), -1);
    CHECK(last_error_is(&d, RC_FAIL_IO, "Is a directory"));
    free(dir);

    /* An unwritable directory: the old target stays, nothing is left over.
     * Root ignores permissions, so this part only runs for other users;
     * the file-size limit below fails for root too. */
    char *ro = path_in("ro");
    mkdir(ro, 0777);
    char *ro_target = path_in("ro/cv.pdf");
    write_text_file(ro_target, "old");
    if (geteuid() != 0) {
        chmod(ro, 0555);
        CHECK_INT(rc_pdf_write(&fx->doc, ro_target, &d), -1);
        CHECK(last_error_is(&d, RC_FAIL_IO, "Permission denied"));
        char *old = read_file(ro_target, NULL);
        CHECK_STR(old, "old");
        free(old);
        CHECK_INT(count_hidden(ro), 0);
        chmod(ro, 0777);
    } else {
        fprintf(stderr, "test_dev_pdf: running as root, skipping the read-only directory case\n");
    }

    /* A write that fails half-way (EFBIG under a file-size limit, with
     * SIGXFSZ ignored as the CLI does): old target untouched, no temporary. */
    struct rlimit old_lim, lim;
    void (*old_sig)(int) = signal(SIGXFSZ, SIG_IGN);
    if (getrlimit(RLIMIT_FSIZE, &old_lim) == 0) {
        lim = old_lim;
        lim.rlim_cur = 4096;
        if (setrlimit(RLIMIT_FSIZE, &lim) == 0) {
            int rc = rc_pdf_write(&fx->doc, ro_target, &d);
            setrlimit(RLIMIT_FSIZE, &old_lim);
            CHECK_INT(rc, -1);
            CHECK(last_error_is(&d, RC_FAIL_IO, "File too large"));
            CHECK(contains(d.n ? d.v[d.n - 1].message : NULL, "cannot write '"));
            char *old = read_file(ro_target, NULL);
            CHECK_STR(old, "old");
            free(old);
            CHECK_INT(count_hidden(ro), 0);
        }
    }
    signal(SIGXFSZ, old_sig);

    /* A device is written through, not replaced (renaming over /dev/full
     * as root would destroy it). */
    if (stat("/dev/full", &sb) == 0 && S_ISCHR(sb.st_mode)) {
        CHECK_INT(rc_pdf_write(&fx->doc, "/dev/full", &d), -1);
        CHECK(last_error_is(&d, RC_FAIL_IO, "No space left on device"));
        CHECK(stat("/dev/full", &sb) == 0 && S_ISCHR(sb.st_mode));
    }
    if (stat("/dev/null", &sb) == 0 && S_ISCHR(sb.st_mode)) {
        size_t errors = d.nerrors;
        CHECK_INT(rc_pdf_write(&fx->doc, "/dev/null", &d), 0);
        CHECK_INT(d.nerrors, errors);
        CHECK(stat("/dev/null", &sb) == 0 && S_ISCHR(sb.st_mode));
    }

    /* And a successful write replaces the old target. */
    CHECK_INT(rc_pdf_write(&fx->doc, ro_target, &d), 0);
    size_t n = 0;
    char *now = read_file(ro_target, &n);
    CHECK(now && n > 4 && memcmp(now, "%PDF", 4) == 0);
    free(now);
    CHECK_INT(count_hidden(ro), 0);

    free(ro_target);
    free(ro);
    rc_diags_release(&d);
}

/* Set a TrueType file's OS/2 fsType (embedding rights); 0 on success. */
static int set_fs_type(const char *path, unsigned fs_type)
{
    size_t n = 0;
    char *font = read_file(path, &n);
    int rc = -1;
    unsigned ntables = n >= 12 ? ((unsigned char)font[4] << 8 | (unsigned char)font[5]) : 0;
    for (unsigned i = 0; i < ntables && 12 + 16 * (size_t)i + 16 <= n; i++) {
        const unsigned char *rec = (const unsigned char *)font + 12 + 16 * i;
        size_t off = (size_t)rec[8] << 24 | (size_t)rec[9] << 16 | (size_t)rec[10] << 8 | rec[11];
        if (memcmp(rec, "OS/2", 4) == 0 && off + 10 <= n) {
            font[off + 8] = (char)(fs_type >> 8);
            font[off + 9] = (char)(fs_type & 0xFF);
            FILE *f = fopen(path, "wb");
            if (f && fwrite(font, 1, n, f) == n)
                rc = 0;
            if (f)
                fclose(f);
        }
    }
    free(font);
    return rc;
}

/* A one-page document with a run of text in one face. */
static void one_run_doc(fixture *fx, rc_face_id face, const char *text)
{
    rc_doc_release(&fx->doc);
    rc_doc_init(&fx->doc);
    fx->doc.width = RC_PT(595.276);
    fx->doc.height = RC_PT(841.89);
    fx->doc.fonts = &fx->fonts;
    rc_page *pg = rc_doc_add_page(&fx->doc);
    add_run(fx, pg, face, 10, RC_PT(72), 72, text);
}

/*
 * The fonts embedded are the faces as loaded, not the files as they are
 * when the PDF is written: the layout measured the former. A face whose
 * licence forbids embedding (OS/2 fsType, as libharu checked it) is an
 * RC_FAIL_FONT error naming the file, and no PDF; an unused face is not
 * embedded, so neither its licence nor its file matters.
 */
static void test_font_files(const char *font_dir)
{
    int st;
    char *copy = path_in("fonts");
    free(runf(&st, "mkdir -p '%s' && cp '%s'/*.ttf '%s'/", copy, font_dir, copy));
    CHECK_INT(st, 0);

    rc_diags d;
    rc_diags_init(&d);
    fixture fx;
    memset(&fx, 0, sizeof(fx));
    rc_arena_init(&fx.arena);
    rc_doc_init(&fx.doc);
    char *bold = NULL;
    if (rc_fonts_load(&fx.fonts, copy, &d) == 0) {
        bold = rc_xstrdup(rc_face_path(fx.fonts.faces[RC_FACE_BOLD]));
        rc_fonts_release(&fx.fonts);
        CHECK_INT(set_fs_type(bold, 0x0002), 0); /* restricted licence */
    }
    if (bold && rc_fonts_load(&fx.fonts, copy, &d) == 0) {
        /* The italic file is replaced after loading (a new inode: the
         * loaded face keeps the old one). */
        char *italic = rc_xstrdup(rc_face_path(fx.fonts.faces[RC_FACE_ITALIC]));
        unlink(italic);
        write_text_file(italic, "this is not a TrueType font, but long enough to be read");

        one_run_doc(&fx, RC_FACE_BOLD, "bold");
        char *target = path_in("font-error.pdf");
        CHECK_INT(rc_pdf_write(&fx.doc, target, &d), -1);
        CHECK(last_error_is(&d, RC_FAIL_FONT, bold));
        CHECK(last_error_is(&d, RC_FAIL_FONT, "licence"));
        struct stat sb;
        CHECK(stat(target, &sb) != 0);
        free(target);

        one_run_doc(&fx, RC_FACE_ITALIC, "italic");
        target = path_in("font-replaced.pdf");
        size_t errors = d.nerrors;
        CHECK_INT(rc_pdf_write(&fx.doc, target, &d), 0);
        CHECK_INT(d.nerrors, errors);
        if (have_tool("pdftotext", "poppler-utils")) {
            char *text = runf(&st, "pdftotext '%s' - 2>&1", target);
            CHECK_STR(text, "italic\n\n\f");
            free(text);
        }
        if (have_tool("pdffonts", "poppler-utils")) {
            char *out = runf(&st, "pdffonts '%s'", target);
            CHECK(contains(out, "+CMUSerif-Italic ") && contains(out, " yes yes yes "));
            CHECK(!contains(out, "Bold"));
            free(out);
        }
        free(target);
        free(italic);
    } else {
        CHECK(!"cannot load the copied fonts");
        rc_diags_print(&d, stderr);
    }
    rc_doc_release(&fx.doc);
    rc_fonts_release(&fx.fonts);
    rc_arena_release(&fx.arena);
    rc_diags_release(&d);
    free(bold);
    free(copy);
}

/*
 * Hundreds of different characters in one face: codes above 255, codes
 * whose bytes are '(' ')' '\' or CR (escaped in the strings), ToUnicode
 * ranges split where a byte would carry. Every character extracts as
 * itself; the widths and the ToUnicode are exactly as expected.
 */
static void test_many_characters(fixture *fx)
{
    rc_buf text = RC_BUF_INIT;
    const rc_face *face = fx->fonts.faces[RC_FACE_REGULAR];
    static const uint32_t ranges[][2] = {
        {0x21, 0x7E}, {0xC0, 0x17F}, {0x391, 0x3C9}, {0x410, 0x44F}, {0x2018, 0x201E}};
    size_t count = 0;
    rc_doc_release(&fx->doc);
    rc_doc_init(&fx->doc);
    fx->doc.width = RC_PT(595.276);
    fx->doc.height = RC_PT(841.89);
    fx->doc.fonts = &fx->fonts;
    rc_page *pg = rc_doc_add_page(&fx->doc);
    rc_buf expected = RC_BUF_INIT;
    double y = 60;
    for (size_t r = 0; r < RC_ARRAY_LEN(ranges); r++)
        for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            if (!rc_face_has_char(face, cp))
                continue;
            rc_buf_add_utf8(&text, cp);
            if (++count % 40 == 0) {
                add_run(fx, pg, RC_FACE_REGULAR, 9, RC_PT(40), y, rc_buf_str(&text));
                rc_buf_adds(&expected, rc_buf_str(&text));
                rc_buf_addc(&expected, '\n');
                rc_buf_reset(&text);
                y += 14;
            }
        }
    if (text.len) {
        add_run(fx, pg, RC_FACE_REGULAR, 9, RC_PT(40), y, rc_buf_str(&text));
        rc_buf_adds(&expected, rc_buf_str(&text));
        rc_buf_addc(&expected, '\n');
    }
    rc_buf_adds(&expected, "\n\f");
    CHECK(count > 300);

    char *pdf = path_in("many.pdf");
    rc_diags d;
    rc_diags_init(&d);
    CHECK_INT(rc_pdf_write(&fx->doc, pdf, &d), 0);
    rc_diags_print(&d, stderr);
    rc_diags_release(&d);
    int st;
    if (have_tool("pdftotext", "poppler-utils")) {
        char *out = runf(&st, "pdftotext -enc UTF-8 '%s' - 2>&1", pdf);
        CHECK_STR(out, rc_buf_str(&expected));
        free(out);
    }
    if (have_tool("qpdf", "qpdf")) {
        char *out = runf(&st, "qpdf --check '%s' 2>&1", pdf);
        CHECK_INT(st, 0);
        free(out);
        size_t n = 0;
        char *raw = qdf_of(pdf, &n);
        found_fonts *found = malloc(sizeof(*found));
        face_codes *fc = malloc(sizeof(*fc));
        find_fonts(raw, n, found);
        codes_of(&fx->doc, RC_FACE_REGULAR, fc);
        CHECK_INT(found->nw, 1);
        CHECK_INT(fc->n, count);
        CHECK(font_matches(found, face, fc));
        free(fc);
        free(found);
        free(raw);
    }
    free(pdf);
    rc_buf_release(&text);
    rc_buf_release(&expected);
}

/*
 * A character the face lacks still has a code of its own, mapped back by
 * ToUnicode: it is drawn as the .notdef glyph (build.c warns of it) and
 * extracts as itself, above U+FFFF too (a surrogate pair in ToUnicode).
 */
static void test_missing_character(fixture *fx)
{
    const rc_face *face = fx->fonts.faces[RC_FACE_REGULAR];
    CHECK(!rc_face_has_char(face, 0x4E2D));
    one_run_doc(fx, RC_FACE_REGULAR, "a中b\xF0\x9F\x98\x80" "c");
    char *pdf = path_in("missing.pdf");
    rc_diags d;
    rc_diags_init(&d);
    CHECK_INT(rc_pdf_write(&fx->doc, pdf, &d), 0);
    rc_diags_release(&d);
    int st;
    if (have_tool("pdftotext", "poppler-utils")) {
        char *out = runf(&st, "pdftotext -enc UTF-8 '%s' - 2>&1", pdf);
        CHECK_STR(out, "a中b\xF0\x9F\x98\x80" "c\n\n\f");
        free(out);
    }
    if (have_tool("qpdf", "qpdf")) {
        char *out = runf(&st, "qpdf --check '%s' 2>&1", pdf);
        CHECK_INT(st, 0);
        free(out);
    }
    free(pdf);
}

/* Degenerate documents are internal errors, not crashes or empty files. */
static void test_bad_docs(fixture *fx)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_doc doc;
    rc_doc_init(&doc);
    doc.width = RC_PT(100);
    doc.height = RC_PT(100);
    doc.fonts = &fx->fonts;
    char *target = path_in("bad.pdf");
    CHECK_INT(rc_pdf_write(&doc, target, &d), -1);
    CHECK(last_error_is(&d, RC_FAIL_INTERNAL, "no pages"));

    /* Spans left open at the end of a page are closed; empty runs are fine. */
    rc_page *pg = rc_doc_add_page(&doc);
    rc_draw *r = rc_page_add(pg, RC_DRAW_TEXT);
    r->span_begin = "open";
    size_t errors = d.nerrors;
    CHECK_INT(rc_pdf_write(&doc, target, &d), 0);
    CHECK_INT(d.nerrors, errors);
    int st;
    if (have_tool("qpdf", "qpdf")) {
        char *out = runf(&st, "qpdf --check '%s' 2>&1", target);
        CHECK_INT(st, 0);
        free(out);
    }
    struct stat sb;
    CHECK(stat(target, &sb) == 0);
    rc_doc_release(&doc);
    free(target);
    rc_diags_release(&d);
}

int main(void)
{
    /* The tests decide when dates are wanted; CI may export one. */
    unsetenv("SOURCE_DATE_EPOCH");
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof(tmpdir), "%s/rc_test_dev_pdf.XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }

    fixture fx;
    memset(&fx, 0, sizeof(fx));
    rc_arena_init(&fx.arena);
    rc_diags d;
    rc_diags_init(&d);
    char *font_dir = rc_fonts_find_dir();
    CHECK(font_dir != NULL);
    if (font_dir && rc_fonts_load(&fx.fonts, font_dir, &d) == 0) {
        build_sample(&fx);
        test_sample(&fx);
        test_deterministic(&fx);
        test_io_errors(&fx);
        test_bad_docs(&fx);
        test_many_characters(&fx);
        test_missing_character(&fx);
        test_font_files(font_dir);
        rc_doc_release(&fx.doc);
    } else {
        CHECK(!"cannot load the fonts (set RESCOMP_FONT_DIR to the fonts/ directory)");
        rc_diags_print(&d, stderr);
    }
    rc_fonts_release(&fx.fonts);
    rc_diags_release(&d);
    rc_arena_release(&fx.arena);
    free(font_dir);

    int st;
    if (getenv("RC_TEST_KEEP"))
        fprintf(stderr, "test_dev_pdf: files kept in %s\n", tmpdir);
    else
        free(runf(&st, "rm -rf '%s'", tmpdir));
    return rc_test_report("test_dev_pdf");
}
