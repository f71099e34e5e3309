/*
 * DejaVu Sans as installed (Debian's fonts-dejavu-core), a face with
 * Arabic and Hebrew, composites and 2048 units an em, for a unit test of
 * shaping or subsetting (test_font, test_subset). Include after harness.h.
 */
#ifndef RC_TEST_DEJAVU_FACE_H
#define RC_TEST_DEJAVU_FACE_H

#include "font.h"
#include "font_store.h"

#include <stdio.h>
#include <unistd.h>

/*
 * The face, in a store of its own (*store, freed by the caller), or NULL:
 * a failed check when it does not load, a note when it is not installed.
 */
static inline rc_face *rc_test_dejavu(rc_font_store **store, const char *what)
{
    const char *dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    *store = NULL;
    if (access(dejavu, R_OK) != 0) {
        fprintf(stderr, "%s not installed; %s not checked\n", dejavu, what);
        return NULL;
    }
    *store = rc_font_store_new(NULL);
    const char *why = NULL;
    rc_face *face = rc_store_face(*store, dejavu, 0, NULL, RC_USE_TEXT, &why);
    CHECK(face != NULL);
    return face;
}

#endif
