/*
 * compose (load.c): the document rc_yaml_parse composes from libyaml's
 * events, checking limits as it goes, is the one libyaml's own
 * yaml_parser_load makes, node for node: kinds, tags, values, styles,
 * children, marks. Compared over every YAML input of the repository (the
 * examples, the tests' inputs and error cases, the load fuzzer's corpus)
 * and over cases made for it (anchors, tags, flow styles, empty and
 * second documents); libyaml's composer errors read the same. Two
 * differences are made on purpose (test_load_trust checks them): a merge
 * key (`<<: *base`) is expanded, and a JSON surrogate pair ("\ud83d\ude00"),
 * which libyaml refuses, is read as its character.
 */
#include "base.h"
#include "diag.h"
#include "harness.h"
#include "load_yaml.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static int same_mark(yaml_mark_t a, yaml_mark_t b)
{
    return a.index == b.index && a.line == b.line && a.column == b.column;
}

/* 0 when the two documents are the same, else the node id (or -1) where they differ. */
static int compare(yaml_document_t *a, yaml_document_t *b)
{
    if (!same_mark(a->start_mark, b->start_mark) || !same_mark(a->end_mark, b->end_mark) ||
        a->start_implicit != b->start_implicit || a->end_implicit != b->end_implicit)
        return -1;
    for (int id = 1;; id++) {
        yaml_node_t *x = yaml_document_get_node(a, id), *y = yaml_document_get_node(b, id);
        if (!x || !y)
            return x || y ? id : 0;
        if (x->type != y->type || strcmp((char *)x->tag, (char *)y->tag) != 0 ||
            !same_mark(x->start_mark, y->start_mark) || !same_mark(x->end_mark, y->end_mark))
            return id;
        if (x->type == YAML_SCALAR_NODE) {
            if (x->data.scalar.length != y->data.scalar.length ||
                memcmp(x->data.scalar.value, y->data.scalar.value, x->data.scalar.length) != 0 ||
                x->data.scalar.style != y->data.scalar.style)
                return id;
        } else if (x->type == YAML_SEQUENCE_NODE) {
            size_t n = (size_t)(x->data.sequence.items.top - x->data.sequence.items.start);
            if (x->data.sequence.style != y->data.sequence.style ||
                n != (size_t)(y->data.sequence.items.top - y->data.sequence.items.start) ||
                memcmp(x->data.sequence.items.start, y->data.sequence.items.start,
                       n * sizeof(yaml_node_item_t)) != 0)
                return id;
        } else {
            size_t n = (size_t)(x->data.mapping.pairs.top - x->data.mapping.pairs.start);
            if (x->data.mapping.style != y->data.mapping.style ||
                n != (size_t)(y->data.mapping.pairs.top - y->data.mapping.pairs.start) ||
                memcmp(x->data.mapping.pairs.start, y->data.mapping.pairs.start,
                       n * sizeof(yaml_node_pair_t)) != 0)
                return id;
        }
    }
}

static int compared, differing;

/* Does the document have a merge key, a plain '<<' key (which compose expands)? */
static int has_merge_key(yaml_document_t *doc)
{
    for (yaml_node_t *n = doc->nodes.start; n < doc->nodes.top; n++)
        if (n->type == YAML_MAPPING_NODE)
            for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
                 p < n->data.mapping.pairs.top; p++) {
                yaml_node_t *k = yaml_document_get_node(doc, p->key);
                if (k->type == YAML_SCALAR_NODE && !strcmp((char *)k->data.scalar.value, "<<") &&
                    k->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
                    return 1;
            }
    return 0;
}

/* Does data hold the escape of a surrogate pair's first half (compose reads pairs)? */
static int has_surrogate_escape(const char *data, size_t len)
{
    for (size_t i = 0; i + 3 < len; i++)
        if (data[i] == '\\' && data[i + 1] == 'u' && (data[i + 2] | 0x20) == 'd' &&
            strchr("89abAB", data[i + 3]))
            return 1;
    return 0;
}

