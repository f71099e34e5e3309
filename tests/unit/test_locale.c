/*
 * Tests for locale.c: every language's words, RenderCV's date rules and
 * templates, locale overrides from YAML with their errors and positions,
 * and the language names hyph.c knows.
 */
#include "harness.h"
#include "hyph.h"
#include "layout.h"
#include "load.h"
#include "rc_locale.h"

#include <stdlib.h>
#include <string.h>

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
    memset(&cv, 0, sizeof(cv));
    return rc_load_cv_memory(&cv, "t.yaml", yaml, strlen(yaml), &arena, &diags);
}

static rc_when range(int y1, int m1, int y2, int m2)
{
    rc_when w = {0};
    w.kind = RC_WHEN_RANGE;
    w.start = (rc_date){y1, m1, 0};
    w.end = (rc_date){y2, m2, 0};
    w.end_is_present = y2 == 0;
    return w;
}

static rc_when single(int y, int m)
{
    rc_when w = {0};
    w.kind = RC_WHEN_SINGLE;
    w.start = (rc_date){y, m, 0};
    return w;
}

static rc_when text(const char *s)
{
    rc_when w = {0};
    w.kind = RC_WHEN_TEXT;
    w.text.s = s;
    return w;
}

static const char *when_in(const char *language, rc_when w)
{
    const rc_locale *l = rc_locale_builtin(language);
    CHECK(l != NULL);
    if (!l)
        return "";
    return rc_locale_format_when(&arena, l, NULL, &w);
}

/* English must stay what rescomp printed before locales: the goldens rely on it. */
static void test_english_default(void)
{
    rc_when w = range(2023, 9, 0, 0);
    CHECK_STR(rc_format_when(&arena, NULL, NULL, &w), "Sept 2023 \xE2\x80\x93 present");
    CHECK_STR(when_in("english", range(2023, 9, 0, 0)), "Sept 2023 \xE2\x80\x93 present");
    CHECK_STR(when_in("english", range(2019, 6, 2021, 7)), "June 2019 \xE2\x80\x93 July 2021");
    CHECK_STR(when_in("english", range(2015, 0, 2019, 0)), "2015 \xE2\x80\x93 2019");
    CHECK_STR(when_in("english", range(2015, 0, 2019, 5)), "2015 \xE2\x80\x93 May 2019");
    CHECK_STR(when_in("english", single(2021, 0)), "2021");
    CHECK_STR(when_in("english", single(2021, 3)), "Mar 2021");
    CHECK_STR(when_in("english", text("Fall 2023")), "Fall 2023");
    CHECK_STR(when_in("english", text("present")), "present");
    CHECK_STR(when_in("english", text("Present")), "Present"); /* RenderCV: only "present" */
    rc_when none = {0};
    CHECK(rc_locale_format_when(&arena, rc_locale_english(), NULL, &none) == NULL);
    CHECK(rc_format_when(&arena, NULL, NULL, &none) == NULL);
    rc_when empty = text("");
    CHECK(rc_format_when(&arena, NULL, NULL, &empty) == NULL);
    CHECK(rc_locale_english() == rc_locale_builtin("english"));
    CHECK_STR(rc_locale_english()->iso639, "en");
}

