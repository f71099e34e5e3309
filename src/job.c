/*
 * job: the job-ad check. See job.h for what it does; this file is how.
 *
 * Everything is sorted arrays of strings and binary search: an ad is a
 * few hundred words, a CV a few thousand, and sorting makes the order of
 * ties (hence the report) independent of any hash.
 */
#include "job.h"

#include "files.h"

#include <stdlib.h>
#include <string.h>

/*
 * Words that every job ad uses whatever the job, beyond the stop words:
 * rescomp's own lists (folded), for the languages most ads are written in.
 */
static const char *const boiler_en[] = {
    "ability", "able", "across", "apply", "based", "benefits", "bonus", "build", "candidate",
    "candidates", "company", "day", "days", "e.g", "eg", "ensure", "environment", "etc",
    "excellent", "experience", "experienced", "familiarity", "good", "great", "help", "i.e",
    "ideal", "ideally", "including", "job", "jobs", "join", "knowledge", "like", "looking",
    "m/f/d", "m/w/d", "make", "must", "need", "new", "nice", "offer", "opportunities",
    "opportunity", "please", "plus", "position", "preferred", "proficiency", "proficient", "qualifications", "required",
    "requirement", "requirements", "responsibilities", "responsibility", "role", "salary",
    "skill", "skills", "strong", "team", "teams", "understanding", "us", "use", "using", "well",
    "will", "within", "work", "working", "year", "years", NULL};
static const char *const boiler_de[] = {
    "abgeschlossene", "abgeschlossenes", "arbeit", "arbeiten", "aufgaben", "bereich", "bewerbung",
    "bieten", "bzw", "ca", "deine", "deinen", "deiner", "dich", "dir", "du", "erfahrung",
    "erfahrungen", "freuen", "gern", "gerne", "gesucht", "gut", "gute", "guten", "idealerweise",
    "ihre", "jahre", "jahren", "kenntnis", "kenntnisse", "m/f/d", "m/w/d", "mindestens", "profil",
    "sehr", "sichere", "sicherer", "sowie", "stelle", "suchen", "team", "teams", "u.a",
    "umgang", "unternehmen", "usw", "w/m/d", "wir", "z.b", NULL};

/* Two-word terms kept together even when an ad names them once (folded). */
static const char *const pairs[] = {
    "agile methoden", "artificial intelligence", "back end", "big data", "business intelligence",
    "change management", "cloud computing", "computer science", "computer vision",
    "continuous delivery", "continuous deployment", "continuous integration", "customer service",
    "cyber security", "data analysis", "data analytics", "data engineering", "data science",
    "data scientist", "data visualization", "deep learning", "distributed systems",
    "embedded systems", "financial modeling", "front end", "full stack", "information security",
    "künstliche intelligenz", "language processing", "machine learning", "maschinelles lernen",
    "natural language", "neural networks", "operating systems", "problem solving",
    "product management", "project management", "public speaking", "quality assurance",
    "reinforcement learning", "risk management", "software development", "software engineering",
    "stakeholder management", "supply chain", "test automation", "time management",
    "unit testing", "user experience", "user interface", "verteilte systeme", "version control",
    "web development", NULL};

/* ---- reading ------------------------------------------------------------------------- */

int rc_job_read(const char *path, rc_pos pos, rc_buf *ad, rc_diags *d)
{
    if (rc_file_read(path, RC_JOB_AD_MAX, ad, pos, d) < 0)
        return -1;
    rc_pos at = {path, 0, 0};
    if (ad->len > RC_JOB_AD_MAX)
        return rc_error(d, pos, "the job ad '%s' is larger than %u MB; give the ad's text only",
                        path, RC_JOB_AD_MAX >> 20);
    size_t bad = rc_utf8_find_invalid(rc_buf_str(ad), ad->len);
    if (bad != (size_t)-1) {
        at.line = 1;
        size_t bol = 0;
        for (size_t i = 0; i < bad; i++)
            if (ad->ptr[i] == '\n') {
                at.line++;
                bol = i + 1;
            }
        at.col = (int)rc_utf8_length(ad->ptr + bol, bad - bol) + 1;
        return rc_error(d, at, "the job ad is not UTF-8 text (byte 0x%02X); save it as UTF-8",
                        (unsigned char)ad->ptr[bad]);
    }
    return 0;
}

