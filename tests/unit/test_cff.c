/*
 * cff: a shipped CFF face's program rewritten CID-keyed (cff.h) is read
 * back by the same rewriter as the same program (the name-keyed and the
 * CID-keyed reading agree), glyph k is the glyph asked for (a program cut
 * to one of its glyphs is the same whichever way it is reached), the bytes
 * are the same every time, and broken programs are refused, never read
 * past their end (the Asan build runs every cut and corrupted byte).
 */
#include "cff.h"
#include "charstring.h"
#include "font.h"
#include "font_store.h"
#include "harness.h"
#include "sfnt.h"

#include <stdlib.h>
#include <string.h>

static int same(const rc_buf *a, const rc_buf *b)
{
    return a->len == b->len && a->len > 0 && memcmp(a->ptr, b->ptr, a->len) == 0;
}

static void test_rewrite(const unsigned char *cff, size_t len, const rc_face *face)
{
    /* .notdef, A, B, A again (a glyph shown by two codes), space */
    const uint16_t glyphs[] = {0, (uint16_t)rc_face_glyph(face, 'A'),
                               (uint16_t)rc_face_glyph(face, 'B'),
                               (uint16_t)rc_face_glyph(face, 'A'),
                               (uint16_t)rc_face_glyph(face, ' ')};
    const uint16_t identity[] = {0, 1, 2, 3, 4};
    rc_buf a = RC_BUF_INIT, b = RC_BUF_INIT, c = RC_BUF_INIT, d = RC_BUF_INIT;
    CHECK(glyphs[1] != 0 && glyphs[2] != 0 && glyphs[4] != 0);
    CHECK_INT(rc_cff_cid_keyed(cff, len, glyphs, 5, "Test-Regular", &a), 0);
    CHECK_INT(rc_cff_cid_keyed(cff, len, glyphs, 5, "Test-Regular", &b), 0);
    CHECK(same(&a, &b)); /* deterministic */
    CHECK(a.len > 100 && a.len < len);
    CHECK(a.len >= 4 && a.ptr[0] == 1 && a.ptr[2] == 4);

    /* Read back CID-keyed: the identity gives the same program. */
    CHECK_INT(rc_cff_cid_keyed((const unsigned char *)a.ptr, a.len, identity, 5, "Test-Regular",
                               &b),
              0);
    CHECK(same(&a, &b));
    /* Glyph 3 of the rewrite is the source's A: cut to it, both ways agree. */
    const uint16_t from_source[] = {0, glyphs[3]}, from_rewrite[] = {0, 3};
    CHECK_INT(rc_cff_cid_keyed(cff, len, from_source, 2, "T", &c), 0);
    CHECK_INT(rc_cff_cid_keyed((const unsigned char *)a.ptr, a.len, from_rewrite, 2, "T", &d), 0);
    CHECK(same(&c, &d));
    /* and B is another glyph */
    const uint16_t b_rewrite[] = {0, 2};
    CHECK_INT(rc_cff_cid_keyed((const unsigned char *)a.ptr, a.len, b_rewrite, 2, "T", &d), 0);
    CHECK(!same(&c, &d));

    /* Refused: no glyph, a glyph the program lacks, CFF2, a Type 1C header cut short. */
    CHECK_INT(rc_cff_cid_keyed(cff, len, glyphs, 0, "T", &b), -1);
    const uint16_t missing[] = {0, 5};
    CHECK_INT(rc_cff_cid_keyed((const unsigned char *)a.ptr, a.len, missing, 2, "T", &b), -1);
    CHECK_INT((int)b.len, 0);
    unsigned char *copy = rc_xmalloc(a.len);
    memcpy(copy, a.ptr, a.len);
    copy[0] = 2;
    CHECK_INT(rc_cff_cid_keyed(copy, a.len, identity, 5, "T", &b), -1);

    /* Every prefix of both programs, and every byte of the rewrite's head corrupted. */
    int ok = 0;
    for (size_t cut = 0; cut < a.len; cut++)
        ok += rc_cff_cid_keyed((const unsigned char *)a.ptr, cut, identity, 5, "T", &b) == 0;
    CHECK_INT(ok, 0);
    for (size_t cut = 0; cut < len; cut += cut < 4096 ? 1 : 997)
        rc_cff_cid_keyed(cff, cut, glyphs, 5, "T", &b);
    static const unsigned char values[] = {0x00, 0x01, 0x0C, 0x1C, 0x1D, 0x1E, 0x7F, 0xF7, 0xFF};
    for (size_t i = 0; i < a.len && i < 1500; i++)
        for (size_t v = 0; v < sizeof(values); v++) {
            memcpy(copy, a.ptr, a.len);
            copy[i] = values[v];
            if (rc_cff_cid_keyed(copy, a.len, identity, 5, "T", &b) != 0)
                CHECK_INT((int)b.len, 0);
        }
    free(copy);
    rc_buf_release(&a);
    rc_buf_release(&b);
    rc_buf_release(&c);
    rc_buf_release(&d);
}

/* rc_charstring_shift on cs (len bytes) by dx, dy is want (want_len bytes), or -1 if want is NULL. */
static void check_shift(const unsigned char *cs, size_t len, int dx, int dy,
                        const unsigned char *want, size_t want_len)
{
    rc_buf out = RC_BUF_INIT;
    int r = rc_charstring_shift(cs, len, dx, dy, &out);
    CHECK_INT(r, want ? 0 : -1);
    CHECK(want ? out.len == want_len && memcmp(out.ptr, want, want_len) == 0 : out.len == 0);
    rc_buf_release(&out);
}

