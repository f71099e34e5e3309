/*
 * Unit tests of entry templates: RenderCV's rules for missing fields.
 */
#include "harness.h"
#include "template.h"

static rc_arena a;

static const char *x(const char *tmpl, const char *company, const char *position,
                     const char *location)
{
    rc_tfield f[] = {
        {"COMPANY", company}, {"POSITION", position}, {"LOCATION", location},
        {"DEGREE", NULL},     {"AREA", "Computer Science"},
    };
    return rc_template_expand(&a, tmpl, f, RC_ARRAY_LEN(f));
}

int main(void)
{
    rc_arena_init(&a);
    /* all present */
    CHECK_STR(x("**COMPANY**, POSITION -- LOCATION", "Acme", "Engineer", "Berlin"),
              "**Acme**, Engineer -- Berlin");
    /* a missing placeholder takes its touching punctuation; trailing separators go */
    CHECK_STR(x("**COMPANY**, POSITION -- LOCATION", "Acme", "Engineer", NULL),
              "**Acme**, Engineer");
    CHECK_STR(x("**COMPANY**, POSITION -- LOCATION", "Acme", NULL, "Berlin"),
              "**Acme** -- Berlin");
    CHECK_STR(x("**LOCATION** and COMPANY", "Acme", NULL, NULL), "Acme");
    /* no doubled separators where a middle field is missing */
    CHECK_STR(x("COMPANY; POSITION | LOCATION", "Acme", NULL, "Oslo"), "Acme | Oslo");
    CHECK_STR(x("COMPANY, POSITION, LOCATION", "Acme", NULL, "Oslo"), "Acme, Oslo");
    /* connector words between placeholders go with a missing side */
    CHECK_STR(x("DEGREE in AREA", NULL, NULL, NULL), "Computer Science");
    CHECK_STR(x("POSITION at COMPANY", "Acme", NULL, NULL), "Acme");
    CHECK_STR(x("POSITION at COMPANY", "Acme", "Engineer", NULL), "Engineer at Acme");
    /* formatted connectors are kept, as RenderCV does ("*in*" is not a bare word) */
    CHECK_STR(x("*POSITION* *at* *COMPANY*", "Acme", "Eng", NULL), "*Eng* *at* *Acme*");
    CHECK_STR(x("*DEGREE* *in* *AREA*", NULL, NULL, NULL), "*in* *Computer Science*");
    /* ...but not alone: a line whose placeholders are all missing goes whole
       (sb2nov's education line without a degree and an area) */
    CHECK_STR(x("*POSITION* *at* *COMPANY*", NULL, NULL, NULL), "");
    CHECK_STR(x("Worked as POSITION", NULL, NULL, NULL), "");
    /* values are not re-expanded, even when they contain upper-case words */
    CHECK_STR(x("COMPANY", "IBM RESEARCH", NULL, NULL), "IBM RESEARCH");
    /* unknown placeholders count as missing; lower-case text stays */
    CHECK_STR(x("**COMPANY** (FOO)", "Acme", NULL, NULL), "**Acme**");
    CHECK_STR(x("URL (JOURNAL)", NULL, NULL, NULL), "");
    CHECK_STR(x("plain text", NULL, NULL, NULL), "plain text");
    CHECK_STR(x("", NULL, NULL, NULL), "");
    /* two missing placeholders in one word go together (this once looped forever) */
    CHECK_STR(x("FOO-BAR and COMPANY", "Acme", NULL, NULL), "Acme");
    /* an empty value counts as missing */
    CHECK_STR(x("COMPANY, LOCATION", "", NULL, "Rome"), "Rome");
    rc_arena_release(&a);
    return rc_test_report("test_template");
}
