/*
 * layout_entry_emit: an entry's parts (built by layout_entry.c) set on the
 * vertical list: the main column beside the date column (and the degree
 * column), sharing baselines, with bullets and labels hung in the margin,
 * and the entry kept on one page when the style asks for it.
 */
#include "layout_parts.h"

#include <stdlib.h>
#include <string.h>

/* Draw the bullet or number label of a hanging paragraph's first line. */
static void add_marker(ctx *c, const mpara *m, line *l)
{
    rc_para_style ps = body_style(c, 0);
    ps.ligatures = 0; /* the label is drawn letter by letter, without its kerning */
    rc_para p;
    rc_para_init(&p, RC_ALIGN_LEFT, m->p.pos);
    char buf[8] = {0};
    const char *text = m->label;
    rc_scaled raise = 0;
    /* a bullet stands space_between_bullet_and_text from its text, a label LABEL_GAP */
    rc_scaled gap = LABEL_GAP;
    if (!text) {
        rc_utf8_encode(bullet_glyph(c->st, m->bullet, &ps.size, &raise), buf);
        text = buf;
        gap = c->st->bullet_gap;
    }
    add_spans(c, &p, literal(c, text, 0, NULL), &ps);
    rc_scaled w = rc_para_natural_width(&p, 0, p.n);
    if (p.nruns) {
        rc_draw *d = line_add(l, RC_DRAW_TEXT);
        const rc_run *r = &p.runs[0];
        d->face = r->face;
        d->size = r->size;
        d->color = c->st->text_color;
        d->cps = rc_arena_memdup(c->a, r->cps, r->n, sizeof(uint32_t)); /* p's go with it */
        d->n = r->n;
        d->node = m->lbl;
        d->x = -gap - w; /* hanging left of the text, which starts at 0 */
        d->y = -raise;
        /*
         * Typst sets a list's marker and its text side by side, their tops
         * (capitals) aligned: a marker taller than the text (RenderCV's 13pt
         * bullet) hangs below the text's baseline, the row is as tall as the
         * marker, its raise aside. So the line's box is the marker's, and
         * the text stands `lift` above its baseline (emit_entry takes the
         * lift off the next line of the same paragraph).
         */
        rc_scaled top = (rc_scaled)((int64_t)ps.size * c->st->cap_height / 1000);
        if (top > l->height) {
            l->lift = top - l->height;
            for (size_t j = 0; j + 1 < l->n; j++)
                l->v[j].y -= l->lift;
            l->height = top;
        }
        /* The marker comes first in reading order, before the line's text. */
        rc_draw marker = *d;
        memmove(l->v + 1, l->v, (l->n - 1) * sizeof(rc_draw));
        l->v[0] = marker;
    }
    rc_para_release(&p);
}

/* Natural width of a side paragraph (its widest unbroken form). */
rc_scaled side_width(const rc_para *p)
{
    return rc_para_natural_width(p, 0, p->n);
}

/* The degree column's text as a ragged, unhyphenated paragraph. */
static void degree_para(ctx *c, rc_para *p, const char *markup, rc_pos pos, uint32_t node)
{
    rc_para_init(p, RC_ALIGN_LEFT, pos);
    rc_para_style ps = body_style(c, 0);
    ps.align = RC_ALIGN_LEFT;
    ps.hyphenate = 0;
    ps.node = node;
    add_spans(c, p, parse_text(c, markup), &ps);
}

/* The degree column's text set in a column `width` wide. */
static void column_text(ctx *c, const char *markup, rc_pos pos, uint32_t node, rc_scaled width,
                        lines *out)
{
    rc_para p;
    degree_para(c, &p, markup, pos, node);
    set_paragraph(c, &p, &width, 1, 0, out);
    rc_para_release(&p);
}

/* The widest word of a degree: the column must hold it ("Philosophy"). */
rc_scaled widest_word(ctx *c, const char *markup, rc_pos pos, rc_scaled *whole)
{
    rc_para p;
    degree_para(c, &p, markup, pos, RC_NODE_NONE);
    *whole = rc_para_natural_width(&p, 0, p.n);
    rc_scaled widest = 0;
    size_t from = 0;
    for (size_t i = 0; i <= p.n; i++) {
        if (i < p.n && p.items[i].type != RC_ITEM_GLUE)
            continue;
        rc_scaled w = rc_para_natural_width(&p, from, i);
        widest = w > widest ? w : widest;
        from = i + 1;
    }
    rc_para_release(&p);
    return widest;
}

/*
 * Set an entry with a date column `colw` wide, and append its lines to
 * the vertical list. `first` entries of a section stay with the title.
 * Entries stand `side_space` in from both margins; an education entry may
 * have a degree column on its left (RenderCV's classic).
 */
/*
 * RenderCV's allow_page_break: false for entries or sections. The page
 * builder may not break the vertical list from its first box at or after
 * `from` to its end, so the whole block moves to the next page when it
 * does not fit; unless it is taller than nine tenths of a page, where
 * keeping it whole would only leave a page empty before it.
 */
