/*
 * Unit tests of hyphenation: libhyphen's patterns with TeX's minimum
 * fragments, missing dictionaries, and what the builder never hyphenates.
 */
#include "build.h"
#include "harness.h"
#include "shipped_fonts.h"
#include "hyph.h"
#include "hyph_data.h"

#include <stdlib.h>
#include <unistd.h>

static const char *hyphenate(const rc_hyph *h, const char *word)
{
    static char out[160];
    uint32_t cps[64] = {0};
    size_t n = 0;
    for (const char *p = word; *p && n < 64;) {
        size_t k = rc_utf8_decode(p, strlen(p), &cps[n]);
        p += k ? k : 1;
        n++;
    }
    unsigned char points[64];
    rc_hyph_points(h, cps, n, points);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        k += rc_utf8_encode(cps[i], out + k);
        if (points[i])
            out[k++] = '-';
    }
    out[k] = 0;
    return out;
}

static void test_english(void)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_hyph *h = rc_hyph_open(NULL, (rc_pos){0}, &d);
    CHECK(h != NULL);
    CHECK_INT(d.n, 0);
    if (!h)
        return;
    CHECK_STR(hyphenate(h, "hyphenation"), "hy-phen-ation");
    CHECK_STR(hyphenate(h, "reinforcement"), "re-in-force-ment");
    CHECK_STR(hyphenate(h, "Statistically"), "Sta-tis-ti-cally"); /* capitals are looked up lower case */
    /* TeX's minimum fragments: 2 letters before, 3 after */
    const char *w = hyphenate(h, "tables");
    CHECK(strchr(w, '-') == NULL || (strchr(w, '-') - w >= 2 && strlen(strrchr(w, '-')) > 3));
    CHECK_STR(hyphenate(h, "cat"), "cat");
    rc_hyph_close(h);
    rc_diags_release(&d);
}

/* Other languages, where their Debian packages are installed (CI installs de and fr). */
static void test_other_languages(void)
{
    static const struct {
        const char *language, *word, *expected; /* NULL: any sensible points */
    } cases[] = {
        {"german", "Silbentrennung", "Sil-ben-tren-nung"},
        /* the German and Portuguese patterns are ISO8859-1: words are converted */
        {"german", "Universit\xC3\xA4tsbibliothek", "Uni-ver-si-t\xC3\xA4ts-bi-blio-thek"},
        {"french", "anticonstitutionnellement", "an-ti-cons-ti-tu-tion-nel-le-ment"},
        /* points after accented letters: libhyphen counts characters, not bytes */
        {"french", "t\xC3\xA9l\xC3\xA9" "communications", "t\xC3\xA9-l\xC3\xA9-com-mu-ni-ca-tions"},
        {"spanish", "internacionalizaci\xC3\xB3n", NULL},
        {"italian", "internazionalizzazione", NULL},
        {"dutch", "internationalisering", NULL},
        {"portuguese", "internacionaliza\xC3\xA7\xC3\xA3o",
         "in-ter-na-ci-o-na-li-za-\xC3\xA7\xC3\xA3o"},
    };
    for (size_t i = 0; i < RC_ARRAY_LEN(cases); i++) {
        rc_diags d;
        rc_diags_init(&d);
        rc_hyph *h = rc_hyph_open(cases[i].language, (rc_pos){0}, &d);
        if (!h) {
            /* not installed: a warning naming the package, never an error */
            CHECK_INT(d.nwarnings, 1);
            CHECK_INT(d.nerrors, 0);
            fprintf(stderr, "test_hyph: %s patterns not installed, skipped\n", cases[i].language);
        } else {
            const char *w = hyphenate(h, cases[i].word);
            fprintf(stderr, "test_hyph: %s: %s\n", cases[i].language, w);
            CHECK(strchr(w, '-') != NULL);
            if (cases[i].expected)
                CHECK_STR(w, cases[i].expected);
            /* never fewer than 2 characters before the first or 3 after the last point */
            CHECK(strchr(w, '-') - w >= 2);
            CHECK(rc_utf8_length(strrchr(w, '-') + 1, strlen(strrchr(w, '-') + 1)) >= 3);
            rc_hyph_close(h);
        }
        rc_diags_release(&d);
    }
}

