# Cover letters (letter:). Golden traces of the example's letter in every
# built-in theme (scripts/update-golden.sh writes them), and the PDFs,
# outputs and batch runs through the whole program (check_letter.py).
file(GLOB LETTER_THEMES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/themes/*.yaml)
foreach(theme_file ${LETTER_THEMES})
  get_filename_component(theme ${theme_file} NAME_WE)
  add_test(NAME letter_golden_${theme}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
            -DINPUT=${PROJECT_SOURCE_DIR}/examples/applications.yaml
            "-DARGS=--variant;acme;--letter;--set;design.theme=${theme}"
            -DEXPECTED=${CMAKE_CURRENT_LIST_DIR}/golden/${theme}.trace
            -DACTUAL=${CMAKE_CURRENT_BINARY_DIR}/letter-work/${theme}.trace
            -P ${PROJECT_SOURCE_DIR}/tests/golden/run_golden.cmake)
endforeach()
find_program(PYTHON3 python3)
add_test(NAME letter_pdf
  COMMAND ${PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_letter.py $<TARGET_FILE:rescomp>
          ${CMAKE_CURRENT_BINARY_DIR}/letter-work/pdf ${PROJECT_SOURCE_DIR}/examples)
set_tests_properties(letter_pdf PROPERTIES TIMEOUT 300)
add_test(NAME letter_ci_applications
  COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/ci_applications.sh $<TARGET_FILE:rescomp>
          ${CMAKE_CURRENT_BINARY_DIR}/letter-work/ci ${PROJECT_SOURCE_DIR})
set_tests_properties(letter_ci_applications PROPERTIES TIMEOUT 120)
