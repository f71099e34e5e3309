/*
 * image: photos read with libpng and libjpeg (see image.h).
 *
 * Both libraries report errors through a callback that must not return;
 * each decoder keeps what it allocates in a job struct and longjmps back
 * to the function that made it, which frees it (so no local variable
 * changes between setjmp and longjmp). libjpeg's warnings (a truncated
 * file among them, which it pads with grey) are errors here: what a
 * viewer would draw from such a file is not what the user saved.
 *
 * Pixels are scaled down while they are decoded: each source pixel is
 * added to the target pixel it falls in (a box filter, colours weighted
 * by their opacity so that transparent pixels do not darken edges), and
 * a target row is written out once the rows after it begin. Interlaced
 * PNGs deliver their rows out of order (Adam7: seven passes over the
 * image), so for them the sums of the whole target image are kept; that
 * is proportional to the printed size, never to the file's.
 */
#include "image.h"

#include "files.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>
#include <png.h>

/* Pixels per inch of the printed photo: what a print shows, no more. */
#define DPI 300
/*
 * What a photo may be before anything is allocated for it: the file's
 * size, each side (a row buffer is a side long) and the pixel count
 * (decoding time: about a second for the largest). Larger claims are
 * refused from the header, which is how a decompression bomb is met.
 */
#define MAX_FILE_MB 256
#define MAX_SIDE 30000
#define MAX_MEGAPIXELS 100
/* libjpeg's buffers of a whole image (progressive JPEGs need them). */
#define MAX_JPEG_MEMORY (256L << 20)
/*
 * Quality of a JPEG scaled down and encoded again: high enough that the
 * second encoding is not visible at 300 pixels per inch.
 */
#define JPEG_QUALITY 90

/* ---- scaling while decoding ----------------------------------------------- */

typedef struct scaler {
    int sw, sh, tw, th; /* source and target sizes */
    int ch;             /* samples per source pixel, the opacity last if has_alpha */
    int has_alpha;
    int identity;       /* no scaling: samples are copied to their place */
    int rows;           /* target rows summed at once: 1 (rows in order) or th */
    int cur;            /* with one row: the target row being summed, or -1 */
    int *xmap;          /* source column -> target column */
    uint64_t *acc;      /* rows * tw * (ch + 1): sums, then the count of pixels */
    unsigned char *color, *alpha; /* the result, in the arena */
} scaler;

/* The most pixels the print needs: w wide and, when h > 0, h tall. */
typedef struct px_box {
    int w, h;
} px_box;

/* The size of what is embedded: within the box, the aspect ratio kept. */
static void fit(int sw, int sh, const px_box *box, int *tw, int *th)
{
    int max_w = box->w;
    if (box->h > 0 && sh > 0) {
        /* printed no taller than the box: as wide as that height needs */
        long long w = ((long long)sw * box->h + sh - 1) / sh;
        if (w < max_w)
            max_w = w < 1 ? 1 : (int)w;
    }
    if (sw <= max_w) {
        *tw = sw;
        *th = sh;
        return;
    }
    *tw = max_w;
    long long h = ((long long)sh * max_w * 2 + sw) / (2LL * sw);
    *th = h < 1 ? 1 : h > sh ? sh : (int)h;
}

static void scaler_start(scaler *s, rc_arena *a, int sw, int sh, int tw, int th, int ch,
                         int has_alpha, int in_order)
{
    s->sw = sw, s->sh = sh, s->tw = tw, s->th = th, s->ch = ch, s->has_alpha = has_alpha;
    s->identity = tw == sw && th == sh;
    s->rows = in_order ? 1 : th;
    s->cur = -1;
    size_t n = (size_t)tw * th;
    s->color = rc_arena_alloc(a, n * (size_t)(ch - has_alpha));
    s->alpha = has_alpha ? rc_arena_alloc(a, n) : NULL;
    if (s->identity)
        return;
    s->xmap = rc_xmalloc((size_t)sw * sizeof(int));
    for (int x = 0; x < sw; x++)
        s->xmap[x] = (int)((long long)x * tw / sw);
    s->acc = rc_xcalloc((size_t)s->rows * tw * (size_t)(ch + 1), sizeof(uint64_t));
}

static void scaler_release(scaler *s)
{
    free(s->xmap);
    free(s->acc);
    s->xmap = NULL;
    s->acc = NULL;
}

