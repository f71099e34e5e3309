/*
 * template: RenderCV's entry templates (see template.h).
 *
 * The steps follow RenderCV's renderer (templater/entry_templates_from_
 * input.py) so that templates written for it give the same text:
 *   1. connector words between a missing placeholder and its neighbour go;
 *   2. spaces collapse;
 *   3. a missing placeholder goes with the non-space characters touching it;
 *   4. spaces collapse, trailing punctuation is trimmed;
 *   5. the remaining placeholders are replaced by their values.
 */
#include "template.h"

#include <string.h>

/* A token: a placeholder (upper-case letters and '_') or the text between. */
typedef struct token {
    const char *s;
    size_t n;
    int placeholder;
} token;

static int is_upper(char c)
{
    return (c >= 'A' && c <= 'Z') || c == '_';
}

/* \b in RenderCV's regular expressions: letters, digits and '_' are word characters. */
static int is_word(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || (unsigned char)c >= 0x80;
}

static size_t tokenize(const char *s, token *out, size_t cap)
{
    size_t n = 0, i = 0, len = strlen(s), text = 0;
    while (i < len) {
        /* a run of [A-Z_] with word boundaries on both sides */
        if (is_upper(s[i]) && (i == 0 || !is_word(s[i - 1]))) {
            size_t j = i;
            while (j < len && is_upper(s[j]))
                j++;
            if (j == len || !is_word(s[j])) {
                if (i > text && n < cap)
                    out[n++] = (token){s + text, i - text, 0};
                if (n < cap)
                    out[n++] = (token){s + i, j - i, 1};
                i = text = j;
                continue;
            }
            i = j;
            continue;
        }
        i++;
    }
    if (len > text && n < cap)
        out[n++] = (token){s + text, len - text, 0};
    return n;
}

static const char *value_of(const token *t, const rc_tfield *f, size_t nf)
{
    for (size_t i = 0; i < nf; i++)
        if (strlen(f[i].name) == t->n && memcmp(f[i].name, t->s, t->n) == 0)
            return f[i].value && *f[i].value ? f[i].value : NULL;
    return NULL;
}

/* Drop connector words from a separator: words that start with a lower-case letter. */
static void strip_connectors(const char *s, size_t n, rc_buf *out)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] != ' ') {
            rc_buf_addc(out, s[i++]);
            continue;
        }
        rc_buf_addc(out, s[i++]);
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        /* a whole word between spaces, starting with a letter that is not upper case */
        int letter = i < n && ((s[i] >= 'a' && s[i] <= 'z') || (unsigned char)s[i] >= 0x80);
        if (letter && j < n)
            i = j; /* skip the word; the space after it stays */
    }
}

static void collapse_spaces(rc_buf *b)
{
    size_t k = 0;
    for (size_t i = 0; i < b->len; i++) {
        if (b->ptr[i] == ' ' && k > 0 && b->ptr[k - 1] == ' ')
            continue;
        b->ptr[k++] = b->ptr[i];
    }
    b->len = k;
    if (b->ptr)
        b->ptr[k] = 0;
}

/*
 * Where a missing field leaves two separators in a row ("Acme, -- Berlin"
 * from "COMPANY, POSITION -- LOCATION"), keep the second: a comma, colon or
 * semicolon before a word of punctuation only goes. RenderCV leaves it;
 * nobody wants it.
 */
static void drop_doubled_separators(rc_buf *b)
{
    for (size_t i = 1; i + 1 < b->len; i++) {
        if (b->ptr[i] != ' ' || !strchr(",;:", b->ptr[i - 1]))
            continue;
        size_t j = i + 1;
        int punct_only = 1;
        while (j < b->len && b->ptr[j] != ' ') {
            if (is_word(b->ptr[j]) || b->ptr[j] == '*' || b->ptr[j] == '[')
                punct_only = 0;
            j++;
        }
        if (punct_only && j > i + 1) {
            memmove(b->ptr + i - 1, b->ptr + i, b->len - i + 1);
            b->len--;
        }
    }
}

/* RenderCV keeps only letters, digits and .!?[]()*_% at the end of a line. */
static int keeps_trailing(char c)
{
    return is_word(c) || strchr(".!?[]()*_%", c) != NULL;
}

