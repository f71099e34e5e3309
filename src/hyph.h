/*
 * hyph: where words may be hyphenated, from Liang's patterns through
 * libhyphen and Debian's hyphen-* dictionaries (hyph_en_US.dic, ...).
 *
 * TeX's minimum fragments apply: two letters before a hyphen, three after
 * (\lefthyphenmin, \righthyphenmin). Which words are never hyphenated
 * (links, names, words with digits, all capitals) is the builder's call.
 */
#ifndef RC_HYPH_H
#define RC_HYPH_H

#include "base.h"
#include "diag.h"

typedef struct rc_hyph rc_hyph;

/*
 * Open the dictionary for a RenderCV language name ("english", "german",
 * ...; NULL means English). When no dictionary is installed, a warning at
 * pos names the Debian package, and NULL is returned: no hyphenation.
 * The patterns of the locales listed in src/CMakeLists.txt are compiled
 * in when installed at build time; $RESCOMP_HYPHEN_DIR overrides them
 * and /usr/share/hyphen, and the dictionary is then read from that folder.
 */
rc_hyph *rc_hyph_open(const char *language, rc_pos pos, rc_diags *d);
void rc_hyph_close(rc_hyph *h);

/*
 * Hyphenation points of the word cps[0..n) (letters only): out[i] is set
 * to 1 when a hyphen may follow cps[i], else 0. Returns how many were set.
 */
size_t rc_hyph_points(const rc_hyph *h, const uint32_t *cps, size_t n, unsigned char *out);

/*
 * Whether, in this language, a capital inside a sentence marks a proper
 * name (English, French, ...), so that the builder may leave such words
 * whole; not in German, which capitalises every noun.
 */
int rc_hyph_capitals_mark_names(const rc_hyph *h);

#endif
