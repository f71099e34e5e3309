/*
 * dev_trace: the laid-out pages as stable text, for golden tests and for
 * looking at a layout without a PDF viewer.
 *
 * Every length is printed in points with three decimals, computed from
 * scaled points with integer arithmetic only, so a trace is identical on
 * every machine. One line per draw:
 *   page 1 595.276x841.890
 *   text 54.000 81.270 w=120.500 bold 10.000 #000000 "Text of the run"
 * (a right-to-left run, bidi.h, ends in " rtl", and shaped glyphs follow
 * as " glyphs=" and the glyph of each code point, "-" for its own)
 *   rule 54.000 90.000 487.276x0.500 #00294f
 *   link 54.000 72.000 100.000x10.000 "https://example.org"
 *   bookmark 0 72.000 "Education"
 *   image 54.000 40.000 99.213x120.000 "photo.jpg"
 *   note "..."
 * and, for a document with structure, the tree in reading order after the
 * pages, one node a line, indented by depth, with the text it shows:
 *   structure
 *   Document
 *     H1 "Kim Lee"
 *     Link <https://example.org> "rescomp"
 * Draws of no node are decoration (artifacts): their lines end in " -".
 */
#include "dev.h"

#include <stdlib.h>
#include <string.h>

static void put_len(rc_buf *out, rc_scaled v)
{
    int64_t x = v;
    const char *sign = "";
    if (x < 0) {
        sign = "-";
        x = -x;
    }
    /* round to 1/1000 pt */
    int64_t milli = (x * 1000 + 32768) >> 16;
    rc_buf_addf(out, "%s%lld.%03lld", sign, (long long)(milli / 1000), (long long)(milli % 1000));
}

static void put_quoted(rc_buf *out, const char *s)
{
    rc_buf_addc(out, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            rc_buf_addc(out, '\\');
        rc_buf_addc(out, *s);
    }
    rc_buf_addc(out, '"');
}

/* "kind x y wxh" of a rectangle-shaped draw. */
static void put_rect(rc_buf *out, const char *kind, const rc_draw *d)
{
    rc_buf_adds(out, kind);
    rc_buf_addc(out, ' ');
    put_len(out, d->x);
    rc_buf_addc(out, ' ');
    put_len(out, d->y);
    rc_buf_addc(out, ' ');
    put_len(out, d->w);
    rc_buf_addc(out, 'x');
    put_len(out, d->h);
}

/*
 * The body family's faces by their style, as every golden trace names
 * them; a face of another family or a fallback by its font's name, with
 * "+bold" or "+slant" when drawn synthetically.
 */
static const char *face_name(const rc_doc *doc, rc_face_id f, rc_buf *scratch)
{
    static const char *const names[] = {"regular", "bold", "italic", "bolditalic", "mono", "icons"};
    if (!doc->fonts || (size_t)f >= doc->fonts->nfaces)
        return "?";
    unsigned synth = doc->fonts->synthetic[f];
    rc_buf_reset(scratch);
    if (f < RC_FACE_COUNT)
        rc_buf_adds(scratch, names[f]);
    else
        rc_buf_addf(scratch, "\"%s\"", rc_face_name(doc->fonts->faces[f]));
    if (synth & RC_SYNTH_BOLD)
        rc_buf_adds(scratch, "+bold");
    if (synth & RC_SYNTH_SLANT)
        rc_buf_adds(scratch, "+slant");
    return rc_buf_str(scratch);
}

/* Advance of a run including its adjustments, as the PDF places it. */
static rc_scaled run_width(const rc_doc *doc, const rc_draw *d)
{
    int64_t milli = 0, adj = 0;
    const rc_face *face = doc->fonts ? doc->fonts->faces[d->face] : NULL;
    for (size_t i = 0; i < d->n; i++) {
        if (face)
            milli += rc_face_advance(face, d->cps[i]);
        if (d->adjust)
            adj += d->adjust[i];
    }
    return rc_expanded((rc_scaled)(milli * d->size / 1000 + adj), d->expand);
}

/*
 * The text of a content run of a node, as an extractor that honours
 * /ActualText reads it: a word broken across lines once, small caps as
 * written, icons not at all, and a space where a line ends.
 */
