/*
 * dev_pdf: the PDF device, and the only file that knows libharu.
 *
 * It owns the translation of a laid-out rc_doc into PDF objects (pages,
 * embedded fonts, links, outlines, document information) and the atomic
 * write of the result: the PDF is built in memory, written to a temporary
 * file beside the target and renamed over it only when every byte is on
 * disk, so a failed run never leaves a half-written or clobbered file.
 *
 * libharu is the object store and the page, outline, annotation and
 * information machinery. Three things are done here instead, because the
 * way libharu does them costs most of the time and size of a CV:
 *
 * Fonts. HPDF_GetFont(..., "UTF-8") costs 5-6 ms per face whatever the
 * document shows: the UTF-8 encoder makes CIDFontType2_New (hpdf_font_cid.c)
 * look up a glyph for each of the 65,536 codes and write /W and a 128 KB
 * CIDToGIDMap over all of them, and the font file is embedded with every
 * table but glyf whole. So each face the document uses is written here as
 * a Type0 font of the code points it shows, through libharu's object API:
 *
 * - the code points a face shows are collected in one pass over the display
 *   list and numbered densely in code-point order: the k-th (k = 1, 2 ...)
 *   is shown with the 2-byte code k, which is also its CID (/Identity-H);
 * - HarfBuzz's subsetter (hb-subset) cuts the face down to those code points
 *   and the glyphs they need, composites and their parts included, with
 *   only the tables a PDF font program needs; the subset is the /FontFile2
 *   as HarfBuzz wrote it, and its plan gives each code's glyph for the
 *   /CIDToGIDMap;
 * - /W holds rc_face_advance of each code point, the very widths the layout
 *   used, so what viewers place is what was laid out;
 * - /ToUnicode maps each code to its code point (a valid CMap of bfrange and
 *   bfchar entries: libharu's own for UTF-8 is not), so text extracts
 *   exactly, also for a character the face lacks;
 * - the descriptor has the font module's ascender, descender, cap height and
 *   x-height, and the slant, weight and bounding box of the font's tables.
 *
 * The subset is named with a tag hashed from the face and its code points,
 * so identical input gives identical bytes and different subsets of a font
 * get different names.
 *
 * Text. libharu 2.3.0 has no kerning and no TJ-array call, and viewers
 * ignore Tw (word spacing) for the 2-byte codes of a CID font, so each run
 * is written straight into the page's content stream as one TJ array. The
 * codes go into literal strings as the bytes they are (half the size of
 * hex, and quicker to compress). HPDF_Page_GetLocalFontName (what
 * HPDF_Page_SetFontAndSize calls internally; exported, declared in the
 * installed hpdf_pages.h) adds a font to the page's /Resources and returns
 * its resource name (/F1 ...) for the Tf operator; it is asked once per face
 * and page. This file writes every byte of the content stream itself
 * (BT/Tf/Td/TJ/ET, rg, re f), with no libharu graphics-mode bookkeeping.
 *
 * The file. Streams are compressed here, with one zlib state for the whole
 * document, and the file is written in PDF 1.5 form (write_file): the
 * objects libharu would write uncompressed go into one compressed object
 * stream, and the cross-reference table becomes a compressed stream.
 *
 * Numbers in the content stream come from integers (scaled points, 0xRRGGBB)
 * formatted here, never through printf's %f: no locale, no float rounding
 * differences, byte-identical output for identical input.
 */
#include "dev.h"

#include "atomic.h"
#include "image.h"
#include "sfnt.h"
#include "subset.h"

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

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <libdeflate.h>

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
    HPDF_Dict font;  /* the Type0 font dictionary */
    const char *res; /* its resource name on the current page, NULL: none yet */
} pdf_face;

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
    rc_buf content;    /* the page content stream being built */
    rc_buf scratch;
    rc_buf font_program; /* a subset font file, for build_font */
} pdf_ctx;

/* ---- errors --------------------------------------------------------- */

static const rc_pos no_pos = {NULL, 0, 0};

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    pdf_ctx *c = user_data;
    if (!c->error) {
        c->error = error_no;
        c->detail = detail_no;
    }
}

/*
 * True once libharu has failed. Some internal paths only set the error
 * (HPDF_SetError) without raising it through the handler, so the document's
 * error state is consulted as well.
 */
static int failed(pdf_ctx *c)
{
    if (!c->error && c->pdf && HPDF_GetError(c->pdf) != HPDF_OK) {
        c->error = HPDF_GetError(c->pdf);
        c->detail = HPDF_GetErrorDetail(c->pdf);
    }
    return c->error != 0;
}

/* Record a status returned by a call that may not raise (stream writes). */
static int check(pdf_ctx *c, HPDF_STATUS st)
{
    if (st != HPDF_OK && !c->error) {
        c->error = st;
        c->detail = 0;
    }
    return failed(c);
}

/* The handful of libharu errors a user can meet, in words. */
static const char *error_text(HPDF_STATUS e)
{
    switch (e) {
    case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
    case HPDF_FILE_OPEN_ERROR: return "cannot open file";
    case HPDF_FILE_IO_ERROR: return "cannot read file";
    case HPDF_INVALID_FONTDEF_DATA: return "invalid font data";
    case HPDF_INVALID_TTC_FILE: return "invalid TrueType collection";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "the font's licence forbids embedding";
    case HPDF_TTF_INVALID_CMAP: return "unsupported or missing Unicode cmap";
    case HPDF_TTF_INVALID_FOMAT: return "not a TrueType font";
    case HPDF_TTF_MISSING_TABLE:
        return "missing TrueType table (only TrueType outlines load, not CFF/.otf)";
    case HPDF_UNSUPPORTED_FONT_TYPE: return "unsupported font type";
    case HPDF_PAGE_INVALID_SIZE: return "page size out of range (3 to 14400 pt)";
    case HPDF_ZLIB_ERROR: return "compression failed";
    default: return "libharu error";
    }
}

static int haru_error(pdf_ctx *c, rc_failure failure, const char *what)
{
    failed(c);
    if (c->error == HPDF_FILE_OPEN_ERROR && c->detail)
        return rc_error_class(c->diags, failure, no_pos, "%s: %s", what,
                              strerror((int)c->detail));
    return rc_error_class(c->diags, failure, no_pos, "%s: %s (libharu 0x%04lX, detail %lu)", what,
                          error_text(c->error), (unsigned long)c->error,
                          (unsigned long)c->detail);
}

/* ---- number formatting ---------------------------------------------- */

/* num / den rounded half away from zero; den > 0. */
static int64_t round_div(int64_t num, int64_t den)
{
    return num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
}

/* Append v / 1000 with at most three decimals and no trailing zeros. */
static void add_milli(rc_buf *b, int64_t v)
{
    char tmp[32];
    char *p = tmp + sizeof(tmp);
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    unsigned frac = (unsigned)(a % 1000);
    uint64_t whole = a / 1000;

    *--p = 0;
    if (frac) {
        int digits = 3;
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        while (digits-- > 0) {
            *--p = (char)('0' + frac % 10);
            frac /= 10;
        }
        *--p = '.';
    }
    do {
        *--p = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole);
    if (v < 0)
        *--p = '-';
    rc_buf_adds(b, p);
}

/* Scaled points to thousandths of a PDF point. */
static int64_t sp_to_milli(int64_t sp)
{
    return round_div(sp * 1000, RC_UNITY);
}

static void add_sp(rc_buf *b, int64_t sp)
{
    add_milli(b, sp_to_milli(sp));
}

