/*
 * Tests of the inputs beyond RenderCV 2.8 YAML: JSON Resume
 * (load_jsonresume.c), older RenderCV files (load_legacy.c), positions at
 * one employer (load.c), BibTeX (bib.c, load_bibtex.c), and the text and
 * Markdown devices (dev_text.c) over the laid-out CV. Files come from
 * tests/inputs/.
 */
#include "bib.h"
#include "design.h"
#include "dev_text.h"
#include "harness.h"
#include "shipped_fonts.h"
#include "layout.h"
#include "load.h"

#include <stdlib.h>
#include <string.h>

static rc_arena arena;
static rc_diags diags;
#include "check_diags.h"
static rc_cv cv;

static void reset(void)
{
    rc_diags_release(&diags);
    rc_arena_release(&arena);
    rc_arena_init(&arena);
    rc_diags_init(&diags);
}

static int load(const char *yaml)
{
    reset();
    return rc_load_cv_memory(&cv, "t.yaml", yaml, strlen(yaml), &arena, &diags);
}

static const char *data_path(const char *name)
{
    const char *dir = getenv("RESCOMP_TEST_DATA");
    return rc_arena_printf(&arena, "%s/inputs/%s", dir ? dir : "tests", name);
}

static int load_file(const char *name)
{
    reset();
    return rc_load_cv_file(&cv, data_path(name), NULL, &arena, &diags);
}

/* How many diagnostics of this severity contain `text`. */
static int count_diags(rc_severity sev, const char *text)
{
    int n = 0;
    for (size_t i = 0; i < diags.n; i++)
        n += diags.v[i].severity == sev && strstr(diags.v[i].message, text) != NULL;
    return n;
}

static const rc_section *section(const char *key)
{
    for (size_t i = 0; i < cv.nsections; i++)
        if (!strcmp(cv.sections[i].key.s, key))
            return &cv.sections[i];
    return NULL;
}

/* ---- JSON Resume ----------------------------------------------------------- */

