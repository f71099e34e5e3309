/*
 * theme: the built-in themes, YAML files of design options (the themes
 * folder) compiled into the binary by cmake/EmbedThemes.cmake.
 */
#ifndef RC_THEME_H
#define RC_THEME_H

#include <stddef.h>

typedef struct rc_theme_source {
    const char *name; /* "classic" */
    const char *yaml;
} rc_theme_source;

/* All themes, ending with {NULL, NULL}; sorted by name. */
extern const rc_theme_source rc_theme_sources[];

/* The YAML of a theme, or NULL when there is none of that name. */
const char *rc_theme_yaml(const char *name);

#endif
