# The job-ad check (--job FILE, a variant's job:; src/job.h): reports on
# ads of their own (ads/) compared with expected/, English and German,
# --all-variants and --check, and the ads that cannot be read. The error
# cases of job: itself are in tests/errors/variant_job_*.
foreach(case variant all_variants check cli text german language errors)
  add_test(NAME job_${case}
    COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/job.sh $<TARGET_FILE:rescomp> ${CMAKE_CURRENT_LIST_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/job-work/${case} ${case})
  set_tests_properties(job_${case} PROPERTIES LABELS job)
endforeach()
