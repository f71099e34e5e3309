# rescomp --strict --check CV: exit 0 and not a word on stderr.
execute_process(COMMAND ${EXE} --strict --check ${CV}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
  message(FATAL_ERROR "rescomp --strict --check ${CV}: exit ${rc}\n${err}")
endif()