void keep_together(ctx *c, size_t from)
{
    while (from < c->vl.n && c->vl.v[from].kind != RC_V_BOX)
        from++;
    int64_t height = 0; /* a paragraph of 100,000 words is taller than 2^31 sp */
    for (size_t i = from; i < c->vl.n; i++) {
        const rc_vitem *it = &c->vl.v[i];
        height += it->kind == RC_V_BOX ? (int64_t)it->height + it->depth
                  : it->kind == RC_V_GLUE ? it->size
                                          : 0;
    }
    rc_scaled room = c->st->page_height - c->st->margin_top - c->st->margin_bottom;
    if (height > (int64_t)room / 10 * 9)
        return;
    for (size_t i = from; i < c->vl.n; i++)
        if (c->vl.v[i].kind == RC_V_PENALTY && c->vl.v[i].penalty > RC_EJECT_PENALTY)
            c->vl.v[i].penalty = RC_INF_PENALTY;
}

/* The paragraph's width set on one line: its boxes and glue at their natural size. */
static int64_t natural_width(const rc_para *p)
{
    int64_t w = 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->items[i].type == RC_ITEM_BOX || p->items[i].type == RC_ITEM_GLUE)
            w += p->items[i].width;
    return w;
}

/*
 * Before the main column's text on a line, a space after the columns left
 * of it (the degree, moderncv's dates): an extractor that reads the content
 * stream and places spaces by how far a text starts from the one before it
 * (pypdf: 15 spaces) would otherwise read a short date glued to the title
 * beside it ("2019tinykv"); a date column on the right starts far enough
 * from its line's start, and a hyphen ending the main text stays last. The
 * space is decoration (no structure node), drawn in the gap between the
 * columns, so the tagged text and what a reader sees are unchanged.
 */
static void column_gap(ctx *c, line *l)
{
    static const uint32_t space = ' ';
    for (size_t j = l->n; j-- > 0;) {
        const rc_draw *t = &l->v[j];
        if (t->kind != RC_DRAW_TEXT || !t->n || t->rtl)
            continue;
        if (t->cps[t->n - 1] == ' ')
            return;
        rc_draw s = {0};
        s.kind = RC_DRAW_TEXT;
        s.x = t->x + t->w;
        s.y = t->y;
        s.color = t->color;
        s.node = RC_NODE_NONE;
        s.face = t->face;
        s.size = t->size;
        s.w = milli_em(rc_face_advance(c->fonts->faces[t->face], ' '), t->size);
        s.cps = &space;
        s.n = 1;
        *line_add(l, RC_DRAW_TEXT) = s;
        return;
    }
}

