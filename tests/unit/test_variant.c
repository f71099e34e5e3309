/*
 * Tests for variant.c (tag filtering and section selection on the model)
 * and for the loader's side of tags: `tags` on entries, {text, tags}
 * highlights.
 */
#include "harness.h"
#include "load.h"
#include "variant.h"

#include <string.h>

static rc_arena arena, spec_arena; /* the CV's (reset by load), the specs' */
static rc_diags diags;
static rc_cv cv;

static const char cv_yaml[] =
    "cv:\n"
    "  name: N\n"
    "  sections:\n"
    "    experience:\n"
    "      - company: Plain\n"
    "        position: P\n"
    "        highlights:\n"
    "          - always\n"
    "          - text: py only - nested py\n"
    "            tags: [python]\n"
    "          - {text: teaching only, tags: teaching}\n"
    "      - company: PyCo\n"
    "        position: P\n"
    "        tags: [python, web]\n"
    "        highlights: [pyco one]\n"
    "      - company: RustCo\n"
    "        position: P\n"
    "        tags: rust\n"
    "    education:\n"
    "      - institution: U\n"
    "        area: A\n"
    "    talks:\n"
    "      - name: T\n"
    "        tags: [teaching]\n";

static int load(const char *yaml)
{
    rc_diags_release(&diags);
    rc_arena_release(&arena);
    rc_arena_init(&arena);
    rc_diags_init(&diags);
    return rc_load_cv_memory(&cv, "t.yaml", yaml, strlen(yaml), &arena, &diags);
}

static rc_texts texts(const char *a, const char *b)
{
    rc_texts t = {NULL, 0};
    t.v = rc_arena_alloc(&spec_arena, 2 * sizeof(rc_text));
    const char *v[2] = {a, b};
    for (int i = 0; i < 2; i++)
        if (v[i]) {
            t.v[t.n].s = v[i];
            t.v[t.n].pos = (rc_pos){"variants.yaml", 40 + i, 7 + 3 * i};
            t.n++;
        }
    return t;
}

static rc_variant_spec spec(void)
{
    rc_variant_spec v;
    memset(&v, 0, sizeof(v));
    v.name.s = "v";
    return v;
}

/* "Plain[always,py only,nested py]|PyCo[pyco one]" etc., to compare whole results. */
static const char *summary(void)
{
    static char out[1024];
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < cv.nsections; i++) {
        const rc_section *s = &cv.sections[i];
        rc_buf_addf(&b, "%s%s:", i ? " " : "", s->key.s);
        for (size_t j = 0; j < s->nentries; j++) {
            const rc_entry *e = &s->entries[j];
            const char *name = e->company.s ? e->company.s : e->institution.s ? e->institution.s
                                                                              : e->name.s;
            rc_buf_addf(&b, "%s%s", j ? "|" : "", name);
            if (e->nhighlights) {
                rc_buf_addc(&b, '[');
                for (size_t k = 0; k < e->nhighlights; k++)
                    rc_buf_addf(&b, "%s%s", k ? "," : "", e->highlights[k].text.s);
                rc_buf_addc(&b, ']');
            }
        }
    }
    snprintf(out, sizeof(out), "%s", rc_buf_str(&b));
    rc_buf_release(&b);
    return out;
}