static void add_hex16(rc_buf *b, unsigned v)
{
    static const char hex[] = "0123456789ABCDEF";
    char s[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
    rc_buf_add(b, s, 4);
}

/*
 * A 2-byte code inside a literal string: the bytes themselves, with the
 * string delimiters and the backslash escaped, and CR too (a reader turns
 * a bare CR in a string into LF).
 */
static void add_code(rc_buf *b, unsigned code)
{
    char s[4];
    size_t n = 0;
    for (int shift = 8; shift >= 0; shift -= 8) {
        char byte = (char)((code >> shift) & 0xFF);
        if (byte == '(' || byte == ')' || byte == '\\') {
            s[n++] = '\\';
            s[n++] = byte;
        } else if (byte == '\r') {
            s[n++] = '\\';
            s[n++] = 'r';
        } else {
            s[n++] = byte;
        }
    }
    rc_buf_add(b, s, n);
}

/* 0xRRGGBB as "r g b rg" (or another colour operator) with channels in [0, 1]. */
static void add_color(rc_buf *b, uint32_t color, const char *op)
{
    for (int shift = 16; shift >= 0; shift -= 8) {
        add_milli(b, round_div((int64_t)((color >> shift) & 0xFF) * 1000, 255));
        rc_buf_addc(b, ' ');
    }
    rc_buf_adds(b, op);
    rc_buf_addc(b, '\n');
}

static void add_rgb(rc_buf *b, uint32_t color)
{
    add_color(b, color, "rg");
}

/* A PDF text string in UTF-16BE with BOM, as a hex string: <FEFF...>. */
static void add_text_string(rc_buf *b, const char *s)
{
    size_t n = strlen(s), i = 0;
    rc_buf_adds(b, "<FEFF");
    while (i < n) {
        uint32_t cp;
        size_t k = rc_utf8_decode(s + i, n - i, &cp);
        i += k ? k : 1; /* invalid bytes become U+FFFD, one each */
        if (cp > 0xFFFF) {
            cp -= 0x10000;
            add_hex16(b, 0xD800 + (cp >> 10));
            add_hex16(b, 0xDC00 + (cp & 0x3FF));
        } else {
            add_hex16(b, cp);
        }
    }
    rc_buf_addc(b, '>');
}

/* ---- compressed streams ------------------------------------------------ */

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

static int deflate_failed(pdf_ctx *c)
{
    check(c, HPDF_ZLIB_ERROR);
    return -1;
}

/* Compress data into c->zbuf; returns the compressed length, or -1. */
static long deflate_buf(pdf_ctx *c, const void *data, size_t len, int level)
{
    struct libdeflate_compressor **zc = &c->zc[level];
    if (!*zc && !(*zc = libdeflate_alloc_compressor(level)))
        return deflate_failed(c);
    if (len > 0x7FFFFFFF)
        return deflate_failed(c);
    size_t bound = libdeflate_zlib_compress_bound(*zc, len);
    if (bound > c->zcap) {
        free(c->zbuf);
        c->zbuf = rc_xmalloc(bound);
        c->zcap = bound;
    }
    size_t n = libdeflate_zlib_compress(*zc, data, len, c->zbuf, bound);
    return n ? (long)n : deflate_failed(c);
}

/*
 * libharu drops a /Filter entry from an unfiltered stream's dictionary when
 * it writes it, so the /Filter of a stream compressed here is written by
 * the dictionary's write hook, after its other entries.
 */
static HPDF_STATUS write_flate_filter(HPDF_Dict obj, HPDF_Stream stream)
{
    (void)obj;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* Fill a stream dictionary with data, compressed; libharu copies it as is. */
static int put_deflated(pdf_ctx *c, HPDF_Dict dict, const void *data, size_t len, int level)
{
    long clen = deflate_buf(c, data, len, level);
    if (clen < 0)
        return -1;
    HPDF_MemStream_FreeData(dict->stream);
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_flate_filter;
    return check(c, HPDF_Stream_Write(dict->stream, c->zbuf, (HPDF_UINT)clen)) ? -1 : 0;
}

/* A new stream object holding data, compressed; NULL on failure. */
static HPDF_Dict new_stream(pdf_ctx *c, const void *data, size_t len)
{
    HPDF_Dict dict = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
    if (!dict || failed(c) || put_deflated(c, dict, data, len, OTHER_LEVEL))
        return NULL;
    return dict;
}

/* ---- text strings ------------------------------------------------------- */

/*
 * A PDF text string for libharu's object tree: UTF-16BE with a byte-order
 * mark, written as <FEFF...> (what libharu's UTF-8 encoder writes, without
 * setting up that encoder's 65,536-entry tables, and with surrogate pairs
 * where it writes a space for characters above U+FFFF).
 */
static HPDF_Binary text_string(pdf_ctx *c, const char *s)
{
    rc_buf *b = &c->scratch;
    size_t n = strlen(s), i = 0;
    rc_buf_reset(b);
    rc_buf_add(b, "\xFE\xFF", 2);
    while (i < n) {
        uint32_t cp;
        size_t k = rc_utf8_decode(s + i, n - i, &cp);
        i += k ? k : 1; /* invalid bytes become U+FFFD, one each */
        uint32_t units[2] = {cp, 0};
        int nu = 1;
        if (cp > 0xFFFF) {
            units[0] = 0xD800 + ((cp - 0x10000) >> 10);
            units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            nu = 2;
        }
        for (int u = 0; u < nu; u++) {
            char be[2] = {(char)(units[u] >> 8), (char)(units[u] & 0xFF)};
            rc_buf_add(b, be, 2);
        }
    }
    return HPDF_Binary_New(c->pdf->mmgr, (HPDF_BYTE *)b->ptr, (HPDF_UINT)b->len);
}

/* ---- fonts ------------------------------------------------------------ */

static const rc_face *face_of(const rc_doc *doc, int face)
{
    if (!doc->fonts || face < 0 || (size_t)face >= doc->fonts->nfaces)
        return NULL;
    return doc->fonts->faces[face];
}

/*
 * One pdf_face per distinct face: a synthetic bold or slant is its upright
 * face drawn differently, and a fallback may be a family's face already;
 * each font file is embedded once. In face-id order, so deterministic.
 */
static void map_faces(pdf_ctx *c)
{
    const rc_fonts *fonts = c->doc->fonts;
    size_t n = fonts ? fonts->nfaces : 0;
    c->faces = rc_xcalloc(n ? n : 1, sizeof(*c->faces));
    c->slot = rc_xcalloc(n ? n : 1, sizeof(*c->slot));
    for (size_t id = 0; id < n; id++) {
        size_t u = 0;
        while (u < c->nfaces && c->faces[u].face != fonts->faces[id])
            u++;
        if (u == c->nfaces)
            c->faces[c->nfaces++].face = fonts->faces[id];
        c->slot[id] = u;
    }
}

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The code a code point is shown with in a face (collect_codes made it). */
static unsigned code_of(const pdf_face *f, uint32_t cp)
{
    if (cp < NUM_CODE_POINTS)
        return f->code[cp >> 8][cp & 0xFF];
    const uint32_t *at = bsearch(&cp, f->cps + f->nbmp, f->n - f->nbmp, sizeof(*f->cps),
                                 compare_u32);
    return at ? (unsigned)(at - f->cps + 1) : 0;
}

/*
 * One pass over the display list: check the runs and record the code
 * points each face shows; then number each face's code points densely, in
 * code-point order. Only faces with text get a font: an unused face would
 * cost time and bytes for nothing.
 */
/* Code points 64w .. 64w+63 of a bitmap of used code points, bit i for 64w+i. */
static uint64_t used_word(const uint8_t *used, size_t w)
{
    uint64_t bits = 0;
    for (int j = 7; j >= 0; j--)
        bits = bits << 8 | used[8 * w + (size_t)j];
    return bits;
}

static int collect_codes(pdf_ctx *c)
{
    const rc_doc *doc = c->doc;

    for (size_t p = 0; p < doc->npages; p++) {
        const rc_page *page = &doc->pages[p];
        for (size_t i = 0; i < page->n; i++) {
            const rc_draw *d = &page->v[i];
            if (d->kind != RC_DRAW_TEXT || d->n == 0)
                continue;
            if (!face_of(doc, (int)d->face))
                return rc_error_class(c->diags, RC_FAIL_INTERNAL, no_pos,
                                      "page %zu: text run in face %d, which is not loaded",
                                      p + 1, (int)d->face);
            if (d->size <= 0)
                return rc_error_class(c->diags, RC_FAIL_INTERNAL, no_pos,
                                      "page %zu: text run with font size %" PRId32 "sp", p + 1,
                                      d->size);
            pdf_face *f = &c->faces[c->slot[d->face]];
            if (!f->used)
                f->used = rc_xcalloc(NUM_CODE_POINTS / 8, 1);
            for (size_t k = 0; k < d->n; k++) {
                uint32_t cp = d->cps[k];
                if (cp < NUM_CODE_POINTS) {
                    f->used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
                } else if (!f->nastral || f->astral[f->nastral - 1] != cp) {
                    RC_VEC_PUSH(f->astral, f->nastral, f->astral_cap);
                    f->astral[f->nastral++] = cp;
                }
            }
        }
    }

    for (size_t face = 0; face < c->nfaces; face++) {
        pdf_face *f = &c->faces[face];
        if (!f->used)
            continue;
        /* The astral code points, sorted, each once, come after the BMP's. */
        size_t nastral = 0;
        if (f->nastral)
            qsort(f->astral, f->nastral, sizeof(*f->astral), compare_u32);
        for (size_t k = 0; k < f->nastral; k++)
            if (k == 0 || f->astral[k] != f->astral[k - 1])
                f->astral[nastral++] = f->astral[k];
        size_t n = nastral;
        for (size_t w = 0; w < NUM_CODE_POINTS / 64; w++)
            n += (size_t)__builtin_popcountll(used_word(f->used, w));
        if (n > 0xFFFF) /* codes are 2 bytes, and 0 is .notdef's */
            return rc_error_class(c->diags, RC_FAIL_INTERNAL, no_pos,
                                  "face %zu shows more than 65,535 different characters", face);
        f->cps = rc_xmalloc(n * sizeof(*f->cps));
        for (size_t w = 0; w < NUM_CODE_POINTS / 64; w++) {
            for (uint64_t bits = used_word(f->used, w); bits; bits &= bits - 1) {
                uint32_t cp = (uint32_t)(64 * w + (size_t)__builtin_ctzll(bits));
                uint16_t **page = &f->code[cp >> 8];
                if (!*page)
                    *page = rc_xcalloc(256, sizeof(**page));
                f->cps[f->n++] = cp;
                (*page)[cp & 0xFF] = (uint16_t)f->n;
            }
        }
        f->nbmp = f->n;
        for (size_t k = 0; k < nastral; k++)
            f->cps[f->n++] = f->astral[k];
    }
    return 0;
}

/*
 * A subset's tag: six capitals from a hash of the face and the code points
 * it shows (FNV-1a), the same for the same input.
 */
static void subset_tag(const pdf_face *f, int face, char tag[TAG_LEN + 1])
{
    uint64_t h = 0xCBF29CE484222325u;
    h = (h ^ (uint64_t)face) * 0x100000001B3u;
    for (size_t k = 0; k < f->n; k++)
        h = (h ^ f->cps[k]) * 0x100000001B3u;
    for (int i = 0; i < TAG_LEN; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
    tag[TAG_LEN] = 0;
}

/* The tables a TrueType font program in a PDF needs (as libharu embeds). */
static int table_needed(hb_tag_t t)
{
    static const char *const tags[] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                       "hmtx", "loca", "maxp", "name", "post", "prep"};
    for (size_t i = 0; i < RC_ARRAY_LEN(tags); i++)
        if (t == HB_TAG(tags[i][0], tags[i][1], tags[i][2], tags[i][3]))
            return 1;
    return 0;
}

static int compare_u16(const void *a, const void *b)
{
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/*
 * A shipped face cut down to the code points it shows (subset.c), into
 * out; gids[k] receives the subset's glyph for code k. Glyphs keep their
 * order, .notdef first, as hb-subset orders them. 0, or -1 when subset.c
 * cannot cut the file (HarfBuzz then does).
 */
static int subset_builtin(const rc_face *rf, const pdf_face *f, uint16_t *gids, rc_buf *out)
{
    /* The glyphs: .notdef (0, the smallest) and each code's, sorted, each once. */
    uint16_t *glyphs = rc_xmalloc((f->n + 1) * sizeof(*glyphs));
    glyphs[0] = 0;
    for (size_t k = 1; k <= f->n; k++)
        glyphs[k] = (uint16_t)rc_face_glyph(rf, f->cps[k - 1]);
    qsort(glyphs, f->n + 1, sizeof(*glyphs), compare_u16);
    size_t n = 1;
    for (size_t k = 1; k <= f->n; k++)
        if (glyphs[k] != glyphs[n - 1])
            glyphs[n++] = glyphs[k];
    gids[0] = 0;
    for (size_t k = 1; k <= f->n; k++) {
        uint16_t g = (uint16_t)rc_face_glyph(rf, f->cps[k - 1]);
        const uint16_t *at = bsearch(&g, glyphs, n, sizeof(*glyphs), compare_u16);
        gids[k] = (uint16_t)(at - glyphs);
    }
    size_t size;
    unsigned index;
    const unsigned char *file = rc_face_file(rf, &size, &index);
    int r = rc_subset_truetype(file, size, index, glyphs, n, f->cps, gids + 1, f->n, out);
    free(glyphs);
    return r;
}

/*
 * The face cut down to the code points it shows, as a TrueType file (a
 * blob to destroy), or NULL; gids[k] receives the subset's glyph for code
 * k (0, .notdef, for a character the face lacks). Tables a PDF font does
 * not use (GPOS, kern ...) are dropped before subsetting, so no time goes
 * into them, and so are hinting instructions, which viewers do not run.
 */
static hb_blob_t *subset_face(hb_face_t *hbf, const pdf_face *f, uint16_t *gids)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_t *unicodes = hb_subset_input_unicode_set(in);
    for (size_t k = 0; k < f->n; k++)
        hb_set_add(unicodes, f->cps[k]);
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_tag_t tags[64];
    unsigned offset = 0, count;
    do {
        count = RC_ARRAY_LEN(tags);
        hb_face_get_table_tags(hbf, offset, &count, tags);
        for (unsigned i = 0; i < count; i++)
            if (!table_needed(tags[i]))
                hb_set_add(drop, tags[i]);
        offset += count;
    } while (count == RC_ARRAY_LEN(tags));
    /* .notdef's box is drawn for a character the face lacks (build.c): keep it then. */
    int notdef = 0;
    for (size_t k = 0; k < f->n && !notdef; k++)
        notdef = !rc_face_has_char(f->face, f->cps[k]);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
                                      (notdef ? HB_SUBSET_FLAGS_NOTDEF_OUTLINE : 0));

    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(hbf, in);
    hb_subset_input_destroy(in);
    if (!plan)
        return NULL;
    const hb_map_t *to_old = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
    const hb_map_t *to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
    gids[0] = 0;
    for (size_t k = 1; k <= f->n; k++) {
        hb_codepoint_t g = hb_map_get(to_old, f->cps[k - 1]);
        if (g != HB_MAP_VALUE_INVALID)
            g = hb_map_get(to_new, g);
        gids[k] = g == HB_MAP_VALUE_INVALID || g > 0xFFFF ? 0 : (uint16_t)g;
    }
    hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
    hb_subset_plan_destroy(plan);
    if (!sub)
        return NULL;
    hb_blob_t *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    if (hb_blob_get_length(blob) == 0) {
        hb_blob_destroy(blob);
        return NULL;
    }
    return blob;
}

/* What the font descriptor needs from the font's own tables. */
typedef struct font_facts {
    int bbox[4];   /* 1/1000 em */
    double slant;  /* post italicAngle, degrees */
    int flags;     /* PDF font flags */
    int stem_v;    /* estimated from the weight class */
    unsigned fs_type; /* OS/2 embedding licensing rights */
    char name[64]; /* PostScript name, as a PDF name may carry it */
} font_facts;

/* The face's PostScript name (name ID 6), printable ASCII only, as a PDF name may carry it. */
static void read_ps_name(const unsigned char *name, size_t len, char *out, size_t size)
{
    size_t n = 0;
    unsigned count = len >= 6 ? rc_be16(name + 2) : 0, strings = len >= 6 ? rc_be16(name + 4) : 0;
    int best = -1; /* the record read: Windows (UTF-16BE) before Macintosh and Unicode */
    const unsigned char *str = NULL;
    size_t str_len = 0;
    for (unsigned i = 0; i < count && 6 + 12 * (size_t)(i + 1) <= len; i++) {
        const unsigned char *r = name + 6 + 12 * (size_t)i;
        unsigned platform = rc_be16(r), off = rc_be16(r + 10), rlen = rc_be16(r + 8);
        int rank = platform == 3 ? 2 : platform <= 1 ? 1 : 0;
        if (rc_be16(r + 6) != 6 || rank <= best || strings > len || len - strings < off ||
            len - strings - off < rlen)
            continue;
        best = rank;
        str = name + strings + off;
        str_len = rlen;
    }
    /* UTF-16BE: the low byte of each unit; ASCII holds the high byte at 0. */
    size_t step = best == 2 ? 2 : 1;
    for (size_t i = step - 1; str && i < str_len && n + 1 < size; i += step) {
        unsigned char ch = str[i];
        if ((step == 1 || str[i - 1] == 0) && ch > ' ' && ch < 0x7F && !strchr("()<>[]{}/%#", ch))
            out[n++] = (char)ch;
    }
    out[n] = 0;
    if (n == 0)
        snprintf(out, size, "Font");
}

/* The descriptor's facts, from the font file's own tables (head, post, OS/2, name). */
static void read_facts(const rc_face *rf, font_facts *ff)
{
    memset(ff, 0, sizeof(*ff));
    size_t size, len;
    unsigned index;
    const unsigned char *file = rc_face_file(rf, &size, &index);
    const unsigned char *head = rc_sfnt_table(file, size, index, RC_SFNT_TAG('h', 'e', 'a', 'd'), &len);
    head = head && len >= 54 ? head : NULL;
    const unsigned char *post = rc_sfnt_table(file, size, index, RC_SFNT_TAG('p', 'o', 's', 't'), &len);
    post = post && len >= 16 ? post : NULL;
    const unsigned char *os2 = rc_sfnt_table(file, size, index, RC_SFNT_TAG('O', 'S', '/', '2'), &len);
    os2 = os2 && len >= 32 ? os2 : NULL;
    int64_t upem = head ? rc_be16(head + 18) : 1000;
    if (upem < 16)
        upem = 1000; /* the loader refused such a face; keep the division sane */
    ff->fs_type = os2 ? rc_be16(os2 + 8) : 0;

    /* libharu's arithmetic: (int)v * 1000 / upem, truncated. */
    for (int i = 0; head && i < 4; i++)
        ff->bbox[i] = (int)((int16_t)rc_be16(head + 36 + 2 * i) * 1000 / upem);
    ff->slant = post ? (int32_t)rc_be32(post + 4) / 65536.0 : 0;
    ff->flags = 32; /* nonsymbolic: Latin text in a Unicode font */
    if (post && rc_be32(post + 12) != 0)
        ff->flags |= 1; /* fixed pitch */
    if (ff->slant != 0 || (head && (rc_be16(head + 44) & 2)))
        ff->flags |= 64; /* italic */
    unsigned weight = 400;
    if (os2) {
        unsigned family = rc_be16(os2 + 30) >> 8; /* libharu's serif rule */
        if ((family > 0 && family < 6) || family == 7)
            ff->flags |= 2;
        if (rc_be16(os2 + 4) >= 100 && rc_be16(os2 + 4) <= 1000)
            weight = rc_be16(os2 + 4);
    }
    /* A common estimate: 50 + (weight / 65)^2 (88 regular, 166 bold). */
    ff->stem_v = (int)(50 + (weight * weight + 65 * 65 / 2) / (65 * 65));

    const unsigned char *name = rc_sfnt_table(file, size, index, RC_SFNT_TAG('n', 'a', 'm', 'e'), &len);
    read_ps_name(name, name ? len : 0, ff->name, sizeof(ff->name));
}

/*
 * Append "<lo> <hi> <dst>" (a range) or "<lo> <dst>" (one code); dst in
 * UTF-16BE, a surrogate pair above U+FFFF.
 */
static void add_cmap_entry(rc_buf *b, const unsigned v[3])
{
    rc_buf_addc(b, '<');
    add_hex16(b, v[0]);
    if (v[1] != v[0]) {
        rc_buf_adds(b, "> <");
        add_hex16(b, v[1]);
    }
    rc_buf_adds(b, "> <");
    if (v[2] > 0xFFFF) {
        add_hex16(b, 0xD800 + ((v[2] - 0x10000) >> 10));
        add_hex16(b, 0xDC00 + ((v[2] - 0x10000) & 0x3FF));
    } else {
        add_hex16(b, v[2]);
    }
    rc_buf_adds(b, ">\n");
}

/* Write one kind of entries ("bfrange" or "bfchar") in blocks of 100. */
static void add_cmap_block(rc_buf *b, const char *kind, const unsigned (*v)[3], size_t n)
{
    for (size_t i = 0; i < n; i += 100) {
        size_t k = n - i < 100 ? n - i : 100;
        rc_buf_addf(b, "%zu begin%s\n", k, kind);
        for (size_t j = i; j < i + k; j++)
            add_cmap_entry(b, v[j]);
        rc_buf_addf(b, "end%s\n", kind);
    }
}

static int is_surrogate(uint32_t cp)
{
    return (cp & 0xF800) == 0xD800;
}

/*
 * The /ToUnicode CMap: each code to its code point, a bfrange for each run
 * of consecutive codes showing consecutive BMP code points (neither may
 * carry into the high byte within a range), a bfchar for the rest (a code
 * point above U+FFFF is a surrogate pair, which a range would have to
 * increment in its low half). Surrogate code points have no Unicode value
 * and get no entry.
 */
static HPDF_Dict to_unicode(pdf_ctx *c, const pdf_face *f)
{
    unsigned(*ranges)[3] = rc_xmalloc((f->n + 1) * sizeof(*ranges));
    unsigned(*singles)[3] = rc_xmalloc((f->n + 1) * sizeof(*singles));
    size_t nr = 0, ns = 0;
    /*
     * Icons are pictures (artifacts, with an empty /ActualText), but most
     * extractors read neither and would give their private-use code points
     * ("\uF0E0"); a space is what they read instead.
     */
    const rc_fonts *fonts = c->doc->fonts;
    int icons = fonts && fonts->nfaces > RC_FACE_ICONS && f->face == fonts->faces[RC_FACE_ICONS];
    for (size_t k = 1; k <= f->n; k++) {
        if (is_surrogate(f->cps[k - 1]))
            continue;
        if (icons && f->cps[k - 1] >= 0xE000 && f->cps[k - 1] <= 0xF8FF) {
            unsigned *e = singles[ns++];
            e[0] = e[1] = (unsigned)k;
            e[2] = ' ';
            continue;
        }
        size_t end = k;
        while (end < f->n && (end & 0xFF) != 0xFF && (f->cps[end - 1] & 0xFF) != 0xFF &&
               f->cps[end] == f->cps[end - 1] + 1 && !is_surrogate(f->cps[end]) &&
               f->cps[end] <= 0xFFFF)
            end++;
        unsigned *e = end > k ? ranges[nr++] : singles[ns++];
        e[0] = (unsigned)k;
        e[1] = (unsigned)end;
        e[2] = f->cps[k - 1];
        k = end;
    }

    rc_buf *b = &c->scratch;
    rc_buf_reset(b);
    rc_buf_adds(b, "/CIDInit /ProcSet findresource begin\n"
                   "12 dict begin\n"
                   "begincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /Adobe-Identity-UCS def\n"
                   "/CMapType 2 def\n"
                   "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    add_cmap_block(b, "bfrange", (const unsigned(*)[3])ranges, nr);
    add_cmap_block(b, "bfchar", (const unsigned(*)[3])singles, ns);
    rc_buf_adds(b, "endcmap\n"
                   "CMapName currentdict /CMap defineresource pop\n"
                   "end\n"
                   "end\n");
    free(ranges);
    free(singles);
    return new_stream(c, b->ptr, b->len);
}

static int font_error(pdf_ctx *c, const rc_face *rf)
{
    rc_buf_reset(&c->scratch);
    rc_buf_addf(&c->scratch, "cannot embed font '%s'", rc_face_path(rf));
    return haru_error(c, RC_FAIL_FONT, rc_buf_str(&c->scratch));
}

/* A new indirect dictionary (added to the xref), or NULL. */
static HPDF_Dict new_object(pdf_ctx *c)
{
    HPDF_Dict d = HPDF_Dict_New(c->pdf->mmgr);
    if (!d || HPDF_Xref_Add(c->pdf->xref, d) != HPDF_OK) /* frees d when it fails */
        return NULL;
    return d;
}

/*
 * The face's Type0 font and everything under it: CIDFontType2 with /W and
 * /CIDToGIDMap, descriptor, font file, ToUnicode.
 */
static int build_font(pdf_ctx *c, int face)
{
    pdf_face *f = &c->faces[face];
    const rc_face *rf = f->face;
    HPDF_MMgr mmgr = c->pdf->mmgr;

    /*
     * The font's licence, as libharu checked it: restricted (0x0002),
     * no subsetting (0x0100), bitmaps only (0x0200) all forbid this.
     */
    font_facts ff;
    read_facts(rf, &ff);
    if (ff.fs_type & 0x0302)
        return rc_error_class(c->diags, RC_FAIL_FONT, no_pos,
                              "cannot embed font '%s': its licence forbids embedding a subset "
                              "(OS/2 fsType 0x%04X)",
                              rc_face_path(rf), ff.fs_type);

    /* The shipped faces are cut here; installed fonts, and any file subset.c refuses, by HarfBuzz. */
    uint16_t *gids = rc_xmalloc((f->n + 1) * sizeof(*gids));
    hb_blob_t *blob = NULL;
    rc_buf *program = &c->font_program;
    if (!rc_face_is_builtin(rf) || subset_builtin(rf, f, gids, program) != 0) {
        rc_buf_reset(program);
        blob = subset_face(rc_face_hb(rf), f, gids);
        if (!blob) {
            free(gids);
            return rc_error_class(c->diags, RC_FAIL_FONT, no_pos,
                                  "cannot embed font '%s': HarfBuzz cannot subset it",
                                  rc_face_path(rf));
        }
        unsigned blob_len = 0;
        const char *data = hb_blob_get_data(blob, &blob_len);
        rc_buf_add(program, data, blob_len);
        hb_blob_destroy(blob);
    }
    /* The CIDToGIDMap: two bytes per CID, big-endian. */
    unsigned char *map = rc_xmalloc(2 * (f->n + 1));
    for (size_t k = 0; k <= f->n; k++) {
        map[2 * k] = (unsigned char)(gids[k] >> 8);
        map[2 * k + 1] = (unsigned char)(gids[k] & 0xFF);
    }
    free(gids);

    char tag[TAG_LEN + 1];
    subset_tag(f, face, tag);
    char name[TAG_LEN + 1 + sizeof(ff.name)];
    snprintf(name, sizeof(name), "%s+%s", tag, ff.name);

    size_t len = program->len;
    HPDF_Dict file = new_stream(c, program->ptr, len);
    HPDF_Dict map_stream = file ? new_stream(c, map, 2 * (f->n + 1)) : NULL;
    free(map);
    HPDF_Dict cmap = map_stream ? to_unicode(c, f) : NULL;
    HPDF_Dict desc = cmap ? new_object(c) : NULL;
    HPDF_Dict cid = desc ? new_object(c) : NULL;
    HPDF_Dict font = cid ? new_object(c) : NULL;
    HPDF_Dict sysinfo = font ? HPDF_Dict_New(mmgr) : NULL;
    HPDF_Array bbox = sysinfo ? HPDF_Array_New(mmgr) : NULL;
    HPDF_Array w = bbox ? HPDF_Array_New(mmgr) : NULL;
    HPDF_Array widths = w ? HPDF_Array_New(mmgr) : NULL;
    HPDF_Array descendants = widths ? HPDF_Array_New(mmgr) : NULL;
    if (!descendants) {
        check(c, HPDF_FAILD_TO_ALLOC_MEM);
        return font_error(c, rf);
    }

    HPDF_STATUS st = HPDF_OK;
    st += HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);

    for (int i = 0; i < 4; i++)
        st += HPDF_Array_AddNumber(bbox, ff.bbox[i]);
    st += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    st += HPDF_Dict_AddName(desc, "FontName", name);
    st += HPDF_Dict_AddNumber(desc, "Flags", ff.flags);
    st += HPDF_Dict_Add(desc, "FontBBox", bbox);
    /* Whole degrees: a float would be written as -14.04001. */
    st += HPDF_Dict_AddNumber(desc, "ItalicAngle",
                              (HPDF_INT32)(ff.slant < 0 ? ff.slant - 0.5 : ff.slant + 0.5));
    st += HPDF_Dict_AddNumber(desc, "Ascent", rc_face_ascender(rf));
    st += HPDF_Dict_AddNumber(desc, "Descent", rc_face_descender(rf));
    st += HPDF_Dict_AddNumber(desc, "CapHeight", rc_face_cap_height(rf));
    st += HPDF_Dict_AddNumber(desc, "XHeight", rc_face_x_height(rf));
    st += HPDF_Dict_AddNumber(desc, "StemV", ff.stem_v);
    st += HPDF_Dict_Add(desc, "FontFile2", file);

    /* /W [1 [w1 w2 ... wn]]: the widths the layout used, code by code. */
    st += HPDF_Array_AddNumber(w, 1);
    st += HPDF_Array_Add(w, widths);
    for (size_t k = 1; k <= f->n; k++)
        st += HPDF_Array_AddNumber(widths, rc_face_advance(rf, f->cps[k - 1]));
    st += HPDF_Dict_Add(sysinfo, "Registry", HPDF_String_New(mmgr, "Adobe", NULL));
    st += HPDF_Dict_Add(sysinfo, "Ordering", HPDF_String_New(mmgr, "Identity", NULL));
    st += HPDF_Dict_AddNumber(sysinfo, "Supplement", 0);
    st += HPDF_Dict_AddName(cid, "Type", "Font");
    st += HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    st += HPDF_Dict_AddName(cid, "BaseFont", name);
    st += HPDF_Dict_Add(cid, "CIDSystemInfo", sysinfo);
    st += HPDF_Dict_Add(cid, "FontDescriptor", desc);
    st += HPDF_Dict_Add(cid, "W", w);
    st += HPDF_Dict_Add(cid, "CIDToGIDMap", map_stream);

    st += HPDF_Array_Add(descendants, cid);
    st += HPDF_Dict_AddName(font, "Type", "Font");
    st += HPDF_Dict_AddName(font, "Subtype", "Type0");
    st += HPDF_Dict_AddName(font, "BaseFont", name);
    st += HPDF_Dict_AddName(font, "Encoding", "Identity-H");
    st += HPDF_Dict_Add(font, "DescendantFonts", descendants);
    st += HPDF_Dict_Add(font, "ToUnicode", cmap);
    if (check(c, st))
        return font_error(c, rf);
    f->font = font;
    return 0;
}

/* ---- document information ---------------------------------------------- */

/*
 * libharu makes the entry (and the information dictionary) with a
 * placeholder, which the text string then replaces in place.
 */
static int set_info(pdf_ctx *c, HPDF_InfoType type, const char *key, const char *value)
{
    if (!value || !*value)
        return 0;
    HPDF_SetInfoAttr(c->pdf, type, "-");
    HPDF_Binary v = failed(c) ? NULL : text_string(c, value);
    if (!v || !c->pdf->info) {
        check(c, HPDF_FAILD_TO_ALLOC_MEM);
        return -1;
    }
    return check(c, HPDF_Dict_Add(c->pdf->info, key, v)) ? -1 : 0;
}

/*
 * SOURCE_DATE_EPOCH (reproducible-builds.org) gives the dates; without it
 * the file has none, so identical input gives identical bytes.
 */
static int set_dates(pdf_ctx *c)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s)
        return 0;

    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    struct tm tm;
    time_t t = (time_t)v;
    if (errno || *end || v < 0 || *s < '0' || *s > '9' || (long long)t != v ||
        !gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999) {
        rc_warning(c->diags, no_pos,
                   "ignoring SOURCE_DATE_EPOCH '%s': it must be a number of seconds since "
                   "1970-01-01",
                   s);
        return 0;
    }

    HPDF_Date date;
    memset(&date, 0, sizeof(date));
    date.year = tm.tm_year + 1900;
    date.month = tm.tm_mon + 1;
    date.day = tm.tm_mday;
    date.hour = tm.tm_hour;
    date.minutes = tm.tm_min;
    date.seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec; /* a leap second */
    date.ind = 'Z';
    HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, date);
    return failed(c) ? -1 : 0;
}

