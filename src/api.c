/*
 * api: the library's public interface (include/rescomp/rescomp.h) over
 * the compilation every caller shares (compile.h): options and results
 * as opaque structs, the text given in memory, the output and the
 * diagnostics handed back as copies the result owns.
 *
 * Each compilation has its own font store, arena and diagnostics, so
 * threads never share a mutable structure: what is process-wide (the
 * BibTeX parser, fontconfig's set-up, the phone module) is guarded where
 * it lives (bib.c, fontset.c, phone.c).
 */
#include "rescomp/rescomp.h"

#include "compile.h"
#include "dev_text.h"
#include "pdf_standard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RESCOMP_VERSION
#define RESCOMP_VERSION "0.0.0"
#endif

/* rescomp_format to rc_format: a new format is a line here and in the header's enum. */
static const int formats[] = {
    [RESCOMP_FORMAT_PDF] = RC_FORMAT_PDF,
    [RESCOMP_FORMAT_TXT] = RC_FORMAT_TXT,
    [RESCOMP_FORMAT_MD] = RC_FORMAT_MD,
    [RESCOMP_FORMAT_HTML] = RC_FORMAT_HTML,
};

typedef struct overlay {
    char *name, *text, *only;
    size_t len;
} overlay;

struct rescomp_opts {
    int format;
    int input;
    char *input_name, *base_dir, *root, *variant, *theme;
    char **sets;
    size_t nsets, sets_cap;
    overlay *overlays;
    size_t noverlays, overlays_cap;
    unsigned pdf_standards;
    int untagged, strict;
    int text_width; /* set + 1, so that calloc's 0 is the default */
};

typedef struct result_diag {
    int severity;
    char *file;
    int line, column;
    char *message, *text;
} result_diag;

struct rescomp_result {
    int status;
    unsigned char *data;
    size_t len;
    result_diag *diags;
    size_t ndiags;
};

const char *rescomp_version(void)
{
    return RESCOMP_VERSION;
}

int rescomp_version_number(void)
{
    int major = 0, minor = 0, patch = 0;
    sscanf(RESCOMP_VERSION, "%d.%d.%d", &major, &minor, &patch);
    return major << 16 | minor << 8 | patch;
}

/* ---- options ---------------------------------------------------------------------- */

rescomp_opts *rescomp_opts_new(void)
{
    return calloc(1, sizeof(rescomp_opts));
}

void rescomp_opts_free(rescomp_opts *o)
{
    if (!o)
        return;
    free(o->input_name);
    free(o->base_dir);
    free(o->root);
    free(o->variant);
    free(o->theme);
    for (size_t i = 0; i < o->nsets; i++)
        free(o->sets[i]);
    free(o->sets);
    for (size_t i = 0; i < o->noverlays; i++) {
        free(o->overlays[i].name);
        free(o->overlays[i].text);
        free(o->overlays[i].only);
    }
    free(o->overlays);
    free(o);
}

/* *slot = a copy of s (NULL stays NULL). */
static int set_string(char **slot, const char *s)
{
    free(*slot);
    *slot = s ? rc_xstrdup(s) : NULL;
    return 0;
}

int rescomp_opts_set_format(rescomp_opts *o, rescomp_format format)
{
    if (!o || (int)format < 0 || (size_t)format >= RC_ARRAY_LEN(formats))
        return -1;
    o->format = (int)format;
    return 0;
}

int rescomp_opts_set_input(rescomp_opts *o, rescomp_input kind)
{
    if (!o || kind < RESCOMP_INPUT_AUTO || kind > RESCOMP_INPUT_JSON_RESUME)
        return -1;
    o->input = (int)kind;
    return 0;
}

int rescomp_opts_set_input_name(rescomp_opts *o, const char *name)
{
    return o && (!name || *name) ? set_string(&o->input_name, name) : -1;
}

int rescomp_opts_set_base_dir(rescomp_opts *o, const char *dir)
{
    return o && (!dir || *dir) ? set_string(&o->base_dir, dir) : -1;
}

int rescomp_opts_set_root(rescomp_opts *o, const char *dir)
{
    return o && (!dir || *dir) ? set_string(&o->root, dir) : -1;
}

int rescomp_opts_set_variant(rescomp_opts *o, const char *name)
{
    return o ? set_string(&o->variant, name) : -1;
}

int rescomp_opts_set_theme(rescomp_opts *o, const char *theme)
{
    return o ? set_string(&o->theme, theme) : -1;
}

int rescomp_opts_add_set(rescomp_opts *o, const char *assignment)
{
    if (!o || !assignment)
        return -1;
    RC_VEC_PUSH(o->sets, o->nsets, o->sets_cap);
    o->sets[o->nsets++] = rc_xstrdup(assignment);
    return 0;
}