/* Write target row oy from accumulator row r, and clear that row. */
static void scaler_flush(scaler *s, int r, int oy)
{
    int ch = s->ch, cc = ch - s->has_alpha;
    uint64_t *p = s->acc + (size_t)r * s->tw * (size_t)(ch + 1);
    unsigned char *c = s->color + (size_t)oy * s->tw * (size_t)cc;
    unsigned char *al = s->alpha ? s->alpha + (size_t)oy * s->tw : NULL;
    for (int x = 0; x < s->tw; x++, p += ch + 1, c += cc) {
        uint64_t n = p[ch] ? p[ch] : 1;
        if (al) {
            uint64_t sum_a = p[cc];
            al[x] = (unsigned char)((sum_a + n / 2) / n);
            for (int k = 0; k < cc; k++)
                c[k] = (unsigned char)(sum_a ? (p[k] + sum_a / 2) / sum_a : 0);
        } else {
            for (int k = 0; k < cc; k++)
                c[k] = (unsigned char)((p[k] + n / 2) / n);
        }
        memset(p, 0, (size_t)(ch + 1) * sizeof(uint64_t));
    }
}

/* n pixels of source row y, at columns x0, x0 + dx, ... */
static void scaler_row(scaler *s, int y, const unsigned char *row, int x0, int dx, int n)
{
    int ch = s->ch, cc = ch - s->has_alpha;
    if (s->identity) {
        for (int i = 0; i < n; i++, row += ch) {
            size_t at = (size_t)y * s->tw + (size_t)(x0 + i * dx);
            memcpy(s->color + at * cc, row, (size_t)cc);
            if (s->alpha)
                s->alpha[at] = row[cc];
        }
        return;
    }
    int oy = (int)((long long)y * s->th / s->sh), r = oy;
    if (s->rows == 1) {
        if (oy != s->cur) {
            if (s->cur >= 0)
                scaler_flush(s, 0, s->cur);
            s->cur = oy;
        }
        r = 0;
    }
    uint64_t *base = s->acc + (size_t)r * s->tw * (size_t)(ch + 1);
    for (int i = 0; i < n; i++, row += ch) {
        uint64_t *p = base + (size_t)s->xmap[x0 + i * dx] * (size_t)(ch + 1);
        if (s->has_alpha) {
            unsigned a = row[cc];
            for (int k = 0; k < cc; k++)
                p[k] += (uint64_t)row[k] * a;
            p[cc] += a;
        } else {
            for (int k = 0; k < cc; k++)
                p[k] += row[k];
        }
        p[ch]++;
    }
}

/* Write the last rows; an opacity that is everywhere full is dropped. */
static void scaler_finish(scaler *s, rc_image *out)
{
    if (!s->identity) {
        if (s->rows == 1 && s->cur >= 0)
            scaler_flush(s, 0, s->cur);
        else if (s->rows > 1)
            for (int r = 0; r < s->th; r++)
                scaler_flush(s, r, r);
    }
    size_t n = (size_t)s->tw * s->th;
    if (s->alpha) {
        size_t i = 0;
        while (i < n && s->alpha[i] == 255)
            i++;
        if (i == n)
            s->alpha = NULL;
    }
    out->format = RC_IMAGE_PIXELS;
    out->width = s->tw;
    out->height = s->th;
    out->channels = s->ch - s->has_alpha;
    out->data = s->color;
    out->size = n * (size_t)out->channels;
    out->alpha = s->alpha;
}

/* ---- PNG ------------------------------------------------------------------ */

typedef struct png_job {
    jmp_buf jmp;
    char msg[200];
    const unsigned char *data;
    size_t size, off;
    png_structp png;
    png_infop info;
    unsigned char *row;
    scaler s;
    unsigned char *keep; /* when not NULL: every row decoded, in order (the store's) */
    size_t keep_max;     /* the most bytes keep may take */
} png_job;

static void png_fail(png_structp png, png_const_charp msg)
{
    png_job *j = png_get_error_ptr(png);
    snprintf(j->msg, sizeof(j->msg), "%s", msg);
    longjmp(j->jmp, 1);
}

