/*
 * load_jsonresume: a JSON Resume document (jsonresume.org, schema 1.x)
 * into the CV model. libyaml reads JSON, so the document arrives parsed
 * and checked like any YAML file; this file maps it:
 *
 *   basics        name, label -> headline, email, phone, url (0.x: website),
 *                 image -> photo, location (text or {address, postalCode,
 *                 city, countryCode, region} -> "address, postalCode city,
 *                 region, countryCode", a part that repeats another left
 *                 out), profiles -> social networks RenderCV knows, other
 *                 profiles -> custom connections; summary -> a first
 *                 section "Summary"
 *   work          experience entries: name (0.x: company), position, location,
 *                 url (a link on the name), startDate/endDate, summary led
 *                 by the description in italics, highlights
 *   volunteer     experience entries: organization, position, ...
 *   education     education entries: institution, area, studyType -> degree,
 *                 score (0.x: gpa) and courses -> highlights
 *   awards        normal entries "title, awarder", date, summary
 *   certificates  normal entries "name, issuer", date
 *   publications  normal entries "name, publisher", releaseDate, summary
 *   skills        one-line entries: name: keywords (level)
 *   languages     one-line entries: language: fluency
 *   interests     one-line entries: name: keywords
 *   references    normal entries: name, reference -> summary
 *   projects      normal entries "name, entity", dates, description led by
 *                 the roles and type in italics, highlights, keywords ->
 *                 a last highlight
 *
 * The entries of the model have one paragraph of summary, so what the
 * schema adds to an entry beyond RenderCV's fields (a company's
 * description, a project's roles and type) leads that paragraph in
 * italics, and lists (courses, keywords) become a labelled last bullet,
 * as education's courses always were: each field is printed once, in the
 * entry it belongs to, by every theme.
 *
 * Sections keep the order of the document. No field is required; keys the
 * schema does not know are ignored (it allows them); a value of the wrong
 * kind (a list where text belongs) is an error at its position. Dates are
 * ISO 8601 (YYYY-MM-DD, YYYY-MM, YYYY); no endDate means "present", as
 * JSON Resume themes read it; a date in another form is shown as written,
 * with a warning. The schema's pattern accepts impossible dates
 * (2024-09-31, 2024-13): they are read to the part that is real, with a
 * warning, since a file the schema validates must compile.
 *
 * JSON Resume files are JSON, which libyaml reads as YAML's flow style;
 * the two differ in what rc_json_relax() (below) forgives.
 */
#include "load_ext.h"
#include "files.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

typedef struct jr {
    const rc_yaml *y;
    rc_cv *cv;
    int rc;
} jr;

int rc_jsonresume_detect(const rc_yaml *y, const yaml_node_t *root)
{
    if (!root || root->type != YAML_MAPPING_NODE)
        return 0;
    if (rc_yaml_get(y, root, "basics"))
        return 1;
    size_t n = strlen(y->file);
    return n >= 5 && !strcasecmp(y->file + n - 5, ".json") && !rc_yaml_get(y, root, "cv");
}

/* ---- values ------------------------------------------------------------- */

static const char *sub(const jr *j, const char *path, const char *key)
{
    return rc_arena_printf(j->y->a, "%s.%s", path, key);
}

/* Fields set as paragraphs, of any length; the others are one-line fields (load_ext.h). */
static int is_paragraph(const char *key)
{
    return !strcmp(key, "summary") || !strcmp(key, "description") ||
           !strcmp(key, "reference") || !strcmp(key, "highlights");
}

/* An optional text field: absent, null and "" leave it NULL; not text is an error. */
static rc_text text_of(jr *j, const yaml_node_t *map, const char *key, const char *path)
{
    rc_text t = {NULL, {NULL, 0, 0}};
    yaml_node_t *v = rc_yaml_get(j->y, map, key);
    if (rc_yaml_is_null(v))
        return t;
    if (v->type != YAML_SCALAR_NODE) {
        j->rc = rc_error(j->y->d, rc_yaml_pos(j->y, v), "%s must be text, not %s",
                         sub(j, path, key), rc_yaml_kind(v));
        return t;
    }
    if (!is_paragraph(key) && rc_yaml_check_length(j->y->d, rc_yaml_pos(j->y, v),
                                                   v->data.scalar.length, sub(j, path, key)) < 0) {
        j->rc = -1;
        return t;
    }
    return rc_yaml_text(j->y, v);
}

/* The first of two keys that is given (the schema's name, then JSON Resume 0.x's). */
static rc_text text_or(jr *j, const yaml_node_t *map, const char *key, const char *old,
                       const char *path)
{
    rc_text t = text_of(j, map, key, path);
    return t.s ? t : text_of(j, map, old, path);
}

/* A list of text; `node` gets the list's node (for positions). */
static rc_texts texts_of(jr *j, const yaml_node_t *map, const char *key, const char *path)
{
    rc_texts out = {NULL, 0};
    yaml_node_t *v = rc_yaml_get(j->y, map, key);
    if (rc_yaml_is_null(v))
        return out;
    if (v->type != YAML_SEQUENCE_NODE) {
        j->rc = rc_error(j->y->d, rc_yaml_pos(j->y, v), "%s must be a list of text, not %s",
                         sub(j, path, key), rc_yaml_kind(v));
        return out;
    }
    size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    out.v = n ? rc_arena_alloc(j->y->a, n * sizeof(rc_text)) : NULL;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *it = rc_yaml_node(j->y, v->data.sequence.items.start[i]);
        if (rc_yaml_is_null(it))
            continue;
        if (it->type != YAML_SCALAR_NODE) {
            j->rc = rc_error(j->y->d, rc_yaml_pos(j->y, it), "%s[%zu] must be text, not %s",
                             sub(j, path, key), i, rc_yaml_kind(it));
            continue;
        }
        if (!is_paragraph(key) &&
            rc_yaml_check_length(j->y->d, rc_yaml_pos(j->y, it), it->data.scalar.length,
                                 rc_arena_printf(j->y->a, "%s[%zu]", sub(j, path, key), i)) < 0) {
            j->rc = -1;
            continue;
        }
        out.v[out.n++] = rc_yaml_text(j->y, it);
    }
    return out;
}

