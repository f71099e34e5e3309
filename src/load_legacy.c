/*
 * load_legacy: RenderCV 1.x and 2.0-2.3 files, upgraded in place to v2.8.
 *
 * Old files are common in the wild. Rather than teach the schema walk two
 * more dialects, this pass rewrites the parsed document before the walk:
 * an old key is renamed or moved to where v2.8 keeps it (creating the
 * mappings on the way), its value node moving with it, so that the v2.8
 * loader validates the value and every message still points at the line
 * the user wrote. Each old key gets one warning naming its replacement.
 * What has no clean equivalent (templates whose placeholders changed,
 * options RenderCV dropped) is removed, with a warning naming what to
 * write instead. The rules are a table, by dotted path; `locale_catalog`
 * (1.x) and `rendercv_settings` (2.0-2.3) are matched as locale and
 * settings, and load.c renames those two top-level keys itself.
 *
 * Sources: RenderCV's schema.json at tags v1.0, v1.10, v1.18, v2.0, v2.3
 * and v2.8, and its changelog.
 */
#include "load_ext.h"

#include "files.h"
#include "rc_locale.h"

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

typedef enum action {
    MOVE,        /* the value moves as it is */
    MAP_VALUE,   /* the value is renamed through `values` ("a4paper" -> "a4") */
    NO_SPACE,    /* 1.x lengths "2 cm" -> "2cm" */
    INVERT,      /* disable_x: true -> show_x: false */
    WRAP_TO,     /* locale.to "to" -> templates.date_range "START_DATE to END_DATE" */
    IF_TRUE,     /* show_only_years: true -> templates.single_date: YEAR */
    DROP,        /* no clean equivalent: removed, the warning says what to write */
    GONE         /* RenderCV removed it: removed */
} action;

typedef struct rule {
    const char *old_path;   /* canonical: design..., locale..., settings... */
    const char *new_path[3];
    action act;
    const char *version;    /* "1.x", "2.0-2.3" */
    const char *values;     /* MAP_VALUE: "old=new;old=new"; IF_TRUE: the value */
    const char *note;       /* DROP, GONE: why */
} rule;

#define V1 "1.x"
#define V2 "2.0-2.3"
#define V26 "2.6 or earlier" /* before 2.7, cv took any key: some belong elsewhere */
#define TO(p) {p, NULL, NULL}

