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
