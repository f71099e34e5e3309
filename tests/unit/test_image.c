/*
 * image: every PNG colour type, bit depth and interlacing decodes to the
 * samples written (libpng writes the files here); scaling down averages
 * by opacity and is the same in whatever order rows come; JPEGs small
 * enough go in as they are, larger ones are scaled and encoded again,
 * deterministically; corrupt, truncated and oversized files of either
 * kind are input errors, never a crash or a large allocation.
 */
#include "harness.h"

#include "image.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

static const rc_pos pos = {"cv.yaml", 3, 10};

/* A print width that needs at most n pixels at 300 per inch. */
static rc_scaled width_for(int n)
{
    return (rc_scaled)((long long)n * 72 * RC_UNITY / 300);
}

#define WIDE width_for(30000)

/* ---- writing PNGs ------------------------------------------------------- */

static void buf_write(png_structp png, png_bytep p, size_t n)
{
    rc_buf_add(png_get_io_ptr(png), p, n);
}

static void buf_flush(png_structp png)
{
    (void)png;
}

/* Sample c of pixel (x, y), for a depth of `depth` bits. */
static unsigned sample(int x, int y, int c, int depth)
{
    unsigned max = (1u << depth) - 1;
    unsigned v = (unsigned)(x * 37 + y * 101 + c * 59) * (depth == 16 ? 257u : 1u);
    return v % (max + 1);
}

static const png_color palette[16] = {
    {0, 0, 0},     {255, 255, 255}, {200, 10, 10}, {10, 200, 10},  {10, 10, 200},  {90, 90, 90},
    {255, 128, 0}, {0, 128, 255},   {12, 34, 56},  {78, 90, 123},  {200, 100, 50}, {1, 2, 3},
    {4, 5, 6},     {250, 240, 230}, {33, 66, 99},  {128, 128, 128}};
static const png_byte palette_alpha[16] = {255, 0, 128, 255, 7, 255, 200, 255,
                                           255, 255, 255, 64, 255, 255, 255, 255};

typedef struct spec {
    int w, h, color_type, depth, interlace, trns;
} spec;

static int channels_of(int color_type)
{
    switch (color_type) {
    case PNG_COLOR_TYPE_GRAY: return 1;
    case PNG_COLOR_TYPE_GRAY_ALPHA: return 2;
    case PNG_COLOR_TYPE_RGB: return 3;
    case PNG_COLOR_TYPE_RGB_ALPHA: return 4;
    default: return 1;
    }
}

/* The tRNS colour of a grey or RGB image: the colour of pixel (1, 0). */
static png_color_16 trns_color(const spec *s)
{
    png_color_16 t = {0};
    t.gray = (png_uint_16)sample(1, 0, 0, s->depth);
    t.red = (png_uint_16)sample(1, 0, 0, s->depth);
    t.green = (png_uint_16)sample(1, 0, 1, s->depth);
    t.blue = (png_uint_16)sample(1, 0, 2, s->depth);
    return t;
}

static void write_png(const spec *s, rc_buf *out)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        fprintf(stderr, "libpng could not write the test image\n");
        exit(1);
    }
    png_set_write_fn(png, out, buf_write, buf_flush);
    png_set_IHDR(png, info, (png_uint_32)s->w, (png_uint_32)s->h, s->depth, s->color_type,
                 s->interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (s->color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_PLTE(png, info, palette, 1 << (s->depth < 4 ? s->depth : 4));
        if (s->trns)
            png_set_tRNS(png, info, palette_alpha, 1 << (s->depth < 4 ? s->depth : 4), NULL);
    } else if (s->trns) {
        png_color_16 t = trns_color(s);
        png_set_tRNS(png, info, NULL, 0, &t);
    }
    png_write_info(png, info);
    int ch = channels_of(s->color_type);
    size_t rowbytes = ((size_t)s->w * ch * s->depth + 7) / 8;
    png_bytep *rows = calloc((size_t)s->h, sizeof(*rows));
    for (int y = 0; y < s->h; y++) {
        rows[y] = calloc(1, rowbytes);
        for (int x = 0; x < s->w; x++)
            for (int c = 0; c < ch; c++) {
                unsigned v = sample(x, y, c, s->depth);
                if (s->color_type == PNG_COLOR_TYPE_PALETTE)
                    v %= 1u << (s->depth < 4 ? s->depth : 4);
                size_t bit = ((size_t)x * ch + c) * s->depth;
                if (s->depth == 16) {
                    rows[y][bit / 8] = (png_byte)(v >> 8);
                    rows[y][bit / 8 + 1] = (png_byte)v;
                } else {
                    rows[y][bit / 8] |= (png_byte)(v << (8 - s->depth - bit % 8));
                }
            }
    }
    png_write_image(png, rows);
    png_write_end(png, NULL);
    for (int y = 0; y < s->h; y++)
        free(rows[y]);
    free(rows);
    png_destroy_write_struct(&png, &info);
}

