/*
 * dev_pdf: the PDF device, and the only file that knows libharu.
 *
 * It owns the translation of a laid-out rc_doc into PDF objects (pages,
 * embedded fonts, links, outlines, document information) and the atomic
 * write of the result: the PDF is built in memory, written to a temporary
 * file beside the target and renamed over it only when every byte is on
 * disk, so a failed run never leaves a half-written or clobbered file.
 *
 * Fonts: a subset per document, and an encoding of our own.
 * libharu's way to Unicode text, HPDF_GetFont(..., "UTF-8"), costs 5-6 ms
 * and a 128 KB CIDToGIDMap per face whatever the document shows: the UTF-8
 * encoder overrides the CMap encoder's to_unicode function, which makes
 * CIDFontType2_New (hpdf_font_cid.c) look up a glyph for every one of the
 * 65,536 codes and write /W and the map over all of them. It also embeds
 * every font table but glyf whole. So, for each face the document uses:
 *
 * 1. The code points it shows are collected in one pass over the display
 *    list and numbered densely in code-point order: the k-th code point
 *    (k = 1, 2, ...) is shown with the 2-byte code k. Code 0 stays .notdef.
 * 2. HarfBuzz's subsetter (hb-subset) cuts the face down to those code
 *    points (plus 'H' and 'x', whose outlines libharu measures for the
 *    descriptor) and the glyphs they need, composites included, keeping
 *    only the tables libharu embeds. Advances and units per em are kept, so
 *    the /W widths equal rc_face_advance, which the layout used.
 * 3. libharu loads the subset from memory (HPDF_TTFontDef_Load on a memory
 *    stream: no temporary file) and every glyph of it is marked used, so
 *    nothing is measured per run and nested composites keep their parts.
 * 4. A CMap encoder of our own (HPDF_CMapEncoder_New, registered with
 *    HPDF_Doc_RegisterEncoder, ordering "Identity-H" so that the font is
 *    written with /Encoding /Identity-H) maps code k to CID k and to its
 *    code point. It keeps libharu's default to_unicode function, so
 *    CIDFontType2_New only looks up the glyphs of the n codes in use, and
 *    writes a /W and a CIDToGIDMap of n entries. That loop stops one short
 *    of the largest CID (i < max), so a sentinel code n + 1 is mapped too.
 *    The code is the CID (Identity-H), and the CIDToGIDMap takes it to the
 *    subset's glyph.
 * 5. The /ToUnicode CMap libharu writes for this encoder (as for its own
 *    UTF-8 one) is not a valid ToUnicode CMap: its stream is rewritten
 *    before saving as bfrange/bfchar entries from each code to its code
 *    point, through the font's HPDF_FontAttr (installed hpdf_font.h).
 *
 * The subset is named with a tag hashed from the face and its code points,
 * so identical input gives identical bytes and different subsets of a font
 * get different names.
 *
 * Why text is written raw: libharu 2.3.0 has no kerning and no TJ-array call,
 * and viewers ignore Tw (word spacing) for the 2-byte codes of a CID font,
 * so neither kerning nor justification can go through HPDF_Page_ShowText.
 * Each run is therefore written straight into the page's content stream as
 * one TJ array. HPDF_Page_GetLocalFontName (what HPDF_Page_SetFontAndSize
 * calls internally; exported, declared in the installed hpdf_pages.h) adds
 * the font to the page's /Resources and returns its resource name (/F1
 * ...), which the Tf operator needs; it is asked once per face and page.
 * This file writes every byte of the content stream itself (BT/Tf/Td/TJ/ET,
 * rg, re f), with no libharu graphics-mode bookkeeping to keep in step.
 *
 * Numbers in the content stream come from integers (scaled points, 0xRRGGBB)
 * formatted here, never through printf's %f: no locale, no float rounding
 * differences, byte-identical output for identical input.
 */
