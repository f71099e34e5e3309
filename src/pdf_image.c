/*
 * pdf_image: photos in the PDF.
 */
#include "pdf.h"

/*
 * A photo's image XObject, from what image.c decoded: a JPEG as it is
 * (DCTDecode), pixels deflated here, their opacity as a soft mask. libharu
 * copies the samples into the stream, which is then replaced by their
 * compressed form.
 */
static unsigned char paeth(unsigned char a, unsigned char b, unsigned char c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/*
 * Each row is filtered as PNG does (Paeth: a sample less its prediction
 * from the left, upper and upper-left ones) before it is deflated, which
 * viewers undo (/Predictor 15): photos compress better (a 720 x 477
 * camera photo: 653 KB, against 871 KB as libharu deflated it; the bench's
 * smooth 414 x 414 one: 12 KB instead of 296 KB).
 */
static HPDF_Image embed_pixels(pdf_ctx *c, const unsigned char *px, int w, int h, int channels)
{
    HPDF_Image img = HPDF_LoadRawImageFromMem(c->pdf, px, (HPDF_UINT)w, (HPDF_UINT)h,
                                              channels == 1 ? HPDF_CS_DEVICE_GRAY
                                                            : HPDF_CS_DEVICE_RGB,
                                              8);
    if (!img || pdf_failed(c))
        return NULL;
    size_t stride = (size_t)w * (size_t)channels;
    unsigned char *f = rc_xmalloc((stride + 1) * (size_t)h);
    for (size_t y = 0; y < (size_t)h; y++) {
        const unsigned char *row = px + y * stride, *up = y ? row - stride : NULL;
        unsigned char *out = f + y * (stride + 1);
        *out++ = 4; /* PNG's filter type: Paeth */
        for (size_t i = 0; i < stride; i++) {
            unsigned char left = i >= (size_t)channels ? row[i - channels] : 0;
            unsigned char above = up ? up[i] : 0;
            unsigned char corner = up && i >= (size_t)channels ? up[i - channels] : 0;
            out[i] = (unsigned char)(row[i] - paeth(left, above, corner));
        }
    }
    int rc = pdf_put_deflated(c, img, f, (stride + 1) * (size_t)h, IMAGE_LEVEL);
    free(f);
    HPDF_Dict parms = rc ? NULL : HPDF_Dict_New(c->pdf->mmgr);
    if (!parms || pdf_check(c, HPDF_Dict_AddNumber(parms, "Predictor", 15) +
                               HPDF_Dict_AddNumber(parms, "Colors", channels) +
                               HPDF_Dict_AddNumber(parms, "Columns", w) +
                               HPDF_Dict_Add(img, "DecodeParms", parms)))
        return NULL;
    return img;
}

/*
 * PDF/A-1 has no transparency: a photo with an alpha channel is drawn on
 * the white page, so it is composed onto white here and has no soft mask.
 */
static unsigned char *flatten_on_white(const rc_image *im)
{
    size_t npx = (size_t)im->width * (size_t)im->height;
    unsigned char *px = rc_xmalloc(npx * (size_t)im->channels);
    for (size_t i = 0; i < npx; i++) {
        unsigned a = im->alpha[i];
        for (int ch = 0; ch < im->channels; ch++) {
            size_t at = i * (size_t)im->channels + (size_t)ch;
            px[at] = (unsigned char)((im->data[at] * a + 255 * (255 - a) + 127) / 255);
        }
    }
    return px;
}

static HPDF_Image embed_image(pdf_ctx *c, const rc_image *im)
{
    if (im->format == RC_IMAGE_JPEG) {
        HPDF_Image img = HPDF_LoadJpegImageFromMem(c->pdf, im->data, (HPDF_UINT)im->size);
        return pdf_failed(c) ? NULL : img;
    }
    if (im->alpha && pdf_std_pdfa_part(c) == 1) {
        unsigned char *px = flatten_on_white(im);
        HPDF_Image img = embed_pixels(c, px, im->width, im->height, im->channels);
        free(px);
        return img;
    }
    HPDF_Image img = embed_pixels(c, im->data, im->width, im->height, im->channels);
    if (img && im->alpha) {
        HPDF_Image mask = embed_pixels(c, im->alpha, im->width, im->height, 1);
        if (!mask || pdf_check(c, HPDF_Image_AddSMask(img, mask)))
            return NULL;
    }
    return img;
}

/*
 * A photo. Its resource name is registered by HPDF_Page_DrawImage (whose
 * own drawing commands are discarded with libharu's page stream, replaced
 * below by ours) and read back from the page's XObject resources, since
 * the lookup libharu uses is not exported.
 */
int pdf_draw_image(pdf_ctx *c, HPDF_Page page, content_state *st, const rc_draw *d)
{
    if (!d->image) {
        c->reported = 1;
        return rc_error_class(c->diags, RC_FAIL_INTERNAL, pdf_no_pos,
                              "the photo '%s' was laid out without its pixels",
                              d->text ? d->text : "");
    }
    HPDF_Image img = embed_image(c, d->image);
    if (!img)
        return -1;
    HPDF_Page_DrawImage(page, img, 0, 0, 1, 1);
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    const char *name = attr->xobjects ? HPDF_Dict_GetKeyByObj(attr->xobjects, img) : NULL;
    if (!name || pdf_failed(c))
        return -1;
    rc_buf *b = &c->content;
    pdf_end_text(b, st);
    rc_buf_adds(b, "q ");
    pdf_add_sp(b, d->w);
    rc_buf_adds(b, " 0 0 ");
    pdf_add_sp(b, d->h);
    rc_buf_addc(b, ' ');
    pdf_add_sp(b, d->x);
    rc_buf_addc(b, ' ');
    pdf_add_sp(b, (int64_t)c->doc->height - d->y - d->h);
    rc_buf_addf(b, " cm /%s Do Q\n", name);
    return 0;
}
