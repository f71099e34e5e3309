/*
 * load_jsonresume: a JSON Resume document (jsonresume.org, schema 1.x)
 * into the CV model. libyaml reads JSON, so the document arrives parsed
 * and checked like any YAML file; this file maps it:
 *
 *   basics        name, label -> headline, email, phone, url (0.x: website),
 *                 image -> photo, location (text or {address, postalCode,
 *                 city, countryCode, region}), profiles -> social networks
 *                 RenderCV knows, other profiles -> custom connections;
 *                 summary -> a first section "Summary"
 *   work          experience entries: name (0.x: company), position, location,
 *                 url (a link on the name), startDate/endDate, summary
 *                 (or description), highlights
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
 *   projects      normal entries "name, entity", dates, description, highlights
 *
 * Sections keep the order of the document. No field is required; keys the
 * schema does not know are ignored (it allows them); a value of the wrong
 * kind (a list where text belongs) is an error at its position. Dates are
 * ISO 8601 (YYYY-MM-DD, YYYY-MM, YYYY); no endDate means "present", as
 * JSON Resume themes read it; a date in another form is shown as written,
 * with a warning.
 */
#include "load_ext.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* One date field; RC_DATE_NOT_A_DATE keeps it as written (with a warning). */
static rc_date_parse date_of(jr *j, const rc_text *t, const char *path, const char *key, rc_date *d)
{
    rc_date_parse why = rc_date_parse_iso(t->s, d);
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
            j->rc = rc_error(j->y->d, start.pos, "%s %s is after its endDate %s; swap them or "
                             "fix the year", sub(j, path, "startDate"), start.s, end.s);
            memset(&w, 0, sizeof(w));
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

static void add_extra(jr *j, rc_entry *e, const char *key, rc_text value)
{
    rc_extra_field *x = rc_arena_alloc(j->y->a, (e->nextra + 1) * sizeof(rc_extra_field));
    if (e->nextra)
        memcpy(x, e->extra, e->nextra * sizeof(rc_extra_field));
    x[e->nextra].key = key;
    x[e->nextra].value = value;
    e->extra = x;
    e->nextra++;
}

/* summary, or description; both given: description is kept as an extra field. */
static void summary_of(jr *j, rc_entry *e, const yaml_node_t *m, const char *path)
{
    rc_text summary = text_of(j, m, "summary", path);
    rc_text description = text_of(j, m, "description", path);
    e->summary = summary.s ? summary : description;
    if (summary.s && description.s)
        add_extra(j, e, "description", description);
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
    rc_texts courses = texts_of(j, m, "courses", path);
    if (courses.n) {
        rc_text t = {rc_arena_printf(j->y->a, "Courses: %s", join(j, &courses, ", ")),
                     courses.v[0].pos};
        add_highlight(j, e, t);
    }
    if (!e->area.s && e->degree.s) { /* the layout shows "degree, area" or the area alone */
        e->area = e->degree;
        e->degree.s = NULL;
    }
    return e->institution.s || e->area.s || e->nhighlights;
}

static int award_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    e->type = RC_ENTRY_NORMAL;
    e->name = with_source(j, text_of(j, m, "title", path), text_of(j, m, "awarder", path));
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

static int project_entry(jr *j, const yaml_node_t *m, const char *path, rc_entry *e)
{
    e->type = RC_ENTRY_NORMAL;
    e->name = with_source(j, linked(j, text_of(j, m, "name", path), text_of(j, m, "url", path)),
                          text_of(j, m, "entity", path));
    e->when = range_of(j, m, path);
    e->summary = text_of(j, m, "description", path);
    rc_text type = text_of(j, m, "type", path);
    if (type.s)
        add_extra(j, e, "type", type);
    rc_texts h = texts_of(j, m, "highlights", path);
    set_highlights(j, e, &h);
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

/* A location as text, or {address, postalCode, city, countryCode, region}. */
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
                         "object with city, region, countryCode, not %s", rc_yaml_kind(v));
        return t;
    }
    static const char *const parts[] = {"city", "region", "countryCode"};
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < RC_ARRAY_LEN(parts); i++) {
        rc_text p = text_of(j, v, parts[i], "basics.location");
        if (p.s) {
            if (b.len)
                rc_buf_adds(&b, ", ");
            rc_buf_adds(&b, p.s);
        }
    }
    if (!b.len) {
        rc_text a = text_of(j, v, "address", "basics.location");
        if (a.s)
            rc_buf_adds(&b, a.s);
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
    if (!cv->name.s && !cv->nsections && j.rc == 0) {
        rc_pos whole = {y->file, 0, 0};
        return rc_error(y->d, whole, "this JSON Resume has no basics.name and no sections; "
                        "there is nothing to typeset");
    }
    return j.rc;
}
