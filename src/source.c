/*
 * source: input file + overlays + --set values + a variant, as one YAML
 * document, then the schema loader and the variant's tailoring (see
 * source.h for the order and the `variants:` schema).
 */
#include "source.h"

#include "files.h"
#include "load_yaml.h"
#include "merge.h"
#include "validate.h"
#include "variant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE_BYTES (16u << 20)
#define CMDLINE "<command line>"

typedef struct variant_def {
    rc_variant_spec spec;
    yaml_mark_t design_key, locale_key; /* where design: and locale: were written */
    int set, design, locale;            /* node ids in the merged document; 0: none */
    rc_text job;                        /* the job ad it names (job:), s NULL: none */
    int letter;                         /* the variant's own letter: (node id), or 0 */
    yaml_mark_t letter_key;
} variant_def;

struct rc_source {
    rc_arena a;
    const char **files; /* input, overlays..., "<command line>" */
    size_t nfiles;
    rc_root root;        /* where the files the CV names may lie (files.h) */
    yaml_document_t doc; /* steps 1-3 */
    int have_doc;
    /* After rc_source_drop_document: the files the variant loaded last names. */
    rc_buf named;
    size_t nnamed;
    int named_variant;
    variant_def *variants;
    size_t nvariants;
    int have_variants_key;
    yaml_mark_t variants_mark;
    rc_diags parse_warnings; /* given to every load (keep_warnings) */
    int letter_body; /* the top-level letter: has a body (cv.h: rc_cv_has_letter) */
};

static rc_file_table table(const rc_source *s)
{
    rc_file_table t = {s->files, s->nfiles};
    return t;
}

static rc_pos pos_of(const rc_source *s, yaml_mark_t m)
{
    rc_file_table t = table(s);
    return rc_merge_pos(&t, m);
}

static yaml_node_t *node(const rc_source *s, int id)
{
    return yaml_document_get_node((yaml_document_t *)&s->doc, id);
}

static const char *scalar(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/* ---- reading files ------------------------------------------------------------ */

/*
 * A file named on the command line: anywhere (files.h), but a regular file.
 * Up to one past the size limit is read, which the parser reports.
 */
static int parse_file(const char *path, yaml_document_t *doc, rc_diags *d)
{
    rc_buf b = RC_BUF_INIT;
    rc_pos nowhere = {NULL, 0, 0};
    int rc = rc_file_read(path, MAX_FILE_BYTES, &b, nowhere, d);
    if (rc == 0)
        rc = rc_yaml_parse(doc, path, rc_buf_str(&b), b.len, d);
    rc_buf_release(&b);
    return rc;
}

static int out_of_memory(rc_diags *d, const char *file)
{
    rc_pos whole = {file, 0, 0};
    return rc_error_class(d, RC_FAIL_INTERNAL, whole, "out of memory while merging YAML");
}

static int root_is_mapping(yaml_document_t *doc)
{
    yaml_node_t *root = yaml_document_get_root_node(doc);
    return root && root->type == YAML_MAPPING_NODE;
}

/* Merge overlay file number `file` over the document. */
/* A top-level key other than `only` in a --design file: an error at the key. */
static int check_only_key(rc_source *s, size_t file, yaml_document_t *ov, yaml_node_t *root,
                          const char *only, rc_diags *d)
{
    int rc = 0;
    for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
         pr < root->data.mapping.pairs.top; pr++) {
        yaml_node_t *k = yaml_document_get_node(ov, pr->key);
        if (k && k->type == YAML_SCALAR_NODE &&
            strcmp((const char *)k->data.scalar.value, only) == 0)
            continue;
        rc_pos p = {s->files[file], k ? (int)k->start_mark.line + 1 : 0,
                    k ? (int)k->start_mark.column + 1 : 0};
        rc = rc_error(d, p, "a --%s file holds only '%s:'; move '%s' to the CV file", only,
                      only, k && k->type == YAML_SCALAR_NODE
                                ? rc_diag_token(&s->a, (const char *)k->data.scalar.value)
                                : "this key");
    }
    return rc;
}

/* Text given in memory (the library's API), parsed as the file it stands for. */
static int parse_text(const char *path, const char *text, size_t len, yaml_document_t *doc,
                      rc_diags *d)
{
    return rc_yaml_parse(doc, path, text ? text : "", len, d);
}