char *rc_template_expand(rc_arena *a, const char *line, const rc_tfield *fields, size_t nfields)
{
    token tok[128];
    size_t nt = tokenize(line, tok, RC_ARRAY_LEN(tok));

    /*
     * 0. A line whose placeholders are all missing shows nothing of the
     * entry: it goes whole. RenderCV keeps what is left, so sb2nov's
     * "*DEGREE* *in* *AREA*" prints a lone "in" (a formatted connector is
     * not a bare word); nobody wants it.
     */
    size_t placeholders = 0, provided = 0;
    for (size_t i = 0; i < nt; i++)
        if (tok[i].placeholder) {
            placeholders++;
            provided += value_of(&tok[i], fields, nfields) != NULL;
        }
    if (placeholders && !provided)
        return rc_arena_strdup(a, "");

    /* 1. connectors next to a missing placeholder */
    rc_buf step = RC_BUF_INIT;
    for (size_t i = 0; i < nt; i++) {
        if (tok[i].placeholder) {
            rc_buf_add(&step, tok[i].s, tok[i].n);
            continue;
        }
        const token *prev = NULL, *next = NULL;
        for (size_t j = i; j-- > 0;)
            if (tok[j].placeholder) {
                prev = &tok[j];
                break;
            }
        for (size_t j = i + 1; j < nt; j++)
            if (tok[j].placeholder) {
                next = &tok[j];
                break;
            }
        if (prev && next &&
            (!value_of(prev, fields, nfields) || !value_of(next, fields, nfields)))
            strip_connectors(tok[i].s, tok[i].n, &step);
        else
            rc_buf_add(&step, tok[i].s, tok[i].n);
    }
    collapse_spaces(&step);

    /* 3. missing placeholders with the non-space characters touching them */
    char *s1 = rc_arena_strdup(a, rc_buf_str(&step));
    nt = tokenize(s1, tok, RC_ARRAY_LEN(tok));
    rc_buf kept = RC_BUF_INIT;
    const char *cut_until = s1; /* characters before this are dropped */
    for (size_t i = 0; i < nt; i++) {
        if (!tok[i].placeholder || value_of(&tok[i], fields, nfields))
            continue;
        if (tok[i].s < cut_until)
            continue; /* already inside what an earlier missing placeholder took */
        const char *from = tok[i].s, *to = tok[i].s + tok[i].n;
        while (from > cut_until && from[-1] != ' ')
            from--;
        while (*to && *to != ' ')
            to++;
        rc_buf_add(&kept, cut_until, (size_t)(from - cut_until));
        cut_until = to;
    }
    rc_buf_adds(&kept, cut_until);
    collapse_spaces(&kept);
    drop_doubled_separators(&kept);
    /* 4. trailing punctuation and spaces */
    while (kept.len && (kept.ptr[kept.len - 1] == ' ' || !keeps_trailing(kept.ptr[kept.len - 1])))
        kept.ptr[--kept.len] = 0;
    size_t lead = 0;
    while (lead < kept.len && kept.ptr[lead] == ' ')
        lead++;

    /* 5. substitute */
    char *s2 = rc_arena_strdup(a, rc_buf_str(&kept) + lead);
    nt = tokenize(s2, tok, RC_ARRAY_LEN(tok));
    rc_buf out = RC_BUF_INIT;
    for (size_t i = 0; i < nt; i++) {
        const char *v = tok[i].placeholder ? value_of(&tok[i], fields, nfields) : NULL;
        if (v)
            rc_buf_adds(&out, v);
        else
            rc_buf_add(&out, tok[i].s, tok[i].n);
    }
    char *result = rc_arena_strdup(a, rc_buf_str(&out));
    rc_buf_release(&step);
    rc_buf_release(&kept);
    rc_buf_release(&out);
    return result;
}

const char *rc_template_placeholder(rc_arena *a, const char *key)
{
    char *p = rc_arena_strdup(a, key);
    for (char *q = p; *q; q++) {
        if (*q >= 'a' && *q <= 'z')
            *q = (char)(*q - 'a' + 'A');
        else if (!is_upper(*q))
            return NULL;
    }
    return *p ? p : NULL;
}

int rc_template_shows(const char *tmpl, const char *key)
{
    size_t n = strlen(key);
    for (const char *s = tmpl; s && *s; s++) {
        /* a whole placeholder, as tokenize() finds them, that upper-cases key */
        if ((s != tmpl && is_word(s[-1])) || !is_upper(*s))
            continue;
        size_t i = 0;
        while (i < n && s[i] && (s[i] == key[i] || (key[i] >= 'a' && key[i] <= 'z' &&
                                                    s[i] == key[i] - 'a' + 'A')))
            i++;
        if (i == n && !is_word(s[n]))
            return 1;
    }
    return 0;
}
