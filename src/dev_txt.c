/*
 * dev_txt: the laid-out document as plain text, 80 columns wide (or as
 * --width says, or a paragraph a line with --width 0). See dev_text.h.
 *
 * The look is a typewriter's copy of the PDF's: the name underlined with
 * '=', each section title with '-', the connections on a line separated
 * by " | ", lists with their numbers (or "-" for a bullet) hanging left of
 * their items, and beside an entry's lines its date-and-location column,
 * set flush right: a line of that column stands beside the first line of
 * the part of the entry it follows in reading order (the PDF draws it
 * beside that part), and the lines it stands beside are set narrower to
 * leave it room. A column too wide for that gets lines of its own. A label
 * column (the degree) hangs left of the entry. A link shows its address
 * after its text, "text (url)", unless the text says it already.
 *
 * Widths are counted in code points: a CV's text is Latin, Greek or
 * Cyrillic, one column a character in a monospaced font.
 */
#include "dev_text_tree.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define GAP 2          /* columns between the main text and the date column */
#define MIN_MAIN 30    /* the fewest columns the main text keeps beside it */
#define MAX_LABEL 24   /* a wider label column takes a line of its own */

typedef struct tline {
    char *s;
    int cols;
} tline;

typedef struct tlines {
    tline *v;
    size_t n, cap;
} tlines;

/* Lines narrowed for a column beside them: narrow[i] for line i of the list being set. */
typedef struct frame {
    unsigned char *narrow;
    size_t n;
    int side; /* the column's width with its gap */
} frame;

typedef struct txt {
    const tx_tree *t;
    int width;  /* the columns of a line */
    int nowrap; /* no hard wrapping (--width 0): width is then more than any line */
    tx_inline in;
    rc_buf b, url;
} txt;

static int columns(const char *s, size_t n)
{
    return (int)rc_utf8_length(s, n);
}

static void lines_release(tlines *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        free(ls->v[i].s);
    free(ls->v);
    memset(ls, 0, sizeof(*ls));
}

/* Append a line: `indent` spaces, then s (each U+00A0 a space). */
static void push(tlines *ls, int indent, const char *s, size_t n)
{
    rc_buf b = RC_BUF_INIT;
    for (int i = 0; i < indent; i++)
        rc_buf_addc(&b, ' ');
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            rc_buf_addc(&b, ' ');
            i++;
        } else {
            rc_buf_addc(&b, s[i]);
        }
    }
    RC_VEC_PUSH(ls->v, ls->n, ls->cap);
    tline *l = &ls->v[ls->n++];
    l->s = b.ptr ? b.ptr : rc_xstrdup("");
    l->cols = columns(l->s, strlen(l->s));
}

static void insert(tlines *ls, size_t at, tlines *from)
{
    for (size_t i = 0; i < from->n; i++) {
        RC_VEC_PUSH(ls->v, ls->n, ls->cap);
        memmove(ls->v + at + i + 1, ls->v + at + i, (ls->n - at - i) * sizeof(tline));
        ls->v[at + i] = from->v[i];
        ls->n++;
    }
    from->n = 0;
}

static int avail(const txt *x, const frame *f, size_t line)
{
    return x->width - (f && line < f->n && f->narrow[line] ? f->side : 0);
}

/*
 * Break s at spaces into lines: the first at first_indent after `label`,
 * the rest at `indent`, each as wide as the frame leaves it; a word longer
 * than a line gets a line of its own. No-break spaces are not broken at.
 */
static void wrap(const txt *x, tlines *ls, const frame *f, const char *s, int first_indent,
                 const char *label, int indent)
{
    size_t n = strlen(s), i = 0;
    int lw = label ? columns(label, strlen(label)) : 0;
    rc_buf line = RC_BUF_INIT;
    for (int first = 1;; first = 0) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n && !(first && label))
            break;
        int width = avail(x, f, ls->n) - (first ? first_indent + lw : indent);
        if (width < 10)
            width = 10;
        size_t end = i;
        int cols = 0;
        while (end < n) {
            size_t ws = end;
            while (ws < n && s[ws] == ' ')
                ws++;
            size_t we = ws;
            while (we < n && s[we] != ' ')
                we++;
            if (we == ws)
                break;
            int wc = columns(s + ws, we - ws);
            if (cols && cols + 1 + wc > width)
                break;
            cols += (cols ? 1 : 0) + wc;
            end = we;
        }
        rc_buf_reset(&line);
        if (first && label)
            rc_buf_adds(&line, label);
        rc_buf_add(&line, s + i, end - i);
        push(ls, first ? first_indent : indent, rc_buf_str(&line), line.len);
        i = end;
    }
    rc_buf_release(&line);
}