#include "dev.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * libharu's public header, plus its installed internal headers: hpdf_pages.h
 * for HPDF_PageAttr (the page's content stream), hpdf_font.h for
 * HPDF_FontAttr (the ToUnicode stream), hpdf_fontdef.h (HPDF_TTFontDef_Load,
 * the glyph table), hpdf_encoder.h (the CMap encoder), hpdf_doc.h (encoder
 * and font registration) and hpdf_streams.h (memory streams). All compile
 * cleanly under -Wpedantic.
 */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <hb-subset.h>
#include <hb.h>
#include <zlib.h>

#ifndef RESCOMP_VERSION
#define RESCOMP_VERSION "0.0.0"
#endif

/* Outline depth we track; deeper bookmarks nest under the deepest one. */
#define MAX_OUTLINE_DEPTH 16

/* Code points libharu can show: its codes are 16-bit. */
#define NUM_CODE_POINTS 0x10000

/* One face as the document uses it. */
typedef struct pdf_face {
    uint8_t *used;   /* bitmap of the code points shown in this face */
    HPDF_Font font;
    const char *res; /* resource name on the current page, NULL = not yet */
} pdf_face;

typedef struct pdf_ctx {
    HPDF_Doc pdf;
    /* The first libharu error (sticky: everything after it is noise). */
    HPDF_STATUS error, detail;
    const rc_doc *doc;
    rc_diags *diags;
    pdf_face faces[RC_FACE_COUNT];
    /*
     * The document's codes, shared by its faces: cps[k - 1] is the code
     * point shown with code k (sorted), code[cp >> 8][cp & 255] the code of
     * cp (0 = not shown, page NULL = none in that block of 256).
     */
    uint32_t *cps;
    size_t n;
    uint16_t *code[NUM_CODE_POINTS >> 8];
    HPDF_Encoder encoder; /* codes -> CIDs (the same) and code points */
    HPDF_Encoder utf8;    /* libharu's, for the text strings of outlines and info */
    z_stream z;           /* the document's compressor, reset per stream */
    int z_ready;
    unsigned char *zbuf; /* its output */
    size_t zcap;
    HPDF_Outline outline[MAX_OUTLINE_DEPTH];
    int outline_depth; /* valid entries in outline[] */
    int in_span;       /* inside a hyphenated word, after its first run */
    rc_buf content;    /* the page content stream being built */
    rc_buf scratch;
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

/* 0xRRGGBB as "r g b rg" with channels in [0, 1]. */
static void add_rgb(rc_buf *b, uint32_t color)
{
    for (int shift = 16; shift >= 0; shift -= 8) {
        add_milli(b, round_div((int64_t)((color >> shift) & 0xFF) * 1000, 255));
        rc_buf_addc(b, ' ');
    }
    rc_buf_adds(b, "rg\n");
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
 * Streams this file fills are compressed here rather than by libharu: one
 * zlib state serves the whole document (libharu sets one up per stream),
 * and the stream is then copied as it is. libharu drops a /Filter entry
 * from an unfiltered stream's dictionary when it writes it, so /Filter is
 * written by the dictionary's write hook, after its other entries.
 */
static HPDF_STATUS write_flate_filter(HPDF_Dict obj, HPDF_Stream stream)
{
    (void)obj;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

static int zlib_failed(pdf_ctx *c)
{
    check(c, HPDF_ZLIB_ERROR);
    return -1;
}

/* Fill a stream dictionary with data, compressed. */
static int put_deflated(pdf_ctx *c, HPDF_Dict dict, const void *data, size_t len)
{
    z_stream *z = &c->z;
    if ((c->z_ready ? deflateReset(z) : deflateInit(z, Z_DEFAULT_COMPRESSION)) != Z_OK)
        return zlib_failed(c);
    c->z_ready = 1;
    if (len > 0x7FFFFFFF)
        return zlib_failed(c);
    size_t bound = deflateBound(z, (uLong)len);
    if (bound > c->zcap) {
        free(c->zbuf);
        c->zbuf = rc_xmalloc(bound);
        c->zcap = bound;
    }
    z->next_in = (Bytef *)(uintptr_t)data; /* zlib does not write through it */
    z->avail_in = (uInt)len;
    z->next_out = c->zbuf;
    z->avail_out = (uInt)bound;
    if (deflate(z, Z_FINISH) != Z_STREAM_END)
        return zlib_failed(c);
    HPDF_MemStream_FreeData(dict->stream);
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_flate_filter;
    return check(c, HPDF_Stream_Write(dict->stream, c->zbuf, (HPDF_UINT)z->total_out)) ? -1 : 0;
}

/* ---- fonts ------------------------------------------------------------ */

static const rc_face *face_of(const rc_doc *doc, int face)
{
    if (!doc->fonts || face < 0 || face >= RC_FACE_COUNT)
        return NULL;
    return doc->fonts->faces[face];
}

/* The code point libharu's codes can carry: above U+FFFF, a space. */
static uint32_t bmp(uint32_t cp)
{
    return cp < NUM_CODE_POINTS ? cp : 0x20;
}

static int is_used(const uint8_t *used, uint32_t cp)
{
    return (used[cp >> 3] >> (cp & 7)) & 1;
}

/* The code a code point is shown with (collect_codes made it). */
static unsigned code_of(const pdf_ctx *c, uint32_t cp)
{
    cp = bmp(cp);
    return c->code[cp >> 8][cp & 0xFF];
}

/*
 * One pass over the display list: check the runs, and record per face the
 * code points it shows; then number the code points of all faces densely,
 * in code-point order. Only faces with text are loaded: an unused face
 * would cost time and bytes for nothing.
 */
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
            pdf_face *f = &c->faces[d->face];
            if (!f->used)
                f->used = rc_xcalloc(NUM_CODE_POINTS / 8, 1);
            for (size_t k = 0; k < d->n; k++) {
                uint32_t cp = bmp(d->cps[k]);
                f->used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
            }
        }
    }

    /* The union of the faces' code points, 64 at a time. */
    uint64_t *all = rc_xcalloc(NUM_CODE_POINTS / 64, sizeof(uint64_t));
    for (int face = 0; face < RC_FACE_COUNT; face++) {
        const uint8_t *u = c->faces[face].used;
        for (size_t w = 0; u && w < NUM_CODE_POINTS / 64; w++) {
            uint64_t v = 0;
            for (int b = 7; b >= 0; b--)
                v = v << 8 | u[w * 8 + (size_t)b];
            all[w] |= v;
        }
    }
    size_t n = 0;
    for (size_t w = 0; w < NUM_CODE_POINTS / 64; w++)
        for (uint64_t v = all[w]; v; v &= v - 1)
            n++;
    c->cps = rc_xmalloc((n ? n : 1) * sizeof(*c->cps));
    for (size_t w = 0; w < NUM_CODE_POINTS / 64; w++) {
        for (uint64_t v = all[w]; v; v &= v - 1) {
            int bit = 0;
            while (!((v >> bit) & 1))
                bit++;
            uint32_t cp = (uint32_t)(w * 64 + (size_t)bit);
            uint16_t **page = &c->code[cp >> 8];
            if (!*page)
                *page = rc_xcalloc(256, sizeof(**page));
            c->cps[c->n++] = cp;
            (*page)[cp & 0xFF] = (uint16_t)c->n;
        }
    }
    free(all);
    /* Codes are 16-bit, and the encoder needs one more (see the top). */
    if (c->n + 1 >= NUM_CODE_POINTS)
        return rc_error_class(c->diags, RC_FAIL_INTERNAL, no_pos,
                              "the document shows too many different characters");
    return 0;
}

/*
 * A subset's tag: six capitals from a hash of the face and the code points
 * it shows (FNV-1a), the same for the same input.
 */
static void subset_tag(const pdf_ctx *c, int face, char tag[HPDF_TTF_FONT_TAG_LEN + 1])
{
    const uint8_t *used = c->faces[face].used;
    uint64_t h = 0xCBF29CE484222325u;
    h = (h ^ (uint64_t)face) * 0x100000001B3u;
    for (size_t k = 0; k < c->n; k++)
        if (is_used(used, c->cps[k]))
            h = (h ^ c->cps[k]) * 0x100000001B3u;
    for (int i = 0; i < HPDF_TTF_FONT_TAG_LEN; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
    tag[HPDF_TTF_FONT_TAG_LEN] = 0;
}

/* The tables a TrueType font in a PDF needs: what libharu 2.3.0 embeds. */
static int table_embedded(hb_tag_t t)
{
    static const char *const tags[] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                       "hmtx", "loca", "maxp", "name", "post", "prep"};
    for (size_t i = 0; i < RC_ARRAY_LEN(tags); i++)
        if (t == HB_TAG(tags[i][0], tags[i][1], tags[i][2], tags[i][3]))
            return 1;
    return 0;
}

/*
 * The face cut down to the code points it shows, as a TrueType file (a
 * blob to destroy), or NULL. The tables a PDF font does not use (GPOS,
 * kern ...) are dropped before subsetting, so no time goes into them.
 */
static hb_blob_t *subset_face(const pdf_ctx *c, int face)
{
    hb_face_t *hbf = rc_face_hb(face_of(c->doc, face));
    const uint8_t *used = c->faces[face].used;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_t *unicodes = hb_subset_input_unicode_set(in);
    for (size_t k = 0; k < c->n; k++)
        if (is_used(used, c->cps[k]))
            hb_set_add(unicodes, c->cps[k]);

    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_tag_t tags[64];
    unsigned offset = 0, count;
    do {
        count = RC_ARRAY_LEN(tags);
        hb_face_get_table_tags(hbf, offset, &count, tags);
        for (unsigned i = 0; i < count; i++)
            if (!table_embedded(tags[i]))
                hb_set_add(drop, tags[i]);
        offset += count;
    } while (count == RC_ARRAY_LEN(tags));
    /* Viewers do not run TrueType hinting for PDF text. */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);

    hb_face_t *sub = hb_subset_or_fail(hbf, in);
    hb_subset_input_destroy(in);
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

/*
 * Load a subset into libharu and register it under a unique name (the
 * tagged one, "KQWZTB+CMUSerif-Roman"). libharu only reads it: the font
 * file embedded is the subset itself (embed_subset).
 */
static HPDF_FontDef load_subset(pdf_ctx *c, const char *data, unsigned len, const char *tag)
{
    HPDF_Stream stream = HPDF_MemStream_New(c->pdf->mmgr, len);
    if (!stream)
        return NULL;
    if (HPDF_Stream_Write(stream, (const HPDF_BYTE *)data, len) != HPDF_OK) {
        HPDF_Stream_Free(stream);
        return NULL;
    }
    /* Takes the stream over, also when it fails. */
    HPDF_FontDef def = HPDF_TTFontDef_Load(c->pdf->mmgr, stream, HPDF_TRUE);
    if (!def)
        return NULL;
    HPDF_TTFontDef_SetTagName(def, (char *)tag);
    /* The tagged name becomes the name libharu finds the definition by. */
    HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
    memcpy(def->base_font, attr->base_font, sizeof(def->base_font));
    def->base_font[sizeof(def->base_font) - 1] = 0;
    if (HPDF_Doc_RegisterFontDef(c->pdf, def) != HPDF_OK) /* frees def */
        return NULL;
    return def;
}

/*
 * The font descriptor, made before libharu would make it at save time
 * (CIDFontType2_BeforeWrite_Func makes one only when there is none): with
 * the subset as /FontFile2 as HarfBuzz wrote it (libharu would rewrite the
 * file table by table, 4 bytes at a time), and with /CapHeight, which the
 * PDF format requires and libharu leaves out. Cap height and x-height are
 * the font module's, which measures them as libharu would.
 */
static int embed_subset(pdf_ctx *c, int face, HPDF_FontDef def, const char *data, unsigned len)
{
    HPDF_MMgr mmgr = c->pdf->mmgr;
    HPDF_Xref xref = c->pdf->xref;
    const rc_face *rf = face_of(c->doc, face);
    HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;

    HPDF_Dict file = HPDF_DictStream_New(mmgr, xref);
    if (!file || put_deflated(c, file, data, len))
        return -1;
    HPDF_Dict desc = HPDF_Dict_New(mmgr);
    if (!desc || HPDF_Xref_Add(xref, desc) != HPDF_OK)
        return -1;
    HPDF_Array bbox = HPDF_Box_Array_New(mmgr, def->font_bbox);
    HPDF_STATUS st = HPDF_OK;
    st += HPDF_Dict_AddNumber(file, "Length1", len);
    st += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    st += HPDF_Dict_AddName(desc, "FontName", attr->base_font);
    st += HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)def->flags);
    st += bbox ? HPDF_Dict_Add(desc, "FontBBox", bbox) : HPDF_FAILD_TO_ALLOC_MEM;
    st += HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
    st += HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
    st += HPDF_Dict_AddNumber(desc, "Descent", def->descent);
    st += HPDF_Dict_AddNumber(desc, "CapHeight", rc_face_cap_height(rf));
    st += HPDF_Dict_AddNumber(desc, "XHeight", rc_face_x_height(rf));
    st += HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
    st += HPDF_Dict_Add(desc, "FontFile2", file);
    if (check(c, st))
        return -1;
    def->descriptor = desc;
    return 0;
}