/* ---- words ------------------------------------------------------------------------- */

/* Whether c is part of a word: a letter, a digit, a mark (not punctuation, space, symbol). */
static int word_cp(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c < 0xC0)
        return c == 0xAA || c == 0xB5 || c == 0xBA;
    if (c == 0xD7 || c == 0xF7)
        return 0;
    if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFE30 && c <= 0xFE4F) ||
        (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || c >= 0x1F000)
        return 0;
    return 1;
}

static int space_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
           c == 0x202F || c == 0x3000;
}

/* Simple case folding of the letters of the CV locales; ß folds to "ss". */
static void fold_add(rc_buf *b, uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        c += 32;
    else if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB && c != 0x3A2) ||
             (c >= 0x410 && c <= 0x42F))
        c += 32;
    else if (c >= 0x400 && c <= 0x40F)
        c += 80;
    else if (c == 0xDF || c == 0x1E9E) {
        rc_buf_adds(b, "ss");
        return;
    } else if (c == 0x130)
        c = 'i';
    else if (c == 0x178)
        c = 0xFF;
    else if (c == 0x3C2)
        c = 0x3C3; /* final sigma */
    else if (c == 0x386)
        c = 0x3AC;
    else if (c >= 0x388 && c <= 0x38A)
        c += 37;
    else if (c == 0x38C)
        c = 0x3CC;
    else if (c == 0x38E || c == 0x38F)
        c += 63;
    else if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        c |= 1; /* Latin Extended-A: capital even, small odd */
    else if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        c += c & 1;
    rc_buf_add_utf8(b, c);
}

/*
 * A combining mark after a letter, composed with it where Latin-1 has the
 * letter ("u" + U+0308 is "ü"), so that text in decomposed form (macOS)
 * compares equal. Returns the composed letter, or 0.
 */
static uint32_t compose(uint32_t base, uint32_t mark)
{
    static const char vowels[] = "aeiouy";
    static const uint32_t marks[] = {0x300, 0x301, 0x302, 0x303, 0x308};
    /* the Latin-1 letter of each vowel and mark, 0 where there is none */
    static const uint32_t table[6][5] = {
        {0xE0, 0xE1, 0xE2, 0xE3, 0xE4}, {0xE8, 0xE9, 0xEA, 0, 0xEB}, {0xEC, 0xED, 0xEE, 0, 0xEF},
        {0xF2, 0xF3, 0xF4, 0xF5, 0xF6}, {0xF9, 0xFA, 0xFB, 0, 0xFC}, {0, 0xFD, 0, 0, 0xFF}};
    if (base == 'n' && mark == 0x303)
        return 0xF1;
    if (base == 'c' && mark == 0x327)
        return 0xE7;
    if (base == 'a' && mark == 0x30A)
        return 0xE5;
    const char *v = base < 0x80 ? strchr(vowels, (int)base) : NULL;
    for (size_t m = 0; v && *v && m < RC_ARRAY_LEN(marks); m++)
        if (marks[m] == mark)
            return table[v - vowels][m];
    return 0;
}

typedef struct tok {
    size_t word;  /* offset of the folded word in words (NUL-ended) */
    size_t at;    /* offset in the text */
    int gap;      /* punctuation (or a paragraph's end) stands between it and the word before */
    int upper;    /* written with a capital first letter */
} tok;

typedef struct toks {
    rc_buf words; /* the folded words, each NUL-ended */
    tok *v;
    size_t n, cap;
} toks;

static const char *word_of(const toks *t, size_t i)
{
    return t->words.ptr + t->v[i].word;
}

static void toks_release(toks *t)
{
    rc_buf_release(&t->words);
    free(t->v);
}

