/*
 * check_words: does the text extracted from a PDF hold every word of a
 * source text, in reading order?
 *
 *   check_words [--any-order] SOURCE.txt EXTRACTED.txt
 *   check_words --cv CV.yaml EXTRACTED.txt     (or a JSON Resume, CV.json)
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
 *
 * With --cv, the source is the CV itself: the words of every text field
 * under `cv:` that a theme prints as written (names, institutions,
 * degrees, locations, free-text dates, summaries, highlights, section
 * titles...), with their markup resolved, checked in any order. Fields
 * that a theme reformats (ISO dates, phone numbers, URLs behind links,
 * social network accounts shown by network name) are left out.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

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
    /* typographic quotes, apostrophes and primes, as the source's ' and " are */
    static const char *const quotes[] = {
        "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", /* “ ” ‘ ’ */
        "\xE2\x80\x9A", "\xE2\x80\x9E", "\xE2\x80\xB2", "\xE2\x80\xB3", /* ‚ „ ′ ″ */
        "\xC2\xAB",      "\xC2\xBB",      "\xE2\x80\xB9", "\xE2\x80\xBA", /* « » ‹ › */
    };
    for (size_t q = 0; q < sizeof quotes / sizeof quotes[0]; q++)
        remove_all(line, quotes[q]);
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

/* ---- the words of a CV, from its YAML ------------------------------- */

typedef struct text {
    char *s;
    size_t n, cap;
} text;

static void put(text *t, char c)
{
    if (t->n + 2 > t->cap) {
        t->cap = t->cap ? 2 * t->cap : 4096;
        t->s = realloc(t->s, t->cap);
        if (!t->s)
            abort();
    }
    t->s[t->n++] = c;
    t->s[t->n] = 0;
}

/*
 * One field as a line of plain text: escapes resolved, link targets
 * dropped ("[text](url)" shows "text"), '~' a space, inline math
 * ("$$\\alpha$$", printed as Unicode: its tests check it) dropped. Stars,
 * backticks and brackets are punctuation, which the tokenizer drops anyway.
 */
static void put_field(text *t, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '$' && i + 1 < n && s[i + 1] == '$') {
            const char *close = strstr(s + i + 2, "$$");
            const char *nl = strchr(s + i + 2, '\n');
            if (close && close > s + i + 2 && (!nl || close < nl)) {
                i = (size_t)(close - s) + 1;
                put(t, ' ');
                continue;
            }
        }
        if (s[i] == '\\' && i + 1 < n && ispunct((unsigned char)s[i + 1])) {
            put(t, s[++i]);
        } else if (s[i] == ']' && i + 1 < n && s[i + 1] == '(') {
            int depth = 0;
            for (i++; i < n; i++) {
                depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
                if (depth == 0)
                    break;
            }
        } else {
            put(t, s[i] == '~' || s[i] == '\n' ? ' ' : s[i]);
        }
    }
    put(t, '\n');
}

static yaml_node_t *value_of(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE && !strcmp((char *)k->data.scalar.value, key))
            return yaml_document_get_node(doc, p->value);
    }
    return NULL;
}

static const char *scalar(yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A scalar, or each scalar of a list (or each `text:` of a list of mappings). */
static void put_texts(text *t, yaml_document_t *doc, yaml_node_t *n)
{
    if (!n)
        return;
    if (n->type == YAML_SCALAR_NODE) {
        put_field(t, scalar(n));
    } else if (n->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top;
             i++) {
            yaml_node_t *item = yaml_document_get_node(doc, *i);
            put_texts(t, doc, item && item->type == YAML_MAPPING_NODE
                                  ? value_of(doc, item, "text")
                                  : item);
        }
    }
}

/* A date that a theme formats (2021-03, 2014, present) is not printed as written. */
static int formatted_date(const char *s)
{
    size_t n = strlen(s);
    if (!strcmp(s, "present"))
        return 1;
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(isdigit((unsigned char)s[i]) || (s[i] == '-' && (i == 4 || i == 7))))
            return 0;
    return 1;
}