static void test_languages(void)
{
    static const struct {
        const char *language, *ongoing, *closed;
    } cases[] = {
        {"german", "Sept. 2023 \xE2\x80\x93 heute", "Jan. 2020 \xE2\x80\x93 Aug. 2021"},
        {"french", "sept. 2023 \xE2\x80\x93 aujourd’hui", "févr. 2020 \xE2\x80\x93 août 2021"},
        {"turkish", "Eyl 2023 \xE2\x80\x93 günümüz", "Şub 2020 \xE2\x80\x93 Ağu 2021"},
        {"spanish", "sept 2023 \xE2\x80\x93 actualidad", "ene 2020 \xE2\x80\x93 ago 2021"},
        {"italian", "set 2023 \xE2\x80\x93 oggi", "gen 2020 \xE2\x80\x93 ago 2021"},
        {"portuguese", "set. 2023 \xE2\x80\x93 atual", "fev. 2020 \xE2\x80\x93 ago. 2021"},
        {"dutch", "sep 2023 \xE2\x80\x93 heden", "mrt 2020 \xE2\x80\x93 aug 2021"},
        {"danish", "sep. 2023 \xE2\x80\x93 nu", "maj 2020 \xE2\x80\x93 aug. 2021"},
        {"norwegian_bokmål", "sep. 2023 \xE2\x80\x93 i dag", "des. 2020 \xE2\x80\x93 aug. 2021"},
        {"swedish", "sep. 2023 \xE2\x80\x93 nu", "mars 2020 \xE2\x80\x93 aug. 2021"},
        {"polish", "wrz 2023 \xE2\x80\x93 obecnie", "paź 2020 \xE2\x80\x93 sie 2021"},
        {"czech", "zář 2023 \xE2\x80\x93 současnost", "říj 2020 \xE2\x80\x93 srp 2021"},
        {"hungarian", "szept. 2023 \xE2\x80\x93 jelenleg", "márc. 2020 \xE2\x80\x93 aug. 2021"},
        {"greek", "Σεπ 2023 \xE2\x80\x93 σήμερα", "Μάρ 2020 \xE2\x80\x93 Αύγ 2021"},
        {"russian", "сент. 2023 \xE2\x80\x93 настоящее время", "март 2020 \xE2\x80\x93 авг. 2021"},
        {"ukrainian", "вер. 2023 \xE2\x80\x93 дотепер", "бер. 2020 \xE2\x80\x93 серп. 2021"},
        {"japanese", "9月 2023 \xE2\x80\x93 現在", "3月 2020 \xE2\x80\x93 8月 2021"},
        {"mandarin_chinese", "9月 2023 \xE2\x80\x93 至今", "3月 2020 \xE2\x80\x93 8月 2021"},
        {"korean", "9월 2023 \xE2\x80\x93 현재", "3월 2020 \xE2\x80\x93 8월 2021"},
        {"vietnamese", "thg 9 2023 \xE2\x80\x93 nay", "thg 3 2020 \xE2\x80\x93 thg 8 2021"},
        {"indonesian", "Sep 2023 \xE2\x80\x93 sekarang", "Mar 2020 \xE2\x80\x93 Agu 2021"},
    };
    for (size_t i = 0; i < RC_ARRAY_LEN(cases); i++) {
        /* the closed range starts in the month its expected text names */
        const rc_locale *l = rc_locale_builtin(cases[i].language);
        int m1 = 0;
        for (int m = 0; l && m < 12; m++) {
            size_t len = strlen(l->month_abbreviations[m]);
            if (!strncmp(l->month_abbreviations[m], cases[i].closed, len) &&
                cases[i].closed[len] == ' ' && cases[i].closed[len + 1] == '2')
                m1 = m + 1;
        }
        CHECK(m1 != 0);
        CHECK_STR(when_in(cases[i].language, range(2023, 9, 0, 0)), cases[i].ongoing);
        CHECK_STR(when_in(cases[i].language, range(2020, m1, 2021, 8)), cases[i].closed);
        /* a year alone is the year in every language, free text is as written */
        CHECK_STR(when_in(cases[i].language, single(2021, 0)), "2021");
        CHECK_STR(when_in(cases[i].language, text("Fall 2023")), "Fall 2023");
        /* a lone "present" is the language's word */
        CHECK_STR(when_in(cases[i].language, text("present")), l ? l->present : "");
    }
    /* the language also names dates in full through the template */
    rc_date_templates t = {"MONTH_NAME YEAR", NULL, NULL};
    rc_when w = range(2022, 3, 0, 0);
    CHECK_STR(rc_locale_format_when(&arena, rc_locale_builtin("german"), &t, &w),
              "März 2022 \xE2\x80\x93 heute");
    CHECK_STR(rc_locale_format_when(&arena, rc_locale_builtin("turkish"), &t, &w),
              "Mart 2022 \xE2\x80\x93 günümüz");
    CHECK_STR(rc_locale_format_when(&arena, rc_locale_builtin("mandarin_chinese"), &t, &w),
              "三月 2022 \xE2\x80\x93 至今");
}

