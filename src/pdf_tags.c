/*
 * pdf_tags: tagged PDF, the structure tree of the layout as PDF marks it.
 */
#include "pdf.h"

/* ---- structure ------------------------------------------------------- */

/*
 * Tagged PDF (ISO 32000-1, 14.7-14.8). The layout's structure tree
 * (doc.h) gives the order and meaning; here every content run of a node
 * becomes a marked-content sequence "/Role <</MCID n>> BDC ... EMC" on its
 * page, every draw of no node an "/Artifact BMC ... EMC", and after the
 * pages the tree becomes StructElem objects under a StructTreeRoot, with a
 * ParentTree from each page's MCIDs (and each link annotation) back to its
 * element.
 *
 * Marked content must not straddle BT/ET, and tagging must not move
 * anything: a text object that ends where the untagged PDF's goes on would
 * make the next run's position absolute where it was relative, which a
 * renderer rounds differently in the last bit. So the content stream
 * changes level (BT or ET) only where the untagged one does, before a
 * draw that needs it, and marked content opens at the level of its first
 * draw: text runs inside the text object, rules and photos outside. A
 * node's runs are all text (the layout makes rules and icons decoration),
 * and an artifact that changes level is closed and opened again.
 */

/* For each page, its content kids of the tree (page_kids[page_start[p] ..]). */
void pdf_index_pages(pdf_ctx *c)
{
    const rc_struct *t = &c->tree;
    size_t npages = c->doc->npages, nkids = t->start[t->nnodes];
    c->page_start = rc_xcalloc(npages + 1, sizeof(*c->page_start));
    c->page_kids = rc_xmalloc((nkids ? nkids : 1) * sizeof(*c->page_kids));
    for (size_t k = 0; k < nkids; k++)
        if (t->kids[k].node == RC_NODE_NONE)
            c->page_start[t->kids[k].page + 1]++;
    for (size_t p = 0; p < npages; p++)
        c->page_start[p + 1] += c->page_start[p];
    size_t *fill = rc_xmalloc((npages ? npages : 1) * sizeof(*fill));
    memcpy(fill, c->page_start, npages * sizeof(*fill));
    for (size_t k = 0; k < nkids; k++)
        if (t->kids[k].node == RC_NODE_NONE)
            c->page_kids[fill[t->kids[k].page]++] = k;
    free(fill);
}

/* The kids of the tree on page p that start a run, indexed by draw. */
void pdf_index_runs(pdf_ctx *c, size_t p)
{
    const rc_page *pg = &c->doc->pages[p];
    if (pg->n > c->run_at_cap) {
        free(c->run_at);
        c->run_at = rc_xmalloc(pg->n * sizeof(*c->run_at));
        c->run_at_cap = pg->n;
    }
    memset(c->run_at, 0, pg->n * sizeof(*c->run_at));
    const rc_struct *t = &c->tree;
    for (size_t j = c->page_start[p]; j < c->page_start[p + 1]; j++) {
        size_t k = c->page_kids[j];
        c->run_at[t->kids[k].first] = k + 1;
    }
}

/* Close the open marked content at the level it was opened at. */
void pdf_close_marked(pdf_ctx *c, content_state *st)
{
    if (c->open_mc) {
        if (!c->mc_in_text)
            pdf_end_text(&c->content, st);
        rc_buf_adds(&c->content, "EMC\n");
        c->open_mc = 0;
    }
}

/* Inside a text object for text, outside for anything else. */
static void set_level(pdf_ctx *c, content_state *st, int text)
{
    if (text)
        pdf_begin_text(&c->content, st);
    else
        pdf_end_text(&c->content, st);
}

/* Open what draw i belongs to, before it is drawn. */
void pdf_mark_before(pdf_ctx *c, content_state *st, size_t i, const rc_draw *d)
{
    if (!c->tagged || !rc_draw_shows(d))
        return;
    rc_buf *b = &c->content;
    int text = d->kind == RC_DRAW_TEXT;
    if (d->node == RC_NODE_NONE || d->node >= c->doc->nnodes) {
        if (d->kind == RC_DRAW_LINK || (c->open_mc == 2 && c->mc_in_text == text))
            return;
        pdf_close_marked(c, st);
        set_level(c, st, text);
        rc_buf_adds(b, "/Artifact BMC\n");
        c->open_mc = 2;
        c->mc_in_text = text;
        return;
    }
    size_t k = c->run_at[i];
    if (!k)
        return; /* inside the open run */
    pdf_close_marked(c, st);
    if (d->kind == RC_DRAW_LINK)
        return; /* an annotation: no content, its kid is an OBJR */
    set_level(c, st, text);
    const rc_skid *kid = &c->tree.kids[k - 1];
    c->kid_mcid[k - 1] = c->next_mcid;
    rc_buf_addc(b, '/');
    rc_buf_adds(b, rc_stype_name(c->doc->nodes[d->node].type));
    rc_buf_adds(b, " <</MCID ");
    pdf_add_uint(b, (uint32_t)c->next_mcid++);
    rc_buf_adds(b, ">> BDC\n");
    c->open_mc = 1;
    c->mc_in_text = text;
    c->open_end = kid->end;
}

