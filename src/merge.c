/*
 * merge: copy, merge and set by dotted path in libyaml documents (see
 * merge.h). Recursion follows the documents' nesting, which the loader's
 * checks bounded (64 levels) before anything was copied.
 */
#include "merge.h"
#include "load_yaml.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PATH_SEGMENTS 64

static yaml_node_t *node(yaml_document_t *doc, int id)
{
    return yaml_document_get_node(doc, id);
}

rc_pos rc_merge_pos(const rc_file_table *files, yaml_mark_t m)
{
    rc_pos p = {NULL, (int)m.line + 1, (int)m.column + 1};
    if (files && m.index < files->n)
        p.file = files->names[m.index];
    return p;
}

int rc_merge_doc_init(yaml_document_t *doc)
{
    return yaml_document_initialize(doc, NULL, NULL, NULL, 1, 1) ? 0 : -1;
}

static void set_marks(yaml_document_t *doc, int id, yaml_mark_t start, yaml_mark_t end)
{
    yaml_node_t *n = node(doc, id);
    n->start_mark = start;
    n->end_mark = end;
}

static int key_is(const yaml_node_t *k, const char *key, size_t len);

/* rc_merge_copy, leaving out the pair whose key is `skip` if node id is a mapping. */
static int copy(yaml_document_t *dst, yaml_document_t *src, int id, int file, const char *skip)
{
    const yaml_node_t *n = node(src, id);
    if (!n || dst == src)
        return 0;
    int nid = 0;
    switch (n->type) {
    case YAML_SCALAR_NODE:
        if (n->data.scalar.length > INT_MAX)
            return 0;
        nid = yaml_document_add_scalar(dst, n->tag, n->data.scalar.value,
                                       (int)n->data.scalar.length, n->data.scalar.style);
        break;
    case YAML_SEQUENCE_NODE:
        nid = yaml_document_add_sequence(dst, n->tag, n->data.sequence.style);
        for (yaml_node_item_t *it = n->data.sequence.items.start;
             nid && it < n->data.sequence.items.top; it++) {
            int c = rc_merge_copy(dst, src, *it, file);
            if (!c || !yaml_document_append_sequence_item(dst, nid, c))
                return 0;
        }
        break;
    case YAML_MAPPING_NODE:
        nid = yaml_document_add_mapping(dst, n->tag, n->data.mapping.style);
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
             nid && p < n->data.mapping.pairs.top; p++) {
            if (skip && key_is(node(src, p->key), skip, strlen(skip)))
                continue;
            int k = rc_merge_copy(dst, src, p->key, file);
            int v = k ? rc_merge_copy(dst, src, p->value, file) : 0;
            if (!v || !yaml_document_append_mapping_pair(dst, nid, k, v))
                return 0;
        }
        break;
    default:
        return 0;
    }
    if (!nid)
        return 0;
    yaml_mark_t start = n->start_mark, end = n->end_mark;
    if (file >= 0)
        start.index = end.index = (size_t)file;
    set_marks(dst, nid, start, end);
    return nid;
}

int rc_merge_copy(yaml_document_t *dst, yaml_document_t *src, int id, int file)
{
    return copy(dst, src, id, file, NULL);
}

int rc_merge_copy_except(yaml_document_t *dst, yaml_document_t *src, int id, int file,
                         const char *key)
{
    return copy(dst, src, id, file, key);
}

static int key_is(const yaml_node_t *k, const char *key, size_t len)
{
    return k && k->type == YAML_SCALAR_NODE && k->data.scalar.length == len &&
           memcmp(k->data.scalar.value, key, len) == 0;
}

/* Index of the pair whose key is `key` in mapping `map`, or -1. */
static long find_pair(yaml_document_t *doc, int map, const char *key, size_t len)
{
    yaml_node_t *m = node(doc, map);
    if (!m || m->type != YAML_MAPPING_NODE)
        return -1;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++)
        if (key_is(node(doc, p->key), key, len))
            return (long)(p - m->data.mapping.pairs.start);
    return -1;
}

int rc_merge_lookup(yaml_document_t *doc, int map, const char *key)
{
    long j = find_pair(doc, map, key, strlen(key));
    return j < 0 ? 0 : node(doc, map)->data.mapping.pairs.start[j].value;
}

