/*
 * Tests for what the loader must not lose in silence (issue 12): empty
 * list items, near misses, YAML merge keys, JSON surrogate pairs, one-line
 * field limits, right-to-left text and JSON Resume's remote image. Each
 * case checks the model and the diagnostic with its position.
 */
#include "harness.h"
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static rc_arena arena;
static rc_diags diags;
#include "check_diags.h"
static rc_cv cv;

static int load_as(const char *name, const char *text)
{
    rc_diags_release(&diags);
    rc_arena_release(&arena);
    rc_arena_init(&arena);
    rc_diags_init(&diags);
    return rc_load_cv_memory(&cv, name, text, strlen(text), &arena, &diags);
}

static int load(const char *yaml)
{
    return load_as("t.yaml", yaml);
}

static size_t count_diags(rc_severity sev, const char *text)
{
    size_t n = 0;
    for (size_t i = 0; i < diags.n; i++)
        n += diags.v[i].severity == sev && strstr(diags.v[i].message, text) != NULL;
    return n;
}

#define CHECK_WARNING_AT(text_, line_, col_) CHECK_DIAG_AT(RC_WARNING, text_, line_, col_)

/* 11: an item YAML reads as nothing is an error at its line, in every kind of list. */
static void test_empty_items(void)
{
    CHECK_INT(load("cv:\n"
                   "  name: Jane\n"
                   "  sections:\n"
                   "    experience:\n"
                   "      - company: Acme\n"
                   "        position: Seller\n"
                   "        highlights:\n"
                   "          - #1 in sales\n"
                   "          - Grew revenue\n"),
              -1);
    CHECK_ERROR_AT("highlights[0] is empty; write its text after the '-'", 8, 0);
    CHECK(find_diag(RC_ERROR, "quote text that begins with '#'") != NULL);
    CHECK_INT(load("cv:\n  name: Jane\n  email:\n    - a@b.c\n    - # work address\n"), -1);
    CHECK_ERROR_AT("cv.email[1] is empty", 5, 0);
    CHECK_INT(load("cv:\n  name: Jane\n  sections:\n    news:\n      - # first\n"), -1);
    CHECK_ERROR_AT("cv.sections.news[0] is empty; write the entry", 5, 0);
}

/* 11: keys that nearly spell a field, prefixes included; custom fields kept. */
static void test_near_misses(void)
{
    CHECK_INT(load("cv:\n"
                   "  name: Jane\n"
                   "  sections:\n"
                   "    experience:\n"
                   "      - company: Acme\n"
                   "        position: Seller\n"
                   "        start: 2020-01\n"
                   "        hightlights: [x]\n"
                   "        team_size: 12\n"),
              0);
    CHECK_WARNING_AT("unknown key 'start' in cv.sections.experience[0] (did you mean "
                     "'start_date'?)", 7, 9);
    CHECK_WARNING_AT("unknown key 'hightlights' in cv.sections.experience[0] (did you mean "
                     "'highlights'?)", 8, 9);
    /* one message per key: the near miss says it all */
    CHECK_INT(count_diags(RC_WARNING, "hightlights"), 1);
    CHECK_INT(count_diags(RC_WARNING, "team_size"), 0); /* a custom field, for templates */
    const rc_entry *e = &cv.sections[0].entries[0];
    CHECK_INT(e->nextra, 2);
    if (e->nextra == 2) {
        CHECK_STR(e->extra[0].key, "start");
        CHECK_INT(e->extra[0].warned, 1);
        CHECK_STR(e->extra[1].key, "team_size");
        CHECK_INT(e->extra[1].warned, 0);
    }
    CHECK_STR(rc_did_you_mean("end", (const char *const[]){"date", "end_date", NULL}),
              "end_date");
    CHECK_STR(rc_did_you_mean("social", (const char *const[]){"name", "social_networks", NULL}),
              "social_networks");
    CHECK(rc_did_you_mean("st", (const char *const[]){"start_date", NULL}) == NULL);
    /* a list where a custom field would be text is left out, with a warning */
    CHECK_INT(load("cv:\n  name: Jane\n  sections:\n    s:\n      - name: X\n"
                   "        awards: [a, b]\n"),
              0);
    CHECK_WARNING_AT("custom field 'awards' is a list, which no template can show", 6, 9);
}

