/*
 * rescomp: the public interface, a one-call compiler from a CV file to a
 * PDF (or a trace of the layout), in the manner of cmark's
 * cmark_markdown_to_html. Everything else is internal.
 */
#ifndef RESCOMP_H
#define RESCOMP_H

#include <stddef.h>
#include <stdio.h>

/* Exit codes of the rescomp program (documented in the README and man page). */
enum {
    RESCOMP_EXIT_OK = 0,
    RESCOMP_EXIT_INPUT = 1,    /* the CV has errors (or warnings under --strict) */
    RESCOMP_EXIT_USAGE = 2,    /* bad command line */
    RESCOMP_EXIT_IO = 3,       /* a file could not be read or written */
    RESCOMP_EXIT_FONT = 4,     /* a font is missing or lacks a character */
    RESCOMP_EXIT_INTERNAL = 5  /* a bug: please report it */
};

/*
 * PDF standards a PDF may be written to (--pdf-standard, Typst's names):
 * bits of rescomp_options.pdf_standards. rescomp_pdf_standards says which
 * combine.
 */
enum {
    RESCOMP_PDF_A1B = 1, /* "a-1b": PDF/A-1b (ISO 19005-1, PDF 1.4) */
    RESCOMP_PDF_A2B = 2, /* "a-2b": PDF/A-2b (ISO 19005-2, PDF 1.7) */
    RESCOMP_PDF_A2U = 4, /* "a-2u": PDF/A-2u, PDF/A-2b with Unicode for every glyph */
    RESCOMP_PDF_UA1 = 8  /* "ua-1": PDF/UA-1 (ISO 14289-1, PDF 1.7) */
};

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

    /* "pdf", "txt" (plain text, 80 columns), "md" (Markdown) or "html" (one
     * page); NULL: from the output's extension (.txt, .md, .html), else pdf. */
    const char *format;
    /* RESCOMP_PDF_* bits: the standards the PDF must meet; 0: none claimed */
    unsigned pdf_standards;
    int no_pdf_tags; /* an untagged PDF (tagged is the default) */
} rescomp_options;

/*
 * Parse a --pdf-standard value, names separated by commas ("a-2b,ua-1"),
 * into RESCOMP_PDF_* bits. Returns 0, or -1 with why (size n) saying what
 * is wrong: an unknown name, or standards that cannot hold at once.
 */
int rescomp_pdf_standards(const char *list, unsigned *bits, char *why, size_t n);

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