/*
 * A charstring moved: its first moveto becomes an rmoveto that far off,
 * with the width (the first stack-clearing operator's extra operand) and
 * the hints before it, and everything after it, as they were; operands
 * in each of their encodings. One whose outline starts in a subroutine,
 * or that draws nothing, is not moved. A blank is endchar with the width
 * that makes its advance 0.
 */
static void test_charstring_shift(void)
{
    /* width 10, hstem 0 50, hintmask (1 stem: 1 byte), 20 30 rmoveto, 40 hlineto, endchar */
    const unsigned char hinted[] = {149, 139, 189, 1, 19, 0x80, 159, 169, 21, 179, 6, 14};
    /* the same, moved by 100, -200: 120 -170 rmoveto (two-byte forms) */
    const unsigned char hinted_moved[] = {149, 139, 189, 1, 19, 0x80, 247, 12, 251, 62, 21, 179, 6, 14};
    check_shift(hinted, sizeof(hinted), 100, -200, hinted_moved, sizeof(hinted_moved));
    /* width 10 on hmoveto: 10 20 hmoveto -> 10 25 3 rmoveto */
    const unsigned char h[] = {149, 159, 22, 14};
    const unsigned char h_moved[] = {149, 164, 142, 21, 14};
    check_shift(h, sizeof(h), 5, 3, h_moved, sizeof(h_moved));
    /* vmoveto without width: 30 vmoveto -> -2000 30 rmoveto (a 3-byte operand) */
    const unsigned char v[] = {169, 4, 14};
    const unsigned char v_moved[] = {28, 0xF8, 0x30, 169, 21, 14};
    check_shift(v, sizeof(v), -2000, 0, v_moved, sizeof(v_moved));
    /* a fractional operand (255: 16.16) keeps its fraction: 0.5 0 rmoveto -> 1.5 1 rmoveto */
    const unsigned char frac[] = {255, 0, 0, 0x80, 0, 139, 21, 14};
    const unsigned char frac_moved[] = {255, 0, 1, 0x80, 0, 140, 21, 14};
    check_shift(frac, sizeof(frac), 1, 1, frac_moved, sizeof(frac_moved));
    /* 0 callsubr: the first moveto may be in the subroutine */
    const unsigned char subr[] = {139, 10, 14};
    check_shift(subr, sizeof(subr), 1, 1, NULL, 0);
    /* endchar alone draws nothing; a lineto before any moveto is malformed */
    const unsigned char empty[] = {14}, bad[] = {139, 139, 5, 14};
    check_shift(empty, sizeof(empty), 1, 1, NULL, 0);
    check_shift(bad, sizeof(bad), 1, 1, NULL, 0);
    /* operands cut short, and a hintmask whose mask runs past the end */
    const unsigned char cut[] = {28, 1}, mask[] = {139, 189, 1, 139, 189, 3, 19};
    check_shift(cut, sizeof(cut), 1, 1, NULL, 0);
    check_shift(mask, sizeof(mask), 1, 1, NULL, 0);

    /* a blank: endchar, with -nominalWidthX as its width where defaultWidthX is not 0 */
    rc_buf out = RC_BUF_INIT;
    rc_charstring_blank(0, 600, &out);
    CHECK(out.len == 1 && (unsigned char)out.ptr[0] == 14);
    rc_charstring_blank(500, 600, &out);
    CHECK(out.len == 3 && memcmp(out.ptr, "\xFC\xEC\x0E", 3) == 0); /* -600 endchar */
    rc_buf_release(&out);
}

int main(void)
{
    const char *dir = getenv("RESCOMP_FONT_DIR");
    rc_font_store *s = rc_font_store_new(dir ? dir : "fonts");
    rc_diags d;
    rc_diags_init(&d);
    static const char *const files[] = {"rescomp-humanist-regular.otf",
                                        "rescomp-humanist-bold-italic.otf",
                                        "rescomp-modern-regular.otf",
                                        "rescomp-modern-bold-italic.otf",
                                        "xcharter-regular.otf",
                                        "xcharter-bold-italic.otf"};
    for (size_t i = 0; i < RC_ARRAY_LEN(files); i++) {
        rc_face *face = rc_store_shipped_face(s, files[i], NULL, RC_USE_TEXT, &d);
        CHECK(face != NULL);
        if (!face)
            continue;
        CHECK(rc_face_is_cff(face));
        size_t size, len = 0;
        unsigned index;
        const unsigned char *file = rc_face_file(face, &size, &index);
        const unsigned char *cff =
            file ? rc_sfnt_table(file, size, index, RC_SFNT_TAG('C', 'F', 'F', ' '), &len) : NULL;
        CHECK(cff != NULL);
        if (cff)
            test_rewrite(cff, len, face);
    }
    /* A TrueType face is not CFF. */
    rc_face *tt = rc_store_shipped_face(s, "cmu-serif-regular.ttf", NULL, RC_USE_TEXT, &d);
    CHECK(tt != NULL && !rc_face_is_cff(tt));
    CHECK_INT(d.nerrors, 0);
    rc_diags_release(&d);
    rc_font_store_free(s);
    test_charstring_shift();
    return rc_test_report("test_cff");
}
