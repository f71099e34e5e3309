/*
 * load: RenderCV v2.8 YAML into the CV model; the only module that knows
 * libyaml.
 *
 * It owns three things:
 * - turning bytes into a yaml_document_t, and libyaml's failures (reader,
 *   scanner, parser, composer) into positioned diagnostics;
 * - the safety checks libyaml does not make: size, nesting, anchors,
 *   aliases and their expansion (billion laughs), the number of values,
 *   duplicate keys, UTF-8 of every scalar (docs/limits.md lists them);
 * - the schema: which keys exist where, entry-type detection, RenderCV's
 *   date and highlight rules. Keys are described by tables, not if-chains.
 *
 * The walk keeps going after an error so that a user sees all independent
 * mistakes at once, but it never descends into a node it has already
 * rejected, so one mistake gives one message.
 *
 * libyaml marks are 0-based; rc_pos is 1-based. libyaml's document API
 * resolves aliases into shared node ids (a DAG, or even a cycle for
 * `&a [*a]`), so every walk here is bounded by measure() first.
 */
#include "load.h"

#include "files.h"
#include "load_ext.h"
#include "load_yaml.h"
#include "rc_locale.h"

#include <yaml.h>

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INPUT_BYTES (16u << 20)
#define MAX_ALIAS_REFS 10000
#define MAX_ANCHORS 10000
#define MAX_DEPTH 64
/* Values written, and values the document may expand to through aliases: far above any CV. */
#define MAX_NODES 1000000
#define MAX_EXPANDED_NODES 1000000

typedef struct loader {
    yaml_document_t *doc;
    rc_cv *cv;
    rc_arena *a;
    rc_diags *d;
    const char *file;
    rc_design_values *design; /* where unmodelled design options go, or NULL */
    /* A document merged from several files (load_yaml.h): a mark's index
     * is the number of its file in `files`, not a byte offset. */
    const char *const *files;
    size_t nfiles;
    /* UTF-8 of the character that stands for the backslashes of \uD83D\uDE00
     * surrogate pairs while libyaml reads the input ("" when none): see
     * mark_surrogates */
    char marker[4];
} loader;

/* ---- nodes, positions, paths ------------------------------------------- */

static yaml_node_t *node_at(loader *L, int id)
{
    return yaml_document_get_node(L->doc, id);
}

static rc_pos mark_pos(loader *L, yaml_mark_t m)
{
    rc_pos p = {L->file, (int)m.line + 1, (int)m.column + 1};
    if (L->files && m.index < L->nfiles)
        p.file = L->files[m.index];
    return p;
}

static rc_pos node_pos(loader *L, const yaml_node_t *n)
{
    return mark_pos(L, n->start_mark);
}

/* A key can be written bare in a dotted path when it is a plain word. */
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

/* "cv.sections.education", or cv.sections["Work Experience"] for other keys. */
static const char *child_path(loader *L, const char *path, const char *key)
{
    if (!*path)
        return rc_arena_strdup(L->a, key);
    if (is_word(key))
        return rc_arena_printf(L->a, "%s.%s", path, key);
    return rc_arena_printf(L->a, "%s[\"%s\"]", path, key);
}

static const char *index_path(loader *L, const char *path, size_t i)
{
    return rc_arena_printf(L->a, "%s[%zu]", path, i);
}

/* Does s[0..n) contain the m bytes? */
static int has_bytes(const char *s, size_t n, const char *m, size_t mlen)
{
    for (const char *p = s, *end = s + n; (p = memchr(p, m[0], (size_t)(end - p)));
         p++)
        if ((size_t)(end - p) >= mlen && !memcmp(p, m, mlen))
            return 1;
    return 0;
}

/* Four hex digits at s (not NUL-terminated), as a number. */
static int hex4(const char *s, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char ch = s[i];
        int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
        if (d < 0)
            return 0;
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return 1;
}

/* Error unless n has the wanted type; `what` describes what is expected. */
static int expect(loader *L, yaml_node_t *n, yaml_node_type_t type, const char *path,
                  const char *what)
{
    if (n->type == type && !(type == YAML_SCALAR_NODE && rc_yaml_is_null(n)))
        return 0;
    if (type == YAML_MAPPING_NODE && n->type == YAML_SCALAR_NODE &&
        has_bytes(rc_yaml_scalar(n), n->data.scalar.length, ":\xC2\xA0", 3))
        return rc_error(L->d, node_pos(L, n), "%s must be %s, not text: after ':' comes a "
                        "non-breaking space (U+00A0), which is not a space to YAML; replace it "
                        "with an ordinary space", path, what);
    return rc_error(L->d, node_pos(L, n), "%s must be %s, not %s", path, what, rc_yaml_kind(n));
}

/* Position of the first character of a scalar's value (after a quote). */
static rc_pos text_pos(loader *L, const yaml_node_t *n)
{
    rc_pos p = node_pos(L, n);
    yaml_scalar_style_t st = n->data.scalar.style;
    if (st == YAML_SINGLE_QUOTED_SCALAR_STYLE || st == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        p.col++;
    return p;
}

/* A scalar as text (numbers and booleans are text too); UTF-8 was checked up front. */
static rc_text make_text(loader *L, const yaml_node_t *n)
{
    rc_text t;
    t.s = rc_arena_strndup(L->a, rc_yaml_scalar(n), n->data.scalar.length);
    t.pos = text_pos(L, n);
    return t;
}

/*
 * Text that is set on one line or two, not a paragraph (a name, a title,
 * a URL, a key): at most RC_YAML_MAX_FIELD bytes. Far above any real one,
 * and it keeps what the PDF must hold as one string (the document title,
 * a link's URI, a bookmark) within the format's 65,535 bytes.
 */
int rc_yaml_check_length(rc_diags *d, rc_pos pos, size_t len, const char *path)
{
    if (len <= RC_YAML_MAX_FIELD)
        return 0;
    return rc_error(d, pos, "%s is %zu bytes long, more than the %d such a field may hold; "
                    "shorten it (long text belongs in a summary or highlights)", path, len,
                    RC_YAML_MAX_FIELD);
}

static int check_length(loader *L, const yaml_node_t *n, const char *path)
{
    return rc_yaml_check_length(L->d, text_pos(L, n), n->data.scalar.length, path);
}

/* A list item that YAML read as nothing: "- #1 in sales" is a dash and a comment. */
static int empty_item(loader *L, const yaml_node_t *item, const char *path)
{
    return rc_error(L->d, node_pos(L, item), "%s is empty; write its text after the '-' or "
                    "remove the line (a '#' after '- ' starts a comment: quote text that "
                    "begins with '#', as in '- \"#1 in sales\"')", path);
}

/*
 * A mapping of one pair written as plain text, "Result: grew revenue",
 * is most likely text with ': ' in it. The hint for it, or "".
 */
static const char *colon_hint(loader *L, const yaml_node_t *n, int text_like_key)
{
    if (n->type != YAML_MAPPING_NODE || n->data.mapping.style == YAML_FLOW_MAPPING_STYLE ||
        n->data.mapping.pairs.top - n->data.mapping.pairs.start != 1)
        return "";
    yaml_node_t *k = node_at(L, n->data.mapping.pairs.start->key),
                *v = node_at(L, n->data.mapping.pairs.start->value);
    if (k->type != YAML_SCALAR_NODE || k->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
        v->type != YAML_SCALAR_NODE || v->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return "";
    /* where keys are allowed, only one no schema would use: a capital, a space, ... */
    const char *key = rc_yaml_scalar(k);
    if (text_like_key && key[strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_")] == 0)
        return "";
    return rc_arena_printf(L->a, "; YAML reads '%s: ...' as a mapping because of the ': ', so "
                           "if this is text, quote it: \"%s: %s\"", rc_yaml_scalar(k),
                           rc_yaml_scalar(k), rc_yaml_scalar(v));
}

/* U+00A0 looks like a space in an editor, but to YAML it is text like any letter. */
#define NBSP_HINT "a non-breaking space (U+00A0) is not a space to YAML; replace it with an " \
                  "ordinary space"

/* Does the line (or key) start with U+00A0, after spaces and list dashes? */
static int leading_nbsp(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '-'))
        i++;
    return i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0;
}

/* U+00A0 on the line of byte `at`, where YAML wants a space: indentation, or after ':'. */
static int nbsp_slip(const char *data, size_t len, size_t at)
{
    size_t start = at < len ? at : len, end = start;
    while (start > 0 && data[start - 1] != '\n')
        start--;
    while (end < len && data[end] != '\n')
        end++;
    return leading_nbsp(data + start, end - start) ||
           has_bytes(data + start, end - start, ":\xC2\xA0", 3);
}

/* ---- value loaders: fn(L, value, path, target) -------------------------- */

typedef int (*load_fn)(loader *L, yaml_node_t *v, const char *path, void *target);

/* Optional text: empty leaves the field absent. */
static int load_text(loader *L, yaml_node_t *v, const char *path, void *target)
{
    if (rc_yaml_is_null(v))
        return 0;
    if (expect(L, v, YAML_SCALAR_NODE, path, "text") < 0 || check_length(L, v, path) < 0)
        return -1;
    *(rc_text *)target = make_text(L, v);
    return 0;
}

/* Optional text set as a paragraph (a summary): as long as it likes. */
static int load_paragraph(loader *L, yaml_node_t *v, const char *path, void *target)
{
    if (rc_yaml_is_null(v))
        return 0;
    if (expect(L, v, YAML_SCALAR_NODE, path, "text") < 0)
        return -1;
    *(rc_text *)target = make_text(L, v);
    return 0;
}

/* A list of text; with `scalar_ok`, a single text counts as a list of one. */
static int load_texts(loader *L, yaml_node_t *v, const char *path, rc_texts *out, int scalar_ok)
{
    if (rc_yaml_is_null(v))
        return 0;
    if (scalar_ok && v->type == YAML_SCALAR_NODE) {
        if (check_length(L, v, path) < 0)
            return -1;
        out->v = rc_arena_alloc(L->a, sizeof(rc_text));
        out->v[0] = make_text(L, v);
        out->n = 1;
        return 0;
    }
    if (expect(L, v, YAML_SEQUENCE_NODE, path,
               scalar_ok ? "text or a list of text" : "a list of text") < 0)
        return -1;
    yaml_node_item_t *it = v->data.sequence.items.start;
    size_t n = (size_t)(v->data.sequence.items.top - it);
    out->v = n ? rc_arena_alloc(L->a, n * sizeof(rc_text)) : NULL;
    out->n = 0;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = node_at(L, it[i]);
        const char *ipath = index_path(L, path, i);
        if (rc_yaml_is_empty_text(item))
            continue; /* '' holds no text to lose (rc_yaml_is_empty_text) */
        if (rc_yaml_is_null(item)) {
            rc = empty_item(L, item, ipath);
            continue;
        }
        if (expect(L, item, YAML_SCALAR_NODE, ipath, "text") < 0 ||
            check_length(L, item, ipath) < 0) {
            rc = -1;
            continue;
        }
        out->v[out->n++] = make_text(L, item);
    }
    return rc;
}

static int load_text_or_list(loader *L, yaml_node_t *v, const char *path, void *target)
{
    return load_texts(L, v, path, target, 1);
}

static int load_list(loader *L, yaml_node_t *v, const char *path, void *target)
{
    return load_texts(L, v, path, target, 0);
}

/* ---- mappings with a fixed set of keys ---------------------------------- */

typedef struct field {
    const char *key;
    load_fn load;  /* NULL: known but not supported, warn and ignore */
    size_t off;    /* where the value goes inside the target object */
} field;

enum unknown_policy {
    UNKNOWN_IS_ERROR,   /* a typo: say so, suggest the closest key */
    UNKNOWN_IS_WARNING, /* a RenderCV option we do not implement yet */
    UNKNOWN_IS_EXTRA    /* cv: RenderCV 2.6 and earlier took any key there */
};

typedef struct mapping_schema {
    const field *fields;
    size_t nfields;
    enum unknown_policy unknown;
    const char *section; /* "design", "locale", "settings": for warnings */
} mapping_schema;

static void candidates_of(const mapping_schema *s, const char **out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < s->nfields && n + 1 < cap; i++)
        out[n++] = s->fields[i].key;
    out[n] = NULL;
}

static void list_keys(const char *const *keys, rc_buf *b)
{
    for (size_t i = 0; keys[i]; i++) {
        if (i)
            rc_buf_adds(b, keys[i + 1] ? ", " : " or ");
        rc_buf_adds(b, keys[i]);
    }
}

/* The error for a key that is not in `keys`, with a suggestion if one is close. */
static int unknown_key(loader *L, yaml_node_t *k, const char *path, const char *const *keys)
{
    const char *near = rc_did_you_mean(rc_yaml_scalar(k), keys);
    const char *in = *path ? "in " : "at ", *where = *path ? path : "the top level";
    const char *key = rc_diag_token(L->a, rc_yaml_scalar(k));
    if (near)
        return rc_error(L->d, node_pos(L, k), "unknown key '%s' %s%s (did you mean '%s'?)", key,
                        in, where, near);
    rc_buf b = RC_BUF_INIT;
    list_keys(keys, &b);
    rc_error(L->d, node_pos(L, k), "unknown key '%s' %s%s; expected %s", key, in, where,
             rc_buf_str(&b));
    rc_buf_release(&b);
    return -1;
}

static int check_key(loader *L, yaml_node_t *k, const char *path)
{
    if (k->type == YAML_SCALAR_NODE && !rc_yaml_is_null(k)) {
        if (has_bytes(rc_yaml_scalar(k), k->data.scalar.length, ":\xC2\xA0", 3))
            return rc_error(L->d, node_pos(L, k), "key '%s' holds ':' and a non-breaking "
                            "space (U+00A0), which is not a space to YAML; replace it with an "
                            "ordinary space", rc_yaml_scalar(k));
        if (!leading_nbsp(rc_yaml_scalar(k), k->data.scalar.length))
            return 0;
        return rc_error(L->d, node_pos(L, k), "key '%s' starts with a non-breaking space "
                        "(U+00A0), so YAML does not read it as indentation; replace it with "
                        "ordinary spaces", rc_yaml_scalar(k));
    }
    return rc_error(L->d, node_pos(L, k), "keys in %s must be text, not %s",
                    *path ? path : "the top level", rc_yaml_kind(k));
}

/*
 * A key cv does not know. RenderCV 2.6 and earlier accepted any (custom
 * templates could print it) and 2.7 refuses it, so files in the wild have
 * them: a warning, since no theme prints it; but a near miss of a field is
 * a misspelling, an error. Keys that belong under settings, design or
 * locale were moved there by load_legacy.c.
 */