static const rule rules[] = {
    /* ---- 2.0-2.3: design.text became design.typography ---- */
    {"design.text.alignment", TO("design.typography.alignment"), MOVE, V2, NULL, NULL},
    {"design.text.font_family", TO("design.typography.font_family.body"), MOVE, V2, NULL, NULL},
    {"design.text.font_size", TO("design.typography.font_size.body"), MOVE, V2, NULL, NULL},
    {"design.text.leading", TO("design.typography.line_spacing"), MOVE, V2, NULL, NULL},
    {"design.text.date_and_location_column_alignment",
     TO("design.typography.date_and_location_column_alignment"), MOVE, V2, NULL, NULL},
    {"design.section_titles.type", TO("design.section_titles.type"), MAP_VALUE, V2,
     "with-partial-line=with_partial_line;with-parial-line=with_partial_line;"
     "with-full-line=with_full_line;without-line=without_line", NULL},
    {"design.entry_types", TO("design.templates"), DROP, V2, NULL,
     "the templates are written differently since 2.4; write them as 'design.templates'"},
    {"design.page.show_page_numbering", TO("design.page.show_footer"), MOVE, V2, NULL, NULL},
    {"design.page.show_last_updated_date", TO("design.page.show_top_note"), MOVE, V2, NULL, NULL},
    {"design.colors.text", TO("design.colors.body"), MOVE, V2, NULL, NULL},
    {"design.colors.last_updated_date_and_page_numbering",
     {"design.colors.footer", "design.colors.top_note", NULL}, MOVE, V2, NULL, NULL},
    {"design.header.name_font_size", TO("design.typography.font_size.name"), MOVE, V2, NULL, NULL},
    {"design.header.name_font_family", TO("design.typography.font_family.name"), MOVE, V2, NULL,
     NULL},
    {"design.header.name_bold", TO("design.typography.bold.name"), MOVE, V2, NULL, NULL},
    {"design.header.small_caps_for_name", TO("design.typography.small_caps.name"), MOVE, V2, NULL,
     NULL},
    {"design.header.connections_font_family", TO("design.typography.font_family.connections"),
     MOVE, V2, NULL, NULL},
    {"design.header.vertical_space_between_name_and_connections",
     TO("design.header.space_below_name"), MOVE, V2, NULL, NULL},
    {"design.header.vertical_space_between_connections_and_first_section",
     TO("design.header.space_below_connections"), MOVE, V2, NULL, NULL},
    {"design.header.horizontal_space_between_connections",
     TO("design.header.connections.space_between_connections"), MOVE, V2, NULL, NULL},
    {"design.header.separator_between_connections", TO("design.header.connections.separator"),
     MOVE, V2, NULL, NULL},
    {"design.header.use_icons_for_connections", TO("design.header.connections.show_icons"), MOVE,
     V2, NULL, NULL},
    {"design.header.use_urls_as_placeholders_for_connections",
     TO("design.header.connections.display_urls_instead_of_usernames"), MOVE, V2, NULL, NULL},
    {"design.header.make_connections_links", TO("design.header.connections.hyperlink"), MOVE, V2,
     NULL, NULL},
    {"design.section_titles.font_family", TO("design.typography.font_family.section_titles"),
     MOVE, V2, NULL, NULL},
    {"design.section_titles.font_size", TO("design.typography.font_size.section_titles"), MOVE,
     V2, NULL, NULL},
    {"design.section_titles.bold", TO("design.typography.bold.section_titles"), MOVE, V2, NULL,
     NULL},
    {"design.section_titles.small_caps", TO("design.typography.small_caps.section_titles"), MOVE,
     V2, NULL, NULL},
    {"design.section_titles.vertical_space_above", TO("design.section_titles.space_above"), MOVE,
     V2, NULL, NULL},
    {"design.section_titles.vertical_space_below", TO("design.section_titles.space_below"), MOVE,
     V2, NULL, NULL},
    {"design.links.use_external_link_icon", TO("design.links.show_external_link_icon"), MOVE, V2,
     NULL, NULL},
    {"design.entries.left_and_right_margin", TO("design.entries.side_space"), MOVE, V2, NULL,
     NULL},
    {"design.entries.horizontal_space_between_columns", TO("design.entries.space_between_columns"),
     MOVE, V2, NULL, NULL},
    {"design.entries.vertical_space_between_entries",
     TO("design.sections.space_between_regular_entries"), MOVE, V2, NULL, NULL},
    {"design.entries.allow_page_break_in_entries", TO("design.entries.allow_page_break"), MOVE,
     V2, NULL, NULL},
    {"design.entries.allow_page_break_in_sections", TO("design.sections.allow_page_break"), MOVE,
     V2, NULL, NULL},
    {"design.entries.show_time_spans_in", TO("design.sections.show_time_spans_in"), MOVE, V2,
     NULL, NULL},
    {"design.highlights.bullet", TO("design.entries.highlights.bullet"), MOVE, V2, NULL, NULL},
    {"design.highlights.nested_bullet", TO("design.entries.highlights.nested_bullet"), MOVE, V2,
     NULL, NULL},
    {"design.highlights.top_margin", TO("design.entries.highlights.space_above"), MOVE, V2, NULL,
     NULL},
    {"design.highlights.left_margin", TO("design.entries.highlights.space_left"), MOVE, V2, NULL,
     NULL},
    {"design.highlights.vertical_space_between_highlights",
     TO("design.entries.highlights.space_between_items"), MOVE, V2, NULL, NULL},
    {"design.highlights.horizontal_space_between_bullet_and_highlight",
     TO("design.entries.highlights.space_between_bullet_and_text"), MOVE, V2, NULL, NULL},
    {"design.highlights.summary_left_margin", TO("design.entries.summary.space_left"), MOVE, V2,
     NULL, NULL},
    /* ---- locale (2.0-2.3 `locale`, 1.x `locale_catalog`) ---- */
    {"locale.abbreviations_for_months", TO("locale.month_abbreviations"), MOVE, V2, NULL, NULL},
    {"locale.full_names_of_months", TO("locale.month_names"), MOVE, V2, NULL, NULL},
    {"locale.date_template", TO("design.templates.single_date"), MOVE, V2, NULL, NULL},
    {"locale.date_style", TO("design.templates.single_date"), MOVE, V1, NULL, NULL},
    {"locale.to", TO("design.templates.date_range"), WRAP_TO, V2, NULL, NULL},
    {"locale.page_numbering_template", TO("design.templates.footer"), MOVE, V2, NULL, NULL},
    {"locale.last_updated_date_template", TO("design.templates.top_note"), DROP, V2, NULL,
     "its placeholders changed; write it as 'design.templates.top_note' with LAST_UPDATED and "
     "CURRENT_DATE"},
    {"locale.page_numbering_style", TO("design.templates.footer"), MOVE, V1, NULL, NULL},
    {"locale.last_updated_date_style", TO("design.templates.top_note"), DROP, V1, NULL,
     "its placeholders changed; write it as 'design.templates.top_note' with LAST_UPDATED and "
     "CURRENT_DATE"},
    {"locale.phone_number_format", TO("design.header.connections.phone_number_format"), MOVE, V2,
     NULL, NULL},
    /* ---- settings (2.0-2.3 `rendercv_settings`) ---- */
    {"settings.date", TO("settings.current_date"), MOVE, V2, NULL, NULL},
    {"settings.sort_entries", TO(NULL), GONE, V2, NULL,
     "RenderCV 2.4 removed it; order the entries in the file"},
    /* ---- cv ---- */
    {"cv.label", TO("cv.headline"), MOVE, V1, NULL, NULL},
    {"cv.sort_entries", TO(NULL), GONE, V2, NULL,
     "RenderCV 2.4 removed it; order the entries in the file"},
    /*
     * Until 2.6 `cv` accepted any key (templates could print it), and
     * settings, design and locale keys written there went unnoticed;
     * 2.7 refuses them. Those that have a home move there; load.c warns
     * about the rest and leaves them out.
     */
    {"cv.current_date", TO("settings.current_date"), MOVE, V26, NULL, NULL},
    {"cv.bold_keywords", TO("settings.bold_keywords"), MOVE, V26, NULL, NULL},
    {"cv.pdf_title", TO("settings.pdf_title"), MOVE, V26, NULL, NULL},
    {"cv.theme", TO("design.theme"), MOVE, V26, NULL, NULL},
    {"cv.language", TO("locale.language"), MOVE, V26, NULL, NULL},
    {"cv.phone_number_format", TO("design.header.connections.phone_number_format"), MOVE, V26,
     NULL, NULL},
    /* ---- 1.x: a flat design ---- */
    {"design.font", TO("design.typography.font_family"), MOVE, V1, NULL, NULL},
    {"design.font_size", TO("design.typography.font_size.body"), MOVE, V1, NULL, NULL},
    {"design.header_font_size", TO("design.typography.font_size.name"), NO_SPACE, V1, NULL, NULL},
    {"design.page_size", TO("design.page.size"), MAP_VALUE, V1,
     "a4paper=a4;letterpaper=us-letter;a5paper=a5;executivepaper=us-executive", NULL},
    {"design.text_alignment", TO("design.typography.alignment"), MAP_VALUE, V1,
     "left-aligned=left", NULL},
    {"design.color", {"design.colors.name", "design.colors.section_titles", "design.colors.links"},
     MOVE, V1, NULL, NULL},
    {"design.margins.page.top", TO("design.page.top_margin"), NO_SPACE, V1, NULL, NULL},
    {"design.margins.page.bottom", TO("design.page.bottom_margin"), NO_SPACE, V1, NULL, NULL},
    {"design.margins.page.left", TO("design.page.left_margin"), NO_SPACE, V1, NULL, NULL},
    {"design.margins.page.right", TO("design.page.right_margin"), NO_SPACE, V1, NULL, NULL},
    {"design.margins.section_title.top", TO("design.section_titles.space_above"), NO_SPACE, V1,
     NULL, NULL},
    {"design.margins.section_title.bottom", TO("design.section_titles.space_below"), NO_SPACE, V1,
     NULL, NULL},
    {"design.margins.entry_area.left_and_right", TO("design.entries.side_space"), NO_SPACE, V1,
     NULL, NULL},
    {"design.margins.entry_area.vertical_between",
     TO("design.sections.space_between_regular_entries"), NO_SPACE, V1, NULL, NULL},
    {"design.margins.entry_area.date_and_location_width",
     TO("design.entries.date_and_location_width"), NO_SPACE, V1, NULL, NULL},
    {"design.margins.entry_area.education_degree_width", TO("design.entries.degree_width"),
     NO_SPACE, V1, NULL, NULL},
    {"design.margins.highlights_area.left", TO("design.entries.highlights.space_left"), NO_SPACE,
     V1, NULL, NULL},
    {"design.margins.highlights_area.top", TO("design.entries.highlights.space_above"), NO_SPACE,
     V1, NULL, NULL},
    {"design.margins.highlights_area.vertical_between_bullet_points",
     TO("design.entries.highlights.space_between_items"), NO_SPACE, V1, NULL, NULL},
    {"design.margins.header.bottom", TO("design.header.space_below_connections"), NO_SPACE, V1,
     NULL, NULL},
    {"design.margins.header.horizontal_between_connections",
     TO("design.header.connections.space_between_connections"), NO_SPACE, V1, NULL, NULL},
    {"design.margins.header.vertical_between_name_and_connections",
     TO("design.header.space_below_name"), NO_SPACE, V1, NULL, NULL},
    {"design.disable_page_numbering", TO("design.page.show_footer"), INVERT, V1, NULL, NULL},
    {"design.disable_page_numbers", TO("design.page.show_footer"), INVERT, V1, NULL, NULL},
    {"design.page_numbering_style", TO("design.templates.footer"), MOVE, V1, NULL, NULL},
    {"design.show_last_updated_date", TO("design.page.show_top_note"), MOVE, V1, NULL, NULL},
    {"design.disable_last_updated_date", TO("design.page.show_top_note"), INVERT, V1, NULL, NULL},
    {"design.last_updated_date_style", TO("design.templates.top_note"), DROP, V1, NULL,
     "its placeholders changed; write it as 'design.templates.top_note' with LAST_UPDATED and "
     "CURRENT_DATE"},
    {"design.show_only_years", TO("design.templates.single_date"), IF_TRUE, V1, "YEAR", NULL},
    {"design.show_timespan_in", TO("design.sections.show_time_spans_in"), MOVE, V1, NULL, NULL},
    {"design.date_width", TO("design.entries.date_and_location_width"), NO_SPACE, V1, NULL, NULL},
    {"design.disable_external_link_icons", TO("design.links.show_external_link_icon"), INVERT,
     V1, NULL, NULL},
    {"design.seperator_between_connections", TO("design.header.connections.separator"), MOVE, V1,
     NULL, NULL},
    {"design.use_icons_for_connections", TO("design.header.connections.show_icons"), MOVE, V1,
     NULL, NULL},
    {"design.content_scale", TO(NULL), GONE, V1, NULL,
     "RenderCV 2 has no such option; set the sizes under design.typography"},
};

