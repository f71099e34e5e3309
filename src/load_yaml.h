/*
 * load_yaml: the loader's document-level interface, for the modules of the
 * load layer that build a YAML document before the schema sees it
 * (merge.c, source.c). Everyone else uses load.h.
 *
 * A document may be merged from several files. Its nodes then keep the
 * marks they were parsed with, except that a mark's `index` is not a byte
 * offset but the number of the node's file in a `files` table, so that
 * every diagnostic still points at file:line:column.
 */
#ifndef RC_LOAD_YAML_H
#define RC_LOAD_YAML_H

#include "cv.h"

#include <yaml.h>

#include <string.h>

/*
 * Parse one YAML file into a checked document: syntax, the size and alias
 * limits, UTF-8 of every value, duplicate keys, a single document. No
 * schema. On success the caller owns *doc (yaml_document_delete); on
 * failure *doc is zeroed and needs no release. An empty file gives a
 * document without a root node.
 */
int rc_yaml_parse(yaml_document_t *doc, const char *name, const char *data, size_t len,
                  rc_diags *d);

/*
 * YAML 1.1 null as the loader counts it: a missing node, an empty value
 * written any way (JSON's null too), or a plain ~, null, Null or NULL.
 * Such a field is absent; a merge that sets it removes it.
 */
static inline int rc_yaml_is_null(const yaml_node_t *n)
{
    if (!n)
        return 1;
    if (n->type != YAML_SCALAR_NODE)
        return 0;
    if (n->data.scalar.length == 0)
        return 1;
    if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *s = (const char *)n->data.scalar.value;
    return !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/*
 * An empty string written as one ('' or ""): RenderCV's text fields are
 * Python str, which takes it where null is refused ("company: ''" is a
 * valid experience entry there). It is null to the model all the same.
 */
static inline int rc_yaml_is_empty_text(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE && n->data.scalar.length == 0 &&
           n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
}

/* What a node is, for messages: "empty", "a list", "a mapping" or "text". */
static inline const char *rc_yaml_kind(const yaml_node_t *n)
{
    if (rc_yaml_is_null(n))
        return "empty";
    switch (n->type) {
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return "text";
    }
}

/*
 * The schema walk of rc_load_cv_memory over a document. `name` is the main
 * file (for messages about the whole document); with `files` (may be
 * NULL), each mark's index names its file as described above. The files
 * the CV names must lie under root (files.h; NULL: anywhere), which must
 * outlive the model.
 */
int rc_load_cv_document(rc_cv *cv, yaml_document_t *doc, const char *name,
                        const char *const *files, size_t nfiles, const struct rc_root *root,
                        rc_arena *a, rc_diags *d);

#endif