/*
 * The language's patterns compiled in at build time (tools/hyphdump.c)
 * give exactly what libhyphen gives from the pattern file.
 */
static void check_builtin_words(const char *language, const char *const *words, size_t n)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_hyph *builtin = rc_hyph_open(language, (rc_pos){0}, &d);
    setenv("RESCOMP_HYPHEN_DIR", "/usr/share/hyphen", 1); /* forces the file */
    rc_hyph *file = rc_hyph_open(language, (rc_pos){0}, &d);
    unsetenv("RESCOMP_HYPHEN_DIR");
    CHECK(builtin != NULL);
    CHECK(file != NULL);
    if (builtin && file) {
        for (size_t i = 0; i < n; i++) {
            char a[160];
            snprintf(a, sizeof(a), "%s", hyphenate(builtin, words[i]));
            CHECK_STR(a, hyphenate(file, words[i]));
        }
    }
    rc_hyph_close(builtin);
    rc_hyph_close(file);
    rc_diags_release(&d);
}

static void test_builtin_matches_file(void)
{
    static const char *const english[] = {
        "hyphenation", "reinforcement", "alignment", "preference", "mathematical",
        "foundation", "collaborate", "statistically", "approximation", "information",
        "theoretical", "experiments", "communications", "understanding", "representation",
        "electroencephalography", "internationalization", "characterization", "don't",
    };
    /* ISO8859-1 patterns in two levels: compounds, then their parts */
    static const char *const german[] = {
        "Silbentrennung", "Universit\xC3\xA4tsbibliothek", "Donaudampfschifffahrtsgesellschaft",
        "Schifffahrt", "Qualit\xC3\xA4tssicherungsma\xC3\x9Fnahmen",
        "Softwareentwicklungsabteilung", "Datenbankmigrationsstrategie",
        "Fertigungsstra\xC3\x9F" "en", "Zusammenarbeit", "Geschwindigkeitsbegrenzung",
        "verantwortlich", "\xC3\x9C" "berwachungsaufgaben", "Maschinenbau",
    };
    check_builtin_words("english", english, RC_ARRAY_LEN(english));
    check_builtin_words("german", german, RC_ARRAY_LEN(german));
}

/*
 * The compiled-in patterns are matched against their tables directly
 * (hyph.c's match_word) and fall back on libhyphen for what that cannot
 * decide. Over many words of each language's letters, random ones and real
 * ones, mixed case and with the odd ligature, the points equal libhyphen's
 * from the installed pattern file, word for word.
 */