static int set_document_info(pdf_ctx *c)
{
    const rc_doc *doc = c->doc;

    if (set_info(c, HPDF_INFO_TITLE, "Title", doc->title) ||
        set_info(c, HPDF_INFO_AUTHOR, "Author", doc->author) ||
        set_info(c, HPDF_INFO_SUBJECT, "Subject", doc->subject) ||
        set_info(c, HPDF_INFO_KEYWORDS, "Keywords", doc->keywords) ||
        set_info(c, HPDF_INFO_CREATOR, "Creator", doc->creator) ||
        set_info(c, HPDF_INFO_PRODUCER, "Producer", "rescomp " RESCOMP_VERSION))
        return -1;
    return set_dates(c);
}

/* ---- page content ---------------------------------------------------- */

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
} content_state;

static void end_text(rc_buf *b, content_state *st)
{
    if (st->in_text) {
        rc_buf_adds(b, "ET\n");
        st->in_text = 0;
    }
}

static void set_fill(rc_buf *b, content_state *st, uint32_t color)
{
    color &= 0xFFFFFF;
    if (color != st->fill) {
        add_rgb(b, color);
        st->fill = color;
    }
}

/*
 * Synthetic bold, as XeTeX's FakeBold and browsers do it: the outline is
 * stroked as well as filled, with a line of 1/30 em (widening each stem by
 * 1/30 em, about what a bold face adds to a regular one's), in the fill
 * colour. Advances stay the regular face's, which is
 * what the layout measured.
 */
