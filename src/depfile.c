/*
 * depfile: make rules for --depfile (see depfile.h for the escapes).
 */
#include "depfile.h"

#include "atomic.h"

#include <string.h>

/* Where a name stands: a target (before the ':') or a prerequisite. */
enum { TARGET, PREREQ };

/* Whether make reads c specially at this place, so that it needs a backslash. */
static int needs_backslash(char c, int place)
{
    /* '%' makes a target a pattern; among prerequisites make keeps it, and its backslash */
    return c == ' ' || c == '#' || c == ':' || c == '*' || c == '?' || c == '[' || c == '|' ||
           (c == '%' && place == TARGET);
}

static void add_name(rc_buf *b, const char *s, int place)
{
    if (*s == '~')
        rc_buf_adds(b, "./"); /* not a home folder: make reads "./~x" as "~x" */
    for (; *s; s++) {
        if (*s == '\\') {
            /* Backslashes before a character escaped here (or the end) are halved by make. */
            size_t n = strspn(s, "\\");
            int doubled = !s[n] || needs_backslash(s[n], place);
            for (size_t i = 0; i < n * (doubled ? 2 : 1); i++)
                rc_buf_addc(b, '\\');
            s += n - 1;
            continue;
        }
        if (needs_backslash(*s, place))
            rc_buf_addc(b, '\\');
        else if (*s == '$')
            rc_buf_addc(b, '$');
        rc_buf_addc(b, *s);
    }
}

/* What in `name` make cannot read in a rule, or NULL. */
static const char *unwritable(const char *name)
{
    for (const char *s = name; *s; s++) {
        switch (*s) {
        case '\n': return "a newline";
        case '\r': return "a carriage return";
        case '\t': return "a tab";
        case ';': return "';', which starts a recipe";
        case '=': return "'=', which makes the line an assignment";
        }
    }
    return *name ? NULL : "nothing";
}

int rc_depfile_check(const char *const *names, size_t n, rc_diags *d)
{
    rc_pos nowhere = {NULL, 0, 0};
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        const char *bad = unwritable(names[i]);
        if (bad)
            rc = rc_error_class(d, RC_FAIL_USAGE, nowhere, "--depfile: the file name '%s' holds "
                                "%s, and make cannot read it in a rule; rename the file or "
                                "drop --depfile", names[i], bad);
    }
    return rc;
}

void rc_depfile_format(const char *const *targets, size_t ntargets, const char *const *prereqs,
                       size_t nprereqs, rc_buf *out)
{
    for (size_t i = 0; i < ntargets; i++) {
        if (i)
            rc_buf_adds(out, " \\\n ");
        add_name(out, targets[i], TARGET);
    }
    rc_buf_addc(out, ':');
    for (size_t i = 0; i < nprereqs; i++) {
        rc_buf_adds(out, " \\\n  ");
        add_name(out, prereqs[i], PREREQ);
    }
    rc_buf_addc(out, '\n');
    /* -MP: an empty rule per prerequisite but the first (the input). */
    for (size_t i = 1; i < nprereqs; i++) {
        rc_buf_addc(out, '\n');
        add_name(out, prereqs[i], TARGET);
        rc_buf_adds(out, ":\n");
    }
}

int rc_depfile_write(const char *path, const char *const *targets, size_t ntargets,
                     const char *const *prereqs, size_t nprereqs, rc_diags *d)
{
    if (rc_depfile_check(targets, ntargets, d) < 0 || rc_depfile_check(prereqs, nprereqs, d) < 0)
        return -1;
    rc_buf b = RC_BUF_INIT;
    rc_depfile_format(targets, ntargets, prereqs, nprereqs, &b);
    int rc = rc_write_atomic(path, rc_buf_str(&b), b.len, d);
    rc_buf_release(&b);
    return rc;
}
