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

#include "font.h"

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

/* The build sets it (fuzz/CMakeLists.txt); a build without CMake guesses. */
#ifndef RESCOMP_FUZZ_FONT_DIR
#define RESCOMP_FUZZ_FONT_DIR "fonts"
#endif

/*
 * The shipped fonts, loaded once for all inputs (the build's own unless
 * RESCOMP_FONT_DIR says otherwise); a harness that cannot have them exits.
 */
static inline void fuzz_load_fonts(rc_fonts *fonts, const char *harness)
{
    if (!getenv("RESCOMP_FONT_DIR"))
        setenv("RESCOMP_FONT_DIR", RESCOMP_FUZZ_FONT_DIR, 0);
    char *dir = rc_fonts_find_dir();
    rc_diags d;
    rc_diags_init(&d);
    if (!dir || rc_fonts_load(fonts, dir, &d) != 0) {
        fprintf(stderr, "%s: cannot load the fonts from '%s'; set RESCOMP_FONT_DIR\n", harness,
                dir ? dir : getenv("RESCOMP_FONT_DIR"));
        rc_diags_print(&d, stderr);
        exit(1);
    }
    free(dir);
    rc_diags_release(&d);
}

#endif
