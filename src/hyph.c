/*
 * hyph: libhyphen behind a small interface (see hyph.h).
 *
 * Patterns compiled in at build time (hyph_data.h, made by libhyphen's own
 * loader) are matched against their tables directly, the way libhyphen
 * walks its states, for the words where that gives libhyphen's answer;
 * libhyphen decides the others (compound points, non-standard
 * hyphenation, ligatures) from its dictionary, built from the same tables
 * when first needed. test_hyph compares both on every compiled-in language.
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
    /*
     * The compiled-in tables, when the patterns are compiled in and have
     * neither non-standard hyphenation nor a compound level that acts on
     * letters (match_word); NULL otherwise.
     */
    const rc_hyph_data *tables;
    /* libhyphen's dictionary: for tables, built the first time a word needs it. */
    HyphenDict *dict;
    /*
     * Many of Debian's dictionaries are in a single-byte charset
     * (ISO8859-1 for German and Portuguese, ISO8859-2, KOI8-R): words are
     * converted to it, and then one byte is one letter.
     */
    iconv_t to_dict;
    int builtin; /* built from compiled-in tables: freed by rc_hyph_dict_free, not libhyphen */
    int names_capitalised; /* rc_hyph_capitals_mark_names */
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
    {"arabic", NULL, NULL}, /* Arabic and Hebrew script words are not broken */
    {"danish", "da_DK", "hyphen-da"},
    {"dutch", "nl_NL", "hyphen-nl"},
    {"french", "fr_FR", "hyphen-fr"},
    {"german", "de_DE", "hyphen-de"},
    {"hebrew", NULL, NULL},
    {"hindi", "hi_IN", "hyphen-hi"},
    {"hungarian", "hu_HU", "hyphen-hu"},
    {"indonesian", "id_ID", "hyphen-id"},
    {"italian", "it_IT", "hyphen-it"},
    {"japanese", NULL, NULL},
    {"korean", NULL, NULL},
    {"mandarin_chinese", NULL, NULL},
    {"norwegian_bokm\xC3\xA5l", "nb_NO", "hyphen-no"},
    {"norwegian_nynorsk", "nn_NO", "hyphen-no"},
    {"persian", NULL, NULL},
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

/* Whether match_word (below) can serve the tables at all (otherwise libhyphen does, always). */
static int matchable(const rc_hyph_data *d)
{
    for (int l = 0; l < d->levels; l++)
        if (d->level[l].num_repl)
            return 0; /* non-standard hyphenation ("ff/ff=f") */
    return 1;
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
    /*
     * Compiled-in patterns are matched against the tables themselves where
     * that gives libhyphen's answer (match_word): building libhyphen's
     * dictionary from them takes English 0.3 ms, a sixteenth of a CV's run.
     */
    const rc_hyph_data *tables = data && matchable(data) ? data : NULL;
    HyphenDict *dict = tables ? NULL
                       : data ? rc_hyph_dict_from_data(data)
                              : hnj_hyphen_load(rc_buf_str(&path));
    if (!dict && !tables && !l->package) {
        rc_warning(d, pos,
                   "hyphenation patterns '%s' not found, and Debian has none for %s; words "
                   "are not hyphenated (put a libhyphen dictionary in $RESCOMP_HYPHEN_DIR)",
                   rc_buf_str(&path), l->name);
        rc_buf_release(&path);
        return NULL;
    }
    if (!dict && !tables) {
        rc_warning(d, pos,
                   "hyphenation patterns '%s' not found; install the Debian package '%s' "
                   "to hyphenate %s text",
                   rc_buf_str(&path), l->package, l->name);
        rc_buf_release(&path);
        return NULL;
    }
    rc_buf_release(&path);
    rc_hyph *h = rc_xcalloc(1, sizeof(*h));
    h->tables = tables;
    h->dict = dict;
    h->builtin = data != NULL;
    /* German capitalises every noun: a capital there says nothing of names. */
    h->names_capitalised = strcmp(l->name, "german") != 0;
    h->to_dict = (iconv_t)-1;
    int utf8 = tables ? tables->level[0].utf8 : dict->utf8;
    const char *cset = tables ? tables->level[0].cset : dict->cset;
    if (!utf8) {
        h->to_dict = iconv_open(cset, "UTF-8");
        if (h->to_dict == (iconv_t)-1) {
            rc_warning(d, pos, "hyphenation patterns for %s use the charset '%s', which this "
                               "system cannot convert to; words are not hyphenated",
                       l->name, cset);
            rc_hyph_close(h);
            return NULL;
        }
    }
    return h;
}