/* Each language has every key, twelve months of each kind, and valid UTF-8. */
static void test_catalog(void)
{
    const char *const *names = rc_locale_names();
    size_t n = 0;
    for (; names[n]; n++) {
        const rc_locale *l = rc_locale_builtin(names[n]);
        CHECK(l != NULL);
        if (!l)
            continue;
        CHECK_STR(l->language, names[n]);
        CHECK(l->iso639 && strlen(l->iso639) == 2);
        const char *words[] = {l->last_updated, l->month, l->months, l->year, l->years,
                               l->present, l->degree_with_area};
        for (size_t k = 0; k < RC_ARRAY_LEN(words); k++) {
            CHECK(words[k] && *words[k]);
            if (words[k])
                CHECK(rc_utf8_find_invalid(words[k], strlen(words[k])) == (size_t)-1);
        }
        CHECK(strstr(l->degree_with_area, "DEGREE") && strstr(l->degree_with_area, "AREA"));
        for (int m = 0; m < 12; m++) {
            CHECK(l->month_abbreviations[m] && *l->month_abbreviations[m]);
            CHECK(l->month_names[m] && *l->month_names[m]);
            if (l->month_names[m])
                CHECK(rc_utf8_find_invalid(l->month_names[m], strlen(l->month_names[m])) ==
                      (size_t)-1);
            if (l->month_abbreviations[m])
                CHECK(rc_utf8_find_invalid(l->month_abbreviations[m],
                                           strlen(l->month_abbreviations[m])) == (size_t)-1);
        }
        /* the ISO code finds the same language */
        CHECK(rc_locale_builtin(l->iso639) == l);
        for (size_t k = 0; k < n; k++)
            CHECK(strcmp(names[k], names[n]) != 0);
    }
    /* RenderCV 2.8's 22 languages, and rescomp's 9 */
    CHECK_INT(n, 31);
    static const char *const rendercv[] = {
        "english", "arabic", "danish", "dutch", "french", "german", "hebrew", "hindi",
        "hungarian", "indonesian", "italian", "japanese", "korean", "mandarin_chinese",
        "norwegian_bokmål", "norwegian_nynorsk", "persian", "portuguese", "russian", "spanish",
        "turkish", "vietnamese"};
    for (size_t k = 0; k < RC_ARRAY_LEN(rendercv); k++)
        CHECK(rc_locale_builtin(rendercv[k]) != NULL);
    /* RenderCV's is_rtl: its three right-to-left languages, and no other */
    for (size_t k = 0; k < RC_ARRAY_LEN(rendercv); k++)
        CHECK_INT(rc_locale_rtl(rc_locale_builtin(rendercv[k])),
                  !strcmp(rendercv[k], "arabic") || !strcmp(rendercv[k], "hebrew") ||
                      !strcmp(rendercv[k], "persian"));
    CHECK_STR(rc_locale_builtin("arabic")->present, "الحاضر");
    CHECK_STR(rc_locale_builtin("he")->language, "hebrew");
    CHECK_STR(rc_locale_builtin("persian")->month_names[0], "ژانویه");
    CHECK(rc_locale_builtin("klingon") == NULL);
    CHECK(rc_locale_builtin(NULL) == NULL);
    CHECK_STR(rc_locale_builtin("norwegian")->language, "norwegian_bokmål");
    CHECK_STR(rc_locale_builtin("indonesia")->language, "indonesian");
}

