/*
 * Tests for merge.c (copy, merge, dotted paths, set) and depfile.c: the
 * building blocks of overlays, --set and variants, on documents parsed
 * from memory.
 */
#include "harness.h"
#include "depfile.h"
#include "load_yaml.h"
#include "merge.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[] = {"base.yaml", "over.yaml", "<command line>"};
static const rc_file_table files = {names, 3};

static int parse(yaml_document_t *doc, const char *yaml)
{
    rc_diags d;
    rc_diags_init(&d);
    int rc = rc_yaml_parse(doc, "mem.yaml", yaml, strlen(yaml), &d);
    if (rc)
        rc_diags_print(&d, stderr);
    rc_diags_release(&d);
    return rc;
}

/* Emit a document as flow YAML-ish text, to compare whole trees. */
static void dump(yaml_document_t *doc, int id, rc_buf *b)
{
    yaml_node_t *n = yaml_document_get_node(doc, id);
    switch (n->type) {
    case YAML_SCALAR_NODE:
        rc_buf_add(b, n->data.scalar.value, n->data.scalar.length);
        break;
    case YAML_SEQUENCE_NODE:
        rc_buf_addc(b, '[');
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++) {
            if (it != n->data.sequence.items.start)
                rc_buf_adds(b, ", ");
            dump(doc, *it, b);
        }
        rc_buf_addc(b, ']');
        break;
    case YAML_MAPPING_NODE:
        rc_buf_addc(b, '{');
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
            if (p != n->data.mapping.pairs.start)
                rc_buf_adds(b, ", ");
            dump(doc, p->key, b);
            rc_buf_adds(b, ": ");
            dump(doc, p->value, b);
        }
        rc_buf_addc(b, '}');
        break;
    default:
        break;
    }
}

static char dumped[4096];

static const char *show(yaml_document_t *doc)
{
    rc_buf b = RC_BUF_INIT;
    dump(doc, 1, &b);
    snprintf(dumped, sizeof(dumped), "%s", rc_buf_str(&b));
    rc_buf_release(&b);
    return dumped;
}

/* A merged document: base (file 0), then over (file 1) when given. */
static void merged(yaml_document_t *m, const char *base, const char *over)
{
    yaml_document_t b, o;
    CHECK_INT(rc_merge_doc_init(m), 0);
    CHECK_INT(parse(&b, base), 0);
    CHECK_INT(rc_merge_copy(m, &b, 1, 0), 1); /* the root is node 1 */
    yaml_document_delete(&b);
    if (over) {
        CHECK_INT(parse(&o, over), 0);
        CHECK_INT(rc_merge_over(m, 1, &o, 1, 1), 1);
        yaml_document_delete(&o);
    }
}

