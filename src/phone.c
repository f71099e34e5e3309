/*
 * phone: phone numbers through libphonenumber, in a module loaded on demand
 * (see phone.h for what is shown; phone_module.cc is the module).
 *
 * Why a module and not a link: libphonenumber brings protobuf, ICU, abseil
 * and libstdc++, whose loading and static initialisers run before main()
 * in every process that links them. Measured here (Debian 12,
 * libphonenumber 8.12.57, 2 shared cores, medians of 50 runs):
 *   - a trivial C program starts and exits in 0.62 ms; linked with
 *     libphonenumber (never calling it), in 2.93 ms: +2.3 ms (+4.1 ms on a
 *     busier machine), on a whole rescomp run of 7 to 9 ms, paid by every
 *     CV, with a phone or without (the flagship has none);
 *   - PhoneNumberUtil::GetInstance() (it reads every region's metadata and
 *     compiles its patterns) takes 4.5 ms the first time; then the first
 *     Parse + IsValidNumber + Format 0.44 ms, the next ones 0.07-0.2 ms;
 *   - dlopen() of this module, libphonenumber and its libraries: 3.6 ms
 *     (2.8 ms with RTLD_LAZY, which would turn a broken install into a
 *     crash in mid-run instead of the warning below).
 * So the shim is a separate module, rescomp-phone.so, dlopen()ed the first
 * time a CV has a phone: a run without one pays nothing (examples/engineer
 * without its phone: 7.2 ms before and after), a run with
 * phones pays about 10 ms once per process (engineer with its phone:
 * 17.4 ms), which is the library's own start-up, linked or loaded.
 *
 * The module is searched like the fonts (font.c): $RESCOMP_PHONE_MODULE
 * (a file; it wins even when wrong, so that the warning names it), then
 * beside the executable (the build tree), then <exe>/../<libdir>/rescomp
 * (a relocated install), then the configured install directory.
 */
#include "phone.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef RESCOMP_PHONE_MODULE_NAME
#define RESCOMP_PHONE_MODULE_NAME "rescomp-phone.so"
#endif

typedef int (*format_fn)(const char *text, int kind, char *out, size_t cap);

/* Loaded once per process, on first use (by whichever thread asks first), never unloaded. */
static pthread_once_t module_once = PTHREAD_ONCE_INIT;
static struct {
    format_fn format;
    char *error; /* why it could not be loaded */
} module;

/* dlopen path and find the entry point; on failure, say why in module.error. */
static int open_module(const char *path)
{
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        module.error = rc_xstrdup(why ? why : path);
        return -1;
    }
    /* POSIX's way of reading a function pointer out of dlsym's void * */
    format_fn fn;
    void *sym = dlsym(h, "rescomp_phone_format_v1");
    memcpy(&fn, &sym, sizeof(fn));
    if (!sym) {
        rc_buf b = RC_BUF_INIT;
        rc_buf_addf(&b, "%s is not a phone module of this rescomp (rebuild or reinstall it)",
                    path);
        module.error = b.ptr;
        dlclose(h);
        return -1;
    }
    module.format = fn;
    return 0;
}

static void load_module(void)
{
    const char *env = getenv("RESCOMP_PHONE_MODULE");
    if (env && *env) {
        if (open_module(env) < 0) {
            char *why = module.error;
            rc_buf b = RC_BUF_INIT;
            rc_buf_addf(&b, "RESCOMP_PHONE_MODULE=%s: %s", env, why);
            free(why);
            module.error = b.ptr;
        }
        return;
    }
    char *candidates[5] = {NULL, NULL, NULL, NULL, NULL};
    size_t n = 0;
    char *exe = rc_exe_dir();
    if (exe) {
        candidates[n++] = rc_path_join(exe, RESCOMP_PHONE_MODULE_NAME); /* build tree */
#ifdef RESCOMP_RELATIVE_PHONE_MODULE
        candidates[n++] = rc_path_join(exe, RESCOMP_RELATIVE_PHONE_MODULE); /* relocated install */
#endif
        free(exe);
    }
    /* librescomp.so in a program of its own: beside it (build tree), or installed */
    char *lib = rc_lib_dir();
    if (lib) {
        candidates[n++] = rc_path_join(lib, RESCOMP_PHONE_MODULE_NAME);
        candidates[n++] = rc_path_join(lib, "rescomp/" RESCOMP_PHONE_MODULE_NAME);
        free(lib);
    }
#ifdef RESCOMP_INSTALL_PHONE_MODULE
    candidates[n++] = rc_xstrdup(RESCOMP_INSTALL_PHONE_MODULE);
#endif
    int done = 0;
    for (size_t i = 0; i < n; i++) {
        /* the first one present is the one: a broken module is reported, not skipped */
        if (!done && access(candidates[i], F_OK) == 0) {
            open_module(candidates[i]);
            done = 1;
        }
    }
    if (!done) {
        rc_buf b = RC_BUF_INIT;
        rc_buf_adds(&b, RESCOMP_PHONE_MODULE_NAME " is not installed: none of ");
        for (size_t i = 0; i < n; i++)
            rc_buf_addf(&b, "%s%s", i ? ", " : "", candidates[i]);
        rc_buf_adds(&b, " exists");
        module.error = b.ptr;
    }
    for (size_t i = 0; i < n; i++)
        free(candidates[i]);
}

