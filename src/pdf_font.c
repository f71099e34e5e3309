/*
 * pdf_font: the embedded fonts of the PDF device.
 *
 * Fonts. HPDF_GetFont(..., "UTF-8") costs 5-6 ms per face whatever the
 * document shows: the UTF-8 encoder makes CIDFontType2_New (hpdf_font_cid.c)
 * look up a glyph for each of the 65,536 codes and write /W and a 128 KB
 * CIDToGIDMap over all of them, and the font file is embedded with every
 * table but glyf whole. So each face the document uses is written here as
 * a Type0 font of the code points it shows, through libharu's object API:
 *
 * - the code points a face shows are collected in one pass over the display
 *   list and numbered densely in code-point order: the k-th (k = 1, 2 ...)
 *   is shown with the 2-byte code k, which is also its CID (/Identity-H);
 * - the font layer cuts the face down to those code points and the glyphs
 *   they need, with only the tables a PDF font program needs
 *   (rc_face_subset); a TrueType subset is the /FontFile2 of a
 *   CIDFontType2 as it comes, and the glyph it gives each code makes the
 *   /CIDToGIDMap; a face with CFF outlines (OpenType .otf) comes as a
 *   CID-keyed CFF program whose CID k is code k, the /FontFile3
 *   (/CIDFontType0C) of a CIDFontType0, which has no map;
 * - /W holds rc_face_advance of each code point, the very widths the layout
 *   used, so what viewers place is what was laid out;
 * - /ToUnicode maps each code to its code point (a valid CMap of bfrange and
 *   bfchar entries: libharu's own for UTF-8 is not), so text extracts
 *   exactly, also for a character the face lacks;
 * - each distinct ligature the text shows (ff, fi, ffl ...: rc_draw.lig)
 *   gets a code after those, the ligature glyph, its own width in /W, and
 *   in /ToUnicode its letters (never U+FB03 and the like, which a search
 *   for "office" would not find); so does each glyph HarfBuzz chose for
 *   right-to-left text (rc_draw.gids: an Arabic letter's joining form, a
 *   mirrored bracket), which extracts as the letter it shows; a glyph
 *   HarfBuzz moved off its pen (a mark over its letter: rc_draw.offset)
 *   gets a code of its own and a glyph of it so moved in the subset (a
 *   TrueType composite, or a CFF charstring moved), drawn on the baseline:
 *   a mark raised by the text matrix or Ts would extract as a line of its
 *   own;
 * - the descriptor has the font module's ascender, descender, cap height and
 *   x-height, and the slant, weight and bounding box of the font's tables.
 *
 * The subset is named with a tag hashed from the face and its code points,
 * so identical input gives identical bytes and different subsets of a font
 * get different names.
 *
 */
#include "pdf.h"

#include "font_shape.h"

/* ---- fonts ------------------------------------------------------------ */

static const rc_face *face_of(const rc_doc *doc, int face)
{
    if (!doc->fonts || face < 0 || (size_t)face >= doc->fonts->nfaces)
        return NULL;
    return doc->fonts->faces[face];
}

/*
 * One pdf_face per distinct face: a synthetic bold or slant is its upright
 * face drawn differently, and a fallback may be a family's face already;
 * each font file is embedded once. In face-id order, so deterministic.
 */
void pdf_map_faces(pdf_ctx *c)
{
    const rc_fonts *fonts = c->doc->fonts;
    size_t n = fonts ? fonts->nfaces : 0;
    c->faces = rc_xcalloc(n ? n : 1, sizeof(*c->faces));
    c->slot = rc_xcalloc(n ? n : 1, sizeof(*c->slot));
    for (size_t id = 0; id < n; id++) {
        size_t u = 0;
        while (u < c->nfaces && c->faces[u].face != fonts->faces[id])
            u++;
        if (u == c->nfaces)
            c->faces[c->nfaces++].face = fonts->faces[id];
        c->slot[id] = u;
    }
}

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The code a code point is shown with in a face (collect_codes made it). */
unsigned pdf_code_of(const pdf_face *f, uint32_t cp)
{
    if (cp < NUM_CODE_POINTS)
        return f->code[cp >> 8][cp & 0xFF];
    const uint32_t *at = bsearch(&cp, f->cps + f->nbmp, f->n - f->nbmp, sizeof(*f->cps),
                                 compare_u32);
    return at ? (unsigned)(at - f->cps + 1) : 0;
}

