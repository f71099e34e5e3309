/*
 * rescomp: the facade that runs the pipeline
 *   load -> fonts -> style -> layout (build, linebreak, page) -> devices
 * into bytes in memory, with the diagnostics as records (compile.h). The
 * library's API (api.c) and each job of the program (cli.c) compile
 * through rc_compile_output.
 */
#include "compile.h"

#include "rescomp/rescomp.h"

#include "dev.h"
#include "diag.h"
#include "font.h"
#include "fit.h"
#include "layout.h"
#include "phone.h"
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

int rc_compile_fonts(rc_font_store **store, const rc_family_request *families, rc_fonts *out,
                     rc_diags *d)
{
    memset(out, 0, sizeof(*out));
    if (!*store) {
        char *dir = rc_fonts_find_dir();
        if (!dir)
            return rc_error_class(d, RC_FAIL_FONT, (rc_pos){0},
                                  "cannot find rescomp's fonts (cmu-serif-regular.ttf); reinstall "
                                  "rescomp or set RESCOMP_FONT_DIR to the folder that holds them");
        *store = rc_font_store_new(dir);
        free(dir);
    }
    rc_family_request none[RC_ROLE_COUNT] = {{0}};
    return rc_fonts_open(out, *store, families ? families : none, d);
}

/* Everything that must be set up before layout; -1 on any error. */
static int prepare(const rc_compile_request *rq, rc_cv *cv, rc_fonts *fonts, rc_style *st,
                   rc_arena *a, rc_diags *d)
{
    /* The input with its overlays, --set values and variant (source.c). */
    int loaded = rc_source_load(rq->source, rq->variant, cv, a, d);
    if (rq->last_load)
        rc_source_drop_document(rq->last_load, rq->variant);
    if (loaded != 0 || d->nerrors)
        return -1;
    cv->images = rq->images;
    if (rc_style_load(st, cv, a, d) != 0)
        return -1;
    rc_cv_format_phones(cv, st->phone_format, a, d);
    return rc_compile_fonts(rq->fonts, st->font_family, fonts, d);
}

/* A laid-out document in the request's format, appended to out. */
static int render(const rc_compile_request *rq, const rc_doc *doc, const rc_style *st,
                  rc_buf *out, rc_diags *d)
{
    /* Text and Markdown are the same laid-out document, written as text. */
    if (rq->format == RC_FORMAT_TXT || rq->format == RC_FORMAT_MD) {
        rc_text_render_width(doc, (rc_format)rq->format, rq->text_width, out);
        return 0;
    }
    if (rq->format == RC_FORMAT_HTML) {
        rc_html_render(doc, st, out, d);
        return 0;
    }
    return rc_pdf_render(doc, out, d);
}

/*
 * Lay out what the request asks for: into doc the CV, its letter, or the
 * letter followed by the CV; into letter the letter beside the CV
 * (with_letter), when the CV has one.
 */
static int lay_out(const rc_compile_request *rq, const rc_cv *cv, rc_style *st,
                   rc_fonts *fonts, rc_arena *a, rc_doc *doc, rc_doc *letter, rc_diags *d)
{
    int side = rq->document == RC_DOCUMENT_CV && rq->with_letter && rc_cv_has_letter(cv);
    if (rq->has_letter)
        *rq->has_letter = side || (rq->document != RC_DOCUMENT_CV && rc_cv_has_letter(cv));
    if (rq->document == RC_DOCUMENT_LETTER)
        return rc_layout_letter(cv, st, fonts, a, doc, d);
    if (rq->document == RC_DOCUMENT_COMBINED) {
        rc_doc cvdoc;
        rc_doc_init(&cvdoc);
        cvdoc.notes = doc->notes;
        int rc = rc_layout_letter(cv, st, fonts, a, doc, d);
        if (rc == 0)
            rc = rc_fit_layout(cv, st, fonts, a, &cvdoc, d);
        if (rc == 0) {
            /* the document is the CV's, with the letter before it */
            const char *title = cvdoc.title, *keywords = cvdoc.keywords;
            rc_doc_append(doc, &cvdoc);
            doc->title = title;
            doc->keywords = keywords;
            doc->subject = "Cover letter and curriculum vitae";
        }
        rc_doc_release(&cvdoc);
        return rc;
    }
    rc_style designed = *st; /* the letter is set as designed, not as the CV was fitted */
    int rc = rc_fit_layout(cv, st, fonts, a, doc, d);
    if (rc == 0 && side)
        rc = rc_layout_letter(cv, &designed, fonts, a, letter, d);
    return rc;
}

int rc_compile_output(const rc_compile_request *rq, rc_arena *a, rc_buf *out, rc_buf *trace,
                      rc_diags *d)
{
    rc_cv cv = {0};
    rc_fonts fonts = {0};
    rc_style st;
    rc_doc doc, letter;
    rc_doc_init(&doc);
    rc_doc_init(&letter);
    doc.notes = trace != NULL; /* only the trace shows how lines were broken */
    doc.pdf_standards = letter.pdf_standards = rq->pdf_standards;
    doc.untagged = letter.untagged = rq->untagged;
    int rc = -1;
    if (prepare(rq, &cv, &fonts, &st, a, d) == 0 &&
        lay_out(rq, &cv, &st, &fonts, a, &doc, &letter, d) == 0 && d->nerrors == 0) {
        rc = 0;
        if (trace)
            rc_trace_write(&doc, trace);
        if (rq->text) {
            rc_text_render_width(&doc, RC_FORMAT_TXT, 0, rq->text);
            if (rq->lang)
                *rq->lang = doc.lang;
        }
        /* Under strict a warning fails the run, so nothing is made. */
        if (out && !(rq->strict && d->nwarnings)) {
            rc = render(rq, &doc, &st, out, d);
            if (rc == 0 && rq->letter_out && letter.npages)
                rc = render(rq, &letter, &st, rq->letter_out, d);
        }
    }
    if (rq->pages)
        *rq->pages = doc.npages;
    if (rq->letter_pages)
        *rq->letter_pages = letter.npages;
    rc_doc_release(&doc);
    rc_doc_release(&letter);
    rc_fonts_release(&fonts);
    return rc;
}
