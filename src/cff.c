/*
 * cff: see cff.h. Every read is bounds-checked against the program: it
 * comes from a font file, which may be any installed font.
 */
#include "cff.h"
#include "charstring.h"
#include "sfnt.h"

#include <stdlib.h>
#include <string.h>

/* ---- reading ------------------------------------------------------------ */

/* An INDEX: count items, item i at data + offset(i) .. data + offset(i + 1). */
typedef struct cff_index {
    const unsigned char *base;
    size_t size; /* of the whole INDEX */
    unsigned count, offsize;
    const unsigned char *offsets, *data;
} cff_index;

static uint32_t index_offset(const cff_index *ix, unsigned i)
{
    const unsigned char *p = ix->offsets + (size_t)i * ix->offsize;
    uint32_t v = 0;
    for (unsigned k = 0; k < ix->offsize; k++)
        v = v << 8 | p[k];
    return v;
}

/* The INDEX at p, avail bytes of the program from there on. 0 or -1. */
static int index_read(const unsigned char *p, size_t avail, cff_index *ix)
{
    memset(ix, 0, sizeof(*ix));
    ix->base = p;
    if (avail < 2)
        return -1;
    ix->count = rc_be16(p);
    ix->size = 2;
    if (ix->count == 0)
        return 0;
    if (avail < 3 || p[2] < 1 || p[2] > 4)
        return -1;
    ix->offsize = p[2];
    size_t head = 3 + ((size_t)ix->count + 1) * ix->offsize;
    if (head > avail)
        return -1;
    ix->offsets = p + 3;
    ix->data = p + head - 1; /* offsets count from 1 */
    uint32_t last = index_offset(ix, ix->count);
    if (index_offset(ix, 0) != 1 || last < 1 || last > avail - head + 1)
        return -1;
    ix->size = head - 1 + last;
    return 0;
}

static int index_item(const cff_index *ix, unsigned i, const unsigned char **p, size_t *len)
{
    if (i >= ix->count)
        return -1;
    uint32_t a = index_offset(ix, i), b = index_offset(ix, i + 1);
    if (a < 1 || b < a || b > index_offset(ix, ix->count))
        return -1;
    *p = ix->data + a;
    *len = b - a;
    return 0;
}

/* One DICT entry: its operands and operator as bytes, and the first operands as integers. */
typedef struct dict_entry {
    int op; /* 0 .. 21, or 0xC00 | the second byte of an escaped operator */
    const unsigned char *start;
    size_t len;
    int nargs;
    int32_t arg[4]; /* a real operand reads as 0: no offset or size is real */
} dict_entry;

enum {
    OP_CHARSET = 15,
    OP_CHARSTRINGS = 17,
    OP_PRIVATE = 18,
    OP_SUBRS = 19,
    OP_DEFAULT_WIDTH = 20,
    OP_NOMINAL_WIDTH = 21,
    OP_FONT_BBOX = 5,
    OP_CHARSTRING_TYPE = 0xC06,
    OP_FONT_MATRIX = 0xC07,
    OP_ROS = 0xC1E,
    OP_CID_COUNT = 0xC22,
    OP_FD_ARRAY = 0xC24,
    OP_FD_SELECT = 0xC25,
};

/* The next entry of the DICT from *pp to end: 1, 0 at its end, -1 when malformed. */
static int dict_next(const unsigned char **pp, const unsigned char *end, dict_entry *e)
{
    const unsigned char *p = *pp;
    e->start = p;
    e->nargs = 0;
    while (p < end) {
        unsigned b = *p;
        int32_t v = 0;
        if (b <= 21) {
            if (b == 12) {
                if (end - p < 2)
                    return -1;
                e->op = 0xC00 | p[1];
                p += 2;
            } else {
                e->op = (int)b;
                p++;
            }
            e->len = (size_t)(p - e->start);
            *pp = p;
            return 1;
        } else if (b == 28) {
            if (end - p < 3)
                return -1;
            v = (int16_t)rc_be16(p + 1);
            p += 3;
        } else if (b == 29) {
            if (end - p < 5)
                return -1;
            v = (int32_t)rc_be32(p + 1);
            p += 5;
        } else if (b == 30) {
            int done = 0;
            for (p++; p < end && !done; p++)
                done = (*p >> 4) == 0xF || (*p & 0xF) == 0xF;
            if (!done)
                return -1;
        } else if (b >= 32 && b <= 246) {
            v = (int32_t)b - 139;
            p++;
        } else if (b >= 247 && b <= 254) {
            if (end - p < 2)
                return -1;
            v = b <= 250 ? (int32_t)(b - 247) * 256 + p[1] + 108
                         : -(int32_t)(b - 251) * 256 - p[1] - 108;
            p += 2;
        } else {
            return -1; /* reserved */
        }
        if (e->nargs < 4)
            e->arg[e->nargs] = v;
        e->nargs++;
    }
    return p == e->start ? 0 : -1; /* operands without an operator */
}