static void test_jsonresume(void)
{
    CHECK_INT(load_file("jsonresume.json"), 0);
    /* a key no section prints is named, not dropped in silence */
    CHECK_INT(diags.nwarnings, 1);
    CHECK_INT(count_diags(RC_WARNING, "'favouriteColour' in basics is no JSON Resume field"), 1);
    CHECK_STR(cv.name.s, "Grace Hopper");
    CHECK_INT(cv.name.pos.line, 4);
    CHECK_INT(cv.name.pos.col, 14);
    CHECK_STR(cv.headline.s, "Computer Scientist and Rear Admiral");
    CHECK_STR(cv.location.s, "1 Navy Yard, 20374 Washington, DC, US"); /* every part */
    CHECK_INT(cv.emails.n, 1);
    CHECK_STR(cv.websites.v[0].s, "https://grace.example.org/");
    CHECK_INT(cv.nsocials, 2);
    CHECK_STR(cv.socials[0].network.s, "GitHub");
    CHECK_STR(cv.socials[1].network.s, "X"); /* "twitter" */
    CHECK_INT(cv.ncustom_connections, 1);
    CHECK_STR(cv.custom_connections[0].placeholder.s, "SoundCloud: nanoseconds");
    CHECK_STR(cv.custom_connections[0].url.s, "https://soundcloud.example.com/nanoseconds");

    /* every section kind, in the document's order, after the summary */
    static const char *const keys[] = {"summary", "work", "volunteer", "education",
                                       "awards", "certificates", "publications", "skills",
                                       "languages", "interests", "references", "projects"};
    static const char *const titles[] = {"Summary", "Experience", "Volunteering", "Education",
                                         "Awards", "Certificates", "Publications", "Skills",
                                         "Languages", "Interests", "References", "Projects"};
    static const rc_entry_type types[] = {
        RC_ENTRY_TEXT,   RC_ENTRY_EXPERIENCE, RC_ENTRY_EXPERIENCE, RC_ENTRY_EDUCATION,
        RC_ENTRY_NORMAL, RC_ENTRY_NORMAL,     RC_ENTRY_NORMAL,     RC_ENTRY_ONE_LINE,
        RC_ENTRY_ONE_LINE, RC_ENTRY_ONE_LINE, RC_ENTRY_NORMAL,     RC_ENTRY_NORMAL};
    CHECK_INT(cv.nsections, 12);
    for (size_t i = 0; i < 12 && i < cv.nsections; i++) {
        CHECK_STR(cv.sections[i].key.s, keys[i]);
        CHECK_STR(cv.sections[i].title, titles[i]);
        CHECK_INT(cv.sections[i].type, types[i]);
    }
    const rc_section *work = section("work");
    if (work && work->nentries == 2) {
        const rc_entry *e = &work->entries[0];
        CHECK_STR(e->company.s, "[Remington Rand](https://example.com/remington)");
        CHECK_STR(e->position.s, "Senior Mathematician");
        CHECK_STR(e->location.s, "Philadelphia, PA");
        /* the description leads the summary, in italics */
        CHECK_STR(e->summary.s, "*Maker of the UNIVAC I.* Led the automatic programming "
                                "department.");
        CHECK_INT(e->nextra, 0);
        CHECK_INT(e->when.kind, RC_WHEN_RANGE);
        CHECK_INT(e->when.start.year, 1949);
        CHECK_INT(e->when.start.month, 6);
        CHECK_INT(e->when.end.day, 31);
        CHECK_INT(e->nhighlights, 2);
        CHECK_INT(e->pos.line, 26);
        CHECK_INT(work->entries[1].when.end_is_present, 1); /* no endDate */
    } else {
        CHECK(0);
    }
    const rc_section *edu = section("education");
    if (edu && edu->nentries == 2) {
        CHECK_STR(edu->entries[0].degree.s, "PhD");
        CHECK_STR(edu->entries[0].area.s, "Mathematics");
        CHECK_INT(edu->entries[0].nhighlights, 2);
        CHECK_STR(edu->entries[0].highlights[0].text.s, "Grade: with distinction");
        CHECK_STR(edu->entries[0].highlights[1].text.s, "Courses: Number theory, Analysis");
        CHECK_INT(edu->entries[1].when.kind, RC_WHEN_SINGLE); /* a lone endDate */
        CHECK_INT(edu->entries[1].when.start.year, 1928);
    }
    const rc_section *awards = section("awards");
    if (awards && awards->nentries == 1) {
        CHECK_STR(awards->entries[0].name.s,
                  "National Medal of Technology, President of the United States");
        CHECK_INT(awards->entries[0].when.start.day, 16);
    }
    const rc_section *skills = section("skills");
    if (skills && skills->nentries == 2)
        CHECK_STR(skills->entries[0].details.s, "COBOL, FLOW-MATIC, A-0 (Master)");
    const rc_section *refs = section("references");
    if (refs && refs->nentries == 1)
        CHECK_STR(refs->entries[0].summary.s, "She was one of the best programmers I ever had.");
    const rc_section *projects = section("projects");
    if (projects && projects->nentries == 1) {
        CHECK_STR(projects->entries[0].name.s, "[COBOL](https://example.com/cobol), CODASYL");
        CHECK_STR(projects->entries[0].summary.s,
                  "*Technical advisor (application).* A common business-oriented language.");
        CHECK_INT(projects->entries[0].nhighlights, 2);
        if (projects->entries[0].nhighlights == 2)
            CHECK_STR(projects->entries[0].highlights[1].text.s, "Keywords: compilers");
    }

    /* YAML with basics is JSON Resume too; location as text; unknown keys warned about */
    CHECK_INT(load_file("jsonresume_location_text.yaml"), 0);
    CHECK_INT(diags.n, 3);
    CHECK_INT(count_diags(RC_WARNING, "'nickname' in basics is no JSON Resume field"), 1);
    CHECK_INT(count_diags(RC_WARNING, "'unknownKey' in work[0] is no JSON Resume field"), 1);
    CHECK_INT(count_diags(RC_WARNING, "'extra_top_level' is no JSON Resume section"), 1);
    CHECK_STR(cv.location.s, "Wilmslow, Cheshire, UK");
    CHECK_INT(cv.nsocials, 1);
    CHECK_INT(cv.nsections, 2);
    if (cv.nsections == 2) {
        CHECK_STR(cv.sections[0].entries[0].company.s,
                  "[National Physical Laboratory](https://www.npl.co.uk/)"); /* 0.x names */
        CHECK_INT(cv.sections[1].type, RC_ENTRY_BULLET); /* interests without keywords */
        CHECK_STR(cv.sections[1].entries[1].bullet.s, "Chess");
    }

    /* a .json file without basics is JSON Resume too; a date in another form is kept */
    reset();
    const char *doc = "{\"work\": [{\"name\": \"A\", \"startDate\": \"Summer 2019\"}]}";
    CHECK_INT(rc_load_cv_memory(&cv, "r.json", doc, strlen(doc), &arena, &diags), 0);
    CHECK_DIAG_AT(RC_WARNING, "is not an ISO 8601 date", 1, 39);
    CHECK_INT(cv.nsections, 1);
    if (cv.nsections == 1)
        CHECK_INT(cv.sections[0].entries[0].when.kind, RC_WHEN_TEXT);
    /* ... but YAML without basics is RenderCV */
    CHECK_INT(load("work:\n  - name: A\n"), -1);
    CHECK(find_diag(RC_ERROR, "unknown key 'work'") != NULL);
}

