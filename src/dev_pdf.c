/*
 * dev_pdf: the PDF device. It and the pdf_*.c files it is made of (pdf.h
 * says what each holds) are the only files that know libharu.
 *
 * It owns the translation of a laid-out rc_doc into PDF objects (pages,
 * embedded fonts, links, outlines, document information) and the atomic
 * write of the result: the PDF is built in memory, written to a temporary
 * file beside the target and renamed over it only when every byte is on
 * disk, so a failed run never leaves a half-written or clobbered file.
 *
 * libharu is the object store and the page, outline, annotation and
 * information machinery. Three things are done by the device instead,
 * because the way libharu does them costs most of the time and size of a
 * CV: the fonts (pdf_font.c), the text (here) and the file (pdf_file.c).
 * Photos are pdf_image.c, the tags of a tagged PDF pdf_tags.c.
 *
 * Text. libharu 2.3.0 has no kerning and no TJ-array call, and viewers
 * ignore Tw (word spacing) for the 2-byte codes of a CID font, so each run
 * is written straight into the page's content stream as one TJ array. The
 * codes go into literal strings as the bytes they are (half the size of
 * hex, and quicker to compress). HPDF_Page_GetLocalFontName (what
 * HPDF_Page_SetFontAndSize calls internally; exported, declared in the
 * installed hpdf_pages.h) adds a font to the page's /Resources and returns
 * its resource name (/F1 ...) for the Tf operator; it is asked once per face
 * and page. This file writes every byte of the content stream itself
 * (BT/Tf/Td/TJ/ET, rg, re f), with no libharu graphics-mode bookkeeping.
 *
 * Numbers in the content stream come from integers (scaled points, 0xRRGGBB)
 * formatted by pdf_out.c, never through printf's %f: no locale, no float rounding
 * differences, byte-identical output for identical input.
 */
#include "pdf.h"

#include "bidi.h"
#include "font_shape.h"

/* ---- document information ---------------------------------------------- */

/*
 * libharu makes the entry (and the information dictionary) with a
 * placeholder, which the text string then replaces in place.
 */
static int set_info(pdf_ctx *c, HPDF_InfoType type, const char *key, const char *value)
{
    if (!value || !*value)
        return 0;
    HPDF_SetInfoAttr(c->pdf, type, "-");
    HPDF_Binary v = pdf_failed(c) ? NULL : pdf_text_string(c, value);
    if (!v || !c->pdf->info) {
        pdf_check(c, HPDF_FAILD_TO_ALLOC_MEM);
        return -1;
    }
    return pdf_check(c, HPDF_Dict_Add(c->pdf->info, key, v)) ? -1 : 0;
}

/*
 * SOURCE_DATE_EPOCH (reproducible-builds.org) gives the dates; without it
 * the file has none, so identical input gives identical bytes.
 */
static int set_dates(pdf_ctx *c)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s)
        return 0;

    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    struct tm tm;
    time_t t = (time_t)v;
    if (errno || *end || v < 0 || *s < '0' || *s > '9' || (long long)t != v ||
        !gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999) {
        rc_warning(c->diags, pdf_no_pos,
                   "ignoring SOURCE_DATE_EPOCH '%s': it must be a number of seconds since "
                   "1970-01-01",
                   s);
        return 0;
    }

    HPDF_Date date;
    memset(&date, 0, sizeof(date));
    date.year = tm.tm_year + 1900;
    date.month = tm.tm_mon + 1;
    date.day = tm.tm_mday;
    date.hour = tm.tm_hour;
    date.minutes = tm.tm_min;
    date.seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec; /* a leap second */
    /*
     * "Z" is written "Z00'00'", which PDFBox's Preflight does not read as
     * a time zone, and then finds the date different from the XMP's: a
     * file claiming a standard says +00'00'.
     */
    date.ind = c->doc->pdf_standards ? '+' : 'Z';
    c->date = v;
    c->dated = 1;
    HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, date);
    return pdf_failed(c) ? -1 : 0;
}

static int set_document_info(pdf_ctx *c)
{
    const rc_doc *doc = c->doc;

    if (set_info(c, HPDF_INFO_TITLE, "Title", doc->title) ||
        set_info(c, HPDF_INFO_AUTHOR, "Author", doc->author) ||
        set_info(c, HPDF_INFO_SUBJECT, "Subject", doc->subject) ||
        set_info(c, HPDF_INFO_KEYWORDS, "Keywords", doc->keywords) ||
        set_info(c, HPDF_INFO_CREATOR, "Creator", doc->creator) ||
        set_info(c, HPDF_INFO_PRODUCER, "Producer", "rescomp " RESCOMP_VERSION))
        return -1;
    return set_dates(c);
}

