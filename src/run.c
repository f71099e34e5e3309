/*
 * run: one invocation of rescomp around the compilation of each CV (see
 * run.h): jobs, parallel variants in worker processes, --depfile,
 * --list-variants, --check and --watch.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS (in POSIX only since 2024) */

#include "run.h"

#include "compile.h"

#include "dev_text.h"

#include "atomic.h"
#include "depfile.h"
#include "files.h"
#include "image.h"
#include "watch.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct rc_run {
    rc_font_store *fonts;   /* every face loaded, shared by the jobs (and forked ones) */
    rc_image_store *images; /* the pictures the forked jobs name, decoded before the fork */
};

int rc_run_fonts(rc_run *run, const rc_family_request *families, rc_fonts *out, rc_diags *d)
{
    return rc_compile_fonts(&run->fonts, families, out, d);
}

rc_font_store **rc_run_font_store(rc_run *run)
{
    return &run->fonts;
}

const rc_image_store *rc_run_images(const rc_run *run)
{
    return run->images;
}

/* Whether path is one of the font files the run loaded. */
static int is_font_file(const rc_run *run, const char *path)
{
    for (size_t i = 0; i < rc_font_store_count(run->fonts); i++)
        if (!strcmp(path, rc_face_path(rc_font_store_face(run->fonts, i))))
            return 1;
    return 0;
}

