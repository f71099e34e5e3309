/*
 * atomic: whole-file writes through a temporary file and rename (see
 * atomic.h); the same protocol as the PDF device's.
 */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int io_error(rc_diags *d, const char *path, int err)
{
    rc_pos nowhere = {NULL, 0, 0};
    return rc_error_class(d, RC_FAIL_IO, nowhere, "cannot write '%s': %s", path, strerror(err));
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (w == 0) {
            errno = EIO;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int write_special(const char *path, const char *data, size_t len, rc_diags *d)
{
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0)
        return io_error(d, path, errno);
    if (write_all(fd, data, len) != 0) {
        int err = errno;
        close(fd);
        return io_error(d, path, err);
    }
    if (close(fd) != 0)
        return io_error(d, path, errno);
    return 0;
}

int rc_write_atomic(const char *path, const void *data, size_t len, rc_diags *d)
{
    struct stat sb;
    if (!*path)
        return io_error(d, path, ENOENT);
    if (stat(path, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return io_error(d, path, EISDIR);
        if (!S_ISREG(sb.st_mode))
            return write_special(path, data, len, d);
    }
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base)
        return io_error(d, path, EISDIR);
    int base_len = strlen(base) > 200 ? 200 : (int)strlen(base);
    rc_buf tmp = RC_BUF_INIT;
    int fd = -1, err = 0;
    static unsigned counter;
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long z = (unsigned long)getpid() * 2654435761u ^ (unsigned long)ts.tv_nsec ^
                          (unsigned long)++counter << 20 ^ attempt;
        rc_buf_reset(&tmp);
        rc_buf_add(&tmp, path, (size_t)(base - path));
        rc_buf_addf(&tmp, ".%.*s.%06lx.tmp", base_len, base, z & 0xFFFFFFu);
        fd = open(rc_buf_str(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            break;
    }
    if (fd < 0) {
        err = errno;
        rc_buf_release(&tmp);
        return io_error(d, path, err);
    }
    /*
     * No fsync before the rename: the rename alone is what keeps a failed
     * or killed run from leaving a half-written or clobbered file. fsync
     * would add durability against a power cut in the next seconds, for a
     * file rebuilt from its source by running rescomp again; compilers,
     * linkers, pdfLaTeX and Typst do not pay for that either. It cost
     * 0.3-0.6 ms of every run here (a twentieth of a CV's), and on the
     * network disks of CI runners several milliseconds per file: 100
     * variants would wait for 100 flushes. (ext4 and btrfs flush a file
     * renamed over another before the rename is committed anyway.)
     */
    if (write_all(fd, data, len) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (!err && rename(rc_buf_str(&tmp), path) != 0)
        err = errno;
    if (err)
        unlink(rc_buf_str(&tmp));
    rc_buf_release(&tmp);
    return err ? io_error(d, path, err) : 0;
}
