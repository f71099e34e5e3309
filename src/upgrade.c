/*
 * upgrade: `rescomp --upgrade FILE`: the file in RenderCV 2.8's form on
 * standard output. The file itself is never written: the user redirects
 * the output where they want it and compares.
 */
#include "cli.h"

#include "files.h"
#include "run.h"
#include "upgrade.h"

int rescomp_upgrade(const char *input, FILE *out, int color)
{
    rc_diags d;
    rc_arena a;
    rc_buf text = RC_BUF_INIT, result = RC_BUF_INIT;
    rc_diags_init(&d);
    rc_arena_init(&a);
    if (rc_file_read(input, 16u << 20, &text, (rc_pos){input, 0, 0}, &d) == 0 &&
        rc_upgrade_text(input, text.ptr ? text.ptr : "", text.len, &result, &a, &d) == 0) {
        fwrite(result.ptr ? result.ptr : "", 1, result.len, out);
        if (fflush(out) != 0)
            rc_error_class(&d, RC_FAIL_IO, (rc_pos){NULL, 0, 0}, "cannot write the upgraded file "
                           "to standard output");
    }
    rc_print_diags(stderr, &d, 0, color);
    int code = rc_exit_code(&d, 0);
    rc_buf_release(&text);
    rc_buf_release(&result);
    rc_arena_release(&a);
    rc_diags_release(&d);
    return code;
}
