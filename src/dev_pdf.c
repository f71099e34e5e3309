/*
 * dev_pdf: the PDF device, and the only file that knows libharu.
 *
 * It owns the translation of a laid-out rc_doc into PDF objects (pages,
 * embedded fonts, links, outlines, document information) and the atomic
 * write of the result: the PDF is built in memory, written to a temporary
 * file beside the target and renamed over it only when every byte is on
 * disk, so a failed run never leaves a half-written or clobbered file.
 *
 * Why text is written raw: libharu 2.3.0 has no kerning and no TJ-array call,
 * and viewers ignore Tw (word spacing) for the 2-byte codes of a CID font,
 * so neither kerning nor justification can go through HPDF_Page_ShowText.
 * Each run is therefore written straight into the page's content stream as
 * one TJ array. libharu is still told about every run, because only it can
 * embed the glyphs and register the font resource:
 *
 * - HPDF_Font_TextWidth on the run's UTF-8 text marks each glyph used
 *   (HPDF_TTFontDef_GetCharWidth sets glyph_tbl.flgs[gid]), which decides
 *   which glyf entries are embedded;
 * - HPDF_Page_GetLocalFontName adds the font to the page's /Resources and
 *   returns its resource name (/F1, /F2 ...), which the Tf operator needs.
 *   It is what HPDF_Page_SetFontAndSize calls internally; it is exported by
 *   the library and declared in the installed hpdf_pages.h. Using it rather
 *   than SetFontAndSize lets this file write every byte of the content
 *   stream itself (BT/Tf/Td/TJ/ET, rg, re f), with no libharu graphics-mode
 *   bookkeeping to keep in step with raw writes.
 *
 * The bytes of a glyph code are what libharu's own "UTF-8" CMap encoder
 * produces (hpdf_encoder_utf.c, UTF8_Encoder_EncodeText_Func): the code
 * point itself as a big-endian 16-bit number, with everything above U+FFFF
 * turned into U+0020. The font is Identity-H, and CIDFontType2_New writes a
 * CIDToGIDMap indexed by that Unicode value (tmp_map[unicode] = gid), so a
 * code is at once the Unicode value, the CID, and the key to the glyph.
 *
 * The /ToUnicode CMap libharu 2.3.0 writes for that encoder is invalid (a
 * "begincidrange" mapping every code to CID 0): poppler warns and falls
 * back to the font's own cmap, other extractors may return nothing. Its
 * stream is rewritten here, before saving, as a proper bfrange/bfchar CMap
 * of the codes the document uses.
 *
 * Numbers in the content stream come from integers (scaled points, 0xRRGGBB)
 * formatted here, never through printf's %f: no locale, no float rounding
 * differences, byte-identical output for identical input.
 */
#include "dev.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * libharu's public header, plus three of its installed internal headers:
 * hpdf_pages.h for HPDF_PageAttr (the page's content stream), hpdf_font.h
 * for HPDF_FontAttr (the ToUnicode stream) and hpdf_streams.h to empty a
 * stream. All compile cleanly under -Wpedantic.
 */
#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#ifndef RESCOMP_VERSION
#define RESCOMP_VERSION "0.0.0"
#endif

/* Outline depth we track; deeper bookmarks nest under the deepest one. */
#define MAX_OUTLINE_DEPTH 16

/* HPDF_Font_TextWidth refuses strings longer than HPDF_LIMIT_MAX_STRING_LEN. */
#define MARK_CHUNK 4096

typedef struct pdf_ctx {
    HPDF_Doc pdf;
    /* The first libharu error (sticky: everything after it is noise). */
    HPDF_STATUS error, detail;
    const rc_doc *doc;
    rc_diags *diags;
    HPDF_Font fonts[RC_FACE_COUNT];
    uint8_t *codes[RC_FACE_COUNT]; /* bitmap of the codes shown per face */
    HPDF_Encoder utf8;
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

/* ---- fonts and document --------------------------------------------- */

static const rc_face *face_of(const rc_doc *doc, int face)
{
    if (!doc->fonts || face < 0 || face >= RC_FACE_COUNT)
        return NULL;
    return doc->fonts->faces[face];
}

/*
 * Load only the faces the display list uses: HPDF_GetFont(..., "UTF-8")
 * builds a 65,536-entry CIDToGIDMap and /W per face (5-6 ms each), and an
 * unused font would still be written into the file. Faces load in enum
 * order, so libharu's subset tags (HPDFAA+, HPDFAB+ ...) are deterministic.
 */
static int load_fonts(pdf_ctx *c)
{
    const rc_doc *doc = c->doc;
    int used[RC_FACE_COUNT] = {0};

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
            used[d->face] = 1;
        }
    }

    for (int f = 0; f < RC_FACE_COUNT; f++) {
        if (!used[f])
            continue;
        const char *path = rc_face_path(face_of(doc, f));
        if (!path)
            return rc_error_class(c->diags, RC_FAIL_FONT, no_pos,
                                  "face %d has no font file to embed", f);
        const char *name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
        if (name && !failed(c))
            c->fonts[f] = HPDF_GetFont(c->pdf, name, "UTF-8");
        if (!c->fonts[f] || failed(c)) {
            rc_buf_reset(&c->scratch);
            rc_buf_addf(&c->scratch, "cannot load font '%s'", path);
            return haru_error(c, RC_FAIL_FONT, rc_buf_str(&c->scratch));
        }
        /* Two faces with one file are one libharu font (HPDF_GetFont finds
         * it again): they share the record of shown codes. */
        for (int g = 0; g < f && !c->codes[f]; g++)
            if (c->fonts[g] == c->fonts[f])
                c->codes[f] = c->codes[g];
        if (!c->codes[f])
            c->codes[f] = rc_xcalloc(0x10000 / 8, 1);
    }
    return 0;
}

