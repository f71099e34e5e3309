# Locale error cases: each tests/locale/*.yaml names the exit code and the
# diagnostics it must give in its leading "# exit:" and "# stderr:" lines
# (tests/cmake/run_error.cmake). The German golden CV is
# tests/golden/locale_german.yaml; the words of each language and the date
# rules are unit-tested in tests/unit/test_locale.c.
file(GLOB LOCALE_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.yaml)
foreach(case ${LOCALE_CASES})
  get_filename_component(name ${case} NAME_WE)
  add_test(NAME locale_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DCASE=${case}
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/locale-work/${name}
            -P ${PROJECT_SOURCE_DIR}/tests/cmake/run_error.cmake)
endforeach()