static void set_render(rc_buf *b, content_state *st, int bold, const rc_draw *d)
{
    int mode = bold ? 2 : 0;
    if (mode != st->render) {
        rc_buf_addf(b, "%d Tr\n", mode);
        st->render = mode;
    }
    if (!bold)
        return;
    rc_scaled width = d->size / 30;
    if (width != st->line_width) {
        add_sp(b, width);
        rc_buf_adds(b, " w\n");
        st->line_width = width;
    }
    uint32_t color = d->color & 0xFFFFFF;
    if (color != st->stroke) {
        add_color(b, color, "RG");
        st->stroke = color;
    }
}

static int draw_text(pdf_ctx *c, HPDF_Page page, content_state *st, const rc_draw *d)
{
    rc_buf *b = &c->content;
    pdf_face *f = &c->faces[c->slot[d->face]];
    unsigned synth = c->doc->fonts->synthetic[d->face];

    /* Registers the font in the page's /Resources; returns "F1", "F2" ... */
    if (!f->res) {
        f->res = HPDF_Page_GetLocalFontName(page, f->font);
        if (!f->res || failed(c)) {
            check(c, HPDF_PAGE_INVALID_FONT);
            return -1;
        }
    }
    const char *res = f->res;

    if (!st->in_text) {
        rc_buf_adds(b, "BT\n");
        st->in_text = 1;
        st->tx = st->ty = 0;
        st->slanted = 0; /* BT starts from the identity matrix */
    }
    if ((int)c->slot[d->face] != st->face || d->size != st->size) {
        rc_buf_addf(b, "/%s ", res);
        add_sp(b, d->size);
        rc_buf_adds(b, " Tf\n");
        st->face = (int)c->slot[d->face];
        st->size = d->size;
    }
    set_fill(b, st, d->color);
    set_render(b, st, (synth & RC_SYNTH_BOLD) != 0, d);

    /* Td is relative to the previous line origin; both ends are rounded
     * absolute positions, so no error accumulates along a page. */
    int64_t x = sp_to_milli(d->x);
    int64_t y = sp_to_milli((int64_t)c->doc->height - d->y);
    int slant = (synth & RC_SYNTH_SLANT) != 0;
    if (slant || st->slanted) {
        /*
         * Synthetic italic: the text matrix skewed by about 11 degrees (the
         * slant of CMU's italic); Tm places the run absolutely, and an
         * upright run after it sets the matrix back.
         */
        rc_buf_adds(b, slant ? "1 0 0.2 1 " : "1 0 0 1 ");
        add_milli(b, x);
        rc_buf_addc(b, ' ');
        add_milli(b, y);
        rc_buf_adds(b, " Tm\n");
        st->slanted = slant;
    } else {
        add_milli(b, x - st->tx);
        rc_buf_addc(b, ' ');
        add_milli(b, y - st->ty);
        rc_buf_adds(b, " Td\n");
    }
    st->tx = x;
    st->ty = y;

    /*
     * [(codes) adj (codes) ...] TJ: a TJ number is in thousandths of the
     * font size and moves the next glyph left, hence the sign. Codes are
     * written as the two bytes they are, in a literal string: half the
     * size of hex, and quicker to compress.
     */
    rc_buf_adds(b, "[(");
    for (size_t i = 0; i < d->n; i++) {
        add_code(b, code_of(f, d->cps[i]));
        /* An adjustment after the last glyph moves nothing: the next run
         * is placed by its own Td. */
        if (d->adjust && d->adjust[i] && i + 1 < d->n) {
            int64_t tj = round_div(-(int64_t)d->adjust[i] * 1000000, d->size);
            if (tj) {
                rc_buf_adds(b, ") ");
                add_milli(b, tj);
                rc_buf_adds(b, " (");
            }
        }
    }
    rc_buf_adds(b, ")] TJ\n");
    return 0;
}

