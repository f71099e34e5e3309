/*
 * Eight CVs compiled at once, in eight threads, through librescomp's
 * public API only: each output must be byte for byte what the same CV
 * gives compiled alone, and every compilation must succeed. The CVs
 * reach what is process-wide in the library: btparse (a .bib file,
 * serialised inside), the phone module (loaded once), fontconfig's
 * set-up, images, the built-in themes, each format.
 *
 *     test_threads SOURCE_DIR [ROUNDS]
 */
#include <rescomp/rescomp.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct job {
    const char *file;  /* relative to the source tree */
    const char *dir;   /* its folder: the base for the files it names */
    rescomp_format format;
    const char *theme;
    const char *variant;
    /* filled in */
    char *text;
    size_t len;
    unsigned char *alone;
    size_t alone_len;
    unsigned char *got;
    size_t got_len;
    int status;
} job;

static job jobs[] = {
    {"examples/academic.yaml", "examples", RESCOMP_FORMAT_PDF, NULL, NULL,
     NULL, 0, NULL, 0, NULL, 0, 0},
    {"examples/engineer.yaml", "examples", RESCOMP_FORMAT_PDF, NULL, NULL,
     NULL, 0, NULL, 0, NULL, 0, 0},
    {"examples/variants.yaml", "examples", RESCOMP_FORMAT_PDF, NULL, "industry",
     NULL, 0, NULL, 0, NULL, 0, 0},
    {"tests/inputs/bibtex.yaml", "tests/inputs", RESCOMP_FORMAT_PDF, NULL, NULL,
     NULL, 0, NULL, 0, NULL, 0, 0},
    {"tests/golden/photo.yaml", "tests/golden", RESCOMP_FORMAT_PDF, NULL, NULL,
     NULL, 0, NULL, 0, NULL, 0, 0},
    {"examples/academic.yaml", "examples", RESCOMP_FORMAT_TXT, NULL, NULL,
     NULL, 0, NULL, 0, NULL, 0, 0},
    {"examples/engineer.yaml", "examples", RESCOMP_FORMAT_MD, NULL, NULL,
     NULL, 0, NULL, 0, NULL, 0, 0},
    {"examples/academic.yaml", "examples", RESCOMP_FORMAT_PDF, "sb2nov", NULL,
     NULL, 0, NULL, 0, NULL, 0, 0},
};
#define NJOBS (sizeof(jobs) / sizeof(jobs[0]))

static const char *root;

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *s = malloc(cap);
    while ((got = fread(s + n, 1, cap - n, f)) > 0)
        if ((n += got) == cap)
            s = realloc(s, cap *= 2);
    fclose(f);
    *len = n;
    return s;
}

static char *path_of(const char *rel)
{
    char *p = malloc(strlen(root) + strlen(rel) + 2);
    sprintf(p, "%s/%s", root, rel);
    return p;
}

/* Compile job j; its output (malloc'd) into *out. */
static int compile(job *j, unsigned char **out, size_t *out_len)
{
    rescomp_opts *o = rescomp_opts_new();
    char *dir = path_of(j->dir);
    const char *name = strrchr(j->file, '/') + 1;
    rescomp_opts_set_base_dir(o, dir);
    rescomp_opts_set_input_name(o, name);
    rescomp_opts_set_format(o, j->format);
    if (j->theme)
        rescomp_opts_set_theme(o, j->theme);
    if (j->variant)
        rescomp_opts_set_variant(o, j->variant);
    rescomp_result *r = rescomp_compile_buffer(j->text, j->len, o);
    int status = rescomp_result_status(r);
    if (status != RESCOMP_EXIT_OK)
        for (size_t i = 0; i < rescomp_result_diag_count(r); i++)
            fprintf(stderr, "%s: %s\n", j->file, rescomp_result_diag_text(r, i));
    size_t n;
    const unsigned char *data = rescomp_result_data(r, &n);
    *out = NULL;
    *out_len = 0;
    if (data) {
        *out = malloc(n ? n : 1);
        memcpy(*out, data, n);
        *out_len = n;
    }
    rescomp_result_free(r);
    rescomp_opts_free(o);
    free(dir);
    return status;
}

static void *run(void *arg)
{
    job *j = arg;
    j->status = compile(j, &j->got, &j->got_len);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_threads SOURCE_DIR [ROUNDS]\n");
        return 2;
    }
    root = argv[1];
    int rounds = argc > 2 ? atoi(argv[2]) : 2;
    int failed = 0;
    for (size_t i = 0; i < NJOBS; i++) {
        char *p = path_of(jobs[i].file);
        jobs[i].text = read_all(p, &jobs[i].len);
        free(p);
        if (!jobs[i].text) {
            fprintf(stderr, "cannot read %s\n", jobs[i].file);
            return 1;
        }
        /* alone, one after the other */
        if (compile(&jobs[i], &jobs[i].alone, &jobs[i].alone_len) != RESCOMP_EXIT_OK ||
            jobs[i].alone_len < 100) {
            fprintf(stderr, "FAIL: %s alone did not compile\n", jobs[i].file);
            failed = 1;
        }
    }
    for (int round = 0; round < rounds; round++) {
        pthread_t t[NJOBS];
        for (size_t i = 0; i < NJOBS; i++)
            if (pthread_create(&t[i], NULL, run, &jobs[i]) != 0) {
                fprintf(stderr, "cannot start a thread\n");
                return 1;
            }
        for (size_t i = 0; i < NJOBS; i++)
            pthread_join(t[i], NULL);
        for (size_t i = 0; i < NJOBS; i++) {
            job *j = &jobs[i];
            if (j->status != RESCOMP_EXIT_OK) {
                fprintf(stderr, "FAIL: round %d: %s (job %zu) exit %d\n", round, j->file, i,
                        j->status);
                failed = 1;
            } else if (j->got_len != j->alone_len || memcmp(j->got, j->alone, j->got_len)) {
                fprintf(stderr, "FAIL: round %d: %s (job %zu): %zu bytes in a thread, %zu "
                        "alone, not the same\n", round, j->file, i, j->got_len, j->alone_len);
                failed = 1;
            }
            free(j->got);
            j->got = NULL;
        }
    }
    for (size_t i = 0; i < NJOBS; i++) {
        free(jobs[i].text);
        free(jobs[i].alone);
    }
    if (!failed)
        printf("%zu CVs, %d rounds of %zu threads: every output as compiled alone\n", NJOBS,
               rounds, NJOBS);
    return failed;
}
