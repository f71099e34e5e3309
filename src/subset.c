/*
 * subset: see subset.h. The table layouts are the OpenType specification's
 * (head, hhea, maxp, hmtx, loca, glyf, cmap format 4, name format 0, post
 * version 3); the file layout is sfnt's, as sfnt.c reads it.
 */
#include "subset.h"
#include "sfnt.h"

#include <stdlib.h>
#include <string.h>

static void put16(rc_buf *b, unsigned v)
{
    unsigned char x[2] = {(unsigned char)(v >> 8), (unsigned char)v};
    rc_buf_add(b, x, 2);
}

static void put32(rc_buf *b, uint32_t v)
{
    put16(b, v >> 16);
    put16(b, v & 0xFFFF);
}

static void set16(rc_buf *b, size_t at, unsigned v)
{
    b->ptr[at] = (char)(v >> 8);
    b->ptr[at + 1] = (char)v;
}

static void set32(rc_buf *b, size_t at, uint32_t v)
{
    set16(b, at, v >> 16);
    set16(b, at + 2, v & 0xFFFF);
}

/* The sum of a table's big-endian 32-bit words, zero-padded (sfnt's checksum). */
static uint32_t checksum(const unsigned char *p, size_t len)
{
    uint32_t sum = 0;
    size_t whole = len & ~(size_t)3;
    for (size_t i = 0; i < whole; i += 4)
        sum += rc_be32(p + i);
    if (whole < len) {
        unsigned char w[4] = {0, 0, 0, 0};
        memcpy(w, p + whole, len - whole);
        sum += rc_be32(w);
    }
    return sum;
}

/* The largest power of two not above n (n >= 1), and its exponent. */
static unsigned floor_pow2(unsigned n, unsigned *log2)
{
    unsigned p = 1;
    *log2 = 0;
    while (p * 2 <= n) {
        p *= 2;
        (*log2)++;
    }
    return p;
}

/*
 * The file's header and table directory, written over the space left for
 * them at its start (12 + 16 * count bytes), and head's checkSumAdjustment
 * over the whole file. Table t (tag[t], ascending) is len[t] bytes at
 * at[t], 4-aligned; one of no length is left out, its record's space
 * staying zero before the first table.
 */
static void finish(rc_buf *out, const uint32_t *tag, const size_t *at, const size_t *len,
                   unsigned count)
{
    while (out->len % 4)
        rc_buf_addc(out, 0);
    unsigned present = 0;
    for (unsigned t = 0; t < count; t++)
        present += len[t] > 0;
    unsigned log2, range = 16 * floor_pow2(present, &log2);
    set32(out, 0, 0x00010000);
    set16(out, 4, present);
    set16(out, 6, range);
    set16(out, 8, log2);
    set16(out, 10, 16 * present - range);
    size_t rec = 12, head_at = 0;
    int head = 0;
    uint32_t file_sum = 0; /* tables start 4-aligned, zero-padded: their sums add up */
    for (unsigned t = 0; t < count; t++) {
        if (!len[t])
            continue;
        const unsigned char *p = (const unsigned char *)out->ptr + at[t];
        uint32_t sum = checksum(p, len[t]);
        if (tag[t] == RC_SFNT_TAG('h', 'e', 'a', 'd') && len[t] >= 12) {
            head_at = at[t];
            head = 1;
            sum -= rc_be32(p + 8); /* its checksum is taken with the adjustment at 0 */
            set32(out, head_at + 8, 0);
        }
        file_sum += sum;
        set32(out, rec, tag[t]);
        set32(out, rec + 4, sum);
        set32(out, rec + 8, (uint32_t)at[t]);
        set32(out, rec + 12, (uint32_t)len[t]);
        rec += 16;
    }
    file_sum += checksum((const unsigned char *)out->ptr, 12 + 16 * (size_t)count);
    if (head)
        set32(out, head_at + 8, 0xB1B0AFBAu - file_sum);
}

typedef struct font_in {
    const unsigned char *file;
    size_t size;
    unsigned index;
    const unsigned char *head, *hhea, *maxp, *hmtx, *loca, *glyf;
    size_t hmtx_len, loca_len, glyf_len;
    unsigned glyphs, hmetrics, long_loca;
} font_in;

static const unsigned char *table(const font_in *f, const char *tag, size_t min, size_t *len)
{
    size_t n = 0;
    const unsigned char *p =
        rc_sfnt_table(f->file, f->size, f->index, RC_SFNT_TAG(tag[0], tag[1], tag[2], tag[3]), &n);
    if (len)
        *len = n;
    return p && n >= min ? p : NULL;
}

