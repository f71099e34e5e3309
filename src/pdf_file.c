/*
 * pdf_file: the PDF file, assembled from libharu's objects.
 *
 * The file. Streams are compressed here, with one zlib state for the whole
 * document, and the file is written in PDF 1.5 form (pdf_write_file): the
 * objects libharu would write uncompressed go into compressed object
 * streams, and the cross-reference table becomes a compressed stream; or,
 * for PDF/A-1, in the classic form of PDF 1.4 (struct writer).
 */
#include "pdf.h"

#include <hpdf_encrypt.h>

/* ---- the file ---------------------------------------------------------- */

/*
 * libharu's save (HPDF_SaveToStream) writes every object but the streams
 * uncompressed, and a cross-reference table of 20 bytes per object. Here
 * the objects are written in the same order by the same function
 * (HPDF_Obj_WriteValue, which runs the same hooks: page trees count their
 * kids, outlines link theirs), but in PDF 1.5 form: streams as they are,
 * every other object into compressed object streams, and the
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
    pdf_add_uint(out, num);
    rc_buf_adds(out, " 0 obj\n<<");
    rc_buf_adds(out, dict);
    rc_buf_adds(out, " /Filter /FlateDecode /Length ");
    pdf_add_uint(out, (uint64_t)clen);
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
    pdf_add_uint(&m->index, num);
    rc_buf_addc(&m->index, ' ');
    pdf_add_uint(&m->index, m->bodies.len);
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
    pdf_add_uint(&c->scratch, m->n);
    rc_buf_adds(&c->scratch, " /First ");
    pdf_add_uint(&c->scratch, m->index.len);
    rc_buf_add(&m->index, m->bodies.ptr, m->bodies.len);
    int rc = add_stream_object(c, out, m->number, rc_buf_str(&c->scratch), m->index.ptr,
                               m->index.len);
    rc_buf_reset(&m->index);
    rc_buf_reset(&m->bodies);
    m->n = 0;
    m->number++;
    return rc;
}

/*
 * The writer of one file. The objects are written in one order, libharu's
 * then the raw ones, in one of two forms:
 * - PDF 1.5 (the default, and PDF/A-2, PDF/UA-1): streams at the top
 *   level, every other object into object streams, the cross-reference
 *   table a compressed stream;
 * - classic (PDF/A-1, which is PDF 1.4 and knows neither): every object at
 *   the top level, a cross-reference table of 20 bytes a row and a
 *   trailer dictionary.
 */
typedef struct writer {
    pdf_ctx *c;
    rc_buf *out;
    HPDF_Stream so, sb; /* libharu's writers into out and into the object stream */
    objstm m;
    xref_row *rows;
    int classic;
} writer;

/* "num 0 obj\n" ... "\nendobj\n" at the top level, around what body() writes. */
static void top_begin(writer *w, uint32_t num)
{
    w->rows[num].type = 1;
    w->rows[num].field = (uint32_t)w->out->len;
    pdf_add_uint(w->out, num);
    rc_buf_adds(w->out, " 0 obj\n");
}

static void top_end(writer *w)
{
    rc_buf_adds(w->out, "\nendobj\n");
}

