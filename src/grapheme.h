/*
 * grapheme: which characters join the character before them into one
 * grapheme cluster (combining accents, vowel signs, variation selectors,
 * ZWJ, emoji modifiers, tags), and how many of them a cluster may have.
 */
#ifndef RC_GRAPHEME_H
#define RC_GRAPHEME_H

#include <stdint.h>

/*
 * The most characters that extend one base character. A cluster of more
 * is no writing system's: Unicode's Stream-Safe Text Format (UAX #15)
 * allows 30 non-starters in a row, HarfBuzz sorts at most 32 combining
 * marks, and what lies beyond is stacked into one illegible blot. Shaping
 * time grows with the square of a cluster's length (each mark looks back
 * for its base), so build.c keeps this many and leaves out the rest.
 */
#define RC_MAX_CLUSTER_MARKS 32

/* Whether cp extends the grapheme cluster before it (UAX #29's Extend, SpacingMark, ZWJ). */
int rc_extends_cluster(uint32_t cp);

#endif
