/*
 * fuzz_pdf: bytes -> a laid-out document -> rc_pdf_render, the PDF device
 * on its own. The fonts are loaded once, in LLVMFuzzerInitialize, from
 * $RESCOMP_FONT_DIR (the source tree's fonts/ when unset).
 *
 * Input: a program that builds the document (set_date() and decode()
 * below): a SOURCE_DATE_EPOCH (none, or printable ASCII) and the PDF
 * standards asked for (--pdf-standard: none, or one of the combinations
 * that hold), which
 * information strings are set, the page size, the strings (title, author,
 * subject, keywords, creator: any bytes), then draws until the bytes run
 * out: text runs in any of the faces (and
 * two that do not exist) at any size, position and colour, of any code
 * points (in the faces or not, above U+FFFF, surrogates, controls), with
 * kerning adjustments and hyphenation spans, right to left or not, with
 * glyphs HarfBuzz could have chosen (rc_draw.gids) and moved (rc_draw.offset);
 * rules, links to any URL,
 * bookmarks at any level, notes, images (the test photos as image.c
 * decodes them, pixels with and without opacity, none) and page breaks. Everything layout could hand
 * the device is reachable, and so are runs layout never makes.
 *
 * Properties: the device succeeds or reports an error (and then leaves
 * no output), never both; its messages are valid UTF-8; a PDF starts with
 * %PDF- and ends with %%EOF, and its cross-reference stream is sound:
 * each object written at an offset starts there ("N 0 obj"), each object
 * in the object stream is listed there at its index and offset, and the
 * catalog and information dictionary are objects of the file; the same
 * document gives byte-identical output twice. Under a standard: the
 * standard's version; a trailer /ID; XMP metadata that is UTF-8 without a
 * control XML cannot hold; for PDF/A-1 the classic form, whose
 * cross-reference table is as sound (each row's object starts at its
 * offset) and which has no object or cross-reference streams.
 */
#include "fuzz.h"

#include "dev.h"
#include "font.h"
#include "font_shape.h"
#include "rescomp/rescomp.h"
#include "image.h"

#include <string.h>
#include <zlib.h>

#ifndef RESCOMP_FUZZ_IMAGE_DIR
#define RESCOMP_FUZZ_IMAGE_DIR "tests/golden"
#endif

#define MAX_PAGES 8
#define MAX_RUN 32

static rc_fonts fonts;

/* The photos a draw may show: the test PNG and JPEG, grey with opacity, none. */
static rc_arena image_arena;
static const rc_image *photos[4];

static const rc_image *load_photo(const char *name)
{
    rc_image *im = rc_arena_alloc(&image_arena, sizeof(*im));
    rc_diags d;
    rc_diags_init(&d);
    const char *path = rc_arena_printf(&image_arena, "%s/%s", RESCOMP_FUZZ_IMAGE_DIR, name);
    if (rc_image_load(NULL, &image_arena, path, RC_PT(72), (rc_pos){0}, im, &d) != 0) {
        rc_diags_print(&d, stderr);
        exit(1);
    }
    rc_diags_release(&d);
    return im;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_load_fonts(&fonts, "fuzz_pdf");
    rc_arena_init(&image_arena);
    photos[0] = load_photo("photo.png");
    photos[1] = load_photo("photo.jpg");
    static const unsigned char grey[6] = {0, 50, 100, 150, 200, 250};
    static const unsigned char alpha[6] = {255, 0, 128, 255, 7, 255};
    static const rc_image grey_alpha = {3, 2, RC_IMAGE_PIXELS, 3, 2, 1, grey, 6, alpha};
    photos[2] = &grey_alpha;
    photos[3] = NULL;
    return 0;
}

/* ---- decoding the input into a document ------------------------------- */

typedef struct reader {
    const uint8_t *p;
    size_t n;
} reader;

/* The next byte, 0 once the input is used up. */
static unsigned u8(reader *r)
{
    if (!r->n)
        return 0;
    r->n--;
    return *r->p++;
}

static unsigned u16(reader *r)
{
    unsigned hi = u8(r);
    return hi << 8 | u8(r);
}

static uint32_t u32(reader *r)
{
    uint32_t hi = u16(r);
    return hi << 16 | u16(r);
}

