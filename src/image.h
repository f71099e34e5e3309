/*
 * image: what a photo file is, read from its header (PNG or JPEG) before
 * anything is laid out, so that a missing, unreadable or corrupt photo is
 * an error at its YAML position rather than a failure deep in the PDF
 * device.
 */
#ifndef RC_IMAGE_H
#define RC_IMAGE_H

#include "diag.h"

typedef enum rc_image_kind { RC_IMAGE_PNG, RC_IMAGE_JPEG } rc_image_kind;

typedef struct rc_image_info {
    rc_image_kind kind;
    int width, height; /* pixels */
} rc_image_info;

/*
 * Probe path. A file that cannot be read is RC_FAIL_IO; one that is not a
 * PNG or JPEG with sane dimensions (at most 10000 x 10000) is an input error.
 */
int rc_image_probe(const char *path, rc_pos pos, rc_image_info *out, rc_diags *d);

#endif
