/*
 * variant: tag filtering and section selection on the CV model (see
 * variant.h). Everything is done in place: the arrays only shrink, so
 * compaction needs no allocation.
 */
#include "variant.h"

#include <stdlib.h>
#include <string.h>

static int has_tag(const rc_texts *tags, const char *tag)
{
    for (size_t i = 0; i < tags->n; i++)
        if (!strcmp(tags->v[i].s, tag))
            return 1;
    return 0;
}

int rc_variant_keeps(const rc_variant_spec *v, const rc_texts *tags)
{
    if (!tags || tags->n == 0)
        return 1;
    for (size_t i = 0; i < v->exclude_tags.n; i++)
        if (has_tag(tags, v->exclude_tags.v[i].s))
            return 0;
    if (v->include_tags.n == 0)
        return 1;
    for (size_t i = 0; i < v->include_tags.n; i++)
        if (has_tag(tags, v->include_tags.v[i].s))
            return 1;
    return 0;
}

/* ---- names the variant uses must exist --------------------------------------- */

typedef struct name_set {
    const char **v;
    size_t n, cap;
} name_set;

static void add_names(name_set *s, const rc_texts *tags)
{
    for (size_t i = 0; i < tags->n; i++) {
        size_t j = 0;
        while (j < s->n && strcmp(s->v[j], tags->v[i].s))
            j++;
        if (j < s->n)
            continue;
        /* One slot more than the names, for the NULL that rc_did_you_mean wants. */
        if (s->n + 1 >= s->cap) {
            s->cap = s->cap ? 2 * s->cap : 16;
            s->v = rc_xrealloc(s->v, s->cap * sizeof(*s->v));
        }
        s->v[s->n++] = tags->v[i].s;
        s->v[s->n] = NULL;
    }
}

static void list_names(const name_set *s, rc_buf *b)
{
    for (size_t i = 0; i < s->n; i++)
        rc_buf_addf(b, "%s'%s'", i == 0 ? "" : i + 1 == s->n ? " and " : ", ", s->v[i]);
}

static int check_tags(const rc_cv *cv, const rc_variant_spec *v, rc_diags *d)
{
    name_set all = {NULL, 0, 0};
    for (size_t i = 0; i < cv->nsections; i++)
        for (size_t j = 0; j < cv->sections[i].nentries; j++) {
            const rc_entry *e = &cv->sections[i].entries[j];
            add_names(&all, &e->tags);
            for (size_t k = 0; k < e->nhighlights; k++)
                add_names(&all, &e->highlights[k].tags);
        }
    int rc = 0;
    const rc_texts *lists[2] = {&v->include_tags, &v->exclude_tags};
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < lists[l]->n; i++) {
            const rc_text *t = &lists[l]->v[i];
            size_t j = 0;
            while (j < all.n && strcmp(all.v[j], t->s))
                j++;
            if (j < all.n)
                continue;
            const char *near = all.n ? rc_did_you_mean(t->s, all.v) : NULL;
            if (near) {
                rc = rc_error(d, t->pos, "variant '%s': no entry or highlight has the tag '%s' "
                              "(did you mean '%s'?)", v->name.s, t->s, near);
            } else if (all.n) {
                rc_buf b = RC_BUF_INIT;
                list_names(&all, &b);
                rc = rc_error(d, t->pos, "variant '%s': no entry or highlight has the tag '%s'; "
                              "the CV's tags are %s", v->name.s, t->s, rc_buf_str(&b));
                rc_buf_release(&b);
            } else {
                rc = rc_error(d, t->pos, "variant '%s': no entry or highlight has the tag '%s'; "
                              "the CV has no tags yet (write tags: [%s] on an entry)",
                              v->name.s, t->s, t->s);
            }
        }
    free(all.v);
    return rc;
}

/* ---- filtering ------------------------------------------------------------------ */

static void filter_entry(rc_entry *e, const rc_variant_spec *v)
{
    size_t n = 0;
    for (size_t i = 0; i < e->nhighlights; i++)
        if (rc_variant_keeps(v, &e->highlights[i].tags))
            e->highlights[n++] = e->highlights[i];
    e->nhighlights = n;
}

static void filter_tags(rc_cv *cv, const rc_variant_spec *v)
{
    size_t ns = 0;
    for (size_t i = 0; i < cv->nsections; i++) {
        rc_section *s = &cv->sections[i];
        size_t n = 0;
        for (size_t j = 0; j < s->nentries; j++) {
            if (!rc_variant_keeps(v, &s->entries[j].tags))
                continue;
            filter_entry(&s->entries[j], v);
            s->entries[n++] = s->entries[j];
        }
        s->nentries = n;
        if (n)
            cv->sections[ns++] = *s;
    }
    cv->nsections = ns;
}

static int select_sections(rc_cv *cv, const rc_variant_spec *v, rc_arena *a, rc_diags *d)
{
    int rc = 0;
    size_t n = v->sections.n;
    rc_section *picked = n ? rc_arena_alloc(a, n * sizeof(*picked)) : NULL;
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        const rc_text *t = &v->sections.v[i];
        size_t j = 0;
        while (j < cv->nsections && strcmp(cv->sections[j].key.s, t->s))
            j++;
        size_t prev = 0;
        while (prev < i && strcmp(v->sections.v[prev].s, t->s))
            prev++;
        if (prev < i) {
            rc = rc_error(d, t->pos, "variant '%s': section '%s' is listed twice (first on line "
                          "%d); list each section once", v->name.s, t->s, v->sections.v[prev].pos.line);
            continue;
        }
        if (j < cv->nsections) {
            picked[np++] = cv->sections[j];
            continue;
        }
        const char **keys = rc_xcalloc(cv->nsections + 1, sizeof(*keys));
        for (size_t k = 0; k < cv->nsections; k++)
            keys[k] = cv->sections[k].key.s;
        const char *near = rc_did_you_mean(t->s, keys);
        if (near) {
            rc = rc_error(d, t->pos, "variant '%s': the CV has no section '%s' (did you mean "
                          "'%s'?)", v->name.s, t->s, near);
        } else {
            rc_buf b = RC_BUF_INIT;
            name_set s = {keys, cv->nsections, cv->nsections + 1};
            list_names(&s, &b);
            rc = rc_error(d, t->pos, "variant '%s': the CV has no section '%s'; its sections "
                          "are %s", v->name.s, t->s, cv->nsections ? rc_buf_str(&b) : "none");
            rc_buf_release(&b);
        }
        free(keys);
    }
    if (rc == 0) {
        cv->sections = picked;
        cv->nsections = np;
    }
    return rc;
}

int rc_variant_apply(rc_cv *cv, const rc_variant_spec *v, rc_arena *a, rc_diags *d)
{
    int rc = check_tags(cv, v, d);
    if (v->has_sections && select_sections(cv, v, a, d) < 0)
        rc = -1;
    if (rc < 0)
        return -1;
    filter_tags(cv, v);
    return 0;
}
