# Finds the Debian packages rescomp builds against. Each failure names the
# package to install, because that is the only thing a user can act on.
find_package(PkgConfig)
# librescomp serialises btparse and sets up fontconfig once (pthread_once, a mutex).
set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)

# Libraries whose Debian -dev package also ships an archive are linked into
# the program: every shared library is one more file the dynamic loader
# opens, maps and relocates at each start, and rescomp runs are short (a CV
# takes a few milliseconds). libyaml, libhyphen and libdeflate are linked
# in (bench/README-speed.md has the numbers); libharu and btparse have no
# archive, and HarfBuzz and fontconfig are loaded only when a run needs
# them (src/lazy_libs.h).
option(RESCOMP_STATIC_DEPS "Link the dependencies Debian has archives of statically" ON)

macro(rescomp_require_lib var lib header pkg)
  if(RESCOMP_STATIC_DEPS AND "${ARGN}" STREQUAL "STATIC")
    find_library(${var}_LIBRARY NAMES lib${lib}.a ${lib})
  else()
    find_library(${var}_LIBRARY NAMES ${lib})
  endif()
  # librescomp.so links the shared one whatever the program does (an
  # archive's code is not position-independent)
  find_library(${var}_SHARED_LIBRARY NAMES lib${lib}.so ${lib})
  find_path(${var}_INCLUDE_DIR NAMES ${header} PATH_SUFFIXES harfbuzz freetype2 fribidi)
  if(NOT ${var}_LIBRARY OR NOT ${var}_INCLUDE_DIR)
    message(FATAL_ERROR "rescomp: ${header} / lib${lib} not found: install the Debian package '${pkg}' (apt-get install ${pkg})")
  endif()
endmacro()

rescomp_require_lib(YAML yaml yaml.h libyaml-dev STATIC)
rescomp_require_lib(HPDF hpdf hpdf.h libhpdf-dev)
rescomp_require_lib(HARFBUZZ harfbuzz hb.h libharfbuzz-dev)
rescomp_require_lib(HBSUBSET harfbuzz-subset hb-subset.h libharfbuzz-dev)
rescomp_require_lib(HYPHEN hyphen hyphen.h libhyphen-dev STATIC)
rescomp_require_lib(BTPARSE btparse btparse.h libbtparse-dev)
rescomp_require_lib(FONTCONFIG fontconfig fontconfig/fontconfig.h libfontconfig-dev)
rescomp_require_lib(DEFLATE deflate libdeflate.h libdeflate-dev STATIC)
# GNU FriBidi, the Unicode Bidirectional Algorithm: src/bidi.c only, linked in
# (a small archive, which a left-to-right CV never calls).
rescomp_require_lib(FRIBIDI fribidi fribidi.h libfribidi-dev STATIC)
# Photos: libpng and libjpeg(-turbo) are linked into the library only,
# where src/image.c decodes. libharu loads libpng16.so and zlib itself, so
# those stay shared (a static copy would be a second libpng in the process,
# for no saved load); libjpeg, which nothing else loads, is linked in.
rescomp_require_lib(PNG png16 png.h libpng-dev)
rescomp_require_lib(JPEG jpeg jpeglib.h libjpeg-dev STATIC)
rescomp_require_lib(ZLIB z zlib.h zlib1g-dev)
set(RESCOMP_IMAGE_INCLUDE_DIRS ${PNG_INCLUDE_DIR} ${JPEG_INCLUDE_DIR})
set(RESCOMP_IMAGE_LIBRARIES ${PNG_LIBRARY} ${JPEG_LIBRARY} ${ZLIB_LIBRARY} m)
# Only the phone number module links libphonenumber (src/phone.c says why).
rescomp_require_lib(PHONENUMBER phonenumber phonenumbers/phonenumberutil.h libphonenumber-dev)

set(RESCOMP_DEP_INCLUDE_DIRS ${YAML_INCLUDE_DIR} ${HPDF_INCLUDE_DIR}
    ${HARFBUZZ_INCLUDE_DIR} ${HYPHEN_INCLUDE_DIR} ${BTPARSE_INCLUDE_DIR} ${FONTCONFIG_INCLUDE_DIR} ${DEFLATE_INCLUDE_DIR}
    ${FRIBIDI_INCLUDE_DIR})
list(REMOVE_DUPLICATES RESCOMP_DEP_INCLUDE_DIRS)
set(RESCOMP_DEP_LIBRARIES ${YAML_LIBRARY} ${HPDF_LIBRARY} ${HYPHEN_LIBRARY} ${BTPARSE_LIBRARY}
    ${DEFLATE_LIBRARY} ${FRIBIDI_LIBRARY} m ${CMAKE_DL_LIBS})
# The font libraries: linked into the tests and tools, loaded on demand by
# the rescomp program (src/lazy_libs.h).
set(RESCOMP_FONT_LIBRARIES ${HBSUBSET_LIBRARY} ${HARFBUZZ_LIBRARY} ${FONTCONFIG_LIBRARY})
# All of them, shared, for librescomp.so (and named in rescomp.pc).
set(RESCOMP_SHARED_LIBRARIES ${YAML_SHARED_LIBRARY} ${HPDF_SHARED_LIBRARY}
    ${HYPHEN_SHARED_LIBRARY} ${BTPARSE_SHARED_LIBRARY} ${DEFLATE_SHARED_LIBRARY} ${FRIBIDI_SHARED_LIBRARY}
    ${PNG_SHARED_LIBRARY} ${JPEG_SHARED_LIBRARY} ${ZLIB_SHARED_LIBRARY}
    ${HBSUBSET_SHARED_LIBRARY} ${HARFBUZZ_SHARED_LIBRARY} ${FONTCONFIG_SHARED_LIBRARY} m)