/* 12: the common slips, each with the advice that fits it. */
static void test_slips(void)
{
    CHECK_INT(load("cv:\n  name: Jane\n  sections:\n    experience:\n"
                   "      - company: Acme\n        position: Seller\n        highlights:\n"
                   "          - Result: grew revenue\n"),
              -1);
    CHECK_ERROR_AT("highlights[0] must be text, not a mapping; YAML reads 'Result: ...' as a "
                   "mapping because of the ': ', so if this is text, quote it", 8, 13);
    CHECK_INT(load("cv:\n  name: Jane\n  sections:\n    notes:\n      - Note: quote me\n"), -1);
    CHECK_ERROR_AT("cv.sections.notes[0] matches no entry type; YAML reads 'Note: ...'", 5, 9);

    CHECK_INT(load("cv:\n  name: Jane\n  sections:\n    s:\n      - bullet: x\n"
                   "        highlights:\n          - *Led* the team\n"),
              -1);
    CHECK_ERROR_AT("a highlight (or any text) that starts with '*' must be quoted", 7, 0);
    CHECK_INT(load("cv:\n  name: Jane\n  headline: *Led the team\n"), -1);
    CHECK_ERROR_AT("found undefined alias; a highlight (or any text) that starts with '*' must "
                   "be quoted", 3, 13);
    CHECK_INT(load("cv:\n  name: *me\n"), -1); /* an alias alone: the anchor is missing */
    CHECK_ERROR_AT("found undefined alias; define the anchor", 2, 9);

    CHECK_INT(load("cv:\n  name: Jane\n\xC2\xA0 sections:\n    x: [a]\n"), -1);
    CHECK_ERROR_AT("starts with a non-breaking space (U+00A0), so YAML does not read it as "
                   "indentation", 3, 1);
    CHECK_INT(diags.nerrors, 1);
    CHECK_INT(load("cv:\n  name: Jane\n  sections:\n    x:\n    \xC2\xA0 - a\n"), -1);
    CHECK(find_diag(RC_ERROR, "non-breaking space (U+00A0)") != NULL);
    CHECK_INT(load("cv:\xC2\xA0name: Jane\n"), -1);
    CHECK_ERROR_AT("key 'cv:\xC2\xA0name' holds ':' and a non-breaking space (U+00A0)", 1, 1);
    CHECK_INT(load("cv:\n  name: Jane\n  sections:\xC2\xA0{}\n"), -1);
    CHECK_ERROR_AT("a non-breaking space (U+00A0) is not a space to YAML", 4, 1);
    CHECK_INT(load("cv:\n  name: Jane\ndesign: theme:\xC2\xA0" "classic\n"), -1);
    CHECK_ERROR_AT("design must be a mapping of design options, not text: after ':' comes a "
                   "non-breaking space (U+00A0)", 3, 9);

    CHECK_INT(load("name: Jane\nemail: a@b.c\nphone: '1'\nlocation: X\nheadline: Y\n"
                   "website: w\nsocial_networks: []\nsections:\n  s: [a]\ndesign:\n"
                   "  theme: classic\n"),
              -1);
    CHECK_INT(diags.nerrors, 1);
    CHECK_ERROR_AT("no 'cv' key at the top level, but 'name', 'email',", 1, 1);
    CHECK(find_diag(RC_ERROR, "add a line 'cv:' above them") != NULL);

    CHECK_INT(load("cv:\n  name: Jane\n  sections:\n    s:\n      - name: X\n"
                   "        start_date: Spring 2021\n        end_date: 2022\n"),
              -1);
    CHECK_ERROR_AT("start_date 'Spring 2021' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY "
                   "(text such as 'Spring 2021' goes in 'date:'", 6, 21);
    CHECK_INT(load("cv:\n  name: Jane\n  sections:\n    s:\n      - name: X\n"
                   "        start_date: 2021-13\n"),
              -1);
    CHECK(find_diag(RC_ERROR, "goes in 'date:'") == NULL); /* a date gone wrong, not text */
}