/*
 * A run, and the marked content that makes a hyphenated word extract whole.
 * The display list brackets the word's pieces with span_begin (first run)
 * and span_end (last run). Measured with pdftotext 22.12: one /Span around
 * all pieces extracts the word whole but as a line of its own ("This is an
 * / extraordinary / word."), because the replacement text is placed over
 * the bounding box of both lines. So the first piece carries the whole word
 * as its ActualText and every later piece an empty one: "This is an
 * extraordinary / word." in pdftotext's default, -layout and -raw modes,
 * and each piece is complete in itself, so a word may even continue on
 * the next page. Marked content must not straddle BT/ET, so a spanned
 * piece gets a text object of its own.
 */
static int draw_run(pdf_ctx *c, HPDF_Page page, content_state *st, const rc_draw *d)
{
    rc_buf *b = &c->content;
    const char *actual = d->span_begin ? d->span_begin : c->in_span ? "" : NULL;

    if (actual) {
        end_text(b, st);
        rc_buf_adds(b, "/Span <</ActualText ");
        if (*actual)
            add_text_string(b, actual);
        else
            rc_buf_adds(b, "()");
        rc_buf_adds(b, ">> BDC\n");
    }
    if (d->n > 0 && draw_text(c, page, st, d))
        return -1;
    if (actual) {
        end_text(b, st);
        rc_buf_adds(b, "EMC\n");
    }
    if (d->span_begin)
        c->in_span = 1;
    if (d->span_end)
        c->in_span = 0;
    return 0;
}