void emit_entry(ctx *c, entry_parts *e, rc_scaled colw, rc_scaled degw, int first)
{
    size_t start = c->vl.n;
    const rc_style *st = c->st;
    const rc_scaled width = c->text_width - 2 * st->side_space;
    lines side = {0}, main = {0}, degree = {0};
    for (size_t i = 0; i < e->nside; i++) {
        rc_scaled w = colw > 0 ? colw : width;
        set_paragraph(c, &e->side[i], &w, 1, (int)i, &side);
    }
    rc_scaled degree_w = e->degree ? degw + st->date_column_gutter : 0;
    if (e->degree)
        column_text(c, e->degree, e->degree_pos, e->degree_node, degw, &degree);
    rc_scaled narrow = width - degree_w - (colw > 0 ? colw + st->date_column_gutter : 0);
    /* moderncv's look: the date column on the left, the body beside it all the way down. */
    int left = st->date_column_left && colw > 0;
    rc_scaled body_x = st->side_space + degree_w + (left ? colw + st->date_column_gutter : 0);
    rc_scaled *space_before = rc_xcalloc(e->nmain + 1, sizeof(rc_scaled));
    for (size_t i = 0; i < e->nmain; i++) {
        mpara *m = &e->main[i];
        /*
         * RenderCV's grid: the first row holds as many of the main column's
         * paragraphs as the date column has lines (at least one), all of
         * them beside the dates and so narrower; the second row, the rest,
         * starts below the taller of the two columns at the full width.
         * entries.short_second_row puts every paragraph in the first row.
         */
        size_t row1 = e->nside > 0 ? e->nside : 1;
        int beside = colw > 0 && !left && (st->short_second_row || i < row1);
        if (colw > 0 && !left && !st->short_second_row && i == row1)
            while (main.n < side.n) { /* the second row starts below the dates */
                RC_VEC_PUSH(main.v, main.n, main.cap);
                main.v[main.n++] = (line){0};
            }
        size_t nnarrow = 0;
        if (m->side)
            nnarrow = 1; /* its own date stands beside its first line */
        int all_narrow = left || beside;
        size_t nw = nnarrow + 1;
        rc_scaled *widths = rc_xmalloc(nw * sizeof(rc_scaled));
        for (size_t k = 0; k < nw; k++)
            widths[k] = (k < nnarrow || all_narrow ? narrow : width - degree_w) - m->indent;
        /*
         * A balanced title that needs more than its first line keeps to
         * that line's width, as in a table's cell: its lines are then of
         * one length, none under the date column.
         */
        if (m->p.balance && natural_width(&m->p) > widths[0])
            for (size_t k = 1; k < nw; k++)
                widths[k] = widths[0];
        size_t before = main.n;
        set_paragraph(c, &m->p, widths, nw, (int)i, &main);
        free(widths);
        if (m->side && main.n > before && colw > 0) {
            lines sl = {0};
            set_paragraph(c, m->side, &colw, 1, 0, &sl);
            for (size_t j = 0; sl.n && j < sl.v[0].n; j++) {
                rc_draw *d = line_add(&main.v[before], sl.v[0].v[j].kind);
                *d = sl.v[0].v[j];
                /* the body shift below moves it too: take it off here */
                d->x += st->side_space + (left ? 0 : width - colw) - m->indent - body_x;
            }
            lines_release(&sl);
        }
        if (main.n > before && (m->bullet || m->label))
            add_marker(c, m, &main.v[before]);
        for (size_t k = before; k < main.n; k++)
            for (size_t j = 0; j < main.v[k].n; j++)
                main.v[k].v[j].x += m->indent + body_x;
        space_before[i] = m->space_before;
    }

    /* The entry is as tall as its tallest column: no column's lines are cut. */
    size_t n = main.n > side.n ? main.n : side.n;
    if (degree.n > n)
        n = degree.n;
    for (size_t k = 0; k < n; k++) {
        line merged = {0};
        const line *ml = k < main.n ? &main.v[k] : NULL;
        const line *sl = k < side.n ? &side.v[k] : NULL;
        rc_scaled h = (rc_scaled)((int64_t)st->body_size * st->cap_height / 1000), dp = 0;
        /* the other columns' text stands with the main column's, above a tall marker */
        const rc_scaled lift = ml ? ml->lift : 0;
        if (k < degree.n) {
            for (size_t j = 0; j < degree.v[k].n; j++) {
                rc_draw *d = line_add(&merged, RC_DRAW_TEXT);
                *d = degree.v[k].v[j];
                d->x += st->side_space;
                d->y -= lift;
            }
        }
        /*
         * The draws in reading order, which is left to right: extractors
         * that follow the content stream (pdf.js, PDFBox) would otherwise
         * read a left date column's text glued to the end of the body's
         * line ("Munich, GermanySept 2016").
         */
        for (int pass = 0; pass < 2; pass++) {
            if (ml && pass == left) {
                column_gap(c, &merged);
                for (size_t j = 0; j < ml->n; j++)
                    *line_add(&merged, RC_DRAW_TEXT) = ml->v[j];
                h = ml->height > h ? ml->height : h;
                dp = ml->depth > dp ? ml->depth : dp;
            }
            if (sl && pass != left) {
                for (size_t j = 0; j < sl->n; j++) {
                    rc_draw *d = line_add(&merged, RC_DRAW_TEXT);
                    *d = sl->v[j];
                    d->x += st->side_space + (left ? 0 : width - colw);
                    d->y -= lift;
                }
            }
        }
        merged.height = h;
        merged.depth = dp;

        if (k > 0 || !first) {
            /*
             * Page-break penalties: an entry's first three lines stay
             * together (and with the section title), a short entry is
             * never split, and a paragraph keeps two lines at each end
             * of a break where it can (TeX's club and widow penalties).
             */
            int pen;
            if (k == 0)
                pen = e->page_break_before ? RC_EJECT_PENALTY : -50;
            else if (k < 3 || n <= 5)
                pen = RC_INF_PENALTY;
            else if (ml && ml->first)
                pen = 0;
            else if (ml && (ml->last || (k >= 1 && main.v[k - 1].first)))
                pen = 150;
            else
                pen = 0;
            rc_vlist_add_penalty(&c->vl, pen);
            /*
             * RenderCV's space between entries, from the last baseline to
             * the next entry's capitals; the interline glue adds its
             * leading (Typst's block spacing is both).
             */
            rc_scaled gap = e->compact ? st->text_entry_space : st->entry_space;
            if (k == 0)
                rc_vlist_add_glue(&c->vl, gap, vspace_shrink(st, gap));
            else if (ml && ml->first && space_before[ml->para])
                rc_vlist_add_glue(&c->vl, space_before[ml->para],
                                  vspace_shrink(st, space_before[ml->para]));
        }
        /*
         * Typst's leading: from this line's top (a 13pt bullet's) to the
         * last baseline; within a paragraph, to its text's baseline, which
         * stood above a tall marker (add_marker).
         */
        rc_scaled skip = merged.height + st->line_gap > st->body_leading
                             ? merged.height + st->line_gap
                             : st->body_leading;
        if (ml && !ml->first && k > 0)
            skip -= main.v[k - 1].lift;
        add_line_box(c, &merged, skip);
        free(merged.v);
    }
    free(space_before);
    lines_release(&main);
    lines_release(&side);
    lines_release(&degree);
    if (!st->entry_page_break)
        keep_together(c, start);
}