/* Warnings are about ancillary chunks (a bad CRC, an odd profile), which are not drawn. */
static void png_ignore(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static void png_read_mem(png_structp png, png_bytep out, size_t len)
{
    png_job *j = png_get_io_ptr(png);
    if (len > j->size - j->off)
        png_error(png, "the file ends too early");
    memcpy(out, j->data + j->off, len);
    j->off += len;
}

static int png_too_large(png_job *j, png_uint_32 w, png_uint_32 h)
{
    snprintf(j->msg, sizeof(j->msg), "%lu x %lu", (unsigned long)w, (unsigned long)h);
    return -2;
}

/* 0, -1 with j->msg saying what is wrong, -2 with j->msg the too large size. */
static int png_decode(png_job *j, rc_arena *a, const px_box *box, rc_image *out)
{
    j->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, j, png_fail, png_ignore);
    if (!j->png || !(j->info = png_create_info_struct(j->png))) {
        snprintf(j->msg, sizeof(j->msg), "out of memory");
        return -1;
    }
    if (setjmp(j->jmp))
        return -1;
    png_set_read_fn(j->png, j, png_read_mem);
    png_read_info(j->png, j->info);
    png_uint_32 w = png_get_image_width(j->png, j->info), h = png_get_image_height(j->png, j->info);
    if (w > MAX_SIDE || h > MAX_SIDE || (unsigned long long)w * h > MAX_MEGAPIXELS * 1000000ULL)
        return png_too_large(j, w, h);
    int interlaced = png_get_interlace_type(j->png, j->info) != PNG_INTERLACE_NONE;
    /*
     * Every colour type and depth to 8-bit grey, grey + alpha, RGB or
     * RGBA; transparency (tRNS) becomes an alpha channel. No interlace
     * handling: each pass's rows come as they are stored, and the scaler
     * puts their pixels in place.
     */
    png_set_expand(j->png);
    png_set_scale_16(j->png);
    png_read_update_info(j->png, j->info);
    int ch = png_get_channels(j->png, j->info);
    int has_alpha = ch == 2 || ch == 4;
    size_t rowbytes = png_get_rowbytes(j->png, j->info);
    j->row = rc_xmalloc(rowbytes);
    if (j->keep_max && !interlaced && rowbytes * h <= j->keep_max)
        j->keep = rc_xmalloc(rowbytes * h);
    int tw, th;
    fit((int)w, (int)h, box, &tw, &th);
    scaler_start(&j->s, a, (int)w, (int)h, tw, th, ch, has_alpha, !interlaced);
    for (int pass = 0; pass < (interlaced ? 7 : 1); pass++) {
        int cols = interlaced ? (int)PNG_PASS_COLS(w, pass) : (int)w;
        int rows = interlaced ? (int)PNG_PASS_ROWS(h, pass) : (int)h;
        if (cols == 0 || rows == 0)
            continue; /* libpng skips empty passes of small images */
        int x0 = interlaced ? PNG_PASS_START_COL(pass) : 0;
        int dx = interlaced ? 1 << PNG_PASS_COL_SHIFT(pass) : 1;
        int y0 = interlaced ? PNG_PASS_START_ROW(pass) : 0;
        int dy = interlaced ? 1 << PNG_PASS_ROW_SHIFT(pass) : 1;
        for (int r = 0; r < rows; r++) {
            png_read_row(j->png, j->row, NULL);
            if (j->keep)
                memcpy(j->keep + (size_t)r * rowbytes, j->row, rowbytes);
            scaler_row(&j->s, y0 + r * dy, j->row, x0, dx, cols);
        }
    }
    png_read_end(j->png, NULL);
    scaler_finish(&j->s, out);
    out->src_width = (int)w;
    out->src_height = (int)h;
    return 0;
}

/* ---- JPEG ------------------------------------------------------------------ */

typedef struct jpeg_job {
    struct jpeg_error_mgr err; /* first: libjpeg's callbacks get it as the job */
    jmp_buf jmp;
    char msg[JMSG_LENGTH_MAX];
    int out_of_memory; /* libjpeg's whole-image buffers would exceed MAX_JPEG_MEMORY */
    const unsigned char *data;
    size_t size;
    struct jpeg_decompress_struct in;
    struct jpeg_compress_struct out;
    int in_made, out_made;
    unsigned char *row, *rgb;
    struct jpeg_destination_mgr dest;
    rc_buf encoded; /* the JPEG encoded again */
    unsigned char chunk[16384];
    scaler s;
} jpeg_job;