static int extra_cv_key(loader *L, yaml_node_t *k, yaml_node_t *v, const mapping_schema *s)
{
    const char *keys[32];
    candidates_of(s, keys, RC_ARRAY_LEN(keys));
    const char *near = rc_did_you_mean(rc_yaml_scalar(k), keys);
    const char *key = rc_diag_token(L->a, rc_yaml_scalar(k));
    const char *what = rc_yaml_is_null(v) ? "it" : v->type == YAML_SCALAR_NODE ? "its text"
                                                                             : "its content";
    if (near) /* a misspelt field would lose what it holds: an error, as in RenderCV 2.7 */
        return rc_error(L->d, node_pos(L, k), "unknown key '%s' in cv (did you mean '%s'?)", key,
                        near);
    rc_warning(L->d, node_pos(L, k), "key '%s' in cv is no RenderCV field, so %s is left out "
               "(RenderCV 2.6 and earlier accepted any key here, 2.7 refuses it); move it into "
               "a section, e.g. 'sections: {%s: [...]}', or remove it", key, what, key);
    return 0;
}

static void warn_unsupported(loader *L, yaml_node_t *k, const mapping_schema *s,
                             const char *path)
{
    /* "design.page.top_margin" -> option 'page.top_margin' */
    const char *opt = path + strlen(s->section);
    if (*opt == '.')
        opt++;
    const char *keys[32];
    candidates_of(s, keys, RC_ARRAY_LEN(keys));
    const char *near = rc_did_you_mean(rc_yaml_scalar(k), keys);
    if (near && strcmp(near, rc_yaml_scalar(k)))
        rc_warning(L->d, node_pos(L, k),
                   "%s option '%s' is not supported yet and is ignored (did you mean '%s'?)",
                   s->section, opt, near);
    else
        rc_warning(L->d, node_pos(L, k), "%s option '%s' is not supported yet and is ignored",
                   s->section, opt);
}

/*
 * Every scalar below a design option, with its path from "design." on
 * ("header.connections.separator"); list items share their list's path.
 */
static void collect_design(loader *L, yaml_node_t *v, const char *path, rc_design_values *out)
{
    const char *rel = strncmp(path, "design.", 7) == 0 ? path + 7 : path;
    if (v->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top;
             p++) {
            yaml_node_t *k = node_at(L, p->key);
            if (check_key(L, k, path) == 0)
                collect_design(L, node_at(L, p->value), child_path(L, path, rc_yaml_scalar(k)),
                               out);
        }
        return;
    }
    if (v->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
             it++)
            collect_design(L, node_at(L, *it), path, out);
        if (v->data.sequence.items.start == v->data.sequence.items.top) {
            /* an empty list still says something ("none"): one empty value */
            yaml_node_t empty = *v;
            empty.type = YAML_SCALAR_NODE;
            empty.data.scalar.value = (yaml_char_t *)"";
            empty.data.scalar.length = 0;
            empty.tag = (yaml_char_t *)YAML_STR_TAG;
            collect_design(L, &empty, path, out);
        }
        return;
    }
    if (out->n == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 32;
        rc_design_value *nv = rc_arena_alloc(L->a, cap * sizeof(*nv));
        if (out->n)
            memcpy(nv, out->v, out->n * sizeof(*nv));
        out->v = nv;
        out->cap = cap;
    }
    rc_design_value *dv = &out->v[out->n++];
    dv->path = rc_arena_strdup(L->a, rel);
    dv->value.s = rc_yaml_is_null(v) ? "" : rc_arena_strdup(L->a, rc_yaml_scalar(v));
    dv->value.pos = node_pos(L, v);
}

static int load_mapping(loader *L, yaml_node_t *map, const char *path, const mapping_schema *s,
                        void *obj)
{
    int rc = 0;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node_at(L, p->key), *v = node_at(L, p->value);
        if (check_key(L, k, path) < 0) {
            rc = -1;
            continue;
        }
        const char *cpath = child_path(L, path, rc_yaml_scalar(k));
        const field *f = NULL;
        for (size_t i = 0; i < s->nfields && !f; i++)
            if (!strcmp(s->fields[i].key, rc_yaml_scalar(k)))
                f = &s->fields[i];
        if (f && f->load) {
            if (f->load(L, v, cpath, (char *)obj + f->off) < 0)
                rc = -1;
        } else if (!f && !strcmp(s->section, "design") && L->design) {
            /* The style module decides what a design option means. */
            collect_design(L, v, cpath, L->design);
        } else if (f || s->unknown == UNKNOWN_IS_WARNING) {
            warn_unsupported(L, k, s, cpath);
        } else if (s->unknown == UNKNOWN_IS_EXTRA) {
            if (extra_cv_key(L, k, v, s) < 0)
                rc = -1;
        } else {
            const char *keys[32];
            candidates_of(s, keys, RC_ARRAY_LEN(keys));
            rc = unknown_key(L, k, path, keys);
        }
    }
    return rc;
}

static int load_schema(loader *L, yaml_node_t *v, const char *path, const mapping_schema *s,
                       void *obj, const char *what)
{
    if (rc_yaml_is_null(v))
        return 0;
    if (expect(L, v, YAML_MAPPING_NODE, path, what) < 0)
        return -1;
    return load_mapping(L, v, path, s, obj);
}

/* A required text field of a small fixed mapping (socials, connections). */
static int require(loader *L, const rc_text *t, yaml_node_t *map, const char *path,
                   const char *key)
{
    if (t->s)
        return 0;
    return rc_error(L->d, node_pos(L, map), "missing '%s' in %s; add it", key, path);
}

/* ---- dates ---------------------------------------------------------------- */

/* RenderCV compares dates with a missing month or day as the first one. */
static long date_key(rc_date d)
{
    return (long)d.year * 10000 + (d.month ? d.month : 1) * 100 + (d.day ? d.day : 1);
}

static int is_present(const char *s)
{
    return !strcmp(s, "present") || !strcmp(s, "Present") || !strcmp(s, "PRESENT");
}

static int date_error(loader *L, const rc_text *t, const char *path, const char *key,
                      rc_date_parse why)
{
    if (why == RC_DATE_OUT_OF_RANGE)
        return rc_error(L->d, t->pos, "%s.%s '%s' is not a real date; check the month and day",
                        path, key, t->s);
    /* "Spring 2021", "Summer 2019 - now": words where a date belongs */
    int words = 0;
    for (const char *p = t->s; *p; p++)
        words |= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
    return rc_error(L->d, t->pos, "%s.%s '%s' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY%s%s",
                    path, key, t->s, strcmp(key, "end_date") ? "" : ", or present",
                    words ? " (text such as 'Spring 2021' goes in 'date:', which is shown as "
                            "written, instead of start_date and end_date)" : "");
}

/* The raw date fields of an entry, resolved after all its keys are read. */
typedef struct raw_dates {
    rc_text date, start, end;
} raw_dates;

static int resolve_when(loader *L, const raw_dates *r, const char *path, rc_when *w)
{
    rc_date start = {0, 0, 0}, end = {0, 0, 0};
    int rc = 0, end_present = 0;
    rc_date_parse why;
    /* Like RenderCV, start_date and end_date must be well formed even when date wins. */
    if (r->start.s && (why = rc_date_parse_iso(r->start.s, &start)) != RC_DATE_OK)
        rc = date_error(L, &r->start, path, "start_date", why);
    if (r->end.s && is_present(r->end.s))
        end_present = 1;
    else if (r->end.s && (why = rc_date_parse_iso(r->end.s, &end)) != RC_DATE_OK)
        rc = date_error(L, &r->end, path, "end_date", why);
    if (rc < 0)
        return rc;

    memset(w, 0, sizeof(*w));
    const rc_text *single = r->date.s ? &r->date : !r->start.s ? &r->end : NULL;
    if (single && single->s) {
        /* A strict date is a date, a malformed one an error, anything else free text. */
        w->pos = single->pos;
        why = end_present && single == &r->end ? RC_DATE_NOT_A_DATE
                                                : rc_date_parse_iso(single->s, &w->start);
        if (why == RC_DATE_OUT_OF_RANGE)
            return date_error(L, single, path, single == &r->date ? "date" : "end_date", why);
        w->kind = why == RC_DATE_OK ? RC_WHEN_SINGLE : RC_WHEN_TEXT;
        if (w->kind == RC_WHEN_TEXT)
            w->text = *single;
        return 0;
    }
    if (!r->start.s)
        return 0;
    w->kind = RC_WHEN_RANGE;
    w->pos = r->start.pos;
    w->start = start;
    w->end = end;
    w->end_is_present = end_present || !r->end.s;
    if (!w->end_is_present && date_key(start) > date_key(end))
        return rc_error(L->d, r->start.pos,
                        "%s.start_date %s is after its end_date %s; swap them or fix the year",
                        path, r->start.s, r->end.s);
    return 0;
}

static int load_current_date(loader *L, yaml_node_t *v, const char *path, void *target)
{
    rc_text t = {NULL, {NULL, 0, 0}};
    if (rc_yaml_is_null(v))
        return 0;
    if (load_text(L, v, path, &t) < 0)
        return -1;
    if (!strcmp(t.s, "today"))
        return 0; /* RenderCV's default: the date of the run */
    rc_date *out = target;
    rc_date_parse why = rc_date_parse_iso(t.s, out);
    if (why == RC_DATE_OK && out->month)
        return 0;
    memset(out, 0, sizeof(*out));
    if (why == RC_DATE_OUT_OF_RANGE)
        return rc_error(L->d, t.pos, "%s '%s' is not a real date; check the month and day", path,
                        t.s);
    return rc_error(L->d, t.pos, "%s '%s' is not a date; write YYYY-MM-DD or YYYY-MM", path, t.s);
}

/* ---- highlights ------------------------------------------------------------ */

typedef struct highlight_vec {
    rc_highlight *v;
    size_t n, cap;
} highlight_vec;

static void push_highlight(loader *L, highlight_vec *hv, const yaml_node_t *n, const char *s,
                           size_t off, size_t len, int level)
{
    RC_VEC_PUSH(hv->v, hv->n, hv->cap);
    rc_highlight *h = &hv->v[hv->n++];
    memset(h, 0, sizeof(*h));
    h->level = level;
    h->text.s = rc_arena_strndup(L->a, s + off, len);
    h->text.pos = text_pos(L, n);
    /* Columns are exact only when the value sits on one line as written. */
    yaml_scalar_style_t st = n->data.scalar.style;
    if (n->start_mark.line == n->end_mark.line && st != YAML_LITERAL_SCALAR_STYLE &&
        st != YAML_FOLDED_SCALAR_STYLE)
        h->text.pos = rc_pos_advance(h->text.pos, (int)rc_utf8_length(s, off));
}

/* RenderCV's rule: " - " inside one highlight starts a nested bullet. */
static void split_highlight(loader *L, highlight_vec *hv, const yaml_node_t *n)
{
    const char *s = rc_yaml_scalar(n);
    const char *p = strstr(s, " - ");
    if (!p) {
        push_highlight(L, hv, n, s, 0, strlen(s), 0);
        return;
    }
    if (p > s)
        push_highlight(L, hv, n, s, 0, (size_t)(p - s), 0);
    while (p) {
        const char *start = p + 3;
        p = strstr(start, " - ");
        size_t len = p ? (size_t)(p - start) : strlen(start);
        if (len)
            push_highlight(L, hv, n, s, (size_t)(start - s), len, 1);
    }
}

/* A YAML boolean (true/false, yes/no, on/off) into an int. */
static int load_flag(loader *L, yaml_node_t *v, const char *path, void *target)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "on", NULL};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "off", NULL};
    if (rc_yaml_is_null(v))
        return 0;
    const char *s = v->type == YAML_SCALAR_NODE ? rc_yaml_scalar(v) : NULL;
    for (size_t i = 0; s && yes[i]; i++)
        if (!strcmp(s, yes[i])) {
            *(int *)target = 1;
            return 0;
        }
    for (size_t i = 0; s && no[i]; i++)
        if (!strcmp(s, no[i])) {
            *(int *)target = 0;
            return 0;
        }
    return rc_error(L->d, node_pos(L, v), "%s must be true or false", path);
}

/* rescomp's tagged highlight, {text: ..., tags: [..]}: a mapping with one of those keys. */
static int is_tagged_highlight(loader *L, yaml_node_t *item)
{
    if (item->type != YAML_MAPPING_NODE)
        return 0;
    for (yaml_node_pair_t *p = item->data.mapping.pairs.start; p < item->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node_at(L, p->key);
        if (k->type == YAML_SCALAR_NODE &&
            (!strcmp(rc_yaml_scalar(k), "text") || !strcmp(rc_yaml_scalar(k), "tags")))
            return 1;
    }
    return 0;
}

static int load_tagged_highlight(loader *L, yaml_node_t *item, const char *path,
                                 highlight_vec *hv)
{
    static const char *const keys[] = {"text", "tags", NULL};
    yaml_node_t *text = NULL;
    rc_texts tags = {NULL, 0};
    int rc = 0;
    for (yaml_node_pair_t *p = item->data.mapping.pairs.start; p < item->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node_at(L, p->key), *v = node_at(L, p->value);
        if (check_key(L, k, path) < 0) {
            rc = -1;
            continue;
        }
        const char *cpath = child_path(L, path, rc_yaml_scalar(k));
        if (!strcmp(rc_yaml_scalar(k), "text")) {
            if (expect(L, v, YAML_SCALAR_NODE, cpath, "text") < 0)
                rc = -1;
            else
                text = v;
        } else if (!strcmp(rc_yaml_scalar(k), "tags")) {
            if (load_texts(L, v, cpath, &tags, 1) < 0)
                rc = -1;
        } else {
            rc = unknown_key(L, k, path, keys);
        }
    }
    if (rc == 0 && !text)
        rc = rc_error(L->d, node_pos(L, item), "missing 'text' in %s; a highlight with tags is "
                      "written {text: ..., tags: [..]}", path);
    if (rc < 0)
        return -1;
    size_t first = hv->n;
    split_highlight(L, hv, text);
    for (size_t i = first; i < hv->n; i++)
        hv->v[i].tags = tags; /* nested pieces share their highlight's tags */
    return 0;
}

