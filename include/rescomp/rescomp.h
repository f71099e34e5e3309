/*
 * rescomp: a résumé compiler as a library, in the manner of cmark's
 * cmark.h. A CV given as text (RenderCV's YAML or JSON Resume) goes in;
 * the typeset document (PDF, plain text or Markdown) comes out as bytes
 * in memory, with the diagnostics as records.
 *
 *     rescomp_opts *o = rescomp_opts_new();
 *     rescomp_opts_set_base_dir(o, "cv");      // where cv.photo and .bib files are
 *     rescomp_result *r = rescomp_compile_buffer(text, len, o);
 *     size_t n;
 *     const unsigned char *pdf = rescomp_result_data(r, &n);
 *     for (size_t i = 0; i < rescomp_result_diag_count(r); i++)
 *         fprintf(stderr, "%s\n", rescomp_result_diag_text(r, i));
 *     rescomp_result_free(r);
 *     rescomp_opts_free(o);
 *
 * The library never prints, never exits and never forks; compilations in
 * different threads run at once (each takes its own options and result;
 * the one BibTeX parser rescomp uses is taken in turn). The structures
 * are opaque, so that later versions can add options without breaking
 * programs built against this one. Link with `pkg-config --cflags --libs
 * rescomp`.
 */
#ifndef RESCOMP_H
#define RESCOMP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && !defined(RESCOMP_STATIC_BUILD)
#define RESCOMP_API __attribute__((visibility("default")))
#else
#define RESCOMP_API
#endif

/* ---- version -------------------------------------------------------------------- */

/* The version of the library, "MAJOR.MINOR.PATCH". */
RESCOMP_API const char *rescomp_version(void);

/* The same as one number, 0xMMmmpp (0x000100 for 0.1.0). */
RESCOMP_API int rescomp_version_number(void);

/* ---- status --------------------------------------------------------------------- */

/*
 * The outcome of a compilation (rescomp_result_status), which is also the
 * rescomp program's exit code (README, man page).
 */
enum {
    RESCOMP_EXIT_OK = 0,
    RESCOMP_EXIT_INPUT = 1,    /* the CV has errors (or warnings, when strict) */
    RESCOMP_EXIT_USAGE = 2,    /* the options ask for what cannot be (a variant the CV lacks) */
    RESCOMP_EXIT_IO = 3,       /* a file the CV names (photo, .bib) could not be read */
    RESCOMP_EXIT_FONT = 4,     /* a font is missing or lacks a character */
    RESCOMP_EXIT_INTERNAL = 5  /* a bug: please report it */
};

/* ---- options -------------------------------------------------------------------- */

/* The format of the output. */
typedef enum rescomp_format {
    RESCOMP_FORMAT_PDF = 0, /* a tagged PDF (the default) */
    RESCOMP_FORMAT_TXT = 1, /* plain text, 80 columns */
    RESCOMP_FORMAT_MD = 2,  /* Markdown */
    RESCOMP_FORMAT_HTML = 3 /* one self-contained HTML5 page */
} rescomp_format;

/* What the input text is. */
typedef enum rescomp_input {
    RESCOMP_INPUT_AUTO = 0, /* JSON Resume when its top level has 'basics', else YAML */
    RESCOMP_INPUT_YAML = 1, /* RenderCV's YAML (the default name is "cv.yaml") */
    RESCOMP_INPUT_JSON_RESUME = 2 /* JSON Resume (the default name is "cv.json") */
} rescomp_input;

/*
 * PDF standards a PDF may be written to (Typst's names): bits for
 * rescomp_opts_set_pdf_standards. rescomp_pdf_standards says which combine.
 */
enum {
    RESCOMP_PDF_A1B = 1, /* "a-1b": PDF/A-1b (ISO 19005-1, PDF 1.4) */
    RESCOMP_PDF_A2B = 2, /* "a-2b": PDF/A-2b (ISO 19005-2, PDF 1.7) */
    RESCOMP_PDF_A2U = 4, /* "a-2u": PDF/A-2u, PDF/A-2b with Unicode for every glyph */
    RESCOMP_PDF_UA1 = 8  /* "ua-1": PDF/UA-1 (ISO 14289-1, PDF 1.7) */
};

/*
 * Parse a list of standard names separated by commas ("a-2b,ua-1") into
 * RESCOMP_PDF_* bits. Returns 0, or -1 with why (size n) saying what is
 * wrong: an unknown name, or standards that cannot hold at once.
 */
RESCOMP_API int rescomp_pdf_standards(const char *list, unsigned *bits, char *why, size_t n);

/* The options of a compilation: opaque, made with rescomp_opts_new. */
typedef struct rescomp_opts rescomp_opts;

/*
 * New options with every default: a PDF, tagged, of the CV as written,
 * from YAML named "cv.yaml" in the current folder. NULL only when memory
 * is short. The setters copy their strings; each returns 0, or -1 for a
 * value out of range (the options are then unchanged).
 */
RESCOMP_API rescomp_opts *rescomp_opts_new(void);
RESCOMP_API void rescomp_opts_free(rescomp_opts *o);

RESCOMP_API int rescomp_opts_set_format(rescomp_opts *o, rescomp_format format);
RESCOMP_API int rescomp_opts_set_input(rescomp_opts *o, rescomp_input kind);

