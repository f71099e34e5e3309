/*
 * load: YAML (RenderCV v2.8 schema) into the CV model. The only module that
 * knows libyaml. Every error points at the offending node: libyaml marks
 * are 0-based, positions here are 1-based.
 */
#ifndef RC_LOAD_H
#define RC_LOAD_H

#include "cv.h"

/*
 * Read and load a file. Unreadable file: RC_FAIL_IO; anything else:
 * RC_FAIL_INPUT. The files it names must lie under root (files.h; NULL:
 * anywhere), which must outlive the model.
 */
int rc_load_cv_file(rc_cv *cv, const char *path, const struct rc_root *root, rc_arena *a,
                    rc_diags *d);
/* Load from memory; `name` is used in positions. The files it names may lie anywhere. */
int rc_load_cv_memory(rc_cv *cv, const char *name, const char *data, size_t len, rc_arena *a,
                      rc_diags *d);

/*
 * Load a theme compiled into rescomp: a mapping of design options,
 * appended to out as path = value pairs. The themes are rescomp's own
 * files, so the input limits that guard a CV's loading are not checked.
 * (--design FILE is an overlay of the CV, loaded with it.)
 */
int rc_load_design_memory(rc_design_values *out, const char *name, const char *data,
                          size_t len, rc_arena *a, rc_diags *d);

#endif
