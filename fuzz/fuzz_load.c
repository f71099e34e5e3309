/*
 * fuzz_load: bytes -> rc_load_cv_memory, the YAML loader.
 *
 * Properties: the loader fails exactly when it reports an error; every
 * message formats as valid UTF-8 with a sane position; a CV that loads
 * holds only valid, NUL-free UTF-8 text with real positions, entries of
 * their section's type with their required fields (any content, for a
 * JSON Resume), real dates and ranges that do not run backwards; one-line
 * fields (a name, a section title, ...) within RC_YAML_MAX_FIELD bytes.
 */
#include "fuzz.h"

#include "diag.h"
#include "load.h"
#include "load_ext.h"
#include "load_yaml.h"

#include <string.h>

/*
 * A JSON Resume (a top-level `basics`) is read with its own rules: no
 * field is required there, so an entry only needs some content.
 */
static int is_jsonresume(const uint8_t *data, size_t size)
{
    rc_diags quiet;
    yaml_document_t doc;
    rc_diags_init(&quiet);
    int found = 0;
    if (rc_yaml_parse(&doc, "fuzz.yaml", (const char *)data, size, &quiet) == 0) {
        yaml_node_t *root = yaml_document_get_root_node(&doc);
        if (root && root->type == YAML_MAPPING_NODE)
            for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
                 p < root->data.mapping.pairs.top; p++) {
                yaml_node_t *k = yaml_document_get_node(&doc, p->key);
                found |= k->type == YAML_SCALAR_NODE &&
                         strcmp((const char *)k->data.scalar.value, "basics") == 0;
            }
        yaml_document_delete(&doc);
    }
    rc_diags_release(&quiet);
    return found;
}

static void check_text(const rc_text *t)
{
    if (!t->s)
        return;
    FUZZ_CHECK(rc_utf8_find_invalid(t->s, strlen(t->s)) == (size_t)-1);
    FUZZ_CHECK(t->pos.line >= 1 && t->pos.col >= 1);
}

static void check_texts(const rc_texts *t)
{
    for (size_t i = 0; i < t->n; i++) {
        FUZZ_CHECK(t->v[i].s != NULL);
        check_text(&t->v[i]);
    }
}

static void check_date(const rc_date *d)
{
    FUZZ_CHECK(d->year >= 1 && d->year <= 9999);
    FUZZ_CHECK(d->month >= 0 && d->month <= 12);
    FUZZ_CHECK(d->day >= 0 && d->day <= 31);
    FUZZ_CHECK(d->day == 0 || d->month != 0);
}

static long date_key(rc_date d)
{
    return (long)d.year * 10000 + (d.month ? d.month : 1) * 100 + (d.day ? d.day : 1);
}

static void check_when(const rc_when *w)
{
    switch (w->kind) {
    case RC_WHEN_NONE:
        break;
    case RC_WHEN_TEXT:
        FUZZ_CHECK(w->text.s != NULL);
        check_text(&w->text);
        break;
    case RC_WHEN_SINGLE:
        check_date(&w->start);
        break;
    case RC_WHEN_RANGE:
        check_date(&w->start);
        if (!w->end_is_present) {
            check_date(&w->end);
            FUZZ_CHECK(date_key(w->start) <= date_key(w->end));
        }
        break;
    }
}