static void test_matcher_matches_libhyphen(void)
{
    /* Each language's letters, as its pattern file's charset has them (and a few capitals). */
    static const uint32_t ascii[] = {
        'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q',
        'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'a', 'e', 'i', 'o', 'u', 'n', 'r', 's',
        't', 'A', 'E', 'S'};
    static const uint32_t latin1[] = {0xE0, 0xE1, 0xE2, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9,
                                      0xEA, 0xEB, 0xED, 0xEE, 0xEF, 0xF1, 0xF3, 0xF4, 0xF6,
                                      0xF8, 0xFA, 0xFC, 0xFD, 0xDF, 0xC9, 0xD6};
    static const uint32_t latin2[] = {0xE1, 0xE4, 0xE9, 0xED, 0xF3, 0xF4, 0xFA, 0xFD, 0x103,
                                      0x105, 0x107, 0x10D, 0x10F, 0x119, 0x11B, 0x13A, 0x13E,
                                      0x142, 0x144, 0x148, 0x155, 0x159, 0x15B, 0x161, 0x165,
                                      0x16F, 0x17A, 0x17C, 0x17E};
    static const uint32_t unicode[] = {0xE0, 0xE2, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEE, 0xEF,
                                       0xF4, 0xF6, 0xFC, 0x151, 0x171, 0x103, 0x219, 0x21B,
                                       0xFB01 /* a ligature: libhyphen decides */};
    static const uint32_t cyrillic[] = {
        0x430, 0x431, 0x432, 0x433, 0x434, 0x435, 0x436, 0x437, 0x438, 0x439, 0x43A, 0x43B,
        0x43C, 0x43D, 0x43E, 0x43F, 0x440, 0x441, 0x442, 0x443, 0x444, 0x445, 0x446, 0x447,
        0x448, 0x449, 0x44A, 0x44B, 0x44C, 0x44D, 0x44E, 0x44F, 0x451, 0x430, 0x435, 0x438,
        0x43E, 0x410, 0x41F};
    static const struct {
        const char *name;
        const uint32_t *extra; /* besides ASCII; NULL: Cyrillic instead */
        size_t nextra;
    } languages[] = {
        {"english", unicode, RC_ARRAY_LEN(unicode)},  {"german", latin1, RC_ARRAY_LEN(latin1)},
        {"french", unicode, RC_ARRAY_LEN(unicode)},   {"dutch", latin1, RC_ARRAY_LEN(latin1)},
        {"hungarian", unicode, RC_ARRAY_LEN(unicode)}, {"indonesian", latin1, 0},
        {"norwegian_nynorsk", latin1, RC_ARRAY_LEN(latin1)}, {"russian", NULL, 0},
        {"polish", latin2, RC_ARRAY_LEN(latin2)},     {"romanian", unicode, RC_ARRAY_LEN(unicode)},
        {"czech", latin2, RC_ARRAY_LEN(latin2)},      {"slovak", latin2, RC_ARRAY_LEN(latin2)},
        {"swedish", latin1, RC_ARRAY_LEN(latin1)},
    };
    int compared = 0;
    for (size_t l = 0; l < RC_ARRAY_LEN(languages); l++) {
        rc_diags d;
        rc_diags_init(&d);
        rc_hyph *tables = rc_hyph_open(languages[l].name, (rc_pos){0}, &d);
        setenv("RESCOMP_HYPHEN_DIR", "/usr/share/hyphen", 1); /* libhyphen, from the file */
        rc_hyph *file = tables ? rc_hyph_open(languages[l].name, (rc_pos){0}, &d) : NULL;
        unsetenv("RESCOMP_HYPHEN_DIR");
        if (tables && file) {
            uint32_t state = 2463534242u; /* xorshift32: the same words every run */
            int mismatches = 0, points = 0;
            for (int w = 0; w < 10000; w++) {
                uint32_t cps[24];
                state ^= state << 13, state ^= state >> 17, state ^= state << 5;
                size_t n = 5 + state % 16;
                for (size_t i = 0; i < n; i++) {
                    state ^= state << 13, state ^= state >> 17, state ^= state << 5;
                    uint32_t r = state % 1000;
                    if (!languages[l].extra)
                        cps[i] = cyrillic[r % RC_ARRAY_LEN(cyrillic)];
                    else if (r < 150 && languages[l].nextra) /* an accented letter, now and then */
                        cps[i] = languages[l].extra[r % languages[l].nextra];
                    else
                        cps[i] = ascii[r % RC_ARRAY_LEN(ascii)];
                }
                unsigned char a[24], b[24];
                size_t na = rc_hyph_points(tables, cps, n, a);
                size_t nb = rc_hyph_points(file, cps, n, b);
                mismatches += na != nb || memcmp(a, b, n) != 0;
                points += (int)na;
            }
            CHECK_INT(mismatches, 0);
            CHECK(points > 5000); /* the words were hyphenated, not refused */
            compared++;
        }
        rc_hyph_close(tables);
        rc_hyph_close(file);
        rc_diags_release(&d);
    }
    CHECK(compared >= 1);
    fprintf(stderr, "test_hyph: matcher against libhyphen in %d languages\n", compared);
}

