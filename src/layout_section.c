/*
 * layout_section: a section on the vertical list: its title in the
 * theme's style, then its entries, built and set one at a time with
 * the widths they share (the date column, hanging labels) measured first.
 */
#include "layout_parts.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- sections ------------------------------------------------------------ */

/* A horizontal rule as a draw of a line: x, y (top, from the baseline), width. */
static void rule_draw(line *l, rc_scaled x, rc_scaled y, rc_scaled w, rc_scaled h, uint32_t color)
{
    rc_draw *d = line_add(l, RC_DRAW_RULE);
    d->x = x;
    d->y = y;
    d->w = w > 0 ? w : 0;
    d->h = h;
    d->color = color;
}

/*
 * A section title in one of RenderCV's eight types: left or centred, with
 * a rule beside it (partial), under it (full, or centred partial), a thick
 * bar in the date column (moderncv), or none. `colw` is the section's date
 * column, where moderncv's bar goes.
 */
static void emit_section_title(ctx *c, const rc_section *sec, int first, rc_scaled colw)
{
    const rc_style *st = c->st;
    const rc_title_type type = st->title_type;
    /* Sections like to start a page; an author may insist on it. */
    if (sec->nentries && sec->entries[0].page_break_before)
        rc_vlist_add_penalty(&c->vl, RC_EJECT_PENALTY);
    else if (!first)
        rc_vlist_add_penalty(&c->vl, -100);
    /*
     * RenderCV's space above a title replaces the space below what comes
     * before it (Typst's weak spacing): from that baseline to the title's
     * capitals; below the header, the header's space_below_connections.
     */
    rc_scaled space = first ? c->header_gap : st->section_space_before;
    rc_vlist_add_glue(&c->vl, space, vspace_shrink(st, space));
    c->vl.after_box = 0;

    int centered = type >= RC_TITLE_CENTERED_WITHOUT_LINE;
    rc_scaled bar = type == RC_TITLE_MODERNCV ? (colw > 0 ? colw : RC_PT(60)) : 0;
    rc_scaled indent = bar ? bar + st->date_column_gutter : 0;
    rc_para p;
    rc_para_init(&p, centered ? RC_ALIGN_CENTER : RC_ALIGN_LEFT, sec->key.pos);
    rc_para_style ps = body_style(c, st->section_title.bold ? RC_STYLE_BOLD : 0);
    ps.family = c->fonts->role_family[RC_ROLE_SECTION_TITLES];
    ps.smallcaps = st->section_title.smallcaps;
    ps.size = st->section_title.size;
    ps.color = st->section_title.color;
    ps.align = p.align;
    ps.hyphenate = 0;
    ps.node = add_node(c, RC_ST_H2, c->sect);
    add_spans(c, &p, parse_text(c, sec->title), &ps);
    lines ls = {0};
    rc_scaled w = c->text_width - indent;
    set_paragraph(c, &p, &w, 1, 0, &ls);
    /*
     * RenderCV's rules beside a title: a partial line sits on the
     * baseline (an inline box in classic, a grid cell aligned to the
     * bottom when centred); centred partial lines on both sides and
     * moderncv's bar stand at half the capitals' height (Typst's
     * `horizon`). The gap beside the title is 0.3em.
     */
    const rc_scaled thick = st->section_rule_thickness;
    const rc_scaled cap = (rc_scaled)((int64_t)ps.size * st->cap_height / 1000);
    const rc_scaled on_baseline = -thick, mid = -cap / 2 - thick / 2;
    const rc_scaled gap = ps.size * 3 / 10;
    for (size_t k = 0; k < ls.n; k++) {
        line *l = &ls.v[k];
        for (size_t j = 0; j < l->n; j++)
            l->v[j].x += indent;
        rc_scaled x0 = indent + (centered ? (c->text_width - indent - l->width) / 2 : 0);
        rc_scaled x1 = x0 + l->width;
        if (k == 0 && type == RC_TITLE_WITH_PARTIAL_LINE)
            rule_draw(l, x1 + gap, on_baseline, c->text_width - x1 - gap, thick, ps.color);
        if (k == 0 && (type == RC_TITLE_CENTERED_WITH_PARTIAL_LINE ||
                       type == RC_TITLE_CENTERED_WITH_CENTERED_PARTIAL_LINE)) {
            rc_scaled y = type == RC_TITLE_CENTERED_WITH_PARTIAL_LINE ? on_baseline : mid;
            rule_draw(l, 0, y, x0 - gap, thick, ps.color);
            rule_draw(l, x1 + gap, y, c->text_width - x1 - gap, thick, ps.color);
        }
        if (k == 0 && type == RC_TITLE_MODERNCV)
            rule_draw(l, 0, mid, bar, thick, ps.color);
        if (k > 0)
            rc_vlist_add_penalty(&c->vl, RC_INF_PENALTY);
        rc_vitem *box = add_line_box(c, l, l->height + st->line_gap);
        if (k == 0) {
            rc_draw bm = {0};
            bm.kind = RC_DRAW_BOOKMARK;
            bm.y = -l->height;
            bm.text = sec->title;
            rc_vbox_add(&c->vl, box, &bm);
        }
    }
    /* A rule under the title, kept with it and with the first entry. */
    rc_scaled under = 0, under_x = 0;
    if (type == RC_TITLE_WITH_FULL_LINE || type == RC_TITLE_CENTERED_WITH_FULL_LINE) {
        under = c->text_width;
    }
    lines_release(&ls);
    rc_para_release(&p);
    if (under > 0) {
        rc_vlist_add_penalty(&c->vl, RC_INF_PENALTY);
        /* RenderCV: v(0.3em of the body), then the rule */
        rc_vlist_add_glue(&c->vl, st->body_size * 3 / 10, 0);
        c->vl.after_box = 0;
        rc_vitem *rule = rc_vlist_add_box(&c->vl, thick, 0, 0);
        rc_draw d = {0};
        d.kind = RC_DRAW_RULE;
        d.x = under_x;
        d.y = -thick;
        d.w = under;
        d.h = thick;
        d.color = ps.color;
        rc_vbox_add(&c->vl, rule, &d);
        c->vl.after_box = 0; /* the first entry sits a fixed space below the rule */
    }
    /*
     * From the title's baseline (or its rule) to the first entry's
     * capitals: RenderCV's v(space_below - 0.5em) and Typst's block
     * spacing, measured in its PDFs as 0.625em of the title.
     */
    rc_scaled below = st->section_space_after_rule + ps.size / 8;
    rc_vlist_add_penalty(&c->vl, RC_INF_PENALTY);
    rc_vlist_add_glue(&c->vl, below, 0);
    c->vl.after_box = 0;
}