/* A sample of `depth` bits as 8 bits, rounded as libpng's png_set_scale_16 does. */
static unsigned to8(unsigned v, int depth)
{
    if (depth == 16)
        return (v * 255 + 32767) / 65535;
    return v * 255 / ((1u << depth) - 1);
}

static int rgb_of(const spec *s)
{
    return s->color_type == PNG_COLOR_TYPE_RGB || s->color_type == PNG_COLOR_TYPE_RGB_ALPHA ||
           s->color_type == PNG_COLOR_TYPE_PALETTE;
}

/* Compare the decoded samples with what was written; the number of differences. */
static int compare(const spec *s, const rc_image *im)
{
    int bad = 0, ch = channels_of(s->color_type), rgb = rgb_of(s), any_clear = 0;
    png_color_16 t = trns_color(s);
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            unsigned want[4], alpha = 255;
            if (s->color_type == PNG_COLOR_TYPE_PALETTE) {
                unsigned i = sample(x, y, 0, s->depth) % (1u << (s->depth < 4 ? s->depth : 4));
                want[0] = palette[i].red, want[1] = palette[i].green, want[2] = palette[i].blue;
                if (s->trns)
                    alpha = palette_alpha[i];
            } else {
                unsigned raw[4];
                for (int c = 0; c < ch; c++) {
                    raw[c] = sample(x, y, c, s->depth);
                    want[c] = to8(raw[c], s->depth);
                }
                if (ch == 2 || ch == 4)
                    alpha = want[ch - 1];
                if (s->trns && (ch == 1 ? raw[0] == t.gray
                                        : raw[0] == t.red && raw[1] == t.green &&
                                              raw[2] == t.blue))
                    alpha = 0;
            }
            any_clear |= alpha != 255;
            size_t at = (size_t)y * s->w + x;
            for (int c = 0; c < (rgb ? 3 : 1); c++)
                bad += im->data[at * (rgb ? 3 : 1) + c] != want[c];
            if (im->alpha)
                bad += im->alpha[at] != alpha;
        }
    /* the opacity is there exactly when some pixel is not opaque */
    bad += !im->alpha != !any_clear;
    return bad;
}