/* The draw a node's text reached: the node's next run goes on from it. */
typedef struct last_draw {
    const rc_draw *d; /* NULL: none yet */
    uint32_t page;
} last_draw;

/* A content run's text into text, after what *prev reached. */
static void node_text(const rc_doc *doc, const rc_skid *kid, rc_buf *text, last_draw *prev)
{
    const rc_page *page = &doc->pages[kid->page];
    for (size_t i = kid->first; i < kid->end; i++) {
        const rc_draw *d = &page->v[i];
        if (d->kind == RC_DRAW_IMAGE)
            rc_buf_adds(text, "[image]");
        if (d->kind != RC_DRAW_TEXT)
            continue;
        /* a new line is a space, unless it continues a word broken at its end */
        int continues = d->span_begin && !*d->span_begin;
        if (prev->d && (prev->page != kid->page || prev->d->y != d->y) && !continues && text->len &&
            text->ptr[text->len - 1] != ' ')
            rc_buf_addc(text, ' ');
        if (d->span_begin)
            rc_buf_adds(text, d->span_begin);
        else
            for (size_t k = 0; k < d->n; k++)
                rc_buf_add_utf8(text, d->cps[k]);
        prev->d = d;
        prev->page = kid->page;
    }
}

static void put_indent(rc_buf *out, size_t depth)
{
    for (size_t i = 0; i < depth; i++)
        rc_buf_adds(out, "  ");
}

static void put_structure(const rc_doc *doc, rc_buf *out)
{
    rc_struct t;
    rc_struct_build(doc, &t);
    rc_buf_adds(out, "structure\n");
    /* depth-first from the root: (node, depth) pairs on a stack */
    size_t nkids = t.start[t.nnodes];
    size_t *stack = rc_xmalloc(2 * (t.nnodes + nkids + 1) * sizeof(*stack)), top = 0;
    rc_buf text = RC_BUF_INIT;
    stack[top++] = RC_NODE_ROOT;
    stack[top++] = 0;
    while (top > 0) {
        size_t depth = stack[--top], n = stack[--top];
        const rc_node *node = &doc->nodes[n];
        int mixed = 0; /* content and child nodes: each content run on a line of its own */
        for (size_t k = t.start[n]; k < t.start[n + 1]; k++)
            mixed |= t.kids[k].node != RC_NODE_NONE;
        put_indent(out, depth);
        rc_buf_adds(out, rc_stype_name(node->type));
        if (node->type == RC_ST_LINK && node->url)
            rc_buf_addf(out, " <%s>", node->url);
        if (node->alt) {
            rc_buf_adds(out, " alt=");
            put_quoted(out, node->alt);
        }
        rc_buf_reset(&text);
        last_draw prev = {NULL, 0};
        for (size_t k = t.start[n]; !mixed && k < t.start[n + 1]; k++)
            node_text(doc, &t.kids[k], &text, &prev);
        if (text.len) {
            rc_buf_addc(out, ' ');
            put_quoted(out, rc_buf_str(&text));
        }
        rc_buf_addc(out, '\n');
        /* the kids, last first on the stack; a content run is pushed as ~k */
        for (size_t k = t.start[n + 1]; mixed && k-- > t.start[n];) {
            stack[top++] = t.kids[k].node != RC_NODE_NONE ? t.kids[k].node : ~k;
            stack[top++] = depth + 1;
        }
        while (top > 0 && stack[top - 2] > t.nnodes) {
            /* content runs on top of the stack: print them here, in order */
            size_t d = stack[--top], k = ~stack[--top];
            rc_buf_reset(&text);
            last_draw none = {NULL, 0};
            node_text(doc, &t.kids[k], &text, &none);
            put_indent(out, d);
            put_quoted(out, rc_buf_str(&text));
            rc_buf_addc(out, '\n');
        }
    }
    rc_buf_release(&text);
    free(stack);
    rc_struct_release(&t);
}

