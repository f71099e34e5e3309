/*
 * font: the faces a document is set in, and their metrics.
 *
 * Metrics are in 1/1000 em, integers, computed exactly as libharu computes
 * the /W widths it writes into the PDF (so what we lay out is what viewers
 * place; a unit test checks this against HPDF_Font_GetUnicodeWidth).
 * Kerning comes from HarfBuzz (kerning on, ligatures off, so every
 * character stays one glyph and extracts as itself).
 */
#ifndef RC_FONT_H
#define RC_FONT_H

#include "base.h"
#include "diag.h"

typedef enum rc_face_id {
    RC_FACE_REGULAR,
    RC_FACE_BOLD,
    RC_FACE_ITALIC,
    RC_FACE_BOLD_ITALIC,
    RC_FACE_MONO,
    RC_FACE_ICONS, /* Font Awesome 4.7's connection icons (Private Use Area) */
    RC_FACE_COUNT
} rc_face_id;

typedef struct rc_face rc_face;

typedef struct rc_fonts {
    rc_face *faces[RC_FACE_COUNT];
} rc_fonts;

/*
 * Where the shipped fonts are: $RESCOMP_FONT_DIR, then <dir of the
 * executable>/fonts (build tree), then <exe>/../share/rescomp/fonts and the
 * configured install data directory. Returns a malloc'ed path or NULL.
 */
char *rc_fonts_find_dir(void);

/* Load the shipped CMU Serif faces from dir. Errors are RC_FAIL_FONT. */
int rc_fonts_load(rc_fonts *f, const char *dir, rc_diags *d);
void rc_fonts_release(rc_fonts *f);

const char *rc_face_path(const rc_face *face);
const char *rc_face_name(const rc_face *face); /* "CMU Serif Bold" */
int rc_face_has_char(const rc_face *face, uint32_t cp);
/* Advance width in 1/1000 em, as libharu's /W (0 for a missing char). */
int rc_face_advance(const rc_face *face, uint32_t cp);
/*
 * Shape n code points as one run: out[i] receives the kerning adjustment
 * (1/1000 em, usually <= 0) to apply between cps[i] and cps[i+1];
 * out[n-1] is 0.
 */
void rc_face_kerning(const rc_face *face, const uint32_t *cps, size_t n, int *out);
/*
 * The face's HarfBuzz face, owned by the face and valid while it lives: the
 * PDF device subsets it, so what is embedded is exactly what was measured.
 * Declared without hb.h (HarfBuzz's typedef names this same struct).
 */
struct hb_face_t *rc_face_hb(const rc_face *face);
/* Vertical metrics in 1/1000 em (ascender positive, descender negative). */
int rc_face_ascender(const rc_face *face);
int rc_face_descender(const rc_face *face);
int rc_face_cap_height(const rc_face *face);
int rc_face_x_height(const rc_face *face);

#endif
