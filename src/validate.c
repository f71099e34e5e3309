/*
 * validate: RenderCV's checks of contact details. See validate.h; the
 * rules are those of RenderCV 2.8's models (schema/models/cv/cv.py and
 * social_network.py) and of the validators they use: email-validator for
 * pydantic's EmailStr, pydantic-core's HttpUrl, libphonenumber.
 */
#include "validate.h"

#include "files.h"
#include "phone.h"

#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static int ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* A domain name: dot-separated labels of letters, digits and inner hyphens (non-ASCII: IDN). */
static const char *check_domain(const char *d, size_t n, int need_dot)
{
    if (!n)
        return "has no domain after the '@'";
    if (need_dot && !memchr(d, '.', n))
        return "has no '.' in its domain";
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && d[i] != '.') {
            unsigned char c = (unsigned char)d[i];
            if (!ascii_alnum((char)c) && c != '-' && c < 0x80)
                return "has a character a domain cannot have";
            continue;
        }
        size_t len = i - start;
        if (!len)
            return "has an empty part in its domain ('..', or a '.' at an end)";
        if (len > 63)
            return "has a part of its domain longer than 63 characters";
        if (d[start] == '-' || d[i - 1] == '-')
            return "has a part of its domain that starts or ends with '-'";
        start = i + 1;
    }
    /* the last label: no number, and not one of the names reserved for no use in mail */
    const char *tld = d + n;
    while (tld > d && tld[-1] != '.')
        tld--;
    size_t tn = (size_t)(d + n - tld);
    if (need_dot && digits(tld, tn))
        return "ends its domain in a number";
    static const char *const reserved[] = {"arpa", "invalid", "local", "localhost", "onion",
                                           "test"};
    for (size_t i = 0; need_dot && i < RC_ARRAY_LEN(reserved); i++)
        if (tn == strlen(reserved[i]) && !strncasecmp(tld, reserved[i], tn))
            return "has a domain reserved for no use in e-mail";
    return NULL;
}

const char *rc_check_email(const char *s)
{
    const char *at = strrchr(s, '@');
    if (!at)
        return "has no '@'";
    if (memchr(s, '@', (size_t)(at - s)))
        return "has more than one '@'";
    size_t ln = (size_t)(at - s);
    if (!ln)
        return "has nothing before the '@'";
    if (ln > 64)
        return "has more than 64 characters before the '@'";
    static const char atext[] = "!#$%&'*+/=?^_`{|}~-";
    for (size_t i = 0; i < ln; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.') {
            if (i == 0 || i + 1 == ln || s[i + 1] == '.')
                return "has a '.' at the start or end of its name, or two in a row";
        } else if (!ascii_alnum((char)c) && c < 0x80 && !strchr(atext, c)) {
            return c == ' ' ? "has a space" : "has a character an address cannot have";
        }
    }
    return check_domain(at + 1, strlen(at + 1), 1);
}

const char *rc_check_url(const char *s)
{
    size_t skip = !strncasecmp(s, "https://", 8) ? 8 : !strncasecmp(s, "http://", 7) ? 7 : 0;
    if (!skip)
        return "does not start with http:// or https://";
    if (strlen(s) > 2083)
        return "is longer than 2083 characters";
    const char *host = s + skip, *end = host + strcspn(host, "/?#");
    /* user:password@ before the host */
    const char *at = memchr(host, '@', (size_t)(end - host));
    if (at)
        host = at + 1;
    const char *colon = memchr(host, ':', (size_t)(end - host));
    if (*host == '[') /* an IPv6 address */
        return memchr(host, ']', (size_t)(end - host)) ? NULL : "has no ']' after its IPv6 address";
    if (colon) {
        if (!digits(colon + 1, (size_t)(end - colon - 1)) || colon + 1 == end)
            return "has a port that is no number";
        end = colon;
    }
    if (end == host)
        return "has no host name";
    const char *why = check_domain(host, (size_t)(end - host), 0);
    return why ? "has a host name with a character (a space?) or a part a host cannot have"
               : NULL;
}

/* ORCID's form: 0000-0002-1825-0097 (the last may be X). */
static int orcid(const char *u)
{
    if (strlen(u) != 19)
        return 0;
    for (int i = 0; i < 19; i++) {
        char c = u[i];
        if (i % 5 == 4 ? c != '-' : !(c >= '0' && c <= '9') && !(i == 18 && c == 'X'))
            return 0;
    }
    return 1;
}

