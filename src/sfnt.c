/*
 * sfnt: see sfnt.h. The layout is the OpenType specification's "Font file"
 * chapter: an optional collection header ('ttcf', a count and one offset
 * per face), then per face a table directory of 16-byte records (tag,
 * checksum, offset, length) after a 12-byte header.
 */
#include "sfnt.h"

int rc_sfnt_find(const unsigned char *buf, size_t len, uint32_t tag, uint32_t *offset,
                 uint32_t *length)
{
    if (len < 12)
        return -1;
    unsigned tables = rc_be16(buf + 4);
    for (unsigned i = 0; i < tables && 12 + 16 * ((size_t)i + 1) <= len; i++) {
        const unsigned char *rec = buf + 12 + 16 * (size_t)i;
        if (rc_be32(rec) == tag) {
            *offset = rc_be32(rec + 8);
            *length = rc_be32(rec + 12);
            return 0;
        }
    }
    return -1;
}

const unsigned char *rc_sfnt_table(const unsigned char *file, size_t size, unsigned index,
                                   uint32_t tag, size_t *len)
{
    size_t dir = 0;
    if (size >= 12 && rc_be32(file) == RC_SFNT_TAG('t', 't', 'c', 'f')) {
        uint32_t faces = rc_be32(file + 8);
        if (index >= faces || 12 + 4 * (size_t)index + 4 > size)
            return NULL;
        dir = rc_be32(file + 12 + 4 * (size_t)index);
    } else if (index != 0) {
        return NULL;
    }
    if (dir > size || size - dir < 12 || (size - dir - 12) / 16 < rc_be16(file + dir + 4))
        return NULL;
    uint32_t off, n;
    if (rc_sfnt_find(file + dir, size - dir, tag, &off, &n) != 0 || off > size || size - off < n)
        return NULL;
    *len = n;
    return file + off;
}
