/*
 * pdf_std: what the PDF standards of --pdf-standard add to a file (the
 * metadata, the colour profile) and the conditions a document must meet
 * for the file to claim them.
 *
 * - PDF/A (a-1b, a-2b, a-2u): XMP metadata naming the part and level
 *   (pdfaid) and repeating the information dictionary, which validators
 *   compare entry by entry; an OutputIntent with the sRGB profile, which
 *   gives the device colours (rg, DeviceRGB photos) their meaning. The
 *   rest lies where it is written: the file form (pdf_file.c), the /F
 *   flags of links (dev_pdf.c), the CIDSet of fonts (pdf_font.c), photos
 *   without transparency for PDF/A-1 (pdf_image.c).
 * - PDF/UA-1 (ua-1): pdfuaid in the XMP, a title shown as the window's
 *   title, and the tags of every document (pdf_tags.c): every content in
 *   the structure tree or an artifact, /Lang, the figure's /Alt, links
 *   with /Contents and an OBJR, the tab order /S.
 *
 * A document that cannot meet a standard is an error naming the cause;
 * a file never claims a standard it fails.
 */
#include "pdf.h"

/* The sRGB profile, color/sRGB.icc compiled in (cmake/EmbedFile.cmake). */
extern const unsigned char rc_srgb_icc[];
extern const size_t rc_srgb_icc_len;

#define STD_PDFA (RESCOMP_PDF_A1B | RESCOMP_PDF_A2B | RESCOMP_PDF_A2U)

int pdf_std_pdfa_part(const pdf_ctx *c)
{
    return c->doc->pdf_standards & RESCOMP_PDF_A1B                     ? 1
           : c->doc->pdf_standards & (RESCOMP_PDF_A2B | RESCOMP_PDF_A2U) ? 2
                                                                        : 0;
}

/*
 * Text for XMP, the same characters as the information dictionary's text
 * string (pdf_text_string): bytes that are not UTF-8 become U+FFFD there,
 * so here too; the characters XML reserves are entities, and a carriage
 * return a character reference, which XML would otherwise read as a line
 * feed. Controls XML cannot hold at all were refused (pdf_std_check).
 */
static void add_xml(rc_buf *b, const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = rc_utf8_decode(s + i, n - i, &cp);
        i += k ? k : 1;
        if (!k)
            cp = 0xFFFD;
        switch (cp) {
        case '&': rc_buf_adds(b, "&amp;"); break;
        case '<': rc_buf_adds(b, "&lt;"); break;
        case '>': rc_buf_adds(b, "&gt;"); break;
        case '"': rc_buf_adds(b, "&quot;"); break;
        case '\r': rc_buf_adds(b, "&#13;"); break;
        default: {
            char utf8[4];
            rc_buf_add(b, utf8, rc_utf8_encode(cp, utf8));
        }
        }
    }
}

/* A character XML 1.0 cannot hold, even as a reference, in s; 0: none. */
static uint32_t xml_forbidden(const char *s)
{
    size_t n = s ? strlen(s) : 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = rc_utf8_decode(s + i, n - i, &cp);
        i += k ? k : 1;
        if (k && ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
                  cp == 0xFFFF))
            return cp;
    }
    return 0;
}

/* What the document must be before anything is written. */
int pdf_std_check(pdf_ctx *c)
{
    const rc_doc *doc = c->doc;
    unsigned std = doc->pdf_standards;
    if (!std)
        return 0;
    c->reported = 1;
    /* The XMP metadata repeats the document information, in XML. */
    const struct {
        const char *what, *value;
    } info[] = {{"title", doc->title},     {"author", doc->author},
                {"subject", doc->subject}, {"keywords (section titles)", doc->keywords},
                {"creator", doc->creator}};
    for (size_t i = 0; i < RC_ARRAY_LEN(info); i++) {
        uint32_t cp = xml_forbidden(info[i].value);
        if (cp)
            return rc_error_class(c->diags, RC_FAIL_INPUT, pdf_no_pos,
                                  "the document's %s holds the control character U+%04X, which "
                                  "the XMP metadata of PDF/A and PDF/UA cannot hold; remove it "
                                  "from the CV",
                                  info[i].what, (unsigned)cp);
    }
    if (!(std & RESCOMP_PDF_UA1)) {
        c->reported = 0;
        return 0;
    }
    if (!doc->title || !*doc->title)
        return rc_error_class(c->diags, RC_FAIL_INPUT, pdf_no_pos,
                              "PDF/UA-1 needs a document title; set settings.pdf_title");
    if (!c->tagged)
        return rc_error_class(c->diags, doc->untagged ? RC_FAIL_USAGE : RC_FAIL_INTERNAL,
                              pdf_no_pos, "PDF/UA-1 is a tagged PDF, and %s",
                              doc->untagged ? "the PDF is asked to be untagged"
                                            : "the layout made no structure");
    if (!doc->lang || !*doc->lang)
        return rc_error_class(c->diags, RC_FAIL_INPUT, pdf_no_pos,
                              "PDF/UA-1 needs the document's language; set locale.language");
    int h1 = 0, h2 = 0;
    for (size_t n = RC_NODE_ROOT; n < doc->nnodes; n++) {
        h1 |= doc->nodes[n].type == RC_ST_H1;
        h2 |= doc->nodes[n].type == RC_ST_H2;
        if (doc->nodes[n].type == RC_ST_FIGURE && (!doc->nodes[n].alt || !*doc->nodes[n].alt))
            return rc_error_class(c->diags, RC_FAIL_INTERNAL, pdf_no_pos,
                                  "PDF/UA-1 needs an alternative text for the photo");
    }
    /* Matterhorn 14-002: numbered headings start at H1, which is the CV's name. */
    if (h2 && !h1)
        return rc_error_class(c->diags, RC_FAIL_INPUT, pdf_no_pos,
                              "PDF/UA-1 needs the headings to start at the CV's name (H1), and "
                              "the CV has none; set cv.name");
    c->reported = 0;
    return 0;
}

