/*
 * load_bibtex: a section item `- bibtex: publications.bib` becomes the
 * publication entries of that BibTeX file (bib.c reads it). Options on the
 * same item:
 *
 *   - bibtex: papers.bib        # relative to the YAML file
 *     keys: [lovelace1843, ...] # only these entries, in this order
 *     types: [article]          # only these entry types
 *     sort: newest-first        # or oldest-first, none (the default)
 *     highlight: Ada Lovelace   # the author set in bold (default cv.name;
 *                               # false for none)
 *     author_format: initials   # or full (the default)
 */
#include "bib.h"
#include "files.h"
#include "load_ext.h"

#include <stdlib.h>
#include <string.h>

static const char *const item_keys[] = {"bibtex", "keys", "types", "sort", "highlight",
                                        "author_format", NULL};

int rc_bibtex_is_item(const rc_yaml *y, const yaml_node_t *item)
{
    return item && item->type == YAML_MAPPING_NODE && rc_yaml_get(y, item, "bibtex") != NULL;
}

/* A text, or a list of text, into texts. */
static int texts_of(const rc_yaml *y, yaml_node_t *v, const char *path, rc_texts *out)
{
    out->v = NULL;
    out->n = 0;
    if (rc_yaml_is_null(v))
        return 0;
    if (v->type == YAML_SCALAR_NODE) {
        out->v = rc_arena_alloc(y->a, sizeof(rc_text));
        out->v[out->n++] = rc_yaml_text(y, v);
        return 0;
    }
    if (v->type != YAML_SEQUENCE_NODE)
        return rc_error(y->d, rc_yaml_pos(y, v), "%s must be text or a list of text, not %s",
                        path, rc_yaml_kind(v));
    size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    out->v = n ? rc_arena_alloc(y->a, n * sizeof(rc_text)) : NULL;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *it = rc_yaml_node(y, v->data.sequence.items.start[i]);
        if (rc_yaml_is_null(it))
            continue;
        if (it->type != YAML_SCALAR_NODE) {
            rc = rc_error(y->d, rc_yaml_pos(y, it), "%s[%zu] must be text, not %s", path, i,
                          rc_yaml_kind(it));
            continue;
        }
        out->v[out->n++] = rc_yaml_text(y, it);
    }
    return rc;
}

/* "a, b or c" */
static const char *list_names(const rc_yaml *y, const char *const *names)
{
    const char *s = names[0];
    for (int i = 1; names[i]; i++)
        s = rc_arena_printf(y->a, "%s%s%s", s, names[i + 1] ? ", " : " or ", names[i]);
    return s;
}

static int choice(const rc_yaml *y, yaml_node_t *v, const char *path, const char *const *names)
{
    if (v->type != YAML_SCALAR_NODE || rc_yaml_is_null(v))
        return rc_error(y->d, rc_yaml_pos(y, v), "%s must be %s, not %s", path,
                        list_names(y, names), rc_yaml_kind(v));
    for (int i = 0; names[i]; i++)
        if (!strcmp(rc_yaml_scalar(v), names[i]))
            return i;
    const char *near = rc_did_you_mean(rc_yaml_scalar(v), names);
    if (near)
        return rc_error(y->d, rc_yaml_pos(y, v), "unknown %s '%s' (did you mean '%s'?)", path,
                        rc_yaml_scalar(v), near);
    return rc_error(y->d, rc_yaml_pos(y, v), "unknown %s '%s'; use %s", path, rc_yaml_scalar(v),
                    list_names(y, names));
}

static int is_false(const yaml_node_t *v)
{
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "off", NULL};
    if (v->type != YAML_SCALAR_NODE || v->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    for (int i = 0; no[i]; i++)
        if (!strcmp(rc_yaml_scalar(v), no[i]))
            return 1;
    return 0;
}

/*
 * The file's path: relative to the folder of the YAML file that names it,
 * unless absolute; NULL with an error when it leaves the project (files.h).
 */