static void jpeg_fail(j_common_ptr cinfo)
{
    jpeg_job *j = (jpeg_job *)cinfo->err;
    int code = cinfo->err->msg_code;
    j->out_of_memory = code == JERR_OUT_OF_MEMORY || code == JERR_NO_BACKING_STORE;
    cinfo->err->format_message(cinfo, j->msg);
    longjmp(j->jmp, 1);
}

/* Warnings are corrupt data (libjpeg goes on with grey), but for harmless metadata. */
static void jpeg_note(j_common_ptr cinfo, int level)
{
    int code = cinfo->err->msg_code;
    if (level < 0 && code != JWRN_JFIF_MAJOR && code != JWRN_BOGUS_ICC)
        jpeg_fail(cinfo);
}

static void dest_init(j_compress_ptr cinfo)
{
    jpeg_job *j = (jpeg_job *)cinfo->err;
    cinfo->dest->next_output_byte = j->chunk;
    cinfo->dest->free_in_buffer = sizeof(j->chunk);
}

static boolean dest_empty(j_compress_ptr cinfo)
{
    jpeg_job *j = (jpeg_job *)cinfo->err;
    rc_buf_add(&j->encoded, j->chunk, sizeof(j->chunk));
    dest_init(cinfo);
    return TRUE;
}

static void dest_term(j_compress_ptr cinfo)
{
    jpeg_job *j = (jpeg_job *)cinfo->err;
    rc_buf_add(&j->encoded, j->chunk, sizeof(j->chunk) - cinfo->dest->free_in_buffer);
}

static int be16(const unsigned char *p)
{
    return p[0] << 8 | p[1];
}

/*
 * Whether the file can go into the PDF as it is: a DCT JPEG that PDF
 * viewers decode, whose markers libharu (which reads the header itself)
 * walks to the same frame header libjpeg read: one marker after the
 * other, each with its length, up to a baseline, extended or progressive
 * frame of 8-bit samples. Others are encoded again.
 */
static int jpeg_as_is(const struct jpeg_decompress_struct *in, const unsigned char *p, size_t n)
{
    int comps = in->num_components;
    if (in->data_precision != 8 || in->arith_code ||
        !((in->jpeg_color_space == JCS_GRAYSCALE && comps == 1) ||
          (in->jpeg_color_space == JCS_YCbCr && comps == 3)))
        return 0;
    for (size_t at = 2; at + 4 <= n;) {
        int marker = p[at + 1], len = be16(p + at + 2);
        if (p[at] != 0xFF || marker == 0xFF || marker == 0 || marker == 0xD8 || len < 2)
            return 0;
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
            marker != 0xCC) {
            if (marker > 0xC2 || at + 10 > n)
                return 0;
            return p[at + 4] == 8 && be16(p + at + 5) == (int)in->image_height &&
                   be16(p + at + 7) == (int)in->image_width && p[at + 9] == comps;
        }
        at += 2 + (size_t)len;
    }
    return 0;
}

/* Adobe's CMYK JPEGs store inverted inks; a plain conversion is enough for a photo. */
static void cmyk_to_rgb(const unsigned char *in, unsigned char *out, int n, int inverted)
{
    for (int i = 0; i < n; i++, in += 4, out += 3) {
        unsigned k = inverted ? in[3] : 255u - in[3];
        for (int c = 0; c < 3; c++) {
            unsigned ink = inverted ? in[c] : 255u - in[c];
            out[c] = (unsigned char)((ink * k + 127) / 255);
        }
    }
}

/*
 * 0, or -1 with j->msg saying what is wrong, -2 with j->msg the too large
 * size, -3 (the same) when libjpeg would need too much memory for it.
 */