/* The first face that uses this face's libharu font (itself, usually). */
static int first_face_of_font(const pdf_ctx *c, int face)
{
    for (int g = 0; g < face; g++)
        if (c->fonts[g] == c->fonts[face])
            return g;
    return face;
}

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

/*
 * Let libharu mark the run's glyphs as used (so they are embedded) by
 * measuring its UTF-8 text, in chunks below HPDF_LIMIT_MAX_STRING_LEN.
 */
static int mark_glyphs(pdf_ctx *c, HPDF_Font font, const rc_draw *d)
{
    rc_buf *s = &c->scratch;
    rc_buf_reset(s);
    for (size_t i = 0; i < d->n; i++) {
        rc_buf_add_utf8(s, d->cps[i]);
        if (s->len >= MARK_CHUNK || i + 1 == d->n) {
            HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s->ptr, (HPDF_UINT)s->len);
            if (failed(c))
                return -1;
            rc_buf_reset(s);
        }
    }
    return 0;
}

static int draw_text(pdf_ctx *c, HPDF_Page page, content_state *st, const rc_draw *d)
{
    rc_buf *b = &c->content;
    HPDF_Font font = c->fonts[d->face];

    if (mark_glyphs(c, font, d))
        return -1;
    /* Registers the font in the page's /Resources; returns "F1", "F2" ... */
    const char *res = HPDF_Page_GetLocalFontName(page, font);
    if (!res || failed(c)) {
        check(c, HPDF_PAGE_INVALID_FONT);
        return -1;
    }

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
    uint8_t *codes = c->codes[d->face];
    rc_buf_adds(b, "[<");
    for (size_t i = 0; i < d->n; i++) {
        unsigned code = d->cps[i] > 0xFFFF ? 0x20 : d->cps[i]; /* as libharu's encoder */
        add_hex16(b, code);
        codes[code >> 3] |= (uint8_t)(1u << (code & 7));
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

/* Append "<lo> <hi> <lo>" (a range) or "<lo> <lo>" (one code). */
static void add_cmap_entry(rc_buf *b, unsigned lo, unsigned hi)
{
    rc_buf_addc(b, '<');
    add_hex16(b, lo);
    if (hi != lo) {
        rc_buf_adds(b, "> <");
        add_hex16(b, hi);
    }
    rc_buf_adds(b, "> <");
    add_hex16(b, lo);
    rc_buf_adds(b, ">\n");
}

/* Write one kind of entries ("bfrange" or "bfchar") in blocks of 100. */
static void add_cmap_block(rc_buf *b, const char *kind, const unsigned (*v)[2], size_t n)
{
    for (size_t i = 0; i < n; i += 100) {
        size_t k = n - i < 100 ? n - i : 100;
        rc_buf_addf(b, "%zu begin%s\n", k, kind);
        for (size_t j = i; j < i + k; j++)
            add_cmap_entry(b, v[j][0], v[j][1]);
        rc_buf_addf(b, "end%s\n", kind);
    }
}

/*
 * Replace the content of libharu's ToUnicode stream by a valid CMap for
 * the codes shown in this face: code == Unicode value, in runs of
 * consecutive codes (a bfrange may not cross a change of the high byte).
 * Surrogate codes have no Unicode value and get no entry.
 */
static int write_to_unicode(pdf_ctx *c, int face)
{
    HPDF_FontAttr fa = (HPDF_FontAttr)c->fonts[face]->attr;
    if (!fa || !fa->cmap_stream || !fa->cmap_stream->stream)
        return 0;
    const uint8_t *used = c->codes[face];
    unsigned(*ranges)[2] = rc_xmalloc(0x10000 / 2 * sizeof(*ranges));
    unsigned(*singles)[2] = rc_xmalloc(0x10000 / 2 * sizeof(*singles));
    size_t nr = 0, ns = 0;

    for (unsigned code = 0; code < 0x10000;) {
        if (!(used[code >> 3] & (1u << (code & 7))) || (code >= 0xD800 && code <= 0xDFFF)) {
            code++;
            continue;
        }
        unsigned end = code;
        while ((end & 0xFF) != 0xFF && (used[(end + 1) >> 3] & (1u << ((end + 1) & 7))))
            end++;
        if (end > code) {
            ranges[nr][0] = code;
            ranges[nr++][1] = end;
        } else {
            singles[ns][0] = singles[ns][1] = code;
            ns++;
        }
        code = end + 1;
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
    add_cmap_block(b, "bfrange", (const unsigned(*)[2])ranges, nr);
    add_cmap_block(b, "bfchar", (const unsigned(*)[2])singles, ns);
    rc_buf_adds(b, "endcmap\n"
                   "CMapName currentdict /CMap defineresource pop\n"
                   "end\n"
                   "end\n");
    free(ranges);
    free(singles);

    /* The stream dictionary's /Type /CMap, /CMapName /UTF-8 ... belong to
     * an encoding CMap, not to a ToUnicode one. */
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

    if (load_fonts(c))
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
        if (c->fonts[f] && first_face_of_font(c, f) == f && write_to_unicode(c, f))
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
    for (int f = 0; f < RC_FACE_COUNT; f++)
        if (!c.fonts[f] || first_face_of_font(&c, f) == f)
            free(c.codes[f]);
    rc_buf_release(&c.content);
    rc_buf_release(&c.scratch);
    if (rc == 0)
        rc = write_atomic(path, bytes, len, d);
    free(bytes);
    return rc;
}