static int load_highlights(loader *L, yaml_node_t *v, const char *path, void *target)
{
    rc_entry *e = target;
    if (rc_yaml_is_null(v))
        return 0;
    if (expect(L, v, YAML_SEQUENCE_NODE, path, "a list of text") < 0)
        return -1;
    highlight_vec hv = {NULL, 0, 0};
    int rc = 0;
    size_t i = 0;
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
         it++, i++) {
        yaml_node_t *item = node_at(L, *it);
        if (rc_yaml_is_empty_text(item))
            continue; /* '' holds no text to lose (rc_yaml_is_empty_text) */
        if (rc_yaml_is_null(item)) {
            rc = empty_item(L, item, index_path(L, path, i));
            continue;
        }
        if (is_tagged_highlight(L, item)) {
            if (load_tagged_highlight(L, item, index_path(L, path, i), &hv) < 0)
                rc = -1;
        } else if (*colon_hint(L, item, 0)) {
            rc = rc_error(L->d, node_pos(L, item), "%s must be text, not a mapping%s",
                          index_path(L, path, i), colon_hint(L, item, 0));
        } else if (item->type == YAML_MAPPING_NODE) {
            rc = rc_error(L->d, node_pos(L, item), "%s must be text, not a mapping (a highlight "
                          "with tags is written {text: ..., tags: [..]})", index_path(L, path, i));
        } else if (expect(L, item, YAML_SCALAR_NODE, index_path(L, path, i), "text") < 0) {
            rc = -1;
        } else {
            split_highlight(L, &hv, item);
        }
    }
    e->highlights = rc_arena_memdup(L->a, hv.v, hv.n, sizeof(*hv.v));
    e->nhighlights = hv.n;
    free(hv.v);
    return rc;
}

/* ---- positions at one employer (rescomp extension) ------------------------- */

typedef struct position_in {
    rc_position p;
    raw_dates dates;
    rc_entry hl; /* load_highlights fills an entry's highlights */
} position_in;

static const field position_fields[] = {
    {"position", load_text, offsetof(position_in, p.position)},
    {"start_date", load_text, offsetof(position_in, dates.start)},
    {"end_date", load_text, offsetof(position_in, dates.end)},
    {"date", load_text, offsetof(position_in, dates.date)},
    {"location", load_text, offsetof(position_in, p.location)},
    {"summary", load_paragraph, offsetof(position_in, p.summary)},
    {"highlights", load_highlights, offsetof(position_in, hl)},
};
static const mapping_schema position_schema = {position_fields, RC_ARRAY_LEN(position_fields),
                                               UNKNOWN_IS_ERROR, "cv"};

/* `positions: [{position, start_date, end_date, highlights}]` of an experience entry. */
static int load_positions(loader *L, yaml_node_t *v, const char *path, void *target)
{
    rc_entry *e = target;
    if (rc_yaml_is_null(v))
        return 0;
    if (expect(L, v, YAML_SEQUENCE_NODE, path,
               "a list of {position, start_date, end_date, highlights} mappings") < 0)
        return -1;
    size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start), i = 0;
    e->positions = n ? rc_arena_alloc(L->a, n * sizeof(rc_position)) : NULL;
    int rc = 0;
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
         it++, i++) {
        yaml_node_t *item = node_at(L, *it);
        const char *ipath = index_path(L, path, i);
        position_in in;
        memset(&in, 0, sizeof(in));
        if (expect(L, item, YAML_MAPPING_NODE, ipath,
                   "a mapping with position, start_date, end_date and highlights") < 0 ||
            load_mapping(L, item, ipath, &position_schema, &in) < 0) {
            rc = -1;
            continue;
        }
        in.p.pos = node_pos(L, item);
        int bad = require(L, &in.p.position, item, ipath, "position") < 0;
        bad |= resolve_when(L, &in.dates, ipath, &in.p.when) < 0;
        if (bad) {
            rc = -1;
            continue;
        }
        in.p.highlights = in.hl.highlights;
        in.p.nhighlights = in.hl.nhighlights;
        e->positions[e->npositions++] = in.p;
    }
    return rc;
}

/* An entry without dates of its own spans its positions': earliest start to latest end. */
static void span_positions(rc_entry *e)
{
    rc_when w;
    memset(&w, 0, sizeof(w));
    int have = 0;
    for (size_t i = 0; i < e->npositions; i++) {
        const rc_when *p = &e->positions[i].when;
        if (p->kind != RC_WHEN_SINGLE && p->kind != RC_WHEN_RANGE)
            continue;
        rc_date end = p->kind == RC_WHEN_RANGE ? p->end : p->start;
        if (!have || date_key(p->start) < date_key(w.start)) {
            w.start = p->start;
            w.pos = p->pos;
        }
        if (p->kind == RC_WHEN_RANGE && p->end_is_present)
            w.end_is_present = 1;
        else if (!have || date_key(end) > date_key(w.end))
            w.end = end;
        have = 1;
    }
    if (!have)
        return;
    w.kind = !w.end_is_present && !memcmp(&w.start, &w.end, sizeof(rc_date)) ? RC_WHEN_SINGLE
                                                                              : RC_WHEN_RANGE;
    if (w.end_is_present)
        memset(&w.end, 0, sizeof(w.end));
    e->when = w;
}

static int map_has_key(loader *L, yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node_at(L, p->key);
        if (k->type == YAML_SCALAR_NODE && !strcmp(rc_yaml_scalar(k), key))
            return 1;
    }
    return 0;
}

/* ---- entries ---------------------------------------------------------------- */

/* An entry while its keys are read: the model plus what is resolved afterwards. */
typedef struct entry_in {
    rc_entry e;
    raw_dates dates;
    rc_text bibtex; /* `- bibtex: file.bib` is expanded before its fields are read */
} entry_in;

#define TYPE_BIT(t) (1u << (t))
#define ALL_TYPES (TYPE_BIT(RC_ENTRY_TYPE_COUNT) - 1u)

static int load_authors(loader *L, yaml_node_t *v, const char *path, void *target)
{
    return load_texts(L, v, path, target, 0);
}

/*
 * Every field an entry can have. `types` says in which entry types it is a
 * field; `required` in which it must be present. A field that belongs to a
 * single type is characteristic of it: its presence decides the type, as in
 * RenderCV. The shared fields are accepted on every type.
 */
static const struct entry_field {
    const char *key;
    unsigned types, required;
    load_fn load;
    size_t off; /* inside entry_in */
} entry_fields[] = {
/* A field of one type only (characteristic of it), required or optional. */
#define OWN(k, type, req, fn, member)                                                   \
    {k, TYPE_BIT(RC_ENTRY_##type), (req) ? TYPE_BIT(RC_ENTRY_##type) : 0u, fn,             \
     offsetof(entry_in, member)}
#define SHARED(k, fn, member) {k, ALL_TYPES, 0u, fn, offsetof(entry_in, member)}
    OWN("institution", EDUCATION, 1, load_text, e.institution),
    OWN("area", EDUCATION, 1, load_text, e.area),
    OWN("degree", EDUCATION, 0, load_text, e.degree),
    OWN("company", EXPERIENCE, 1, load_text, e.company),
    OWN("position", EXPERIENCE, 1, load_text, e.position),
    OWN("name", NORMAL, 1, load_text, e.name),
    OWN("title", PUBLICATION, 1, load_text, e.title),
    OWN("authors", PUBLICATION, 1, load_authors, e.authors),
    OWN("doi", PUBLICATION, 0, load_text, e.doi),
    OWN("url", PUBLICATION, 0, load_text, e.url),
    OWN("journal", PUBLICATION, 0, load_text, e.journal),
    OWN("label", ONE_LINE, 1, load_text, e.label),
    OWN("details", ONE_LINE, 1, load_paragraph, e.details),
    OWN("bullet", BULLET, 1, load_paragraph, e.bullet),
    OWN("number", NUMBERED, 1, load_paragraph, e.number),
    OWN("reversed_number", REVERSED_NUMBERED, 1, load_paragraph, e.reversed_number),
    OWN("positions", EXPERIENCE, 0, load_positions, e),
    OWN("bibtex", PUBLICATION, 0, load_text, bibtex),
    SHARED("date", load_text, dates.date),
    SHARED("start_date", load_text, dates.start),
    SHARED("end_date", load_text, dates.end),
    SHARED("location", load_text, e.location),
    SHARED("summary", load_paragraph, e.summary),
    SHARED("highlights", load_highlights, e),
    SHARED("page_break_before", load_flag, e.page_break_before),
    SHARED("tags", load_text_or_list, e.tags),
#undef OWN
#undef SHARED
};

_Static_assert(RC_ARRAY_LEN(entry_fields) <= 32, "entry_scan.invalid has one bit per field");

/* RenderCV tries the types in this order; the first characteristic field found wins. */
static const rc_entry_type detect_order[] = {
    RC_ENTRY_ONE_LINE,    RC_ENTRY_NORMAL,  RC_ENTRY_EXPERIENCE, RC_ENTRY_EDUCATION,
    RC_ENTRY_PUBLICATION, RC_ENTRY_BULLET,  RC_ENTRY_NUMBERED,   RC_ENTRY_REVERSED_NUMBERED,
};

static const struct entry_field *find_entry_field(const char *key, rc_entry_type t)
{
    for (size_t i = 0; i < RC_ARRAY_LEN(entry_fields); i++)
        if ((entry_fields[i].types & TYPE_BIT(t)) && !strcmp(entry_fields[i].key, key))
            return &entry_fields[i];
    return NULL;
}

static int is_characteristic(const struct entry_field *f, rc_entry_type t)
{
    return f->types == TYPE_BIT(t);
}

static int has_characteristic(loader *L, yaml_node_t *map, rc_entry_type t)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node_at(L, p->key);
        if (k->type != YAML_SCALAR_NODE)
            continue;
        const struct entry_field *f = find_entry_field(rc_yaml_scalar(k), t);
        if (f && is_characteristic(f, t))
            return 1;
    }
    return 0;
}

/* The type an entry node shows by itself, or RC_ENTRY_TYPE_COUNT when none. */
static rc_entry_type detect_type(loader *L, yaml_node_t *n)
{
    if (n->type == YAML_SCALAR_NODE)
        return rc_yaml_is_null(n) ? RC_ENTRY_TYPE_COUNT : RC_ENTRY_TEXT;
    if (n->type != YAML_MAPPING_NODE)
        return RC_ENTRY_TYPE_COUNT;
    for (size_t i = 0; i < RC_ARRAY_LEN(detect_order); i++)
        if (has_characteristic(L, n, detect_order[i]))
            return detect_order[i];
    return RC_ENTRY_TYPE_COUNT;
}

/* NULL-terminated field names of type t (shared fields too, when `shared`). */
static size_t type_fields(rc_entry_type t, int shared, const char **out)
{
    size_t n = 0;
    for (size_t i = 0; i < RC_ARRAY_LEN(entry_fields); i++)
        if ((entry_fields[i].types & TYPE_BIT(t)) &&
            (shared || is_characteristic(&entry_fields[i], t)))
            out[n++] = entry_fields[i].key;
    out[n] = NULL;
    return n;
}

/* "an education entry", or with `plural` "education entries", for messages. */
static const char *type_phrase(loader *L, rc_entry_type t, int plural)
{
    const char *name = rc_entry_type_name(t); /* "... entry" */
    size_t n = strlen(name);
    if (plural && n > 6 && !strcmp(name + n - 6, " entry"))
        return rc_arena_printf(L->a, "%.*s entries", (int)(n - 6), name);
    return rc_arena_printf(L->a, "%s %s", strchr("aeiu", name[0]) ? "an" : "a", name);
}

static int field_present(const entry_in *in, const struct entry_field *f)
{
    const void *p = (const char *)in + f->off;
    if (f->load == load_authors)
        return ((const rc_texts *)p)->n > 0;
    return ((const rc_text *)p)->s != NULL;
}

static int add_extra(loader *L, rc_entry *e, yaml_node_t *k, yaml_node_t *v, size_t cap,
                     const char *path, int near_miss)
{
    /* Only text extras are kept: templates print them; lists wait for their feature. */
    if (rc_yaml_is_null(v))
        return 0;
    if (v->type != YAML_SCALAR_NODE) {
        if (!near_miss) /* that warning says it all */
            rc_warning(L->d, node_pos(L, k), "custom field '%s' is %s, which no template can "
                       "show; it is left out, so make it text or remove it", rc_yaml_scalar(k),
                       rc_yaml_kind(v));
        return 0;
    }
    if (check_length(L, v, child_path(L, path, rc_yaml_scalar(k))) < 0)
        return -1;
    if (!e->extra)
        e->extra = rc_arena_alloc(L->a, cap * sizeof(*e->extra));
    rc_extra_field *x = &e->extra[e->nextra++];
    x->key = rc_arena_strdup(L->a, rc_yaml_scalar(k));
    x->value = make_text(L, v);
    x->warned = near_miss;
    return 0;
}

/* What reading an entry's keys found, for the checks made after it. */
typedef struct entry_scan {
    yaml_node_t **near_key;  /* extra keys that nearly spell a field ... */
    const char **near_field; /* ... and that field (NULL once reported) */
    size_t nnear;
    uint32_t invalid;        /* bit i: entry_fields[i] was given but rejected */
    uint32_t empty;          /* bit i: entry_fields[i] was given as '' or as an empty list,
                                which RenderCV accepts for a required field */
} entry_scan;

/* `positions` was given but rejected: its errors are out already. */
static int positions_rejected(const entry_scan *sc)
{
    for (size_t i = 0; i < RC_ARRAY_LEN(entry_fields); i++)
        if (!strcmp(entry_fields[i].key, "positions"))
            return sc->invalid >> i & 1u;
    return 0;
}

/*
 * Required fields that are missing; when a key nearly spells one, the error
 * points at that key, since the misspelling is the mistake to fix. A field
 * given with a wrong value has had its error already.
 */
static int check_required(loader *L, yaml_node_t *map, const entry_in *in, rc_entry_type t,
                          const char *path, entry_scan *sc)
{
    int rc = 0;
    for (size_t i = 0; i < RC_ARRAY_LEN(entry_fields); i++) {
        const struct entry_field *f = &entry_fields[i];
        if (!(f->required & TYPE_BIT(t)) || field_present(in, f) ||
            ((sc->invalid | sc->empty) >> i & 1u))
            continue;
        /* Positions name it; an empty `positions:` does not (regress-empty-positions.yaml). */
        if (f->off == offsetof(entry_in, e.position) &&
            (in->e.npositions || positions_rejected(sc)))
            continue;
        size_t j = 0;
        while (j < sc->nnear && (!sc->near_field[j] || strcmp(sc->near_field[j], f->key)))
            j++;
        if (j < sc->nnear) {
            rc = rc_error(L->d, node_pos(L, sc->near_key[j]),
                          "unknown key '%s' in %s (did you mean '%s'?); %s need '%s'",
                          rc_yaml_scalar(sc->near_key[j]), path, f->key, type_phrase(L, t, 1),
                          f->key);
            sc->near_field[j] = NULL; /* reported: no warning as well */
        } else {
            rc = rc_error(L->d, node_pos(L, map), "missing '%s' in %s; %s need '%s'", f->key,
                          path, type_phrase(L, t, 1), f->key);
        }
    }
    for (size_t j = 0; j < sc->nnear; j++)
        if (sc->near_field[j])
            rc_warning(L->d, node_pos(L, sc->near_key[j]),
                       "unknown key '%s' in %s (did you mean '%s'?); it is kept as an extra field",
                       rc_yaml_scalar(sc->near_key[j]), path, sc->near_field[j]);
    return rc;
}

