/*
 * pdf_out: what every part of the PDF device writes with: errors,
 * numbers, compressed streams and text strings.
 */
#include "pdf.h"

#include <libdeflate.h>

/* ---- errors --------------------------------------------------------- */

const rc_pos pdf_no_pos = {NULL, 0, 0};

void HPDF_STDCALL pdf_on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
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
int pdf_failed(pdf_ctx *c)
{
    if (!c->error && c->pdf && HPDF_GetError(c->pdf) != HPDF_OK) {
        c->error = HPDF_GetError(c->pdf);
        c->detail = HPDF_GetErrorDetail(c->pdf);
    }
    return c->error != 0;
}

/* Record a status returned by a call that may not raise (stream writes). */
int pdf_check(pdf_ctx *c, HPDF_STATUS st)
{
    if (st != HPDF_OK && !c->error) {
        c->error = st;
        c->detail = 0;
    }
    return pdf_failed(c);
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

int pdf_haru_error(pdf_ctx *c, rc_failure failure, const char *what)
{
    pdf_failed(c);
    if (c->error == HPDF_FILE_OPEN_ERROR && c->detail)
        return rc_error_class(c->diags, failure, pdf_no_pos, "%s: %s", what,
                              strerror((int)c->detail));
    return rc_error_class(c->diags, failure, pdf_no_pos, "%s: %s (libharu 0x%04lX, detail %lu)", what,
                          error_text(c->error), (unsigned long)c->error,
                          (unsigned long)c->detail);
}

/* ---- number formatting ---------------------------------------------- */

/* num / den rounded half away from zero; den > 0. */
int64_t pdf_round_div(int64_t num, int64_t den)
{
    return num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
}

/* Append v / 1000 with at most three decimals and no trailing zeros. */
void pdf_add_milli(rc_buf *b, int64_t v)
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
int64_t pdf_sp_to_milli(int64_t sp)
{
    return pdf_round_div(sp * 1000, RC_UNITY);
}

void pdf_add_sp(rc_buf *b, int64_t sp)
{
    pdf_add_milli(b, pdf_sp_to_milli(sp));
}

void pdf_add_hex16(rc_buf *b, unsigned v)
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
void pdf_add_code(rc_buf *b, unsigned code)
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
void pdf_add_color(rc_buf *b, uint32_t color, const char *op)
{
    for (int shift = 16; shift >= 0; shift -= 8) {
        pdf_add_milli(b, pdf_round_div((int64_t)((color >> shift) & 0xFF) * 1000, 255));
        rc_buf_addc(b, ' ');
    }
    rc_buf_adds(b, op);
    rc_buf_addc(b, '\n');
}

void pdf_add_rgb(rc_buf *b, uint32_t color)
{
    pdf_add_color(b, color, "rg");
}

/* A PDF text string in UTF-16BE with BOM, as a hex string: <FEFF...>. */
void pdf_add_text_string(rc_buf *b, const char *s)
{
    size_t n = strlen(s), i = 0;
    rc_buf_adds(b, "<FEFF");
    while (i < n) {
        uint32_t cp;
        size_t k = rc_utf8_decode(s + i, n - i, &cp);
        i += k ? k : 1; /* invalid bytes become U+FFFD, one each */
        if (cp > 0xFFFF) {
            cp -= 0x10000;
            pdf_add_hex16(b, 0xD800 + (cp >> 10));
            pdf_add_hex16(b, 0xDC00 + (cp & 0x3FF));
        } else {
            pdf_add_hex16(b, cp);
        }
    }
    rc_buf_addc(b, '>');
}

/* An unsigned integer in decimal (object numbers, MCIDs, lengths): no printf. */
void pdf_add_uint(rc_buf *b, uint64_t v)
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

/* ---- compressed streams ------------------------------------------------ */


static int deflate_failed(pdf_ctx *c)
{
    pdf_check(c, HPDF_ZLIB_ERROR);
    return -1;
}

/* Compress data into c->zbuf; returns the compressed length, or -1. */
long pdf_deflate_buf(pdf_ctx *c, const void *data, size_t len, int level)
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

void pdf_deflate_release(pdf_ctx *c)
{
    for (size_t i = 0; i < RC_ARRAY_LEN(c->zc); i++)
        libdeflate_free_compressor(c->zc[i]);
    free(c->zbuf);
}

/* Fill a stream dictionary with data, compressed; libharu copies it as is. */
int pdf_put_deflated(pdf_ctx *c, HPDF_Dict dict, const void *data, size_t len, int level)
{
    long clen = pdf_deflate_buf(c, data, len, level);
    if (clen < 0)
        return -1;
    HPDF_MemStream_FreeData(dict->stream);
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_flate_filter;
    return pdf_check(c, HPDF_Stream_Write(dict->stream, c->zbuf, (HPDF_UINT)clen)) ? -1 : 0;
}

/* A new indirect dictionary (added to the xref), or NULL. */
HPDF_Dict pdf_new_object(pdf_ctx *c)
{
    HPDF_Dict d = HPDF_Dict_New(c->pdf->mmgr);
    if (!d || HPDF_Xref_Add(c->pdf->xref, d) != HPDF_OK) /* frees d when it fails */
        return NULL;
    return d;
}

/* A new stream object holding data, compressed; NULL on failure. */
HPDF_Dict pdf_new_stream(pdf_ctx *c, const void *data, size_t len)
{
    HPDF_Dict dict = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
    if (!dict || pdf_failed(c) || pdf_put_deflated(c, dict, data, len, OTHER_LEVEL))
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
HPDF_Binary pdf_text_string(pdf_ctx *c, const char *s)
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
