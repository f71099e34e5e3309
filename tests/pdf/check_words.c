/*
 * check_words: does the text extracted from a PDF hold every word of a
 * source text, in reading order?
 *
 *   check_words [--any-order] SOURCE.txt EXTRACTED.txt
 *
 * Both texts are reduced to word tokens the same way: markup of the source
 * (link targets "(#)", <i> tags, *, [, ], \) and punctuation are dropped,
 * dashes and slashes separate words, case is folded. Then every non-empty
 * line of the source must appear in the extracted tokens as a subsequence
 * whose consecutive words are at most GAP tokens apart (a date column set
 * beside an entry may interleave), and each line must start no earlier
 * than BACK tokens before the previous line's start (a date column may be
 * read before the entry text it stands beside). Exit 0 when every line is
 * found; otherwise each missing line is printed and the exit code is 1.
 * With --any-order, only the words count: every source word must be
 * extracted as often as it occurs (so no word was joined with its
 * neighbour or split), whatever the order.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GAP 12
#define BACK 40

typedef struct tokens {
    char **v;
    size_t n, cap;
} tokens;

static void push(tokens *t, const char *s, size_t n)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->v = realloc(t->v, t->cap * sizeof(char *));
        if (!t->v)
            abort();
    }
    char *c = malloc(n + 1);
    if (!c)
        abort();
    memcpy(c, s, n);
    c[n] = 0;
    t->v[t->n++] = c;
}

static void remove_all(char *s, const char *what)
{
    size_t k = strlen(what);
    char *p;
    while ((p = strstr(s, what)))
        memmove(p, p + k, strlen(p + k) + 1);
}

/* Tokenize one line into t; returns the number of tokens added. */
static size_t tokenize(char *line, tokens *t)
{
    remove_all(line, "(#)");
    remove_all(line, "<i>");
    remove_all(line, "</i>");
    /* dashes (ASCII, en, em) and slashes separate words */
    remove_all(line, "\xE2\x80\x9C"); /* “ */
    remove_all(line, "\xE2\x80\x9D"); /* ” */
    remove_all(line, "\xE2\x80\xA2"); /* • */
    char *p;
    while ((p = strstr(line, "\xE2\x80\x93")) || (p = strstr(line, "\xE2\x80\x94"))) {
        p[0] = ' ';
        memmove(p + 1, p + 3, strlen(p + 3) + 1);
    }
    size_t before = t->n;
    size_t len = strlen(line);
    char *word = malloc(len + 1);
    if (!word)
        abort();
    size_t i = 0;
    while (i < len) {
        size_t w = 0;
        while (i < len && (isspace((unsigned char)line[i]) || line[i] == '-' || line[i] == '/'))
            i++;
        while (i < len && !isspace((unsigned char)line[i]) && line[i] != '-' && line[i] != '/') {
            unsigned char c = (unsigned char)line[i];
            int keep = isalnum(c) || c >= 0x80 ||
                       (c == '.' && i > 0 && i + 1 < len && isdigit((unsigned char)line[i - 1]) &&
                        isdigit((unsigned char)line[i + 1]));
            if (keep)
                word[w++] = (char)tolower(c);
            i++;
        }
        if (w)
            push(t, word, w);
    }
    free(word);
    return t->n - before;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (n + 1 == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf)
        abort();
    buf[n] = 0;
    return buf;
}

/* First start >= from where line tokens [a, a+k) match as a gapped subsequence. */
static long find_line(const tokens *doc, size_t from, char **line, size_t k)
{
    for (size_t s = from; s < doc->n; s++) {
        if (strcmp(doc->v[s], line[0]) != 0)
            continue;
        size_t pos = s, j = 1;
        while (j < k) {
            size_t limit = pos + GAP + 1, q;
            for (q = pos + 1; q < doc->n && q < limit; q++)
                if (strcmp(doc->v[q], line[j]) == 0)
                    break;
            if (q >= doc->n || q >= limit)
                break;
            pos = q;
            j++;
        }
        if (j == k)
            return (long)s;
    }
    return -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Words of src missing from doc, counting repetitions. */
static size_t missing_words(tokens *src, tokens *doc)
{
    qsort(src->v, src->n, sizeof(char *), cmp_str);
    qsort(doc->v, doc->n, sizeof(char *), cmp_str);
    size_t i = 0, j = 0, missing = 0;
    while (i < src->n) {
        int c = j < doc->n ? strcmp(src->v[i], doc->v[j]) : -1;
        if (c == 0) {
            i++, j++;
        } else if (c > 0) {
            j++;
        } else {
            fprintf(stderr, "not extracted: %s\n", src->v[i]);
            missing++;
            i++;
        }
    }
    return missing;
}

int main(int argc, char **argv)
{
    int any_order = argc == 4 && strcmp(argv[1], "--any-order") == 0;
    if (any_order) {
        argv++;
        argc--;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: check_words [--any-order] SOURCE.txt EXTRACTED.txt\n");
        return 2;
    }
    char *src = read_file(argv[1]);
    char *ext = read_file(argv[2]);
    tokens doc = {0}, all = {0};
    for (char *save = NULL, *l = strtok_r(ext, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
        tokenize(l, &doc);

    size_t failures = 0, lines = 0, words = 0;
    long prev = 0;
    int lineno = 0;
    char *p = src;
    while (p && *p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        lineno++;
        size_t first = all.n;
        size_t k = tokenize(p, &all);
        if (k && any_order) {
            lines++;
            words += k;
        } else if (k) {
            lines++;
            words += k;
            size_t from = prev > BACK ? (size_t)(prev - BACK) : 0;
            long at = find_line(&doc, from, all.v + first, k);
            if (at < 0) {
                failures++;
                fprintf(stderr, "%s:%d: not found in reading order:", argv[1], lineno);
                for (size_t i = 0; i < k; i++)
                    fprintf(stderr, " %s", all.v[first + i]);
                fprintf(stderr, "\n");
            } else {
                prev = at;
            }
        }
        p = nl ? nl + 1 : NULL;
    }
    if (any_order)
        failures = missing_words(&all, &doc);
    printf("check_words: %zu lines, %zu words of %s; %zu extracted words; %zu %s missing\n",
           lines, words, argv[1], doc.n, failures, any_order ? "words" : "lines");
    for (size_t i = 0; i < doc.n; i++)
        free(doc.v[i]);
    for (size_t i = 0; i < all.n; i++)
        free(all.v[i]);
    free(doc.v);
    free(all.v);
    free(src);
    free(ext);
    return failures || lines == 0 ? 1 : 0;
}