static void draw_rule(pdf_ctx *c, content_state *st, const rc_draw *d)
{
    rc_buf *b = &c->content;
    end_text(b, st);
    set_fill(b, st, d->color);
    /* (x, y) is the top-left corner; re takes the bottom-left. */
    add_sp(b, d->x);
    rc_buf_addc(b, ' ');
    add_sp(b, (int64_t)c->doc->height - d->y - d->h);
    rc_buf_addc(b, ' ');
    add_sp(b, d->w);
    rc_buf_addc(b, ' ');
    add_sp(b, d->h);
    rc_buf_adds(b, " re f\n");
}

/* URIs must be 7-bit: percent-encode anything else (the IRI-to-URI rule). */
static const char *uri_ascii(rc_buf *b, const char *uri)
{
    static const char hex[] = "0123456789ABCDEF";
    rc_buf_reset(b);
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7F) {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            rc_buf_add(b, e, 3);
        } else {
            rc_buf_addc(b, (char)*p);
        }
    }
    return rc_buf_str(b);
}

static int draw_link(pdf_ctx *c, HPDF_Page page, const rc_draw *d)
{
    if (!d->text || !*d->text)
        return 0;
    float h = (float)c->doc->height;
    HPDF_Rect r;
    r.left = (float)d->x / RC_UNITY;
    r.right = (float)((double)d->x + d->w) / RC_UNITY;
    r.top = (float)((h - (double)d->y) / RC_UNITY);
    r.bottom = (float)((h - (double)d->y - d->h) / RC_UNITY);
    HPDF_Annotation annot = HPDF_Page_CreateURILinkAnnot(page, r, uri_ascii(&c->scratch, d->text));
    if (!annot || failed(c))
        return -1;
    /* No border: a link looks like the text it covers. */
    HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
    return failed(c) ? -1 : 0;
}

/*
 * An outline entry pointing at (x, y) on the page with /XYZ left top null,
 * as hyperref does: null keeps the reader's zoom. HPDF_Destination_SetXYZ
 * only accepts a zoom of 0.08..32, so the array is written here.
 */
static int draw_bookmark(pdf_ctx *c, HPDF_Page page, const rc_draw *d)
{
    int level = d->level < 0 ? 0 : d->level;
    if (level > c->outline_depth)
        level = c->outline_depth; /* nest under the last shallower entry */
    if (level >= MAX_OUTLINE_DEPTH)
        level = MAX_OUTLINE_DEPTH - 1;
    HPDF_Outline parent = level > 0 ? c->outline[level - 1] : NULL;

    HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, "-", NULL);
    HPDF_Binary title = o && !failed(c) ? text_string(c, d->text ? d->text : "") : NULL;
    if (!title || check(c, HPDF_Dict_Add(o, "Title", title)))
        return -1;
    HPDF_Destination dst = HPDF_Page_CreateDestination(page);
    if (!dst || failed(c))
        return -1;

    float left = d->x > 0 ? (float)d->x / RC_UNITY : 0;
    float top = (float)(((double)c->doc->height - d->y) / RC_UNITY);
    HPDF_STATUS st = HPDF_OK;
    HPDF_Array_Clear(dst); /* drop the default [page /Fit] */
    st += HPDF_Array_Add(dst, page);
    st += HPDF_Array_AddName(dst, "XYZ");
    st += HPDF_Array_AddReal(dst, left);
    st += HPDF_Array_AddReal(dst, top < 0 ? 0 : top);
    st += HPDF_Array_Add(dst, HPDF_Null_New(c->pdf->mmgr));
    if (check(c, st))
        return -1;
    HPDF_Outline_SetDestination(o, dst);
    HPDF_Outline_SetOpened(o, HPDF_TRUE);
    if (failed(c))
        return -1;

    c->outline[level] = o;
    c->outline_depth = level + 1;
    return 0;
}

/*
 * A photo's image XObject, from what image.c decoded: a JPEG as it is
 * (DCTDecode), pixels deflated here, their opacity as a soft mask. libharu
 * copies the samples into the stream, which is then replaced by their
 * compressed form.
 */
