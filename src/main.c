/*
 * main: the rescomp command line. A thin client of the library's facade,
 * as cmark's main.c is.
 */
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h> /* mallopt: glibc's (macOS and the BSDs have no <malloc.h>) */
#endif

#ifndef RESCOMP_VERSION
#define RESCOMP_VERSION "0.0.0"
#endif

static const char usage[] =
    "usage: rescomp INPUT [OVERLAY...] [-o OUTPUT] [options]\n"
    "       rescomp new \"Full Name\" [--theme THEME] [--format yaml|json]\n"
    "\n"
    "Typeset a CV written in YAML (RenderCV's format) into a PDF.\n"
    "'rescomp new' writes Full_Name_CV.yaml, a CV to start from (every entry\n"
    "type, with comments), or Full_Name_CV.json in JSON Resume's format;\n"
    "it never overwrites a file.\n"
    "OVERLAY files are merged over INPUT in order (later ones win).\n"
    "\n"
    "  -o, --output FILE  the PDF (or .txt, .md, .html) to write (default: INPUT with .pdf;\n"
    "                     with --variant NAME: INPUT-NAME.pdf); -: standard output\n"
    "      --trace        print the laid-out pages as text on stdout\n"
    "                     (no PDF is written unless -o is given too)\n"
    "  -q, --quiet        print nothing but errors\n"
    "      --strict       treat warnings as errors\n"
    "      --set PATH=VALUE  override a value, e.g. --set cv.headline=Engineer\n"
    "                     or design.page.size=a5 (repeatable, applied in order)\n"
    "      --variant NAME compile the variant NAME of the CV's variants:\n"
    "      --all-variants compile every variant to DIR/INPUT-NAME.pdf, where\n"
    "                     -o names DIR (created; default: INPUT's folder)\n"
    "  -j, --jobs N       compile N variants at once (default: one per core)\n"
    "      --list-variants  print the names of the variants, one a line\n"
    "      --letter       write the CV's cover letter (its letter:) alone (default:\n"
    "                     INPUT-letter.pdf); a variant with a letter otherwise\n"
    "                     writes it beside its CV, as INPUT-NAME-letter.pdf\n"
    "      --combine      write the letter and then the CV as one file\n"
    "      --check        check the CV and every variant (and letters); write nothing\n"
    "      --depfile FILE write a make rule: the output(s) depend on every\n"
    "                     YAML file read, the fonts, the photo and signatures\n"
    "      --watch        compile again whenever an input file changes\n"
    "      --format FMT   pdf, txt (plain text, 80 columns), md (Markdown) or html\n"
    "                     (one self-contained page); default: from the extension\n"
    "                     of -o (.txt, .md, .html), else pdf\n"
    "      --width N      the columns of --format txt (default 80; 0: no hard\n"
    "                     wrapping, a paragraph a line, for the text boxes of forms)\n"
    "      --pdf-standard LIST  make the PDF meet these standards: a-1b, a-2b,\n"
    "                     a-2u (PDF/A) and ua-1 (PDF/UA); comma-separated, with\n"
    "                     one PDF/A level at most, and ua-1 only with a-2b or a-2u\n"
    "      --no-pdf-tags  write an untagged PDF (tagged: its structure for screen\n"
    "                     readers and text extraction; the default)\n"
    "      --schema       print the JSON Schema of the YAML input (for editors)\n"
    "      --upgrade      print INPUT, a RenderCV 1.x or 2.0-2.3 file, in the v2.8\n"
    "                     form on stdout (comments and layout kept; INPUT is not changed)\n"
    "      --design FILE  merge the design: of FILE over the CV's (RenderCV's --design)\n"
    "      --root DIR     the folder the files a CV names (photo, .bib) must lie in\n"
    "                     (default: INPUT's folder)\n"
    "      --list-themes  print the built-in themes, one a line with what each is\n"
    "      --job FILE     check the CV against the job ad in FILE (plain text): print\n"
    "                     the ad's terms the CV has ('found:') and lacks ('missing:');\n"
    "                     without it, each variant's job: (with --all-variants)\n"
    "  -h, --help         show this help\n"
    "      --version      show the version\n"
    "\n"
    "A terminal gets diagnostics in colour (not with NO_COLOR set) and a line\n"
    "for each file written (not with -q).\n"
    "\n"
    "Exit codes: 0 ok, 1 errors in the CV (or warnings with --strict),\n"
    "2 bad command line, 3 a file could not be read or written,\n"
    "4 a font is missing or corrupt, 5 internal error.\n";