static void test_templates(void)
{
    const rc_locale *de = rc_locale_builtin("german"), *en = rc_locale_english();
    rc_date d = {2024, 3, 5}, m = {2024, 11, 0};
    rc_date_templates t = {0};
    t.single_date = "DAY_IN_TWO_DIGITS.MONTH_IN_TWO_DIGITS.YEAR";
    CHECK_STR(rc_locale_format_date(&arena, de, &t, &d), "05.03.2024");
    /* longest first: YEAR_IN_TWO_DIGITS is not YEAR followed by text */
    t.single_date = "MONTH/YEAR_IN_TWO_DIGITS (DAY)";
    CHECK_STR(rc_locale_format_date(&arena, de, &t, &d), "3/24 (5)");
    /* YYYY-MM is the first of the month, as in RenderCV */
    t.single_date = "  MONTH_NAME DAY, YEAR ";
    CHECK_STR(rc_locale_format_date(&arena, en, &t, &m), "November 1, 2024");
    t.single_date = NULL;
    CHECK_STR(rc_locale_format_date(&arena, de, &t, &m), "Nov. 2024");
    CHECK_STR(rc_locale_format_date(&arena, de, NULL, &(rc_date){2024, 0, 0}), "2024");
    t.date_range = "START_DATE to END_DATE";
    rc_when w = range(2020, 6, 0, 0);
    CHECK_STR(rc_locale_format_when(&arena, en, &t, &w), "June 2020 to present");
    t.date_range = "seit START_DATE";
    CHECK_STR(rc_locale_format_when(&arena, de, &t, &w), "seit Juni 2020");
    /* substitution itself */
    const char *keys[] = {"A", "AB"}, *values[] = {"x", "y"};
    CHECK_STR(rc_locale_substitute(&arena, " ABA A_B ", keys, values, 2), "yx x_B");
    CHECK_STR(rc_locale_substitute(&arena, "", keys, values, 2), "");
}

static void test_time_span(void)
{
    const rc_locale *en = rc_locale_english(), *de = rc_locale_builtin("german");
    rc_date today = {2025, 1, 1};
    rc_when w = range(2020, 6, 2023, 9);
    CHECK_STR(rc_locale_time_span(&arena, en, NULL, &w, today), "3 years 4 months");
    CHECK_STR(rc_locale_time_span(&arena, de, NULL, &w, today), "3 Jahre 4 Monate");
    w = range(2024, 6, 0, 0); /* to present: 2024-06-01 .. 2025-01-01 is 214 days */
    CHECK_STR(rc_locale_time_span(&arena, en, NULL, &w, today), "8 months");
    w = range(2024, 12, 2024, 12);
    CHECK_STR(rc_locale_time_span(&arena, en, NULL, &w, today), "1 month");
    w = range(2022, 1, 2023, 1); /* 365 days: a year and a begun month */
    CHECK_STR(rc_locale_time_span(&arena, en, NULL, &w, today), "1 year 1 month");
    w = range(2020, 0, 2021, 0);
    CHECK_STR(rc_locale_time_span(&arena, en, NULL, &w, today), "1 year");
    w = range(2018, 0, 2023, 5);
    CHECK_STR(rc_locale_time_span(&arena, de, NULL, &w, today), "5 Jahre");
    w = range(2021, 0, 0, 0);
    CHECK_STR(rc_locale_time_span(&arena, en, NULL, &w, today), "4 years");
    rc_date_templates t = {NULL, NULL, "(HOW_MANY_YEARS YEARS)"};
    CHECK_STR(rc_locale_time_span(&arena, en, &t, &w, today), "(4 years)");
    rc_when s = single(2021, 0);
    CHECK(rc_locale_time_span(&arena, en, NULL, &s, today) == NULL);
}

static void test_degree(void)
{
    CHECK_STR(rc_locale_degree_with_area(&arena, rc_locale_english(), "BS", "Physics"),
              "BS in Physics");
    CHECK_STR(rc_locale_degree_with_area(&arena, rc_locale_builtin("french"), "Master",
                                         "informatique"),
              "Master en informatique");
    CHECK_STR(rc_locale_degree_with_area(&arena, rc_locale_builtin("korean"), "학사",
                                         "컴퓨터공학"),
              "컴퓨터공학 학사");
    CHECK_STR(rc_locale_degree_with_area(&arena, rc_locale_english(), NULL, "Physics"),
              "Physics");
}

