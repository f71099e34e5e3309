/*
 * theme: the design values compiled at build time (tools/themedump.c) are
 * what loading each theme's YAML gives now, value for value, positions
 * included, for every built-in theme; a name that is no theme has none.
 */
#include "harness.h"
#include "load.h"
#include "theme.h"

#include <string.h>

int main(void)
{
    size_t themes = 0, values = 0;
    for (const rc_theme_source *t = rc_theme_sources; t->name; t++, themes++) {
        rc_arena a;
        rc_arena_init(&a);
        rc_diags d;
        rc_diags_init(&d);
        char file[64];
        snprintf(file, sizeof(file), "<theme %s>", t->name);
        rc_design_values fresh = {NULL, 0, 0};
        CHECK_INT(rc_load_design_memory(&fresh, file, t->yaml, strlen(t->yaml), &a, &d), 0);
        const rc_design_values *compiled = rc_theme_design(t->name);
        CHECK(compiled != NULL);
        if (compiled) {
            CHECK_INT(compiled->n, fresh.n);
            for (size_t i = 0; i < fresh.n && i < compiled->n; i++, values++) {
                const rc_design_value *x = &compiled->v[i], *y = &fresh.v[i];
                CHECK_STR(x->path, y->path);
                CHECK_STR(x->value.s, y->value.s);
                CHECK_STR(x->value.pos.file, y->value.pos.file);
                CHECK_INT(x->value.pos.line, y->value.pos.line);
                CHECK_INT(x->value.pos.col, y->value.pos.col);
            }
        }
        rc_diags_release(&d);
        rc_arena_release(&a);
    }
    CHECK(themes >= 10);
    CHECK(values > 400);
    size_t compiled_themes = 0;
    for (const rc_theme_values *t = rc_theme_compiled; t->name; t++)
        compiled_themes++;
    CHECK_INT(compiled_themes, themes);
    CHECK(rc_theme_design("no-such-theme") == NULL);
    return rc_test_report("test_theme");
}
