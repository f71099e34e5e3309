/*
 * fuzz_cff: bytes -> rc_cff_cid_keyed, the rewriter of the CFF programs
 * the PDF device embeds (cff.h), over a 'CFF ' table as a font file (any
 * installed font) holds it. The first byte picks the glyphs asked for.
 *
 * Properties: a program is rewritten or refused (-1, with nothing
 * written), never read past its end; the same input gives the same bytes;
 * a rewrite read back CID-keyed with the identity gives the same program,
 * and one of its glyphs cut from it is what cutting the source to that
 * glyph gives; with glyphs moved and made blank it is rewritten too, and
 * reads back; the input as one Type 2 charstring (charstring.h), moved
 * there and back, is itself moved by nothing.
 */
#include "fuzz.h"

#include "cff.h"
#include "charstring.h"

#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* .notdef and up to 7 more glyphs, some repeated */
    uint16_t glyphs[8] = {0}, identity[8];
    size_t n = 1 + data[0] % 8;
    for (size_t k = 0; k < 8; k++) {
        glyphs[k] = (uint16_t)(k == 0 ? 0 : (data[0] >> 3) % 4 + k % 3 * (k % 2));
        identity[k] = (uint16_t)k;
    }
    const unsigned char *cff = data + 1;
    size--;
    rc_buf a = RC_BUF_INIT, b = RC_BUF_INIT, c = RC_BUF_INIT, e = RC_BUF_INIT;
    int r = rc_cff_cid_keyed(cff, size, glyphs, n, "Fuzz", &a);
    FUZZ_CHECK(r == 0 || r == -1);
    FUZZ_CHECK(r == 0 ? a.len > 0 : a.len == 0);
    if (r == 0) {
        FUZZ_CHECK(rc_cff_cid_keyed(cff, size, glyphs, n, "Fuzz", &b) == 0);
        FUZZ_CHECK(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
        FUZZ_CHECK(rc_cff_cid_keyed((const unsigned char *)a.ptr, a.len, identity, n, "Fuzz",
                                    &b) == 0);
        FUZZ_CHECK(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
        uint16_t last[2] = {0, (uint16_t)(n - 1)}, source[2] = {0, glyphs[n - 1]};
        FUZZ_CHECK(rc_cff_cid_keyed((const unsigned char *)a.ptr, a.len, last, 2, "F", &c) == 0);
        FUZZ_CHECK(rc_cff_cid_keyed(cff, size, source, 2, "F", &e) == 0);
        FUZZ_CHECK(c.len == e.len && memcmp(c.ptr, e.ptr, c.len) == 0);
        /* glyphs moved (every other one) and one made blank: rewritten, and read back */
        int16_t dx[8], dy[8];
        uint8_t blank[8];
        for (size_t k = 0; k < 8; k++) {
            dx[k] = (int16_t)(k % 2 ? data[0] * 7 - 900 : 0);
            dy[k] = (int16_t)(k % 3 ? -(int)data[0] : 0);
            blank[k] = k == 3;
        }
        FUZZ_CHECK(rc_cff_cid_keyed_moved(cff, size, glyphs, dx, dy, blank, n, "Fuzz", &b) == 0);
        FUZZ_CHECK(rc_cff_cid_keyed((const unsigned char *)b.ptr, b.len, identity, n, "Fuzz",
                                    &c) == 0);
    }
    /*
     * The bytes as one charstring: moved there and back, it is what moving
     * it by nothing gives (its first moveto an rmoveto, the rest as it was).
     */
    if (rc_charstring_shift(cff, size, 300, -200, &a) == 0) {
        FUZZ_CHECK(rc_charstring_shift((const unsigned char *)a.ptr, a.len, -300, 200, &b) == 0);
        FUZZ_CHECK(rc_charstring_shift(cff, size, 0, 0, &c) == 0);
        FUZZ_CHECK(b.len == c.len && memcmp(b.ptr, c.ptr, b.len) == 0);
    }
    rc_buf_release(&a);
    rc_buf_release(&b);
    rc_buf_release(&c);
    rc_buf_release(&e);
    return 0;
}
