/*
 * font: the faces a document is set in, and their metrics. font.c loads
 * faces (once a process, in a store) and measures them; fontset.c makes a
 * document's font set from its families and finds fallback faces.
 *
 * Metrics are in 1/1000 em, integers, computed exactly as libharu computes
 * the /W widths it writes into the PDF (so what we lay out is what viewers
 * place; a unit test checks this against HPDF_Font_GetUnicodeWidth).
 * Kerning and ligatures come from HarfBuzz (the font's 'kern' and 'liga'),
 * or for a shipped face from its compiled-in tables, which agree with it.
 */
#ifndef RC_FONT_H
#define RC_FONT_H

#include "base.h"
#include "diag.h"

/*
 * A face of a document's font set. The first six are fixed: the body
 * family's four faces, the typewriter face and the icons. Every further
 * family a role asks for (design.typography.font_family) takes four more
 * ids, and faces added for characters no family has come after those.
 */
typedef int rc_face_id;
enum {
    RC_FACE_REGULAR,
    RC_FACE_BOLD,
    RC_FACE_ITALIC,
    RC_FACE_BOLD_ITALIC,
    RC_FACE_MONO,
    RC_FACE_ICONS, /* Font Awesome 4.7's connection icons (Private Use Area) */
    RC_FACE_COUNT  /* the fixed faces; a set has at least these */
};

/* Offsets of a family's faces: regular, bold, italic, bold italic. */
enum { RC_VARIANT_BOLD = 1, RC_VARIANT_ITALIC = 2, RC_VARIANT_COUNT = 4 };

/* The text roles of RenderCV's typography.font_family. */
typedef enum rc_font_role {
    RC_ROLE_BODY,
    RC_ROLE_NAME,
    RC_ROLE_HEADLINE,
    RC_ROLE_CONNECTIONS,
    RC_ROLE_SECTION_TITLES,
    RC_ROLE_COUNT
} rc_font_role;

/* What a face id draws that its font file does not have. */
enum {
    RC_SYNTH_BOLD = 1, /* no bold face: the regular one, stroked as well as filled */
    RC_SYNTH_SLANT = 2 /* no italic face: the upright one, slanted */
};

typedef struct rc_face rc_face;
/* The faces loaded in one process, shared by every document it compiles. */
typedef struct rc_font_store rc_font_store;

/* The font set of one document. */
typedef struct rc_fonts {
    rc_face **faces;          /* faces[id], owned by the store */
    unsigned char *synthetic; /* synthetic[id]: RC_SYNTH_* bits */
    unsigned char *variant;   /* variant[id]: the style the face stands for (RC_VARIANT_*) */
    size_t nfaces, cap;
    int role_family[RC_ROLE_COUNT]; /* the family index each role is set in */
    int nfamilies;
    rc_font_store *store;
    int owns_store;           /* made by rc_fonts_load: freed with the set */
} rc_fonts;

/*
 * Where the shipped fonts are: $RESCOMP_FONT_DIR, then <dir of the
 * executable>/fonts (build tree), then <exe>/../share/rescomp/fonts and the
 * configured install data directory. Returns a malloc'ed path or NULL.
 */
char *rc_fonts_find_dir(void);

/* A store over the shipped fonts in dir (which may be NULL: errors come at use). */
rc_font_store *rc_font_store_new(const char *dir);
void rc_font_store_free(rc_font_store *s);
/* The faces loaded so far (for --depfile and --watch). */
size_t rc_font_store_count(const rc_font_store *s);
const rc_face *rc_font_store_face(const rc_font_store *s, size_t i);

/*
 * The font set for a document whose roles ask for the given families (a
 * NULL or empty name: the body's; the body's NULL: CMU Serif). A family is
 * a shipped one, else an installed TrueType family found through
 * fontconfig, else the shipped family nearest to a known name; an unknown
 * name is a warning at its position when the CV wrote it. A
 * family without a bold or italic face gets a synthetic one. Errors (a
 * missing shipped font) are RC_FAIL_FONT.
 */
typedef struct rc_family_request {
    const char *name; /* NULL or "": the body's family */
    rc_pos pos;       /* where it was written */
    int user;         /* the CV wrote it (not a theme): an unknown name warns */
} rc_family_request;

int rc_fonts_open(rc_fonts *f, rc_font_store *s, const rc_family_request req[RC_ROLE_COUNT],
                  rc_diags *d);
/* The default set (CMU Serif, typewriter, icons) from dir, with a store of its own. */
int rc_fonts_load(rc_fonts *f, const char *dir, rc_diags *d);
void rc_fonts_release(rc_fonts *f);

/* The face of `family` (an index of role_family) in the variant's style. */
rc_face_id rc_fonts_face(const rc_fonts *f, int family, int variant);
/*
 * A face that has cp, for text that face `id` cannot show: the document's
 * other families, the shipped ones, then any installed font that has it
 * (fontconfig), of the same weight and slant where there is one. Returns
 * -1 when no font has the character.
 */
rc_face_id rc_fonts_fallback(rc_fonts *f, rc_face_id id, uint32_t cp);