static void test_overrides(void)
{
    CHECK_INT(load("cv:\n  name: N\n"
                   "locale:\n"
                   "  present: jetzt\n" /* before the language: order does not matter */
                   "  language: german\n"
                   "  month_abbreviations: [Jan, Feb, Mrz, Apr, Mai, Jun, Jul, Aug, Sep, Okt,\n"
                   "                        Nov, Dez]\n"
                   "  last_updated: Stand\n"
                   "  years: Jahre\n"
                   "  phrases:\n"
                   "    degree_with_area: DEGREE im Fach AREA\n"),
              0);
    CHECK_INT(diags.n, 0);
    CHECK_STR(cv.language.s, "german");
    CHECK_INT(cv.language.pos.line, 5);
    CHECK_INT(cv.language.pos.col, 13);
    CHECK_STR(cv.locale.present.s, "jetzt");
    CHECK_INT(cv.locale.month_abbreviations[2].pos.line, 6);
    CHECK_INT(cv.locale.month_abbreviations[2].pos.col, 35);
    rc_locale l;
    rc_locale_of_cv(&l, &cv);
    rc_when w = range(2021, 3, 0, 0);
    CHECK_STR(rc_format_when(&arena, &l, NULL, &w), "Mrz 2021 \xE2\x80\x93 jetzt");
    w = range(2021, 3, 2022, 5);
    CHECK_STR(rc_format_when(&arena, &l, NULL, &w), "Mrz 2021 \xE2\x80\x93 Mai 2022");
    CHECK_STR(l.last_updated, "Stand");
    CHECK_STR(l.month_names[2], "März"); /* not overridden: the language's */
    CHECK_STR(l.months, "Monate");
    CHECK_STR(rc_locale_degree_with_area(&arena, &l, "M.Sc.", "Physik"), "M.Sc. im Fach Physik");

    /* an English CV may rename its words too */
    CHECK_INT(load("cv: {name: N}\nlocale:\n  present: now\n  month_names: [Ja, Fe, Ma, Ap, My, "
                   "Jn, Jl, Au, Se, Oc, No, De]\n"),
              0);
    rc_locale_of_cv(&l, &cv);
    CHECK_STR(l.language, "english");
    w = range(2021, 3, 0, 0);
    CHECK_STR(rc_format_when(&arena, &l, NULL, &w), "Mar 2021 \xE2\x80\x93 now");
    CHECK_STR(l.month_names[11], "De");

    /* no locale at all: English */
    CHECK_INT(load("cv: {name: N}\n"), 0);
    rc_locale_of_cv(&l, &cv);
    CHECK_STR(l.present, "present");
    CHECK_STR(l.month_abbreviations[8], "Sept");

    /* RenderCV 1.x's names of the month lists still load, with a warning */
    CHECK_INT(load("cv: {name: N}\nlocale_catalog:\n  abbreviations_for_months:\n"
                   "    [a, b, c, d, e, f, g, h, i, j, k, l]\n  full_names_of_months: [A, B, C, "
                   "D, E, F, G, H, I, J, K, L]\n  date_template: MONTH_ABBREVIATION YEAR\n"),
              0);
    CHECK_STR(cv.locale.month_abbreviations[11].s, "l");
    CHECK_STR(cv.locale.month_names[0].s, "A");
    /* one warning for the four old keys (load_legacy.c); the date template moves to
     * design.templates.single_date */
    CHECK_DIAG_AT(RC_WARNING, "this file is written for RenderCV 1.x: 4 of its keys are read "
                  "under their v2.8 names", 2, 1);
    CHECK_INT(diags.nwarnings, 1);
    CHECK_INT(diags.nerrors, 0);
}

