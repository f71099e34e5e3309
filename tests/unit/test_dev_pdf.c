/*
 * The PDF device, checked with real tools: display lists built by hand are
 * written to a temporary directory and read back with pdftotext, pdffonts,
 * pdfinfo and qpdf (Debian packages poppler-utils and qpdf; CI installs
 * them). What matters to users is checked, not libharu's exact bytes: text
 * extracts exactly (including a hyphenated word whole), fonts are embedded,
 * the information dictionary reads right, output is byte-identical, and a
 * failed write leaves the target alone.
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
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        rc_buf_add(&b, chunk, n);
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

static int contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
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
    }
    if (have_tool("qpdf", "qpdf")) {
        char *out = runf(&st, "qpdf --check '%s' 2>&1", pdf);
        CHECK_INT(st, 0);
        CHECK(contains(out, "No syntax or stream encoding errors"));
        free(out);

        /* The raw content: one TJ array per run, kerning and justification
         * as TJ numbers (-0.8 pt at 10 pt = 80), rule, span. */
        char *qdf = path_in("sample-qdf.pdf");
        free(runf(&st, "qpdf --qdf --normalize-content=n --object-streams=disable '%s' '%s'",
                  pdf, qdf));
        CHECK_INT(st, 0);
        char *raw = read_file(qdf, NULL);
        CHECK(contains(raw, "[<0041> 80 <0056> 80 <0041> 50 <0054> 50 <0041> 20 <0052>] TJ"));
        CHECK(contains(raw, "[<006F006E00650020> -600 <00740077006F0020> -600 "
                            "<007400680072006500650020> -600 <0066006F00750072>] TJ"));
        CHECK(contains(raw, "[<00200031003000A0006B006D>] TJ"));
        /* A valid ToUnicode CMap (libharu's own is not), with the NBSP. */
        CHECK(contains(raw, "beginbfchar\n"));
        CHECK(contains(raw, "<00A0> <00A0>\n"));
        CHECK(contains(raw, "<03B1> <03B2> <03B1>\n")); /* α β: one range */
        CHECK(!contains(raw, "begincidrange"));
        /* The hyphenated word: whole on its first piece, empty on the rest. */
        CHECK(contains(raw, "/Span <</ActualText <FEFF00650078007400720061006F007200640069006E0061"
                            "00720079>>> BDC\nBT\n"));
        CHECK(contains(raw, "/Span <</ActualText ()>> BDC\nBT\n"));
        CHECK(contains(raw, "0.2 0.4 0.6 rg\n72 661.49 451.276 0.4 re f"));
        CHECK(contains(raw, "0.122 0.306 0.475 rg"));
        CHECK(contains(raw, "/URI (https://example.org/cv)"));
        CHECK(contains(raw, "/URI (https://example.org/caf%C3%A9)"));
        free(raw);
        size_t n = 0;
        raw = read_file(pdf, &n); /* binary: strstr would stop at a NUL */
        CHECK(has_bytes(raw, n, "/Border [ 0 0 0 ]"));
        free(raw);
        free(qdf);

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
    /* No /ID and no dates without SOURCE_DATE_EPOCH. */
    CHECK(pa && !has_bytes(pa, na, "/ID") && !has_bytes(pa, na, "/CreationDate"));
    free(pa);
    free(pb);

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
    CHECK(pa && has_bytes(pa, na, "/CreationDate (D:19700101000000Z00'00')"));
    CHECK(pa && has_bytes(pa, na, "/ModDate (D:19700101000000Z00'00')"));
    free(pa);
    free(pb);
    int st;
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
    pa = read_file(a, &na);
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

/*
 * A font that libharu rejects is an RC_FAIL_FONT error naming the file.
 * The faces are loaded from a copy of the font directory, whose italic file
 * is then replaced (a new inode, so a mapping of the old one stays valid).
 */
static void test_font_error(const char *font_dir)
{
    int st;
    char *copy = path_in("fonts");
    free(runf(&st, "mkdir -p '%s' && cp '%s'/*.ttf '%s'/", copy, font_dir, copy));
    CHECK_INT(st, 0);

    rc_diags d;
    rc_diags_init(&d);
    rc_fonts fonts;
    memset(&fonts, 0, sizeof(fonts));
    if (rc_fonts_load(&fonts, copy, &d) == 0) {
        const char *bad = rc_face_path(fonts.faces[RC_FACE_ITALIC]);
        char *bad_copy = rc_xstrdup(bad);
        unlink(bad_copy);
        write_text_file(bad_copy, "this is not a TrueType font, but long enough to be read");

        fixture fx;
        memset(&fx, 0, sizeof(fx));
        rc_arena_init(&fx.arena);
        fx.fonts = fonts;
        rc_doc_init(&fx.doc);
        fx.doc.width = RC_PT(595.276);
        fx.doc.height = RC_PT(841.89);
        fx.doc.fonts = &fx.fonts;
        rc_page *pg = rc_doc_add_page(&fx.doc);
        add_run(&fx, pg, RC_FACE_ITALIC, 10, RC_PT(72), 72, "italic");

        char *target = path_in("font-error.pdf");
        CHECK_INT(rc_pdf_write(&fx.doc, target, &d), -1);
        CHECK(last_error_is(&d, RC_FAIL_FONT, bad_copy));
        struct stat sb;
        CHECK(stat(target, &sb) != 0);
        free(target);

        /* A face that is not used is not loaded, so its breakage is harmless. */
        rc_doc_release(&fx.doc);
        rc_doc_init(&fx.doc);
        fx.doc.width = RC_PT(595.276);
        fx.doc.height = RC_PT(841.89);
        fx.doc.fonts = &fx.fonts;
        pg = rc_doc_add_page(&fx.doc);
        add_run(&fx, pg, RC_FACE_REGULAR, 10, RC_PT(72), 72, "regular");
        target = path_in("font-unused.pdf");
        CHECK_INT(rc_pdf_write(&fx.doc, target, &d), 0);
        free(target);

        rc_doc_release(&fx.doc);
        rc_arena_release(&fx.arena);
        free(bad_copy);
    } else {
        CHECK(!"cannot load the copied fonts");
        rc_diags_print(&d, stderr);
    }
    rc_fonts_release(&fonts);
    rc_diags_release(&d);
    free(copy);
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
        test_font_error(font_dir);
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
