# PDF checks with real tools (poppler-utils, qpdf): the flagship and the
# engineer example are rendered, then their text layer, fonts, structure,
# metadata and determinism are checked.
add_executable(check_words ${CMAKE_CURRENT_LIST_DIR}/check_words.c)
rescomp_add_compile_options(check_words)
# --cv reads the words of a CV from its YAML (tests/words)
target_include_directories(check_words PRIVATE ${YAML_INCLUDE_DIR})
target_link_libraries(check_words PRIVATE ${YAML_LIBRARY})

# name, then the CV it renders; name-words.txt holds the text it must extract.
set(PDF_CASES
  academic ${PROJECT_SOURCE_DIR}/examples/academic.yaml
  engineer ${PROJECT_SOURCE_DIR}/examples/engineer.yaml
  # narrow columns and many hyphenated words, each of which must extract whole
  narrow ${PROJECT_SOURCE_DIR}/tests/golden/narrow.yaml
  # installed families, fallback CJK faces, synthetic bold and italic
  fonts ${PROJECT_SOURCE_DIR}/tests/golden/fonts.yaml)
list(LENGTH PDF_CASES n)
math(EXPR last "${n} - 1")
foreach(i RANGE 0 ${last} 2)
  math(EXPR j "${i} + 1")
  list(GET PDF_CASES ${i} example)
  list(GET PDF_CASES ${j} input)
  add_test(NAME pdf_${example}
    COMMAND ${CMAKE_COMMAND}
      -DEXE=$<TARGET_FILE:rescomp>
      -DCHECK_WORDS=$<TARGET_FILE:check_words>
      -DINPUT=${input}
      -DNAME=${example}
      -DEXPECTED_WORDS=${CMAKE_CURRENT_LIST_DIR}/${example}-words.txt
      -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/pdf-work/${example}
      -P ${CMAKE_CURRENT_LIST_DIR}/run_pdf_checks.cmake)
endforeach()