/* ---- inline text --------------------------------------------------------- */

/* The text of the pieces read into x->in, links followed by their address where it says more. */
static const char *plain(txt *x)
{
    const tx_inline *in = &x->in;
    rc_buf_reset(&x->b);
    for (size_t i = 0; i < in->n; i++) {
        const tx_piece *p = &in->v[i];
        rc_buf_add(&x->b, in->text.ptr + p->off, p->len);
        if (!p->link || (i + 1 < in->n && in->v[i + 1].link == p->link))
            continue;
        /* the last piece of a link: its text, from where it starts */
        size_t first = i;
        while (first > 0 && in->v[first - 1].link == p->link)
            first--;
        const char *url = tx_node(x->t, p->link)->url;
        if (!url || !strncmp(url, "mailto:", 7) || !strncmp(url, "tel:", 4))
            continue; /* the address or number is the text */
        size_t end = p->off + p->len, start = in->v[first].off < end ? in->v[first].off : end;
        while (start < end && in->text.ptr[start] == ' ')
            start++;
        while (end > start && in->text.ptr[end - 1] == ' ')
            end--;
        rc_buf text = RC_BUF_INIT, shown = RC_BUF_INIT;
        rc_buf_addf(&text, "%.*s", (int)(end - start), in->text.ptr + start);
        tx_bare_url(rc_buf_str(&text), &shown);
        tx_bare_url(url, &x->url);
        rc_buf_release(&text);
        if (strcmp(rc_buf_str(&shown), rc_buf_str(&x->url))) {
            /* after the link's text, before the spaces that follow it */
            size_t spaces = 0;
            while (spaces < x->b.len && x->b.ptr[x->b.len - 1 - spaces] == ' ')
                spaces++;
            x->b.len -= spaces;
            rc_buf_addf(&x->b, " (%s)", url);
            for (size_t k = 0; k < spaces; k++)
                rc_buf_addc(&x->b, ' ');
        }
        rc_buf_release(&shown);
    }
    return rc_buf_str(&x->b);
}

/* The inline text of node n. */
static const char *text_of(txt *x, uint32_t n)
{
    tx_inline_reset(&x->in);
    tx_inline_add(x->t, n, &x->in);
    tx_inline_trim(&x->in);
    return plain(x);
}

/* ---- blocks ---------------------------------------------------------------- */

static void block(txt *x, tlines *ls, const frame *f, uint32_t n, int indent);
static void container(txt *x, tlines *ls, const frame *f, uint32_t n, int indent);

static unsigned hints(txt *x, uint32_t n)
{
    return n == RC_NODE_NONE ? 0 : tx_node(x->t, n)->hints;
}

/* The header's connections: one line of items that never break inside, " | " between. */
static void connections(txt *x, tlines *ls, const frame *f, uint32_t n, int indent)
{
    rc_buf line = RC_BUF_INIT;
    TX_KIDS(x->t, n, k)
    {
        tx_inline_reset(&x->in);
        tx_inline_add_kid(x->t, &x->t->s.kids[k], &x->in);
        tx_inline_trim(&x->in);
        const char *s = plain(x);
        if (!*s)
            continue;
        if (line.len)
            rc_buf_adds(&line, "\xC2\xA0| "); /* a line may end after a separator, not before */
        for (; *s; s++) {
            if (*s == ' ')
                rc_buf_adds(&line, "\xC2\xA0");
            else
                rc_buf_addc(&line, *s);
        }
    }
    wrap(x, ls, f, rc_buf_str(&line), indent, NULL, indent);
    rc_buf_release(&line);
}

