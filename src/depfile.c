/*
 * depfile: make rules for --depfile (see depfile.h).
 */
#include "depfile.h"

#include "atomic.h"

static void add_name(rc_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '#' || *s == '\\')
            rc_buf_addc(b, '\\');
        else if (*s == '$')
            rc_buf_addc(b, '$');
        rc_buf_addc(b, *s);
    }
}

void rc_depfile_format(const char *const *targets, size_t ntargets, const char *const *prereqs,
                       size_t nprereqs, rc_buf *out)
{
    for (size_t i = 0; i < ntargets; i++) {
        if (i)
            rc_buf_adds(out, " \\\n ");
        add_name(out, targets[i]);
    }
    rc_buf_addc(out, ':');
    for (size_t i = 0; i < nprereqs; i++) {
        rc_buf_adds(out, " \\\n  ");
        add_name(out, prereqs[i]);
    }
    rc_buf_addc(out, '\n');
    /* -MP: an empty rule per prerequisite but the first (the input). */
    for (size_t i = 1; i < nprereqs; i++) {
        rc_buf_addc(out, '\n');
        add_name(out, prereqs[i]);
        rc_buf_adds(out, ":\n");
    }
}

int rc_depfile_write(const char *path, const char *const *targets, size_t ntargets,
                     const char *const *prereqs, size_t nprereqs, rc_diags *d)
{
    rc_buf b = RC_BUF_INIT;
    rc_depfile_format(targets, ntargets, prereqs, nprereqs, &b);
    int rc = rc_write_atomic(path, rc_buf_str(&b), b.len, d);
    rc_buf_release(&b);
    return rc;
}
