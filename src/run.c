/*
 * run: one invocation of rescomp around the compilation of each CV (see
 * run.h): jobs, parallel variants in forked processes, --depfile,
 * --list-variants, --check and --watch.
 */
#include "run.h"

#include "dev_text.h"

#include "depfile.h"
#include "watch.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct rc_run {
    rc_font_store *fonts; /* every face loaded, shared by the jobs (and forked ones) */
};

int rc_run_fonts(rc_run *run, const rc_family_request *families, rc_fonts *out, rc_diags *d)
{
    memset(out, 0, sizeof(*out));
    if (!run->fonts) {
        char *dir = rc_fonts_find_dir();
        if (!dir)
            return rc_error_class(d, RC_FAIL_FONT, (rc_pos){0},
                                  "cannot find rescomp's fonts (cmu-serif-regular.ttf); reinstall "
                                  "rescomp or set RESCOMP_FONT_DIR to the folder that holds them");
        run->fonts = rc_font_store_new(dir);
        free(dir);
    }
    rc_family_request none[RC_ROLE_COUNT] = {{0}};
    return rc_fonts_open(out, run->fonts, families ? families : none, d);
}

/* Whether path is one of the font files the run loaded. */
static int is_font_file(const rc_run *run, const char *path)
{
    for (size_t i = 0; i < rc_font_store_count(run->fonts); i++)
        if (!strcmp(path, rc_face_path(rc_font_store_face(run->fonts, i))))
            return 1;
    return 0;
}

void rc_job_heading(const rc_job *job, const rc_diags *d)
{
    if (!job->heading)
        return;
    for (size_t i = 0; i < d->n; i++)
        if (!job->o->quiet || d->v[i].severity == RC_ERROR) {
            fprintf(stderr, "%s\n", job->heading);
            return;
        }
}

/* ---- names ---------------------------------------------------------------------- */

/* "cv" for "dir/cv.yaml". */
static char *stem_of(const char *input)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *s = rc_xmalloc(n + 1);
    memcpy(s, base, n);
    s[n] = '\0';
    return s;
}

/* "dir" for "dir/cv.yaml", "." for "cv.yaml", "/" for "/cv.yaml". */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return rc_xstrdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *s = rc_xmalloc(n + 1);
    memcpy(s, path, n);
    s[n] = '\0';
    return s;
}

/* mkdir -p */
static int make_dirs(const char *dir, rc_diags *d)
{
    rc_pos nowhere = {NULL, 0, 0};
    char *p = rc_xstrdup(dir);
    int rc = 0;
    for (char *c = p + 1;; c++) {
        if (*c != '/' && *c != '\0')
            continue;
        char saved = *c;
        *c = '\0';
        struct stat st;
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            rc = rc_error_class(d, RC_FAIL_IO, nowhere, "cannot create directory '%s': %s", p,
                                strerror(errno));
            break;
        }
        if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
            rc = rc_error_class(d, RC_FAIL_IO, nowhere, "cannot create directory '%s': %s", p,
                                "a file of that name is in the way");
            break;
        }
        *c = saved;
        if (saved == '\0')
            break;
    }
    free(p);
    return rc;
}

/* ---- jobs in forked processes ------------------------------------------------------ */

typedef struct child {
    pid_t pid;
    int fd;      /* read end of the pipe that is the job's stderr */
    rc_buf log;  /* what it printed */
    int status;
    int state;   /* 0 waiting, 1 running, 2 done */
} child;

static void start_child(const rc_job *job, child *c)
{
    int fds[2];
    fflush(stdout);
    fflush(stderr);
    if (pipe(fds) != 0) {
        c->pid = -1;
        c->state = 2;
        rc_buf_addf(&c->log, "rescomp: error: cannot start a job: %s\n", strerror(errno));
        c->status = RESCOMP_EXIT_INTERNAL << 8;
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 2);
        close(fds[1]);
        int code = rc_compile_job(job);
        fflush(NULL);
        _exit(code);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        c->pid = -1;
        c->state = 2;
        rc_buf_addf(&c->log, "rescomp: error: cannot start a job: %s\n", strerror(errno));
        c->status = RESCOMP_EXIT_INTERNAL << 8;
        return;
    }
    c->pid = pid;
    c->fd = fds[0];
    c->state = 1;
}