/* The tables of face index of the file that glyphs are read from, consistent; 0 or -1. */
static int read_font(font_in *f, const unsigned char *file, size_t size, unsigned index)
{
    *f = (font_in){file, size, index, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, 0};
    f->head = table(f, "head", 54, NULL);
    f->hhea = table(f, "hhea", 36, NULL);
    f->maxp = table(f, "maxp", 6, NULL);
    f->hmtx = table(f, "hmtx", 4, &f->hmtx_len);
    f->loca = table(f, "loca", 2, &f->loca_len);
    f->glyf = table(f, "glyf", 0, &f->glyf_len);
    if (!f->head || !f->hhea || !f->maxp || !f->hmtx || !f->loca || !f->glyf)
        return -1;
    f->glyphs = rc_be16(f->maxp + 4);
    f->hmetrics = rc_be16(f->hhea + 34);
    f->long_loca = rc_be16(f->head + 50) != 0;
    if (f->hmetrics == 0 || f->hmetrics > f->glyphs ||
        f->hmtx_len < 4 * (size_t)f->hmetrics + 2 * (size_t)(f->glyphs - f->hmetrics) ||
        f->loca_len < ((size_t)f->glyphs + 1) * (f->long_loca ? 4 : 2))
        return -1;
    return 0;
}

/* The old glyph g's bytes in glyf, or -1. */
static int glyph_range(const font_in *f, unsigned g, size_t *start, size_t *end)
{
    if (g >= f->glyphs)
        return -1;
    if (f->long_loca) {
        *start = rc_be32(f->loca + 4 * (size_t)g);
        *end = rc_be32(f->loca + 4 * (size_t)g + 4);
    } else {
        *start = 2 * (size_t)rc_be16(f->loca + 2 * (size_t)g);
        *end = 2 * (size_t)rc_be16(f->loca + 2 * (size_t)g + 2);
    }
    return *start <= *end && *end <= f->glyf_len ? 0 : -1;
}

/*
 * The length of a simple glyph's point data (flags, then x and y
 * coordinates) starting at p, or 0 when it does not fit in len bytes: the
 * font file pads glyphs (to 4 bytes, as fontTools writes them), and the
 * padding is not part of them.
 */
static size_t points_len(const unsigned char *p, size_t len, unsigned points)
{
    size_t i = 0, coords = 0;
    for (unsigned n = 0; n < points;) {
        if (i >= len)
            return 0;
        unsigned flag = p[i++], repeat = 1;
        if (flag & 8) {
            if (i >= len)
                return 0;
            repeat += p[i++];
        }
        /* x: 1 byte if short, else 0 bytes if "same", else 2; y likewise */
        unsigned bytes = (flag & 2 ? 1 : flag & 16 ? 0 : 2) + (flag & 4 ? 1 : flag & 32 ? 0 : 2);
        coords += (size_t)bytes * repeat;
        n += repeat;
    }
    return len - i < coords ? 0 : i + coords;
}

/*
 * glyf: each glyph's outline, its instructions and the file's padding left
 * out, padded to an even length; loca: the offsets, in bytes. notdef: keep
 * the outline of .notdef, which some code point is shown with.
 */
static int write_glyf(const font_in *f, const uint16_t *glyphs, size_t n, int notdef,
                      rc_buf *out, uint32_t *loca)
{
    size_t base = out->len;
    for (size_t i = 0; i < n; i++) {
        loca[i] = (uint32_t)(out->len - base);
        size_t start, end;
        if (glyph_range(f, glyphs[i], &start, &end) != 0)
            return -1;
        /*
         * An empty glyph (a space), and .notdef unless a character the
         * face lacks is drawn with its box: empty as hb-subset leaves it.
         */
        if (start == end || (glyphs[i] == 0 && !notdef))
            continue;
        const unsigned char *g = f->glyf + start;
        size_t len = end - start;
        if (len < 10)
            return -1;
        int contours = (int16_t)rc_be16(g);
        if (contours < 0)
            return -1; /* composite: its parts would have to be kept too */
        size_t header = 10 + 2 * (size_t)contours;
        if (len < header + 2 || len - header - 2 < rc_be16(g + header))
            return -1;
        size_t rest = header + 2 + rc_be16(g + header);
        size_t points = contours ? rc_be16(g + header - 2) + (size_t)1 : 0;
        size_t data = points_len(g + rest, len - rest, (unsigned)points);
        if (contours && !data)
            return -1;
        rc_buf_add(out, g, header);
        put16(out, 0); /* instructionLength */
        rc_buf_add(out, g + rest, data);
        if (out->len % 2)
            rc_buf_addc(out, 0);
    }
    loca[n] = (uint32_t)(out->len - base);
    return 0;
}