/* Inside a word: these join two word characters ("full-stack", "node.js", "ci/cd", "r&d"). */
static int joiner(uint32_t c)
{
    return c == '-' || c == '.' || c == '/' || c == '_' || c == '&' || c == 0x2011;
}

/*
 * Split text into folded words. A newline is a space, or with
 * `lines_break` (the CV's text: a paragraph a line) the end of a
 * paragraph; a blank line always is.
 */
static void tokenize(const char *s, size_t n, int lines_break, toks *t)
{
    memset(t, 0, sizeof(*t));
    int gap = 1, newlines = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t c, next = 0;
        size_t k = rc_utf8_decode(s + i, n - i, &c);
        if (!k)
            k = 1;
        if (i + k < n)
            rc_utf8_decode(s + i + k, n - i - k, &next);
        int lead_dot = c == '.' && word_cp(next) && !(next >= '0' && next <= '9'); /* ".NET" */
        if (!word_cp(c) && !lead_dot) {
            if (c == '\n') {
                if (lines_break || ++newlines >= 2)
                    gap = 1;
            } else if (!space_cp(c)) {
                gap = 1;
            }
            i += k;
            continue;
        }
        newlines = 0;
        RC_VEC_PUSH(t->v, t->n, t->cap);
        tok *w = &t->v[t->n++];
        w->word = t->words.len;
        w->at = i;
        w->gap = gap;
        w->upper = (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE);
        gap = 0;
        uint32_t prev = 0, last = 0; /* the code point before, and the last folded */
        while (i < n) {
            k = rc_utf8_decode(s + i, n - i, &c);
            if (!k)
                break;
            next = 0;
            if (i + k < n)
                rc_utf8_decode(s + i + k, n - i - k, &next);
            if (c >= 0x300 && c <= 0x36F) {
                uint32_t m = compose(last, c);
                if (m) {
                    /* replace the letter just written: ASCII, one byte */
                    t->words.len--;
                    rc_buf_add_utf8(&t->words, m);
                    last = m;
                }
            } else if (word_cp(c) || (lead_dot && !prev) ||
                       (joiner(c) && word_cp(prev) && word_cp(next))) {
                size_t before = t->words.len;
                fold_add(&t->words, c);
                last = t->words.len - before == 1 ? (uint32_t)(unsigned char)t->words.ptr[before]
                                                  : 0;
            } else if ((c == '+' || c == '#') && (word_cp(prev) || prev == '+')) {
                rc_buf_addc(&t->words, (char)c); /* c++, c# */
                last = 0;
            } else {
                break;
            }
            prev = c;
            i += k;
        }
        rc_buf_addc(&t->words, '\0');
    }
}

/* ---- sorted string sets ------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int in_list(const char *const *sorted, size_t n, const char *w)
{
    return n && bsearch(&w, sorted, n, sizeof(*sorted), cmp_str) != NULL;
}

static size_t list_len(const char *const *l)
{
    size_t n = 0;
    while (l[n])
        n++;
    return n;
}

/* A stop-word list as a sorted array of its lines (pointers into text, which it owns). */
typedef struct stops {
    char *text;
    const char **v;
    size_t n;
} stops;

static void stops_load(stops *s, const unsigned char *words)
{
    s->text = rc_xstrdup((const char *)words);
    s->n = 0;
    for (const char *p = s->text; *p; p++)
        s->n += *p == '\n';
    s->v = rc_xcalloc(s->n + 1, sizeof(*s->v));
    size_t k = 0;
    for (char *p = s->text, *nl; *p && (nl = strchr(p, '\n')); p = nl + 1) {
        *nl = '\0';
        if (*p)
            s->v[k++] = p;
    }
    s->n = k;
    qsort(s->v, s->n, sizeof(*s->v), cmp_str);
}

static void stops_release(stops *s)
{
    free(s->text);
    free(s->v);
}

/* ---- the language ---------------------------------------------------------------------- */