/* Read what the running children print; reap those that are finished. */
static void collect(child *cs, size_t n)
{
    struct pollfd *pf = rc_xcalloc(n, sizeof(*pf));
    size_t *which = rc_xcalloc(n, sizeof(*which)), m = 0;
    for (size_t i = 0; i < n; i++)
        if (cs[i].state == 1) {
            pf[m].fd = cs[i].fd;
            pf[m].events = POLLIN;
            which[m++] = i;
        }
    if (m && poll(pf, m, -1) > 0) {
        for (size_t k = 0; k < m; k++) {
            if (!(pf[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            child *c = &cs[which[k]];
            char chunk[4096];
            ssize_t got = read(c->fd, chunk, sizeof(chunk));
            if (got > 0) {
                rc_buf_add(&c->log, chunk, (size_t)got);
                continue;
            }
            if (got < 0 && errno == EINTR)
                continue;
            /* End of its output: it has exited, or is about to. */
            close(c->fd);
            while (waitpid(c->pid, &c->status, 0) < 0 && errno == EINTR)
                ;
            c->state = 2;
        }
    }
    free(pf);
    free(which);
}

/* Exit code of a finished child, with a line for the variant that failed. */
static int child_code(const rc_job *job, child *c, rc_buf *note)
{
    int code;
    if (WIFEXITED(c->status)) {
        code = WEXITSTATUS(c->status);
    } else {
        code = RESCOMP_EXIT_INTERNAL;
        if (WIFSIGNALED(c->status))
            rc_buf_addf(note, "rescomp: error: %s crashed (signal %d); this is a bug, please "
                        "report it\n", job->variant >= 0 ? "a variant" : "the job",
                        WTERMSIG(c->status));
    }
    if (code != 0 && job->variant >= 0)
        rc_buf_addf(note, "rescomp: error: variant '%s' failed%s\n",
                    rc_source_variant_name(job->source, (size_t)job->variant),
                    job->output ? "; its PDF was not written" : "");
    return code;
}

/*
 * Run the jobs, `parallel` at a time, each in its own process. Messages are
 * printed job by job in the jobs' order, whatever order they finish in.
 * The exit code is the first failing job's.
 */
static int run_forked(const rc_job *jobs, size_t n, int parallel)
{
    child *cs = rc_xcalloc(n, sizeof(*cs));
    size_t next = 0, printed = 0, running = 0;
    int code = RESCOMP_EXIT_OK;
    if (parallel < 1)
        parallel = 1;
    while (printed < n) {
        while (next < n && running < (size_t)parallel) {
            start_child(&jobs[next], &cs[next]);
            running += cs[next].state == 1;
            next++;
        }
        collect(cs, next);
        running = 0;
        for (size_t i = 0; i < next; i++)
            running += cs[i].state == 1;
        while (printed < next && cs[printed].state == 2) {
            child *c = &cs[printed];
            rc_buf note = RC_BUF_INIT;
            int jc = child_code(&jobs[printed], c, &note);
            fwrite(rc_buf_str(&c->log), 1, c->log.len, stderr);
            fwrite(rc_buf_str(&note), 1, note.len, stderr);
            rc_buf_release(&note);
            rc_buf_release(&c->log);
            if (jc != 0 && code == RESCOMP_EXIT_OK)
                code = jc;
            printed++;
        }
    }
    fflush(stderr);
    free(cs);
    return code;
}

/* ---- one build -------------------------------------------------------------------------- */

typedef struct build {
    rc_job *jobs;
    size_t njobs;
    char **owned; /* strings the jobs point to */
    size_t nowned;
} build;

static char *own(build *b, char *s)
{
    b->owned = rc_xrealloc(b->owned, (b->nowned + 1) * sizeof(*b->owned));
    b->owned[b->nowned++] = s;
    return s;
}

static rc_job *add_job(build *b, const rescomp_options *o, rc_run *run, const rc_source *src,
                       int variant)
{
    b->jobs = rc_xrealloc(b->jobs, (b->njobs + 1) * sizeof(*b->jobs));
    rc_job *j = &b->jobs[b->njobs++];
    memset(j, 0, sizeof(*j));
    j->o = o;
    j->run = run;
    j->source = src;
    j->variant = variant;
    if (variant >= 0) {
        rc_buf h = RC_BUF_INIT;
        rc_buf_addf(&h, "rescomp: in variant '%s':",
                    rc_source_variant_name(src, (size_t)variant));
        j->heading = own(b, h.ptr);
    }
    return j;
}

static void build_release(build *b)
{
    for (size_t i = 0; i < b->nowned; i++)
        free(b->owned[i]);
    free(b->owned);
    free(b->jobs);
    memset(b, 0, sizeof(*b));
}

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* Every file a build reads: the YAML files, the fonts, the photos. */
static void prerequisites(const rescomp_options *o, rc_run *run, const build *b,
                          const rc_source *src, char ***out, size_t *nout)
{
    size_t nfonts = rc_font_store_count(run->fonts);
    size_t n = 0, cap = 2 + o->noverlays + nfonts + b->njobs;
    char **v = rc_xcalloc(cap, sizeof(*v));
    v[n++] = rc_xstrdup(o->input);
    for (size_t i = 0; i < o->noverlays; i++)
        v[n++] = rc_xstrdup(o->overlays[i]);
    /* A face of a collection appears once per file. */
    for (size_t f = 0; f < nfonts; f++) {
        const char *path = rc_face_path(rc_font_store_face(run->fonts, f));
        int seen = 0;
        for (size_t k = 0; k < n && !seen; k++)
            seen = !strcmp(v[k], path);
        if (!seen)
            v[n++] = rc_xstrdup(path);
    }
    for (size_t j = 0; src && j < b->njobs; j++) {
        char *photo = rc_source_photo(src, b->jobs[j].variant);
        if (!photo)
            continue;
        char *path = photo;
        if (photo[0] != '/') {
            char *dir = dir_of(o->input);
            rc_buf p = RC_BUF_INIT;
            if (strcmp(dir, "."))
                rc_buf_addf(&p, "%s/", dir);
            rc_buf_adds(&p, photo);
            free(dir);
            free(photo);
            path = p.ptr;
        }
        size_t k = 0;
        while (k < n && strcmp(v[k], path))
            k++;
        if (k < n)
            free(path);
        else
            v[n++] = path;
    }
    *out = v;
    *nout = n;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Print the run's own diagnostics, and the exit code they give. */
static int report(const rescomp_options *o, rc_diags *d)
{
    rc_print_diags(d, o->quiet);
    int code = rc_exit_code(d, o->strict);
    rc_diags_release(d);
    return code;
}

static int usage(const char *msg)
{
    fprintf(stderr, "rescomp: error: %s\n", msg);
    return RESCOMP_EXIT_USAGE;
}

/* The options that cannot go together, as the library sees them. */
static int check_options(const rescomp_options *o)
{
    if (!o->input)
        return usage("no input file given");
    if (o->variant && o->all_variants)
        return usage("--variant and --all-variants cannot be combined; pick one");
    if (o->trace && o->all_variants)
        return usage("--trace shows one CV; use it with --variant NAME, not --all-variants");
    if (o->check && (o->output || o->output_dir || o->trace || o->depfile))
        return usage("--check writes nothing; drop -o, --trace and --depfile");
    return 0;
}

/*
 * Everything once: open the source, run the jobs, write the depfile.
 * `files`: where to record the YAML files and photos read, for --watch.
 */
static int build_once(const rescomp_options *o, rc_run *run, char ***files, size_t *nfiles)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_source_spec spec = {o->input, o->overlays, o->overlay_keys, o->noverlays, o->sets,
                           o->nsets};
    rc_source *src = NULL;
    if (rc_source_open(&src, &spec, &d) < 0) {
        int code = report(o, &d);
        rc_source_free(src);
        return code;
    }

    if (o->list_variants) {
        for (size_t i = 0; i < rc_source_nvariants(src); i++)
            printf("%s\n", rc_source_variant_name(src, i));
        fflush(stdout);
        int code = report(o, &d);
        rc_source_free(src);
        return code;
    }

    build b = {NULL, 0, NULL, 0};
    int code = RESCOMP_EXIT_OK;
    if (o->variant) {
        int v = rc_source_find_variant(src, o->variant, &d);
        if (v >= 0) {
            rc_job *j = add_job(&b, o, run, src, v);
            j->heading = NULL; /* the only job */
            j->output = o->check ? NULL : o->output;
            j->trace = o->trace;
        }
    } else if (o->all_variants) {
        size_t n = rc_source_nvariants(src);
        char *dir = o->output_dir ? rc_xstrdup(o->output_dir) : dir_of(o->input);
        char *stem = stem_of(o->input);
        if (n == 0) {
            rc_pos whole = {o->input, 0, 0};
            rc_error_class(&d, RC_FAIL_USAGE, whole, "--all-variants: the CV defines no variants "
                           "(add a 'variants:' mapping)");
        } else if (o->check || make_dirs(dir, &d) == 0) {
            for (size_t i = 0; i < n; i++) {
                rc_job *j = add_job(&b, o, run, src, (int)i);
                if (!o->check) {
                    rc_buf p = RC_BUF_INIT;
                    int f = rc_format_of(o->format, NULL);
                    rc_buf_addf(&p, "%s/%s-%s.%s", dir, stem, rc_source_variant_name(src, i),
                                rc_format_extension(f < 0 ? RC_FORMAT_PDF : (rc_format)f));
                    j->output = own(&b, p.ptr);
                }
            }
        }
        free(dir);
        free(stem);
    } else {
        rc_job *j = add_job(&b, o, run, src, -1);
        j->output = o->check ? NULL : o->output;
        j->trace = o->trace;
        if (o->check)
            for (size_t i = 0; i < rc_source_nvariants(src); i++)
                add_job(&b, o, run, src, (int)i);
    }

    if (d.nerrors) {
        code = report(o, &d);
    } else {
        rc_diags_release(&d);
        rc_diags_init(&d);
        if (b.njobs == 1) {
            b.jobs[0].last_load = src;
            code = rc_compile_job(&b.jobs[0]);
        } else if (b.njobs > 1) {
            /*
             * The default fonts first, so that every job shares them (text
             * and Markdown need none); a job whose design names other
             * families loads those itself.
             */
            rc_fonts fonts;
            int f = rc_format_of(o->format, b.jobs[0].output);
            if ((f < 0 || f == RC_FORMAT_PDF) && rc_run_fonts(run, NULL, &fonts, &d) < 0)
                code = report(o, &d);
            else
                code = run_forked(b.jobs, b.njobs, o->jobs > 0 ? o->jobs : cores());
            rc_fonts_release(&fonts);
        }
    }

    char **pre = NULL;
    size_t npre = 0;
    prerequisites(o, run, &b, src, &pre, &npre);
    if (code == RESCOMP_EXIT_OK && o->depfile && !o->check) {
        const char **targets = rc_xcalloc(b.njobs + 1, sizeof(*targets));
        size_t nt = 0;
        for (size_t i = 0; i < b.njobs; i++)
            if (b.jobs[i].output)
                targets[nt++] = b.jobs[i].output;
        rc_diags_init(&d);
        if (nt && rc_depfile_write(o->depfile, targets, nt, (const char *const *)pre, npre, &d) < 0)
            code = report(o, &d);
        else
            rc_diags_release(&d);
        free(targets);
    }
    if (files) {
        /* For --watch: the YAML files and photos (fonts are loaded once, not watched). */
        size_t k = 0;
        for (size_t i = 0; i < npre; i++) {
            if (is_font_file(run, pre[i]))
                free(pre[i]);
            else
                pre[k++] = pre[i];
        }
        *files = pre;
        *nfiles = k;
    } else {
        free_strings(pre, npre);
    }
    build_release(&b);
    rc_source_free(src);
    return code;
}

/* ---- --watch ---------------------------------------------------------------------------- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void watch_line(const rescomp_options *o, const char *changed, int code, double ms)
{
    fflush(stdout); /* the build's trace first */
    if (o->quiet && code == 0)
        return;
    char clock[16] = "";
    time_t t = time(NULL);
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
    if (changed)
        fprintf(stderr, "rescomp: %s %s changed; ", clock, changed);
    else
        fprintf(stderr, "rescomp: %s ", clock);
    if (code == 0)
        fprintf(stderr, "built in %.0f ms\n", ms);
    else
        fprintf(stderr, "failed (exit %d) in %.0f ms\n", code, ms);
    fflush(stderr);
}

/*
 * Build, then build again after every change of an input, until killed, or
 * (for tests) after $RESCOMP_WATCH_LIMIT rebuilds. Returns the last code.
 */
static int watch_loop(const rescomp_options *o, rc_run *run)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_watch *w = rc_watch_open(&d);
    if (!w)
        return report(o, &d);
    const char *lim = getenv("RESCOMP_WATCH_LIMIT");
    long limit = lim && *lim ? strtol(lim, NULL, 10) : -1;
    /* The files as the command line names them, until a build has read them. */
    char **files = rc_xcalloc(o->noverlays + 1, sizeof(*files));
    size_t nfiles = 0;
    files[nfiles++] = rc_xstrdup(o->input);
    for (size_t i = 0; i < o->noverlays; i++)
        files[nfiles++] = rc_xstrdup(o->overlays[i]);
    int code = 0;
    const char *changed = NULL;
    char *changed_copy = NULL;
    for (long rebuilds = 0;; rebuilds++) {
        /* Watch before building, so that no change made during the build is lost. */
        if (rc_watch_files(w, (const char *const *)files, nfiles, &d) < 0) {
            code = report(o, &d);
            break;
        }
        double t0 = now_ms();
        char **read = NULL;
        size_t nread = 0;
        code = build_once(o, run, &read, &nread);
        watch_line(o, changed, code, now_ms() - t0);
        if (nread) {
            free_strings(files, nfiles);
            files = read;
            nfiles = nread;
        } else {
            free(read);
        }
        if (limit >= 0 && rebuilds >= limit)
            break;
        changed = rc_watch_wait(w);
        if (!changed)
            break;
        free(changed_copy);
        changed = changed_copy = rc_xstrdup(changed);
    }
    free(changed_copy);
    free_strings(files, nfiles);
    rc_watch_close(w);
    rc_diags_release(&d);
    return code;
}

int rc_run_main(const rescomp_options *o)
{
    int code = check_options(o);
    if (code)
        return code;
    rc_run run;
    memset(&run, 0, sizeof(run));
    code = o->watch ? watch_loop(o, &run) : build_once(o, &run, NULL, NULL);
    rc_font_store_free(run.fonts);
    return code;
}
