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

typedef struct rescomp_options {
    const char *input;       /* the CV file */
    const char *output;      /* the PDF to write; NULL: no PDF */
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

    /* "pdf", "txt" (plain text, 80 columns) or "md" (Markdown); NULL: from
     * the output's extension (.txt, .md), else pdf. */
    const char *format;
    /* RESCOMP_PDF_* bits: the standards the PDF must meet; 0: none claimed */
    unsigned pdf_standards;
    int no_pdf_tags; /* an untagged PDF (tagged is the default) */
} rescomp_options;

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

/* Print the built-in themes, one a line with what each is; returns an exit code. */
int rescomp_list_themes(FILE *out);

#endif
