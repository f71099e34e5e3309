# Portability (issue 17): what builds without Linux's calls run, tested on
# Linux. src/watch.c compiled as where <sys/inotify.h> is missing (macOS,
# the BSDs, -DRESCOMP_WATCH_POLL=ON), with the watch unit test: polling
# notices each kind of change. Its objects are the executable's own, so
# the library's watch.o (inotify) is never linked in.
add_executable(test_watch_no_inotify ${PROJECT_SOURCE_DIR}/tests/unit/test_watch.c
               ${PROJECT_SOURCE_DIR}/src/watch.c)
target_compile_definitions(test_watch_no_inotify PRIVATE RC_TEST_NO_INOTIFY=1)
target_include_directories(test_watch_no_inotify PRIVATE ${PROJECT_SOURCE_DIR}/tests/unit)
target_link_libraries(test_watch_no_inotify PRIVATE rescomp_core)
rescomp_add_compile_options(test_watch_no_inotify)
add_test(NAME portability_watch_no_inotify COMMAND test_watch_no_inotify)
set_tests_properties(portability_watch_no_inotify PROPERTIES TIMEOUT 60)

# --watch end to end by polling: the variants' watch test with RESCOMP_WATCH_POLL.
add_test(NAME portability_watch_polling
  COMMAND sh ${PROJECT_SOURCE_DIR}/tests/variants/watch.sh $<TARGET_FILE:rescomp>
          ${CMAKE_CURRENT_BINARY_DIR}/portability-work/watch ${PROJECT_SOURCE_DIR}/tests/variants/tagged.yaml)
set_tests_properties(portability_watch_polling PROPERTIES TIMEOUT 60
                     ENVIRONMENT RESCOMP_WATCH_POLL=1)
