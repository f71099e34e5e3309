/*
 * A minimal test harness in the manner of cmark's api_test/harness.h:
 * each check prints a line on failure; main returns the failure count, so
 * CTest fails the test when any check fails.
 */
#ifndef RC_TEST_HARNESS_H
#define RC_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int rc_test_failures = 0;
static int rc_test_checks = 0;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        rc_test_checks++;                                                               \
        if (!(cond)) {                                                                  \
            rc_test_failures++;                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
        }                                                                               \
    } while (0)

#define CHECK_INT(got, want)                                                            \
    do {                                                                                \
        long long g_ = (long long)(got), w_ = (long long)(want);                        \
        rc_test_checks++;                                                               \
        if (g_ != w_) {                                                                 \
            rc_test_failures++;                                                         \
            fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__,   \
                    #got, g_, w_);                                                      \
        }                                                                               \
    } while (0)

#define CHECK_STR(got, want)                                                            \
    do {                                                                                \
        const char *g_ = (got), *w_ = (want);                                           \
        rc_test_checks++;                                                               \
        if (!g_ || !w_ || strcmp(g_, w_) != 0) {                                        \
            rc_test_failures++;                                                         \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__,         \
                    __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");            \
        }                                                                               \
    } while (0)

static inline int rc_test_report(const char *name)
{
    fprintf(stderr, "%s: %d checks, %d failed\n", name, rc_test_checks, rc_test_failures);
    if (rc_test_checks == 0)
        return 1; /* a test that checks nothing is a failure */
    return rc_test_failures ? 1 : 0;
}

#endif
