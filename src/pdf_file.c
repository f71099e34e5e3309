/*
 * pdf_file: the PDF file, assembled from libharu's objects.
 *
 * The file. Streams are compressed here, with one zlib state for the whole
 * document, and the file is written in PDF 1.5 form (write_file): the
 * objects libharu would write uncompressed go into one compressed object
 * stream, and the cross-reference table becomes a compressed stream.
 *
 */
#include "pdf.h"

/* ---- the file ---------------------------------------------------------- */

/*
 * libharu's save (HPDF_SaveToStream) writes every object but the streams
 * uncompressed, and a cross-reference table of 20 bytes per object. Here
 * the objects are written in the same order by the same function
 * (HPDF_Obj_WriteValue, which runs the same hooks: page trees count their
 * kids, outlines link theirs), but in PDF 1.5 form: streams as they are,
 * every other object into one compressed object stream, and the
 * cross-reference table as a compressed cross-reference stream. For the
 * academic example that is 10 KB less (48 KB to 38 KB).
 *
 * Stream /Length values are numbers libharu sets while it writes the
 * stream; each is an object of its own, after its stream in the xref, so
 * it is final by the time it is written into the object stream (where a
 * length other than the object stream's own may be).
 */
typedef struct xref_row {
    uint8_t type;   /* 0 free, 1 at an offset, 2 in an object stream */
    uint32_t field; /* offset, or the number of the object stream */
    uint32_t index; /* in the object stream */
} xref_row;

/*
 * An object stream is written out when its objects' text reaches this
 * size, so the objects of a long CV (its structure elements above all)
 * are never all held at once; a CV's fit in one.
 */
#define OBJSTM_BYTES (1u << 20)

static HPDF_STATUS append_to_buf(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
    rc_buf_add((rc_buf *)stream->attr, ptr, siz);
    return HPDF_OK;
}

static void add_uint(rc_buf *b, uint64_t v)
{
    char tmp[24];
    char *p = tmp + sizeof(tmp);
    *--p = 0;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    rc_buf_adds(b, p);
}

static void add_be(rc_buf *b, uint32_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--)
        rc_buf_addc(b, (char)((v >> (8 * i)) & 0xFF));
}