int rescomp_opts_add_overlay(rescomp_opts *o, const char *name, const char *text, size_t len,
                             const char *only_key)
{
    if (!o || (!text && len))
        return -1;
    RC_VEC_PUSH(o->overlays, o->noverlays, o->overlays_cap);
    overlay *ov = &o->overlays[o->noverlays++];
    rc_buf b = RC_BUF_INIT;
    if (name)
        rc_buf_add(&b, name, strlen(name));
    else
        rc_buf_addf(&b, "overlay-%zu.yaml", o->noverlays);
    ov->name = b.ptr;
    ov->text = rc_xmalloc(len + 1);
    if (len)
        memcpy(ov->text, text, len);
    ov->text[len] = '\0';
    ov->len = len;
    ov->only = only_key ? rc_xstrdup(only_key) : NULL;
    return 0;
}

int rescomp_opts_set_pdf_standards(rescomp_opts *o, unsigned bits)
{
    char why[200];
    if (!o || rc_pdf_standards_check(bits, "them", why, sizeof(why)) < 0)
        return -1;
    o->pdf_standards = bits;
    return 0;
}

int rescomp_opts_set_pdf_tags(rescomp_opts *o, int tagged)
{
    if (!o)
        return -1;
    o->untagged = !tagged;
    return 0;
}

int rescomp_opts_set_strict(rescomp_opts *o, int strict)
{
    if (!o)
        return -1;
    o->strict = strict != 0;
    return 0;
}

int rescomp_opts_set_text_width(rescomp_opts *o, int columns)
{
    if (!o || (columns != 0 && (columns < 20 || columns > 1000)))
        return -1;
    o->text_width = columns + 1;
    return 0;
}

/* ---- compiling -------------------------------------------------------------------- */

/* name as a file of the base folder: relative to it unless absolute (malloc'd). */
static char *in_base(const rescomp_opts *o, const char *name)
{
    if (!o->base_dir || name[0] == '/')
        return rc_xstrdup(name);
    return rc_path_join(o->base_dir, name);
}

static char *copy_or_null(const char *s)
{
    return s ? rc_xstrdup(s) : NULL;
}

/* The diagnostics as the result's records, each string its own copy. */
static void keep_diags(rescomp_result *r, const rc_diags *d)
{
    r->diags = d->n ? rc_xcalloc(d->n, sizeof(*r->diags)) : NULL;
    r->ndiags = d->n;
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < d->n; i++) {
        const rc_diag *g = &d->v[i];
        result_diag *k = &r->diags[i];
        k->severity = g->severity == RC_ERROR  ? RESCOMP_ERROR
                      : g->severity == RC_NOTE ? RESCOMP_NOTE
                                               : RESCOMP_WARNING;
        k->file = copy_or_null(g->pos.file);
        k->line = g->pos.file ? g->pos.line : 0;
        k->column = g->pos.file ? g->pos.col : 0;
        k->message = rc_xstrdup(g->message ? g->message : "");
        rc_buf_reset(&b);
        rc_diag_format(g, &b);
        k->text = rc_xstrdup(rc_buf_str(&b));
    }
    rc_buf_release(&b);
}

/* What the options ask for that cannot be, as the program's usage errors. */
static int check_opts(const rescomp_opts *o, rc_diags *d)
{
    rc_pos nowhere = {NULL, 0, 0};
    if ((o->pdf_standards & RESCOMP_PDF_UA1) && o->untagged)
        return rc_error_class(d, RC_FAIL_USAGE, nowhere, "PDF/UA-1 needs a tagged PDF; drop "
                              "the standard or keep the tags");
    if (o->pdf_standards && formats[o->format] != RC_FORMAT_PDF)
        return rc_error_class(d, RC_FAIL_USAGE, nowhere, "PDF standards apply to a PDF only; "
                              "drop them or ask for the PDF format");
    return 0;
}