const char *rc_phone_module_error(void)
{
    return module.error;
}

rc_phone_status rc_phone_format(const char *text, rc_phone_format_kind kind, rc_buf *out)
{
    pthread_once(&module_once, load_module);
    if (!module.format)
        return RC_PHONE_UNAVAILABLE;
    char small[64];
    int n = module.format(text, (int)kind, small, sizeof(small));
    if (n < 0)
        return RC_PHONE_INVALID; /* -2, libphonenumber failing, is no better than invalid */
    if ((size_t)n < sizeof(small)) {
        rc_buf_add(out, small, (size_t)n);
        return RC_PHONE_OK;
    }
    char *big = rc_xmalloc((size_t)n + 1);
    if (module.format(text, (int)kind, big, (size_t)n + 1) != n) {
        free(big);
        return RC_PHONE_INVALID;
    }
    rc_buf_add(out, big, (size_t)n);
    free(big);
    return RC_PHONE_OK;
}

/* tel: and the digits as written (and a leading +): the link of a number not understood. */
static const char *url_as_written(rc_arena *a, const char *phone)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_adds(&b, "tel:");
    for (const char *p = phone; *p; p++)
        if ((*p >= '0' && *p <= '9') || (*p == '+' && b.len == 4))
            rc_buf_addc(&b, *p);
    const char *s = rc_arena_strdup(a, rc_buf_str(&b));
    rc_buf_release(&b);
    return s;
}

const char *rc_phone_url(const rc_cv *cv, size_t i, rc_arena *a)
{
    if (cv->phone_urls && cv->phone_urls[i])
        return cv->phone_urls[i];
    return url_as_written(a, cv->phones.v[i].s);
}

void rc_cv_format_phones(rc_cv *cv, rc_phone_format_kind kind, rc_arena *a, rc_diags *d)
{
    if (!cv->phones.n)
        return; /* the module is not even looked for */
    cv->phone_urls = rc_arena_alloc(a, cv->phones.n * sizeof(*cv->phone_urls));
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < cv->phones.n; i++) {
        rc_text *t = &cv->phones.v[i];
        rc_buf_reset(&b);
        rc_phone_status st = rc_phone_format(t->s, RC_PHONE_E164, &b);
        if (st == RC_PHONE_UNAVAILABLE) {
            rc_warning(d, t->pos,
                       "phone numbers are shown as written: the phone number module cannot be "
                       "loaded (%s); reinstall rescomp, or set RESCOMP_PHONE_MODULE to the path "
                       "of " RESCOMP_PHONE_MODULE_NAME,
                       rc_phone_module_error());
            break; /* once per CV, not per number */
        }
        if (st == RC_PHONE_INVALID) {
            /* RenderCV reads numbers with no default region: "+" and the country code or nothing */
            rc_warning(d, t->pos,
                       "phone '%s' %s, so it is shown as written; write it in international "
                       "form, with its country code, like +1 609 555 0123",
                       t->s,
                       strchr(t->s, '+') ? "is not a valid phone number" : "has no country code");
            continue;
        }
        cv->phone_urls[i] = rc_arena_printf(a, "tel:%s", rc_buf_str(&b));
        if (kind != RC_PHONE_E164) {
            rc_buf_reset(&b);
            if (rc_phone_format(t->s, kind, &b) != RC_PHONE_OK)
                continue; /* cannot be: it was just understood */
        }
        t->s = rc_arena_strdup(a, rc_buf_str(&b));
    }
    rc_buf_release(&b);
}