static void test_loader_tags(void)
{
    CHECK_INT(load(cv_yaml), 0);
    CHECK_INT(diags.n, 0);
    const rc_entry *e = &cv.sections[0].entries[0];
    CHECK_INT(e->tags.n, 0);
    CHECK_INT(e->nhighlights, 4); /* always, py only, nested py, teaching only */
    CHECK_INT(e->highlights[0].tags.n, 0);
    CHECK_INT(e->highlights[1].tags.n, 1);
    CHECK_STR(e->highlights[1].tags.v[0].s, "python");
    CHECK_INT(e->highlights[1].tags.v[0].pos.line, 10);
    CHECK_INT(e->highlights[1].tags.v[0].pos.col, 20);
    CHECK_INT(e->highlights[2].level, 1); /* the nested piece shares its highlight's tags */
    CHECK_STR(e->highlights[2].tags.v[0].s, "python");
    CHECK_STR(e->highlights[3].tags.v[0].s, "teaching"); /* one text is a list of one */
    CHECK_INT(e->highlights[1].text.pos.line, 9);
    CHECK_INT(e->highlights[1].text.pos.col, 19);
    CHECK_INT(cv.sections[0].entries[1].tags.n, 2);
    CHECK_STR(cv.sections[0].entries[2].tags.v[0].s, "rust");
    CHECK_INT(cv.sections[0].entries[1].nextra, 0); /* tags is a field, not an extra */

    /* the loader's errors for tagged highlights */
    CHECK_INT(load("cv:\n  sections:\n    s:\n      - name: N\n        highlights:\n"
                   "          - {text: a, tag: [x]}\n          - {tags: [x]}\n"
                   "          - {text: [a], tags: x}\n          - {text: a, tags: {x: y}}\n"),
              -1);
    CHECK_INT(diags.nerrors, 4);
    CHECK(strstr(diags.v[0].message, "unknown key 'tag' in cv.sections.s[0].highlights[0] "
                                     "(did you mean 'tags'?)") != NULL);
    CHECK_INT(diags.v[0].pos.line, 6);
    CHECK_INT(diags.v[0].pos.col, 23);
    CHECK(strstr(diags.v[1].message, "missing 'text' in cv.sections.s[0].highlights[1]") != NULL);
    CHECK(strstr(diags.v[2].message, "highlights[2].text must be text, not a list") != NULL);
    CHECK(strstr(diags.v[3].message, "highlights[3].tags must be text or a list of text") != NULL);
    CHECK_INT(load("cv:\n  sections:\n    s:\n      - name: N\n        tags: {a: b}\n"), -1);
    CHECK(diags.n && strstr(diags.v[0].message, "cv.sections.s[0].tags must be text or a list"));
}

static void test_filter(void)
{
    rc_variant_spec v = spec();
    CHECK_INT(load(cv_yaml), 0);
    CHECK_INT(rc_variant_apply(&cv, &v, &arena, &diags), 0); /* no tags given: everything */
    CHECK_STR(summary(), "experience:Plain[always,py only,nested py,teaching only]|PyCo[pyco one]"
                         "|RustCo education:U talks:T");

    CHECK_INT(load(cv_yaml), 0);
    v.include_tags = texts("python", NULL);
    CHECK_INT(rc_variant_apply(&cv, &v, &arena, &diags), 0);
    /* untagged content stays; a section left empty goes */
    CHECK_STR(summary(), "experience:Plain[always,py only,nested py]|PyCo[pyco one] education:U");

    CHECK_INT(load(cv_yaml), 0);
    v.include_tags = texts(NULL, NULL);
    v.exclude_tags = texts("python", "rust");
    CHECK_INT(rc_variant_apply(&cv, &v, &arena, &diags), 0);
    /* a dropped entry takes its highlights with it */
    CHECK_STR(summary(), "experience:Plain[always,teaching only] education:U talks:T");

    CHECK_INT(load(cv_yaml), 0);
    v.include_tags = texts("teaching", "web");
    v.exclude_tags = texts("teaching", NULL); /* exclusion wins */
    CHECK_INT(rc_variant_apply(&cv, &v, &arena, &diags), 0);
    CHECK_STR(summary(), "experience:Plain[always]|PyCo[pyco one] education:U");

    rc_variant_spec k = spec();
    rc_texts none = {NULL, 0}, py = texts("python", NULL), both = texts("python", "rust");
    k.include_tags = py;
    CHECK_INT(rc_variant_keeps(&k, &none), 1);
    CHECK_INT(rc_variant_keeps(&k, NULL), 1);
    CHECK_INT(rc_variant_keeps(&k, &both), 1);
    k.exclude_tags = texts("rust", NULL);
    CHECK_INT(rc_variant_keeps(&k, &both), 0);
    CHECK_INT(rc_variant_keeps(&k, &py), 1);
}

