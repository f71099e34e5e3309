/*
 * cv: the CV model, what every input format is loaded into.
 *
 * Strings are raw inline markup exactly as written (markup.c interprets
 * them later), each with the position of its YAML scalar so that a later
 * stage (a missing glyph, an overfull line) can still point at the source.
 * The whole model lives in one arena; no I/O here.
 */
#ifndef RC_CV_H
#define RC_CV_H

#include "base.h"
#include "diag.h"

/* A text field: s == NULL when the field is absent. */
typedef struct rc_text {
    const char *s;
    rc_pos pos;
} rc_text;

typedef struct rc_texts {
    rc_text *v;
    size_t n;
} rc_texts;

/*
 * The entry types of RenderCV, recognised by their characteristic field.
 * One type per section.
 */
typedef enum rc_entry_type {
    RC_ENTRY_EDUCATION,         /* institution, area (+ degree) */
    RC_ENTRY_EXPERIENCE,        /* company, position */
    RC_ENTRY_NORMAL,            /* name */
    RC_ENTRY_PUBLICATION,       /* title, authors (+ doi, url, journal) */
    RC_ENTRY_ONE_LINE,          /* label, details */
    RC_ENTRY_BULLET,            /* bullet */
    RC_ENTRY_NUMBERED,          /* number */
    RC_ENTRY_REVERSED_NUMBERED, /* reversed_number */
    RC_ENTRY_TEXT,              /* a bare string: a paragraph */
    RC_ENTRY_TYPE_COUNT
} rc_entry_type;

/* A calendar date as written: month and day are 0 when not given. */
typedef struct rc_date {
    int year, month, day;
} rc_date;

/*
 * When an entry happened, after RenderCV's rules: `date` wins over
 * start/end; a lone end_date acts as date; a lone start_date runs to
 * present. Free-text dates ("Fall 2023") are kept as text.
 */
typedef enum rc_when_kind {
    RC_WHEN_NONE,
    RC_WHEN_TEXT,   /* text: as written */
    RC_WHEN_SINGLE, /* start only: one date */
    RC_WHEN_RANGE   /* start .. end, or start .. present when end_is_present */
} rc_when_kind;

typedef struct rc_when {
    rc_when_kind kind;
    rc_text text;       /* RC_WHEN_TEXT */
    rc_date start, end; /* RC_WHEN_SINGLE uses start */
    int end_is_present;
    rc_pos pos;
} rc_when;

/* A highlight; level 1 is a nested bullet (RenderCV's " - " rule). */
typedef struct rc_highlight {
    rc_text text;
    int level;
    rc_texts tags; /* rescomp extension: {text: ..., tags: [..]}; none: always shown */
} rc_highlight;

/* A key the entry carries that is not one of its type's fields. */
typedef struct rc_extra_field {
    const char *key;
    rc_text value;
    int warned; /* the loader has warned about this key already (a near miss) */
} rc_extra_field;

/*
 * rescomp extension: one of several positions at one employer, an item of
 * an experience entry's `positions: [{position, start_date, end_date,
 * highlights}]` (also date, location, summary), newest first as written.
 */
typedef struct rc_position {
    rc_pos pos;
    rc_text position, location, summary;
    rc_when when;
    rc_highlight *highlights;
    size_t nhighlights;
} rc_position;

typedef struct rc_entry {
    rc_entry_type type;
    rc_pos pos;
    /* education */
    rc_text institution, area, degree;
    /* experience */
    rc_text company, position;
    /* normal */
    rc_text name;
    /* publication */
    rc_text title, doi, url, journal;
    rc_texts authors;
    /* one-line */
    rc_text label, details;
    /* bullet, numbered, reversed numbered, text */
    rc_text bullet, number, reversed_number, text;
    /* shared */
    rc_text location, summary;
    rc_when when;
    rc_highlight *highlights;
    size_t nhighlights;
    rc_extra_field *extra;
    size_t nextra;
    /* rescomp extension: start a new page before this entry (before its
     * section's title when it is the section's first entry) */
    int page_break_before;
    /* rescomp extension: `tags: [..]`, which variants keep it (none: all do) */
    rc_texts tags;
    /* rescomp extension, experience entries: the positions held at the
     * company (then `position` is optional, and without dates of its own
     * the entry's `when` spans its positions' dates) */
    rc_position *positions;
    size_t npositions;
} rc_entry;

typedef struct rc_section {
    rc_text key;       /* as written in YAML */
    const char *title; /* after the title rule: "work_experience" -> "Work Experience" */
    rc_entry_type type;
    rc_entry *entries;
    size_t nentries;
} rc_section;

typedef struct rc_social {
    rc_text network, username;
} rc_social;

typedef struct rc_custom_connection {
    rc_text placeholder, url, fontawesome_icon;
} rc_custom_connection;