static int load_entry_fields(loader *L, yaml_node_t *map, const char *path, rc_entry_type t,
                             rc_entry *out)
{
    entry_in in;
    memset(&in, 0, sizeof(in));
    in.e.type = t;
    in.e.pos = node_pos(L, map);
    size_t npairs = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
    entry_scan sc = {rc_xcalloc(npairs + 1, sizeof(yaml_node_t *)),
                     rc_xcalloc(npairs + 1, sizeof(const char *)), 0, 0, 0};
    const char *names[RC_ARRAY_LEN(entry_fields) + 1];
    type_fields(t, 1, names);
    int rc = 0;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node_at(L, p->key), *v = node_at(L, p->value);
        if (check_key(L, k, path) < 0) {
            rc = -1;
            continue;
        }
        const struct entry_field *f = find_entry_field(rc_yaml_scalar(k), t);
        if (f) {
            if (rc_yaml_is_empty_text(v) && (f->required & TYPE_BIT(t)) &&
                f->load != load_authors) {
                /*
                 * Present and empty: the layout prints nothing for it, as
                 * for any empty text, where a missing one would be an error.
                 */
                sc.empty |= 1u << (f - entry_fields);
                *(rc_text *)((char *)&in + f->off) = make_text(L, v);
                continue;
            }
            if (v->type == YAML_SEQUENCE_NODE && f->load == load_authors)
                sc.empty |= 1u << (f - entry_fields); /* [] or ['']: no authors, not missing */
            if (f->load(L, v, child_path(L, path, f->key), (char *)&in + f->off) < 0) {
                sc.invalid |= 1u << (f - entry_fields);
                rc = -1;
            }
            continue;
        }
        const char *near = rc_did_you_mean(rc_yaml_scalar(k), names);
        if (near) {
            sc.near_key[sc.nnear] = k;
            sc.near_field[sc.nnear++] = near;
        }
        if (add_extra(L, &in.e, k, v, npairs, path, near != NULL) < 0)
            rc = -1;
    }
    if (check_required(L, map, &in, t, path, &sc) < 0)
        rc = -1;
    free(sc.near_key);
    free(sc.near_field);
    if (resolve_when(L, &in.dates, path, &in.e.when) < 0)
        rc = -1;
    if (in.e.npositions && in.e.when.kind == RC_WHEN_NONE)
        span_positions(&in.e);
    *out = in.e;
    return rc;
}

/* A mapping that shows no type: point at a misspelt characteristic key if there is one. */
static int no_type_error(loader *L, yaml_node_t *map, const char *path)
{
    const char *hint = colon_hint(L, map, 1);
    if (*hint)
        return rc_error(L->d, node_pos(L, map), "%s matches no entry type%s", path, hint);
    const char *all[RC_ARRAY_LEN(entry_fields) + 1];
    size_t n = 0;
    for (size_t i = 0; i < RC_ARRAY_LEN(detect_order); i++)
        n += type_fields(detect_order[i], 0, all + n);
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node_at(L, p->key);
        const char *near =
            k->type == YAML_SCALAR_NODE ? rc_did_you_mean(rc_yaml_scalar(k), all) : NULL;
        if (near)
            return rc_error(L->d, node_pos(L, k),
                            "unknown key '%s' in %s (did you mean '%s'?); without it the "
                            "entry matches no entry type",
                            rc_yaml_scalar(k), path, near);
    }
    return rc_error(L->d, node_pos(L, map),
                    "%s matches no entry type; give it 'institution' and 'area' (education), "
                    "'company' and 'position' (experience), 'name' (normal), 'title' and "
                    "'authors' (publication), 'label' and 'details' (one-line), 'bullet', "
                    "'number' or 'reversed_number', or write it as plain text",
                    path);
}

/* ---- sections ---------------------------------------------------------------- */

typedef struct section_state {
    rc_section *s;
    const char *path;
    int mixed_reported; /* one "mixed types" error per section */
    size_t cap;         /* entries allocated (a bibtex item may need more) */
} section_state;

/* `- bibtex: file.bib`: the item's slot becomes the file's publication entries. */
static int load_bibtex_entries(loader *L, yaml_node_t *n, const char *path, section_state *ss)
{
    rc_yaml y = {L->doc, L->file, L->a, L->d, L->files, L->nfiles, L->cv->root};
    rc_entry *v = NULL;
    size_t count = 0;
    int rc = rc_bibtex_load_item(&y, n, path, L->cv->name.s, &v, &count);
    rc_section *s = ss->s;
    if (count != 1) {
        ss->cap = ss->cap - 1 + count;
        rc_entry *grown = ss->cap ? rc_arena_alloc(L->a, ss->cap * sizeof(rc_entry)) : NULL;
        if (s->nentries)
            memcpy(grown, s->entries, s->nentries * sizeof(rc_entry));
        s->entries = grown;
    }
    if (count)
        memcpy(s->entries + s->nentries, v, count * sizeof(rc_entry));
    s->nentries += count;
    return rc;
}

static int load_entry(loader *L, yaml_node_t *n, size_t i, section_state *ss)
{
    const char *path = index_path(L, ss->path, i);
    if (rc_yaml_is_empty_text(n))
        return 0; /* '' holds no text to lose (rc_yaml_is_empty_text) */
    if (rc_yaml_is_null(n))
        return rc_error(L->d, node_pos(L, n), "%s is empty; write the entry or remove the '-' "
                        "(a '#' after '- ' starts a comment: quote text that begins with '#', "
                        "as in '- \"#1 in sales\"')", path);
    if (n->type == YAML_SEQUENCE_NODE)
        return rc_error(L->d, node_pos(L, n),
                        "%s must be text or a mapping of entry fields, not a list", path);
    rc_entry_type t = ss->s->type;
    if (!(n->type == YAML_MAPPING_NODE && has_characteristic(L, n, t)) &&
        !(n->type == YAML_SCALAR_NODE && t == RC_ENTRY_TEXT)) {
        rc_entry_type own = detect_type(L, n);
        if (own == RC_ENTRY_TYPE_COUNT)
            return no_type_error(L, n, path);
        if (ss->mixed_reported++)
            return -1;
        return rc_error(L->d, node_pos(L, n),
                        "%s is %s, but section '%s' holds %s (as its first entry shows); "
                        "give it a section of its own",
                        path, type_phrase(L, own, 0), ss->s->key.s, type_phrase(L, t, 1));
    }
    if (t == RC_ENTRY_PUBLICATION && map_has_key(L, n, "bibtex"))
        return load_bibtex_entries(L, n, path, ss);
    rc_entry *e = &ss->s->entries[ss->s->nentries++];
    if (t == RC_ENTRY_TEXT) {
        memset(e, 0, sizeof(*e));
        e->type = t;
        e->pos = node_pos(L, n);
        e->text = make_text(L, n);
        return 0;
    }
    return load_entry_fields(L, n, path, t, e);
}

static int load_section(loader *L, yaml_node_t *k, yaml_node_t *v, const char *path, rc_section *s)
{
    s->key = make_text(L, k);
    s->title = rc_section_title_from_key(L->a, s->key.s);
    s->type = RC_ENTRY_TEXT; /* RenderCV's type for an empty section */
    if (rc_yaml_is_null(v))
        return rc_error(L->d, node_pos(L, v),
                        "section %s is empty; list its entries, each after '- ', or remove it",
                        path);
    if (v->type == YAML_MAPPING_NODE)
        return rc_error(L->d, node_pos(L, v),
                        "section %s must be a list of entries, not a mapping; write each entry "
                        "after '- '", path);
    if (v->type == YAML_SCALAR_NODE)
        return rc_error(L->d, node_pos(L, v),
                        "section %s must be a list of entries, not text; put '- ' before it", path);
    yaml_node_item_t *it = v->data.sequence.items.start;
    size_t n = (size_t)(v->data.sequence.items.top - it);
    /* The section takes the type of its first entry that shows one. */
    for (size_t i = 0; i < n; i++) {
        rc_entry_type t = detect_type(L, node_at(L, it[i]));
        if (t != RC_ENTRY_TYPE_COUNT) {
            s->type = t;
            break;
        }
    }
    s->entries = n ? rc_arena_alloc(L->a, n * sizeof(rc_entry)) : NULL;
    section_state ss = {s, path, 0, n};
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        if (load_entry(L, node_at(L, it[i]), i, &ss) < 0)
            rc = -1;
    return rc;
}

static int load_sections(loader *L, yaml_node_t *v, const char *path, void *target)
{
    rc_cv *cv = L->cv;
    (void)target; /* fills several members of L->cv */
    if (rc_yaml_is_null(v))
        return 0;
    if (expect(L, v, YAML_MAPPING_NODE, path,
               "a mapping from section titles to lists of entries") < 0)
        return -1;
    size_t n = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
    cv->sections = n ? rc_arena_alloc(L->a, n * sizeof(rc_section)) : NULL;
    int rc = 0;
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node_at(L, p->key);
        if (check_key(L, k, path) < 0) {
            rc = -1;
            continue;
        }
        if (check_length(L, k, path) < 0) {
            rc = -1;
            continue;
        }
        rc_section *s = &cv->sections[cv->nsections++];
        if (load_section(L, k, node_at(L, p->value), child_path(L, path, rc_yaml_scalar(k)), s) < 0)
            rc = -1;
    }
    return rc;
}

/* ---- cv header ------------------------------------------------------------------ */

static const char *const social_networks[] = {
    "LinkedIn",     "GitHub",         "GitLab",   "IMDB",     "Instagram",
    "ORCID",        "Mastodon",       "StackOverflow", "ResearchGate", "YouTube",
    "Google Scholar", "Telegram",     "WhatsApp", "Leetcode", "X",
    "Bluesky",      "Reddit",         NULL,
};

static const field social_fields[] = {
    {"network", load_text, offsetof(rc_social, network)},
    {"username", load_text, offsetof(rc_social, username)},
};
static const mapping_schema social_schema = {social_fields, RC_ARRAY_LEN(social_fields),
                                             UNKNOWN_IS_ERROR, "cv"};

static int check_network(loader *L, const rc_text *t, const char *path)
{
    for (size_t i = 0; social_networks[i]; i++)
        if (!strcmp(social_networks[i], t->s))
            return 0;
    const char *near = rc_did_you_mean(t->s, social_networks);
    if (near)
        return rc_error(L->d, t->pos, "unknown social network '%s' in %s (did you mean '%s'?)",
                        t->s, path, near);
    rc_buf b = RC_BUF_INIT;
    list_keys(social_networks, &b);
    rc_error(L->d, t->pos, "unknown social network '%s' in %s; use one of %s, or a "
             "custom_connections entry", t->s, path, rc_buf_str(&b));
    rc_buf_release(&b);
    return -1;
}

static int load_socials(loader *L, yaml_node_t *v, const char *path, void *target)
{
    rc_cv *cv = L->cv;
    (void)target; /* fills several members of L->cv */
    if (rc_yaml_is_null(v))
        return 0;
    if (expect(L, v, YAML_SEQUENCE_NODE, path, "a list of {network, username} mappings") < 0)
        return -1;
    size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start), i = 0;
    cv->socials = n ? rc_arena_alloc(L->a, n * sizeof(rc_social)) : NULL;
    int rc = 0;
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
         it++, i++) {
        yaml_node_t *item = node_at(L, *it);
        const char *ipath = index_path(L, path, i);
        rc_social s;
        memset(&s, 0, sizeof(s));
        if (expect(L, item, YAML_MAPPING_NODE, ipath, "a mapping with network and username") < 0 ||
            load_mapping(L, item, ipath, &social_schema, &s) < 0) {
            rc = -1;
            continue;
        }
        int bad = require(L, &s.network, item, ipath, "network") < 0;
        bad |= require(L, &s.username, item, ipath, "username") < 0;
        if (!bad && check_network(L, &s.network, ipath) < 0)
            bad = 1;
        if (bad)
            rc = -1;
        else
            cv->socials[cv->nsocials++] = s;
    }
    return rc;
}

static const field connection_fields[] = {
    {"placeholder", load_text, offsetof(rc_custom_connection, placeholder)},
    {"url", load_text, offsetof(rc_custom_connection, url)},
    {"fontawesome_icon", load_text, offsetof(rc_custom_connection, fontawesome_icon)},
};
static const mapping_schema connection_schema = {
    connection_fields, RC_ARRAY_LEN(connection_fields), UNKNOWN_IS_ERROR, "cv"};

static int load_connections(loader *L, yaml_node_t *v, const char *path, void *target)
{
    rc_cv *cv = L->cv;
    (void)target; /* fills several members of L->cv */
    if (rc_yaml_is_null(v))
        return 0;
    if (expect(L, v, YAML_SEQUENCE_NODE, path,
               "a list of {placeholder, url, fontawesome_icon} mappings") < 0)
        return -1;
    size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start), i = 0;
    cv->custom_connections = n ? rc_arena_alloc(L->a, n * sizeof(rc_custom_connection)) : NULL;
    int rc = 0;
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
         it++, i++) {
        yaml_node_t *item = node_at(L, *it);
        const char *ipath = index_path(L, path, i);
        rc_custom_connection c;
        memset(&c, 0, sizeof(c));
        if (expect(L, item, YAML_MAPPING_NODE, ipath,
                   "a mapping with placeholder, url and fontawesome_icon") < 0 ||
            load_mapping(L, item, ipath, &connection_schema, &c) < 0) {
            rc = -1;
            continue;
        }
        int bad = require(L, &c.placeholder, item, ipath, "placeholder") < 0;
        bad |= require(L, &c.fontawesome_icon, item, ipath, "fontawesome_icon") < 0;
        if (bad)
            rc = -1;
        else
            cv->custom_connections[cv->ncustom_connections++] = c;
    }
    return rc;
}

static int load_photo(loader *L, yaml_node_t *v, const char *path, void *target);

static const field cv_fields[] = {
    {"name", load_text, offsetof(rc_cv, name)},
    {"headline", load_text, offsetof(rc_cv, headline)},
    {"location", load_text, offsetof(rc_cv, location)},
    {"email", load_text_or_list, offsetof(rc_cv, emails)},
    {"phone", load_text_or_list, offsetof(rc_cv, phones)},
    {"website", load_text_or_list, offsetof(rc_cv, websites)},
    {"photo", load_photo, offsetof(rc_cv, photo)},
    {"social_networks", load_socials, 0},
    {"custom_connections", load_connections, 0},
    {"sections", load_sections, 0},
};
static const mapping_schema cv_schema = {cv_fields, RC_ARRAY_LEN(cv_fields), UNKNOWN_IS_EXTRA,
                                         "cv"};

static int load_cv_key(loader *L, yaml_node_t *v, const char *path, void *target)
{
    (void)target; /* the schema's offsets are into L->cv */
    return load_schema(L, v, path, &cv_schema, L->cv,
                       "a mapping of CV fields (name, sections, ...)");
}