void rc_trace_write(const rc_doc *doc, rc_buf *out)
{
    rc_buf scratch = RC_BUF_INIT;
    int tagged = doc->nnodes > RC_NODE_ROOT;
    /* The family the faces named "regular", "bold"... belong to. */
    if (doc->fonts && doc->fonts->nfaces)
        rc_buf_addf(out, "body-font \"%s\"\n", rc_face_name(doc->fonts->faces[RC_FACE_REGULAR]));
    for (size_t p = 0; p < doc->npages; p++) {
        rc_buf_addf(out, "page %zu ", p + 1);
        put_len(out, doc->width);
        rc_buf_addc(out, 'x');
        put_len(out, doc->height);
        rc_buf_addc(out, '\n');
        const rc_page *page = &doc->pages[p];
        for (size_t i = 0; i < page->n; i++) {
            const rc_draw *d = &page->v[i];
            size_t line_start = out->len;
            switch (d->kind) {
            case RC_DRAW_TEXT: {
                rc_buf text = RC_BUF_INIT;
                for (size_t k = 0; k < d->n; k++)
                    rc_buf_add_utf8(&text, d->cps[k]);
                rc_buf_adds(out, "text ");
                put_len(out, d->x);
                rc_buf_addc(out, ' ');
                put_len(out, d->y);
                rc_buf_adds(out, " w=");
                put_len(out, run_width(doc, d));
                rc_buf_addf(out, " %s ", face_name(doc, d->face, &scratch));
                put_len(out, d->size);
                rc_buf_addf(out, " #%06x ", (unsigned)d->color);
                put_quoted(out, rc_buf_str(&text));
                if (d->span_begin) {
                    rc_buf_adds(out, " span=");
                    put_quoted(out, d->span_begin);
                }
                if (d->span_end)
                    rc_buf_adds(out, " span-end");
                if (d->expand)
                    rc_buf_addf(out, " expand=%+d", d->expand);
                if (d->rtl)
                    rc_buf_adds(out, " rtl");
                for (size_t k = 0; d->gids && k < d->n; k++) {
                    rc_buf_adds(out, k ? "," : " glyphs=");
                    if (d->gids[k])
                        rc_buf_addf(out, "%u", (unsigned)d->gids[k]);
                    else
                        rc_buf_addc(out, '-');
                }
                for (size_t k = 0; d->offset && k < d->n; k++) {
                    rc_buf_adds(out, k ? "," : " offsets=");
                    if (d->offset[k].x || d->offset[k].y)
                        rc_buf_addf(out, "%d/%d", d->offset[k].x, d->offset[k].y);
                    else
                        rc_buf_addc(out, '-');
                }
                rc_buf_addc(out, '\n');
                rc_buf_release(&text);
                break;
            }
            case RC_DRAW_RULE:
                put_rect(out, "rule", d);
                rc_buf_addf(out, " #%06x\n", (unsigned)d->color);
                break;
            case RC_DRAW_LINK:
                put_rect(out, "link", d);
                rc_buf_addc(out, ' ');
                put_quoted(out, d->text ? d->text : "");
                rc_buf_addc(out, '\n');
                break;
            case RC_DRAW_BOOKMARK:
                rc_buf_addf(out, "bookmark %d ", d->level);
                put_len(out, d->y);
                rc_buf_addc(out, ' ');
                put_quoted(out, d->text ? d->text : "");
                rc_buf_addc(out, '\n');
                break;
            case RC_DRAW_IMAGE: {
                put_rect(out, "image", d);
                /* the file's name only: traces must not depend on where the CV is */
                const char *slash = d->text ? strrchr(d->text, '/') : NULL;
                rc_buf_addc(out, ' ');
                put_quoted(out, slash ? slash + 1 : d->text ? d->text : "");
                rc_buf_addc(out, '\n');
                break;
            }
            case RC_DRAW_NOTE:
                rc_buf_adds(out, "note ");
                put_quoted(out, d->text ? d->text : "");
                rc_buf_addc(out, '\n');
                break;
            }
            if (tagged && rc_draw_shows(d) && d->node == RC_NODE_NONE && out->len > line_start) {
                out->len--; /* before the newline */
                rc_buf_adds(out, " -\n");
            }
        }
    }
    if (tagged)
        put_structure(doc, out);
    rc_buf_release(&scratch);
}
