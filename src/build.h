/*
 * build: paragraphs of styled spans become box/glue/penalty lists.
 *
 * A box is the part of a word set in one face (a word in two faces is two
 * boxes with no glue between, so no break can fall inside it); its
 * material, code points with their kerning, is kept in a run that the box's
 * payload indexes. Inter-word glue comes from the face's space (stretch
 * 1/2, shrink 1/3 of it, as TeX's fonts have it). Explicit hyphens and en
 * dashes between letters allow a break (ex_hyphen_penalty), never inside a
 * link, and only with three letters of the word on each side. A no-break
 * space (~) is glue behind an infinite penalty, and so are the spaces of a
 * short link label ("[ICML 2022]"). Words may get automatic hyphenation
 * points (discretionary flagged penalties, tried only by the breaker's
 * second pass), never in links, code, URLs, e-mail addresses, words with
 * digits, words with a hyphen of their own, words with a capital after
 * their first letter (acronyms, "LMFlow"), capitalised words inside a
 * sentence (names, where the language capitalises only those), nor in
 * the first three letters after an opening quote or bracket.
 */
#ifndef RC_BUILD_H
#define RC_BUILD_H

#include "diag.h"
#include "font.h"
#include "hyph.h"
#include "item.h"
#include "markup.h"
#include "style.h"

#define RC_NO_RUN UINT32_MAX

/* The material behind one box. */
typedef struct rc_run {
    rc_face_id face;
    rc_scaled size;
    uint32_t color;
    const uint32_t *cps;   /* owned by the paragraph (rc_para.mem) */
    const rc_scaled *kern; /* kern[i]: adjustment after cps[i] (sp), from the font */
    const uint8_t *lig;    /* NULL, or lig[i]: the letters the glyph at i shows (rc_face_shape) */
    const uint16_t *gids;  /* NULL, or the shaped glyphs of right-to-left text (doc.h's rc_draw) */
    const rc_glyph_offset *offset; /* NULL, or where those are drawn off their pens (rc_draw) */
    size_t n;
    rc_scaled width;       /* advances plus kerning */
    const char *url;       /* the link this text belongs to, or NULL */
    const char *actual;    /* small caps: the text as written, for extraction, or NULL */
    uint32_t node;         /* the structure node it shows (doc.h), from its paragraph style */
} rc_run;

/* What a paragraph was built from, so it can be built again with hyphens. */
typedef struct rc_para_source rc_para_source;
/* Storage of the runs' code points and kerning (build.c). */
typedef struct rc_para_chunk rc_para_chunk;

typedef struct rc_para {
    rc_item *items;
    size_t n, cap;
    rc_run *runs;
    size_t nruns, runs_cap;
    rc_align align;
    int items_line;        /* a line of items (header connections): ragged lines may end
                              after any item, however short, whatever the alignment */
    /*
     * > 0: a title set balanced (as CSS's text-wrap: balance), its lines of
     * about equal length rather than a full line and a word alone: the
     * stretch of its ragged line ends and of its last line, about the
     * measure, so a short line costs as much wherever it falls.
     */
    rc_scaled balance;
    int rtl;               /* a word has right-to-left letters: its lines are ordered (bidi.h) */
    int after_marker;      /* a bullet or label stands before its first line, a few points
                              away: that line's first letter hangs nothing into the gap
                              (an opening quote would all but touch the bullet) */
    rc_pos pos;            /* where the text came from, for messages */
    rc_scaled word_width;  /* of the boxes since the last glue (build.c's MAX_BOX_WIDTH) */
    uint32_t word_end;     /* the last letter or stop of the last word, 0 at the start:
                              whether the next word begins a sentence (build.c) */
    rc_para_source *src;
    size_t nsrc, src_cap;
    /*
     * The runs' code points and kerning, owned by the paragraph and freed
     * with it: a CV's words are needed only until their lines are set, so
     * they are not kept in the job's arena for the whole document.
     */
    rc_para_chunk *mem;
} rc_para;

/* How a paragraph's text is set. */
typedef struct rc_para_style {
    rc_scaled size;
    uint32_t color;
    uint32_t link_color;
    unsigned style;        /* RC_STYLE_* applied to every span (e.g. bold titles) */
    int family;            /* the font family (fonts->role_family[role]); 0: the body's */
    rc_align align;
    int ex_hyphen_penalty;
    int hyphen_penalty;
    int hyphenate;         /* the text may be hyphenated (body text, not names) */
    const rc_hyph *hyph;   /* the patterns to use when it is, or NULL: not yet */
    int no_breaks;         /* 1: every space is a no-break space (names, dates) */
    int smallcaps;         /* lower-case letters as capitals at 4/5 of the size */
    int ligatures;         /* set the faces' ligatures (not in code, icons or letter-spaced text) */
    rc_scaled break_wider; /* > 0 only when built again for a line that was too wide:
                              a word wider than this may break (emergency_breaks) */
    int break_anywhere;    /* ... between any two characters too, when that was not enough */
    int protrude;          /* justified text: boxes record their margin protrusion (protrude.h) */
    uint32_t node;         /* the structure node the text shows (doc.h); 0: decoration */
} rc_para_style;

void rc_para_init(rc_para *p, rc_align align, rc_pos pos);
/* Free the paragraph's items, runs and their material (run->cps, run->kern). */
void rc_para_release(rc_para *p);
/* Bytes the paragraph holds (items, runs and their material). */
size_t rc_para_bytes(const rc_para *p);

/*
 * Append spans (from rc_markup_parse) to the paragraph. A character its
 * face lacks comes from a fallback face (rc_fonts_fallback); characters no
 * font has are drawn as their face's .notdef box, with one warning at the
 * first. A letter keeps RC_MAX_CLUSTER_MARKS combining characters and loses
 * the rest, with one warning. A link target too long for a PDF is an error:
 * returns -1 then, else 0.
 * What a draw may point to after the paragraph is gone (the written text
 * of small capitals) goes into the arena a.
 */
int rc_para_add_spans(rc_para *p, rc_spans spans, const rc_para_style *ps, rc_fonts *fonts,
                      rc_arena *a, rc_diags *d);
/* Append inter-word glue in the given face (a space between two fields). */
void rc_para_add_space(rc_para *p, const rc_para_style *ps, rc_fonts *fonts);
/* End the paragraph as TeX does (§816): penalty inf, parfillskip, forced break. */
void rc_para_finish(rc_para *p);

/* Whether some of the paragraph's text may be hyphenated. */
int rc_para_hyphenatable(const rc_para *p);
/*
 * Build the paragraph again from its text with hyphenation points from h
 * (TeX hyphenates only when a paragraph cannot be set without), and
 * finish it. Diagnostics were given the first time and are not repeated.
 * With break_wider > 0 (a line was still too wide), a word wider than
 * that may also break where no hyphenation point is: after the
 * punctuation of a URL, a path or a date ('/', '-', '_', ':', before '.'),
 * with no hyphen shown, and the ties of no_breaks text may break at a
 * high cost. With `anywhere` too (that was not enough), such a word may
 * break between any two characters, at a high cost (showing a hyphen
 * between letters of a word that is not a link, a path or a date).
 */
void rc_para_rebuild(rc_para *p, const rc_hyph *h, rc_scaled break_wider, int anywhere,
                     rc_fonts *fonts, rc_arena *a);

/* Natural width of the items [from, to), as if set on one line. */
rc_scaled rc_para_natural_width(const rc_para *p, size_t from, size_t to);

/* The face of the family (an index of fonts->role_family) for RC_STYLE_* bits. */
rc_face_id rc_face_for_style(const rc_fonts *fonts, int family, unsigned style);

#endif