static void png_every_kind(void)
{
    static const struct {
        int color_type, depths[5];
    } kinds[] = {{PNG_COLOR_TYPE_GRAY, {1, 2, 4, 8, 16}},
                 {PNG_COLOR_TYPE_RGB, {8, 16}},
                 {PNG_COLOR_TYPE_PALETTE, {1, 2, 4, 8}},
                 {PNG_COLOR_TYPE_GRAY_ALPHA, {8, 16}},
                 {PNG_COLOR_TYPE_RGB_ALPHA, {8, 16}}};
    static const int sizes[][2] = {{13, 11}, {1, 1}, {3, 2}, {9, 17}};
    int combos = 0;
    for (size_t k = 0; k < RC_ARRAY_LEN(kinds); k++)
        for (int di = 0; di < 5 && kinds[k].depths[di]; di++)
            for (int interlace = 0; interlace < 2; interlace++)
                for (int trns = 0; trns < 2; trns++) {
                    int ct = kinds[k].color_type;
                    if (trns && (ct & PNG_COLOR_MASK_ALPHA))
                        continue; /* no tRNS beside an alpha channel */
                    for (size_t z = 0; z < RC_ARRAY_LEN(sizes); z++) {
                        spec s = {sizes[z][0], sizes[z][1], ct, kinds[k].depths[di], interlace,
                                  trns};
                        rc_buf file = RC_BUF_INIT;
                        write_png(&s, &file);
                        rc_arena a;
                        rc_arena_init(&a);
                        rc_diags d;
                        rc_diags_init(&d);
                        rc_image im;
                        int rc = rc_image_decode(&a, file.ptr, file.len, "p.png", WIDE, pos,
                                                 &im, &d);
                        CHECK_INT(rc, 0);
                        if (rc == 0) {
                            CHECK_INT(im.format, RC_IMAGE_PIXELS);
                            CHECK_INT(im.width, s.w);
                            CHECK_INT(im.height, s.h);
                            CHECK_INT(im.src_width, s.w);
                            CHECK_INT(im.channels, rgb_of(&s) ? 3 : 1);
                            int bad = compare(&s, &im);
                            if (bad)
                                fprintf(stderr,
                                        "colour type %d, depth %d, %s, tRNS %d, %dx%d: %d wrong\n",
                                        ct, s.depth, interlace ? "interlaced" : "plain", trns,
                                        s.w, s.h, bad);
                            CHECK_INT(bad, 0);
                        } else {
                            rc_diags_print(&d, stderr);
                        }
                        combos++;
                        rc_diags_release(&d);
                        rc_arena_release(&a);
                        rc_buf_release(&file);
                    }
                }
    CHECK_INT(combos, 4 * (5 * 4 + 2 * 4 + 4 * 4 + 2 * 2 + 2 * 2));
}

/* ---- scaling ------------------------------------------------------------ */

static int decode(rc_arena *a, const rc_buf *file, rc_scaled width, rc_image *im, rc_diags *d)
{
    return rc_image_decode(a, file->ptr, file->len, "p", width, pos, im, d);
}

