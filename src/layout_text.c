/*
 * layout_text: markup become styled spans and structure nodes, the bottom
 * of the layout module (layout_parts.h): every other part of it sets its
 * texts through these, with the CV's bold keywords and link icons.
 */
#include "layout_parts.h"

#include <string.h>

/* A new structure node under parent. */
uint32_t add_node(ctx *c, rc_stype type, uint32_t parent)
{
    return rc_doc_add_node(c->doc, type, parent);
}

/*
 * The character and size a bullet is drawn in: as written, in the body
 * size; but RenderCV draws its '\u25CF' (engineeringresumes') as a '\u2022'
 * of 13pt raised by 0.6pt (its Typst preamble), a line it stands in the
 * taller for it.
 */
uint32_t bullet_glyph(const rc_style *st, uint32_t bullet, rc_scaled *size, rc_scaled *raise)
{
    *size = st->body_size;
    *raise = 0;
    if (bullet != 0x25CF)
        return bullet;
    *size = RC_PT(13);
    *raise = RC_PT(0.6);
    return 0x2022;
}

/* How much a vertical space may shrink to fill a page (style.h, vspace_shrinks). */
rc_scaled vspace_shrink(const rc_style *st, rc_scaled space)
{
    return st->vspace_shrinks ? space / 3 : 0;
}

rc_scaled milli_em(int milli, rc_scaled size)
{
    return (rc_scaled)((int64_t)milli * size / 1000);
}

/* ---- text -------------------------------------------------------------- */

/*
 * RenderCV's links.show_external_link_icon: after the last span of each
 * link, a tied space and Font Awesome's external-link icon, itself part
 * of the link.
 */
static rc_spans add_link_icons(ctx *c, rc_spans in)
{
    size_t links = 0;
    for (size_t i = 0; i < in.n; i++)
        links += in.v[i].url && (i + 1 == in.n || in.v[i + 1].url != in.v[i].url);
    if (!links)
        return in;
    rc_span *out = rc_arena_alloc(c->a, (in.n + 2 * links) * sizeof(rc_span));
    size_t n = 0;
    for (size_t i = 0; i < in.n; i++) {
        out[n++] = in.v[i];
        if (in.v[i].url && (i + 1 == in.n || in.v[i + 1].url != in.v[i].url)) {
            rc_span tie = in.v[i], icon = in.v[i];
            tie.text = "\xC2\xA0"; /* U+00A0: the icon never starts a line */
            tie.len = 2;
            icon.text = "\xEF\x82\x8E"; /* U+F08E */
            icon.len = 3;
            icon.style = RC_STYLE_ICON;
            out[n++] = tie;
            out[n++] = icon;
        }
    }
    return (rc_spans){out, n};
}

/* Markup as the CV sets it: with its language's quotation marks. */
rc_spans parse_markup(ctx *c, const char *s)
{
    return rc_markup_parse_quoted(c->a, s, strlen(s), &c->quotes);
}

rc_spans parse_text(ctx *c, const char *s)
{
    rc_spans spans = parse_markup(c, s);
    if (c->nkeywords)
        spans = rc_markup_bold_keywords(c->a, spans, c->keywords, c->nkeywords);
    if (c->st->external_link_icon && c->in_body)
        spans = add_link_icons(c, spans);
    return spans;
}

/* A span of literal text (no markup), e.g. a date or a separator. */
rc_spans literal(ctx *c, const char *s, unsigned style, const char *url)
{
    rc_span *sp = rc_arena_alloc(c->a, sizeof(*sp));
    sp->text = rc_arena_strdup(c->a, s);
    sp->len = strlen(s);
    sp->style = style;
    sp->url = url;
    return (rc_spans){sp, 1};
}

void add_spans(ctx *c, rc_para *p, rc_spans spans, const rc_para_style *ps)
{
    if (rc_para_add_spans(p, spans, ps, c->fonts, c->a, c->d) != 0)
        c->status = -1;
}

rc_para_style body_style(const ctx *c, unsigned style)
{
    rc_para_style ps = {0};
    ps.size = c->st->body_size;
    ps.color = c->st->text_color;
    ps.link_color = c->st->link_color;
    ps.style = style;
    ps.align = c->st->body_align;
    ps.ex_hyphen_penalty = c->st->lb.ex_hyphen_penalty;
    ps.hyphen_penalty = c->st->lb.hyphen_penalty;
    ps.hyphenate = c->st->hyphenate;
    ps.ligatures = c->st->ligatures;
    ps.protrude = c->st->lb.protrude;
    return ps;
}
