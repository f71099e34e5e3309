/*
 * layout_parts: what the parts of the layout module share; internal to
 * layout*.c (the rest of rescomp sees layout.h). The parts, each calling
 * only those below it:
 *
 * - layout.c: rc_layout_cv, the document as a whole (pages, footers,
 *   the top note, the document information, the markup checks);
 * - layout_letter.c: rc_layout_letter, the cover letter, with the CV's
 *   header and the parts below;
 * - layout_header.c: the name, headline, connections and photo;
 * - layout_section.c: a section's title and its entries;
 * - layout_entry_emit.c: an entry's parts set as lines beside each other;
 * - layout_entry.c: an entry's parts built from the model and templates;
 * - layout_line.c: a paragraph broken into lines and rendered into draws;
 * - layout_text.c: markup into spans, structure nodes.
 */
#ifndef RC_LAYOUT_PARTS_H
#define RC_LAYOUT_PARTS_H

#include "layout.h"

#include "build.h"
#include "linebreak.h"
#include "markup.h"
#include "page.h"

/* White space between a bullet or label and the text it hangs before. */
#define LABEL_GAP RC_PT(5)

/* ---- context --------------------------------------------------------- */

typedef struct ctx {
    const rc_cv *cv;
    const rc_style *st;
    rc_fonts *fonts;
    rc_arena *a;
    rc_arena *doc_arena;   /* the document's (a is a scratch arena while an entry is built) */
    rc_diags *d;
    int notes; /* rc_doc.notes */
    rc_vlist vl;
    rc_scaled text_width;
    const char **keywords;
    size_t nkeywords;
    int status;
    size_t nsections_done;
    rc_hyph *hyph;         /* the CV language's patterns, once needed */
    int hyph_opened;       /* whether opening them was tried */
    rc_scaled header_gap;  /* white space between the header and the first section */
    rc_scaled header_indent, header_right; /* room for a photo beside the header */
    const rc_draw *photo_pending;          /* the photo, drawn with the header's first line */
    rc_scaled header_height;               /* of the header's text, to compare with the photo */
    rc_locale locale;      /* the CV's words and date names */
    rc_quotes quotes;      /* its language's quotation marks (parse_markup) */
    rc_date today;         /* what "present" means for time spans */
    int time_spans;        /* the section being set shows "2 years 3 months" */
    int in_body;           /* setting sections (links there may get an icon) */
    int in_connections;    /* setting the header's connections (never underlined) */
    /* Structure (doc.h): the tree is made in the document as the CV is read. */
    rc_doc *doc;
    uint32_t sect;         /* the section being set */
    uint32_t sect_list;    /* its list of items (bullet, numbered entries), or 0 */
    struct link_node {     /* the Link nodes of the paragraph being set, by URL */
        const char *url;
        uint32_t node;
    } *links;
    size_t nlinks, links_cap;
} ctx;

/* One typeset line: draws relative to its left end and baseline. */
typedef struct line {
    rc_draw *v;
    size_t n, cap;
    rc_scaled height, depth, width;
    rc_scaled lift;    /* its text stands this far above the box's baseline: a marker
                          taller than the text hangs below it (add_marker) */
    int para;          /* index of the paragraph it belongs to */
    int first, last;   /* first / last line of that paragraph */
} line;

typedef struct lines {
    line *v;
    size_t n, cap;
} lines;

/* A paragraph of an entry's main column and how it hangs. */
typedef struct mpara {
    rc_para p;
    rc_scaled indent;      /* of every line, from the column's left edge */
    uint32_t bullet;       /* drawn in the indent of the first line, or 0 */
    const char *label;     /* "3." for numbered entries, "[3]" for bibliography items */
    rc_scaled hang;        /* a bibliography item's hanging indent */
    rc_para *side;         /* a date set beside this paragraph's first line, or NULL */
    rc_scaled space_before;
    uint32_t lbl;          /* the structure node of its bullet or label, or 0 */
} mpara;

typedef struct entry_parts {
    mpara *main;
    size_t nmain, cap;
    rc_para side[4];
    size_t nside;
    int compact;           /* a one-line kind of entry: lists are set tight */
    int paragraph;         /* a text entry: a paragraph of its own */
    int page_break_before; /* the author asked for a new page here */
    const char *degree;    /* education: the degree column's text, or NULL */
    rc_pos degree_pos;
    /* structure: the entry's node (a Div, or the LBody of a list item) ... */
    uint32_t node, lbl;    /* ... and the item's label */
    uint32_t list, nested; /* the list of its highlights, and of the nested ones */
    uint32_t last_body;    /* the LBody of its last highlight, where nested ones go */
    uint32_t degree_node;
} entry_parts;

/* ---- layout_text.c ------------------------------------------------------ */

uint32_t add_node(ctx *c, rc_stype type, uint32_t parent);
rc_scaled milli_em(int milli, rc_scaled size);
rc_scaled vspace_shrink(const rc_style *st, rc_scaled space);
uint32_t bullet_glyph(const rc_style *st, uint32_t bullet, rc_scaled *size, rc_scaled *raise);
rc_spans parse_markup(ctx *c, const char *s);
rc_spans parse_text(ctx *c, const char *s);
rc_spans literal(ctx *c, const char *s, unsigned style, const char *url);
void add_spans(ctx *c, rc_para *p, rc_spans spans, const rc_para_style *ps);
rc_para_style body_style(const ctx *c, unsigned style);

/* ---- layout_line.c ------------------------------------------------------ */

void lines_release(lines *ls);
rc_draw *line_add(line *l, rc_draw_kind kind);
void set_paragraph(ctx *c, rc_para *p, const rc_scaled *widths, size_t nwidths,
                   int para_index, lines *out);
rc_vitem *add_line_box(ctx *c, const line *l, rc_scaled baselineskip);

/* ---- layout_entry.c ----------------------------------------------------- */

void build_entry(ctx *c, const rc_entry *en, size_t index, size_t count,
                 entry_parts *e);
void parts_release(entry_parts *e);
const char *shown_url(ctx *c, const char *url);

/* ---- layout_entry_emit.c ------------------------------------------------ */

void emit_entry(ctx *c, entry_parts *e, rc_scaled colw, rc_scaled degw, int first);
rc_scaled side_width(const rc_para *p);
rc_scaled widest_word(ctx *c, const char *markup, rc_pos pos, rc_scaled *whole);
void keep_together(ctx *c, size_t from);

/* ---- layout_section.c, layout_header.c ---------------------------------- */

void emit_section(ctx *c, const rc_section *sec);
void emit_header(ctx *c);

/* ---- layout.c ------------------------------------------------------------ */

/* What "present" and a letter's date stand for: settings.current_date, else today. */
rc_date reference_date(const rc_cv *cv);

#endif
