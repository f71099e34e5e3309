/*
 * cv: names and the section-title rule for the CV model.
 */
#include "cv.h"

#include <ctype.h>
#include <string.h>

const char *rc_entry_type_name(rc_entry_type t)
{
    static const char *const names[] = {
        "education entry",      "experience entry", "normal entry",
        "publication entry",    "one-line entry",   "bullet entry",
        "numbered entry",       "reversed numbered entry", "text entry",
    };
    return (unsigned)t < RC_ARRAY_LEN(names) ? names[t] : "entry";
}

static int is_small_word(const char *w, size_t n)
{
    static const char *const small[] = {"a",  "an", "and", "as", "at", "but", "by", "for",
                                        "in", "of", "on",  "or", "the", "to", "with", "nor"};
    for (size_t i = 0; i < RC_ARRAY_LEN(small); i++)
        if (strlen(small[i]) == n && memcmp(small[i], w, n) == 0)
            return 1;
    return 0;
}

char *rc_section_title_from_key(rc_arena *a, const char *key)
{
    for (const char *p = key; *p; p++)
        if (*p == ' ' || isupper((unsigned char)*p))
            return rc_arena_strdup(a, key);
    size_t n = strlen(key);
    char *out = rc_arena_strndup(a, key, n);
    size_t i = 0;
    int first = 1;
    while (i < n) {
        while (i < n && out[i] == '_')
            out[i++] = ' ';
        size_t start = i;
        while (i < n && out[i] != '_')
            i++;
        if (i > start && (first || !is_small_word(out + start, i - start)))
            out[start] = (char)toupper((unsigned char)out[start]);
        if (i > start)
            first = 0;
    }
    return out;
}