/*
 * Labelled text paragraphs of a section (bibliography items) share one
 * hanging indent: the widest label plus a gap, so their texts align.
 * label_width: the widest of `widest` and an entry's labels.
 */
static rc_scaled label_width(ctx *c, const entry_parts *e, rc_scaled widest)
{
    rc_para_style ps = body_style(c, 0);
    for (size_t k = 0; k < e->nmain; k++) {
        const mpara *m = &e->main[k];
        if (!m->label || m->bullet || m->indent)
            continue;
        rc_para p;
        rc_para_init(&p, RC_ALIGN_LEFT, m->p.pos);
        add_spans(c, &p, literal(c, m->label, 0, NULL), &ps);
        rc_scaled w = rc_para_natural_width(&p, 0, p.n);
        widest = w > widest ? w : widest;
        rc_para_release(&p);
    }
    return widest;
}

/* Hang an entry's labelled paragraphs by the section's widest label. */
static void hang_labels(entry_parts *e, rc_scaled widest)
{
    for (size_t k = 0; k < e->nmain; k++) {
        mpara *m = &e->main[k];
        if (m->label && !m->bullet && !m->indent)
            m->hang = widest + LABEL_GAP;
    }
    for (size_t k = 0; k < e->nmain; k++)
        if (e->main[k].hang)
            e->main[k].indent = e->main[k].hang;
}