static const char *join(jr *j, const rc_texts *t, const char *sep)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < t->n; i++) {
        if (i)
            rc_buf_adds(&b, sep);
        rc_buf_adds(&b, t->v[i].s);
    }
    const char *s = rc_arena_strdup(j->y->a, rc_buf_str(&b));
    rc_buf_release(&b);
    return s;
}

/* "name" as a link to url when there is one: [name](url). */
static rc_text linked(jr *j, rc_text name, rc_text url)
{
    if (!name.s || !url.s || strchr(url.s, ' ') || strchr(name.s, '[') || strchr(name.s, ']'))
        return name;
    rc_buf b = RC_BUF_INIT;
    rc_buf_addf(&b, "[%s](", name.s);
    for (const char *p = url.s; *p; p++) {
        if (*p == '(' || *p == ')' || *p == '\\')
            rc_buf_addc(&b, '\\');
        rc_buf_addc(&b, *p);
    }
    rc_buf_addc(&b, ')');
    name.s = rc_arena_strdup(j->y->a, rc_buf_str(&b));
    rc_buf_release(&b);
    return name;
}

/* "what, who": an award and its awarder, a certificate and its issuer. */
static rc_text with_source(jr *j, rc_text what, rc_text who)
{
    if (!who.s)
        return what;
    if (!what.s)
        return who;
    what.s = rc_arena_printf(j->y->a, "%s, %s", what.s, who.s);
    return what;
}

/* ---- dates -------------------------------------------------------------- */

static int is_present(const char *s)
{
    return !strcasecmp(s, "present") || !strcasecmp(s, "current") || !strcasecmp(s, "now");
}

/*
 * The schema's pattern for a date, ^[1-2]\d{3}(-[0-1]\d(-[0-3]\d)?)?$,
 * matched by a date that is not real (2024-09-31, 2024-13): *d gets its
 * real part (2024-09, 2024) and *kept its length (7, 4). 0: no match.
 */
static int schema_date(const char *s, rc_date *d, int *kept)
{
    size_t n = strlen(s);
    if (!(n == 4 || (n == 7 && s[4] == '-') || (n == 10 && s[4] == '-' && s[7] == '-')))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    if ((s[0] != '1' && s[0] != '2') || (n >= 7 && s[5] > '1') || (n == 10 && s[8] > '3'))
        return 0;
    char part[8];
    memcpy(part, s, 7);
    part[7] = '\0';
    *kept = 7;
    if (rc_date_parse_iso(part, d) != RC_DATE_OK) {
        part[4] = '\0';
        *kept = 4;
        if (rc_date_parse_iso(part, d) != RC_DATE_OK)
            return 0;
    }
    return 1;
}

/* One date field; RC_DATE_NOT_A_DATE keeps it as written (with a warning). */
static rc_date_parse date_of(jr *j, const rc_text *t, const char *path, const char *key, rc_date *d)
{
    rc_date_parse why = rc_date_parse_iso(t->s, d);
    int kept;
    if (why == RC_DATE_OUT_OF_RANGE && schema_date(t->s, d, &kept)) {
        rc_warning(j->y->d, t->pos, "%s '%s' is not a real date, though JSON Resume's schema "
                   "accepts it; it is read as %.*s, so check the %s", sub(j, path, key), t->s,
                   kept, t->s, kept == 7 ? "day" : "month");
        return RC_DATE_OK;
    }
    if (why == RC_DATE_OUT_OF_RANGE)
        j->rc = rc_error(j->y->d, t->pos, "%s '%s' is not a real date; check the month and day",
                         sub(j, path, key), t->s);
    else if (why == RC_DATE_NOT_A_DATE)
        rc_warning(j->y->d, t->pos, "%s '%s' is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or "
                   "YYYY); it is shown as written", sub(j, path, key), t->s);
    return why;
}

static long date_key(rc_date d)
{
    return (long)d.year * 10000 + (d.month ? d.month : 1) * 100 + (d.day ? d.day : 1);
}

/* startDate/endDate: a range, running to present without an end. */
static rc_when range_of(jr *j, const yaml_node_t *map, const char *path)
{
    rc_when w;
    memset(&w, 0, sizeof(w));
    rc_text start = text_of(j, map, "startDate", path), end = text_of(j, map, "endDate", path);
    rc_date sd, ed;
    int end_present = end.s && is_present(end.s);
    rc_date_parse sw = start.s ? date_of(j, &start, path, "startDate", &sd) : RC_DATE_OK;
    rc_date_parse ew = end.s && !end_present ? date_of(j, &end, path, "endDate", &ed) : RC_DATE_OK;
    if (sw == RC_DATE_OUT_OF_RANGE || ew == RC_DATE_OUT_OF_RANGE)
        return w;
    if (!start.s && !end.s)
        return w;
    if (sw == RC_DATE_NOT_A_DATE || ew == RC_DATE_NOT_A_DATE || !start.s) {
        /* as written: "Summer 2019 – 2020", or a lone end date */
        w.kind = RC_WHEN_TEXT;
        w.pos = start.s ? start.pos : end.pos;
        w.text.pos = w.pos;
        if (start.s && end.s)
            w.text.s = rc_arena_printf(j->y->a, "%s \xE2\x80\x93 %s", start.s, end.s);
        else if (start.s)
            w.text.s = rc_arena_printf(j->y->a, "%s \xE2\x80\x93 present", start.s);
        else
            w.text.s = end.s;
        if (!start.s && ew == RC_DATE_OK && !end_present) {
            w.kind = RC_WHEN_SINGLE;
            w.start = ed;
        }
        return w;
    }
    w.kind = RC_WHEN_RANGE;
    w.pos = start.pos;
    w.start = sd;
    w.end_is_present = !end.s || end_present;
    if (!w.end_is_present) {
        w.end = ed;
        if (date_key(sd) > date_key(ed)) {
            /*
             * resume-cli's themes print the dates as given, so the file
             * builds there: a warning, the dates as written.
             */
            rc_warning(j->y->d, start.pos, "%s %s is after its endDate %s, so both are shown as "
                       "written; swap them or fix the year", sub(j, path, "startDate"), start.s,
                       end.s);
            memset(&w, 0, sizeof(w));
            w.kind = RC_WHEN_TEXT;
            w.pos = w.text.pos = start.pos;
            w.text.s = rc_arena_printf(j->y->a, "%s \xE2\x80\x93 %s", start.s, end.s);
        }
    }
    return w;
}

