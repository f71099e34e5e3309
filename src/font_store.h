/*
 * font_store: what fontset.c and font_subset.c need of font.c's faces and
 * their store. Private to the font layer: the rest of rescomp sees font.h.
 */
#ifndef RC_FONT_STORE_H
#define RC_FONT_STORE_H

#include "font.h"

/* What a face must have to serve as what it is loaded for. */
typedef enum rc_face_use {
    RC_USE_TEXT,    /* a family's face: Latin letters and a space */
    RC_USE_ICONS,   /* the connection icons */
    RC_USE_FALLBACK /* any TrueType face: it is asked for single characters */
} rc_face_use;

/*
 * A face of the store, loaded the first time it is asked for; NULL with
 * the reason in *why. name: what messages call it (NULL: its full name).
 */
rc_face *rc_store_face(rc_font_store *s, const char *path, unsigned index, const char *name,
                       rc_face_use use, const char **why);
/*
 * A shipped font file (its metrics and kerning compiled in when they were
 * made from this very file, see face_data.h), or
 * NULL after an error (RC_FAIL_FONT) that names it and what to do.
 */
rc_face *rc_store_shipped_face(rc_font_store *s, const char *file, const char *name,
                               rc_face_use use, rc_diags *d);
/*
 * What identifies the face's file for face_data.h: its size and its head
 * table's checkSumAdjustment. 0 when the face has no head table.
 */
int rc_face_fingerprint(const rc_face *face, uint32_t *size, uint32_t *checksum);
/*
 * The face's HarfBuzz face, owned by the face and valid while it lives:
 * font_subset.c cuts it, so what is embedded is exactly what was measured.
 * Declared without hb.h (HarfBuzz's typedef names this same struct).
 */
struct hb_face_t *rc_face_hb(const rc_face *face);
/* The characters fontconfig found in no installed font, asked once each. */
int rc_store_known_missing(const rc_font_store *s, uint32_t cp);
void rc_store_note_missing(rc_font_store *s, uint32_t cp);

#endif