/* ---- older RenderCV files ------------------------------------------------------- */

/*
 * An old file gets one warning, at its first old key: how many keys were
 * read under their v2.8 names, each ignored one by name, and the way to
 * upgrade the file (tests/upgrade has the --upgrade output).
 */
static void check_summary(const char *version, int renamed, int line, const char *const *ignored)
{
    CHECK_INT(count_diags(RC_WARNING, ""), 1);
    const rc_diag *g = find_diag(RC_WARNING, "this file is written for RenderCV");
    if (!g)
        return;
    CHECK(strstr(g->message, version) != NULL);
    CHECK(strstr(g->message, rc_arena_printf(&arena, ": %d of its keys", renamed)) != NULL);
    CHECK(strstr(g->message, "rescomp --upgrade") != NULL);
    CHECK_INT(g->pos.line, line);
    for (size_t i = 0; ignored[i]; i++)
        CHECK(strstr(g->message, ignored[i]) != NULL);
}

static void test_legacy_v2(void)
{
    CHECK_INT(load_file("rendercv_v2.yaml"), 0);
    CHECK_INT(diags.nerrors, 0);
    static const char *const ignored[] = {
        "'cv.sort_entries' (line 7: RenderCV 2.4 removed it",
        "'design.entry_types' (line 29", "'locale.last_updated_date_template' (line 36",
        "'rendercv_settings.sort_entries' (line 40", NULL};
    check_summary("2.0-2.3", 12, 7, ignored);
    /* mapped onto what the model has */
    CHECK_STR(cv.alignment.s, "left");
    CHECK_INT(cv.alignment.pos.line, 25); /* the value where it was written */
    CHECK_STR(cv.page_size.s, "a4");
    CHECK_STR(cv.margins[0].s, "1.5cm");
    CHECK_INT(cv.show_footer, 0);
    CHECK_INT(cv.current_date.year, 2025);
    CHECK_INT(cv.current_date.day, 28);
    CHECK_INT(cv.bold_keywords.n, 1);
    CHECK_INT(cv.nsections, 1);
}

