/*
 * upgrade: an older RenderCV file (1.x, 2.0-2.3) in the v2.8 form, as
 * text: `rescomp --upgrade cv.yaml` (load_upgrade.c; the decisions are
 * load_legacy.c's, the same that compiling the file makes).
 */
#ifndef RC_UPGRADE_H
#define RC_UPGRADE_H

#include "diag.h"

/*
 * The text of the file `name` (data, len) with every old key renamed or
 * moved where v2.8 keeps it, and those v2.8 has no place for commented
 * out with the reason; comments, order, quoting and layout stay as they
 * are. A file without old keys comes out unchanged. Appends to out; -1
 * with diagnostics (a YAML syntax error, a JSON Resume).
 */
int rc_upgrade_text(const char *name, const char *data, size_t len, rc_buf *out, rc_arena *a,
                    rc_diags *d);

#endif