static int add_overlay(rc_source *s, size_t file, const char *only, const char *text,
                       size_t len, rc_diags *d)
{
    yaml_document_t ov;
    if ((text ? parse_text(s->files[file], text, len, &ov, d)
              : parse_file(s->files[file], &ov, d)) < 0)
        return -1;
    yaml_node_t *root = yaml_document_get_root_node(&ov);
    int rc = 0;
    if (root && !(root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)) {
        if (root->type != YAML_MAPPING_NODE) {
            rc_pos p = {s->files[file], (int)root->start_mark.line + 1,
                        (int)root->start_mark.column + 1};
            rc = rc_error(d, p, "an overlay file must be a mapping of top-level keys (cv, "
                          "design, locale, settings, variants), not %s",
                          root->type == YAML_SEQUENCE_NODE ? "a list" : "text");
        } else if (only && check_only_key(s, file, &ov, root, only, d) < 0) {
            rc = -1;
        } else if (root_is_mapping(&s->doc) && !rc_merge_over(&s->doc, 1, &ov, 1, (int)file)) {
            rc = out_of_memory(d, s->files[file]);
        }
    }
    yaml_document_delete(&ov);
    return rc;
}

/* ---- --set PATH=VALUE --------------------------------------------------------- */

static int set_error(rc_diags *d, int line, size_t col, const char *arg, const char *why)
{
    rc_pos p = {CMDLINE, line, (int)col + 1};
    return rc_error_class(d, RC_FAIL_USAGE, p, "--set '%s': %s; write --set dotted.path=value, "
                          "e.g. --set cv.headline=Engineer", arg, why);
}

static int apply_set(rc_source *s, size_t k, const char *arg, rc_diags *d)
{
    int line = (int)k + 1;
    size_t len = strlen(arg), bad = rc_utf8_find_invalid(arg, len);
    if (bad != (size_t)-1)
        return set_error(d, line, rc_utf8_length(arg, bad), arg, "invalid UTF-8");
    rc_path path;
    const char *why = NULL;
    size_t where = 0;
    long used = rc_path_parse(arg, &path, &why, &where);
    if (used < 0)
        return set_error(d, line, where, arg, why);
    if (arg[used] != '=') {
        rc_path_release(&path);
        return set_error(d, line, rc_utf8_length(arg, (size_t)used), arg, "no '=value'");
    }
    int rc = 0;
    if (root_is_mapping(&s->doc)) {
        const char *value = arg + used + 1;
        yaml_mark_t at = {s->nfiles - 1, (size_t)k, 0};
        yaml_mark_t vm = at;
        vm.column = rc_utf8_length(arg, (size_t)used + 1);
        int v = yaml_document_add_scalar(&s->doc, NULL, (yaml_char_t *)value, (int)strlen(value),
                                         YAML_PLAIN_SCALAR_STYLE);
        if (!v) {
            rc = out_of_memory(d, CMDLINE);
        } else {
            yaml_node_t *n = yaml_document_get_node(&s->doc, v);
            n->start_mark = n->end_mark = vm;
            rc_file_table t = table(s);
            rc_path_origin o = {at, 1};
            rc = rc_merge_set(&s->doc, &path, v, o, &t, d);
        }
    }
    rc_path_release(&path);
    return rc;
}

/* ---- variants: ------------------------------------------------------------------ */

