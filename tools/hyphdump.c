/*
 * hyphdump: compile a libhyphen dictionary into C data, at build time.
 *
 *   hyphdump DICT.dic NAME OUTPUT.c
 *
 * libhyphen parses a pattern file into a state machine each time it loads
 * one: about 5 ms for English, and 2.4 s for German's 290,000 states. This
 * tool loads the dictionary once, with libhyphen itself, and writes its
 * states and transitions as the flat tables of src/hyph_data.h, defining
 * `const rc_hyph_data rc_hyph_data_NAME`. At run time hyph.c rebuilds
 * libhyphen's HyphenDict from them (a linear pass) and hands it to
 * libhyphen's hyphenation functions: the algorithm and the patterns stay
 * libhyphen's and Debian's. With no dictionary at build time, it writes an
 * empty rc_hyph_data, and rescomp loads the patterns at run time as before.
 *
 * The tables are arrays of integers and one string, not structs holding
 * pointers: GCC compiles them quickly, and a position-independent program
 * needs no relocation of them at start.
 */
#include <hyphen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* All strings of the dictionary, each once, NUL-ended, in one buffer. */
typedef struct pool {
    char *bytes;
    size_t len, cap;
    int32_t *slots; /* open addressing: offset + 1, or 0 for empty */
    size_t nslots, used;
} pool;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "hyphdump: out of memory\n");
        exit(1);
    }
    return p;
}

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int32_t pool_append(pool *p, const char *s, size_t n)
{
    if (p->len + n > p->cap) {
        p->cap = (p->len + n) * 2;
        p->bytes = xrealloc(p->bytes, p->cap);
    }
    memcpy(p->bytes + p->len, s, n);
    p->len += n;
    return (int32_t)(p->len - n);
}

static int32_t pool_add(pool *p, const char *s)
{
    if (!s)
        return -1;
    if ((p->used + 1) * 2 > p->nslots) {
        size_t n = p->nslots ? p->nslots * 2 : 1024;
        int32_t *slots = xrealloc(NULL, n * sizeof(*slots));
        memset(slots, 0, n * sizeof(*slots));
        for (size_t i = 0; i < p->nslots; i++)
            if (p->slots[i]) {
                size_t k = hash(p->bytes + p->slots[i] - 1) & (n - 1);
                while (slots[k])
                    k = (k + 1) & (n - 1);
                slots[k] = p->slots[i];
            }
        free(p->slots);
        p->slots = slots;
        p->nslots = n;
    }
    size_t k = hash(s) & (p->nslots - 1);
    for (; p->slots[k]; k = (k + 1) & (p->nslots - 1))
        if (strcmp(p->bytes + p->slots[k] - 1, s) == 0)
            return p->slots[k] - 1;
    int32_t off = pool_append(p, s, strlen(s) + 1);
    p->slots[k] = off + 1;
    p->used++;
    return off;
}

/* Ten numbers a line, as C. */
static void put_ints(FILE *f, const char *type, const char *name, const int64_t *v, int32_t n)
{
    fprintf(f, "static const %s %s[] = {", type, name);
    for (int32_t i = 0; i < n; i++)
        fprintf(f, "%s%lld,", i % 10 ? "" : "\n", (long long)v[i]);
    fputs("\n};\n", f);
}

static void put_string(FILE *f, const char *s, size_t n)
{
    fputs("\"", f);
    for (size_t i = 0, col = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (col > 80) {
            fputs("\"\n    \"", f);
            col = 0;
        }
        if (c == '"' || c == '\\')
            col += (size_t)fprintf(f, "\\%c", c);
        else if (c < 0x20 || c >= 0x7F || c == '?') /* '?': no trigraphs */
            col += (size_t)fprintf(f, "\\%03o", c); /* always 3 digits: ends the escape */
        else
            col += (size_t)fprintf(f, "%c", c);
    }
    fputs("\"", f);
}

/* Whether the tables can hold the dictionary: ntrans is a byte; a transition's state, 24 bits. */
static int fits(const HyphenDict *dict)
{
    for (const HyphenDict *d = dict; d; d = d->nextlevel) {
        if (d->num_states < 1 || d->num_states >= (1 << 24))
            return 0;
        for (int i = 0; i < d->num_states; i++)
            if (d->states[i].num_trans < 0 || d->states[i].num_trans > 255)
                return 0;
    }
    return 1;
}

static void count(const HyphenDict *d, int32_t *ntrans, int32_t *nrepl)
{
    *ntrans = *nrepl = 0;
    for (int i = 0; i < d->num_states; i++) {
        *ntrans += d->states[i].num_trans;
        *nrepl += d->states[i].repl != NULL;
    }
}