static void test_legacy_v1(void)
{
    CHECK_INT(load_file("rendercv_v1.yaml"), 0);
    CHECK_INT(diags.nerrors, 0);
    static const char *const ignored[] = {"'design.content_scale' (line 18", NULL};
    check_summary("1.x", 12, 4, ignored);
    CHECK_STR(cv.headline.s, "Software Engineer");
    CHECK_STR(cv.page_size.s, "us-letter"); /* letterpaper */
    CHECK_STR(cv.alignment.s, "left");      /* left-aligned */
    CHECK_STR(cv.margins[0].s, "2cm");      /* "2 cm" */
    CHECK_STR(cv.margins[2].s, "1.5cm");
    CHECK_INT(cv.show_footer, 0); /* disable_page_numbering: true */

    /* a v2.8 key given too wins over the old one */
    CHECK_INT(load("cv:\n  name: X\ndesign:\n  page_size: a4paper\n  page:\n    size: us-letter\n"),
              0);
    CHECK_STR(cv.page_size.s, "us-letter");
    CHECK_DIAG_AT(RC_WARNING, "'design.page_size' (line 4: its v2.8 name 'design.page.size' is "
                  "given too)", 4, 3);
    /* an old value the new key does not know is the new key's error, where it was written */
    CHECK_INT(load("cv:\n  name: X\ndesign:\n  page_size: legalpaper\n"), -1);
    CHECK_DIAG_AT(RC_ERROR, "unknown page size 'legalpaper'", 4, 14);
}

/* ---- positions at one employer -------------------------------------------------- */

static void test_positions(void)
{
    CHECK_INT(load("cv:\n"
                   "  name: X\n"
                   "  sections:\n"
                   "    experience:\n"
                   "      - company: Helvetic Data AG\n"
                   "        location: Zurich\n"
                   "        positions:\n"
                   "          - position: Staff Engineer\n"
                   "            start_date: 2023-01\n"
                   "            highlights:\n"
                   "              - Led the storage team\n"
                   "          - position: Senior Engineer\n"
                   "            start_date: 2019-03\n"
                   "            end_date: 2022-12\n"
                   "            location: Basel\n"
                   "            summary: Metadata service.\n"
                   "            highlights:\n"
                   "              - Built the log - nested\n"),
              0);
    CHECK_INT(diags.n, 0);
    const rc_entry *e = cv.nsections ? &cv.sections[0].entries[0] : NULL;
    if (!e)
        return;
    CHECK_INT(e->type, RC_ENTRY_EXPERIENCE);
    CHECK(e->position.s == NULL);
    CHECK_INT(e->npositions, 2);
    if (e->npositions == 2) {
        CHECK_STR(e->positions[0].position.s, "Staff Engineer");
        CHECK_INT(e->positions[0].pos.line, 8);
        CHECK_INT(e->positions[0].when.kind, RC_WHEN_RANGE);
        CHECK_INT(e->positions[0].when.end_is_present, 1);
        CHECK_INT(e->positions[0].nhighlights, 1);
        CHECK_STR(e->positions[1].location.s, "Basel");
        CHECK_STR(e->positions[1].summary.s, "Metadata service.");
        CHECK_INT(e->positions[1].when.end.year, 2022);
        CHECK_INT(e->positions[1].nhighlights, 2); /* RenderCV's " - " rule */
        CHECK_INT(e->positions[1].highlights[1].level, 1);
    }
    /* the entry spans its positions: Mar 2019 - present */
    CHECK_INT(e->when.kind, RC_WHEN_RANGE);
    CHECK_INT(e->when.start.year, 2019);
    CHECK_INT(e->when.start.month, 3);
    CHECK_INT(e->when.end_is_present, 1);

    /* the entry's own dates win; closed ranges span first start to last end */
    CHECK_INT(load("cv:\n  sections:\n    x:\n      - company: A\n        date: 2010s\n"
                   "        positions:\n          - {position: P, start_date: 2011, end_date: 2012}\n"),
              0);
    CHECK_INT(cv.sections[0].entries[0].when.kind, RC_WHEN_TEXT);
    CHECK_INT(load("cv:\n  sections:\n    x:\n      - company: A\n        positions:\n"
                   "          - {position: P, start_date: 2013-05, end_date: 2014}\n"
                   "          - {position: Q, start_date: 2011, end_date: 2012-02}\n"),
              0);
    CHECK_INT(cv.sections[0].entries[0].when.start.year, 2011);
    CHECK_INT(cv.sections[0].entries[0].when.end.year, 2014);
    CHECK_INT(cv.sections[0].entries[0].when.end_is_present, 0);

    /* errors: a position needs its title; keys are checked; dates too */
    CHECK_INT(load("cv:\n  sections:\n    x:\n      - company: A\n        positions:\n"
                   "          - start_date: 2011\n"
                   "          - positon: Q\n"
                   "          - position: R\n            end_date: 2011-13\n"
                   "          - just text\n"),
              -1);
    CHECK_DIAG_AT(RC_ERROR, "missing 'position' in cv.sections.x[0].positions[0]", 6, 13);
    CHECK_DIAG_AT(RC_ERROR, "unknown key 'positon' in cv.sections.x[0].positions[1] (did you "
                  "mean 'position'?)", 7, 13);
    CHECK_DIAG_AT(RC_ERROR, "positions[2].end_date '2011-13' is not a real date", 9, 23);
    CHECK_DIAG_AT(RC_ERROR, "positions[3] must be a mapping", 10, 13);
    /* without positions, position is required as before */
    CHECK_INT(load("cv:\n  sections:\n    x:\n      - company: A\n"), -1);
    CHECK(find_diag(RC_ERROR, "missing 'position'") != NULL);
}