static rc_text text_of(rc_source *s, const yaml_node_t *n)
{
    rc_text t;
    t.s = rc_arena_strndup(&s->a, scalar(n), n->data.scalar.length);
    t.pos = pos_of(s, n->start_mark);
    yaml_scalar_style_t st = n->data.scalar.style;
    if (st == YAML_SINGLE_QUOTED_SCALAR_STYLE || st == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        t.pos.col++;
    return t;
}

static int is_empty(const yaml_node_t *n)
{
    if (!n)
        return 1;
    if (n->type != YAML_SCALAR_NODE)
        return 0;
    if (n->data.scalar.length == 0)
        return 1;
    const char *v = scalar(n);
    return n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           (!strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL"));
}

static const char *kind(const yaml_node_t *n)
{
    if (is_empty(n))
        return "empty";
    return n->type == YAML_SEQUENCE_NODE ? "a list" : n->type == YAML_MAPPING_NODE ? "a mapping"
                                                                                 : "text";
}

/* A list of text, or one text as a list of one. */
static int read_names(rc_source *s, const yaml_node_t *v, const char *vname, const char *key,
                      rc_texts *out, rc_diags *d)
{
    out->v = NULL;
    out->n = 0;
    if (is_empty(v))
        return 0;
    if (v->type == YAML_SCALAR_NODE) {
        out->v = rc_arena_alloc(&s->a, sizeof(rc_text));
        out->v[out->n++] = text_of(s, v);
        return 0;
    }
    if (v->type != YAML_SEQUENCE_NODE)
        return rc_error(d, pos_of(s, v->start_mark), "variants.%s.%s must be a list of text, "
                        "not %s", vname, key, kind(v));
    size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    out->v = n ? rc_arena_alloc(&s->a, n * sizeof(rc_text)) : NULL;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        const yaml_node_t *item = node(s, v->data.sequence.items.start[i]);
        if (item->type != YAML_SCALAR_NODE || is_empty(item))
            rc = rc_error(d, pos_of(s, item->start_mark), "variants.%s.%s[%zu] must be text, "
                          "not %s", vname, key, i, kind(item));
        else
            out->v[out->n++] = text_of(s, item);
    }
    return rc;
}

/* A variant's `set` keys are paths: check their syntax now, with positions. */
static int check_set(rc_source *s, const yaml_node_t *v, const char *vname, rc_diags *d)
{
    int rc = 0;
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = node(s, p->key);
        if (k->type != YAML_SCALAR_NODE || is_empty(k)) {
            rc = rc_error(d, pos_of(s, k->start_mark), "keys in variants.%s.set must be dotted "
                          "paths such as cv.headline, not %s", vname, kind(k));
            continue;
        }
        rc_path path;
        const char *why = NULL;
        size_t where = 0;
        long used = rc_path_parse(scalar(k), &path, &why, &where);
        if (used >= 0 && scalar(k)[used]) {
            rc_path_release(&path);
            used = -1;
            why = "unexpected '='; the value goes after ': '";
            where = rc_utf8_length(scalar(k), strcspn(scalar(k), "="));
        }
        if (used < 0) {
            rc_pos pos = pos_of(s, k->start_mark);
            if (k->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                k->start_mark.line == k->end_mark.line)
                pos.col += (int)where;
            rc = rc_error(d, pos, "variants.%s.set: '%s' is not a dotted path: %s", vname,
                          scalar(k), why);
            continue;
        }
        rc_path_release(&path);
    }
    return rc;
}

/* Variant names become parts of file names. */
static int good_name(const char *n)
{
    if (!*n || *n == '.' || *n == '-')
        return 0;
    for (; *n; n++)
        if (!((*n >= 'a' && *n <= 'z') || (*n >= 'A' && *n <= 'Z') || (*n >= '0' && *n <= '9') ||
              *n == '-' || *n == '_' || *n == '.'))
            return 0;
    return 1;
}

static const char *const variant_keys[] = {"include_tags", "exclude_tags", "sections", "set",
                                           "design",       "locale",       "job",
                                           "letter",       NULL};

