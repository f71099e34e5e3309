/*
 * layout_header: the CV's header on the vertical list: the name, the
 * headline, the connections (e-mail, phone, website, social networks, with
 * their icons) and the photo beside them.
 */
#include "layout_parts.h"

#include "files.h"
#include "image.h"
#include "phone.h"

#include <string.h>

/* ---- header -------------------------------------------------------------- */

/*
 * The URL and the shown text of a social network account: as RenderCV
 * shows it, the user name (Google Scholar's is an opaque id: the
 * network's name instead).
 */
static void social_link(ctx *c, const rc_social *s, const char **url, const char **shown)
{
    *url = rc_social_url(c->a, s);
    *shown = strcmp(s->network.s, "Google Scholar") == 0 ? s->network.s : s->username.s;
}

/* Text of a header role (name, headline, connections) in the header's alignment. */
static rc_para_style role_style(ctx *c, const rc_role *role, unsigned style)
{
    rc_para_style ps = body_style(c, style | (role->bold ? RC_STYLE_BOLD : 0));
    ps.size = role->size;
    ps.color = role->color;
    ps.link_color = role->color;
    ps.smallcaps = role->smallcaps;
    ps.family = c->fonts->role_family[role->font];
    ps.align = c->st->header_align == RC_ALIGN_JUSTIFY ? RC_ALIGN_LEFT : c->st->header_align;
    ps.hyphenate = 0; /* names and addresses are never hyphenated */
    return ps;
}

/* The glue just added, made `width` wide and rigid. */
static void fixed_glue(rc_para *p, rc_scaled width)
{
    if (p->n && p->items[p->n - 1].type == RC_ITEM_GLUE) {
        /*
         * Its stretch stays: in a centred line it is the -ragged that
         * takes back the ragged end's stretch where the line goes on
         * (build.c, space_glue); without it a wrapped header's first line
         * spread its connections over the whole measure.
         */
        rc_item *g = &p->items[p->n - 1];
        g->width = width;
        g->shrink = 0;
    }
}

/*
 * RenderCV's separator goes with the line break after it: a line of
 * connections that is not the last ends with its last connection, and
 * moves to where it would stand without the separator and the space
 * before it (centred: by half of that).
 */
static void drop_separator_at_break(ctx *c, line *ln, rc_align align)
{
    const char *sep = c->st->connection_separator;
    rc_draw *last = NULL;
    for (size_t j = 0; j < ln->n; j++)
        if (ln->v[j].kind == RC_DRAW_TEXT && (!last || ln->v[j].x > last->x))
            last = &ln->v[j];
    if (!*sep || !last || last->node != RC_NODE_NONE)
        return;
    rc_scaled end = 0; /* where the rest of the line ends */
    for (size_t j = 0; j < ln->n; j++)
        if (&ln->v[j] != last && ln->v[j].kind == RC_DRAW_TEXT && ln->v[j].x + ln->v[j].w > end)
            end = ln->v[j].x + ln->v[j].w;
    rc_scaled gone = last->x + last->w - end;
    size_t at = (size_t)(last - ln->v); /* the others keep their order: it is reading order */
    memmove(last, last + 1, (ln->n - at - 1) * sizeof(*last));
    ln->n--;
    rc_scaled shift = align == RC_ALIGN_CENTER ? gone / 2 : align == RC_ALIGN_RIGHT ? gone : 0;
    for (size_t j = 0; j < ln->n; j++)
        ln->v[j].x += shift;
}

/*
 * One connection of the header line. A line may break after a separator
 * (or between connections when there is none), never inside one.
 */
static void add_connection(ctx *c, rc_para *p, uint32_t node, int *count, const char *text,
                           const char *url, uint32_t icon)
{
    const rc_style *st = c->st;
    rc_para_style ps = role_style(c, &st->connections, 0);
    ps.node = node;
    if (!st->connection_hyperlink)
        url = NULL;
    if (*count > 0) {
        /*
         * RenderCV's separator: half of space_between_connections on each
         * side of it, no word space (with no separator, the whole of it).
         */
        rc_para_style tie = ps;
        tie.no_breaks = 1;
        rc_scaled half = st->space_between_connections / 2;
        if (*st->connection_separator) {
            rc_para_add_space(p, &tie, c->fonts);
            fixed_glue(p, half);
            rc_para_style sep = ps;
            sep.node = RC_NODE_NONE; /* a separator is decoration */
            add_spans(c, p, literal(c, st->connection_separator, 0, NULL), &sep);
            rc_para_add_space(p, &ps, c->fonts);
            fixed_glue(p, half);
        } else {
            rc_para_add_space(p, &ps, c->fonts);
            fixed_glue(p, 2 * half);
        }
    }
    ps.no_breaks = 1;
    if (icon && st->connection_icons) {
        char utf8[5] = {0};
        rc_utf8_encode(icon, utf8);
        add_spans(c, p, literal(c, utf8, RC_STYLE_ICON, url), &ps);
        rc_para_add_space(p, &ps, c->fonts); /* tied to its text */
    }
    add_spans(c, p, url ? literal(c, text, 0, url) : parse_text(c, text), &ps);
    (*count)++;
}