rescomp_result *rescomp_compile_buffer(const char *text, size_t len, const rescomp_opts *opts)
{
    static const rescomp_opts defaults;
    const rescomp_opts *o = opts ? opts : &defaults;
    rescomp_result *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    rc_diags d;
    rc_diags_init(&d);

    const char *name = o->input_name ? o->input_name
                       : o->input == RESCOMP_INPUT_JSON_RESUME ? "cv.json" : "cv.yaml";
    char *input = in_base(o, name);
    char **ov_names = rc_xcalloc(o->noverlays + 1, sizeof(*ov_names));
    const char **ov_texts = rc_xcalloc(o->noverlays + 1, sizeof(*ov_texts));
    const char **ov_keys = rc_xcalloc(o->noverlays + 1, sizeof(*ov_keys));
    size_t *ov_lens = rc_xcalloc(o->noverlays + 1, sizeof(*ov_lens));
    for (size_t i = 0; i < o->noverlays; i++) {
        ov_names[i] = in_base(o, o->overlays[i].name);
        ov_texts[i] = o->overlays[i].text;
        ov_lens[i] = o->overlays[i].len;
        ov_keys[i] = o->overlays[i].only;
    }
    /* A theme is the first --set: the CV's own values and the overlays' give way to it. */
    const char **sets = rc_xcalloc(o->nsets + 2, sizeof(*sets));
    size_t nsets = 0;
    char *theme = NULL;
    if (o->theme) {
        rc_buf t = RC_BUF_INIT;
        rc_buf_addf(&t, "design.theme=%s", o->theme);
        sets[nsets++] = theme = t.ptr;
    }
    for (size_t i = 0; i < o->nsets; i++)
        sets[nsets++] = o->sets[i];

    rc_source_spec spec = {input, (const char *const *)ov_names, ov_keys, o->noverlays,
                           sets, nsets, o->root,
                           text ? text : "", text ? len : 0, ov_texts, ov_lens};
    rc_source *src = NULL;
    rc_font_store *fonts = NULL;
    rc_buf out = RC_BUF_INIT;
    rc_arena a; /* the CV model, which diagnostics point into */
    rc_arena_init(&a);
    if (check_opts(o, &d) == 0 && rc_source_open(&src, &spec, &d) == 0) {
        int v = o->variant ? rc_source_find_variant(src, o->variant, &d) : -1;
        if (!o->variant || v >= 0) {
            rc_compile_request rq = {src, v, src, &fonts, formats[o->format],
                                     o->pdf_standards, o->untagged, o->strict,
                                     o->text_width ? o->text_width - 1 : RC_TEXT_WIDTH, NULL,
                                     RC_DOCUMENT_CV, 0, NULL, NULL, NULL, NULL, NULL, NULL};
            rc_compile_output(&rq, &a, &out, NULL, &d);
        }
    }
    r->status = rc_exit_code(&d, o->strict);
    if (r->status == RESCOMP_EXIT_OK) {
        r->data = (unsigned char *)out.ptr;
        r->len = out.len;
        out.ptr = NULL;
        if (!r->data)
            r->data = (unsigned char *)rc_xstrdup(""); /* an empty output is still one */
    }
    /* The diagnostics point into the source's names: copied before it goes. */
    keep_diags(r, &d);

    rc_buf_release(&out);
    rc_diags_release(&d);
    rc_arena_release(&a);
    rc_source_free(src);
    rc_font_store_free(fonts);
    free(theme);
    free(sets);
    for (size_t i = 0; i < o->noverlays; i++)
        free(ov_names[i]);
    free(ov_names);
    free(ov_texts);
    free(ov_keys);
    free(ov_lens);
    free(input);
    return r;
}

/* ---- results ---------------------------------------------------------------------- */

int rescomp_result_status(const rescomp_result *r)
{
    return r ? r->status : RESCOMP_EXIT_INTERNAL;
}

const unsigned char *rescomp_result_data(const rescomp_result *r, size_t *len)
{
    if (len)
        *len = r && r->data ? r->len : 0;
    return r ? r->data : NULL;
}

size_t rescomp_result_diag_count(const rescomp_result *r)
{
    return r ? r->ndiags : 0;
}

static const result_diag *diag_at(const rescomp_result *r, size_t i)
{
    return r && i < r->ndiags ? &r->diags[i] : NULL;
}

int rescomp_result_diag_severity(const rescomp_result *r, size_t i)
{
    const result_diag *k = diag_at(r, i);
    return k ? k->severity : -1;
}

const char *rescomp_result_diag_file(const rescomp_result *r, size_t i)
{
    const result_diag *k = diag_at(r, i);
    return k ? k->file : NULL;
}

int rescomp_result_diag_line(const rescomp_result *r, size_t i)
{
    const result_diag *k = diag_at(r, i);
    return k ? k->line : 0;
}

int rescomp_result_diag_column(const rescomp_result *r, size_t i)
{
    const result_diag *k = diag_at(r, i);
    return k ? k->column : 0;
}

const char *rescomp_result_diag_message(const rescomp_result *r, size_t i)
{
    const result_diag *k = diag_at(r, i);
    return k ? k->message : NULL;
}

const char *rescomp_result_diag_text(const rescomp_result *r, size_t i)
{
    const result_diag *k = diag_at(r, i);
    return k ? k->text : NULL;
}

void rescomp_result_free(rescomp_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->ndiags; i++) {
        free(r->diags[i].file);
        free(r->diags[i].message);
        free(r->diags[i].text);
    }
    free(r->diags);
    free(r->data);
    free(r);
}
