/*
 * watch: wait until one of a few files changes. Each file's directory is
 * watched rather than the file, so that editors that save by writing a new
 * file and renaming it over the old one are seen too, as is a file that is
 * created after it was missing. inotify where Linux has it; elsewhere, and
 * with RESCOMP_WATCH_POLL set, by polling the files' states (watch.c).
 */
#ifndef RC_WATCH_H
#define RC_WATCH_H

#include "diag.h"

typedef struct rc_watch rc_watch;

/* A watcher, or NULL with a diagnostic; it polls where inotify cannot be had. */
rc_watch *rc_watch_open(rc_diags *d);
void rc_watch_close(rc_watch *w);

/* Watch these files (replacing the previous list); -1 with a diagnostic. */
int rc_watch_files(rc_watch *w, const char *const *files, size_t n, rc_diags *d);

/*
 * Block until a watched file changes, then wait for the changes to settle
 * (a save is often several events). Returns the first changed file's
 * name as given (valid until the next call), or NULL on an error.
 */
const char *rc_watch_wait(rc_watch *w);

/* Whether w polls (no inotify in this build or this run). */
int rc_watch_polling(const rc_watch *w);

#endif
