# Right-to-left CVs (issue 15): Arabic, Hebrew and Persian, each with Latin
# names, numbers, a URL and an e-mail in its lines, and an English CV with
# Hebrew and Arabic words in its lines, and a Hebrew cover letter, read
# back from the PDF
# (pdftotext, pdfminer, word boxes), the txt and the html: check_rtl.py
# says what is checked. Debian's python3, whose pdfminer and yaml are
# python3-pdfminer and python3-yaml.
foreach(lang arabic hebrew persian english_with_rtl english_dejavu)
  add_test(NAME rtl_${lang}
    COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/check_rtl.py $<TARGET_FILE:rescomp>
            ${CMAKE_CURRENT_LIST_DIR}/${lang}.yaml ${CMAKE_CURRENT_BINARY_DIR}/rtl-${lang})
endforeach()
add_test(NAME rtl_letter_hebrew
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/check_rtl.py $<TARGET_FILE:rescomp>
          ${CMAKE_CURRENT_LIST_DIR}/letter_hebrew.yaml ${CMAKE_CURRENT_BINARY_DIR}/rtl-letter
          --letter)
# Their traces, byte for byte (scripts/update-golden.sh writes them): the
# runs' places, directions and glyphs, and the structure in logical order.
file(GLOB RTL_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.yaml)
foreach(input ${RTL_CASES})
  get_filename_component(name ${input} NAME_WE)
  set(args "")
  if(name MATCHES "^letter_")
    set(args --letter)
  endif()
  add_test(NAME rtl_golden_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DINPUT=${input} "-DARGS=${args}"
            -DEXPECTED=${CMAKE_CURRENT_LIST_DIR}/golden/${name}.trace
            -DACTUAL=${CMAKE_CURRENT_BINARY_DIR}/rtl-golden/${name}.trace
            -P ${PROJECT_SOURCE_DIR}/tests/golden/run_golden.cmake)
endforeach()
# Vocalised Arabic: each mark drawn where HarfBuzz places it over or under
# its letter, compared glyph by glyph with hb-shape (check_marks.py).
add_test(NAME rtl_marks_arabic
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/check_marks.py $<TARGET_FILE:rescomp>
          ${CMAKE_CURRENT_LIST_DIR}/arabic_vocalised.yaml ${CMAKE_CURRENT_BINARY_DIR}/rtl-marks)
# The same in a font with CFF outlines (GNU FreeFont's FreeSerif, from
# fonts-freefont-otf), whose marks are moved in their charstrings.
configure_file(${CMAKE_CURRENT_LIST_DIR}/freefont.conf.in ${CMAKE_BINARY_DIR}/freefont.conf @ONLY)
add_test(NAME rtl_marks_arabic_cff
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/check_marks.py $<TARGET_FILE:rescomp>
          ${CMAKE_CURRENT_LIST_DIR}/arabic_vocalised.yaml ${CMAKE_CURRENT_BINARY_DIR}/rtl-marks-cff
          ${CMAKE_BINARY_DIR}/freefont.conf FreeSerif)
