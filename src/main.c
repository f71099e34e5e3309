/*
 * main: the rescomp command line. A thin client of the library's facade,
 * as cmark's main.c is.
 */
#include "rescomp/rescomp.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RESCOMP_VERSION
#define RESCOMP_VERSION "0.0.0"
#endif

static const char usage[] =
    "usage: rescomp INPUT [-o OUTPUT] [options]\n"
    "\n"
    "Typeset a CV written in YAML (RenderCV's format) into a PDF.\n"
    "\n"
    "  -o, --output FILE  the PDF to write (default: INPUT with .pdf)\n"
    "      --trace        print the laid-out pages as text on stdout\n"
    "                     (no PDF is written unless -o is given too)\n"
    "  -q, --quiet        print nothing but errors\n"
    "      --strict       treat warnings as errors\n"
    "  -h, --help         show this help\n"
    "      --version      show the version\n"
    "\n"
    "Exit codes: 0 ok, 1 errors in the CV (or warnings with --strict),\n"
    "2 bad command line, 3 a file could not be read or written,\n"
    "4 a font is missing or lacks a character, 5 internal error.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "rescomp: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'rescomp --help' for more information.\n");
    return RESCOMP_EXIT_USAGE;
}

/* INPUT with its extension replaced by .pdf. */
static char *default_output(const char *input)
{
    size_t n = strlen(input);
    const char *slash = strrchr(input, '/');
    const char *dot = strrchr(input, '.');
    if (dot && (!slash || dot > slash) && dot != input && dot[-1] != '/')
        n = (size_t)(dot - input);
    char *out = malloc(n + 5);
    if (!out)
        return NULL;
    memcpy(out, input, n);
    memcpy(out + n, ".pdf", 5);
    return out;
}

int main(int argc, char **argv)
{
    rescomp_options o = {0};
    int trace = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
            if (++i >= argc)
                return usage_error("option '%s' needs a file name", arg);
            o.output = argv[i];
        } else if (strncmp(arg, "--output=", 9) == 0) {
            o.output = arg + 9;
        } else if (strcmp(arg, "--trace") == 0) {
            trace = 1;
        } else if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
            o.quiet = 1;
        } else if (strcmp(arg, "--strict") == 0) {
            o.strict = 1;
        } else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(usage, stdout);
            return RESCOMP_EXIT_OK;
        } else if (strcmp(arg, "--version") == 0) {
            printf("rescomp %s\n", RESCOMP_VERSION);
            return RESCOMP_EXIT_OK;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option '%s'", arg);
        } else if (o.input) {
            return usage_error("more than one input file given ('%s')", arg);
        } else {
            o.input = arg;
        }
    }
    if (!o.input)
        return usage_error("%s", "no input file given");

    /* A file size limit must fail the write, not kill the process. */
    signal(SIGXFSZ, SIG_IGN);

    char *owned = NULL;
    if (trace) {
        o.trace = stdout;
    } else if (!o.output) {
        owned = default_output(o.input);
        o.output = owned;
    }
    int code = rescomp_compile(&o);
    free(owned);
    return code;
}
