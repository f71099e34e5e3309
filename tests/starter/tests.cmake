# rescomp new: the starter compiles with --strict under every theme (and as
# JSON Resume), holds every entry type, takes any name, and never writes
# over a file.
file(GLOB STARTER_THEMES RELATIVE ${PROJECT_SOURCE_DIR}/themes ${PROJECT_SOURCE_DIR}/themes/*.yaml)
foreach(theme_file ${STARTER_THEMES})
  string(REPLACE ".yaml" "" theme ${theme_file})
  add_test(NAME starter_${theme}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DTHEME=${theme}
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/starter-work/${theme}
            -P ${CMAKE_CURRENT_LIST_DIR}/run_starter.cmake)
endforeach()
add_test(NAME starter_json
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DFORMAT=json
          -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/starter-work/json
          -P ${CMAKE_CURRENT_LIST_DIR}/run_starter.cmake)
add_test(NAME starter_refusals
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
          -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/starter-work/refusals
          -P ${CMAKE_CURRENT_LIST_DIR}/run_refusals.cmake)
set_tests_properties(starter_json starter_refusals PROPERTIES LABELS starter)