static void test_language_names(void)
{
    CHECK_INT(load("cv: {name: N}\nlocale:\n  language: germna\n"), -1);
    CHECK_ERROR_AT("unknown language 'germna' (did you mean 'german'?)", 3, 13);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  language: German\n"), -1);
    CHECK_ERROR_AT("unknown language 'German' (did you mean 'german'?)", 3, 13);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  language: \"norwegian_bokmal\"\n"), -1);
    CHECK_ERROR_AT("unknown language 'norwegian_bokmal' (did you mean 'norwegian_bokmål'?)", 3,
                   14);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  language: klingon\n"), -1);
    CHECK_ERROR_AT("unknown language 'klingon'; use english, arabic, danish, dutch, french,", 3,
                   13);
    CHECK(find_diag(RC_ERROR, ", slovak, swedish or ukrainian") != NULL);
    /* right-to-left languages are languages like the others */
    CHECK_INT(load("cv: {name: N}\nlocale:\n  language: arabic\n"), 0);
    CHECK_INT(diags.n, 0);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  language: he\n"), 0); /* RenderCV 2.3's name */
    CHECK_INT(diags.nerrors, 0);
    CHECK_STR(cv.language.s, "hebrew");
    CHECK_INT(load("cv: {name: N}\nlocale:\n  language: [german]\n"), -1);
    CHECK_ERROR_AT("locale.language must be text, not a list", 3, 13);

    /* RenderCV 2.3's ISO codes and older names: a warning, and the language's name */
    CHECK_INT(load("cv: {name: N}\nlocale:\n  language: de\n"), 0);
    CHECK_STR(cv.language.s, "german");
    CHECK_DIAG_AT(RC_WARNING, "this file is written for RenderCV 2.0-2.3: 1 of its keys", 3, 3);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  language: norwegian\n"), 0);
    CHECK_STR(cv.language.s, "norwegian_bokmål");
    CHECK(find_diag(RC_WARNING, "'norwegian' is not a language name of RenderCV 2.8; write "
                                "'norwegian_bokmål'") != NULL);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  language: norwegian_nynorsk\n"), 0);
    CHECK_INT(diags.n, 0);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  language: ~\n"), 0);
    CHECK(cv.language.s == NULL);
}

static void test_override_errors(void)
{
    CHECK_INT(load("cv: {name: N}\nlocale:\n  month_abbreviations: [a, b, c]\n"), -1);
    CHECK_ERROR_AT("locale.month_abbreviations must list the 12 months, January first, not 3", 3,
                   24);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  month_names:\n    - a\n    - b\n"), -1);
    CHECK_ERROR_AT("locale.month_names must list the 12 months, January first, not 2", 4, 5);
    CHECK(cv.locale.month_names[0].s == NULL); /* nothing half-set */
    CHECK_INT(load("cv: {name: N}\nlocale:\n  month_names: January\n"), -1);
    CHECK_ERROR_AT("locale.month_names must be a list of the 12 months, January first, not text",
                   3, 16);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  month_names: [a, b, c, d, e, f, g, [h], i, j, k, "
                   "l]\n"),
              -1);
    CHECK_ERROR_AT("locale.month_names[7] must be text, not a list", 3, 38);
    CHECK(cv.locale.month_names[0].s == NULL);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  month_abbreviations: [a, b, c, d, e, f, g, h, i, "
                   "j, k, ~]\n"),
              -1);
    CHECK(find_diag(RC_ERROR, "locale.month_abbreviations[11] must be text, not empty") != NULL);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  present: [now]\n"), -1);
    CHECK_ERROR_AT("locale.present must be text, not a list", 3, 12);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  last_updated: {a: b}\n"), -1);
    CHECK_ERROR_AT("locale.last_updated must be text, not a mapping", 3, 17);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  presnt: now\n"), -1);
    CHECK_ERROR_AT("unknown key 'presnt' in locale (did you mean 'present'?)", 3, 3);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  phrases:\n    degree_with_aera: X\n"), -1);
    CHECK_ERROR_AT("unknown key 'degree_with_aera' in locale.phrases (did you mean "
                   "'degree_with_area'?)",
                   4, 5);
    CHECK_INT(load("cv: {name: N}\nlocale:\n  phrases: DEGREE in AREA\n"), -1);
    CHECK_ERROR_AT("locale.phrases must be a mapping of phrases (degree_with_area), not text", 3,
                   12);
    CHECK_INT(load("cv: {name: N}\nlocale: german\n"), -1);
    CHECK_ERROR_AT("locale must be a mapping of locale options, not text", 2, 9);
    /* several independent mistakes are all reported */
    CHECK_INT(load("cv: {name: N}\nlocale:\n  language: germna\n  month_names: [a]\n"), -1);
    CHECK_INT(diags.nerrors, 2);
}

