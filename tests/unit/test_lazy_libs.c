/*
 * lazy_libs: every function of lazy_libs_list.h is found in the library
 * it is listed under. The test links lazy_libs.c and not the libraries
 * (as the rescomp program does), so a misspelt name or a library that does
 * not export a listed function fails here, not in a user's run.
 */
#include "harness.h"
#include "lazy_libs.h"

#include <hb.h>

int main(void)
{
    CHECK_INT(rc_lazy_libs_resolve_all(), 0);
    /* and a stub calls through: HarfBuzz's own answer for a script */
    CHECK(hb_unicode_script(hb_unicode_funcs_get_default(), 0x416) == HB_SCRIPT_CYRILLIC);
    return rc_test_report("test_lazy_libs");
}
