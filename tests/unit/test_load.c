/*
 * Tests for load.c: RenderCV YAML into the CV model, and every error path
 * with its position and wording. Documents are loaded from memory, except
 * where the file API itself is under test.
 */
#include "harness.h"
#include "load.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static rc_arena arena;
static rc_diags diags;
#include "check_diags.h"
static rc_cv cv;

static int load(const char *yaml)
{
    rc_diags_release(&diags);
    rc_arena_release(&arena);
    rc_arena_init(&arena);
    rc_diags_init(&diags);
    return rc_load_cv_memory(&cv, "t.yaml", yaml, strlen(yaml), &arena, &diags);
}

/* The first diagnostic of the given severity whose message contains `text`. */
static const rc_section *section(const char *key)
{
    for (size_t i = 0; i < cv.nsections; i++)
        if (!strcmp(cv.sections[i].key.s, key))
            return &cv.sections[i];
    return NULL;
}

static void test_header(void)
{
    CHECK_INT(load("# yaml-language-server: $schema=https://example.com/schema.json\n"
                   "cv:\n"
                   "  name: Jane Doe\n"
                   "  headline: \"Research Engineer\"\n"
                   "  location: ~\n"
                   "  email: [jane@example.com, 'j@uni.edu']\n"
                   "  phone: 123\n"
                   "  website: https://jane.dev\n"
                   "  photo: ''\n"
                   "  social_networks:\n"
                   "    - network: GitHub\n"
                   "      username: jane\n"
                   "    - network: Google Scholar\n"
                   "      username: abc123\n"
                   "  custom_connections:\n"
                   "    - placeholder: Book a call\n"
                   "      url: https://cal.com/jane\n"
                   "      fontawesome_icon: calendar-days\n"),
              0);
    CHECK_INT(diags.n, 0);
    CHECK_STR(cv.file, "t.yaml");
    CHECK_STR(cv.name.s, "Jane Doe");
    CHECK_INT(cv.name.pos.line, 3);
    CHECK_INT(cv.name.pos.col, 9);
    CHECK_STR(cv.headline.s, "Research Engineer");
    CHECK_INT(cv.headline.pos.col, 14); /* after the opening quote */
    CHECK(cv.location.s == NULL);       /* ~ is absent */
    CHECK(cv.photo.s == NULL);          /* '' is absent */
    CHECK_INT(cv.emails.n, 2);
    if (cv.emails.n == 2) {
        CHECK_STR(cv.emails.v[0].s, "jane@example.com");
        CHECK_STR(cv.emails.v[1].s, "j@uni.edu");
        CHECK_INT(cv.emails.v[1].pos.line, 6);
    }
    CHECK_INT(cv.phones.n, 1);
    if (cv.phones.n == 1)
        CHECK_STR(cv.phones.v[0].s, "123"); /* a number is fine as text */
    CHECK_INT(cv.websites.n, 1);
    CHECK_INT(cv.nsocials, 2);
    if (cv.nsocials == 2) {
        CHECK_STR(cv.socials[0].network.s, "GitHub");
        CHECK_STR(cv.socials[0].username.s, "jane");
        CHECK_STR(cv.socials[1].network.s, "Google Scholar");
        CHECK_INT(cv.socials[1].username.pos.line, 14);
    }
    CHECK_INT(cv.ncustom_connections, 1);
    if (cv.ncustom_connections == 1) {
        CHECK_STR(cv.custom_connections[0].placeholder.s, "Book a call");
        CHECK_STR(cv.custom_connections[0].url.s, "https://cal.com/jane");
        CHECK_STR(cv.custom_connections[0].fontawesome_icon.s, "calendar-days");
    }
    CHECK_INT(cv.nsections, 0);

    /* phone and website lists; email as one string */
    CHECK_INT(load("cv:\n  email: a@b.c\n  phone: ['+1 555', '+44 20']\n  website:\n    - "
                   "https://a.b\n    - https://c.d\n"),
              0);
    CHECK_INT(cv.emails.n, 1);
    CHECK_INT(cv.phones.n, 2);
    CHECK_INT(cv.websites.n, 2);
    if (cv.websites.n == 2)
        CHECK_STR(cv.websites.v[1].s, "https://c.d");
}