static unsigned char paeth(unsigned char a, unsigned char b, unsigned char c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/*
 * Each row is filtered as PNG does (Paeth: a sample less its prediction
 * from the left, upper and upper-left ones) before it is deflated, which
 * viewers undo (/Predictor 15): photos compress better (a 720 x 477
 * camera photo: 653 KB, against 871 KB as libharu deflated it; the bench's
 * smooth 414 x 414 one: 12 KB instead of 296 KB).
 */
static HPDF_Image embed_pixels(pdf_ctx *c, const unsigned char *px, int w, int h, int channels)
{
    HPDF_Image img = HPDF_LoadRawImageFromMem(c->pdf, px, (HPDF_UINT)w, (HPDF_UINT)h,
                                              channels == 1 ? HPDF_CS_DEVICE_GRAY
                                                            : HPDF_CS_DEVICE_RGB,
                                              8);
    if (!img || failed(c))
        return NULL;
    size_t stride = (size_t)w * (size_t)channels;
    unsigned char *f = rc_xmalloc((stride + 1) * (size_t)h);
    for (size_t y = 0; y < (size_t)h; y++) {
        const unsigned char *row = px + y * stride, *up = y ? row - stride : NULL;
        unsigned char *out = f + y * (stride + 1);
        *out++ = 4; /* PNG's filter type: Paeth */
        for (size_t i = 0; i < stride; i++) {
            unsigned char left = i >= (size_t)channels ? row[i - channels] : 0;
            unsigned char above = up ? up[i] : 0;
            unsigned char corner = up && i >= (size_t)channels ? up[i - channels] : 0;
            out[i] = (unsigned char)(row[i] - paeth(left, above, corner));
        }
    }
    int rc = put_deflated(c, img, f, (stride + 1) * (size_t)h, IMAGE_LEVEL);
    free(f);
    HPDF_Dict parms = rc ? NULL : HPDF_Dict_New(c->pdf->mmgr);
    if (!parms || check(c, HPDF_Dict_AddNumber(parms, "Predictor", 15) +
                               HPDF_Dict_AddNumber(parms, "Colors", channels) +
                               HPDF_Dict_AddNumber(parms, "Columns", w) +
                               HPDF_Dict_Add(img, "DecodeParms", parms)))
        return NULL;
    return img;
}

static HPDF_Image embed_image(pdf_ctx *c, const rc_image *im)
{
    if (im->format == RC_IMAGE_JPEG) {
        HPDF_Image img = HPDF_LoadJpegImageFromMem(c->pdf, im->data, (HPDF_UINT)im->size);
        return failed(c) ? NULL : img;
    }
    HPDF_Image img = embed_pixels(c, im->data, im->width, im->height, im->channels);
    if (img && im->alpha) {
        HPDF_Image mask = embed_pixels(c, im->alpha, im->width, im->height, 1);
        if (!mask || check(c, HPDF_Image_AddSMask(img, mask)))
            return NULL;
    }
    return img;
}

/*
 * A photo. Its resource name is registered by HPDF_Page_DrawImage (whose
 * own drawing commands are discarded with libharu's page stream, replaced
 * below by ours) and read back from the page's XObject resources, since
 * the lookup libharu uses is not exported.
 */
static int draw_image(pdf_ctx *c, HPDF_Page page, content_state *st, const rc_draw *d)
{
    if (!d->image) {
        c->reported = 1;
        return rc_error_class(c->diags, RC_FAIL_INTERNAL, no_pos,
                              "the photo '%s' was laid out without its pixels",
                              d->text ? d->text : "");
    }
    HPDF_Image img = embed_image(c, d->image);
    if (!img)
        return -1;
    HPDF_Page_DrawImage(page, img, 0, 0, 1, 1);
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    const char *name = attr->xobjects ? HPDF_Dict_GetKeyByObj(attr->xobjects, img) : NULL;
    if (!name || failed(c))
        return -1;
    rc_buf *b = &c->content;
    end_text(b, st);
    rc_buf_adds(b, "q ");
    add_sp(b, d->w);
    rc_buf_adds(b, " 0 0 ");
    add_sp(b, d->h);
    rc_buf_addc(b, ' ');
    add_sp(b, d->x);
    rc_buf_addc(b, ' ');
    add_sp(b, (int64_t)c->doc->height - d->y - d->h);
    rc_buf_addf(b, " cm /%s Do Q\n", name);
    return 0;
}

static int render_page(pdf_ctx *c, size_t index)
{
    const rc_page *pg = &c->doc->pages[index];
    HPDF_Page page = HPDF_AddPage(c->pdf);
    if (!page || failed(c))
        return -1;
    HPDF_Page_SetWidth(page, (float)c->doc->width / RC_UNITY);
    HPDF_Page_SetHeight(page, (float)c->doc->height / RC_UNITY);
    if (failed(c))
        return -1;

    content_state st = {.face = -1, .fill = 0x000000, .stroke = 0x000000};
    for (size_t f = 0; f < c->nfaces; f++)
        c->faces[f].res = NULL; /* resource names are per page */
    rc_buf *b = &c->content;
    rc_buf_reset(b);

    for (size_t i = 0; i < pg->n; i++) {
        const rc_draw *d = &pg->v[i];
        switch (d->kind) {
        case RC_DRAW_TEXT:
            if (draw_run(c, page, &st, d))
                return -1;
            break;
        case RC_DRAW_RULE:
            draw_rule(c, &st, d);
            break;
        case RC_DRAW_LINK:
            if (draw_link(c, page, d))
                return -1;
            break;
        case RC_DRAW_BOOKMARK:
            if (draw_bookmark(c, page, d))
                return -1;
            break;
        case RC_DRAW_IMAGE:
            if (draw_image(c, page, &st, d))
                return -1;
            break;
        case RC_DRAW_NOTE:
            break;
        }
    }
    end_text(b, &st);

    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    return put_deflated(c, attr->contents, b->ptr ? b->ptr : "", b->len, CONTENT_LEVEL);
}

/* ---- the file ---------------------------------------------------------- */

/*
 * libharu's save (HPDF_SaveToStream) writes every object but the streams
 * uncompressed, and a cross-reference table of 20 bytes per object. Here
 * the objects are written in the same order by the same function
 * (HPDF_Obj_WriteValue, which runs the same hooks: page trees count their
 * kids, outlines link theirs), but in PDF 1.5 form: streams as they are,
 * every other object into one compressed object stream, and the
 * cross-reference table as a compressed cross-reference stream. For the
 * academic example that is 10 KB less (48 KB to 38 KB).
 *
 * Stream /Length values are numbers libharu sets while it writes the
 * stream; each is an object of its own, after its stream in the xref, so
 * it is final by the time it is written into the object stream (where a
 * length other than the object stream's own may be).
 */
typedef struct xref_row {
    uint8_t type;   /* 0 free, 1 at an offset, 2 in the object stream */
    uint32_t field; /* offset, or index in the object stream */
} xref_row;

static HPDF_STATUS append_to_buf(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
    rc_buf_add((rc_buf *)stream->attr, ptr, siz);
    return HPDF_OK;
}

static void add_uint(rc_buf *b, uint64_t v)
{
    char tmp[24];
    char *p = tmp + sizeof(tmp);
    *--p = 0;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    rc_buf_adds(b, p);
}

static void add_be(rc_buf *b, uint32_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--)
        rc_buf_addc(b, (char)((v >> (8 * i)) & 0xFF));
}

