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

#define RC_TEXT_WIDTH 80 /* plain text's columns unless --width says otherwise */
#define RC_TEXT_MIN_WIDTH 20
#define RC_TEXT_MAX_WIDTH 1000

/*
 * The output format for --format NAME ("pdf", "txt", "md" or another name
 * of one; NULL: from the output's extension, else pdf). -1 for an unknown
 * name. It does not check that they agree: rc_format_choose does.
 */
int rc_format_of(const char *name, const char *path);

/*
 * The format to write path in (NULL: the output is not named yet), after
 * checking that the format name, if any, is known and that the extension
 * of path names a known format that agrees with it (a path without an
 * extension takes the name's, or pdf; one with an unknown extension needs
 * a name). -1 with an RC_FAIL_USAGE diagnostic that lists the formats.
 */
int rc_format_choose(const char *name, const char *path, rc_diags *d);

/* The file extension of a format, without the dot: "pdf", "txt", "md", "html". */
const char *rc_format_extension(rc_format f);

/* Render the laid-out document (f is RC_FORMAT_TXT or RC_FORMAT_MD), appending to out. */
void rc_text_render(const rc_doc *doc, rc_format f, rc_buf *out);
/* The same with plain text set width columns wide (0: no hard wrapping, a paragraph a line). */
void rc_text_render_width(const rc_doc *doc, rc_format f, int width, rc_buf *out);

/* Render and write to path atomically (temporary file and rename); RC_FAIL_IO on failure. */
int rc_text_write(const rc_doc *doc, const char *path, rc_format f, rc_diags *d);

#endif
