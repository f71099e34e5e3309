/*
 * image: PNG and JPEG headers (see image.h). PNG keeps its size in the
 * IHDR chunk right after the signature; JPEG in a start-of-frame marker
 * (SOF0..SOF15 but DHT, JPG and DAC), found by walking the markers.
 */
#include "image.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define MAX_SIDE 10000

static int be16(const unsigned char *p)
{
    return p[0] << 8 | p[1];
}

static long be32(const unsigned char *p)
{
    return (long)p[0] << 24 | (long)p[1] << 16 | (long)p[2] << 8 | (long)p[3];
}

static int jpeg_size(FILE *f, int *w, int *h)
{
    unsigned char m[4];
    if (fseek(f, 2, SEEK_SET) != 0)
        return -1;
    for (int guard = 0; guard < 1000; guard++) {
        if (fread(m, 1, 4, f) != 4 || m[0] != 0xFF)
            return -1;
        int marker = m[1], len = be16(m + 2);
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
            marker != 0xCC) {
            unsigned char sof[5];
            if (fread(sof, 1, 5, f) != 5)
                return -1;
            *h = be16(sof + 1);
            *w = be16(sof + 3);
            return 0;
        }
        if (len < 2 || fseek(f, len - 2, SEEK_CUR) != 0)
            return -1;
    }
    return -1;
}

int rc_image_probe(const char *path, rc_pos pos, rc_image_info *out, rc_diags *d)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return rc_error_class(d, RC_FAIL_IO, pos, "cannot read photo '%s': %s", path,
                              strerror(errno));
    unsigned char head[29] = {0};
    size_t n = fread(head, 1, sizeof(head), f);
    int w = 0, h = 0, ok = -1;
    if (n >= 24 && memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(head + 12, "IHDR", 4) == 0) {
        out->kind = RC_IMAGE_PNG;
        long lw = be32(head + 16), lh = be32(head + 20);
        /* libharu 2.3.0 draws 16-bit PNGs as garbage: refuse them here, in words */
        if (n >= 29 && head[24] > 8) {
            fclose(f);
            return rc_error(d, pos,
                            "photo '%s' is a 16-bit PNG, which the PDF library cannot embed; "
                            "save it with 8 bits per channel",
                            path);
        }
        if (lw > 0 && lh > 0 && lw <= MAX_SIDE && lh <= MAX_SIDE) {
            w = (int)lw;
            h = (int)lh;
            ok = 0;
        }
    } else if (n >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) {
        out->kind = RC_IMAGE_JPEG;
        ok = jpeg_size(f, &w, &h);
        if (ok == 0 && (w <= 0 || h <= 0 || w > MAX_SIDE || h > MAX_SIDE))
            ok = -1;
    }
    fclose(f);
    if (ok != 0)
        return rc_error(d, pos,
                        "photo '%s' is not a PNG or JPEG image of at most %d x %d pixels; "
                        "convert it or point cv.photo at another file",
                        path, MAX_SIDE, MAX_SIDE);
    out->width = w;
    out->height = h;
    return 0;
}
