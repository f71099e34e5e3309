/*
 * pdf: what the parts of the PDF device share (dev_pdf.c and pdf_*.c).
 * Only these files know libharu; dev_pdf.c says how the parts fit.
 */
#ifndef RC_PDF_H
#define RC_PDF_H

#include "dev.h"

#include "rescomp/rescomp.h"

#include "atomic.h"
#include "image.h"
#include "sfnt.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * libharu's public header, plus installed internal headers that compile
 * cleanly under -Wpedantic: hpdf_doc.h (the document's xref, catalog and
 * information dictionary), hpdf_pages.h (HPDF_PageAttr: the page's content
 * stream), hpdf_objects.h (dictionaries, arrays, xref entries) and
 * hpdf_streams.h (memory and callback streams).
 */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>


#ifndef RESCOMP_VERSION
#define RESCOMP_VERSION "0.0.0"
#endif

/* Outline depth we track; deeper bookmarks nest under the deepest one. */
#define MAX_OUTLINE_DEPTH 16

/*
 * The code points of the Basic Multilingual Plane, which a face's codes
 * are looked up for in a table; those above (emoji, historic scripts) are
 * rare, and searched for in a sorted list.
 */
#define NUM_CODE_POINTS 0x10000

/* Length of a subset tag ("KQWZTB+"), as PDF fonts name subsets. */
#define TAG_LEN 6

/*
 * Streams are deflated (FlateDecode, zlib format) with libdeflate, which
 * compresses a whole buffer at once, faster than zlib at every level for
 * the same sizes. Level 1, measured on the academic flagship (CPU time of
 * a whole run, medians of 25, three rounds): 7.4 ms and 38.7 KB at level 1
 * for everything, 8.0 ms and 36.8 KB at level 6; the 5 % of bytes is not
 * worth the 0.6 ms.
 */
#define CONTENT_LEVEL 1
#define OTHER_LEVEL 1
/* Photos' pixels: compressed once, at most a few hundred KB, kept on disk. */
#define IMAGE_LEVEL 6


/* One face as the document uses it (face ids that share a font file share this). */
typedef struct pdf_face {
    const rc_face *face;
    uint8_t *used;   /* bitmap of the BMP code points shown, NULL: face unused */
    uint32_t *astral; /* the code points above U+FFFF shown, as met */
    size_t nastral, astral_cap;
    uint32_t *cps;   /* cps[k - 1]: the code point shown with code k, sorted */
    size_t n;        /* codes 1 .. n */
    size_t nbmp;     /* codes 1 .. nbmp show BMP code points, the rest astral ones */
    uint16_t *code[NUM_CODE_POINTS >> 8]; /* code[cp >> 8][cp & 255], 0: none */
    /*
     * The ligatures shown (rc_face_shape), with codes n + 1 .. n + nligs
     * in the order first met: each its own glyph and width, extracted as
     * its letters.
     */
    struct pdf_lig {
        const uint32_t *cps; /* its letters, in the document's arena */
        size_t len;
        unsigned gid;        /* in the face's font file, or RC_GID_BLANK */
        int width;           /* 1/1000 em */
        unsigned key;        /* rc_draw.gids' value: 0 for a ligature rc_face_shape set, the
                                glyph HarfBuzz chose (perhaps for one letter), RC_GID_BLANK */
        rc_glyph_offset shift; /* rc_draw.offset's: the glyph drawn moved (a composite) */
    } *ligs;
    size_t nligs, ligs_cap;
    HPDF_Dict font;  /* the Type0 font dictionary */
    const char *res; /* its resource name on the current page, NULL: none yet */
} pdf_face;

/*
 * The words broken across lines on a page, in the order drawn: word k is
 * the property list /W<k+1> <</ActualText (word)>> of the page's
 * /Resources /Properties, which a hook writes (dev_pdf.c, draw_run).
 */