static int read_variant(rc_source *s, const yaml_node_t *k, const yaml_node_t *v, variant_def *out,
                        rc_diags *d)
{
    memset(out, 0, sizeof(*out));
    out->spec.name = text_of(s, k);
    const char *name = out->spec.name.s;
    int rc = 0;
    if (!good_name(name))
        rc = rc_error(d, out->spec.name.pos, "variant name '%s' cannot be part of a file name; "
                      "use letters, digits, '-', '_' and '.'", name);
    if (is_empty(v))
        return rc;
    if (v->type != YAML_MAPPING_NODE)
        return rc_error(d, pos_of(s, v->start_mark), "variants.%s must be a mapping (of "
                        "include_tags, exclude_tags, sections, set, design, locale, job, "
                        "letter), not %s",
                        name, kind(v));
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
        const yaml_node_t *key = node(s, p->key), *val = node(s, p->value);
        const char *kn = key->type == YAML_SCALAR_NODE ? scalar(key) : "";
        if (!strcmp(kn, "include_tags")) {
            rc |= read_names(s, val, name, kn, &out->spec.include_tags, d);
        } else if (!strcmp(kn, "exclude_tags")) {
            rc |= read_names(s, val, name, kn, &out->spec.exclude_tags, d);
        } else if (!strcmp(kn, "sections")) {
            rc |= read_names(s, val, name, kn, &out->spec.sections, d);
            out->spec.has_sections = 1;
        } else if (!strcmp(kn, "job")) {
            /* the job ad of the job-ad check (job.h): a file, as the photo is */
            if (val->type != YAML_SCALAR_NODE || is_empty(val))
                rc = rc_error(d, pos_of(s, val->start_mark), "variants.%s.job must name the job "
                              "ad's text file, as in job: ads/acme.txt, not %s", name, kind(val));
            else
                out->job = text_of(s, val);
        } else if (!strcmp(kn, "letter")) {
            /* merged over the top-level letter:, which the schema loader checks */
            if (!is_empty(val)) {
                out->letter = p->value;
                out->letter_key = key->start_mark;
            }
        } else if (!strcmp(kn, "set") || !strcmp(kn, "design") || !strcmp(kn, "locale")) {
            if (is_empty(val))
                continue;
            if (val->type != YAML_MAPPING_NODE) {
                rc = rc_error(d, pos_of(s, val->start_mark), "variants.%s.%s must be a mapping, "
                              "not %s", name, kn, kind(val));
                continue;
            }
            if (kn[0] == 's') {
                out->set = p->value;
                rc |= check_set(s, val, name, d);
            } else if (kn[0] == 'd') {
                out->design = p->value;
                out->design_key = key->start_mark;
            } else {
                out->locale = p->value;
                out->locale_key = key->start_mark;
            }
        } else if (key->type != YAML_SCALAR_NODE) {
            rc = rc_error(d, pos_of(s, key->start_mark), "keys in variants.%s must be text", name);
        } else {
            const char *near = rc_did_you_mean(kn, variant_keys);
            if (near)
                rc = rc_error(d, pos_of(s, key->start_mark), "unknown key '%s' in variants.%s "
                              "(did you mean '%s'?)", kn, name, near);
            else
                rc = rc_error(d, pos_of(s, key->start_mark), "unknown key '%s' in variants.%s; "
                              "expected include_tags, exclude_tags, sections, set, design, "
                              "locale, job or letter", kn, name);
        }
    }
    return rc ? -1 : 0;
}

static int read_variants(rc_source *s, rc_diags *d)
{
    if (!root_is_mapping(&s->doc))
        return 0;
    yaml_node_t *root = yaml_document_get_root_node(&s->doc);
    const yaml_node_t *key = NULL;
    int vid = 0;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        const yaml_node_t *k = node(s, p->key);
        if (k->type == YAML_SCALAR_NODE && !strcmp(scalar(k), "variants")) {
            key = k;
            vid = p->value;
        }
    }
    if (!key)
        return 0;
    s->have_variants_key = 1;
    s->variants_mark = key->start_mark;
    const yaml_node_t *v = node(s, vid);
    if (is_empty(v))
        return 0;
    if (v->type != YAML_MAPPING_NODE)
        return rc_error(d, pos_of(s, v->start_mark), "variants must be a mapping from variant "
                        "names to what each keeps and changes, not %s", kind(v));
    size_t n = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
    s->variants = rc_arena_alloc(&s->a, (n ? n : 1) * sizeof(*s->variants));
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        yaml_node_pair_t p = v->data.mapping.pairs.start[i];
        const yaml_node_t *k = node(s, p.key);
        if (k->type != YAML_SCALAR_NODE || is_empty(k)) {
            rc = rc_error(d, pos_of(s, k->start_mark), "variant names must be text, not %s",
                          kind(k));
            continue;
        }
        if (read_variant(s, k, node(s, p.value), &s->variants[s->nvariants], d) < 0)
            rc = -1;
        s->nvariants++;
    }
    return rc;
}

/* ---- opening ------------------------------------------------------------------------ */

