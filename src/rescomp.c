/*
 * rescomp: the facade that runs the pipeline
 *   load -> fonts -> style -> layout (build, linebreak, page) -> devices
 * and turns the diagnostics into an exit code.
 */
#include "rescomp/rescomp.h"

#include "dev.h"
#include "diag.h"
#include "font.h"
#include "layout.h"
#include "load.h"
#include "style.h"
#include "design.h"

#include <stdlib.h>
#include <string.h>

static int exit_code_for(const rc_diags *d, int strict)
{
    for (size_t i = 0; i < d->n; i++) {
        if (d->v[i].severity != RC_ERROR)
            continue;
        switch (d->v[i].failure) {
        case RC_FAIL_INPUT:
            return RESCOMP_EXIT_INPUT;
        case RC_FAIL_IO:
            return RESCOMP_EXIT_IO;
        case RC_FAIL_FONT:
            return RESCOMP_EXIT_FONT;
        case RC_FAIL_INTERNAL:
            return RESCOMP_EXIT_INTERNAL;
        case RC_FAIL_USAGE:
            return RESCOMP_EXIT_USAGE;
        }
    }
    if (strict && d->nwarnings)
        return RESCOMP_EXIT_INPUT;
    return RESCOMP_EXIT_OK;
}

static void print_diags(const rc_diags *d, int quiet)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < d->n; i++) {
        if (quiet && d->v[i].severity == RC_WARNING)
            continue;
        rc_buf_reset(&b);
        rc_diag_format(&d->v[i], &b);
        fprintf(stderr, "%s\n", rc_buf_str(&b));
    }
    rc_buf_release(&b);
}

/* Everything that must be set up before layout; -1 on any error. */
static int prepare(const rescomp_options *o, rc_cv *cv, rc_fonts *fonts, rc_style *st,
                   rc_arena *a, rc_diags *d)
{
    if (rc_load_cv_file(cv, o->input, a, d) != 0 || d->nerrors)
        return -1;
    if (rc_style_load(st, cv, a, d) != 0)
        return -1;
    char *dir = rc_fonts_find_dir();
    if (!dir)
        return rc_error_class(d, RC_FAIL_FONT, (rc_pos){0},
                              "cannot find rescomp's fonts (cmu-serif-regular.ttf); reinstall "
                              "rescomp or set RESCOMP_FONT_DIR to the folder that holds them");
    int status = rc_fonts_load(fonts, dir, d);
    free(dir);
    return status;
}

int rescomp_compile(const rescomp_options *o)
{
    rc_diags d;
    rc_arena a;
    rc_cv cv = {0};
    rc_fonts fonts = {0};
    rc_style st;
    rc_doc doc;
    rc_diags_init(&d);
    rc_arena_init(&a);
    rc_doc_init(&doc);

    if (prepare(o, &cv, &fonts, &st, &a, &d) == 0 &&
        rc_layout_cv(&cv, &st, &fonts, &a, &doc, &d) == 0 && d.nerrors == 0) {
        int strict_failed = o->strict && d.nwarnings;
        if (o->trace) {
            rc_buf b = RC_BUF_INIT;
            rc_trace_write(&doc, &b);
            fwrite(b.ptr ? b.ptr : "", 1, b.len, o->trace);
            rc_buf_release(&b);
        }
        /* Under --strict a warning fails the run, so nothing is written. */
        if (o->output && !strict_failed)
            rc_pdf_write(&doc, o->output, &d);
    }

    print_diags(&d, o->quiet);
    int code = exit_code_for(&d, o->strict);
    rc_doc_release(&doc);
    rc_fonts_release(&fonts);
    rc_arena_release(&a);
    rc_diags_release(&d);
    return code;
}
