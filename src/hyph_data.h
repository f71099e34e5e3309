/*
 * hyph_data: libhyphen dictionaries compiled into the library as flat
 * tables (written by tools/hyphdump.c at build time).
 *
 * The tables hold no pointers into each other, only offsets and state
 * numbers, so they are plain read-only data: nothing is relocated when
 * the program starts and their pages are not touched unless the language
 * is used. hyph.c matches words against them directly, and builds
 * libhyphen's HyphenDict from them for the words it leaves to libhyphen;
 * the dictionary's strings point into `strings` and are never freed.
 */
#ifndef RC_HYPH_DATA_H
#define RC_HYPH_DATA_H

#include <hyphen.h>
#include <stdint.h>

/* A state with a non-standard hyphenation ("ff/ff=f" in German). */
typedef struct rc_hyph_repl {
    int32_t state;
    int32_t repl; /* offset of the replacement in rc_hyph_data.strings */
    signed char index, cut;
} rc_hyph_repl;

/* One level of a dictionary: one HyphenDict (libhyphen chains two). */
typedef struct rc_hyph_level {
    char lhmin, rhmin, clhmin, crhmin;
    int32_t nohyphen; /* offset in strings of nohyphenl + 1 NUL-ended strings, or -1 */
    int nohyphenl;
    const char *cset;
    int utf8;
    int32_t num_states, num_trans, num_repl;
    const int32_t *match;        /* [num_states]: offset in strings, or -1 for none */
    const int32_t *fallback;     /* [num_states] */
    const unsigned char *ntrans; /* [num_states]: how many of trans are the state's */
    const uint32_t *trans;       /* [num_trans], state by state: new_state << 8 | ch */
    const rc_hyph_repl *repl;    /* [num_repl] */
    const int32_t *first;        /* [num_states]: where the state's transitions start in trans */
} rc_hyph_level;

typedef struct rc_hyph_data {
    int levels; /* 0: the dictionary was not installed at build time */
    const rc_hyph_level *level;
    const char *strings;
} rc_hyph_data;

/* The compiled-in dictionaries by locale ("en_US", "de_DE"), ended by {NULL, NULL}. */
typedef struct rc_hyph_builtin {
    const char *locale;
    const rc_hyph_data *data;
} rc_hyph_builtin;

extern const rc_hyph_builtin rc_hyph_builtins[];

/*
 * libhyphen's dictionary from the tables (levels > 0), to be freed with
 * rc_hyph_dict_free, not hnj_hyphen_free: its strings are the tables'.
 */
HyphenDict *rc_hyph_dict_from_data(const rc_hyph_data *data);
void rc_hyph_dict_free(HyphenDict *d);

#endif