/* One date (awards, certificates, publications). */
static rc_when single_of(jr *j, const yaml_node_t *map, const char *key, const char *path)
{
    rc_when w;
    memset(&w, 0, sizeof(w));
    rc_text t = text_of(j, map, key, path);
    if (!t.s)
        return w;
    rc_date d;
    rc_date_parse why = date_of(j, &t, path, key, &d);
    if (why == RC_DATE_OUT_OF_RANGE)
        return w;
    w.pos = t.pos;
    if (why == RC_DATE_OK) {
        w.kind = RC_WHEN_SINGLE;
        w.start = d;
    } else {
        w.kind = RC_WHEN_TEXT;
        w.text = t;
    }
    return w;
}

/* ---- entries -------------------------------------------------------------- */

static void set_highlights(jr *j, rc_entry *e, const rc_texts *t)
{
    if (!t->n)
        return;
    e->highlights = rc_arena_alloc(j->y->a, t->n * sizeof(rc_highlight));
    for (size_t i = 0; i < t->n; i++) {
        e->highlights[i].text = t->v[i];
        e->highlights[i].level = 0;
    }
    e->nhighlights = t->n;
}

static void add_highlight(jr *j, rc_entry *e, rc_text t)
{
    rc_highlight *h = rc_arena_alloc(j->y->a, (e->nhighlights + 1) * sizeof(rc_highlight));
    if (e->nhighlights)
        memcpy(h, e->highlights, e->nhighlights * sizeof(rc_highlight));
    h[e->nhighlights].text = t;
    e->highlights = h;
    e->nhighlights++;
}

/*
 * A paragraph led by a phrase in italics: "*Maker of the UNIVAC I.* Led
 * the department." The phrase ends with a full stop unless it ends with
 * punctuation already; text with markup of its own is not wrapped in
 * stars, which would pair with its stars.
 */
static rc_text led_by(jr *j, const char *lead, rc_pos lead_pos, rc_text body)
{
    if (!lead)
        return body;
    size_t n = strlen(lead);
    int ends = n && strchr(".!?:;", lead[n - 1]);
    int plain = strpbrk(lead, "*_`[]\\") != NULL;
    const char *l = rc_arena_printf(j->y->a, plain ? "%s%s" : "*%s%s*", lead,
                                    body.s && !ends ? "." : "");
    rc_text t = {body.s ? rc_arena_printf(j->y->a, "%s %s", l, body.s) : l,
                 body.s ? body.pos : lead_pos};
    return t;
}

/* work's summary, led by the description (what the organisation is). */
static void summary_of(jr *j, rc_entry *e, const yaml_node_t *m, const char *path)
{
    rc_text summary = text_of(j, m, "summary", path);
    rc_text description = text_of(j, m, "description", path);
    e->summary = led_by(j, description.s, description.pos, summary);
}

/* A list as a last highlight: "Courses: Number theory, Analysis". */
static void add_list_highlight(jr *j, rc_entry *e, const char *label, const rc_texts *t)
{
    if (!t->n)
        return;
    rc_text h = {rc_arena_printf(j->y->a, "%s: %s", label, join(j, t, ", ")), t->v[0].pos};
    add_highlight(j, e, h);
}

typedef int (*entry_fn)(jr *j, const yaml_node_t *m, const char *path, rc_entry *e);

/* work[] and volunteer[] differ only in where the organisation's name is. */
static int experience_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e,
                            rc_text organisation)
{
    e->type = RC_ENTRY_EXPERIENCE;
    e->company = linked(j, organisation, text_or(j, m, "url", "website", path));
    e->position = text_of(j, m, "position", path);
    e->location = text_of(j, m, "location", path);
    e->when = range_of(j, m, path);
    summary_of(j, e, m, path);
    rc_texts h = texts_of(j, m, "highlights", path);
    set_highlights(j, e, &h);
    return e->company.s || e->position.s || e->summary.s || e->nhighlights;
}

static int work_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    return experience_entry(j, m, path, e, text_or(j, m, "name", "company", path));
}

static int volunteer_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    return experience_entry(j, m, path, e, text_of(j, m, "organization", path));
}