/* Font Awesome 4.7's icon for a social network (fonts/prepare_icons.py keeps these). */
static uint32_t network_icon(const char *network)
{
    static const struct {
        const char *name;
        uint32_t icon;
    } icons[] = {
        {"LinkedIn", 0xF08C},  {"GitHub", 0xF09B},     {"GitLab", 0xF296},
        {"IMDB", 0xF2D8},      {"Instagram", 0xF16D},  {"ORCID", 0xF19D},
        {"Mastodon", 0xF0C0},  {"StackOverflow", 0xF16C}, {"ResearchGate", 0xF19D},
        {"YouTube", 0xF167},   {"Google Scholar", 0xF19D}, {"Telegram", 0xF2C6},
        {"WhatsApp", 0xF232},  {"Leetcode", 0xF121},   {"X", 0xF099},
        {"Bluesky", 0xF0C2},   {"Reddit", 0xF1A1},
    };
    for (size_t i = 0; i < RC_ARRAY_LEN(icons); i++)
        if (!strcmp(icons[i].name, network))
            return icons[i].icon;
    return 0xF0C1; /* a link */
}

/*
 * Set a header paragraph and append its lines, `space_below` under the
 * last: RenderCV's white space from this part's last baseline to the
 * next part's capitals. Lines of connections stand further apart (its
 * leading is 1.7 times the body's) and, with icons, are as tall as an
 * icon, 0.9em.
 */
static void emit_header_part(ctx *c, rc_para *p, rc_scaled space_below, int connections)
{
    lines ls = {0};
    rc_scaled w = c->text_width - c->header_indent - c->header_right;
    rc_scaled leading = connections ? c->st->line_gap * 17 / 10 : c->st->line_gap;
    set_paragraph(c, p, &w, 1, 0, &ls);
    for (size_t k = 0; connections && k + 1 < ls.n; k++)
        drop_separator_at_break(c, &ls.v[k], p->align);
    for (size_t k = 0; k < ls.n; k++) {
        rc_scaled icon = c->st->connections.size * 9 / 10;
        if (connections && c->st->connection_icons && ls.v[k].height < icon)
            ls.v[k].height = icon;
        for (size_t j = 0; j < ls.v[k].n; j++)
            ls.v[k].v[j].x += c->header_indent;
        if (c->photo_pending && k == 0) {
            /* the photo hangs from the top of the header's first line */
            rc_draw *ph = line_add(&ls.v[k], RC_DRAW_IMAGE);
            *ph = *c->photo_pending;
            ph->y = -ls.v[k].height;
            c->photo_pending = NULL;
        }
        c->header_height += (k || c->vl.n > 1 ? c->header_gap : 0) + ls.v[k].height +
                            ls.v[k].depth + RC_PT(2);
        rc_vlist_add_penalty(&c->vl, RC_INF_PENALTY);
        if (k == 0 && c->vl.n > 1) {
            /* the space below the previous part, then this part's top */
            c->vl.after_box = 0;
            rc_vlist_add_glue(&c->vl, c->header_gap, 0);
        }
        add_line_box(c, &ls.v[k], ls.v[k].height + leading);
    }
    if (ls.n)
        c->header_gap = space_below;
    lines_release(&ls);
}

/*
 * The photo's path: relative to the CV's own file, as RenderCV reads it;
 * NULL with an error when it leaves the project (files.h).
 */
static const char *photo_path(ctx *c)
{
    rc_buf b = RC_BUF_INIT;
    rc_files_join(&b, c->cv->file, c->cv->photo.s);
    const char *path = rc_arena_strdup(c->a, rc_buf_str(&b));
    rc_buf_release(&b);
    if (rc_files_check(c->cv->root, path, "photo", c->cv->photo.s, c->cv->photo.pos, c->d) < 0)
        return NULL;
    return path;
}

