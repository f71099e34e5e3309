/*
 * theme: lookup of the built-in themes (the data is generated).
 */
#include "theme.h"

#include <string.h>

const char *rc_theme_yaml(const char *name)
{
    for (const rc_theme_source *t = rc_theme_sources; t->name; t++)
        if (strcmp(t->name, name) == 0)
            return t->yaml;
    return NULL;
}