static int education_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    e->type = RC_ENTRY_EDUCATION;
    e->institution = linked(j, text_of(j, m, "institution", path), text_of(j, m, "url", path));
    e->area = text_of(j, m, "area", path);
    e->degree = text_of(j, m, "studyType", path);
    e->location = text_of(j, m, "location", path);
    e->when = range_of(j, m, path);
    e->summary = text_of(j, m, "summary", path);
    rc_text score = text_or(j, m, "score", "gpa", path);
    if (score.s) {
        score.s = rc_arena_printf(j->y->a, "Grade: %s", score.s);
        add_highlight(j, e, score);
    }
    rc_texts h = texts_of(j, m, "highlights", path); /* al-folio's, as work's */
    for (size_t i = 0; i < h.n; i++)
        add_highlight(j, e, h.v[i]);
    rc_texts courses = texts_of(j, m, "courses", path);
    add_list_highlight(j, e, "Courses", &courses);
    if (!e->area.s && e->degree.s) { /* the layout shows "degree, area" or the area alone */
        e->area = e->degree;
        e->degree.s = NULL;
    }
    return e->institution.s || e->area.s || e->nhighlights;
}

static int award_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    e->type = RC_ENTRY_NORMAL;
    e->name = with_source(j, linked(j, text_of(j, m, "title", path), text_of(j, m, "url", path)),
                          text_of(j, m, "awarder", path));
    e->when = single_of(j, m, "date", path);
    e->summary = text_of(j, m, "summary", path);
    return e->name.s || e->summary.s;
}

static int certificate_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    e->type = RC_ENTRY_NORMAL;
    e->name = with_source(j, linked(j, text_of(j, m, "name", path), text_of(j, m, "url", path)),
                          text_of(j, m, "issuer", path));
    e->when = single_of(j, m, "date", path);
    e->summary = text_of(j, m, "summary", path);
    return e->name.s != NULL;
}

static int publication_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    e->type = RC_ENTRY_NORMAL;
    e->name = with_source(j, linked(j, text_of(j, m, "name", path),
                                    text_or(j, m, "url", "website", path)),
                          text_of(j, m, "publisher", path));
    e->when = single_of(j, m, "releaseDate", path);
    e->summary = text_of(j, m, "summary", path);
    return e->name.s || e->summary.s;
}

/* label: details, where details are the keywords (and the level in brackets). */
static int one_line(jr *j, rc_entry *e, rc_text label, rc_texts keywords, rc_text level)
{
    e->type = RC_ENTRY_ONE_LINE;
    e->label = label;
    if (keywords.n) {
        e->details.s = join(j, &keywords, ", ");
        e->details.pos = keywords.v[0].pos;
        if (level.s)
            e->details.s = rc_arena_printf(j->y->a, "%s (%s)", e->details.s, level.s);
    } else {
        e->details = level;
    }
    return label.s || e->details.s;
}

static int skill_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    return one_line(j, e, text_of(j, m, "name", path), texts_of(j, m, "keywords", path),
                    text_of(j, m, "level", path));
}

static int language_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    rc_texts none = {NULL, 0};
    return one_line(j, e, text_of(j, m, "language", path), none, text_of(j, m, "fluency", path));
}

static int interest_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    rc_text none = {NULL, {NULL, 0, 0}};
    return one_line(j, e, text_of(j, m, "name", path), texts_of(j, m, "keywords", path), none);
}

static int reference_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    e->type = RC_ENTRY_NORMAL;
    e->name = text_of(j, m, "name", path);
    e->summary = text_of(j, m, "reference", path);
    return e->name.s || e->summary.s;
}

/* roles and type: "Team lead, designer (application)". */
static const char *project_role(jr *j, const rc_texts *roles, rc_text type, rc_pos *pos)
{
    const char *r = roles->n ? join(j, roles, ", ") : NULL;
    *pos = roles->n ? roles->v[0].pos : type.pos;
    if (r && type.s)
        return rc_arena_printf(j->y->a, "%s (%s)", r, type.s);
    return r ? r : type.s;
}

static int project_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    e->type = RC_ENTRY_NORMAL;
    e->name = with_source(j, linked(j, text_of(j, m, "name", path), text_of(j, m, "url", path)),
                          text_of(j, m, "entity", path));
    e->when = range_of(j, m, path);
    rc_texts roles = texts_of(j, m, "roles", path);
    rc_pos role_pos;
    const char *role = project_role(j, &roles, text_of(j, m, "type", path), &role_pos);
    /* not in the schema, but al-folio's sample (copied by thousands) writes a summary */
    rc_text body = text_of(j, m, "description", path), summary = text_of(j, m, "summary", path);
    if (body.s && summary.s)
        body.s = rc_arena_printf(j->y->a, "%s %s", body.s, summary.s);
    else if (!body.s)
        body = summary;
    e->summary = led_by(j, role, role_pos, body);
    rc_texts h = texts_of(j, m, "highlights", path);
    set_highlights(j, e, &h);
    rc_texts keywords = texts_of(j, m, "keywords", path);
    add_list_highlight(j, e, "Keywords", &keywords);
    return e->name.s || e->summary.s || e->nhighlights;
}

/* ---- sections ---------------------------------------------------------------- */

static const struct jr_section {
    const char *key, *title;
    entry_fn fn;
} jr_sections[] = {
    {"work", "Experience", work_entry},
    {"volunteer", "Volunteering", volunteer_entry},
    {"education", "Education", education_entry},
    {"awards", "Awards", award_entry},
    {"certificates", "Certificates", certificate_entry},
    {"publications", "Publications", publication_entry},
    {"skills", "Skills", skill_entry},
    {"languages", "Languages", language_entry},
    {"interests", "Interests", interest_entry},
    {"references", "References", reference_entry},
    {"projects", "Projects", project_entry},
};

/*
 * The keys each section reads: JSON Resume's schema (v1.0.0), the older
 * names it still takes (website, picture, company, gpa) and what al-folio's
 * sample adds and a reader would miss (a project's summary, an education's
 * highlights, an award's url). Anything else gets a warning (unread_keys).
 */