static void test_sections(void)
{
    rc_variant_spec v = spec();
    CHECK_INT(load(cv_yaml), 0);
    v.sections = texts("talks", "experience");
    v.has_sections = 1;
    CHECK_INT(rc_variant_apply(&cv, &v, &arena, &diags), 0);
    CHECK_STR(summary(), "talks:T experience:Plain[always,py only,nested py,teaching only]|PyCo"
                         "[pyco one]|RustCo");

    /* selection and filtering together: talks goes empty, so it goes */
    CHECK_INT(load(cv_yaml), 0);
    v.include_tags = texts("rust", NULL);
    CHECK_INT(rc_variant_apply(&cv, &v, &arena, &diags), 0);
    CHECK_STR(summary(), "experience:Plain[always]|RustCo");

    /* an empty list keeps no section */
    CHECK_INT(load(cv_yaml), 0);
    v = spec();
    v.has_sections = 1;
    CHECK_INT(rc_variant_apply(&cv, &v, &arena, &diags), 0);
    CHECK_INT(cv.nsections, 0);
}

static void test_errors(void)
{
    rc_variant_spec v = spec();
    CHECK_INT(load(cv_yaml), 0);
    v.include_tags = texts("pyhton", "zzzzzzzz");
    v.exclude_tags = texts("web", NULL);
    v.sections = texts("educaton", "talks");
    v.has_sections = 1;
    CHECK_INT(rc_variant_apply(&cv, &v, &arena, &diags), -1);
    CHECK_INT(diags.nerrors, 3);
    CHECK(strstr(diags.v[0].message, "variant 'v': no entry or highlight has the tag 'pyhton' "
                                     "(did you mean 'python'?)") != NULL);
    CHECK_STR(diags.v[0].pos.file, "variants.yaml");
    CHECK_INT(diags.v[0].pos.line, 40);
    CHECK_INT(diags.v[0].pos.col, 7);
    CHECK(strstr(diags.v[1].message, "tag 'zzzzzzzz'; the CV's tags are 'python', 'teaching', "
                                     "'web' and 'rust'") != NULL);
    CHECK_INT(diags.v[1].pos.line, 41);
    CHECK_INT(diags.v[1].pos.col, 10);
    CHECK(strstr(diags.v[2].message, "variant 'v': the CV has no section 'educaton' (did you "
                                     "mean 'education'?)") != NULL);
    /* nothing was changed */
    CHECK_INT(cv.nsections, 3);

    CHECK_INT(load(cv_yaml), 0);
    v = spec();
    v.sections = texts("talks", "talks");
    v.has_sections = 1;
    CHECK_INT(rc_variant_apply(&cv, &v, &arena, &diags), -1);
    CHECK(diags.n && strstr(diags.v[0].message, "section 'talks' is listed twice (first on line "
                                                "40)"));
    CHECK_INT(load(cv_yaml), 0);
    v.sections = texts("qqqqqqq", NULL);
    CHECK_INT(rc_variant_apply(&cv, &v, &arena, &diags), -1);
    CHECK(diags.n && strstr(diags.v[0].message, "no section 'qqqqqqq'; its sections are "
                                                "'experience', 'education' and 'talks'"));

    CHECK_INT(load("cv:\n  name: N\n"), 0);
    v = spec();
    v.include_tags = texts("x", NULL);
    CHECK_INT(rc_variant_apply(&cv, &v, &arena, &diags), -1);
    CHECK(diags.n && strstr(diags.v[0].message, "the CV has no tags yet"));
}

int main(void)
{
    rc_arena_init(&arena);
    rc_arena_init(&spec_arena);
    rc_diags_init(&diags);
    test_loader_tags();
    test_filter();
    test_sections();
    test_errors();
    rc_diags_release(&diags);
    rc_arena_release(&arena);
    rc_arena_release(&spec_arena);
    return rc_test_report("test_variant");
}