/* Compose data both ways; compare when both succeed. */
static void check_same(const char *name, const char *data, size_t len)
{
    rc_diags d;
    rc_diags_init(&d);
    yaml_document_t ours, theirs;
    int ok = rc_yaml_parse(&ours, name, data, len, &d) == 0;
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    int their_ok = yaml_parser_load(&p, &theirs);
    /* a JSON document drops the earlier of keys given twice, with a warning (load_ext.h) */
    int dropped = 0;
    for (size_t i = 0; i < d.n; i++)
        dropped |= strstr(d.v[i].message, "duplicate key") != NULL;
    if (ok && their_ok && !has_merge_key(&theirs) && !dropped) {
        compared++;
        int at = compare(&ours, &theirs);
        if (at != 0) {
            differing++;
            fprintf(stderr, "test_compose: %s: documents differ at node %d\n", name, at);
        }
    }
    /* a document libyaml cannot compose is never composed here */
    CHECK(their_ok || !ok || has_surrogate_escape(data, len));
    if (their_ok)
        yaml_document_delete(&theirs);
    if (ok)
        yaml_document_delete(&ours);
    yaml_parser_delete(&p);
    rc_diags_release(&d);
}

static void check_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    rc_buf b = RC_BUF_INIT;
    rc_buf_add_stream(&b, f, SIZE_MAX);
    fclose(f);
    check_same(path, b.ptr ? b.ptr : "", b.len);
    rc_buf_release(&b);
}

static void check_dir(const char *dir, const char *suffix)
{
    DIR *dp = opendir(dir);
    CHECK(dp != NULL);
    if (!dp)
        return;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        size_t n = strlen(e->d_name), k = strlen(suffix);
        if (e->d_name[0] == '.' || n < k || strcmp(e->d_name + n - k, suffix) != 0)
            continue;
        char path[2048];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        check_file(path);
    }
    closedir(dp);
}

/* rc_yaml_parse's first error on data, or "" (a static buffer). */
static const char *error_of(const char *data)
{
    static char msg[512];
    rc_diags d;
    rc_diags_init(&d);
    yaml_document_t doc;
    msg[0] = 0;
    if (rc_yaml_parse(&doc, "t.yaml", data, strlen(data), &d) == 0)
        yaml_document_delete(&doc);
    else if (d.n > 0)
        snprintf(msg, sizeof(msg), "%d:%d: %s", d.v[0].pos.line, d.v[0].pos.col,
                 d.v[0].message);
    rc_diags_release(&d);
    return msg;
}

int main(void)
{
    static const char *const cases[] = {
        "",
        "# only a comment\n",
        "a: 1\n",
        "a: &x [1, 2, {b: c}]\nd: *x\ne: *x\n",
        "- &s scalar\n- *s\n- !!str 3\n- !custom value\n- ! plain\n",
        "? complex key\n: value\n? [flow, key]\n: {k: v}\n",
        "a: |\n  literal\n  block\nb: >\n  folded\n  block\nc: 'single'\nd: \"double\"\n",
        "%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\na: !e!thing x\n...\n",
        "---\na: 1\n---\n",
        "---\na: 1\n--- \nb: 2\n",
        "a: 1\n---\n[unclosed\n",
        "empty:\nnull: ~\nlist:\n- \n-\n",
        "r: &r\n  self: *r\n",
        "\xEF\xBB\xBF" "bom: yes\n",
    };
    for (size_t i = 0; i < RC_ARRAY_LEN(cases); i++) {
        char name[32];
        snprintf(name, sizeof(name), "case %zu", i);
        check_same(name, cases[i], strlen(cases[i]));
    }

    const char *data = getenv("RESCOMP_TEST_DATA");
    char dir[1024];
    static const char *const dirs[][2] = {
        {"../examples", ".yaml"}, {"golden", ".yaml"},   {"errors", ".yaml"},
        {"inputs", ".yaml"},      {"../themes", ".yaml"}, {"../fuzz/corpus/load", ""},
    };
    for (size_t i = 0; i < RC_ARRAY_LEN(dirs); i++) {
        snprintf(dir, sizeof(dir), "%s/%s", data ? data : "tests", dirs[i][0]);
        check_dir(dir, dirs[i][1]);
    }
    CHECK(compared > 300);
    CHECK_INT(differing, 0);

    /* libyaml's composer errors, word for word, at the same place */
    CHECK(strstr(error_of("a: &x 1\nb: &x 2\n"),
                 "2:4: second occurrence (found duplicate anchor; first occurrence at 1:4)") !=
          NULL);
    CHECK(strstr(error_of("a: *nowhere\n"), "1:4: found undefined alias") != NULL);
    /* a second document, reported after the first is checked */
    CHECK(strstr(error_of("a: 1\n---\nb: 2\n"), "a second YAML document starts here") != NULL);
    CHECK(strcmp(error_of("a: 1\n---\n"), "") == 0); /* an empty one is harmless */
    return rc_test_report("test_compose");
}
