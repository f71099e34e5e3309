/*
 * pdf_standard: which RESCOMP_PDF_* standards one file can meet at once
 * (standard.c; the names are rescomp_pdf_standards').
 */
#ifndef RC_PDF_STANDARD_H
#define RC_PDF_STANDARD_H

#include <stddef.h>

/* 0, or -1 with why (size n; `list` names the standards in it). */
int rc_pdf_standards_check(unsigned bits, const char *list, char *why, size_t n);

#endif