/* A coordinate or length: mostly within ±2048 pt at 1/16 pt, else any value. */
static rc_scaled coord(reader *r)
{
    if (u8(r) < 0xF0)
        return (rc_scaled)(int16_t)u16(r) * (RC_UNITY / 16);
    return (rc_scaled)u32(r);
}

/* A string of up to 63 bytes (any but NUL, which ends it), or NULL. */
static const char *string(reader *r, rc_arena *a, int may_be_null)
{
    unsigned len = u8(r);
    if (may_be_null && len == 0xFF)
        return NULL;
    len &= 63;
    char *s = rc_arena_alloc(a, len + 1);
    size_t n = 0;
    for (unsigned i = 0; i < len && r->n; i++) {
        unsigned c = u8(r);
        if (c)
            s[n++] = (char)c;
    }
    s[n] = 0;
    return s;
}

/* A code point: mostly ones the faces have, some they lack, some no font can have. */
static uint32_t code_point(reader *r)
{
    unsigned b = u8(r);
    switch (b >> 5) {
    case 0:
    case 1:
    case 2: return 0x20 + (b % 95);                   /* ASCII */
    case 3: return 0xA0 + u8(r);                      /* Latin-1, Latin Extended-A */
    case 4: return 0xF000 + u8(r);                    /* the icons (Private Use Area) */
    case 5: return u16(r);                            /* anywhere in the BMP */
    case 6: return b & 0x1F;                          /* controls, and NUL */
    default: return u32(r) % 0x110001 + (b & 1) * 0xD800; /* above the BMP, surrogates */
    }
}

static void text_run(reader *r, rc_arena *a, rc_draw *d)
{
    d->face = (rc_face_id)(u8(r) % (RC_FACE_COUNT + 2));
    unsigned s = u8(r);
    d->size = s < 0xF8 ? (rc_scaled)(s + 1) * (RC_UNITY / 4) : (rc_scaled)u32(r);
    d->x = coord(r);
    d->y = coord(r);
    d->color = u32(r);
    unsigned flags = u8(r);
    d->n = u8(r) % (MAX_RUN + 1);
    uint32_t *cps = rc_arena_alloc(a, (d->n ? d->n : 1) * sizeof(*cps));
    for (size_t i = 0; i < d->n; i++)
        cps[i] = code_point(r);
    d->cps = cps;
    if (flags & 1) {
        rc_scaled *adj = rc_arena_alloc(a, (d->n ? d->n : 1) * sizeof(*adj));
        for (size_t i = 0; i < d->n; i++)
            adj[i] = flags & 2 ? (rc_scaled)u32(r) : (rc_scaled)(int8_t)u8(r) * 4096;
        d->adjust = adj;
    }
    if (flags & 4)
        d->span_begin = string(r, a, 0);
    d->span_end = (flags & 8) != 0;
    d->rtl = (flags & 16) != 0; /* glyphs right to left (bidi.h) */
    if (flags & 32) {
        /* shaped glyphs: low ones every face has, blanks, the code point's own */
        uint16_t *g = rc_arena_alloc(a, (d->n ? d->n : 1) * sizeof(*g));
        for (size_t i = 0; i < d->n; i++) {
            unsigned b = u8(r);
            g[i] = b == 0xFF ? RC_GID_BLANK : b < 0x80 ? (uint16_t)b : 0;
        }
        d->gids = g;
        if (flags & 64) {
            /* HarfBuzz's offsets (a mark over its letter): small ones, and any */
            rc_glyph_offset *o = rc_arena_alloc(a, (d->n ? d->n : 1) * sizeof(*o));
            for (size_t i = 0; i < d->n; i++) {
                unsigned b = u8(r);
                o[i] = b & 0x80 ? (rc_glyph_offset){(int16_t)u16(r), (int16_t)u16(r)}
                                : (rc_glyph_offset){(int16_t)((int)(b & 0x7) - 4) * 40,
                                                    (int16_t)((int)(b >> 3 & 0xF) - 8) * 30};
            }
            d->offset = o;
        }
    }
}

static void box(reader *r, rc_draw *d)
{
    d->x = coord(r);
    d->y = coord(r);
    d->w = coord(r);
    d->h = coord(r);
}

