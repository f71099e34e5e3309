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