/* Bluesky: a host name of two labels or more, no '@' */
static int bluesky(const char *u)
{
    size_t n = strlen(u);
    if (!n || !strchr(u, '.'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!ascii_alnum(u[i]) && u[i] != '-' && u[i] != '.')
            return 0;
    return check_domain(u, n, 0) == NULL;
}

const char *rc_check_username(const char *network, const char *u)
{
    size_t n = strlen(u);
    if (!strcmp(network, "ORCID"))
        return orcid(u) ? NULL : "an ORCID iD such as 0000-0002-1825-0097";
    if (!strcmp(network, "IMDB"))
        return n == 9 && u[0] == 'n' && u[1] == 'm' && digits(u + 2, 7)
                   ? NULL : "an IMDb name ID such as nm0000123 ('nm' and 7 digits)";
    if (!strcmp(network, "Mastodon")) {
        const char *second = n > 1 && u[0] == '@' ? strchr(u + 1, '@') : NULL;
        return second && second > u + 1 && second[1] && !strchr(second + 1, '@')
                   ? NULL : "@username@domain, as in @jane@mastodon.social";
    }
    if (!strcmp(network, "StackOverflow")) {
        size_t d = strspn(u, "0123456789");
        return d && u[d] == '/' && u[d + 1] && !strchr(u + d + 1, '/')
                   ? NULL : "user_id/username, as in 12345/jane-doe";
    }
    if (!strcmp(network, "YouTube"))
        return u[0] != '@' ? NULL : "the channel name without the '@' in front";
    if (!strcmp(network, "Bluesky"))
        return bluesky(u) ? NULL : "a handle without '@', as in jane.bsky.social";
    if (!strcmp(network, "Reddit")) {
        int ok = n >= 3 && n <= 23;
        for (size_t i = 0; ok && i < n; i++)
            ok = ascii_alnum(u[i]) || u[i] == '_' || u[i] == '-';
        return ok ? NULL : "3 to 23 letters, digits, '_' or '-'";
    }
    return NULL;
}

/* The photo, when a path: it must exist (RenderCV's ExistingPathRelativeToInput). */
static int check_photo(const rc_cv *cv, rc_diags *d)
{
    const rc_text *p = &cv->photo;
    if (!p->s || !*p->s || strstr(p->s, "://"))
        return 0; /* none, or a URL: the loader's to say */
    rc_buf b = RC_BUF_INIT;
    rc_files_join(&b, cv->file, p->s);
    struct stat st;
    int rc = 0;
    if (stat(rc_buf_str(&b), &st) != 0)
        rc = rc_error(d, p->pos, "photo '%s' does not exist (looked for '%s'); give its path "
                      "relative to the CV's file, or remove cv.photo", p->s, rc_buf_str(&b));
    rc_buf_release(&b);
    return rc;
}

int rc_cv_validate(const rc_cv *cv, rc_diags *d)
{
    int rc = 0;
    for (size_t i = 0; i < cv->emails.n; i++) {
        const rc_text *t = &cv->emails.v[i];
        const char *why = rc_check_email(t->s);
        if (why)
            rc = rc_error(d, t->pos, "email '%s' is not an e-mail address: it %s; write it as "
                          "name@example.com", t->s, why);
    }
    for (size_t i = 0; i < cv->websites.n; i++) {
        const rc_text *t = &cv->websites.v[i];
        const char *why = rc_check_url(t->s);
        if (why)
            rc = rc_error(d, t->pos, "website '%s' is not a web address: it %s; write it as "
                          "https://example.com", t->s, why);
    }
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < cv->phones.n; i++) {
        const rc_text *t = &cv->phones.v[i];
        rc_buf_reset(&b);
        /* RenderCV reads numbers with no default region: "+" and the country code */
        if (rc_phone_format(t->s, RC_PHONE_E164, &b) == RC_PHONE_INVALID)
            rc = rc_error(d, t->pos, "phone '%s' %s; write it in international form, with its "
                          "country code, like +1 609 555 0123", t->s,
                          strchr(t->s, '+') ? "is not a valid phone number" : "has no country code");
    }
    rc_buf_release(&b);
    for (size_t i = 0; i < cv->nsocials; i++) {
        const rc_social *s = &cv->socials[i];
        const char *form = s->network.s && s->username.s
                               ? rc_check_username(s->network.s, s->username.s) : NULL;
        if (form)
            rc = rc_error(d, s->username.pos, "%s username '%s' is not in the form RenderCV "
                          "asks: write %s", s->network.s, s->username.s, form);
    }
    if (check_photo(cv, d) < 0)
        rc = -1;
    return rc;
}
