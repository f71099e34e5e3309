/*
 * dev_md: the laid-out document as Markdown (CommonMark). See dev_text.h.
 *
 * The name is the level-1 heading, each section title a level-2 one;
 * lists are "- " items (an ordered list when their labels count 1., 2.,
 * ... up; another label, such as a number counting down, is kept in front
 * of its item's text), nested lists indented under their item; links are
 * [text](url); text the PDF sets in a bold or italic face is **strong** or
 * *emphasis*, in the typewriter face `code`. Each paragraph of an entry is
 * a paragraph; its date-and-location column is one line, its lines joined
 * by " · ", after the entry's first paragraph (a line of the column that
 * stands beside a paragraph of its own, a position's dates, after that
 * one), and its label column (the degree) a line before it.
 */
#include "dev_text_tree.h"

#include <stdlib.h>
#include <string.h>

#define SEP " \xC2\xB7 " /* " · " between connections and between lines of a date column */

typedef struct md {
    const tx_tree *t;
    tx_inline in;
} md;

static void block(md *x, uint32_t n, int tight, rc_buf *out);

static unsigned hints(md *x, uint32_t n)
{
    return n == RC_NODE_NONE ? 0 : tx_node(x->t, n)->hints;
}

static void escape(rc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' ||
            c == '>')
            rc_buf_addc(b, '\\');
        rc_buf_addc(b, c);
    }
}

static const char *mark(unsigned style)
{
    if ((style & TX_BOLD) && (style & TX_ITALIC))
        return "***";
    if (style & TX_BOLD)
        return "**";
    if (style & TX_ITALIC)
        return "*";
    return "";
}

static void add_url(rc_buf *out, const char *url)
{
    rc_buf_adds(out, "](");
    for (const char *u = url; *u; u++) {
        if (*u == '(' || *u == ')' || *u == ' ' || *u == '<' || *u == '>')
            rc_buf_addf(out, "%%%02X", (unsigned)(unsigned char)*u);
        else
            rc_buf_addc(out, *u);
    }
    rc_buf_addc(out, ')');
}

/*
 * Emphasis as marks that nest: "**DNA repair in *E. coli* - a study**".
 * Open marks are a stack (the innermost on top); before text of another
 * style the marks it has not are closed (and those above them), then the
 * ones it has are opened. Spaces wait between: marks hug the text.
 */
typedef struct marks {
    unsigned open[2];
    int depth;
    size_t spaces; /* spaces written after the last text, not yet out */
} marks;

static void marks_to(marks *m, unsigned style, rc_buf *out)
{
    style &= TX_BOLD | TX_ITALIC;
    int keep = 0;
    while (keep < m->depth && (style & m->open[keep]))
        keep++;
    while (m->depth > keep)
        rc_buf_adds(out, mark(m->open[--m->depth]));
    for (; m->spaces; m->spaces--)
        rc_buf_addc(out, ' ');
    static const unsigned order[] = {TX_BOLD, TX_ITALIC};
    for (int i = 0; i < 2; i++) {
        int have = 0;
        for (int k = 0; k < m->depth; k++)
            have |= m->open[k] == order[i];
        if ((style & order[i]) && !have) {
            m->open[m->depth++] = order[i];
            rc_buf_adds(out, mark(order[i]));
        }
    }
}

/* Text of `style` (less `common`), its spaces at either end left waiting. */
static void marked(marks *m, const char *s, size_t n, unsigned style, rc_buf *out)
{
    size_t a = 0, e = n;
    while (a < e && s[a] == ' ')
        a++;
    while (e > a && s[e - 1] == ' ')
        e--;
    m->spaces += a;
    if (a == e)
        return;
    marks_to(m, style, out);
    if (style & TX_MONO) {
        int tick = memchr(s + a, '`', e - a) != NULL;
        rc_buf_adds(out, tick ? "`` " : "`");
        rc_buf_add(out, s + a, e - a);
        rc_buf_adds(out, tick ? " ``" : "`");
    } else {
        escape(out, s + a, e - a);
    }
    m->spaces = n - e;
}

/*
 * Pieces first .. end - 1 of x->in with their emphasis less `common`, in
 * the link `inside` (or none); another link is [text](url) in the
 * emphasis its text all has, with what only some of it has inside its
 * brackets.
 */
