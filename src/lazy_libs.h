/*
 * lazy_libs: HarfBuzz, hb-subset and fontconfig, loaded when first called.
 *
 * The rescomp program is not linked against them: lazy_libs.c defines each
 * function it calls (lazy_libs_list.h) as a stub that loads the library
 * with dlopen() on its first call and then jumps to the real function.
 * A CV set in the shipped fonts calls none of them (their metrics and
 * kerning are compiled in, face_data.h, and the PDF device cuts them
 * itself, subset.c), so such a run never maps these libraries and their
 * dependencies (glib, pcre2, graphite2, FreeType, brotli, expat): about
 * half a millisecond of every start (bench/README-speed.md). A CV that
 * names an installed font, or needs a fallback font, loads them as it
 * would have at start.
 *
 * The unit tests and tools link the libraries directly and do not use
 * this file; only the rescomp executable does.
 */
#ifndef RC_LAZY_LIBS_H
#define RC_LAZY_LIBS_H

/*
 * Resolve every function of the list now; the number that could not be
 * (0 when all are there). For the test: a stub resolves on its first call.
 */
int rc_lazy_libs_resolve_all(void);

#endif