static void put_entry(text *t, yaml_document_t *doc, yaml_node_t *e)
{
    static const char *const printed[] = {
        "institution", "area",    "degree",          "company",  "position", "name",
        "title",       "journal", "label",           "details",  "bullet",   "number",
        "reversed_number", "location", "summary",    "authors",  "highlights",
    };
    for (size_t i = 0; i < sizeof(printed) / sizeof(*printed); i++)
        put_texts(t, doc, value_of(doc, e, printed[i]));
    const char *date = scalar(value_of(doc, e, "date"));
    if (date && !formatted_date(date))
        put_field(t, date);
    yaml_node_t *positions = value_of(doc, e, "positions");
    if (positions && positions->type == YAML_SEQUENCE_NODE)
        for (yaml_node_item_t *i = positions->data.sequence.items.start;
             i < positions->data.sequence.items.top; i++)
            put_entry(t, doc, yaml_document_get_node(doc, *i));
}

/*
 * A JSON Resume's printed text: every string of its schema's sections and
 * fields (JSON Resume v1.0.0, the older names, what al-folio's sample adds
 * and rescomp prints), one a line, but for what a theme reformats or shows
 * as a link or an icon (dates, URLs, the image, phone numbers, country
 * codes, a profile's network and user name). Other keys are not printed,
 * with a warning each (load_jsonresume.c), so they are not counted.
 */
static const char *const json_fields[][2] = {
    {"basics", " name label email summary location profiles address postalCode city region "},
    {"work", " name company location description position summary highlights "},
    {"volunteer", " organization position location summary highlights "},
    {"education", " institution area studyType location score gpa courses summary highlights "},
    {"awards", " title awarder summary "},
    {"certificates", " name issuer summary "},
    {"publications", " name publisher summary "},
    {"skills", " name level keywords "},
    {"languages", " language fluency "},
    {"interests", " name keywords "},
    {"references", " name reference "},
    {"projects", " name description summary highlights keywords roles entity type "},
};

static int json_listed(const char *list, const char *key)
{
    char k[256];
    snprintf(k, sizeof k, " %s ", key);
    return strstr(list, k) != NULL;
}

/* The strings of n (a field's value: text, a list of text, a location's parts). */
static void put_json(text *t, yaml_document_t *doc, yaml_node_t *n, const char *fields)
{
    if (!n)
        return;
    if (n->type == YAML_SCALAR_NODE) {
        put_field(t, scalar(n));
    } else if (n->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top;
             i++)
            put_json(t, doc, yaml_document_get_node(doc, *i), fields);
    } else if (n->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
            const char *key = scalar(yaml_document_get_node(doc, p->key));
            if (key && json_listed(fields, key))
                put_json(t, doc, yaml_document_get_node(doc, p->value), fields);
        }
    }
}

static void put_jsonresume(text *t, yaml_document_t *doc, yaml_node_t *root)
{
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        const char *key = scalar(yaml_document_get_node(doc, p->key));
        for (size_t i = 0; key && i < sizeof(json_fields) / sizeof(*json_fields); i++)
            if (!strcmp(key, json_fields[i][0]))
                put_json(t, doc, yaml_document_get_node(doc, p->value), json_fields[i][1]);
    }
}