/* libharu's object i: at the top level (a stream, or every object in classic form) or in an object stream. */
static int write_haru_object(writer *w, uint32_t i, void *obj)
{
    const HPDF_Obj_Header *h = obj;
    int is_stream = (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT && ((HPDF_Dict)obj)->stream;
    if (is_stream || w->classic) {
        top_begin(w, i);
        if (HPDF_Obj_WriteValue(obj, w->so, NULL) != HPDF_OK)
            return -1;
        top_end(w);
        /* Written once: its data moves to the file rather than being held twice. */
        if (is_stream)
            HPDF_MemStream_FreeData(((HPDF_Dict)obj)->stream);
        return 0;
    }
    objstm_begin(&w->m, &w->rows[i], i);
    if (HPDF_Obj_WriteValue(obj, w->sb, NULL) != HPDF_OK)
        return -1;
    rc_buf_addc(&w->m.bodies, '\n');
    return 0;
}

static void write_raw_object(writer *w, uint32_t num, size_t k)
{
    if (w->classic) {
        top_begin(w, num);
        pdf_write_raw(w->c, k, w->out);
        top_end(w);
        return;
    }
    objstm_begin(&w->m, &w->rows[num], num);
    pdf_write_raw(w->c, k, &w->m.bodies);
    rc_buf_addc(&w->m.bodies, '\n');
}

/*
 * The trailer's /ID, which PDF/A requires: an MD5 of the file's bytes so
 * far, so it is the same for the same input (no time, no chance) and
 * differs for different files. Both halves are the same: the file is new.
 */
static void add_file_id(rc_buf *b, const rc_buf *file)
{
    static const char hex[] = "0123456789abcdef";
    HPDF_MD5_CTX md5;
    HPDF_BYTE digest[16];
    HPDF_MD5Init(&md5);
    for (size_t at = 0; at < file->len; at += 1u << 30) {
        size_t n = file->len - at < (1u << 30) ? file->len - at : (1u << 30);
        HPDF_MD5Update(&md5, (const HPDF_BYTE *)file->ptr + at, (HPDF_UINT)n);
    }
    HPDF_MD5Final(digest, &md5);
    rc_buf_adds(b, " /ID [");
    for (int half = 0; half < 2; half++) {
        rc_buf_addc(b, '<');
        for (int i = 0; i < 16; i++) {
            rc_buf_addc(b, hex[digest[i] >> 4]);
            rc_buf_addc(b, hex[digest[i] & 15]);
        }
        rc_buf_addc(b, '>');
    }
    rc_buf_addc(b, ']');
}

/* /Root, /Info and (under a standard) /ID: what both forms of trailer hold. */
static void add_trailer_refs(writer *w, rc_buf *b)
{
    HPDF_Doc pdf = w->c->pdf;
    rc_buf_adds(b, " /Root ");
    pdf_add_uint(b, pdf_obj_number(pdf->catalog));
    rc_buf_adds(b, " 0 R");
    if (pdf->info) {
        rc_buf_adds(b, " /Info ");
        pdf_add_uint(b, pdf_obj_number(pdf->info));
        rc_buf_adds(b, " 0 R");
    }
    if (w->c->doc->pdf_standards)
        add_file_id(b, w->out);
}

/* The classic cross-reference table and trailer of nrows objects. */
static void write_xref_table(writer *w, uint32_t nrows)
{
    rc_buf *out = w->out;
    size_t xref_offset = out->len;
    rc_buf_adds(out, "xref\n0 ");
    pdf_add_uint(out, nrows);
    rc_buf_adds(out, "\n0000000000 65535 f\r\n");
    for (uint32_t i = 1; i < nrows; i++) {
        if (w->rows[i].type != 1) {
            rc_buf_adds(out, "0000000000 65535 f\r\n");
            continue;
        }
        char row[21];
        snprintf(row, sizeof(row), "%010" PRIu32 " 00000 n\r\n", w->rows[i].field);
        rc_buf_add(out, row, 20);
    }
    rc_buf_reset(&w->c->scratch);
    add_trailer_refs(w, &w->c->scratch);
    rc_buf_adds(out, "trailer\n<< /Size ");
    pdf_add_uint(out, nrows);
    rc_buf_adds(out, rc_buf_str(&w->c->scratch));
    rc_buf_adds(out, " >>\nstartxref\n");
    pdf_add_uint(out, xref_offset);
    rc_buf_adds(out, "\n%%EOF\n");
}

/* The cross-reference stream: a row per object, its own (number xrefstm) included. */
static int write_xref_stream(writer *w, uint32_t xrefstm)
{
    pdf_ctx *c = w->c;
    rc_buf *out = w->out;
    uint32_t xref_offset = (uint32_t)out->len;
    w->rows[xrefstm].type = 1;
    w->rows[xrefstm].field = xref_offset;
    int ow = xref_offset <= 0xFFFF ? 2 : xref_offset <= 0xFFFFFF ? 3 : 4;
    rc_buf table = RC_BUF_INIT;
    for (size_t i = 0; i <= xrefstm; i++) {
        rc_buf_addc(&table, (char)w->rows[i].type);
        add_be(&table, w->rows[i].field, ow);
        add_be(&table, w->rows[i].type == 2 ? w->rows[i].index : i == 0 ? 0xFFFF : 0, 2);
    }

    rc_buf_reset(&c->scratch);
    rc_buf_adds(&c->scratch, "/Type /XRef /Size ");
    pdf_add_uint(&c->scratch, xrefstm + 1);
    rc_buf_adds(&c->scratch, " /W [1 ");
    pdf_add_uint(&c->scratch, (uint64_t)ow);
    rc_buf_adds(&c->scratch, " 2]");
    add_trailer_refs(w, &c->scratch);
    int bad = add_stream_object(c, out, xrefstm, rc_buf_str(&c->scratch), table.ptr, table.len);
    rc_buf_release(&table);
    if (bad)
        return -1;
    rc_buf_adds(out, "startxref\n");
    pdf_add_uint(out, xref_offset);
    rc_buf_adds(out, "\n%%EOF\n");
    return 0;
}

int pdf_write_file(pdf_ctx *c, rc_buf *out)
{
    HPDF_Doc pdf = c->pdf;
    HPDF_List entries = pdf->xref->entries;
    int part = pdf_std_pdfa_part(c);
    writer w = {c, out, NULL, NULL, {RC_BUF_INIT, RC_BUF_INIT, 0, 0}, NULL, part == 1};
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
    w.rows = calloc(nrows_max, sizeof(*w.rows));
    w.so = HPDF_CallbackWriter_New(pdf->mmgr, append_to_buf, out);
    w.sb = HPDF_CallbackWriter_New(pdf->mmgr, append_to_buf, &w.m.bodies);
    if (!w.rows || !w.so || !w.sb || pdf->xref->prev || pdf->xref->start_offset != 0 ||
        !pdf->catalog)
        goto done;
    w.m.number = nall;
    /*
     * A binary comment on the second line marks the file as binary. The
     * version: 1.5 for object streams; a standard's own (PDF/A-1 is PDF
     * 1.4, PDF/A-2 and PDF/UA-1 PDF 1.7).
     */
    const char *header = part == 1 ? "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"
                         : c->doc->pdf_standards ? "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"
                                                 : "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n";
    rc_buf_adds(out, header);

    for (HPDF_UINT i = 1; i < nobj; i++) {
        HPDF_XrefEntry e = HPDF_List_ItemAt(entries, i);
        if (!e || e->entry_typ != HPDF_IN_USE_ENTRY || !e->obj)
            continue;
        if (write_haru_object(&w, i, e->obj) || pdf_failed(c))
            goto done;
        if (w.m.bodies.len >= OBJSTM_BYTES && objstm_flush(c, &w.m, out, w.rows))
            goto done;
    }
    /* Every object was numbered before the writing began: a hook that adds one is a bug. */
    if (entries->count != nobj)
        goto done;
    for (size_t k = 0; k < c->nraw; k++) {
        write_raw_object(&w, nobj + (uint32_t)k, k);
        if (w.m.bodies.len >= OBJSTM_BYTES && objstm_flush(c, &w.m, out, w.rows))
            goto done;
    }
    if (objstm_flush(c, &w.m, out, w.rows))
        goto done;
    if (out->len > 0xFFFFFFFFu)
        goto done;
    if (w.classic)
        write_xref_table(&w, nall);
    else if (write_xref_stream(&w, w.m.number))
        goto done;
    rc = 0;

done:
    if (w.so)
        HPDF_Stream_Free(w.so);
    if (w.sb)
        HPDF_Stream_Free(w.sb);
    free(w.rows);
    rc_buf_release(&w.m.index);
    rc_buf_release(&w.m.bodies);
    if (rc && !pdf_failed(c))
        pdf_check(c, HPDF_FAILD_TO_ALLOC_MEM);
    return rc;
}