/* The top-level keys an old path may start under, and their canonical name. */
static const struct {
    const char *key, *canonical;
} sections[] = {{"cv", "cv"},             {"design", "design"},     {"locale", "locale"},
                {"locale_catalog", "locale"}, {"settings", "settings"},
                {"rendercv_settings", "settings"}};

/* ---- document surgery (by node id: adding nodes moves them in memory) ---- */

static yaml_node_t *N(const rc_yaml *y, int id)
{
    return yaml_document_get_node(y->doc, id);
}

static int find_pair(const rc_yaml *y, int map, const char *key, size_t len)
{
    yaml_node_t *m = N(y, map);
    if (!m || m->type != YAML_MAPPING_NODE)
        return -1;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = N(y, p->key);
        if (k->type == YAML_SCALAR_NODE && k->data.scalar.length == len &&
            !memcmp(k->data.scalar.value, key, len))
            return (int)(p - m->data.mapping.pairs.start);
    }
    return -1;
}

static yaml_node_pair_t *pair_at(const rc_yaml *y, int map, int index)
{
    return N(y, map)->data.mapping.pairs.start + index;
}

static void remove_pair(const rc_yaml *y, int map, int index)
{
    yaml_node_t *m = N(y, map);
    yaml_node_pair_t *p = m->data.mapping.pairs.start + index;
    memmove(p, p + 1, (size_t)(m->data.mapping.pairs.top - p - 1) * sizeof(*p));
    m->data.mapping.pairs.top--;
}