static void decode(reader *r, rc_arena *a, rc_doc *doc)
{
    unsigned flags = u8(r);
    doc->fonts = (flags & 0xE0) == 0xE0 ? NULL : &fonts; /* now and then, no fonts */
    switch (u8(r) % 4) {
    case 0: doc->width = 39012351, doc->height = 55174103; break; /* A4 */
    case 1: doc->width = 612 * RC_UNITY, doc->height = 792 * RC_UNITY; break; /* letter */
    case 2: doc->width = coord(r), doc->height = coord(r); break;
    default: doc->width = (rc_scaled)u32(r), doc->height = (rc_scaled)u32(r); break;
    }
    const char **info[] = {&doc->title, &doc->author, &doc->subject, &doc->keywords,
                           &doc->creator};
    for (size_t i = 0; i < RC_ARRAY_LEN(info); i++)
        if (flags & (1u << i))
            *info[i] = string(r, a, 0);

    rc_page *page = rc_doc_add_page(doc);
    while (r->n) {
        unsigned op = u8(r) % 8;
        if (op == 7) {
            if (doc->npages < MAX_PAGES)
                page = rc_doc_add_page(doc);
            continue;
        }
        static const rc_draw_kind kinds[] = {RC_DRAW_TEXT, RC_DRAW_TEXT, RC_DRAW_RULE,
                                             RC_DRAW_LINK, RC_DRAW_BOOKMARK, RC_DRAW_NOTE,
                                             RC_DRAW_IMAGE};
        rc_draw *d = rc_page_add(page, kinds[op]);
        switch (d->kind) {
        case RC_DRAW_TEXT: text_run(r, a, d); break;
        case RC_DRAW_RULE:
            box(r, d);
            d->color = u32(r);
            break;
        case RC_DRAW_LINK:
            box(r, d);
            d->text = string(r, a, 1);
            break;
        case RC_DRAW_BOOKMARK:
            d->x = coord(r);
            d->y = coord(r);
            d->level = (int8_t)u8(r);
            d->text = string(r, a, 1);
            break;
        case RC_DRAW_NOTE: d->text = string(r, a, 1); break;
        case RC_DRAW_IMAGE:
            box(r, d);
            d->image = photos[u8(r) % RC_ARRAY_LEN(photos)];
            d->text = "photo";
            break;
        }
    }
}

/* The --pdf-standard combinations that hold (standard.c), and none. */
static const unsigned standards[8] = {
    0,
    RESCOMP_PDF_A1B,
    RESCOMP_PDF_A2B,
    RESCOMP_PDF_A2U,
    RESCOMP_PDF_UA1,
    RESCOMP_PDF_A2B | RESCOMP_PDF_UA1,
    RESCOMP_PDF_A2U | RESCOMP_PDF_UA1,
    0,
};

/*
 * SOURCE_DATE_EPOCH for this input: none, or printable ASCII (it is in
 * messages); and in the same byte (bits 4-6), the standards.
 */
static unsigned set_date(reader *r)
{
    unsigned len = u8(r);
    unsigned std = standards[(len >> 4) & 7];
    if (!(len & 0x80)) {
        unsetenv("SOURCE_DATE_EPOCH");
        return std;
    }
    rc_buf s = RC_BUF_INIT;
    for (unsigned i = 0; i < (len & 15); i++) {
        unsigned c = u8(r);
        /* mostly digits, for dates libharu takes */
        rc_buf_addc(&s, c < 0xC0 ? (char)('0' + c % 10) : (char)(0x20 + c % 95));
    }
    setenv("SOURCE_DATE_EPOCH", rc_buf_str(&s), 1);
    rc_buf_release(&s);
    return std;
}

/* ---- checking the PDF ----------------------------------------------- */

static const char *find(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (s[i] == needle[0] && !memcmp(s + i, needle, k))
            return s + i;
    return NULL;
}

/* The number after `key` in a dictionary, or -1. */
static long number_after(const char *dict, size_t n, const char *key)
{
    const char *p = find(dict, n, key);
    if (!p)
        return -1;
    p += strlen(key);
    long v = 0;
    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9' && v < 100000000; p++)
        v = v * 10 + (*p - '0');
    return v;
}

