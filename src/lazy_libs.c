/*
 * lazy_libs: see lazy_libs.h. The stubs follow SDL's "dynapi" pattern: one
 * list of prototypes, expanded here into functions with those very
 * prototypes (so the compiler checks each against the library's header)
 * that forward to a pointer found with dlsym() the first time.
 */
#include "lazy_libs.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

/* The libraries by soname: the ABI the headers describe, as the linker would record it. */
enum { LIB_HB, LIB_HB_SUBSET, LIB_FONTCONFIG, LIB_COUNT };
static const struct {
    const char *soname, *package;
} libs[LIB_COUNT] = {
    {"libharfbuzz.so.0", "libharfbuzz0b"},
    {"libharfbuzz-subset.so.0", "libharfbuzz-subset0"},
    {"libfontconfig.so.1", "libfontconfig1"},
};
static void *handles[LIB_COUNT];

/*
 * Exit code 5, as for any failure of a library (RC_FAIL_INTERNAL), through
 * _exit: the run is abandoned mid-way, and atexit handlers (a leak
 * checker's among them) would only report what it still holds.
 */
static void give_up(void)
{
    fflush(stdout);
    _exit(5);
}

/*
 * The function `name` of library `lib`, or NULL (with a message) when it
 * cannot be found and `must` is 0. With `must`, a missing library ends the
 * run: it is a broken installation (the package depends on the library),
 * and nothing has been written yet that could be left half done.
 */
static void *lazy_symbol(int lib, const char *name, int must)
{
    if (!handles[lib]) {
        handles[lib] = dlopen(libs[lib].soname, RTLD_NOW | RTLD_GLOBAL);
        if (!handles[lib]) {
            const char *why = dlerror();
            fprintf(stderr, "rescomp: error: cannot load %s (%s); install the Debian package '%s'\n",
                    libs[lib].soname, why ? why : "not found", libs[lib].package);
            if (must)
                give_up();
            return NULL;
        }
    }
    void *fn = dlsym(handles[lib], name);
    if (!fn) {
        fprintf(stderr, "rescomp: error: %s has no function %s; install the Debian package '%s'\n",
                libs[lib].soname, name, libs[lib].package);
        if (must)
            give_up();
    }
    return fn;
}

/* POSIX's way to turn dlsym's object pointer into a function pointer. */
#define RESOLVE(lib, name, fn) (*(void **)(&(fn)) = lazy_symbol(LIB_##lib, #name, 1))

#define LAZY_FN(lib, ret, name, params, args) \
    ret name params                           \
    {                                         \
        static ret(*fn) params;               \
        if (!fn)                              \
            RESOLVE(lib, name, fn);           \
        return fn args;                       \
    }
#define LAZY_VOID(lib, name, params, args) \
    void name params                       \
    {                                      \
        static void(*fn) params;           \
        if (!fn)                           \
            RESOLVE(lib, name, fn);        \
        fn args;                           \
    }
#include "lazy_libs_list.h"
#undef LAZY_FN
#undef LAZY_VOID

int rc_lazy_libs_resolve_all(void)
{
    int missing = 0;
#define LAZY_FN(lib, ret, name, params, args) missing += !lazy_symbol(LIB_##lib, #name, 0);
#define LAZY_VOID(lib, name, params, args) missing += !lazy_symbol(LIB_##lib, #name, 0);
#include "lazy_libs_list.h"
#undef LAZY_FN
#undef LAZY_VOID
    return missing;
}