static const struct known_keys {
    const char *section, *keys;
} known_keys[] = {
    {"basics", " name label image picture email phone url website summary location profiles "},
    {"work", " name company location description position url website startDate endDate summary "
             "highlights "},
    {"volunteer", " organization position url website location startDate endDate summary "
                  "highlights "},
    {"education", " institution url area studyType location startDate endDate score gpa courses "
                  "summary highlights "},
    {"awards", " title date awarder summary url "},
    {"certificates", " name date url issuer summary "},
    {"publications", " name publisher releaseDate url website summary "},
    {"skills", " name level keywords "},
    {"languages", " language fluency "},
    {"interests", " name keywords "},
    {"references", " name reference "},
    {"projects", " name description summary highlights keywords startDate endDate url roles "
                 "entity type "},
};

/* The top-level keys rescomp reads in a JSON Resume besides its sections. */
static const char *const other_top_keys =
    " basics meta $schema design locale settings variants letter ";

static int listed(const char *list, const char *key)
{
    size_t n = strlen(key);
    if (!n || strchr(key, ' '))
        return 0;
    for (const char *p = strstr(list, key); p; p = strstr(p + 1, key))
        if (p > list && p[-1] == ' ' && p[n] == ' ')
            return 1;
    return 0;
}

/*
 * Warn about the keys nothing prints, once per key and section with how
 * often it occurs (al-folio's files carry an "icon" in every skill): a
 * file resume-cli builds compiles here, and nothing is dropped unsaid.
 */
static void unread_keys(jr *j, const yaml_node_t *root)
{
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = rc_yaml_node(j->y, p->key), *v = rc_yaml_node(j->y, p->value);
        if (k->type != YAML_SCALAR_NODE)
            continue;
        const char *key = rc_yaml_scalar(k);
        const struct known_keys *known = NULL;
        for (size_t i = 0; i < RC_ARRAY_LEN(known_keys); i++)
            if (!strcmp(known_keys[i].section, key))
                known = &known_keys[i];
        if (!known) {
            if (!listed(other_top_keys, key))
                rc_warning(j->y->d, rc_yaml_pos(j->y, k), "'%s' is no JSON Resume section, so "
                           "it is not printed; move its content into one (work, projects, "
                           "skills, ...)", rc_diag_token(j->y->a, key));
            continue;
        }
        /* the entries: basics is one, a section a list of them */
        size_t n = v->type == YAML_SEQUENCE_NODE
                       ? (size_t)(v->data.sequence.items.top - v->data.sequence.items.start)
                       : 1;
        const char *seen = " ";
        for (size_t i = 0; i < n; i++) {
            yaml_node_t *m = v->type == YAML_SEQUENCE_NODE
                                 ? rc_yaml_node(j->y, v->data.sequence.items.start[i])
                                 : v;
            if (!m || m->type != YAML_MAPPING_NODE)
                continue;
            for (yaml_node_pair_t *q = m->data.mapping.pairs.start;
                 q < m->data.mapping.pairs.top; q++) {
                yaml_node_t *kk = rc_yaml_node(j->y, q->key);
                if (kk->type != YAML_SCALAR_NODE || listed(known->keys, rc_yaml_scalar(kk)) ||
                    listed(seen, rc_yaml_scalar(kk)))
                    continue;
                const char *name = rc_yaml_scalar(kk);
                if (!strchr(name, ' '))
                    seen = rc_arena_printf(j->y->a, "%s%s ", seen, name);
                size_t more = 0;
                for (size_t r = i + 1; r < n; r++) {
                    yaml_node_t *o = rc_yaml_node(j->y, v->data.sequence.items.start[r]);
                    more += o && o->type == YAML_MAPPING_NODE && rc_yaml_get(j->y, o, name);
                }
                const char *where = v->type == YAML_SEQUENCE_NODE
                                        ? rc_arena_printf(j->y->a, "%s[%zu]", key, i)
                                        : key;
                if (more)
                    rc_warning(j->y->d, rc_yaml_pos(j->y, kk), "'%s' in %s (and in %zu more) is "
                               "no JSON Resume field, so it is not printed", name, where, more);
                else
                    rc_warning(j->y->d, rc_yaml_pos(j->y, kk), "'%s' in %s is no JSON Resume "
                               "field, so it is not printed", name, where);
            }
        }
    }
}

static rc_section *new_section(jr *j, const yaml_node_t *key, const char *title)
{
    rc_section *s = &j->cv->sections[j->cv->nsections++];
    memset(s, 0, sizeof(*s));
    s->key = rc_yaml_text(j->y, key);
    s->title = title;
    return s;
}

static void load_section(jr *j, const struct jr_section *def, const yaml_node_t *k,
                         const yaml_node_t *v)
{
    const char *path = def->key;
    if (rc_yaml_is_null(v))
        return;
    if (v->type != YAML_SEQUENCE_NODE) {
        j->rc = rc_error(j->y->d, rc_yaml_pos(j->y, v), "%s must be a list, not %s", path,
                         rc_yaml_kind(v));
        return;
    }
    size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    if (!n)
        return;
    rc_section *s = new_section(j, k, def->title);
    s->entries = rc_arena_alloc(j->y->a, n * sizeof(rc_entry));
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *m = rc_yaml_node(j->y, v->data.sequence.items.start[i]);
        const char *ipath = rc_arena_printf(j->y->a, "%s[%zu]", path, i);
        if (rc_yaml_is_null(m))
            continue;
        if (m->type != YAML_MAPPING_NODE) {
            j->rc = rc_error(j->y->d, rc_yaml_pos(j->y, m), "%s must be an object, not %s",
                             ipath, rc_yaml_kind(m));
            continue;
        }
        rc_entry *e = &s->entries[s->nentries];
        memset(e, 0, sizeof(*e));
        e->pos = rc_yaml_pos(j->y, m);
        if (def->fn(j, m, ipath, e))
            s->nentries++;
    }
    if (!s->nentries) {
        j->cv->nsections--;
        return;
    }
    s->type = s->entries[0].type;
    if (s->type != RC_ENTRY_ONE_LINE)
        return;
    /* one-line entries without details: all of them become bullets, or details are "" */
    size_t without = 0;
    for (size_t i = 0; i < s->nentries; i++)
        without += !s->entries[i].details.s || !s->entries[i].label.s;
    for (size_t i = 0; i < s->nentries; i++) {
        rc_entry *e = &s->entries[i];
        if (without == s->nentries) {
            e->type = RC_ENTRY_BULLET;
            e->bullet = e->label.s ? e->label : e->details;
            e->label.s = e->details.s = NULL;
        } else {
            if (!e->details.s)
                e->details = (rc_text){"", e->label.pos};
            if (!e->label.s)
                e->label = (rc_text){"", e->details.pos};
        }
    }
    s->type = s->entries[0].type;
}