static void test_entry_types(void)
{
    CHECK_INT(load("cv:\n"
                   "  sections:\n"
                   "    education:\n"
                   "      - institution: MIT\n"
                   "        area: Physics\n"
                   "        degree: PhD\n"
                   "        location: Cambridge, MA\n"
                   "    experience:\n"
                   "      - company: ACME\n"
                   "        position: Engineer\n"
                   "        summary: Built things.\n"
                   "    projects:\n"
                   "      - name: rescomp\n"
                   "        url_extra: https://x.y\n"
                   "    publications:\n"
                   "      - title: On Things\n"
                   "        authors: [A. One, '**B. Two**']\n"
                   "        doi: 10.1000/xyz\n"
                   "        url: https://pub\n"
                   "        journal: Nature\n"
                   "    skills:\n"
                   "      - label: Languages\n"
                   "        details: C, Python\n"
                   "    bullets:\n"
                   "      - bullet: A point\n"
                   "    numbered:\n"
                   "      - number: First\n"
                   "    reversed:\n"
                   "      - reversed_number: Last\n"
                   "    about:\n"
                   "      - A paragraph of text.\n"
                   "      - 42\n"
                   "    empty: []\n"),
              0);
    CHECK_INT(diags.n, 0);
    CHECK_INT(cv.nsections, 10);
    const rc_section *s;
    if ((s = section("education")) && s->nentries == 1) {
        CHECK_INT(s->type, RC_ENTRY_EDUCATION);
        CHECK_INT(s->entries[0].type, RC_ENTRY_EDUCATION);
        CHECK_STR(s->entries[0].institution.s, "MIT");
        CHECK_STR(s->entries[0].area.s, "Physics");
        CHECK_STR(s->entries[0].degree.s, "PhD");
        CHECK_STR(s->entries[0].location.s, "Cambridge, MA");
        CHECK_INT(s->entries[0].pos.line, 4);
        CHECK_INT(s->entries[0].pos.col, 9);
    } else {
        CHECK(!"education section");
    }
    if ((s = section("experience")) && s->nentries == 1) {
        CHECK_INT(s->type, RC_ENTRY_EXPERIENCE);
        CHECK_STR(s->entries[0].company.s, "ACME");
        CHECK_STR(s->entries[0].position.s, "Engineer");
        CHECK_STR(s->entries[0].summary.s, "Built things.");
    } else {
        CHECK(!"experience section");
    }
    if ((s = section("projects")) && s->nentries == 1) {
        CHECK_INT(s->type, RC_ENTRY_NORMAL);
        CHECK_STR(s->entries[0].name.s, "rescomp");
        CHECK_INT(s->entries[0].nextra, 1); /* extra keys are kept */
        if (s->entries[0].nextra == 1) {
            CHECK_STR(s->entries[0].extra[0].key, "url_extra");
            CHECK_STR(s->entries[0].extra[0].value.s, "https://x.y");
            CHECK_INT(s->entries[0].extra[0].value.pos.line, 14);
        }
    } else {
        CHECK(!"projects section");
    }
    if ((s = section("publications")) && s->nentries == 1) {
        CHECK_INT(s->type, RC_ENTRY_PUBLICATION);
        CHECK_STR(s->entries[0].title.s, "On Things");
        CHECK_INT(s->entries[0].authors.n, 2);
        if (s->entries[0].authors.n == 2)
            CHECK_STR(s->entries[0].authors.v[1].s, "**B. Two**");
        CHECK_STR(s->entries[0].doi.s, "10.1000/xyz");
        CHECK_STR(s->entries[0].url.s, "https://pub");
        CHECK_STR(s->entries[0].journal.s, "Nature");
    } else {
        CHECK(!"publications section");
    }
    if ((s = section("skills")) && s->nentries == 1) {
        CHECK_INT(s->type, RC_ENTRY_ONE_LINE);
        CHECK_STR(s->entries[0].label.s, "Languages");
        CHECK_STR(s->entries[0].details.s, "C, Python");
    } else {
        CHECK(!"skills section");
    }
    if ((s = section("bullets")) && s->nentries == 1) {
        CHECK_INT(s->type, RC_ENTRY_BULLET);
        CHECK_STR(s->entries[0].bullet.s, "A point");
    } else {
        CHECK(!"bullets section");
    }
    if ((s = section("numbered")) && s->nentries == 1) {
        CHECK_INT(s->type, RC_ENTRY_NUMBERED);
        CHECK_STR(s->entries[0].number.s, "First");
    } else {
        CHECK(!"numbered section");
    }
    if ((s = section("reversed")) && s->nentries == 1) {
        CHECK_INT(s->type, RC_ENTRY_REVERSED_NUMBERED);
        CHECK_STR(s->entries[0].reversed_number.s, "Last");
    } else {
        CHECK(!"reversed section");
    }
    if ((s = section("about")) && s->nentries == 2) {
        CHECK_INT(s->type, RC_ENTRY_TEXT);
        CHECK_INT(s->entries[0].type, RC_ENTRY_TEXT);
        CHECK_STR(s->entries[0].text.s, "A paragraph of text.");
        CHECK_INT(s->entries[0].text.pos.line, 31);
        CHECK_INT(s->entries[0].text.pos.col, 9);
        CHECK_STR(s->entries[1].text.s, "42");
    } else {
        CHECK(!"about section");
    }
    if ((s = section("empty"))) {
        CHECK_INT(s->nentries, 0);
        CHECK_INT(s->type, RC_ENTRY_TEXT);
    } else {
        CHECK(!"empty section");
    }

    /* A characteristic optional field decides the type too (degree: education). */
    CHECK_INT(load("cv:\n  sections:\n    e:\n      - degree: BSc\n"), -1);
    CHECK_ERROR_AT("missing 'institution' in cv.sections.e[0]; education entries need "
                   "'institution'", 4, 9);
    CHECK_ERROR_AT("missing 'area' in cv.sections.e[0]", 4, 9);
}