/*
 * Whether stderr shows colours: a terminal, not a dumb one, and no
 * NO_COLOR (https://no-color.org: set and not empty).
 */
static int stderr_color(void)
{
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(STDERR_FILENO) && !(no && *no) && !(term && !strcmp(term, "dumb"));
}

static int usage_error(const char *fmt, const char *arg)
{
    /* coloured as the library colours its diagnostics (diag.c) */
    fputs(stderr_color() ? "\033[1mrescomp:\033[m \033[1;31merror:\033[m " : "rescomp: error: ",
          stderr);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'rescomp --help' for more information.\n");
    return RESCOMP_EXIT_USAGE;
}

/* The output's extension: "pdf", or the --format's. */
static const char *output_extension = "pdf";

/* INPUT with its extension replaced by .pdf (.txt, .md with --format). */
static char *default_output(const char *input)
{
    size_t n = strlen(input);
    const char *slash = strrchr(input, '/');
    const char *dot = strrchr(input, '.');
    if (dot && (!slash || dot > slash) && dot != input && dot[-1] != '/')
        n = (size_t)(dot - input);
    size_t e = strlen(output_extension);
    char *out = malloc(n + e + 2);
    if (!out)
        return NULL;
    memcpy(out, input, n);
    out[n] = '.';
    memcpy(out + n + 1, output_extension, e + 1);
    return out;
}

/* INPUT's folder and stem: "dir/cv.yaml" -> "dir/cv-NAME.pdf". */
static char *variant_output(const char *input, const char *name)
{
    char *pdf = default_output(input);
    if (!pdf)
        return NULL;
    size_t e = strlen(output_extension), n = strlen(pdf) - e - 1, m = strlen(name);
    char *out = malloc(n + m + e + 3);
    if (out) {
        memcpy(out, pdf, n);
        out[n] = '-';
        memcpy(out + n + 1, name, m);
        out[n + 1 + m] = '.';
        memcpy(out + n + 2 + m, output_extension, e + 1);
    }
    free(pdf);
    return out;
}

/*
 * An option with a value: "--name VALUE" or "--name=VALUE" (and for a
 * short name, "-j VALUE" or "-jVALUE"). Returns the value, or NULL when
 * arg is not this option; *i moves past a separate value.
 */
static const char *value_of(int argc, char **argv, int *i, const char *lng, const char *shrt,
                            int *missing)
{
    const char *arg = argv[*i];
    size_t n = strlen(lng);
    if (!strncmp(arg, lng, n) && arg[n] == '=')
        return arg + n + 1;
    if (shrt && !strncmp(arg, shrt, 2) && arg[2])
        return arg + 2;
    if (strcmp(arg, lng) && (!shrt || strcmp(arg, shrt)))
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

/* rescomp new "Full Name" [--theme T] [--format yaml|json] [-q] */
static int new_command(int argc, char **argv)
{
    const char *name = NULL, *theme = NULL, *format = NULL;
    int quiet = 0, missing = 0;
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i], *v;
        if ((v = value_of(argc, argv, &i, "--theme", NULL, &missing))) {
            theme = v;
        } else if ((v = value_of(argc, argv, &i, "--format", NULL, &missing))) {
            format = v;
        } else if (missing) {
            return usage_error("option '%s' needs a value", arg);
        } else if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
            quiet = 1;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option '%s' of 'rescomp new'", arg);
        } else if (name) {
            return usage_error("'rescomp new' takes one name (quote it: \"%s ...\")", name);
        } else {
            name = arg;
        }
    }
    if (!name)
        return usage_error("%s", "'rescomp new' needs the CV's name, as in: rescomp new \"Jane Doe\"");
    return rescomp_new(name, theme, format, quiet);
}

