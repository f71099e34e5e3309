/*
 * baseline_libharu: the floor rescomp's speed target is measured against.
 *
 * The smallest program that writes a line of Unicode text with libharu the
 * documented way: one unmodified TrueType face (DejaVu Serif from Debian's
 * fonts-dejavu-core) loaded and embedded with HPDF_LoadTTFontFromFile,
 * libharu's UTF-8 encoder (HPDF_UseUTFEncodings + HPDF_GetFont(...,
 * "UTF-8")), one line of text, saved to a file. Compression is on, as in
 * rescomp. Timed by bench/README-speed.md's method, interleaved with rescomp.
 *
 *   cc -O2 bench/baseline_libharu.c -o baseline_libharu -lhpdf
 *   ./baseline_libharu [OUTPUT.pdf] [FONT.ttf]
 *
 * Defaults: /tmp/baseline_libharu.pdf and
 * /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf.
 */
#include <hpdf.h>

#include <stdio.h>

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    int *failed = user_data;
    if (!*failed)
        fprintf(stderr, "baseline_libharu: libharu error 0x%04X, detail %u\n",
                (unsigned)error_no, (unsigned)detail_no);
    *failed = 1;
}

int main(int argc, char **argv)
{
    const char *out = argc > 1 ? argv[1] : "/tmp/baseline_libharu.pdf";
    const char *ttf = argc > 2 ? argv[2] : "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";
    int failed = 0;

    HPDF_Doc pdf = HPDF_New(on_error, &failed);
    if (!pdf)
        return 1;
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    const char *name = HPDF_LoadTTFontFromFile(pdf, ttf, HPDF_TRUE);
    HPDF_Font font = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
    HPDF_Page page = failed ? NULL : HPDF_AddPage(pdf);
    if (page && font) {
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, 11);
        HPDF_Page_TextOut(page, 72, 770, "Wei Xiong – Curriculum vitae, café naïve");
        HPDF_Page_EndText(page);
        HPDF_SaveToFile(pdf, out);
    }
    HPDF_Free(pdf);
    return failed || !page || !font;
}