/* ---- page content ---------------------------------------------------- */


void pdf_begin_text(rc_buf *b, content_state *st)
{
    if (!st->in_text) {
        rc_buf_adds(b, "BT\n");
        st->in_text = 1;
        st->tx = st->ty = 0;
        st->slanted = 0; /* BT starts from the identity matrix */
    }
}

void pdf_end_text(rc_buf *b, content_state *st)
{
    if (st->in_text) {
        rc_buf_adds(b, "ET\n");
        st->in_text = 0;
    }
}

static void set_fill(rc_buf *b, content_state *st, uint32_t color)
{
    color &= 0xFFFFFF;
    if (color != st->fill) {
        pdf_add_rgb(b, color);
        st->fill = color;
    }
}

/*
 * Synthetic bold, as XeTeX's FakeBold and browsers do it: the outline is
 * stroked as well as filled, with a line of 1/30 em (widening each stem by
 * 1/30 em, about what a bold face adds to a regular one's), in the fill
 * colour. Advances stay the regular face's, which is
 * what the layout measured.
 */
static void set_render(rc_buf *b, content_state *st, int bold, const rc_draw *d)
{
    int mode = bold ? 2 : 0;
    if (mode != st->render) {
        rc_buf_addf(b, "%d Tr\n", mode);
        st->render = mode;
    }
    if (!bold)
        return;
    rc_scaled width = d->size / 30;
    if (width != st->line_width) {
        pdf_add_sp(b, width);
        rc_buf_adds(b, " w\n");
        st->line_width = width;
    }
    uint32_t color = d->color & 0xFFFFFF;
    if (color != st->stroke) {
        pdf_add_color(b, color, "RG");
        st->stroke = color;
    }
}

/*
 * Whether the run is a list label ("[1]", "•", "2.") that gets a space
 * after it. The label hangs left of its item's text with a gap, and pypdf
 * puts a space between two runs only when the second starts 7.5 spaces
 * or more after the first does ("[1]Hanze", as one word, otherwise): so
 * the space is drawn, past the label's end, where it moves nothing.
 */
int pdf_spaced_label(const pdf_ctx *c, const rc_draw *d)
{
    const rc_doc *doc = c->doc;
    return d->kind == RC_DRAW_TEXT && d->n > 0 && d->cps[d->n - 1] != ' ' &&
           d->node != RC_NODE_NONE && d->node < doc->nnodes &&
           doc->nodes[d->node].type == RC_ST_LBL &&
           rc_face_has_char(doc->fonts->faces[d->face], ' ');
}

/*
 * A right-to-left run (rc_draw.rtl) glyph by glyph: unit k shows the
 * letters cps[at[k] .. at[k + 1]) with code code[k], whose /W is width[k]
 * (1/1000 em). A ligature (lam-alef) is its glyph, extracting as its
 * first letter, then a blank of no width for each further letter: poppler
 * spreads a glyph's letters left to right over it and reads a line right
 * to left, which would turn lam-alef into alef-lam; a blank at the
 * ligature's left end is read after it, and in the content stream too.
 */
typedef struct glyph_units {
    size_t n;
    size_t *at;
    unsigned *code;
    int *width;
} glyph_units;

static void pdf_rtl_units(const pdf_face *f, const rc_draw *d, glyph_units *u)
{
    u->n = 0;
    u->at = rc_xmalloc((d->n + 1) * sizeof(*u->at));
    u->code = rc_xmalloc((d->n + 1) * sizeof(*u->code));
    u->width = rc_xmalloc((d->n + 1) * sizeof(*u->width));
    size_t lig = 0;
    for (size_t i = 0; i < d->n;) {
        unsigned gid = d->gids ? d->gids[i] : 0;
        size_t len = 1;
        if (d->ligs && lig < d->ligs[0] && d->ligs[1 + lig] >> 8 == i)
            len = d->ligs[1 + lig++] & 0xFF;
        int split = len > 1 && gid && gid != RC_GID_BLANK;
        unsigned code = gid || len > 1 ? pdf_glyph_code(f, gid, d->cps + i, split ? 1 : len,
                                                        pdf_shift_of(d, i))
                                       : pdf_code_of(f, d->cps[i]);
        u->width[u->n] = gid || len > 1 ? f->ligs[code - f->n - 1].width
                                        : rc_face_advance(f->face, d->cps[i]);
        u->at[u->n] = i;
        u->code[u->n++] = code;
        for (size_t j = 1; split && j < len; j++) {
            u->at[u->n] = i + j;
            u->width[u->n] = 0;
            u->code[u->n++] =
                pdf_glyph_code(f, RC_GID_BLANK, d->cps + i + j, 1, (rc_glyph_offset){0, 0});
        }
        i += len;
    }
    u->at[u->n] = d->n;
}

