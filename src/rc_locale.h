/*
 * locale: RenderCV's `locale` (v2.8): the words of a CV's language and how
 * its dates are written.
 *
 * A language is one of RenderCV's names ("german", "norwegian_bokmål", ...)
 * plus a few of rescomp's own (polish, czech, ...); it supplies every locale
 * key, and each key the user writes in `locale:` replaces the language's.
 * RenderCV's arabic, hebrew and persian are written right to left
 * (rc_locale_rtl).
 *
 * Dates follow RenderCV's templater: a date with a month goes through the
 * single-date template ("MONTH_ABBREVIATION YEAR"), a year alone is the
 * year, a range goes through the range template ("START_DATE – END_DATE"),
 * "present" is the locale's word, and free text stays as written. The
 * templates are design options in RenderCV (design.templates.single_date,
 * date_range, time_span); NULL here means RenderCV's defaults.
 */
#ifndef RC_LOCALE_H
#define RC_LOCALE_H

#include "cv.h"
#include "markup.h"

/* Every key of a locale: RenderCV's EnglishLocale fields. */
typedef struct rc_locale {
    const char *language; /* RenderCV's name: "german" */
    const char *iso639;   /* ISO 639-1 code: "de" */
    const char *last_updated, *month, *months, *year, *years, *present;
    const char *degree_with_area; /* phrases.degree_with_area: "DEGREE in AREA" */
    const char *month_abbreviations[12], *month_names[12];
} rc_locale;

/* RenderCV's default templates (design.templates). */
#define RC_SINGLE_DATE_TEMPLATE "MONTH_ABBREVIATION YEAR"
#define RC_DATE_RANGE_TEMPLATE "START_DATE \xE2\x80\x93 END_DATE" /* en dash */
#define RC_TIME_SPAN_TEMPLATE "HOW_MANY_YEARS YEARS HOW_MANY_MONTHS MONTHS"

typedef struct rc_date_templates {
    const char *single_date, *date_range, *time_span; /* NULL: the default */
} rc_date_templates;

/* The built-in locale of a language name or alias, or NULL. */
const rc_locale *rc_locale_builtin(const char *language);
/* English, RenderCV's default. */
const rc_locale *rc_locale_english(void);

/*
 * The locale for the value of locale.language written at pos: NULL with an
 * error when it is unknown (with a did-you-mean); a
 * warning when it is an old name or an ISO code RenderCV 2.0-2.3 used
 * ("de"). The canonical name is the result's ->language.
 */
const rc_locale *rc_locale_lookup(const char *language, rc_pos pos, rc_diags *d);

/* Whether the locale's language is written right to left (Arabic, Hebrew, Persian). */
int rc_locale_rtl(const rc_locale *l);

/* The quotation marks of the locale's language (markup.h). */
rc_quotes rc_locale_quotes(const rc_locale *l);

/* The language names accepted, NULL-terminated (RenderCV's first). */
const char *const *rc_locale_names(void);

/* The CV's locale: its language's, with every key the CV sets in `locale:`. */
void rc_locale_of_cv(rc_locale *out, const rc_cv *cv);

/*
 * Substitute placeholders in a template, RenderCV's way: at each position
 * the longest name that matches is replaced (so YEAR_IN_TWO_DIGITS before
 * YEAR), and the result is trimmed of spaces at both ends. names and
 * values have n entries. Returns a string in the arena.
 */
char *rc_locale_substitute(rc_arena *a, const char *tmpl, const char *const *names,
                           const char *const *values, size_t n);

/* One date with a month, through the single-date template; a year alone is the year. */
char *rc_locale_format_date(rc_arena *a, const rc_locale *loc, const rc_date_templates *t,
                            const rc_date *date);

/*
 * A document template (the PDF title, the top note, the footer) filled
 * as RenderCV fills it: CURRENT_DATE (today through the single-date
 * template), today's MONTH_NAME, MONTH_ABBREVIATION, MONTH,
 * MONTH_IN_TWO_DIGITS, DAY, DAY_IN_TWO_DIGITS, YEAR, YEAR_IN_TWO_DIGITS,
 * and the template's own names and values (NAME, PAGE_NUMBER, ...; up to
 * 8), the longest name first as rc_locale_substitute does.
 */
char *rc_locale_fill(rc_arena *a, const rc_locale *loc, const rc_date_templates *t,
                     const rc_date *today, const char *tmpl, const char *const *names,
                     const char *const *values, size_t n);

/*
 * An entry's date as RenderCV prints it: "Sept 2023 – present", "2021",
 * or free text as written ("present" alone is the locale's word). NULL
 * when the entry has no date.
 */
char *rc_locale_format_when(rc_arena *a, const rc_locale *loc, const rc_date_templates *t,
                            const rc_when *w);

/*
 * How long a range lasted, after RenderCV's compute_time_span_string
 * ("2 years 3 months"); `today` stands for "present".
 */
char *rc_locale_time_span(rc_arena *a, const rc_locale *loc, const rc_date_templates *t,
                          const rc_when *w, rc_date today);

/* phrases.degree_with_area with DEGREE and AREA filled in ("BS in Physics"). */
char *rc_locale_degree_with_area(rc_arena *a, const rc_locale *loc, const char *degree,
                                 const char *area);

#endif