int rc_hyph_capitals_mark_names(const rc_hyph *h)
{
    return h && h->names_capitalised;
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

/* ---- matching against the compiled tables ------------------------------ */

/*
 * Liang's matching of one level's patterns over ".word.", as libhyphen's
 * hnj_hyphen_hyph_ walks its states (the same states: the tables are its
 * dictionary, compiled): digits[i] receives the highest digit of the
 * patterns for the position after byte i of the word, as a character
 * ('0' .. '9'). The word is at most 400 bytes.
 */
static void match_level(const rc_hyph_level *lv, const char *strings, const char *word,
                        size_t len, char *digits)
{
    char prep[404], h[404];
    size_t j = 0;
    prep[j++] = '.';
    for (size_t i = 0; i < len; i++)
        prep[j++] = word[i] >= '0' && word[i] <= '9' ? '.' : word[i];
    prep[j++] = '.';
    memset(h, '0', j);
    int32_t state = 0;
    for (size_t i = 0; i < j; i++) {
        unsigned char ch = (unsigned char)prep[i];
        for (;;) {
            if (state == -1) { /* no pattern goes on here: start again at the next letter */
                state = 0;
                goto next_letter;
            }
            const uint32_t *t = lv->trans ? lv->trans + lv->first[state] : NULL;
            int32_t k = 0, n = lv->ntrans[state];
            while (k < n && (t[k] & 0xFF) != ch)
                k++;
            if (k < n) {
                state = (int32_t)(t[k] >> 8);
                break;
            }
            state = lv->fallback[state];
        }
        if (lv->match[state] >= 0) {
            const char *m = strings + lv->match[state];
            size_t ml = strlen(m), offset = i + 1 - ml;
            for (size_t k = 0; k < ml; k++)
                if (h[offset + k] < m[k])
                    h[offset + k] = m[k];
        }
    next_letter:;
    }
    /* libhyphen's shift: position i is now "after byte i of the word". */
    for (size_t i = 0; i + 1 < len; i++)
        digits[i] = h[i + 1];
    if (len)
        digits[len - 1] = '0';
}

/*
 * The points of a word (in the dictionary's encoding, len bytes, n
 * letters) from the compiled tables, exactly as hnj_hyphen_hyphenate3
 * with lhmin 2 and rhmin 3 gives them (test_hyph compares both on every
 * compiled-in language): the last level's odd digits, at most
 * max(lhmin) letters from the start and max(rhmin) from the end, moved
 * from bytes to letters. -1 when libhyphen must decide: the compound level
 * finds a point in the word, the word holds a string of the NOHYPHEN list
 * or a ligature (libhyphen's minimum lengths count one).
 */
static int match_word(const rc_hyph_data *d, const char *word, size_t len, size_t n,
                      unsigned char *out)
{
    const rc_hyph_level *top = &d->level[0], *last = &d->level[d->levels - 1];
    char digits[404];
    if (memchr(word, 0xEF, len))
        return -1;
    if (top->nohyphen >= 0) {
        const char *nh = d->strings + top->nohyphen;
        for (int k = 0; k <= top->nohyphenl; k++, nh += strlen(nh) + 1)
            if (strstr(word, nh))
                return -1;
    }
    if (d->levels > 1) {
        match_level(top, d->strings, word, len, digits);
        for (size_t i = 0; i < len; i++)
            if (digits[i] & 1)
                return -1;
    }
    match_level(last, d->strings, word, len, digits);
    size_t lhmin = top->lhmin > 2 ? (size_t)top->lhmin : 2;
    size_t rhmin = top->rhmin > 3 ? (size_t)top->rhmin : 3;
    /* Letter c's digit is the one after its last byte (libhyphen's norm). */
    size_t c = 0;
    for (size_t i = 0; i < len && c < n; i++) {
        if (top->utf8 && i + 1 < len && ((unsigned char)word[i + 1] >> 6) == 2)
            continue;
        out[c] = (digits[i] & 1) && c + 1 >= lhmin && n - (c + 1) >= rhmin && c + 1 < n;
        c++;
    }
    return 0;
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
    if (h->tables && match_word(h->tables, word, len, n, out) == 0) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++)
            count += out[i];
        return count;
    }
    if (!h->dict) /* the first word the tables leave to libhyphen: its dictionary, once */
        ((rc_hyph *)h)->dict = rc_hyph_dict_from_data(h->tables);
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
