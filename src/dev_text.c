/*
 * dev_text: the text devices' names and what they share: the structure
 * tree read as text. See dev_text.h and dev_text_tree.h.
 */
#include "dev_text_tree.h"

#include "atomic.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * The output formats, one row each: the name --format takes, which is the
 * extension written, then other names and extensions that mean it. A new
 * format is a row here (and its rc_format).
 */
static const struct {
    const char *name;
    const char *also[3];
} formats[] = {
    [RC_FORMAT_PDF] = {"pdf", {NULL}},
    [RC_FORMAT_TXT] = {"txt", {"text", NULL}},
    [RC_FORMAT_MD] = {"md", {"markdown", NULL}},
    [RC_FORMAT_HTML] = {"html", {"htm", NULL}},
};

/* The format a name (or extension, without its dot) means, any case; -1: none. */
static int format_named(const char *name, size_t n)
{
    for (size_t f = 0; f < RC_ARRAY_LEN(formats); f++) {
        if (strlen(formats[f].name) == n && !strncasecmp(name, formats[f].name, n))
            return (int)f;
        for (size_t a = 0; formats[f].also[a]; a++)
            if (strlen(formats[f].also[a]) == n && !strncasecmp(name, formats[f].also[a], n))
                return (int)f;
    }
    return -1;
}

/* The extension of path's last component, after its last dot ("" when it has none). */
static const char *extension_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : ""; /* ".profile" is a name */
}

int rc_format_of(const char *name, const char *path)
{
    if (name)
        return format_named(name, strlen(name));
    const char *ext = path ? extension_of(path) : "";
    int f = *ext ? format_named(ext, strlen(ext)) : -1;
    return f < 0 ? RC_FORMAT_PDF : f;
}

/* "pdf, txt or md" */
static void list_formats(rc_buf *out)
{
    for (size_t f = 0; f < RC_ARRAY_LEN(formats); f++)
        rc_buf_addf(out, "%s%s", f == 0 ? "" : f + 1 == RC_ARRAY_LEN(formats) ? " or " : ", ",
                    formats[f].name);
}

/* A usage error about a format, in d: fmt's %s are arg (shown), then the formats' list. */
static void format_error(rc_diags *d, const char *fmt, const char *arg)
{
    rc_buf known = RC_BUF_INIT, shown = RC_BUF_INIT;
    list_formats(&known);
    rc_buf_add_shown(&shown, arg);
    rc_error_class(d, RC_FAIL_USAGE, (rc_pos){NULL, 0, 0}, fmt, rc_buf_str(&shown),
                   rc_buf_str(&known));
    rc_buf_release(&known);
    rc_buf_release(&shown);
}

/* Nothing is allocated unless there is an error: this runs before every compilation. */
int rc_format_choose(const char *name, const char *path, rc_diags *d)
{
    int f = name ? format_named(name, strlen(name)) : -1;
    const char *ext = path ? extension_of(path) : "";
    int by_ext = *ext ? format_named(ext, strlen(ext)) : -1;
    if (name && f < 0) {
        format_error(d, "unknown format '%s'; --format takes %s", name);
        return -1;
    }
    if (!name && *ext && by_ext < 0) {
        /* not a PDF by default: 'cv.html' or 'cv.docx' asks for what this is not */
        format_error(d, "cannot tell the format of '%s' from its extension: the formats are "
                     "%s; name one with --format", path);
        return -1;
    }
    if (name && by_ext >= 0 && by_ext != f) {
        rc_buf shown = RC_BUF_INIT;
        rc_buf_add_shown(&shown, path);
        rc_error_class(d, RC_FAIL_USAGE, (rc_pos){NULL, 0, 0}, "--format %s contradicts the "
                       "output '%s'; drop --format or name the output '.%s'", formats[f].name,
                       rc_buf_str(&shown), formats[f].name);
        rc_buf_release(&shown);
        return -1;
    }
    return name ? f : by_ext >= 0 ? by_ext : RC_FORMAT_PDF;
}

const char *rc_format_extension(rc_format f)
{
    return (size_t)f < RC_ARRAY_LEN(formats) ? formats[f].name : "pdf";
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
    rc_text_render_width(doc, f, RC_TEXT_WIDTH, out);
}

void rc_text_render_width(const rc_doc *doc, rc_format f, int width, rc_buf *out)
{
    tx_tree t;
    tx_tree_init(&t, doc);
    if (t.s.nnodes > RC_NODE_ROOT) {
        if (f == RC_FORMAT_MD)
            rc_md_render(&t, out);
        else
            rc_txt_render(&t, width, out);
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
