/*
 * image: a photo file read, validated and decoded before anything is laid
 * out, so that a missing, unreadable or corrupt photo is an error at its
 * YAML position rather than a failure deep in the PDF device, and so that
 * the device embeds from memory and never reads a file.
 *
 * Every valid PNG (any colour type, bit depth and interlacing) and every
 * JPEG libjpeg decodes without a warning is read; pictures larger than the
 * page needs are scaled down to 300 pixels per inch of their printed
 * width while they are decoded, row by row, so that memory follows the
 * printed size rather than the file's. libpng and libjpeg are used here
 * and nowhere else in the library.
 */
#ifndef RC_IMAGE_H
#define RC_IMAGE_H

#include "base.h"
#include "diag.h"

typedef enum rc_image_format {
    RC_IMAGE_PIXELS, /* 8-bit samples, rows top first, no padding */
    RC_IMAGE_JPEG    /* a baseline or progressive JPEG, embedded as it is (DCTDecode) */
} rc_image_format;

typedef struct rc_image {
    int src_width, src_height; /* pixels of the file: its aspect ratio */
    rc_image_format format;
    int width, height; /* pixels of what is embedded */
    int channels;      /* colour samples per pixel: 1 (grey) or 3 (RGB) */
    /* the samples (RC_IMAGE_PIXELS) or the JPEG file; in the arena */
    const unsigned char *data;
    size_t size;
    /* RC_IMAGE_PIXELS: width * height opacities (0 = transparent), or NULL when opaque */
    const unsigned char *alpha;
} rc_image;

/*
 * Pictures decoded once for the many documents of a run: rescomp decodes
 * each PNG its variants name in the process that then forks their jobs,
 * and each job scales the stored rows rather than decoding the file again
 * (the same rows, so the same pixels). A job uses a stored picture only
 * when it reads the very same bytes from the file, so a job still opens,
 * checks and reads its file. Only non-interlaced PNGs of modest size are
 * kept (JPEGs are scaled while libjpeg decodes them). Filled before the
 * jobs start, then only read, by any number of threads.
 */
typedef struct rc_image_store rc_image_store;
rc_image_store *rc_image_store_new(void);
/* Decode the picture at path into the store if it is one it keeps; nothing is reported. */
void rc_image_store_add(rc_image_store *s, const char *path);
void rc_image_store_free(rc_image_store *s);

/*
 * Read the photo at path and decode it for printing print_width wide
 * (with a store, NULL or not, as above).
 * A file that cannot be read is RC_FAIL_IO; one that is not a valid PNG
 * or JPEG, or one too large to decode, is an input error at pos.
 */
int rc_image_load(const rc_image_store *store, rc_arena *a, const char *path,
                  rc_scaled print_width, rc_pos pos, rc_image *out, rc_diags *d);

/*
 * The same for another image than the photo: messages call it `what`
 * ("signature") and name `key` ("letter.signature") as the field to change;
 * printed within print_width and, when print_height > 0, print_height (a
 * wide signature in a short box needs fewer pixels than its width says).
 */
int rc_image_load_as(const rc_image_store *store, rc_arena *a, const char *path,
                     const char *what, const char *key, rc_scaled print_width,
                     rc_scaled print_height, rc_pos pos, rc_image *out, rc_diags *d);
/* rc_image_load over a file's bytes; name is the file's name in messages. */
int rc_image_decode(rc_arena *a, const void *data, size_t size, const char *name,
                    rc_scaled print_width, rc_pos pos, rc_image *out, rc_diags *d);

/*
 * A decoded image (RC_IMAGE_PIXELS) as a PNG file, appended to out, for
 * html's data: URI. -1 when it cannot be (a JPEG is its own file already).
 */
int rc_image_png(const rc_image *im, rc_buf *out);

#endif