static void test_path_parse(void)
{
    rc_path p;
    const char *why = NULL;
    size_t where = 99;
    rc_buf b = RC_BUF_INIT;

    CHECK_INT(rc_path_parse("cv.sections.experience[0].company=X", &p, &why, &where), 33);
    CHECK_INT(p.n, 5);
    CHECK_STR(p.v[0].key, "cv");
    CHECK_STR(p.v[2].key, "experience");
    CHECK(p.v[3].key == NULL);
    CHECK_INT(p.v[3].index, 0);
    CHECK_INT(p.v[3].offset, 22);
    CHECK_INT(p.v[4].offset, 26);
    rc_path_format(&p, p.n, &b);
    CHECK_STR(rc_buf_str(&b), "cv.sections.experience[0].company");
    rc_path_release(&p);

    /* quoted keys, escapes, keys with spaces and non-ASCII letters */
    rc_buf_reset(&b);
    CHECK_INT(rc_path_parse("cv.sections[\"Work \\\"X\\\"\"][12].Jahr", &p, &why, &where), 34);
    CHECK_INT(p.n, 5);
    CHECK_STR(p.v[2].key, "Work \"X\"");
    CHECK_INT(p.v[3].index, 12);
    rc_path_format(&p, 3, &b);
    CHECK_STR(rc_buf_str(&b), "cv.sections[\"Work \"X\"\"]");
    rc_path_release(&p);
    CHECK_INT(rc_path_parse("cv.sections.Lehrtätigkeit[0].name", &p, &why, &where) > 0, 1);
    CHECK_STR(p.v[2].key, "Lehrtätigkeit");
    CHECK_INT(p.v[3].offset, 25); /* in characters: ä is one */
    rc_path_release(&p);
    CHECK_INT(rc_path_parse("cv.sections.Work Experience[0]", &p, &why, &where) > 0, 1);
    CHECK_STR(p.v[2].key, "Work Experience");
    rc_path_release(&p);

    /* errors: what and where (in characters) */
    CHECK_INT(rc_path_parse("cv..name", &p, &why, &where), -1);
    CHECK(strstr(why, "empty key") != NULL);
    CHECK_INT(where, 3);
    CHECK(p.v == NULL && p.n == 0);
    CHECK_INT(rc_path_parse(".cv", &p, &why, &where), -1);
    CHECK_INT(where, 0);
    CHECK_INT(rc_path_parse("cv.", &p, &why, &where), -1);
    CHECK_INT(where, 3);
    CHECK_INT(rc_path_parse("=x", &p, &why, &where), -1);
    CHECK_INT(rc_path_parse("a[x]", &p, &why, &where), -1);
    CHECK(strstr(why, "number") != NULL);
    CHECK_INT(where, 1);
    CHECK_INT(rc_path_parse("a[1", &p, &why, &where), -1);
    CHECK_INT(rc_path_parse("a[\"b", &p, &why, &where), -1);
    CHECK(strstr(why, "unterminated") != NULL);
    CHECK_INT(rc_path_parse("a]b", &p, &why, &where), -1);
    CHECK_INT(where, 1);
    CHECK_INT(rc_path_parse("[0].a", &p, &why, &where), -1);
    CHECK(strstr(why, "starts with a key") != NULL);
    CHECK_INT(rc_path_parse("a\"b\"", &p, &why, &where), -1);
    CHECK_INT(rc_path_parse("a[99999999999999999999999]", &p, &why, &where), -1);
    rc_buf big = RC_BUF_INIT;
    for (int i = 0; i < 70; i++)
        rc_buf_adds(&big, i ? ".k" : "k");
    CHECK_INT(rc_path_parse(rc_buf_str(&big), &p, &why, &where), -1);
    CHECK(strstr(why, "too many") != NULL);
    rc_buf_release(&big);
    rc_buf_release(&b);
}

static void test_copy_and_merge(void)
{
    yaml_document_t m;
    merged(&m, "cv:\n  name: A\n  sections:\n    x: [1, 2]\ndesign:\n  page:\n    size: a4\n",
           "cv:\n  headline: H\n  sections:\n    x: [3]\n    y: [4]\ndesign:\n  page:\n"
           "    top_margin: 1cm\nlocale: {present: now}\n");
    /* mappings merge key by key; lists are replaced; new keys come last */
    CHECK_STR(show(&m), "{cv: {name: A, sections: {x: [3], y: [4]}, headline: H}, design: "
                        "{page: {size: a4, top_margin: 1cm}}, locale: {present: now}}");
    /* every node keeps its line and column, and knows its file */
    rc_path p;
    const char *why;
    size_t where;
    CHECK(rc_path_parse("cv.name", &p, &why, &where) > 0);
    yaml_node_t *n = yaml_document_get_node(&m, rc_merge_get(&m, &p));
    rc_pos pos = rc_merge_pos(&files, n->start_mark);
    CHECK_STR(pos.file, "base.yaml");
    CHECK_INT(pos.line, 2);
    CHECK_INT(pos.col, 9);
    rc_path_release(&p);
    CHECK(rc_path_parse("cv.headline", &p, &why, &where) > 0);
    n = yaml_document_get_node(&m, rc_merge_get(&m, &p));
    pos = rc_merge_pos(&files, n->start_mark);
    CHECK_STR(pos.file, "over.yaml");
    CHECK_INT(pos.line, 2);
    CHECK_INT(pos.col, 13);
    rc_path_release(&p);
    CHECK(rc_path_parse("cv.nothing", &p, &why, &where) > 0);
    CHECK_INT(rc_merge_get(&m, &p), 0);
    rc_path_release(&p);
    CHECK_INT(rc_merge_lookup(&m, 1, "nope"), 0);
    CHECK(rc_merge_lookup(&m, 1, "cv") > 0);

    /* a copy of a merged document keeps the files (-1) */
    yaml_document_t c;
    CHECK_INT(rc_merge_doc_init(&c), 0);
    CHECK_INT(rc_merge_copy(&c, &m, 1, -1), 1);
    CHECK_STR(show(&c), show(&m));
    CHECK(rc_path_parse("cv.headline", &p, &why, &where) > 0);
    n = yaml_document_get_node(&c, rc_merge_get(&c, &p));
    CHECK_STR(rc_merge_pos(&files, n->start_mark).file, "over.yaml");
    rc_path_release(&p);
    CHECK_INT(rc_merge_copy(&c, &c, 1, -1), 0); /* src and dst must differ */
    yaml_document_delete(&c);
    yaml_document_delete(&m);

    /* a mapping over text, text over a mapping, null over anything: replaced */
    merged(&m, "a: x\nb: {c: 1}\nc: [1]\n", "a: {k: v}\nb: y\nc: ~\n");
    CHECK_STR(show(&m), "{a: {k: v}, b: y, c: ~}");
    yaml_document_delete(&m);

    /* aliases are expanded by the copy */
    merged(&m, "x: &a {k: v}\ny: *a\n", NULL);
    CHECK_STR(show(&m), "{x: {k: v}, y: {k: v}}");
    yaml_document_delete(&m);
}

