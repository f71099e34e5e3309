/*
 * fuzz_pipeline: bytes -> source (input, overlay, --set, variants) ->
 * style -> layout (build, linebreak, page; fitted to design.page.max_pages)
 * -> trace, txt and md devices:
 * what a run of rescomp does for each output, minus the PDF writer (libharu is not ours
 * to fuzz, and writing a file per input is slow). The fonts are loaded
 * once, in LLVMFuzzerInitialize, from $RESCOMP_FONT_DIR (set to the
 * source tree's fonts/ when unset).
 *
 * Input: the CV file, then optionally NUL-separated pieces: a piece that
 * starts with '@' is an overlay file (its text after the '@'; the first
 * one only), any other is a --set value ("dotted.path=value", four at
 * most). The source layer reads files, so the pieces are written to
 * temporary files, rewritten for each input. The CV as written and its
 * first three variants are laid out.
 *
 * Properties: each stage fails exactly when it reports an error; a
 * document that lays out has pages of the style's size, runs whose code
 * points are all in their face unless a warning said that no font has one
 * (it is then drawn as the face's .notdef box), no combining character
 * past the 32nd on one letter, no negative sizes, no font expansion
 * beyond 2%, and a trace, txt and md that are valid UTF-8.
 */
#include "fuzz.h"

#include "grapheme.h"

#include "design.h"
#include "dev.h"
#include "dev_text.h"
#include "font.h"
#include "fit.h"
#include "layout.h"
#include "linebreak.h"
#include "source.h"
#include "style.h"

#include <fontconfig/fontconfig.h>
#include <string.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_LSAN 1
#endif
#endif
#ifdef FUZZ_LSAN
#include <sanitizer/lsan_interface.h>
#endif

#define MAX_SETS 4
#define MAX_VARIANTS 3

static rc_fonts fonts;
static char cv_path[64], overlay_path[64];

static void remove_files(void)
{
    unlink(cv_path);
    unlink(overlay_path);
}

static void make_temp(char *path, size_t cap)
{
    snprintf(path, cap, "/tmp/rescomp-fuzz-XXXXXX");
    int fd = mkstemp(path);
    FUZZ_CHECK(fd >= 0);
    close(fd);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_load_fonts(&fonts, "fuzz_pipeline");
    /*
     * fontconfig 2.14 loses a pattern of each <rejectfont><pattern> it
     * reads (Debian's 70-no-bitmaps.conf has one) while it loads its
     * configuration, once a process: a leak in the library, which LSan
     * reports for the first input that needs a fallback font. A line of
     * lsan.supp cannot single it out: ASan's fast unwinder stops at
     * fontconfig's first frame (the library keeps no frame pointers), so
     * the stack names no function to match, and matching the whole module
     * would hide any fontconfig object that fontset.c forgets to free. So
     * fontconfig is set up here, before the first input, with leak
     * detection off for exactly that call (fontset.c's FcInit then finds
     * it ready).
     */
#ifdef FUZZ_LSAN
    __lsan_disable();
#endif
    FcInit();
#ifdef FUZZ_LSAN
    __lsan_enable();
#endif
    make_temp(cv_path, sizeof cv_path);
    make_temp(overlay_path, sizeof overlay_path);
    atexit(remove_files);
    return 0;
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, len, f) == len);
    FUZZ_CHECK(fclose(f) == 0);
}

/* Whether a diagnostic's message contains s. */
static int said(const rc_diags *d, const char *s)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->v[i].message, s))
            return 1;
    return 0;
}

static void check_doc(const rc_doc *doc, const rc_style *st, const rc_diags *d)
{
    int missing = said(d, "no installed font has");
    FUZZ_CHECK(doc->npages >= 1);
    FUZZ_CHECK(doc->width == st->page_width && doc->height == st->page_height);
    for (size_t p = 0; p < doc->npages; p++) {
        const rc_page *pg = &doc->pages[p];
        for (size_t i = 0; i < pg->n; i++) {
            const rc_draw *dr = &pg->v[i];
            FUZZ_CHECK(dr->w >= 0 && dr->h >= 0);
            if (dr->kind != RC_DRAW_TEXT)
                continue;
            FUZZ_CHECK(dr->face >= 0 && (size_t)dr->face < fonts.nfaces && dr->size > 0);
            /* font expansion never scales glyphs beyond microtype's 2% */
            FUZZ_CHECK(dr->expand >= -RC_EXPAND_MAX && dr->expand <= RC_EXPAND_MAX);
            FUZZ_CHECK(dr->n == 0 || dr->cps != NULL);
            const rc_face *face = fonts.faces[dr->face];
            size_t marks = 0;
            for (size_t k = 0; k < dr->n; k++) {
                marks = rc_extends_cluster(dr->cps[k]) ? marks + 1 : 0;
                FUZZ_CHECK(marks <= RC_MAX_CLUSTER_MARKS);
                if (!rc_face_has_char(face, dr->cps[k]) && !missing) {
                    rc_buf t = RC_BUF_INIT;
                    for (size_t m = 0; m < dr->n; m++)
                        rc_buf_add_utf8(&t, dr->cps[m]);
                    fprintf(stderr, "U+%04X is not in %s, in the run \"%s\"\n",
                            (unsigned)dr->cps[k], rc_face_name(face), rc_buf_str(&t));
                    rc_buf_release(&t);
                }
                FUZZ_CHECK(rc_face_has_char(face, dr->cps[k]) || missing);
            }
        }
    }
}

