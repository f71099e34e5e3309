/*
 * load_ext: the parts of the load module that live in their own files,
 * and the few libyaml helpers they share. Internal to the load module
 * (load*.c): only these files know libyaml.
 *
 * - load_jsonresume.c: a JSON Resume document (schema 1.x) into the model;
 * - load_legacy.c: RenderCV 1.x and 2.0-2.3 keys rewritten in the parsed
 *   document to their v2.8 names before the schema walk, one warning each;
 * - load_bibtex.c: `- bibtex: file.bib` in a section, expanded by bib.c.
 *
 * Every function here is handed a document that load.c has already
 * checked (sizes, depth, aliases, UTF-8, duplicate keys).
 */
#ifndef RC_LOAD_EXT_H
#define RC_LOAD_EXT_H

#include "cv.h"
#include "load_yaml.h"

#include <yaml.h>

#include <string.h>

typedef struct rc_yaml {
    yaml_document_t *doc;
    const char *file;
    rc_arena *a;
    rc_diags *d;
    /* a document merged from several files (load_yaml.h): a mark's index
     * is the number of its file in `files` */
    const char *const *files;
    size_t nfiles;
    const struct rc_root *root; /* for the files a document names (files.h); NULL: anywhere */
} rc_yaml;

static inline yaml_node_t *rc_yaml_node(const rc_yaml *y, int id)
{
    return yaml_document_get_node(y->doc, id);
}

/* libyaml marks are 0-based; positions are 1-based. */
static inline rc_pos rc_yaml_pos(const rc_yaml *y, const yaml_node_t *n)
{
    rc_pos p = {y->file, (int)n->start_mark.line + 1, (int)n->start_mark.column + 1};
    if (y->files && n->start_mark.index < y->nfiles)
        p.file = y->files[n->start_mark.index];
    return p;
}

static inline const char *rc_yaml_scalar(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/*
 * The most bytes a field set on a line or two (a name, a title, a URL,
 * a key) may hold; paragraphs (summaries, highlights, text entries) have
 * no limit of their own. load.c says why.
 */
#define RC_YAML_MAX_FIELD 4096

/* The error for a one-line field of len bytes, when len > RC_YAML_MAX_FIELD; else 0. */
int rc_yaml_check_length(rc_diags *d, rc_pos pos, size_t len, const char *path);

/* A scalar as text, positioned at its first character (after a quote). */
static inline rc_text rc_yaml_text(const rc_yaml *y, const yaml_node_t *n)
{
    rc_text t;
    t.s = rc_arena_strndup(y->a, rc_yaml_scalar(n), n->data.scalar.length);
    t.pos = rc_yaml_pos(y, n);
    if (n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
        n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        t.pos.col++;
    return t;
}

/* The value of `key` in a mapping, or NULL. */
static inline yaml_node_t *rc_yaml_get(const rc_yaml *y, const yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = rc_yaml_node(y, p->key);
        if (k && k->type == YAML_SCALAR_NODE && !strcmp(rc_yaml_scalar(k), key))
            return rc_yaml_node(y, p->value);
    }
    return NULL;
}

/* ---- JSON Resume (load_jsonresume.c) ---- */

/* Is this document a JSON Resume: a top-level `basics`, or a .json file without `cv`? */
int rc_jsonresume_detect(const rc_yaml *y, const yaml_node_t *root);
/* Load it into cv (which load.c has initialised); -1 after errors. */
int rc_jsonresume_load(const rc_yaml *y, yaml_node_t *root, rc_cv *cv);

/*
 * Is the document written in JSON (its top level is a flow mapping, `{`)?
 * Then rc_json_relax(), before load.c's checks, reads it as JSON parsers
 * do rather than as YAML: a trailing comma gets a warning, and of keys
 * given twice in one object the last is kept, with a warning (YAML makes
 * them an error). data: the document's text.
 */
int rc_json_document(const yaml_document_t *doc);
void rc_json_relax(const rc_yaml *y, const char *data, size_t len);

/* ---- older RenderCV files (load_legacy.c) ---- */

/* One old key the pass renamed, moved, rewrote or removed. */
typedef struct rc_legacy_change {
    int key, value;          /* the old pair's node ids (their marks: where it is written) */
    const char *old_path;    /* the old key as the file writes it ("rendercv_settings.date") */
    const char *new_path[3]; /* where v2.8 keeps it (canonical paths); [0] NULL: removed */
    const char *new_key;     /* renamed where it stands (same parent): its new name; else NULL */
    const char *new_value;   /* the value as v2.8 writes it ("a4paper" -> "a4"); NULL: unchanged */
    const char *note;        /* removed: why, and what to write instead */
    const char *version;     /* "1.x" or "2.0-2.3" */
    int line, col;           /* the key's position (rc_legacy_sort) */
} rc_legacy_change;

typedef struct rc_legacy_changes {
    rc_legacy_change *v;
    size_t n, cap;
} rc_legacy_changes;

/*
 * Rewrite RenderCV 1.x and 2.0-2.3 keys in place to their v2.8 names and
 * places, and list each change in *out (release it with
 * rc_legacy_changes_release). Old keys with no clean equivalent are
 * removed. Warns nothing: rc_legacy_warn sums the changes up in one
 * warning; rc_upgrade_text (load_upgrade.c) writes them into the text.
 * Node pointers into the document are invalid afterwards (nodes may be
 * added); node ids stay valid, and the old nodes keep their marks.
 */
void rc_legacy_upgrade(const rc_yaml *y, rc_legacy_changes *out);
/* Set each change's line and column and sort them by position. */
void rc_legacy_sort(const rc_yaml *y, rc_legacy_changes *c);
/* One warning for the whole file: how many keys were renamed, which were ignored and why. */
void rc_legacy_warn(const rc_yaml *y, rc_legacy_changes *c);
void rc_legacy_changes_release(rc_legacy_changes *c);

/* cv.photo given as a URL (RenderCV 2.7+ downloads it): a warning, and no photo. 1 if so. */
int rc_legacy_photo_url(rc_diags *d, rc_text *photo);
/*
 * design.theme naming a folder of RenderCV templates beside the CV (a
 * custom theme): a warning, and the theme becomes classic. 1 if so.
 */
int rc_legacy_custom_theme(rc_diags *d, const char *cv_file, rc_text *theme);

/* ---- BibTeX in a section (load_bibtex.c) ---- */

/* Is this section item a `- bibtex: file.bib` request? */
int rc_bibtex_is_item(const rc_yaml *y, const yaml_node_t *item);
/*
 * Expand the request into publication entries (in the arena); `path` is
 * the item's dotted path for messages, `owner` the CV's name (NULL: look
 * for cv.name in the document).
 */
int rc_bibtex_load_item(const rc_yaml *y, yaml_node_t *item, const char *path, const char *owner,
                        rc_entry **out, size_t *nout);

#endif