/* The command line, with room for its --set values and overlays (freed by main). */
static int cli(int argc, char **argv, const char **sets, const char **overlays,
               const char **overlay_keys)
{
    rescomp_options o = {0};
    int trace = 0, missing = 0, upgrade = 0;
    o.sets = sets;
    o.overlays = overlays;
    o.overlay_keys = overlay_keys;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *v;
        if ((v = value_of(argc, argv, &i, "--set", NULL, &missing))) {
            sets[o.nsets++] = v;
        } else if ((v = value_of(argc, argv, &i, "--variant", NULL, &missing))) {
            o.variant = v;
        } else if ((v = value_of(argc, argv, &i, "--format", NULL, &missing))) {
            /* an unknown one is the library's usage error, which lists the formats */
            o.format = v;
            output_extension = rescomp_format_extension(v) ? rescomp_format_extension(v) : "pdf";
        } else if ((v = value_of(argc, argv, &i, "--width", NULL, &missing))) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || end == v || n < 0 || n > 100000)
                return usage_error("--width needs a number of columns (0: no hard wrapping), "
                                   "not '%s'", v);
            o.text_width = n == 0 ? RESCOMP_NO_WRAP : (int)n; /* the library checks the range */
        } else if ((v = value_of(argc, argv, &i, "--pdf-standard", NULL, &missing))) {
            char why[160];
            if (rescomp_pdf_standards(v, &o.pdf_standards, why, sizeof(why)))
                return usage_error("%s", why);
        } else if ((v = value_of(argc, argv, &i, "--depfile", NULL, &missing))) {
            o.depfile = v;
        } else if ((v = value_of(argc, argv, &i, "--root", NULL, &missing))) {
            o.root = v;
        } else if ((v = value_of(argc, argv, &i, "--job", NULL, &missing))) {
            o.job = v;
        } else if ((v = value_of(argc, argv, &i, "--design", NULL, &missing))) {
            /* RenderCV's --design: a file holding only `design:`, over the CV's */
            overlay_keys[o.noverlays] = "design";
            overlays[o.noverlays++] = v;
        } else if ((v = value_of(argc, argv, &i, "--jobs", "-j", &missing))) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || end == v || n < 1 || n > 1024)
                return usage_error("-j needs a number of jobs from 1 to 1024, not '%s'", v);
            o.jobs = (int)n;
        } else if (missing) {
            return usage_error("option '%s' needs a value", arg);
        } else if (strcmp(arg, "--all-variants") == 0) {
            o.all_variants = 1;
        } else if (strcmp(arg, "--list-variants") == 0) {
            o.list_variants = 1;
        } else if (strcmp(arg, "--letter") == 0) {
            o.letter = 1;
        } else if (strcmp(arg, "--combine") == 0) {
            o.combine = 1;
        } else if (strcmp(arg, "--check") == 0) {
            o.check = 1;
        } else if (strcmp(arg, "--watch") == 0) {
            o.watch = 1;
        } else if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0 ||
                   strncmp(arg, "--output=", 9) == 0) {
            const char *name = arg[1] == '-' && arg[8] == '=' ? arg + 9 : NULL;
            if (!name && ++i >= argc)
                return usage_error("option '%s' needs a file name", arg);
            if (o.output)
                return usage_error("-o is given twice (the first is '%s'); name one output",
                                   o.output);
            o.output = name ? name : argv[i];
        } else if (strcmp(arg, "--trace") == 0) {
            trace = 1;
        } else if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
            o.quiet = 1;
        } else if (strcmp(arg, "--strict") == 0) {
            o.strict = 1;
        } else if (strcmp(arg, "--no-pdf-tags") == 0) {
            o.no_pdf_tags = 1;
        } else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(usage, stdout);
            return RESCOMP_EXIT_OK;
        } else if (strcmp(arg, "--schema") == 0) {
            return rescomp_print_schema(stdout);
        } else if (strcmp(arg, "--upgrade") == 0) {
            upgrade = 1;
        } else if (strcmp(arg, "--list-themes") == 0) {
            return rescomp_list_themes(stdout);
        } else if (strcmp(arg, "--version") == 0) {
            printf("rescomp %s\n", RESCOMP_VERSION);
            return RESCOMP_EXIT_OK;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option '%s'", arg);
        } else if (o.input) {
            overlays[o.noverlays++] = arg; /* merged over the input, in order */
        } else {
            o.input = arg;
        }
    }
    if (!o.input)
        return usage_error("%s", "no input file given");
    if (upgrade) {
        if (o.noverlays || o.nsets || o.output || trace || o.variant || o.all_variants)
            return usage_error("%s", "--upgrade prints one file on stdout; give it the file "
                               "alone (rescomp --upgrade cv.yaml > new.yaml)");
        return rescomp_upgrade(o.input, stdout, stderr_color());
    }
    if (o.variant && o.all_variants)
        return usage_error("%s", "--variant and --all-variants cannot be combined; pick one");
    if (trace && o.all_variants)
        return usage_error("%s", "--trace shows one CV; use it with --variant NAME instead of "
                           "--all-variants");
    if (o.letter && o.combine)
        return usage_error("%s", "--letter writes the letter alone and --combine the letter "
                           "and the CV in one file; pick one");
    if (o.check && (o.output || trace || o.depfile))
        return usage_error("%s", "--check writes nothing; drop -o, --trace and --depfile");
    if ((o.pdf_standards & RESCOMP_PDF_UA1) && o.no_pdf_tags)
        return usage_error("%s", "PDF/UA-1 is a tagged PDF: drop --no-pdf-tags or ua-1");
    if (o.pdf_standards && o.format && strcmp(o.format, "pdf"))
        return usage_error("%s", "--pdf-standard is about a PDF; drop it or --format");
    if (o.all_variants) {
        o.output_dir = o.output; /* -o DIR */
        o.output = NULL;
    }

    /* A PDF is no text for a terminal: git and curl refuse to print binary data too. */
    if (o.output && !strcmp(o.output, "-") && !strcmp(output_extension, "pdf") &&
        isatty(STDOUT_FILENO))
        return usage_error("%s", "-o - would print the PDF on the terminal; redirect it "
                           "(rescomp cv.yaml -o - > cv.pdf) or name a file with -o");
    o.color = stderr_color();
    o.summary = !o.quiet && isatty(STDERR_FILENO);

    /* A file size limit must fail the write, not kill the process. */
    signal(SIGXFSZ, SIG_IGN);

    char *owned = NULL;
    if (trace) {
        o.trace = stdout;
    } else if (!o.output && !o.check && !o.list_variants && !o.all_variants) {
        owned = o.variant ? variant_output(o.input, o.variant) : default_output(o.input);
        if (owned && o.letter) {
            /* the letter alone is not the CV: INPUT-letter.pdf, INPUT-NAME-letter.pdf */
            char *cv = owned;
            owned = rescomp_letter_output(cv);
            free(cv);
        }
        o.output = owned;
    }
    int code = rescomp_compile(&o);
    free(owned);
    return code;
}

int main(int argc, char **argv)
{
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
    /*
     * A run lives a few milliseconds and needs a few megabytes: grow the
     * heap a megabyte at a time and keep freed memory in it, rather than
     * mapping each large block (the hyphenation states, the compressor)
     * and unmapping it again, a system call each (glibc's mallopt).
     */
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 1 << 20);
#endif
    if (argc >= 2 && strcmp(argv[1], "new") == 0)
        return new_command(argc, argv); /* a CV file named "new" is ./new */
    const char **sets = calloc((size_t)argc, sizeof(*sets));
    const char **overlays = calloc((size_t)argc, sizeof(*overlays));
    const char **overlay_keys = calloc((size_t)argc, sizeof(*overlay_keys));
    int code = sets && overlays && overlay_keys ? cli(argc, argv, sets, overlays, overlay_keys)
                                                : RESCOMP_EXIT_INTERNAL;
    free(overlay_keys);
    free(sets);
    free(overlays);
    return code;
}