/* ---- design, locale, settings --------------------------------------------------- */

/* RenderCV's themes, and rescomp's own "latex" look. */
static const char *const themes[] = {"classic", "ember",   "engineeringclassic",
                                     "engineeringresumes", "harvard", "ink",
                                     "moderncv", "opal",   "sb2nov", "latex", NULL};
static const char *const page_sizes[] = {"a4", "a5", "us-letter", "us-executive", NULL};

/* A value that must be one of a few names. */
static int load_choice(loader *L, yaml_node_t *v, const char *path, rc_text *out,
                       const char *const *names, const char *what)
{
    rc_text t = {NULL, {NULL, 0, 0}};
    if (rc_yaml_is_null(v))
        return 0;
    if (load_text(L, v, path, &t) < 0)
        return -1;
    for (size_t i = 0; names[i]; i++)
        if (!strcmp(names[i], t.s)) {
            *out = t;
            return 0;
        }
    const char *near = rc_did_you_mean(t.s, names);
    if (near)
        return rc_error(L->d, t.pos, "unknown %s '%s' (did you mean '%s'?)", what, t.s, near);
    rc_buf b = RC_BUF_INIT;
    list_keys(names, &b);
    rc_error(L->d, t.pos, "unknown %s '%s'; use %s", what, t.s, rc_buf_str(&b));
    rc_buf_release(&b);
    return -1;
}

static int load_theme(loader *L, yaml_node_t *v, const char *path, void *target)
{
    if (v->type == YAML_SCALAR_NODE && !rc_yaml_is_null(v)) {
        rc_text t = make_text(L, v);
        if (rc_legacy_custom_theme(L->d, L->file, &t)) {
            *(rc_text *)target = t;
            return 0;
        }
    }
    return load_choice(L, v, path, target, themes, "theme");
}

static int load_photo(loader *L, yaml_node_t *v, const char *path, void *target)
{
    if (load_text(L, v, path, target) < 0)
        return -1;
    rc_legacy_photo_url(L->d, target);
    return 0;
}

static int load_page_size(loader *L, yaml_node_t *v, const char *path, void *target)
{
    return load_choice(L, v, path, target, page_sizes, "page size");
}

static const field page_fields[] = {
    {"size", load_page_size, offsetof(rc_cv, page_size)},
    {"top_margin", load_text, offsetof(rc_cv, margins[0])},
    {"bottom_margin", load_text, offsetof(rc_cv, margins[1])},
    {"left_margin", load_text, offsetof(rc_cv, margins[2])},
    {"right_margin", load_text, offsetof(rc_cv, margins[3])},
    {"show_footer", load_flag, offsetof(rc_cv, show_footer)},
};
static const mapping_schema page_schema = {page_fields, RC_ARRAY_LEN(page_fields),
                                           UNKNOWN_IS_WARNING, "design"};

static int load_page(loader *L, yaml_node_t *v, const char *path, void *target)
{
    (void)target; /* the schema's offsets are into L->cv */
    return load_schema(L, v, path, &page_schema, L->cv, "a mapping of page options (size, ...)");
}

static const char *const alignments[] = {"justified", "left", "justified-with-no-hyphenation",
                                         NULL};

static int load_alignment(loader *L, yaml_node_t *v, const char *path, void *target)
{
    return load_choice(L, v, path, target, alignments, "alignment");
}

static const field typography_fields[] = {
    {"alignment", load_alignment, offsetof(rc_cv, alignment)}};
static const mapping_schema typography_schema = {
    typography_fields, RC_ARRAY_LEN(typography_fields), UNKNOWN_IS_WARNING, "design"};

static int load_typography(loader *L, yaml_node_t *v, const char *path, void *target)
{
    (void)target; /* the schema's offsets are into L->cv */
    return load_schema(L, v, path, &typography_schema, L->cv,
                       "a mapping of typography options (alignment, ...)");
}

static const field design_fields[] = {
    {"theme", load_theme, offsetof(rc_cv, theme)},
    {"page", load_page, 0},
    {"typography", load_typography, 0},
};
static const mapping_schema design_schema = {design_fields, RC_ARRAY_LEN(design_fields),
                                             UNKNOWN_IS_WARNING, "design"};

static int load_design(loader *L, yaml_node_t *v, const char *path, void *target)
{
    (void)target; /* the schema's offsets are into L->cv */
    return load_schema(L, v, path, &design_schema, L->cv, "a mapping of design options");
}

/* locale.language: one of locale.c's names; an alias is stored under its canonical name. */
static int load_language(loader *L, yaml_node_t *v, const char *path, void *target)
{
    rc_text t = {NULL, {NULL, 0, 0}};
    if (load_text(L, v, path, &t) < 0)
        return -1;
    if (!t.s)
        return 0;
    const rc_locale *loc = rc_locale_lookup(t.s, t.pos, L->d);
    if (!loc)
        return -1;
    t.s = loc->language;
    *(rc_text *)target = t;
    return 0;
}

/* month_abbreviations, month_names: exactly twelve texts, January first. */
static int load_months(loader *L, yaml_node_t *v, const char *path, void *target)
{
    if (rc_yaml_is_null(v))
        return 0;
    if (expect(L, v, YAML_SEQUENCE_NODE, path, "a list of the 12 months, January first") < 0)
        return -1;
    yaml_node_item_t *it = v->data.sequence.items.start;
    size_t n = (size_t)(v->data.sequence.items.top - it);
    if (n != 12)
        return rc_error(L->d, node_pos(L, v),
                        "%s must list the 12 months, January first, not %zu", path, n);
    rc_text got[12];
    int rc = 0;
    for (size_t i = 0; i < 12; i++) {
        yaml_node_t *item = node_at(L, it[i]);
        if (expect(L, item, YAML_SCALAR_NODE, index_path(L, path, i), "text") < 0)
            rc = -1;
        else
            got[i] = make_text(L, item);
    }
    if (rc == 0)
        memcpy(target, got, sizeof(got));
    return rc;
}

/* RenderCV 1.x's names of the month lists (locale_catalog). */
static int load_old_months(loader *L, yaml_node_t *v, const char *path, const char *new_name,
                           void *target)
{
    const char *key = strrchr(path, '.');
    rc_warning(L->d, node_pos(L, v), "'%s' is the old name of '%s'; rename it",
               key ? key + 1 : path, new_name);
    return load_months(L, v, path, target);
}

static int load_abbreviations_for_months(loader *L, yaml_node_t *v, const char *path,
                                         void *target)
{
    return load_old_months(L, v, path, "month_abbreviations", target);
}

static int load_full_names_of_months(loader *L, yaml_node_t *v, const char *path, void *target)
{
    return load_old_months(L, v, path, "month_names", target);
}

static const field phrases_fields[] = {
    {"degree_with_area", load_text, offsetof(rc_cv, locale.degree_with_area)}};
static const mapping_schema phrases_schema = {phrases_fields, RC_ARRAY_LEN(phrases_fields),
                                              UNKNOWN_IS_ERROR, "locale"};

static int load_phrases(loader *L, yaml_node_t *v, const char *path, void *target)
{
    (void)target; /* the schema's offsets are into L->cv */
    return load_schema(L, v, path, &phrases_schema, L->cv,
                       "a mapping of phrases (degree_with_area)");
}

/* RenderCV 2.8's locale keys, then older ones whose work moved to design.templates. */
static const field locale_fields[] = {
    {"language", load_language, offsetof(rc_cv, language)},
    {"last_updated", load_text, offsetof(rc_cv, locale.last_updated)},
    {"month", load_text, offsetof(rc_cv, locale.month)},
    {"months", load_text, offsetof(rc_cv, locale.months)},
    {"year", load_text, offsetof(rc_cv, locale.year)},
    {"years", load_text, offsetof(rc_cv, locale.years)},
    {"present", load_text, offsetof(rc_cv, locale.present)},
    {"phrases", load_phrases, 0},
    {"month_abbreviations", load_months, offsetof(rc_cv, locale.month_abbreviations)},
    {"month_names", load_months, offsetof(rc_cv, locale.month_names)},
    {"abbreviations_for_months", load_abbreviations_for_months,
     offsetof(rc_cv, locale.month_abbreviations)},
    {"full_names_of_months", load_full_names_of_months, offsetof(rc_cv, locale.month_names)},
    {"date_template", NULL, 0},
    {"to", NULL, 0},
    {"phone_number_format", NULL, 0},
    {"page_numbering_template", NULL, 0},
    {"last_updated_date_template", NULL, 0},
    {"date_style", NULL, 0},
    {"page_numbering_style", NULL, 0},
    {"last_updated_date_style", NULL, 0},
};
static const mapping_schema locale_schema = {locale_fields, RC_ARRAY_LEN(locale_fields),
                                             UNKNOWN_IS_ERROR, "locale"};

static int load_locale(loader *L, yaml_node_t *v, const char *path, void *target)
{
    (void)target; /* the schema's offsets are into L->cv */
    return load_schema(L, v, path, &locale_schema, L->cv, "a mapping of locale options");
}

/*
 * A key read elsewhere (`variants`: source.c reads it from the document), or
 * one that concerns only RenderCV's command line (settings.render_command:
 * its output paths and formats), accepted without a word: `rendercv new`
 * writes it, and such a file must pass --strict.
 */
static int load_nothing(loader *L, yaml_node_t *v, const char *path, void *target)
{
    (void)L, (void)v, (void)path, (void)target;
    return 0;
}

static const field settings_fields[] = {
    {"current_date", load_current_date, offsetof(rc_cv, current_date)},
    {"bold_keywords", load_list, offsetof(rc_cv, bold_keywords)},
    {"pdf_title", load_text, offsetof(rc_cv, pdf_title)},
    {"render_command", load_nothing, 0},
};
static const mapping_schema settings_schema = {settings_fields, RC_ARRAY_LEN(settings_fields),
                                               UNKNOWN_IS_ERROR, "settings"};

static int load_settings(loader *L, yaml_node_t *v, const char *path, void *target)
{
    (void)target; /* the schema's offsets are into L->cv */
    return load_schema(L, v, path, &settings_schema, L->cv, "a mapping of settings");
}

/* letter.date: a calendar date (set in the locale's words) or free text. */
static int load_letter_date(loader *L, yaml_node_t *v, const char *path, void *target)
{
    rc_text *t = target;
    if (load_text(L, v, path, t) < 0 || !t->s)
        return t->s ? -1 : 0;
    rc_date date;
    if (rc_date_parse_iso(t->s, &date) == RC_DATE_OUT_OF_RANGE)
        return rc_error(L->d, t->pos, "%s '%s' is no calendar date; write YYYY-MM-DD or the "
                        "date as text", path, t->s);
    return 0;
}

/* rescomp extension: the cover letter (cv.h, layout_letter.c). */
static const field letter_fields[] = {
    {"sender", load_text_or_list, offsetof(rc_cv, letter.sender)},
    {"recipient", load_text_or_list, offsetof(rc_cv, letter.recipient)},
    {"date", load_letter_date, offsetof(rc_cv, letter.date)},
    {"subject", load_text, offsetof(rc_cv, letter.subject)},
    {"salutation", load_text, offsetof(rc_cv, letter.salutation)},
    {"body", load_paragraph, offsetof(rc_cv, letter.body)},
    {"closing", load_text, offsetof(rc_cv, letter.closing)},
    {"signature", load_text, offsetof(rc_cv, letter.signature)},
    {"enclosures", load_text_or_list, offsetof(rc_cv, letter.enclosures)},
};
static const mapping_schema letter_schema = {letter_fields, RC_ARRAY_LEN(letter_fields),
                                             UNKNOWN_IS_ERROR, "letter"};

static int load_letter(loader *L, yaml_node_t *v, const char *path, void *target)
{
    (void)target; /* the schema's offsets are into L->cv */
    if (!rc_yaml_is_null(v))
        L->cv->letter.pos = node_pos(L, v);
    return load_schema(L, v, path, &letter_schema, L->cv,
                       "a mapping of the letter's parts (recipient, subject, body, ...)");
}

static const field top_fields[] = {
    {"cv", load_cv_key, 0},
    {"design", load_design, 0},
    {"locale", load_locale, 0},
    {"settings", load_settings, 0},
    {"variants", load_nothing, 0},
    {"letter", load_letter, 0},
};
/* For suggestions only (source.c reads `variants`). */
static const mapping_schema top_schema = {top_fields, RC_ARRAY_LEN(top_fields), UNKNOWN_IS_ERROR,
                                          ""};

/* RenderCV 1.x names of top-level keys, still common in the wild. */
static const struct {
    const char *old_name, *new_name;
} renamed_top[] = {{"rendercv_settings", "settings"}, {"locale_catalog", "locale"}};

/*
 * A file without 'cv:' whose top level holds CV fields (name, sections,
 * ...) forgot the root: one error naming them, not one per key.
 */
static int missing_cv_root(loader *L, yaml_node_t *root)
{
    if (map_has_key(L, root, "cv"))
        return 0;
    rc_buf b = RC_BUF_INIT;
    yaml_node_t *first = NULL;
    size_t n = 0;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node_at(L, p->key);
        for (size_t i = 0; k->type == YAML_SCALAR_NODE && i < RC_ARRAY_LEN(cv_fields); i++)
            if (!strcmp(cv_fields[i].key, rc_yaml_scalar(k))) {
                rc_buf_addf(&b, "%s'%s'", n++ ? ", " : "", rc_yaml_scalar(k));
                first = first ? first : k;
            }
    }
    if (first)
        rc_error(L->d, node_pos(L, first), "no 'cv' key at the top level, but %s %s of a CV; "
                 "add a line 'cv:' above them and indent them under it", rc_buf_str(&b),
                 n == 1 ? "is a field" : "are fields");
    rc_buf_release(&b);
    return first ? -1 : 0;
}

/* Is k a field of `cv` (written at the top level, reported by missing_cv_root)? */
static int is_cv_field(const yaml_node_t *k)
{
    for (size_t i = 0; i < RC_ARRAY_LEN(cv_fields); i++)
        if (!strcmp(cv_fields[i].key, rc_yaml_scalar(k)))
            return 1;
    return 0;
}