/*
 * cmap: one format 4 subtable (Windows, Unicode BMP), a segment per run of
 * code points whose glyphs are consecutive too.
 */
static int write_cmap(const uint32_t *cps, const uint16_t *gids, size_t m, rc_buf *out)
{
    uint16_t *start = rc_xmalloc(3 * (m + 1) * sizeof(*start));
    uint16_t *end = start + m + 1, *delta = end + m + 1;
    size_t segs = 0;
    for (size_t k = 0; k < m; k++) {
        if (cps[k] >= 0xFFFF)
            break; /* ascending: the rest are outside the BMP */
        if (segs && cps[k] == end[segs - 1] + 1u &&
            (uint16_t)(gids[k] - cps[k]) == delta[segs - 1]) {
            end[segs - 1]++;
            continue;
        }
        start[segs] = end[segs] = (uint16_t)cps[k];
        delta[segs++] = (uint16_t)(gids[k] - cps[k]);
    }
    start[segs] = end[segs] = 0xFFFF; /* the required last segment */
    delta[segs++] = 1;
    if (16 + 8 * segs > 0xFFFF) { /* the subtable's length is 16 bits */
        free(start);
        return -1;
    }

    unsigned log2, range = 2 * floor_pow2((unsigned)segs, &log2);
    put16(out, 0); /* version */
    put16(out, 1); /* one subtable */
    put16(out, 3); /* Windows */
    put16(out, 1); /* Unicode BMP */
    put32(out, 12);
    put16(out, 4);
    put16(out, (unsigned)(16 + 8 * segs));
    put16(out, 0); /* language */
    put16(out, (unsigned)(2 * segs));
    put16(out, range);
    put16(out, log2);
    put16(out, (unsigned)(2 * segs - range));
    for (size_t i = 0; i < segs; i++)
        put16(out, end[i]);
    put16(out, 0); /* reservedPad */
    for (size_t i = 0; i < segs; i++)
        put16(out, start[i]);
    for (size_t i = 0; i < segs; i++)
        put16(out, delta[i]);
    for (size_t i = 0; i < segs; i++)
        put16(out, 0); /* idRangeOffset */
    free(start);
    return 0;
}

/*
 * Whether a name record is kept: names 0-6 (copyright to PostScript name)
 * in Windows US English, the ones hb-subset keeps by default.
 */
static int keep_name(const unsigned char *r)
{
    return rc_be16(r) == 3 && rc_be16(r + 4) == 0x0409 && rc_be16(r + 6) <= 6;
}

/* name: the records keep_name() keeps, or no table. */
static void write_name(const unsigned char *name, size_t len, rc_buf *out)
{
    if (!name || len < 6 || rc_be16(name) != 0)
        return;
    unsigned count = rc_be16(name + 2), strings = rc_be16(name + 4), kept = 0;
    if ((len - 6) / 12 < count || strings > len)
        return;
    for (unsigned i = 0; i < count; i++)
        kept += keep_name(name + 6 + 12 * i);
    size_t at = out->len;
    put16(out, 0);
    put16(out, kept);
    put16(out, 6 + 12 * kept);
    size_t storage = 0;
    for (unsigned i = 0; i < count; i++) {
        const unsigned char *r = name + 6 + 12 * i;
        if (!keep_name(r))
            continue;
        unsigned n = rc_be16(r + 8);
        if (len - strings < rc_be16(r + 10) || len - strings - rc_be16(r + 10) < n) {
            out->len = at; /* a name outside the table: leave the table out */
            return;
        }
        rc_buf_add(out, r, 8);
        put16(out, n);
        put16(out, (unsigned)storage);
        storage += n;
    }
    for (unsigned i = 0; i < count; i++) {
        const unsigned char *r = name + 6 + 12 * i;
        if (keep_name(r))
            rc_buf_add(out, name + strings + rc_be16(r + 10), rc_be16(r + 8));
    }
    if (storage > 0xFFFF || kept == 0)
        out->len = at;
}

