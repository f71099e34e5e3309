# The Debian package (cmake/Package.cmake): cpack makes it with the right
# dependencies and files, its binary works extracted anywhere, and the
# shell completions know every option --help lists.
find_program(RESCOMP_CPACK cpack HINTS ${CMAKE_COMMAND}/..)
find_program(RESCOMP_DPKG_DEB dpkg-deb)
find_program(RESCOMP_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(RESCOMP_CPACK AND RESCOMP_DPKG_DEB AND RESCOMP_DPKG_SHLIBDEPS)
  add_test(NAME package_deb
    COMMAND ${CMAKE_COMMAND} -DCPACK=${RESCOMP_CPACK} -DCONFIG=${CMAKE_BINARY_DIR}/CPackConfig.cmake
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/package-work
            -P ${CMAKE_CURRENT_LIST_DIR}/run_package.cmake)
  # cpack installs the whole build: nothing else may write the build tree meanwhile
  set_tests_properties(package_deb PROPERTIES RUN_SERIAL ON TIMEOUT 300 LABELS package)
endif()
add_test(NAME package_completions
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DSOURCE=${PROJECT_SOURCE_DIR}
          -P ${CMAKE_CURRENT_LIST_DIR}/run_completions.cmake)
