/*
 * doc: the laid-out document as a display list, what devices render.
 *
 * Coordinates are in scaled points with the origin at the top-left corner
 * of the page and y growing downwards (the way layout thinks); a text run's
 * (x, y) is the left end of its baseline. The PDF device flips y.
 * Page draw vectors are malloc'ed (rc_doc_release frees them); strings,
 * code points and adjustments point into the job's arena.
 */
#ifndef RC_DOC_H
#define RC_DOC_H

#include "base.h"
#include "font.h"

typedef enum rc_draw_kind {
    RC_DRAW_TEXT,     /* a run of one face and size: one TJ array */
    RC_DRAW_RULE,     /* a filled rectangle: x, y = top-left, w, h */
    RC_DRAW_LINK,     /* a URI annotation over x, y (top-left), w, h */
    RC_DRAW_BOOKMARK, /* an outline entry pointing at y on this page */
    RC_DRAW_NOTE,     /* layout facts for the trace only (breaks, ratios) */
    RC_DRAW_IMAGE     /* a photo (image; text: its path) over x, y (top-left), w, h */
} rc_draw_kind;

/* The 4-byte fields first, then the pointers: no padding (80 bytes, not 88). */
typedef struct rc_draw {
    rc_draw_kind kind;
    rc_scaled x, y, w, h;
    uint32_t color; /* 0xRRGGBB, text and rules */
    int level;      /* RC_DRAW_BOOKMARK: depth, 0 = top */
    int span_end;   /* RC_DRAW_TEXT: see span_begin */

    /* RC_DRAW_TEXT */
    rc_face_id face;
    rc_scaled size;
    const uint32_t *cps; /* n code points, one glyph each */
    /*
     * adjust[i]: horizontal displacement added after cps[i] beyond its
     * advance (kerning and justification), in scaled points; positive
     * moves the next glyph right. NULL when all are 0.
     */
    const rc_scaled *adjust;
    size_t n;
    /*
     * Extraction of a word broken across lines: span_begin (non-NULL)
     * gives the text this run extracts as (/ActualText: the whole word on
     * its first piece, "" on the pieces that continue it); the runs up to
     * and including the one with span_end set belong to the same piece.
     * dev_pdf.c says why pieces are separate spans.
     */
    const char *span_begin;

    /* RC_DRAW_LINK: target; RC_DRAW_BOOKMARK and RC_DRAW_NOTE: text */
    const char *text;

    /* RC_DRAW_IMAGE: the decoded photo (image.h), in the arena */
    const struct rc_image *image;
} rc_draw;

typedef struct rc_page {
    rc_draw *v;
    size_t n, cap;
} rc_page;

typedef struct rc_doc {
    rc_scaled width, height;
    rc_page *pages;
    size_t npages, cap;
    const rc_fonts *fonts;
    /* document information */
    const char *title, *author, *subject, *keywords, *creator;
    /*
     * Set by the caller before the layout: record how each line was broken
     * (RC_DRAW_NOTE draws, for the trace). Formatting them costs every
     * line a printf, which a PDF, which shows none, need not pay.
     */
    int notes;
} rc_doc;

void rc_doc_init(rc_doc *doc);
void rc_doc_release(rc_doc *doc);
rc_page *rc_doc_add_page(rc_doc *doc);
/* Append a zeroed draw of the given kind to the page and return it. */
rc_draw *rc_page_add(rc_page *page, rc_draw_kind kind);

#endif