int rc_subset_truetype(const unsigned char *file, size_t size, unsigned index,
                       const uint16_t *glyphs, size_t n, const uint32_t *cps,
                       const uint16_t *new_gids, size_t m, rc_buf *out)
{
    font_in f;
    if (read_font(&f, file, size, index) != 0 || n == 0 || n > 0xFFFF)
        return -1;

    static const char *const tags[] = {"OS/2", "cmap", "glyf", "head", "hhea",
                                       "hmtx", "loca", "maxp", "name", "post"};
    enum { TABLES = 10 };
    size_t at[TABLES], len[TABLES];
    rc_buf_reset(out);
    rc_buf_add(out, "\0\0\0\0\0\0\0\0\0\0\0\0", 12); /* the header, filled in below */
    for (int t = 0; t < TABLES; t++)
        rc_buf_add(out, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);

    uint32_t *loca = rc_xmalloc((n + 1) * sizeof(*loca));
    int failed = 0, long_loca = 0, notdef = 0;
    for (size_t k = 0; k < m && !notdef; k++)
        notdef = new_gids[k] == 0;
    for (int t = 0; t < TABLES && !failed; t++) {
        while (out->len % 4)
            rc_buf_addc(out, 0);
        at[t] = out->len;
        size_t src_len = 0;
        const unsigned char *src = NULL;
        switch (t) {
        case 0: /* OS/2 */
            if ((src = table(&f, "OS/2", 2, &src_len)) != NULL)
                rc_buf_add(out, src, src_len);
            break;
        case 1:
            failed = write_cmap(cps, new_gids, m, out);
            break;
        case 2:
            failed = write_glyf(&f, glyphs, n, notdef, out, loca);
            long_loca = loca[n] > 0x1FFFE;
            break;
        case 3: /* head: the loca format, whole-file checksum set at the end */
            rc_buf_add(out, f.head, 54);
            set32(out, at[t] + 8, 0);
            set16(out, at[t] + 50, long_loca);
            break;
        case 4:
            rc_buf_add(out, f.hhea, 36);
            set16(out, at[t] + 34, (unsigned)n);
            break;
        case 5:
            for (size_t i = 0; i < n; i++) {
                unsigned g = glyphs[i];
                if (g >= f.glyphs) {
                    failed = -1;
                    break;
                }
                unsigned last = f.hmetrics - 1;
                put16(out, rc_be16(f.hmtx + 4 * (g < f.hmetrics ? g : last)));
                put16(out, g < f.hmetrics ? rc_be16(f.hmtx + 4 * g + 2)
                                          : rc_be16(f.hmtx + 4 * f.hmetrics +
                                                    2 * (g - f.hmetrics)));
            }
            break;
        case 6: /* short offsets (halved) while the glyphs fit in 128 KB */
            for (size_t i = 0; i <= n; i++)
                if (long_loca)
                    put32(out, loca[i]);
                else
                    put16(out, loca[i] / 2);
            break;
        case 7:
            table(&f, "maxp", 6, &src_len);
            rc_buf_add(out, f.maxp, src_len < 32 ? src_len : 32);
            set16(out, at[t] + 4, (unsigned)n);
            break;
        case 8:
            src = table(&f, "name", 6, &src_len);
            write_name(src, src_len, out);
            break;
        case 9: /* post: version 3, no glyph names */
            if ((src = table(&f, "post", 32, NULL)) != NULL) {
                rc_buf_add(out, src, 32);
                set32(out, at[t], 0x00030000);
            }
            break;
        }
        len[t] = out->len - at[t];
    }
    free(loca);
    if (failed) {
        rc_buf_reset(out);
        return -1;
    }
    uint32_t tag[TABLES];
    for (int t = 0; t < TABLES; t++)
        tag[t] = RC_SFNT_TAG(tags[t][0], tags[t][1], tags[t][2], tags[t][3]);
    finish(out, tag, at, len, TABLES);
    return 0;
}

static int16_t clamp16(int64_t v)
{
    return (int16_t)(v < -32768 ? -32768 : v > 32767 ? 32767 : v);
}