static int load_top(loader *L, yaml_node_t *root)
{
    int rc = 0, have_cv = 0;
    int no_root = missing_cv_root(L, root) < 0;
    /* Walk the pairs ourselves: renamed keys are loaded under their new name. */
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node_at(L, p->key), *v = node_at(L, p->value);
        if (check_key(L, k, "") < 0) {
            rc = -1;
            continue;
        }
        const char *key = rc_yaml_scalar(k);
        for (size_t i = 0; i < RC_ARRAY_LEN(renamed_top); i++)
            if (!strcmp(key, renamed_top[i].old_name)) {
                rc_warning(L->d, node_pos(L, k), "'%s' is the old name of '%s'; rename it", key,
                           renamed_top[i].new_name);
                key = renamed_top[i].new_name;
            }
        const field *f = NULL;
        for (size_t i = 0; i < RC_ARRAY_LEN(top_fields) && !f; i++)
            if (!strcmp(top_fields[i].key, key))
                f = &top_fields[i];
        if (!f) {
            if (no_root && is_cv_field(k)) {
                rc = -1;
                continue;
            }
            const char *keys[8];
            candidates_of(&top_schema, keys, RC_ARRAY_LEN(keys));
            rc = unknown_key(L, k, "", keys);
            continue;
        }
        have_cv |= f->load == load_cv_key;
        if (f->load(L, v, key, NULL) < 0)
            rc = -1;
    }
    if (!have_cv && !no_root) {
        rc_pos whole = {L->file, 0, 0};
        rc = rc_error(L->d, whole, "no 'cv' key at the top level; add 'cv:' with your name and "
                      "sections");
    }
    return rc;
}

/*
 * The keys of a JSON Resume that are rescomp's and not the schema's:
 * design, locale and settings, loaded as in a RenderCV file, so that
 * --design, --set design.* and overlays apply to both inputs alike.
 */
static int load_shared_keys(loader *L, yaml_node_t *root)
{
    int rc = 0;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node_at(L, p->key);
        for (size_t i = 0; k->type == YAML_SCALAR_NODE && i < RC_ARRAY_LEN(top_fields); i++)
            if (top_fields[i].load != load_cv_key &&
                !strcmp(top_fields[i].key, rc_yaml_scalar(k)) &&
                top_fields[i].load(L, node_at(L, p->value), top_fields[i].key, NULL) < 0)
                rc = -1;
    }
    return rc;
}

/* ---- checks on the whole document before the schema walk ------------------------ */

typedef struct key_ref {
    const char *s;
    size_t len;
    size_t index;
    yaml_node_t *node;
} key_ref;

static int compare_keys(const void *pa, const void *pb)
{
    const key_ref *a = pa, *b = pb;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->s, b->s, n);
    if (c)
        return c;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* libyaml accepts `name: a` twice in one mapping; the second would silently win. */
static int check_duplicates(loader *L, yaml_node_t *map)
{
    size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start), m = 0;
    if (n < 2)
        return 0;
    key_ref *keys = rc_xmalloc(n * sizeof(*keys));
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *k = node_at(L, map->data.mapping.pairs.start[i].key);
        if (k->type != YAML_SCALAR_NODE)
            continue;
        key_ref r = {rc_yaml_scalar(k), k->data.scalar.length, i, k};
        keys[m++] = r;
    }
    qsort(keys, m, sizeof(*keys), compare_keys);
    int rc = 0;
    for (size_t i = 1; i < m; i++) {
        if (keys[i].len != keys[i - 1].len || memcmp(keys[i].s, keys[i - 1].s, keys[i].len))
            continue;
        size_t first = i - 1;
        while (first > 0 && keys[first - 1].len == keys[i].len &&
               !memcmp(keys[first - 1].s, keys[i].s, keys[i].len))
            first--;
        rc = rc_error(L->d, node_pos(L, keys[i].node),
                      "duplicate key '%s' (first given on line %d); remove one of them",
                      keys[i].s, node_pos(L, keys[first].node).line);
    }
    free(keys);
    return rc;
}

static int check_scalar(loader *L, yaml_node_t *n)
{
    const char *s = rc_yaml_scalar(n);
    size_t len = n->data.scalar.length;
    size_t bad = rc_utf8_find_invalid(s, len);
    if (bad != (size_t)-1)
        return rc_error(L->d, node_pos(L, n), "invalid UTF-8 (byte 0x%02x) in this value; save "
                        "the file as UTF-8", (unsigned char)s[bad]);
    if (memchr(s, 0, len))
        return rc_error(L->d, node_pos(L, n), "this value contains a NUL character; remove the "
                        "\\0 escape");
    return 0;
}

/* Node by node, each once: scalars and duplicate keys (counts were checked while composing). */
static int check_nodes(loader *L)
{
    int rc = 0;
    for (yaml_node_t *n = L->doc->nodes.start; n < L->doc->nodes.top; n++) {
        if (n->type == YAML_SCALAR_NODE && check_scalar(L, n) < 0)
            rc = -1;
        if (n->type == YAML_MAPPING_NODE && check_duplicates(L, n) < 0)
            rc = -1;
    }
    return rc;
}

/* Per node: 0 unseen, 1 being measured, 2 done. */
typedef struct measure_state {
    unsigned char *state;
    int *height;
    size_t *expanded;
} measure_state;

static int measure(loader *L, measure_state *m, int id, int depth);

static int measure_child(loader *L, measure_state *m, int parent, int child, int depth)
{
    if (measure(L, m, child, depth + 1) < 0)
        return -1;
    size_t p = (size_t)parent - 1, c = (size_t)child - 1;
    if (m->height[c] + 1 > m->height[p])
        m->height[p] = m->height[c] + 1;
    m->expanded[p] += m->expanded[c];
    if (m->expanded[p] > MAX_EXPANDED_NODES)
        m->expanded[p] = MAX_EXPANDED_NODES + 1; /* saturate */
    return 0;
}

/*
 * Depth and size of the tree that the document expands to, memoized per
 * node so that shared (aliased) nodes are measured once. The recursion
 * stops at MAX_DEPTH, which also bounds the C stack.
 */
static int measure(loader *L, measure_state *m, int id, int depth)
{
    yaml_node_t *n = node_at(L, id);
    size_t i = (size_t)id - 1;
    if (depth > MAX_DEPTH || (m->state[i] == 2 && depth + m->height[i] > MAX_DEPTH))
        return rc_error(L->d, node_pos(L, n), "nesting deeper than %d levels; a CV needs far "
                        "fewer, so check the brackets and indentation", MAX_DEPTH);
    if (m->state[i] == 1)
        return rc_error(L->d, node_pos(L, n), "an alias refers to a node that contains it; "
                        "YAML here cannot be recursive");
    if (m->state[i] == 2)
        return 0;
    m->state[i] = 1;
    m->expanded[i] = 1;
    if (n->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++)
            if (measure_child(L, m, id, *it, depth) < 0)
                return -1;
    } else if (n->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++)
            if (measure_child(L, m, id, p->key, depth) < 0 ||
                measure_child(L, m, id, p->value, depth) < 0)
                return -1;
    }
    m->state[i] = 2;
    return 0;
}

static int check_size(loader *L)
{
    size_t nnodes = (size_t)(L->doc->nodes.top - L->doc->nodes.start);
    measure_state m;
    m.state = rc_xcalloc(nnodes, 1);
    m.height = rc_xcalloc(nnodes, sizeof(int));
    m.expanded = rc_xcalloc(nnodes, sizeof(size_t));
    int rc = measure(L, &m, 1, 1);
    if (rc == 0 && m.expanded[0] > MAX_EXPANDED_NODES) {
        rc_pos whole = {L->file, 0, 0};
        rc = rc_error(L->d, whole, "aliases expand the document to more than %d values; a CV "
                      "needs far fewer, so this looks like an alias bomb", MAX_EXPANDED_NODES);
    }
    free(m.state);
    free(m.height);
    free(m.expanded);
    return rc;
}

/* ---- libyaml errors ----------------------------------------------------------------- */

/* 1-based line and column (in characters, as libyaml counts) of a byte offset. */
static rc_pos offset_pos(const char *file, const char *data, size_t len, size_t off)
{
    rc_pos p = {file, 1, 1};
    size_t i = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < off && i < len) {
        if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= len || data[i + 1] != '\n'))) {
            p.line++;
            p.col = 1;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = rc_utf8_decode(data + i, len - i, &cp);
        i += k ? k : 1;
        p.col++;
    }
    return p;
}

/* Byte offset of a libyaml mark, to look at the character it points to. */
static size_t mark_offset(const char *data, size_t len, yaml_mark_t m)
{
    size_t i = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0, line = 0, col = 0;
    while (i < len && (line < m.line || col < m.column)) {
        if (data[i] == '\n') {
            if (line == m.line)
                break;
            line++;
            col = 0;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = rc_utf8_decode(data + i, len - i, &cp);
        i += k ? k : 1;
        if (line == m.line)
            col++;
    }
    return i;
}

static void report_yaml_error(loader *L, const yaml_parser_t *p, const char *data, size_t len)
{
    if (p->error == YAML_MEMORY_ERROR) {
        rc_pos whole = {L->file, 0, 0};
        rc_error_class(L->d, RC_FAIL_INTERNAL, whole, "out of memory while reading YAML");
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        /* Reader errors carry a byte offset, not a mark. */
        const char *problem = p->problem ? p->problem : "unreadable input";
        if (strstr(problem, "UTF-8")) {
            size_t bad = rc_utf8_find_invalid(data, len);
            size_t off = bad != (size_t)-1 ? bad : p->problem_offset;
            rc_error(L->d, offset_pos(L->file, data, len, off),
                     "invalid UTF-8 (byte 0x%02x, %s); save the file as UTF-8",
                     off < len ? (unsigned char)data[off] : 0u, problem);
        } else {
            rc_error(L->d, offset_pos(L->file, data, len, p->problem_offset),
                     "%s (byte 0x%02x); remove it", problem, (unsigned)p->problem_value);
        }
        return;
    }
    const char *problem = p->problem ? p->problem : "invalid YAML";
    size_t at = mark_offset(data, len, p->problem_mark);
    uint32_t half;
    if (strstr(problem, "Unicode character escape") && at >= 2 && at + 4 <= len &&
        !memcmp(data + at - 2, "\\u", 2) && hex4(data + at, &half) && half >= 0xD800 &&
        half <= 0xDFFF) {
        /* mark_surrogates took the pairs: this half has no other half */
        rc_error(L->d, rc_pos_advance(mark_pos(L, p->problem_mark), -2),
                 "'\\u%.4s' is half of a UTF-16 surrogate pair, without its other half; write "
                 "the character itself, or both halves ('\\ud83d\\ude00' is one emoji)",
                 data + at);
        return;
    }
    const char *hint = "check the indentation, and quote values that contain ': ' or start "
                       "with a special character";
    size_t context_at = mark_offset(data, len, p->context_mark);
    if (at < len && data[at] == '\t')
        hint = "YAML does not allow tabs for indentation; indent with spaces";
    else if (nbsp_slip(data, len, at) || (p->context && nbsp_slip(data, len, context_at)))
        hint = NBSP_HINT;
    else if (strstr(problem, "alias") || strstr(p->context ? p->context : "", "alias")) {
        size_t star = strstr(p->context ? p->context : "", "alias") ? context_at : at;
        /* '*Led* the team' fails in the alias's name; '*Led the team' names no anchor,
         * but text follows it, which an alias never has */
        size_t after = star + 1;
        while (after < len && (isalnum((unsigned char)data[after]) || data[after] == '_' ||
                               data[after] == '-'))
            after++;
        int text = star < len && data[star] == '*' &&
                   (!strstr(problem, "undefined") ||
                    (after + 1 < len && data[after] == ' ' && !strchr("#\r\n", data[after + 1])));
        if (text)
            hint = "a highlight (or any text) that starts with '*' must be quoted, since YAML "
                   "reads '*name' as an alias: write '- \"*Led* the team\"'; to use an anchor, "
                   "define it ('&name') before the alias";
        else
            hint = "define the anchor ('&name') before using it ('*name')";
    }
    if (p->context && (p->context_mark.line != p->problem_mark.line ||
                       p->context_mark.column != p->problem_mark.column))
        rc_error(L->d, mark_pos(L, p->problem_mark), "%s (%s at %d:%d); %s", problem, p->context,
                 (int)p->context_mark.line + 1, (int)p->context_mark.column + 1, hint);
    else if (p->context)
        rc_error(L->d, mark_pos(L, p->problem_mark), "%s (%s); %s", problem, p->context, hint);
    else
        rc_error(L->d, mark_pos(L, p->problem_mark), "%s; %s", problem, hint);
}

/* ---- composing the document, limits checked while parsing ------------------------- */

/*
 * libyaml's events are composed into its document here, one event at a
 * time, rather than by yaml_parser_load, so that the limits are checked
 * before the input costs far more than its size: libyaml's composer
 * compares each new anchor with every earlier one and looks aliases up the
 * same way (quadratic in the anchors), its scanner rescans every open flow
 * level at each token (quadratic in '[[[[...' depth), and 16 MiB of
 * "a,a,a," are 8 million nodes in memory. Each limit stops the run at the
 * event that passes it. (This used to be a separate first pass over the
 * events; composing in the same pass parses the input once.) The document
 * is the one yaml_parser_load would make, node for node, marks included:
 * tests/unit/test_load.c compares them.
 */
typedef struct limits {
    size_t nodes, anchors, aliases;
    int depth;
} limits;

static int check_limits(loader *L, limits *lim, const yaml_event_t *e)
{
    const yaml_char_t *anchor = NULL;
    int node = 1;
    switch (e->type) {
    case YAML_SCALAR_EVENT: anchor = e->data.scalar.anchor; break;
    case YAML_SEQUENCE_START_EVENT: anchor = e->data.sequence_start.anchor; break;
    case YAML_MAPPING_START_EVENT: anchor = e->data.mapping_start.anchor; break;
    case YAML_ALIAS_EVENT: lim->aliases++; break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: lim->depth--; node = 0; break;
    default: node = 0; break;
    }
    lim->anchors += anchor != NULL;
    rc_pos whole = {L->file, 0, 0};
    int rc = 0;
    /* Depth as measure() counts it: the root is at depth 1. */
    if (node && lim->depth + 1 > MAX_DEPTH)
        rc = rc_error(L->d, mark_pos(L, e->start_mark), "nesting deeper than %d levels; a CV "
                      "needs far fewer, so check the brackets and indentation", MAX_DEPTH);
    else if (lim->aliases > MAX_ALIAS_REFS)
        rc = rc_error(L->d, whole, "more than %d alias references ('*name'); a CV needs far "
                      "fewer, so this looks like an alias bomb", MAX_ALIAS_REFS);
    else if (lim->anchors > MAX_ANCHORS)
        rc = rc_error(L->d, mark_pos(L, e->start_mark), "more than %d anchors ('&name'); a "
                      "CV needs far fewer, so check that this is the right file", MAX_ANCHORS);
    else if (node && e->type != YAML_ALIAS_EVENT && ++lim->nodes > MAX_NODES)
        rc = rc_error(L->d, mark_pos(L, e->start_mark), "more than %d values (texts, lists "
                      "and mappings); a CV needs far fewer, so check that this is the right "
                      "file", MAX_NODES);
    if (e->type == YAML_SEQUENCE_START_EVENT || e->type == YAML_MAPPING_START_EVENT)
        lim->depth++;
    return rc;
}

/* An anchor and the node it names (a name is defined once: duplicates are refused). */
typedef struct anchor_entry {
    char *name;
    int id;
    yaml_mark_t mark;
} anchor_entry;

typedef struct composer {
    loader *L;
    yaml_parser_t *p;
    limits lim;
    int *open; /* the sequences and mappings being filled, innermost last */
    size_t nopen, open_cap;
    anchor_entry *anchors; /* open addressing on the name, at most half full */
    size_t anchors_cap, nanchors;
} composer;

static uint32_t name_hash(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static anchor_entry *anchor_slot(composer *c, const char *name)
{
    size_t mask = c->anchors_cap - 1;
    size_t i = name_hash(name) & mask;
    while (c->anchors[i].name && strcmp(c->anchors[i].name, name) != 0)
        i = (i + 1) & mask;
    return &c->anchors[i];
}

/* libyaml's composer errors, in the parser, for report_yaml_error. */
static int composer_error(composer *c, const char *context, yaml_mark_t context_mark,
                          const char *problem, yaml_mark_t problem_mark)
{
    c->p->error = YAML_COMPOSER_ERROR;
    c->p->context = context;
    c->p->context_mark = context_mark;
    c->p->problem = problem;
    c->p->problem_mark = problem_mark;
    return -1;
}

static int register_anchor(composer *c, const yaml_char_t *anchor, int id, yaml_mark_t mark)
{
    if (!anchor)
        return 0;
    if (2 * (c->nanchors + 1) > c->anchors_cap) {
        anchor_entry *old = c->anchors;
        size_t old_cap = c->anchors_cap;
        c->anchors_cap = old_cap ? 2 * old_cap : 16;
        c->anchors = rc_xcalloc(c->anchors_cap, sizeof(*c->anchors));
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].name)
                *anchor_slot(c, old[i].name) = old[i];
        free(old);
    }
    anchor_entry *e = anchor_slot(c, (const char *)anchor);
    if (e->name)
        return composer_error(c, "found duplicate anchor; first occurrence", e->mark,
                              "second occurrence", mark);
    e->name = rc_xstrdup((const char *)anchor);
    e->id = id;
    e->mark = mark;
    c->nanchors++;
    return 0;
}