static void pieces(md *x, size_t first, size_t end, unsigned common, uint32_t inside,
                   rc_buf *out)
{
    const tx_inline *in = &x->in;
    marks m = {{0}, 0, 0};
    rc_buf inner = RC_BUF_INIT;
    for (size_t i = first; i < end;) {
        const tx_piece *p = &in->v[i];
        if (p->link == inside) {
            marked(&m, in->text.ptr + p->off, p->len, p->style & ~common, out);
            i++;
            continue;
        }
        size_t e = i;
        unsigned all = ~0u;
        for (; e < end && in->v[e].link == p->link; e++)
            all &= in->v[e].style;
        rc_buf_reset(&inner);
        pieces(x, i, e, all | common, p->link, &inner);
        const char *url = tx_node(x->t, p->link)->url;
        if (url && inner.len) {
            size_t a = 0, z = inner.len;
            while (a < z && inner.ptr[a] == ' ')
                a++;
            while (z > a && inner.ptr[z - 1] == ' ')
                z--;
            m.spaces += a;
            marks_to(&m, all & ~common & ~(unsigned)TX_MONO, out);
            rc_buf_addc(out, '[');
            rc_buf_add(out, inner.ptr + a, z - a);
            add_url(out, url);
            m.spaces = inner.len - z;
        }
        i = e;
    }
    marks_to(&m, 0, out);
    rc_buf_release(&inner);
}

/*
 * x->in as Markdown: emphasis where the face has it (emph 1), or where it
 * differs from what all the text has (emph 2: a heading, set in a bold
 * face, emphasises what its source did).
 */
static void inline_text(md *x, int emph, rc_buf *out)
{
    const tx_inline *in = &x->in;
    size_t start = out->len;
    unsigned common = emph == 1 ? 0 : ~0u;
    for (size_t i = 0; emph == 2 && i < in->n; i++)
        common &= in->v[i].style;
    pieces(x, 0, in->n, common, RC_NODE_NONE, out);
    /*
     * Text that would start a block (a heading, a list item, a thematic
     * break or a heading's underline) where it starts a line: its first
     * character escaped.
     */
    if (out->len > start) {
        const char *t = out->ptr + start;
        size_t n = out->len - start, d = 0, same = 0;
        while (d < n && d < 9 && t[d] >= '0' && t[d] <= '9')
            d++;
        while (same < n && t[same] == t[0])
            same++;
        char c = t[0], after = d + 1 < n ? t[d + 1] : ' ';
        int numbered = d > 0 && d < n && (t[d] == '.' || t[d] == ')') && after == ' ';
        int marker = (c == '-' || c == '+') && (n == 1 || t[1] == ' ');
        int rule = (c == '-' || c == '=') && same == n;
        if (c == '#' || marker || rule || numbered) {
            size_t at = start + (numbered ? d : 0);
            rc_buf_addc(out, ' ');
            memmove(out->ptr + at + 1, out->ptr + at, out->len - at - 1);
            out->ptr[at] = '\\';
        }
    }
}

/* The inline text of node n as Markdown. */
static void node_text(md *x, uint32_t n, int emph, rc_buf *out)
{
    tx_inline_reset(&x->in);
    tx_inline_add(x->t, n, &x->in);
    tx_inline_trim(&x->in);
    inline_text(x, emph, out);
}

/* Separate a new block from what out holds: a blank line, or in a tight list item a line break. */
static void start_block(rc_buf *out, int tight, int paragraph_after_paragraph)
{
    if (!out->len)
        return;
    if (!tight)
        rc_buf_adds(out, "\n\n");
    else if (paragraph_after_paragraph)
        rc_buf_adds(out, "  \n");
    else
        rc_buf_addc(out, '\n');
}

static void connections(md *x, uint32_t n, rc_buf *out)
{
    TX_KIDS(x->t, n, k)
    {
        tx_inline_reset(&x->in);
        tx_inline_add_kid(x->t, &x->t->s.kids[k], &x->in);
        tx_inline_trim(&x->in);
        if (!x->in.text.len)
            continue;
        if (out->len)
            rc_buf_adds(out, SEP);
        inline_text(x, 1, out);
    }
}

