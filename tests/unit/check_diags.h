/*
 * check_diags: checks of the diagnostics a unit test collected. The test
 * that includes it holds them in a global `rc_diags diags`.
 */
#ifndef RC_TEST_CHECK_DIAGS_H
#define RC_TEST_CHECK_DIAGS_H

#include "diag.h"
#include "harness.h"

#include <string.h>

static const rc_diag *find_diag(rc_severity sev, const char *text)
{
    for (size_t i = 0; i < diags.n; i++)
        if (diags.v[i].severity == sev && strstr(diags.v[i].message, text))
            return &diags.v[i];
    return NULL;
}

/* One diagnostic containing `text`, at line:col (col 0: any column). */
#define CHECK_DIAG_AT(sev_, text_, line_, col_)                                          \
    do {                                                                                 \
        const rc_diag *dg_ = find_diag(sev_, text_);                                      \
        CHECK(dg_ != NULL);                                                              \
        if (!dg_) {                                                                      \
            fprintf(stderr, "  missing '%s'; got:\n", text_);                            \
            rc_diags_print(&diags, stderr);                                              \
        } else {                                                                         \
            CHECK_INT(dg_->pos.line, line_);                                              \
            if (col_)                                                                    \
                CHECK_INT(dg_->pos.col, col_);                                            \
        }                                                                                \
    } while (0)

/* An error containing `text` at line:col (col 0: any column). */
#define CHECK_ERROR_AT(text_, line_, col_) CHECK_DIAG_AT(RC_ERROR, text_, line_, col_)

#endif