/*
 * What a face's codes must be:
 * - no standard allows .notdef, the box drawn for a character the face
 *   lacks: PDF/A-2 says so (ISO 19005-2, 6.2.11.8), PDFBox's Preflight
 *   finds no glyph for such a code in PDF/A-1 (3.3.1), and PDF/UA-1 text
 *   must be readable (Typst refuses it too);
 * - PDF/A-2u: every code maps to Unicode. The only codes without a
 *   ToUnicode entry are surrogate code points (pdf_font.c), which no
 *   Unicode text holds.
 */
int pdf_std_check_face(pdf_ctx *c, const pdf_face *f)
{
    unsigned std = c->doc->pdf_standards;
    for (size_t k = 0; k < f->n && std; k++) {
        uint32_t cp = f->cps[k];
        if ((std & RESCOMP_PDF_A2U) && (cp & 0xFFFFF800u) == 0xD800) {
            c->reported = 1;
            return rc_error_class(c->diags, RC_FAIL_INPUT, pdf_no_pos,
                                  "PDF/A-2u needs Unicode for every character, and U+%04X is a "
                                  "lone surrogate; remove it from the CV",
                                  (unsigned)cp);
        }
        if (!rc_face_has_char(f->face, cp)) {
            c->reported = 1;
            return rc_error_class(c->diags, RC_FAIL_FONT, pdf_no_pos,
                                  "%s does not allow missing-glyph boxes, and font '%s' has no U+%04X; "
                                  "use a font that has it or remove the character",
                                  std & RESCOMP_PDF_A1B   ? "PDF/A-1b"
                                  : std & RESCOMP_PDF_A2B ? "PDF/A-2b"
                                  : std & RESCOMP_PDF_A2U ? "PDF/A-2u"
                                                          : "PDF/UA-1",
                                  rc_face_path(f->face), (unsigned)cp);
        }
    }
    return 0;
}

static void add_prop(rc_buf *b, const char *tag, const char *value)
{
    if (!value || !*value)
        return;
    rc_buf_addf(b, "   <%s>", tag);
    add_xml(b, value);
    rc_buf_addf(b, "</%s>\n", tag);
}