static void units_release(glyph_units *u)
{
    free(u->at);
    free(u->code);
    free(u->width);
}

/*
 * Where unit k's glyph starts, leftwards from the run's right end, in
 * millionths of an em: units end where the run's measure says (their
 * letters' advances and adjustments); a glyph of no width (a blank, a
 * joiner) stands at its letters' left end.
 */
static int64_t unit_left(const pdf_face *f, const rc_draw *d, const glyph_units *u, size_t k,
                         int64_t *right)
{
    int64_t letters = 0, adjust = 0;
    for (size_t i = u->at[k]; i < u->at[k + 1]; i++) {
        letters += rc_face_advance(f->face, d->cps[i]);
        adjust += d->adjust ? d->adjust[i] : 0;
    }
    int64_t cell = 1000 * letters + pdf_round_div(adjust * 1000000, d->size);
    int64_t r = *right;
    *right -= cell;
    return u->width[k] ? r - 1000 * (int64_t)u->width[k] : r - cell;
}

/*
 * The glyphs in logical order, each TJ number moving from where the glyph
 * before ended to where the next starts: the content stream reads as the
 * text does for extractors that take glyphs as they come (pdfminer,
 * pypdf), and those that sort them by position get the same.
 */
static void rtl_glyphs(const pdf_face *f, const rc_draw *d, const glyph_units *u, rc_buf *b)
{
    rc_buf_adds(b, "[(");
    int64_t right = 0, left = unit_left(f, d, u, 0, &right);
    for (size_t k = 0; k < u->n; k++) {
        pdf_add_code(b, u->code[k]);
        if (k + 1 == u->n)
            break;
        int64_t pen = left + 1000 * (int64_t)u->width[k];
        left = unit_left(f, d, u, k + 1, &right);
        if (pen != left) {
            rc_buf_adds(b, ") ");
            pdf_add_milli(b, pen - left);
            rc_buf_adds(b, " (");
        }
    }
    rc_buf_adds(b, ")] TJ\n");
}