static int add_scalar(const rc_yaml *y, const char *s, size_t len, yaml_mark_t start,
                      yaml_mark_t end)
{
    int id = yaml_document_add_scalar(y->doc, NULL, (yaml_char_t *)s, (int)len,
                                      YAML_PLAIN_SCALAR_STYLE);
    if (id) {
        N(y, id)->start_mark = start;
        N(y, id)->end_mark = end;
    }
    return id;
}

/* The mapping under `key` in `map`, created (at `at`) when missing; 0 if it is not a mapping. */
static int child_mapping(const rc_yaml *y, int map, const char *key, size_t len, yaml_mark_t at)
{
    int i = find_pair(y, map, key, len);
    if (i >= 0) {
        int v = pair_at(y, map, i)->value;
        yaml_node_t *vn = N(y, v);
        if (vn->type == YAML_MAPPING_NODE)
            return v;
        if (!rc_yaml_is_null(vn))
            return 0;
        /* `page:` with nothing: becomes the mapping */
        int m = yaml_document_add_mapping(y->doc, NULL, YAML_BLOCK_MAPPING_STYLE);
        if (!m)
            return 0;
        N(y, m)->start_mark = N(y, m)->end_mark = at;
        pair_at(y, map, i)->value = m;
        return m;
    }
    int k = add_scalar(y, key, len, at, at);
    int m = yaml_document_add_mapping(y->doc, NULL, YAML_BLOCK_MAPPING_STYLE);
    if (!k || !m)
        return 0;
    N(y, m)->start_mark = N(y, m)->end_mark = at;
    if (!yaml_document_append_mapping_pair(y->doc, map, k, m))
        return 0;
    return m;
}

