/*
 * depfile: a make rule naming what a run read, as compilers write them
 * with -MD -MP:
 *
 *     out/cv-a.pdf out/cv-b.pdf: cv.yaml private.yaml fonts/cmu-serif-regular.ttf
 *     private.yaml:
 *     fonts/cmu-serif-regular.ttf:
 *
 * The empty rules keep make working when a prerequisite is deleted. Names
 * are escaped for make (GNU make 4, checked with make -n in the tests):
 * '$' is doubled; a space, '#', ':', the wildcards '*', '?', '[' and '|'
 * get a backslash, as does '%' where make would read a pattern (in a
 * target; among prerequisites make keeps both); backslashes before an
 * escaped character or at a name's end are doubled (make halves them); a
 * leading '~' (a home folder to make) is written "./~". A name make cannot
 * read at all, whatever the escapes (a newline, carriage return or tab,
 * ';' that starts a recipe, '=' that makes the line an assignment), is
 * refused: a depfile must never be a way to run commands.
 */
#ifndef RC_DEPFILE_H
#define RC_DEPFILE_H

#include "base.h"
#include "diag.h"

void rc_depfile_format(const char *const *targets, size_t ntargets, const char *const *prereqs,
                       size_t nprereqs, rc_buf *out);

/*
 * Whether make can read each name in a rule: RC_FAIL_USAGE for each it
 * cannot (so a run can refuse before it writes anything); -1 if any.
 */
int rc_depfile_check(const char *const *names, size_t n, rc_diags *d);

/*
 * Write the rule to path, atomically (atomic.h); errors are RC_FAIL_IO, or
 * RC_FAIL_USAGE for a name make cannot read (nothing is written).
 */
int rc_depfile_write(const char *path, const char *const *targets, size_t ntargets,
                     const char *const *prereqs, size_t nprereqs, rc_diags *d);

#endif