/* One output: variant v (-1: the CV as written) laid out and traced. */
/* What the text devices write is valid UTF-8 without NUL bytes; no txt line ends in a space. */
static void check_text(const rc_buf *b, rc_format f)
{
    FUZZ_CHECK(rc_utf8_find_invalid(b->ptr ? b->ptr : "", b->len) == (size_t)-1);
    FUZZ_CHECK(!b->len || memchr(b->ptr, 0, b->len) == NULL);
    for (size_t i = 0; f == RC_FORMAT_TXT && i < b->len;) {
        const char *line = b->ptr + i, *nl = memchr(line, '\n', b->len - i);
        size_t n = nl ? (size_t)(nl - line) : b->len - i;
        FUZZ_CHECK(n == 0 || line[n - 1] != ' ');
        i += n + 1;
    }
}

/* The bytes of a text that are not spaces or newlines; doc: render it at 80 columns first. */
static size_t visible(rc_buf *b, rc_format f, const rc_doc *doc)
{
    if (doc) {
        rc_buf_reset(b);
        rc_text_render(doc, f, b);
    }
    size_t n = 0;
    for (size_t i = 0; i < b->len; i++)
        n += b->ptr[i] != ' ' && b->ptr[i] != '\n';
    return n;
}

static void run_variant(const rc_source *src, int v)
{
    rc_arena a;
    rc_diags d;
    rc_cv cv;
    rc_style st;
    rc_doc doc;
    rc_arena_init(&a);
    rc_diags_init(&d);
    rc_doc_init(&doc);
    doc.notes = 1; /* traced, as with --trace */
    int rc = rc_source_load(src, v, &cv, &a, &d);
    FUZZ_CHECK((rc == 0) == (d.nerrors == 0));
    if (rc == 0) {
        rc = rc_style_load(&st, &cv, &a, &d);
        FUZZ_CHECK(rc == 0 || d.nerrors > 0);
    }
    if (rc == 0 && d.nerrors == 0) {
        rc = rc_fit_layout(&cv, &st, &fonts, &a, &doc, &d);
        FUZZ_CHECK(rc == 0 || rc == -1);
        FUZZ_CHECK((rc == 0) == (d.nerrors == 0));
        /* design.page.max_pages is kept, or it is an error */
        FUZZ_CHECK(rc < 0 || st.max_pages == 0 || doc.npages <= (size_t)st.max_pages);
        if (rc == 0) {
            check_doc(&doc, &st, &d);
            rc_buf b = RC_BUF_INIT;
            rc_trace_write(&doc, &b);
            FUZZ_CHECK(b.len > 0 && rc_utf8_find_invalid(b.ptr, b.len) == (size_t)-1);
            /* the text devices over the same tree */
            for (int f = RC_FORMAT_TXT; f <= RC_FORMAT_MD; f++) {
                rc_buf_reset(&b);
                rc_text_render(&doc, (rc_format)f, &b);
                check_text(&b, (rc_format)f);
            }
            /* --width: narrow, and no hard wrapping; the same text, only its spaces moved */
            size_t shown = visible(&b, RC_FORMAT_TXT, &doc);
            static const int widths[] = {RC_TEXT_MIN_WIDTH, 0};
            for (size_t w = 0; w < RC_ARRAY_LEN(widths); w++) {
                rc_buf_reset(&b);
                rc_text_render_width(&doc, RC_FORMAT_TXT, widths[w], &b);
                check_text(&b, RC_FORMAT_TXT);
                FUZZ_CHECK(visible(&b, RC_FORMAT_TXT, NULL) == shown);
            }
            rc_buf_release(&b);
        }
    }
    rc_doc_release(&doc);
    rc_diags_release(&d);
    rc_arena_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data, *end = in + size;
    const char *nul = size ? memchr(in, 0, size) : NULL;
    write_file(cv_path, in, nul ? (size_t)(nul - in) : size);

    /* The pieces after the CV: one overlay file, --set values. */
    char *rest = NULL;
    const char *sets[MAX_SETS], *overlays[1];
    size_t nsets = 0, noverlays = 0;
    if (nul) {
        size_t n = (size_t)(end - nul - 1);
        rest = malloc(n + 1);
        FUZZ_CHECK(rest != NULL);
        if (n)
            memcpy(rest, nul + 1, n);
        rest[n] = 0;
        for (size_t i = 0; i <= n;) {
            char *piece = rest + i;
            size_t len = strlen(piece);
            if (piece[0] == '@' && noverlays == 0) {
                write_file(overlay_path, piece + 1, len - 1);
                overlays[noverlays++] = overlay_path;
            } else if (piece[0] != '@' && nsets < MAX_SETS) {
                sets[nsets++] = piece;
            }
            i += len + 1;
        }
    }

    rc_diags d;
    rc_diags_init(&d);
    rc_source *src = NULL;
    rc_source_spec spec = {cv_path, overlays, NULL, noverlays, sets, nsets, NULL, NULL, 0, NULL, NULL};
    int rc = rc_source_open(&src, &spec, &d);
    FUZZ_CHECK(src != NULL);
    FUZZ_CHECK((rc == 0) == (d.nerrors == 0));
    if (rc == 0) {
        size_t nv = rc_source_nvariants(src);
        for (int v = -1; v < (int)nv && v < MAX_VARIANTS; v++) {
            if (v >= 0)
                FUZZ_CHECK(rc_source_variant_name(src, (size_t)v) != NULL);
            run_variant(src, v);
        }
    }
    rc_diags_release(&d);
    rc_source_free(src);
    free(rest);
    return 0;
}