static int draw_text(pdf_ctx *c, HPDF_Page page, content_state *st, const rc_draw *d)
{
    rc_buf *b = &c->content;
    pdf_face *f = &c->faces[c->slot[d->face]];
    unsigned synth = c->doc->fonts->synthetic[d->face];

    /* Registers the font in the page's /Resources; returns "F1", "F2" ... */
    if (!f->res) {
        f->res = HPDF_Page_GetLocalFontName(page, f->font);
        if (!f->res || pdf_failed(c)) {
            pdf_check(c, HPDF_PAGE_INVALID_FONT);
            return -1;
        }
    }
    const char *res = f->res;

    pdf_begin_text(b, st);
    if ((int)c->slot[d->face] != st->face || d->size != st->size) {
        rc_buf_addf(b, "/%s ", res);
        pdf_add_sp(b, d->size);
        rc_buf_adds(b, " Tf\n");
        st->face = (int)c->slot[d->face];
        st->size = d->size;
    }
    set_fill(b, st, d->color);
    set_render(b, st, (synth & RC_SYNTH_BOLD) != 0, d);
    if (d->expand != st->expand) {
        /*
         * Font expansion: Tz scales the glyphs and TJ's numbers alike (PDF
         * 1.7, 9.3.4), as the layout measured them; Td is not scaled. Tz
         * is text state, so it holds until changed, across BT and ET.
         */
        pdf_add_milli(b, (1000 + (int64_t)d->expand) * 100);
        rc_buf_adds(b, " Tz\n");
        st->expand = d->expand;
    }

    /* Td is relative to the previous line origin; both ends are rounded
     * absolute positions, so no error accumulates along a page. */
    glyph_units u = {0};
    int64_t start = d->x;
    if (d->rtl) {
        /*
         * From the run's right end to where its first glyph starts (in
         * floating point: a run no layout makes may be absurdly wide).
         */
        pdf_rtl_units(f, d, &u);
        int64_t right = 0, left = unit_left(f, d, &u, 0, &right);
        double back = (double)left * d->size / 1e6 * (1000 + d->expand) / 1000;
        back = back < -1e12 ? -1e12 : back > 1e12 ? 1e12 : back;
        start += rc_bidi_draw_width(d, c->doc->fonts) + (int64_t)back;
    }
    int64_t x = pdf_sp_to_milli(start);
    int64_t y = pdf_sp_to_milli((int64_t)c->doc->height - d->y);
    int slant = (synth & RC_SYNTH_SLANT) != 0;
    if (slant || st->slanted) {
        /*
         * Synthetic italic: the text matrix skewed by about 11 degrees (the
         * slant of CMU's italic); Tm places the run absolutely, and an
         * upright run after it sets the matrix back.
         */
        rc_buf_adds(b, slant ? "1 0 0.2 1 " : "1 0 0 1 ");
        pdf_add_milli(b, x);
        rc_buf_addc(b, ' ');
        pdf_add_milli(b, y);
        rc_buf_adds(b, " Tm\n");
        st->slanted = slant;
    } else {
        pdf_add_milli(b, x - st->tx);
        rc_buf_addc(b, ' ');
        pdf_add_milli(b, y - st->ty);
        rc_buf_adds(b, " Td\n");
    }
    st->tx = x;
    st->ty = y;
    if (d->rtl) {
        rtl_glyphs(f, d, &u, b);
        units_release(&u);
        return 0;
    }

    /*
     * [(codes) adj (codes) ...] TJ: a TJ number is in thousandths of the
     * font size and moves the next glyph left, hence the sign. Codes are
     * written as the two bytes they are, in a literal string: half the
     * size of hex, and quicker to compress.
     */
    rc_buf_adds(b, "[(");
    size_t lig = 0; /* the run's next ligature */
    for (size_t i = 0; i < d->n; i++) {
        /*
         * A ligature is one glyph for its letters; the layout measured it
         * as the letters with its width less theirs in the adjustment
         * after the last one, which its own width in /W now carries.
         */
        int64_t lig_extra = 0;
        unsigned gid = d->gids ? d->gids[i] : 0;
        int lig_here = d->ligs && lig < d->ligs[0] && d->ligs[1 + lig] >> 8 == i;
        if (lig_here || gid) {
            size_t len = lig_here ? d->ligs[1 + lig++] & 0xFF : 1, last = i + len - 1;
            unsigned code = pdf_glyph_code(f, gid, d->cps + i, len, pdf_shift_of(d, i));
            pdf_add_code(b, code);
            lig_extra = f->ligs[code - f->n - 1].width;
            for (size_t k = i; k <= last; k++)
                lig_extra -= rc_face_advance(f->face, d->cps[k]);
            i = last;
        } else {
            pdf_add_code(b, pdf_code_of(f, d->cps[i]));
        }
        /* An adjustment after the last glyph moves nothing: the next run
         * is placed by its own Td. */
        if (((d->adjust && d->adjust[i]) || lig_extra) && i + 1 < d->n) {
            int64_t tj = pdf_round_div(-(int64_t)(d->adjust ? d->adjust[i] : 0) * 1000000,
                                       d->size) + 1000 * lig_extra;
            /* What is left of the scaled point the layout rounded to moves nothing visible. */
            if (lig_extra && (tj < 0 ? -tj : tj) * d->size <= 1000000 + (int64_t)d->size)
                tj = 0;
            if (tj) {
                rc_buf_adds(b, ") ");
                pdf_add_milli(b, tj);
                rc_buf_adds(b, " (");
            }
        }
    }
    if (pdf_spaced_label(c, d))
        pdf_add_code(b, pdf_code_of(f, ' '));
    rc_buf_adds(b, ")] TJ\n");
    return 0;
}

/* The run continues a word of the lines before (an icon's span is a picture). */
static int continues_word(const rc_draw *d)
{
    return d->kind == RC_DRAW_TEXT && d->span_begin && !*d->span_begin && d->face != RC_FACE_ICONS;
}

