/*
 * dev_html: the CV as one self-contained HTML5 page (`-o cv.html`,
 * `--format html`).
 *
 * Like the text devices it reads the laid-out document's structure tree
 * (doc.h), not the CV model, so every word the PDF shows is in the page,
 * in the PDF's reading order; what it adds is the theme's look, from the
 * style: colours, font families (with generic fallbacks), sizes and
 * spacing in a <style> element, the date and location column beside each
 * entry (a CSS grid), and a print stylesheet with the page size and
 * margins of the design. The photo is embedded as a data: URI.
 */
#ifndef RC_DEV_HTML_H
#define RC_DEV_HTML_H

#include "diag.h"
#include "doc.h"
#include "style.h"

/* Render the laid-out document, appending to out; a photo that cannot be embedded warns. */
void rc_html_render(const rc_doc *doc, const rc_style *st, rc_buf *out, rc_diags *d);

#endif
