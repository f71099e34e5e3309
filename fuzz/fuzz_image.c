/*
 * fuzz_image: bytes -> rc_image_decode, the photo decoder (libpng and
 * libjpeg behind image.c), as a file's bytes.
 *
 * Each input is decoded twice: for a photo printed 2 inches wide (600
 * pixels: small inputs come out as they are) and one printed a few pixels
 * wide (every input is scaled down, rows in order or, interlaced, not).
 * A PNG is decoded a third time with the CRC of every chunk made right:
 * libpng and libjpeg are not instrumented, so libFuzzer cannot learn
 * checksums, and nearly every mutation of a PNG would stop at its CRC.
 *
 * Properties (image.h): the decoder succeeds or reports exactly one
 * input error at the position it was given, never both; a result is no
 * larger than the file's pixels and no wider than the print needs, has 1
 * or 3 colour samples, as many bytes as its size says, an opacity only
 * when some pixel is not opaque; a JPEG result starts with a JPEG's
 * marker and, decoded again, is sound and of the same size; decoding is
 * deterministic.
 */
#include "fuzz.h"

#include "image.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

static const rc_pos where = {"cv.yaml", 3, 10};

static int decode(rc_arena *a, const void *p, size_t n, rc_scaled width, rc_image *im,
                  rc_diags *d)
{
    int rc = rc_image_decode(a, p, n, "photo", width, where, im, d);
    FUZZ_CHECK(rc == 0 || rc == -1);
    if (rc != 0) {
        FUZZ_CHECK(d->n == 1 && d->nerrors == 1);
        FUZZ_CHECK(d->v[0].failure == RC_FAIL_INPUT && d->v[0].pos.line == 3);
        FUZZ_CHECK(strstr(d->v[0].message, "photo 'photo' ") == d->v[0].message);
        return rc;
    }
    FUZZ_CHECK(d->n == 0);
    FUZZ_CHECK(im->width >= 1 && im->height >= 1);
    FUZZ_CHECK(im->width <= im->src_width && im->height <= im->src_height);
    FUZZ_CHECK(im->channels == 1 || im->channels == 3);
    FUZZ_CHECK(im->data && im->size > 0);
    if (im->format == RC_IMAGE_PIXELS) {
        size_t px = (size_t)im->width * (size_t)im->height;
        FUZZ_CHECK(im->size == px * (size_t)im->channels);
        if (im->alpha) {
            size_t i = 0;
            while (i < px && im->alpha[i] == 255)
                i++;
            FUZZ_CHECK(i < px);
        }
    } else {
        FUZZ_CHECK(im->format == RC_IMAGE_JPEG && !im->alpha);
        FUZZ_CHECK(im->size >= 3 && im->data[0] == 0xFF && im->data[1] == 0xD8);
    }
    return 0;
}

static void same(const rc_image *x, const rc_image *y)
{
    FUZZ_CHECK(x->format == y->format && x->width == y->width && x->height == y->height);
    FUZZ_CHECK(x->channels == y->channels && x->size == y->size);
    FUZZ_CHECK(memcmp(x->data, y->data, x->size) == 0);
    FUZZ_CHECK(!x->alpha == !y->alpha);
    if (x->alpha)
        FUZZ_CHECK(memcmp(x->alpha, y->alpha, (size_t)x->width * x->height) == 0);
}

/* A copy of a PNG with each chunk's CRC computed again; NULL for another file. */
static uint8_t *fix_crcs(const uint8_t *data, size_t size)
{
    if (size < 8 || memcmp(data, "\x89PNG\r\n\x1a\n", 8) != 0)
        return NULL;
    uint8_t *p = malloc(size);
    memcpy(p, data, size);
    for (size_t at = 8; at + 12 <= size;) {
        uint32_t len = (uint32_t)p[at] << 24 | (uint32_t)p[at + 1] << 16 |
                       (uint32_t)p[at + 2] << 8 | p[at + 3];
        if (len > size - at - 12)
            break;
        uint32_t crc = (uint32_t)crc32(0, p + at + 4, len + 4);
        uint8_t *q = p + at + 8 + len;
        q[0] = (uint8_t)(crc >> 24), q[1] = (uint8_t)(crc >> 16);
        q[2] = (uint8_t)(crc >> 8), q[3] = (uint8_t)crc;
        at += 12 + len;
    }
    return p;
}

static void decode_twice(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    decode_twice(data, size);
    uint8_t *fixed = fix_crcs(data, size);
    if (fixed) {
        decode_twice(fixed, size);
        free(fixed);
    }
    return 0;
}

static void decode_twice(const uint8_t *data, size_t size)
{
    /* print widths, and the pixels they need at 300 dpi */
    static const rc_scaled widths[] = {RC_PT(144), RC_PT(1.7)};
    static const int needs[] = {600, 8};
    for (size_t w = 0; w < RC_ARRAY_LEN(widths); w++) {
        rc_arena a;
        rc_arena_init(&a);
        rc_diags d, d2;
        rc_diags_init(&d);
        rc_diags_init(&d2);
        rc_image im, im2;
        int rc = decode(&a, data, size, widths[w], &im, &d);
        if (rc == 0)
            FUZZ_CHECK(im.width == (im.src_width < needs[w] ? im.src_width : needs[w]));
        if (rc == 0 && w == 1) {
            /* the same again, byte for byte */
            FUZZ_CHECK(decode(&a, data, size, widths[w], &im2, &d2) == 0);
            same(&im, &im2);
        }
        if (rc == 0 && im.format == RC_IMAGE_JPEG) {
            /* what goes into the PDF is itself a sound JPEG of that size */
            rc_diags_release(&d2);
            rc_diags_init(&d2);
            FUZZ_CHECK(decode(&a, im.data, im.size, RC_PT(1000), &im2, &d2) == 0);
            FUZZ_CHECK(im2.width == im.width && im2.height == im.height);
        }
        rc_diags_release(&d);
        rc_diags_release(&d2);
        rc_arena_release(&a);
    }
}