/* Whether l shows the len letters cps with the glyph rc_draw.gids names as key, so moved. */
static int lig_is(const struct pdf_lig *l, unsigned key, const uint32_t *cps, size_t len,
                  rc_glyph_offset shift)
{
    return l->len == len && l->key == key && l->shift.x == shift.x && l->shift.y == shift.y &&
           !memcmp(l->cps, cps, len * sizeof(*cps));
}

unsigned pdf_glyph_code(const pdf_face *f, unsigned gid, const uint32_t *cps, size_t len,
                        rc_glyph_offset shift)
{
    for (size_t k = 0; k < f->nligs; k++)
        if (lig_is(&f->ligs[k], gid, cps, len, shift))
            return (unsigned)(f->n + 1 + k);
    return 0;
}

unsigned pdf_lig_code(const pdf_face *f, const uint32_t *cps, size_t len)
{
    return pdf_glyph_code(f, 0, cps, len, (rc_glyph_offset){0, 0});
}

/*
 * Record the glyph that shows the len letters cps in face f, once: the one
 * rc_draw.gids names as key, or (key 0) the ligature rc_face_shape set. A
 * blank (RC_GID_BLANK) is a glyph of no outline and no width, drawn for
 * extraction only, which the subset adds (rc_face_subset).
 */
static int add_ligature(pdf_ctx *c, pdf_face *f, const uint32_t *cps, size_t len, unsigned key,
                        rc_glyph_offset shift)
{
    for (size_t k = 0; k < f->nligs; k++)
        if (lig_is(&f->ligs[k], key, cps, len, shift))
            return 0;
    unsigned gid = key;
    int width;
    if (key == RC_GID_BLANK) {
        width = 0;
    } else if (key) {
        width = rc_face_glyph_advance(f->face, gid);
    } else {
        width = rc_face_ligature(f->face, cps, len, &gid);
    }
    if (width < 0)
        return rc_error_class(c->diags, RC_FAIL_INTERNAL, pdf_no_pos,
                              "a text run shows a ligature its face did not set");
    RC_VEC_PUSH(f->ligs, f->nligs, f->ligs_cap);
    f->ligs[f->nligs++] = (struct pdf_lig){cps, len, gid, width, key, shift};
    return 0;
}

/*
 * One pass over the display list: check the runs and record the code
 * points each face shows; then number each face's code points densely, in
 * code-point order. Only faces with text get a font: an unused face would
 * cost time and bytes for nothing.
 */
/* Code points 64w .. 64w+63 of a bitmap of used code points, bit i for 64w+i. */
static uint64_t used_word(const uint8_t *used, size_t w)
{
    uint64_t bits = 0;
    for (int j = 7; j >= 0; j--)
        bits = bits << 8 | used[8 * w + (size_t)j];
    return bits;
}