/* ---- basics --------------------------------------------------------------------- */

/* RenderCV's social networks, by the names JSON Resume files use for them. */
static const struct network {
    const char *json, *rendercv;
} networks[] = {
    {"linkedin", "LinkedIn"},         {"github", "GitHub"},
    {"gitlab", "GitLab"},             {"imdb", "IMDB"},
    {"instagram", "Instagram"},       {"orcid", "ORCID"},
    {"mastodon", "Mastodon"},         {"stackoverflow", "StackOverflow"},
    {"stack overflow", "StackOverflow"}, {"researchgate", "ResearchGate"},
    {"youtube", "YouTube"},           {"google scholar", "Google Scholar"},
    {"googlescholar", "Google Scholar"}, {"scholar", "Google Scholar"},
    {"telegram", "Telegram"},         {"whatsapp", "WhatsApp"},
    {"leetcode", "Leetcode"},         {"x", "X"},
    {"twitter", "X"},                 {"bluesky", "Bluesky"},
    {"reddit", "Reddit"},
};

static void load_profiles(jr *j, const yaml_node_t *basics)
{
    yaml_node_t *v = rc_yaml_get(j->y, basics, "profiles");
    if (rc_yaml_is_null(v))
        return;
    if (v->type != YAML_SEQUENCE_NODE) {
        j->rc = rc_error(j->y->d, rc_yaml_pos(j->y, v), "basics.profiles must be a list, not %s",
                         rc_yaml_kind(v));
        return;
    }
    size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    rc_cv *cv = j->cv;
    cv->socials = n ? rc_arena_alloc(j->y->a, n * sizeof(rc_social)) : NULL;
    cv->custom_connections = n ? rc_arena_alloc(j->y->a, n * sizeof(rc_custom_connection)) : NULL;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *m = rc_yaml_node(j->y, v->data.sequence.items.start[i]);
        const char *path = rc_arena_printf(j->y->a, "basics.profiles[%zu]", i);
        if (rc_yaml_is_null(m))
            continue;
        if (m->type != YAML_MAPPING_NODE) {
            j->rc = rc_error(j->y->d, rc_yaml_pos(j->y, m), "%s must be an object, not %s", path,
                             rc_yaml_kind(m));
            continue;
        }
        rc_text net = text_of(j, m, "network", path), user = text_of(j, m, "username", path);
        rc_text url = text_of(j, m, "url", path);
        const char *known = NULL;
        for (size_t k = 0; net.s && k < RC_ARRAY_LEN(networks) && !known; k++)
            if (!strcasecmp(net.s, networks[k].json))
                known = networks[k].rendercv;
        /* Mastodon needs @user@instance to make its link */
        if (known && !strcmp(known, "Mastodon") && user.s && !strchr(user.s + 1, '@'))
            known = NULL;
        if (known && user.s) {
            rc_social *s = &cv->socials[cv->nsocials++];
            s->network = net;
            s->network.s = known;
            s->username = user;
            continue;
        }
        if (!url.s && !user.s)
            continue;
        rc_custom_connection *c = &cv->custom_connections[cv->ncustom_connections++];
        memset(c, 0, sizeof(*c));
        c->url = url;
        if (net.s && user.s)
            c->placeholder = (rc_text){rc_arena_printf(j->y->a, "%s: %s", net.s, user.s), net.pos};
        else if (user.s)
            c->placeholder = user;
        else {
            const char *u = url.s;
            if (!strncmp(u, "https://", 8))
                u += 8;
            else if (!strncmp(u, "http://", 7))
                u += 7;
            c->placeholder = (rc_text){u, url.pos};
        }
        char *icon = rc_arena_strdup(j->y->a, net.s ? net.s : "link");
        for (char *p = icon; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        /* the icon points where the profile says most: its network, URL or user name */
        c->fontawesome_icon = (rc_text){icon, net.s ? net.pos : url.s ? url.pos : user.pos};
    }
}

/* Is p (len bytes) one of the parts of s between `sep`s, spaces around them aside? */
static int has_part(const char *s, char sep, const char *p, size_t len)
{
    for (;;) {
        s += strspn(s, " ");
        const char *end = strchr(s, sep);
        size_t w = end ? (size_t)(end - s) : strlen(s);
        while (w && s[w - 1] == ' ')
            w--;
        if (w == len && !strncasecmp(s, p, len))
            return 1;
        if (!end)
            return 0;
        s = end + 1;
    }
}

/* Is p written already: a comma-separated part of one of the n parts before it, or a word of
 * the postal code ("CA" in "CA 94115")? */
