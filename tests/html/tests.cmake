# The HTML device (issue 17): every example under every built-in theme,
# compiled to PDF, txt and HTML with no hyphenation; check_html.py checks
# the page is valid HTML5 (html5lib, strict), has every word of the PDF in
# its order and the txt's words, and the tree's structure as elements (h1,
# h2, li, a href, time datetime, lang). The browser tests open the page in
# headless Chromium: a screenshot beside the PDF's first page, and
# Chromium's print of it has every word. They run for the flagship under
# every theme and each example under classic (a browser start is seconds).
# Debian's interpreter runs the checks: html5lib is python3-html5lib.
file(GLOB HTML_THEMES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/themes/*.yaml)
file(GLOB HTML_EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/*.yaml
     ${CMAKE_CURRENT_LIST_DIR}/*.yaml)
set(HTML_PYTHON3 /usr/bin/python3)
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/html-work)
foreach(theme_file ${HTML_THEMES})
  get_filename_component(theme ${theme_file} NAME_WE)
  foreach(example ${HTML_EXAMPLES})
    get_filename_component(name ${example} NAME_WE)
    add_test(NAME html_${theme}_${name}
      COMMAND ${HTML_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_html.py $<TARGET_FILE:rescomp>
              ${example} ${theme} ${CMAKE_CURRENT_BINARY_DIR}/html-work/${theme}-${name})
    set_tests_properties(html_${theme}_${name} PROPERTIES LABELS html)
    if(theme STREQUAL "classic" OR name STREQUAL "academic")
      add_test(NAME html_browser_${theme}_${name}
        COMMAND ${HTML_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_html.py $<TARGET_FILE:rescomp>
                ${example} ${theme} ${CMAKE_CURRENT_BINARY_DIR}/html-work/browser-${theme}-${name}
                --browser)
      set_tests_properties(html_browser_${theme}_${name} PROPERTIES LABELS html
                           SKIP_RETURN_CODE 77 TIMEOUT 300)
    endif()
  endforeach()
endforeach()
