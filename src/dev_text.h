/*
 * dev_text: the CV as plain text or Markdown, for job portals and emails
 * (`-o cv.txt`, `-o cv.md`, `--format txt|md`).
 *
 * Like the PDF and trace devices they read the laid-out document (doc.h)
 * and its structure tree, not the CV model: what the design's templates,
 * locale and options made of the CV is what they write, word for word as
 * the PDF shows it. Decoration (rules, separators, icons, page numbers,
 * the top note and footer) is left out. Plain text (dev_txt.c) is set to
 * 80 columns with each entry's date and location column flush right
 * beside its first lines; Markdown (dev_md.c) has headings, lists, links
 * and the emphasis of the faces the PDF sets the text in.
 */
#ifndef RC_DEV_TEXT_H
#define RC_DEV_TEXT_H

#include "diag.h"
#include "doc.h"

typedef enum rc_format { RC_FORMAT_PDF, RC_FORMAT_TXT, RC_FORMAT_MD, RC_FORMAT_HTML } rc_format;

#define RC_TEXT_WIDTH 80

/*
 * The output format for --format NAME ("pdf", "txt", "md", "html"; NULL:
 * from the output's extension, .txt, .md or .html, else pdf). -1 for an
 * unknown name.
 */
int rc_format_of(const char *name, const char *path);

/* The file extension of a format, without the dot: "pdf", "txt", "md", "html". */
const char *rc_format_extension(rc_format f);

/* Render the laid-out document (f is RC_FORMAT_TXT or RC_FORMAT_MD), appending to out. */
void rc_text_render(const rc_doc *doc, rc_format f, rc_buf *out);

/* Render and write to path atomically (temporary file and rename); RC_FAIL_IO on failure. */
int rc_text_write(const rc_doc *doc, const char *path, rc_format f, rc_diags *d);

#endif
