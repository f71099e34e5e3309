/*
 * dev_html: the laid-out document as one HTML5 page. See dev_html.h.
 *
 * The tree becomes elements by role: the name <h1>, each section a
 * <section> with its title an <h2>, an entry a <div class="entry">, lists
 * <ul> (bullets, drawn by CSS from the theme's bullet characters) or <ol>
 * (their labels, "1." or "[12]", kept as text), links <a href>, the text
 * a bold, italic or typewriter face sets <strong>, <em> or <code>. An
 * entry's date-and-location column is a <div class="side"> after the
 * entry's first part (where the PDF reads it) that the grid sets beside
 * it; a position's dates stand beside its row; a calendar date in them is
 * a <time datetime>. Decoration (rules, separators, icons, page numbers,
 * the top note and footer) is CSS or left out, as in the text devices.
 *
 * Escaping: text and attribute values escape & < > "; strings in the
 * style sheet (font names, separators, bullets) are CSS strings with
 * their quotes, backslashes and '<' escaped, so no value closes the
 * <style> element.
 */
#include "dev_html.h"

#include "atomic.h"
#include "dev_text_tree.h"
#include "image.h"

#include <stdlib.h>
#include <string.h>

typedef struct hx {
    const tx_tree *t;
    const rc_style *st;
    rc_diags *d;
    tx_inline in;
    rc_buf *out;
} hx;

static void block(hx *x, uint32_t n);

static unsigned hints(hx *x, uint32_t n)
{
    return n == RC_NODE_NONE ? 0 : tx_node(x->t, n)->hints;
}

static rc_stype type(hx *x, uint32_t n)
{
    return tx_node(x->t, n)->type;
}

/* ---- escaping ---------------------------------------------------------------- */

static void esc(rc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': rc_buf_adds(b, "&amp;"); break;
        case '<': rc_buf_adds(b, "&lt;"); break;
        case '>': rc_buf_adds(b, "&gt;"); break;
        case '"': rc_buf_adds(b, "&quot;"); break;
        default: rc_buf_addc(b, s[i]); break;
        }
    }
}

static void escs(rc_buf *b, const char *s)
{
    esc(b, s, strlen(s));
}

/* A CSS string, quoted. */
static void css_str(rc_buf *b, const char *s)
{
    rc_buf_addc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            rc_buf_addf(b, "\\%c", *p);
        else if (*p < 0x20 || *p == '<' || *p == 0x7F)
            rc_buf_addf(b, "\\%X ", *p);
        else
            rc_buf_addc(b, (char)*p);
    }
    rc_buf_addc(b, '"');
}

/* A length in points, as few digits as it needs ("10pt", "11.5pt"). */
static void pt(rc_buf *b, rc_scaled v)
{
    char s[32];
    snprintf(s, sizeof(s), "%.2f", (double)v / RC_UNITY);
    size_t n = strlen(s);
    while (s[n - 1] == '0')
        n--;
    if (s[n - 1] == '.')
        n--;
    s[n] = '\0';
    rc_buf_addf(b, "%spt", strcmp(s, "-0") ? s : "0");
}

static void color(rc_buf *b, uint32_t c)
{
    rc_buf_addf(b, "#%06x", (unsigned)(c & 0xFFFFFF));
}

static void base64(rc_buf *b, const unsigned char *p, size_t n)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        char q[4] = {digits[v >> 18 & 63], digits[v >> 12 & 63],
                     i + 1 < n ? digits[v >> 6 & 63] : '=', i + 2 < n ? digits[v & 63] : '='};
        rc_buf_add(b, q, 4);
    }
}

/* ---- inline text --------------------------------------------------------------- */

/*
 * Text of a date line with its calendar dates (rc_node's dates: "ISO
 * SHOWN" lines, *dates the next) as <time datetime="ISO">SHOWN</time>.
 */
static void text_with_dates(hx *x, const char *s, size_t n, const char **dates)
{
    while (*dates && **dates) {
        const char *line = *dates, *nl = strchr(line, '\n'), *sp = strchr(line, ' ');
        if (!nl || !sp || sp > nl)
            break;
        size_t len = (size_t)(nl - sp - 1);
        const char *at = NULL;
        for (size_t i = 0; len && i + len <= n && !at; i++)
            if (!memcmp(s + i, sp + 1, len))
                at = s + i;
        if (!at)
            break; /* not in this piece: perhaps in the next */
        esc(x->out, s, (size_t)(at - s));
        rc_buf_adds(x->out, "<time datetime=\"");
        esc(x->out, line, (size_t)(sp - line));
        rc_buf_adds(x->out, "\">");
        esc(x->out, at, len);
        rc_buf_adds(x->out, "</time>");
        n -= (size_t)(at - s) + len;
        s = at + len;
        *dates = nl + 1;
    }
    esc(x->out, s, n);
}