/* Close the open run after draw i when it is its last. */
void pdf_mark_after(pdf_ctx *c, content_state *st, size_t i)
{
    if (c->open_mc == 1 && i + 1 >= c->open_end)
        pdf_close_marked(c, st);
}

/*
 * The structure elements, and the ParentTree, are objects this file
 * writes itself (pdf_file.c numbers them after libharu's and asks for
 * each in turn): a libharu dictionary holds each key in a 128-byte array,
 * so a tree of 100,000 elements built of libharu objects took 100 MB.
 * Raw object 0 is the ParentTree, raw object i > 0 the element of the
 * node order[i - 1]; c->elem_obj[node] is that i, 0: not in the tree.
 */
static void add_ref(rc_buf *b, uint32_t num)
{
    rc_buf_addc(b, ' ');
    pdf_add_uint(b, num);
    rc_buf_adds(b, " 0 R");
}

static uint32_t elem_ref(const pdf_ctx *c, uint32_t node)
{
    return c->raw_base + c->elem_obj[node];
}

static void write_element(pdf_ctx *c, uint32_t node, rc_buf *b)
{
    const rc_struct *t = &c->tree;
    const rc_node *n = &c->doc->nodes[node];
    rc_buf_adds(b, "<</Type /StructElem /S /");
    rc_buf_adds(b, rc_stype_name(n->type));
    rc_buf_adds(b, " /P");
    add_ref(b, node == RC_NODE_ROOT ? pdf_obj_number(c->struct_root) : elem_ref(c, n->parent));
    if (n->alt && *n->alt) {
        rc_buf_adds(b, " /Alt ");
        pdf_add_text_string(b, n->alt);
    }
    HPDF_Page elem_pg = NULL;
    for (size_t k = t->start[node]; k < t->start[node + 1] && !elem_pg; k++)
        if (t->kids[k].node == RC_NODE_NONE)
            elem_pg = c->pages[t->kids[k].page];
    if (elem_pg) {
        rc_buf_adds(b, " /Pg");
        add_ref(b, pdf_obj_number(elem_pg));
    }
    rc_buf_adds(b, " /K [");
    for (size_t k = t->start[node]; k < t->start[node + 1]; k++) {
        const rc_skid *kid = &t->kids[k];
        if (kid->node != RC_NODE_NONE) {
            add_ref(b, elem_ref(c, kid->node));
            continue;
        }
        HPDF_Page pg = c->pages[kid->page];
        if (c->kid_annot[k]) {
            rc_buf_adds(b, " <</Type /OBJR /Obj");
            add_ref(b, pdf_obj_number(c->kid_annot[k]));
            if (pg != elem_pg) {
                rc_buf_adds(b, " /Pg");
                add_ref(b, pdf_obj_number(pg));
            }
            rc_buf_adds(b, ">>");
        } else if (c->kid_mcid[k] >= 0 && pg == elem_pg) {
            rc_buf_addc(b, ' ');
            pdf_add_uint(b, (uint32_t)c->kid_mcid[k]);
        } else if (c->kid_mcid[k] >= 0) {
            rc_buf_adds(b, " <</Type /MCR /MCID ");
            pdf_add_uint(b, (uint32_t)c->kid_mcid[k]);
            rc_buf_adds(b, " /Pg");
            add_ref(b, pdf_obj_number(pg));
            rc_buf_adds(b, ">>");
        }
    }
    rc_buf_adds(b, " ]>>");
}

/*
 * The ParentTree's number tree: for each page the elements of its MCIDs,
 * then one entry per link annotation.
 */
static void write_parent_tree(pdf_ctx *c, rc_buf *b)
{
    const rc_struct *t = &c->tree;
    size_t npages = c->doc->npages, nkids = t->start[t->nnodes];
    /* the owner of every content kid, to find each MCID's element */
    uint32_t *owner = rc_xmalloc((nkids ? nkids : 1) * sizeof(*owner));
    for (size_t n = 0; n < t->nnodes; n++)
        for (size_t k = t->start[n]; k < t->start[n + 1]; k++)
            owner[k] = (uint32_t)n;
    rc_buf_adds(b, "<</Nums [");
    for (size_t p = 0; p < npages; p++) {
        rc_buf_addc(b, ' ');
        pdf_add_uint(b, p);
        rc_buf_adds(b, " [");
        for (int32_t m = 0; m < c->page_mcids[p]; m++) {
            size_t k = c->mcid_kid[p][m];
            if (k == SIZE_MAX || !c->elem_obj[owner[k]])
                rc_buf_adds(b, " null");
            else
                add_ref(b, elem_ref(c, owner[k]));
        }
        rc_buf_adds(b, " ]");
    }
    int32_t key = (int32_t)npages;
    for (size_t k = 0; k < nkids; k++)
        if (c->kid_annot[k] && c->elem_obj[owner[k]]) {
            rc_buf_addc(b, ' ');
            pdf_add_uint(b, (uint32_t)key++);
            add_ref(b, elem_ref(c, owner[k]));
        }
    rc_buf_adds(b, " ]>>");
    free(owner);
}

