/*
 * charstring: see charstring.h. Operands are read as 16.16 fixed point,
 * as the format defines them (an integer is one too), and written back in
 * the shortest encoding that holds them.
 */
#include "charstring.h"

#include <stdint.h>

enum {
    OP_HSTEM = 1,
    OP_VSTEM = 3,
    OP_VMOVETO = 4,
    OP_ENDCHAR = 14,
    OP_HSTEMHM = 18,
    OP_HINTMASK = 19,
    OP_CNTRMASK = 20,
    OP_RMOVETO = 21,
    OP_HMOVETO = 22,
    OP_VSTEMHM = 23,
    STACK = 48 /* the format's limit */
};

static void put8(rc_buf *b, unsigned v)
{
    unsigned char x = (unsigned char)v;
    rc_buf_add(b, &x, 1);
}

/* An operand, 16.16 fixed point. */
static void put_number(rc_buf *b, int32_t v)
{
    int32_t i = v / 65536;
    if (v % 65536 != 0) {
        put8(b, 255);
        for (int k = 3; k >= 0; k--)
            put8(b, (uint32_t)v >> (8 * k) & 0xFF);
    } else if (i >= -107 && i <= 107) {
        put8(b, (unsigned)(i + 139));
    } else if (i >= 108 && i <= 1131) {
        put8(b, (unsigned)(247 + (i - 108) / 256));
        put8(b, (unsigned)((i - 108) % 256));
    } else if (i <= -108 && i >= -1131) {
        put8(b, (unsigned)(251 + (-i - 108) / 256));
        put8(b, (unsigned)((-i - 108) % 256));
    } else {
        put8(b, 28);
        put8(b, (uint16_t)i >> 8);
        put8(b, (uint16_t)i & 0xFF);
    }
}

/* The operand at cs[*i], 16.16, its bytes skipped; -1 when it runs past len. */
static int read_number(const unsigned char *cs, size_t len, size_t *i, int32_t *v)
{
    unsigned b = cs[*i];
    if (b >= 32 && b <= 246) {
        *v = ((int32_t)b - 139) * 65536;
        *i += 1;
    } else if (b >= 247 && b <= 254) {
        if (len - *i < 2)
            return -1;
        int32_t w = b <= 250 ? (int32_t)(b - 247) * 256 + cs[*i + 1] + 108
                             : -(int32_t)(b - 251) * 256 - cs[*i + 1] - 108;
        *v = w * 65536;
        *i += 2;
    } else if (b == 28) {
        if (len - *i < 3)
            return -1;
        *v = (int32_t)(int16_t)(cs[*i + 1] << 8 | cs[*i + 2]) * 65536;
        *i += 3;
    } else { /* 255: 16.16 */
        if (len - *i < 5)
            return -1;
        *v = (int32_t)((uint32_t)cs[*i + 1] << 24 | (uint32_t)cs[*i + 2] << 16 |
                       (uint32_t)cs[*i + 3] << 8 | cs[*i + 4]);
        *i += 5;
    }
    return 0;
}

int rc_charstring_shift(const unsigned char *cs, size_t len, int dx, int dy, rc_buf *out)
{
    rc_buf_reset(out);
    int32_t stack[STACK];
    int n = 0;
    size_t stems = 0, i = 0, args = 0; /* args: where the operands of the next operator start */
    while (i < len) {
        unsigned b = cs[i];
        if (b >= 32 || b == 28) {
            int32_t v;
            if (n == STACK || read_number(cs, len, &i, &v) != 0)
                return -1;
            stack[n++] = v;
            continue;
        }
        i++;
        switch (b) {
        case OP_HSTEM:
        case OP_VSTEM:
        case OP_HSTEMHM:
        case OP_VSTEMHM:
            stems += (size_t)n / 2; /* an odd count has the width first */
            break;
        case OP_HINTMASK:
        case OP_CNTRMASK:
            stems += (size_t)n / 2; /* operands before a mask are vstems */
            if (len - i < (stems + 7) / 8)
                return -1;
            i += (stems + 7) / 8;
            break;
        case OP_RMOVETO:
        case OP_HMOVETO:
        case OP_VMOVETO: {
            int want = b == OP_RMOVETO ? 2 : 1;
            if (n < want || n > want + 1)
                return -1;
            int64_t x = b == OP_RMOVETO ? stack[n - 2] : b == OP_HMOVETO ? stack[n - 1] : 0;
            int64_t y = b == OP_RMOVETO ? stack[n - 1] : b == OP_VMOVETO ? stack[n - 1] : 0;
            x += (int64_t)dx * 65536;
            y += (int64_t)dy * 65536;
            if (x < INT32_MIN || x > INT32_MAX || y < INT32_MIN || y > INT32_MAX)
                return -1;
            rc_buf_add(out, cs, args);
            if (n > want) /* the glyph's width, which the first operator of this kind carries */
                put_number(out, stack[0]);
            put_number(out, (int32_t)x);
            put_number(out, (int32_t)y);
            put8(out, OP_RMOVETO);
            rc_buf_add(out, cs + i, len - i);
            return 0;
        }
        default:
            /* a subroutine, endchar, or drawing before any moveto */
            return -1;
        }
        n = 0;
        args = i;
    }
    return -1;
}

void rc_charstring_blank(int32_t default_width, int32_t nominal_width, rc_buf *out)
{
    rc_buf_reset(out);
    if (default_width != 0) {
        int64_t w = -(int64_t)nominal_width;
        put_number(out, (int32_t)(w < -32768 ? -32768 : w > 32767 ? 32767 : w) * 65536);
    }
    put8(out, OP_ENDCHAR);
}