typedef struct pdf_words {
    const char **v; /* the words, in the document's arena */
    size_t n, cap;
} pdf_words;

typedef struct pdf_ctx {
    HPDF_Doc pdf;
    /* The first libharu error (sticky: everything after it is noise). */
    HPDF_STATUS error, detail;
    const rc_doc *doc;
    rc_diags *diags;
    int reported; /* an error was already said in words of its own */
    pdf_face *faces; /* one per distinct face of the document's font set */
    size_t nfaces;
    size_t *slot;    /* slot[face id]: its index in faces */
    struct libdeflate_compressor *zc[13]; /* one per compression level used, made on demand */
    unsigned char *zbuf; /* its output */
    size_t zcap;
    HPDF_Outline outline[MAX_OUTLINE_DEPTH];
    int outline_depth; /* valid entries in outline[] */
    int in_span;       /* inside a hyphenated word, after its first run */
    struct pdf_words *words; /* per page: its broken words' property lists (draw_run) */
    size_t page;       /* the page being drawn */
    size_t word;       /* 1 + the property list of the broken word being drawn, 0: none */
    rc_buf content;    /* the page content stream being built */
    /* Tagged PDF (pdf_tags.c); tagged only when the document has nodes. */
    int tagged;
    rc_struct tree;
    int32_t *kid_mcid;        /* per content kid of the tree: its MCID on its page */
    HPDF_Dict *kid_annot;     /* per link kid: its annotation */
    HPDF_Page *pages;         /* the pages made, for /Pg */
    size_t *run_at;           /* this page: run_at[draw] = 1 + the kid a run starts at, 0: none */
    size_t run_at_cap;
    int32_t next_mcid;        /* this page's next MCID */
    int32_t *page_mcids;      /* per page: how many MCIDs it has */
    size_t **mcid_kid;        /* per page and MCID: its kid of the tree */
    uint32_t *elem_order;     /* the nodes in the tree, in the order of their elements */
    uint32_t *elem_obj;       /* per node: its element's raw object, 0: not in the tree */
    HPDF_Dict struct_root;
    /*
     * Objects written by the device itself (pdf_write_raw), numbered after
     * libharu's: raw object i is object raw_base + i.
     */
    size_t nraw;
    uint32_t raw_base; /* set by pdf_write_file before it writes anything */
    size_t *page_start;       /* page p's content kids: page_kids[page_start[p] .. page_start[p + 1] - 1] */
    size_t *page_kids;
    int open_mc;              /* 0 none, 1 a tagged run, 2 an artifact */
    int mc_in_text;           /* it was opened inside a text object */
    size_t open_end;          /* the draw after the open tagged run */
    int64_t date;             /* SOURCE_DATE_EPOCH, when dated */
    int dated;
    rc_buf scratch;
    rc_buf font_program; /* a subset font file, for build_font */
} pdf_ctx;

/*
 * What the content stream has set so far on this page. Fill colour and
 * Tf are graphics state: they survive ET and need writing only on change.
 */
typedef struct content_state {
    int in_text;    /* inside BT .. ET */
    int64_t tx, ty; /* text line origin in milli-points, for relative Td */
    int face;       /* current Tf face, -1 = none yet */
    rc_scaled size;
    uint32_t fill; /* current rg; a page starts black */
    /* For synthetic bold and italic (font.h's RC_SYNTH_*): */
    int render;           /* text rendering mode: 0 fill, 2 fill and stroke */
    uint32_t stroke;      /* current RG */
    rc_scaled line_width; /* current w, 0: not set */
    int slanted;          /* the text matrix is skewed */
    int expand;           /* current Tz, as rc_draw.expand (0: 100%) */
} content_state;

