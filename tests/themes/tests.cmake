# Every example compiles under every built-in theme with no warning at all
# (--strict turns a warning into exit 1): no overfull line, no missing
# character or bullet, no option a theme sets that rescomp cannot honour.
file(GLOB THEME_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/themes/*.yaml)
file(GLOB THEME_EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/*.yaml)
foreach(theme_file ${THEME_FILES})
  get_filename_component(theme ${theme_file} NAME_WE)
  foreach(example ${THEME_EXAMPLES})
    get_filename_component(name ${example} NAME_WE)
    add_test(NAME theme_${theme}_${name}
      COMMAND rescomp --strict --set design.theme=${theme} ${example}
              -o ${CMAKE_CURRENT_BINARY_DIR}/themes-work/${theme}-${name}.pdf)
    set_tests_properties(theme_${theme}_${name} PROPERTIES LABELS themes)
  endforeach()
endforeach()
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/themes-work)
