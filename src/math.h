/*
 * math: RenderCV's inline math ($$...$$ in any text field) as Unicode text.
 *
 * RenderCV hands what is between the dollars to its typesetter: LaTeX in
 * RenderCV 1 ($$\alpha^2$$), Typst math in RenderCV 2 ($$alpha^2$$, its
 * markdown parser turns "$$" into Typst's "$"). Both are read here, for
 * the subset CVs use: Greek letters, sub- and superscripts, \mathbf-like
 * font commands, operators and arrows, a few constructions (\frac, \sqrt,
 * accents). What cannot be shown is kept as written, with a warning.
 *
 * The output is pieces of text, each with RC_MATH_* bits (letters are
 * italic, as in both typesetters; \mathbf is bold), and the source offset
 * of its first character relative to the start of the math. markup.c,
 * the only caller, turns the bits into its span styles.
 */
#ifndef RC_MATH_H
#define RC_MATH_H

#include "base.h"

enum { RC_MATH_BOLD = 1u << 0, RC_MATH_ITALIC = 1u << 1 };

typedef struct rc_math_piece {
    size_t off, len;  /* the piece's text: out->text[off, off + len) */
    unsigned style;   /* RC_MATH_* bits */
    size_t src;       /* offset in the math source of its first character */
} rc_math_piece;

typedef struct rc_math {
    rc_buf text;
    rc_math_piece *v;
    size_t n, cap;
} rc_math;

/* What cannot be rendered: a message (markup.c turns it into a warning) at offset `at`. */
typedef void (*rc_math_warn_fn)(void *ctx, size_t at, const char *message);

/*
 * Render the math src[0..len) (without its dollars) into out, which must be
 * zeroed or released. warn may be NULL. Never fails.
 */
void rc_math_render(const char *src, size_t len, rc_math *out, rc_math_warn_fn warn, void *ctx);
void rc_math_release(rc_math *m);

#endif
