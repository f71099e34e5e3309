/*
 * Unit tests of phone (the libphonenumber module and the CV's phones) and
 * of design.header.connections.phone_number_format in style. CTest points
 * RESCOMP_PHONE_MODULE at the module built beside rescomp.
 */
#include "phone.h"
#include "style.h"
#include "harness.h"

#include <stdlib.h>

static const char *formatted(const char *text, rc_phone_format_kind kind)
{
    static char out[128];
    rc_buf b = RC_BUF_INIT;
    rc_phone_status st = rc_phone_format(text, kind, &b);
    snprintf(out, sizeof(out), "%s", st == RC_PHONE_OK ? rc_buf_str(&b)
                                     : st == RC_PHONE_INVALID ? "(invalid)" : "(unavailable)");
    rc_buf_release(&b);
    return out;
}

static void test_module(void)
{
    rc_buf b = RC_BUF_INIT;
    CHECK_INT(rc_phone_format("+1 609 555 0123", RC_PHONE_NATIONAL, &b), RC_PHONE_OK);
    if (rc_phone_module_error())
        fprintf(stderr, "the phone module did not load: %s\n", rc_phone_module_error());
    rc_buf_release(&b);

    /* US */
    CHECK_STR(formatted("+1 609 555 0123", RC_PHONE_NATIONAL), "(609) 555-0123");
    CHECK_STR(formatted("+1 609 555 0123", RC_PHONE_INTERNATIONAL), "+1 609-555-0123");
    CHECK_STR(formatted("+1 609 555 0123", RC_PHONE_E164), "+16095550123");
    CHECK_STR(formatted("+1-609-555-0123", RC_PHONE_NATIONAL), "(609) 555-0123");
    CHECK_STR(formatted("tel:+1-609-555-0123", RC_PHONE_E164), "+16095550123"); /* RFC 3966 */
    CHECK_STR(formatted("+1 609 555 0123 ext. 12", RC_PHONE_NATIONAL), "(609) 555-0123 ext. 12");
    CHECK_STR(formatted("+1 609 555 0123 ext. 12", RC_PHONE_E164), "+16095550123");
    /* Switzerland */
    CHECK_STR(formatted("+41 44 668 18 00", RC_PHONE_NATIONAL), "044 668 18 00");
    CHECK_STR(formatted("+41446681800", RC_PHONE_INTERNATIONAL), "+41 44 668 18 00");
    CHECK_STR(formatted("+41 44 668 18 00", RC_PHONE_E164), "+41446681800");
    /* Germany, with the trunk prefix in parentheses as people write it */
    CHECK_STR(formatted("+49 30 901820", RC_PHONE_NATIONAL), "030 901820");
    CHECK_STR(formatted("+49 (0)30 901820", RC_PHONE_INTERNATIONAL), "+49 30 901820");
    CHECK_STR(formatted("+49 30 901820", RC_PHONE_E164), "+4930901820");
    /* United Kingdom: a London line and a mobile */
    CHECK_STR(formatted("+44 20 7946 0958", RC_PHONE_NATIONAL), "020 7946 0958");
    CHECK_STR(formatted("+44 20 7946 0958", RC_PHONE_INTERNATIONAL), "+44 20 7946 0958");
    CHECK_STR(formatted("+44 7911 123456", RC_PHONE_NATIONAL), "07911 123456");
    CHECK_STR(formatted("+44 7911 123456", RC_PHONE_E164), "+447911123456");

    /* Not valid: too short, no country code (RenderCV has no default region), garbage */
    CHECK_STR(formatted("+1 555", RC_PHONE_NATIONAL), "(invalid)");
    CHECK_STR(formatted("+41 12 345", RC_PHONE_INTERNATIONAL), "(invalid)");
    CHECK_STR(formatted("(609) 555-0123", RC_PHONE_NATIONAL), "(invalid)");
    CHECK_STR(formatted("0041 44 668 18 00", RC_PHONE_E164), "(invalid)");
    CHECK_STR(formatted("call me", RC_PHONE_E164), "(invalid)");
    CHECK_STR(formatted("", RC_PHONE_E164), "(invalid)");
    /* the result is appended; an invalid number leaves the buffer as it was */
    rc_buf_init(&b);
    rc_buf_adds(&b, "tel:");
    CHECK_INT(rc_phone_format("+1 555", RC_PHONE_E164, &b), RC_PHONE_INVALID);
    CHECK_STR(rc_buf_str(&b), "tel:");
    CHECK_INT(rc_phone_format("+41 44 668 18 00", RC_PHONE_E164, &b), RC_PHONE_OK);
    CHECK_STR(rc_buf_str(&b), "tel:+41446681800");
    rc_buf_release(&b);
}

