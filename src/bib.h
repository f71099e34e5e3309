/*
 * bib: BibTeX files into publication entries (`- bibtex: papers.bib` in a
 * section). The only module that knows btparse.
 *
 * It owns:
 * - parsing with btparse (Debian's libbtparse), @string macros expanded and
 *   the month macros (jan ... dec) predefined; btparse's own messages
 *   become positioned diagnostics (file.bib:LINE:COL);
 * - LaTeX in values to Unicode and inline markup: accents (\'e, {\"u},
 *   \c{c}, \v{s}, ...), special letters (\ss, \o, \l, \i), protecting braces,
 *   math Greek ($\beta$), quotes, \emph / \textbf / \texttt / \href as
 *   markup; literal markup characters are escaped;
 * - names: split as BibTeX does (First von Last, Jr; "Last, First"),
 *   written in full or with initials, equal-contribution marks (*, \dag,
 *   $^*$, \textsuperscript{*}) kept after the name, and the CV owner's name
 *   set in bold;
 * - choosing (keys, types) and ordering (by year) the entries.
 *
 * btparse keeps global state, so one file is parsed at a time.
 */
#ifndef RC_BIB_H
#define RC_BIB_H

#include "cv.h"

typedef enum rc_bib_sort {
    RC_BIB_SORT_NONE,         /* as in the file (or as `keys` lists them) */
    RC_BIB_SORT_NEWEST_FIRST,
    RC_BIB_SORT_OLDEST_FIRST
} rc_bib_sort;

typedef struct rc_bib_options {
    rc_texts keys;          /* only these citation keys, in this order; none: all */
    rc_texts types;         /* only these entry types (article, inproceedings, ...) */
    rc_bib_sort sort;
    const char *highlight;  /* the author to set in bold ("Ada Müller"), or NULL */
    int initials;           /* authors as "A. Müller" rather than "Ada Müller" */
    rc_pos at;              /* where the request is written, for its errors */
} rc_bib_options;

/*
 * Read the .bib file at `path` (shown as `shown` in positions) and turn its
 * entries into publication entries (in the arena). A file that cannot be
 * read is RC_FAIL_IO at o->at; BibTeX errors point into the file; a key
 * in o->keys that the file lacks is an error at that key.
 */
int rc_bib_load(const char *path, const char *shown, const rc_bib_options *o, rc_arena *a,
                rc_diags *d, rc_entry **out, size_t *nout);

/*
 * The same for the text of a .bib file in memory: len bytes, which need
 * not end in a NUL (errors at o->at are about the text as a whole).
 */
int rc_bib_load_memory(const char *text, size_t len, const char *shown, const rc_bib_options *o,
                       rc_arena *a, rc_diags *d, rc_entry **out, size_t *nout);

/*
 * LaTeX to inline markup: accents and special letters to Unicode, braces
 * dropped, \emph{x} to *x*, \textbf{x} to **x**, \texttt{x} to `x`,
 * \href{u}{t} to [t](u), ``x'' to “x”; literal *, `, [, ], \ escaped.
 */
void rc_bib_tex_to_markup(rc_buf *out, const char *tex);

/* LaTeX to plain Unicode text (names): as above, without markup or escapes. */
void rc_bib_tex_to_text(rc_buf *out, const char *tex);

/*
 * One BibTeX name ("Müller, Ada", "Ada {M\"u}ller*") formatted for a CV:
 * "Ada Müller*" or, with initials, "A. Müller*" (plain text, not markup).
 */
char *rc_bib_format_name(rc_arena *a, const char *name, int initials);

#endif
