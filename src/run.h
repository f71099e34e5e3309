/*
 * run: what one invocation does around the compilation of a CV: open the
 * source (input, overlays, --set), pick the jobs (the CV as written, one
 * variant, every variant, or everything for --check), run them (several
 * in parallel, in worker processes forked for the run, so that a variant
 * that crashes takes only its worker with it), write the dependency file,
 * and with --watch do it all again whenever an input changes.
 *
 * The fonts are loaded once per process and shared: the workers inherit
 * them, and --watch keeps them across rebuilds.
 */
#ifndef RC_RUN_H
#define RC_RUN_H

#include "cli.h"

#include "diag.h"
#include "font.h"
#include "source.h"

typedef struct rc_run rc_run;

typedef struct rc_job {
    const rescomp_options *o; /* quiet, strict */
    rc_run *run;
    const rc_source *source;
    int variant;              /* -1: the CV as written */
    const char *output;       /* the PDF to write, or NULL */
    int document;             /* rc_document (compile.h): what output holds */
    /* with RC_DOCUMENT_CV: where the CV's letter goes when it has one, or NULL */
    const char *letter_output;
    FILE *trace;              /* where the trace goes, or NULL */
    const char *heading;      /* printed before the job's messages when it has any */
    const char *ad;           /* the job ad to check the CV against (job.h), or NULL */
    rc_pos ad_pos;            /* where it is named (a variant's job:; the command line) */
    rc_source *last_load;     /* the only job: its source, whose document it frees once loaded */
    FILE *err, *out;          /* where its messages and job-ad report go; NULL: stderr, stdout */
} rc_job;

/*
 * The font set for families (RC_ROLE_COUNT requests, or NULL: the default
 * set), from faces the process loads once; -1 with diagnostics. Release
 * *out with rc_fonts_release (the faces stay with the run).
 */
int rc_run_fonts(rc_run *run, const rc_family_request *families, rc_fonts *out, rc_diags *d);

/* Where the run keeps its faces (compile.h). */
rc_font_store **rc_run_font_store(rc_run *run);
/* The pictures the run decoded for its forked jobs (image.h), or NULL. */
const struct rc_image_store *rc_run_images(const rc_run *run);
/* The job's heading on `to`, when printing d (with -q: its errors) shows anything. */
void rc_job_heading(FILE *to, const rc_job *job, const rc_diags *d);

/* rescomp.c: compile one job and print its messages; returns RESCOMP_EXIT_*. */
int rc_compile_job(const rc_job *job);
/*
 * rescomp.c: print diagnostics on `to` (-q drops warnings; color: for a
 * terminal), and the exit code they give.
 */
void rc_print_diags(FILE *to, const rc_diags *d, int quiet, int color);
int rc_exit_code(const rc_diags *d, int strict);

/* run.c: the whole of rescomp_compile. */
int rc_run_main(const rescomp_options *o);

#endif