/* x->in as HTML: emphasis by face, links as <a href>, calendar dates of `dates` as <time>. */
static void inline_html(hx *x, const char *dates)
{
    const tx_inline *in = &x->in;
    uint32_t link = RC_NODE_NONE;
    int open = 0;
    for (size_t i = 0; i < in->n; i++) {
        const tx_piece *p = &in->v[i];
        if (p->link != link) {
            if (open)
                rc_buf_adds(x->out, "</a>");
            link = p->link;
            const char *url = link ? tx_node(x->t, link)->url : NULL;
            open = url != NULL;
            if (open) {
                rc_buf_adds(x->out, "<a href=\"");
                escs(x->out, url);
                rc_buf_adds(x->out, "\">");
            }
        }
        if (p->style & TX_MONO)
            rc_buf_adds(x->out, "<code>");
        if (p->style & TX_BOLD)
            rc_buf_adds(x->out, "<strong>");
        if (p->style & TX_ITALIC)
            rc_buf_adds(x->out, "<em>");
        text_with_dates(x, in->text.ptr + p->off, p->len, &dates);
        if (p->style & TX_ITALIC)
            rc_buf_adds(x->out, "</em>");
        if (p->style & TX_BOLD)
            rc_buf_adds(x->out, "</strong>");
        if (p->style & TX_MONO)
            rc_buf_adds(x->out, "</code>");
    }
    if (open)
        rc_buf_adds(x->out, "</a>");
}

/* The inline text of node n; `common`: emphasis all of it has is the element's (a heading's). */
static void node_inline(hx *x, uint32_t n, int common)
{
    tx_inline_reset(&x->in);
    tx_inline_add(x->t, n, &x->in);
    tx_inline_trim(&x->in);
    if (common) {
        unsigned all = ~0u;
        for (size_t i = 0; i < x->in.n; i++)
            all &= x->in.v[i].style;
        for (size_t i = 0; i < x->in.n; i++)
            x->in.v[i].style &= ~(all & (TX_BOLD | TX_ITALIC));
    }
    inline_html(x, (hints(x, n) & RC_HINT_DATE) ? tx_node(x->t, n)->dates : NULL);
}

/* Whether node n has a kid that is a block (so it cannot be a <p>). */
static int has_block(hx *x, uint32_t n)
{
    TX_KIDS(x->t, n, k)
    if (!tx_kid_inline(x->t, &x->t->s.kids[k]))
        return 1;
    return 0;
}

/*
 * Kids first .. end - 1 of node n: each run of inline kids one piece of
 * text (a <p> when `para`, else bare, as in a list item), each other kid
 * a block.
 */
static void flow(hx *x, size_t first, size_t end, int para)
{
    const rc_struct *s = &x->t->s;
    for (size_t k = first; k < end;) {
        if (!tx_kid_inline(x->t, &s->kids[k])) {
            block(x, s->kids[k].node);
            k++;
            continue;
        }
        tx_inline_reset(&x->in);
        for (; k < end && tx_kid_inline(x->t, &s->kids[k]); k++)
            tx_inline_add_kid(x->t, &s->kids[k], &x->in);
        tx_inline_trim(&x->in);
        if (!x->in.text.len)
            continue;
        if (para)
            rc_buf_adds(x->out, "<p>");
        inline_html(x, NULL);
        if (para)
            rc_buf_adds(x->out, "</p>\n");
    }
}

/* ---- blocks -------------------------------------------------------------------- */

static void paragraph(hx *x, uint32_t n, const char *cls)
{
    int div = has_block(x, n);
    unsigned h = hints(x, n);
    rc_buf_adds(x->out, div ? "<div" : "<p");
    if (h & RC_HINT_DATE)
        cls = "date";
    if (cls)
        rc_buf_addf(x->out, " class=\"%s\"", cls);
    rc_buf_addc(x->out, '>');
    if (div)
        flow(x, x->t->s.start[n], x->t->s.start[n + 1], 0);
    else
        node_inline(x, n, 0);
    rc_buf_adds(x->out, div ? "</div>\n" : "</p>\n");
}