static int jpeg_decode(jpeg_job *j, rc_arena *a, const px_box *box, rc_image *out)
{
    j->in.err = jpeg_std_error(&j->err);
    j->err.error_exit = jpeg_fail;
    j->err.emit_message = jpeg_note;
    if (setjmp(j->jmp)) {
        if (!j->out_of_memory)
            return -1;
        snprintf(j->msg, sizeof(j->msg), "%u x %u", j->in.image_width, j->in.image_height);
        return -3;
    }
    jpeg_create_decompress(&j->in);
    j->in_made = 1;
    j->in.mem->max_memory_to_use = MAX_JPEG_MEMORY;
    jpeg_mem_src(&j->in, j->data, (unsigned long)j->size);
    if (jpeg_read_header(&j->in, TRUE) != JPEG_HEADER_OK) {
        snprintf(j->msg, sizeof(j->msg), "it holds no image");
        return -1;
    }
    int sw = (int)j->in.image_width, sh = (int)j->in.image_height;
    if (sw > MAX_SIDE || sh > MAX_SIDE || (long long)sw * sh > MAX_MEGAPIXELS * 1000000LL) {
        snprintf(j->msg, sizeof(j->msg), "%d x %d", sw, sh);
        return -2;
    }
    int tw, th;
    fit(sw, sh, box, &tw, &th);
    /*
     * A JPEG small enough for its printed size goes in as it is (no
     * second encoding, and the PDF is as small as the file); it is still
     * decoded whole, to know it is sound, but at an eighth of its size,
     * which reads every coefficient and skips most of the work. A larger
     * one is decoded at the smallest of libjpeg's scales (n/8) that is at
     * least as wide as needed, scaled the rest of the way, and encoded
     * again: a 4000-pixel camera picture printed 3.5 cm wide becomes a
     * 414-pixel one, a tenth of the bytes.
     */
    int as_is = tw == sw && jpeg_as_is(&j->in, j->data, j->size);
    j->in.dct_method = JDCT_ISLOW; /* exact integer arithmetic: the same bytes everywhere */
    int cmyk = j->in.jpeg_color_space == JCS_CMYK || j->in.jpeg_color_space == JCS_YCCK;
    if (as_is) {
        j->in.scale_num = 1;
        j->in.scale_denom = 8;
    } else {
        j->in.out_color_space = j->in.jpeg_color_space == JCS_GRAYSCALE ? JCS_GRAYSCALE
                                : cmyk                                   ? JCS_CMYK
                                                                         : JCS_RGB;
        j->in.scale_denom = 8;
        for (j->in.scale_num = 1; j->in.scale_num < 8; j->in.scale_num++) {
            jpeg_calc_output_dimensions(&j->in);
            if ((int)j->in.output_width >= tw)
                break;
        }
    }
    jpeg_start_decompress(&j->in);
    int ow = (int)j->in.output_width, oh = (int)j->in.output_height;
    int comps = j->in.output_components, cc = cmyk && !as_is ? 3 : comps;
    j->row = rc_xmalloc((size_t)ow * (size_t)comps);
    if (!as_is) {
        if (cmyk)
            j->rgb = rc_xmalloc((size_t)ow * 3);
        if (th > oh)
            th = oh;
        scaler_start(&j->s, a, ow, oh, tw, th, cc, 0, 1);
    }
    while (j->in.output_scanline < j->in.output_height) {
        int y = (int)j->in.output_scanline;
        jpeg_read_scanlines(&j->in, &j->row, 1);
        if (as_is)
            continue;
        const unsigned char *px = j->row;
        if (cmyk) {
            cmyk_to_rgb(j->row, j->rgb, ow, j->in.saw_Adobe_marker);
            px = j->rgb;
        }
        scaler_row(&j->s, y, px, 0, 1, ow);
    }
    jpeg_finish_decompress(&j->in);
    out->src_width = sw;
    out->src_height = sh;
    if (as_is) {
        out->format = RC_IMAGE_JPEG;
        out->width = sw;
        out->height = sh;
        out->channels = comps;
        out->data = rc_arena_memdup(a, j->data, j->size, 1);
        out->size = j->size;
        return 0;
    }
    rc_image px;
    scaler_finish(&j->s, &px);

    j->out.err = &j->err;
    jpeg_create_compress(&j->out);
    j->out_made = 1;
    j->dest.init_destination = dest_init;
    j->dest.empty_output_buffer = dest_empty;
    j->dest.term_destination = dest_term;
    j->out.dest = &j->dest;
    j->out.image_width = (JDIMENSION)px.width;
    j->out.image_height = (JDIMENSION)px.height;
    j->out.input_components = px.channels;
    j->out.in_color_space = px.channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&j->out);
    jpeg_set_quality(&j->out, JPEG_QUALITY, TRUE);
    j->out.dct_method = JDCT_ISLOW;
    j->out.optimize_coding = TRUE;
    jpeg_start_compress(&j->out, TRUE);
    while (j->out.next_scanline < j->out.image_height) {
        JSAMPROW r = (JSAMPROW)(px.data + (size_t)j->out.next_scanline * px.width * px.channels);
        jpeg_write_scanlines(&j->out, &r, 1);
    }
    jpeg_finish_compress(&j->out);
    out->format = RC_IMAGE_JPEG;
    out->width = px.width;
    out->height = px.height;
    out->channels = px.channels;
    out->data = rc_arena_memdup(a, j->encoded.ptr, j->encoded.len, 1);
    out->size = j->encoded.len;
    return 0;
}

