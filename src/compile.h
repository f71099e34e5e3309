/*
 * compile: one CV from an opened source to its output in memory, the
 * path every compilation takes: the library's rescomp_compile_buffer
 * (api.c) and each job of the rescomp program (rc_compile_job, run.h).
 * It reads no file but those the CV names (photo, .bib), writes none,
 * prints nothing.
 */
#ifndef RC_COMPILE_H
#define RC_COMPILE_H

#include "diag.h"
#include "font.h"
#include "source.h"

/* Which document a compilation makes its output of (a CV's cover letter: cv.h). */
typedef enum rc_document {
    RC_DOCUMENT_CV,       /* the CV */
    RC_DOCUMENT_LETTER,   /* its letter alone (--letter) */
    RC_DOCUMENT_COMBINED  /* the letter, then the CV, as one document (--combine) */
} rc_document;

typedef struct rc_compile_request {
    const rc_source *source;
    int variant;            /* -1: the CV as written */
    rc_source *last_load;   /* the source's only compilation: its document is freed once loaded */
    rc_font_store **fonts;  /* the faces, made on first use and kept by the caller */
    int format;             /* rc_format */
    unsigned pdf_standards; /* RESCOMP_PDF_* */
    int untagged;
    int strict;             /* a warning fails it: no output */
    int text_width;         /* of txt: columns, 0: no hard wrapping (rc_text_render_width) */
    size_t *pages;          /* when not NULL: set to the number of pages laid out */
    int document;           /* rc_document: what out and the trace hold */
    /*
     * With RC_DOCUMENT_CV: lay out the CV's letter too when it has one
     * (rc_cv_has_letter), rendered into letter_out when that is not NULL
     * (--check passes NULL: the letter is checked, not written).
     * *has_letter, when not NULL, says whether it had one.
     */
    int with_letter;
    rc_buf *letter_out;
    int *has_letter;
    size_t *letter_pages;
    /*
     * When not NULL: the CV's text as the text device writes it (a
     * paragraph a line), appended, and *lang set to its language (in the
     * arena), for the job-ad check (job.h).
     */
    rc_buf *text;
    const char **lang;
    const struct rc_image_store *images; /* pictures decoded before (image.h), or NULL */
} rc_compile_request;

/*
 * Compile: the output (when out is not NULL, and strict finds no warning)
 * and the trace (when trace is not NULL) appended; the diagnostics in d.
 * The CV model is made in a, which the diagnostics point into (the names
 * of .bib files, for one): release it after them. -1 when the CV could
 * not be laid out or rendered.
 */
int rc_compile_output(const rc_compile_request *rq, rc_arena *a, rc_buf *out, rc_buf *trace,
                      rc_diags *d);

/*
 * The font set for families (RC_ROLE_COUNT requests, or NULL: the default
 * set), from the faces of *store (made from the shipped fonts' folder when
 * NULL); -1 with diagnostics. Release *out with rc_fonts_release.
 */
int rc_compile_fonts(rc_font_store **store, const rc_family_request *families, rc_fonts *out,
                     rc_diags *d);

/* The exit code (RESCOMP_EXIT_*) the diagnostics give. */
int rc_exit_code(const rc_diags *d, int strict);

#endif
