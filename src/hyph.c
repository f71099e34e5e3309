/*
 * hyph: libhyphen behind a small interface (see hyph.h).
 */
#include "hyph.h"

#include "hyph_data.h"
#include "rc_locale.h"

#include <hyphen.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rc_hyph {
    HyphenDict *dict;
    /*
     * Many of Debian's dictionaries are in a single-byte charset
     * (ISO8859-1 for German and Portuguese, ISO8859-2, KOI8-R): words are
     * converted to it, and then one byte is one letter.
     */
    iconv_t to_dict;
    int builtin; /* built from compiled-in tables: freed by rc_hyph_dict_free, not libhyphen */
};

typedef struct language {
    const char *name, *locale, *package;
} language;

/*
 * The languages of locale.c (RenderCV's names) and Debian's dictionaries
 * for them. A NULL locale: the language is not hyphenated (its words are
 * syllables or characters); a NULL package: Debian ships no patterns.
 */
static const language languages[] = {
    {"english", "en_US", "hyphen-en-us"},
    {"danish", "da_DK", "hyphen-da"},
    {"dutch", "nl_NL", "hyphen-nl"},
    {"french", "fr_FR", "hyphen-fr"},
    {"german", "de_DE", "hyphen-de"},
    {"hindi", "hi_IN", "hyphen-hi"},
    {"hungarian", "hu_HU", "hyphen-hu"},
    {"indonesian", "id_ID", "hyphen-id"},
    {"italian", "it_IT", "hyphen-it"},
    {"japanese", NULL, NULL},
    {"korean", NULL, NULL},
    {"mandarin_chinese", NULL, NULL},
    {"norwegian_bokm\xC3\xA5l", "nb_NO", "hyphen-no"},
    {"norwegian_nynorsk", "nn_NO", "hyphen-no"},
    {"portuguese", "pt_PT", "hyphen-pt-pt"},
    {"russian", "ru_RU", "hyphen-ru"},
    {"spanish", "es_ES", "hyphen-es"},
    {"turkish", "tr_TR", NULL},
    {"vietnamese", NULL, NULL},
    {"croatian", "hr_HR", "hyphen-hr"},
    {"czech", "cs_CZ", "hyphen-cs"},
    {"finnish", "fi_FI", NULL},
    {"greek", "el_GR", "hyphen-el"},
    {"polish", "pl_PL", "hyphen-pl"},
    {"romanian", "ro_RO", "hyphen-ro"},
    {"slovak", "sk_SK", "hyphen-sk"},
    {"swedish", "sv_SE", "hyphen-sv"},
    {"ukrainian", "uk_UA", "hyphen-uk"},
};

/* The compiled-in tables for a locale ("de_DE"), or NULL. */
static const rc_hyph_data *lookup_builtin(const char *locale)
{
    for (const rc_hyph_builtin *b = rc_hyph_builtins; b->locale; b++)
        if (strcmp(b->locale, locale) == 0)
            return b->data->levels ? b->data : NULL;
    return NULL;
}

/*
 * One linear pass: the states and transitions are allocated (one array of
 * each a level), the strings are the tables' own.
 */
HyphenDict *rc_hyph_dict_from_data(const rc_hyph_data *data)
{
    HyphenDict *first = NULL, **link = &first;
    char *strings = (char *)data->strings; /* libhyphen never writes them */
    for (int l = 0; l < data->levels; l++) {
        const rc_hyph_level *lv = &data->level[l];
        HyphenDict *d = rc_xcalloc(1, sizeof(*d));
        d->lhmin = lv->lhmin;
        d->rhmin = lv->rhmin;
        d->clhmin = lv->clhmin;
        d->crhmin = lv->crhmin;
        d->nohyphen = lv->nohyphen < 0 ? NULL : strings + lv->nohyphen;
        d->nohyphenl = lv->nohyphenl;
        d->num_states = lv->num_states;
        snprintf(d->cset, sizeof(d->cset), "%s", lv->cset);
        d->utf8 = lv->utf8;
        d->states = rc_xcalloc((size_t)lv->num_states, sizeof(*d->states));
        HyphenTrans *trans = rc_xcalloc((size_t)lv->num_trans + 1, sizeof(*trans));
        for (int32_t i = 0, k = 0; i < lv->num_states; i++) {
            HyphenState *st = &d->states[i];
            st->match = lv->match[i] < 0 ? NULL : strings + lv->match[i];
            st->fallback_state = lv->fallback[i];
            st->num_trans = lv->ntrans[i];
            st->trans = trans + k;
            for (int t = 0; t < st->num_trans; t++, k++) {
                trans[k].ch = (char)(lv->trans[k] & 0xFF);
                trans[k].new_state = (int)(lv->trans[k] >> 8);
            }
        }
        for (int32_t r = 0; r < lv->num_repl; r++) {
            HyphenState *st = &d->states[lv->repl[r].state];
            st->repl = strings + lv->repl[r].repl;
            st->replindex = lv->repl[r].index;
            st->replcut = lv->repl[r].cut;
        }
        *link = d;
        link = &d->nextlevel;
    }
    return first;
}

