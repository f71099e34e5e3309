/*
 * diag: the diagnostic list and its compiler-style printer.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void rc_diags_init(rc_diags *d)
{
    memset(d, 0, sizeof(*d));
}

void rc_diags_release(rc_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].message);
    free(d->v);
    rc_diags_init(d);
}

static void add(rc_diags *d, rc_severity sev, rc_failure failure, rc_pos pos, const char *fmt,
                va_list ap)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_vaddf(&b, fmt, ap);
    RC_VEC_PUSH(d->v, d->n, d->cap);
    rc_diag *g = &d->v[d->n++];
    g->severity = sev;
    g->failure = failure;
    g->pos = pos;
    g->message = b.ptr ? b.ptr : rc_xstrdup("");
    if (sev == RC_ERROR)
        d->nerrors++;
    else if (sev == RC_WARNING)
        d->nwarnings++;
}

int rc_error(rc_diags *d, rc_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, RC_ERROR, RC_FAIL_INPUT, pos, fmt, ap);
    va_end(ap);
    return -1;
}

int rc_error_class(rc_diags *d, rc_failure failure, rc_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, RC_ERROR, failure, pos, fmt, ap);
    va_end(ap);
    return -1;
}

void rc_warning(rc_diags *d, rc_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, RC_WARNING, RC_FAIL_INPUT, pos, fmt, ap);
    va_end(ap);
}

void rc_note(rc_diags *d, rc_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, RC_NOTE, RC_FAIL_INPUT, pos, fmt, ap);
    va_end(ap);
}

rc_pos rc_pos_advance(rc_pos pos, int offset)
{
    if (pos.line > 0)
        pos.col += offset;
    return pos;
}

/*
 * Whether a terminal would act on code point cp rather than show it: C0
 * controls (ESC starts the sequences that retitle a window, rewrite the
 * screen or make links), DEL, C1 controls (U+009B is a one-byte CSI), the
 * line and paragraph separators, and the bidirectional overrides and
 * isolates that reorder what is shown ("Trojan Source").
 */
static int acts(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void rc_buf_add_shown(rc_buf *out, const char *s)
{
    size_t n = strlen(s);
    while (n) {
        uint32_t cp;
        size_t k = rc_utf8_decode(s, n, &cp);
        if (!k)
            rc_buf_addf(out, "\\x%02x", (unsigned char)*s); /* not UTF-8: the byte */
        else if (acts(cp) && cp < 0x80)
            rc_buf_addf(out, "\\x%02x", (unsigned)cp);
        else if (acts(cp))
            rc_buf_addf(out, "\\u%04x", (unsigned)cp);
        else
            rc_buf_add(out, s, k);
        k = k ? k : 1;
        s += k;
        n -= k;
    }
}

const char *rc_diag_token(rc_arena *a, const char *s)
{
    size_t i = 0, chars = 0, n = strlen(s);
    while (i < n && chars < RC_TOKEN_MAX) {
        uint32_t cp;
        size_t k = rc_utf8_decode(s + i, n - i, &cp);
        i += k ? k : 1;
        chars++;
    }
    return i < n ? rc_arena_printf(a, "%.*s...", (int)i, s) : s;
}

/* gcc's colours (GCC_COLORS' defaults): locus bold, error bold red, warning bold magenta. */
#define SGR_LOCUS "\033[1m"
#define SGR_ERROR "\033[1;31m"
#define SGR_WARNING "\033[1;35m"
#define SGR_NOTE "\033[1;36m"
#define SGR_RESET "\033[m"

void rc_diag_add_severity(rc_buf *out, rc_severity severity, int color)
{
    const char *word = severity == RC_ERROR   ? "error:"
                       : severity == RC_NOTE ? "note:"
                                             : "warning:";
    if (color)
        rc_buf_addf(out, "%s%s" SGR_RESET " ",
                    severity == RC_ERROR  ? SGR_ERROR
                    : severity == RC_NOTE ? SGR_NOTE
                                          : SGR_WARNING,
                    word);
    else
        rc_buf_addf(out, "%s ", word);
}

void rc_diag_format_color(const rc_diag *g, int color, rc_buf *out)
{
    if (color)
        rc_buf_adds(out, SGR_LOCUS);
    if (g->pos.file) {
        rc_buf_add_shown(out, g->pos.file);
        if (g->pos.line > 0)
            rc_buf_addf(out, ":%d:%d", g->pos.line, g->pos.col > 0 ? g->pos.col : 1);
        rc_buf_adds(out, ":");
    } else {
        rc_buf_adds(out, "rescomp:");
    }
    rc_buf_adds(out, color ? SGR_RESET " " : " ");
    rc_diag_add_severity(out, g->severity, color);
    rc_buf_add_shown(out, g->message);
}

void rc_diag_format(const rc_diag *g, rc_buf *out)
{
    rc_diag_format_color(g, 0, out);
}

void rc_diags_print(const rc_diags *d, FILE *out)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < d->n; i++) {
        rc_buf_reset(&b);
        rc_diag_format(&d->v[i], &b);
        fprintf(out, "%s\n", rc_buf_str(&b));
    }
    rc_buf_release(&b);
}

const char *rc_did_you_mean(const char *word, const char *const *candidates)
{
    const char *best = NULL;
    int best_d = 1000;
    for (size_t i = 0; candidates[i]; i++) {
        int dist = rc_edit_distance(word, candidates[i]);
        if (dist < best_d) {
            best_d = dist;
            best = candidates[i];
        }
    }
    /* A third of the word may be wrong, at least one and at most three edits. */
    int allowed = (int)strlen(word) / 3;
    if (allowed < 1)
        allowed = 1;
    if (allowed > 3)
        allowed = 3;
    if (best_d <= allowed)
        return best;
    /*
     * The first word of a longer key ('start' for 'start_date', 'social'
     * for 'social_networks'): too many edits away, but plainly meant.
     */
    size_t n = strlen(word);
    for (size_t i = 0; n >= 3 && candidates[i]; i++)
        if (!strncmp(candidates[i], word, n) && candidates[i][n] == '_')
            return candidates[i];
    return NULL;
}
