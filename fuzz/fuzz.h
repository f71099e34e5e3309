/*
 * fuzz: what the harnesses share.
 *
 * Each harness is one LLVMFuzzerTestOneInput over one entry point of the
 * library. Built with clang -fsanitize=fuzzer (-DRESCOMP_FUZZ=ON) it is a
 * libFuzzer program; linked with replay.c (every build, gcc too) it is a
 * program that runs the committed corpus once, as a CTest test.
 *
 * A harness checks the properties the API promises, beyond "no crash":
 * FUZZ_CHECK aborts (a crash to libFuzzer, a failure to CTest) and says
 * which property broke.
 */
#ifndef RC_FUZZ_H
#define RC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

#endif