const char *rc_face_path(const rc_face *face);
const char *rc_face_name(const rc_face *face); /* "CMU Serif Bold" */
int rc_face_has_char(const rc_face *face, uint32_t cp);
/*
 * Advance width in 1/1000 em, as libharu's /W. A character the face lacks
 * is drawn with its .notdef glyph (a box), and has that glyph's width.
 */
int rc_face_advance(const rc_face *face, uint32_t cp);
/*
 * The kerning of n code points set as one run: out[i] receives the
 * adjustment (1/1000 em, usually <= 0) to apply between cps[i] and
 * cps[i+1]; out[n-1] is 0. A shipped face reads it from its compiled-in
 * pair table (kern_data.h); any other face is shaped, and the result is
 * remembered per word (hence not const): a document repeats its words, and
 * shaping is the costly part of measuring.
 */
void rc_face_kerning(rc_face *face, const uint32_t *cps, size_t n, int *out);
/*
 * The same with the face's ligatures (its 'liga' feature) when lig is not
 * NULL: lig[i] receives how many of the code points the glyph at i shows:
 * 1, or k > 1 at the first of k letters one ligature glyph shows (ff, fi,
 * ffl ...) and 0 at the others. A ligature's kerning goes to its last
 * letter, and so does its advance less its letters' advances: a run's width
 * stays the sum of its code points' advances and of kern, so that the
 * layout measures words as it always did, and a device that shows the
 * letters one by one (text, HTML) needs nothing. A word with a mark or a
 * format character (soft hyphen, joiner) gets no ligature.
 */
void rc_face_shape(rc_face *face, const uint32_t *cps, size_t n, int *kern, uint8_t *lig);
/* The most letters one ligature shows. */
#define RC_LIG_MAX 8
/*
 * The ligature glyph that shows the n letters cps (as rc_face_shape set
 * them; n >= 2): its advance in 1/1000 em, and *gid its glyph. -1 when
 * the face set no such ligature.
 */
int rc_face_ligature(const rc_face *face, const uint32_t *cps, size_t n, unsigned *gid);
/*
 * Where a shaped glyph is drawn off its pen position, in 1/1000 em (y
 * up): HarfBuzz places an Arabic or Hebrew mark over or under its letter
 * so (GPOS mark attachment), not where the mark's outline sits alone.
 */
typedef struct rc_glyph_offset {
    int16_t x, y;
} rc_glyph_offset;
/* The advance of glyph gid in 1/1000 em, as libharu computes a width. */
int rc_face_glyph_advance(const rc_face *face, unsigned gid);
/* How many times the face was shaped (the rest came from its table or memory). */
size_t rc_face_shape_count(const rc_face *face);
/*
 * The face cut down to n code points (cps, ascending, each once) and m
 * more glyphs (ligatures, which no code point maps to), as a font program
 * a device embeds (font_subset.c), into *out (reset first). For a
 * TrueType face, a TrueType program: the glyphs those need and the tables
 * a PDF font needs, no hinting; gids[k] (n + m + 1 of them) receives the
 * program's glyph for cps[k - 1], 0 (.notdef) for a character the face
 * lacks, whose box it then keeps, and gids[n + 1 + j] that for glyphs[j];
 * gids[0] is 0. For a face with CFF outlines (rc_face_is_cff), a bare
 * CID-keyed CFF program whose glyph and CID k is what gids[k] would name
 * (cff.h), no hinting; gids[k] then receives k. The subset is cut from the
 * very file that was measured. 0, or -1 (RC_FAIL_FONT) when the file
 * cannot be cut. shift (NULL, or m of them) moves glyphs[j] off its
 * origin: a TrueType program then gets, as gids[n + 1 + j], a composite
 * glyph of glyphs[j] so moved, drawn where the plain one would be drawn; a
 * CFF program glyphs[j]'s charstring moved, where it can be (charstring.h).
 * A glyphs[j] of RC_GID_BLANK (font_shape.h) asks for a glyph of no
 * outline and no advance.
 */
int rc_face_subset(const rc_face *face, const uint32_t *cps, size_t n, const uint16_t *glyphs,
                   const rc_glyph_offset *shift, size_t m, uint16_t *gids, rc_buf *out,
                   rc_diags *d);
/*
 * The face's font file as mapped in memory (valid while the face lives;
 * mapped on the first call for a shipped face), its size, and the face's
 * index in it (a collection holds several). NULL when it cannot be read.
 */
const unsigned char *rc_face_file(const rc_face *face, size_t *size, unsigned *index);
/*
 * Whether the face is a shipped one with compiled-in metrics: its file is
 * then known to be prepared by fonts/prepare.py (simple outlines only).
 */
int rc_face_is_builtin(const rc_face *face);
/* Whether the face's outlines are CFF (an OpenType .otf), not TrueType's glyf. */
int rc_face_is_cff(const rc_face *face);
/* The glyph of cp in the face's font, 0 when it has none. */
unsigned rc_face_glyph(const rc_face *face, uint32_t cp);
/* Vertical metrics in 1/1000 em (ascender positive, descender negative). */
int rc_face_ascender(const rc_face *face);
int rc_face_descender(const rc_face *face);
int rc_face_cap_height(const rc_face *face);
int rc_face_x_height(const rc_face *face);

#endif