/* ---- files ------------------------------------------------------------------ */

/* The pixels a photo printed width wide needs (DPI per inch), at least one. */
static int pixels_for(rc_scaled width)
{
    long long unit = 72LL * RC_UNITY;
    long long px = ((long long)(width > 0 ? width : 0) * DPI + unit - 1) / unit;
    return px < 1 ? 1 : px > MAX_SIDE ? MAX_SIDE : (int)px;
}

/* libpng's and libjpeg's messages in the style of ours: lower case, no full stop. */
static const char *quiet(char *msg)
{
    size_t n = strlen(msg);
    if (n > 1 && msg[0] >= 'A' && msg[0] <= 'Z' && msg[1] >= 'a' && msg[1] <= 'z')
        msg[0] = (char)(msg[0] - 'A' + 'a');
    if (n > 0 && msg[n - 1] == '.')
        msg[n - 1] = 0;
    return msg;
}

/* What messages call the image and the key that names it ("photo", "cv.photo"). */
typedef struct image_role {
    const char *what, *key;
} image_role;

static const image_role photo_role = {"photo", "cv.photo"};

/* ---- the run's store of decoded pictures ------------------------------------- */

/* The most a stored picture's samples and all of them together take. */
#define STORE_PICTURE_MB 16
#define STORE_MB 64

/* A PNG file's bytes and its rows as libpng gives them (8-bit, ch samples a pixel). */
typedef struct stored {
    unsigned char *file;
    size_t size;
    int w, h, ch;
    unsigned char *rows;
} stored;

struct rc_image_store {
    stored *v;
    size_t n, cap, bytes;
};

rc_image_store *rc_image_store_new(void)
{
    return rc_xcalloc(1, sizeof(rc_image_store));
}

static const stored *store_find(const rc_image_store *s, const void *data, size_t size)
{
    for (size_t i = 0; s && i < s->n; i++)
        if (s->v[i].size == size && !memcmp(s->v[i].file, data, size))
            return &s->v[i];
    return NULL;
}

void rc_image_store_add(rc_image_store *s, const char *path)
{
    int err;
    FILE *f = rc_file_fopen(path, &err);
    if (!f)
        return;
    /* The other files a CV names (.bib files) are not read beyond their first bytes. */
    unsigned char sig[8];
    rc_buf file = RC_BUF_INIT;
    if (fread(sig, 1, sizeof(sig), f) != sizeof(sig) || png_sig_cmp(sig, 0, 8) != 0) {
        fclose(f);
        return;
    }
    rc_buf_add(&file, (const char *)sig, sizeof(sig));
    err = rc_buf_add_stream(&file, f, (size_t)STORE_PICTURE_MB << 20);
    fclose(f);
    if (err || store_find(s, file.ptr, file.len) || s->bytes >= (size_t)STORE_MB << 20) {
        rc_buf_release(&file);
        return;
    }
    /* Decoded as a job would, at full size, keeping the rows the scaler was given. */
    rc_arena a;
    rc_arena_init(&a);
    png_job *j = rc_xcalloc(1, sizeof(*j));
    j->data = (const unsigned char *)file.ptr;
    j->size = file.len;
    j->keep_max = ((size_t)STORE_MB << 20) - s->bytes;
    if (j->keep_max > (size_t)STORE_PICTURE_MB << 20)
        j->keep_max = (size_t)STORE_PICTURE_MB << 20;
    px_box full = {MAX_SIDE, 0};
    rc_image im;
    if (png_decode(j, &a, &full, &im) == 0 && j->keep) {
        RC_VEC_PUSH(s->v, s->n, s->cap);
        stored *e = &s->v[s->n++];
        e->size = file.len;
        e->file = (unsigned char *)file.ptr; /* the store's now */
        file = (rc_buf)RC_BUF_INIT;
        e->w = im.src_width;
        e->h = im.src_height;
        e->ch = png_get_channels(j->png, j->info);
        e->rows = j->keep;
        j->keep = NULL;
        s->bytes += e->size + (size_t)e->w * (size_t)e->h * (size_t)e->ch;
    }
    png_destroy_read_struct(&j->png, &j->info, NULL);
    free(j->row);
    free(j->keep);
    scaler_release(&j->s);
    free(j);
    rc_arena_release(&a);
    rc_buf_release(&file);
}

