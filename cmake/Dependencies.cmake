# Finds the Debian packages rescomp builds against. Each failure names the
# package to install, because that is the only thing a user can act on.
find_package(PkgConfig)

macro(rescomp_require_lib var lib header pkg)
  find_library(${var}_LIBRARY NAMES ${lib})
  find_path(${var}_INCLUDE_DIR NAMES ${header} PATH_SUFFIXES harfbuzz)
  if(NOT ${var}_LIBRARY OR NOT ${var}_INCLUDE_DIR)
    message(FATAL_ERROR "rescomp: ${header} / lib${lib} not found: install the Debian package '${pkg}' (apt-get install ${pkg})")
  endif()
endmacro()

rescomp_require_lib(YAML yaml yaml.h libyaml-dev)
rescomp_require_lib(HPDF hpdf hpdf.h libhpdf-dev)
rescomp_require_lib(HARFBUZZ harfbuzz hb.h libharfbuzz-dev)
rescomp_require_lib(HBSUBSET harfbuzz-subset hb-subset.h libharfbuzz-dev)
rescomp_require_lib(HYPHEN hyphen hyphen.h libhyphen-dev)
rescomp_require_lib(BTPARSE btparse btparse.h libbtparse-dev)
rescomp_require_lib(FONTCONFIG fontconfig fontconfig/fontconfig.h libfontconfig-dev)
rescomp_require_lib(DEFLATE deflate libdeflate.h libdeflate-dev)
# Only the phone number module links libphonenumber (src/phone.c says why).
rescomp_require_lib(PHONENUMBER phonenumber phonenumbers/phonenumberutil.h libphonenumber-dev)

set(RESCOMP_DEP_INCLUDE_DIRS ${YAML_INCLUDE_DIR} ${HPDF_INCLUDE_DIR}
    ${HARFBUZZ_INCLUDE_DIR} ${HYPHEN_INCLUDE_DIR} ${BTPARSE_INCLUDE_DIR} ${FONTCONFIG_INCLUDE_DIR} ${DEFLATE_INCLUDE_DIR})
list(REMOVE_DUPLICATES RESCOMP_DEP_INCLUDE_DIRS)
set(RESCOMP_DEP_LIBRARIES ${YAML_LIBRARY} ${HPDF_LIBRARY} ${HBSUBSET_LIBRARY} ${HARFBUZZ_LIBRARY}
    ${HYPHEN_LIBRARY} ${BTPARSE_LIBRARY} ${FONTCONFIG_LIBRARY} ${DEFLATE_LIBRARY} m ${CMAKE_DL_LIBS})