static void test_section_titles(void)
{
    CHECK_INT(load("cv:\n  sections:\n    work_experience: []\n    education_and_training: []\n"
                   "    Selected Publications: []\n    myPapers: []\n"),
              0);
    CHECK_INT(cv.nsections, 4);
    if (cv.nsections == 4) {
        CHECK_STR(cv.sections[0].title, "Work Experience");
        CHECK_STR(cv.sections[0].key.s, "work_experience");
        CHECK_INT(cv.sections[0].key.pos.line, 3);
        CHECK_STR(cv.sections[1].title, "Education and Training");
        CHECK_STR(cv.sections[2].title, "Selected Publications");
        CHECK_STR(cv.sections[3].title, "myPapers"); /* has a capital: as written */
    }
}

/* Loads one experience entry with the given date lines; returns its `when`. */
static rc_when when_of(const char *dates)
{
    char buf[512];
    snprintf(buf, sizeof(buf),
             "cv:\n  sections:\n    x:\n      - company: C\n        position: P\n%s", dates);
    rc_when none;
    memset(&none, 0, sizeof(none));
    if (load(buf) != 0 || cv.nsections != 1 || cv.sections[0].nentries != 1)
        return none;
    return cv.sections[0].entries[0].when;
}

static void test_dates(void)
{
    rc_when w =
        when_of("        date: 2020-09-24\n        start_date: 2018\n        end_date: 2019\n");
    CHECK_INT(w.kind, RC_WHEN_SINGLE); /* date wins */
    CHECK_INT(w.start.year, 2020);
    CHECK_INT(w.start.month, 9);
    CHECK_INT(w.start.day, 24);
    CHECK_INT(w.pos.line, 6);
    CHECK_INT(w.pos.col, 15);

    w = when_of("        date: Fall 2023\n");
    CHECK_INT(w.kind, RC_WHEN_TEXT);
    CHECK_STR(w.text.s, "Fall 2023");

    w = when_of("        date: 2021\n"); /* an int scalar */
    CHECK_INT(w.kind, RC_WHEN_SINGLE);
    CHECK_INT(w.start.year, 2021);
    CHECK_INT(w.start.month, 0);

    w = when_of("        end_date: 2022-06\n"); /* a lone end acts as date */
    CHECK_INT(w.kind, RC_WHEN_SINGLE);
    CHECK_INT(w.start.year, 2022);
    CHECK_INT(w.start.month, 6);
    CHECK_INT(w.start.day, 0);

    w = when_of("        start_date: 2019-03\n"); /* a lone start runs to present */
    CHECK_INT(w.kind, RC_WHEN_RANGE);
    CHECK_INT(w.start.year, 2019);
    CHECK_INT(w.start.month, 3);
    CHECK_INT(w.end_is_present, 1);

    w = when_of("        start_date: 2019-03-01\n        end_date: present\n");
    CHECK_INT(w.kind, RC_WHEN_RANGE);
    CHECK_INT(w.start.day, 1);
    CHECK_INT(w.end_is_present, 1);

    w = when_of("        start_date: 2019\n        end_date: 2021-05-31\n");
    CHECK_INT(w.kind, RC_WHEN_RANGE);
    CHECK_INT(w.end_is_present, 0);
    CHECK_INT(w.end.year, 2021);
    CHECK_INT(w.end.month, 5);
    CHECK_INT(w.end.day, 31);

    w = when_of("        start_date: 2021-05\n        end_date: 2021-05\n"); /* same month */
    CHECK_INT(w.kind, RC_WHEN_RANGE);

    w = when_of("        start_date: 2024-02-29\n        end_date: 2024-03\n"); /* leap year */
    CHECK_INT(w.kind, RC_WHEN_RANGE);
    w = when_of("        date: 2000-02-29\n");
    CHECK_INT(w.kind, RC_WHEN_SINGLE);

    w = when_of("        date:\n        start_date:\n        end_date:\n");
    CHECK_INT(w.kind, RC_WHEN_NONE);
    CHECK_INT(diags.n, 0);

    const char *impossible[] = {"2023-02-29", "2100-02-29", "2021-13", "2021-00", "2021-04-31",
                                "0000"};
    for (size_t i = 0; i < RC_ARRAY_LEN(impossible); i++) {
        char line[128];
        snprintf(line, sizeof(line), "        start_date: %s\n", impossible[i]);
        when_of(line);
        CHECK_ERROR_AT("is not a real date; check the month and day", 6, 21);
    }
    when_of("        end_date: June 2020\n");
    CHECK_ERROR_AT("cv.sections.x[0].end_date 'June 2020' is not a date; write YYYY-MM-DD, "
                   "YYYY-MM or YYYY, or present",
                   6, 19);
    when_of("        start_date: 21-05\n");
    CHECK_ERROR_AT("start_date '21-05' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY", 6, 21);
    when_of("        start_date: present\n");
    CHECK_ERROR_AT("start_date 'present' is not a date", 6, 21);
    /* a malformed date that is strictly formatted is an error, free text is not */
    when_of("        date: 2021-02-30\n");
    CHECK_ERROR_AT("date '2021-02-30' is not a real date", 6, 15);

    when_of("        start_date: 2022-01\n        end_date: 2021-12-31\n");
    CHECK_ERROR_AT("cv.sections.x[0].start_date 2022-01 is after its end_date 2021-12-31", 6, 21);
    /* RenderCV compares 2021-05 with 2021 as 2021-05-01 > 2021-01-01 */
    when_of("        start_date: 2021-05\n        end_date: 2021\n");
    CHECK_ERROR_AT("is after its end_date 2021", 6, 21);
}

