/*
 * atomic: whole-file writes through a temporary file and rename (see
 * atomic.h); the same protocol as the PDF device's.
 */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * The temporary file being written, for rc_atomic_cleanup in a signal
 * handler: a static buffer (the handler may not allocate), valid while
 * `pending` is set. It is set with SIGINT and SIGTERM blocked, so that no
 * signal can come between creating the file and recording it.
 */
static char pending_path[4096];
static volatile sig_atomic_t pending;

void rc_atomic_cleanup(void)
{
    if (pending) {
        pending = 0;
        unlink(pending_path);
    }
}

static int io_error(rc_diags *d, const char *path, int err)
{
    rc_pos nowhere = {NULL, 0, 0};
    if (err == EEXIST)
        return rc_error_class(d, RC_FAIL_IO, nowhere,
                              "'%s' exists already; move it away or choose another name", path);
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

/* The file through a temporary beside it; fresh: never replace a file (link, not rename). */
static int write_via_temp(const char *path, const void *data, size_t len, int fresh, rc_diags *d)
{
    struct stat sb;
    int replaces = 0;
    if (!*path)
        return io_error(d, path, ENOENT);
    if (fresh && lstat(path, &sb) == 0)
        return io_error(d, path, EEXIST);
    if (stat(path, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return io_error(d, path, EISDIR);
        if (!S_ISREG(sb.st_mode))
            return write_special(path, data, len, d);
        replaces = 1;
    }
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base)
        return io_error(d, path, EISDIR);
    int base_len = strlen(base) > 200 ? 200 : (int)strlen(base);
    rc_buf tmp = RC_BUF_INIT;
    int fd = -1, err = 0;
    static unsigned counter;
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
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
    err = fd < 0 ? errno : 0;
    if (fd >= 0 && tmp.len < sizeof(pending_path)) {
        memcpy(pending_path, tmp.ptr, tmp.len + 1);
        pending = 1;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        rc_buf_release(&tmp);
        return io_error(d, path, err);
    }
    /*
     * A rebuild keeps the file's permissions (a CV kept private with chmod
     * 600 stays so); a new file has 0666 less the umask, from open.
     */
    if (replaces && fchmod(fd, sb.st_mode & 0777) != 0)
        err = errno;
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
    if (!err && write_all(fd, data, len) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    /* link fails when the name was taken meanwhile, where rename would replace it */
    if (!err && (fresh ? link(rc_buf_str(&tmp), path) : rename(rc_buf_str(&tmp), path)) != 0)
        err = errno;
    if (err || fresh)
        unlink(rc_buf_str(&tmp));
    pending = 0;
    rc_buf_release(&tmp);
    return err ? io_error(d, path, err) : 0;
}

int rc_write_atomic(const char *path, const void *data, size_t len, rc_diags *d)
{
    return write_via_temp(path, data, len, 0, d);
}

int rc_write_new(const char *path, const void *data, size_t len, rc_diags *d)
{
    return write_via_temp(path, data, len, 1, d);
}

int rc_is_stdout(const char *path)
{
    return path && !strcmp(path, "-");
}

int rc_write_output(const char *path, const void *data, size_t len, rc_diags *d)
{
    if (!rc_is_stdout(path))
        return rc_write_atomic(path, data, len, d);
    fflush(stdout); /* nothing else is written there (run.c refuses --trace with it) */
    if (write_all(STDOUT_FILENO, data, len) != 0)
        return rc_error_class(d, RC_FAIL_IO, (rc_pos){NULL, 0, 0},
                              "cannot write to standard output: %s", strerror(errno));
    return 0;
}
