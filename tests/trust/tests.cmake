# Trust (issue 12): the files a run may read (the project root, no FIFOs),
# --depfile as make reads it, outputs that would replace inputs, control
# characters in messages, permissions kept, interrupted runs. Each case is
# a function of trust.sh, run with a timeout so that a blocking read fails.
set(TRUST_WORK ${CMAKE_CURRENT_BINARY_DIR}/trust-work)
add_library(test_slow_rename MODULE ${CMAKE_CURRENT_LIST_DIR}/slow_rename.c)
target_link_libraries(test_slow_rename PRIVATE ${CMAKE_DL_LIBS})
foreach(case root_dotdot root_absolute root_symlink root_fifo root_directory root_option
        depfile_refused depfile_escaped depfile_watch_bib output_is_input control_characters not_a_cv
        permissions sigterm sigterm_variants)
  add_test(NAME trust_${case}
    COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/trust.sh ${case} $<TARGET_FILE:rescomp>
            ${TRUST_WORK}/${case} ${PROJECT_SOURCE_DIR}/tests $<TARGET_FILE:test_slow_rename>)
  set_tests_properties(trust_${case} PROPERTIES LABELS trust TIMEOUT 120)
endforeach()

# Issue 12, "trust": the loader loses nothing in silence. errors/ holds
# inputs that must fail with a positioned message (run like tests/errors),
# warnings/ inputs that must succeed with the warnings they name (and fail
# under --strict when they warn), and the huge-field cases are generated.
file(GLOB TRUST_ERRORS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/errors/*.yaml
     ${CMAKE_CURRENT_LIST_DIR}/errors/*.json)
foreach(case ${TRUST_ERRORS})
  get_filename_component(name ${case} NAME_WE)
  add_test(NAME trust_error_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DCASE=${case}
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/trust-work/${name}
            -P ${CMAKE_CURRENT_LIST_DIR}/../cmake/run_error.cmake)
endforeach()

file(GLOB TRUST_WARNINGS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/warnings/*.yaml
     ${CMAKE_CURRENT_LIST_DIR}/warnings/*.json)
foreach(case ${TRUST_WARNINGS})
  get_filename_component(name ${case} NAME_WE)
  add_test(NAME trust_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DCASE=${case}
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/trust-work/${name}
            -P ${CMAKE_CURRENT_LIST_DIR}/run_case.cmake)
endforeach()

function(trust_huge name stderr)
  add_test(NAME trust_huge_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DCASE=${name}
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/trust-work/huge_${name} "-DSTDERR=${stderr}"
            -P ${CMAKE_CURRENT_LIST_DIR}/run_huge.cmake)
  set_tests_properties(trust_huge_${name} PROPERTIES TIMEOUT 120)
endfunction()
trust_huge(name_64k "name_64k\\.yaml:2:9: error: cv\\.name is 65536 bytes long, more than the 4096")
trust_huge(name_words "name_words\\.yaml:2:9: error: cv\\.name is 64999 bytes long")
trust_huge(url_64k "url_64k\\.yaml:3:12: error: cv\\.website is 65556 bytes long")
trust_huge(publication_url_64k
  "publication_url_64k\\.yaml:7:14: error: cv\\.sections\\.publications\\[0\\]\\.url is 65556 bytes long")
trust_huge(markup_link_64k
  "markup_link_64k\\.yaml:5:15: error: a link's target is 65556 bytes long, more than the 16384 a PDF link may hold")
trust_huge(section_title_64k "section_title_64k\\.yaml:4:7: error: cv\\.sections is 65536 bytes long")
trust_huge(json_name_64k "json_name_64k\\.json:1:2[12]: error: basics\\.name is 65536 bytes long")
