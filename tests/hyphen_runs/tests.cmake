# At most two hyphenated lines in a row (issue 14), anywhere: every example
# under every built-in theme, and every CV among the tests' inputs (those
# rescomp rejects on purpose are skipped). run_runs.cmake reads the runs
# from the trace; ladder.yaml is a narrow column of long words where TeX's
# rules alone stacked four hyphens.
file(GLOB RUN_THEMES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/themes/*.yaml)
file(GLOB RUN_EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/*.yaml)
foreach(theme_file ${RUN_THEMES})
  get_filename_component(theme ${theme_file} NAME_WE)
  add_test(NAME hyphen_runs_${theme}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DMAX=2
      -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/hyphen-runs/${theme}
      "-DINPUTS=${RUN_EXAMPLES}" -DSETS=design.theme=${theme}
      -P ${CMAKE_CURRENT_LIST_DIR}/run_runs.cmake)
endforeach()
file(GLOB_RECURSE RUN_INPUTS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/*.yaml
     ${PROJECT_SOURCE_DIR}/tests/*.json)
list(FILTER RUN_INPUTS EXCLUDE REGEX "/node_modules/|/errors/")
add_test(NAME hyphen_runs_inputs
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DMAX=2 -DSKIP_FAILING=1
    -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/hyphen-runs/inputs "-DINPUTS=${RUN_INPUTS}"
    -P ${CMAKE_CURRENT_LIST_DIR}/run_runs.cmake)
# The check itself fails where it should: on a trace with three hyphenated
# lines in a row (written by hand: the breaker no longer makes one).
add_test(NAME hyphen_runs_can_fail
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DMAX=2
    -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/hyphen-runs/can-fail
    -DINPUTS=${CMAKE_CURRENT_LIST_DIR}/three_in_a_row.trace
    -P ${CMAKE_CURRENT_LIST_DIR}/run_runs.cmake)
set_tests_properties(hyphen_runs_can_fail PROPERTIES WILL_FAIL TRUE)