/*
 * The input's file name as the diagnostics show it ("cv.yaml"; NULL: the
 * default of the input kind). A name ending in ".json" is read as JSON
 * Resume unless the input kind says otherwise.
 */
RESCOMP_API int rescomp_opts_set_input_name(rescomp_opts *o, const char *name);

/*
 * The folder the files the CV names (cv.photo, a `- bibtex:` item) are
 * relative to, as the input file's folder is for the program (NULL: the
 * current folder). The input's name is joined to it in diagnostics.
 */
RESCOMP_API int rescomp_opts_set_base_dir(rescomp_opts *o, const char *dir);

/*
 * The folder every file the CV names must lie in once its links are
 * resolved, as the program's --root (NULL: the base folder). A CV from
 * someone else cannot make the library read ~/.ssh or /etc.
 */
RESCOMP_API int rescomp_opts_set_root(rescomp_opts *o, const char *dir);

/* Compile the variant NAME of the CV's `variants:` (NULL: the CV as written). */
RESCOMP_API int rescomp_opts_set_variant(rescomp_opts *o, const char *name);

/* The built-in theme to use ("classic", "sb2nov", ...; NULL: the CV's own). */
RESCOMP_API int rescomp_opts_set_theme(rescomp_opts *o, const char *theme);

/*
 * Override a value, "dotted.path=value" as the program's --set
 * ("cv.headline=Engineer", "design.page.size=a5"); applied in the order
 * added, after the overlays.
 */
RESCOMP_API int rescomp_opts_add_set(rescomp_opts *o, const char *assignment);

/*
 * Merge YAML text over the input, as the program's overlay files, in the
 * order added; name (NULL: "overlay-N.yaml") is what diagnostics show,
 * relative to the base folder. only_key, when not NULL, is the one
 * top-level key the overlay may hold ("design" for --design).
 */
RESCOMP_API int rescomp_opts_add_overlay(rescomp_opts *o, const char *name, const char *text,
                                         size_t len, const char *only_key);

/* RESCOMP_PDF_* bits: the standards the PDF must meet (0: none claimed). */
RESCOMP_API int rescomp_opts_set_pdf_standards(rescomp_opts *o, unsigned bits);

/* Whether the PDF is tagged (1, the default) or not (0). */
RESCOMP_API int rescomp_opts_set_pdf_tags(rescomp_opts *o, int tagged);

/* Whether a warning fails the compilation (1) or not (0, the default). */
RESCOMP_API int rescomp_opts_set_strict(rescomp_opts *o, int strict);

/*
 * The columns of plain text, 20 to 1000 (80 by default), or 0: no hard
 * line breaks, a paragraph a line (for the text boxes of job portals).
 */
RESCOMP_API int rescomp_opts_set_text_width(rescomp_opts *o, int columns);

/* ---- compiling ------------------------------------------------------------------ */

/* A compilation's output and diagnostics: opaque, freed with rescomp_result_free. */
typedef struct rescomp_result rescomp_result;

/*
 * Compile the CV in text (len bytes; UTF-8) with options o (NULL: the
 * defaults). The result holds the output when the status is
 * RESCOMP_EXIT_OK, and the diagnostics either way. NULL only when memory
 * is short.
 */
RESCOMP_API rescomp_result *rescomp_compile_buffer(const char *text, size_t len,
                                                   const rescomp_opts *o);

/* One of RESCOMP_EXIT_*. */
RESCOMP_API int rescomp_result_status(const rescomp_result *r);

/*
 * The output (its size in *len when len is not NULL); NULL (and 0) when
 * the compilation failed. Owned by the result.
 */
RESCOMP_API const unsigned char *rescomp_result_data(const rescomp_result *r, size_t *len);

/* ---- diagnostics ---------------------------------------------------------------- */

typedef enum rescomp_severity {
    RESCOMP_WARNING = 0,
    RESCOMP_ERROR = 1,
    RESCOMP_NOTE = 2 /* what was done, not a problem: "fitted to 1 page: spacing 80%" */
} rescomp_severity;

/*
 * The diagnostics, in the order they were found: i from 0 to count - 1.
 * Strings are owned by the result; out of range: NULL, 0 or -1.
 */
RESCOMP_API size_t rescomp_result_diag_count(const rescomp_result *r);
RESCOMP_API int rescomp_result_diag_severity(const rescomp_result *r, size_t i);
/* The file the diagnostic is in (NULL: none, as for a font that is missing). */
RESCOMP_API const char *rescomp_result_diag_file(const rescomp_result *r, size_t i);
/* 1-based line and column (in characters); 0: the whole file or line. */
RESCOMP_API int rescomp_result_diag_line(const rescomp_result *r, size_t i);
RESCOMP_API int rescomp_result_diag_column(const rescomp_result *r, size_t i);
/* What is wrong and what to do, in git's style ("unknown key 'instituton' ..."). */
RESCOMP_API const char *rescomp_result_diag_message(const rescomp_result *r, size_t i);
/*
 * The whole line as the program prints it, "cv.yaml:12:5: error: ...",
 * with the characters a terminal would act on escaped.
 */
RESCOMP_API const char *rescomp_result_diag_text(const rescomp_result *r, size_t i);

RESCOMP_API void rescomp_result_free(rescomp_result *r);

#ifdef __cplusplus
}
#endif

#endif