/* A font DICT's Private DICT and local subroutines (name-keyed: the Top DICT's). */
typedef struct cff_fd {
    const unsigned char *priv;
    size_t priv_len;
    cff_index subrs; /* count 0: none */
    const unsigned char *matrix; /* its FontMatrix entry, or NULL */
    size_t matrix_len;
} cff_fd;

typedef struct cff_in {
    const unsigned char *p;
    size_t len;
    const unsigned char *top;
    size_t top_len;
    cff_index gsubrs, charstrings;
    int cid;
    cff_fd *fds;
    unsigned nfds;
    const unsigned char *fdselect; /* CID-keyed: its FDSelect */
} cff_in;

/* The bytes at offset off of the program, at least min of them; NULL if outside it. */
static const unsigned char *at(const cff_in *c, int32_t off, size_t min)
{
    if (off < 0 || (size_t)off > c->len || c->len - (size_t)off < min)
        return NULL;
    return c->p + off;
}

/* A Private DICT (size, offset from the program's start) and its Subrs. */
static int read_private(const cff_in *c, const dict_entry *e, cff_fd *fd)
{
    if (e->nargs != 2 || e->arg[0] < 0 || !(fd->priv = at(c, e->arg[1], (size_t)e->arg[0])))
        return -1;
    fd->priv_len = (size_t)e->arg[0];
    const unsigned char *q = fd->priv, *end = fd->priv + fd->priv_len;
    dict_entry s;
    int r;
    while ((r = dict_next(&q, end, &s)) > 0) {
        if (s.op != OP_SUBRS)
            continue;
        /* Subrs counts from the Private DICT's start. */
        const unsigned char *sub =
            s.nargs == 1 && s.arg[0] >= 0 ? at(c, e->arg[1] + s.arg[0], 0) : NULL;
        if (!sub || index_read(sub, c->len - (size_t)(sub - c->p), &fd->subrs) != 0)
            return -1;
    }
    return r;
}

/* A font DICT of the FDArray: its Private DICT and FontMatrix. */
static int read_font_dict(const cff_in *c, const unsigned char *d, size_t len, cff_fd *fd)
{
    const unsigned char *q = d;
    dict_entry e;
    int r, got_private = 0;
    while ((r = dict_next(&q, d + len, &e)) > 0) {
        if (e.op == OP_PRIVATE) {
            if (read_private(c, &e, fd) != 0)
                return -1;
            got_private = 1;
        } else if (e.op == OP_FONT_MATRIX) {
            fd->matrix = e.start;
            fd->matrix_len = e.len;
        }
    }
    return r == 0 && got_private ? 0 : -1;
}

static int read_cff(cff_in *c)
{
    if (c->len < 4 || c->p[0] != 1 || c->p[2] < 4 || c->p[2] > c->len)
        return -1; /* CFF2 has major version 2 */
    cff_index names, tops, strings;
    size_t off = c->p[2];
    if (index_read(c->p + off, c->len - off, &names) != 0 || names.count < 1)
        return -1;
    off += names.size;
    if (index_read(c->p + off, c->len - off, &tops) != 0 ||
        index_item(&tops, 0, &c->top, &c->top_len) != 0)
        return -1;
    off += tops.size;
    if (index_read(c->p + off, c->len - off, &strings) != 0)
        return -1;
    off += strings.size;
    if (index_read(c->p + off, c->len - off, &c->gsubrs) != 0)
        return -1;

    const unsigned char *q = c->top;
    dict_entry e, priv = {0};
    int32_t charstrings = -1, fdarray = -1, fdselect = -1;
    int r;
    while ((r = dict_next(&q, c->top + c->top_len, &e)) > 0) {
        if (e.op == OP_CHARSTRINGS && e.nargs == 1)
            charstrings = e.arg[0];
        else if (e.op == OP_PRIVATE)
            priv = e;
        else if (e.op == OP_ROS)
            c->cid = 1;
        else if (e.op == OP_FD_ARRAY && e.nargs == 1)
            fdarray = e.arg[0];
        else if (e.op == OP_FD_SELECT && e.nargs == 1)
            fdselect = e.arg[0];
        else if (e.op == OP_CHARSTRING_TYPE && (e.nargs != 1 || e.arg[0] != 2))
            return -1; /* Type 1 charstrings */
    }
    const unsigned char *cs = r == 0 ? at(c, charstrings, 0) : NULL;
    if (!cs || index_read(cs, c->len - (size_t)charstrings, &c->charstrings) != 0 ||
        c->charstrings.count == 0)
        return -1;

    if (!c->cid) {
        c->nfds = 1;
        c->fds = rc_xcalloc(1, sizeof(*c->fds));
        return priv.op == OP_PRIVATE ? read_private(c, &priv, &c->fds[0]) : -1;
    }
    cff_index fda;
    const unsigned char *fa = at(c, fdarray, 0);
    c->fdselect = at(c, fdselect, 1);
    if (!fa || !c->fdselect || index_read(fa, c->len - (size_t)fdarray, &fda) != 0 ||
        fda.count == 0)
        return -1;
    c->nfds = fda.count;
    c->fds = rc_xcalloc(fda.count, sizeof(*c->fds));
    for (unsigned i = 0; i < fda.count; i++) {
        const unsigned char *d;
        size_t dlen;
        if (index_item(&fda, i, &d, &dlen) != 0 || read_font_dict(c, d, dlen, &c->fds[i]) != 0)
            return -1;
    }
    return 0;
}