static void test_cv_phones(void)
{
    rc_arena a;
    rc_diags d;
    rc_arena_init(&a);
    rc_diags_init(&d);
    rc_text phones[3] = {
        {"+41 44 668 18 00", {"cv.yaml", 4, 10}},
        {"(609) 555-0123", {"cv.yaml", 5, 12}},
        {"+1 555", {"cv.yaml", 6, 12}},
    };
    rc_cv cv = {0};
    cv.phones = (rc_texts){phones, 3};
    /* before formatting, the link is the digits as written */
    CHECK_STR(rc_phone_url(&cv, 1, &a), "tel:6095550123");
    rc_cv_format_phones(&cv, RC_PHONE_INTERNATIONAL, &a, &d);
    CHECK_STR(cv.phones.v[0].s, "+41 44 668 18 00");
    CHECK_STR(rc_phone_url(&cv, 0, &a), "tel:+41446681800");
    /* numbers not understood stay as written, each with a warning where it is */
    CHECK_STR(cv.phones.v[1].s, "(609) 555-0123");
    CHECK_STR(rc_phone_url(&cv, 1, &a), "tel:6095550123");
    CHECK_STR(cv.phones.v[2].s, "+1 555");
    CHECK_STR(rc_phone_url(&cv, 2, &a), "tel:+1555");
    CHECK_INT(d.nerrors, 0);
    CHECK_INT(d.nwarnings, 2);
    if (d.n == 2) {
        CHECK_INT(d.v[0].pos.line, 5);
        CHECK_INT(d.v[0].pos.col, 12);
        CHECK_STR(d.v[0].message, "phone '(609) 555-0123' has no country code, so it is shown as "
                                  "written; write it in international form, with its country "
                                  "code, like +1 609 555 0123");
        CHECK_INT(d.v[1].pos.line, 6);
        CHECK(strstr(d.v[1].message, "phone '+1 555' is not a valid phone number") != NULL);
    }
    /* national, RenderCV's default */
    rc_text one = {"+1 609 555 0123", {"cv.yaml", 4, 10}};
    rc_cv us = {0};
    us.phones = (rc_texts){&one, 1};
    rc_cv_format_phones(&us, RC_PHONE_NATIONAL, &a, &d);
    CHECK_STR(us.phones.v[0].s, "(609) 555-0123");
    CHECK_STR(rc_phone_url(&us, 0, &a), "tel:+16095550123"); /* E.164 whatever is shown */
    /* no phone: nothing at all */
    rc_cv none = {0};
    rc_cv_format_phones(&none, RC_PHONE_E164, &a, &d);
    CHECK(none.phone_urls == NULL);
    CHECK_INT(d.nwarnings, 2);
    rc_diags_release(&d);
    rc_arena_release(&a);
}

/* The style's phone format after a CV's design sets it to `value` (NULL: not set). */
static int style_phone_format(const char *value, rc_diags *d)
{
    rc_design_value v = {"header.connections.phone_number_format", {value, {"cv.yaml", 9, 28}}};
    rc_cv cv = {0};
    cv.show_footer = -1;
    if (value)
        cv.design = (rc_design_values){&v, 1, 1};
    rc_style st;
    if (rc_style_for_cv(&st, &cv, NULL, 0, d) < 0)
        return -1;
    return (int)st.phone_format;
}

static void test_style_option(void)
{
    rc_diags d;
    rc_diags_init(&d);
    CHECK_INT(style_phone_format(NULL, &d), RC_PHONE_NATIONAL);
    CHECK_INT(style_phone_format("national", &d), RC_PHONE_NATIONAL);
    CHECK_INT(style_phone_format("international", &d), RC_PHONE_INTERNATIONAL);
    CHECK_INT(style_phone_format("E164", &d), RC_PHONE_E164);
    CHECK_INT(d.n, 0); /* a real option now: no "not supported yet" warning */
    CHECK_INT(style_phone_format("e164", &d), -1);
    CHECK_INT(style_phone_format("local", &d), -1);
    CHECK_INT(d.nerrors, 2);
    if (d.n == 2) {
        CHECK_INT(d.v[0].pos.line, 9);
        CHECK_INT(d.v[0].pos.col, 28);
        CHECK_STR(d.v[0].message, "unknown phone number format 'e164' (did you mean 'E164'?)");
        CHECK_STR(d.v[1].message, "unknown phone number format 'local'; use one of national, "
                                  "international, E164");
    }
    rc_diags_release(&d);
}

int main(void)
{
    test_module();
    test_cv_phones();
    test_style_option();
    return rc_test_report("test_phone");
}