/* 13: one-line fields have a limit; paragraphs do not. */
static void test_field_limits(void)
{
    size_t n = 70000;
    char *big = malloc(n + 1);
    memset(big, 'a', n);
    big[n] = 0;
    rc_buf b = RC_BUF_INIT;
    rc_buf_addf(&b, "cv:\n  name: %s\n", big);
    CHECK_INT(load(rc_buf_str(&b)), -1);
    CHECK_ERROR_AT("cv.name is 70000 bytes long, more than the 4096 such a field may hold", 2, 9);
    rc_buf_reset(&b);
    rc_buf_addf(&b, "cv:\n  name: J\n  website: [a, \"https://x.org/%s\"]\n", big);
    CHECK_INT(load(rc_buf_str(&b)), -1);
    CHECK_ERROR_AT("cv.website[1] is 70014 bytes long", 3, 17);
    rc_buf_reset(&b);
    rc_buf_addf(&b, "cv:\n  name: J\n  sections:\n    ? %s\n    : [a]\n", big);
    CHECK_INT(load(rc_buf_str(&b)), -1);
    CHECK_ERROR_AT("cv.sections is 70000 bytes long", 4, 7);
    rc_buf_reset(&b);
    rc_buf_addf(&b, "cv:\n  name: J\n  sections:\n    s:\n      - name: X\n        extra: %s\n",
                big);
    CHECK_INT(load(rc_buf_str(&b)), -1);
    CHECK_ERROR_AT("cv.sections.s[0].extra is 70000 bytes long", 6, 16);
    /* paragraphs: a summary, a highlight, a text entry */
    for (size_t i = 0; i < n; i += 10)
        big[i] = ' ';
    rc_buf_reset(&b);
    rc_buf_addf(&b, "cv:\n  name: J\n  sections:\n    s:\n      - name: X\n        summary: %s\n"
                    "        highlights: [%s]\n    t:\n      - %s\n", big, big, big);
    CHECK_INT(load(rc_buf_str(&b)), 0);
    CHECK_INT(diags.n, 0);
    rc_buf_reset(&b);
    rc_buf_addf(&b, "{\"basics\": {\"name\": \"%s\", \"summary\": \"%s\"}}", big, big);
    CHECK_INT(load_as("t.json", rc_buf_str(&b)), -1);
    CHECK_INT(diags.nerrors, 1);
    CHECK_ERROR_AT("basics.name is 70000 bytes long", 1, 0);
    rc_buf_release(&b);
    free(big);
}