void rc_job_heading(FILE *to, const rc_job *job, const rc_diags *d)
{
    if (!job->heading)
        return;
    for (size_t i = 0; i < d->n; i++)
        if (!job->o->quiet || d->v[i].severity == RC_ERROR) {
            fprintf(to, "%s\n", job->heading);
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

char *rescomp_letter_output(const char *output)
{
    const char *slash = strrchr(output, '/'), *dot = strrchr(output, '.');
    size_t n = dot && dot > (slash ? slash + 1 : output) ? (size_t)(dot - output)
                                                         : strlen(output);
    rc_buf b = RC_BUF_INIT;
    rc_buf_add(&b, output, n);
    rc_buf_addf(&b, "-letter%s", output + n);
    return b.ptr;
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

/* ---- SIGINT, SIGTERM, SIGHUP ------------------------------------------------------- */

/*
 * An interrupted run leaves nothing behind: the handler stops the running
 * variant jobs (each removes its own temporary file in its own handler),
 * waits for them, removes this process's temporary file, and dies of the
 * signal as it would have. Only async-signal-safe calls: kill, waitpid,
 * unlink (rc_atomic_cleanup), sigaction, raise.
 */
static volatile pid_t *running;         /* the workers' processes; 0 once reaped */
static volatile sig_atomic_t nrunning;
static const int caught[] = {SIGINT, SIGTERM, SIGHUP};

static void on_signal(int sig)
{
    volatile pid_t *pids = running;
    size_t n = pids ? (size_t)nrunning : 0;
    for (size_t i = 0; i < n; i++)
        if (pids[i] > 0)
            kill(pids[i], sig);
    for (size_t i = 0; i < n; i++)
        if (pids[i] > 0)
            while (waitpid(pids[i], NULL, 0) < 0 && errno == EINTR)
                ;
    rc_atomic_cleanup();
    struct sigaction dfl;
    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, NULL);
    raise(sig); /* delivered when the handler returns: the signal is blocked in it */
}

/* Install the handler (but where the signal is ignored, as under nohup); old[] to restore. */
static void catch_signals(struct sigaction *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < RC_ARRAY_LEN(caught); i++)
        sigaddset(&sa.sa_mask, caught[i]);
    for (size_t i = 0; i < RC_ARRAY_LEN(caught); i++)
        if (sigaction(caught[i], NULL, &old[i]) == 0 && old[i].sa_handler != SIG_IGN)
            sigaction(caught[i], &sa, NULL);
}

static void restore_signals(const struct sigaction *old)
{
    for (size_t i = 0; i < RC_ARRAY_LEN(caught); i++)
        sigaction(caught[i], &old[i], NULL);
}

/* ---- jobs in worker processes ------------------------------------------------------ */

/*
 * The jobs run in `parallel` worker processes, each forked once and
 * compiling job after job: a fork per job cost more than a CV's layout
 * (every page of code and heap touched again in each child, the libraries
 * opened again), and a worker keeps what its jobs load (faces, fontconfig)
 * for the next. Workers take the next job's number from a counter in
 * memory shared with them, so the jobs spread by how long each takes.
 * A job's messages and report are kept in memory and sent to the run as a
 * frame on the worker's pipe; the run prints them in the jobs' order.
 * A worker says which job it starts before it compiles it, so a crash is
 * told against its variant, and another worker takes its place.
 */

typedef struct frame {
    int job;
    int done;              /* 0: started; 1: finished, with code and lengths */
    int code;
    size_t err_len, out_len; /* the messages and the report, after the frame */
} frame;

typedef struct worker {
    pid_t pid;
    int fd;     /* the read end of its pipe, or -1 once it has ended */
    rc_buf in;  /* what it sent and was not read as a frame yet */
    int job;    /* the job it is compiling, or -1 */
} worker;

typedef struct job_result {
    int state;  /* 0 waiting, 1 running, 2 done */
    int code;   /* RESCOMP_EXIT_* */
    int signal; /* the signal that ended its worker, or 0 */
    rc_buf err, out;
} job_result;

static int write_all_fd(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

/* What a worker does: jobs until there are none; never returns. */
static void work(const rc_job *jobs, size_t n, size_t *next, int fd)
{
    for (;;) {
        size_t i = __atomic_fetch_add(next, 1, __ATOMIC_SEQ_CST);
        if (i >= n)
            break;
        frame f;
        memset(&f, 0, sizeof(f)); /* padding too: it goes down the pipe */
        f.job = (int)i;
        if (write_all_fd(fd, &f, sizeof(f)) < 0)
            break;
        char *err = NULL, *out = NULL;
        size_t err_len = 0, out_len = 0;
        FILE *ef = open_memstream(&err, &err_len), *of = open_memstream(&out, &out_len);
        rc_job job = jobs[i];
        job.err = ef;
        job.out = of;
        f.code = ef && of ? rc_compile_job(&job) : RESCOMP_EXIT_INTERNAL;
        if (ef)
            fclose(ef);
        if (of)
            fclose(of);
        f.done = 1;
        f.err_len = err ? err_len : 0;
        f.out_len = out ? out_len : 0;
        int failed = write_all_fd(fd, &f, sizeof(f)) < 0 ||
                     write_all_fd(fd, err ? err : "", f.err_len) < 0 ||
                     write_all_fd(fd, out ? out : "", f.out_len) < 0;
        free(err);
        free(out);
        if (failed)
            break;
    }
    fflush(NULL);
    _exit(0);
}

/* Start a worker in w; `slot`: its place in `running`. -1 when it cannot be. */
static int start_worker(const rc_job *jobs, size_t n, size_t *next, worker *w, size_t slot)
{
    int fds[2];
    fflush(stdout);
    fflush(stderr);
    if (pipe(fds) != 0)
        return -1;
    /* No signal between the fork and noting the process in `running`. */
    sigset_t block, old;
    sigemptyset(&block);
    for (size_t i = 0; i < RC_ARRAY_LEN(caught); i++)
        sigaddset(&block, caught[i]);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid_t pid = fork();
    if (pid == 0) {
        running = NULL; /* the run's workers are not this one's to stop */
        nrunning = 0;
        sigprocmask(SIG_SETMASK, &old, NULL);
        close(fds[0]);
        work(jobs, n, next, fds[1]);
    }
    if (pid > 0)
        running[slot] = pid;
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return -1;
    }
    memset(w, 0, sizeof(*w));
    w->pid = pid;
    w->fd = fds[0];
    w->job = -1;
    return 0;
}

/* The frames complete in w->in, taken out of it; *started counts the jobs begun. */
static void take_frames(worker *w, job_result *r, size_t *started)
{
    size_t at = 0;
    for (;;) {
        frame f;
        if (w->in.len - at < sizeof(f))
            break;
        memcpy(&f, w->in.ptr + at, sizeof(f));
        size_t body = f.done ? f.err_len + f.out_len : 0;
        if (w->in.len - at - sizeof(f) < body)
            break;
        const char *p = w->in.ptr + at + sizeof(f);
        job_result *jr = &r[f.job];
        if (!f.done) {
            w->job = f.job;
            jr->state = 1;
            ++*started;
        } else {
            rc_buf_add(&jr->err, p, f.err_len);
            rc_buf_add(&jr->out, p + f.err_len, f.out_len);
            jr->code = f.code;
            jr->state = 2;
            w->job = -1;
        }
        at += sizeof(f) + body;
    }
    memmove(w->in.ptr, w->in.ptr + at, w->in.len - at);
    w->in.len -= at;
}

/* Read what the workers send; reap those that have ended. */
static void collect(worker *ws, size_t nw, job_result *r, size_t *started)
{
    struct pollfd *pf = rc_xcalloc(nw, sizeof(*pf));
    size_t *which = rc_xcalloc(nw, sizeof(*which)), m = 0;
    for (size_t i = 0; i < nw; i++)
        if (ws[i].fd >= 0) {
            pf[m].fd = ws[i].fd;
            pf[m].events = POLLIN;
            which[m++] = i;
        }
    if (m && poll(pf, m, -1) > 0) {
        for (size_t k = 0; k < m; k++) {
            if (!(pf[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            worker *w = &ws[which[k]];
            char chunk[16384];
            ssize_t got = read(w->fd, chunk, sizeof(chunk));
            if (got > 0) {
                rc_buf_add(&w->in, chunk, (size_t)got);
                take_frames(w, r, started);
                continue;
            }
            if (got < 0 && errno == EINTR)
                continue;
            /* Its end: it is out of jobs, or it died in the middle of one. */
            close(w->fd);
            w->fd = -1;
            int status = 0;
            while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
                ;
            running[which[k]] = 0;
            if (w->job >= 0) {
                job_result *jr = &r[w->job];
                jr->code = RESCOMP_EXIT_INTERNAL;
                jr->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
                jr->state = 2;
                w->job = -1;
            }
            rc_buf_release(&w->in);
        }
    }
    free(pf);
    free(which);
}

/* A finished job's exit code, with a line for the variant that failed. */
static int job_code(const rc_job *job, const job_result *r, rc_buf *note)
{
    if (r->signal) {
        rc_buf_adds(note, "rescomp: ");
        rc_diag_add_severity(note, RC_ERROR, job->o->color);
        rc_buf_addf(note, "%s crashed (signal %d); this is a bug, please report it\n",
                    job->variant >= 0 ? "a variant" : "the job", r->signal);
    }
    if (r->code != 0 && job->variant >= 0) {
        rc_buf_adds(note, "rescomp: ");
        rc_diag_add_severity(note, RC_ERROR, job->o->color);
        rc_buf_addf(note, "variant '%s' failed%s\n",
                    rc_source_variant_name(job->source, (size_t)job->variant),
                    job->output ? "; its PDF was not written" : "");
    }
    return r->code;
}

/*
 * Run the jobs, `parallel` at a time, in worker processes. Messages are
 * printed job by job in the jobs' order, whatever order they finish in.
 * The exit code is the first failing job's.
 */
static int run_forked(const rc_job *jobs, size_t n, int parallel)
{
    if (parallel < 1)
        parallel = 1;
    if ((size_t)parallel > n)
        parallel = (int)n;
    size_t *next = mmap(NULL, sizeof(*next), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                        -1, 0);
    if (next == MAP_FAILED) {
        fprintf(stderr, "rescomp: error: cannot start the jobs: %s\n", strerror(errno));
        return RESCOMP_EXIT_INTERNAL;
    }
    *next = 0;
    job_result *r = rc_xcalloc(n, sizeof(*r));
    /* A worker for each of parallel, and one more for each that dies. */
    size_t cap = (size_t)parallel + n, nw = 0, printed = 0;
    worker *ws = rc_xcalloc(cap, sizeof(*ws));
    running = rc_xcalloc(cap, sizeof(*running));
    nrunning = (sig_atomic_t)cap;
    int code = RESCOMP_EXIT_OK, start_failed = 0;
    size_t started = 0; /* jobs a worker said it began */
    while (printed < n) {
        /* As many workers as there are jobs not started, up to parallel. */
        size_t alive = 0;
        for (size_t i = 0; i < nw; i++)
            alive += ws[i].fd >= 0;
        size_t unstarted = __atomic_load_n(next, __ATOMIC_SEQ_CST) >= n ? 0 : n - started;
        while (!start_failed && alive < (size_t)parallel && alive < unstarted && nw < cap) {
            if (start_worker(jobs, n, next, &ws[nw], nw) < 0) {
                start_failed = errno ? errno : EAGAIN;
                break;
            }
            nw++;
            alive++;
        }
        if (!alive) {
            /* no worker could be started: the jobs left fail */
            for (size_t i = 0; i < n; i++)
                if (r[i].state != 2) {
                    rc_buf_addf(&r[i].err, "rescomp: error: cannot start a job: %s\n",
                                strerror(start_failed ? start_failed : EAGAIN));
                    r[i].code = RESCOMP_EXIT_INTERNAL;
                    r[i].state = 2;
                }
        } else {
            collect(ws, nw, r, &started);
        }
        while (printed < n && r[printed].state == 2) {
            job_result *jr = &r[printed];
            rc_buf note = RC_BUF_INIT;
            int jc = job_code(&jobs[printed], jr, &note);
            fwrite(rc_buf_str(&jr->out), 1, jr->out.len, stdout);
            fflush(stdout);
            fwrite(rc_buf_str(&jr->err), 1, jr->err.len, stderr);
            fwrite(rc_buf_str(&note), 1, note.len, stderr);
            rc_buf_release(&note);
            rc_buf_release(&jr->out);
            rc_buf_release(&jr->err);
            if (jc != 0 && code == RESCOMP_EXIT_OK)
                code = jc;
            printed++;
        }
    }
    /* The workers end once the counter is past the last job. */
    for (size_t i = 0; i < nw; i++)
        if (ws[i].fd >= 0) {
            close(ws[i].fd);
            while (waitpid(ws[i].pid, NULL, 0) < 0 && errno == EINTR)
                ;
            rc_buf_release(&ws[i].in);
        }
    fflush(stderr);
    volatile pid_t *pids = running;
    nrunning = 0;
    running = NULL;
    free((void *)pids);
    free(ws);
    free(r);
    munmap(next, sizeof(*next));
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

/*
 * What a job writes of a CV with a letter (cli.h): the letter alone, the
 * two as one file, or the CV with its letter beside it in a file of its
 * own (not on standard output, which holds one file).
 */
static void letter_outputs(const rescomp_options *o, build *b, rc_job *j, int has_letter)
{
    if (o->letter)
        j->document = RC_DOCUMENT_LETTER;
    else if (o->combine)
        j->document = has_letter || !o->all_variants ? RC_DOCUMENT_COMBINED : RC_DOCUMENT_CV;
    else if (has_letter && j->output && !rc_is_stdout(j->output))
        j->letter_output = own(b, rescomp_letter_output(j->output));
}

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* A list of file names, each once (malloc'd). */
typedef struct names {
    char **v;
    size_t n, cap;
} names;

static void names_add(names *l, const char *s)
{
    for (size_t k = 0; k < l->n; k++)
        if (!strcmp(l->v[k], s))
            return;
    RC_VEC_PUSH(l->v, l->n, l->cap);
    l->v[l->n++] = rc_xstrdup(s);
}

/*
 * The files a build reads that the command line and the CV name: the
 * input, the overlays, and each job's photo and .bib files, as they are
 * opened (files.h). The fonts are not known before the jobs load them.
 */
static void named_inputs(const rescomp_options *o, const build *b, const rc_source *src,
                         names *l)
{
    names_add(l, o->input);
    for (size_t i = 0; i < o->noverlays; i++)
        names_add(l, o->overlays[i]);
    for (size_t j = 0; src && j < b->njobs; j++) {
        rc_buf buf = RC_BUF_INIT;
        size_t k = rc_source_named_files(src, b->jobs[j].variant, &buf);
        const char *p = rc_buf_str(&buf);
        for (size_t i = 0; i < k; i++, p += strlen(p) + 1)
            names_add(l, p);
        rc_buf_release(&buf);
    }
    if (o->job) /* --watch checks again when the ad changes */
        names_add(l, o->job);
}

/*
 * The pictures among the files the jobs name (photos, signatures),
 * decoded here once rather than in each forked job (image.h): a hundred
 * letters with one signature decoded it a hundred times. Only the files
 * the CV may read are opened; what is wrong with one, each job reports.
 */
static void store_pictures(rc_run *run, const rc_source *src, const names *named)
{
    rc_image_store_free(run->images);
    run->images = rc_image_store_new();
    rc_diags quiet;
    rc_diags_init(&quiet);
    for (size_t i = 0; i < named->n; i++)
        if (rc_files_check(rc_source_root(src), named->v[i], "picture", named->v[i],
                           (rc_pos){NULL, 0, 0}, &quiet) == 0)
            rc_image_store_add(run->images, named->v[i]);
    rc_diags_release(&quiet);
}

/* Every file a build read, for the depfile: the YAML files, the fonts, the photos and .bib files. */
static void prerequisites(const rescomp_options *o, rc_run *run, const names *named, names *l)
{
    size_t yaml = 1 + o->noverlays;
    for (size_t i = 0; i < yaml && i < named->n; i++)
        names_add(l, named->v[i]);
    /* A face of a collection appears once per file. */
    for (size_t f = 0; f < rc_font_store_count(run->fonts); f++)
        names_add(l, rc_face_path(rc_font_store_face(run->fonts, f)));
    for (size_t i = yaml; i < named->n; i++)
        names_add(l, named->v[i]);
}

/*
 * gcc's "input file is the same as output file": an output (-o, the
 * default name, each variant's, --depfile) that is a file the run reads
 * would be replaced by it, the CV by its own PDF. Compared by device and
 * inode, so that another spelling or a hard link is caught too. A file
 * that cannot be read is left for the run to report.
 */
static int check_outputs(const rescomp_options *o, const build *b, const names *in,
                         rc_diags *d)
{
    rc_pos nowhere = {NULL, 0, 0};
    int rc = 0;
    struct stat *st = rc_xcalloc(in->n + 1, sizeof(*st));
    int *have = rc_xcalloc(in->n + 1, sizeof(*have));
    for (size_t k = 0; k < in->n; k++)
        have[k] = stat(in->v[k], &st[k]) == 0 && S_ISREG(st[k].st_mode);
    for (size_t j = 0; j <= 2 * b->njobs; j++) {
        /* each job's output, then each letter beside one, then the depfile */
        const char *out = j < b->njobs       ? b->jobs[j].output
                          : j < 2 * b->njobs ? b->jobs[j - b->njobs].letter_output
                          : o->check         ? NULL
                                             : o->depfile;
        struct stat so;
        if (!out || rc_is_stdout(out) || stat(out, &so) != 0 || !S_ISREG(so.st_mode))
            continue;
        for (size_t k = 0; k < in->n; k++) {
            if (!have[k] || st[k].st_dev != so.st_dev || st[k].st_ino != so.st_ino)
                continue;
            if (j == 2 * b->njobs)
                rc = rc_error_class(d, RC_FAIL_USAGE, nowhere, "--depfile '%s' would replace "
                                    "'%s', which this run reads; name another file for the "
                                    "rule", out, in->v[k]);
            else
                rc = rc_error_class(d, RC_FAIL_USAGE, nowhere, "the output '%s' would replace "
                                    "'%s', which this run reads; name another output with -o",
                                    out, in->v[k]);
            break;
        }
    }
    /* The depfile and an output, which need not exist yet, would overwrite each other. */
    char *dep = o->depfile && !o->check ? rc_files_real(o->depfile) : NULL;
    for (size_t j = 0; dep && j < b->njobs; j++) {
        char *out = b->jobs[j].output ? rc_files_real(b->jobs[j].output) : NULL;
        if (out && !strcmp(out, dep))
            rc = rc_error_class(d, RC_FAIL_USAGE, nowhere, "--depfile '%s' is the output '%s'; "
                                "name another file for the rule", o->depfile,
                                b->jobs[j].output);
        free(out);
    }
    free(dep);
    free(st);
    free(have);
    return rc;
}

/* Before anything is written: whether make can read the depfile's names. */
static int check_depfile_names(const rescomp_options *o, const build *b, const names *in,
                               rc_diags *d)
{
    if (!o->depfile || o->check)
        return 0;
    int rc = rc_depfile_check((const char *const *)in->v, in->n, d);
    for (size_t j = 0; j < b->njobs; j++) {
        if (b->jobs[j].output && rc_depfile_check(&b->jobs[j].output, 1, d) < 0)
            rc = -1;
        if (b->jobs[j].letter_output && rc_depfile_check(&b->jobs[j].letter_output, 1, d) < 0)
            rc = -1;
    }
    return rc;
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
    rc_print_diags(stderr, d, o->quiet, o->color);
    int code = rc_exit_code(d, o->strict);
    rc_diags_release(d);
    return code;
}

/* The options that cannot go together, as the library sees them; an exit code. */
static int check_options(const rescomp_options *o)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_pos nowhere = {NULL, 0, 0};
    /* the program names --all-variants' folder with -o too */
    int to_stdout = rc_is_stdout(o->output) || rc_is_stdout(o->output_dir);
#define USAGE(...) rc_error_class(&d, RC_FAIL_USAGE, nowhere, __VA_ARGS__)
    if (!o->input)
        USAGE("no input file given");
    else if (o->variant && o->all_variants)
        USAGE("--variant and --all-variants cannot be combined; pick one");
    else if (o->trace && o->all_variants)
        USAGE("--trace shows one CV; use it with --variant NAME, not --all-variants");
    else if (o->letter && o->combine)
        USAGE("--letter writes the letter alone and --combine the letter and the CV in one "
              "file; pick one");
    else if (o->check && (o->output || o->output_dir || o->trace || o->depfile))
        USAGE("--check writes nothing; drop -o, --trace and --depfile");
    else if (to_stdout && o->all_variants)
        USAGE("-o - writes one CV to standard output; --all-variants writes a file for each "
              "variant: drop one of them");
    else if (to_stdout && o->trace)
        USAGE("--trace and -o - would both write to standard output; name a file with -o");
    else if (to_stdout && o->watch)
        USAGE("--watch writes its output again at every change; name a file with -o, not -");
    else if (to_stdout && o->depfile)
        USAGE("--depfile needs a file for the rule's target; name one with -o, not -");
    else if (o->job && (to_stdout || o->trace))
        USAGE("--job prints its report on standard output, which %s; name a file with -o",
              o->trace ? "--trace writes to" : "-o - writes the CV to");
    if (d.nerrors)
        return report(o, &d);
    /* -o DIR of --all-variants has no format of its own */
    int f = rc_format_choose(o->format, o->all_variants ? NULL : o->output, &d);
    if (f >= 0 && o->text_width) {
        if (o->text_width != RESCOMP_NO_WRAP &&
            (o->text_width < RC_TEXT_MIN_WIDTH || o->text_width > RC_TEXT_MAX_WIDTH))
            USAGE("--width must be 0 (no hard wrapping) or %d to %d columns, not %d",
                  RC_TEXT_MIN_WIDTH, RC_TEXT_MAX_WIDTH, o->text_width);
        else if (f != RC_FORMAT_TXT)
            USAGE("--width sets the lines of plain text, not of %s: add --format txt (or "
                  "-o FILE.txt)", f == RC_FORMAT_PDF ? "a PDF" : rc_format_extension((rc_format)f));
    }
#undef USAGE
    return report(o, &d);
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
                           o->nsets, o->root, NULL, 0, NULL, NULL};
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
            letter_outputs(o, &b, j, rc_source_has_letter(src, v));
        }
    } else if (o->all_variants) {
        size_t n = rc_source_nvariants(src), nletters = 0;
        char *dir = o->output_dir ? rc_xstrdup(o->output_dir) : rc_files_dir_of(o->input);
        char *stem = stem_of(o->input);
        if (n == 0) {
            rc_pos whole = {o->input, 0, 0};
            rc_error_class(&d, RC_FAIL_USAGE, whole, "--all-variants: the CV defines no variants "
                           "(add a 'variants:' mapping)");
        } else if (o->check || make_dirs(dir, &d) == 0) {
            for (size_t i = 0; i < n; i++) {
                int has_letter = rc_source_has_letter(src, (int)i);
                nletters += has_letter;
                if (o->letter && !has_letter)
                    continue; /* --letter: the letters alone */
                rc_job *j = add_job(&b, o, run, src, (int)i);
                if (!o->check) {
                    rc_buf p = RC_BUF_INIT;
                    int f = rc_format_of(o->format, NULL);
                    rc_buf_addf(&p, "%s/%s-%s.%s", dir, stem, rc_source_variant_name(src, i),
                                rc_format_extension(f < 0 ? RC_FORMAT_PDF : (rc_format)f));
                    j->output = own(&b, p.ptr);
                    if (o->letter)
                        j->output = own(&b, rescomp_letter_output(j->output));
                }
                letter_outputs(o, &b, j, has_letter);
            }
            if (o->letter && !nletters) {
                rc_pos whole = {o->input, 0, 0};
                rc_error_class(&d, RC_FAIL_USAGE, whole, "--letter: no variant has a letter "
                               "(add 'letter:' to a variant, or a body to the top-level "
                               "letter:)");
            }
        }
        free(dir);
        free(stem);
    } else {
        rc_job *j = add_job(&b, o, run, src, -1);
        j->output = o->check ? NULL : o->output;
        j->trace = o->trace;
        /* the CV as written writes no letter beside it unless asked (--letter, --combine) */
        letter_outputs(o, &b, j, 0);
        if (o->check)
            for (size_t i = 0; i < rc_source_nvariants(src); i++)
                add_job(&b, o, run, src, (int)i);
    }

    /* The job ads: --job's for every job, else each variant's job: (job.h). */
    for (size_t i = 0; i < b.njobs && !d.nerrors; i++) {
        rc_job *j = &b.jobs[i];
        char *path = NULL;
        if (o->job) {
            j->ad = o->job;
            j->ad_pos = (rc_pos){NULL, 0, 0};
        } else if (rc_source_job(src, j->variant, &path, &j->ad_pos, &d) > 0) {
            j->ad = own(&b, path);
        }
    }

    names named = {NULL, 0, 0};
    named_inputs(o, &b, src, &named);
    if (!d.nerrors) {
        check_outputs(o, &b, &named, &d);
        check_depfile_names(o, &b, &named, &d);
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
             * and Markdown are laid out as the PDF is); a job whose design
             * names other families loads those itself.
             */
            rc_fonts fonts;
            if (rc_run_fonts(run, NULL, &fonts, &d) < 0) {
                code = report(o, &d);
            } else {
                store_pictures(run, src, &named);
                code = run_forked(b.jobs, b.njobs, o->jobs > 0 ? o->jobs : cores());
            }
            rc_fonts_release(&fonts);
        }
    }

    names all = {NULL, 0, 0};
    prerequisites(o, run, &named, &all);
    free_strings(named.v, named.n);
    char **pre = all.v;
    size_t npre = all.n;
    if (code == RESCOMP_EXIT_OK && o->depfile && !o->check) {
        const char **targets = rc_xcalloc(2 * b.njobs + 1, sizeof(*targets));
        size_t nt = 0;
        for (size_t i = 0; i < b.njobs; i++) {
            if (b.jobs[i].output)
                targets[nt++] = b.jobs[i].output;
            if (b.jobs[i].letter_output)
                targets[nt++] = b.jobs[i].letter_output;
        }
        rc_diags_init(&d);
        if (nt && rc_depfile_write(o->depfile, targets, nt, (const char *const *)pre, npre, &d) < 0)
            code = report(o, &d);
        else
            rc_diags_release(&d);
        free(targets);
    }
    if (files) {
        /* For --watch: the YAML, photo and .bib files (fonts are loaded once, not watched). */
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
    if (changed) {
        rc_buf shown = RC_BUF_INIT;
        rc_buf_add_shown(&shown, changed);
        fprintf(stderr, "rescomp: %s %s changed; ", clock, rc_buf_str(&shown));
        rc_buf_release(&shown);
    }
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
    /* Watch before building, so that no change made during the build is lost. */
    int watching = rc_watch_files(w, (const char *const *)files, nfiles, &d) == 0;
    if (!watching)
        code = report(o, &d);
    for (long rebuilds = 0; watching; rebuilds++) {
        double t0 = now_ms();
        char **read = NULL;
        size_t nread = 0;
        code = build_once(o, run, &read, &nread);
        /*
         * What the build read (a .bib file, a photo) is watched from now
         * on, before the build is reported: folders already watched keep
         * their events (watch.h).
         */
        if (nread) {
            free_strings(files, nfiles);
            files = read;
            nfiles = nread;
            if (rc_watch_files(w, (const char *const *)files, nfiles, &d) < 0) {
                watch_line(o, changed, code, now_ms() - t0);
                code = report(o, &d);
                break;
            }
        } else {
            free(read);
        }
        watch_line(o, changed, code, now_ms() - t0);
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
    struct sigaction old[RC_ARRAY_LEN(caught)];
    catch_signals(old);
    code = o->watch ? watch_loop(o, &run) : build_once(o, &run, NULL, NULL);
    restore_signals(old);
    rc_font_store_free(run.fonts);
    rc_image_store_free(run.images);
    return code;
}