static int repeats(const char *const *before, size_t n, const char *postal, const char *p)
{
    size_t len = strlen(p);
    for (size_t i = 0; i < n; i++)
        if (has_part(before[i], ',', p, len))
            return 1;
    return postal && has_part(postal, ' ', p, len);
}

/*
 * A location as text, or {address, postalCode, city, countryCode,
 * region} as one line, "Unter den Linden 6, 10117 Berlin, DE": a part
 * that repeats another (region Berlin in the city Berlin, region CA in the
 * postal code "CA 94115") is left out, not printed twice.
 */
static rc_text location_of(jr *j, const yaml_node_t *basics)
{
    rc_text t = {NULL, {NULL, 0, 0}};
    yaml_node_t *v = rc_yaml_get(j->y, basics, "location");
    if (rc_yaml_is_null(v))
        return t;
    if (v->type == YAML_SCALAR_NODE)
        return rc_yaml_text(j->y, v);
    if (v->type != YAML_MAPPING_NODE) {
        j->rc = rc_error(j->y->d, rc_yaml_pos(j->y, v), "basics.location must be text or an "
                         "object with address, postalCode, city, region, countryCode, not %s",
                         rc_yaml_kind(v));
        return t;
    }
    const char *path = "basics.location";
    rc_text address = text_of(j, v, "address", path), postal = text_of(j, v, "postalCode", path);
    rc_text city = text_of(j, v, "city", path), region = text_of(j, v, "region", path);
    rc_text country = text_of(j, v, "countryCode", path);
    const rc_text *parts[] = {&address, &city, &region, &country};
    const char *before[RC_ARRAY_LEN(parts)];
    size_t n = 0;
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < RC_ARRAY_LEN(parts); i++) {
        const char *p = parts[i]->s;
        int is_city = parts[i] == &city;
        if (p && repeats(before, n, is_city ? NULL : postal.s, p))
            p = NULL;
        if (p)
            before[n++] = p;
        if (!p && !(is_city && postal.s))
            continue;
        rc_buf_adds(&b, b.len ? ", " : "");
        if (is_city && postal.s) /* "10117 Berlin": the code before the city */
            rc_buf_addf(&b, "%s%s", postal.s, p ? " " : "");
        rc_buf_adds(&b, p ? p : "");
    }
    if (b.len) {
        t.s = rc_arena_strdup(j->y->a, rc_buf_str(&b));
        t.pos = rc_yaml_pos(j->y, v);
    }
    rc_buf_release(&b);
    return t;
}

static rc_texts one_text(jr *j, rc_text t)
{
    rc_texts out = {NULL, 0};
    if (t.s) {
        out.v = rc_arena_alloc(j->y->a, sizeof(rc_text));
        out.v[0] = t;
        out.n = 1;
    }
    return out;
}

/* Whether the image file `name` is readable where the layout will look for it. */
static int image_here(jr *j, const char *name)
{
    if (!*name)
        return 0;
    if (!j->y->root)
        return 1; /* a CV from memory (the library's tests): the layout reads it or says why */
    rc_buf path = RC_BUF_INIT;
    rc_files_join(&path, j->y->file, name);
    rc_diags scratch;
    rc_diags_init(&scratch);
    int ok = rc_files_check(j->y->root, rc_buf_str(&path), "photo", name, (rc_pos){0}, &scratch) ==
                 0 &&
             access(rc_buf_str(&path), R_OK) == 0;
    rc_diags_release(&scratch);
    rc_buf_release(&path);
    return ok;
}

static void load_basics(jr *j, const yaml_node_t *k, const yaml_node_t *basics)
{
    if (rc_yaml_is_null(basics))
        return;
    if (basics->type != YAML_MAPPING_NODE) {
        j->rc = rc_error(j->y->d, rc_yaml_pos(j->y, basics), "basics must be an object, not %s",
                         rc_yaml_kind(basics));
        return;
    }
    rc_cv *cv = j->cv;
    cv->name = text_of(j, basics, "name", "basics");
    cv->headline = text_of(j, basics, "label", "basics");
    cv->photo = text_or(j, basics, "image", "picture", "basics");
    if (cv->photo.s && (strstr(cv->photo.s, "://") || !strncmp(cv->photo.s, "//", 2))) {
        /* the schema asks for a URL, but a compiler fetches nothing from the network */
        rc_warning(j->y->d, cv->photo.pos, "basics.image '%s' is a URL, and remote images are "
                   "not fetched, so the CV has no photo; download the image and give its file "
                   "name instead", cv->photo.s);
        cv->photo.s = NULL;
    }
    if (cv->photo.s && !image_here(j, cv->photo.s)) {
        /* resume-cli only links the image, so a file that is not here builds there */
        rc_warning(j->y->d, cv->photo.pos, "basics.image '%s' is no file in the CV's folder "
                   "(JSON Resume's image is a URL, which resume-cli only links to), so the CV "
                   "has no photo; put the image beside the CV and give its file name",
                   cv->photo.s);
        cv->photo.s = NULL;
    }
    cv->emails = one_text(j, text_of(j, basics, "email", "basics"));
    cv->phones = one_text(j, text_of(j, basics, "phone", "basics"));
    cv->websites = one_text(j, text_or(j, basics, "url", "website", "basics"));
    cv->location = location_of(j, basics);
    load_profiles(j, basics);
    rc_text summary = text_of(j, basics, "summary", "basics");
    if (summary.s) {
        rc_section *s = new_section(j, k, "Summary");
        s->key.s = "summary";
        s->type = RC_ENTRY_TEXT;
        s->entries = rc_arena_alloc(j->y->a, sizeof(rc_entry));
        s->entries[0].type = RC_ENTRY_TEXT;
        s->entries[0].pos = summary.pos;
        s->entries[0].text = summary;
        s->nentries = 1;
    }
}