/* ---- the pass ------------------------------------------------------------ */

typedef struct target {
    int map;         /* the mapping the new key goes into */
    const char *key; /* the new key */
} target;

/*
 * Where new_path goes: its parent mappings (created as needed, at the old
 * key's mark); `root_map` is the mapping of the old key's top-level
 * section when new_path is in the same section.
 */
static int locate(const rc_yaml *y, const char *new_path, const char *old_canonical,
                  int same_section_map, yaml_mark_t at, target *t)
{
    int root = 1; /* the document's root node */
    const char *dot = strchr(new_path, '.');
    size_t top_len = (size_t)(dot - new_path);
    int map;
    if (!strncmp(new_path, old_canonical, top_len) && old_canonical[top_len] == 0) {
        map = same_section_map;
    } else {
        map = child_mapping(y, root, new_path, top_len, at);
    }
    const char *seg = dot + 1;
    for (const char *next; map && (next = strchr(seg, '.')) != NULL; seg = next + 1)
        map = child_mapping(y, map, seg, (size_t)(next - seg), at);
    if (!map)
        return -1;
    t->map = map;
    t->key = seg;
    return 0;
}

static int is_word(const char *s, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (!strcmp(s, words[i]))
            return 1;
    return 0;
}

/* The value the new key gets, or 0 to keep the old key where it is. */
static int new_value(const rc_yaml *y, const rule *r, int value)
{
    yaml_node_t *v = N(y, value);
    if (r->act == MOVE || v->type != YAML_SCALAR_NODE)
        return value;
    const char *s = rc_yaml_scalar(v);
    size_t len = v->data.scalar.length;
    rc_buf b = RC_BUF_INIT;
    int id = value;
    switch (r->act) {
    case MAP_VALUE: {
        size_t n = strlen(s);
        for (const char *p = r->values; *p;) {
            const char *eq = strchr(p, '='), *end = strchr(p, ';');
            if (!end)
                end = p + strlen(p);
            if ((size_t)(eq - p) == n && !memcmp(p, s, n)) {
                rc_buf_add(&b, eq + 1, (size_t)(end - eq - 1));
                break;
            }
            p = *end ? end + 1 : end;
        }
        break;
    }
    case NO_SPACE:
        for (size_t i = 0; i < len; i++)
            if (s[i] != ' ')
                rc_buf_addc(&b, s[i]);
        break;
    case INVERT: {
        static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "on", NULL};
        static const char *const no[] = {"false", "False", "FALSE", "no", "No", "off", NULL};
        if (is_word(s, yes))
            rc_buf_adds(&b, "false");
        else if (is_word(s, no))
            rc_buf_adds(&b, "true");
        break;
    }
    case WRAP_TO:
        rc_buf_addf(&b, "START_DATE %s END_DATE", s);
        break;
    case IF_TRUE:
        rc_buf_adds(&b, r->values);
        break;
    default:
        break;
    }
    if (b.len)
        id = add_scalar(y, b.ptr, b.len, v->start_mark, v->end_mark);
    rc_buf_release(&b);
    return id;
}

static int is_true(const yaml_node_t *v)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "on", NULL};
    return v->type == YAML_SCALAR_NODE && is_word(rc_yaml_scalar(v), yes);
}

/* The old path as the file writes it: the top-level key as given. */
static const char *shown_path(const rc_yaml *y, const char *top_key, const char *canonical_path)
{
    const char *dot = strchr(canonical_path, '.');
    return rc_arena_printf(y->a, "%s%s", top_key, dot ? dot : "");
}

static void record(rc_legacy_changes *c, const rc_legacy_change *ch)
{
    RC_VEC_PUSH(c->v, c->n, c->cap);
    c->v[c->n++] = *ch;
}

/* The last segment of a dotted path. */
static const char *last_segment(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot ? dot + 1 : path;
}

