/*
 * embed: rescomp as a library. Reads a CV (YAML or JSON Resume) on stdin,
 * writes its PDF to stdout, prints the diagnostics on stderr.
 *
 *     cc embed.c $(pkg-config --cflags --libs rescomp) -o embed
 *     ./embed [BASE_DIR] < cv.yaml > cv.pdf
 *
 * BASE_DIR is the folder the files the CV names (its photo, .bib files)
 * are relative to: the folder the CV came from.
 */
#include <rescomp/rescomp.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    size_t len = 0, cap = 1 << 16;
    char *text = malloc(cap);
    size_t got;
    while (text && (got = fread(text + len, 1, cap - len, stdin)) > 0) {
        len += got;
        if (len == cap)
            text = realloc(text, cap *= 2);
    }
    if (!text || ferror(stdin)) {
        fprintf(stderr, "embed: cannot read the CV on stdin\n");
        return 3;
    }

    rescomp_opts *o = rescomp_opts_new();
    if (argc > 1)
        rescomp_opts_set_base_dir(o, argv[1]);
    rescomp_result *r = rescomp_compile_buffer(text, len, o);
    free(text);
    if (!r) {
        fprintf(stderr, "embed: out of memory\n");
        return 5;
    }
    for (size_t i = 0; i < rescomp_result_diag_count(r); i++)
        fprintf(stderr, "%s\n", rescomp_result_diag_text(r, i));
    int status = rescomp_result_status(r);
    size_t n;
    const unsigned char *pdf = rescomp_result_data(r, &n);
    if (status == RESCOMP_EXIT_OK && fwrite(pdf, 1, n, stdout) != n) {
        fprintf(stderr, "embed: cannot write the PDF\n");
        status = 3;
    }
    rescomp_result_free(r);
    rescomp_opts_free(o);
    return status;
}