static void test_highlights(void)
{
    CHECK_INT(load("cv:\n"
                   "  sections:\n"
                   "    x:\n"
                   "      - name: N\n"
                   "        highlights:\n"
                   "          - Plain one\n"
                   "          - Parent - child one - child two\n"
                   "          - Folded\n"
                   "            - nested\n"
                   "          - \"2019 -- 2020 en dash\"\n"),
              0);
    const rc_entry *e = cv.nsections ? &cv.sections[0].entries[0] : NULL;
    CHECK(e != NULL);
    if (!e)
        return;
    CHECK_INT(e->nhighlights, 7);
    if (e->nhighlights != 7)
        return;
    CHECK_STR(e->highlights[0].text.s, "Plain one");
    CHECK_INT(e->highlights[0].level, 0);
    CHECK_INT(e->highlights[0].text.pos.line, 6);
    CHECK_INT(e->highlights[0].text.pos.col, 13);
    CHECK_STR(e->highlights[1].text.s, "Parent");
    CHECK_INT(e->highlights[1].level, 0);
    CHECK_STR(e->highlights[2].text.s, "child one");
    CHECK_INT(e->highlights[2].level, 1);
    CHECK_INT(e->highlights[2].text.pos.line, 7);
    CHECK_INT(e->highlights[2].text.pos.col, 22); /* column of "child one" */
    CHECK_STR(e->highlights[3].text.s, "child two");
    CHECK_INT(e->highlights[3].level, 1);
    CHECK_INT(e->highlights[3].text.pos.col, 34);
    /* an indented continuation "- nested" folds into " - nested": a nested bullet */
    CHECK_STR(e->highlights[4].text.s, "Folded");
    CHECK_INT(e->highlights[4].level, 0);
    CHECK_STR(e->highlights[5].text.s, "nested");
    CHECK_INT(e->highlights[5].level, 1);
    CHECK_STR(e->highlights[6].text.s, "2019 -- 2020 en dash"); /* " -- " is not " - " */
    CHECK_INT(e->highlights[6].level, 0);
}