int rc_merge_over(yaml_document_t *dst, int dst_id, yaml_document_t *src, int src_id, int file)
{
    const yaml_node_t *s = node(src, src_id);
    const yaml_node_t *t = node(dst, dst_id);
    if (!s || !t || s->type != YAML_MAPPING_NODE || t->type != YAML_MAPPING_NODE)
        return rc_merge_copy(dst, src, src_id, file);
    size_t npairs = (size_t)(s->data.mapping.pairs.top - s->data.mapping.pairs.start);
    for (size_t i = 0; i < npairs; i++) {
        yaml_node_pair_t sp = s->data.mapping.pairs.start[i];
        const yaml_node_t *sk = node(src, sp.key);
        long j = sk && sk->type == YAML_SCALAR_NODE
                     ? find_pair(dst, dst_id, (const char *)sk->data.scalar.value,
                                 sk->data.scalar.length)
                     : -1;
        if (j >= 0) {
            int old = node(dst, dst_id)->data.mapping.pairs.start[j].value;
            int merged = rc_merge_over(dst, old, src, sp.value, file);
            if (!merged)
                return 0;
            /* Adding nodes may have moved the array: look the pair up again. */
            node(dst, dst_id)->data.mapping.pairs.start[j].value = merged;
            continue;
        }
        int k = rc_merge_copy(dst, src, sp.key, file);
        int v = k ? rc_merge_copy(dst, src, sp.value, file) : 0;
        if (!v || !yaml_document_append_mapping_pair(dst, dst_id, k, v))
            return 0;
    }
    return dst_id;
}

/* ---- paths ------------------------------------------------------------------ */

void rc_path_release(rc_path *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].key);
    free(p->v);
    p->v = NULL;
    p->n = 0;
}

/* Characters that end a bare key. */
static int ends_bare(char c)
{
    return c == '\0' || c == '.' || c == '[' || c == ']' || c == '=' || c == '"';
}

static size_t chars(const char *s, size_t nbytes)
{
    return rc_utf8_length(s, nbytes);
}

static int push_seg(rc_path *out, size_t *cap, char *key, size_t index, size_t offset)
{
    if (out->n == MAX_PATH_SEGMENTS) {
        free(key);
        return -1;
    }
    RC_VEC_PUSH(out->v, out->n, *cap);
    rc_path_seg *s = &out->v[out->n++];
    s->key = key;
    s->index = index;
    s->offset = offset;
    return 0;
}

long rc_path_parse(const char *text, rc_path *out, const char **why, size_t *where)
{
    size_t i = 0, cap = 0;
    out->v = NULL;
    out->n = 0;
#define FAIL(msg, at)                                                                      \
    do {                                                                                   \
        *why = (msg);                                                                      \
        *where = chars(text, (at));                                                        \
        rc_path_release(out);                                                              \
        return -1;                                                                         \
    } while (0)
    for (;;) {
        size_t start = i;
        if (text[i] == '[' && text[i + 1] == '"') {
            /* ["any key"], with \" and \\ */
            rc_buf b = RC_BUF_INIT;
            i += 2;
            while (text[i] && text[i] != '"') {
                if (text[i] == '\\' && (text[i + 1] == '"' || text[i + 1] == '\\'))
                    i++;
                rc_buf_addc(&b, text[i++]);
            }
            if (text[i] != '"' || text[i + 1] != ']') {
                rc_buf_release(&b);
                FAIL("unterminated [\"key\"]; close it with \"]", start);
            }
            i += 2;
            if (push_seg(out, &cap, b.ptr ? b.ptr : rc_xstrdup(""), 0, chars(text, start)) < 0)
                FAIL("too many segments", start);
        } else if (text[i] == '[') {
            i++;
            size_t v = 0, ndigits = 0;
            while (text[i] >= '0' && text[i] <= '9') {
                if (v > (SIZE_MAX - 9) / 10)
                    FAIL("index too large", start);
                v = v * 10 + (size_t)(text[i++] - '0');
                ndigits++;
            }
            if (!ndigits || text[i] != ']')
                FAIL("expected a number in [ ], or a quoted key [\"key\"]", start);
            i++;
            if (out->n == 0)
                FAIL("a path starts with a key, not an index", start);
            if (push_seg(out, &cap, NULL, v, chars(text, start)) < 0)
                FAIL("too many segments", start);
        } else {
            while (!ends_bare(text[i]))
                i++;
            if (i == start)
                FAIL(text[i] == '"' ? "a quoted key is written [\"key\"]"
                                    : "empty key; write keys separated by single dots",
                     start);
            char *key = rc_xmalloc(i - start + 1);
            memcpy(key, text + start, i - start);
            key[i - start] = '\0';
            if (push_seg(out, &cap, key, 0, chars(text, start)) < 0)
                FAIL("too many segments", start);
        }
        /* What may follow a segment. */
        if (text[i] == '\0' || text[i] == '=')
            return (long)i;
        if (text[i] == '[')
            continue;
        if (text[i] == '.') {
            i++;
            if (text[i] == '[' || ends_bare(text[i]))
                FAIL("empty key; write keys separated by single dots", i);
            continue;
        }
        FAIL(text[i] == ']' ? "unexpected ']'" : "unexpected '\"'; a quoted key is written [\"key\"]",
             i);
    }
#undef FAIL
}

