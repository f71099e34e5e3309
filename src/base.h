/*
 * base: the few primitives every module shares.
 *
 * - rc_scaled: every length in the program, in TeX's scaled points
 *   (1/65536 pt), so that layouts and trace dumps are identical on every
 *   machine. Only the PDF device converts to floating point.
 * - rc_arena: a bump allocator. One arena per job owns the CV model, the
 *   markup spans and the display list; everything is freed at once.
 * - rc_buf: a growable byte buffer. Invariant: buf->ptr is always
 *   NUL-terminated (also when empty), buf->len excludes the NUL.
 * - UTF-8 decoding, with validation, because libharu passes invalid UTF-8
 *   through silently.
 * - rc_xmalloc and friends abort on out-of-memory: the only place the
 *   library may terminate the process (as cmark does).
 */
#ifndef RC_BASE_H
#define RC_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

typedef int32_t rc_scaled;           /* 1/65536 pt, TeX §101 */
#define RC_UNITY 65536
#define RC_PT(x) ((rc_scaled)((x) * 65536.0 + ((x) < 0 ? -0.5 : 0.5)))
#define RC_MAX_SCALED ((rc_scaled)0x3FFFFFFF)
/*
 * Width w of glyphs scaled by font expansion e (thousandths): what the
 * breaker measures, the layout sets and a PDF's Tz draws (linebreak.h).
 */
static inline rc_scaled rc_expanded(rc_scaled w, int e)
{
    return w + (rc_scaled)((int64_t)w * e / 1000);
}

#define RC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *rc_xmalloc(size_t n);
void *rc_xcalloc(size_t count, size_t size);
void *rc_xrealloc(void *p, size_t n);
char *rc_xstrdup(const char *s);

/* Grow a (ptr, n, cap) triple so that one more element fits. */
#define RC_VEC_PUSH(ptr, n, cap)                                              \
    do {                                                                      \
        if ((n) == (cap)) {                                                   \
            (cap) = (cap) ? 2 * (cap) : 8;                                    \
            (ptr) = rc_xrealloc((ptr), (cap) * sizeof(*(ptr)));               \
        }                                                                     \
    } while (0)

/* ---- arena ---------------------------------------------------------- */

typedef struct rc_arena_chunk rc_arena_chunk;
typedef struct rc_arena {
    rc_arena_chunk *head;
    size_t used_total;               /* bytes handed out, for benchmarks */
} rc_arena;

void rc_arena_init(rc_arena *a);
void rc_arena_release(rc_arena *a);
/* Zero-filled, aligned for any type. Never returns NULL. */
void *rc_arena_alloc(rc_arena *a, size_t n);
char *rc_arena_strdup(rc_arena *a, const char *s);
char *rc_arena_strndup(rc_arena *a, const char *s, size_t n);
char *rc_arena_printf(rc_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Copy an array of n elements of size sz into the arena (NULL if n == 0). */
void *rc_arena_memdup(rc_arena *a, const void *p, size_t n, size_t sz);

/* ---- buffer --------------------------------------------------------- */

typedef struct rc_buf {
    char *ptr;
    size_t len, cap;
} rc_buf;

#define RC_BUF_INIT {NULL, 0, 0}
void rc_buf_init(rc_buf *b);
void rc_buf_release(rc_buf *b);
void rc_buf_reset(rc_buf *b);
void rc_buf_add(rc_buf *b, const void *p, size_t n);
void rc_buf_adds(rc_buf *b, const char *s);
void rc_buf_addc(rc_buf *b, char c);
void rc_buf_addf(rc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rc_buf_vaddf(rc_buf *b, const char *fmt, va_list ap);
/* Append the UTF-8 encoding of code point cp. */
void rc_buf_add_utf8(rc_buf *b, uint32_t cp);
/*
 * Append the rest of stream f (a FILE *) to b, stopping once b holds more
 * than max bytes (so a caller can tell "too large" from "exactly max").
 * 0, or the errno of a read error.
 */
int rc_buf_add_stream(rc_buf *b, void *f, size_t max);
/* Return the NUL-terminated string (never NULL). */
const char *rc_buf_str(const rc_buf *b);

/* ---- UTF-8 ---------------------------------------------------------- */

/*
 * Decode one code point from s[0..n). Returns the number of bytes used
 * (1..4), or 0 if the bytes are not valid UTF-8 (overlong forms,
 * surrogates and values above U+10FFFF are invalid); *cp is then U+FFFD.
 */
size_t rc_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp into out (at least 4 bytes); returns the byte count. */
size_t rc_utf8_encode(uint32_t cp, char *out);
/* Offset of the first invalid byte, or (size_t)-1 when s is valid. */
size_t rc_utf8_find_invalid(const char *s, size_t n);
/* Number of code points in a valid UTF-8 string. */
size_t rc_utf8_length(const char *s, size_t n);

/* ---- small helpers ------------------------------------------------- */

/* Levenshtein distance between two ASCII/UTF-8 strings (bytewise). */
int rc_edit_distance(const char *a, const char *b);

/*
 * Directory of the running executable (Linux, macOS), or NULL; the
 * caller frees it. Shipped files (fonts, the phone module) are found from it.
 */
char *rc_exe_dir(void);
/*
 * Directory of the file this code was loaded from: librescomp.so's for a
 * program embedding the library (whose executable is its own, python3's),
 * the executable's otherwise; NULL when unknown. Freed by the caller.
 */
char *rc_lib_dir(void);
/*
 * strtod in the "C" locale, whatever the process's is: a program that
 * embeds the library may have set LC_NUMERIC to one whose decimal point
 * is a comma, and "0.5cm" must still be half a centimetre.
 */
double rc_strtod(const char *s, char **end);
/* "dir/name" (one slash between), malloc'ed. */
char *rc_path_join(const char *dir, const char *name);

#endif