static void test_settings_design_locale(void)
{
    CHECK_INT(load("cv:\n  name: N\n"
                   "design:\n  theme: moderncv\n  page:\n    size: us-letter\n    top_margin: 2cm\n    show_top_note: true\n"
                   "  colors:\n    name: red\n"
                   "locale:\n  language: german\n  date_template: x\n"
                   "settings:\n  current_date: 2024-03-15\n  bold_keywords: [Python, C]\n"
                   "  pdf_title: NAME's CV\n  render_command:\n    pdf_path: x.pdf\n"
                   "variants:\n  academic: {}\n"),
              0);
    CHECK_INT(diags.nerrors, 0);
    CHECK_STR(cv.theme.s, "moderncv");
    CHECK_INT(cv.theme.pos.line, 4);
    CHECK_STR(cv.page_size.s, "us-letter");
    CHECK_STR(cv.language.s, "german");
    CHECK_INT(cv.current_date.year, 2024);
    CHECK_INT(cv.current_date.month, 3);
    CHECK_INT(cv.current_date.day, 15);
    CHECK_INT(cv.bold_keywords.n, 2);
    if (cv.bold_keywords.n == 2)
        CHECK_STR(cv.bold_keywords.v[1].s, "C");
    CHECK_STR(cv.pdf_title.s, "NAME's CV");
    /* design options the loader does not model go to the style module, with positions;
     * one warning per unsupported locale option, none for variants or render_command */
    CHECK_INT(diags.nwarnings, 1);
    const rc_design_value *dv = NULL;
    for (size_t i = 0; i < cv.design.n; i++)
        if (!strcmp(cv.design.v[i].path, "colors.name"))
            dv = &cv.design.v[i];
    CHECK(dv != NULL);
    if (dv) {
        CHECK_STR(dv->value.s, "red");
        CHECK_INT(dv->value.pos.line, 10); /* after page's four lines */
    }
    int top_note = 0;
    for (size_t i = 0; i < cv.design.n; i++)
        top_note |= !strcmp(cv.design.v[i].path, "page.show_top_note");
    CHECK(top_note);
    /* RenderCV 2.0-2.3's locale.date_template moves to design.templates.single_date */
    CHECK(find_diag(RC_WARNING, "this file is written for RenderCV 2.0-2.3: 1 of its keys") !=
          NULL);
    /* RenderCV's command-line settings concern its CLI only: no word (rendercv new writes them) */
    CHECK(find_diag(RC_WARNING, "render_command") == NULL);

    CHECK_INT(load("cv: {name: N}\nsettings:\n  current_date: 2024-03\n"), 0);
    CHECK_INT(cv.current_date.year, 2024);
    CHECK_INT(cv.current_date.month, 3);
    CHECK_INT(cv.current_date.day, 0);
    CHECK_INT(load("cv: {name: N}\nsettings:\n  current_date: today\n"), 0);
    CHECK_INT(cv.current_date.year, 0);
    CHECK_INT(load("cv: {name: N}\nsettings:\n  current_date: 2024\n"), -1);
    CHECK_ERROR_AT("settings.current_date '2024' is not a date; write YYYY-MM-DD or YYYY-MM", 3,
                   17);
    CHECK_INT(cv.current_date.year, 0);

    /* a design key the loader does not know is no error: the style module judges it */
    CHECK_INT(load("cv: {name: N}\ndesign:\n  them: classic\n"), 0);
    CHECK_INT(diags.nerrors, 0);
    CHECK(cv.design.n == 1 && !strcmp(cv.design.v[0].path, "them"));

    /* RenderCV 1.x names still load, with a warning */
    CHECK_INT(load("cv: {name: N}\nrendercv_settings:\n  pdf_title: T\nlocale_catalog: {language: "
                   "english}\n"),
              0);
    CHECK_STR(cv.pdf_title.s, "T");
    CHECK_STR(cv.language.s, "english");
    CHECK(find_diag(RC_WARNING, "this file is written for RenderCV 1.x: 2 of its keys") != NULL);
    CHECK_INT(diags.nwarnings, 1);
}