static const char *resolve(const rc_yaml *y, const yaml_node_t *at, const char *name, rc_pos pos)
{
    rc_buf b = RC_BUF_INIT;
    rc_files_join(&b, rc_yaml_pos(y, at).file, name);
    const char *path = rc_arena_strdup(y->a, rc_buf_str(&b));
    rc_buf_release(&b);
    return rc_files_check(y->root, path, "BibTeX file", name, pos, y->d) < 0 ? NULL : path;
}

/* cv.name as written in the document, for the default highlight. */
static const char *document_owner(const rc_yaml *y)
{
    yaml_node_t *root = yaml_document_get_root_node(y->doc);
    yaml_node_t *cvn = rc_yaml_get(y, root, "cv");
    yaml_node_t *name = rc_yaml_get(y, cvn, "name");
    if (!name || name->type != YAML_SCALAR_NODE || rc_yaml_is_null(name))
        return NULL;
    return rc_yaml_scalar(name);
}

int rc_bibtex_load_item(const rc_yaml *y, yaml_node_t *item, const char *path, const char *owner,
                        rc_entry **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    rc_bib_options o;
    memset(&o, 0, sizeof(o));
    o.highlight = owner ? owner : document_owner(y);
    const char *file = NULL;
    const yaml_node_t *file_node = NULL;
    int rc = 0;
    for (yaml_node_pair_t *p = item->data.mapping.pairs.start; p < item->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = rc_yaml_node(y, p->key), *v = rc_yaml_node(y, p->value);
        if (k->type != YAML_SCALAR_NODE) {
            rc = rc_error(y->d, rc_yaml_pos(y, k), "keys in %s must be text", path);
            continue;
        }
        const char *key = rc_yaml_scalar(k);
        const char *kpath = rc_arena_printf(y->a, "%s.%s", path, key);
        if (!strcmp(key, "bibtex")) {
            if (v->type != YAML_SCALAR_NODE || rc_yaml_is_null(v)) {
                rc = rc_error(y->d, rc_yaml_pos(y, v), "%s must be the path of a .bib file, "
                              "not %s", kpath, rc_yaml_kind(v));
                continue;
            }
            file = rc_yaml_scalar(v);
            file_node = v;
            o.at = rc_yaml_text(y, v).pos;
        } else if (!strcmp(key, "keys")) {
            rc |= texts_of(y, v, kpath, &o.keys);
        } else if (!strcmp(key, "types")) {
            rc |= texts_of(y, v, kpath, &o.types);
        } else if (!strcmp(key, "sort")) {
            static const char *const sorts[] = {"none", "newest-first", "oldest-first", NULL};
            int c = choice(y, v, kpath, sorts);
            if (c < 0)
                rc = -1;
            else
                o.sort = c == 1 ? RC_BIB_SORT_NEWEST_FIRST
                                : c == 2 ? RC_BIB_SORT_OLDEST_FIRST : RC_BIB_SORT_NONE;
        } else if (!strcmp(key, "highlight")) {
            if (is_false(v) || rc_yaml_is_null(v))
                o.highlight = NULL;
            else if (v->type == YAML_SCALAR_NODE)
                o.highlight = rc_yaml_scalar(v);
            else
                rc = rc_error(y->d, rc_yaml_pos(y, v), "%s must be a name or false, not %s",
                              kpath, rc_yaml_kind(v));
        } else if (!strcmp(key, "author_format")) {
            static const char *const formats[] = {"full", "initials", NULL};
            int c = choice(y, v, kpath, formats);
            if (c < 0)
                rc = -1;
            else
                o.initials = c == 1;
        } else {
            const char *near = rc_did_you_mean(key, item_keys);
            if (near)
                rc = rc_error(y->d, rc_yaml_pos(y, k), "unknown key '%s' in %s (did you mean "
                              "'%s'?)", key, path, near);
            else
                rc = rc_error(y->d, rc_yaml_pos(y, k), "unknown key '%s' in %s; a bibtex item "
                              "takes bibtex, keys, types, sort, highlight and author_format",
                              key, path);
        }
    }
    if (rc < 0 || !file)
        return -1;
    const char *resolved = resolve(y, file_node, file, o.at);
    if (!resolved)
        return -1;
    return rc_bib_load(resolved, resolved, &o, y->a, y->d, out, nout);
}
