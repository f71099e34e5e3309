/*
 * rebind: point one loaded shared library's own references to some of
 * its functions at ours instead, without exporting anything.
 *
 * btparse reports errors, post-processes entries and checks syntax
 * through calls that go by symbol (bib.c says which and why it must
 * take them over). A program could interpose on those symbols by
 * defining them; a library cannot without exporting them, and then it
 * would take them over in the host program too, or be taken over by a
 * host's own `print_error`. So the library writes its functions'
 * addresses into the relocated slots of the named library (its GOT and
 * the data that holds the addresses), once: only that library's own
 * references change, nothing is exported.
 */
#ifndef RC_REBIND_H
#define RC_REBIND_H

#include <stddef.h>

typedef struct rc_rebinding {
    const char *symbol; /* a function of the library */
    void *target;       /* ours, to be called in its place */
    void *original;     /* set: the library's own definition, or NULL */
} rc_rebinding;

/*
 * In the loaded library whose file name contains `library` (the one that
 * defines `anchor`, an address inside it), rewrite every relocated
 * reference to each symbol to its target. Returns how many slots were
 * written, or -1 when the library or its dynamic section is not found
 * (why: a static string).
 */
int rc_rebind(const void *anchor, rc_rebinding *b, size_t n, const char **why);

#endif
