/*
 * variant: one CV, tailored. What a variant keeps of a loaded CV model:
 *
 * - tags: tagged content (an entry's `tags`, a highlight's) stays only when
 *   it shares a tag with include_tags (when the variant lists any) and has
 *   none of exclude_tags. Untagged content always stays; a dropped entry
 *   takes its highlights with it, and a section left with no entries goes.
 * - sections: when the variant lists them, only those, in that order (by
 *   section key as written).
 *
 * A tag or section the variant names that the CV does not have is an
 * error at the variant's own position. No I/O, no YAML: the overrides of
 * a variant (set, design, locale) are applied to the document before the
 * schema loads it (source.c); this is what is left for the model.
 */
#ifndef RC_VARIANT_H
#define RC_VARIANT_H

#include "cv.h"

typedef struct rc_variant_spec {
    rc_text name;
    rc_texts include_tags, exclude_tags;
    rc_texts sections;
    int has_sections; /* `sections` was given (an empty list keeps none) */
} rc_variant_spec;

/* Check the names the variant uses against cv, then tailor cv in place. */
int rc_variant_apply(rc_cv *cv, const rc_variant_spec *v, rc_arena *a, rc_diags *d);

/* Whether content with these tags stays in the variant (no tags: always). */
int rc_variant_keeps(const rc_variant_spec *v, const rc_texts *tags);

#endif