/*
 * The warnings of parsing (a JSON file read as JSON, load_ext.h) are the
 * CV's, like the schema's: moved out of d into the source, and added to
 * the diagnostics of each rc_source_load, where they are printed and count
 * for --strict with the others.
 */
static void keep_warnings(rc_source *s, rc_diags *d, size_t from)
{
    size_t k = from;
    for (size_t i = from; i < d->n; i++) {
        rc_diag *g = &d->v[i];
        if (g->severity != RC_WARNING) {
            d->v[k++] = *g;
            continue;
        }
        rc_warning(&s->parse_warnings, g->pos, "%s", g->message);
        free(g->message);
        d->nwarnings--;
    }
    d->n = k;
}
static const yaml_node_t *text_node(yaml_document_t *doc, int id);

int rc_source_open(rc_source **out, const rc_source_spec *spec, rc_diags *d)
{
    size_t errors_before = d->nerrors, diags_before = d->n;
    rc_source *s = rc_xcalloc(1, sizeof(*s));
    *out = s;
    rc_arena_init(&s->a);
    s->nfiles = spec->noverlays + 2;
    s->files = rc_arena_alloc(&s->a, s->nfiles * sizeof(*s->files));
    s->files[0] = rc_arena_strdup(&s->a, spec->input);
    for (size_t i = 0; i < spec->noverlays; i++)
        s->files[i + 1] = rc_arena_strdup(&s->a, spec->overlays[i]);
    s->files[s->nfiles - 1] = CMDLINE;
    if (rc_root_init(&s->root, spec->root, spec->input, d) < 0)
        return -1;

    if (rc_merge_doc_init(&s->doc) < 0)
        return out_of_memory(d, spec->input);
    s->have_doc = 1;
    yaml_document_t base;
    if ((spec->input_text ? parse_text(s->files[0], spec->input_text, spec->input_len, &base, d)
                          : parse_file(s->files[0], &base, d)) == 0) {
        if (yaml_document_get_root_node(&base) && !rc_merge_copy(&s->doc, &base, 1, 0))
            out_of_memory(d, s->files[0]);
        yaml_document_delete(&base);
    }
    for (size_t i = 0; i < spec->noverlays; i++)
        add_overlay(s, i + 1, spec->overlay_keys ? spec->overlay_keys[i] : NULL,
                    spec->overlay_texts ? spec->overlay_texts[i] : NULL,
                    spec->overlay_lens ? spec->overlay_lens[i] : 0, d);
    if (d->nerrors == errors_before)
        for (size_t i = 0; i < spec->nsets; i++)
            apply_set(s, i, spec->sets[i], d);
    if (d->nerrors == errors_before)
        read_variants(s, d);
    if (d->nerrors == errors_before)
        keep_warnings(s, d, diags_before);
    static const rc_path_seg body_segs[] = {{(char *)"letter", 0, 0}, {(char *)"body", 0, 0}};
    rc_path body = {(rc_path_seg *)body_segs, 2};
    s->letter_body = root_is_mapping(&s->doc) && text_node(&s->doc, rc_merge_get(&s->doc, &body));
    return d->nerrors == errors_before ? 0 : -1;
}

void rc_source_free(rc_source *s)
{
    if (!s)
        return;
    if (s->have_doc)
        yaml_document_delete(&s->doc);
    rc_root_release(&s->root);
    rc_buf_release(&s->named);
    rc_diags_release(&s->parse_warnings);
    rc_arena_release(&s->a);
    free(s);
}

void rc_source_drop_document(rc_source *s, int v)
{
    if (!s->have_doc)
        return;
    rc_buf_reset(&s->named);
    s->nnamed = rc_source_named_files(s, v, &s->named);
    s->named_variant = v;
    yaml_document_delete(&s->doc);
    memset(&s->doc, 0, sizeof(s->doc));
    s->have_doc = 0;
}

size_t rc_source_nvariants(const rc_source *s)
{
    return s->nvariants;
}

const char *rc_source_variant_name(const rc_source *s, size_t i)
{
    return i < s->nvariants ? s->variants[i].spec.name.s : NULL;
}

