/*
 * source: the CV as a run sees it, before and after a variant.
 *
 * One YAML document is built in this order, each step over the previous:
 *   1. the input file;
 *   2. the overlay files, in order (mappings merge key by key, anything
 *      else is replaced: `cv.sections.talks` in an overlay replaces that
 *      list, a new section is added at the end);
 *   3. the --set values, in order;
 * and, for a variant, on a copy of that document:
 *   4. the variant's design, merged over `design`; its locale over
 *      `locale`; then its `set` overrides, in order.
 * Then the schema loader runs on the result, so that every path it knows
 * can be overridden and every message keeps its file:line:column (the
 * --set values are the lines of a virtual file "<command line>", one per
 * --set). Last, the variant's tags and sections tailor the model
 * (variant.h).
 *
 * The `variants:` mapping is read from the document of steps 1-3, so an
 * overlay file may define or change variants:
 *
 *   variants:
 *     NAME:
 *       include_tags: [..]    exclude_tags: [..]
 *       sections: [..]        set: {dotted.path: value, ...}
 *       design: {...}         locale: {...}
 *       job: ads/acme.txt     (the job ad of the job-ad check, job.h)
 *       letter: {...}         (merged over the top-level letter:, as design)
 */
#ifndef RC_SOURCE_H
#define RC_SOURCE_H

#include "cv.h"

typedef struct rc_source rc_source;

typedef struct rc_source_spec {
    const char *input;
    const char *const *overlays;
    const char *const *overlay_keys; /* per overlay: its only allowed top-level key, or NULL */
    size_t noverlays;
    const char *const *sets; /* "dotted.path=value" */
    size_t nsets;
    const char *root; /* --root: the folder the CV's files must lie in; NULL: the input's */
    /*
     * The texts themselves, for the library's API (rescomp_compile_buffer):
     * input_text (input_len bytes) is the input, and overlay_texts[i]
     * (overlay_lens[i]) overlay i; the names above are then what
     * diagnostics show and what relative paths are joined to. NULL: read
     * the files.
     */
    const char *input_text;
    size_t input_len;
    const char *const *overlay_texts;
    const size_t *overlay_lens;
} rc_source_spec;

/*
 * Read, check and merge (steps 1-3) and read the variants. -1 when
 * anything fails (diagnostics in d: RC_FAIL_IO for a file that cannot be
 * read, RC_FAIL_USAGE for a malformed --set). *out is set either way, and
 * freed by the caller after the diagnostics, which point into it.
 */
int rc_source_open(rc_source **out, const rc_source_spec *spec, rc_diags *d);
void rc_source_free(rc_source *s);

size_t rc_source_nvariants(const rc_source *s);
const char *rc_source_variant_name(const rc_source *s, size_t i);
/* The index of variant `name`, or -1 with an error (RC_FAIL_USAGE). */
int rc_source_find_variant(const rc_source *s, const char *name, rc_diags *d);

/*
 * The job ad variant v names (`job:`, for the job-ad check, job.h): 1 with
 * its path in *path (malloc'd; relative to the YAML file that names it,
 * unless absolute) and where it is named in *pos; 0 when v names none; -1
 * with an error at its name when it lies outside the project (files.h).
 */
int rc_source_job(const rc_source *s, int v, char **path, rc_pos *pos, rc_diags *d);

/*
 * The CV model of variant `v` (-1: the CV as written, no variant), in the
 * arena. Diagnostics point into s, which must outlive them.
 */
int rc_source_load(const rc_source *s, int v, rc_cv *cv, rc_arena *a, rc_diags *d);

/*
 * Whether variant v (-1: the CV as written) has a cover letter: it gives
 * `letter:` of its own, or the top-level `letter:` has a body (cv.h).
 */
int rc_source_has_letter(const rc_source *s, int v);

/* Where the files the CV names may lie (files.h). */
const struct rc_root *rc_source_root(const rc_source *s);

/*
 * The files variant v (-1: none) names, its photo, its .bib files and its
 * letter's signature, as paths to open (files.h): appended to out, each
 * ending in a NUL. Returns how many. For dependency lists and --watch.
 */
size_t rc_source_named_files(const rc_source *s, int v, rc_buf *out);

/*
 * Free the merged document once no more CV will be loaded from s (a run of
 * one job, after its load): it is several times the size of the input and
 * would otherwise be held through layout and PDF. rc_source_named_files
 * still answers for variant v; rc_source_load fails.
 */
void rc_source_drop_document(rc_source *s, int v);

#endif