/* The printed text of the CV in `path`, one field a line. */
static char *cv_words(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    if (!yaml_parser_load(&parser, &doc)) {
        fprintf(stderr, "%s: not YAML: %s\n", path, parser.problem);
        exit(2);
    }
    text t = {0};
    put(&t, '\n');
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    size_t plen = strlen(path);
    if (!value_of(&doc, root, "cv") &&
        (value_of(&doc, root, "basics") || (plen > 5 && !strcmp(path + plen - 5, ".json")))) {
        put_jsonresume(&t, &doc, root);
        yaml_document_delete(&doc);
        yaml_parser_delete(&parser);
        fclose(f);
        return t.s;
    }
    yaml_node_t *cv = value_of(&doc, root, "cv");
    static const char *const header[] = {"name", "headline", "location", "email"};
    for (size_t i = 0; i < sizeof(header) / sizeof(*header); i++)
        put_texts(&t, &doc, value_of(&doc, cv, header[i]));
    /* a website shows without its scheme */
    text sites = {0};
    put_texts(&sites, &doc, value_of(&doc, cv, "website"));
    for (char *l = sites.s, *nl; l && (nl = strchr(l, '\n')); l = nl + 1) {
        *nl = 0;
        char *s = strstr(l, "://") ? strstr(l, "://") + 3 : l;
        put_field(&t, s);
    }
    free(sites.s);
    /* accounts show their user name, except those shown by the network's name */
    yaml_node_t *socials = value_of(&doc, cv, "social_networks");
    if (socials && socials->type == YAML_SEQUENCE_NODE)
        for (yaml_node_item_t *i = socials->data.sequence.items.start;
             i < socials->data.sequence.items.top; i++) {
            yaml_node_t *s = yaml_document_get_node(&doc, *i);
            const char *net = scalar(value_of(&doc, s, "network"));
            if (net && strcmp(net, "Google Scholar") && strcmp(net, "ORCID") &&
                strcmp(net, "StackOverflow") && strcmp(net, "WhatsApp") &&
                strcmp(net, "Mastodon"))
                put_texts(&t, &doc, value_of(&doc, s, "username"));
        }
    yaml_node_t *custom = value_of(&doc, cv, "custom_connections");
    if (custom && custom->type == YAML_SEQUENCE_NODE)
        for (yaml_node_item_t *i = custom->data.sequence.items.start;
             i < custom->data.sequence.items.top; i++)
            put_texts(&t, &doc, value_of(&doc, yaml_document_get_node(&doc, *i), "placeholder"));
    yaml_node_t *sections = value_of(&doc, cv, "sections");
    if (sections && sections->type == YAML_MAPPING_NODE)
        for (yaml_node_pair_t *p = sections->data.mapping.pairs.start;
             p < sections->data.mapping.pairs.top; p++) {
            /* "work_experience" is titled "Work Experience" */
            const char *key = scalar(yaml_document_get_node(&doc, p->key));
            int as_is = 0;
            for (const char *k = key; k && *k; k++)
                as_is |= *k == ' ' || isupper((unsigned char)*k);
            for (const char *k = key; k && *k; k++)
                put(&t, *k == '_' && !as_is ? ' ' : *k);
            put(&t, '\n');
            yaml_node_t *list = yaml_document_get_node(&doc, p->value);
            if (!list || list->type != YAML_SEQUENCE_NODE)
                continue;
            for (yaml_node_item_t *i = list->data.sequence.items.start;
                 i < list->data.sequence.items.top; i++) {
                yaml_node_t *e = yaml_document_get_node(&doc, *i);
                if (e && e->type == YAML_SCALAR_NODE)
                    put_field(&t, scalar(e));
                else if (e && e->type == YAML_MAPPING_NODE)
                    put_entry(&t, &doc, e);
            }
        }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(f);
    return t.s;
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
    if (src->n)
        qsort(src->v, src->n, sizeof(char *), cmp_str);
    if (doc->n)
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
    int from_cv = argc == 4 && strcmp(argv[1], "--cv") == 0;
    int any_order = from_cv || (argc == 4 && strcmp(argv[1], "--any-order") == 0);
    if (any_order) {
        argv++;
        argc--;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: check_words [--any-order] SOURCE.txt EXTRACTED.txt\n"
                        "       check_words --cv CV.yaml EXTRACTED.txt\n");
        return 2;
    }
    char *src = from_cv ? cv_words(argv[1]) : read_file(argv[1]);
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
