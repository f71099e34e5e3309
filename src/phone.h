/*
 * phone: phone numbers shown as RenderCV 2.8 shows them
 * (design.header.connections.phone_number_format), through Google's
 * libphonenumber in a module loaded only when a CV has a phone.
 *
 * RenderCV accepts a phone only in international form (with its country
 * code: +41 44 555 01 23) and only when libphonenumber calls it valid; it
 * shows it national ("044 555 01 23", the default), international
 * ("+41 44 555 01 23") or E.164 ("+41445550123"). rescomp does the same,
 * but a number it cannot understand is a warning, not an error: the number
 * is then shown as written, so CVs that compiled before still compile.
 *
 * The tel: link is always the E.164 form (tel:+41445550123), whatever the
 * display format. (RenderCV links the RFC 3966 form, tel:+41-44-555-01-23;
 * RFC 3966 makes the hyphens visual separators only, so both dial the
 * same number.)
 */
#ifndef RC_PHONE_H
#define RC_PHONE_H

#include "base.h"
#include "cv.h"
#include "diag.h"

/* The values of phone_number_format, in RenderCV's spelling: national, international, E164. */
typedef enum rc_phone_format_kind {
    RC_PHONE_NATIONAL,      /* RenderCV's default */
    RC_PHONE_INTERNATIONAL,
    RC_PHONE_E164
} rc_phone_format_kind;

typedef enum rc_phone_status {
    RC_PHONE_OK = 0,
    RC_PHONE_INVALID = -1,     /* not a valid phone number in international form */
    RC_PHONE_UNAVAILABLE = -2  /* the module could not be loaded (rc_phone_module_error) */
} rc_phone_status;

/*
 * Format `text` as `kind`, appended to out. On RC_PHONE_INVALID and
 * RC_PHONE_UNAVAILABLE out is left as it was. The module is loaded by the
 * first call, once per process.
 */
rc_phone_status rc_phone_format(const char *text, rc_phone_format_kind kind, rc_buf *out);

/* Why the module could not be loaded (after RC_PHONE_UNAVAILABLE), else NULL. */
const char *rc_phone_module_error(void);

/*
 * Format every phone of the CV: cv->phones become the text to show, and
 * cv->phone_urls their tel: links. A number that is not valid, or every
 * number when the module cannot be loaded, stays as written with a
 * warning at its position. Does nothing (and loads nothing) without phones.
 */
void rc_cv_format_phones(rc_cv *cv, rc_phone_format_kind kind, rc_arena *a, rc_diags *d);

/*
 * The tel: link of the CV's i-th phone: cv->phone_urls[i] once the phones
 * were formatted, else the digits of the number as written.
 */
const char *rc_phone_url(const rc_cv *cv, size_t i, rc_arena *a);

#endif