/* Do two canonical paths have the same parent ("design.page.x", "design.page.y")? */
static int same_parent(const char *a, const char *b)
{
    size_t na = (size_t)(last_segment(a) - a), nb = (size_t)(last_segment(b) - b);
    return na == nb && !strncmp(a, b, na);
}

/* Apply one rule under one top-level section (key `top_key`, mapping `sec`). */
static void apply(const rc_yaml *y, const rule *r, const char *top_key, int sec,
                  rc_legacy_changes *out)
{
    /* walk to the old key's parent */
    const char *seg = strchr(r->old_path, '.') + 1;
    int parents[8], nparents = 0, map = sec;
    const char *next;
    for (; (next = strchr(seg, '.')) != NULL; seg = next + 1) {
        int i = find_pair(y, map, seg, (size_t)(next - seg));
        if (i < 0)
            return;
        parents[nparents++] = map;
        map = pair_at(y, map, i)->value;
        if (N(y, map)->type != YAML_MAPPING_NODE || nparents == (int)RC_ARRAY_LEN(parents))
            return;
    }
    int index = find_pair(y, map, seg, strlen(seg));
    if (index < 0)
        return;
    yaml_node_pair_t pr = *pair_at(y, map, index);
    yaml_mark_t at = N(y, pr.key)->start_mark;
    rc_legacy_change ch = {.key = pr.key, .value = pr.value,
                           .old_path = shown_path(y, top_key, r->old_path),
                           .version = r->version};
    /* locale_catalog holds 1.x keys, rendercv_settings 2.0-2.3 ones */
    if (!strcmp(top_key, "locale_catalog"))
        ch.version = V1;
    char canonical[16];
    snprintf(canonical, sizeof(canonical), "%.*s", (int)(strchr(r->old_path, '.') - r->old_path),
             r->old_path);

    if (r->act == MAP_VALUE && !strcmp(r->old_path, r->new_path[0])) {
        /* the key stays; an old value is renamed */
        int value = new_value(y, r, pr.value);
        if (value != pr.value) {
            ch.new_path[0] = r->new_path[0];
            ch.new_key = seg;
            ch.new_value = rc_yaml_scalar(N(y, value));
            record(out, &ch);
            pair_at(y, map, index)->value = value;
        }
        return;
    }
    if (r->act == GONE) {
        ch.note = r->note;
        record(out, &ch);
        remove_pair(y, map, index);
    } else if (r->act == DROP) {
        ch.note = r->note;
        record(out, &ch);
        remove_pair(y, map, index);
    } else if (r->act == IF_TRUE && !is_true(N(y, pr.value))) {
        ch.note = "false is the default";
        record(out, &ch);
        remove_pair(y, map, index);
    } else {
        /* every target must be free, or the old key stays out of the way */
        target t[3];
        size_t nt = 0;
        const char *taken = NULL;
        for (size_t i = 0; i < RC_ARRAY_LEN(r->new_path) && r->new_path[i]; i++) {
            if (locate(y, r->new_path[i], canonical, sec, at, &t[nt]) < 0) {
                taken = r->new_path[i];
                break;
            }
            if (find_pair(y, t[nt].map, t[nt].key, strlen(t[nt].key)) >= 0) {
                taken = r->new_path[i];
                break;
            }
            nt++;
        }
        if (taken) {
            ch.note = rc_arena_printf(y->a, "its v2.8 name '%s' is given too", taken);
            record(out, &ch);
            index = find_pair(y, map, seg, strlen(seg)); /* locate may have added nodes */
            remove_pair(y, map, index);
        } else {
            int value = new_value(y, r, pr.value);
            memcpy(ch.new_path, r->new_path, sizeof(ch.new_path));
            if (!r->new_path[1] && same_parent(r->old_path, r->new_path[0]))
                ch.new_key = last_segment(r->new_path[0]);
            if (value != pr.value)
                ch.new_value = rc_yaml_scalar(N(y, value));
            record(out, &ch);
            for (size_t i = 0; i < nt; i++) {
                const char *key = t[i].key;
                int kid = add_scalar(y, key, strlen(key), at, N(y, pr.key)->end_mark);
                if (kid)
                    yaml_document_append_mapping_pair(y->doc, t[i].map, kid, value);
            }
            index = find_pair(y, map, seg, strlen(seg));
            if (index >= 0)
                remove_pair(y, map, index);
        }
    }
    /* mappings the move left empty (design.text, design.margins.page) go too */
    for (int i = nparents - 1; i >= 0; i--) {
        yaml_node_t *m = N(y, map);
        if (m->data.mapping.pairs.top != m->data.mapping.pairs.start)
            break;
        yaml_node_t *pm = N(y, parents[i]);
        for (yaml_node_pair_t *p = pm->data.mapping.pairs.start; p < pm->data.mapping.pairs.top;
             p++)
            if (p->value == map) {
                remove_pair(y, parents[i], (int)(p - pm->data.mapping.pairs.start));
                break;
            }
        map = parents[i];
    }
}

