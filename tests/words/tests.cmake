# Text is never cut: every word of every text field of every example (and
# of the golden CVs) comes out of the PDF under every built-in theme, read
# back with poppler's pdftotext -raw. A degree that wraps in its narrow
# column, a long location or date, a highlight: each word, in every column.
file(GLOB WORDS_THEMES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/themes/*.yaml)
file(GLOB WORDS_INPUTS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/*.yaml
     ${PROJECT_SOURCE_DIR}/tests/golden/*.yaml ${CMAKE_CURRENT_LIST_DIR}/*.yaml)
# A cover letter is not a CV: its words are not in cv fields.
list(FILTER WORDS_INPUTS EXCLUDE REGEX "/letter\\.yaml$")
foreach(theme_file ${WORDS_THEMES})
  get_filename_component(theme ${theme_file} NAME_WE)
  foreach(input ${WORDS_INPUTS})
    get_filename_component(name ${input} NAME_WE)
    add_test(NAME words_${theme}_${name}
      COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
              -DCHECK_WORDS=$<TARGET_FILE:check_words> -DINPUT=${input} -DTHEME=${theme}
              -DNAME=${theme}-${name} -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/words-work
              -P ${CMAKE_CURRENT_LIST_DIR}/run_words.cmake)
    set_tests_properties(words_${theme}_${name} PROPERTIES LABELS words)
  endforeach()
endforeach()