void rc_image_store_free(rc_image_store *s)
{
    for (size_t i = 0; s && i < s->n; i++) {
        free(s->v[i].file);
        free(s->v[i].rows);
    }
    if (s)
        free(s->v);
    free(s);
}

/* A stored picture scaled as png_decode scales the same rows: the same pixels. */
static void stored_decode(const stored *e, rc_arena *a, const px_box *box, rc_image *out)
{
    scaler sc;
    memset(&sc, 0, sizeof(sc));
    int tw, th;
    fit(e->w, e->h, box, &tw, &th);
    scaler_start(&sc, a, e->w, e->h, tw, th, e->ch, e->ch == 2 || e->ch == 4, 1);
    size_t stride = (size_t)e->w * (size_t)e->ch;
    for (int y = 0; y < e->h; y++)
        scaler_row(&sc, y, e->rows + (size_t)y * stride, 0, 1, e->w);
    scaler_finish(&sc, out);
    scaler_release(&sc);
    out->src_width = e->w;
    out->src_height = e->h;
}

static int decode(const rc_image_store *store, rc_arena *a, const void *data, size_t size,
                  const char *name, rc_scaled print_width, rc_scaled print_height, rc_pos pos,
                  const image_role *r, rc_image *out, rc_diags *d)
{
    const unsigned char *p = data;
    px_box box = {pixels_for(print_width), print_height > 0 ? pixels_for(print_height) : 0};
    int rc;
    const char *kind;
    char msg[JMSG_LENGTH_MAX + 200];
    memset(out, 0, sizeof(*out));
    const stored *e = store_find(store, data, size);
    if (e) {
        stored_decode(e, a, &box, out);
        return 0;
    }
    if (size >= 8 && png_sig_cmp(p, 0, 8) == 0) {
        kind = "PNG";
        png_job *j = rc_xcalloc(1, sizeof(*j));
        j->data = p;
        j->size = size;
        rc = png_decode(j, a, &box, out);
        snprintf(msg, sizeof(msg), "%s", j->msg);
        png_destroy_read_struct(&j->png, &j->info, NULL);
        free(j->row);
        scaler_release(&j->s);
        free(j);
    } else if (size >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
        kind = "JPEG";
        jpeg_job *j = rc_xcalloc(1, sizeof(*j));
        j->data = p;
        j->size = size;
        rc = jpeg_decode(j, a, &box, out);
        snprintf(msg, sizeof(msg), "%s", j->msg);
        if (j->in_made)
            jpeg_destroy_decompress(&j->in);
        if (j->out_made)
            jpeg_destroy_compress(&j->out);
        free(j->row);
        free(j->rgb);
        rc_buf_release(&j->encoded);
        scaler_release(&j->s);
        free(j);
    } else {
        return rc_error(d, pos,
                        "%s '%s' is not a PNG or JPEG image; convert it or point %s at another "
                        "file",
                        r->what, name, r->key);
    }
    if (rc == -2)
        return rc_error(d, pos,
                        "%s '%s' has %s pixels, more than rescomp reads (%d megapixels, "
                        "%d on a side); scale it down or point %s at another file",
                        r->what, name, msg, MAX_MEGAPIXELS, MAX_SIDE, r->key);
    if (rc == -3)
        return rc_error(d, pos,
                        "%s '%s' has %s pixels, too many for a progressive JPEG (rescomp "
                        "decodes those in %ld MB at most); scale it down or save it as a "
                        "baseline JPEG",
                        r->what, name, msg, MAX_JPEG_MEMORY >> 20);
    if (rc != 0)
        return rc_error(d, pos,
                        "%s '%s' is not a valid %s image (%s); save it again or point "
                        "%s at another file",
                        r->what, name, kind, quiet(msg), r->key);
    return 0;
}

int rc_image_decode(rc_arena *a, const void *data, size_t size, const char *name,
                    rc_scaled print_width, rc_pos pos, rc_image *out, rc_diags *d)
{
    return decode(NULL, a, data, size, name, print_width, 0, pos, &photo_role, out, d);
}