/* The number at *p ("12 ..."), moving past it and one space; -1 if none. */
static long number_at(const char **p, const char *end)
{
    long v = -1;
    while (*p < end && **p >= '0' && **p <= '9' && v < 100000000)
        v = (v < 0 ? 0 : v * 10) + (*(*p)++ - '0');
    if (*p < end && (**p == ' ' || **p == '\n'))
        (*p)++;
    return v;
}

/*
 * Object `num` at `at`: "num 0 obj\n<<dict>>\nstream\r\n" and its data,
 * inflated into out. Returns the dictionary's bytes (in *dlen).
 */
static const char *stream_object(const char *pdf, size_t n, size_t at, long num, rc_buf *out,
                                 size_t *dlen)
{
    char head[32];
    snprintf(head, sizeof head, "%ld 0 obj\n<<", num);
    FUZZ_CHECK(at < n && n - at > strlen(head) && !memcmp(pdf + at, head, strlen(head)));
    const char *dict = pdf + at + strlen(head);
    const char *end = find(dict, (size_t)(pdf + n - dict), ">>\nstream\r\n");
    FUZZ_CHECK(end != NULL);
    *dlen = (size_t)(end - dict);
    FUZZ_CHECK(find(dict, *dlen, "/Filter /FlateDecode") != NULL);
    long len = number_after(dict, *dlen, "/Length ");
    const char *data = end + strlen(">>\nstream\r\n");
    FUZZ_CHECK(len >= 0 && (size_t)len <= (size_t)(pdf + n - data));
    FUZZ_CHECK((size_t)(pdf + n - data) - (size_t)len >= 18 &&
               !memcmp(data + len, "\nendstream\nendobj\n", 18));
    z_stream z;
    memset(&z, 0, sizeof z);
    FUZZ_CHECK(inflateInit(&z) == Z_OK);
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)len;
    int st;
    do {
        unsigned char chunk[4096];
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        st = inflate(&z, Z_NO_FLUSH);
        FUZZ_CHECK(st == Z_OK || st == Z_STREAM_END);
        rc_buf_add(out, chunk, sizeof chunk - z.avail_out);
    } while (st != Z_STREAM_END);
    FUZZ_CHECK(z.avail_in == 0);
    inflateEnd(&z);
    return dict;
}

static uint32_t be(const unsigned char *p, int bytes)
{
    uint32_t v = 0;
    for (int i = 0; i < bytes; i++)
        v = v << 8 | p[i];
    return v;
}

/* A trailer's "/ID [<32 hex digits><the same>]". */
static void check_id(const char *dict, size_t n)
{
    const char *id = find(dict, n, "/ID [<");
    FUZZ_CHECK(id != NULL && (size_t)(dict + n - id) >= 6 + 32 + 2 + 32 + 2);
    id += 6;
    for (int i = 0; i < 32; i++)
        FUZZ_CHECK(strchr("0123456789abcdef", id[i]) != NULL && id[i] != 0);
    FUZZ_CHECK(!memcmp(id + 32, "><", 2) && !memcmp(id + 34, id, 32) && id[66] == '>');
}