static const rc_stop_list *list_of(const char *lang)
{
    if (!lang)
        return NULL;
    for (const rc_stop_list *l = rc_stop_lists; l->lang; l++)
        if (!strncmp(lang, l->lang, 2) && (!lang[2] || lang[2] == '-' || lang[2] == '_'))
            return l;
    if (!strncmp(lang, "no", 2) || !strncmp(lang, "nn", 2))
        return list_of("nb");
    return NULL;
}

/*
 * The list whose words the ad uses most, counting words of two letters or
 * more (French's "c" is a "C" too) and at least two of them; ties and no
 * such list go to the CV's language, then English.
 */
static const rc_stop_list *pick_language(const toks *ad, const char *lang)
{
    const rc_stop_list *cv = list_of(lang), *best = NULL;
    size_t best_hits = 0;
    for (const rc_stop_list *l = rc_stop_lists; l->lang; l++) {
        stops s;
        stops_load(&s, l->words);
        size_t hits = 0;
        for (size_t i = 0; i < ad->n; i++)
            hits += word_of(ad, i)[1] && in_list(s.v, s.n, word_of(ad, i));
        stops_release(&s);
        if (hits < 2)
            continue;
        if (hits > best_hits || (hits == best_hits && l == cv)) {
            best = l;
            best_hits = hits;
        }
    }
    return best ? best : cv ? cv : list_of("en");
}

const char *rc_job_language(const char *ad, size_t ad_len, const char *lang)
{
    toks t;
    tokenize(ad, ad_len, 0, &t);
    const rc_stop_list *l = pick_language(&t, lang);
    toks_release(&t);
    return l ? l->lang : "en";
}

/* ---- terms --------------------------------------------------------------------------- */

/* How words are compared beyond their folded letters: the ending they lose. */
typedef enum endings { ENDINGS_NONE, ENDINGS_EN, ENDINGS_DE } endings;

/*
 * What terms are compared as: the folded word without the joiners inside
 * it, and without the endings of number and case where the language is
 * known: in English a plural's s ("systems" as "system", not "access" or
 * "status"); in German -e, -em, -en, -er, -es, -n, -s ("maschinellem
 * Lernen" as "maschinelles Lernen"), as long as four letters stay. Not a
 * stemmer: both sides lose the same endings, which is all a comparison needs.
 */
static void key_add(rc_buf *out, const char *w, endings e)
{
    size_t start = out->len;
    for (const char *p = w; *p; p++)
        if (!joiner((unsigned char)*p))
            rc_buf_addc(out, *p);
    size_t n = out->len - start;
    const char *k = out->ptr ? out->ptr + start : "";
    if (e == ENDINGS_EN && n >= 4 && k[n - 1] == 's' && k[n - 2] != 's' && k[n - 2] != 'u' &&
        k[n - 2] != 'i') {
        out->len--;
    } else if (e == ENDINGS_DE && n >= 5) {
        static const char *const de[] = {"em", "en", "er", "es", "e", "n", "s"};
        for (size_t i = 0; i < RC_ARRAY_LEN(de); i++) {
            size_t m = strlen(de[i]);
            if (n - m >= 4 && !memcmp(k + n - m, de[i], m)) {
                out->len -= m;
                break;
            }
        }
    }
    if (out->ptr)
        out->ptr[out->len] = '\0'; /* key_of hands the buffer's string on */
}

static char *key_of(const char *w1, const char *w2, endings e)
{
    rc_buf b = RC_BUF_INIT;
    key_add(&b, w1, e);
    if (w2)
        key_add(&b, w2, e);
    return b.ptr ? b.ptr : rc_xstrdup("");
}

typedef struct term {
    char *key;    /* compared as */
    char *shown;  /* the folded words as the ad first writes them */
    size_t first; /* the word it first stands at */
    size_t count;
    int words;    /* 1 or 2 */
    int found;
} term;

static int cmp_term_key(const void *a, const void *b)
{
    const term *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->first > y->first) - (x->first < y->first);
}

