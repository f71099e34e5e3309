/*
 * no_harfbuzz: an LD_PRELOAD shim for the CLI tests that makes dlopen()
 * fail for HarfBuzz, as on a system where it is not installed: a run that
 * needs it must stop with a clear error, and a run set in the shipped
 * fonts must not need it at all (src/lazy_libs.h).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>

void *dlopen(const char *file, int mode)
{
    static void *(*real)(const char *, int);
    if (file && strstr(file, "libharfbuzz"))
        return NULL;
    if (!real)
        *(void **)(&real) = dlsym(RTLD_NEXT, "dlopen");
    return real(file, mode);
}
