/*
 * Unit tests of base (UTF-8, buffer, arena, edit distance), diag
 * (formatting, did-you-mean) and cv (the section-title rule).
 */
#include "base.h"
#include "cv.h"
#include "diag.h"
#include "harness.h"

static void test_utf8(void)
{
    uint32_t cp;
    CHECK_INT(rc_utf8_decode("A", 1, &cp), 1);
    CHECK_INT(cp, 'A');
    CHECK_INT(rc_utf8_decode("\xC3\xA9", 2, &cp), 2); /* é */
    CHECK_INT(cp, 0xE9);
    CHECK_INT(rc_utf8_decode("\xCE\xB1", 2, &cp), 2); /* α */
    CHECK_INT(cp, 0x3B1);
    CHECK_INT(rc_utf8_decode("\xE2\x80\x93", 3, &cp), 3); /* – */
    CHECK_INT(cp, 0x2013);
    CHECK_INT(rc_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    CHECK_INT(cp, 0x1F600);
    /* invalid: overlong, surrogate, truncated, stray continuation, > U+10FFFF */
    CHECK_INT(rc_utf8_decode("\xC0\xAF", 2, &cp), 0);
    CHECK_INT(rc_utf8_decode("\xED\xA0\x80", 3, &cp), 0);
    CHECK_INT(rc_utf8_decode("\xE2\x80", 2, &cp), 0);
    CHECK_INT(rc_utf8_decode("\x80", 1, &cp), 0);
    CHECK_INT(rc_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);
    CHECK_INT(cp, 0xFFFD);
    CHECK_INT(rc_utf8_find_invalid("ab\xC3\xA9", 4), -1);
    CHECK_INT(rc_utf8_find_invalid("ab\xFF" "c", 4), 2);
    CHECK_INT(rc_utf8_length("a\xC3\xA9\xE2\x80\x93", 6), 3);
    char out[4];
    CHECK_INT(rc_utf8_encode(0x2014, out), 3);
    CHECK(memcmp(out, "\xE2\x80\x94", 3) == 0);
    CHECK_INT(rc_utf8_encode(0xD800, out), 3); /* a surrogate becomes U+FFFD */
    CHECK(memcmp(out, "\xEF\xBF\xBD", 3) == 0);
}

static void test_buf_and_arena(void)
{
    rc_buf b = RC_BUF_INIT;
    CHECK_STR(rc_buf_str(&b), "");
    rc_buf_addf(&b, "%d-%s", 42, "x");
    rc_buf_add_utf8(&b, 0xE9);
    CHECK_STR(rc_buf_str(&b), "42-x\xC3\xA9");
    CHECK_INT(b.len, 6);
    for (int i = 0; i < 1000; i++)
        rc_buf_addc(&b, 'a');
    CHECK_INT(b.len, 1006);
    CHECK_INT(b.ptr[b.len], 0);
    rc_buf_reset(&b);
    CHECK_STR(rc_buf_str(&b), "");
    rc_buf_release(&b);

    rc_arena a;
    rc_arena_init(&a);
    char *s = rc_arena_printf(&a, "%s=%d", "k", 7);
    CHECK_STR(s, "k=7");
    /* a block larger than a chunk, then small ones: all usable and zeroed */
    unsigned char *big = rc_arena_alloc(&a, 200000);
    int zero = 1;
    for (size_t i = 0; i < 200000; i++)
        zero &= big[i] == 0;
    CHECK(zero);
    char *t = rc_arena_strndup(&a, "hello world", 5);
    CHECK_STR(t, "hello");
    CHECK(rc_arena_memdup(&a, NULL, 0, 4) == NULL);
    rc_arena_release(&a);
}

static void test_diag(void)
{
    CHECK_INT(rc_edit_distance("positon", "position"), 1);
    CHECK_INT(rc_edit_distance("", "abc"), 3);
    CHECK_INT(rc_edit_distance("nmae", "name"), 1); /* a swap is one edit */
    CHECK_INT(rc_edit_distance("kitten", "sitting"), 3);
    const char *keys[] = {"institution", "area", "degree", "location", NULL};
    CHECK_STR(rc_did_you_mean("instituton", keys), "institution");
    CHECK_STR(rc_did_you_mean("degre", keys), "degree");
    CHECK(rc_did_you_mean("salary", keys) == NULL);

    rc_diags d;
    rc_diags_init(&d);
    CHECK_INT(rc_error(&d, (rc_pos){"cv.yaml", 3, 5}, "unknown key '%s'", "x"), -1);
    rc_warning(&d, (rc_pos){"cv.yaml", 0, 0}, "whole file");
    rc_error_class(&d, RC_FAIL_IO, (rc_pos){0}, "cannot write");
    CHECK_INT(d.nerrors, 2);
    CHECK_INT(d.nwarnings, 1);
    rc_buf b = RC_BUF_INIT;
    rc_diag_format(&d.v[0], &b);
    CHECK_STR(rc_buf_str(&b), "cv.yaml:3:5: error: unknown key 'x'");
    rc_buf_reset(&b);
    rc_diag_format(&d.v[1], &b);
    CHECK_STR(rc_buf_str(&b), "cv.yaml: warning: whole file");
    rc_buf_reset(&b);
    rc_diag_format(&d.v[2], &b);
    CHECK_STR(rc_buf_str(&b), "rescomp: error: cannot write");
    CHECK_INT(d.v[2].failure, RC_FAIL_IO);
    rc_buf_release(&b);
    rc_diags_release(&d);
}

static void test_section_titles(void)
{
    rc_arena a;
    rc_arena_init(&a);
    CHECK_STR(rc_section_title_from_key(&a, "work_experience"), "Work Experience");
    CHECK_STR(rc_section_title_from_key(&a, "selected_awards_and_fellowships"),
              "Selected Awards and Fellowships");
    CHECK_STR(rc_section_title_from_key(&a, "of_mice_and_men"), "Of Mice and Men");
    CHECK_STR(rc_section_title_from_key(&a, "education"), "Education");
    CHECK_STR(rc_section_title_from_key(&a, "Work experience"), "Work experience");
    CHECK_STR(rc_section_title_from_key(&a, "talks in 2024"), "talks in 2024");
    CHECK_STR(rc_section_title_from_key(&a, "skillsAndTools"), "skillsAndTools");
    rc_arena_release(&a);
}

/* The one ISO date parser both input formats share. */
static void test_iso_dates(void)
{
    rc_date d;
    CHECK_INT(rc_date_parse_iso("2024", &d), RC_DATE_OK);
    CHECK(d.year == 2024 && d.month == 0 && d.day == 0);
    CHECK_INT(rc_date_parse_iso("2024-02", &d), RC_DATE_OK);
    CHECK(d.year == 2024 && d.month == 2 && d.day == 0);
    CHECK_INT(rc_date_parse_iso("2024-02-29", &d), RC_DATE_OK); /* leap year */
    CHECK(d.year == 2024 && d.month == 2 && d.day == 29);
    CHECK_INT(rc_date_parse_iso("2000-02-29", &d), RC_DATE_OK); /* divisible by 400 */
    CHECK_INT(rc_date_parse_iso("1900-02-29", &d), RC_DATE_OUT_OF_RANGE); /* by 100 only */
    CHECK(d.year == 0 && d.month == 0 && d.day == 0); /* zeroed on failure */
    CHECK_INT(rc_date_parse_iso("2023-02-29", &d), RC_DATE_OUT_OF_RANGE);
    CHECK_INT(rc_date_parse_iso("2023-04-31", &d), RC_DATE_OUT_OF_RANGE);
    CHECK_INT(rc_date_parse_iso("2023-13", &d), RC_DATE_OUT_OF_RANGE);
    CHECK_INT(rc_date_parse_iso("2023-00", &d), RC_DATE_OUT_OF_RANGE);
    CHECK_INT(rc_date_parse_iso("0000", &d), RC_DATE_OUT_OF_RANGE);
    CHECK_INT(rc_date_parse_iso("2023-12-31", &d), RC_DATE_OK);
    CHECK_INT(rc_date_parse_iso("Fall 2023", &d), RC_DATE_NOT_A_DATE);
    CHECK_INT(rc_date_parse_iso("2023/05", &d), RC_DATE_NOT_A_DATE);
    CHECK_INT(rc_date_parse_iso("2023-5", &d), RC_DATE_NOT_A_DATE);
    CHECK_INT(rc_date_parse_iso("20x3", &d), RC_DATE_NOT_A_DATE);
    CHECK_INT(rc_date_parse_iso("", &d), RC_DATE_NOT_A_DATE);
}

int main(void)
{
    test_utf8();
    test_buf_and_arena();
    test_diag();
    test_section_titles();
    test_iso_dates();
    return rc_test_report("test_base");
}