static int cmp_salience(const void *a, const void *b)
{
    const term *x = a, *y = b;
    size_t sx = x->count * (size_t)x->words, sy = y->count * (size_t)y->words;
    if (sx != sy)
        return sx > sy ? -1 : 1;
    return (x->first > y->first) - (x->first < y->first);
}

/* Whether word i of the ad is worth a term: no stop word, some letter, more than one letter. */
static int content(const toks *t, size_t i, const stops *st, const char *const *boiler,
                   size_t nboiler)
{
    const char *w = word_of(t, i);
    if (in_list(st->v, st->n, w))
        return 0;
    for (size_t b = 0; b < nboiler; b++) /* a few dozen: no need to sort them */
        if (!strcmp(boiler[b], w))
            return 0;
    int letter = 0;
    for (const char *p = w; *p && !letter; p++)
        letter = ((unsigned char)*p >= 'a' && (unsigned char)*p <= 'z') || (unsigned char)*p >= 0x80;
    if (!letter)
        return 0;
    /* one letter: only a capital that is no word of the language ("C", "R") */
    return rc_utf8_length(w, strlen(w)) > 1 || t->v[i].upper;
}

/* The keys the CV's text has: each word, its parts ("machine-learning"), each pair of words. */
static void cv_keys(const toks *cv, endings e, char ***out, size_t *nout)
{
    char **v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < cv->n; i++) {
        const char *w = word_of(cv, i);
        RC_VEC_PUSH(v, n, cap);
        v[n++] = key_of(w, NULL, e);
        if (i + 1 < cv->n && !cv->v[i + 1].gap) {
            RC_VEC_PUSH(v, n, cap);
            v[n++] = key_of(w, word_of(cv, i + 1), e);
        }
        if (strpbrk(w, "-/")) {
            char *copy = rc_xstrdup(w);
            for (char *p = strtok(copy, "-/"); p; p = strtok(NULL, "-/")) {
                RC_VEC_PUSH(v, n, cap);
                v[n++] = key_of(p, NULL, e);
            }
            free(copy);
        }
    }
    if (n)
        qsort(v, n, sizeof(*v), cmp_str);
    *out = v;
    *nout = n;
}

static void add_list(rc_buf *out, const char *label, const term *v, size_t n, int found)
{
    rc_buf_adds(out, label);
    const char *sep = " ";
    for (size_t i = 0; i < n; i++)
        if (v[i].found == found) {
            rc_buf_adds(out, sep);
            rc_buf_adds(out, v[i].shown);
            sep = ", ";
        }
    rc_buf_addc(out, '\n');
}