int pdf_collect_codes(pdf_ctx *c)
{
    const rc_doc *doc = c->doc;

    for (size_t p = 0; p < doc->npages; p++) {
        const rc_page *page = &doc->pages[p];
        for (size_t i = 0; i < page->n; i++) {
            const rc_draw *d = &page->v[i];
            if (d->kind != RC_DRAW_TEXT || d->n == 0)
                continue;
            if (!face_of(doc, (int)d->face))
                return rc_error_class(c->diags, RC_FAIL_INTERNAL, pdf_no_pos,
                                      "page %zu: text run in face %d, which is not loaded",
                                      p + 1, (int)d->face);
            if (d->size <= 0)
                return rc_error_class(c->diags, RC_FAIL_INTERNAL, pdf_no_pos,
                                      "page %zu: text run with font size %" PRId32 "sp", p + 1,
                                      d->size);
            pdf_face *f = &c->faces[c->slot[d->face]];
            if (!f->used)
                f->used = rc_xcalloc(NUM_CODE_POINTS / 8, 1);
            if (pdf_spaced_label(c, d))
                f->used[' ' >> 3] |= (uint8_t)(1u << (' ' & 7));
            size_t lig = 0; /* the run's next ligature */
            for (size_t k = 0; k < d->n; k++) {
                uint32_t cp = d->cps[k];
                unsigned gid = d->gids ? d->gids[k] : 0;
                if (d->ligs && lig < d->ligs[0] && d->ligs[1 + lig] >> 8 == k) {
                    size_t len = d->ligs[1 + lig++] & 0xFF;
                    if (len < 2 || k + len > d->n)
                        return rc_error_class(c->diags, RC_FAIL_INTERNAL, pdf_no_pos,
                                              "page %zu: a ligature the run cannot show", p + 1);
                    /* right to left, its first letter and blanks (pdf_rtl_units says why) */
                    int split = d->rtl && gid && gid != RC_GID_BLANK;
                    if (add_ligature(c, f, d->cps + k, split ? 1 : len, gid,
                                     pdf_shift_of(d, k)) != 0)
                        return -1;
                    for (size_t j = 1; split && j < len; j++)
                        if (add_ligature(c, f, d->cps + k + j, 1, RC_GID_BLANK,
                                         (rc_glyph_offset){0, 0}) != 0)
                            return -1;
                    k += len - 1;
                    continue;
                }
                if (gid) {
                    if (add_ligature(c, f, d->cps + k, 1, gid, pdf_shift_of(d, k)) != 0)
                        return -1;
                    continue;
                }
                if (cp < NUM_CODE_POINTS) {
                    f->used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
                } else if (!f->nastral || f->astral[f->nastral - 1] != cp) {
                    RC_VEC_PUSH(f->astral, f->nastral, f->astral_cap);
                    f->astral[f->nastral++] = cp;
                }
            }
        }
    }

    for (size_t face = 0; face < c->nfaces; face++) {
        pdf_face *f = &c->faces[face];
        if (!f->used)
            continue;
        /* The astral code points, sorted, each once, come after the BMP's. */
        size_t nastral = 0;
        if (f->nastral)
            qsort(f->astral, f->nastral, sizeof(*f->astral), compare_u32);
        for (size_t k = 0; k < f->nastral; k++)
            if (k == 0 || f->astral[k] != f->astral[k - 1])
                f->astral[nastral++] = f->astral[k];
        size_t n = nastral;
        for (size_t w = 0; w < NUM_CODE_POINTS / 64; w++)
            n += (size_t)__builtin_popcountll(used_word(f->used, w));
        if (n + f->nligs > 0xFFFF) /* codes are 2 bytes, and 0 is .notdef's */
            return rc_error_class(c->diags, RC_FAIL_INTERNAL, pdf_no_pos,
                                  "face %zu shows more than 65,535 different characters", face);
        f->cps = rc_xmalloc(n * sizeof(*f->cps));
        for (size_t w = 0; w < NUM_CODE_POINTS / 64; w++) {
            for (uint64_t bits = used_word(f->used, w); bits; bits &= bits - 1) {
                uint32_t cp = (uint32_t)(64 * w + (size_t)__builtin_ctzll(bits));
                uint16_t **page = &f->code[cp >> 8];
                if (!*page)
                    *page = rc_xcalloc(256, sizeof(**page));
                f->cps[f->n++] = cp;
                (*page)[cp & 0xFF] = (uint16_t)f->n;
            }
        }
        f->nbmp = f->n;
        for (size_t k = 0; k < nastral; k++)
            f->cps[f->n++] = f->astral[k];
    }
    return 0;
}