void emit_header(ctx *c)
{
    const rc_cv *cv = c->cv;
    const rc_style *st = c->st;
    rc_draw photo = {0};
    rc_scaled photo_h = 0;
    if (cv->photo.s && *cv->photo.s) {
        rc_image *img = rc_arena_alloc(c->a, sizeof(*img));
        const char *path = photo_path(c);
        int64_t h = 0;
        rc_scaled page = st->page_height - st->margin_top - st->margin_bottom;
        if (!path || rc_image_load(cv->images, c->a, path, st->photo_width, cv->photo.pos, img, c->d) != 0) {
            c->status = -1;
        } else if ((h = (int64_t)st->photo_width * img->src_height / img->src_width) > page) {
            /* (a strip of a picture, 1 x 30000 pixels, would overflow a length) */
            rc_error(c->d, cv->photo.pos,
                     "photo '%s' (%d x %d pixels) would be %.0f pt tall at "
                     "header.photo_width, more than the page holds; crop it or make "
                     "header.photo_width smaller",
                     cv->photo.s, img->src_width, img->src_height, (double)h / RC_UNITY);
            c->status = -1;
        } else {
            photo.kind = RC_DRAW_IMAGE;
            photo.text = path;
            photo.node = add_node(c, RC_ST_FIGURE, RC_NODE_ROOT);
            c->doc->nodes[photo.node].alt = rc_arena_printf(
                c->a, "Photo of %s", cv->name.s ? rc_spans_plain_text(c->a, rc_markup_parse(
                                                      c->a, cv->name.s, strlen(cv->name.s)))
                                                : "the CV's author");
            photo.image = img;
            photo.w = st->photo_width;
            photo_h = (rc_scaled)h;
            photo.h = photo_h;
            rc_scaled room = st->photo_width + st->photo_space_left + st->photo_space_right;
            if (st->photo_position == RC_ALIGN_RIGHT) {
                photo.x = c->text_width - st->photo_width - st->photo_space_right;
                c->header_right = room;
            } else {
                photo.x = st->photo_space_left;
                c->header_indent = room;
            }
            c->photo_pending = &photo;
        }
    }
    if (cv->name.s) {
        rc_para p;
        rc_para_init(&p, RC_ALIGN_CENTER, cv->name.pos);
        rc_para_style ps = role_style(c, &st->name, 0);
        ps.node = add_node(c, RC_ST_H1, RC_NODE_ROOT);
        p.align = ps.align;
        add_spans(c, &p, parse_text(c, cv->name.s), &ps);
        emit_header_part(c, &p, st->space_below_name, 0);
        rc_para_release(&p);
    }
    if (cv->headline.s) {
        rc_para p;
        rc_para_init(&p, RC_ALIGN_CENTER, cv->headline.pos);
        rc_para_style ps = role_style(c, &st->headline, 0);
        ps.node = add_node(c, RC_ST_P, RC_NODE_ROOT);
        p.align = ps.align;
        add_spans(c, &p, parse_text(c, cv->headline.s), &ps);
        emit_header_part(c, &p, st->space_below_headline, 0);
        rc_para_release(&p);
    }
    rc_para p;
    rc_para_init(&p, RC_ALIGN_CENTER, cv->name.pos);
    p.align = role_style(c, &st->connections, 0).align;
    p.items_line = 1; /* a line of connections may end after any of them */
    int count = 0;
    uint32_t conn = add_node(c, RC_ST_P, RC_NODE_ROOT);
    c->doc->nodes[conn].hints = RC_HINT_CONNECTIONS;
    if (cv->location.s)
        add_connection(c, &p, conn, &count, cv->location.s, NULL, 0xF041);
    for (size_t i = 0; i < cv->emails.n; i++)
        add_connection(c, &p, conn, &count, cv->emails.v[i].s,
                       rc_arena_printf(c->a, "mailto:%s", cv->emails.v[i].s), 0xF0E0);
    for (size_t i = 0; i < cv->phones.n; i++)
        add_connection(c, &p, conn, &count, cv->phones.v[i].s, rc_phone_url(cv, i, c->a), 0xF095);
    for (size_t i = 0; i < cv->websites.n; i++)
        add_connection(c, &p, conn, &count, shown_url(c, cv->websites.v[i].s), cv->websites.v[i].s,
                       0xF0AC);
    for (size_t i = 0; i < cv->nsocials; i++) {
        const char *url, *shown;
        social_link(c, &cv->socials[i], &url, &shown);
        if (st->display_urls && url)
            shown = shown_url(c, url);
        add_connection(c, &p, conn, &count, shown, url, network_icon(cv->socials[i].network.s));
    }
    for (size_t i = 0; i < cv->ncustom_connections; i++) {
        const rc_custom_connection *cc = &cv->custom_connections[i];
        if (cc->placeholder.s)
            add_connection(c, &p, conn, &count, cc->placeholder.s, cc->url.s, 0xF0C1);
    }
    if (count) {
        c->in_connections = 1;
        emit_header_part(c, &p, st->space_below_connections, 1);
        c->in_connections = 0;
    }
    rc_para_release(&p);
    if (c->photo_pending) {
        /* a header with a photo and no text: the photo alone */
        rc_vitem *box = rc_vlist_add_box(&c->vl, photo_h, 0, 0);
        rc_draw ph = *c->photo_pending;
        ph.y = -photo_h;
        rc_vbox_add(&c->vl, box, &ph);
        c->photo_pending = NULL;
    } else if (photo_h > c->header_height) {
        /* the first section starts below the photo */
        c->vl.after_box = 0;
        rc_vlist_add_glue(&c->vl, photo_h - c->header_height, 0);
    }
    c->header_indent = c->header_right = 0;
}