/* Put `label` at column `col` of line `at`, whose text starts at column `body` or later. */
static void hang(tlines *ls, size_t at, int col, const char *label, int body)
{
    int lw = columns(label, strlen(label));
    if (at >= ls->n) {
        push(ls, col, label, strlen(label));
        return;
    }
    tline *l = &ls->v[at];
    int lead = 0;
    while (l->s[lead] == ' ')
        lead++;
    if (lead < body && l->s[lead]) {
        /* the line is not indented for it (a line of the date column alone) */
        tlines one = {0};
        push(&one, col, label, strlen(label));
        insert(ls, at, &one);
        free(one.v);
        return;
    }
    rc_buf b = RC_BUF_INIT;
    for (int i = 0; i < col; i++)
        rc_buf_addc(&b, ' ');
    rc_buf_adds(&b, label);
    rc_buf_adds(&b, l->s + (col + lw <= lead ? col + lw : lead));
    free(l->s);
    l->s = b.ptr;
    l->cols = columns(l->s, strlen(l->s));
}

/* A list: each item's label hanging left of its body. */
static void list(txt *x, tlines *ls, const frame *f, uint32_t n, int col)
{
    TX_KIDS(x->t, n, k)
    {
        uint32_t li = x->t->s.kids[k].node;
        if (li == RC_NODE_NONE || tx_node(x->t, li)->type != RC_ST_LI) {
            if (li != RC_NODE_NONE)
                block(x, ls, f, li, col);
            continue;
        }
        char *label = NULL;
        uint32_t body = RC_NODE_NONE;
        TX_KIDS(x->t, li, j)
        {
            uint32_t m = x->t->s.kids[j].node;
            if (m != RC_NODE_NONE && tx_node(x->t, m)->type == RC_ST_LBL && !label) {
                const char *s = text_of(x, m);
                label = rc_xstrdup(tx_label_kind(s) ? s : "-");
            } else if (m != RC_NODE_NONE && body == RC_NODE_NONE) {
                body = m;
            }
        }
        if (!label)
            label = rc_xstrdup("-");
        int bodycol = col + columns(label, strlen(label)) + 1;
        size_t at = ls->n;
        if (body != RC_NODE_NONE)
            container(x, ls, f, body, bodycol);
        hang(ls, at, col, label, bodycol);
        free(label);
    }
}

/* A paragraph: its inline text, wrapped. */
static void para(txt *x, tlines *ls, const frame *f, uint32_t n, int indent)
{
    if (hints(x, n) & RC_HINT_CONNECTIONS) {
        connections(x, ls, f, n, indent);
        return;
    }
    const char *s = text_of(x, n);
    if (*s)
        wrap(x, ls, f, s, indent, NULL, indent);
}

static void block(txt *x, tlines *ls, const frame *f, uint32_t n, int indent)
{
    switch (tx_node(x->t, n)->type) {
    case RC_ST_P:
    case RC_ST_H1:
    case RC_ST_H2:
    case RC_ST_LBL:
    case RC_ST_LINK:
    case RC_ST_SPAN:
        para(x, ls, f, n, indent);
        break;
    case RC_ST_L:
        list(x, ls, f, n, indent);
        break;
    case RC_ST_FIGURE:
        break; /* a photo has no text */
    default:
        container(x, ls, f, n, indent);
        break;
    }
}

/*
 * The parts of a container (an entry, a list item's body): its inline
 * content (a paragraph) and block kids, in order, at `indent`. Returns in
 * starts[i] the line each part starts at.
 */
static void parts(txt *x, tlines *ls, const frame *f, uint32_t n, int indent, size_t *starts,
                  size_t *nstarts)
{
    const rc_struct *s = &x->t->s;
    size_t np = 0;
    for (size_t k = s->start[n]; k < s->start[n + 1];) {
        const rc_skid *kid = &s->kids[k];
        if (hints(x, kid->node) & (RC_HINT_ASIDE | RC_HINT_LABEL)) {
            k++;
            continue;
        }
        if (starts)
            starts[np] = ls->n;
        np++;
        if (tx_kid_inline(x->t, kid)) {
            /* consecutive inline kids: one paragraph */
            tx_inline_reset(&x->in);
            for (; k < s->start[n + 1] && tx_kid_inline(x->t, &s->kids[k]); k++)
                tx_inline_add_kid(x->t, &s->kids[k], &x->in);
            tx_inline_trim(&x->in);
            const char *t = plain(x);
            if (*t)
                wrap(x, ls, f, t, indent, NULL, indent);
            continue;
        }
        /* an entry's highlights are indented under it, as in the PDF */
        int in_entry = tx_node(x->t, kid->node)->type == RC_ST_L &&
                       tx_node(x->t, n)->type == RC_ST_DIV;
        block(x, ls, f, kid->node, indent + (in_entry ? 2 : 0));
        k++;
    }
    if (nstarts)
        *nstarts = np;
}

