/*
 * files: which files a CV may make rescomp read, and opening them safely.
 *
 * The policy, as Typst's --root:
 * - A path written in the CV (cv.photo, a `- bibtex:` item) is relative
 *   to the folder of the YAML file that names it (rc_files_join), unless
 *   absolute. After its symbolic links are resolved it must lie under the
 *   project root: the input file's folder, or the folder given with
 *   --root. A path that leaves it ('..', an absolute path, a link) is an
 *   error at the YAML position that names the file (rc_files_check), so a
 *   CV from someone else cannot make rescomp read ~/.ssh or /etc.
 * - The files named on the command line (the input, overlays, --design)
 *   are the user's own choice and may lie anywhere; only with an explicit
 *   --root must the input lie under it (there is no sense in a root that
 *   does not hold the CV). Paths written inside any of them obey the root.
 * - Fonts are rescomp's own files (or the system's), not named by a CV,
 *   and exempt.
 * - Every input is opened without blocking and must be a regular file
 *   (rc_file_open): a FIFO, a device or a folder is refused, since reading
 *   one could block forever or never end.
 */
#ifndef RC_FILES_H
#define RC_FILES_H

#include "diag.h"

#include <stdio.h>

typedef struct rc_root {
    char *real;  /* the root folder: absolute, links resolved, no trailing '/' but for "/" */
    char *shown; /* as the user knows it: --root's value, or the input's folder */
    int given;   /* named with --root (else the input's folder) */
} rc_root;

/*
 * The root: `dir` (--root), or the folder of `input` when dir is NULL.
 * A folder that does not exist is RC_FAIL_USAGE; with dir given, so is an
 * input outside it.
 */
int rc_root_init(rc_root *r, const char *dir, const char *input, rc_diags *d);
void rc_root_release(rc_root *r);

/*
 * Whether the file at `path` (resolved, rc_files_join) may be read: under
 * the root once its links are resolved (a path that does not exist is
 * checked as far as its folders exist), and not a FIFO, device or folder.
 * -1 with an input error at `pos`: "<what> '<written>' is outside the
 * project folder ..."; a missing file is left for its reader to report.
 * root NULL: anywhere (the library's tests load CVs from memory).
 */
int rc_files_check(const rc_root *root, const char *path, const char *what, const char *written,
                   rc_pos pos, rc_diags *d);

/*
 * path, absolute, with its links resolved (malloc'd). A path that does not
 * exist (yet) is resolved as far as its folders exist, the rest added as
 * written ('.' dropped, '..' going up): a missing name cannot be a link.
 * NULL when even that fails (no permission, a loop of links).
 */
char *rc_files_real(const char *path);

/* The folder of a file, malloc'ed: "dir" for "dir/cv.yaml", "." for "cv.yaml", "/" for "/cv.yaml". */
char *rc_files_dir_of(const char *path);

/* `name` as written in file `from`: relative to from's folder unless absolute; into out. */
void rc_files_join(rc_buf *out, const char *from, const char *name);

/*
 * Open path for reading, never blocking: O_NONBLOCK for the open, then
 * fstat, then blocking reads again. Only a regular file is opened. The
 * descriptor, or -1 with *err set: an errno value, or one of the negative
 * codes below (rc_file_strerror says them).
 */
enum { RC_EFIFO = -1, RC_EDEVICE = -2, RC_ESOCKET = -3 };
int rc_file_open(const char *path, int *err);
/* The same as a stdio stream ("rb"). */
FILE *rc_file_fopen(const char *path, int *err);
/* strerror, and words for the negative codes. */
const char *rc_file_strerror(int err);

/*
 * The whole file into b, reading at most max + 1 bytes (so the caller can
 * tell "too large"). RC_FAIL_IO "cannot open 'PATH': ..." (or "cannot
 * read") at pos on failure.
 */
int rc_file_read(const char *path, size_t max, rc_buf *b, rc_pos pos, rc_diags *d);

#endif
