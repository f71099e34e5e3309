/*
 * validate: the checks RenderCV makes of a CV's contact details, as errors
 * at their positions, so that a file RenderCV refuses is refused here too
 * (issue 15): the e-mail addresses (pydantic's EmailStr), the websites
 * (HttpUrl: http or https with a host), the phone numbers (in
 * international form, valid for libphonenumber: phone.h), the usernames of
 * the social networks whose form RenderCV checks (ORCID, IMDB, Mastodon,
 * StackOverflow, YouTube, Bluesky, Reddit), and the photo, which must
 * exist (a path relative to the CV's file; a URL is left to the loader).
 *
 * Only for RenderCV's own format: JSON Resume's schema asks less.
 */
#ifndef RC_VALIDATE_H
#define RC_VALIDATE_H

#include "cv.h"
#include "diag.h"

/* NULL when s is an address RenderCV takes, else what is wrong with it. */
const char *rc_check_email(const char *s);
/* NULL when s is a URL RenderCV's HttpUrl takes, else what is wrong with it. */
const char *rc_check_url(const char *s);
/* NULL when username has the form RenderCV asks of network, else the form it asks. */
const char *rc_check_username(const char *network, const char *username);

/* Every check above on the loaded CV; -1 when any fails (each an error at its position). */
int rc_cv_validate(const rc_cv *cv, rc_diags *d);

#endif