/* Whether the span that run i of the page begins is a word that the next text goes on with. */
static int word_goes_on(const rc_page *pg, size_t i)
{
    while (i < pg->n && !(pg->v[i].kind == RC_DRAW_TEXT && pg->v[i].span_end))
        i++;
    for (i++; i < pg->n && pg->v[i].kind != RC_DRAW_TEXT; i++)
        ;
    return i < pg->n && continues_word(&pg->v[i]);
}

/* A page's /Properties: the property list of each broken word (pdf_words). */
static HPDF_STATUS write_words(HPDF_Dict obj, HPDF_Stream stream)
{
    const pdf_words *w = obj->attr;
    rc_buf b = RC_BUF_INIT;
    for (size_t k = 0; k < w->n; k++) {
        rc_buf_addf(&b, " /W%zu <</ActualText ", k + 1);
        pdf_add_text_string(&b, w->v[k]);
        rc_buf_adds(&b, ">>");
    }
    HPDF_STATUS st = HPDF_Stream_Write(stream, (const HPDF_BYTE *)b.ptr, (HPDF_UINT)b.len);
    rc_buf_release(&b);
    return st;
}

/*
 * Give the broken word `word` a property list on this page (c->word).
 * The page's /Properties is an empty libharu dictionary whose entries
 * write_words writes with the file: a libharu entry costs a 128-byte key,
 * and a string at most 64 KB.
 */
static int add_word_property(pdf_ctx *c, HPDF_Page page, const char *word)
{
    if (!c->words)
        c->words = rc_xcalloc(c->doc->npages, sizeof(*c->words));
    pdf_words *w = &c->words[c->page];
    if (w->n == 0) {
        HPDF_Dict res = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
        HPDF_Dict props = res ? HPDF_Dict_New(c->pdf->mmgr) : NULL;
        if (!props || pdf_check(c, HPDF_Dict_Add(res, "Properties", props))) {
            pdf_check(c, HPDF_FAILD_TO_ALLOC_MEM);
            return -1;
        }
        props->attr = w;
        props->write_fn = write_words;
    }
    RC_VEC_PUSH(w->v, w->n, w->cap);
    w->v[w->n++] = word;
    c->word = w->n;
    return 0;
}

/*
 * A run, and the marked content that makes a word broken across lines
 * extract once. The display list brackets the word's pieces with
 * span_begin (first run) and span_end (last run). Measured with pdftotext
 * 22.12: one /Span around all pieces extracts the word whole but as a line
 * of its own ("This is an / extraordinary / word."), because poppler places
 * the replacement text over the bounding box of both lines. So each piece
 * is a /Span of its own: the first carries the whole word as its
 * ActualText and every later piece an empty one: "This is an
 * extraordinary / word." in pdftotext's default, -layout and -raw modes.
 *
 * PDFium (Chrome) reads an empty ActualText as none, and so read the word
 * and then its second half again. What it skips is a text object whose
 * innermost marked content has the very property list of the text object
 * before it: its part of the word was read already. So inside each piece's
 * /Span, every piece of a word is also marked "/Word /Wn BDC", /Wn being
 * one property list of the page's /Resources, <</ActualText (the word)>>:
 * PDFium reads the word at the first piece and skips the others, which
 * follow it. Poppler reads an ActualText only under a /Span tag and the
 * other extractors read none, so for them nothing changes: they read the
 * word, or its two halves, once. A word that goes on on the next page
 * cannot follow its first piece there, so PDFium reads its pieces there
 * as they are drawn (the second half as well).
 *
 * Marked content must not straddle BT/ET: the spans open and close inside
 * the text object, which goes on around them (as it does untagged: tagging
 * moves nothing), and nest in the run's tagged marked content, which
 * pdf_mark_before opens and pdf_mark_after closes around draws.
 */