/* The header's connections: each content run and link a <span>; CSS draws the separators. */
static void connections(hx *x, uint32_t n)
{
    rc_buf_adds(x->out, "<p class=\"connections\">");
    int any = 0;
    TX_KIDS(x->t, n, k)
    {
        tx_inline_reset(&x->in);
        tx_inline_add_kid(x->t, &x->t->s.kids[k], &x->in);
        tx_inline_trim(&x->in);
        if (!x->in.text.len)
            continue;
        /* a space between, for a reader of the text; CSS sets the separator */
        rc_buf_adds(x->out, any ? "\n<span>" : "<span>");
        inline_html(x, NULL);
        rc_buf_adds(x->out, "</span>");
        any = 1;
    }
    rc_buf_adds(x->out, "</p>\n");
}

/*
 * An entry (or a list item's body) as a grid: its parts (a run of text,
 * a list, a row) one per grid row in the middle column, its label column
 * (the degree) on the left beside all of them, and its date-and-location
 * column, after the first part as the PDF reads it, beside as many parts
 * as it has lines; the parts below it take the whole width, as the
 * PDF's lines do once past the column. A position's dates (a row aside)
 * stand in a row with the part before them.
 */
static void entry(hx *x, uint32_t n, const char *cls)
{
    const rc_struct *s = &x->t->s;
    size_t first = s->start[n], end = s->start[n + 1];
    int nside = 0, label = 0, nparts = 0;
    for (size_t k = first; k < end;) {
        unsigned h = hints(x, s->kids[k].node);
        nside += (h & RC_HINT_ASIDE) && !(h & RC_HINT_ROW);
        label |= (h & RC_HINT_LABEL) != 0;
        if ((h & (RC_HINT_LABEL | RC_HINT_ASIDE))) {
            k++;
            continue;
        }
        k++;
        if (tx_kid_inline(x->t, &s->kids[k - 1]))
            while (k < end && tx_kid_inline(x->t, &s->kids[k]))
                k++;
        nparts++;
    }
    rc_buf_addf(x->out, "<div class=\"%s\">\n", cls);
    if (label) {
        rc_buf_addf(x->out, "<div class=\"label\" style=\"grid-row: 1 / span %d\">\n",
                    nparts > 0 ? nparts : 1);
        for (size_t k = first; k < end; k++)
            if (hints(x, s->kids[k].node) & RC_HINT_LABEL)
                paragraph(x, s->kids[k].node, NULL);
        rc_buf_adds(x->out, "</div>\n");
    }
    int part = 0;
    for (size_t k = first; k < end;) {
        const rc_skid *kid = &s->kids[k];
        unsigned h = hints(x, kid->node);
        if ((h & RC_HINT_LABEL) || ((h & RC_HINT_ASIDE) && !(h & RC_HINT_ROW))) {
            k++;
            continue;
        }
        /* one part: a run of inline kids, or a block */
        size_t e = k + 1;
        if (tx_kid_inline(x->t, kid))
            while (e < end && tx_kid_inline(x->t, &s->kids[e]))
                e++;
        /* a part with a row aside after it: the two in a row */
        int row = e < end && (hints(x, s->kids[e].node) & RC_HINT_ROW);
        rc_buf_addf(x->out, "<div class=\"part%s%s\">\n", part < nside ? " beside" : "",
                    row ? " row" : "");
        flow(x, k, e, 1);
        if (row) {
            paragraph(x, s->kids[e].node, NULL);
            e++;
        }
        rc_buf_adds(x->out, "</div>\n");
        if (part++ == 0 && nside) {
            rc_buf_addf(x->out, "<div class=\"side\" style=\"grid-row: 1 / span %d\">\n", nside);
            for (size_t j = first; j < end; j++) {
                unsigned hj = hints(x, s->kids[j].node);
                if ((hj & RC_HINT_ASIDE) && !(hj & RC_HINT_ROW))
                    paragraph(x, s->kids[j].node, NULL);
            }
            rc_buf_adds(x->out, "</div>\n");
        }
        k = e;
    }
    if (!part && nside) {
        /* only the column: it stands alone */
        rc_buf_adds(x->out, "<div class=\"side\">\n");
        for (size_t j = first; j < end; j++)
            if (hints(x, s->kids[j].node) & RC_HINT_ASIDE)
                paragraph(x, s->kids[j].node, NULL);
        rc_buf_adds(x->out, "</div>\n");
    }
    rc_buf_adds(x->out, "</div>\n");
}