/* ---- BibTeX ----------------------------------------------------------------------- */

static void test_tex(void)
{
    static const struct {
        const char *tex, *markup;
    } cases[] = {
        {"Caf{\\'e} na\\\"ive \\c{c}a \\v{S}koda", "Café naïve ça Škoda"},
        {"Stra\\ss e {\\O}stergaard Garc{\\'\\i}a \\L{}\\'od\\'z {\\aa}",
         "Straße Østergaard García Łódź å"},
        {"{DNA} repair in \\emph{E.~coli} --- $\\beta$-lactamase",
         "DNA repair in *E.~coli* --- β-lactamase"},
        {"{\\bf Bold} \\textbf{b} \\texttt{c} ``q'' 50\\% \\& x", "**Bold** **b** `c` “q” 50% & x"},
        {"a * b [c] \\textasciitilde", "a \\* b \\[c\\] \\~"},
        {"\\href{https://x.org/a_b}{link} \\url{https://y.org}", "[link](https://x.org/a_b) https://y.org"},
        {"\\H{o} \\k{a} \\r{u} \\u{g} \\={o} \\.{z} \\^{e} \\`{a} \\~{n}", "ő ą ů ğ ō ż ê à ñ"},
        {"\\unknown{kept} {\\em x }y", "kept *x* y"},
    };
    for (size_t i = 0; i < RC_ARRAY_LEN(cases); i++) {
        rc_buf b = RC_BUF_INIT;
        rc_bib_tex_to_markup(&b, cases[i].tex);
        CHECK_STR(rc_buf_str(&b), cases[i].markup);
        rc_buf_release(&b);
    }
    rc_buf b = RC_BUF_INIT;
    rc_bib_tex_to_text(&b, "E.~coli -- x --- y \\emph{z}");
    CHECK_STR(rc_buf_str(&b), "E. coli \xE2\x80\x93 x \xE2\x80\x94 y z");
    rc_buf_release(&b);

    static const struct {
        const char *name, *full, *initials;
    } names[] = {
        {"M{\\\"u}ller*, J{\\\"o}rg", "Jörg Müller*", "J. Müller*"},
        {"Jos{\\'e} Garc{\\'\\i}a", "José García", "J. García"},
        {"Ada Lovelace $^*$", "Ada Lovelace*", "A. Lovelace*"},
        {"Ada Lovelace\\textsuperscript{*}\\dag", "Ada Lovelace*\xE2\x80\xA0",
         "A. Lovelace*\xE2\x80\xA0"},
        {"Jean-Pierre de la Fontaine", "Jean-Pierre de la Fontaine", "J.-P. de la Fontaine"},
        {"Smith, Jr., John", "John Smith, Jr.", "J. Smith, Jr."},
        {"{Barnes and Noble, Inc.}", "Barnes and Noble, Inc.", "Barnes and Noble, Inc."},
        {"van Beethoven, Ludwig", "Ludwig van Beethoven", "L. van Beethoven"},
        {"others", "et al.", "et al."},
    };
    reset();
    for (size_t i = 0; i < RC_ARRAY_LEN(names); i++) {
        CHECK_STR(rc_bib_format_name(&arena, names[i].name, 0), names[i].full);
        CHECK_STR(rc_bib_format_name(&arena, names[i].name, 1), names[i].initials);
    }
}

