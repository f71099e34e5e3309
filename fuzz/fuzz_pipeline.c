/*
 * fuzz_pipeline: bytes -> load -> style -> layout (build, linebreak,
 * page) -> trace device: what rescomp_compile does, minus the PDF writer
 * (libharu is not ours to fuzz, and writing a file per input is slow).
 * The fonts are loaded once, in LLVMFuzzerInitialize, from
 * $RESCOMP_FONT_DIR (set to the source tree's fonts/ when unset).
 *
 * Properties: layout fails exactly when it reports an error; a document
 * that lays out has pages of the style's size, runs whose code points are
 * all in their face (layout must report a missing character, never pass it
 * on), no negative sizes, and a trace that is valid UTF-8.
 */
#include "fuzz.h"

#include "dev.h"
#include "font.h"
#include "layout.h"
#include "load.h"
#include "design.h"
#include "style.h"

#include <string.h>

#ifndef RESCOMP_FUZZ_FONT_DIR
#define RESCOMP_FUZZ_FONT_DIR "fonts"
#endif

static rc_fonts fonts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    if (!getenv("RESCOMP_FONT_DIR"))
        setenv("RESCOMP_FONT_DIR", RESCOMP_FUZZ_FONT_DIR, 0);
    char *dir = rc_fonts_find_dir();
    rc_diags d;
    rc_diags_init(&d);
    if (!dir || rc_fonts_load(&fonts, dir, &d) != 0) {
        fprintf(stderr, "fuzz_pipeline: cannot load the fonts from '%s'; set RESCOMP_FONT_DIR\n",
                dir ? dir : getenv("RESCOMP_FONT_DIR"));
        rc_diags_print(&d, stderr);
        exit(1);
    }
    free(dir);
    rc_diags_release(&d);
    return 0;
}

static void check_doc(const rc_doc *doc, const rc_style *st)
{
    FUZZ_CHECK(doc->npages >= 1);
    FUZZ_CHECK(doc->width == st->page_width && doc->height == st->page_height);
    for (size_t p = 0; p < doc->npages; p++) {
        const rc_page *pg = &doc->pages[p];
        for (size_t i = 0; i < pg->n; i++) {
            const rc_draw *dr = &pg->v[i];
            FUZZ_CHECK(dr->w >= 0 && dr->h >= 0);
            if (dr->kind != RC_DRAW_TEXT)
                continue;
            FUZZ_CHECK(dr->face < RC_FACE_COUNT && dr->size > 0);
            FUZZ_CHECK(dr->n == 0 || dr->cps != NULL);
            const rc_face *face = fonts.faces[dr->face];
            for (size_t k = 0; k < dr->n; k++)
                FUZZ_CHECK(rc_face_has_char(face, dr->cps[k]));
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rc_arena a;
    rc_diags d;
    rc_cv cv;
    rc_style st;
    rc_doc doc;
    rc_arena_init(&a);
    rc_diags_init(&d);
    rc_doc_init(&doc);
    if (rc_load_cv_memory(&cv, "fuzz.yaml", (const char *)data, size, &a, &d) == 0 &&
        rc_style_load(&st, &cv, &a, &d) == 0 && d.nerrors == 0) {
        int rc = rc_layout_cv(&cv, &st, &fonts, &a, &doc, &d);
        FUZZ_CHECK(rc == 0 || rc == -1);
        FUZZ_CHECK((rc == 0) == (d.nerrors == 0));
        if (rc == 0) {
            check_doc(&doc, &st);
            rc_buf b = RC_BUF_INIT;
            rc_trace_write(&doc, &b);
            FUZZ_CHECK(b.len > 0 && rc_utf8_find_invalid(b.ptr, b.len) == (size_t)-1);
            rc_buf_release(&b);
        }
    }
    rc_doc_release(&doc);
    rc_diags_release(&d);
    rc_arena_release(&a);
    return 0;
}