int rc_subset_shift(const unsigned char *file, size_t size, const uint16_t *glyphs,
                    const int16_t *dx, const int16_t *dy, const uint8_t *blank, size_t n,
                    uint16_t *new_gids, rc_buf *out)
{
    font_in f;
    if (read_font(&f, file, size, 0) != 0 || size < 12 || f.glyphs + n > 0xFFFF)
        return -1;
    unsigned count = rc_be16(file + 4);
    if (count == 0 || count > 64 || size < 12 + 16 * (size_t)count)
        return -1;

    /*
     * The composites: each its component moved, its box the component's
     * moved. A component with no outline (a blank) stays itself, as does
     * one not moved at all.
     */
    rc_buf glyf = {0};
    rc_buf_add(&glyf, f.glyf, f.glyf_len);
    uint32_t *loca = rc_xmalloc((n + 1) * sizeof(*loca));
    int16_t *box = rc_xmalloc(4 * (n + 1) * sizeof(*box));
    uint16_t *advance = rc_xmalloc((n + 1) * sizeof(*advance));
    uint16_t *made = rc_xmalloc((n + 1) * sizeof(*made)); /* new_gids, set once all went well */
    unsigned added = 0, points = 0, contours = 0;
    int nested = 0, failed = 0;
    int16_t font_box[4];
    for (int i = 0; i < 4; i++)
        font_box[i] = (int16_t)rc_be16(f.head + 36 + 2 * i);
    unsigned blank_gid = 0; /* the blank, once made */
    for (size_t i = 0; i < n && !failed; i++) {
        size_t start, end;
        made[i] = glyphs[i];
        if (blank && blank[i]) {
            if (!blank_gid) {
                if (glyf.len % 2)
                    rc_buf_addc(&glyf, 0);
                loca[added] = (uint32_t)glyf.len; /* no outline: it ends where it starts */
                memset(box + 4 * added, 0, 4 * sizeof(*box));
                advance[added] = 0;
                blank_gid = f.glyphs + added++;
            }
            made[i] = (uint16_t)blank_gid;
            continue;
        }
        if (glyph_range(&f, glyphs[i], &start, &end) != 0) {
            failed = 1;
            break;
        }
        if (end - start < 10 || (dx[i] == 0 && dy[i] == 0))
            continue;
        const unsigned char *g = f.glyf + start;
        int c = (int16_t)rc_be16(g);
        if (c < 0) {
            nested = 1;
        } else if (c > 0 && end - start >= 10 + 2 * (size_t)c) {
            contours = (unsigned)c > contours ? (unsigned)c : contours;
            unsigned p = rc_be16(g + 10 + 2 * (size_t)(c - 1)) + 1u;
            points = p > points ? p : points;
        }
        if (glyf.len % 2)
            rc_buf_addc(&glyf, 0);
        loca[added] = (uint32_t)glyf.len;
        int16_t *b = box + 4 * added;
        for (int k = 0; k < 4; k++)
            b[k] = clamp16((int16_t)rc_be16(g + 2 + 2 * k) + (k % 2 ? dy[i] : dx[i]));
        put16(&glyf, 0xFFFF); /* numberOfContours -1: a composite */
        for (int k = 0; k < 4; k++) {
            put16(&glyf, (uint16_t)b[k]);
            if (k < 2 && b[k] < font_box[k])
                font_box[k] = b[k];
            if (k >= 2 && b[k] > font_box[k])
                font_box[k] = b[k];
        }
        put16(&glyf, 0x0003); /* ARG_1_AND_2_ARE_WORDS, ARGS_ARE_XY_VALUES */
        put16(&glyf, glyphs[i]);
        put16(&glyf, (uint16_t)dx[i]);
        put16(&glyf, (uint16_t)dy[i]);
        advance[added] = (uint16_t)rc_be16(
            f.hmtx + 4 * (size_t)(glyphs[i] < f.hmetrics ? glyphs[i] : f.hmetrics - 1));
        made[i] = (uint16_t)(f.glyphs + added++);
    }
    if (glyf.len % 2)
        rc_buf_addc(&glyf, 0);
    loca[added] = (uint32_t)glyf.len;
    if (failed || added == 0) {
        rc_buf_release(&glyf);
        free(loca);
        free(box);
        free(advance);
        free(made);
        if (failed)
            return -1;
        rc_buf_reset(out);
        rc_buf_add(out, file, size);
        return 0;
    }
    unsigned total = f.glyphs + added;
    /* long offsets as the file had them (they may be odd), or when the composites need them */
    int long_loca = f.long_loca || glyf.len > 0x1FFFE;

    rc_buf_reset(out);
    rc_buf_add(out, file, 12 + 16 * (size_t)count); /* the directory, rewritten by finish */
    uint32_t tag[64];
    size_t at[64], len[64];
    for (unsigned t = 0; t < count; t++) {
        const unsigned char *rec = file + 12 + 16 * (size_t)t;
        tag[t] = rc_be32(rec);
        uint32_t off = rc_be32(rec + 8), tlen = rc_be32(rec + 12);
        while (out->len % 4)
            rc_buf_addc(out, 0);
        at[t] = out->len;
        if (off > size || size - off < tlen) {
            failed = 1;
            break;
        }
        const unsigned char *src = file + off;
        switch (tag[t]) {
        case RC_SFNT_TAG('g', 'l', 'y', 'f'):
            rc_buf_add(out, glyf.ptr, glyf.len);
            break;
        case RC_SFNT_TAG('l', 'o', 'c', 'a'):
            for (unsigned g = 0; g <= total; g++) {
                uint32_t v = g >= f.glyphs   ? loca[g - f.glyphs]
                             : f.long_loca ? rc_be32(f.loca + 4 * (size_t)g)
                                           : 2 * (uint32_t)rc_be16(f.loca + 2 * (size_t)g);
                if (long_loca)
                    put32(out, v);
                else
                    put16(out, v / 2);
            }
            break;
        case RC_SFNT_TAG('h', 'm', 't', 'x'):
            /* every glyph a long metric, a composite its component's advance */
            for (unsigned g = 0; g < total; g++) {
                unsigned adv = 0, lsb = 0;
                if (g < f.glyphs) {
                    adv = rc_be16(f.hmtx + 4 * (size_t)(g < f.hmetrics ? g : f.hmetrics - 1));
                    lsb = g < f.hmetrics ? rc_be16(f.hmtx + 4 * (size_t)g + 2)
                                         : rc_be16(f.hmtx + 4 * (size_t)f.hmetrics +
                                                   2 * (size_t)(g - f.hmetrics));
                } else {
                    adv = advance[g - f.glyphs];
                    lsb = (uint16_t)box[4 * (g - f.glyphs)];
                }
                put16(out, adv);
                put16(out, lsb);
            }
            break;
        case RC_SFNT_TAG('h', 'h', 'e', 'a'):
            rc_buf_add(out, src, tlen);
            set16(out, at[t] + 34, total);
            /* minLeftSideBearing, minRightSideBearing and xMaxExtent */
            for (unsigned k = 0; k < added && tlen >= 36; k++) {
                if (f.glyphs + k == blank_gid)
                    continue; /* no outline, no bearings */
                const unsigned char *h = (const unsigned char *)out->ptr + at[t];
                const int16_t *b = box + 4 * k;
                if (b[0] < (int16_t)rc_be16(h + 12))
                    set16(out, at[t] + 12, (uint16_t)b[0]);
                if (advance[k] - b[2] < (int16_t)rc_be16(h + 14))
                    set16(out, at[t] + 14, (uint16_t)clamp16(advance[k] - b[2]));
                if (b[2] > (int16_t)rc_be16(h + 16))
                    set16(out, at[t] + 16, (uint16_t)b[2]);
            }
            break;
        case RC_SFNT_TAG('m', 'a', 'x', 'p'):
            rc_buf_add(out, src, tlen);
            set16(out, at[t] + 4, total);
            if (tlen >= 32 && rc_be32(src) == 0x00010000) {
                const unsigned char *m = (const unsigned char *)out->ptr + at[t];
                if (points > rc_be16(m + 10))
                    set16(out, at[t] + 10, points);
                if (contours > rc_be16(m + 12))
                    set16(out, at[t] + 12, contours);
                if (rc_be16(m + 28) < 1)
                    set16(out, at[t] + 28, 1);
                unsigned depth = rc_be16(m + 30);
                set16(out, at[t] + 30, nested ? depth + 1 : depth < 1 ? 1 : depth);
            }
            break;
        case RC_SFNT_TAG('h', 'e', 'a', 'd'):
            rc_buf_add(out, src, tlen);
            for (int k = 0; k < 4 && tlen >= 54; k++)
                set16(out, at[t] + 36 + 2 * (size_t)k, (uint16_t)font_box[k]);
            if (tlen >= 54)
                set16(out, at[t] + 50, long_loca);
            break;
        default:
            rc_buf_add(out, src, tlen);
        }
        len[t] = out->len - at[t];
    }
    rc_buf_release(&glyf);
    free(loca);
    free(box);
    free(advance);
    if (!failed)
        memcpy(new_gids, made, n * sizeof(*made));
    free(made);
    if (failed) {
        rc_buf_reset(out);
        return -1;
    }
    finish(out, tag, at, len, count);
    return 0;
}