/*
 * A container with its date column (kids hinted RC_HINT_ASIDE), set flush
 * right beside its lines, and its label column (RC_HINT_LABEL), hung left.
 */
static void container(txt *x, tlines *ls, const frame *f, uint32_t n, int indent)
{
    const rc_struct *s = &x->t->s;
    size_t nkids = s->start[n + 1] - s->start[n], nsides = 0;
    uint32_t label_node = RC_NODE_NONE;
    int width = 0;
    TX_KIDS(x->t, n, k)
    {
        uint32_t m = s->kids[k].node;
        if (hints(x, m) & RC_HINT_ASIDE) {
            const char *t = text_of(x, m);
            int w = columns(t, strlen(t));
            width = w > width ? w : width;
            nsides++;
        } else if ((hints(x, m) & RC_HINT_LABEL) && label_node == RC_NODE_NONE) {
            label_node = m;
        }
    }
    /* the label column: hung left of the entry's lines, or a line of its own */
    char *label = NULL;
    int body = indent;
    if (label_node != RC_NODE_NONE) {
        label = rc_xstrdup(text_of(x, label_node));
        int lw = columns(label, strlen(label));
        if (lw > MAX_LABEL) {
            wrap(x, ls, f, label, indent, NULL, indent);
            free(label);
            label = NULL;
        } else if (lw) {
            body = indent + lw + 1;
        }
    }
    if (!nsides) {
        size_t at = ls->n;
        parts(x, ls, f, n, body, NULL, NULL);
        if (label)
            hang(ls, at, indent, label, body);
        free(label);
        return;
    }
    /* side k stands beside the first line of the part it follows, or a later one */
    size_t *starts = rc_xcalloc(nkids + 1, sizeof(*starts));
    size_t *anchor = rc_xcalloc(nsides, sizeof(*anchor)), *at = rc_xcalloc(nsides, sizeof(*at));
    uint32_t *side = rc_xcalloc(nsides, sizeof(*side));
    {
        size_t part = 0, k2 = 0;
        int prev_inline = 0;
        TX_KIDS(x->t, n, k)
        {
            const rc_skid *kid = &s->kids[k];
            unsigned h = hints(x, kid->node);
            if (h & (RC_HINT_ASIDE | RC_HINT_LABEL)) {
                if (h & RC_HINT_ASIDE) {
                    side[k2] = kid->node;
                    anchor[k2++] = part; /* the part before it, counted from 1 */
                }
                prev_inline = 0;
            } else {
                int inl = tx_kid_inline(x->t, kid);
                if (!(inl && prev_inline))
                    part++;
                prev_inline = inl;
            }
        }
    }
    frame own = {NULL, 0, width + GAP};
    tlines tmp = {0};
    int beside = x->width - body - own.side >= MIN_MAIN;
    for (int round = 0; round < 8; round++) {
        lines_release(&tmp);
        size_t nparts = 0;
        parts(x, &tmp, beside ? &own : NULL, n, body, starts, &nparts);
        if (!beside)
            break;
        int stable = 1;
        for (size_t i = 0; i < nsides; i++) {
            size_t want = anchor[i] ? starts[anchor[i] - 1] : 0;
            at[i] = i && at[i - 1] + 1 > want ? at[i - 1] + 1 : want;
            if (at[i] < tmp.n && (at[i] >= own.n || !own.narrow[at[i]])) {
                if (at[i] >= own.n) {
                    own.narrow = rc_xrealloc(own.narrow, at[i] + 1);
                    memset(own.narrow + own.n, 0, at[i] + 1 - own.n);
                    own.n = at[i] + 1;
                }
                own.narrow[at[i]] = 1;
                stable = 0;
            }
        }
        if (stable)
            break;
    }
    if (label)
        hang(&tmp, 0, indent, label, body);
    if (!beside) {
        /* too wide to stand beside: each line of the column on a line of its own */
        for (size_t i = 0; i < nsides; i++) {
            const char *t = text_of(x, side[i]);
            push(ls, x->width - columns(t, strlen(t)), t, strlen(t));
        }
    } else {
        for (size_t i = nsides; i-- > 0;) {
            const char *t = text_of(x, side[i]);
            int w = columns(t, strlen(t));
            while (tmp.n <= at[i])
                push(&tmp, 0, "", 0);
            tline *l = &tmp.v[at[i]];
            if (l->cols + GAP + w > x->width) {
                tlines one = {0};
                push(&one, x->width - w > 0 ? x->width - w : 0, t, strlen(t));
                insert(&tmp, at[i], &one);
                free(one.v);
                continue;
            }
            rc_buf b = RC_BUF_INIT;
            rc_buf_adds(&b, l->s);
            /* without a right edge, the column follows the line after the gap */
            int to = x->nowrap ? l->cols + GAP : x->width - w;
            for (int c = l->cols; c < to; c++)
                rc_buf_addc(&b, ' ');
            rc_buf_adds(&b, t);
            free(l->s);
            l->s = b.ptr;
            l->cols = to + w;
        }
    }
    insert(ls, ls->n, &tmp);
    free(tmp.v);
    free(own.narrow);
    free(starts);
    free(anchor);
    free(at);
    free(side);
    free(label);
}

