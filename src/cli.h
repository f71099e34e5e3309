/*
 * cli: what the rescomp program asks of the library beyond the public
 * API (include/rescomp/rescomp.h): the command line in a struct, paths
 * in and files out, messages on stderr, variants in forked processes and
 * --watch (run.c). Each CV it compiles goes through the API's own path
 * (rescomp.c, rc_compile_output); only the reading of files, the writing
 * of outputs and the printing of diagnostics are the program's.
 */
#ifndef RC_CLI_H
#define RC_CLI_H

#include "rescomp/rescomp.h"

#include <stdio.h>

/* rescomp_options.text_width: plain text without hard line breaks (--width 0) */
#define RESCOMP_NO_WRAP (-1)

typedef struct rescomp_options {
    const char *input;       /* the CV file */
    const char *output;      /* the PDF to write ("-": standard output); NULL: no PDF */
    FILE *trace;             /* write the layout trace here; NULL: none */
    int quiet;               /* no warnings on stderr */
    int strict;              /* warnings fail the run */

    /* One source, many tailored CVs (see docs/rescomp.1). */
    const char *const *overlays; /* YAML files merged over the input, in order */
    /* overlay_keys[i]: the one top-level key overlay i may hold ("design"
     * for --design FILE), or NULL: any; overlay_keys itself may be NULL */
    const char *const *overlay_keys;
    size_t noverlays;
    const char *const *sets;     /* "dotted.path=value" overrides, applied in order */
    size_t nsets;
    const char *variant;         /* compile this variant; NULL: the CV as written */
    int all_variants;            /* compile every variant to output_dir/STEM-NAME.pdf */
    const char *output_dir;      /* for all_variants (created); NULL: the input's folder */
    int jobs;                    /* variants compiled at once; 0: one per core */
    int check;                   /* check the CV (and its variants); write nothing */
    int list_variants;           /* print the variants' names on stdout, one a line */
    const char *depfile;         /* write a make rule: outputs depend on the files read */
    int watch;                   /* compile again whenever an input changes */
    /* the folder the files a CV names (photo, .bib) must lie in; NULL: the
     * input's folder (files named here, input and overlays, may lie anywhere) */
    const char *root;
    /* --job FILE: the job ad each CV compiled is checked against (job.h),
     * the report on stdout; NULL: a variant's own job:, if any */
    const char *job;

    /* "pdf", "txt" (plain text, 80 columns) or "md" (Markdown); NULL: from
     * the output's extension (.txt, .md), else pdf. An extension that is no
     * format's, or another format's than this, is a usage error. */
    const char *format;
    /* columns of plain text, 20 to 1000; 0: 80; RESCOMP_NO_WRAP: a paragraph a line */
    int text_width;
    /* RESCOMP_PDF_* bits: the standards the PDF must meet; 0: none claimed */
    unsigned pdf_standards;
    int no_pdf_tags; /* an untagged PDF (tagged is the default) */

    /*
     * A CV's cover letter (its `letter:`): with letter, the output is the
     * letter alone; with combine, the letter and then the CV in one file.
     * Otherwise a variant with a letter writes it beside its CV too
     * (rescomp_letter_output names it).
     */
    int letter;
    int combine;

    /* How messages on stderr look; the program sets these for a terminal. */
    int color;   /* the severity of each diagnostic in colour, as gcc shows it */
    int summary; /* a line for each file written: "wrote cv.pdf: 2 pages, 38 KB" */
} rescomp_options;

/*
 * The extension of the output format a --format value names ("txt" for
 * "text"), or NULL for a name that is not a format's.
 */
const char *rescomp_format_extension(const char *format);

/*
 * The file a CV's letter is written to beside the CV's output: "-letter"
 * before its extension ("out/cv-acme.pdf" -> "out/cv-acme-letter.pdf").
 * malloc'd.
 */
char *rescomp_letter_output(const char *output);

/* Compile; prints diagnostics on stderr; returns one of RESCOMP_EXIT_*. */
int rescomp_compile(const rescomp_options *opts);

/* Print the JSON Schema (draft-07) of the YAML input (docs/rescomp.schema.json). */
int rescomp_print_schema(FILE *out);

/*
 * rescomp new: write a starter CV for name into the current folder,
 * Full_Name_CV.yaml (format NULL or "yaml": RenderCV's format, in theme,
 * NULL: the default) or Full_Name_CV.json ("json": JSON Resume), never
 * over an existing file. Prints what it wrote (unless quiet) or the error
 * on stderr; returns one of RESCOMP_EXIT_*.
 */
int rescomp_new(const char *name, const char *theme, const char *format, int quiet);

/*
 * rescomp --upgrade: print input, an older RenderCV file, in the v2.8 form
 * on out (upgrade.h); diagnostics on stderr; returns one of RESCOMP_EXIT_*.
 */
int rescomp_upgrade(const char *input, FILE *out, int color);
/* Print the built-in themes, one a line with what each is; returns an exit code. */
int rescomp_list_themes(FILE *out);

#endif