/* A language alternative (dc:title, dc:description) with its one default. */
static void add_alt(rc_buf *b, const char *tag, const char *value)
{
    if (!value || !*value)
        return;
    rc_buf_addf(b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", tag);
    add_xml(b, value);
    rc_buf_addf(b, "</rdf:li></rdf:Alt></%s>\n", tag);
}

/*
 * The XMP packet: the information dictionary's entries under the names
 * XMP gives them (ISO 19005-1, 6.7.3), then the standards' identification.
 * pdfuaid is not one of the schemas PDF/A predefines, so with PDF/A it is
 * described in a PDF/A extension schema.
 */
static void xmp_packet(const pdf_ctx *c, rc_buf *b)
{
    const rc_doc *doc = c->doc;
    unsigned std = doc->pdf_standards;
    rc_buf_adds(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                   "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                   " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    rc_buf_adds(b, "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                   "   <dc:format>application/pdf</dc:format>\n");
    add_alt(b, "dc:title", doc->title);
    if (doc->author && *doc->author) {
        rc_buf_adds(b, "   <dc:creator><rdf:Seq><rdf:li>");
        add_xml(b, doc->author);
        rc_buf_adds(b, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    add_alt(b, "dc:description", doc->subject);
    rc_buf_adds(b, "  </rdf:Description>\n"
                   "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                   "   <pdf:Producer>rescomp " RESCOMP_VERSION "</pdf:Producer>\n");
    add_prop(b, "pdf:Keywords", doc->keywords);
    rc_buf_adds(b, "  </rdf:Description>\n"
                   "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
    add_prop(b, "xmp:CreatorTool", doc->creator);
    if (c->dated) {
        struct tm tm;
        time_t t = (time_t)c->date;
        char when[64];
        gmtime_r(&t, &tm);
        snprintf(when, sizeof(when), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                 tm.tm_sec > 59 ? 59 : tm.tm_sec);
        add_prop(b, "xmp:CreateDate", when);
        add_prop(b, "xmp:ModifyDate", when);
        add_prop(b, "xmp:MetadataDate", when);
    }
    rc_buf_adds(b, "  </rdf:Description>\n");
    int part = pdf_std_pdfa_part(c);
    if (part) {
        rc_buf_addf(b, "  <rdf:Description rdf:about=\"\" "
                       "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                       "   <pdfaid:part>%d</pdfaid:part>\n"
                       "   <pdfaid:conformance>%s</pdfaid:conformance>\n"
                       "  </rdf:Description>\n",
                    part, std & RESCOMP_PDF_A2U ? "U" : "B");
    }
    if (std & RESCOMP_PDF_UA1) {
        rc_buf_adds(b, "  <rdf:Description rdf:about=\"\" "
                       "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                       "   <pdfuaid:part>1</pdfuaid:part>\n"
                       "  </rdf:Description>\n");
    }
    if (part && (std & RESCOMP_PDF_UA1)) {
        rc_buf_adds(
            b,
            "  <rdf:Description rdf:about=\"\""
            " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
            " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
            " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
            "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
            "    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
            "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
            "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
            "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
            "     <pdfaProperty:name>part</pdfaProperty:name>\n"
            "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
            "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
            "     <pdfaProperty:description>Part of ISO 14289 the file conforms to"
            "</pdfaProperty:description>\n"
            "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
            "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
            "  </rdf:Description>\n");
    }
    rc_buf_adds(b, " </rdf:RDF>\n"
                   "</x:xmpmeta>\n"
                   "<?xpacket end=\"w\"?>");
}

/* Whether the document information holds a character XML cannot (pdf_std_check). */
static int info_xml_forbidden(const rc_doc *doc)
{
    return xml_forbidden(doc->title) || xml_forbidden(doc->author) ||
           xml_forbidden(doc->subject) || xml_forbidden(doc->keywords) ||
           xml_forbidden(doc->creator);
}

/*
 * The catalog's /Metadata and, for PDF/A, its /OutputIntents. A tagged
 * PDF has the XMP metadata too (the title there is what assistive
 * technology and archives read), without the standards' identification;
 * it is left out when the information holds a character XML cannot,
 * which only a standard makes an error. Under a standard the stream is
 * not compressed (PDF/A wants metadata a reader finds without a filter:
 * ISO 19005-1 6.7.2, 19005-2 6.6.2.1); otherwise it is.
 */
int pdf_std_write(pdf_ctx *c)
{
    unsigned std = c->doc->pdf_standards;
    if (!std && (!c->tagged || info_xml_forbidden(c->doc)))
        return 0;
    HPDF_Doc pdf = c->pdf;
    HPDF_MMgr mmgr = pdf->mmgr;
    rc_buf *b = &c->scratch;
    rc_buf_reset(b);
    xmp_packet(c, b);
    HPDF_Dict meta = HPDF_DictStream_New(mmgr, pdf->xref);
    if (!meta || pdf_failed(c))
        return -1;
    HPDF_STATUS s = std ? HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)b->ptr, (HPDF_UINT)b->len)
                        : (pdf_put_deflated(c, meta, b->ptr, b->len, OTHER_LEVEL) ? HPDF_FAILD_TO_ALLOC_MEM
                                                                                 : HPDF_OK);
    s += HPDF_Dict_AddName(meta, "Type", "Metadata");
    s += HPDF_Dict_AddName(meta, "Subtype", "XML");
    s += HPDF_Dict_Add(pdf->catalog, "Metadata", meta);
    if (pdf_check(c, s))
        return -1;
    if (!(std & STD_PDFA))
        return 0;

    HPDF_Dict icc = pdf_new_stream(c, rc_srgb_icc, rc_srgb_icc_len);
    HPDF_Dict intent = icc ? HPDF_Dict_New(mmgr) : NULL;
    HPDF_Array intents = intent ? HPDF_Array_New(mmgr) : NULL;
    if (!intents) {
        pdf_check(c, HPDF_FAILD_TO_ALLOC_MEM);
        return -1;
    }
    s += HPDF_Dict_AddNumber(icc, "N", 3);
    s += HPDF_Dict_AddName(icc, "Alternate", "DeviceRGB");
    s += HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    s += HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    s += HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                       HPDF_String_New(mmgr, "sRGB IEC61966-2.1", NULL));
    s += HPDF_Dict_Add(intent, "RegistryName", HPDF_String_New(mmgr, "http://www.color.org", NULL));
    s += HPDF_Dict_Add(intent, "Info", HPDF_String_New(mmgr, "sRGB IEC61966-2.1", NULL));
    s += HPDF_Dict_Add(intent, "DestOutputProfile", icc);
    s += HPDF_Array_Add(intents, intent);
    s += HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);
    return pdf_check(c, s) ? -1 : 0;
}