static uint32_t obj_number(const void *obj)
{
    return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

/* "N 0 obj <<dict>> stream ... endstream endobj" with compressed data. */
static int add_stream_object(pdf_ctx *c, rc_buf *out, uint32_t num, const char *dict,
                             const void *data, size_t len)
{
    long clen = deflate_buf(c, data, len, OTHER_LEVEL);
    if (clen < 0)
        return -1;
    add_uint(out, num);
    rc_buf_adds(out, " 0 obj\n<<");
    rc_buf_adds(out, dict);
    rc_buf_adds(out, " /Filter /FlateDecode /Length ");
    add_uint(out, (uint64_t)clen);
    rc_buf_adds(out, ">>\nstream\r\n");
    rc_buf_add(out, c->zbuf, (size_t)clen);
    rc_buf_adds(out, "\nendstream\nendobj\n");
    return 0;
}

static int write_file(pdf_ctx *c, rc_buf *out)
{
    HPDF_Doc pdf = c->pdf;
    HPDF_List entries = pdf->xref->entries;
    rc_buf index = RC_BUF_INIT, bodies = RC_BUF_INIT;
    xref_row *rows = NULL;
    size_t nrows = 0, cap = 0;
    uint32_t in_objstm = 0;
    int rc = -1;

    HPDF_Stream so = HPDF_CallbackWriter_New(pdf->mmgr, append_to_buf, out);
    HPDF_Stream sb = HPDF_CallbackWriter_New(pdf->mmgr, append_to_buf, &bodies);
    if (!so || !sb || pdf->xref->prev || pdf->xref->start_offset != 0 || !pdf->catalog)
        goto done;
    /* A binary comment on the second line marks the file as binary. */
    static const char header[] = "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n";
    if (HPDF_Stream_Write(so, (const HPDF_BYTE *)header, sizeof(header) - 1) != HPDF_OK)
        goto done;

    /* The list may grow while it is written (a hook adding an object). */
    for (HPDF_UINT i = 0; i < entries->count; i++) {
        if (nrows == cap) {
            cap = cap ? cap * 2 : 128;
            xref_row *grown = realloc(rows, cap * sizeof(*rows));
            if (!grown)
                goto done;
            rows = grown;
        }
        HPDF_XrefEntry e = HPDF_List_ItemAt(entries, i);
        xref_row *row = &rows[nrows++];
        if (i == 0 || !e || e->entry_typ != HPDF_IN_USE_ENTRY || !e->obj) {
            row->type = 0;
            row->field = 0;
            continue;
        }
        const HPDF_Obj_Header *h = e->obj;
        int is_stream = (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT &&
                        ((HPDF_Dict)e->obj)->stream;
        if (is_stream) {
            row->type = 1;
            row->field = so->size;
            rc_buf_reset(&c->scratch);
            add_uint(&c->scratch, i);
            rc_buf_adds(&c->scratch, " 0 obj\n");
            if (HPDF_Stream_WriteStr(so, rc_buf_str(&c->scratch)) != HPDF_OK ||
                HPDF_Obj_WriteValue(e->obj, so, NULL) != HPDF_OK ||
                HPDF_Stream_WriteStr(so, "\nendobj\n") != HPDF_OK)
                goto done;
            /* Written once: its data moves to the file rather than being held twice. */
            HPDF_MemStream_FreeData(((HPDF_Dict)e->obj)->stream);
        } else {
            row->type = 2;
            row->field = in_objstm++;
            add_uint(&index, i);
            rc_buf_addc(&index, ' ');
            add_uint(&index, bodies.len);
            rc_buf_addc(&index, ' ');
            if (HPDF_Obj_WriteValue(e->obj, sb, NULL) != HPDF_OK)
                goto done;
            rc_buf_addc(&bodies, '\n');
        }
        if (failed(c))
            goto done;
    }

    /* The object stream, then the cross-reference stream. */
    uint32_t objstm = (uint32_t)nrows, xrefstm = objstm + 1;
    uint32_t objstm_offset = so->size;
    rc_buf_reset(&c->scratch);
    rc_buf_adds(&c->scratch, "/Type /ObjStm /N ");
    add_uint(&c->scratch, in_objstm);
    rc_buf_adds(&c->scratch, " /First ");
    add_uint(&c->scratch, index.len);
    rc_buf_add(&index, bodies.ptr, bodies.len);
    if (add_stream_object(c, out, objstm, rc_buf_str(&c->scratch), index.ptr, index.len))
        goto done;
    if (out->len > 0xFFFFFFFFu)
        goto done;
    uint32_t xref_offset = (uint32_t)out->len;
    int ow = xref_offset <= 0xFFFF ? 2 : xref_offset <= 0xFFFFFF ? 3 : 4;

    rc_buf table = RC_BUF_INIT;
    for (size_t i = 0; i < nrows; i++) {
        rc_buf_addc(&table, (char)rows[i].type);
        add_be(&table, rows[i].type == 2 ? objstm : rows[i].field, ow);
        add_be(&table, rows[i].type == 2 ? rows[i].field : i == 0 ? 0xFFFF : 0, 2);
    }
    rc_buf_addc(&table, 1);
    add_be(&table, objstm_offset, ow);
    add_be(&table, 0, 2);
    rc_buf_addc(&table, 1);
    add_be(&table, xref_offset, ow);
    add_be(&table, 0, 2);

    rc_buf_reset(&c->scratch);
    rc_buf_adds(&c->scratch, "/Type /XRef /Size ");
    add_uint(&c->scratch, xrefstm + 1);
    rc_buf_adds(&c->scratch, " /W [1 ");
    add_uint(&c->scratch, (uint64_t)ow);
    rc_buf_adds(&c->scratch, " 2] /Root ");
    add_uint(&c->scratch, obj_number(pdf->catalog));
    rc_buf_adds(&c->scratch, " 0 R");
    if (pdf->info) {
        rc_buf_adds(&c->scratch, " /Info ");
        add_uint(&c->scratch, obj_number(pdf->info));
        rc_buf_adds(&c->scratch, " 0 R");
    }
    int bad = add_stream_object(c, out, xrefstm, rc_buf_str(&c->scratch), table.ptr, table.len);
    rc_buf_release(&table);
    if (bad)
        goto done;
    rc_buf_adds(out, "startxref\n");
    add_uint(out, xref_offset);
    rc_buf_adds(out, "\n%%EOF\n");
    rc = 0;

done:
    if (so)
        HPDF_Stream_Free(so);
    if (sb)
        HPDF_Stream_Free(sb);
    free(rows);
    rc_buf_release(&index);
    rc_buf_release(&bodies);
    if (rc && !failed(c))
        check(c, HPDF_FAILD_TO_ALLOC_MEM);
    return rc;
}

/* Build the whole PDF in memory, into out. */
static int render(pdf_ctx *c, rc_buf *out)
{
    const rc_doc *doc = c->doc;

    if (doc->npages == 0)
        return rc_error_class(c->diags, RC_FAIL_INTERNAL, no_pos, "the document has no pages");
    if (doc->width <= 0 || doc->height <= 0)
        return rc_error_class(c->diags, RC_FAIL_INTERNAL, no_pos, "invalid page size");

    c->pdf = HPDF_New(on_error, c);
    if (!c->pdf)
        return rc_error_class(c->diags, RC_FAIL_INTERNAL, no_pos,
                              "cannot create a PDF document: out of memory");

    /* Streams this file fills it compresses itself (put_deflated). */
    HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
    if (failed(c))
        return haru_error(c, RC_FAIL_INTERNAL, "cannot set up the PDF document");

    map_faces(c);
    if (collect_codes(c))
        return -1;
    for (size_t f = 0; f < c->nfaces; f++) {
        if (c->faces[f].used && build_font(c, (int)f))
            return -1;
    }

    if (set_document_info(c))
        return haru_error(c, RC_FAIL_INTERNAL, "cannot set the document information");

    for (size_t p = 0; p < doc->npages; p++) {
        if (render_page(c, p)) {
            if (c->reported)
                return -1;
            rc_buf_reset(&c->scratch);
            rc_buf_addf(&c->scratch, "cannot render page %zu", p + 1);
            return haru_error(c, RC_FAIL_INTERNAL, rc_buf_str(&c->scratch));
        }
    }

    if (write_file(c, out))
        return haru_error(c, RC_FAIL_INTERNAL, "cannot assemble the PDF");
    return 0;
}

/* ---- entry point ------------------------------------------------------ */

int rc_pdf_render(const rc_doc *doc, rc_buf *out, rc_diags *d)
{
    pdf_ctx c;
    memset(&c, 0, sizeof(c));
    c.doc = doc;
    c.diags = d;
    rc_buf_init(&c.content);
    rc_buf_init(&c.scratch);

    rc_buf_reset(out);
    int rc = render(&c, out);
    if (c.pdf)
        HPDF_Free(c.pdf);
    for (size_t f = 0; f < c.nfaces; f++) {
        pdf_face *pf = &c.faces[f];
        free(pf->used);
        free(pf->astral);
        free(pf->cps);
        for (size_t i = 0; i < RC_ARRAY_LEN(pf->code); i++)
            free(pf->code[i]);
    }
    free(c.faces);
    free(c.slot);
    for (size_t i = 0; i < RC_ARRAY_LEN(c.zc); i++)
        libdeflate_free_compressor(c.zc[i]);
    free(c.zbuf);
    rc_buf_release(&c.content);
    rc_buf_release(&c.scratch);
    rc_buf_release(&c.font_program);
    if (rc != 0)
        rc_buf_reset(out);
    return rc;
}

int rc_pdf_write(const rc_doc *doc, const char *path, rc_diags *d)
{
    rc_buf file = RC_BUF_INIT;
    int rc = rc_pdf_render(doc, &file, d);
    if (rc == 0)
        rc = rc_write_atomic(path, file.ptr ? file.ptr : "", file.len, d);
    rc_buf_release(&file);
    return rc;
}
