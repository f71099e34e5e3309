# Compare the trace of INPUT (with the options ARGS, a list, if any) with
# EXPECTED; on a difference, show the diff.
get_filename_component(dir ${ACTUAL} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
execute_process(COMMAND ${EXE} ${INPUT} ${ARGS} --trace
  OUTPUT_FILE ${ACTUAL} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "rescomp --trace failed (${rc}):\n${err}")
endif()
if(NOT EXISTS ${EXPECTED})
  message(FATAL_ERROR "no golden file ${EXPECTED}; run scripts/update-golden.sh")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${ACTUAL} ${EXPECTED}
                RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  execute_process(COMMAND diff -u ${EXPECTED} ${ACTUAL} OUTPUT_VARIABLE d)
  string(SUBSTRING "${d}" 0 6000 d)
  message(FATAL_ERROR "trace differs from ${EXPECTED}:\n${d}")
endif()