static int draw_run(pdf_ctx *c, HPDF_Page page, content_state *st, const rc_page *pg, size_t i)
{
    rc_buf *b = &c->content;
    const rc_draw *d = &pg->v[i];
    const char *actual = d->span_begin ? d->span_begin : c->in_span ? "" : NULL;

    if (d->span_begin && *d->span_begin) {
        c->word = 0;
        if (word_goes_on(pg, i) && add_word_property(c, page, d->span_begin))
            return -1;
    } else if (!actual || (d->span_begin && !continues_word(d))) {
        c->word = 0; /* text of its own, or an icon */
    }
    if (actual) {
        pdf_begin_text(b, st);
        rc_buf_adds(b, "/Span <</ActualText ");
        if (*actual)
            pdf_add_text_string(b, actual);
        else
            rc_buf_adds(b, "()");
        rc_buf_adds(b, ">> BDC\n");
        if (c->word)
            rc_buf_addf(b, "/Word /W%zu BDC\n", c->word);
    }
    if (d->n > 0 && draw_text(c, page, st, d))
        return -1;
    if (actual)
        rc_buf_adds(b, c->word ? "EMC\nEMC\n" : "EMC\n");
    if (d->span_begin)
        c->in_span = 1;
    if (d->span_end)
        c->in_span = 0;
    return 0;
}

static void draw_rule(pdf_ctx *c, content_state *st, const rc_draw *d)
{
    rc_buf *b = &c->content;
    pdf_end_text(b, st);
    set_fill(b, st, d->color);
    /* (x, y) is the top-left corner; re takes the bottom-left. */
    pdf_add_sp(b, d->x);
    rc_buf_addc(b, ' ');
    pdf_add_sp(b, (int64_t)c->doc->height - d->y - d->h);
    rc_buf_addc(b, ' ');
    pdf_add_sp(b, d->w);
    rc_buf_addc(b, ' ');
    pdf_add_sp(b, d->h);
    rc_buf_adds(b, " re f\n");
}

/* URIs must be 7-bit: percent-encode anything else (the IRI-to-URI rule). */
static const char *uri_ascii(rc_buf *b, const char *uri)
{
    static const char hex[] = "0123456789ABCDEF";
    rc_buf_reset(b);
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7F) {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            rc_buf_add(b, e, 3);
        } else {
            rc_buf_addc(b, (char)*p);
        }
    }
    return rc_buf_str(b);
}

static int draw_link(pdf_ctx *c, HPDF_Page page, size_t i, const rc_draw *d)
{
    if (!d->text || !*d->text)
        return 0;
    float h = (float)c->doc->height;
    HPDF_Rect r;
    r.left = (float)d->x / RC_UNITY;
    r.right = (float)((double)d->x + d->w) / RC_UNITY;
    r.top = (float)((h - (double)d->y) / RC_UNITY);
    r.bottom = (float)((h - (double)d->y - d->h) / RC_UNITY);
    HPDF_Annotation annot = HPDF_Page_CreateURILinkAnnot(page, r, uri_ascii(&c->scratch, d->text));
    if (!annot || pdf_failed(c))
        return -1;
    /* No border: a link looks like the text it covers. */
    HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
    /* PDF/A: an annotation is printed (/F 4, Print), as it is shown */
    if (pdf_std_pdfa_part(c) && pdf_check(c, HPDF_Dict_AddNumber(annot, "F", 4)))
        return -1;
    if (c->tagged && d->node != RC_NODE_NONE && d->node < c->doc->nnodes && c->run_at[i]) {
        /* tagged: the Link element refers to it, and PDF/UA wants a description */
        const rc_node *node = &c->doc->nodes[d->node];
        c->kid_annot[c->run_at[i] - 1] = annot;
        HPDF_Binary what = pdf_text_string(c, node->alt && *node->alt ? node->alt : d->text);
        if (!what || pdf_check(c, HPDF_Dict_Add(annot, "Contents", what)))
            return -1;
    }
    return pdf_failed(c) ? -1 : 0;
}

/*
 * An outline entry pointing at (x, y) on the page with /XYZ left top null,
 * as hyperref does: null keeps the reader's zoom. HPDF_Destination_SetXYZ
 * only accepts a zoom of 0.08..32, so the array is written here.
 */
