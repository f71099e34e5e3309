/*
 * merge: building one YAML document out of several, before the schema
 * loader sees it (part of the load layer, so it knows libyaml).
 *
 *   copy    a subtree of one document into another, stamping each mark
 *           with the number of its file (see load_yaml.h);
 *   merge   one mapping over another, key by key and recursively (an
 *           overlay file, a variant's design or locale); anything that is
 *           not a mapping on both sides is replaced;
 *   paths   "cv.sections.experience[0].company", or with any key quoted,
 *           cv.sections["Work Experience"][0]: the form of the loader's
 *           messages; `set` replaces or adds the value at a path.
 *
 * What a path may reach: every segment but the last must exist, except
 * inside the option trees (design, locale, settings), where missing
 * mappings are created as the schema knows them; the last key may be new
 * when its parent is a mapping (the schema then judges it, at the
 * position of the override). Everything else is an error with the
 * position of the offending segment.
 *
 * Documents are libyaml's: nodes live in one array that may move when a
 * node is added, so everything here holds node ids, never pointers.
 */
#ifndef RC_MERGE_H
#define RC_MERGE_H

#include "base.h"
#include "diag.h"

#include <yaml.h>

/* The file names that marks' indexes refer to. */
typedef struct rc_file_table {
    const char *const *names;
    size_t n;
} rc_file_table;

/* Position of a mark of a merged document. */
rc_pos rc_merge_pos(const rc_file_table *files, yaml_mark_t m);

/* An empty document; -1 when out of memory. */
int rc_merge_doc_init(yaml_document_t *doc);

/*
 * Copy node `id` of `src` (and everything under it) into `dst`. With
 * file >= 0 every copied mark's index becomes `file`; with -1 the marks
 * are kept (src is itself a merged document). src and dst must differ.
 * Returns the new node's id, 0 when out of memory.
 */
int rc_merge_copy(yaml_document_t *dst, yaml_document_t *src, int id, int file);

/* rc_merge_copy of a mapping without its pair `key` (and what is under it). */
int rc_merge_copy_except(yaml_document_t *dst, yaml_document_t *src, int id, int file,
                         const char *key);

/*
 * Merge node src_id of src over node dst_id of dst. Returns the id of the
 * result in dst: dst_id when both are mappings (merged in place), else a
 * copy of the source node that the caller puts where dst_id was. 0 when
 * out of memory.
 */
int rc_merge_over(yaml_document_t *dst, int dst_id, yaml_document_t *src, int src_id, int file);

/* The value of key `key` in mapping node `map` (0: none, or not a mapping). */
int rc_merge_lookup(yaml_document_t *doc, int map, const char *key);

/* ---- dotted paths ------------------------------------------------------ */

typedef struct rc_path_seg {
    char *key;       /* NULL for an index */
    size_t index;
    size_t offset;   /* of the segment in the text, in characters, for positions */
} rc_path_seg;

typedef struct rc_path {
    rc_path_seg *v;
    size_t n;
} rc_path;

/*
 * Parse a path at the start of `text`, stopping at the end or at a '='
 * outside brackets. Returns the number of bytes read, or -1 with *why set
 * to what is wrong and *where to the character offset of the problem.
 */
long rc_path_parse(const char *text, rc_path *out, const char **why, size_t *where);
void rc_path_release(rc_path *p);
/* "cv.sections[\"Work Experience\"][0]" for messages, first n segments. */
void rc_path_format(const rc_path *p, size_t n, rc_buf *out);

/*
 * Where an override was written: created nodes get `at` (index = file),
 * with the column of their segment when `exact` (the path is on one line
 * as written, unquoted).
 */
typedef struct rc_path_origin {
    yaml_mark_t at;
    int exact;
} rc_path_origin;

/*
 * Set the value at `path` in doc (whose root must be a mapping) to node
 * `value` (already in doc). Returns -1 with a positioned error when the
 * path leads nowhere in this document.
 */
int rc_merge_set(yaml_document_t *doc, const rc_path *path, int value, rc_path_origin origin,
                 const rc_file_table *files, rc_diags *d);

/*
 * Find the node at `path` without changing anything: its id, or 0 when it
 * does not exist (no diagnostics).
 */
int rc_merge_get(yaml_document_t *doc, const rc_path *path);

#endif
