/*
 * design: a CV's style from its design options. It joins the modules that
 * own the parts: the built-in themes (theme.h), their YAML (load.h) and
 * what the options mean (style.h).
 */
#ifndef RC_DESIGN_H
#define RC_DESIGN_H

#include "cv.h"
#include "style.h"

/*
 * The classic theme's design options, then the CV's theme's, then the
 * CV's own, over rescomp's defaults. Returns -1 with diagnostics.
 */
int rc_style_load(rc_style *st, const rc_cv *cv, rc_arena *a, rc_diags *d);

#endif