/*
 * A subset's tag: six capitals from a hash of the face and the code points
 * it shows (FNV-1a), the same for the same input.
 */
static void subset_tag(const pdf_face *f, int face, char tag[TAG_LEN + 1])
{
    uint64_t h = 0xCBF29CE484222325u;
    h = (h ^ (uint64_t)face) * 0x100000001B3u;
    for (size_t k = 0; k < f->n; k++)
        h = (h ^ f->cps[k]) * 0x100000001B3u;
    for (size_t k = 0; k < f->nligs; k++) {
        h = (h ^ (0x110000u + f->ligs[k].gid)) * 0x100000001B3u;
        h = (h ^ ((uint32_t)(uint16_t)f->ligs[k].shift.x << 16 | (uint16_t)f->ligs[k].shift.y)) *
            0x100000001B3u;
    }
    for (int i = 0; i < TAG_LEN; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
    tag[TAG_LEN] = 0;
}

/* What the font descriptor needs from the font's own tables. */
typedef struct font_facts {
    int bbox[4];   /* 1/1000 em */
    double slant;  /* post italicAngle, degrees */
    int flags;     /* PDF font flags */
    int stem_v;    /* estimated from the weight class */
    unsigned fs_type; /* OS/2 embedding licensing rights */
    char name[64]; /* PostScript name, as a PDF name may carry it */
} font_facts;

/* The face's PostScript name (name ID 6), printable ASCII only, as a PDF name may carry it. */
static void read_ps_name(const unsigned char *name, size_t len, char *out, size_t size)
{
    size_t n = 0;
    unsigned count = len >= 6 ? rc_be16(name + 2) : 0, strings = len >= 6 ? rc_be16(name + 4) : 0;
    int best = -1; /* the record read: Windows (UTF-16BE) before Macintosh and Unicode */
    const unsigned char *str = NULL;
    size_t str_len = 0;
    for (unsigned i = 0; i < count && 6 + 12 * (size_t)(i + 1) <= len; i++) {
        const unsigned char *r = name + 6 + 12 * (size_t)i;
        unsigned platform = rc_be16(r), off = rc_be16(r + 10), rlen = rc_be16(r + 8);
        int rank = platform == 3 ? 2 : platform <= 1 ? 1 : 0;
        if (rc_be16(r + 6) != 6 || rank <= best || strings > len || len - strings < off ||
            len - strings - off < rlen)
            continue;
        best = rank;
        str = name + strings + off;
        str_len = rlen;
    }
    /* UTF-16BE: the low byte of each unit; ASCII holds the high byte at 0. */
    size_t step = best == 2 ? 2 : 1;
    for (size_t i = step - 1; str && i < str_len && n + 1 < size; i += step) {
        unsigned char ch = str[i];
        if ((step == 1 || str[i - 1] == 0) && ch > ' ' && ch < 0x7F && !strchr("()<>[]{}/%#", ch))
            out[n++] = (char)ch;
    }
    out[n] = 0;
    if (n == 0)
        snprintf(out, size, "Font");
}

/* The descriptor's facts, from the font file's own tables (head, post, OS/2, name). */
static void read_facts(const rc_face *rf, font_facts *ff)
{
    memset(ff, 0, sizeof(*ff));
    size_t size, len;
    unsigned index;
    const unsigned char *file = rc_face_file(rf, &size, &index);
    const unsigned char *head = rc_sfnt_table(file, size, index, RC_SFNT_TAG('h', 'e', 'a', 'd'), &len);
    head = head && len >= 54 ? head : NULL;
    const unsigned char *post = rc_sfnt_table(file, size, index, RC_SFNT_TAG('p', 'o', 's', 't'), &len);
    post = post && len >= 16 ? post : NULL;
    const unsigned char *os2 = rc_sfnt_table(file, size, index, RC_SFNT_TAG('O', 'S', '/', '2'), &len);
    os2 = os2 && len >= 32 ? os2 : NULL;
    int64_t upem = head ? rc_be16(head + 18) : 1000;
    if (upem < 16)
        upem = 1000; /* the loader refused such a face; keep the division sane */
    ff->fs_type = os2 ? rc_be16(os2 + 8) : 0;

    /* libharu's arithmetic: (int)v * 1000 / upem, truncated. */
    for (int i = 0; head && i < 4; i++)
        ff->bbox[i] = (int)((int16_t)rc_be16(head + 36 + 2 * i) * 1000 / upem);
    ff->slant = post ? (int32_t)rc_be32(post + 4) / 65536.0 : 0;
    ff->flags = 32; /* nonsymbolic: Latin text in a Unicode font */
    if (post && rc_be32(post + 12) != 0)
        ff->flags |= 1; /* fixed pitch */
    if (ff->slant != 0 || (head && (rc_be16(head + 44) & 2)))
        ff->flags |= 64; /* italic */
    unsigned weight = 400;
    if (os2) {
        unsigned family = rc_be16(os2 + 30) >> 8; /* libharu's serif rule */
        if ((family > 0 && family < 6) || family == 7)
            ff->flags |= 2;
        if (rc_be16(os2 + 4) >= 100 && rc_be16(os2 + 4) <= 1000)
            weight = rc_be16(os2 + 4);
    }
    /* A common estimate: 50 + (weight / 65)^2 (88 regular, 166 bold). */
    ff->stem_v = (int)(50 + (weight * weight + 65 * 65 / 2) / (65 * 65));

    const unsigned char *name = rc_sfnt_table(file, size, index, RC_SFNT_TAG('n', 'a', 'm', 'e'), &len);
    read_ps_name(name, name ? len : 0, ff->name, sizeof(ff->name));
}

/*
 * Append "<lo> <hi> <dst>" (a range) or "<lo> <dst>" (one code); dst in
 * UTF-16BE, a surrogate pair above U+FFFF.
 */
static void add_cmap_entry(rc_buf *b, const unsigned v[3])
{
    rc_buf_addc(b, '<');
    pdf_add_hex16(b, v[0]);
    if (v[1] != v[0]) {
        rc_buf_adds(b, "> <");
        pdf_add_hex16(b, v[1]);
    }
    rc_buf_adds(b, "> <");
    if (v[2] > 0xFFFF) {
        pdf_add_hex16(b, 0xD800 + ((v[2] - 0x10000) >> 10));
        pdf_add_hex16(b, 0xDC00 + ((v[2] - 0x10000) & 0x3FF));
    } else {
        pdf_add_hex16(b, v[2]);
    }
    rc_buf_adds(b, ">\n");
}

/* Write one kind of entries ("bfrange" or "bfchar") in blocks of 100. */
static void add_cmap_block(rc_buf *b, const char *kind, const unsigned (*v)[3], size_t n)
{
    for (size_t i = 0; i < n; i += 100) {
        size_t k = n - i < 100 ? n - i : 100;
        rc_buf_addf(b, "%zu begin%s\n", k, kind);
        for (size_t j = i; j < i + k; j++)
            add_cmap_entry(b, v[j]);
        rc_buf_addf(b, "end%s\n", kind);
    }
}

static int is_surrogate(uint32_t cp)
{
    return (cp & 0xF800) == 0xD800;
}

/* "<code> <letters>": a ligature's code to its letters in UTF-16BE (bfchar). */
static void add_lig_entry(rc_buf *b, unsigned code, const struct pdf_lig *l)
{
    rc_buf_addc(b, '<');
    pdf_add_hex16(b, code);
    rc_buf_adds(b, "> <");
    for (size_t i = 0; i < l->len; i++) {
        uint32_t cp = l->cps[i];
        if (cp > 0xFFFF) {
            pdf_add_hex16(b, 0xD800 + ((cp - 0x10000) >> 10));
            pdf_add_hex16(b, 0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            pdf_add_hex16(b, is_surrogate(cp) ? 0xFFFD : cp);
        }
    }
    rc_buf_adds(b, ">\n");
}

/*
 * The /ToUnicode CMap: each code to its code point, a bfrange for each run
 * of consecutive codes showing consecutive BMP code points (neither may
 * carry into the high byte within a range), a bfchar for the rest (a code
 * point above U+FFFF is a surrogate pair, which a range would have to
 * increment in its low half). Surrogate code points have no Unicode value
 * and get no entry.
 */
static HPDF_Dict to_unicode(pdf_ctx *c, const pdf_face *f)
{
    unsigned(*ranges)[3] = rc_xmalloc((f->n + 1) * sizeof(*ranges));
    unsigned(*singles)[3] = rc_xmalloc((f->n + 1) * sizeof(*singles));
    size_t nr = 0, ns = 0;
    /*
     * Icons are pictures (artifacts, with an empty /ActualText), but most
     * extractors read neither and would give their private-use code points
     * ("\uF0E0"); a space is what they read instead.
     */
    const rc_fonts *fonts = c->doc->fonts;
    int icons = fonts && fonts->nfaces > RC_FACE_ICONS && f->face == fonts->faces[RC_FACE_ICONS];
    for (size_t k = 1; k <= f->n; k++) {
        if (is_surrogate(f->cps[k - 1]))
            continue;
        if (icons && f->cps[k - 1] >= 0xE000 && f->cps[k - 1] <= 0xF8FF) {
            unsigned *e = singles[ns++];
            e[0] = e[1] = (unsigned)k;
            e[2] = ' ';
            continue;
        }
        size_t end = k;
        while (end < f->n && (end & 0xFF) != 0xFF && (f->cps[end - 1] & 0xFF) != 0xFF &&
               f->cps[end] == f->cps[end - 1] + 1 && !is_surrogate(f->cps[end]) &&
               f->cps[end] <= 0xFFFF)
            end++;
        unsigned *e = end > k ? ranges[nr++] : singles[ns++];
        e[0] = (unsigned)k;
        e[1] = (unsigned)end;
        e[2] = f->cps[k - 1];
        k = end;
    }

    rc_buf *b = &c->scratch;
    rc_buf_reset(b);
    rc_buf_adds(b, "/CIDInit /ProcSet findresource begin\n"
                   "12 dict begin\n"
                   "begincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /Adobe-Identity-UCS def\n"
                   "/CMapType 2 def\n"
                   "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    add_cmap_block(b, "bfrange", (const unsigned(*)[3])ranges, nr);
    add_cmap_block(b, "bfchar", (const unsigned(*)[3])singles, ns);
    for (size_t i = 0; i < f->nligs; i += 100) {
        size_t k = f->nligs - i < 100 ? f->nligs - i : 100;
        rc_buf_addf(b, "%zu beginbfchar\n", k);
        for (size_t j = i; j < i + k; j++)
            add_lig_entry(b, (unsigned)(f->n + 1 + j), &f->ligs[j]);
        rc_buf_adds(b, "endbfchar\n");
    }
    rc_buf_adds(b, "endcmap\n"
                   "CMapName currentdict /CMap defineresource pop\n"
                   "end\n"
                   "end\n");
    free(ranges);
    free(singles);
    return pdf_new_stream(c, b->ptr, b->len);
}

static int font_error(pdf_ctx *c, const rc_face *rf)
{
    rc_buf_reset(&c->scratch);
    rc_buf_addf(&c->scratch, "cannot embed font '%s'", rc_face_path(rf));
    return pdf_haru_error(c, RC_FAIL_FONT, rc_buf_str(&c->scratch));
}

/*
 * The face's Type0 font and everything under it: CIDFontType2 with /W and
 * /CIDToGIDMap, descriptor, font file, ToUnicode.
 */
int pdf_build_font(pdf_ctx *c, int face)
{
    pdf_face *f = &c->faces[face];
    const rc_face *rf = f->face;
    HPDF_MMgr mmgr = c->pdf->mmgr;

    /*
     * The font's licence, as libharu checked it: restricted (0x0002),
     * no subsetting (0x0100), bitmaps only (0x0200) all forbid this.
     */
    font_facts ff;
    read_facts(rf, &ff);
    if (ff.fs_type & 0x0302)
        return rc_error_class(c->diags, RC_FAIL_FONT, pdf_no_pos,
                              "cannot embed font '%s': its licence forbids embedding a subset "
                              "(OS/2 fsType 0x%04X)",
                              rc_face_path(rf), ff.fs_type);

    if (pdf_std_check_face(c, f))
        return -1;

    size_t ncodes = f->n + f->nligs; /* codes 1 .. ncodes */
    uint16_t *gids = rc_xmalloc((ncodes + 1) * sizeof(*gids));
    uint16_t *lig_glyphs = rc_xmalloc((f->nligs + 1) * sizeof(*lig_glyphs));
    rc_glyph_offset *shift = rc_xmalloc((f->nligs + 1) * sizeof(*shift));
    for (size_t k = 0; k < f->nligs; k++) {
        lig_glyphs[k] = (uint16_t)f->ligs[k].gid;
        shift[k] = f->ligs[k].shift;
    }
    rc_buf *program = &c->font_program;
    int cut = rc_face_subset(rf, f->cps, f->n, lig_glyphs, shift, f->nligs, gids, program,
                             c->diags);
    free(lig_glyphs);
    free(shift);
    if (cut != 0) {
        free(gids);
        return -1;
    }
    /*
     * The CIDToGIDMap: two bytes per CID, big-endian. A CFF program is
     * CID-keyed with CID k the code's glyph (rc_face_subset), and a
     * CIDFontType0 has no map.
     */
    int cff = rc_face_is_cff(rf);
    unsigned char *map = rc_xmalloc(2 * (ncodes + 1));
    for (size_t k = 0; k <= ncodes; k++) {
        map[2 * k] = (unsigned char)(gids[k] >> 8);
        map[2 * k + 1] = (unsigned char)(gids[k] & 0xFF);
    }
    free(gids);

    char tag[TAG_LEN + 1];
    subset_tag(f, face, tag);
    char name[TAG_LEN + 1 + sizeof(ff.name)];
    snprintf(name, sizeof(name), "%s+%s", tag, ff.name);

    size_t len = program->len;
    HPDF_Dict file = pdf_new_stream(c, program->ptr, len);
    HPDF_Dict map_stream = file && !cff ? pdf_new_stream(c, map, 2 * (ncodes + 1)) : NULL;
    free(map);
    HPDF_Dict cmap = map_stream || (file && cff) ? to_unicode(c, f) : NULL;
    HPDF_Dict desc = cmap ? pdf_new_object(c) : NULL;
    HPDF_Dict cid = desc ? pdf_new_object(c) : NULL;
    HPDF_Dict font = cid ? pdf_new_object(c) : NULL;
    HPDF_Dict sysinfo = font ? HPDF_Dict_New(mmgr) : NULL;
    HPDF_Array bbox = sysinfo ? HPDF_Array_New(mmgr) : NULL;
    HPDF_Array w = bbox ? HPDF_Array_New(mmgr) : NULL;
    HPDF_Array widths = w ? HPDF_Array_New(mmgr) : NULL;
    HPDF_Array descendants = widths ? HPDF_Array_New(mmgr) : NULL;
    if (!descendants) {
        pdf_check(c, HPDF_FAILD_TO_ALLOC_MEM);
        return font_error(c, rf);
    }

    HPDF_STATUS st = HPDF_OK;
    if (cff)
        st += HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C");
    else
        st += HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);

    for (int i = 0; i < 4; i++)
        st += HPDF_Array_AddNumber(bbox, ff.bbox[i]);
    st += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    st += HPDF_Dict_AddName(desc, "FontName", name);
    st += HPDF_Dict_AddNumber(desc, "Flags", ff.flags);
    st += HPDF_Dict_Add(desc, "FontBBox", bbox);
    /* Whole degrees: a float would be written as -14.04001. */
    st += HPDF_Dict_AddNumber(desc, "ItalicAngle",
                              (HPDF_INT32)(ff.slant < 0 ? ff.slant - 0.5 : ff.slant + 0.5));
    st += HPDF_Dict_AddNumber(desc, "Ascent", rc_face_ascender(rf));
    st += HPDF_Dict_AddNumber(desc, "Descent", rc_face_descender(rf));
    st += HPDF_Dict_AddNumber(desc, "CapHeight", rc_face_cap_height(rf));
    st += HPDF_Dict_AddNumber(desc, "XHeight", rc_face_x_height(rf));
    st += HPDF_Dict_AddNumber(desc, "StemV", ff.stem_v);
    st += HPDF_Dict_Add(desc, cff ? "FontFile3" : "FontFile2", file);
    if (pdf_std_pdfa_part(c)) {
        /*
         * PDF/A-1 wants a subset's CIDs listed (ISO 19005-1, 6.3.5): a
         * bit per CID, the first the high bit of the first byte. Every
         * CID 0 .. ncodes has its glyph.
         */
        size_t nbytes = (ncodes + 1 + 7) / 8;
        unsigned char *bits = rc_xmalloc(nbytes);
        memset(bits, 0xFF, nbytes);
        if ((ncodes + 1) % 8)
            bits[nbytes - 1] = (unsigned char)(0xFF << (8 - (ncodes + 1) % 8));
        HPDF_Dict cidset = pdf_new_stream(c, bits, nbytes);
        free(bits);
        if (!cidset)
            return font_error(c, rf);
        st += HPDF_Dict_Add(desc, "CIDSet", cidset);
    }

    /* /W [1 [w1 w2 ... wn]]: the widths the layout used, code by code. */
    st += HPDF_Array_AddNumber(w, 1);
    st += HPDF_Array_Add(w, widths);
    for (size_t k = 1; k <= f->n; k++)
        st += HPDF_Array_AddNumber(widths, rc_face_advance(rf, f->cps[k - 1]));
    for (size_t k = 0; k < f->nligs; k++)
        st += HPDF_Array_AddNumber(widths, f->ligs[k].width);
    st += HPDF_Dict_Add(sysinfo, "Registry", HPDF_String_New(mmgr, "Adobe", NULL));
    st += HPDF_Dict_Add(sysinfo, "Ordering", HPDF_String_New(mmgr, "Identity", NULL));
    st += HPDF_Dict_AddNumber(sysinfo, "Supplement", 0);
    st += HPDF_Dict_AddName(cid, "Type", "Font");
    st += HPDF_Dict_AddName(cid, "Subtype", cff ? "CIDFontType0" : "CIDFontType2");
    st += HPDF_Dict_AddName(cid, "BaseFont", name);
    st += HPDF_Dict_Add(cid, "CIDSystemInfo", sysinfo);
    st += HPDF_Dict_Add(cid, "FontDescriptor", desc);
    st += HPDF_Dict_Add(cid, "W", w);
    if (!cff)
        st += HPDF_Dict_Add(cid, "CIDToGIDMap", map_stream);

    st += HPDF_Array_Add(descendants, cid);
    st += HPDF_Dict_AddName(font, "Type", "Font");
    st += HPDF_Dict_AddName(font, "Subtype", "Type0");
    st += HPDF_Dict_AddName(font, "BaseFont", name);
    st += HPDF_Dict_AddName(font, "Encoding", "Identity-H");
    st += HPDF_Dict_Add(font, "DescendantFonts", descendants);
    st += HPDF_Dict_Add(font, "ToUnicode", cmap);
    if (pdf_check(c, st))
        return font_error(c, rf);
    f->font = font;
    return 0;
}
