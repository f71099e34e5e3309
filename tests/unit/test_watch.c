/*
 * watch: a change to a watched file is noticed, by inotify and by polling
 * (RESCOMP_WATCH_POLL, and builds without inotify: tests/portability
 * compiles this test with watch.c built as on macOS). Every change is made
 * before rc_watch_wait is called, as one made during a build is: both
 * mechanisms must remember it, so the test needs no second process.
 */
#include "harness.h"

#include "watch.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static const char *at(const char *name)
{
    static char path[4][128];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof(path[k]), "%s/%s", dir, name);
    return path[k];
}

static void put(const char *name, const char *text)
{
    FILE *f = fopen(at(name), "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void one_way(int want_polling)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_watch *w = rc_watch_open(&d);
    CHECK(w != NULL);
    if (!w)
        return;
    CHECK_INT(rc_watch_polling(w), want_polling);
    put("a.yaml", "a: 1\n");
    put("b.yaml", "b: 1\n");
    char a[128], b[128], c[128], e[128];
    snprintf(a, sizeof(a), "%s", at("a.yaml"));
    snprintf(b, sizeof(b), "%s", at("b.yaml"));
    snprintf(c, sizeof(c), "%s", at("c.bib"));
    snprintf(e, sizeof(e), "%s", at("e.png"));
    const char *files[] = {a, b, c};
    CHECK_INT(rc_watch_files(w, files, 3, &d), 0);

    /* rewritten in place, the same size, within the same second */
    put("b.yaml", "b: 2\n");
    CHECK_STR(rc_watch_wait(w), b);
    /* touched: the time alone changes */
    CHECK_INT(utimensat(AT_FDCWD, a, NULL, 0), 0);
    CHECK_STR(rc_watch_wait(w), a);
    /* saved by writing a new file and renaming it over the old one */
    put("a.new", "a: 2\n");
    CHECK_INT(rename(at("a.new"), a), 0);
    CHECK_STR(rc_watch_wait(w), a);
    /* a file that was missing, created */
    put("c.bib", "@misc{x}\n");
    CHECK_STR(rc_watch_wait(w), c);
    /* changed while a build ran, then the build's files become the list: not lost */
    put("b.yaml", "b: 3\n");
    const char *more[] = {a, b, c, e};
    CHECK_INT(rc_watch_files(w, more, 4, &d), 0);
    CHECK_STR(rc_watch_wait(w), b);
    /* removed */
    CHECK_INT(unlink(c), 0);
    CHECK_STR(rc_watch_wait(w), c);
    CHECK_INT((int)d.nerrors, 0);
    rc_watch_close(w);
    rc_diags_release(&d);
    unlink(a);
    unlink(b);
}

int main(void)
{
    snprintf(dir, sizeof(dir), "watch-test.XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
#if RC_TEST_NO_INOTIFY
    one_way(1); /* built as where there is no inotify: polling, always */
#else
    unsetenv("RESCOMP_WATCH_POLL");
    one_way(0); /* inotify */
    setenv("RESCOMP_WATCH_POLL", "1", 1);
    one_way(1);
#endif
    rmdir(dir);
    return rc_test_report("test_watch");
}