/* Whether any item of list n has a label with a letter or digit ("1.", "[12]"): an <ol>. */
static int labelled(hx *x, uint32_t n)
{
    rc_buf b = RC_BUF_INIT;
    int yes = 0;
    TX_KIDS(x->t, n, k)
    {
        uint32_t li = x->t->s.kids[k].node;
        if (!li || type(x, li) != RC_ST_LI)
            continue;
        TX_KIDS(x->t, li, j)
        {
            uint32_t m = x->t->s.kids[j].node;
            if (m && type(x, m) == RC_ST_LBL) {
                rc_buf_reset(&b);
                tx_plain(x->t, m, &b);
                yes |= tx_label_kind(rc_buf_str(&b)) != NULL;
            }
        }
    }
    rc_buf_release(&b);
    return yes;
}

static void list(hx *x, uint32_t n)
{
    const char *tag = labelled(x, n) ? "ol" : "ul";
    int open = 0;
    TX_KIDS(x->t, n, k)
    {
        uint32_t li = x->t->s.kids[k].node;
        if (!li)
            continue;
        if (type(x, li) != RC_ST_LI) {
            /* not an item: between lists */
            if (open)
                rc_buf_addf(x->out, "</%s>\n", tag);
            open = 0;
            block(x, li);
            continue;
        }
        if (!open)
            rc_buf_addf(x->out, "<%s>\n", tag);
        open = 1;
        rc_buf_adds(x->out, "<li>");
        TX_KIDS(x->t, li, j)
        {
            const rc_skid *kid = &x->t->s.kids[j];
            uint32_t m = kid->node;
            if (m && type(x, m) == RC_ST_LBL) {
                if (*tag == 'o') {
                    rc_buf_adds(x->out, "<span class=\"lbl\">");
                    node_inline(x, m, 0);
                    rc_buf_adds(x->out, "</span>");
                }
            } else if (m && type(x, m) == RC_ST_LBODY) {
                block(x, m);
            } else {
                flow(x, j, j + 1, 0);
            }
        }
        rc_buf_adds(x->out, "</li>\n");
    }
    if (open)
        rc_buf_addf(x->out, "</%s>\n", tag);
}

/* A list item's body: bare text and blocks, or an entry's grid when it has columns. */
static void lbody(hx *x, uint32_t n)
{
    const rc_struct *s = &x->t->s;
    int columns = 0;
    for (size_t k = s->start[n]; k < s->start[n + 1]; k++)
        columns |= (hints(x, s->kids[k].node) & (RC_HINT_ASIDE | RC_HINT_LABEL)) != 0;
    if (columns) {
        entry(x, n, "lbody entry");
        return;
    }
    rc_buf_adds(x->out, "<div class=\"lbody\">");
    flow(x, s->start[n], s->start[n + 1], 0);
    rc_buf_adds(x->out, "</div>");
}

/* The photo: its image draw as a data: URI, with the figure's alternative text. */
static void figure(hx *x, uint32_t n)
{
    const rc_doc *doc = x->t->doc;
    TX_KIDS(x->t, n, k)
    {
        const rc_skid *kid = &x->t->s.kids[k];
        if (kid->node)
            continue;
        const rc_page *page = &doc->pages[kid->page];
        for (size_t i = kid->first; i < kid->end && i < page->n; i++) {
            const rc_draw *d = &page->v[i];
            if (d->kind != RC_DRAW_IMAGE || !d->image)
                continue;
            const rc_image *im = d->image;
            rc_buf png = RC_BUF_INIT;
            const char *mime = "image/jpeg";
            const unsigned char *data = im->data;
            size_t size = im->size;
            if (im->format != RC_IMAGE_JPEG) {
                mime = "image/png";
                if (rc_image_png(im, &png) != 0) {
                    rc_pos none = {d->text, 0, 0};
                    rc_warning(x->d, none, "the photo could not be embedded in the HTML "
                               "(out of memory); the page has its alternative text instead");
                    rc_buf_adds(x->out, "<p class=\"photo\">");
                    escs(x->out, tx_node(x->t, n)->alt ? tx_node(x->t, n)->alt : "");
                    rc_buf_adds(x->out, "</p>\n");
                    rc_buf_release(&png);
                    return;
                }
                data = (const unsigned char *)png.ptr;
                size = png.len;
            }
            rc_buf_addf(x->out, "<img class=\"photo\" width=\"%d\" height=\"%d\" alt=\"",
                        im->width, im->height);
            escs(x->out, tx_node(x->t, n)->alt ? tx_node(x->t, n)->alt : "");
            rc_buf_addf(x->out, "\" src=\"data:%s;base64,", mime);
            base64(x->out, data, size);
            rc_buf_adds(x->out, "\">\n");
            rc_buf_release(&png);
            return;
        }
    }
}

