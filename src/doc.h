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

/*
 * Structure: what the drawn things are, for tagged PDF and for the devices
 * that write text (trace, txt, md, html). The layout makes a tree of
 * nodes as it reads the CV, a node's parent always made before it; every
 * draw names the node it shows, and node 0 (RC_NODE_NONE) is no node: the
 * draw is decoration (a PDF artifact: rules, separators, icons, page
 * numbers), which a reader of the text skips. The reading order is the
 * order of the draws, page by page: a node's content and its children are
 * read where their draws stand (rc_struct, below, derives it), so a date
 * drawn on an entry's first line is read right after its title.
 */
typedef enum rc_stype {
    RC_ST_DOCUMENT, /* the root, node 1 */
    RC_ST_SECT,     /* a section: its heading and entries; the header */
    RC_ST_DIV,      /* an entry */
    RC_ST_H1,       /* the name */
    RC_ST_H2,       /* a section title */
    RC_ST_P,        /* a paragraph: a title line, a summary, a connection line */
    RC_ST_SPAN,     /* a part of a line with a meaning of its own: a date, a location */
    RC_ST_L,        /* a list (highlights, publications) */
    RC_ST_LI,
    RC_ST_LBL,      /* a bullet or number */
    RC_ST_LBODY,
    RC_ST_LINK,     /* link text; the node's url is the target */
    RC_ST_FIGURE,   /* the photo; alt is its alternative text */
    RC_ST_COUNT
} rc_stype;

/* The standard structure type of a role, as PDF names it ("H1", "LBody"). */
const char *rc_stype_name(rc_stype type);

#define RC_NODE_NONE 0u
#define RC_NODE_ROOT 1u

/*
 * What a node is beyond its role, for the devices that write text (txt
 * sets the date column flush right, html will want <time>): bits, set by
 * the layout where it makes the node.
 */
enum {
    RC_HINT_ASIDE = 1,       /* a line of the column beside an entry's main one (dates, places) */
    RC_HINT_DATE = 2,        /* a date, a range of dates or a time span */
    RC_HINT_ROW = 4,         /* with ASIDE: beside the paragraph before it (a position's dates) */
    RC_HINT_LABEL = 8,       /* the column left of an entry's main one that labels it (a degree) */
    RC_HINT_CONNECTIONS = 16 /* the header's connections: each content run and link is one */
};

typedef struct rc_node {
    rc_stype type : 8;
    unsigned hints : 8; /* RC_HINT_* bits (a node is 24 bytes: a 4 MB CV has a million) */
    uint32_t parent;    /* RC_NODE_NONE for the root */
    const char *alt;  /* alternative text (a figure; a link's description), or NULL */
    union {
        const char *url; /* RC_ST_LINK: the target */
        /*
         * RC_HINT_DATE: the calendar dates it shows, for html's <time
         * datetime>, or NULL: a line "ISO SHOWN" each, ISO as 2019, 2019-09
         * or 2019-09-01 and SHOWN the date as the text writes it ("Sept
         * 2019"); "present" and free text are not dates.
         */
        const char *dates;
    };
} rc_node;

