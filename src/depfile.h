/*
 * depfile: a make rule naming what a run read, as compilers write them
 * with -MD -MP:
 *
 *     out/cv-a.pdf out/cv-b.pdf: cv.yaml private.yaml fonts/cmu-serif-regular.ttf
 *     private.yaml:
 *     fonts/cmu-serif-regular.ttf:
 *
 * The empty rules keep make working when a prerequisite is deleted. Names
 * are escaped for make: a space or '#' gets a backslash, '$' is doubled.
 */
#ifndef RC_DEPFILE_H
#define RC_DEPFILE_H

#include "base.h"
#include "diag.h"

void rc_depfile_format(const char *const *targets, size_t ntargets, const char *const *prereqs,
                       size_t nprereqs, rc_buf *out);

/* Write the rule to path, atomically (atomic.h); errors are RC_FAIL_IO. */
int rc_depfile_write(const char *path, const char *const *targets, size_t ntargets,
                     const char *const *prereqs, size_t nprereqs, rc_diags *d);

#endif
