/*
 * watch: see watch.h. Two ways to wait, one list of files:
 *
 * - inotify (Linux) on the directories of the files, so that a save by
 *   rename and a file created after it was missing are seen as they happen;
 * - polling: every POLL_MS, each file's state (stat: existence, device,
 *   inode, size, modification and change times to the nanosecond where the
 *   file system keeps them) is compared with the one last seen. It is what
 *   builds without <sys/inotify.h> use (macOS, the BSDs), what
 *   -DRESCOMP_WATCH_POLL=ON builds use on Linux (to test it), and what a
 *   run uses when RESCOMP_WATCH_POLL is set (a network file system, where
 *   inotify does not see what another machine writes) or when inotify
 *   cannot be had (its limits of instances or watches reached).
 */
#include "watch.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if RC_WATCH_INOTIFY
#include <sys/inotify.h>
#endif

#define SETTLE_MS 50 /* a save is often several writes: wait until none came for this long */
#define POLL_MS 200  /* how often polling looks: a rebuild follows a save within it */

/* POSIX.1-2008's st_mtim; macOS calls it st_mtimespec. */
#ifdef __APPLE__
#define MTIM(st) (st).st_mtimespec
#define CTIM(st) (st).st_ctimespec
#else
#define MTIM(st) (st).st_mtim
#define CTIM(st) (st).st_ctim
#endif

/* What polling compares: any change of these is a change of the file. */
typedef struct stamp {
    int exists;
    dev_t dev;
    ino_t ino;    /* a save by rename is a new inode */
    off_t size;
    long long mtime_s, mtime_ns, ctime_s, ctime_ns; /* ctime: a touch, a chmod */
} stamp;

typedef struct watched {
    char *path; /* as given */
    char *dir;
    char *base;
    int wd;     /* inotify's watch of dir */
    stamp seen; /* polling: the state last seen */
} watched;

struct rc_watch {
    int fd; /* inotify's; -1: polling */
    watched *v;
    size_t n;
    char *last; /* what rc_watch_wait returned */
};

static void stamp_of(const char *path, stamp *s)
{
    struct stat st;
    memset(s, 0, sizeof(*s));
    if (stat(path, &st) != 0)
        return;
    s->exists = 1;
    s->dev = st.st_dev;
    s->ino = st.st_ino;
    s->size = st.st_size;
    s->mtime_s = (long long)MTIM(st).tv_sec;
    s->mtime_ns = (long long)MTIM(st).tv_nsec;
    s->ctime_s = (long long)CTIM(st).tv_sec;
    s->ctime_ns = (long long)CTIM(st).tv_nsec;
}

static int stamp_same(const stamp *a, const stamp *b)
{
    return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino &&
           a->size == b->size && a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
           a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

static void sleep_ms(int ms)
{
    poll(NULL, 0, ms); /* an interruption only makes the wait shorter */
}

rc_watch *rc_watch_open(rc_diags *d)
{
    (void)d;
    rc_watch *w = rc_xcalloc(1, sizeof(*w));
    w->fd = -1;
#if RC_WATCH_INOTIFY
    const char *poll_env = getenv("RESCOMP_WATCH_POLL");
    if (!(poll_env && *poll_env))
        w->fd = inotify_init1(IN_CLOEXEC); /* -1 (EMFILE: the limit of instances): polling */
#endif
    return w;
}

/* Drop the list; stop watching its folders but those in keep[0..nkeep) (wds). */
static void clear(rc_watch *w, const watched *keep, size_t nkeep)
{
    for (size_t i = 0; i < w->n; i++) {
#if RC_WATCH_INOTIFY
        int dup = 0;
        for (size_t j = 0; j < i; j++)
            dup |= w->v[j].wd == w->v[i].wd;
        for (size_t j = 0; j < nkeep; j++)
            dup |= keep[j].wd == w->v[i].wd;
        if (!dup && w->v[i].wd >= 0 && w->fd >= 0)
            inotify_rm_watch(w->fd, w->v[i].wd);
#else
        (void)keep;
        (void)nkeep;
#endif
        free(w->v[i].path);
        free(w->v[i].dir);
    }
    free(w->v);
    w->v = NULL;
    w->n = 0;
}

void rc_watch_close(rc_watch *w)
{
    if (!w)
        return;
    clear(w, NULL, 0);
    if (w->fd >= 0)
        close(w->fd);
    free(w->last);
    free(w);
}

/* Watch x's folder with inotify: 0, or -1 with errno. */
static int watch_dir(rc_watch *w, watched *x)
{
#if RC_WATCH_INOTIFY
    x->wd = inotify_add_watch(w->fd, x->dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE |
                                                 IN_ATTRIB | IN_DELETE | IN_MODIFY);
    return x->wd < 0 ? -1 : 0;
#else
    (void)w;
    (void)x;
    errno = ENOSYS;
    return -1;
#endif
}

/*
 * The new list's folders are added before the old ones are dropped: a
 * folder in both keeps its watch descriptor (inotify gives the same one
 * back), so events already queued for it still match, and a change made
 * while a build ran is not lost when the build's files become the list.
 * Polling keeps, for the same reason, the state last seen of a file in
 * both lists.
 */
int rc_watch_files(rc_watch *w, const char *const *files, size_t n, rc_diags *d)
{
    rc_watch old = *w;
    w->v = rc_xcalloc(n ? n : 1, sizeof(*w->v));
    w->n = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        watched *x = &w->v[w->n++];
        x->path = rc_xstrdup(files[i]);
        x->dir = rc_xstrdup(files[i]);
        x->wd = -1;
        char *slash = strrchr(x->dir, '/');
        if (!slash) {
            x->base = x->path;
            strcpy(x->dir, ".");
        } else {
            x->base = x->path + (slash - x->dir) + 1;
            if (slash == x->dir)
                slash[1] = '\0';
            else
                *slash = '\0';
        }
        size_t k = 0;
        while (k < old.n && strcmp(old.v[k].path, x->path))
            k++;
        if (k < old.n)
            x->seen = old.v[k].seen;
        else
            stamp_of(x->path, &x->seen);
        if (w->fd < 0 || watch_dir(w, x) == 0)
            continue;
        if (errno == ENOSPC || errno == ENOMEM) {
            /* the limit of inotify watches reached (fs.inotify.max_user_watches): poll */
            for (size_t j = 0; j < w->n; j++)
                w->v[j].wd = -1;
            close(w->fd);
            w->fd = -1;
            continue;
        }
        rc = rc_error_class(d, RC_FAIL_IO, (rc_pos){0}, "cannot watch '%s': %s", x->dir,
                            strerror(errno));
    }
    old.fd = w->fd;
    clear(&old, w->v, w->n);
    return rc;
}

