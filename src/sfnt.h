/*
 * sfnt: reading the tables of a TrueType/OpenType file held in memory.
 *
 * Only what rescomp needs without HarfBuzz: finding a table by its tag (in
 * a single font or a collection) and reading big-endian numbers. Every
 * read is bounds-checked against the file, so a corrupt file yields NULL,
 * never a read past its end.
 */
#ifndef RC_SFNT_H
#define RC_SFNT_H

#include <stddef.h>
#include <stdint.h>

#define RC_SFNT_TAG(a, b, c, d) \
    ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static inline unsigned rc_be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static inline uint32_t rc_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/*
 * The record of table `tag` in the table directory of a single font that
 * starts buf (len bytes of it at least, as far as the directory goes):
 * the table's offset in the file and its length. 0 when it is found.
 */
int rc_sfnt_find(const unsigned char *buf, size_t len, uint32_t tag, uint32_t *offset,
                 uint32_t *length);

/*
 * The table `tag` of face `index` (0 for a single font) of the file, with
 * its length in *len; NULL when the file has no such face or table, or
 * the table does not lie inside the file.
 */
const unsigned char *rc_sfnt_table(const unsigned char *file, size_t size, unsigned index,
                                   uint32_t tag, size_t *len);

#endif
