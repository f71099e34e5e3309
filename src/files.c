/*
 * files: the project root and safe opening of input files (see files.h).
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *rc_files_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return rc_xstrdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *s = rc_xmalloc(n + 1);
    memcpy(s, path, n);
    s[n] = '\0';
    return s;
}

/* When even the existing part cannot be resolved, opening the file fails the same way. */
char *rc_files_real(const char *path)
{
    char *head = rc_xstrdup(path);
    rc_buf rest = RC_BUF_INIT; /* the missing tail, components in reverse order, '/'-separated */
    char *real = NULL;
    for (;;) {
        real = realpath(*head ? head : ".", NULL);
        if (real || (errno != ENOENT && errno != ENOTDIR))
            break;
        char *slash = strrchr(head, '/');
        const char *tail = slash ? slash + 1 : head;
        if (!*head || (slash == head && !tail[0]))
            break; /* the working folder or "/" is missing: nothing to go on with */
        rc_buf_addc(&rest, '/');
        rc_buf_adds(&rest, tail);
        if (!slash)
            *head = '\0';
        else if (slash == head)
            head[1] = '\0'; /* "/name": the parent is "/" */
        else
            *slash = '\0';
    }
    free(head);
    if (!real) {
        rc_buf_release(&rest);
        return NULL;
    }
    rc_buf out = RC_BUF_INIT;
    rc_buf_adds(&out, real);
    free(real);
    /* rest holds "/cN/.../c1": apply c1 first, the component nearest the existing part */
    while (rest.len) {
        char *slash = strrchr(rest.ptr, '/');
        const char *c = slash + 1;
        if (!strcmp(c, "..")) {
            char *up = strrchr(out.ptr, '/');
            out.len = up == out.ptr ? 1 : (size_t)(up - out.ptr);
            out.ptr[out.len] = '\0';
        } else if (*c && strcmp(c, ".")) {
            if (out.len > 1)
                rc_buf_addc(&out, '/');
            rc_buf_adds(&out, c);
        }
        rest.len = (size_t)(slash - rest.ptr);
        rest.ptr[rest.len] = '\0';
    }
    rc_buf_release(&rest);
    return out.ptr;
}

static int under(const rc_root *r, const char *real)
{
    if (!r->real)
        return 0;
    size_t n = strlen(r->real);
    if (n == 1)
        return 1; /* the root is "/" */
    return !strncmp(real, r->real, n) && (real[n] == '/' || real[n] == '\0');
}

int rc_root_init(rc_root *r, const char *dir, const char *input, rc_diags *d)
{
    rc_pos nowhere = {NULL, 0, 0};
    memset(r, 0, sizeof(*r));
    r->given = dir != NULL;
    r->shown = dir ? rc_xstrdup(dir) : rc_files_dir_of(input);
    r->real = realpath(r->shown, NULL);
    if (!dir)
        return 0; /* a missing folder: reading the input will say so; nothing is under it */
    struct stat sb;
    if (!r->real)
        return rc_error_class(d, RC_FAIL_USAGE, nowhere, "--root '%s': %s", dir,
                              strerror(errno));
    if (stat(r->real, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return rc_error_class(d, RC_FAIL_USAGE, nowhere, "--root '%s' is not a folder; name "
                              "the folder that holds the CV and its files", dir);
    char *in = rc_files_real(input);
    int ok = in && under(r, in);
    free(in);
    if (!ok)
        return rc_error_class(d, RC_FAIL_USAGE, nowhere, "the input '%s' is outside --root "
                              "'%s'; name a folder that holds it", input, dir);
    return 0;
}

void rc_root_release(rc_root *r)
{
    free(r->real);
    free(r->shown);
    memset(r, 0, sizeof(*r));
}

int rc_files_check(const rc_root *root, const char *path, const char *what, const char *written,
                   rc_pos pos, rc_diags *d)
{
    if (root) {
        char *real = rc_files_real(path);
        int ok = !real || under(root, real);
        free(real);
        if (!ok)
            return rc_error(d, pos, "%s '%s' is outside the project folder '%s' (%s); move it "
                            "into that folder, or name a folder that holds it with --root DIR",
                            what, written, root->shown, root->given ? "--root" : "the CV's folder");
    }
    /* Refused here too, so that no reader can be made to block on it. */
    int err, fd = rc_file_open(path, &err);
    if (fd >= 0)
        close(fd);
    else if (err < 0 || err == EISDIR)
        return rc_error(d, pos, "%s '%s' cannot be read: %s; name a file", what, written,
                        rc_file_strerror(err));
    return 0; /* a missing file is for its reader to report */
}

void rc_files_join(rc_buf *out, const char *from, const char *name)
{
    const char *slash = from ? strrchr(from, '/') : NULL;
    if (name[0] != '/' && slash)
        rc_buf_add(out, from, (size_t)(slash - from) + 1);
    rc_buf_adds(out, name);
}

int rc_file_open(const char *path, int *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        *err = errno;
        return -1;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        *err = errno;
        close(fd);
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        *err = S_ISDIR(sb.st_mode)    ? EISDIR
               : S_ISFIFO(sb.st_mode) ? RC_EFIFO
               : S_ISSOCK(sb.st_mode) ? RC_ESOCKET
                                      : RC_EDEVICE;
        close(fd);
        return -1;
    }
    /* A regular file never blocks, but the reader should not see EAGAIN by surprise. */
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
        *err = errno;
        close(fd);
        return -1;
    }
    *err = 0;
    return fd;
}

FILE *rc_file_fopen(const char *path, int *err)
{
    int fd = rc_file_open(path, err);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        *err = errno;
        close(fd);
    }
    return f;
}

const char *rc_file_strerror(int err)
{
    switch (err) {
    case RC_EFIFO: return "a FIFO (named pipe), not a regular file";
    case RC_EDEVICE: return "a device, not a regular file";
    case RC_ESOCKET: return "a socket, not a regular file";
    default: return strerror(err);
    }
}

int rc_file_read(const char *path, size_t max, rc_buf *b, rc_pos pos, rc_diags *d)
{
    int err;
    FILE *f = rc_file_fopen(path, &err);
    if (!f)
        return rc_error_class(d, RC_FAIL_IO, pos, "cannot open '%s': %s", path,
                              rc_file_strerror(err));
    err = rc_buf_add_stream(b, f, max);
    fclose(f);
    if (err)
        return rc_error_class(d, RC_FAIL_IO, pos, "cannot read '%s': %s", path,
                              strerror(err));
    return 0;
}
