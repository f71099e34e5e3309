# Ligatures (ff fi fl ffi ffl, and Lato's tt ft fj ...) from the fonts'
# own 'liga' feature: the PDF shows ligature glyphs, each mapped in
# /ToUnicode to its letters, so that every extractor reads the words as
# written and never a ligature character. In each shipped family: Rescomp
# Sans (Lato), CMU Serif (latex), Rescomp Serif (Charter), and the RenderCV
# themes' own: Rescomp Humanist (classic's Source Sans 3, CFF), Rescomp
# Display (engineeringclassic's Raleway), Ubuntu derivative Rescomp
# (ember), EB Garamond (ink), Rescomp Book (Gentium Book Plus), Rescomp
# Modern (sb2nov's New Computer Modern: Latin Modern, CFF), XCharter
# (harvard's, CFF).
# family:least ligatures shown:--set values
set(LIG_ENGINES pdftotext pdftotext-raw mutool pdfminer pypdf pdfbox pdfjs pdfium)
set(LIG_INPUT ${CMAKE_CURRENT_LIST_DIR}/ligatures.yaml)
set(LIG_FAMILIES "sans:70:design.theme=classic,design.typography.font_family=Lato"
    "cmu:70:design.theme=latex"
    "serif:70:design.theme=classic,design.typography.font_family=Charter"
    "humanist:40:design.theme=classic" "display:65:design.theme=engineeringclassic"
    "ubuntu:65:design.theme=ember" "garamond:70:design.theme=ink"
    "book:65:design.theme=classic,design.typography.font_family=Gentium Book Plus"
    "modern:70:design.theme=sb2nov" "xcharter:70:design.theme=harvard")
foreach(case ${LIG_FAMILIES})
  string(REGEX REPLACE ":.*" "" family "${case}")
  string(REGEX REPLACE "^[^:]*:([0-9]+):.*" "\\1" least "${case}")
  string(REGEX REPLACE "^[^:]*:[^:]*:" "" sets "${case}")
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
  # in a word hyphenated where one would fall, and a family without fi and
  # fl, as Source Sans 3, sets fewer); none with ligatures off.
  add_test(NAME lig_glyphs_${family}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DINPUT=${LIG_INPUT} -DMIN=${least}
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