static void test_bibtex(void)
{
    CHECK_INT(load_file("bibtex.yaml"), 0);
    CHECK_INT(diags.n, 0);
    if (diags.n)
        rc_diags_print(&diags, stderr);
    CHECK_INT(cv.nsections, 3);
    if (cv.nsections != 3)
        return;
    /* all five, newest first ("in press" is the newest) */
    const rc_section *all = &cv.sections[0];
    CHECK_INT(all->type, RC_ENTRY_PUBLICATION);
    CHECK_INT(all->nentries, 5);
    if (all->nentries == 5) {
        CHECK_STR(all->entries[0].title.s, "Engines that weave “algebraic patterns”");
        CHECK_INT(all->entries[0].when.kind, RC_WHEN_TEXT);
        CHECK_STR(all->entries[0].journal.s, "arXiv:2401.00001");
        CHECK_STR(all->entries[0].authors.v[0].s, "**Ada Lovelace**\\*");
        const rc_entry *m = &all->entries[1];
        CHECK_STR(m->title.s, "DNA repair in *E.~coli* --- a study of β-lactamase");
        CHECK_STR(m->journal.s, "Proceedings of the ACM Conference on BioInformatics"); /* macros */
        CHECK_STR(m->doi.s, "10.1145/1234567.8901234");
        CHECK_INT(m->when.start.year, 2021);
        CHECK_INT(m->when.start.month, 6); /* jun */
        CHECK_INT(m->authors.n, 4);
        if (m->authors.n == 4) {
            CHECK_STR(m->authors.v[0].s, "Jörg Müller\\*");
            CHECK_STR(m->authors.v[1].s, "**Ada Lovelace**\\*");
            CHECK_STR(m->authors.v[3].s, "Bjørn Østergaard");
            CHECK_INT(m->authors.v[0].pos.line, 17);
        }
        const rc_entry *d = &all->entries[2];
        CHECK_STR(d->title.s, "On the Navier--Stokes equations in École Çañada");
        CHECK_STR(d->journal.s, "Journal of Fluid Mechanics, 870(4), 1--25");
        CHECK_STR(d->url.s, "https://example.org/jfm_2019");
        CHECK_STR(d->authors.v[1].s, "**A. Lovelace**"); /* written with an initial */
        CHECK_STR(d->authors.v[3].s, "et al.");
        CHECK_STR(all->entries[3].journal.s, "Université de Genève"); /* school */
        const rc_entry *l = &all->entries[4];
        CHECK_STR(l->journal.s, "Scientific Memoirs, 3, 666--731");
        CHECK_INT(l->when.start.month, 10);
        /* positions point into the .bib file */
        CHECK(strstr(l->pos.file, "publications.bib") != NULL);
        CHECK_INT(l->pos.line, 6);
        CHECK_INT(l->pos.col, 1);
        CHECK_INT(l->title.pos.line, 8);
        CHECK_INT(l->title.pos.col, 3);
    }
    /* keys, in the order given, with initials */
    const rc_section *sel = &cv.sections[1];
    CHECK_INT(sel->nentries, 2);
    if (sel->nentries == 2) {
        CHECK_STR(sel->entries[0].authors.v[0].s, "A. Dvořák");
        CHECK_STR(sel->entries[1].authors.v[1].s, "**A. Lovelace**\\*");
    }
    /* types, oldest first, no highlight */
    const rc_section *art = &cv.sections[2];
    CHECK_INT(art->nentries, 2);
    if (art->nentries == 2) {
        CHECK_INT(art->entries[0].when.start.year, 1843);
        CHECK_STR(art->entries[0].authors.v[0].s, "Ada Lovelace");
    }

    /* a syntax error: file.bib:LINE:COL */
    CHECK_INT(load_file("bib_syntax.yaml"), -1);
    const rc_diag *g = find_diag(RC_ERROR, "BibTeX syntax error: found \"title\"");
    CHECK(g != NULL);
    if (g) {
        CHECK(strstr(g->pos.file, "bib_syntax.bib") != NULL);
        CHECK_INT(g->pos.line, 9);
        CHECK_INT(g->pos.col, 3);
    }

    /* request errors point into the YAML */
    char *bib = rc_xstrdup(data_path("publications.bib")); /* load() resets the arena */
    const char *yaml = rc_arena_printf(&arena,
                                       "cv:\n  name: A\n  sections:\n    p:\n"
                                       "      - bibtex: %s\n        keys: [lovelace1834, nope]\n"
                                       "        sort: newest\n        colour: red\n", bib);
    char *copy = rc_xstrdup(yaml);
    CHECK_INT(load(copy), -1);
    CHECK_DIAG_AT(RC_ERROR, "unknown cv.sections.p[0].sort 'newest'", 7, 15);
    CHECK_DIAG_AT(RC_ERROR, "unknown key 'colour' in cv.sections.p[0]", 8, 9);
    free(copy);
    yaml = rc_arena_printf(&arena, "cv:\n  sections:\n    p:\n      - bibtex: %s\n"
                           "        keys: [lovelace1834, nope]\n", bib);
    copy = rc_xstrdup(yaml);
    CHECK_INT(load(copy), -1);
    CHECK_DIAG_AT(RC_ERROR, "no entry 'lovelace1834'", 5, 16);
    CHECK(find_diag(RC_ERROR, "did you mean 'lovelace1843'?") != NULL);
    CHECK_DIAG_AT(RC_ERROR, "no entry 'nope'", 5, 30);
    free(copy);
    free(bib);
    CHECK_INT(load("cv:\n  sections:\n    p:\n      - bibtex: no/such.bib\n"), -1);
    CHECK_DIAG_AT(RC_ERROR, "cannot read 'no/such.bib'", 4, 17);
    if (diags.n)
        CHECK_INT(diags.v[0].failure, RC_FAIL_IO);
    /* a bibtex item in a section of another kind */
    CHECK_INT(load("cv:\n  sections:\n    p:\n      - name: X\n      - bibtex: a.bib\n"), -1);
    CHECK(find_diag(RC_ERROR, "is a publication entry, but section 'p' holds normal") != NULL);
}