uint32_t pdf_obj_number(const void *obj)
{
    return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

/* "N 0 obj <<dict>> stream ... endstream endobj" with compressed data. */
static int add_stream_object(pdf_ctx *c, rc_buf *out, uint32_t num, const char *dict,
                             const void *data, size_t len)
{
    long clen = pdf_deflate_buf(c, data, len, OTHER_LEVEL);
    if (clen < 0)
        return -1;
    add_uint(out, num);
    rc_buf_adds(out, " 0 obj\n<<");
    rc_buf_adds(out, dict);
    rc_buf_adds(out, " /Filter /FlateDecode /Length ");
    add_uint(out, (uint64_t)clen);
    rc_buf_adds(out, ">>\nstream\r\n");
    rc_buf_add(out, c->zbuf, (size_t)clen);
    rc_buf_adds(out, "\nendstream\nendobj\n");
    return 0;
}

/* The object stream being filled: its index ("num offset ...") and the objects' text. */
typedef struct objstm {
    rc_buf index, bodies;
    uint32_t n;      /* objects in it */
    uint32_t number; /* its object number */
} objstm;

/* Start object num in the object stream; its text is then added to bodies. */
static void objstm_begin(objstm *m, xref_row *row, uint32_t num)
{
    row->type = 2;
    row->field = m->number;
    row->index = m->n++;
    add_uint(&m->index, num);
    rc_buf_addc(&m->index, ' ');
    add_uint(&m->index, m->bodies.len);
    rc_buf_addc(&m->index, ' ');
}

/* Write the object stream (when it has objects) at its row; the next one is numbered after it. */
static int objstm_flush(pdf_ctx *c, objstm *m, rc_buf *out, xref_row *rows)
{
    if (m->n == 0)
        return 0;
    rows[m->number].type = 1;
    rows[m->number].field = (uint32_t)out->len;
    rc_buf_reset(&c->scratch);
    rc_buf_adds(&c->scratch, "/Type /ObjStm /N ");
    add_uint(&c->scratch, m->n);
    rc_buf_adds(&c->scratch, " /First ");
    add_uint(&c->scratch, m->index.len);
    rc_buf_add(&m->index, m->bodies.ptr, m->bodies.len);
    int rc = add_stream_object(c, out, m->number, rc_buf_str(&c->scratch), m->index.ptr,
                               m->index.len);
    rc_buf_reset(&m->index);
    rc_buf_reset(&m->bodies);
    m->n = 0;
    m->number++;
    return rc;
}

int pdf_write_file(pdf_ctx *c, rc_buf *out)
{
    HPDF_Doc pdf = c->pdf;
    HPDF_List entries = pdf->xref->entries;
    objstm m = {RC_BUF_INIT, RC_BUF_INIT, 0, 0};
    xref_row *rows = NULL;
    int rc = -1;

    /*
     * Numbers: libharu's objects, then the raw ones, then the object
     * streams (at most one per object, so the rows are allocated at
     * once), then the cross-reference stream.
     */
    uint32_t nobj = (uint32_t)entries->count;
    c->raw_base = nobj;
    uint32_t nall = nobj + (uint32_t)c->nraw;
    size_t nrows_max = 2 * (size_t)nall + 1;
    rows = calloc(nrows_max, sizeof(*rows));
    HPDF_Stream so = HPDF_CallbackWriter_New(pdf->mmgr, append_to_buf, out);
    HPDF_Stream sb = HPDF_CallbackWriter_New(pdf->mmgr, append_to_buf, &m.bodies);
    if (!rows || !so || !sb || pdf->xref->prev || pdf->xref->start_offset != 0 || !pdf->catalog)
        goto done;
    m.number = nall;
    /* A binary comment on the second line marks the file as binary. */
    static const char header[] = "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n";
    if (HPDF_Stream_Write(so, (const HPDF_BYTE *)header, sizeof(header) - 1) != HPDF_OK)
        goto done;

    for (HPDF_UINT i = 1; i < nobj; i++) {
        HPDF_XrefEntry e = HPDF_List_ItemAt(entries, i);
        xref_row *row = &rows[i];
        if (!e || e->entry_typ != HPDF_IN_USE_ENTRY || !e->obj)
            continue;
        const HPDF_Obj_Header *h = e->obj;
        int is_stream = (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT &&
                        ((HPDF_Dict)e->obj)->stream;
        if (is_stream) {
            row->type = 1;
            row->field = so->size;
            rc_buf_reset(&c->scratch);
            add_uint(&c->scratch, i);
            rc_buf_adds(&c->scratch, " 0 obj\n");
            if (HPDF_Stream_WriteStr(so, rc_buf_str(&c->scratch)) != HPDF_OK ||
                HPDF_Obj_WriteValue(e->obj, so, NULL) != HPDF_OK ||
                HPDF_Stream_WriteStr(so, "\nendobj\n") != HPDF_OK)
                goto done;
            /* Written once: its data moves to the file rather than being held twice. */
            HPDF_MemStream_FreeData(((HPDF_Dict)e->obj)->stream);
        } else {
            objstm_begin(&m, row, i);
            if (HPDF_Obj_WriteValue(e->obj, sb, NULL) != HPDF_OK)
                goto done;
            rc_buf_addc(&m.bodies, '\n');
        }
        if (pdf_failed(c))
            goto done;
        if (m.bodies.len >= OBJSTM_BYTES && objstm_flush(c, &m, out, rows))
            goto done;
    }
    /* Every object was numbered before the writing began: a hook that adds one is a bug. */
    if (entries->count != nobj)
        goto done;
    for (size_t k = 0; k < c->nraw; k++) {
        objstm_begin(&m, &rows[nobj + k], nobj + (uint32_t)k);
        pdf_write_raw(c, k, &m.bodies);
        rc_buf_addc(&m.bodies, '\n');
        if (m.bodies.len >= OBJSTM_BYTES && objstm_flush(c, &m, out, rows))
            goto done;
    }
    if (objstm_flush(c, &m, out, rows))
        goto done;

    /* The cross-reference stream: a row per object, its own included. */
    if (out->len > 0xFFFFFFFFu)
        goto done;
    uint32_t xrefstm = m.number, xref_offset = (uint32_t)out->len;
    rows[xrefstm].type = 1;
    rows[xrefstm].field = xref_offset;
    int ow = xref_offset <= 0xFFFF ? 2 : xref_offset <= 0xFFFFFF ? 3 : 4;
    rc_buf table = RC_BUF_INIT;
    for (size_t i = 0; i <= xrefstm; i++) {
        rc_buf_addc(&table, (char)rows[i].type);
        add_be(&table, rows[i].field, ow);
        add_be(&table, rows[i].type == 2 ? rows[i].index : i == 0 ? 0xFFFF : 0, 2);
    }

    rc_buf_reset(&c->scratch);
    rc_buf_adds(&c->scratch, "/Type /XRef /Size ");
    add_uint(&c->scratch, xrefstm + 1);
    rc_buf_adds(&c->scratch, " /W [1 ");
    add_uint(&c->scratch, (uint64_t)ow);
    rc_buf_adds(&c->scratch, " 2] /Root ");
    add_uint(&c->scratch, pdf_obj_number(pdf->catalog));
    rc_buf_adds(&c->scratch, " 0 R");
    if (pdf->info) {
        rc_buf_adds(&c->scratch, " /Info ");
        add_uint(&c->scratch, pdf_obj_number(pdf->info));
        rc_buf_adds(&c->scratch, " 0 R");
    }
    int bad = add_stream_object(c, out, xrefstm, rc_buf_str(&c->scratch), table.ptr, table.len);
    rc_buf_release(&table);
    if (bad)
        goto done;
    rc_buf_adds(out, "startxref\n");
    add_uint(out, xref_offset);
    rc_buf_adds(out, "\n%%EOF\n");
    rc = 0;

done:
    if (so)
        HPDF_Stream_Free(so);
    if (sb)
        HPDF_Stream_Free(sb);
    free(rows);
    rc_buf_release(&m.index);
    rc_buf_release(&m.bodies);
    if (rc && !pdf_failed(c))
        pdf_check(c, HPDF_FAILD_TO_ALLOC_MEM);
    return rc;
}
