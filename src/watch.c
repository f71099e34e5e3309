/*
 * watch: inotify on the directories of the watched files (see watch.h).
 */
#include "watch.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#define SETTLE_MS 50

typedef struct watched {
    char *path; /* as given */
    char *dir;
    char *base;
    int wd;
} watched;

struct rc_watch {
    int fd;
    watched *v;
    size_t n;
    char *last; /* what rc_watch_wait returned */
};

rc_watch *rc_watch_open(rc_diags *d)
{
    int fd = inotify_init1(IN_CLOEXEC);
    if (fd < 0) {
        rc_error_class(d, RC_FAIL_IO, (rc_pos){0}, "cannot watch files: %s", strerror(errno));
        return NULL;
    }
    rc_watch *w = rc_xcalloc(1, sizeof(*w));
    w->fd = fd;
    return w;
}

/* Drop the list; stop watching its folders but those in keep[0..nkeep) (wds). */
static void clear(rc_watch *w, const watched *keep, size_t nkeep)
{
    for (size_t i = 0; i < w->n; i++) {
        int dup = 0;
        for (size_t j = 0; j < i; j++)
            dup |= w->v[j].wd == w->v[i].wd;
        for (size_t j = 0; j < nkeep; j++)
            dup |= keep[j].wd == w->v[i].wd;
        if (!dup && w->v[i].wd >= 0)
            inotify_rm_watch(w->fd, w->v[i].wd);
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
    close(w->fd);
    free(w->last);
    free(w);
}

/*
 * The new list's folders are added before the old ones are dropped: a
 * folder in both keeps its watch descriptor (inotify gives the same one
 * back), so events already queued for it still match, and a change made
 * while a build ran is not lost when the build's files become the list.
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
        x->wd = inotify_add_watch(w->fd, x->dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE |
                                                     IN_ATTRIB | IN_DELETE | IN_MODIFY);
        if (x->wd < 0)
            rc = rc_error_class(d, RC_FAIL_IO, (rc_pos){0}, "cannot watch '%s': %s", x->dir,
                                strerror(errno));
    }
    clear(&old, w->v, w->n);
    return rc;
}

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

const char *rc_watch_wait(rc_watch *w)
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
    free(w->last);
    w->last = rc_xstrdup(first->path);
    return w->last;
}