/* ---- text and Markdown ------------------------------------------------------------ */

static rc_fonts fonts;

/* The loaded CV laid out as the PDF is, then written as text or Markdown into b. */
static void render(rc_format f, rc_buf *b)
{
    rc_style st;
    rc_doc doc;
    rc_doc_init(&doc);
    rc_buf_reset(b);
    CHECK_INT(rc_style_load(&st, &cv, &arena, &diags), 0);
    CHECK_INT(rc_layout_cv(&cv, &st, &fonts, &arena, &doc, &diags), 0);
    rc_text_render(&doc, f, b);
    rc_doc_release(&doc);
}

static void test_text(void)
{
    static const char *const files[] = {"jsonresume.json", "bibtex.yaml", "rendercv_v2.yaml"};
    for (size_t f = 0; f < RC_ARRAY_LEN(files); f++) {
        CHECK_INT(load_file(files[f]), 0);
        rc_buf b = RC_BUF_INIT;
        render(RC_FORMAT_TXT, &b);
        /* no line is wider than 80 columns (the longest unbreakable word aside) */
        const char *s = rc_buf_str(&b);
        int lines = 0, right_aligned = 0;
        while (*s) {
            const char *nl = strchr(s, '\n');
            size_t n = nl ? (size_t)(nl - s) : strlen(s);
            int cols = (int)rc_utf8_length(s, n);
            CHECK(cols <= 80);
            if (cols > 80)
                fprintf(stderr, "  too wide: %.*s\n", (int)n, s);
            for (size_t k = 0; cols == 80 && k + 3 <= n; k++)
                if (!memcmp(s + k, "   ", 3)) {
                    right_aligned++;
                    break;
                }
            lines++;
            s += n + (nl != NULL);
        }
        CHECK(lines > 5);
        CHECK(right_aligned > 0); /* dates flush right at column 80 */
        rc_buf_release(&b);
    }
    CHECK_INT(load("cv:\n  name: A *B*\n  sections:\n    x:\n      - '**bold** [link](https://a.org) "
                   "`code` 50% a_b'\n"),
              0);
    rc_buf b = RC_BUF_INIT;
    render(RC_FORMAT_MD, &b);
    CHECK(strstr(rc_buf_str(&b), "# A *B*\n") != NULL);
    CHECK(strstr(rc_buf_str(&b), "**bold** [link](https://a.org) `code` 50% a\\_b\n") != NULL);
    render(RC_FORMAT_TXT, &b);
    CHECK(strstr(rc_buf_str(&b), "A B\n===\n") != NULL);
    /* text that would start a Markdown block is escaped; a date is not a list */
    CHECK_INT(load("cv:\n  sections:\n    x:\n      - '- a'\n      - '1. b'\n      - '# c'\n"
                   "      - '2023.8 d'\n      - '==='\n"),
              0);
    render(RC_FORMAT_MD, &b);
    CHECK(strstr(rc_buf_str(&b), "\n\\- a\n\n1\\. b\n\n\\# c\n\n2023.8 d\n\n\\===\n") != NULL);
    load("cv:\n  name: A *B*\n  sections:\n    x:\n      - '**bold** [link](https://a.org) "
         "`code` 50% a_b'\n");
    render(RC_FORMAT_TXT, &b);
    CHECK(strstr(rc_buf_str(&b), "bold link (https://a.org) code 50% a_b\n") != NULL);
    rc_buf_release(&b);
    CHECK_INT(rc_format_of(NULL, "cv.txt"), RC_FORMAT_TXT);
    CHECK_INT(rc_format_of(NULL, "out/cv.MD"), RC_FORMAT_MD);
    CHECK_INT(rc_format_of(NULL, "cv.pdf"), RC_FORMAT_PDF);
    CHECK_INT(rc_format_of(NULL, "a.md/cv"), RC_FORMAT_PDF);
    CHECK_INT(rc_format_of("md", "cv.pdf"), RC_FORMAT_MD);
    CHECK_INT(rc_format_of("doc", NULL), -1);
}

int main(void)
{
    rc_arena_init(&arena);
    rc_diags_init(&diags);
    test_jsonresume();
    test_legacy_v2();
    test_legacy_v1();
    test_positions();
    test_tex();
    test_bibtex();
    if (rc_test_shipped_fonts(&fonts, &diags) == 0) {
        test_text();
        rc_fonts_release(&fonts);
    }
    rc_diags_release(&diags);
    rc_arena_release(&arena);
    return rc_test_report("test_inputs");
}