/* The classic cross-reference table at xoff (PDF/A-1) and its trailer. */
static void check_xref_table(const char *pdf, size_t n, long xoff)
{
    const char *p = pdf + xoff;
    FUZZ_CHECK(n - (size_t)xoff > 7 && !memcmp(p, "xref\n0 ", 7));
    p += 7;
    long size = number_at(&p, pdf + n);
    FUZZ_CHECK(size > 1 && p[-1] == '\n' && (size_t)(pdf + n - p) > (size_t)size * 20);
    FUZZ_CHECK(!memcmp(p, "0000000000 65535 f\r\n", 20));
    for (long i = 1; i < size; i++) {
        const char *row = p + 20 * i;
        FUZZ_CHECK(row[18] == '\r' && row[19] == '\n' && row[10] == ' ' && row[16] == ' ');
        if (row[17] == 'f')
            continue;
        FUZZ_CHECK(row[17] == 'n' && !memcmp(row + 11, "00000", 5));
        long off = 0;
        for (int k = 0; k < 10; k++) {
            FUZZ_CHECK(row[k] >= '0' && row[k] <= '9');
            off = off * 10 + (row[k] - '0');
        }
        char head[32];
        int k = snprintf(head, sizeof head, "%ld 0 obj\n", i);
        FUZZ_CHECK((size_t)off < n && n - (size_t)off > (size_t)k + 16 &&
                   !memcmp(pdf + off, head, (size_t)k));
        /* no object or cross-reference streams (as the PDF 1.5 writer begins them) */
        FUZZ_CHECK(memcmp(pdf + off + k, "<</Type /ObjStm", 15) &&
                   memcmp(pdf + off + k, "<</Type /XRef", 13));
    }
    const char *t = p + 20 * size;
    FUZZ_CHECK(!memcmp(t, "trailer\n<< /Size ", 17));
    const char *end = find(t, (size_t)(pdf + n - t), ">>\nstartxref\n");
    FUZZ_CHECK(end != NULL);
    size_t tlen = (size_t)(end - t);
    FUZZ_CHECK(number_after(t, tlen, "/Size ") == size);
    long root = number_after(t, tlen, "/Root ");
    FUZZ_CHECK(root > 0 && root < size);
    check_id(t, tlen);
}

/* The XMP packet: there, UTF-8, and without a control XML 1.0 cannot hold. */
static void check_xmp(const char *pdf, size_t n)
{
    const char *begin = find(pdf, n, "<?xpacket begin=");
    FUZZ_CHECK(begin != NULL);
    const char *end = find(begin, (size_t)(pdf + n - begin), "<?xpacket end=\"w\"?>");
    FUZZ_CHECK(end != NULL);
    size_t len = (size_t)(end - begin);
    FUZZ_CHECK(rc_utf8_find_invalid(begin, len) == (size_t)-1);
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)begin[i];
        FUZZ_CHECK(ch >= 0x20 || ch == '\t' || ch == '\n');
    }
}