/* Whether labels count 1., 2., ... up: an ordered list; its first number in *start. */
static int counts_up(md *x, uint32_t list, long *start)
{
    long expect = -1;
    rc_buf b = RC_BUF_INIT;
    int ok = 1, any = 0;
    TX_KIDS(x->t, list, k)
    {
        uint32_t li = x->t->s.kids[k].node;
        if (li == RC_NODE_NONE || tx_node(x->t, li)->type != RC_ST_LI)
            continue;
        uint32_t lbl = RC_NODE_NONE;
        TX_KIDS(x->t, li, j)
        if (x->t->s.kids[j].node && tx_node(x->t, x->t->s.kids[j].node)->type == RC_ST_LBL)
            lbl = x->t->s.kids[j].node;
        rc_buf_reset(&b);
        if (lbl)
            tx_plain(x->t, lbl, &b);
        char *end;
        const char *s = rc_buf_str(&b);
        long v = s[0] >= '0' && s[0] <= '9' ? strtol(s, &end, 10) : -1;
        if (v < 0 || v > 999999999 || strcmp(end, ".") || (expect >= 0 && v != expect)) {
            ok = 0;
            break;
        }
        if (expect < 0)
            *start = v;
        expect = v + 1;
        any = 1;
    }
    rc_buf_release(&b);
    return ok && any;
}

/* Append body to out, its lines after the first indented by `indent` (blank lines left empty). */
static void indented(rc_buf *out, const char *body, int indent)
{
    for (const char *s = body; *s;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        if (s != body && n)
            for (int i = 0; i < indent; i++)
                rc_buf_addc(out, ' ');
        rc_buf_add(out, s, n);
        if (!nl)
            break;
        rc_buf_addc(out, '\n');
        s = nl + 1;
    }
}

static void list(md *x, uint32_t n, rc_buf *out)
{
    long number = 0;
    int ordered = counts_up(x, n, &number);
    rc_buf body = RC_BUF_INIT, marker = RC_BUF_INIT;
    int first = 1;
    TX_KIDS(x->t, n, k)
    {
        uint32_t li = x->t->s.kids[k].node;
        if (li == RC_NODE_NONE)
            continue;
        if (tx_node(x->t, li)->type != RC_ST_LI) {
            start_block(out, 0, 0);
            block(x, li, 0, out);
            continue;
        }
        rc_buf_reset(&body);
        rc_buf_reset(&marker);
        TX_KIDS(x->t, li, j)
        {
            uint32_t m = x->t->s.kids[j].node;
            if (m == RC_NODE_NONE)
                continue;
            if (tx_node(x->t, m)->type == RC_ST_LBL) {
                if (ordered)
                    continue;
                /* a label that is not a bullet stays, in front of the text */
                rc_buf_reset(&marker);
                tx_plain(x->t, m, &marker);
                if (tx_label_kind(rc_buf_str(&marker))) {
                    rc_buf lbl = RC_BUF_INIT;
                    escape(&lbl, marker.ptr, marker.len);
                    rc_buf_reset(&body);
                    /* "2." would start a list: "2\." */
                    for (const char *s = rc_buf_str(&lbl); *s; s++) {
                        if (*s == '.' && s[1] == '\0')
                            rc_buf_addc(&body, '\\');
                        rc_buf_addc(&body, *s);
                    }
                    rc_buf_addc(&body, ' ');
                    rc_buf_release(&lbl);
                }
                continue;
            }
            size_t before = body.len;
            rc_buf sub = RC_BUF_INIT;
            block(x, m, 1, &sub);
            if (before && sub.len && tx_node(x->t, m)->type == RC_ST_L)
                rc_buf_addc(&body, '\n');
            rc_buf_add(&body, sub.ptr ? sub.ptr : "", sub.len);
            rc_buf_release(&sub);
        }
        rc_buf_reset(&marker);
        if (ordered)
            rc_buf_addf(&marker, "%ld. ", number++);
        else
            rc_buf_adds(&marker, "- ");
        if (!first)
            rc_buf_addc(out, '\n');
        else
            start_block(out, 0, 0);
        first = 0;
        rc_buf_add(out, marker.ptr, marker.len);
        indented(out, rc_buf_str(&body), (int)marker.len);
    }
    rc_buf_release(&body);
    rc_buf_release(&marker);
}

/*
 * An entry (or a list item's body): its parts in order, each a paragraph
 * or a block, with the lines of its date column after the part they
 * belong to and its label column before the first.
 */
