/*
 * atomic: write a whole output file so that a reader (or a failed run)
 * never sees it half-written: a temporary file beside the target, renamed
 * over it (atomic.c says why there is no fsync). The new file keeps the
 * permissions of the one it replaces. Special files (/dev/stdout, a FIFO) are written
 * through, since renaming over them would replace them.
 */
#ifndef RC_ATOMIC_H
#define RC_ATOMIC_H

#include "diag.h"

/* RC_FAIL_IO "cannot write 'PATH': ..." on failure; the target is then untouched. */
int rc_write_atomic(const char *path, const void *data, size_t len, rc_diags *d);
/* The same for a file that must not exist yet: "'PATH' exists already" otherwise, even
 * when another process makes it meanwhile. */
int rc_write_new(const char *path, const void *data, size_t len, rc_diags *d);

/*
 * An output as the command line names it: "-" is standard output (written
 * there whole, in one go once rendered), anything else a file written with
 * rc_write_atomic. A file named "-" is "./-".
 */
int rc_is_stdout(const char *path);
int rc_write_output(const char *path, const void *data, size_t len, rc_diags *d);

/*
 * Remove the temporary file of a write in progress, if any: for a SIGINT
 * or SIGTERM handler (async-signal-safe: one unlink of a static path).
 */
void rc_atomic_cleanup(void);

#endif
