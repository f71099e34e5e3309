/*
 * theme: the built-in themes, YAML files of design options (the themes
 * folder) compiled into the binary by cmake/EmbedThemes.cmake.
 */
#ifndef RC_THEME_H
#define RC_THEME_H

#include "cv.h"

#include <stddef.h>

typedef struct rc_theme_source {
    const char *name; /* "classic" */
    const char *yaml;
} rc_theme_source;

/* The theme under every other, and of a CV that names none: RenderCV's default. */
#define RC_DEFAULT_THEME "classic"

/* All themes, ending with {NULL, NULL}; sorted by name. */
extern const rc_theme_source rc_theme_sources[];

/*
 * The themes' design values, compiled at build time (tools/themedump.c
 * loads each theme's YAML with load.c, as a run would, and writes what it
 * found): a run does not parse the themes. Ends with a NULL name.
 */
typedef struct rc_theme_values {
    const char *name;
    rc_design_values values;
} rc_theme_values;

extern const rc_theme_values rc_theme_compiled[];

/* A theme's design values, or NULL when there is no theme of that name. */
const rc_design_values *rc_theme_design(const char *name);

#endif
