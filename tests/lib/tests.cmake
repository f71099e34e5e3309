# librescomp, the library (include/rescomp/rescomp.h): what it exports,
# compilations in eight threads at once, a program built against the
# installed library with pkg-config, and the Python module over it.

# Nothing but the API is exported (no btparse hook, no internal rc_*
# function), the SONAME carries the ABI's version, and the library never
# forks, exits or watches files (it does not even import those calls).
add_test(NAME lib_exports
  COMMAND ${CMAKE_COMMAND} -DLIB=$<TARGET_FILE:rescomp_shared>
          -P ${CMAKE_CURRENT_LIST_DIR}/run_exports.cmake)

add_executable(test_threads ${CMAKE_CURRENT_LIST_DIR}/test_threads.c)
target_link_libraries(test_threads PRIVATE rescomp_shared Threads::Threads)
# the installed header only, as a program embedding the library sees it
target_include_directories(test_threads PRIVATE ${PROJECT_SOURCE_DIR}/include)
rescomp_add_compile_options(test_threads)
add_test(NAME lib_threads COMMAND test_threads ${PROJECT_SOURCE_DIR} 2)
set_tests_properties(lib_threads PROPERTIES ENVIRONMENT "SOURCE_DATE_EPOCH=1700000000")

# cmake --install into a prefix of its own, examples/embed built there
# with pkg-config, run on the flagship and on a CV with a photo.
# (In the Asan build the program is built with the sanitizers, as the library is.)
set(embed_cflags "")
if(CMAKE_BUILD_TYPE STREQUAL "Asan")
  set(embed_cflags "-fsanitize=address,undefined")
endif()
add_test(NAME lib_embed_install
  COMMAND ${CMAKE_COMMAND} -DBUILD=${CMAKE_BINARY_DIR} -DSOURCE=${PROJECT_SOURCE_DIR}
          -DCFLAGS=${embed_cflags}
          -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/embed-work -DCMAKE_COMMAND=${CMAKE_COMMAND}
          -P ${CMAKE_CURRENT_LIST_DIR}/run_embed.cmake)
# the install writes install_manifest.txt into the build tree, as cpack's does
set_tests_properties(lib_embed_install PROPERTIES RUN_SERIAL ON TIMEOUT 300
                     ENVIRONMENT "SOURCE_DATE_EPOCH=1700000000")

# The Python module (python/rescomp) with Debian's python3, over the
# library just built.
find_program(RESCOMP_SYSTEM_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(RESCOMP_SYSTEM_PYTHON)
  set(python_env "RESCOMP_LIBRARY=$<TARGET_FILE:rescomp_shared>"
      "PYTHONPATH=${PROJECT_SOURCE_DIR}/python" "RESCOMP_SOURCE=${PROJECT_SOURCE_DIR}"
      "SOURCE_DATE_EPOCH=1700000000")
  if(CMAKE_BUILD_TYPE STREQUAL "Asan")
    # python3 is not instrumented: the sanitizers' runtimes must be loaded first
    execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libasan.so
                    OUTPUT_VARIABLE asan OUTPUT_STRIP_TRAILING_WHITESPACE)
    execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libubsan.so
                    OUTPUT_VARIABLE ubsan OUTPUT_STRIP_TRAILING_WHITESPACE)
    list(APPEND python_env "LD_PRELOAD=${asan}:${ubsan}" "ASAN_OPTIONS=detect_leaks=0")
  endif()
  add_test(NAME lib_python
    COMMAND ${RESCOMP_SYSTEM_PYTHON} -m unittest discover -s ${PROJECT_SOURCE_DIR}/python/tests -v)
  set_tests_properties(lib_python PROPERTIES ENVIRONMENT "${python_env}")
endif()