/* pdf_out.c: errors, numbers, streams and text strings */
/* No position: the PDF device's errors are about the document, not a line of the CV. */
extern const rc_pos pdf_no_pos;
void HPDF_STDCALL pdf_on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data);
int pdf_failed(pdf_ctx *c);
int pdf_check(pdf_ctx *c, HPDF_STATUS st);
int pdf_haru_error(pdf_ctx *c, rc_failure failure, const char *what);
int64_t pdf_round_div(int64_t num, int64_t den);
void pdf_add_milli(rc_buf *b, int64_t v);
void pdf_add_uint(rc_buf *b, uint64_t v);
int64_t pdf_sp_to_milli(int64_t sp);
void pdf_add_sp(rc_buf *b, int64_t sp);
void pdf_add_hex16(rc_buf *b, unsigned v);
void pdf_add_code(rc_buf *b, unsigned code);
void pdf_add_color(rc_buf *b, uint32_t color, const char *op);
void pdf_add_rgb(rc_buf *b, uint32_t color);
void pdf_add_text_string(rc_buf *b, const char *s);
long pdf_deflate_buf(pdf_ctx *c, const void *data, size_t len, int level);
void pdf_deflate_release(pdf_ctx *c);
int pdf_put_deflated(pdf_ctx *c, HPDF_Dict dict, const void *data, size_t len, int level);
HPDF_Dict pdf_new_object(pdf_ctx *c);
HPDF_Dict pdf_new_stream(pdf_ctx *c, const void *data, size_t len);
HPDF_Binary pdf_text_string(pdf_ctx *c, const char *s);

/* pdf_font.c: the embedded fonts */
void pdf_map_faces(pdf_ctx *c);
unsigned pdf_code_of(const pdf_face *f, uint32_t cp);
/* The code of the ligature of the len letters cps (collect_codes met it). */
unsigned pdf_lig_code(const pdf_face *f, const uint32_t *cps, size_t len);
/*
 * The code of the glyph rc_draw.gids names (0: the ligature rc_face_shape
 * set) showing the len letters cps, moved by shift (rc_draw.offset), 0 if
 * none.
 */
unsigned pdf_glyph_code(const pdf_face *f, unsigned gid, const uint32_t *cps, size_t len,
                        rc_glyph_offset shift);
/* rc_draw.offset[i], {0, 0} when the draw has none. */
static inline rc_glyph_offset pdf_shift_of(const rc_draw *d, size_t i)
{
    return d->offset ? d->offset[i] : (rc_glyph_offset){0, 0};
}
int pdf_collect_codes(pdf_ctx *c);
int pdf_build_font(pdf_ctx *c, int face);

/* pdf_image.c: photos */
int pdf_draw_image(pdf_ctx *c, HPDF_Page page, content_state *st, const rc_draw *d);

/* pdf_tags.c: tagged PDF */
void pdf_index_pages(pdf_ctx *c);
void pdf_index_runs(pdf_ctx *c, size_t p);
void pdf_close_marked(pdf_ctx *c, content_state *st);
void pdf_mark_before(pdf_ctx *c, content_state *st, size_t i, const rc_draw *d);
void pdf_mark_after(pdf_ctx *c, content_state *st, size_t i);
int pdf_write_structure(pdf_ctx *c);
/* Raw object i (a dictionary) into b. */
void pdf_write_raw(pdf_ctx *c, size_t i, rc_buf *b);

/* pdf_std.c: the standards of --pdf-standard (doc->pdf_standards) */
int pdf_std_pdfa_part(const pdf_ctx *c);
int pdf_std_check(pdf_ctx *c);
int pdf_std_check_face(pdf_ctx *c, const pdf_face *f);
int pdf_std_write(pdf_ctx *c);

/* pdf_file.c: the file */
uint32_t pdf_obj_number(const void *obj);
int pdf_write_file(pdf_ctx *c, rc_buf *out);

/* dev_pdf.c: page content */
void pdf_begin_text(rc_buf *b, content_state *st);
void pdf_end_text(rc_buf *b, content_state *st);
int pdf_spaced_label(const pdf_ctx *c, const rc_draw *d);

#endif
