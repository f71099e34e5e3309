/*
 * dev: the devices that render a laid-out document.
 *
 * - pdf (dev_pdf.c, the only file that knows libharu): embedded TrueType
 *   faces, Unicode text that extracts exactly, one TJ array per run, URI
 *   links, bookmarks, document information; written to a temporary file
 *   beside the target and renamed into place only on success.
 * - trace (dev_trace.c): a stable text dump of the pages for golden tests.
 */
#ifndef RC_DEV_H
#define RC_DEV_H

#include "doc.h"
#include "diag.h"

/* Errors: RC_FAIL_IO for files, RC_FAIL_FONT for fonts libharu rejects. */
int rc_pdf_write(const rc_doc *doc, const char *path, rc_diags *d);
/* The same PDF into out (replacing its content; left empty on failure). */
int rc_pdf_render(const rc_doc *doc, rc_buf *out, rc_diags *d);

void rc_trace_write(const rc_doc *doc, rc_buf *out);

#endif
