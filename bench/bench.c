/*
 * bench: time and memory of whole rescomp runs.
 *
 *   bench RUNS PROGRAM [ARGS...]
 *
 * Runs the command RUNS times (after one warm-up run), each in a fresh
 * process, and prints the median, minimum and maximum wall-clock time and
 * the median peak resident set size (from wait4's rusage). Nothing is
 * asserted: these are measurements, reported by bench/run.sh.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static int run_once(char **argv, double *ms, long *rss_kb)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return -1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    *rss_kb = ru.ru_maxrss;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench RUNS PROGRAM [ARGS...]\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    if (runs < 1)
        runs = 1;
    double *ms = calloc((size_t)runs, sizeof(double));
    long *rss = calloc((size_t)runs, sizeof(long));
    double warm;
    long warm_rss;
    int rc = run_once(argv + 2, &warm, &warm_rss);
    if (rc != 0) {
        fprintf(stderr, "bench: '%s' exited with %d\n", argv[2], rc);
        return 1;
    }
    for (int i = 0; i < runs; i++)
        run_once(argv + 2, &ms[i], &rss[i]);
    qsort(ms, (size_t)runs, sizeof(double), cmp_double);
    qsort(rss, (size_t)runs, sizeof(long), cmp_long);
    printf("median %.2f ms  min %.2f ms  max %.2f ms  peak RSS %ld KiB  (%d runs)\n",
           ms[runs / 2], ms[0], ms[runs - 1], rss[runs / 2], runs);
    free(ms);
    free(rss);
    return 0;
}