static void container(md *x, uint32_t n, int tight, rc_buf *out)
{
    const rc_struct *s = &x->t->s;
    rc_buf column = RC_BUF_INIT, label = RC_BUF_INIT, part = RC_BUF_INIT;
    TX_KIDS(x->t, n, k)
    {
        uint32_t m = s->kids[k].node;
        unsigned h = hints(x, m);
        if ((h & RC_HINT_ASIDE) && !(h & RC_HINT_ROW)) {
            if (column.len)
                rc_buf_adds(&column, SEP);
            node_text(x, m, 1, &column);
        } else if ((h & RC_HINT_LABEL) && !label.len) {
            node_text(x, m, 1, &label);
        }
    }
    int nparts = 0, prev_para = 0;
    for (size_t k = s->start[n]; k < s->start[n + 1];) {
        const rc_skid *kid = &s->kids[k];
        unsigned h = hints(x, kid->node);
        if ((h & RC_HINT_LABEL) || ((h & RC_HINT_ASIDE) && !(h & RC_HINT_ROW))) {
            k++;
            continue;
        }
        rc_buf_reset(&part);
        int para;
        if (h & RC_HINT_ASIDE) {
            /* a position's dates: a line after its paragraph */
            if (out->len)
                rc_buf_adds(out, prev_para ? "  \n" : "\n\n");
            node_text(x, kid->node, 1, out);
            k++;
            continue;
        }
        if (tx_kid_inline(x->t, kid)) {
            tx_inline_reset(&x->in);
            for (; k < s->start[n + 1] && tx_kid_inline(x->t, &s->kids[k]); k++)
                tx_inline_add_kid(x->t, &s->kids[k], &x->in);
            tx_inline_trim(&x->in);
            inline_text(x, 1, &part);
            para = 1;
        } else {
            block(x, kid->node, tight, &part);
            para = tx_node(x->t, kid->node)->type == RC_ST_P;
            k++;
        }
        if (!part.len)
            continue;
        if (!nparts && label.len) {
            start_block(out, tight, 0);
            rc_buf_add(out, label.ptr, label.len);
            rc_buf_adds(out, "  \n");
        } else {
            start_block(out, tight, para && prev_para);
        }
        rc_buf_add(out, part.ptr, part.len);
        if (!nparts++ && column.len) {
            rc_buf_adds(out, para ? "  \n" : "\n\n");
            rc_buf_add(out, column.ptr, column.len);
        }
        prev_para = para;
    }
    if (!nparts && (column.len || label.len)) {
        start_block(out, tight, 0);
        rc_buf_add(out, label.ptr, label.len);
        rc_buf_adds(out, label.len && column.len ? "  \n" : "");
        rc_buf_add(out, column.ptr, column.len);
    }
    rc_buf_release(&column);
    rc_buf_release(&label);
    rc_buf_release(&part);
}

static void block(md *x, uint32_t n, int tight, rc_buf *out)
{
    switch (tx_node(x->t, n)->type) {
    case RC_ST_H1:
        rc_buf_adds(out, "# ");
        node_text(x, n, 2, out);
        break;
    case RC_ST_H2:
        rc_buf_adds(out, "## ");
        node_text(x, n, 2, out);
        break;
    case RC_ST_P:
    case RC_ST_LBL:
    case RC_ST_LINK:
    case RC_ST_SPAN:
        if (hints(x, n) & RC_HINT_CONNECTIONS)
            connections(x, n, out);
        else
            node_text(x, n, 1, out);
        break;
    case RC_ST_L:
        list(x, n, out);
        break;
    case RC_ST_FIGURE:
        break; /* the photo is a file beside the CV, not part of its text */
    case RC_ST_DOCUMENT:
    case RC_ST_SECT: {
        rc_buf sub = RC_BUF_INIT;
        TX_KIDS(x->t, n, k)
        {
            const rc_skid *kid = &x->t->s.kids[k];
            rc_buf_reset(&sub);
            if (kid->node == RC_NODE_NONE) {
                tx_inline_reset(&x->in);
                tx_inline_add_kid(x->t, kid, &x->in);
                tx_inline_trim(&x->in);
                inline_text(x, 1, &sub);
            } else {
                block(x, kid->node, 0, &sub);
            }
            if (!sub.len)
                continue;
            start_block(out, 0, 0);
            rc_buf_add(out, sub.ptr, sub.len);
        }
        rc_buf_release(&sub);
        break;
    }
    default:
        container(x, n, tight, out);
        break;
    }
}

void rc_md_render(const tx_tree *t, rc_buf *out)
{
    md x;
    memset(&x, 0, sizeof(x));
    x.t = t;
    rc_buf b = RC_BUF_INIT;
    block(&x, RC_NODE_ROOT, 0, &b);
    if (b.len) {
        rc_buf_add(out, b.ptr, b.len);
        rc_buf_addc(out, '\n');
    }
    rc_buf_release(&b);
    tx_inline_release(&x.in);
}