static void test_schema_errors(void)
{
    CHECK_INT(load("cv:\n  name: N\ndesgin:\n  theme: classic\n"), -1);
    CHECK_ERROR_AT("unknown key 'desgin' at the top level (did you mean 'design'?)", 3, 1);
    CHECK_INT(load("cv: {name: N}\nfoo: 1\n"), -1);
    CHECK_ERROR_AT("unknown key 'foo' at the top level; expected cv, design, locale, settings, variants or letter",
                   2, 1);

    CHECK_INT(load("cv:\n  headlin: N\n  phone: 1\n"), -1);
    CHECK_ERROR_AT("unknown key 'headlin' in cv (did you mean 'headline'?)", 2, 3);
    /* RenderCV 2.6 and earlier took any key in cv: left out with a warning */
    CHECK_INT(load("cv:\n  twitter: x\n"), 0);
    CHECK_DIAG_AT(RC_WARNING, "key 'twitter' in cv is no RenderCV field, so its text is left out", 2,
                  3);

    CHECK_INT(load("settings:\n  pdf_tile: x\ncv: {}\n"), -1);
    CHECK_ERROR_AT("unknown key 'pdf_tile' in settings (did you mean 'pdf_title'?)", 2, 3);

    CHECK_INT(load("design: {theme: classic}\n"), -1);
    CHECK_ERROR_AT("no 'cv' key at the top level", 0, 0);

    /* a near miss of a field: warning only, the key is kept as an extra */
    CHECK_INT(load("cv:\n  sections:\n    x:\n      - company: C\n        position: P\n"
                   "        locaton: Paris\n"),
              0);
    CHECK_INT(diags.nerrors, 0);
    const rc_diag *g = find_diag(RC_WARNING, "unknown key 'locaton' in cv.sections.x[0] (did you "
                                             "mean 'location'?)");
    CHECK(g != NULL);
    if (g) {
        CHECK_INT(g->pos.line, 6);
        CHECK_INT(g->pos.col, 9);
    }
    if (cv.nsections == 1 && cv.sections[0].nentries == 1)
        CHECK_INT(cv.sections[0].entries[0].nextra, 1);

    /* a missing required field names its near miss, at the near miss */
    CHECK_INT(load("cv:\n  sections:\n    education:\n      - area: CS\n        instituton: MIT\n"),
              -1);
    CHECK_ERROR_AT("unknown key 'instituton' in cv.sections.education[0] (did you mean "
                   "'institution'?); education entries need 'institution'",
                   5, 9);
    CHECK_INT(diags.nwarnings, 0); /* not reported twice */
    CHECK_INT(load("cv:\n  sections:\n    x:\n      - company: ACME\n"), -1);
    CHECK_ERROR_AT("missing 'position' in cv.sections.x[0]; experience entries need 'position'",
                   4, 9);

    /* mixed types: one error, at the first entry that differs */
    CHECK_INT(load("cv:\n  sections:\n    education:\n      - institution: A\n        area: B\n"
                   "      - company: C\n        position: D\n      - Just text\n"),
              -1);
    CHECK_ERROR_AT("cv.sections.education[1] is an experience entry, but section 'education' "
                   "holds education entries",
                   6, 9);
    CHECK_INT(diags.nerrors, 1);

    /* no type at all, with and without a near miss of a characteristic field */
    CHECK_INT(load("cv:\n  sections:\n    x:\n      - foo: bar\n"), -1);
    CHECK_ERROR_AT("cv.sections.x[0] matches no entry type; give it 'institution' and 'area'", 4,
                   9);
    CHECK_INT(load("cv:\n  sections:\n    x:\n      - compnay: A\n        positon: B\n"), -1);
    CHECK_ERROR_AT("unknown key 'compnay' in cv.sections.x[0] (did you mean 'company'?)", 4, 9);

    CHECK_INT(load("cv:\n  social_networks:\n    - network: Linkedin\n      username: x\n"
                   "    - network: Myspace\n      username: y\n    - network: GitHub\n"),
              -1);
    CHECK_ERROR_AT("unknown social network 'Linkedin' in cv.social_networks[0] (did you mean "
                   "'LinkedIn'?)",
                   3, 16);
    CHECK_ERROR_AT("unknown social network 'Myspace' in cv.social_networks[1]; use one of "
                   "LinkedIn, GitHub",
                   5, 16);
    CHECK_ERROR_AT("missing 'username' in cv.social_networks[2]", 7, 7);
    CHECK_INT(load("cv:\n  social_networks:\n    - network: X\n      user: y\n"), -1);
    CHECK_ERROR_AT("unknown key 'user' in cv.social_networks[0]", 4, 7);

    CHECK_INT(load("cv: {}\ndesign:\n  theme: clasic\n  page:\n    size: a3\n"), -1);
    CHECK_ERROR_AT("unknown theme 'clasic' (did you mean 'classic'?)", 3, 10);
    CHECK_ERROR_AT("unknown page size 'a3' (did you mean 'a4'?)", 5, 11);
    CHECK_INT(load("cv: {}\ndesign:\n  theme: fancy\n"), -1);
    CHECK_ERROR_AT("unknown theme 'fancy'; use classic, ember", 3, 10);

    CHECK_INT(load("cv:\n  custom_connections:\n    - url: https://x\n"), -1);
    CHECK_ERROR_AT("missing 'placeholder' in cv.custom_connections[0]", 3, 7);
    CHECK_ERROR_AT("missing 'fontawesome_icon' in cv.custom_connections[0]", 3, 7);
}

