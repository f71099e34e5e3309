# Memory in proportion to the input (issue 12): a generated 4 MB CV
# (bench/bigcv.py: many entries with highlights, one huge paragraph, long
# fields) must compile with a peak RSS of at most 20 times its size plus
# 30 MB (check_memory.py says what took it there). Not under ASan or in the fuzzing build, whose allocators make the
# numbers meaningless.
find_program(RESCOMP_PYTHON3 python3)
string(TOUPPER "${CMAKE_BUILD_TYPE}" rescomp_memory_build_type)
if(RESCOMP_PYTHON3 AND NOT rescomp_memory_build_type STREQUAL "ASAN" AND NOT RESCOMP_FUZZ)
  add_test(NAME memory_4mb_cv
    COMMAND ${RESCOMP_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_memory.py $<TARGET_FILE:rescomp>
            ${PROJECT_SOURCE_DIR}/bench/bigcv.py 4000000
            ${CMAKE_CURRENT_BINARY_DIR}/memory-work)
  set_tests_properties(memory_4mb_cv PROPERTIES LABELS memory TIMEOUT 120)
endif()