/* The font DICT of glyph g (CID-keyed: its FDSelect entry), or -1. */
static int fd_of(const cff_in *c, unsigned g)
{
    if (!c->cid)
        return 0;
    const unsigned char *s = c->fdselect, *end = c->p + c->len;
    int fd = -1;
    if (s[0] == 0) {
        if ((size_t)(end - s) > 1 + (size_t)g)
            fd = s[1 + g];
    } else if (s[0] == 3 && end - s >= 3) {
        unsigned n = rc_be16(s + 1);
        if ((size_t)(end - s) < 3 + 3 * (size_t)n + 2)
            return -1;
        for (unsigned i = 0; i < n; i++) {
            const unsigned char *r = s + 3 + 3 * (size_t)i;
            unsigned next = rc_be16(r + 3); /* the next range's first glyph, or the sentinel */
            if (g >= rc_be16(r) && g < next) {
                fd = r[2];
                break;
            }
        }
    }
    return fd >= 0 && (unsigned)fd < c->nfds ? fd : -1;
}

/* ---- writing ------------------------------------------------------------ */

static void put8(rc_buf *b, unsigned v)
{
    unsigned char x = (unsigned char)v;
    rc_buf_add(b, &x, 1);
}

static void put16(rc_buf *b, unsigned v)
{
    put8(b, v >> 8);
    put8(b, v & 0xFF);
}

/* An integer operand in its 5-byte form, so that a DICT's size does not depend on it. */
static void put_int5(rc_buf *b, uint32_t v)
{
    put8(b, 29);
    put16(b, v >> 16);
    put16(b, v & 0xFFFF);
}

static void put_op(rc_buf *b, int op)
{
    if (op >= 0xC00)
        put8(b, 12);
    put8(b, (unsigned)op & 0xFF);
}

/* An INDEX of n items, item i at items[i], lens[i] bytes. */
static void put_index(rc_buf *b, const unsigned char *const *items, const size_t *lens, size_t n)
{
    put16(b, (unsigned)n);
    if (n == 0)
        return;
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total += lens[i];
    unsigned offsize = total <= 0xFF ? 1 : total <= 0xFFFF ? 2 : total <= 0xFFFFFF ? 3 : 4;
    put8(b, offsize);
    size_t off = 1;
    for (size_t i = 0; i <= n; i++) {
        for (unsigned k = offsize; k-- > 0;)
            put8(b, (unsigned)(off >> (8 * k)) & 0xFF);
        if (i < n)
            off += lens[i];
    }
    for (size_t i = 0; i < n; i++)
        rc_buf_add(b, items[i], lens[i]);
}

/* The Top DICT: ROS, the source's numeric entries, then the offsets. */
static void put_top(rc_buf *b, const cff_in *c, size_t n, const uint32_t offs[4])
{
    /* "Adobe" and "Identity", the String INDEX's two strings (the first SID past the standard 391). */
    put_int5(b, 391);
    put_int5(b, 392);
    put_int5(b, 0);
    put_op(b, OP_ROS);
    const unsigned char *q = c->top;
    dict_entry e;
    while (dict_next(&q, c->top + c->top_len, &e) > 0)
        /* FontBBox, isFixedPitch .. FontMatrix, StrokeWidth: numbers, no offset or string */
        if (e.op == OP_FONT_BBOX || (e.op >= 0xC01 && e.op <= 0xC08 && e.op != OP_CHARSTRING_TYPE))
            rc_buf_add(b, e.start, e.len);
    put_int5(b, (uint32_t)n);
    put_op(b, OP_CID_COUNT);
    put_int5(b, offs[0]);
    put_op(b, OP_CHARSET);
    put_int5(b, offs[1]);
    put_op(b, OP_CHARSTRINGS);
    put_int5(b, offs[2]);
    put_op(b, OP_FD_ARRAY);
    put_int5(b, offs[3]);
    put_op(b, OP_FD_SELECT);
}