void rc_job_check(const char *ad, size_t ad_len, const char *cv, size_t cv_len, const char *lang,
                  rc_buf *out)
{
    toks t;
    tokenize(ad, ad_len, 0, &t);
    const rc_stop_list *l = pick_language(&t, lang);
    stops st = {NULL, NULL, 0};
    if (l)
        stops_load(&st, l->words);
    int english = l && !strcmp(l->lang, "en"), german = l && !strcmp(l->lang, "de");
    endings e = english ? ENDINGS_EN : german ? ENDINGS_DE : ENDINGS_NONE;
    const char *const *boiler = english ? boiler_en : german ? boiler_de : NULL;
    size_t nboiler = boiler ? list_len(boiler) : 0;
    /* the two-word terms of the list, compared as the ad's pairs are */
    size_t npairs = list_len(pairs);
    char **pair_keys = rc_xcalloc(npairs + 1, sizeof(*pair_keys));
    for (size_t i = 0; i < npairs; i++) {
        char *w = rc_xstrdup(pairs[i]), *sp = strchr(w, ' ');
        *sp = '\0';
        pair_keys[i] = key_of(w, sp + 1, e);
        free(w);
    }
    qsort(pair_keys, npairs, sizeof(*pair_keys), cmp_str);

    unsigned char *is_content = rc_xcalloc(t.n + 1, 1);
    for (size_t i = 0; i < t.n; i++)
        is_content[i] = (unsigned char)content(&t, i, &st, boiler, nboiler);

    /* The pairs of adjacent words the ad uses twice or more are terms too. */
    char **seen = rc_xcalloc(t.n + 1, sizeof(*seen));
    size_t nseen = 0;
    for (size_t i = 0; i + 1 < t.n; i++)
        if (is_content[i] && is_content[i + 1] && !t.v[i + 1].gap)
            seen[nseen++] = key_of(word_of(&t, i), word_of(&t, i + 1), e);
    qsort(seen, nseen, sizeof(*seen), cmp_str);
    char **twice = rc_xcalloc(nseen + 1, sizeof(*twice));
    size_t ntwice = 0;
    for (size_t i = 0; i + 1 < nseen; i++)
        if (!strcmp(seen[i], seen[i + 1]) && (!ntwice || strcmp(twice[ntwice - 1], seen[i])))
            twice[ntwice++] = seen[i];

    /* Every use of a term, left to right: a pair that is a term takes its two words. */
    term *v = NULL;
    size_t n = 0, cap = 0;
    rc_buf shown = RC_BUF_INIT;
    for (size_t i = 0; i < t.n; i++) {
        if (!is_content[i])
            continue;
        int two = 0;
        if (i + 1 < t.n && is_content[i + 1] && !t.v[i + 1].gap) {
            rc_buf_reset(&shown);
            rc_buf_addf(&shown, "%s %s", word_of(&t, i), word_of(&t, i + 1));
            char *k = key_of(word_of(&t, i), word_of(&t, i + 1), e);
            two = in_list((const char *const *)pair_keys, npairs, k) ||
                  in_list((const char *const *)twice, ntwice, k);
            free(k);
        }
        RC_VEC_PUSH(v, n, cap);
        term *tm = &v[n++];
        memset(tm, 0, sizeof(*tm));
        tm->key = key_of(word_of(&t, i), two ? word_of(&t, i + 1) : NULL, e);
        tm->shown = two ? rc_xstrdup(rc_buf_str(&shown)) : rc_xstrdup(word_of(&t, i));
        tm->first = i;
        tm->count = 1;
        tm->words = two ? 2 : 1;
        i += (size_t)two;
    }
    rc_buf_release(&shown);

    /* One term per key, counted, shown as first written. */
    if (n)
        qsort(v, n, sizeof(*v), cmp_term_key);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && !strcmp(v[m - 1].key, v[i].key)) {
            v[m - 1].count++;
            if (v[i].words > v[m - 1].words)
                v[m - 1].words = v[i].words;
            free(v[i].key);
            free(v[i].shown);
            continue;
        }
        v[m++] = v[i];
    }
    n = m;
    if (n)
        qsort(v, n, sizeof(*v), cmp_salience);
    if (n > RC_JOB_TERMS) {
        for (size_t i = RC_JOB_TERMS; i < n; i++) {
            free(v[i].key);
            free(v[i].shown);
        }
        n = RC_JOB_TERMS;
    }

    toks c;
    tokenize(cv, cv_len, 1, &c);
    char **keys;
    size_t nkeys;
    cv_keys(&c, e, &keys, &nkeys);
    for (size_t i = 0; i < n; i++)
        v[i].found = in_list((const char *const *)keys, nkeys, v[i].key);
    add_list(out, "found:", v, n, 1);
    add_list(out, "missing:", v, n, 0);

    for (size_t i = 0; i < nkeys; i++)
        free(keys[i]);
    free(keys);
    toks_release(&c);
    for (size_t i = 0; i < n; i++) {
        free(v[i].key);
        free(v[i].shown);
    }
    free(v);
    for (size_t i = 0; i < nseen; i++)
        free(seen[i]);
    free(seen);
    free(twice);
    for (size_t i = 0; i < npairs; i++)
        free(pair_keys[i]);
    free(pair_keys);
    free(is_content);
    stops_release(&st);
    toks_release(&t);
}