/* A key can be written bare when it is a plain word (the loader's rule). */
static int is_word(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!(*s == '_' || *s == '-' || (*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
              (*s >= 'A' && *s <= 'Z')))
            return 0;
    return 1;
}

void rc_path_format(const rc_path *p, size_t n, rc_buf *out)
{
    for (size_t i = 0; i < n && i < p->n; i++) {
        const rc_path_seg *s = &p->v[i];
        if (!s->key)
            rc_buf_addf(out, "[%zu]", s->index);
        else if (is_word(s->key))
            rc_buf_addf(out, "%s%s", i ? "." : "", s->key);
        else
            rc_buf_addf(out, "[\"%s\"]", s->key);
    }
}

static yaml_mark_t seg_mark(rc_path_origin o, const rc_path_seg *s)
{
    yaml_mark_t m = o.at;
    if (o.exact)
        m.column += s->offset;
    return m;
}

/* "cv.sections" or "the top level", for messages. */
static const char *where(const rc_path *p, size_t n, rc_buf *b)
{
    rc_buf_reset(b);
    if (n == 0)
        rc_buf_adds(b, "the top level");
    else
        rc_path_format(p, n, b);
    return rc_buf_str(b);
}

/* The keys of a mapping, NULL-terminated (malloc'ed), for suggestions and lists. */
static const char **keys_of(yaml_document_t *doc, int map)
{
    yaml_node_t *m = node(doc, map);
    size_t n = (size_t)(m->data.mapping.pairs.top - m->data.mapping.pairs.start), k = 0;
    const char **keys = rc_xcalloc(n + 1, sizeof(*keys));
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *kn = node(doc, m->data.mapping.pairs.start[i].key);
        if (kn && kn->type == YAML_SCALAR_NODE)
            keys[k++] = (const char *)kn->data.scalar.value;
    }
    keys[k] = NULL;
    return keys;
}

static int missing_key_error(yaml_document_t *doc, int map, const rc_path *p, size_t i,
                             rc_pos pos, rc_diags *d)
{
    rc_buf b = RC_BUF_INIT;
    const char **keys = keys_of(doc, map);
    const char *near = rc_did_you_mean(p->v[i].key, keys);
    int sections = i == 2 && !strcmp(p->v[0].key ? p->v[0].key : "", "cv") &&
                   p->v[1].key && !strcmp(p->v[1].key, "sections");
    const char *what = sections ? "section" : "key";
    if (near)
        rc_error(d, pos, "%s has no %s '%s' (did you mean '%s'?)", where(p, i, &b), what,
                 p->v[i].key, near);
    else if (sections && keys[0]) {
        rc_buf list = RC_BUF_INIT;
        for (size_t k = 0; keys[k]; k++)
            rc_buf_addf(&list, "%s'%s'", k == 0 ? "" : keys[k + 1] ? ", " : " and ", keys[k]);
        rc_error(d, pos, "%s has no section '%s'; it has %s", where(p, i, &b), p->v[i].key,
                 rc_buf_str(&list));
        rc_buf_release(&list);
    } else
        rc_error(d, pos, "%s has no %s '%s'; a path can add only its last key (outside "
                 "design, locale and settings)", where(p, i, &b), what, p->v[i].key);
    free(keys);
    rc_buf_release(&b);
    return -1;
}

/* Where the current node hangs: pair `slot` of mapping `parent`, or its item. */
typedef struct slot_ref {
    int parent;
    size_t slot;
    int is_item;
} slot_ref;

static void put(yaml_document_t *doc, slot_ref r, int value)
{
    yaml_node_t *p = node(doc, r.parent);
    if (r.is_item)
        p->data.sequence.items.start[r.slot] = value;
    else
        p->data.mapping.pairs.start[r.slot].value = value;
}