/* The tables of one level, named l<level>_*. */
static void dump_level(FILE *f, const HyphenDict *d, int level, pool *p)
{
    int32_t n = d->num_states, ntrans, nrepl;
    count(d, &ntrans, &nrepl);
    int64_t *v = xrealloc(NULL, sizeof(*v) * (size_t)(ntrans > n ? ntrans : n));
    char name[32];
    snprintf(name, sizeof(name), "l%d_match", level);
    for (int32_t i = 0; i < n; i++)
        v[i] = pool_add(p, d->states[i].match);
    put_ints(f, "int32_t", name, v, n);
    snprintf(name, sizeof(name), "l%d_fallback", level);
    for (int32_t i = 0; i < n; i++)
        v[i] = d->states[i].fallback_state;
    put_ints(f, "int32_t", name, v, n);
    snprintf(name, sizeof(name), "l%d_ntrans", level);
    for (int32_t i = 0; i < n; i++)
        v[i] = d->states[i].num_trans;
    put_ints(f, "unsigned char", name, v, n);
    snprintf(name, sizeof(name), "l%d_first", level);
    for (int32_t i = 0, k = 0; i < n; k += d->states[i].num_trans, i++)
        v[i] = k;
    put_ints(f, "int32_t", name, v, n);
    if (ntrans) {
        int32_t k = 0;
        for (int32_t i = 0; i < n; i++)
            for (int t = 0; t < d->states[i].num_trans; t++) {
                const HyphenTrans *tr = &d->states[i].trans[t];
                v[k++] = (int64_t)tr->new_state << 8 | (unsigned char)tr->ch;
            }
        snprintf(name, sizeof(name), "l%d_trans", level);
        put_ints(f, "uint32_t", name, v, ntrans);
    }
    if (nrepl) {
        /* libhyphen reads replindex and replcut only where there is a repl */
        fprintf(f, "static const rc_hyph_repl l%d_repl[] = {\n", level);
        for (int32_t i = 0; i < n; i++) {
            const HyphenState *st = &d->states[i];
            if (st->repl)
                fprintf(f, "    {%d, %d, %d, %d},\n", (int)i, (int)pool_add(p, st->repl),
                        st->replindex, st->replcut);
        }
        fputs("};\n", f);
    }
    free(v);
}

/*
 * nohyphen's strings, byte for byte, or -1. There are nohyphenl + 1 of
 * them (nohyphenl counts the commas between them), and libhyphen reads all.
 */
static int32_t add_nohyphen(pool *p, const HyphenDict *d)
{
    if (!d->nohyphen)
        return -1;
    size_t len = 0;
    for (int k = 0; k <= d->nohyphenl; k++)
        len += strlen(d->nohyphen + len) + 1;
    return pool_append(p, d->nohyphen, len);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: hyphdump DICT.dic NAME OUTPUT.c\n");
        return 2;
    }
    const char *name = argv[2];
    HyphenDict *dict = hnj_hyphen_load(argv[1]);
    FILE *f = fopen(argv[3], "w");
    if (!f) {
        perror(argv[3]);
        return 1;
    }
    fprintf(f, "/* Generated by tools/hyphdump.c at build time: do not edit. */\n");
    fprintf(f, "#include \"hyph_data.h\"\n\n#include <stddef.h>\n\n");
    if (dict && !fits(dict)) {
        fprintf(stderr, "hyphdump: %s does not fit the tables; loaded at run time\n", argv[1]);
        hnj_hyphen_free(dict);
        dict = NULL;
    }
    if (!dict) {
        fprintf(f, "/* %s was not compiled in: loaded at run time instead. */\n", argv[1]);
        fprintf(f, "const rc_hyph_data rc_hyph_data_%s = {0, NULL, NULL};\n", name);
        fclose(f);
        return 0;
    }
    pool p = {0};
    int levels = 0;
    for (HyphenDict *d = dict; d; d = d->nextlevel)
        dump_level(f, d, levels++, &p);
    fprintf(f, "static const rc_hyph_level levels[] = {\n");
    int l = 0;
    for (HyphenDict *d = dict; d; d = d->nextlevel, l++) {
        fprintf(f, "    {%d, %d, %d, %d, %d, %d, ", d->lhmin, d->rhmin, d->clhmin, d->crhmin,
                (int)add_nohyphen(&p, d), d->nohyphenl);
        put_string(f, d->cset, strlen(d->cset));
        int32_t ntrans, nrepl;
        count(d, &ntrans, &nrepl);
        fprintf(f, ", %d,\n     %d, %d, %d, l%d_match, l%d_fallback, l%d_ntrans, ", d->utf8,
                d->num_states, (int)ntrans, (int)nrepl, l, l, l);
        if (ntrans)
            fprintf(f, "l%d_trans, ", l);
        else
            fputs("NULL, ", f);
        if (nrepl)
            fprintf(f, "l%d_repl, ", l);
        else
            fputs("NULL, ", f);
        fprintf(f, "l%d_first},\n", l);
    }
    fputs("};\n", f);
    fputs("static const char strings[] =\n    ", f);
    put_string(f, p.bytes, p.len);
    fputs(";\n", f);
    fprintf(f, "const rc_hyph_data rc_hyph_data_%s = {%d, levels, strings};\n", name, levels);
    fclose(f);
    hnj_hyphen_free(dict);
    free(p.bytes);
    free(p.slots);
    return 0;
}
