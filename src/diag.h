/*
 * diag: positions and diagnostics.
 *
 * Library code never prints and never exits: a fallible function appends a
 * diagnostic (severity, failure class, position, message) and returns -1.
 * The CLI prints the list in compiler style,
 *     cv.yaml:12:5: error: unknown key 'instituton' ... (did you mean 'institution'?)
 * and derives the exit code from the classes of the errors.
 * Messages follow git's style: lower case, no final full stop, the subject
 * in single quotes, and they say what to do.
 */
#ifndef RC_DIAG_H
#define RC_DIAG_H

#include "base.h"

#include <stdio.h>

/* 1-based line and column; line 0 means "the whole file", file NULL "no file". */
typedef struct rc_pos {
    const char *file;
    int line, col;
} rc_pos;

/* A note says what was done for the user (fit.h); it is no warning, not even under --strict. */
typedef enum rc_severity { RC_WARNING, RC_ERROR, RC_NOTE } rc_severity;

/* What kind of failure an error is; decides the exit code. */
typedef enum rc_failure {
    RC_FAIL_INPUT,   /* the CV is wrong: syntax, schema, values */
    RC_FAIL_IO,      /* a file could not be read or written */
    RC_FAIL_FONT,    /* a font is missing or corrupt */
    RC_FAIL_INTERNAL, /* a bug or a library failure we did not expect */
    RC_FAIL_USAGE     /* the command line asks for what cannot be: --set syntax, --variant */
} rc_failure;

typedef struct rc_diag {
    rc_severity severity;
    rc_failure failure;
    rc_pos pos;
    char *message;
} rc_diag;

typedef struct rc_diags {
    rc_diag *v;
    size_t n, cap;
    size_t nerrors, nwarnings;
} rc_diags;

void rc_diags_init(rc_diags *d);
void rc_diags_release(rc_diags *d);

/* Append an input error; always returns -1 so callers can `return rc_error(...)`. */
int rc_error(rc_diags *d, rc_pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Append an error of the given failure class; returns -1. */
int rc_error_class(rc_diags *d, rc_failure failure, rc_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void rc_warning(rc_diags *d, rc_pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void rc_note(rc_diags *d, rc_pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Position `offset` columns to the right of pos (same line). */
rc_pos rc_pos_advance(rc_pos pos, int offset);

/*
 * Text from the input as it may be shown on a terminal: the characters a
 * terminal would act on (controls, C1 controls, bidirectional overrides)
 * and bytes that are not UTF-8 escaped as \x1b, \u0085, \u202e. Every
 * diagnostic is printed through it, file name and message.
 */
void rc_buf_add_shown(rc_buf *out, const char *s);

/* "file:line:col: error: message" lines, in the order they were added. */
void rc_diags_print(const rc_diags *d, FILE *out);
/* Format one diagnostic as it is printed (without the newline). */
void rc_diag_format(const rc_diag *g, rc_buf *out);
/*
 * The same for a terminal when color is set: the position in bold and the
 * severity in bold red ("error:") or magenta ("warning:"), as gcc and git
 * show them (SGR escapes; the text itself is never coloured).
 */
void rc_diag_format_color(const rc_diag *g, int color, rc_buf *out);
/* "error: " or "warning: ", coloured when color is set. */
void rc_diag_add_severity(rc_buf *out, rc_severity severity, int color);

/*
 * s as a message quotes it: at most RC_TOKEN_MAX characters, the rest cut
 * to "...". A key that is a whole line of some file that is not a CV (a
 * secret given as an overlay by mistake) is then not shown whole. s
 * itself when it is short enough, else a copy in a.
 */
#define RC_TOKEN_MAX 40
const char *rc_diag_token(rc_arena *a, const char *s);

/*
 * The closest candidate to `word` among a NULL-terminated list, or NULL when
 * none is close enough to be a plausible misspelling.
 */
const char *rc_did_you_mean(const char *word, const char *const *candidates);

#endif
