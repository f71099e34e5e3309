# The text devices write what the PDF shows (issue 13): every example under
# every built-in theme, compiled to PDF, txt and md with no hyphenation;
# the txt's words are pdftotext's in order (its date and label columns may
# stand beside other lines, decoration is not text), and cmark reads the md
# into the structure tree's headings, list items and links. check_text.py
# says what is normalised.
file(GLOB TEXTDEV_THEMES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/themes/*.yaml)
file(GLOB TEXTDEV_EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/*.yaml)
find_program(PYTHON3 python3)
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/textdev-work)
foreach(theme_file ${TEXTDEV_THEMES})
  get_filename_component(theme ${theme_file} NAME_WE)
  foreach(example ${TEXTDEV_EXAMPLES})
    get_filename_component(name ${example} NAME_WE)
    add_test(NAME textdev_${theme}_${name}
      COMMAND ${PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_text.py $<TARGET_FILE:rescomp> ${example}
              ${theme} ${CMAKE_CURRENT_BINARY_DIR}/textdev-work/${theme}-${name})
    set_tests_properties(textdev_${theme}_${name} PROPERTIES LABELS textdev)
  endforeach()
endforeach()
