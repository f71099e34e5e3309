/*
 * design: themes and the CV's design options into a style (see design.h).
 */
#include "design.h"

#include "load.h"
#include "theme.h"

#include <string.h>

int rc_style_load(rc_style *st, const rc_cv *cv, rc_arena *a, rc_diags *d)
{
    const char *names[2] = {"classic", cv->theme.s};
    rc_design_values vals[2];
    const rc_design_values *layers[2];
    size_t n = 0;
    memset(vals, 0, sizeof(vals));
    for (size_t i = 0; i < 2; i++) {
        if (!names[i] || (i == 1 && strcmp(names[i], "classic") == 0))
            continue;
        const char *yaml = rc_theme_yaml(names[i]);
        if (!yaml)
            return rc_error(d, cv->theme.pos, "theme '%s' is not built in", names[i]);
        char *file = rc_arena_printf(a, "<theme %s>", names[i]);
        if (rc_load_design_memory(&vals[n], file, yaml, strlen(yaml), a, d) != 0)
            return rc_error_class(d, RC_FAIL_INTERNAL, (rc_pos){0},
                                  "the built-in theme '%s' does not load", names[i]);
        layers[n] = &vals[n];
        n++;
    }
    return rc_style_for_cv(st, cv, layers, n, d);
}