/* The language picks the hyphenation patterns: hyph.c knows every name locale.c has. */
/* Each language's quotation marks: Typst's, which RenderCV's PDFs show. */
static void test_quotes(void)
{
    rc_quotes q = rc_locale_quotes(rc_locale_english());
    CHECK_STR(q.single_open, "\u2018");
    CHECK_STR(q.double_close, "\u201D");
    q = rc_locale_quotes(rc_locale_builtin("german"));
    CHECK_STR(q.double_open, "\u201E");
    CHECK_STR(q.double_close, "\u201C");
    q = rc_locale_quotes(rc_locale_builtin("french"));
    CHECK_STR(q.double_open, "\u00AB\u00A0"); /* with the no-break space French sets */
    q = rc_locale_quotes(rc_locale_builtin("ukrainian"));
    CHECK_STR(q.double_open, "\u00AB");
    q = rc_locale_quotes(rc_locale_builtin("hebrew"));
    CHECK_STR(q.double_open, "\u201D");
    q = rc_locale_quotes(rc_locale_builtin("arabic")); /* right to left, mirrored */
    CHECK_STR(q.double_open, "\u201D");
    CHECK_STR(q.double_close, "\u201C");
    q = rc_locale_quotes(NULL);
    CHECK_STR(q.single_close, "\u2019");
}

static void test_hyphenation_names(void)
{
    setenv("RESCOMP_HYPHEN_DIR", "/nonexistent", 1);
    const char *const *names = rc_locale_names();
    for (size_t i = 0; names[i]; i++) {
        rc_diags d;
        rc_diags_init(&d);
        rc_hyph *h = rc_hyph_open(names[i], (rc_pos){"t.yaml", 1, 1}, &d);
        CHECK(h == NULL);
        CHECK_INT(d.nerrors, 0);
        /* a missing dictionary, never an unknown language */
        for (size_t k = 0; k < d.n; k++) {
            CHECK(strstr(d.v[k].message, "no hyphenation patterns for language") == NULL);
            CHECK(strstr(d.v[k].message, names[i]) != NULL);
        }
        int unhyphenated = !strcmp(names[i], "japanese") || !strcmp(names[i], "korean") ||
                           !strcmp(names[i], "mandarin_chinese") ||
                           !strcmp(names[i], "vietnamese") ||
                           rc_locale_rtl(rc_locale_builtin(names[i]));
        CHECK_INT(d.nwarnings, unhyphenated ? 0 : 1);
        rc_hyph_close(h);
        rc_diags_release(&d);
    }
    /* Debian has no Turkish patterns: the warning does not name a package */
    rc_diags d;
    rc_diags_init(&d);
    CHECK(rc_hyph_open("turkish", (rc_pos){0}, &d) == NULL);
    CHECK(d.n == 1 && strstr(d.v[0].message, "Debian has none for turkish") != NULL);
    /* an ISO code or alias finds the language's dictionary */
    CHECK(rc_hyph_open("de", (rc_pos){0}, &d) == NULL);
    CHECK(d.n == 2 && strstr(d.v[1].message, "hyphen-de") != NULL);
    rc_diags_release(&d);
    unsetenv("RESCOMP_HYPHEN_DIR");
    /* with the patterns installed (CI installs German), a German CV is hyphenated in German */
    rc_diags_init(&d);
    rc_hyph *h = rc_hyph_open("german", (rc_pos){0}, &d);
    if (h) {
        uint32_t word[] = {'S', 'i', 'l', 'b', 'e', 'n', 't', 'r', 'e', 'n', 'n', 'u', 'n', 'g'};
        unsigned char pts[14];
        CHECK(rc_hyph_points(h, word, 14, pts) > 0);
        CHECK_INT(pts[2], 1); /* Sil-ben */
        rc_hyph_close(h);
    }
    rc_diags_release(&d);
}

int main(void)
{
    rc_arena_init(&arena);
    rc_diags_init(&diags);
    test_english_default();
    test_languages();
    test_catalog();
    test_templates();
    test_time_span();
    test_degree();
    test_overrides();
    test_language_names();
    test_override_errors();
    test_hyphenation_names();
    test_quotes();
    rc_diags_release(&diags);
    rc_arena_release(&arena);
    return rc_test_report("test_locale");
}