static void check_entry(const rc_entry *e, rc_entry_type type, int jsonresume)
{
    FUZZ_CHECK(e->type == type);
    const rc_text *texts[] = {&e->institution, &e->area,   &e->degree,   &e->company,
                              &e->position,    &e->name,   &e->title,    &e->doi,
                              &e->url,         &e->journal, &e->label,   &e->details,
                              &e->bullet,      &e->number, &e->reversed_number,
                              &e->text,        &e->location, &e->summary};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        check_text(texts[i]);
    /* one-line fields (JSON Resume joins some, "title, awarder") */
    const rc_text *lines[] = {&e->institution, &e->area, &e->degree, &e->company, &e->position,
                              &e->name,        &e->title, &e->doi,   &e->url,     &e->journal,
                              &e->label,       &e->location};
    for (size_t i = 0; !jsonresume && i < sizeof lines / sizeof lines[0]; i++)
        FUZZ_CHECK(!lines[i]->s || strlen(lines[i]->s) <= RC_YAML_MAX_FIELD);
    check_texts(&e->authors);
    for (size_t i = 0; i < e->nhighlights; i++) {
        FUZZ_CHECK(e->highlights[i].level == 0 || e->highlights[i].level == 1);
        FUZZ_CHECK(e->highlights[i].text.s && e->highlights[i].text.s[0]);
        check_text(&e->highlights[i].text);
    }
    for (size_t i = 0; i < e->nextra; i++) {
        FUZZ_CHECK(e->extra[i].key && e->extra[i].value.s);
        check_text(&e->extra[i].value);
    }
    check_when(&e->when);
    for (size_t i = 0; i < e->npositions; i++) {
        const rc_position *p = &e->positions[i];
        check_text(&p->position);
        check_text(&p->location);
        check_text(&p->summary);
        check_when(&p->when);
        for (size_t k = 0; k < p->nhighlights; k++)
            check_text(&p->highlights[k].text);
    }
    if (jsonresume) {
        FUZZ_CHECK(e->company.s || e->position.s || e->institution.s || e->area.s ||
                   e->name.s || e->title.s || e->label.s || e->details.s || e->bullet.s ||
                   e->text.s || e->summary.s || e->nhighlights || e->authors.n ||
                   e->npositions);
        return;
    }
    /* Required fields of each type (RenderCV's schema). */
    switch (type) {
    case RC_ENTRY_EDUCATION: FUZZ_CHECK(e->institution.s && e->area.s); break;
    case RC_ENTRY_EXPERIENCE: /* `position`, or rescomp's `positions` list */
        FUZZ_CHECK(e->company.s && (e->position.s || e->npositions));
        break;
    case RC_ENTRY_NORMAL: FUZZ_CHECK(e->name.s != NULL); break;
    case RC_ENTRY_PUBLICATION: FUZZ_CHECK(e->title.s && e->authors.n); break;
    case RC_ENTRY_ONE_LINE: FUZZ_CHECK(e->label.s && e->details.s); break;
    case RC_ENTRY_BULLET: FUZZ_CHECK(e->bullet.s != NULL); break;
    case RC_ENTRY_NUMBERED: FUZZ_CHECK(e->number.s != NULL); break;
    case RC_ENTRY_REVERSED_NUMBERED: FUZZ_CHECK(e->reversed_number.s != NULL); break;
    case RC_ENTRY_TEXT: FUZZ_CHECK(e->text.s != NULL); break;
    default: FUZZ_CHECK(!"entry type out of range");
    }
}

static void check_cv(const rc_cv *cv, int jsonresume)
{
    const rc_text *texts[] = {&cv->name,  &cv->headline,  &cv->location, &cv->photo,
                              &cv->theme, &cv->page_size, &cv->language, &cv->pdf_title};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        check_text(texts[i]);
        /* one-line fields (a JSON Resume location joins city, region and country) */
        FUZZ_CHECK(!texts[i]->s || jsonresume || strlen(texts[i]->s) <= RC_YAML_MAX_FIELD);
    }
    check_texts(&cv->emails);
    check_texts(&cv->phones);
    check_texts(&cv->websites);
    check_texts(&cv->bold_keywords);
    for (size_t i = 0; i < cv->nsocials; i++) {
        FUZZ_CHECK(cv->socials[i].network.s && cv->socials[i].username.s);
        check_text(&cv->socials[i].network);
        check_text(&cv->socials[i].username);
    }
    for (size_t i = 0; i < cv->ncustom_connections; i++) {
        const rc_custom_connection *c = &cv->custom_connections[i];
        FUZZ_CHECK(c->placeholder.s && c->fontawesome_icon.s);
        check_text(&c->placeholder);
        check_text(&c->url);
        check_text(&c->fontawesome_icon);
    }
    if (cv->current_date.year)
        check_date(&cv->current_date);
    for (size_t i = 0; i < cv->nsections; i++) {
        const rc_section *s = &cv->sections[i];
        FUZZ_CHECK(s->key.s && s->title);
        check_text(&s->key);
        FUZZ_CHECK(strlen(s->key.s) <= RC_YAML_MAX_FIELD);
        FUZZ_CHECK(rc_utf8_find_invalid(s->title, strlen(s->title)) == (size_t)-1);
        FUZZ_CHECK(s->type < RC_ENTRY_TYPE_COUNT);
        for (size_t j = 0; j < s->nentries; j++)
            check_entry(&s->entries[j], s->type, jsonresume);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rc_arena a;
    rc_diags d;
    rc_cv cv;
    rc_arena_init(&a);
    rc_diags_init(&d);
    int rc = rc_load_cv_memory(&cv, "fuzz.yaml", (const char *)data, size, &a, &d);
    FUZZ_CHECK(rc == 0 || rc == -1);
    FUZZ_CHECK((rc == 0) == (d.nerrors == 0));
    if (rc == 0)
        check_cv(&cv, is_jsonresume(data, size));

    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < d.n; i++) {
        const rc_diag *g = &d.v[i];
        FUZZ_CHECK(g->message && g->message[0]);
        FUZZ_CHECK(g->pos.line >= 0 && g->pos.col >= 0);
        FUZZ_CHECK(g->pos.line > 0 || g->pos.col == 0);
        rc_buf_reset(&b);
        rc_diag_format(g, &b);
        FUZZ_CHECK(rc_utf8_find_invalid(b.ptr, b.len) == (size_t)-1);
    }
    rc_buf_release(&b);
    rc_diags_release(&d);
    rc_arena_release(&a);
    return 0;
}
