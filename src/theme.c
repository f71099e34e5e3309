/*
 * theme: lookup of the built-in themes (the data is generated).
 */
#include "theme.h"

#include "cli.h"

#include <string.h>

const rc_design_values *rc_theme_design(const char *name)
{
    for (const rc_theme_values *t = rc_theme_compiled; t->name; t++)
        if (strcmp(t->name, name) == 0)
            return &t->values;
    return NULL;
}

/*
 * What a theme is: the first line of its file's leading comment, up to its
 * first colon ("RenderCV's ember theme", "rescomp's own look, made for the
 * academic flagship").
 */
static size_t summary(const char *yaml, const char **start)
{
    if (strncmp(yaml, "# ", 2) != 0) {
        *start = "";
        return 0;
    }
    *start = yaml + 2;
    size_t n = strcspn(*start, ":\n");
    return n;
}

/* "NAME  what it is", the name first so that `cut -d' ' -f1` lists the names (completions/). */
int rescomp_list_themes(FILE *out)
{
    for (const rc_theme_source *t = rc_theme_sources; t->name; t++) {
        const char *what;
        size_t n = summary(t->yaml, &what);
        fprintf(out, "%-20s %.*s%s\n", t->name, (int)n, what,
                strcmp(t->name, RC_DEFAULT_THEME) ? "" : " (the default)");
    }
    return ferror(out) ? RESCOMP_EXIT_IO : RESCOMP_EXIT_OK;
}
