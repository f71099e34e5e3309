/*
 * slow_rename: an LD_PRELOAD shim for the interrupt tests. rename() first
 * notes the process in $RESCOMP_TEST_PIDS/<pid> and then waits up to 30 s,
 * so that the test can signal a run while its temporary file exists (the
 * window is otherwise microseconds) and then check that the file is gone
 * and that every process it noted has ended.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int rename(const char *from, const char *to)
{
    static int (*real)(const char *, const char *);
    const char *dir = getenv("RESCOMP_TEST_PIDS");
    if (dir) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%ld", dir, (long)getpid());
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        if (fd >= 0)
            close(fd);
        for (int i = 0; i < 300; i++)
            usleep(100000);
    }
    if (!real)
        *(void **)(&real) = dlsym(RTLD_NEXT, "rename");
    return real(from, to);
}
