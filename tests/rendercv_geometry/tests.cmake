# RenderCV's geometry (issue 15): each of RenderCV's nine theme examples
# (tests/rendercv), compiled here, against the PDF RenderCV itself made of
# it (bench/rendercv/compare.py: pages, each page's first line, header
# lines, page-1 baselines with the names aligned). The bounds in
# limits.txt are the ones reached, so a change of spacing that moves text
# fails.
set(RENDERCV_BENCH ${PROJECT_SOURCE_DIR}/bench/rendercv)
add_test(NAME rendercv_geometry
  COMMAND /usr/bin/python3 ${RENDERCV_BENCH}/compare.py $<TARGET_FILE:rescomp>
          --limits ${RENDERCV_BENCH}/limits.txt
          --work ${CMAKE_CURRENT_BINARY_DIR}/rendercv-work)
set_tests_properties(rendercv_geometry PROPERTIES TIMEOUT 300)

# Every built-in theme's separator stands apart from its connections.
file(GLOB GEOMETRY_THEMES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/themes/*.yaml)
foreach(theme_file ${GEOMETRY_THEMES})
  get_filename_component(theme ${theme_file} NAME_WE)
  add_test(NAME rendercv_separator_${theme}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
            -DINPUT=${PROJECT_SOURCE_DIR}/examples/engineer.yaml
            -DSETS=design.theme=${theme} -DTHEME=${theme}
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/separator-${theme}
            -P ${CMAKE_CURRENT_LIST_DIR}/separator.cmake)
endforeach()

# RenderCV's placeholders in the PDF title, the top note and the footer.
add_test(NAME rendercv_placeholders
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
          -DINPUT=${CMAKE_CURRENT_LIST_DIR}/placeholders.yaml
          -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/placeholders
          -P ${CMAKE_CURRENT_LIST_DIR}/placeholders.cmake)

# The owner's name bold only in the latex theme; DOIs without 'doi:'.
foreach(theme_file ${GEOMETRY_THEMES})
  get_filename_component(theme ${theme_file} NAME_WE)
  add_test(NAME rendercv_owner_doi_${theme}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
            -DINPUT=${CMAKE_CURRENT_LIST_DIR}/owner.yaml -DTHEME=${theme}
            -P ${CMAKE_CURRENT_LIST_DIR}/owner.cmake)
endforeach()
