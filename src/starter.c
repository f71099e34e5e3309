/*
 * starter: `rescomp new "Full Name"`, a CV to begin from, as `rendercv new`
 * writes one: Full_Name_CV.yaml in the current folder with every entry type
 * filled with short examples and comments that teach the format
 * (starters/cv.yaml, compiled in), or Full_Name_CV.json in JSON Resume's
 * format (starters/cv.json). The name is filled in as a quoted string,
 * escaped, so any name gives a valid file; the file is never written over
 * one that exists.
 */
#include "cli.h"

#include "atomic.h"
#include "run.h"
#include "theme.h"

#include <string.h>

extern const unsigned char rc_starter_yaml[];
extern const size_t rc_starter_yaml_len;
extern const unsigned char rc_starter_json[];
extern const size_t rc_starter_json_len;

/*
 * s inside double quotes: the escapes YAML's double-quoted scalars and
 * JSON strings share (\" \\ \n \t and \u00XX for other controls).
 */
static void add_quoted_text(rc_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            rc_buf_addc(b, '\\');
            rc_buf_addc(b, (char)*p);
        } else if (*p == '\n') {
            rc_buf_adds(b, "\\n");
        } else if (*p == '\t') {
            rc_buf_adds(b, "\\t");
        } else if (*p < 0x20 || *p == 0x7F) {
            rc_buf_addf(b, "\\u%04X", *p);
        } else {
            rc_buf_addc(b, (char)*p);
        }
    }
}

/* RenderCV's name for the file: spaces become underscores, and so does
 * anything a file name cannot hold or a shell would trip on. */
static void add_file_name(rc_buf *b, const char *name, const char *ext)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        rc_buf_addc(b, *p <= ' ' || *p == 0x7F || strchr("/\\:*?\"<>|", *p) ? '_' : (char)*p);
    rc_buf_adds(b, "_CV.");
    rc_buf_adds(b, ext);
}

/* The template with @NAME@, @THEME@, @FILE@ and @STEM@ filled in. */
static void fill(rc_buf *out, const char *tmpl, const char *name, const char *theme,
                 const char *file)
{
    const char *dot = strrchr(file, '.');
    size_t stem = dot ? (size_t)(dot - file) : strlen(file);
    for (const char *p = tmpl; *p;) {
        if (!strncmp(p, "@NAME@", 6)) {
            add_quoted_text(out, name);
            p += 6;
        } else if (!strncmp(p, "@THEME@", 7)) {
            rc_buf_adds(out, theme);
            p += 7;
        } else if (!strncmp(p, "@FILE@", 6)) {
            rc_buf_adds(out, file);
            p += 6;
        } else if (!strncmp(p, "@STEM@", 6)) {
            rc_buf_add(out, file, stem);
            p += 6;
        } else {
            rc_buf_addc(out, *p++);
        }
    }
}

int rescomp_new(const char *name, const char *theme, const char *format, int quiet)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_pos nowhere = {NULL, 0, 0};
    int json = format && !strcmp(format, "json");
    if (!name || !*name)
        rc_error(&d, nowhere, "'rescomp new' needs the CV's name, as in: rescomp new \"Jane Doe\"");
    else if (format && !json && strcmp(format, "yaml"))
        rc_error(&d, nowhere, "unknown starter format '%s'; use yaml (RenderCV's) or json (JSON Resume)",
                 format);
    else if (json && theme)
        rc_error(&d, nowhere, "a JSON Resume file holds no design; use --theme with the YAML "
                              "starter, or compile with --set design.theme=%s", theme);
    else if (theme && !rc_theme_design(theme))
        rc_error(&d, nowhere, "unknown theme '%s'; rescomp --list-themes lists them", theme);

    if (d.nerrors == 0) {
        rc_buf file = RC_BUF_INIT, text = RC_BUF_INIT;
        add_file_name(&file, name, json ? "json" : "yaml");
        fill(&text, (const char *)(json ? rc_starter_json : rc_starter_yaml), name,
             theme ? theme : RC_DEFAULT_THEME, rc_buf_str(&file));
        if (rc_write_new(rc_buf_str(&file), text.ptr, text.len, &d) == 0 && !quiet)
            fprintf(stderr, "rescomp: wrote '%s'; compile it with: rescomp '%s'\n",
                    rc_buf_str(&file), rc_buf_str(&file));
        rc_buf_release(&file);
        rc_buf_release(&text);
    }
    rc_print_diags(stderr, &d, quiet, 0);
    int code = rc_exit_code(&d, 0);
    rc_diags_release(&d);
    return code;
}
