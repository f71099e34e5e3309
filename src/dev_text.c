/*
 * dev_text: the text devices' names and what they share: the structure
 * tree read as text. See dev_text.h and dev_text_tree.h.
 */
#include "dev_text_tree.h"

#include "atomic.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int rc_format_of(const char *name, const char *path)
{
    static const char *const names[] = {"pdf", "txt", "md", "html"};
    if (name) {
        for (int i = 0; i < 4; i++)
            if (!strcmp(name, names[i]))
                return i;
        if (!strcmp(name, "text"))
            return RC_FORMAT_TXT;
        if (!strcmp(name, "markdown"))
            return RC_FORMAT_MD;
        return -1;
    }
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (dot && !strchr(dot, '/')) {
        if (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".text"))
            return RC_FORMAT_TXT;
        if (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown"))
            return RC_FORMAT_MD;
        if (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm"))
            return RC_FORMAT_HTML;
    }
    return RC_FORMAT_PDF;
}

const char *rc_format_extension(rc_format f)
{
    return f == RC_FORMAT_TXT    ? "txt"
           : f == RC_FORMAT_MD   ? "md"
           : f == RC_FORMAT_HTML ? "html"
                                 : "pdf";
}

/* ---- the tree ------------------------------------------------------------ */

void tx_tree_init(tx_tree *t, const rc_doc *doc)
{
    t->doc = doc;
    rc_struct_build(doc, &t->s);
}

void tx_tree_release(tx_tree *t)
{
    rc_struct_release(&t->s);
}

static int inline_type(rc_stype type)
{
    return type == RC_ST_LINK || type == RC_ST_SPAN;
}

int tx_kid_inline(const tx_tree *t, const rc_skid *kid)
{
    return kid->node == RC_NODE_NONE || inline_type(tx_node(t, kid->node)->type);
}

/* ---- inline text ------------------------------------------------------- */

void tx_inline_reset(tx_inline *in)
{
    rc_buf_reset(&in->text);
    in->n = 0;
    in->prev = NULL;
    in->prev_page = 0;
}

void tx_inline_release(tx_inline *in)
{
    rc_buf_release(&in->text);
    free(in->v);
    memset(in, 0, sizeof(*in));
}

/* Append text of one style to the last piece, or a new one; runs of spaces become one. */
static void put(tx_inline *in, const char *s, size_t n, unsigned style, uint32_t link)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' && (!in->text.len || in->text.ptr[in->text.len - 1] == ' '))
            continue;
        tx_piece *last = in->n ? &in->v[in->n - 1] : NULL;
        if (!last || last->style != style || last->link != link ||
            last->off + last->len != in->text.len) {
            RC_VEC_PUSH(in->v, in->n, in->cap);
            last = &in->v[in->n++];
            last->off = in->text.len;
            last->len = 0;
            last->style = style;
            last->link = link;
        }
        rc_buf_addc(&in->text, s[i]);
        last->len++;
    }
}

void tx_inline_trim(tx_inline *in)
{
    while (in->n && in->text.len && in->text.ptr[in->text.len - 1] == ' ') {
        in->text.ptr[--in->text.len] = '\0';
        if (--in->v[in->n - 1].len == 0)
            in->n--;
    }
}

static unsigned style_of(const rc_doc *doc, rc_face_id face)
{
    if (face == RC_FACE_MONO)
        return TX_MONO;
    if (!doc->fonts || (size_t)face >= doc->fonts->nfaces || !doc->fonts->variant)
        return 0;
    unsigned v = doc->fonts->variant[face], s = 0;
    if (v & RC_VARIANT_BOLD)
        s |= TX_BOLD;
    if (v & RC_VARIANT_ITALIC)
        s |= TX_ITALIC;
    return s;
}

