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
#include "job.h"
#include "run.h"

#include <stdio.h>

void rc_print_diags(FILE *to, const rc_diags *d, int quiet, int color)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < d->n; i++) {
        if (quiet && d->v[i].severity != RC_ERROR)
            continue;
        rc_buf_reset(&b);
        rc_diag_format_color(&d->v[i], color, &b);
        fprintf(to, "%s\n", rc_buf_str(&b));
    }
    rc_buf_release(&b);
}

/* "38 KB" */
static void add_size(rc_buf *out, size_t bytes)
{
    if (bytes < 1024)
        rc_buf_addf(out, "%zu bytes", bytes);
    else if (bytes < 1024 * 1024)
        rc_buf_addf(out, "%zu KB", (bytes + 512) / 1024);
    else
        rc_buf_addf(out, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
}

/*
 * What -q leaves out and a terminal shows: "wrote cv.pdf: 2 pages, 38 KB".
 * Text is counted in lines and characters, the units of the text boxes of
 * job portals ("at most 4000 characters").
 */
static void summarize(const char *path, size_t pages, rc_format f, const rc_buf *file,
                      rc_buf *out)
{
    rc_buf_adds(out, "wrote ");
    if (rc_is_stdout(path))
        rc_buf_adds(out, "standard output");
    else
        rc_buf_add_shown(out, path);
    rc_buf_adds(out, ": ");
    if (f == RC_FORMAT_PDF) {
        rc_buf_addf(out, "%zu page%s, ", pages, pages == 1 ? "" : "s");
        add_size(out, file->len);
        return;
    }
    size_t lines = 0;
    for (size_t i = 0; i < file->len; i++)
        lines += file->ptr[i] == '\n';
    rc_buf_addf(out, "%zu line%s, %zu characters", lines, lines == 1 ? "" : "s",
                rc_utf8_length(rc_buf_str(file), file->len));
}

const char *rescomp_format_extension(const char *format)
{
    int f = format ? rc_format_of(format, NULL) : -1;
    return f < 0 ? NULL : rc_format_extension((rc_format)f);
}

int rc_compile_job(const rc_job *job)
{
    const rescomp_options *o = job->o;
    FILE *err = job->err ? job->err : stderr, *report_to = job->out ? job->out : stdout;
    rc_diags d;
    rc_diags_init(&d);
    int format = rc_format_of(o->format, job->output);
    size_t pages = 0, letter_pages = 0;
    int has_letter = 0;
    rc_compile_request rq = {job->source, job->variant, job->last_load,
                             rc_run_font_store(job->run), format < 0 ? RC_FORMAT_PDF : format,
                             o->pdf_standards, o->no_pdf_tags, o->strict,
                             o->text_width == RESCOMP_NO_WRAP ? 0
                             : o->text_width > 0              ? o->text_width
                                                              : RC_TEXT_WIDTH,
                             &pages, job->document,
                             job->letter_output || o->check, NULL, &has_letter,
                             &letter_pages, NULL, NULL, rc_run_images(job->run)};
    rc_buf out = RC_BUF_INIT, trace = RC_BUF_INIT, summary = RC_BUF_INIT, letter = RC_BUF_INIT;
    if (job->letter_output)
        rq.letter_out = &letter;
    rc_buf ad = RC_BUF_INIT, text = RC_BUF_INIT;
    const char *lang = NULL;
    /* An ad that cannot be read fails the job: its error comes with the CV's, nothing is written. */
    int ad_failed = job->ad && rc_job_read(job->ad, job->ad_pos, &ad, &d) < 0;
    if (job->ad) {
        rq.text = &text;
        rq.lang = &lang;
    }
    rc_arena a;
    rc_arena_init(&a);
    int rc = rc_compile_output(&rq, &a, job->output && !ad_failed ? &out : NULL,
                               job->trace ? &trace : NULL, &d);
    if (job->trace && trace.len) /* laid out, whether or not rendered */
        fwrite(trace.ptr ? trace.ptr : "", 1, trace.len, job->trace);
    if (job->ad && !ad_failed && rc == 0 && !d.nerrors && !(o->strict && d.nwarnings)) {
        rc_buf report = RC_BUF_INIT;
        if (job->heading && job->variant >= 0)
            rc_buf_addf(&report, "variant: %s\n",
                        rc_source_variant_name(job->source, (size_t)job->variant));
        rc_job_check(rc_buf_str(&ad), ad.len, rc_buf_str(&text), text.len, lang, &report);
        fwrite(report.ptr, 1, report.len, report_to);
        fflush(report_to);
        rc_buf_release(&report);
    }
    rc_buf_release(&ad);
    rc_buf_release(&text);
    /* Under --strict a warning fails the run, so nothing is written. */
    if (rc == 0 && job->output && !ad_failed && !(o->strict && d.nwarnings) &&
        rc_write_output(job->output, out.ptr ? out.ptr : "", out.len, &d) == 0 && o->summary)
        summarize(job->output, pages, (rc_format)rq.format, &out, &summary);
    /* The letter beside the CV, once the CV is written. */
    if (rc == 0 && has_letter && job->letter_output && !d.nerrors &&
        !(o->strict && d.nwarnings) &&
        rc_write_output(job->letter_output, letter.ptr ? letter.ptr : "", letter.len, &d) == 0 &&
        o->summary) {
        rc_buf_addc(&summary, '\n');
        summarize(job->letter_output, letter_pages, (rc_format)rq.format, &letter, &summary);
    }
    rc_buf_release(&letter);
    rc_buf_release(&trace);
    rc_buf_release(&out);

    rc_job_heading(err, job, &d);
    rc_print_diags(err, &d, o->quiet, o->color);
    if (summary.len)
        fprintf(err, "%s\n", rc_buf_str(&summary));
    rc_buf_release(&summary);
    int code = rc_exit_code(&d, o->strict);
    rc_diags_release(&d);
    rc_arena_release(&a); /* after the diagnostics, which point into it */
    return code;
}

int rescomp_compile(const rescomp_options *o)
{
    return rc_run_main(o);
}