/* The integer operand of a Private DICT entry (defaultWidthX, nominalWidthX), 0 if absent. */
static int32_t private_number(const cff_fd *fd, int op)
{
    const unsigned char *q = fd->priv;
    dict_entry e;
    while (dict_next(&q, fd->priv + fd->priv_len, &e) > 0)
        if (e.op == op && e.nargs == 1)
            return e.arg[0];
    return 0;
}

/* A Private DICT with its Subrs (if any) right after it. */
static void put_private(rc_buf *b, const cff_fd *fd)
{
    const unsigned char *q = fd->priv;
    dict_entry e;
    size_t start = b->len;
    while (dict_next(&q, fd->priv + fd->priv_len, &e) > 0)
        if (e.op != OP_SUBRS)
            rc_buf_add(b, e.start, e.len);
    if (fd->subrs.count) {
        put_int5(b, (uint32_t)(b->len - start + 6)); /* this entry is 6 bytes */
        put_op(b, OP_SUBRS);
    }
}

/* The size of the Private DICT put_private writes, without its Subrs. */
static size_t private_size(const cff_fd *fd)
{
    rc_buf b = RC_BUF_INIT;
    put_private(&b, fd);
    size_t n = b.len;
    rc_buf_release(&b);
    return n;
}

static size_t subrs_size(const cff_fd *fd)
{
    return fd->subrs.count ? fd->subrs.size : 0;
}

int rc_cff_cid_keyed(const unsigned char *cff, size_t len, const uint16_t *glyphs, size_t n,
                     const char *name, rc_buf *out)
{
    return rc_cff_cid_keyed_moved(cff, len, glyphs, NULL, NULL, NULL, n, name, out);
}

