/*
 * cv: names and the section-title rule for the CV model.
 */
#include "cv.h"

#include <ctype.h>
#include <string.h>

const char *rc_entry_type_name(rc_entry_type t)
{
    static const char *const names[] = {
        "education entry",      "experience entry", "normal entry",
        "publication entry",    "one-line entry",   "bullet entry",
        "numbered entry",       "reversed numbered entry", "text entry",
    };
    return (unsigned)t < RC_ARRAY_LEN(names) ? names[t] : "entry";
}

static int is_small_word(const char *w, size_t n)
{
    static const char *const small[] = {"a",  "an", "and", "as", "at", "but", "by", "for",
                                        "in", "of", "on",  "or", "the", "to", "with", "nor"};
    for (size_t i = 0; i < RC_ARRAY_LEN(small); i++)
        if (strlen(small[i]) == n && memcmp(small[i], w, n) == 0)
            return 1;
    return 0;
}

char *rc_section_title_from_key(rc_arena *a, const char *key)
{
    for (const char *p = key; *p; p++)
        if (*p == ' ' || isupper((unsigned char)*p))
            return rc_arena_strdup(a, key);
    size_t n = strlen(key);
    char *out = rc_arena_strndup(a, key, n);
    size_t i = 0;
    int first = 1;
    while (i < n) {
        while (i < n && out[i] == '_')
            out[i++] = ' ';
        size_t start = i;
        while (i < n && out[i] != '_')
            i++;
        if (i > start && (first || !is_small_word(out + start, i - start)))
            out[start] = (char)toupper((unsigned char)out[start]);
        if (i > start)
            first = 0;
    }
    return out;
}

static const struct network {
    const char *name, *url_prefix;
} networks[] = {
    {"LinkedIn", "https://linkedin.com/in/"},
    {"GitHub", "https://github.com/"},
    {"GitLab", "https://gitlab.com/"},
    {"IMDB", "https://imdb.com/name/"},
    {"Instagram", "https://instagram.com/"},
    {"ORCID", "https://orcid.org/"},
    {"StackOverflow", "https://stackoverflow.com/users/"},
    {"ResearchGate", "https://researchgate.net/profile/"},
    {"YouTube", "https://youtube.com/@"},
    {"Google Scholar", "https://scholar.google.com/citations?user="},
    {"Telegram", "https://t.me/"},
    {"WhatsApp", "https://wa.me/"},
    {"Leetcode", "https://leetcode.com/u/"},
    {"X", "https://x.com/"},
    {"Bluesky", "https://bsky.app/profile/"},
    {"Reddit", "https://reddit.com/user/"},
};

const char *rc_social_url(rc_arena *a, const rc_social *s)
{
    const char *net = s->network.s, *user = s->username.s;
    if (!net || !user)
        return NULL;
    if (strcmp(net, "Mastodon") == 0) {
        /* @user@instance -> https://instance/@user */
        const char *u = user[0] == '@' ? user + 1 : user;
        const char *at = strchr(u, '@');
        return at ? rc_arena_printf(a, "https://%s/@%.*s", at + 1, (int)(at - u), u) : NULL;
    }
    for (size_t i = 0; i < RC_ARRAY_LEN(networks); i++)
        if (strcmp(networks[i].name, net) == 0)
            return rc_arena_printf(a, "%s%s", networks[i].url_prefix, user);
    return NULL;
}

size_t rc_bracket_label_length(const char *s)
{
    if (!s || s[0] != '[')
        return 0;
    size_t k = 1;
    while (k < 6 && ((s[k] >= '0' && s[k] <= '9') || (s[k] >= 'A' && s[k] <= 'Z')))
        k++;
    if (k == 1 || s[k] != ']' || s[k + 1] != ' ')
        return 0;
    return k + 1;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* The value of n decimal digits, or -1 when one of them is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

rc_date_parse rc_date_parse_iso(const char *s, rc_date *out)
{
    size_t n = strlen(s);
    memset(out, 0, sizeof(*out));
    if (!(n == 4 || (n == 7 && s[4] == '-') || (n == 10 && s[4] == '-' && s[7] == '-')))
        return RC_DATE_NOT_A_DATE;
    int y = digits(s, 4), m = n >= 7 ? digits(s + 5, 2) : 0, d = n == 10 ? digits(s + 8, 2) : 0;
    if (y < 0 || m < 0 || d < 0)
        return RC_DATE_NOT_A_DATE;
    if (y < 1 || (n >= 7 && (m < 1 || m > 12)) || (n == 10 && (d < 1 || d > days_in_month(y, m))))
        return RC_DATE_OUT_OF_RANGE;
    out->year = y;
    out->month = m;
    out->day = d;
    return RC_DATE_OK;
}