static void test_wrong_types(void)
{
    CHECK_INT(load("cv:\n  name: [a, b]\n  email: {a: b}\n  headline: {x: y}\n"), -1);
    CHECK_ERROR_AT("cv.name must be text, not a list", 2, 9);
    CHECK_ERROR_AT("cv.email must be text or a list of text, not a mapping", 3, 10);
    CHECK_ERROR_AT("cv.headline must be text, not a mapping", 4, 13);
    CHECK_INT(diags.nerrors, 3); /* keeps going, one error each */

    CHECK_INT(load("cv:\n  sections: [a]\n  social_networks: GitHub\n"), -1);
    CHECK_ERROR_AT("cv.sections must be a mapping from section titles to lists of entries, not "
                   "a list",
                   2, 13);
    CHECK_ERROR_AT("cv.social_networks must be a list of {network, username} mappings, not text",
                   3, 20);

    CHECK_INT(load("cv:\n  sections:\n    a: text\n    b: {x: y}\n    c:\n    d:\n      -\n"
                   "      - [x]\n"),
              -1);
    CHECK_ERROR_AT("section cv.sections.a must be a list of entries, not text", 3, 8);
    CHECK_ERROR_AT("section cv.sections.b must be a list of entries, not a mapping", 4, 8);
    CHECK_ERROR_AT("section cv.sections.c is empty", 5, 7);
    CHECK_ERROR_AT("cv.sections.d[0] is empty; write the entry or remove the '-'", 7, 0);
    CHECK_ERROR_AT("cv.sections.d[1] must be text or a mapping of entry fields, not a list", 8,
                   9);

    /* a wrong value for a required field is one error, not also "missing" */
    CHECK_INT(load("cv:\n  sections:\n    p:\n      - title: T\n        authors: Me\n"), -1);
    CHECK_ERROR_AT("cv.sections.p[0].authors must be a list of text, not text", 5, 18);
    CHECK_INT(diags.nerrors, 1);

    CHECK_INT(load("cv:\n  sections:\n    p:\n      - name: N\n        highlights: one\n"
                   "      - name: M\n        highlights: [a, {b: c}]\n"),
              -1);
    CHECK_ERROR_AT("cv.sections.p[0].highlights must be a list of text, not text", 5, 21);
    CHECK_ERROR_AT("cv.sections.p[1].highlights[1] must be text, not a mapping", 7, 25);

    CHECK_INT(load("cv: {name: N}\nsettings:\n  bold_keywords: Python\ndesign: [a]\nlocale: x\n"),
              -1);
    CHECK_ERROR_AT("settings.bold_keywords must be a list of text, not text", 3, 18);
    CHECK_ERROR_AT("design must be a mapping of design options, not a list", 4, 9);
    CHECK_ERROR_AT("locale must be a mapping of locale options, not text", 5, 9);

    CHECK_INT(load("cv:\n  ? [a]\n  : b\n"), -1);
    CHECK_ERROR_AT("keys in cv must be text, not a list", 2, 5);

    /* numbers and booleans are fine where text is expected */
    CHECK_INT(load("cv:\n  name: true\n  headline: 3.14\n"), 0);
    CHECK_STR(cv.name.s, "true");
    CHECK_STR(cv.headline.s, "3.14");
}

static void test_document_errors(void)
{
    CHECK_INT(load(""), -1);
    CHECK_ERROR_AT("the file is empty", 0, 0);
    CHECK_INT(load("# just a comment\n"), -1);
    CHECK_ERROR_AT("the file is empty", 0, 0);
    CHECK_INT(load("- a\n- b\n"), -1);
    CHECK_ERROR_AT("the top level must be a mapping with 'cv:'", 1, 1);
    CHECK_INT(load("just text\n"), -1);
    CHECK_ERROR_AT("the top level must be a mapping with 'cv:' (and optionally design, locale, "
                   "settings), not text",
                   1, 1);

    CHECK_INT(load("cv:\n  name: a: b\n"), -1);
    CHECK_ERROR_AT("mapping values are not allowed in this context", 2, 10);
    CHECK_INT(load("cv:\n  name: \"abc\n"), -1);
    CHECK_ERROR_AT("found unexpected end of stream (while scanning a quoted scalar at 2:9)", 3,
                   1);
    CHECK_INT(load("cv:\n\tname: x\n"), -1);
    CHECK_ERROR_AT("indent with spaces", 2, 1);

    CHECK_INT(load("cv:\n  name: Jo\xff" "hn\n"), -1);
    CHECK_ERROR_AT("invalid UTF-8 (byte 0xff", 2, 11);
    /* the position counts characters, as libyaml's columns do */
    CHECK_INT(load("cv:\n  name: \xc3\xa9t\xc3\xa9 \xe2\x82\n"), -1);
    CHECK_ERROR_AT("invalid UTF-8 (byte 0xe2", 2, 13);
    CHECK_INT(load("cv:\n  name: a\x01z\n"), -1);
    CHECK_ERROR_AT("control characters are not allowed", 2, 10);
    /* a \0 escape gets past libyaml's reader: the scalar check catches it */
    CHECK_INT(load("cv:\n  name: \"a\\0b\"\n"), -1);
    CHECK_ERROR_AT("this value contains a NUL character", 2, 9);

    CHECK_INT(load("cv:\n  name: A\n  headline: H\n  name: B\n"), -1);
    CHECK_ERROR_AT("duplicate key 'name' (first given on line 2); remove one of them", 4, 3);
    CHECK_INT(diags.nerrors, 1);

    CHECK_INT(load("cv:\n  name: a\n---\ncv:\n  name: b\n"), -1);
    CHECK_ERROR_AT("a second YAML document starts here", 3, 1);

    CHECK_INT(load("cv:\n  name: *nope\n"), -1);
    CHECK_ERROR_AT("found undefined alias; define the anchor", 2, 9);

    /* aliases are fine in moderation */
    CHECK_INT(load("cv:\n  name: &n Jane\n  headline: *n\n"), 0);
    CHECK_STR(cv.headline.s, "Jane");

    CHECK_INT(load("a: &a [*a]\ncv: {name: x}\n"), -1);
    CHECK_ERROR_AT("an alias refers to a node that contains it", 1, 4);
}