/* Both bytes of a code are read as one: every byte leads or trails. */
static HPDF_BOOL any_byte(HPDF_Encoder encoder, HPDF_BYTE b)
{
    (void)encoder;
    (void)b;
    return HPDF_TRUE;
}

/*
 * The document's encoder: code k is CID k and shows cps[k - 1]; code n + 1
 * is the sentinel described at the top of the file. Built here rather than
 * by an init function, and registered initialised.
 */
static int make_encoder(pdf_ctx *c)
{
    char name[] = "rescomp";
    HPDF_Encoder enc = HPDF_CMapEncoder_New(c->pdf->mmgr, name, NULL);
    if (!enc)
        return -1;
    if (HPDF_CMapEncoder_InitAttr(enc) != HPDF_OK) {
        HPDF_Encoder_Free(enc);
        return -1;
    }
    HPDF_CMapEncoderAttr attr = (HPDF_CMapEncoderAttr)enc->attr;
    /* libharu indexes these maps [low byte][high byte]. */
    for (size_t k = 1; k <= c->n + 1; k++) {
        attr->cid_map[k & 0xFF][k >> 8] = (HPDF_UINT16)k;
        if (k <= c->n)
            attr->unicode_map[k & 0xFF][k >> 8] = (HPDF_UNICODE)c->cps[k - 1];
    }
    attr->is_lead_byte_fn = any_byte;
    attr->is_trial_byte_fn = any_byte;
    strcpy(attr->registry, "Adobe");
    strcpy(attr->ordering, "Identity-H"); /* see HPDF_Type0Font_New */
    attr->suppliment = 0;
    attr->writing_mode = HPDF_WMODE_HORIZONTAL;
    enc->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
    if (HPDF_Doc_RegisterEncoder(c->pdf, enc) != HPDF_OK) /* frees enc */
        return -1;
    c->encoder = enc;
    return 0;
}