/* Bytes an entry's built paragraphs hold. */
static size_t parts_bytes(const entry_parts *e)
{
    size_t n = e->cap * sizeof(mpara);
    for (size_t i = 0; i < e->nmain; i++)
        n += rc_para_bytes(&e->main[i].p) + (e->main[i].side ? rc_para_bytes(e->main[i].side) : 0);
    for (size_t i = 0; i < e->nside; i++)
        n += rc_para_bytes(&e->side[i]);
    return n;
}

/*
 * Build entry i again, to set it, after it was built to measure the
 * section and dropped; its messages were given the first time.
 */
static void rebuild_entry(ctx *c, const rc_section *sec, size_t i, entry_parts *e,
                          rc_scaled widest_label)
{
    rc_diags quiet, *d = c->d;
    rc_diags_init(&quiet);
    c->d = &quiet;
    build_entry(c, &sec->entries[i], i, sec->nentries, e);
    c->d = d;
    rc_diags_release(&quiet);
    hang_labels(e, widest_label);
}

/* Make `scratch` the arena of what follows; returns the document's, to put back. */
static rc_arena *scratch_arena(ctx *c, rc_arena *scratch)
{
    rc_arena *doc = c->a;
    c->a = scratch;
    return doc;
}

/* Whether a section is one of sections.show_time_spans_in (by key or title, any case). */
static int shows_time_spans(ctx *c, const rc_section *sec)
{
    for (size_t i = 0; i < c->st->ntime_span_sections; i++) {
        const char *want = c->st->time_span_sections[i];
        const char *have[2] = {sec->key.s, sec->title};
        for (int k = 0; k < 2; k++) {
            const char *a = want, *b = have[k];
            while (*a && *b) {
                char x = (char)tolower((unsigned char)(*a == '_' ? ' ' : *a));
                char y = (char)tolower((unsigned char)(*b == '_' ? ' ' : *b));
                if (x != y)
                    break;
                a++, b++;
            }
            if (b && !*a && !*b)
                return 1;
        }
    }
    return 0;
}

/*
 * Bytes of built paragraphs a section keeps between measuring its entries
 * (the date column and the degree column take the widest of the section)
 * and setting them. An ordinary section keeps all: each entry is built
 * once. In a huge one (thousands of entries) the entries beyond this are
 * dropped once measured and built again when set, so that memory is in
 * proportion to an entry, not to the section.
 */
#define SECTION_KEPT_MAX ((size_t)4 << 20)

/*
 * What building an entry allocates (its texts' markup spans, expanded
 * templates, dates) is needed only until the entry is set, so it goes into
 * a scratch arena: `kept_mem` for the entries kept built, freed with the
 * section, and `one_mem` for one dropped entry at a time. The draws copy
 * the little of it they point to (a link's target, the written text of
 * small capitals): the document's arena holds only what the pages show.
 */
