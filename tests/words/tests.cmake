# Text is never cut: every word of every text field of every example (and
# of the golden CVs) comes out of the PDF under every built-in theme, read
# back with poppler's pdftotext -raw. A degree that wraps in its narrow
# column, a long location or date, a highlight: each word, in every column.
file(GLOB WORDS_THEMES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/themes/*.yaml)
file(GLOB WORDS_INPUTS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/*.yaml
     ${PROJECT_SOURCE_DIR}/tests/golden/*.yaml ${CMAKE_CURRENT_LIST_DIR}/*.yaml)
# A cover letter is not a CV: its words are not in cv fields.
list(FILTER WORDS_INPUTS EXCLUDE REGEX "/letter\\.yaml$")
# long_words.yaml is checked below, with its margins.
list(FILTER WORDS_INPUTS EXCLUDE REGEX "/long_words\\.yaml$")
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

# A link, a website, a connection and a date that cannot fit their column
# break (at their punctuation, or anywhere as a last resort) instead of
# running into the margin, and still extract whole. long_words.yaml sets
# 1in margins on a US letter page: text lies between x = 72 and 540.
set(WORDS_URL "https://example.com/research/projects/2024/reinforcement-learning-from-human-feedback/online-iterative-rlhf/reward-modeling/preference-functions/state-of-the-art/open-source-models/final-release-v2.1/index.html")
set(WORDS_LONG "${WORDS_URL}"
    "${WORDS_URL}?view=full&lang=en"
    "2019-09-01T00:00:00/2024-06-30T23:59:59_Coordinated_Universal_Time_UTC"
    "Pneumonoultramicroscopicsilicovolcanoconiosisology")
foreach(theme_file ${WORDS_THEMES})
  get_filename_component(theme ${theme_file} NAME_WE)
  add_test(NAME words_margins_${theme}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
            -DCHECK_WORDS=$<TARGET_FILE:check_words>
            -DINPUT=${CMAKE_CURRENT_LIST_DIR}/long_words.yaml -DTHEME=${theme}
            -DNAME=margins-${theme} -DLEFT=72 -DRIGHT=540 "-DSTRINGS=${WORDS_LONG}"
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/words-work
            -P ${CMAKE_CURRENT_LIST_DIR}/run_margins.cmake)
  set_tests_properties(words_margins_${theme} PROPERTIES LABELS words)
endforeach()
