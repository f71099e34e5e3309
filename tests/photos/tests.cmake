# Photos through the whole program (check_photos.py says what is checked):
# every PNG colour type, bit depth and interlacing drawn right, large ones
# scaled to 300 dpi, JPEGs kept as they are, broken files errors at their line.
find_program(PYTHON3 python3)
add_test(NAME photos
  COMMAND ${PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_photos.py $<TARGET_FILE:rescomp>
          ${CMAKE_CURRENT_BINARY_DIR}/photos-work ${PROJECT_SOURCE_DIR}/tests/golden)
set_tests_properties(photos PROPERTIES TIMEOUT 300)