int rc_source_find_variant(const rc_source *s, const char *name, rc_diags *d)
{
    for (size_t i = 0; i < s->nvariants; i++)
        if (!strcmp(s->variants[i].spec.name.s, name))
            return (int)i;
    if (!s->have_variants_key || !s->nvariants) {
        rc_pos whole = {s->files[0], 0, 0};
        return rc_error_class(d, RC_FAIL_USAGE, whole, "no variant '%s': the CV defines no "
                              "variants (add a 'variants:' mapping)", name);
    }
    const char **names = rc_xcalloc(s->nvariants + 1, sizeof(*names));
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < s->nvariants; i++) {
        names[i] = s->variants[i].spec.name.s;
        rc_buf_addf(&b, "%s'%s'", i == 0 ? "" : i + 1 == s->nvariants ? " and " : ", ", names[i]);
    }
    const char *near = rc_did_you_mean(name, names);
    rc_pos pos = pos_of(s, s->variants_mark);
    if (near)
        rc_error_class(d, RC_FAIL_USAGE, pos, "no variant '%s' in variants (did you mean '%s'?)",
                       name, near);
    else
        rc_error_class(d, RC_FAIL_USAGE, pos, "no variant '%s' in variants; the variants are %s",
                       name, rc_buf_str(&b));
    rc_buf_release(&b);
    free(names);
    return -1;
}

/* ---- a variant's document -------------------------------------------------------- */

/* Merge the variant's design or locale over the top-level key of that name. */
static int merge_top(rc_source *s, yaml_document_t *vd, const char *key, int src, yaml_mark_t at,
                     rc_diags *d)
{
    yaml_node_t *root = yaml_document_get_root_node(vd);
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(vd, p->key);
        if (k->type != YAML_SCALAR_NODE || strcmp(scalar(k), key))
            continue;
        size_t j = (size_t)(p - root->data.mapping.pairs.start);
        int merged = rc_merge_over(vd, p->value, &s->doc, src, -1);
        if (!merged)
            return out_of_memory(d, s->files[0]);
        yaml_document_get_root_node(vd)->data.mapping.pairs.start[j].value = merged;
        return 0;
    }
    int k = yaml_document_add_scalar(vd, NULL, (yaml_char_t *)key, -1, YAML_PLAIN_SCALAR_STYLE);
    int v = k ? rc_merge_copy(vd, &s->doc, src, -1) : 0;
    if (!v || !yaml_document_append_mapping_pair(vd, 1, k, v))
        return out_of_memory(d, s->files[0]);
    yaml_node_t *kn = yaml_document_get_node(vd, k);
    kn->start_mark = kn->end_mark = at;
    return 0;
}

static int apply_variant_set(rc_source *s, yaml_document_t *vd, int set, rc_diags *d)
{
    int rc = 0;
    rc_file_table t = table(s);
    const yaml_node_t *m = node(s, set);
    size_t n = (size_t)(m->data.mapping.pairs.top - m->data.mapping.pairs.start);
    for (size_t i = 0; i < n; i++) {
        yaml_node_pair_t p = node(s, set)->data.mapping.pairs.start[i];
        const yaml_node_t *k = node(s, p.key);
        rc_path path;
        const char *why;
        size_t where;
        if (rc_path_parse(scalar(k), &path, &why, &where) < 0)
            continue; /* reported when the variants were read */
        int v = rc_merge_copy(vd, &s->doc, p.value, -1);
        rc_path_origin o = {k->start_mark, k->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                                               k->start_mark.line == k->end_mark.line};
        if (!v)
            rc = out_of_memory(d, s->files[0]);
        else if (rc_merge_set(vd, &path, v, o, &t, d) < 0)
            rc = -1;
        rc_path_release(&path);
    }
    return rc;
}

/*
 * The document of variant v (-1: none), steps 1-4, as a copy: the loader
 * may rewrite the document it is given (older RenderCV keys), and the
 * merged one serves every variant. -1 with diagnostics.
 */