/* ---- sections and the document ------------------------------------------ */

static void underlined(txt *x, tlines *ls, uint32_t n, char rule)
{
    const char *s = text_of(x, n);
    push(ls, 0, s, strlen(s));
    int w = columns(s, strlen(s));
    char *r = rc_xmalloc((size_t)w + 1);
    memset(r, rule, (size_t)w);
    r[w] = '\0';
    push(ls, 0, r, (size_t)w);
    free(r);
}

/*
 * An entry that is one paragraph and nothing beside it (a skill, an
 * award): such entries sit tight, as in the PDF.
 */
static int one_paragraph(txt *x, uint32_t n)
{
    if (tx_node(x->t, n)->type != RC_ST_DIV)
        return 0;
    size_t main = 0;
    TX_KIDS(x->t, n, k)
    {
        uint32_t m = x->t->s.kids[k].node;
        if (m == RC_NODE_NONE || tx_node(x->t, m)->type != RC_ST_P || hints(x, m))
            return 0;
        main++;
    }
    return main == 1;
}

static void section(txt *x, tlines *ls, uint32_t n)
{
    push(ls, 0, "", 0);
    int prev_tight = 0, first = 1;
    TX_KIDS(x->t, n, k)
    {
        const rc_skid *kid = &x->t->s.kids[k];
        if (kid->node != RC_NODE_NONE && tx_node(x->t, kid->node)->type == RC_ST_H2) {
            underlined(x, ls, kid->node, '-');
            continue;
        }
        int tight = kid->node != RC_NODE_NONE && one_paragraph(x, kid->node);
        if (first || !(tight && prev_tight))
            push(ls, 0, "", 0);
        first = 0;
        prev_tight = tight;
        if (kid->node == RC_NODE_NONE) {
            tx_inline_reset(&x->in);
            tx_inline_add_kid(x->t, kid, &x->in);
            tx_inline_trim(&x->in);
            wrap(x, ls, NULL, plain(x), 0, NULL, 0);
        } else {
            block(x, ls, NULL, kid->node, 0);
        }
    }
}

void rc_txt_render(const tx_tree *t, int width, rc_buf *out)
{
    txt x;
    memset(&x, 0, sizeof(x));
    x.t = t;
    x.nowrap = width <= 0;
    x.width = x.nowrap ? INT_MAX / 4 : width;
    tlines ls = {0};
    TX_KIDS(t, RC_NODE_ROOT, k)
    {
        uint32_t n = t->s.kids[k].node;
        if (n == RC_NODE_NONE)
            continue;
        switch (tx_node(t, n)->type) {
        case RC_ST_H1:
            underlined(&x, &ls, n, '=');
            break;
        case RC_ST_SECT:
            section(&x, &ls, n);
            break;
        default:
            block(&x, &ls, NULL, n, 0);
            break;
        }
    }
    for (size_t i = 0; i < ls.n; i++) {
        /* no spaces at the end of a line */
        size_t len = strlen(ls.v[i].s);
        while (len && ls.v[i].s[len - 1] == ' ')
            len--;
        rc_buf_add(out, ls.v[i].s, len);
        rc_buf_addc(out, '\n');
    }
    lines_release(&ls);
    tx_inline_release(&x.in);
    rc_buf_release(&x.b);
    rc_buf_release(&x.url);
}