static int draw_bookmark(pdf_ctx *c, HPDF_Page page, const rc_draw *d)
{
    int level = d->level < 0 ? 0 : d->level;
    if (level > c->outline_depth)
        level = c->outline_depth; /* nest under the last shallower entry */
    if (level >= MAX_OUTLINE_DEPTH)
        level = MAX_OUTLINE_DEPTH - 1;
    HPDF_Outline parent = level > 0 ? c->outline[level - 1] : NULL;

    HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, "-", NULL);
    HPDF_Binary title = o && !pdf_failed(c) ? pdf_text_string(c, d->text ? d->text : "") : NULL;
    if (!title || pdf_check(c, HPDF_Dict_Add(o, "Title", title)))
        return -1;
    /*
     * PDFBox's Preflight reads an outline's /Dest only as a direct array,
     * so a PDF/A file has one (libharu's destination is an object).
     */
    int direct = pdf_std_pdfa_part(c) != 0;
    HPDF_Destination dst = direct ? HPDF_Array_New(c->pdf->mmgr) : HPDF_Page_CreateDestination(page);
    if (!dst || pdf_failed(c))
        return -1;

    float left = d->x > 0 ? (float)d->x / RC_UNITY : 0;
    float top = (float)(((double)c->doc->height - d->y) / RC_UNITY);
    HPDF_STATUS st = HPDF_OK;
    HPDF_Array_Clear(dst); /* drop the default [page /Fit] */
    st += HPDF_Array_Add(dst, page);
    st += HPDF_Array_AddName(dst, "XYZ");
    st += HPDF_Array_AddReal(dst, left);
    st += HPDF_Array_AddReal(dst, top < 0 ? 0 : top);
    st += HPDF_Array_Add(dst, HPDF_Null_New(c->pdf->mmgr));
    if (pdf_check(c, st))
        return -1;
    if (direct)
        pdf_check(c, HPDF_Dict_Add(o, "Dest", dst));
    else
        HPDF_Outline_SetDestination(o, dst);
    HPDF_Outline_SetOpened(o, HPDF_TRUE);
    if (pdf_failed(c))
        return -1;

    c->outline[level] = o;
    c->outline_depth = level + 1;
    return 0;
}
static int render_page(pdf_ctx *c, size_t index)
{
    const rc_page *pg = &c->doc->pages[index];
    HPDF_Page page = HPDF_AddPage(c->pdf);
    if (!page || pdf_failed(c))
        return -1;
    if (c->tagged) {
        c->pages[index] = page;
        pdf_index_runs(c, index);
        c->next_mcid = 0;
    }
    HPDF_Page_SetWidth(page, (float)c->doc->width / RC_UNITY);
    HPDF_Page_SetHeight(page, (float)c->doc->height / RC_UNITY);
    if (pdf_failed(c))
        return -1;

    content_state st = {.face = -1, .fill = 0x000000, .stroke = 0x000000};
    c->page = index;
    c->word = 0; /* property lists are per page */
    for (size_t f = 0; f < c->nfaces; f++)
        c->faces[f].res = NULL; /* resource names are per page */
    rc_buf *b = &c->content;
    rc_buf_reset(b);

    for (size_t i = 0; i < pg->n; i++) {
        const rc_draw *d = &pg->v[i];
        pdf_mark_before(c, &st, i, d);
        switch (d->kind) {
        case RC_DRAW_TEXT:
            if (draw_run(c, page, &st, pg, i))
                return -1;
            break;
        case RC_DRAW_RULE:
            draw_rule(c, &st, d);
            break;
        case RC_DRAW_LINK:
            if (draw_link(c, page, i, d))
                return -1;
            break;
        case RC_DRAW_BOOKMARK:
            if (draw_bookmark(c, page, d))
                return -1;
            break;
        case RC_DRAW_IMAGE:
            if (pdf_draw_image(c, page, &st, d))
                return -1;
            break;
        case RC_DRAW_NOTE:
            break;
        }
        pdf_mark_after(c, &st, i);
    }
    pdf_close_marked(c, &st);
    pdf_end_text(b, &st);
    if (c->tagged)
        c->page_mcids[index] = c->next_mcid;

    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    return pdf_put_deflated(c, attr->contents, b->ptr ? b->ptr : "", b->len, CONTENT_LEVEL);
}

