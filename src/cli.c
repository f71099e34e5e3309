/*
 * cli: one job of the rescomp program (run.c picks the jobs) compiled
 * through the library's own path (compile.h), and what only a program
 * does with it: the output written atomically to its file, the trace on
 * its stream, the diagnostics printed on stderr, an exit code.
 */
#include "cli.h"

#include "atomic.h"
#include "compile.h"
#include "dev_text.h"
#include "run.h"

#include <stdio.h>

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

int rc_compile_job(const rc_job *job)
{
    const rescomp_options *o = job->o;
    rc_diags d;
    rc_diags_init(&d);
    int format = rc_format_of(o->format, job->output);
    rc_compile_request rq = {job->source, job->variant, job->last_load,
                             rc_run_font_store(job->run), format < 0 ? RC_FORMAT_PDF : format,
                             o->pdf_standards, o->no_pdf_tags, o->strict};
    rc_buf out = RC_BUF_INIT, trace = RC_BUF_INIT;
    rc_arena a;
    rc_arena_init(&a);
    int rc = rc_compile_output(&rq, &a, job->output ? &out : NULL, job->trace ? &trace : NULL,
                               &d);
    if (job->trace && trace.len) /* laid out, whether or not rendered */
        fwrite(trace.ptr ? trace.ptr : "", 1, trace.len, job->trace);
    if (rc == 0 && job->output && !(o->strict && d.nwarnings))
        rc_write_atomic(job->output, out.ptr ? out.ptr : "", out.len, &d);
    rc_buf_release(&trace);
    rc_buf_release(&out);

    rc_job_heading(job, &d);
    rc_print_diags(&d, o->quiet);
    int code = rc_exit_code(&d, o->strict);
    rc_diags_release(&d);
    rc_arena_release(&a); /* after the diagnostics, which point into it */
    return code;
}

int rescomp_compile(const rescomp_options *o)
{
    return rc_run_main(o);
}
