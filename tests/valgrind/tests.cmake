# Memcheck over the program: the two examples, each to a PDF and to a
# trace, must run without memory errors and without definite or indirect
# leaks. Libraries may keep "still reachable" memory (fontconfig, HarfBuzz,
# libharu caches), which is not a leak of ours and does not fail the run.
# Registered only where valgrind is installed, and never in a sanitized
# build (Asan, or the fuzzing build): valgrind and ASan do not mix.
find_program(RESCOMP_VALGRIND valgrind)
string(TOUPPER "${CMAKE_BUILD_TYPE}" rescomp_build_type)
if(RESCOMP_VALGRIND AND NOT rescomp_build_type STREQUAL "ASAN" AND NOT RESCOMP_FUZZ)
  set(valgrind_work ${CMAKE_CURRENT_BINARY_DIR}/valgrind-work)
  file(MAKE_DIRECTORY ${valgrind_work})
  set(memcheck ${RESCOMP_VALGRIND} --error-exitcode=99 --leak-check=full
      --errors-for-leak-kinds=definite,indirect --track-origins=yes --quiet)
  foreach(example academic engineer)
    set(input ${PROJECT_SOURCE_DIR}/examples/${example}.yaml)
    add_test(NAME valgrind_${example}_pdf
      COMMAND ${memcheck} $<TARGET_FILE:rescomp> ${input} -o ${valgrind_work}/${example}.pdf)
    add_test(NAME valgrind_${example}_trace
      COMMAND ${memcheck} $<TARGET_FILE:rescomp> ${input} --trace)
    set_tests_properties(valgrind_${example}_pdf valgrind_${example}_trace PROPERTIES
      LABELS valgrind TIMEOUT 600)
  endforeach()
endif()