/* Set `path` to a plain scalar written on --set line `line` (1-based). */
static int set(yaml_document_t *m, const char *path, const char *value, int line, rc_diags *d)
{
    rc_path p;
    const char *why;
    size_t where;
    if (rc_path_parse(path, &p, &why, &where) < 0)
        return -2;
    yaml_mark_t at = {2, (size_t)line - 1, 0};
    int v = yaml_document_add_scalar(m, NULL, (yaml_char_t *)value, -1, YAML_PLAIN_SCALAR_STYLE);
    rc_path_origin o = {at, 1};
    int rc = rc_merge_set(m, &p, v, o, &files, d);
    rc_path_release(&p);
    return rc;
}

static const rc_diag *only_error(const rc_diags *d)
{
    CHECK_INT(d->nerrors, 1);
    return d->n ? &d->v[0] : NULL;
}

static void test_set(void)
{
    yaml_document_t m;
    rc_diags d;
    rc_diags_init(&d);
    merged(&m, "cv:\n  name: A\n  sections:\n    exp:\n      - company: C\n        position: P\n"
               "    edu: [x]\ndesign:\nsettings: {}\n", NULL);

    CHECK_INT(set(&m, "cv.name", "B", 1, &d), 0);
    CHECK_INT(set(&m, "cv.sections.exp[0].company", "D", 2, &d), 0);
    CHECK_INT(set(&m, "cv.sections.exp[0].summary", "S", 3, &d), 0); /* a new last key */
    CHECK_INT(set(&m, "cv.sections.edu[0]", "y", 4, &d), 0);
    /* option trees: missing mappings are made, an empty value becomes one */
    CHECK_INT(set(&m, "design.page.size", "a5", 5, &d), 0);
    CHECK_INT(set(&m, "locale.present", "now", 6, &d), 0);
    CHECK_INT(set(&m, "settings.pdf_title", "T", 7, &d), 0);
    CHECK_INT(d.n, 0);
    CHECK_STR(show(&m), "{cv: {name: B, sections: {exp: [{company: D, position: P, summary: S}], "
                        "edu: [y]}}, design: {page: {size: a5}}, settings: {pdf_title: T}, "
                        "locale: {present: now}}");

    /* created nodes point at their segment of the --set */
    rc_path p;
    const char *why;
    size_t where;
    CHECK(rc_path_parse("design.page", &p, &why, &where) > 0);
    yaml_node_t *n = yaml_document_get_node(&m, rc_merge_get(&m, &p));
    rc_pos pos = rc_merge_pos(&files, n->start_mark);
    CHECK_STR(pos.file, "<command line>");
    CHECK_INT(pos.line, 5);
    CHECK_INT(pos.col, 8);
    rc_path_release(&p);

    /* errors, each at the segment that leads nowhere */
    const rc_diag *g;
    CHECK_INT(set(&m, "cv.sections.expp[0].company", "X", 1, &d), -1);
    g = only_error(&d);
    CHECK(g && strstr(g->message, "cv.sections has no section 'expp' (did you mean 'exp'?)"));
    CHECK(g && g->pos.line == 1 && g->pos.col == 13 && !strcmp(g->pos.file, "<command line>"));
    rc_diags_release(&d);
    CHECK_INT(set(&m, "cv.sections.zzzzzz[0]", "X", 1, &d), -1);
    g = only_error(&d);
    CHECK(g && strstr(g->message, "has no section 'zzzzzz'; it has 'exp' and 'edu'"));
    rc_diags_release(&d);
    CHECK_INT(set(&m, "cv.sections.exp[1].company", "X", 2, &d), -1);
    g = only_error(&d);
    CHECK(g && strstr(g->message, "cv.sections.exp has 1 item; there is no [1]"));
    CHECK(g && g->pos.line == 2 && g->pos.col == 16);
    rc_diags_release(&d);
    CHECK_INT(set(&m, "cv.name.first", "X", 1, &d), -1);
    g = only_error(&d);
    CHECK(g && strstr(g->message, "cv.name is text, not a mapping; it has no key 'first'"));
    rc_diags_release(&d);
    CHECK_INT(set(&m, "cv.name[0]", "X", 1, &d), -1);
    g = only_error(&d);
    CHECK(g && strstr(g->message, "cv.name is text, not a list; there is no item [0]"));
    rc_diags_release(&d);
    CHECK_INT(set(&m, "cv.sections[0]", "X", 1, &d), -1);
    g = only_error(&d);
    CHECK(g && strstr(g->message, "cv.sections is a mapping, not a list"));
    rc_diags_release(&d);
    CHECK_INT(set(&m, "cv.extra.deep", "X", 1, &d), -1);
    g = only_error(&d);
    CHECK(g && strstr(g->message, "cv has no key 'extra'; a path can add only its last key"));
    rc_diags_release(&d);
    CHECK_INT(set(&m, "nope.deep", "X", 1, &d), -1);
    g = only_error(&d);
    CHECK(g && strstr(g->message, "the top level has no key 'nope'"));
    rc_diags_release(&d);
    /* a new top-level key is left for the schema to judge */
    CHECK_INT(set(&m, "nope", "X", 1, &d), 0);
    CHECK_INT(d.n, 0);
    yaml_document_delete(&m);

    /* a document whose top level is not a mapping */
    CHECK_INT(rc_merge_doc_init(&m), 0);
    yaml_document_t b;
    CHECK_INT(parse(&b, "[1]\n"), 0);
    CHECK_INT(rc_merge_copy(&m, &b, 1, 0), 1);
    yaml_document_delete(&b);
    CHECK_INT(set(&m, "cv.name", "X", 1, &d), -1);
    g = only_error(&d);
    CHECK(g && strstr(g->message, "not a mapping"));
    rc_diags_release(&d);
    yaml_document_delete(&m);
}

static void test_depfile(void)
{
    rc_buf b = RC_BUF_INIT;
    const char *targets[] = {"out/cv a.pdf", "out/cv-b.pdf"};
    const char *pre[] = {"cv.yaml", "my #1$.yaml", "fonts/x.ttf"};
    rc_depfile_format(targets, 2, pre, 3, &b);
    CHECK_STR(rc_buf_str(&b), "out/cv\\ a.pdf \\\n out/cv-b.pdf: \\\n  cv.yaml \\\n"
                              "  my\\ \\#1$$.yaml \\\n  fonts/x.ttf\n\nmy\\ \\#1$$.yaml:\n\n"
                              "fonts/x.ttf:\n");
    rc_buf_release(&b);

    rc_diags d;
    rc_diags_init(&d);
    CHECK_INT(rc_depfile_write("/nonexistent-dir/x.d", targets, 1, pre, 1, &d), -1);
    CHECK_INT(d.nerrors, 1);
    CHECK(d.n && d.v[0].failure == RC_FAIL_IO);
    rc_diags_release(&d);
}

int main(void)
{
    test_path_parse();
    test_copy_and_merge();
    test_set();
    test_depfile();
    return rc_test_report("test_merge");
}