/* The 4-byte fields first, then the pointers: no padding. */
typedef struct rc_draw {
    rc_draw_kind kind;
    rc_scaled x, y, w, h;
    uint32_t color; /* 0xRRGGBB, text and rules */
    uint32_t node;  /* the structure node shown, RC_NODE_NONE: decoration */
    int16_t level;    /* RC_DRAW_BOOKMARK: depth, 0 = top */
    int8_t span_end;  /* RC_DRAW_TEXT: see span_begin */
    /*
     * RC_DRAW_TEXT: font expansion, thousandths (-20..20, linebreak.h): the
     * glyphs are scaled horizontally by 1 + expand/1000 (a PDF's Tz), and
     * their advances and `adjust` with them, as a PDF's Tz scales TJ's
     * numbers; 0 for glyphs as the font has them.
     */
    int8_t expand;
    /*
     * RC_DRAW_TEXT: the glyphs run right to left (bidi.h): cps are still in
     * logical order, cps[0]'s glyph ends at x + its width and each next one
     * stands left of the one before. Set by the bidirectional ordering of
     * a line; 0 for every run of left-to-right text.
     */
    int8_t rtl;

    /* RC_DRAW_TEXT */
    rc_face_id face;
    rc_scaled size;
    const uint32_t *cps; /* n code points, one glyph each */
    /*
     * adjust[i]: horizontal displacement added after cps[i] beyond its
     * advance (kerning and justification), in scaled points before
     * `expand` scales them; positive moves the next glyph right. NULL when
     * all are 0.
     */
    const rc_scaled *adjust;
    /*
     * The ligatures (rc_face_shape), NULL when none: ligs[0] = k, then k
     * entries (i << 8 | m), ascending: cps[i .. i + m) are shown by one
     * ligature glyph, whose width less its letters' is in the adjustment
     * after its last letter. A list, not a byte per letter: most runs have
     * one or two. A device that shows letters one by one ignores it.
     */
    const uint32_t *ligs;
    /*
     * The glyphs HarfBuzz chose where they are not the font's own for the
     * code point (an Arabic letter's joining form, a mirrored bracket in
     * right-to-left text), NULL when none: gids[i] for the glyph that shows
     * cps[i] (with ligs, the ligature starting at i), 0 for the code
     * point's own glyph, RC_GID_BLANK (font_shape.h) for nothing to see (a zero-width
     * non-joiner). Widths are measured as elsewhere: the code points'
     * advances plus `adjust`, which carries the difference.
     */
    const uint16_t *gids;
    /*
     * Where each of those glyphs is drawn off its pen position (a mark
     * over its letter, as HarfBuzz placed it), NULL when none is; 1/1000
     * em, y up.
     */
    const rc_glyph_offset *offset;
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
    rc_node *nodes; /* nodes[0] unused (RC_NODE_NONE), nodes[1] the root */
    size_t nnodes, nodes_cap;
    const char *lang; /* the document's language (BCP 47, "en-US"), or NULL */
    const rc_fonts *fonts;
    /* document information */
    const char *title, *author, *subject, *keywords, *creator;
    /*
     * Set by the caller before the layout: record how each line was broken
     * (RC_DRAW_NOTE draws, for the trace). Formatting them costs every
     * line a printf, which a PDF, which shows none, need not pay.
     */
    int notes;
    /* Set by the caller: the standards the PDF must meet (RESCOMP_PDF_* bits). */
    unsigned pdf_standards;
    /* Set by the caller: the PDF leaves the structure out (--no-pdf-tags). */
    int untagged;
    /* Set by the layout: the language is written right to left (bidi.h mirrors the pages). */
    int rtl;
} rc_doc;

void rc_doc_init(rc_doc *doc);
void rc_doc_release(rc_doc *doc);
rc_page *rc_doc_add_page(rc_doc *doc);
/* Append a zeroed draw of the given kind to the page and return it. */
rc_draw *rc_page_add(rc_page *page, rc_draw_kind kind);
/*
 * Append more's pages and structure to doc's (a letter and its CV as one
 * PDF), releasing more. Their page sizes and fonts must be the same.
 */
void rc_doc_append(rc_doc *doc, rc_doc *more);
/* A new node of the tree under parent (which must exist); returns its number. */
uint32_t rc_doc_add_node(rc_doc *doc, rc_stype type, uint32_t parent);

/*
 * The structure tree in reading order. Each node's kids are its content
 * and its child nodes, in the order of the draws: content is a run of
 * consecutive draws of the node on one page (a PDF marked-content
 * sequence), and a child node stands where its first draw does. A link
 * annotation (RC_DRAW_LINK) is a run of its own. Nodes with no draw
 * below them are left out; so are bookmarks and notes, which show nothing.
 */
typedef struct rc_skid {
    uint32_t node;        /* a child node, or RC_NODE_NONE for content: */
    uint32_t page;        /*   draws first .. end - 1 of this page */
    uint32_t first, end;
} rc_skid;

typedef struct rc_struct {
    rc_skid *kids;   /* every node's kids, node by node */
    size_t *start;   /* node n's kids are kids[start[n] .. start[n + 1] - 1] */
    size_t nnodes;
} rc_struct;

void rc_struct_build(const rc_doc *doc, rc_struct *s);
void rc_struct_release(rc_struct *s);
/* Whether a draw shows anything a reader reads or sees (not a note or bookmark). */
int rc_draw_shows(const rc_draw *d);

#endif