/* Put node id into the innermost open sequence or mapping (none: it is the root). */
static int add_to_parent(composer *c, yaml_document_t *doc, int id)
{
    if (c->nopen == 0)
        return 0;
    int parent = c->open[c->nopen - 1];
    yaml_node_t *pn = yaml_document_get_node(doc, parent);
    if (pn->type == YAML_SEQUENCE_NODE)
        return yaml_document_append_sequence_item(doc, parent, id) ? 0 : -1;
    yaml_node_pair_t *last = pn->data.mapping.pairs.top;
    if (last != pn->data.mapping.pairs.start && last[-1].key != 0 && last[-1].value == 0) {
        last[-1].value = id; /* the value of the key just added */
        return 0;
    }
    /* A key: its value follows. libyaml's own API takes both at once, so push the pair here. */
    if (!yaml_document_append_mapping_pair(doc, parent, id, id))
        return -1;
    pn = yaml_document_get_node(doc, parent);
    pn->data.mapping.pairs.top[-1].value = 0;
    return 0;
}

static void set_marks(yaml_document_t *doc, int id, const yaml_event_t *e)
{
    yaml_node_t *n = yaml_document_get_node(doc, id);
    n->start_mark = e->start_mark;
    n->end_mark = e->end_mark;
}

/* An event's tag as the document API takes it: "!", the non-specific tag, as none (a string). */
static yaml_char_t *node_tag(yaml_char_t *tag)
{
    return tag && strcmp((const char *)tag, "!") == 0 ? NULL : tag;
}

/* ---- JSON's surrogate pairs ---------------------------------------------------------- */

/*
 * JSON writes a character beyond U+FFFF as two \u escapes, a UTF-16
 * surrogate pair ("\ud83d\ude00", what Python's json.dumps writes for an
 * emoji), which libyaml rejects as invalid escapes. Before libyaml reads
 * the input, the two backslashes of each pair become a private-use
 * character that the input does not contain (one character for one, so
 * every line and column stays as written); where a scalar is read, the
 * pair is decoded in a double-quoted scalar, and in any other style (where
 * the escape is plain text) the backslashes come back. A lone surrogate is
 * left alone, for libyaml to reject at its position.
 */
/* A surrogate pair "\uD8xx\uDCxx" at s (12 characters), as its code point; 0 if none. */
static uint32_t surrogate_pair_at(const char *s, size_t n)
{
    uint32_t hi, lo;
    if (n < 12 || s[0] != '\\' || s[1] != 'u' || s[6] != '\\' || s[7] != 'u' ||
        !hex4(s + 2, &hi) || !hex4(s + 8, &lo) || hi < 0xD800 || hi > 0xDBFF || lo < 0xDC00 ||
        lo > 0xDFFF)
        return 0;
    return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
}

/*
 * The input as libyaml is to read it: data itself when it holds no
 * surrogate pair, else a copy in *copy with L->marker standing for their
 * backslashes.
 */
static const char *mark_surrogates(loader *L, const char *data, size_t *len, rc_buf *copy)
{
    L->marker[0] = 0;
    const char *p = data, *end = data + *len;
    while ((p = memchr(p, '\\', (size_t)(end - p))) && !surrogate_pair_at(p, (size_t)(end - p)))
        p++;
    if (!p)
        return data; /* the common case: one memchr pass */
    /* A marker the input does not contain, so that every one found later is ours. */
    for (uint32_t cp = 0xE000; cp < 0xE100 && !L->marker[0]; cp++) {
        char m[5] = {0};
        rc_utf8_encode(cp, m);
        if (!has_bytes(data, *len, m, 3))
            memcpy(L->marker, m, 4);
    }
    if (!L->marker[0])
        return data;
    size_t run = 0; /* backslashes just before data[i]: an odd count escapes it */
    for (size_t i = 0; i < *len; i++) {
        if (data[i] == '\\' && run % 2 == 0 && surrogate_pair_at(data + i, *len - i)) {
            rc_buf_add(copy, L->marker, 3);
            rc_buf_add(copy, data + i + 1, 5);
            rc_buf_add(copy, L->marker, 3);
            rc_buf_add(copy, data + i + 7, 5);
            i += 11;
            run = 0;
            continue;
        }
        run = data[i] == '\\' ? run + 1 : 0;
        rc_buf_addc(copy, data[i]);
    }
    *len = copy->len;
    return rc_buf_str(copy);
}

/* The value of a scalar with markers: pairs decoded (double-quoted), or backslashes back. */
static void unmark_surrogates(const char *marker, yaml_char_t *value, size_t *length,
                              yaml_scalar_style_t style)
{
    char *s = (char *)value;
    size_t n = *length, out = 0;
    for (size_t i = 0; i < n;) {
        if (i + 3 <= n && !memcmp(s + i, marker, 3)) {
            char pair[12];
            uint32_t cp = 0;
            if (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && i + 16 <= n &&
                !memcmp(s + i + 8, marker, 3)) {
                pair[0] = pair[6] = '\\';
                memcpy(pair + 1, s + i + 3, 5);
                memcpy(pair + 7, s + i + 11, 5);
                cp = surrogate_pair_at(pair, sizeof(pair));
            }
            if (cp) {
                out += rc_utf8_encode(cp, s + out);
                i += 16;
            } else {
                s[out++] = '\\';
                i += 3;
            }
            continue;
        }
        s[out++] = s[i++];
    }
    s[out] = 0;
    *length = out;
}

/* ---- YAML merge keys ------------------------------------------------------------- */

/*
 * `<<: *base` (YAML 1.1's merge key, which RenderCV's reader follows)
 * adds to a mapping the pairs of another mapping, or of each mapping in a
 * list, whose keys it does not have itself; the first merged mapping
 * wins over later ones. It is expanded in the composer, where each mapping
 * is complete, so that every reader of the document (the schema, design,
 * overlays, JSON Resume) sees one rule: the pairs go where '<<' stands,
 * sharing their nodes as aliases do (check_size counts them).
 */
static int is_merge_key(const yaml_node_t *k)
{
    return k->type == YAML_SCALAR_NODE && k->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           k->data.scalar.length == 2 && !memcmp(k->data.scalar.value, "<<", 2);
}

/* The open-addressing set of scalar keys a merged mapping has so far. */
typedef struct key_set {
    int *ids;
    size_t cap;
} key_set;

/* Add key node id; 0 if the mapping already has that key. */
static int key_set_add(key_set *ks, yaml_document_t *doc, int id)
{
    yaml_node_t *k = yaml_document_get_node(doc, id);
    if (k->type != YAML_SCALAR_NODE)
        return 1;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < k->data.scalar.length; i++)
        h = (h ^ k->data.scalar.value[i]) * 16777619u;
    for (size_t i = h & (ks->cap - 1);; i = (i + 1) & (ks->cap - 1)) {
        if (!ks->ids[i]) {
            ks->ids[i] = id;
            return 1;
        }
        yaml_node_t *o = yaml_document_get_node(doc, ks->ids[i]);
        if (o->data.scalar.length == k->data.scalar.length &&
            !memcmp(o->data.scalar.value, k->data.scalar.value, k->data.scalar.length))
            return 0;
    }
}

static int is_open(const composer *c, int id)
{
    for (size_t i = 0; i < c->nopen; i++)
        if (c->open[i] == id)
            return 1;
    return 0;
}

/* The mappings a '<<' value names, checked; -1 after an error. */
static int merge_sources(composer *c, yaml_document_t *doc, int value, int *out, size_t *n)
{
    yaml_node_t *v = yaml_document_get_node(doc, value);
    int one = value;
    int *ids = &one;
    size_t count = 1;
    if (v->type == YAML_SEQUENCE_NODE) {
        ids = v->data.sequence.items.start;
        count = (size_t)(v->data.sequence.items.top - ids);
    }
    *n = 0;
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *m = yaml_document_get_node(doc, ids[i]);
        if (m->type != YAML_MAPPING_NODE)
            return rc_error(c->L->d, mark_pos(c->L, m->start_mark),
                            "the value of '<<' (a merge key) must be a mapping or a list of "
                            "mappings, such as '*base', not %s", rc_yaml_kind(m));
        if (is_open(c, ids[i]))
            return rc_error(c->L->d, mark_pos(c->L, m->start_mark),
                            "'<<' merges a mapping that contains it; YAML here cannot be "
                            "recursive");
        out[(*n)++] = ids[i];
    }
    return 0;
}

/* Replace each '<<' pair of mapping id by the pairs it merges; -1 after an error. */
static int expand_merges(composer *c, yaml_document_t *doc, int id)
{
    yaml_node_t *map = yaml_document_get_node(doc, id);
    yaml_node_pair_t *start = map->data.mapping.pairs.start, *top = map->data.mapping.pairs.top;
    size_t total = 0, nmerge = 0; /* pairs at most, own and merged; merge keys */
    for (yaml_node_pair_t *p = start; p < top; p++) {
        if (!is_merge_key(yaml_document_get_node(doc, p->key))) {
            total++;
            continue;
        }
        nmerge++;
        yaml_node_t *v = yaml_document_get_node(doc, p->value);
        size_t nsrc = v->type == YAML_SEQUENCE_NODE
                          ? (size_t)(v->data.sequence.items.top - v->data.sequence.items.start)
                          : 1;
        for (size_t i = 0; i < nsrc; i++) {
            yaml_node_t *m = yaml_document_get_node(
                doc, v->type == YAML_SEQUENCE_NODE ? v->data.sequence.items.start[i] : p->value);
            if (m->type == YAML_MAPPING_NODE) {
                size_t k = (size_t)(m->data.mapping.pairs.top - m->data.mapping.pairs.start);
                total += k;
                /* merged pairs are values the document grows by: bounded like those written */
                c->lim.nodes += k;
            }
        }
    }
    if (!nmerge)
        return 0;
    if (c->lim.nodes > MAX_NODES)
        return rc_error(c->L->d, mark_pos(c->L, map->start_mark), "merge keys ('<<') make "
                        "more than %d values; a CV needs far fewer, so this looks like an "
                        "alias bomb", MAX_NODES);
    key_set ks = {NULL, 16};
    while (ks.cap < 2 * total)
        ks.cap *= 2;
    ks.ids = rc_xcalloc(ks.cap, sizeof(int));
    yaml_node_pair_t *out = rc_xmalloc((total ? total : 1) * sizeof(*out));
    size_t n = 0;
    int *src = NULL;
    int rc = 0;
    for (yaml_node_pair_t *p = start; p < top; p++) /* the mapping's own keys win */
        if (!is_merge_key(yaml_document_get_node(doc, p->key)))
            key_set_add(&ks, doc, p->key);
    for (yaml_node_pair_t *p = start; p < top && rc == 0; p++) {
        if (!is_merge_key(yaml_document_get_node(doc, p->key))) {
            out[n++] = *p;
            continue;
        }
        yaml_node_t *v = yaml_document_get_node(doc, p->value);
        size_t nsrc = v->type == YAML_SEQUENCE_NODE
                          ? (size_t)(v->data.sequence.items.top - v->data.sequence.items.start)
                          : 1;
        src = rc_xrealloc(src, (nsrc ? nsrc : 1) * sizeof(int));
        if (merge_sources(c, doc, p->value, src, &nsrc) < 0) {
            rc = -2;
            break;
        }
        for (size_t i = 0; i < nsrc; i++) {
            yaml_node_t *m = yaml_document_get_node(doc, src[i]);
            for (yaml_node_pair_t *q = m->data.mapping.pairs.start;
                 q < m->data.mapping.pairs.top; q++)
                if (key_set_add(&ks, doc, q->key))
                    out[n++] = *q;
        }
    }
    free(src);
    free(ks.ids);
    if (rc < 0) {
        free(out);
        return rc;
    }
    map = yaml_document_get_node(doc, id);
    free(map->data.mapping.pairs.start); /* libyaml allocates with malloc */
    map->data.mapping.pairs.start = out;
    map->data.mapping.pairs.top = out + n;
    map->data.mapping.pairs.end = out + (total ? total : 1);
    return 0;
}

/* The node of one event into doc; 1 at the document's end, 0 to go on, -1 on a
 * syntax error (the parser holds it), -2 after an error reported here. */
