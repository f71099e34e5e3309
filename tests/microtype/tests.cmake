# Margin protrusion and font expansion (issue 14), measured where a reader
# sees them: glyph boxes read back from the PDF with pdfminer
# (check_margins.py says what is checked). microtype.yaml sets justified
# paragraphs between x = 72 and x = 360 in the latex theme, which expands;
# the same CV with protrusion off, and with expansion off. Every word of
# the CV must still extract (pdftotext -raw, check_words --cv): scaled
# glyphs and hanging ones move no text.
set(MICROTYPE_CASES
    "default|on|on|"
    "no_protrusion|off|on|design.typography.margin_protrusion=false"
    "no_expansion|on|off|design.typography.font_expansion=false")
foreach(case ${MICROTYPE_CASES})
  string(REPLACE "|" ";" f "${case}")
  list(GET f 0 name)
  list(GET f 1 protrusion)
  list(GET f 2 expansion)
  list(LENGTH f nf)
  set(set_arg "")
  if(nf GREATER 3)
    list(GET f 3 set_arg)
  endif()
  add_test(NAME microtype_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
            -DCHECK_WORDS=$<TARGET_FILE:check_words>
            -DCHECK=${CMAKE_CURRENT_LIST_DIR}/check_margins.py
            -DINPUT=${CMAKE_CURRENT_LIST_DIR}/microtype.yaml -DNAME=${name}
            -DPROTRUSION=${protrusion} -DEXPANSION=${expansion} "-DSET=${set_arg}"
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/microtype-work
            -P ${CMAKE_CURRENT_LIST_DIR}/run_microtype.cmake)
endforeach()