static int same_string(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/*
 * Every compiled-in dictionary is, state for state, the one libhyphen
 * loads from the installed file (a dictionary missing at build time is
 * loaded at run time, and one missing now cannot be compared).
 */
static void test_builtin_tables(void)
{
    int compared = 0;
    for (const rc_hyph_builtin *b = rc_hyph_builtins; b->locale; b++) {
        char path[128];
        snprintf(path, sizeof(path), "/usr/share/hyphen/hyph_%s.dic", b->locale);
        if (!b->data->levels || access(path, R_OK) != 0) {
            fprintf(stderr, "test_hyph: %s not compiled in or not installed, skipped\n",
                    b->locale);
            continue;
        }
        HyphenDict *want = hnj_hyphen_load(path), *got = rc_hyph_dict_from_data(b->data);
        CHECK(want != NULL);
        int bad = 0;
        const HyphenDict *w = want, *g = got;
        for (; w && g; w = w->nextlevel, g = g->nextlevel) {
            bad += w->lhmin != g->lhmin || w->rhmin != g->rhmin || w->clhmin != g->clhmin ||
                   w->crhmin != g->crhmin || w->nohyphenl != g->nohyphenl ||
                   w->num_states != g->num_states || w->utf8 != g->utf8 ||
                   strcmp(w->cset, g->cset) != 0 || !w->nohyphen != !g->nohyphen;
            if (bad)
                break;
            const char *wn = w->nohyphen, *gn = g->nohyphen;
            for (int k = 0; wn && k <= w->nohyphenl; k++) {
                bad += strcmp(wn, gn) != 0;
                wn += strlen(wn) + 1;
                gn += strlen(gn) + 1;
            }
            for (int i = 0; i < w->num_states; i++) {
                const HyphenState *ws = &w->states[i], *gs = &g->states[i];
                bad += !same_string(ws->match, gs->match) || !same_string(ws->repl, gs->repl) ||
                       ws->fallback_state != gs->fallback_state ||
                       ws->num_trans != gs->num_trans;
                if (ws->repl && gs->repl)
                    bad += ws->replindex != gs->replindex || ws->replcut != gs->replcut;
                for (int t = 0; t < ws->num_trans && t < gs->num_trans; t++)
                    bad += ws->trans[t].ch != gs->trans[t].ch ||
                           ws->trans[t].new_state != gs->trans[t].new_state;
            }
        }
        bad += w != NULL || g != NULL; /* as many levels */
        if (bad)
            fprintf(stderr, "test_hyph: %s: %d differences\n", b->locale, bad);
        CHECK_INT(bad, 0);
        compared++;
        if (want)
            hnj_hyphen_free(want);
        rc_hyph_dict_free(got);
    }
    CHECK(compared > 0);
}

static void test_missing(void)
{
    rc_diags d;
    rc_diags_init(&d);
    CHECK(rc_hyph_open("klingon", (rc_pos){"cv.yaml", 3, 13}, &d) == NULL);
    CHECK_INT(d.nwarnings, 1);
    CHECK(strstr(d.v[0].message, "'klingon'") != NULL);
    CHECK_INT(d.v[0].pos.line, 3);
    setenv("RESCOMP_HYPHEN_DIR", "/nonexistent", 1);
    CHECK(rc_hyph_open("german", (rc_pos){0}, &d) == NULL);
    CHECK_INT(d.nwarnings, 2);
    CHECK(strstr(d.v[1].message, "hyphen-de") != NULL);
    unsetenv("RESCOMP_HYPHEN_DIR");
    CHECK_INT(d.nerrors, 0);
    rc_diags_release(&d);
}

static void test_builder_rules(void)
{
    rc_arena a;
    rc_arena_init(&a);
    rc_diags d;
    rc_diags_init(&d);
    rc_fonts fonts = {0};
    rc_test_shipped_fonts(&fonts, &d);
    rc_hyph *h = rc_hyph_open("english", (rc_pos){0}, &d);
    rc_para_style ps = {0};
    ps.size = RC_PT(10);
    ps.hyphen_penalty = 50;
    ps.ex_hyphen_penalty = 50;
    ps.hyph = h;
    ps.hyphenate = 1;
    ps.align = RC_ALIGN_JUSTIFY;
    struct {
        const char *text;
        int discretionaries;
    } cases[] = {
        {"hyphenation", 2},
        {"hyphenation),", 2},             /* punctuation around a word is fine */
        {"(hyphenation),", 1},            /* but not "(hy-": four letters after a bracket */
        {"[hyphenation](https://x.org)", 0}, /* links never */
        {"`hyphenation`", 0},             /* code never */
        {"HYPHENATION", 0},               /* capitals only never */
        {"hyphenation2024", 0},           /* digits never */
        {"hyp", 0},
    };
    for (size_t i = 0; i < RC_ARRAY_LEN(cases); i++) {
        rc_para p;
        rc_para_init(&p, RC_ALIGN_JUSTIFY, (rc_pos){0});
        rc_spans spans = rc_markup_parse(&a, cases[i].text, strlen(cases[i].text));
        rc_para_add_spans(&p, spans, &ps, &fonts, &a, &d);
        int disc = 0;
        for (size_t k = 0; k < p.n; k++)
            if (p.items[k].type == RC_ITEM_PENALTY && p.items[k].discretionary) {
                disc++;
                CHECK_INT(p.items[k].flagged, 1);
                CHECK(p.items[k].width > 0); /* the hyphen's width */
                CHECK_INT(p.items[k].penalty, 50);
            }
        if (disc != cases[i].discretionaries)
            fprintf(stderr, "case '%s'\n", cases[i].text);
        CHECK_INT(disc, cases[i].discretionaries);
        rc_para_release(&p);
    }
    /* a name set without breaks is never hyphenated */
    ps.no_breaks = 1;
    rc_para p;
    rc_para_init(&p, RC_ALIGN_JUSTIFY, (rc_pos){0});
    rc_para_add_spans(&p, rc_markup_parse(&a, "Hyphenation", 11), &ps, &fonts, &a, &d);
    CHECK_INT(p.n, 1);
    rc_para_release(&p);
    rc_hyph_close(h);
    rc_fonts_release(&fonts);
    rc_diags_release(&d);
    rc_arena_release(&a);
}

/* A paragraph of the markup `text` built with English patterns. */
static void build_text(rc_para *p, const char *text, rc_fonts *fonts, const rc_hyph *h,
                       rc_arena *a, rc_diags *d)
{
    rc_para_style ps = {0};
    ps.size = RC_PT(10);
    ps.hyphen_penalty = 50;
    ps.ex_hyphen_penalty = 50;
    ps.hyph = h;
    ps.hyphenate = 1;
    ps.align = RC_ALIGN_JUSTIFY;
    rc_para_init(p, RC_ALIGN_JUSTIFY, (rc_pos){0});
    rc_para_add_spans(p, rc_markup_parse(a, text, strlen(text)), &ps, fonts, a, d);
}

/* The text of the boxes of p as "ab|cd ef": '|' an automatic hyphenation
 * point, '=' an explicit hyphen's break, ' ' a glue that may break, '~'
 * a glue that may not (a tie). */
static const char *shape(const rc_para *p)
{
    static char out[512];
    size_t o = 0;
    for (size_t k = 0; k < p->n && o + 8 < sizeof(out); k++) {
        const rc_item *it = &p->items[k];
        if (it->type == RC_ITEM_BOX) {
            const rc_run *r = &p->runs[it->payload];
            for (size_t i = 0; i < r->n && o + 8 < sizeof(out); i++)
                o += rc_utf8_encode(r->cps[i], out + o);
        } else if (it->type == RC_ITEM_PENALTY && it->discretionary) {
            out[o++] = '|';
        } else if (it->type == RC_ITEM_PENALTY && it->flagged) {
            out[o++] = '=';
        } else if (it->type == RC_ITEM_GLUE && it->width > 0) {
            int tied = k > 0 && p->items[k - 1].type == RC_ITEM_PENALTY &&
                       p->items[k - 1].penalty >= RC_INF_PENALTY;
            out[o++] = tied ? '~' : ' ';
        }
    }
    out[o] = 0;
    return out;
}

/*
 * The builder's discipline (build.c's word_kept_whole, explicit_break_ok,
 * short_link_label, the rule after an opening quote): each class of word
 * that must stay whole, beside a word of the same shape that may break.
 */
static void test_discipline(void)
{
    rc_arena a;
    rc_arena_init(&a);
    rc_diags d;
    rc_diags_init(&d);
    rc_fonts fonts = {0};
    rc_test_shipped_fonts(&fonts, &d);
    rc_hyph *h = rc_hyph_open("english", (rc_pos){0}, &d);
    CHECK(rc_hyph_capitals_mark_names(h));
    struct {
        const char *text, *shape;
    } cases[] = {
        /* ordinary words break at their patterns */
        {"the representation", "the rep|re|sen|ta|tion"},
        /* names: a capital inside a sentence; a capital that begins one may break */
        {"at the University", "at the University"},
        {"University of Virginia", "Uni|ver|sity of Virginia"},
        {"It ended. University", "It ended. Uni|ver|sity"},
        {"Google Learning Theory Seminar", "Google Learning Theory Seminar"},
        /* acronyms and product names: a capital after the first letter */
        {"the RLHFflow and LMFlow and GitHub", "the RLHFflow and LMFlow and GitHub"},
        {"REPRESENTATION", "REPRESENTATION"},
        /* digits, URLs, e-mail addresses, paths, links */
        {"representation2024", "representation2024"},
        /* a URL is never hyphenated; it may end a line after a '/' (no hyphen shows) */
        {"see example.org/representation", "see example.org/=representation"},
        {"mail representation@example.org", "mail representation@example.org"},
        {"the [representation](https://x.org)", "the representation"},
        /* after an opening quote or bracket, four letters at least */
        {"a \u201crepresentation", "a \u201crepre|sen|ta|tion"},
        {"a (representation)", "a (repre|sen|ta|tion)"},
        {"a pessimistic", "a pes|simistic"},
        {"a \u201cpessimistic", "a \u201cpessimistic"},
        /* a compound breaks only at its own hyphen, with three letters each side */
        {"knowledge-intensive", "knowledge-=intensive"},
        {"the state-of-the-art", "the state-of-=the-=art"}, /* not before "of" */
        {"the LM-Flow", "the LM-Flow"},
        {"an e-mail", "an e-mail"},
        /* a short link label is tied; a long one is not */
        {"[ICML 2022](https://x.org)", "ICML~2022"},
        {"[NeurIPS 2021 Oral](https://x.org)", "NeurIPS~2021~Oral"},
        {"[Under Major Revision at Operations Research](https://x.org)",
         "Under Major Revision at Operations Research"},
    };
    for (size_t i = 0; i < RC_ARRAY_LEN(cases); i++) {
        rc_para p;
        build_text(&p, cases[i].text, &fonts, h, &a, &d);
        CHECK_STR(shape(&p), cases[i].shape);
        rc_para_release(&p);
    }
    rc_hyph *de = rc_hyph_open("german", (rc_pos){0}, &d);
    if (de) /* German capitalises every noun: capitals say nothing of names */
        CHECK(!rc_hyph_capitals_mark_names(de));
    rc_hyph_close(de);
    rc_hyph_close(h);
    rc_fonts_release(&fonts);
    rc_diags_release(&d);
    rc_arena_release(&a);
}

int main(void)
{
    test_english();
    test_other_languages();
    test_builtin_matches_file();
    test_matcher_matches_libhyphen();
    test_builtin_tables();
    test_missing();
    test_builder_rules();
    test_discipline();
    return rc_test_report("test_hyph");
}
