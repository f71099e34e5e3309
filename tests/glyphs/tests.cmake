# Characters no font has, fallback fonts beyond the BMP, and clusters of
# combining characters (issue 12): check_glyphs.py runs the program under a
# fontconfig configuration of its own and checks the PDF with poppler.
#   none.conf     no installed font: an emoji is a box, a warning, and itself
#                 in the extracted text
#   symbola.conf  Symbola (fonts-symbola) only: the emoji comes from it
#   fonts.conf    the tests' usual fonts (DejaVu's combining marks)
set(GLYPHS_DIR ${CMAKE_CURRENT_LIST_DIR})
foreach(conf none symbola)
  configure_file(${GLYPHS_DIR}/${conf}.conf.in ${CMAKE_BINARY_DIR}/glyphs-${conf}.conf @ONLY)
endforeach()
function(glyphs_test name conf timeout)
  add_test(NAME glyphs_${name}
    COMMAND python3 ${GLYPHS_DIR}/check_glyphs.py ${name} $<TARGET_FILE:rescomp> ${conf}
            ${CMAKE_CURRENT_BINARY_DIR}/glyphs-work/${name})
  set_tests_properties(glyphs_${name} PROPERTIES TIMEOUT ${timeout} LABELS glyphs)
endfunction()
glyphs_test(missing ${CMAKE_BINARY_DIR}/glyphs-none.conf 60)
glyphs_test(symbola ${CMAKE_BINARY_DIR}/glyphs-symbola.conf 60)
# Shaping a cluster costs the square of its length: a million marks took
# hours before clusters were cut to 32 marks, and take a second now.
glyphs_test(marks ${CMAKE_BINARY_DIR}/fonts.conf 60)
glyphs_test(clusters ${CMAKE_BINARY_DIR}/fonts.conf 60)