static void test_limits(void)
{
    /* billion laughs: 10^9 values from a few lines */
    rc_buf b = RC_BUF_INIT;
    rc_buf_adds(&b, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 9; i++) {
        rc_buf_addf(&b, "a%d: &a%d [", i, i);
        for (int j = 0; j < 10; j++)
            rc_buf_addf(&b, "%s*a%d", j ? ", " : "", i - 1);
        rc_buf_adds(&b, "]\n");
    }
    rc_buf_adds(&b, "cv: {name: x}\n");
    CHECK_INT(load(rc_buf_str(&b)), -1);
    CHECK_ERROR_AT("aliases expand the document to more than 1000000 values", 0, 0);

    rc_buf_reset(&b);
    rc_buf_adds(&b, "a: &a x\nb: [");
    for (int j = 0; j < 10001; j++)
        rc_buf_adds(&b, j ? ", *a" : "*a");
    rc_buf_adds(&b, "]\ncv: {name: x}\n");
    CHECK_INT(load(rc_buf_str(&b)), -1);
    CHECK_ERROR_AT("more than 10000 alias references", 0, 0);

    rc_buf_reset(&b);
    rc_buf_adds(&b, "cv:\n  name: ");
    for (int j = 0; j < 64; j++)
        rc_buf_addc(&b, '[');
    for (int j = 0; j < 64; j++)
        rc_buf_addc(&b, ']');
    CHECK_INT(load(rc_buf_str(&b)), -1);
    CHECK_ERROR_AT("nesting deeper than 64 levels", 2, 0);
    /* 62 levels under cv.name (64 in all) is deep but allowed: only the type is wrong */
    rc_buf_reset(&b);
    rc_buf_adds(&b, "cv:\n  name: ");
    for (int j = 0; j < 62; j++)
        rc_buf_addc(&b, '[');
    for (int j = 0; j < 62; j++)
        rc_buf_addc(&b, ']');
    CHECK_INT(load(rc_buf_str(&b)), -1);
    CHECK(find_diag(RC_ERROR, "nesting deeper") == NULL);
    CHECK_ERROR_AT("cv.name must be text, not a list", 2, 9);
    rc_buf_release(&b);

    size_t big = (16u << 20) + 1;
    char *data = malloc(big);
    CHECK(data != NULL);
    if (data) {
        memset(data, ' ', big);
        memcpy(data, "cv: {}", 6);
        rc_diags_release(&diags);
        CHECK_INT(rc_load_cv_memory(&cv, "big.yaml", data, big, &arena, &diags), -1);
        CHECK_ERROR_AT("'big.yaml' is larger than 16 MiB", 0, 0);
        free(data);
    }
}

static void test_files(void)
{
    rc_diags_release(&diags);
    CHECK_INT(rc_load_cv_file(&cv, "/nonexistent/cv.yaml", NULL, &arena, &diags), -1);
    CHECK_INT(diags.nerrors, 1);
    if (diags.n == 1) {
        CHECK_INT(diags.v[0].failure, RC_FAIL_IO);
        CHECK(strstr(diags.v[0].message, "cannot open '/nonexistent/cv.yaml': ") != NULL);
    }
    rc_diags_release(&diags);
    CHECK_INT(rc_load_cv_file(&cv, "/", NULL, &arena, &diags), -1);
    CHECK_INT(diags.n, 1);
    if (diags.n == 1)
        CHECK_INT(diags.v[0].failure, RC_FAIL_IO);

    char path[] = "/tmp/test_load_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    const char yaml[] = "cv:\n  name: From File\n  sections:\n    x:\n      - company: A\n";
    CHECK_INT(write(fd, yaml, sizeof(yaml) - 1), (long long)(sizeof(yaml) - 1));
    close(fd);
    rc_diags_release(&diags);
    CHECK_INT(rc_load_cv_file(&cv, path, NULL, &arena, &diags), -1);
    CHECK_STR(cv.name.s, "From File");
    CHECK_INT(diags.nerrors, 1);
    if (diags.n == 1) {
        CHECK_INT(diags.v[0].failure, RC_FAIL_INPUT);
        CHECK_STR(diags.v[0].pos.file, path);
        CHECK_INT(diags.v[0].pos.line, 5);
    }
    unlink(path);
}

int main(void)
{
    rc_arena_init(&arena);
    rc_diags_init(&diags);
    test_header();
    test_entry_types();
    test_section_titles();
    test_dates();
    test_highlights();
    test_settings_design_locale();
    test_schema_errors();
    test_wrong_types();
    test_document_errors();
    test_limits();
    test_files();
    rc_diags_release(&diags);
    rc_arena_release(&arena);
    return rc_test_report("test_load");
}
