/*
 * template: RenderCV's entry templates.
 *
 * A template is text with inline markup and placeholders, upper-case words
 * such as "**COMPANY**, POSITION -- LOCATION". Expanding it substitutes the
 * entry's fields, and a placeholder whose field is missing disappears with
 * what hangs on it, by RenderCV's rules: a connector word between two
 * placeholders goes when either side is missing ("DEGREE in AREA" without
 * a degree is "AREA"), the placeholder goes with the non-space characters
 * touching it ("**LOCATION**", "(JOURNAL)"), runs of spaces collapse, and
 * trailing punctuation left at the end of a line is trimmed.
 */
#ifndef RC_TEMPLATE_H
#define RC_TEMPLATE_H

#include "base.h"

typedef struct rc_tfield {
    const char *name;  /* "COMPANY" */
    const char *value; /* raw markup, or NULL when the entry lacks the field */
} rc_tfield;

/*
 * Expand one line of a template. Placeholders that are not fields at all
 * count as missing (as in RenderCV). Returns "" when nothing is left.
 */
char *rc_template_expand(rc_arena *a, const char *line, const rc_tfield *fields, size_t nfields);

/*
 * The placeholder a custom field's key is written as in templates
 * ("FOO_BAR" for foo_bar; RenderCV upper-cases the key), or NULL when the
 * key cannot be one (it has characters other than letters and '_').
 */
const char *rc_template_placeholder(rc_arena *a, const char *key);

/* Does template text (any number of lines; NULL is none) show custom field `key`? */
int rc_template_shows(const char *tmpl, const char *key);

#endif
