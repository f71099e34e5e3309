# Golden tests: the trace of each example and of each case in golden/ must
# equal its .trace file byte for byte. After a deliberate layout change,
# regenerate them with scripts/update-golden.sh and review the diff.
file(GLOB GOLDEN_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.yaml)
set(GOLDEN_INPUTS ${PROJECT_SOURCE_DIR}/examples/academic.yaml
                  ${PROJECT_SOURCE_DIR}/examples/engineer.yaml ${GOLDEN_CASES})
foreach(input ${GOLDEN_INPUTS})
  get_filename_component(name ${input} NAME_WE)
  add_test(NAME golden_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DINPUT=${input}
            -DEXPECTED=${CMAKE_CURRENT_LIST_DIR}/${name}.trace
            -DACTUAL=${CMAKE_CURRENT_BINARY_DIR}/golden-work/${name}.trace
            -P ${CMAKE_CURRENT_LIST_DIR}/run_golden.cmake)
endforeach()