static int add_key(yaml_document_t *doc, const char *key, yaml_mark_t m)
{
    size_t len = strlen(key);
    if (len > INT_MAX || rc_utf8_find_invalid(key, len) != (size_t)-1)
        return 0;
    int k = yaml_document_add_scalar(doc, NULL, (yaml_char_t *)key, (int)len,
                                     is_word(key) ? YAML_PLAIN_SCALAR_STYLE
                                                  : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
    if (k)
        set_marks(doc, k, m, m);
    return k;
}

static int add_map(yaml_document_t *doc, yaml_mark_t m)
{
    int id = yaml_document_add_mapping(doc, NULL, YAML_BLOCK_MAPPING_STYLE);
    if (id)
        set_marks(doc, id, m, m);
    return id;
}

static int oom(rc_diags *d, rc_pos pos)
{
    return rc_error_class(d, RC_FAIL_INTERNAL, pos, "out of memory while applying an override");
}

int rc_merge_set(yaml_document_t *doc, const rc_path *path, int value, rc_path_origin origin,
                 const rc_file_table *files, rc_diags *d)
{
    rc_buf b = RC_BUF_INIT;
    int cur = 1, rc = -1;
    slot_ref ref = {0, 0, 0};
    const char *top = path->n && path->v[0].key ? path->v[0].key : "";
    int options = !strcmp(top, "design") || !strcmp(top, "locale") || !strcmp(top, "settings");
    yaml_node_t *root = yaml_document_get_root_node(doc);
    if (!root || root->type != YAML_MAPPING_NODE || !path->n) {
        rc_error(d, rc_merge_pos(files, origin.at), "cannot set a value here: the top level of "
                 "the CV is not a mapping");
        goto done;
    }
    for (size_t i = 0; i < path->n; i++) {
        const rc_path_seg *s = &path->v[i];
        int last = i + 1 == path->n;
        yaml_mark_t m = seg_mark(origin, s);
        rc_pos pos = rc_merge_pos(files, m);
        yaml_node_t *n = node(doc, cur);
        if (s->key) {
            if (rc_yaml_is_null(n) && ref.parent) {
                /* An empty value where a mapping goes: it becomes one. */
                int map = add_map(doc, m);
                if (!map) {
                    oom(d, pos);
                    goto done;
                }
                put(doc, ref, map);
                cur = map;
                n = node(doc, cur);
            }
            if (n->type != YAML_MAPPING_NODE) {
                rc_error(d, pos, "%s is %s, not a mapping; it has no key '%s'", where(path, i, &b),
                         rc_yaml_kind(n), s->key);
                goto done;
            }
            long j = find_pair(doc, cur, s->key, strlen(s->key));
            if (j >= 0) {
                yaml_node_pair_t *pair = &n->data.mapping.pairs.start[j];
                if (last) {
                    pair->value = value;
                    rc = 0;
                    goto done;
                }
                ref = (slot_ref){cur, (size_t)j, 0};
                cur = pair->value;
                continue;
            }
            if (!last && !options) {
                missing_key_error(doc, cur, path, i, pos, d);
                goto done;
            }
            int k = add_key(doc, s->key, m);
            int v = !k ? 0 : last ? value : add_map(doc, m);
            if (!v || !yaml_document_append_mapping_pair(doc, cur, k, v)) {
                oom(d, pos);
                goto done;
            }
            if (last) {
                rc = 0;
                goto done;
            }
            n = node(doc, cur);
            ref = (slot_ref){cur, (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start) - 1,
                             0};
            cur = v;
        } else {
            if (n->type != YAML_SEQUENCE_NODE) {
                rc_error(d, pos, "%s is %s, not a list; there is no item [%zu]",
                         where(path, i, &b), rc_yaml_kind(n), s->index);
                goto done;
            }
            size_t count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
            if (s->index >= count) {
                rc_error(d, pos, "%s has %zu item%s; there is no [%zu] (items count from 0)",
                         where(path, i, &b), count, count == 1 ? "" : "s", s->index);
                goto done;
            }
            if (last) {
                n->data.sequence.items.start[s->index] = value;
                rc = 0;
                goto done;
            }
            ref = (slot_ref){cur, s->index, 1};
            cur = n->data.sequence.items.start[s->index];
        }
    }
done:
    rc_buf_release(&b);
    return rc;
}

int rc_merge_get(yaml_document_t *doc, const rc_path *path)
{
    int cur = 1;
    if (!yaml_document_get_root_node(doc))
        return 0;
    for (size_t i = 0; i < path->n; i++) {
        const rc_path_seg *s = &path->v[i];
        yaml_node_t *n = node(doc, cur);
        if (s->key) {
            long j = find_pair(doc, cur, s->key, strlen(s->key));
            if (j < 0)
                return 0;
            cur = n->data.mapping.pairs.start[j].value;
        } else {
            if (n->type != YAML_SEQUENCE_NODE ||
                s->index >= (size_t)(n->data.sequence.items.top - n->data.sequence.items.start))
                return 0;
            cur = n->data.sequence.items.start[s->index];
        }
    }
    return cur;
}