/*
 * The one place a photo file is opened: its bytes, up to MAX_FILE_MB.
 * A file that cannot be read is RC_FAIL_IO.
 */
static int read_photo(const char *path, rc_pos pos, const image_role *r, rc_buf *out,
                      rc_diags *d)
{
    int err;
    FILE *f = rc_file_fopen(path, &err); /* a regular file, or an error: never a FIFO */
    if (!f)
        return rc_error_class(d, RC_FAIL_IO, pos, "cannot read %s '%s': %s", r->what, path,
                              rc_file_strerror(err));
    err = rc_buf_add_stream(out, f, (size_t)MAX_FILE_MB << 20);
    fclose(f);
    if (err)
        return rc_error_class(d, RC_FAIL_IO, pos, "cannot read %s '%s': %s", r->what, path,
                              strerror(err));
    if (out->len > (size_t)MAX_FILE_MB << 20)
        return rc_error(d, pos,
                        "%s '%s' is larger than %d MB; scale it down or point %s at "
                        "another file",
                        r->what, path, MAX_FILE_MB, r->key);
    return 0;
}

int rc_image_load_as(const rc_image_store *store, rc_arena *a, const char *path,
                     const char *what, const char *key, rc_scaled print_width,
                     rc_scaled print_height, rc_pos pos, rc_image *out, rc_diags *d)
{
    image_role r = {what, key};
    rc_buf file = RC_BUF_INIT;
    int rc = read_photo(path, pos, &r, &file, d);
    if (rc == 0)
        rc = decode(store, a, file.ptr, file.len, path, print_width, print_height, pos, &r, out,
                    d);
    rc_buf_release(&file);
    return rc;
}

int rc_image_load(const rc_image_store *store, rc_arena *a, const char *path,
                  rc_scaled print_width, rc_pos pos, rc_image *out, rc_diags *d)
{
    return rc_image_load_as(store, a, path, photo_role.what, photo_role.key, print_width, 0,
                            pos, out, d);
}

/* ---- PNG out (html's data: URI) -------------------------------------------- */

typedef struct png_out {
    jmp_buf jmp;
    rc_buf *out;
    unsigned char *row;
} png_out;

static void png_out_fail(png_structp png, png_const_charp msg)
{
    (void)msg;
    png_out *j = png_get_error_ptr(png);
    longjmp(j->jmp, 1);
}

static void png_write_mem(png_structp png, png_bytep data, size_t len)
{
    png_out *j = png_get_io_ptr(png);
    rc_buf_add(j->out, (const char *)data, len);
}

static void png_flush_none(png_structp png)
{
    (void)png;
}

/* The rows of the image as libpng writes them: its samples with their opacity interleaved. */
static int png_encode(png_out *j, png_structp png, png_infop info, const rc_image *im)
{
    if (setjmp(j->jmp))
        return -1;
    int ch = im->channels + (im->alpha ? 1 : 0);
    int type = im->channels == 1 ? (im->alpha ? PNG_COLOR_TYPE_GRAY_ALPHA : PNG_COLOR_TYPE_GRAY)
                                 : (im->alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB);
    png_set_write_fn(png, j, png_write_mem, png_flush_none);
    png_set_IHDR(png, info, (png_uint_32)im->width, (png_uint_32)im->height, 8, type,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < im->height; y++) {
        const unsigned char *src = im->data + (size_t)y * im->width * im->channels;
        for (int x = 0; x < im->width; x++) {
            for (int c = 0; c < im->channels; c++)
                j->row[(size_t)x * ch + c] = src[(size_t)x * im->channels + c];
            if (im->alpha)
                j->row[(size_t)x * ch + im->channels] = im->alpha[(size_t)y * im->width + x];
        }
        png_write_row(png, j->row);
    }
    png_write_end(png, info);
    return 0;
}

int rc_image_png(const rc_image *im, rc_buf *out)
{
    if (im->format != RC_IMAGE_PIXELS || im->width <= 0 || im->height <= 0 ||
        (im->channels != 1 && im->channels != 3))
        return -1;
    png_out j;
    memset(&j, 0, sizeof(j));
    j.out = out;
    j.row = malloc((size_t)im->width * 4);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &j, png_out_fail, png_ignore);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    int rc = j.row && info ? png_encode(&j, png, info, im) : -1;
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
    free(j.row);
    return rc;
}