static void block(hx *x, uint32_t n)
{
    const rc_struct *s = &x->t->s;
    switch (type(x, n)) {
    case RC_ST_H1:
        rc_buf_adds(x->out, "<h1>");
        node_inline(x, n, 1);
        rc_buf_adds(x->out, "</h1>\n");
        break;
    case RC_ST_H2:
        rc_buf_adds(x->out, "<h2>");
        node_inline(x, n, 1);
        rc_buf_adds(x->out, "</h2>\n");
        break;
    case RC_ST_P:
    case RC_ST_LINK:
    case RC_ST_SPAN:
    case RC_ST_LBL:
        if (hints(x, n) & RC_HINT_CONNECTIONS)
            connections(x, n);
        else
            paragraph(x, n, NULL);
        break;
    case RC_ST_L:
        list(x, n);
        break;
    case RC_ST_LBODY:
        lbody(x, n);
        break;
    case RC_ST_FIGURE:
        figure(x, n);
        break;
    case RC_ST_DIV:
        entry(x, n, "entry");
        break;
    case RC_ST_SECT:
        rc_buf_adds(x->out, "<section>\n");
        flow(x, s->start[n], s->start[n + 1], 1);
        rc_buf_adds(x->out, "</section>\n");
        break;
    case RC_ST_DOCUMENT: {
        /* what comes before the first section is the header */
        size_t k = s->start[n], end = s->start[n + 1], h = k;
        while (h < end && !(s->kids[h].node && type(x, s->kids[h].node) == RC_ST_SECT))
            h++;
        if (h > k) {
            rc_buf_adds(x->out, "<header>\n");
            flow(x, k, h, 1);
            rc_buf_adds(x->out, "</header>\n");
        }
        flow(x, h, end, 1);
        break;
    }
    default:
        flow(x, s->start[n], s->start[n + 1], 1);
        break;
    }
}

/* ---- the style sheet --------------------------------------------------------- */

/* A family as CSS: its name, then the generic family it belongs to. */
static void font_stack(rc_buf *b, const rc_style *st, rc_font_role role)
{
    const char *name = st->font_family[role].name;
    if (!name || !*name)
        name = st->font_family[RC_ROLE_BODY].name;
    if (!name || !*name)
        name = "CMU Serif";
    static const char *const sans[] = {"Sans", "Ubuntu", "Lato", "Roboto", "Helvetica", "Arial",
                                       "Inter", "Raleway", "Montserrat", "Poppins", "Verdana",
                                       "Calibri", "Fira", "Lexend", "Gill", "Futura", "Grotesk"};
    static const char *const mono[] = {"Mono", "Courier", "Typewriter", "Code", "Consol"};
    const char *generic = "serif";
    for (size_t i = 0; i < RC_ARRAY_LEN(sans); i++)
        if (strstr(name, sans[i]) && !strstr(name, "Serif"))
            generic = "sans-serif";
    for (size_t i = 0; i < RC_ARRAY_LEN(mono); i++)
        if (strstr(name, mono[i]))
            generic = "monospace";
    css_str(b, name);
    rc_buf_addf(b, ", %s", generic);
}

static void role_css(rc_buf *b, const rc_style *st, const char *sel, const rc_role *r,
                     rc_font_role font)
{
    rc_buf_addf(b, "%s { font-family: ", sel);
    font_stack(b, st, font);
    rc_buf_adds(b, "; font-size: ");
    pt(b, r->size);
    rc_buf_adds(b, "; color: ");
    color(b, r->color);
    rc_buf_addf(b, "; font-weight: %s;%s }\n", r->bold ? "bold" : "normal",
                r->smallcaps ? " font-variant: small-caps;" : "");
}

static const char *align(rc_align a)
{
    return a == RC_ALIGN_CENTER ? "center" : a == RC_ALIGN_RIGHT ? "right"
                                         : a == RC_ALIGN_JUSTIFY ? "justify" : "left";
}