static int render(pdf_ctx *c, rc_buf *out)
{
    const rc_doc *doc = c->doc;

    if (doc->npages == 0)
        return rc_error_class(c->diags, RC_FAIL_INTERNAL, pdf_no_pos, "the document has no pages");
    if (doc->width <= 0 || doc->height <= 0)
        return rc_error_class(c->diags, RC_FAIL_INTERNAL, pdf_no_pos, "invalid page size");

    c->pdf = HPDF_New(pdf_on_error, c);
    if (!c->pdf)
        return rc_error_class(c->diags, RC_FAIL_INTERNAL, pdf_no_pos,
                              "cannot create a PDF document: out of memory");

    /* Streams this file fills it compresses itself (put_deflated). */
    HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
    if (pdf_failed(c))
        return pdf_haru_error(c, RC_FAIL_INTERNAL, "cannot set up the PDF document");

    pdf_map_faces(c);
    if (pdf_collect_codes(c))
        return -1;
    for (size_t f = 0; f < c->nfaces; f++) {
        if (c->faces[f].used && pdf_build_font(c, (int)f))
            return -1;
    }

    if (set_document_info(c))
        return pdf_haru_error(c, RC_FAIL_INTERNAL, "cannot set the document information");

    if (doc->nnodes > RC_NODE_ROOT && !doc->untagged) {
        c->tagged = 1;
        rc_struct_build(doc, &c->tree);
        size_t nkids = c->tree.start[c->tree.nnodes];
        c->kid_mcid = rc_xmalloc((nkids ? nkids : 1) * sizeof(*c->kid_mcid));
        for (size_t k = 0; k < nkids; k++)
            c->kid_mcid[k] = -1;
        c->kid_annot = rc_xcalloc(nkids ? nkids : 1, sizeof(*c->kid_annot));
        c->pages = rc_xcalloc(doc->npages, sizeof(*c->pages));
        c->page_mcids = rc_xcalloc(doc->npages, sizeof(*c->page_mcids));
        pdf_index_pages(c);
    }

    if (pdf_std_check(c))
        return -1;

    for (size_t p = 0; p < doc->npages; p++) {
        if (render_page(c, p)) {
            if (c->reported)
                return -1;
            rc_buf_reset(&c->scratch);
            rc_buf_addf(&c->scratch, "cannot render page %zu", p + 1);
            return pdf_haru_error(c, RC_FAIL_INTERNAL, rc_buf_str(&c->scratch));
        }
    }

    if (c->tagged && pdf_write_structure(c))
        return pdf_haru_error(c, RC_FAIL_INTERNAL, "cannot write the structure tree");
    if (pdf_std_write(c))
        return pdf_haru_error(c, RC_FAIL_INTERNAL, "cannot write the PDF/A or PDF/UA metadata");

    if (pdf_write_file(c, out))
        return pdf_haru_error(c, RC_FAIL_INTERNAL, "cannot assemble the PDF");
    return 0;
}

/* ---- entry point ------------------------------------------------------ */

int rc_pdf_render(const rc_doc *doc, rc_buf *out, rc_diags *d)
{
    pdf_ctx c;
    memset(&c, 0, sizeof(c));
    c.doc = doc;
    c.diags = d;
    rc_buf_init(&c.content);
    rc_buf_init(&c.scratch);

    rc_buf_reset(out);
    int rc = render(&c, out);
    if (c.pdf)
        HPDF_Free(c.pdf);
    for (size_t f = 0; f < c.nfaces; f++) {
        pdf_face *pf = &c.faces[f];
        free(pf->used);
        free(pf->astral);
        free(pf->cps);
        free(pf->ligs);
        for (size_t i = 0; i < RC_ARRAY_LEN(pf->code); i++)
            free(pf->code[i]);
    }
    free(c.faces);
    free(c.slot);
    rc_struct_release(&c.tree);
    free(c.kid_mcid);
    free(c.kid_annot);
    free(c.pages);
    for (size_t p = 0; c.mcid_kid && p < doc->npages; p++)
        free(c.mcid_kid[p]);
    free(c.mcid_kid);
    free(c.elem_order);
    free(c.elem_obj);
    free(c.page_mcids);
    free(c.run_at);
    free(c.page_start);
    free(c.page_kids);
    for (size_t p = 0; c.words && p < doc->npages; p++)
        free(c.words[p].v);
    free(c.words);
    pdf_deflate_release(&c);
    rc_buf_release(&c.content);
    rc_buf_release(&c.scratch);
    rc_buf_release(&c.font_program);
    if (rc != 0)
        rc_buf_reset(out);
    return rc;
}

int rc_pdf_write(const rc_doc *doc, const char *path, rc_diags *d)
{
    rc_buf file = RC_BUF_INIT;
    int rc = rc_pdf_render(doc, &file, d);
    if (rc == 0)
        rc = rc_write_atomic(path, file.ptr ? file.ptr : "", file.len, d);
    rc_buf_release(&file);
    return rc;
}