int rc_cff_cid_keyed_moved(const unsigned char *cff, size_t len, const uint16_t *glyphs,
                           const int16_t *dx, const int16_t *dy, const uint8_t *blank, size_t n,
                           const char *name, rc_buf *out)
{
    cff_in c;
    memset(&c, 0, sizeof(c));
    c.p = cff;
    c.len = len;
    int result = -1;
    const unsigned char **items = NULL;
    size_t *lens = NULL;
    unsigned char *fds = NULL;
    rc_buf *moved = NULL; /* the moved glyphs' charstrings */
    rc_buf part = RC_BUF_INIT;
    rc_buf_reset(out);
    if (n == 0 || n > 0x10000 || read_cff(&c) != 0)
        goto done;

    /* Glyph k: the charstring of glyphs[k], in the font DICT that glyph is in. */
    items = rc_xmalloc(n * sizeof(*items));
    lens = rc_xmalloc(n * sizeof(*lens));
    fds = rc_xmalloc(n);
    for (size_t k = 0; k < n; k++) {
        int fd = fd_of(&c, glyphs[k]);
        if (fd < 0 || fd > 255 || index_item(&c.charstrings, glyphs[k], &items[k], &lens[k]) != 0)
            goto done;
        fds[k] = (unsigned char)fd;
    }
    for (size_t k = 0; k < n; k++) {
        int blank_k = blank && blank[k], move = dx && dy && (dx[k] || dy[k]);
        if (!blank_k && !move)
            continue;
        if (!moved)
            moved = rc_xcalloc(n, sizeof(*moved));
        if (blank_k) {
            const cff_fd *fd = &c.fds[fds[k]];
            rc_charstring_blank(private_number(fd, OP_DEFAULT_WIDTH),
                                private_number(fd, OP_NOMINAL_WIDTH), &moved[k]);
        } else if (rc_charstring_shift(items[k], lens[k], dx[k], dy[k], &moved[k]) != 0) {
            continue;
        }
        items[k] = (const unsigned char *)moved[k].ptr;
        lens[k] = moved[k].len;
    }

    /* The parts' sizes, to place them: every offset in a DICT is 5 bytes whatever its value. */
    uint32_t zero[4] = {0, 0, 0, 0};
    put_top(&part, &c, n, zero);
    size_t top_len = part.len;
    size_t name_len = strlen(name);
    const unsigned char *name_item = (const unsigned char *)name;
    rc_buf_reset(&part);
    put_index(&part, &name_item, &name_len, 1);
    size_t names_size = part.len;
    size_t tops_size = 3 + 2 * (size_t)(top_len + 1 <= 0xFF ? 1 : 2) + top_len;
    static const unsigned char *const strs[2] = {(const unsigned char *)"Adobe",
                                                 (const unsigned char *)"Identity"};
    static const size_t str_lens[2] = {5, 8};
    size_t strings_size = 3 + 3 + 13;
    size_t charset_size = n > 1 ? 1 + 4 : 1;
    size_t ranges = 1;
    for (size_t k = 1; k < n; k++)
        ranges += fds[k] != fds[k - 1];
    size_t fdselect_size = 1 + 2 + 3 * ranges + 2;
    rc_buf_reset(&part);
    put_index(&part, items, lens, n);
    size_t charstrings_size = part.len;
    /* A font DICT: Private's size and offset (5 bytes each and the operator) and its FontMatrix. */
    size_t fdarray_data = 0;
    for (unsigned i = 0; i < c.nfds; i++)
        fdarray_data += 11 + c.fds[i].matrix_len;
    unsigned fd_offsize = fdarray_data + 1 <= 0xFF ? 1 : fdarray_data + 1 <= 0xFFFF ? 2 : 3;
    size_t fdarray_size = 3 + (c.nfds + 1) * (size_t)fd_offsize + fdarray_data;

    uint32_t offs[4]; /* charset, CharStrings, FDArray, FDSelect */
    size_t pos = 4 + names_size + tops_size + strings_size + c.gsubrs.size;
    offs[0] = (uint32_t)pos;
    offs[3] = (uint32_t)(pos += charset_size);
    offs[1] = (uint32_t)(pos += fdselect_size);
    offs[2] = (uint32_t)(pos += charstrings_size);
    pos += fdarray_size;
    if (pos > 0x7FFFFFFF)
        goto done;

    /* Header, Name INDEX, Top DICT INDEX, String INDEX, Global Subr INDEX */
    rc_buf_add(out, "\x01\x00\x04\x04", 4);
    put_index(out, &name_item, &name_len, 1);
    rc_buf_reset(&part);
    put_top(&part, &c, n, offs);
    const unsigned char *top_item = (const unsigned char *)part.ptr;
    put_index(out, &top_item, &part.len, 1);
    put_index(out, strs, str_lens, 2);
    rc_buf_add(out, c.gsubrs.base, c.gsubrs.size);
    /* charset: glyph k is CID k (format 2, one range from glyph 1) */
    put8(out, n > 1 ? 2 : 0);
    if (n > 1) {
        put16(out, 1);
        put16(out, (unsigned)(n - 2));
    }
    /* FDSelect, format 3: runs of glyphs in one font DICT */
    put8(out, 3);
    put16(out, (unsigned)ranges);
    for (size_t k = 0; k < n; k++)
        if (k == 0 || fds[k] != fds[k - 1]) {
            put16(out, (unsigned)k);
            put8(out, fds[k]);
        }
    put16(out, (unsigned)n);
    put_index(out, items, lens, n);
    /* FDArray: each font DICT points at its Private DICT, placed after the array */
    put16(out, c.nfds);
    put8(out, fd_offsize);
    size_t off = 1;
    for (unsigned i = 0; i <= c.nfds; i++) {
        for (unsigned k = fd_offsize; k-- > 0;)
            put8(out, (unsigned)(off >> (8 * k)) & 0xFF);
        if (i < c.nfds)
            off += 11 + c.fds[i].matrix_len;
    }
    for (unsigned i = 0; i < c.nfds; i++) {
        rc_buf_add(out, c.fds[i].matrix, c.fds[i].matrix_len);
        put_int5(out, (uint32_t)private_size(&c.fds[i]));
        put_int5(out, (uint32_t)pos);
        put_op(out, OP_PRIVATE);
        pos += private_size(&c.fds[i]) + subrs_size(&c.fds[i]);
    }
    for (unsigned i = 0; i < c.nfds; i++) {
        put_private(out, &c.fds[i]);
        rc_buf_add(out, c.fds[i].subrs.base, subrs_size(&c.fds[i]));
    }
    result = out->len == pos ? 0 : -1;
done:
    for (size_t k = 0; moved && k < n; k++)
        rc_buf_release(&moved[k]);
    free(moved);
    free(items);
    free(lens);
    free(fds);
    free(c.fds);
    rc_buf_release(&part);
    if (result != 0)
        rc_buf_reset(out);
    return result;
}