/*
 * RenderCV 1.x's one-line entries: `name` and `details`; `label` since
 * 1.x changed it. In an entry with details, a name and no label, the name
 * is the label.
 */
static void one_line_labels(const rc_yaml *y, int cv, rc_legacy_changes *out)
{
    int i = find_pair(y, cv, "sections", 8);
    if (i < 0)
        return;
    yaml_node_t *secs = N(y, pair_at(y, cv, i)->value);
    if (secs->type != YAML_MAPPING_NODE)
        return;
    for (yaml_node_pair_t *s = secs->data.mapping.pairs.start; s < secs->data.mapping.pairs.top;
         s++) {
        yaml_node_t *list = N(y, s->value), *title = N(y, s->key);
        if (list->type != YAML_SEQUENCE_NODE || title->type != YAML_SCALAR_NODE)
            continue;
        for (yaml_node_item_t *it = list->data.sequence.items.start;
             it < list->data.sequence.items.top; it++) {
            int e = *it, name = find_pair(y, e, "name", 4);
            if (name < 0 || find_pair(y, e, "details", 7) < 0 || find_pair(y, e, "label", 5) >= 0)
                continue;
            yaml_node_pair_t *p = pair_at(y, e, name);
            yaml_node_t *k = N(y, p->key);
            int kid = add_scalar(y, "label", 5, k->start_mark, k->end_mark);
            if (!kid)
                continue;
            rc_legacy_change ch = {
                .key = p->key, .value = p->value, .version = V1, .new_key = "label",
                .old_path = rc_arena_printf(y->a, "cv.sections.%s[%d].name", rc_yaml_scalar(title),
                                            (int)(it - list->data.sequence.items.start)),
                .new_path = {"label"}};
            record(out, &ch);
            pair_at(y, e, name)->key = kid;
        }
    }
}

/* locale.language: an ISO code (RenderCV 2.3 and earlier) becomes the language's name. */
static void language_name(const rc_yaml *y, int locale, rc_legacy_changes *out)
{
    int i = find_pair(y, locale, "language", 8);
    if (i < 0)
        return;
    yaml_node_pair_t *p = pair_at(y, locale, i);
    yaml_node_t *v = N(y, p->value);
    if (v->type != YAML_SCALAR_NODE)
        return;
    const rc_locale *l = rc_locale_builtin(rc_yaml_scalar(v));
    if (!l || !l->iso639 || strcmp(l->iso639, rc_yaml_scalar(v)))
        return;
    int id = add_scalar(y, l->language, strlen(l->language), v->start_mark, v->end_mark);
    if (!id)
        return;
    rc_legacy_change ch = {.key = p->key, .value = p->value, .version = V2,
                           .old_path = "locale.language", .new_path = {"locale.language"},
                           .new_key = "language", .new_value = l->language};
    record(out, &ch);
    pair_at(y, locale, i)->value = id;
}

void rc_legacy_upgrade(const rc_yaml *y, rc_legacy_changes *out)
{
    memset(out, 0, sizeof(*out));
    yaml_node_t *root = yaml_document_get_root_node(y->doc);
    if (!root || root->type != YAML_MAPPING_NODE)
        return;
    /* the top-level sections, by id: the root's pairs may move while rules add keys */
    struct {
        const char *key, *canonical;
        int map;
    } found[RC_ARRAY_LEN(sections)];
    size_t nfound = 0;
    for (size_t s = 0; s < RC_ARRAY_LEN(sections); s++) {
        int i = find_pair(y, 1, sections[s].key, strlen(sections[s].key));
        if (i < 0)
            continue;
        int map = pair_at(y, 1, i)->value;
        if (N(y, map)->type != YAML_MAPPING_NODE)
            continue;
        found[nfound].key = sections[s].key;
        found[nfound].canonical = sections[s].canonical;
        found[nfound++].map = map;
    }
    for (size_t s = 0; s < nfound; s++) {
        for (size_t r = 0; r < RC_ARRAY_LEN(rules); r++) {
            size_t n = strlen(found[s].canonical);
            if (!strncmp(rules[r].old_path, found[s].canonical, n) && rules[r].old_path[n] == '.')
                apply(y, &rules[r], found[s].key, found[s].map, out);
        }
        if (!strcmp(found[s].canonical, "cv"))
            one_line_labels(y, found[s].map, out);
        if (!strcmp(found[s].canonical, "locale"))
            language_name(y, found[s].map, out);
    }
    /* rendercv_settings and locale_catalog: renamed where no new one is given */
    for (size_t s = 0; s < nfound; s++) {
        const char *key = found[s].key, *canonical = found[s].canonical;
        if (!strcmp(key, canonical) || find_pair(y, 1, canonical, strlen(canonical)) >= 0)
            continue;
        int i = find_pair(y, 1, key, strlen(key));
        yaml_node_pair_t *p = pair_at(y, 1, i);
        yaml_node_t *k = N(y, p->key);
        int kid = add_scalar(y, canonical, strlen(canonical), k->start_mark, k->end_mark);
        if (!kid)
            continue;
        rc_legacy_change ch = {.key = p->key, .value = p->value, .old_path = key,
                               .new_path = {canonical}, .new_key = canonical,
                               .version = !strcmp(key, "locale_catalog") ? V1 : V2};
        record(out, &ch);
        pair_at(y, 1, i)->key = kid;
    }
}

