# The Debian package: `cpack -G DEB` in the build folder (after a build)
# writes rescomp_VERSION_ARCH.deb with the program, its phone module, the
# fonts, the man page, shell completions, and README, examples and the
# fonts' licences under share/doc/rescomp. Its binary finds the fonts
# relative to itself, so the package works extracted anywhere
# (dpkg-deb -x) as well as installed.
set(CPACK_PACKAGE_NAME rescomp)
set(CPACK_PACKAGE_VENDOR "rescomp")
set(CPACK_PACKAGE_CONTACT "rescomp maintainers <rescomp@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "CV compiler: YAML (RenderCV) or JSON Resume to a typeset PDF")
set(CPACK_PACKAGE_DESCRIPTION
    "rescomp typesets a CV written in YAML (RenderCV's format) or JSON Resume into a PDF
 with Knuth-Plass line breaking, hyphenation and kerning, tagged for screen readers
 and text extraction, in milliseconds and without TeX.")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The libraries the binary links: dpkg-shlibdeps finds their packages.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The libraries it loads itself (dlopen) no linker records: their packages
# are read from src/lazy_libs.c's table, where they are stated.
file(STRINGS ${PROJECT_SOURCE_DIR}/src/lazy_libs.c lazy_rows REGEX "^ *{\"lib[^\"]*\", \"[^\"]*\"},")
set(lazy_packages "")
foreach(row ${lazy_rows})
  string(REGEX REPLACE "^ *{\"[^\"]*\", \"([^\"]*)\"},.*" "\\1" package "${row}")
  list(APPEND lazy_packages ${package})
endforeach()
list(JOIN lazy_packages ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
include(CPack)
