/*
 * dev_text: the CV as plain text or Markdown, for job portals and emails
 * (`-o cv.txt`, `-o cv.md`, `--format txt|md`).
 *
 * Unlike the PDF and trace devices it reads the CV model, not the laid-out
 * pages: text is laid out here, to a fixed width of 80 columns with each
 * entry's location and date flush right (txt), or as Markdown with one
 * paragraph a line (md). Inline markup becomes plain text, links shown as
 * "text (url)" (txt), or Markdown emphasis, code and links (md).
 */
#ifndef RC_DEV_TEXT_H
#define RC_DEV_TEXT_H

#include "cv.h"
#include "rc_locale.h"

typedef enum rc_format { RC_FORMAT_PDF, RC_FORMAT_TXT, RC_FORMAT_MD } rc_format;

#define RC_TEXT_WIDTH 80

/*
 * The output format for --format NAME ("pdf", "txt", "md"; NULL: from the
 * output's extension, .txt or .md, else pdf). -1 for an unknown name.
 */
int rc_format_of(const char *name, const char *path);

/* The file extension of a format, without the dot: "pdf", "txt", "md". */
const char *rc_format_extension(rc_format f);

/*
 * Render the CV (f is RC_FORMAT_TXT or RC_FORMAT_MD) into out. `dates`
 * are the design's date templates (NULL: RenderCV's defaults).
 */
void rc_text_render(const rc_cv *cv, rc_format f, const rc_date_templates *dates, rc_arena *a,
                    rc_buf *out);

/* Render and write to path atomically (temporary file and rename); RC_FAIL_IO on failure. */
int rc_text_write(const rc_cv *cv, const char *path, rc_format f, const rc_date_templates *dates,
                  rc_arena *a, rc_diags *d);

#endif