/* 15: JSON Resume's image URL, surrogate pairs, merge keys. */
static void test_json_and_merges(void)
{
    CHECK_INT(load_as("t.json", "{\"basics\": {\"name\": \"Jane\",\n"
                                "  \"image\": \"https://example.com/me.jpg\"}}"),
              0);
    CHECK_WARNING_AT("basics.image 'https://example.com/me.jpg' is a URL, and remote images are "
                     "not fetched, so the CV has no photo", 2, 13);
    CHECK(cv.photo.s == NULL);
    CHECK_INT(load_as("t.json", "{\"basics\": {\"name\": \"photo\", \"image\": \"me.jpg\"}}"), 0);
    CHECK_STR(cv.photo.s, "me.jpg"); /* a file is still a photo */

    /* a pair is one character; what follows on the line keeps its column */
    CHECK_INT(load_as("t.json", "{\"basics\": {\"name\": \"A\\ud83d\\ude00B\", \"label\": "
                                "\"x\\uD834\\uDD1E\"}, \"work\": [{\"name\": \"C\", "
                                "\"position\": \"\\\\ud83d\\\\ude00\"}]}"),
              0);
    CHECK_STR(cv.name.s, "A\xF0\x9F\x98\x80" "B");
    CHECK_STR(cv.headline.s, "x\xF0\x9D\x84\x9E"); /* U+1D11E, upper-case hex */
    CHECK_INT(cv.headline.pos.col, 49);
    if (cv.nsections == 1 && cv.sections[0].nentries == 1)
        CHECK_STR(cv.sections[0].entries[0].position.s, "\\ud83d\\ude00"); /* escaped '\' */
    /* outside double quotes an escape is text, as written */
    CHECK_INT(load("cv:\n  name: 'a\\ud83d\\ude00'\n  headline: b\\ud83d\\ude00 # \\ud83d\n"), 0);
    CHECK_STR(cv.name.s, "a\\ud83d\\ude00");
    CHECK_STR(cv.headline.s, "b\\ud83d\\ude00");
    CHECK_INT(load_as("t.json", "{\"basics\": {\"name\": \"bad \\ud83d here\"}}"), -1);
    CHECK_ERROR_AT("'\\ud83d' is half of a UTF-16 surrogate pair, without its other half", 1, 26);
    CHECK_INT(load_as("t.json", "{\"basics\": {\"name\": \"\\ude00\\ud83d\"}}"), -1);
    CHECK_ERROR_AT("'\\ude00' is half of a UTF-16 surrogate pair", 1, 22);

    /* merge keys: at the top, in design, in entries and in sections, one rule */
    CHECK_INT(load("cv:\n"
                   "  name: Jane\n"
                   "  sections:\n"
                   "    experience:\n"
                   "      - &acme\n"
                   "        company: Acme\n"
                   "        position: Dev\n"
                   "        location: Berlin\n"
                   "      - <<: *acme\n"
                   "        position: Lead\n"
                   "    more:\n"
                   "      <<: [{a: 1}]\n"
                   "design:\n"
                   "  <<: {theme: moderncv}\n"
                   "  page: {<<: {size: a5, top_margin: 1cm}, top_margin: 2cm}\n"),
              -1);
    CHECK_ERROR_AT("section cv.sections.more must be a list of entries, not a mapping", 12, 7);
    CHECK_INT(load("base: &b {name: Jane}\ncv:\n  <<: *b\n"), -1); /* 'base' is unknown */
    CHECK_ERROR_AT("unknown key 'base' at the top level", 1, 1);
    CHECK_INT(load("cv:\n"
                   "  name: Jane\n"
                   "  sections:\n"
                   "    experience:\n"
                   "      - &acme\n"
                   "        company: Acme\n"
                   "        position: Dev\n"
                   "        location: Berlin\n"
                   "      - <<: *acme\n"
                   "        position: Lead\n"
                   "design:\n"
                   "  <<: {theme: moderncv}\n"
                   "  page: {<<: [{size: a5, top_margin: 1cm}, {size: a4}], top_margin: 2cm}\n"),
              0);
    CHECK_INT(diags.n, 0);
    CHECK_INT(cv.sections[0].nentries, 2);
    if (cv.sections[0].nentries == 2) {
        const rc_entry *e = &cv.sections[0].entries[1];
        CHECK_STR(e->company.s, "Acme");
        CHECK_STR(e->position.s, "Lead");
        CHECK_STR(e->location.s, "Berlin");
        CHECK_INT(e->company.pos.line, 6); /* where the merged value was written */
        CHECK_INT(e->nextra, 0);
    }
    CHECK_STR(cv.theme.s, "moderncv");
    CHECK_STR(cv.page_size.s, "a5"); /* the first merged mapping wins */
    CHECK_STR(cv.margins[0].s, "2cm"); /* the mapping's own key wins */
    CHECK_INT(load("cv:\n  name: Jane\n  sections:\n    s:\n      - <<: text\n        name: X\n"),
              -1);
    CHECK_ERROR_AT("the value of '<<' (a merge key) must be a mapping or a list of mappings", 5,
                   13);
    CHECK_INT(load("cv: &c\n  name: Jane\n  x: {<<: *c}\n"), -1);
    CHECK_ERROR_AT("'<<' merges a mapping that contains it", 1, 0);
    CHECK_INT(load("cv:\n  name: Jane\n  '<<': x\n"), 0); /* quoted: an ordinary key */
    CHECK_WARNING_AT("key '<<' in cv is no RenderCV field", 3, 3);
}

/* 16: right-to-left text is text like any other: loaded as written, without a word. */
static void test_rtl(void)
{
    CHECK_INT(load("cv:\n"
                   "  name: Jane\n"
                   "  headline: \"\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D, Tel Aviv\"\n"
                   "  sections:\n"
                   "    s:\n"
                   "      - name: \xD8\xB4\xD8\xB1\xD9\x83\xD8\xA9\n"
                   "        highlights:\n"
                   "          - a \xD7\xA9 b \xD8\xB4 c\n"
                   "          - plain\n"),
              0);
    CHECK_INT(diags.n, 0);
    CHECK_STR(cv.headline.s, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D, Tel Aviv");
    CHECK_INT(load_as("t.json", "{\"basics\": {\"name\": \"\xD7\xA9\"}}"), 0);
    CHECK_INT(diags.n, 0);
}

int main(void)
{
    rc_arena_init(&arena);
    rc_diags_init(&diags);
    test_empty_items();
    test_near_misses();
    test_slips();
    test_field_limits();
    test_json_and_merges();
    test_rtl();
    rc_diags_release(&diags);
    rc_arena_release(&arena);
    return rc_test_report("test_load_trust");
}