int rc_jsonresume_load(const rc_yaml *y, yaml_node_t *root, rc_cv *cv)
{
    jr j = {y, cv, 0};
    size_t npairs = (size_t)(root->data.mapping.pairs.top - root->data.mapping.pairs.start);
    cv->sections = rc_arena_alloc(y->a, (npairs + 1) * sizeof(rc_section));
    /* basics first: its summary opens the CV wherever basics is written */
    yaml_node_pair_t *p;
    for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = rc_yaml_node(y, p->key);
        if (k->type == YAML_SCALAR_NODE && !strcmp(rc_yaml_scalar(k), "basics"))
            load_basics(&j, k, rc_yaml_node(y, p->value));
    }
    for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = rc_yaml_node(y, p->key);
        if (k->type != YAML_SCALAR_NODE)
            continue;
        for (size_t i = 0; i < RC_ARRAY_LEN(jr_sections); i++)
            if (!strcmp(rc_yaml_scalar(k), jr_sections[i].key))
                load_section(&j, &jr_sections[i], k, rc_yaml_node(y, p->value));
    }
    unread_keys(&j, root);
    if (!cv->name.s && !cv->nsections && j.rc == 0) {
        rc_pos whole = {y->file, 0, 0};
        return rc_error(y->d, whole, "this JSON Resume has no basics.name and no sections; "
                        "there is nothing to typeset");
    }
    return j.rc;
}

/* ---- JSON as JSON parsers read it --------------------------------------------------- */

int rc_json_document(const yaml_document_t *doc)
{
    const yaml_node_t *root = doc->nodes.start < doc->nodes.top ? doc->nodes.start : NULL;
    return root && root->type == YAML_MAPPING_NODE &&
           root->data.mapping.style == YAML_FLOW_MAPPING_STYLE;
}

/*
 * A comma before ']' or '}': YAML's flow style allows it, JSON does not,
 * and yet editors and hand edits leave them. Found in the text (libyaml's
 * events do not show them): strings and comments are skipped, lines and
 * columns counted as libyaml counts them, in characters.
 */
static void trailing_commas(const rc_yaml *y, const char *s, size_t len)
{
    int line = 1, col = 1, comma_line = 0, comma_col = 0;
    char quote = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (quote) {
            if (c == '\\' && quote == '"' && i + 1 < len && s[i + 1] != '\n') {
                i++, col++;
            } else if (c == (unsigned char)quote) {
                quote = 0;
            }
        } else if (c == '"' || c == '\'') {
            quote = (char)c;
            comma_line = 0;
        } else if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n')) {
            while (i + 1 < len && s[i + 1] != '\n')
                i++;
        } else if (c == ',') {
            comma_line = line, comma_col = col;
        } else if ((c == ']' || c == '}') && comma_line) {
            rc_pos p = {y->file, comma_line, comma_col};
            rc_warning(y->d, p, "a comma before '%c' is not JSON, though YAML reads it; remove "
                       "it", c);
            comma_line = 0;
        } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            comma_line = 0;
        }
        if (c == '\n')
            line++, col = 1;
        else if ((c & 0xC0) != 0x80)
            col++;
    }
}

typedef struct key_at {
    const yaml_node_t *key;
    size_t pair;
} key_at;

static int compare_key_at(const void *pa, const void *pb)
{
    const key_at *a = pa, *b = pb;
    size_t na = a->key->data.scalar.length, nb = b->key->data.scalar.length;
    int c = memcmp(a->key->data.scalar.value, b->key->data.scalar.value, na < nb ? na : nb);
    if (c)
        return c;
    if (na != nb)
        return na < nb ? -1 : 1;
    return a->pair < b->pair ? -1 : a->pair > b->pair;
}

/* Duplicate keys in one object: the last is kept, as JSON parsers keep it; each earlier one
 * is dropped, with a warning at the key that overrides it. */
static void last_key_wins(const rc_yaml *y, yaml_node_t *map)
{
    size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start), m = 0;
    if (n < 2)
        return;
    key_at *keys = rc_xmalloc(n * sizeof(*keys));
    unsigned char *drop = rc_xcalloc(n, 1);
    for (size_t i = 0; i < n; i++) {
        const yaml_node_t *k = rc_yaml_node(y, map->data.mapping.pairs.start[i].key);
        if (k && k->type == YAML_SCALAR_NODE)
            keys[m++] = (key_at){k, i};
    }
    qsort(keys, m, sizeof(*keys), compare_key_at);
    size_t dropped = 0;
    for (size_t i = 1; i < m; i++) {
        if (compare_key_at(&(key_at){keys[i].key, 0}, &(key_at){keys[i - 1].key, 0}))
            continue;
        drop[keys[i - 1].pair] = 1;
        dropped++;
        rc_pos first = rc_yaml_pos(y, keys[i - 1].key);
        rc_warning(y->d, rc_yaml_pos(y, keys[i].key), "duplicate key '%s': as JSON parsers "
                   "do, this last one is used and the one at %d:%d is ignored; remove one of "
                   "them", rc_yaml_scalar(keys[i].key), first.line, first.col);
    }
    if (dropped) {
        yaml_node_pair_t *to = map->data.mapping.pairs.start;
        for (size_t i = 0; i < n; i++)
            if (!drop[i])
                *to++ = map->data.mapping.pairs.start[i];
        map->data.mapping.pairs.top = to;
    }
    free(drop);
    free(keys);
}

void rc_json_relax(const rc_yaml *y, const char *data, size_t len)
{
    trailing_commas(y, data, len);
    for (yaml_node_t *n = y->doc->nodes.start; n < y->doc->nodes.top; n++)
        if (n->type == YAML_MAPPING_NODE)
            last_key_wins(y, n);
}