static int load_face(pdf_ctx *c, int face)
{
    pdf_face *f = &c->faces[face];
    const char *path = rc_face_path(face_of(c->doc, face));
    char tag[HPDF_TTF_FONT_TAG_LEN + 1];
    subset_tag(c, face, tag);

    hb_blob_t *blob = subset_face(c, face);
    if (!blob)
        return rc_error_class(c->diags, RC_FAIL_FONT, no_pos,
                              "cannot load font '%s': HarfBuzz cannot subset it", path);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    HPDF_FontDef def = load_subset(c, data, len, tag);
    if (def && !failed(c) && embed_subset(c, face, def, data, len) == 0 && !failed(c))
        f->font = HPDF_GetFont(c->pdf, def->base_font, c->encoder->name);
    hb_blob_destroy(blob);
    if (!f->font || failed(c)) {
        rc_buf_reset(&c->scratch);
        rc_buf_addf(&c->scratch, "cannot load font '%s'", path);
        return haru_error(c, RC_FAIL_FONT, rc_buf_str(&c->scratch));
    }
    return 0;
}

/* ---- document information ---------------------------------------------- */

static int set_info(pdf_ctx *c, HPDF_InfoType type, const char *value)
{
    if (!value || !*value)
        return 0;
    HPDF_SetInfoAttr(c->pdf, type, value);
    return failed(c) ? -1 : 0;
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

    /*
     * HPDF_SetInfoAttr encodes strings with the current encoder; with the
     * UTF-8 encoder they are written as <FEFF...> UTF-16BE, which is how a
     * PDF text string carries "Wei Xiong – CV". Without it the UTF-8 bytes
     * would be written as PDFDocEncoding and come out as mojibake.
     */
    HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
    if (failed(c))
        return -1;
    if (set_info(c, HPDF_INFO_TITLE, doc->title) || set_info(c, HPDF_INFO_AUTHOR, doc->author) ||
        set_info(c, HPDF_INFO_SUBJECT, doc->subject) ||
        set_info(c, HPDF_INFO_KEYWORDS, doc->keywords) ||
        set_info(c, HPDF_INFO_CREATOR, doc->creator) ||
        set_info(c, HPDF_INFO_PRODUCER, "rescomp " RESCOMP_VERSION))
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

static int draw_text(pdf_ctx *c, HPDF_Page page, content_state *st, const rc_draw *d)
{
    rc_buf *b = &c->content;
    pdf_face *f = &c->faces[d->face];

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
    }
    if ((int)d->face != st->face || d->size != st->size) {
        rc_buf_addf(b, "/%s ", res);
        add_sp(b, d->size);
        rc_buf_adds(b, " Tf\n");
        st->face = (int)d->face;
        st->size = d->size;
    }
    set_fill(b, st, d->color);

    /* Td is relative to the previous line origin; both ends are rounded
     * absolute positions, so no error accumulates along a page. */
    int64_t x = sp_to_milli(d->x);
    int64_t y = sp_to_milli((int64_t)c->doc->height - d->y);
    add_milli(b, x - st->tx);
    rc_buf_addc(b, ' ');
    add_milli(b, y - st->ty);
    rc_buf_adds(b, " Td\n");
    st->tx = x;
    st->ty = y;

    /*
     * [<codes> adj <codes> ...] TJ: a TJ number is in thousandths of the
     * font size and moves the next glyph left, hence the sign.
     */
    rc_buf_adds(b, "[<");
    for (size_t i = 0; i < d->n; i++) {
        add_hex16(b, code_of(f, d->cps[i]));
        /* An adjustment after the last glyph moves nothing: the next run
         * is placed by its own Td. */
        if (d->adjust && d->adjust[i] && i + 1 < d->n) {
            int64_t tj = round_div(-(int64_t)d->adjust[i] * 1000000, d->size);
            if (tj) {
                rc_buf_adds(b, "> ");
                add_milli(b, tj);
                rc_buf_adds(b, " <");
            }
        }
    }
    rc_buf_adds(b, ">] TJ\n");
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

    HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, d->text ? d->text : "", c->utf8);
    HPDF_Destination dst = o && !failed(c) ? HPDF_Page_CreateDestination(page) : NULL;
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

    content_state st = {0, 0, 0, -1, 0, 0x000000};
    for (int f = 0; f < RC_FACE_COUNT; f++)
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
        case RC_DRAW_NOTE:
            break;
        }
    }
    end_text(b, &st);

    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    return check(c, HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)b->ptr, (HPDF_UINT)b->len))
               ? -1
               : 0;
}

