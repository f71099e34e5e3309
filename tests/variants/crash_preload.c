/*
 * crash_preload: a variant that crashes, for the test that a crash in one
 * job of --all-variants is reported against its variant while the other
 * variants are still written (run.c's workers). Preloaded into rescomp,
 * it makes every process but the first (the run; its workers are forked
 * from it) abort when it opens a file whose name ends in "crash.png".
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static pid_t first;

__attribute__((constructor)) static void remember_first(void)
{
    first = getpid();
}

int open(const char *path, int flags, ...)
{
    static int (*real)(const char *, int, ...);
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "open");
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    size_t n = strlen(path);
    if (getpid() != first && n >= 9 && !strcmp(path + n - 9, "crash.png"))
        abort();
    return real(path, flags, mode);
}
