/*
 * base: allocation, arena, byte buffer, UTF-8. See base.h for invariants.
 */
#define _GNU_SOURCE /* dladdr */
#include "base.h"

#include <dlfcn.h>
#include <locale.h>
#include <pthread.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __APPLE__
#include <mach-o/dyld.h> /* _NSGetExecutablePath */
#endif

static void out_of_memory(size_t n)
{
    fprintf(stderr, "rescomp: fatal: out of memory allocating %zu bytes\n", n);
    abort();
}

void *rc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *rc_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *rc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

char *rc_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(rc_xmalloc(n), s, n);
}

/* ---- arena ---------------------------------------------------------- */

struct rc_arena_chunk {
    rc_arena_chunk *next;
    size_t size, used;
    max_align_t data[];
};

#define ARENA_CHUNK 65536

void rc_arena_init(rc_arena *a)
{
    a->head = NULL;
    a->used_total = 0;
}

void rc_arena_release(rc_arena *a)
{
    rc_arena_chunk *c = a->head;
    while (c) {
        rc_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->used_total = 0;
}

/* n bytes of the arena, not cleared: for copies, which write every byte. */
static void *arena_alloc_raw(rc_arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    rc_arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > ARENA_CHUNK / 2 ? n : ARENA_CHUNK;
        c = rc_xmalloc(sizeof(*c) + size);
        c->size = size;
        c->used = 0;
        /* A large block gets a chunk of its own behind the current one, so
         * the free space of the current chunk is not wasted. */
        if (a->head && size != ARENA_CHUNK) {
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    a->used_total += n;
    return p;
}

void *rc_arena_alloc(rc_arena *a, size_t n)
{
    void *p = arena_alloc_raw(a, n);
    memset(p, 0, n);
    return p;
}

char *rc_arena_strndup(rc_arena *a, const char *s, size_t n)
{
    char *p = arena_alloc_raw(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *rc_arena_strdup(rc_arena *a, const char *s)
{
    return rc_arena_strndup(a, s, strlen(s));
}

char *rc_arena_printf(rc_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap); /* the length it needs */
    va_end(ap);
    char *p = rc_arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
    if (n > 0)
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void *rc_arena_memdup(rc_arena *a, const void *p, size_t n, size_t sz)
{
    if (n == 0)
        return NULL;
    void *q = arena_alloc_raw(a, n * sz);
    memcpy(q, p, n * sz);
    return q;
}

/* ---- buffer --------------------------------------------------------- */

void rc_buf_init(rc_buf *b)
{
    b->ptr = NULL;
    b->len = b->cap = 0;
}

void rc_buf_release(rc_buf *b)
{
    free(b->ptr);
    rc_buf_init(b);
}

void rc_buf_reset(rc_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = 0;
}

static void buf_grow(rc_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->ptr = rc_xrealloc(b->ptr, cap);
    b->cap = cap;
}

void rc_buf_add(rc_buf *b, const void *p, size_t n)
{
    buf_grow(b, n);
    if (n)
        memcpy(b->ptr + b->len, p, n);
    b->len += n;
    b->ptr[b->len] = 0;
}

void rc_buf_adds(rc_buf *b, const char *s)
{
    rc_buf_add(b, s, strlen(s));
}

void rc_buf_addc(rc_buf *b, char c)
{
    rc_buf_add(b, &c, 1);
}

void rc_buf_vaddf(rc_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap); /* the length it needs */
    if (n > 0) {
        buf_grow(b, (size_t)n);
        vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    } else {
        buf_grow(b, 0);
        b->ptr[b->len] = 0;
    }
    va_end(ap2);
}

void rc_buf_addf(rc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rc_buf_vaddf(b, fmt, ap);
    va_end(ap);
}

int rc_buf_add_stream(rc_buf *b, void *f, size_t max)
{
    char chunk[65536];
    size_t n;
    while (b->len <= max && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        rc_buf_add(b, chunk, n);
    return ferror((FILE *)f) ? errno : 0;
}

void rc_buf_add_utf8(rc_buf *b, uint32_t cp)
{
    char tmp[4];
    rc_buf_add(b, tmp, rc_utf8_encode(cp, tmp));
}

const char *rc_buf_str(const rc_buf *b)
{
    return b->ptr ? b->ptr : "";
}

/* ---- UTF-8 ---------------------------------------------------------- */

size_t rc_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    *cp = 0xFFFD;
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t rc_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        cp = 0xFFFD;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF)
        return rc_utf8_encode(0xFFFD, out);
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t rc_utf8_find_invalid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = rc_utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            return i;
        i += k;
    }
    return (size_t)-1;
}

size_t rc_utf8_length(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

int rc_edit_distance(const char *a, const char *b)
{
    /*
     * Optimal string alignment distance: insertions, deletions,
     * substitutions and swaps of two neighbours each cost one edit, since
     * "nmae" for "name" is the commonest typo of all.
     */
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 1000;
    int d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

/* ---- the program's own place ----------------------------------------- */

char *rc_path_join(const char *dir, const char *name)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_adds(&b, dir);
    if (b.len && b.ptr[b.len - 1] != '/')
        rc_buf_addc(&b, '/');
    rc_buf_adds(&b, name);
    return b.ptr;
}

/*
 * The running executable's path, malloc'ed, or NULL: Linux's
 * /proc/self/exe, macOS's _NSGetExecutablePath (made real, as the link
 * /proc gives is); elsewhere none, and the install's own paths are used.
 */
static char *exe_path(void)
{
#if defined(__APPLE__)
    uint32_t size = 0;
    _NSGetExecutablePath(NULL, &size); /* the size it needs */
    char *p = rc_xmalloc(size + 1);
    char *real = _NSGetExecutablePath(p, &size) == 0 ? realpath(p, NULL) : NULL;
    free(p);
    return real;
#elif defined(__linux__)
    for (size_t cap = 256;; cap *= 2) {
        char *p = rc_xmalloc(cap);
        ssize_t n = readlink("/proc/self/exe", p, cap);
        if (n >= 0 && (size_t)n < cap) {
            p[n] = '\0';
            return p;
        }
        free(p);
        if (n < 0)
            return NULL;
        /* truncated: try a larger buffer */
    }
#else
    return NULL;
#endif
}

char *rc_exe_dir(void)
{
    char *p = exe_path();
    char *slash = p ? strrchr(p, '/') : NULL;
    if (!slash) {
        free(p);
        return NULL;
    }
    if (slash == p)
        slash[1] = '\0'; /* a program in "/" */
    else
        *slash = '\0';
    return p;
}

char *rc_lib_dir(void)
{
    Dl_info info;
    void (*self)(void) = (void (*)(void))rc_lib_dir;
    void *at;
    memcpy(&at, &self, sizeof(at)); /* POSIX's way from a function pointer to void * */
    if (!dladdr(at, &info) || !info.dli_fname || !strchr(info.dli_fname, '/'))
        return NULL;
    char *p = realpath(info.dli_fname, NULL);
    char *slash = p ? strrchr(p, '/') : NULL;
    if (!slash) {
        free(p);
        return NULL;
    }
    if (slash == p)
        slash[1] = '\0';
    else
        *slash = '\0';
    return p;
}

/* The "C" locale, made once: a number in a CV reads the same whatever a host program set. */
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale;

static void make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

double rc_strtod(const char *s, char **end)
{
    pthread_once(&c_locale_once, make_c_locale);
    if (!c_locale)
        return strtod(s, end);
    locale_t old = uselocale(c_locale); /* this thread only */
    double v = strtod(s, end);
    uselocale(old);
    return v;
}