void pdf_write_raw(pdf_ctx *c, size_t i, rc_buf *b)
{
    if (i == 0)
        write_parent_tree(c, b);
    else
        write_element(c, c->elem_order[i - 1], b);
}

/* The StructTreeRoot's references to raw objects, known when the file is written. */
static HPDF_STATUS write_root_refs(HPDF_Dict obj, HPDF_Stream stream)
{
    pdf_ctx *c = obj->attr;
    rc_buf *b = &c->scratch;
    rc_buf_reset(b);
    rc_buf_adds(b, "/K");
    add_ref(b, elem_ref(c, RC_NODE_ROOT));
    rc_buf_adds(b, " /ParentTree");
    add_ref(b, c->raw_base);
    rc_buf_addc(b, '\n');
    return HPDF_Stream_Write(stream, (const HPDF_BYTE *)b->ptr, (HPDF_UINT)b->len);
}

/* The nodes in the tree, parents first (depth-first, in reading order), into order. */
static size_t tree_order(const rc_struct *t, uint32_t *order)
{
    size_t n = 0, top = 0;
    uint32_t *stack = rc_xmalloc(t->nnodes * sizeof(*stack));
    stack[top++] = RC_NODE_ROOT;
    while (top > 0) {
        uint32_t node = stack[--top];
        order[n++] = node;
        for (size_t k = t->start[node + 1]; k-- > t->start[node];)
            if (t->kids[k].node != RC_NODE_NONE)
                stack[top++] = t->kids[k].node;
    }
    free(stack);
    return n;
}

/*
 * The StructTreeRoot, with the elements and the ParentTree as raw objects
 * (pdf_write_raw), and the catalog's /MarkInfo, /Lang and
 * /ViewerPreferences. Elements are numbered parents first, in reading
 * order, so the file is the same for the same document.
 */
int pdf_write_structure(pdf_ctx *c)
{
    const rc_doc *doc = c->doc;
    const rc_struct *t = &c->tree;
    HPDF_MMgr mmgr = c->pdf->mmgr;
    size_t nn = t->nnodes, npages = doc->npages, nkids = t->start[nn];
    c->elem_order = rc_xmalloc(nn * sizeof(*c->elem_order));
    size_t norder = tree_order(t, c->elem_order);
    c->elem_obj = rc_xcalloc(nn, sizeof(*c->elem_obj));
    for (size_t i = 0; i < norder; i++)
        c->elem_obj[c->elem_order[i]] = (uint32_t)(i + 1);
    c->nraw = norder + 1;
    /* each page's MCIDs: the kid each is */
    c->mcid_kid = rc_xcalloc(npages, sizeof(*c->mcid_kid));
    for (size_t p = 0; p < npages; p++) {
        c->mcid_kid[p] = rc_xmalloc((c->page_mcids[p] ? c->page_mcids[p] : 1) * sizeof(size_t));
        for (int32_t m = 0; m < c->page_mcids[p]; m++)
            c->mcid_kid[p][m] = SIZE_MAX;
    }
    for (size_t k = 0; k < nkids; k++)
        if (t->kids[k].node == RC_NODE_NONE && c->kid_mcid[k] >= 0 && !c->kid_annot[k])
            c->mcid_kid[t->kids[k].page][c->kid_mcid[k]] = k;

    HPDF_Dict root = c->struct_root = pdf_new_object(c);
    if (!root)
        return -1;
    root->attr = c;
    root->write_fn = write_root_refs;

    HPDF_STATUS s = HPDF_OK;
    int32_t nannots = 0;
    for (size_t k = 0; k < nkids; k++)
        if (c->kid_annot[k]) /* the way back from an annotation to its element */
            s += HPDF_Dict_AddNumber(c->kid_annot[k], "StructParent", (HPDF_INT32)npages + nannots++);
    for (size_t p = 0; p < npages; p++) {
        s += HPDF_Dict_AddNumber(c->pages[p], "StructParents", (HPDF_INT32)p);
        /* PDF/UA: the tab order follows the structure */
        s += HPDF_Dict_AddName(c->pages[p], "Tabs", "S");
    }
    s += HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    s += HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT32)npages + nannots);

    HPDF_Dict catalog = c->pdf->catalog;
    HPDF_Dict mark = HPDF_Dict_New(mmgr), prefs = mark ? HPDF_Dict_New(mmgr) : NULL;
    if (!prefs || pdf_check(c, s))
        return -1;
    s += HPDF_Dict_Add(mark, "Marked", HPDF_Boolean_New(mmgr, HPDF_TRUE));
    s += HPDF_Dict_Add(catalog, "MarkInfo", mark);
    s += HPDF_Dict_Add(catalog, "StructTreeRoot", root);
    s += HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(mmgr, HPDF_TRUE));
    s += HPDF_Dict_Add(catalog, "ViewerPreferences", prefs);
    if (doc->lang && *doc->lang)
        s += HPDF_Dict_Add(catalog, "Lang", pdf_text_string(c, doc->lang));
    return pdf_check(c, s) ? -1 : 0;
}