static void bullet(rc_buf *b, uint32_t cp)
{
    rc_buf s = RC_BUF_INIT;
    rc_buf_add_utf8(&s, cp ? cp : 0x2022);
    rc_buf_adds(&s, " ");
    css_str(b, rc_buf_str(&s));
    rc_buf_release(&s);
}

static void section_title_css(rc_buf *b, const rc_style *st)
{
    const char *line = "solid";
    rc_buf_adds(b, "h2 { margin: ");
    pt(b, st->section_space_before);
    rc_buf_adds(b, " 0 ");
    pt(b, st->section_space_after_rule);
    rc_buf_adds(b, "; line-height: 1.2; }\n");
    rc_title_type t = st->title_type;
    int centred = t >= RC_TITLE_CENTERED_WITHOUT_LINE;
    if (centred)
        rc_buf_adds(b, "h2 { text-align: center; }\n");
    rc_buf rule = RC_BUF_INIT;
    pt(&rule, st->section_rule_thickness > 0 ? st->section_rule_thickness : RC_PT(0.5));
    rc_buf_addf(&rule, " %s ", line);
    color(&rule, st->section_title.color);
    const char *r = rc_buf_str(&rule);
    switch (t) {
    case RC_TITLE_WITH_FULL_LINE:
    case RC_TITLE_CENTERED_WITH_FULL_LINE:
        rc_buf_addf(b, "h2 { border-bottom: %s; padding-bottom: 2pt; }\n", r);
        break;
    case RC_TITLE_WITH_PARTIAL_LINE:
        rc_buf_addf(b, "h2 { display: flex; align-items: center; gap: 0.5em; }\n"
                       "h2::after { content: \"\"; flex: 1; border-top: %s; }\n", r);
        break;
    case RC_TITLE_CENTERED_WITH_PARTIAL_LINE:
        rc_buf_addf(b, "h2 { display: flex; align-items: center; gap: 0.5em; }\n"
                       "h2::before, h2::after { content: \"\"; flex: 1; border-top: %s; }\n", r);
        break;
    case RC_TITLE_CENTERED_WITH_CENTERED_PARTIAL_LINE:
        rc_buf_addf(b, "h2::after { content: \"\"; display: block; width: 20%%; margin: 3pt auto 0;"
                       " border-top: %s; }\n", r);
        break;
    case RC_TITLE_MODERNCV:
        rc_buf_adds(b, "h2 { display: flex; align-items: center; gap: 0.5em; }\n"
                       "h2::before { content: \"\"; flex: none; width: ");
        pt(b, st->date_column_max);
        rc_buf_adds(b, "; border-top: 0.25em solid ");
        color(b, st->section_title.color);
        rc_buf_adds(b, "; }\n");
        break;
    default:
        break;
    }
    rc_buf_release(&rule);
}