static void check_pdf(const char *pdf, size_t n, unsigned std)
{
    FUZZ_CHECK(n > 32 && !memcmp(pdf, "%PDF-", 5));
    FUZZ_CHECK(!memcmp(pdf + 5, std & RESCOMP_PDF_A1B ? "1.4" : std ? "1.7" : "1.5", 3));
    FUZZ_CHECK(!memcmp(pdf + n - 7, "\n%%EOF\n", 7));
    /* startxref\n<offset>\n%%EOF\n */
    const char *sx = NULL;
    for (size_t i = n - 7 - 10 + 1; i-- > 0 && !sx;) /* "startxref\n" ends before "\n%%EOF\n" */
        if (!memcmp(pdf + i, "startxref\n", 10))
            sx = pdf + i;
    FUZZ_CHECK(sx != NULL);
    const char *p = sx + 10;
    long xoff = number_at(&p, pdf + n);
    FUZZ_CHECK(xoff > 0 && p == pdf + n - 6);
    if (std)
        check_xmp(pdf, n);
    if (std & RESCOMP_PDF_A1B) {
        check_xref_table(pdf, n, xoff);
        return;
    }

    /* The cross-reference stream: its number is the last, its /Size one more. */
    const char *q = pdf + xoff;
    long xnum = number_at(&q, pdf + n);
    rc_buf table = RC_BUF_INIT, objs = RC_BUF_INIT;
    size_t dlen;
    const char *dict = stream_object(pdf, n, (size_t)xoff, xnum, &table, &dlen);
    FUZZ_CHECK(find(dict, dlen, "/Type /XRef") != NULL);
    long size = number_after(dict, dlen, "/Size ");
    long ow = number_after(dict, dlen, "/W [1 ");
    long root = number_after(dict, dlen, "/Root ");
    long info = number_after(dict, dlen, "/Info ");
    FUZZ_CHECK(size == xnum + 1 && ow >= 1 && ow <= 4);
    if (std)
        check_id(dict, dlen);
    size_t w = 3 + (size_t)ow;
    FUZZ_CHECK(table.len == (size_t)size * w);
    const unsigned char *t = (const unsigned char *)table.ptr;

    /* Every object at an offset starts there; the object stream is one of them. */
    long objstm = -1;
    size_t in_objstm = 0;
    for (long i = 0; i < size; i++) {
        const unsigned char *row = t + (size_t)i * w;
        uint32_t f1 = be(row + 1, (int)ow), f2 = be(row + 1 + ow, 2);
        FUZZ_CHECK(row[0] <= 2 && (i > 0 || row[0] == 0));
        if (row[0] == 1) {
            char head[32];
            int k = snprintf(head, sizeof head, "%ld 0 obj\n", i);
            FUZZ_CHECK(f1 < n && n - f1 > (size_t)k && !memcmp(pdf + f1, head, (size_t)k));
            FUZZ_CHECK(f2 == 0);
        } else if (row[0] == 2) {
            FUZZ_CHECK(objstm < 0 || f1 == (uint32_t)objstm);
            objstm = f1;
            FUZZ_CHECK(f2 == in_objstm++); /* written in order */
        }
    }
    const unsigned char *last = t + (size_t)xnum * w;
    FUZZ_CHECK(last[0] == 1 && be(last + 1, (int)ow) == (uint32_t)xoff);
    FUZZ_CHECK(root > 0 && root < size && t[(size_t)root * w] != 0);
    FUZZ_CHECK(info < 0 || (info > 0 && info < size && t[(size_t)info * w] != 0));

    /* The object stream lists each of its objects at its index, in order, inside it. */
    FUZZ_CHECK(objstm > 0 && objstm < size && t[(size_t)objstm * w] == 1);
    dict = stream_object(pdf, n, be(t + (size_t)objstm * w + 1, (int)ow), objstm, &objs, &dlen);
    FUZZ_CHECK(find(dict, dlen, "/Type /ObjStm") != NULL);
    long count = number_after(dict, dlen, "/N ");
    long first = number_after(dict, dlen, "/First ");
    FUZZ_CHECK(count == (long)in_objstm && first >= 0 && (size_t)first <= objs.len);
    const char *s = objs.ptr ? objs.ptr : "", *index_end = s + first;
    long prev = -1;
    for (long k = 0; k < count; k++) {
        long num = number_at(&s, index_end), off = number_at(&s, index_end);
        FUZZ_CHECK(num > 0 && num < size && off > prev && (size_t)off < objs.len - first);
        const unsigned char *row = t + (size_t)num * w;
        FUZZ_CHECK(row[0] == 2 && be(row + 1 + ow, 2) == (uint32_t)k);
        prev = off;
    }
    FUZZ_CHECK(s == index_end);
    rc_buf_release(&table);
    rc_buf_release(&objs);
}

/* ---- the harness ------------------------------------------------------ */

static int render(const uint8_t *data, size_t size, rc_buf *out, unsigned *std)
{
    reader r = {data, size};
    rc_arena a;
    rc_doc doc;
    rc_diags d;
    rc_arena_init(&a);
    rc_doc_init(&doc);
    rc_diags_init(&d);
    *std = set_date(&r);
    decode(&r, &a, &doc);
    doc.pdf_standards = *std;
    int rc = rc_pdf_render(&doc, out, &d);
    FUZZ_CHECK(rc == 0 || rc == -1);
    FUZZ_CHECK((rc == 0) == (d.nerrors == 0));
    FUZZ_CHECK(rc == 0 || out->len == 0);
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < d.n; i++) {
        FUZZ_CHECK(d.v[i].message && d.v[i].message[0]);
        rc_buf_reset(&b);
        rc_diag_format(&d.v[i], &b);
        FUZZ_CHECK(rc_utf8_find_invalid(b.ptr, b.len) == (size_t)-1);
    }
    rc_buf_release(&b);
    rc_diags_release(&d);
    rc_doc_release(&doc);
    rc_arena_release(&a);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rc_buf first = RC_BUF_INIT, second = RC_BUF_INIT;
    unsigned std;
    int rc = render(data, size, &first, &std);
    if (rc == 0)
        check_pdf(first.ptr, first.len, std);
    FUZZ_CHECK(render(data, size, &second, &std) == rc);
    FUZZ_CHECK(first.len == second.len && (!first.len || !memcmp(first.ptr, second.ptr,
                                                                  first.len)));
    rc_buf_release(&first);
    rc_buf_release(&second);
    unsetenv("SOURCE_DATE_EPOCH");
    return 0;
}
