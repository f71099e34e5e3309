/*
 * rescomp: the facade that runs the pipeline
 *   load -> fonts -> style -> layout (build, linebreak, page) -> devices
 * and turns the diagnostics into an exit code. What happens around one
 * compilation (overlays, variants, parallel jobs, --depfile, --watch) is
 * run.c's; each CV it wants is compiled here, by rc_compile_job.
 */
#include "rescomp/rescomp.h"

#include "dev.h"
#include "diag.h"
#include "font.h"
#include "layout.h"
#include "phone.h"
#include "run.h"
#include "source.h"
#include "style.h"
#include "design.h"
#include "dev_text.h"
#include "dev_html.h"

#include <stdlib.h>
#include <string.h>

int rc_exit_code(const rc_diags *d, int strict)
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

void rc_print_diags(const rc_diags *d, int quiet)
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
static int prepare(const rc_job *job, rc_cv *cv, rc_fonts *fonts, rc_style *st,
                   rc_arena *a, rc_diags *d)
{
    /* The input with its overlays, --set values and variant (source.c). */
    int loaded = rc_source_load(job->source, job->variant, cv, a, d);
    if (job->last_load)
        rc_source_drop_document(job->last_load, job->variant);
    if (loaded != 0 || d->nerrors)
        return -1;
    if (rc_style_load(st, cv, a, d) != 0)
        return -1;
    rc_cv_format_phones(cv, st->phone_format, a, d);
    /* The faces are loaded once per process (run.c). */
    return rc_run_fonts(job->run, st->font_family, fonts, d);
}

int rescomp_compile(const rescomp_options *o)
{
    return rc_run_main(o);
}

int rc_compile_job(const rc_job *job)
{
    const rescomp_options *o = job->o;
    rc_diags d;
    rc_arena a;
    rc_cv cv = {0};
    rc_fonts fonts = {0};
    rc_style st;
    rc_doc doc;
    rc_diags_init(&d);
    rc_arena_init(&a);
    rc_doc_init(&doc);
    doc.notes = job->trace != NULL; /* only the trace shows how lines were broken */
    doc.pdf_standards = o->pdf_standards;
    doc.untagged = o->no_pdf_tags;

    int format = rc_format_of(o->format, job->output);
    if (prepare(job, &cv, &fonts, &st, &a, &d) == 0 &&
        rc_layout_cv(&cv, &st, &fonts, &a, &doc, &d) == 0 && d.nerrors == 0) {
        int strict_failed = o->strict && d.nwarnings;
        if (job->trace) {
            rc_buf b = RC_BUF_INIT;
            rc_trace_write(&doc, &b);
            fwrite(b.ptr ? b.ptr : "", 1, b.len, job->trace);
            rc_buf_release(&b);
        }
        /* Under --strict a warning fails the run, so nothing is written. */
        if (job->output && !strict_failed) {
            /* Text and Markdown are the same laid-out document, written as text. */
            if (format == RC_FORMAT_TXT || format == RC_FORMAT_MD)
                rc_text_write(&doc, job->output, (rc_format)format, &d);
            else if (format == RC_FORMAT_HTML)
                rc_html_write(&doc, &st, job->output, &d);
            else
                rc_pdf_write(&doc, job->output, &d);
        }
    }

    rc_job_heading(job, &d);
    rc_print_diags(&d, o->quiet);
    int code = rc_exit_code(&d, o->strict);
    rc_doc_release(&doc);
    rc_fonts_release(&fonts);
    rc_arena_release(&a);
    rc_diags_release(&d);
    return code;
}