static void png_scaled(void)
{
    /* 1000 x 600 RGBA, as every order of rows: the same 300-dpi result */
    rc_image im[2];
    rc_arena a;
    rc_arena_init(&a);
    rc_diags d;
    rc_diags_init(&d);
    for (int interlace = 0; interlace < 2; interlace++) {
        spec s = {1000, 600, PNG_COLOR_TYPE_RGB_ALPHA, 8, interlace, 0};
        rc_buf file = RC_BUF_INIT;
        write_png(&s, &file);
        CHECK_INT(decode(&a, &file, width_for(100), &im[interlace], &d), 0);
        CHECK_INT(im[interlace].width, 100);
        CHECK_INT(im[interlace].height, 60);
        CHECK_INT(im[interlace].src_width, 1000);
        CHECK_INT(im[interlace].src_height, 600);
        rc_buf_release(&file);
    }
    CHECK(im[0].alpha && im[1].alpha);
    CHECK(memcmp(im[0].data, im[1].data, 100 * 60 * 3) == 0);
    CHECK(memcmp(im[0].alpha, im[1].alpha, 100 * 60) == 0);
    /* a 10 x 10 block of pixels: the alpha-weighted mean of its colours */
    uint64_t sa = 0, sc = 0;
    for (int y = 10; y < 20; y++)
        for (int x = 30; x < 40; x++) {
            unsigned al = sample(x, y, 3, 8);
            sa += al;
            sc += sample(x, y, 0, 8) * al;
        }
    CHECK_INT(im[0].alpha[1 * 100 + 3], (sa + 50) / 100);
    CHECK_INT(im[0].data[(1 * 100 + 3) * 3], (sc + sa / 2) / sa);

    /* one red opaque pixel and one blue clear one: red, half opaque */
    rc_buf two = RC_BUF_INIT;
    {
        png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
        png_infop info = png_create_info_struct(png);
        png_set_write_fn(png, &two, buf_write, buf_flush);
        png_set_IHDR(png, info, 2, 1, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        png_write_info(png, info);
        png_byte row[8] = {255, 0, 0, 255, 0, 0, 255, 0};
        png_write_row(png, row);
        png_write_end(png, NULL);
        png_destroy_write_struct(&png, &info);
    }
    rc_image one;
    CHECK_INT(decode(&a, &two, width_for(1), &one, &d), 0);
    CHECK_INT(one.width, 1);
    CHECK_INT(one.height, 1);
    CHECK(one.alpha && one.alpha[0] == 128);
    CHECK(one.data[0] == 255 && one.data[1] == 0 && one.data[2] == 0);
    rc_buf_release(&two);

    /* a 16-bit RGBA file, all opaque, scaled: 8 bits, no opacity */
    spec s16 = {300, 200, PNG_COLOR_TYPE_RGB, 16, 1, 0};
    rc_buf f16 = RC_BUF_INIT;
    write_png(&s16, &f16);
    rc_image im16;
    CHECK_INT(decode(&a, &f16, width_for(150), &im16, &d), 0);
    CHECK_INT(im16.width, 150);
    CHECK_INT(im16.height, 100);
    CHECK(im16.alpha == NULL);
    rc_buf_release(&f16);
    CHECK_INT(d.n, 0);
    rc_diags_release(&d);
    rc_arena_release(&a);
}

/* ---- broken files --------------------------------------------------------- */

/* Decode bytes that must be refused; the message must match `want` and be an input error. */
static void refused(const void *p, size_t n, const char *want, const char *what)
{
    rc_arena a;
    rc_arena_init(&a);
    rc_diags d;
    rc_diags_init(&d);
    rc_image im;
    int rc = rc_image_decode(&a, p, n, "p", WIDE, pos, &im, &d);
    int ok = rc == -1 && d.n == 1 && d.v[0].failure == RC_FAIL_INPUT &&
             d.v[0].pos.line == 3 && strstr(d.v[0].message, want);
    if (!ok) {
        fprintf(stderr, "%s (%zu bytes): rc %d, expected a message with '%s'\n", what, n, rc,
                want);
        rc_diags_print(&d, stderr);
    }
    CHECK(ok);
    rc_diags_release(&d);
    rc_arena_release(&a);
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

static void png_broken(void)
{
    spec s = {13, 11, PNG_COLOR_TYPE_RGB_ALPHA, 8, 1, 0};
    rc_buf file = RC_BUF_INIT;
    write_png(&s, &file);
    /* every truncation: the file ends too early, or its IEND is missing */
    for (size_t n = 8; n < file.len; n++)
        refused(file.ptr, n, "is not a valid PNG image", "truncated PNG");
    refused(file.ptr, 7, "is not a PNG or JPEG image", "a PNG signature cut short");
    /* a changed byte in each chunk's data: its CRC no longer matches */
    unsigned char *p = (unsigned char *)file.ptr;
    for (size_t at = 8; at + 12 <= file.len;) {
        uint32_t len = (uint32_t)p[at] << 24 | p[at + 1] << 16 | p[at + 2] << 8 | p[at + 3];
        if (len > 0) {
            p[at + 8] ^= 0x55;
            /* (in IDAT, zlib finds the change before the CRC is read) */
            refused(p, file.len, "is not a valid PNG image", "a changed byte");
            p[at + 8] ^= 0x55;
        }
        at += 12 + len;
    }
    /* a header that claims more pixels than are read, up to its image data */
    unsigned char ihdr[41];
    memcpy(ihdr, file.ptr, 33);
    memcpy(ihdr + 33, "\0\0\x10\0IDAT", 8);
    put32(ihdr + 16, 20000);
    put32(ihdr + 20, 20000);
    put32(ihdr + 29, (uint32_t)crc32(0, ihdr + 12, 17));
    refused(ihdr, 41, "has 20000 x 20000 pixels, more than rescomp reads", "a bomb");
    put32(ihdr + 16, 40000);
    put32(ihdr + 20, 1);
    put32(ihdr + 29, (uint32_t)crc32(0, ihdr + 12, 17));
    refused(ihdr, 41, "has 40000 x 1 pixels", "a long row");
    rc_buf_release(&file);
}

/* ---- JPEG ----------------------------------------------------------------- */

typedef struct jpeg_spec {
    int w, h, components, progressive;
} jpeg_spec;

static void write_jpeg(const jpeg_spec *s, rc_buf *out)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr err;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    unsigned char *mem = NULL;
    unsigned long size = 0;
    jpeg_mem_dest(&c, &mem, &size);
    c.image_width = (JDIMENSION)s->w;
    c.image_height = (JDIMENSION)s->h;
    c.input_components = s->components;
    c.in_color_space = s->components == 1 ? JCS_GRAYSCALE : s->components == 3 ? JCS_RGB
                                                                               : JCS_CMYK;
    jpeg_set_defaults(&c);
    if (s->progressive)
        jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    unsigned char *row = malloc((size_t)s->w * s->components);
    while (c.next_scanline < c.image_height) {
        for (int x = 0; x < s->w; x++)
            for (int k = 0; k < s->components; k++)
                row[x * s->components + k] = (unsigned char)(x * 3 + (int)c.next_scanline * 2 + k * 80);
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    rc_buf_add(out, mem, size);
    free(mem);
    free(row);
}

/* Offset of marker m (0xFF m) in a JPEG written by libjpeg. */
static size_t find_marker(const rc_buf *f, int m)
{
    const unsigned char *p = (const unsigned char *)f->ptr;
    for (size_t at = 2; at + 4 <= f->len; at += 2 + (size_t)(p[at + 2] << 8 | p[at + 3]))
        if (p[at] == 0xFF && p[at + 1] == m)
            return at;
    return 0;
}

static void jpeg_cases(void)
{
    rc_arena a;
    rc_arena_init(&a);
    rc_diags d;
    rc_diags_init(&d);
    /* small grey, RGB and progressive JPEGs: in as they are */
    static const jpeg_spec plain[] = {{40, 30, 1, 0}, {40, 30, 3, 0}, {41, 29, 3, 1}};
    for (size_t i = 0; i < RC_ARRAY_LEN(plain); i++) {
        rc_buf f = RC_BUF_INIT;
        write_jpeg(&plain[i], &f);
        rc_image im;
        CHECK_INT(decode(&a, &f, WIDE, &im, &d), 0);
        CHECK_INT(im.format, RC_IMAGE_JPEG);
        CHECK_INT(im.width, plain[i].w);
        CHECK_INT(im.channels, plain[i].components);
        CHECK(im.size == f.len && memcmp(im.data, f.ptr, f.len) == 0);
        rc_buf_release(&f);
    }
    /* CMYK: encoded again as RGB */
    rc_buf cmyk = RC_BUF_INIT;
    write_jpeg(&(jpeg_spec){24, 16, 4, 0}, &cmyk);
    rc_image im;
    CHECK_INT(decode(&a, &cmyk, WIDE, &im, &d), 0);
    CHECK_INT(im.format, RC_IMAGE_JPEG);
    CHECK_INT(im.channels, 3);
    CHECK_INT(im.width, 24);
    CHECK(im.size != cmyk.len || memcmp(im.data, cmyk.ptr, cmyk.len) != 0);
    rc_buf_release(&cmyk);

    /* larger than needed: scaled, encoded again, the same bytes every time */
    rc_buf big = RC_BUF_INIT;
    write_jpeg(&(jpeg_spec){1600, 1200, 3, 1}, &big);
    rc_image s1, s2, again;
    CHECK_INT(decode(&a, &big, width_for(150), &s1, &d), 0);
    CHECK_INT(decode(&a, &big, width_for(150), &s2, &d), 0);
    CHECK_INT(s1.format, RC_IMAGE_JPEG);
    CHECK_INT(s1.width, 150);
    CHECK_INT(s1.height, 113);
    CHECK_INT(s1.src_width, 1600);
    CHECK(s1.size == s2.size && memcmp(s1.data, s2.data, s1.size) == 0);
    CHECK(s1.size < big.len / 10);
    rc_buf re = RC_BUF_INIT;
    rc_buf_add(&re, s1.data, s1.size);
    CHECK_INT(decode(&a, &re, WIDE, &again, &d), 0);
    CHECK_INT(again.width, 150);
    rc_buf_release(&re);
    CHECK_INT(d.n, 0);

    /* truncated: libjpeg's "premature end" warning is an error */
    rc_buf f = RC_BUF_INIT;
    write_jpeg(&(jpeg_spec){64, 48, 3, 0}, &f);
    for (size_t n = 3; n < f.len - 2; n += n < 700 ? 1 : 97)
        refused(f.ptr, n, "is not a valid JPEG image", "truncated JPEG");
    rc_buf prog = RC_BUF_INIT;
    write_jpeg(&(jpeg_spec){64, 48, 3, 1}, &prog);
    for (size_t n = 3; n < prog.len - 2; n += 7)
        refused(prog.ptr, n, "is not a valid JPEG image", "truncated progressive JPEG");
    refused(f.ptr, f.len - 2, "premature end of JPEG file", "no EOI");

    unsigned char *p = (unsigned char *)f.ptr;
    size_t sof = find_marker(&f, 0xC0), dqt = find_marker(&f, 0xDB);
    CHECK(sof && dqt);
    /* a wrong segment length */
    p[dqt + 3] ^= 0x20;
    refused(p, f.len, "is not a valid JPEG image", "a bad DQT length");
    p[dqt + 3] ^= 0x20;
    /* another sample precision than 8 bits */
    p[sof + 4] = 12;
    refused(p, f.len, "is not a valid JPEG image", "12-bit samples");
    p[sof + 4] = 8;
    /* a frame header that claims a huge picture */
    p[sof + 5] = 0xEA, p[sof + 6] = 0x60, p[sof + 7] = 0xEA, p[sof + 8] = 0x60;
    refused(p, f.len, "has 60000 x 60000 pixels, more than rescomp reads", "a JPEG bomb");
    /* 10000 x 10000 progressive: libjpeg would need a coefficient buffer of
       600 MB, more than it may have; refused before it is allocated */
    size_t psof = find_marker(&prog, 0xC2);
    unsigned char *q = (unsigned char *)prog.ptr;
    q[psof + 5] = 0x27, q[psof + 6] = 0x10, q[psof + 7] = 0x27, q[psof + 8] = 0x10;
    refused(q, prog.len, "has 10000 x 10000 pixels, too many for a progressive JPEG",
            "a progressive JPEG bomb");
    rc_buf_release(&prog);
    rc_buf_release(&f);
    rc_buf_release(&big);
    rc_diags_release(&d);
    rc_arena_release(&a);
}

/* ---- files ------------------------------------------------------------------ */

static void files(void)
{
    rc_arena a;
    rc_arena_init(&a);
    rc_diags d;
    rc_diags_init(&d);
    rc_image im;
    CHECK_INT(rc_image_load(NULL, &a, "/nonexistent/p.png", WIDE, pos, &im, &d), -1);
    CHECK(d.n == 1 && d.v[0].failure == RC_FAIL_IO &&
          strstr(d.v[0].message, "cannot read photo '/nonexistent/p.png'"));
    CHECK_INT(rc_image_load(NULL, &a, "/", WIDE, pos, &im, &d), -1);
    CHECK(d.n == 2 && d.v[1].failure == RC_FAIL_IO);
    refused("not a picture", 13, "is not a PNG or JPEG image", "text");
    refused("", 0, "is not a PNG or JPEG image", "an empty file");
    rc_diags_release(&d);
    rc_arena_release(&a);
}

int main(void)
{
    png_every_kind();
    png_scaled();
    png_broken();
    jpeg_cases();
    files();
    return rc_test_report("test_image");
}