/* The first state's trans is the start of its level's array. */
void rc_hyph_dict_free(HyphenDict *d)
{
    while (d) {
        HyphenDict *next = d->nextlevel;
        free(d->states[0].trans);
        free(d->states);
        free(d);
        d = next;
    }
}

rc_hyph *rc_hyph_open(const char *lang, rc_pos pos, rc_diags *d)
{
    const language *l = &languages[0];
    const rc_locale *loc = rc_locale_builtin(lang);
    if (loc)
        lang = loc->language; /* an alias or ISO code: the language's own name */
    if (lang) {
        l = NULL;
        for (size_t i = 0; i < RC_ARRAY_LEN(languages); i++)
            if (strcmp(languages[i].name, lang) == 0)
                l = &languages[i];
        if (!l) {
            rc_warning(d, pos, "no hyphenation patterns for language '%s'; words are not hyphenated",
                       lang);
            return NULL;
        }
    }
    if (!l->locale)
        return NULL; /* not a language that is hyphenated */
    const char *dir = getenv("RESCOMP_HYPHEN_DIR");
    const rc_hyph_data *data = NULL;
    if (!dir || !*dir) {
        dir = "/usr/share/hyphen";
        data = lookup_builtin(l->locale);
    }
    rc_buf path = RC_BUF_INIT;
    rc_buf_addf(&path, "%s/hyph_%s.dic", dir, l->locale);
    HyphenDict *dict = data ? rc_hyph_dict_from_data(data) : hnj_hyphen_load(rc_buf_str(&path));
    if (!dict && !l->package) {
        rc_warning(d, pos,
                   "hyphenation patterns '%s' not found, and Debian has none for %s; words "
                   "are not hyphenated (put a libhyphen dictionary in $RESCOMP_HYPHEN_DIR)",
                   rc_buf_str(&path), l->name);
        rc_buf_release(&path);
        return NULL;
    }
    if (!dict) {
        rc_warning(d, pos,
                   "hyphenation patterns '%s' not found; install the Debian package '%s' "
                   "to hyphenate %s text",
                   rc_buf_str(&path), l->package, l->name);
        rc_buf_release(&path);
        return NULL;
    }
    rc_buf_release(&path);
    rc_hyph *h = rc_xcalloc(1, sizeof(*h));
    h->dict = dict;
    h->builtin = data != NULL;
    h->to_dict = (iconv_t)-1;
    if (!dict->utf8) {
        h->to_dict = iconv_open(dict->cset, "UTF-8");
        if (h->to_dict == (iconv_t)-1) {
            rc_warning(d, pos, "hyphenation patterns for %s use the charset '%s', which this "
                               "system cannot convert to; words are not hyphenated",
                       l->name, dict->cset);
            rc_hyph_close(h);
            return NULL;
        }
    }
    return h;
}

void rc_hyph_close(rc_hyph *h)
{
    if (!h)
        return;
    if (h->to_dict != (iconv_t)-1)
        iconv_close(h->to_dict);
    if (h->builtin)
        rc_hyph_dict_free(h->dict);
    else
        hnj_hyphen_free(h->dict);
    free(h);
}

/* Lower case for the letters patterns are written in (Latin-1, Greek, Cyrillic). */
static uint32_t lower(uint32_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 32;
    if (c >= 0x391 && c <= 0x3A9)
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    return c;
}

size_t rc_hyph_points(const rc_hyph *h, const uint32_t *cps, size_t n, unsigned char *out)
{
    memset(out, 0, n);
    if (!h || n < 5 || n > 100)
        return 0;
    /* The word in the dictionary's encoding (UTF-8 first, converted below if need be). */
    char word[401];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        len += rc_utf8_encode(lower(cps[i]), word + len);
    }
    if (h->to_dict != (iconv_t)-1) {
        /* A single-byte charset: convert, and then byte i is letter i. */
        char converted[400];
        char *in = word, *dst = converted;
        size_t inleft = len, dstleft = sizeof(converted);
        iconv(h->to_dict, NULL, NULL, NULL, NULL);
        if (iconv(h->to_dict, &in, &inleft, &dst, &dstleft) == (size_t)-1 ||
            (size_t)(dst - converted) != n)
            return 0; /* a letter the patterns' charset lacks: leave the word whole */
        memcpy(word, converted, n);
        len = n;
        word[len] = '\0';
    }
    /* libhyphen reads the word as a C string (strstr), so it must end in NUL. */
    word[len] = '\0';
    char hyphens[405];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (hnj_hyphen_hyphenate3(h->dict, word, (int)len, hyphens, NULL, &rep, &pos, &cut, 2, 3, 2, 3)) {
        return 0;
    }
    size_t count = 0;
    /*
     * libhyphen gives points by character (it normalises a UTF-8 word's
     * byte positions, and a single-byte charset has one byte a letter).
     */
    for (size_t i = 0; i + 1 < n; i++) {
        size_t k = i;
        int odd = hyphens[k] & 1;
        /* Non-standard points (German "Schiff-fahrt") change letters: not taken. */
        if (odd && !(rep && rep[k]) && i + 1 >= 2 && n - (i + 1) >= 3) {
            out[i] = 1;
            count++;
        }
    }
    if (rep) {
        for (size_t k = 0; k < len; k++)
            free(rep[k]);
        free(rep);
    }
    free(pos);
    free(cut);
    return count;
}
