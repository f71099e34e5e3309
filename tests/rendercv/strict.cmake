# rescomp --strict --check CV: exit 0 and not a word on stderr.
# The pages are RenderCV's own (at most 3; tests/rendercv_geometry checks
# them), and the opal example's last page holds one short section there
# too: design.page.max_pages=3 keeps the advice to fit it on fewer pages
# out of a check of the input, and changes no page (a CV within its limit
# is laid out as without one).
execute_process(COMMAND ${EXE} --strict --check ${CV} --set design.page.max_pages=3
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
  message(FATAL_ERROR "rescomp --strict --check ${CV}: exit ${rc}\n${err}")
endif()