/* The design's page margins, as CSS's four-value shorthand: top right bottom left. */
static void margins(rc_buf *b, const rc_style *st)
{
    pt(b, st->margin_top);
    rc_buf_addc(b, ' ');
    pt(b, st->margin_right);
    rc_buf_addc(b, ' ');
    pt(b, st->margin_bottom);
    rc_buf_addc(b, ' ');
    pt(b, st->margin_left);
}
static void style_sheet(rc_buf *b, const rc_style *st)
{
    rc_scaled size = st->body_size > 0 ? st->body_size : RC_PT(10);
    double leading = st->body_leading > 0 ? (double)st->body_leading / size : 1.2;
    rc_buf_adds(b, "<style>\n");
    rc_buf_adds(b, "html { background: #ffffff; }\n");
    rc_buf_adds(b, "body { margin: 0; font-family: ");
    font_stack(b, st, RC_ROLE_BODY);
    rc_buf_adds(b, "; font-size: ");
    pt(b, size);
    rc_buf_addf(b, "; line-height: %.3f; color: ", leading);
    color(b, st->text_color);
    rc_buf_adds(b, "; }\n");
    /* on a screen, the page's width and margins */
    rc_buf_adds(b, "main { box-sizing: border-box; max-width: ");
    pt(b, st->page_width);
    rc_buf_adds(b, "; margin: 0 auto; padding: ");
    margins(b, st);
    rc_buf_adds(b, "; }\n");
    rc_buf_adds(b, "p, ul, ol { margin: 0; }\n");
    rc_buf_adds(b, "a { color: ");
    color(b, st->link_color);
    rc_buf_addf(b, "; text-decoration: %s; }\n", st->link_underline ? "underline" : "none");
    rc_buf_adds(b, "code { font-family: \"CMU Typewriter Text\", monospace; font-size: 0.95em; }\n");

    /* the header */
    rc_buf_addf(b, "header { text-align: %s; }\n", align(st->header_align));
    role_css(b, st, "h1", &st->name, RC_ROLE_NAME);
    rc_buf_adds(b, "h1 { margin: 0 0 ");
    pt(b, st->space_below_name);
    rc_buf_adds(b, "; line-height: 1.1; }\n");
    role_css(b, st, "header > p:not(.connections)", &st->headline, RC_ROLE_HEADLINE);
    rc_buf_adds(b, "header > p:not(.connections) { margin-bottom: ");
    pt(b, st->space_below_headline);
    rc_buf_adds(b, "; }\n");
    role_css(b, st, ".connections", &st->connections, RC_ROLE_CONNECTIONS);
    rc_buf_adds(b, ".connections { margin-bottom: ");
    pt(b, st->space_below_connections);
    /*
     * The separator after the space between two connections (the page's
     * text has that space), with as much room after it as the space before.
     */
    const char *sep = st->connection_separator ? st->connection_separator : "";
    rc_buf_adds(b, "; }\n.connections span { white-space: nowrap; }\n"
                   ".connections span + span::before { content: ");
    css_str(b, sep);
    if (*sep)
        rc_buf_adds(b, "; margin-right: 0.3em; }\n");
    else {
        rc_buf_adds(b, "; margin-left: ");
        pt(b, st->space_between_connections > 0 ? st->space_between_connections : RC_PT(6));
        rc_buf_adds(b, "; }\n");
    }
    rc_buf_adds(b, ".photo { width: ");
    pt(b, st->photo_width);
    rc_buf_addf(b, "; height: auto; float: %s; margin: 0 ",
                st->photo_position == RC_ALIGN_LEFT ? "left" : "right");
    pt(b, st->photo_space_right);
    rc_buf_addc(b, ' ');
    pt(b, st->photo_space_left);
    rc_buf_adds(b, "; }\nheader::after { content: \"\"; display: block; clear: both; }\n");

    /* sections and entries */
    role_css(b, st, "h2", &st->section_title, RC_ROLE_SECTION_TITLES);
    section_title_css(b, st);
    rc_buf_addf(b, "section > p { text-align: %s; margin: 0 ", align(st->body_align));
    pt(b, st->side_space);
    rc_buf_adds(b, "; }\nsection > p + p { margin-top: ");
    pt(b, st->text_entry_space);
    rc_buf_adds(b, "; }\n");
    /* the grid: label column, the entry's text, the date-and-location column */
    rc_buf_adds(b, ".entry { display: grid; grid-template-columns: auto minmax(0, 1fr) auto; "
                   "margin: 0 ");
    pt(b, st->side_space);
    rc_buf_adds(b, "; }\n.entry + .entry, section > p + .entry, .entry + p { margin-top: ");
    pt(b, st->entry_space);
    rc_buf_adds(b, "; }\n");
    /* below the date column a part takes the whole width, unless the design keeps it left */
    int full = !st->date_column_left && !st->short_second_row;
    rc_buf_addf(b, ".entry > .part { grid-column: %s; min-width: 0; }\n"
                   ".entry > .beside { grid-column: 2; }\n"
                   ".entry > .label { grid-column: 1; margin-right: ",
                full ? "2 / 4" : "2");
    pt(b, st->date_column_gutter);
    if (st->degree_width > 0) {
        rc_buf_adds(b, "; width: ");
        pt(b, st->degree_width);
    }
    rc_buf_addf(b, "; }\n.entry > .side { grid-column: %d; text-align: %s; max-width: ",
                st->date_column_left ? 1 : 3, align(st->date_column_align));
    pt(b, st->date_column_max);
    rc_buf_addf(b, "; margin-%s: ", st->date_column_left ? "right" : "left");
    pt(b, st->date_column_gutter);
    rc_buf_adds(b, "; }\n");
    if (st->date_column_left)
        rc_buf_adds(b, ".entry > .side { width: ");
    if (st->date_column_left) {
        pt(b, st->date_column_max);
        rc_buf_adds(b, "; }\n");
    }
    rc_buf_addf(b, ".part > p, .lbody > p { text-align: %s; }\n"
                   ".entry > .part:first-of-type > p { text-align: left; }\n",
                align(st->body_align));
    rc_buf_adds(b, ".part + .part, .side + .part { margin-top: ");
    pt(b, st->paragraph_space);
    rc_buf_adds(b, "; }\n.row { display: flex; justify-content: space-between; gap: ");
    pt(b, st->date_column_gutter);
    rc_buf_adds(b, "; }\n.row > .date { flex: none; text-align: right; }\n");

    /* lists */
    rc_buf_adds(b, "ul { padding-left: ");
    pt(b, st->bullet_indent + st->bullet_gap);
    rc_buf_adds(b, "; list-style-type: ");
    bullet(b, st->bullet_char);
    rc_buf_adds(b, "; }\nul ul { padding-left: ");
    pt(b, st->nested_bullet_indent > 0 ? st->nested_bullet_indent : st->bullet_indent);
    rc_buf_adds(b, "; list-style-type: ");
    bullet(b, st->nested_bullet_char);
    rc_buf_adds(b, "; }\n.part > ul, .part > ol, p + ul { margin-top: ");
    pt(b, st->highlights_space_above);
    rc_buf_adds(b, "; }\nli + li { margin-top: ");
    pt(b, st->highlight_space);
    rc_buf_adds(b, "; }\nli { text-align: ");
    rc_buf_adds(b, align(st->body_align));
    rc_buf_adds(b, "; }\nol { list-style: none; padding: 0; }\n"
                   "ol > li { display: flex; gap: 0.5em; }\n"
                   "ol > li > .lbl { flex: none; min-width: 1.5em; }\n"
                   "ol > li > .lbody { flex: 1; min-width: 0; }\n"
                   "section > ol, section > ul { margin: 0 ");
    pt(b, st->side_space);
    rc_buf_adds(b, "; }\n");

    /* narrow screens: the date column under the entry's first part */
    rc_buf_adds(b, "@media screen and (max-width: 40em) {\n"
                   "  main { padding: 1em; }\n"
                   "  .entry { display: block; }\n"
                   "  .entry > .side, .entry > .label { text-align: left; margin: 0; "
                   "max-width: none; width: auto; font-style: italic; }\n"
                   "}\n");
    /* print: the design's page */
    rc_buf_adds(b, "@page { size: ");
    pt(b, st->page_width);
    rc_buf_addc(b, ' ');
    pt(b, st->page_height);
    rc_buf_adds(b, "; margin: ");
    margins(b, st);
    rc_buf_adds(b, "; }\n@media print {\n"
                   "  main { max-width: none; padding: 0; }\n"
                   "  h2 { break-after: avoid; }\n");
    if (!st->entry_page_break)
        rc_buf_adds(b, "  .entry, li { break-inside: avoid; }\n");
    rc_buf_adds(b, "}\n</style>\n");
}

