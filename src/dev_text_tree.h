/*
 * dev_text_tree: what the text devices (dev_txt.c, dev_md.c) share: the
 * structure tree of a laid-out document read as text.
 *
 * A node is either inline (a link, a span: part of the text of the node
 * it is in) or a block (a paragraph, a heading, a list...). The inline
 * text of a node is its content runs and its inline kids, read as an
 * extractor that honours /ActualText reads them: a word broken across
 * lines once, a space where a line ends, each piece with its emphasis
 * (from the face it is set in) and the link it belongs to.
 */
#ifndef RC_DEV_TEXT_TREE_H
#define RC_DEV_TEXT_TREE_H

#include "dev_text.h"

typedef struct tx_tree {
    const rc_doc *doc;
    rc_struct s;
} tx_tree;

void tx_tree_init(tx_tree *t, const rc_doc *doc);
void tx_tree_release(tx_tree *t);

/* Node n's kids: t->s.kids[first .. end - 1]. */
#define TX_KIDS(t, n, k) for (size_t k = (t)->s.start[n]; k < (t)->s.start[(n) + 1]; k++)

static inline const rc_node *tx_node(const tx_tree *t, uint32_t n)
{
    return &t->doc->nodes[n];
}

/* Whether a kid is part of its parent's text (content, a link) rather than a block of its own. */
int tx_kid_inline(const tx_tree *t, const rc_skid *kid);

/* Emphasis of a piece of text, from its face. */
enum { TX_BOLD = 1, TX_ITALIC = 2, TX_MONO = 4 };

typedef struct tx_piece {
    size_t off, len;  /* bytes of tx_inline.text */
    unsigned style;   /* TX_* */
    uint32_t link;    /* the Link node it is text of, or RC_NODE_NONE */
} tx_piece;

typedef struct tx_inline {
    rc_buf text;      /* UTF-8, spaces collapsed and trimmed at both ends */
    tx_piece *v;
    size_t n, cap;
    /* where the last draw read stands: a draw on another line is a space away */
    const rc_draw *prev;
    size_t prev_page;
} tx_inline;

void tx_inline_reset(tx_inline *in);
void tx_inline_release(tx_inline *in);
/* Append the inline text of node n (its content and inline kids) to in. */
void tx_inline_add(const tx_tree *t, uint32_t n, tx_inline *in);
/* Append the text of one content kid (or inline kid node) of n. */
void tx_inline_add_kid(const tx_tree *t, const rc_skid *kid, tx_inline *in);
/* Remove spaces at the end. */
void tx_inline_trim(tx_inline *in);

/* The plain text of node n's inline content, in the arena-less buffer out (appended). */
void tx_plain(const tx_tree *t, uint32_t n, rc_buf *out);

/*
 * A list label as text devices show it: a number or a bracketed label
 * ("1.", "[12]") as it is; a bullet glyph (no letter or digit) as NULL.
 */
const char *tx_label_kind(const char *label);

/* "https://a.org/x/" -> "a.org/x"; mailto: and tel: dropped (into out, reset first). */
void tx_bare_url(const char *url, rc_buf *out);

/* The two devices. */
void rc_txt_render(const tx_tree *t, int width, rc_buf *out); /* 0: no hard wrapping */
void rc_md_render(const tx_tree *t, rc_buf *out);

#endif