static int compose_event(composer *c, yaml_document_t *doc, yaml_event_t *e)
{
    int id = 0;
    switch (e->type) {
    case YAML_DOCUMENT_END_EVENT:
        doc->end_implicit = e->data.document_end.implicit;
        doc->end_mark = e->end_mark;
        return 1;
    case YAML_ALIAS_EVENT: {
        anchor_entry *a = c->anchors_cap ? anchor_slot(c, (const char *)e->data.alias.anchor)
                                         : NULL;
        if (!a || !a->name)
            return composer_error(c, NULL, e->start_mark, "found undefined alias",
                                  e->start_mark);
        return add_to_parent(c, doc, a->id);
    }
    case YAML_SCALAR_EVENT:
        /* The value is the event's, taken over rather than copied. */
        id = yaml_document_add_scalar(doc, node_tag(e->data.scalar.tag), (yaml_char_t *)"", 0,
                                      e->data.scalar.style);
        if (id) {
            yaml_node_t *n = yaml_document_get_node(doc, id);
            free(n->data.scalar.value); /* libyaml allocates with malloc */
            n->data.scalar.value = e->data.scalar.value;
            n->data.scalar.length = e->data.scalar.length;
            e->data.scalar.value = NULL;
            if (c->L->marker[0] && has_bytes((const char *)n->data.scalar.value,
                                             n->data.scalar.length, c->L->marker, 3))
                unmark_surrogates(c->L->marker, n->data.scalar.value, &n->data.scalar.length,
                                  n->data.scalar.style);
        }
        break;
    case YAML_SEQUENCE_START_EVENT:
        id = yaml_document_add_sequence(doc, node_tag(e->data.sequence_start.tag),
                                        e->data.sequence_start.style);
        break;
    case YAML_MAPPING_START_EVENT:
        id = yaml_document_add_mapping(doc, node_tag(e->data.mapping_start.tag),
                                       e->data.mapping_start.style);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        /* The collection ends where its closing event does (libyaml's end mark). */
        yaml_document_get_node(doc, c->open[c->nopen - 1])->end_mark = e->end_mark;
        c->nopen--;
        if (e->type == YAML_MAPPING_END_EVENT)
            return expand_merges(c, doc, c->open[c->nopen]);
        return 0;
    default:
        return 0;
    }
    if (!id) {
        c->p->error = YAML_MEMORY_ERROR;
        return -1;
    }
    set_marks(doc, id, e);
    const yaml_char_t *anchor = e->type == YAML_SCALAR_EVENT ? e->data.scalar.anchor
                                : e->type == YAML_SEQUENCE_START_EVENT
                                    ? e->data.sequence_start.anchor
                                    : e->data.mapping_start.anchor;
    if (register_anchor(c, anchor, id, e->start_mark) < 0 || add_to_parent(c, doc, id) < 0)
        return -1;
    if (e->type != YAML_SCALAR_EVENT) {
        RC_VEC_PUSH(c->open, c->nopen, c->open_cap);
        c->open[c->nopen++] = id;
    }
    return 0;
}

/*
 * The next document of the stream into doc (its version and tag
 * directives are not kept: nothing reads them). Returns 1 with a document,
 * 0 at the stream's end (doc empty), -1 on a syntax error (the parser
 * holds it) or a limit passed (reported). The anchors are per document.
 */
static void forget_anchors(composer *c)
{
    for (size_t i = 0; i < c->anchors_cap; i++) {
        free(c->anchors[i].name);
        c->anchors[i].name = NULL;
    }
    c->nanchors = 0;
}

static int compose_document(composer *c, yaml_document_t *doc)
{
    memset(doc, 0, sizeof(*doc));
    c->nopen = 0;
    forget_anchors(c);
    int state = -2; /* before the document's start */
    while (state != 1) {
        yaml_event_t e;
        if (!yaml_parser_parse(c->p, &e))
            return -1;
        if (check_limits(c->L, &c->lim, &e) < 0) {
            yaml_event_delete(&e);
            return -2;
        }
        if (e.type == YAML_STREAM_START_EVENT) {
            state = -2;
        } else if (e.type == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&e);
            return 0;
        } else if (e.type == YAML_DOCUMENT_START_EVENT) {
            yaml_document_initialize(doc, NULL, NULL, NULL, e.data.document_start.implicit, 1);
            doc->start_mark = e.start_mark;
            state = 0;
        } else {
            state = compose_event(c, doc, &e);
            if (state < 0) {
                yaml_event_delete(&e);
                return state;
            }
        }
        yaml_event_delete(&e);
    }
    return 1;
}

static void composer_release(composer *c)
{
    forget_anchors(c);
    free(c->open);
    free(c->anchors);
}

/*
 * The first document of data into doc, limits checked, and then the rest
 * of the stream: a second document is most likely a stray '---'. What is
 * found after the first document is left in *after for the caller to
 * report once the first one is loaded, as before: AFTER_SECOND_DOCUMENT
 * (doc2 holds it: a non-empty second document), AFTER_BAD_YAML (the
 * parser holds the error), or AFTER_NOTHING. Returns 0 with a document
 * (possibly empty), or -1 after reporting.
 */
enum { AFTER_NOTHING, AFTER_SECOND_DOCUMENT, AFTER_BAD_YAML };

static int compose(loader *L, yaml_parser_t *p, const char *data, size_t len,
                   yaml_document_t *doc, yaml_document_t *doc2, int *after)
{
    composer c = {.L = L, .p = p};
    *after = AFTER_NOTHING;
    memset(doc2, 0, sizeof(*doc2));
    int rc = compose_document(&c, doc);
    if (rc == -1)
        report_yaml_error(L, p, data, len);
    if (rc < 0) {
        yaml_document_delete(doc);
        memset(doc, 0, sizeof(*doc));
        composer_release(&c);
        return -1;
    }
    if (rc == 1) {
        int rc2 = compose_document(&c, doc2);
        if (rc2 == -2) {
            yaml_document_delete(doc2);
            yaml_document_delete(doc);
            memset(doc, 0, sizeof(*doc));
            composer_release(&c);
            return -1;
        }
        if (rc2 == -1)
            *after = AFTER_BAD_YAML;
        else if (rc2 == 1)
            *after = AFTER_SECOND_DOCUMENT;
        /* The rest only for the limits, as far as it parses. */
        for (int more = rc2 == 1; more;) {
            yaml_document_t rest;
            int r = compose_document(&c, &rest);
            yaml_document_delete(&rest);
            if (r == -2) {
                if (*after == AFTER_SECOND_DOCUMENT)
                    yaml_document_delete(doc2);
                *after = AFTER_NOTHING;
                yaml_document_delete(doc);
                memset(doc, 0, sizeof(*doc));
                composer_release(&c);
                return -1;
            }
            more = r == 1;
        }
        if (*after != AFTER_SECOND_DOCUMENT)
            yaml_document_delete(doc2);
    }
    composer_release(&c);
    return 0;
}

/* After the first document is loaded: what followed it, reported and released. */
static void report_after(loader *L, yaml_parser_t *p, const char *data, size_t len,
                         yaml_document_t *doc2, int after)
{
    if (after == AFTER_BAD_YAML) {
        report_yaml_error(L, p, data, len);
    } else if (after == AFTER_SECOND_DOCUMENT) {
        yaml_node_t *root = yaml_document_get_root_node(doc2);
        if (root && !rc_yaml_is_null(root))
            rc_error(L->d, mark_pos(L, doc2->start_mark),
                     "a second YAML document starts here; a CV file holds one, so remove the "
                     "'---'");
    }
}

/* ---- entry points ---------------------------------------------------------------- */

/* A document written in JSON is read as JSON, before the checks (load_ext.h). */
static void relax_json(loader *L, yaml_document_t *doc, const char *data, size_t len)
{
    if (!rc_json_document(doc))
        return;
    rc_yaml y = {doc, L->file, L->a, L->d, NULL, 0, NULL};
    rc_json_relax(&y, data, len);
}

static int load_document(loader *L)
{
    rc_pos whole = {L->file, 0, 0};
    yaml_node_t *root = yaml_document_get_root_node(L->doc);
    if (!root || rc_yaml_is_null(root))
        return rc_error(L->d, whole, "the file is empty; write a CV starting with 'cv:'");
    if (root->type != YAML_MAPPING_NODE)
        return rc_error(L->d, node_pos(L, root),
                        "the top level must be a mapping with 'cv:' (and optionally design, "
                        "locale, settings), not %s", rc_yaml_kind(root));
    if (check_nodes(L) < 0 || check_size(L) < 0)
        return -1; /* walking a bad document would only repeat the problem */
    rc_yaml y = {L->doc, L->file, L->a, L->d, L->files, L->nfiles, L->cv->root};
    if (rc_jsonresume_detect(&y, root)) {
        int rc = rc_jsonresume_load(&y, root, L->cv);
        return load_shared_keys(L, root) < 0 ? -1 : rc;
    }
    rc_legacy_changes old;
    rc_legacy_upgrade(&y, &old); /* RenderCV 1.x and 2.0-2.3 keys; may add nodes */
    rc_legacy_warn(&y, &old);
    rc_legacy_changes_release(&old);
    return load_top(L, yaml_document_get_root_node(L->doc));
}

static int load_memory(rc_cv *cv, const char *name, const char *data, size_t len,
                       const struct rc_root *root, rc_arena *a, rc_diags *d)
{
    size_t errors_before = d->nerrors;
    memset(cv, 0, sizeof(*cv));
    cv->show_footer = -1;
    cv->root = root;
    cv->file = rc_arena_strdup(a, name ? name : "<input>");
    loader L = {.cv = cv, .a = a, .d = d, .file = cv->file, .design = &cv->design};
    rc_pos whole = {L.file, 0, 0};
    if (len > MAX_INPUT_BYTES)
        return rc_error(d, whole, "'%s' is larger than 16 MiB; a CV never is, so check that "
                        "this is the right file", L.file);

    yaml_parser_t parser;
    yaml_document_t doc, doc2;
    int after;
    if (!yaml_parser_initialize(&parser))
        return rc_error_class(d, RC_FAIL_INTERNAL, whole, "cannot initialize the YAML parser");
    rc_buf marked = RC_BUF_INIT;
    data = mark_surrogates(&L, data, &len, &marked);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    if (compose(&L, &parser, data, len, &doc, &doc2, &after) < 0) {
        yaml_parser_delete(&parser);
        rc_buf_release(&marked);
        return -1;
    }
    L.doc = &doc;
    relax_json(&L, &doc, data, len);
    load_document(&L);
    if (d->nerrors == errors_before)
        report_after(&L, &parser, data, len, &doc2, after);
    if (after == AFTER_SECOND_DOCUMENT)
        yaml_document_delete(&doc2);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    rc_buf_release(&marked);
    return d->nerrors == errors_before ? 0 : -1;
}

int rc_load_cv_memory(rc_cv *cv, const char *name, const char *data, size_t len, rc_arena *a,
                      rc_diags *d)
{
    return load_memory(cv, name, data, len, NULL, a, d);
}

int rc_load_design_memory(rc_design_values *out, const char *name, const char *data,
                          size_t len, rc_arena *a, rc_diags *d)
{
    size_t errors_before = d->nerrors;
    rc_cv scratch;
    memset(&scratch, 0, sizeof(scratch));
    loader L = {.cv = &scratch, .a = a, .d = d, .file = rc_arena_strdup(a, name), .design = out};
    yaml_parser_t parser;
    yaml_document_t doc, doc2;
    int after;
    if (!yaml_parser_initialize(&parser))
        return rc_error_class(d, RC_FAIL_INTERNAL, (rc_pos){L.file, 0, 0},
                              "cannot initialize the YAML parser");
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    if (compose(&L, &parser, data, len, &doc, &doc2, &after) < 0) {
        yaml_parser_delete(&parser);
        return -1;
    }
    if (after == AFTER_SECOND_DOCUMENT)
        yaml_document_delete(&doc2);
    L.doc = &doc;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root || root->type != YAML_MAPPING_NODE)
        rc_error(d, (rc_pos){L.file, 1, 1}, "a design file must be a mapping of design options");
    else if (check_nodes(&L) == 0 && check_size(&L) == 0)
        collect_design(&L, root, "design", out);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return d->nerrors == errors_before ? 0 : -1;
}

int rc_load_cv_file(rc_cv *cv, const char *path, const struct rc_root *root, rc_arena *a,
                    rc_diags *d)
{
    rc_pos nowhere = {NULL, 0, 0};
    memset(cv, 0, sizeof(*cv)); /* callers may look at an empty model after a failure */
    rc_buf b = RC_BUF_INIT;
    /* Read past the limit to tell "too large" from "exactly the limit". */
    int rc = rc_file_read(path, MAX_INPUT_BYTES, &b, nowhere, d);
    if (rc == 0) {
        /* Too large a file is rejected there, with the file's name. */
        rc = load_memory(cv, path, rc_buf_str(&b), b.len, root, a, d);
    }
    rc_buf_release(&b);
    return rc;
}

/* ---- the document interface (load_yaml.h) ------------------------------------------ */

int rc_yaml_parse(yaml_document_t *doc, const char *name, const char *data, size_t len,
                  rc_diags *d)
{
    size_t errors_before = d->nerrors;
    loader L;
    memset(&L, 0, sizeof(L));
    L.d = d;
    L.file = name;
    rc_pos whole = {name, 0, 0};
    memset(doc, 0, sizeof(*doc));
    if (len > MAX_INPUT_BYTES)
        return rc_error(d, whole, "'%s' is larger than 16 MiB; a CV never is, so check that "
                        "this is the right file", name);
    yaml_parser_t parser;
    yaml_document_t doc2;
    int after;
    if (!yaml_parser_initialize(&parser))
        return rc_error_class(d, RC_FAIL_INTERNAL, whole, "cannot initialize the YAML parser");
    rc_buf marked = RC_BUF_INIT;
    data = mark_surrogates(&L, data, &len, &marked);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    if (compose(&L, &parser, data, len, doc, &doc2, &after) < 0) {
        yaml_parser_delete(&parser);
        rc_buf_release(&marked);
        memset(doc, 0, sizeof(*doc));
        return -1;
    }
    L.doc = doc;
    relax_json(&L, doc, data, len);
    if (yaml_document_get_root_node(doc) && check_nodes(&L) == 0 && check_size(&L) == 0)
        report_after(&L, &parser, data, len, &doc2, after);
    if (after == AFTER_SECOND_DOCUMENT)
        yaml_document_delete(&doc2);
    yaml_parser_delete(&parser);
    rc_buf_release(&marked);
    if (d->nerrors == errors_before)
        return 0;
    yaml_document_delete(doc);
    memset(doc, 0, sizeof(*doc));
    return -1;
}

int rc_load_cv_document(rc_cv *cv, yaml_document_t *doc, const char *name,
                        const char *const *files, size_t nfiles, const struct rc_root *root,
                        rc_arena *a, rc_diags *d)
{
    size_t errors_before = d->nerrors;
    memset(cv, 0, sizeof(*cv));
    cv->show_footer = -1;
    cv->root = root;
    cv->file = rc_arena_strdup(a, name ? name : "<input>");
    loader L;
    memset(&L, 0, sizeof(L));
    L.doc = doc;
    L.cv = cv;
    L.a = a;
    L.d = d;
    L.file = cv->file;
    L.design = &cv->design;
    L.files = files;
    L.nfiles = nfiles;
    load_document(&L);
    return d->nerrors == errors_before ? 0 : -1;
}