/* Polling: look at every file once; the first that changed, or NULL. */
static const watched *look(rc_watch *w)
{
    const watched *hit = NULL;
    for (size_t i = 0; i < w->n; i++) {
        stamp now;
        stamp_of(w->v[i].path, &now);
        if (!stamp_same(&now, &w->v[i].seen)) {
            w->v[i].seen = now;
            if (!hit)
                hit = &w->v[i];
        }
    }
    return hit;
}

static const watched *wait_polling(rc_watch *w)
{
    const watched *first;
    while (!(first = look(w)))
        sleep_ms(POLL_MS);
    do
        sleep_ms(SETTLE_MS);
    while (look(w));
    return first;
}

#if RC_WATCH_INOTIFY
/* Read the pending events; the first watched file they name, or NULL. */
static const watched *drain(rc_watch *w, int *error)
{
    union {
        char buf[4096];
        struct inotify_event align;
    } u;
    const watched *hit = NULL;
    ssize_t got = read(w->fd, u.buf, sizeof(u.buf));
    if (got < 0) {
        *error = errno != EINTR && errno != EAGAIN;
        return NULL;
    }
    for (char *p = u.buf; p < u.buf + got;) {
        const struct inotify_event *e = (const struct inotify_event *)(void *)p;
        for (size_t i = 0; !hit && e->len && i < w->n; i++)
            if (w->v[i].wd == e->wd && !strcmp(w->v[i].base, e->name))
                hit = &w->v[i];
        p += sizeof(struct inotify_event) + e->len;
    }
    return hit;
}

static const watched *wait_inotify(rc_watch *w)
{
    const watched *first = NULL;
    int error = 0;
    while (!first) {
        struct pollfd pf = {w->fd, POLLIN, 0};
        if (poll(&pf, 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            return NULL;
        }
        first = drain(w, &error);
        if (error)
            return NULL;
    }
    /* Let the save finish: read until nothing has come for SETTLE_MS. */
    for (;;) {
        struct pollfd pf = {w->fd, POLLIN, 0};
        int r = poll(&pf, 1, SETTLE_MS);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        drain(w, &error);
        if (error)
            break;
    }
    return first;
}
#endif

const char *rc_watch_wait(rc_watch *w)
{
    const watched *first = NULL;
#if RC_WATCH_INOTIFY
    if (w->fd >= 0)
        first = wait_inotify(w);
    else
#endif
        first = wait_polling(w);
    if (!first)
        return NULL;
    free(w->last);
    w->last = rc_xstrdup(first->path);
    return w->last;
}

int rc_watch_polling(const rc_watch *w)
{
    return w->fd < 0;
}
