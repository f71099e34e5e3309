# Ligatures (ff fi fl ffi ffl, and Lato's tt ft fj ...) from the fonts'
# own 'liga' feature: the PDF shows ligature glyphs, each mapped in
# /ToUnicode to its letters, so that every extractor reads the words as
# written and never a ligature character. In each shipped family: Rescomp
# Sans (classic), CMU Serif (latex) and Rescomp Serif (Charter).
set(LIG_ENGINES pdftotext pdftotext-raw mutool pdfminer pypdf pdfbox pdfjs pdfium)
set(LIG_INPUT ${CMAKE_CURRENT_LIST_DIR}/ligatures.yaml)
set(LIG_FAMILIES "sans:design.theme=classic" "cmu:design.theme=latex"
    "serif:design.theme=classic,design.typography.font_family=Charter")
foreach(case ${LIG_FAMILIES})
  string(REGEX REPLACE ":.*" "" family "${case}")
  string(REGEX REPLACE "^[^:]*:" "" sets "${case}")
  string(REPLACE "," ";" sets "${sets}")
  # Hyphenation off: an extractor that ignores /ActualText would see the
  # halves of a hyphenated word (as tests/extract says).
  foreach(engine ${LIG_ENGINES})
    add_test(NAME lig_extract_${family}_${engine}
      COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DINPUT=${LIG_INPUT}
        -DENGINE=${engine} -DEXTRACT=${PROJECT_SOURCE_DIR}/tests/extract/extract.sh
        -DCHECK_WORDS=$<TARGET_FILE:check_words>
        "-DSETS=${sets};design.typography.alignment=justified-with-no-hyphenation"
        -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/lig-work/extract-${family}-${engine}
        -P ${CMAKE_CURRENT_LIST_DIR}/run_lig.cmake)
    set_tests_properties(lig_extract_${family}_${engine} PROPERTIES LABELS extract)
  endforeach()
  # The fixture has 97 places for a ligature in CMU Serif (fewer are set
  # in a word hyphenated where one would fall); none with ligatures off.
  add_test(NAME lig_glyphs_${family}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DINPUT=${LIG_INPUT} -DMIN=70
      "-DSETS=${sets}" -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/lig-work/glyphs-${family}
      -P ${CMAKE_CURRENT_LIST_DIR}/run_lig.cmake)
  add_test(NAME lig_glyphs_${family}_off
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DINPUT=${LIG_INPUT} -DMIN=0
      "-DSETS=${sets};design.typography.ligatures=false"
      -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/lig-work/glyphs-${family}-off
      -P ${CMAKE_CURRENT_LIST_DIR}/run_lig.cmake)
  # Hyphenated in a narrow column: words broken where a ligature would
  # fall are shaped piece by piece, and still read whole (poppler reads
  # the /ActualText of a broken word).
  add_test(NAME lig_hyphenated_${family}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DINPUT=${LIG_INPUT}
      -DENGINE=pdftotext -DEXTRACT=${PROJECT_SOURCE_DIR}/tests/extract/extract.sh
      -DCHECK_WORDS=$<TARGET_FILE:check_words>
      "-DSETS=${sets};design.page.left_margin=6cm;design.page.right_margin=6cm"
      -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/lig-work/hyphenated-${family}
      -P ${CMAKE_CURRENT_LIST_DIR}/run_lig.cmake)
endforeach()