/* ---- the page ------------------------------------------------------------------ */

void rc_html_render(const rc_doc *doc, const rc_style *st, rc_buf *out, rc_diags *d)
{
    tx_tree t;
    tx_tree_init(&t, doc);
    hx x;
    memset(&x, 0, sizeof(x));
    x.t = &t;
    x.st = st;
    x.d = d;
    x.out = out;
    rc_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"");
    escs(out, doc->lang && *doc->lang ? doc->lang : "en");
    /* the browser sets the page right to left, as the PDF is mirrored (bidi.h) */
    rc_buf_adds(out, doc->rtl ? "\" dir=\"rtl" : "");
    rc_buf_adds(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta name=\"generator\" content=\"rescomp\">\n<title>");
    escs(out, doc->title ? doc->title : "");
    rc_buf_adds(out, "</title>\n");
    const char *const meta[][2] = {{"author", doc->author},
                                   {"description", doc->subject},
                                   {"keywords", doc->keywords}};
    for (size_t i = 0; i < RC_ARRAY_LEN(meta); i++) {
        if (!meta[i][1] || !*meta[i][1])
            continue;
        rc_buf_addf(out, "<meta name=\"%s\" content=\"", meta[i][0]);
        escs(out, meta[i][1]);
        rc_buf_adds(out, "\">\n");
    }
    style_sheet(out, st);
    rc_buf_adds(out, "</head>\n<body>\n<main>\n");
    if (t.s.nnodes > RC_NODE_ROOT)
        block(&x, RC_NODE_ROOT);
    rc_buf_adds(out, "</main>\n</body>\n</html>\n");
    tx_inline_release(&x.in);
    tx_tree_release(&t);
}