static int by_position(const void *a, const void *b)
{
    const rc_legacy_change *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

void rc_legacy_sort(const rc_yaml *y, rc_legacy_changes *c)
{
    for (size_t i = 0; i < c->n; i++) {
        yaml_mark_t m = N(y, c->v[i].key)->start_mark;
        c->v[i].line = (int)m.line + 1;
        c->v[i].col = (int)m.column + 1;
    }
    if (c->n)
        qsort(c->v, c->n, sizeof(*c->v), by_position);
}

void rc_legacy_warn(const rc_yaml *y, rc_legacy_changes *c)
{
    if (!c->n)
        return;
    rc_legacy_sort(y, c);
    int v1 = 0, v2 = 0;
    size_t renamed = 0, ignored = 0;
    rc_buf why = RC_BUF_INIT;
    for (size_t i = 0; i < c->n; i++) {
        const rc_legacy_change *ch = &c->v[i];
        v1 |= !strcmp(ch->version, V1);
        v2 |= !strcmp(ch->version, V2);
        if (ch->new_path[0]) {
            renamed++;
        } else if (ignored++ < 4) {
            rc_buf_addf(&why, "%s'%s' (line %d: %s)", ignored > 1 ? ", " : "", ch->old_path,
                        ch->line, ch->note);
        }
    }
    if (ignored > 4)
        rc_buf_addf(&why, " and %zu more", ignored - 4);
    rc_pos pos = rc_yaml_pos(y, N(y, c->v[0].key));
    rc_warning(y->d, pos,
               "this file is written for RenderCV %s: %zu of its keys are read under their v2.8 "
               "names%s%s; 'rescomp --upgrade %s' prints it in the v2.8 form",
               v1 ? V1 : v2 ? V2 : V26, renamed,
               ignored ? ", and these are ignored: " : "", ignored ? rc_buf_str(&why) : "",
               y->file);
    rc_buf_release(&why);
}

void rc_legacy_changes_release(rc_legacy_changes *c)
{
    free(c->v);
    memset(c, 0, sizeof(*c));
}

/* ---- habits of RenderCV files in the wild ---------------------------------- */

int rc_legacy_photo_url(rc_diags *d, rc_text *photo)
{
    if (!photo->s || (strncmp(photo->s, "http://", 7) && strncmp(photo->s, "https://", 8)))
        return 0;
    rc_warning(d, photo->pos, "cv.photo is a URL, which RenderCV 2.7 downloads; rescomp fetches "
               "nothing from the network, so the photo is left out (download it and give its "
               "file name)");
    photo->s = NULL;
    return 1;
}

int rc_legacy_custom_theme(rc_diags *d, const char *cv_file, rc_text *theme)
{
    char *dir = rc_files_dir_of(cv_file);
    char *folder = dir ? rc_path_join(dir, theme->s) : NULL;
    struct stat st;
    int found = folder && strchr(theme->s, '/') == NULL && stat(folder, &st) == 0 &&
                S_ISDIR(st.st_mode);
    free(folder);
    free(dir);
    if (!found)
        return 0;
    rc_warning(d, theme->pos, "theme '%s' is a custom RenderCV theme: its folder holds Typst "
               "templates, which rescomp does not read; the CV is set in 'classic', which "
               "'rendercv create-theme' starts from (set design.theme to the one yours derives "
               "from)", theme->s);
    theme->s = "classic";
    return 1;
}
