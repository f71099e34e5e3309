/*
 * design: themes and the CV's design options into a style (see design.h).
 */
#include "design.h"

#include "theme.h"

#include <string.h>

int rc_style_load(rc_style *st, const rc_cv *cv, rc_arena *a, rc_diags *d)
{
    const char *names[2] = {RC_DEFAULT_THEME, cv->theme.s};
    const rc_design_values *layers[2];
    size_t n = 0;
    for (size_t i = 0; i < 2; i++) {
        if (!names[i] || (i == 1 && strcmp(names[i], RC_DEFAULT_THEME) == 0))
            continue;
        /* compiled at build time: no theme is parsed at run time (theme.h) */
        layers[n] = rc_theme_design(names[i]);
        if (!layers[n])
            return rc_error(d, cv->theme.pos, "theme '%s' is not built in", names[i]);
        n++;
    }
    return rc_style_for_cv(st, cv, layers, n, d);
}