/*
 * A design option as written: "colors.name" = "rgb(0, 79, 144)". The
 * style module interprets them (and warns about the ones it cannot
 * honour); a list is several values with the same path.
 */
typedef struct rc_design_value {
    const char *path;
    rc_text value;
} rc_design_value;

typedef struct rc_design_values {
    rc_design_value *v;
    size_t n, cap;   /* cap: grown in the arena by the loader */
} rc_design_values;

/*
 * The keys of RenderCV's `locale` as written; s == NULL where the CV leaves
 * them to its language (locale.c has every language's words).
 */
typedef struct rc_locale_fields {
    rc_text last_updated, month, months, year, years, present;
    rc_text degree_with_area; /* phrases.degree_with_area */
    rc_text month_abbreviations[12], month_names[12];
} rc_locale_fields;

/*
 * rescomp extension: a cover letter (`letter:` at the top level, and a
 * variant's own `letter:` merged over it; layout_letter.c sets it). Address
 * blocks are lines; the body is Markdown paragraphs split at blank lines.
 */
typedef struct rc_letter {
    rc_pos pos;      /* the letter's mapping (a variant's own, when it gives one) */
    int own;         /* a variant gave `letter:` of its own: it has a letter */
    rc_texts sender; /* address lines beyond the CV header's, or none */
    rc_texts recipient;
    rc_text date; /* YYYY-MM-DD or free text; absent: settings.current_date */
    rc_text subject, salutation, body, closing;
    rc_text signature; /* a PNG or JPEG file, relative to the CV's file, or absent */
    rc_texts enclosures;
} rc_letter;

typedef struct rc_cv {
    const char *file;
    /* where the files the CV names may lie (files.h); NULL: anywhere */
    const struct rc_root *root;
    /* pictures decoded before the jobs of a run (image.h); NULL: none */
    const struct rc_image_store *images;
    rc_text name, headline, location, photo;
    rc_texts emails, phones, websites;
    /* the tel: link of each phone, set with the shown form by rc_cv_format_phones (phone.h);
     * NULL before */
    const char **phone_urls;
    rc_social *socials;
    size_t nsocials;
    rc_custom_connection *custom_connections;
    size_t ncustom_connections;
    rc_section *sections;
    size_t nsections;

    /* design (the parts the core pipeline honours; the rest warns) */
    rc_text theme;
    rc_text page_size; /* "a4", "us-letter", ... ; NULL = theme default */
    rc_text margins[4]; /* page.top_margin, bottom, left, right: "2cm", "0.7in"; NULL = theme */
    int show_footer;    /* page.show_footer: 1 yes, 0 no, -1 as the theme has it */
    rc_design_values design; /* every other design option, for the style module */
    rc_text alignment; /* typography.alignment: "justified", "left",
                          "justified-with-no-hyphenation"; NULL = theme default */

    /* locale */
    rc_text language;        /* RenderCV's name ("german"); NULL = english */
    rc_locale_fields locale; /* the other keys, which override the language's */

    /* settings */
    rc_text pdf_title;
    rc_texts bold_keywords;
    rc_date current_date; /* year 0 when not given */

    rc_letter letter;
} rc_cv;

/*
 * Whether the CV has a letter to set: a variant that gives one, or a
 * `letter:` with a body (one without is the defaults of the variants').
 */
static inline int rc_cv_has_letter(const rc_cv *cv)
{
    return cv->letter.own || cv->letter.body.s != NULL;
}

/* English name of an entry type, for messages ("education entry"). */
const char *rc_entry_type_name(rc_entry_type t);

/*
 * RenderCV's section-title rule: a key with no space and no capital letter
 * is title-cased with '_' as space and small words (of, and, in, ...) kept
 * lower case except at the start; any other key is used as is.
 */
char *rc_section_title_from_key(rc_arena *a, const char *key);

/*
 * The profile URL of a social network account ("https://github.com/NAME";
 * Mastodon's @user@instance becomes https://instance/@user), or NULL for
 * a network without profile URLs.
 */
const char *rc_social_url(rc_arena *a, const rc_social *s);

/* Length of a leading "[12]" or "[A3]" bibliography label and its space, or 0. */
size_t rc_bracket_label_length(const char *s);

typedef enum rc_date_parse {
    RC_DATE_OK,
    RC_DATE_NOT_A_DATE,   /* not of the form YYYY, YYYY-MM or YYYY-MM-DD */
    RC_DATE_OUT_OF_RANGE, /* of that form, but no such month or day */
} rc_date_parse;

/*
 * An ISO 8601 calendar date as both input formats write it: YYYY, YYYY-MM
 * or YYYY-MM-DD, with real month lengths (leap years included). *out is
 * zeroed first and filled only on RC_DATE_OK.
 */
rc_date_parse rc_date_parse_iso(const char *s, rc_date *out);

#endif