static int variant_doc(const rc_source *cs, int v, yaml_document_t *vd, rc_diags *d)
{
    rc_source *s = (rc_source *)cs; /* the merged document is only read */
    if (rc_merge_doc_init(vd) < 0)
        return out_of_memory(d, s->files[0]);
    if (!yaml_document_get_root_node(&s->doc))
        return 0; /* the loader says the file is empty */
    /*
     * Without the variants, which each variant's document has no use for:
     * copying them all for every variant made a build of n variants cost n².
     */
    if (!rc_merge_copy_except(vd, &s->doc, 1, -1, "variants")) {
        yaml_document_delete(vd);
        return out_of_memory(d, s->files[0]);
    }
    if (v < 0)
        return 0;
    const variant_def *def = &s->variants[v];
    int rc = 0;
    if (def->design && merge_top(s, vd, "design", def->design, def->design_key, d) < 0)
        rc = -1;
    if (def->locale && merge_top(s, vd, "locale", def->locale, def->locale_key, d) < 0)
        rc = -1;
    if (def->letter && merge_top(s, vd, "letter", def->letter, def->letter_key, d) < 0)
        rc = -1;
    if (rc == 0 && def->set && apply_variant_set(s, vd, def->set, d) < 0)
        rc = -1;
    if (rc < 0)
        yaml_document_delete(vd);
    return rc;
}

/* Whether the document's top level has key (RenderCV's files have cv:, JSON Resume's not). */
static int has_key(yaml_document_t *doc, const char *key)
{
    yaml_node_t *root = yaml_document_get_root_node(doc);
    if (!root || root->type != YAML_MAPPING_NODE)
        return 0;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE && !strcmp((const char *)k->data.scalar.value, key))
            return 1;
    }
    return 0;
}

int rc_source_load(const rc_source *s, int v, rc_cv *cv, rc_arena *a, rc_diags *d)
{
    memset(cv, 0, sizeof(*cv));
    if (!s->have_doc)
        return rc_error_class(d, RC_FAIL_INTERNAL, (rc_pos){s->files[0], 0, 0},
                              "the merged document was already freed");
    if ((size_t)(v + 1) > s->nvariants)
        v = -1;
    for (size_t i = 0; i < s->parse_warnings.n; i++)
        rc_warning(d, s->parse_warnings.v[i].pos, "%s", s->parse_warnings.v[i].message);
    yaml_document_t vd;
    if (variant_doc(s, v, &vd, d) < 0)
        return -1;
    int rc = rc_load_cv_document(cv, &vd, s->files[0], s->files, s->nfiles, &s->root, a, d);
    /* RenderCV's checks of the contact details and photo, with the loader's errors (validate.h) */
    if (has_key(&vd, "cv") && rc_cv_validate(cv, d) < 0)
        rc = -1;
    yaml_document_delete(&vd);
    if (rc == 0 && v >= 0)
        rc = rc_variant_apply(cv, &s->variants[v].spec, a, d);
    if (rc == 0 && v >= 0 && s->variants[v].letter) {
        /* the variant's own letter: it has one, and its messages point there */
        cv->letter.own = 1;
        cv->letter.pos = pos_of(s, node(s, s->variants[v].letter)->start_mark);
    }
    return rc;
}

int rc_source_has_letter(const rc_source *s, int v)
{
    if (v >= 0 && (size_t)v < s->nvariants && s->variants[v].letter)
        return 1;
    return s->letter_body;
}

/* A scalar that says something (not empty, not null), or NULL. */
static const yaml_node_t *text_node(yaml_document_t *doc, int id)
{
    const yaml_node_t *n = id ? yaml_document_get_node(doc, id) : NULL;
    return n && n->type == YAML_SCALAR_NODE && !is_empty(n) ? n : NULL;
}

static void add_named(rc_buf *list, size_t *n, const char *from, const char *name)
{
    rc_buf p = RC_BUF_INIT;
    rc_files_join(&p, from, name);
    rc_buf_add(list, rc_buf_str(&p), p.len + 1);
    rc_buf_release(&p);
    ++*n;
}

int rc_source_job(const rc_source *s, int v, char **path, rc_pos *pos, rc_diags *d)
{
    *path = NULL;
    if (v < 0 || (size_t)v >= s->nvariants || !s->variants[v].job.s)
        return 0;
    const rc_text *job = &s->variants[v].job;
    rc_buf p = RC_BUF_INIT;
    rc_files_join(&p, job->pos.file ? job->pos.file : s->files[0], job->s);
    *pos = job->pos;
    if (rc_files_check(&s->root, rc_buf_str(&p), "job ad", job->s, job->pos, d) < 0) {
        rc_buf_release(&p);
        return -1;
    }
    *path = p.ptr ? p.ptr : rc_xstrdup("");
    return 1;
}