void emit_section(ctx *c, const rc_section *sec)
{
    c->time_spans = shows_time_spans(c, sec);
    c->sect = add_node(c, RC_ST_SECT, RC_NODE_ROOT);
    c->sect_list = 0;
    entry_parts *parts = rc_xcalloc(sec->nentries ? sec->nentries : 1, sizeof(*parts));
    unsigned char *dropped = rc_xcalloc(sec->nentries ? sec->nentries : 1, 1);
    rc_arena kept_mem, one_mem;
    rc_arena_init(&kept_mem);
    rc_arena_init(&one_mem);
    size_t kept = 0;
    rc_scaled colw = 0, widest_label = -1;
    /*
     * The degree column is entries.degree_width wide, as in RenderCV, but
     * never narrower than the longest word of a degree in the section (up
     * to a quarter of the text): "Master of Philosophy" wraps in it rather
     * than running into the text beside it.
     */
    rc_scaled degw = c->st->degree_width, deg_whole = 0;
    for (size_t i = 0; i < sec->nentries; i++) {
        rc_arena *mem = kept > SECTION_KEPT_MAX ? &one_mem : &kept_mem;
        rc_arena *doc = scratch_arena(c, mem);
        build_entry(c, &sec->entries[i], i, sec->nentries, &parts[i]);
        for (size_t k = 0; k < parts[i].nside; k++) {
            rc_scaled w = side_width(&parts[i].side[k]);
            colw = w > colw ? w : colw;
        }
        for (size_t k = 0; k < parts[i].nmain; k++) {
            if (!parts[i].main[k].side)
                continue;
            rc_scaled w = side_width(parts[i].main[k].side);
            colw = w > colw ? w : colw;
        }
        if (parts[i].degree) {
            rc_scaled whole, w = widest_word(c, parts[i].degree, parts[i].degree_pos, &whole);
            degw = w > degw ? w : degw;
            deg_whole = whole > deg_whole ? whole : deg_whole;
        }
        widest_label = label_width(c, &parts[i], widest_label);
        c->a = doc;
        kept += parts_bytes(&parts[i]);
        if (kept + kept_mem.used_total > SECTION_KEPT_MAX) {
            kept = SECTION_KEPT_MAX + 1; /* the rest go one at a time */
            parts_release(&parts[i]);
            rc_arena_release(&one_mem);
            dropped[i] = 1;
        }
    }
    /*
     * RenderCV's date column is a grid column of entries.date_and_location_width
     * whatever its text; the latex theme fits it to the widest date instead
     * (entries.fit_date_and_location_column), up to that width. moderncv's
     * column is fixed too, and every entry, text and one-line entries too,
     * stands in the main column right of it.
     */
    if (colw > c->st->date_column_max || (colw > 0 && !c->st->date_column_fit)) {
        /*
         * A date as wide as the column would stand 0.1cm from the text
         * beside it, where extractors (pdfminer) read the two as one line
         * and a word broken there no longer ends it: such a column keeps an
         * em between them, growing by up to an em. RenderCV's examples
         * leave more than that free, so their geometry does not move.
         */
        rc_scaled widest = colw < c->st->date_column_max ? colw : c->st->date_column_max;
        rc_scaled room = c->st->body_size - c->st->date_column_gutter;
        colw = c->st->date_column_max;
        if (!c->st->date_column_left && room > 0 && widest + room > colw)
            colw = widest + room;
    }
    if (c->st->date_column_left)
        colw = c->st->date_column_max;
    if (degw > c->text_width / 4)
        degw = c->text_width / 4 > c->st->degree_width ? c->text_width / 4 : c->st->degree_width;
    /* a degree that wraps or fills its column keeps an em from the text, as a date does */
    rc_scaled room = c->st->body_size - c->st->date_column_gutter;
    if (room > 0 && deg_whole + room > degw)
        degw += room;
    for (size_t i = 0; i < sec->nentries; i++)
        if (!dropped[i])
            hang_labels(&parts[i], widest_label);
    size_t start = c->vl.n;
    emit_section_title(c, sec, c->nsections_done++ == 0, colw);
    for (size_t i = 0; i < sec->nentries; i++) {
        if (dropped[i]) {
            rc_arena *doc = scratch_arena(c, &one_mem);
            rebuild_entry(c, sec, i, &parts[i], widest_label);
            c->a = doc;
        }
        emit_entry(c, &parts[i], colw, degw, i == 0);
        parts_release(&parts[i]);
        rc_arena_release(&one_mem);
    }
    rc_arena_release(&kept_mem);
    free(dropped);
    free(parts);
    if (!c->st->section_page_break)
        keep_together(c, start);
}