/* The draws of a content run, as read. */
static void add_run(const tx_tree *t, const rc_skid *kid, tx_inline *in, uint32_t link)
{
    const rc_page *page = &t->doc->pages[kid->page];
    int skipping = 0; /* inside a piece of a broken word: its first run said it all */
    char utf8[4];
    for (size_t i = kid->first; i < kid->end && i < page->n; i++) {
        const rc_draw *d = &page->v[i];
        if (d->kind != RC_DRAW_TEXT)
            continue;
        if (skipping && !d->span_begin) {
            skipping = !d->span_end;
            continue;
        }
        unsigned style = style_of(t->doc, d->face);
        /* a new line is a space, unless it continues a word broken at its end */
        int continues = d->span_begin && !*d->span_begin;
        if (in->prev && (in->prev_page != kid->page || in->prev->y != d->y) && !continues)
            put(in, " ", 1, style, link);
        in->prev = d;
        in->prev_page = kid->page;
        if (d->span_begin) {
            put(in, d->span_begin, strlen(d->span_begin), style, link);
            skipping = !d->span_end;
            continue;
        }
        for (size_t k = 0; k < d->n; k++) {
            uint32_t cp = d->cps[k];
            if (cp == '\t' || cp == '\n' || cp == '\r')
                cp = ' ';
            put(in, utf8, rc_utf8_encode(cp, utf8), style, link);
        }
    }
}

static void add_kid(const tx_tree *t, const rc_skid *kid, tx_inline *in, uint32_t link)
{
    if (kid->node == RC_NODE_NONE) {
        add_run(t, kid, in, link);
        return;
    }
    if (tx_node(t, kid->node)->type == RC_ST_LINK)
        link = kid->node;
    TX_KIDS(t, kid->node, k)
    if (tx_kid_inline(t, &t->s.kids[k]))
        add_kid(t, &t->s.kids[k], in, link);
}

void tx_inline_add_kid(const tx_tree *t, const rc_skid *kid, tx_inline *in)
{
    add_kid(t, kid, in, RC_NODE_NONE);
}

void tx_inline_add(const tx_tree *t, uint32_t n, tx_inline *in)
{
    uint32_t link = tx_node(t, n)->type == RC_ST_LINK ? n : RC_NODE_NONE;
    TX_KIDS(t, n, k)
    if (tx_kid_inline(t, &t->s.kids[k]))
        add_kid(t, &t->s.kids[k], in, link);
}

void tx_plain(const tx_tree *t, uint32_t n, rc_buf *out)
{
    tx_inline in = {0};
    tx_inline_add(t, n, &in);
    tx_inline_trim(&in);
    rc_buf_add(out, in.text.ptr ? in.text.ptr : "", in.text.len);
    tx_inline_release(&in);
}

/* ---- small things ------------------------------------------------------ */

const char *tx_label_kind(const char *label)
{
    for (const char *p = label; *p; p++)
        if ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
            return label;
    return NULL;
}

void tx_bare_url(const char *url, rc_buf *out)
{
    static const char *const schemes[] = {"https://", "http://", "mailto:", "tel:"};
    rc_buf_reset(out);
    for (size_t i = 0; i < RC_ARRAY_LEN(schemes); i++)
        if (!strncmp(url, schemes[i], strlen(schemes[i]))) {
            url += strlen(schemes[i]);
            break;
        }
    size_t n = strlen(url);
    while (n > 0 && url[n - 1] == '/')
        n--;
    rc_buf_add(out, url, n);
}

/* ---- the devices ------------------------------------------------------- */

void rc_text_render(const rc_doc *doc, rc_format f, rc_buf *out)
{
    tx_tree t;
    tx_tree_init(&t, doc);
    if (t.s.nnodes > RC_NODE_ROOT) {
        if (f == RC_FORMAT_MD)
            rc_md_render(&t, out);
        else
            rc_txt_render(&t, out);
    }
    tx_tree_release(&t);
}

int rc_text_write(const rc_doc *doc, const char *path, rc_format f, rc_diags *d)
{
    rc_buf b = RC_BUF_INIT;
    rc_text_render(doc, f, &b);
    int rc = rc_write_atomic(path, rc_buf_str(&b), b.len, d);
    rc_buf_release(&b);
    return rc;
}