/* Append "<lo> <hi> <dst>" (a range) or "<lo> <dst>" (one code). */
static void add_cmap_entry(rc_buf *b, const unsigned v[3])
{
    rc_buf_addc(b, '<');
    add_hex16(b, v[0]);
    if (v[1] != v[0]) {
        rc_buf_adds(b, "> <");
        add_hex16(b, v[1]);
    }
    rc_buf_adds(b, "> <");
    add_hex16(b, v[2]);
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

/*
 * Replace the content of libharu's ToUnicode stream by a valid CMap from
 * the face's codes to their code points: a bfrange for each run of
 * consecutive codes showing consecutive code points (neither may carry
 * into the high byte within a range), a bfchar for the rest. Surrogate
 * code points have no Unicode value and get no entry.
 */
static int write_to_unicode(pdf_ctx *c, const pdf_face *f)
{
    HPDF_FontAttr fa = (HPDF_FontAttr)f->font->attr;
    if (!fa || !fa->cmap_stream || !fa->cmap_stream->stream)
        return 0;
    unsigned(*ranges)[3] = rc_xmalloc((f->n + 1) * sizeof(*ranges));
    unsigned(*singles)[3] = rc_xmalloc((f->n + 1) * sizeof(*singles));
    size_t nr = 0, ns = 0;

    for (size_t k = 1; k <= f->n;) {
        uint32_t cp = f->cps[k - 1];
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            k++;
            continue;
        }
        size_t end = k;
        while (end < f->n && (end & 0xFF) != 0xFF && (f->cps[end - 1] & 0xFF) != 0xFF &&
               f->cps[end] == f->cps[end - 1] + 1 && !(f->cps[end] >= 0xD800 && f->cps[end] <= 0xDFFF))
            end++;
        unsigned *e = end > k ? ranges[nr++] : singles[ns++];
        e[0] = (unsigned)k;
        e[1] = (unsigned)end;
        e[2] = cp;
        k = end + 1;
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

    /* The stream dictionary's /Type /CMap, /CMapName ... belong to an
     * encoding CMap, not to a ToUnicode one. */
    HPDF_Dict dict = fa->cmap_stream;
    static const char *const keys[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
    for (size_t i = 0; i < RC_ARRAY_LEN(keys); i++)
        HPDF_Dict_RemoveElement(dict, keys[i]); /* not found is fine, and raises nothing */
    HPDF_MemStream_FreeData(dict->stream);
    return check(c, HPDF_Stream_Write(dict->stream, (const HPDF_BYTE *)b->ptr, (HPDF_UINT)b->len))
               ? -1
               : 0;
}

/* Build the whole PDF in memory; *out receives its bytes (malloc'ed). */
static int render(pdf_ctx *c, unsigned char **out, size_t *out_len)
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

    HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(c->pdf);
    if (!failed(c))
        c->utf8 = HPDF_GetEncoder(c->pdf, "UTF-8");
    if (!c->utf8 || failed(c))
        return haru_error(c, RC_FAIL_INTERNAL, "cannot set up the PDF document");

    if (collect_codes(c))
        return -1;
    for (int f = 0; f < RC_FACE_COUNT; f++)
        if (c->faces[f].used && load_face(c, f))
            return -1;

    if (set_document_info(c))
        return haru_error(c, RC_FAIL_INTERNAL, "cannot set the document information");

    for (size_t p = 0; p < doc->npages; p++) {
        if (render_page(c, p)) {
            rc_buf_reset(&c->scratch);
            rc_buf_addf(&c->scratch, "cannot render page %zu", p + 1);
            return haru_error(c, RC_FAIL_INTERNAL, rc_buf_str(&c->scratch));
        }
    }

    for (int f = 0; f < RC_FACE_COUNT; f++) {
        if (c->faces[f].font && write_to_unicode(c, &c->faces[f]))
            return haru_error(c, RC_FAIL_INTERNAL, "cannot write the ToUnicode map");
    }

    HPDF_SaveToStream(c->pdf);
    HPDF_UINT32 size = failed(c) ? 0 : HPDF_GetStreamSize(c->pdf);
    if (failed(c) || size == 0)
        return haru_error(c, RC_FAIL_INTERNAL, "cannot assemble the PDF");
    unsigned char *bytes = rc_xmalloc(size);
    HPDF_UINT32 got = size;
    HPDF_ReadFromStream(c->pdf, bytes, &got);
    if (failed(c) || got != size) {
        free(bytes);
        return haru_error(c, RC_FAIL_INTERNAL, "cannot assemble the PDF");
    }
    *out = bytes;
    *out_len = size;
    return 0;
}

/* ---- atomic output ---------------------------------------------------- */

static int io_error(rc_diags *d, const char *path, int err)
{
    return rc_error_class(d, RC_FAIL_IO, no_pos, "cannot write '%s': %s", path, strerror(err));
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (w == 0) {
            errno = EIO;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Six characters for a temporary name; O_EXCL makes uniqueness certain. */
static void temp_suffix(char out[7], unsigned attempt)
{
    static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static unsigned counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t z = (uint64_t)getpid() * 0x9E3779B97F4A7C15u ^ (uint64_t)ts.tv_nsec ^
                 ((uint64_t)ts.tv_sec << 32) ^ ((uint64_t)++counter << 16) ^ attempt;
    /* splitmix64 finaliser */
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    z ^= z >> 31;
    for (int i = 0; i < 6; i++, z /= 62)
        out[i] = chars[z % 62];
    out[6] = 0;
}

/*
 * Something that is not a regular file (/dev/stdout, /dev/null, a FIFO)
 * cannot be replaced by rename, and must not be: renaming over /dev/null
 * as root would replace the device. Write through it instead.
 */
static int write_special(const char *path, const unsigned char *data, size_t len, rc_diags *d)
{
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0)
        return io_error(d, path, errno);
    if (write_all(fd, data, len) != 0) {
        int err = errno;
        close(fd);
        return io_error(d, path, err);
    }
    if (close(fd) != 0)
        return io_error(d, path, errno);
    return 0;
}

/*
 * Write to ".<base>.XXXXXX.tmp" beside the target, fsync, rename over it.
 * The temporary file is created with open(O_CREAT | O_EXCL, 0666) rather
 * than mkstemp: the same exclusive creation, but the mode goes through the
 * umask like any normally created file (mkstemp's 0600 would need a umask
 * query, which is not thread-safe).
 */
static int write_atomic(const char *path, const unsigned char *data, size_t len, rc_diags *d)
{
    struct stat sb;
    if (stat(path, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return io_error(d, path, EISDIR);
        if (!S_ISREG(sb.st_mode))
            return write_special(path, data, len, d);
    }

    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*path)
        return io_error(d, path, ENOENT);
    if (!*base)
        return io_error(d, path, EISDIR);
    /* Keep the temporary name within NAME_MAX (255) for long targets. */
    int base_len = strlen(base) > 200 ? 200 : (int)strlen(base);

    rc_buf tmp = RC_BUF_INIT;
    int fd = -1, err = 0;
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        char suffix[7];
        temp_suffix(suffix, attempt);
        rc_buf_reset(&tmp);
        rc_buf_add(&tmp, path, (size_t)(base - path));
        rc_buf_addf(&tmp, ".%.*s.%s.tmp", base_len, base, suffix);
        fd = open(rc_buf_str(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            break;
    }
    if (fd < 0) {
        err = errno;
        rc_buf_release(&tmp);
        return io_error(d, path, err);
    }

    if (write_all(fd, data, len) != 0)
        err = errno;
    /* fsync so that the rename never publishes a file whose data is not on
     * disk; a file system that cannot sync (EINVAL) is no reason to fail. */
    if (!err && fsync(fd) != 0 && errno != EINVAL)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (!err && rename(rc_buf_str(&tmp), path) != 0)
        err = errno;
    if (err)
        unlink(rc_buf_str(&tmp));
    rc_buf_release(&tmp);
    return err ? io_error(d, path, err) : 0;
}

/* ---- entry point ------------------------------------------------------ */

int rc_pdf_write(const rc_doc *doc, const char *path, rc_diags *d)
{
    pdf_ctx c;
    memset(&c, 0, sizeof(c));
    c.doc = doc;
    c.diags = d;
    rc_buf_init(&c.content);
    rc_buf_init(&c.scratch);

    unsigned char *bytes = NULL;
    size_t len = 0;
    int rc = render(&c, &bytes, &len);
    if (c.pdf)
        HPDF_Free(c.pdf);
    for (int f = 0; f < RC_FACE_COUNT; f++) {
        pdf_face *pf = &c.faces[f];
        free(pf->used);
        free(pf->cps);
        for (size_t i = 0; i < RC_ARRAY_LEN(pf->code); i++)
            free(pf->code[i]);
    }
    rc_buf_release(&c.content);
    rc_buf_release(&c.scratch);
    if (rc == 0)
        rc = write_atomic(path, bytes, len, d);
    free(bytes);
    return rc;
}