const rc_root *rc_source_root(const rc_source *s)
{
    return &s->root;
}

size_t rc_source_named_files(const rc_source *s, int v, rc_buf *out)
{
    static const rc_path_seg photo_segs[] = {{(char *)"cv", 0, 0}, {(char *)"photo", 0, 0}};
    static const rc_path_seg sections_segs[] = {{(char *)"cv", 0, 0},
                                                {(char *)"sections", 0, 0}};
    rc_path photo_path = {(rc_path_seg *)photo_segs, 2};
    rc_path sections_path = {(rc_path_seg *)sections_segs, 2};
    if (!s->have_doc) {
        /* the document was dropped: what it named was kept for the variant loaded */
        if (v != s->named_variant)
            return 0;
        rc_buf_add(out, s->named.ptr, s->named.len);
        return s->nnamed;
    }
    yaml_document_t vd, *doc = (yaml_document_t *)&s->doc;
    rc_diags quiet;
    rc_diags_init(&quiet);
    int own = v >= 0 && (size_t)v < s->nvariants && variant_doc(s, v, &vd, &quiet) == 0;
    rc_diags_release(&quiet);
    if (own)
        doc = &vd;
    size_t n = 0;
    const yaml_node_t *photo = yaml_document_get_root_node(doc)
                                   ? text_node(doc, rc_merge_get(doc, &photo_path))
                                   : NULL;
    /* The photo is relative to the CV's own file, as layout_header.c resolves it. */
    if (photo)
        add_named(out, &n, s->files[0], scalar(photo));
    /* So is the letter's signature (layout_letter.c), read when there is a letter. */
    static const rc_path_seg sig_segs[] = {{(char *)"letter", 0, 0},
                                           {(char *)"signature", 0, 0}};
    rc_path sig_path = {(rc_path_seg *)sig_segs, 2};
    const yaml_node_t *sig = yaml_document_get_root_node(doc) && rc_source_has_letter(s, v)
                                 ? text_node(doc, rc_merge_get(doc, &sig_path))
                                 : NULL;
    if (sig)
        add_named(out, &n, s->files[0], scalar(sig));
    int sid = yaml_document_get_root_node(doc) ? rc_merge_get(doc, &sections_path) : 0;
    const yaml_node_t *secs = sid ? yaml_document_get_node(doc, sid) : NULL;
    for (yaml_node_pair_t *p = secs && secs->type == YAML_MAPPING_NODE
                                   ? secs->data.mapping.pairs.start : NULL;
         p && p < secs->data.mapping.pairs.top; p++) {
        const yaml_node_t *list = yaml_document_get_node(doc, p->value);
        if (!list || list->type != YAML_SEQUENCE_NODE)
            continue;
        for (yaml_node_item_t *it = list->data.sequence.items.start;
             it < list->data.sequence.items.top; it++) {
            const yaml_node_t *item = yaml_document_get_node(doc, *it);
            if (!item || item->type != YAML_MAPPING_NODE)
                continue;
            for (yaml_node_pair_t *q = item->data.mapping.pairs.start;
                 q < item->data.mapping.pairs.top; q++) {
                const yaml_node_t *k = yaml_document_get_node(doc, q->key);
                const yaml_node_t *bib = text_node(doc, q->value);
                /* A .bib file is relative to the YAML file that names it (load_bibtex.c). */
                if (k && k->type == YAML_SCALAR_NODE && !strcmp(scalar(k), "bibtex") && bib)
                    add_named(out, &n, bib->start_mark.index < s->nfiles
                                           ? s->files[bib->start_mark.index] : s->files[0],
                              scalar(bib));
            }
        }
    }
    if (own)
        yaml_document_delete(&vd);
    /* the variant's job ad: read by the job-ad check */
    if (v >= 0 && (size_t)v < s->nvariants && s->variants[v].job.s)
        add_named(out, &n, s->variants[v].job.pos.file ? s->variants[v].job.pos.file
                                                       : s->files[0],
                  s->variants[v].job.s);
    return n;
}
