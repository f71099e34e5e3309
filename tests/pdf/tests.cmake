# PDF checks with real tools (poppler-utils, qpdf): the flagship and the
# engineer example are rendered, then their text layer, fonts, structure,
# metadata and determinism are checked.
add_executable(check_words ${CMAKE_CURRENT_LIST_DIR}/check_words.c)
rescomp_add_compile_options(check_words)

foreach(example academic engineer)
  add_test(NAME pdf_${example}
    COMMAND ${CMAKE_COMMAND}
      -DEXE=$<TARGET_FILE:rescomp>
      -DCHECK_WORDS=$<TARGET_FILE:check_words>
      -DINPUT=${PROJECT_SOURCE_DIR}/examples/${example}.yaml
      -DNAME=${example}
      -DEXPECTED_WORDS=${CMAKE_CURRENT_LIST_DIR}/${example}-words.txt
      -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/pdf-work/${example}
      -P ${CMAKE_CURRENT_LIST_DIR}/run_pdf_checks.cmake)
endforeach()
