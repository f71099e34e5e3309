# Runs rescomp on one bad input and checks the exit code and the message.
# The case file's leading comment lines say what is expected:
#   # exit: 1
#   # stderr: cv\.yaml:3:5: error: unknown key
# (several "# stderr:" lines may be given; each must match).
# It also checks that a failed run leaves an existing output file untouched.
file(STRINGS ${CASE} header REGEX "^# (exit|stderr|args): ")
set(want_exit "")
set(patterns "")
set(extra_args "")
foreach(line ${header})
  if(line MATCHES "^# exit: ([0-9]+)")
    set(want_exit ${CMAKE_MATCH_1})
  elseif(line MATCHES "^# stderr: (.*)$")
    list(APPEND patterns "${CMAKE_MATCH_1}")
  elseif(line MATCHES "^# args: (.*)$")
    separate_arguments(extra_args UNIX_COMMAND "${CMAKE_MATCH_1}")
  endif()
endforeach()
if(want_exit STREQUAL "" OR NOT patterns)
  message(FATAL_ERROR "${CASE}: needs '# exit:' and '# stderr:' header lines")
endif()

file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
get_filename_component(case_name ${CASE} NAME)
configure_file(${CASE} ${WORKDIR}/${case_name} COPYONLY)
set(out ${WORKDIR}/out.pdf)
file(WRITE ${out} "previous output, must survive a failed run\n")

execute_process(COMMAND ${EXE} ${case_name} -o out.pdf ${extra_args}
  WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
if(NOT rc STREQUAL want_exit)
  message(FATAL_ERROR "exit code ${rc}, expected ${want_exit}\nstderr:\n${stderr}")
endif()
foreach(p ${patterns})
  if(NOT stderr MATCHES "${p}")
    message(FATAL_ERROR "stderr does not match '${p}'\nstderr:\n${stderr}")
  endif()
endforeach()
file(READ ${out} after)
if(NOT after STREQUAL "previous output, must survive a failed run\n")
  message(FATAL_ERROR "the failed run changed the existing output file")
endif()
file(GLOB leftovers ${WORKDIR}/*.tmp* ${WORKDIR}/.*.tmp*)
if(leftovers)
  message(FATAL_ERROR "temporary files left behind: ${leftovers}")
endif()
