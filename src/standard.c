/*
 * standard: the names of the PDF standards (--pdf-standard) and which of
 * them one file can meet at once.
 *
 * - One PDF/A level at most: a file names one part and conformance level
 *   in its XMP (pdfaid), and a-2u already includes a-2b.
 * - PDF/UA-1 combines with PDF/A-2 (both are PDF 1.7), not with PDF/A-1:
 *   PDF/A-1 fixes the file at PDF 1.4, and PDF/UA-1 needs keys PDF 1.4
 *   does not have (the tab order /Tabs /S of a page with links, PDF 1.5).
 */
#include "rescomp/rescomp.h"
#include "pdf_standard.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    unsigned bit;
} standards[] = {
    {"a-1b", RESCOMP_PDF_A1B},
    {"a-2b", RESCOMP_PDF_A2B},
    {"a-2u", RESCOMP_PDF_A2U},
    {"ua-1", RESCOMP_PDF_UA1},
};

#define PDFA_BITS (RESCOMP_PDF_A1B | RESCOMP_PDF_A2B | RESCOMP_PDF_A2U)

int rescomp_pdf_standards(const char *list, unsigned *bits, char *why, size_t n)
{
    unsigned got = 0;
    const char *p = list;
    *bits = 0;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        size_t i = 0;
        while (i < sizeof(standards) / sizeof(standards[0]) &&
               (strlen(standards[i].name) != len || strncmp(standards[i].name, p, len)))
            i++;
        if (i == sizeof(standards) / sizeof(standards[0])) {
            snprintf(why, n, "unknown PDF standard '%.*s'; use a-1b, a-2b, a-2u or ua-1",
                     (int)(len > 64 ? 64 : len), p);
            return -1;
        }
        got |= standards[i].bit;
        if (!end)
            break;
        p = end + 1;
    }
    if (rc_pdf_standards_check(got, list, why, n) < 0)
        return -1;
    *bits = got;
    return 0;
}

int rc_pdf_standards_check(unsigned bits, const char *list, char *why, size_t n)
{
    unsigned a = bits & PDFA_BITS;
    if (bits & ~(PDFA_BITS | RESCOMP_PDF_UA1)) {
        snprintf(why, n, "unknown PDF standard bits 0x%x; use RESCOMP_PDF_*", bits);
        return -1;
    }
    if (a & (a - 1)) {
        snprintf(why, n, "a file meets one PDF/A level: pick one of %s", list);
        return -1;
    }
    if ((bits & RESCOMP_PDF_A1B) && (bits & RESCOMP_PDF_UA1)) {
        snprintf(why, n, "PDF/UA-1 (PDF 1.7) cannot be combined with PDF/A-1b (PDF 1.4); "
                         "use a-2b,ua-1 or a-2u,ua-1");
        return -1;
    }
    return 0;
}
