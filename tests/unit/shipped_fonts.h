/*
 * The shipped fonts for a unit test that lays out text (test_build,
 * test_bidi, test_protrude, test_inputs, test_hyph): loaded, or a failed check with
 * the reason printed. Include after harness.h.
 */
#ifndef RC_TEST_SHIPPED_FONTS_H
#define RC_TEST_SHIPPED_FONTS_H

#include "font.h"

#include <stdlib.h>

/* 0 with *fonts loaded; -1 (a failed check) when they cannot be. */
static inline int rc_test_shipped_fonts(rc_fonts *fonts, rc_diags *d)
{
    char *dir = rc_fonts_find_dir();
    CHECK(dir != NULL);
    int rc = dir && rc_fonts_load(fonts, dir, d) == 0 ? 0 : -1;
    if (dir && rc < 0) {
        CHECK(!"the shipped fonts load");
        rc_diags_print(d, stderr);
    }
    free(dir);
    return rc;
}

#endif
