# rescomp --upgrade on INPUT: the output is EXPECTED; upgrading it changes
# nothing; it compiles with --strict and no message; every comment of
# INPUT is in it; INPUT itself compiles with exactly one warning.
#   -DEXE=rescomp -DINPUT=old.yaml -DEXPECTED=new.yaml -DWORKDIR=dir
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
get_filename_component(name ${INPUT} NAME)
configure_file(${INPUT} ${WORKDIR}/${name} COPYONLY)
file(READ ${WORKDIR}/${name} before)
execute_process(COMMAND ${EXE} --upgrade ${name} WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
  message(FATAL_ERROR "--upgrade exited ${rc}:\n${err}")
endif()
file(READ ${WORKDIR}/${name} after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "--upgrade changed its input")
endif()
file(WRITE ${WORKDIR}/upgraded.yaml "${out}")
file(READ ${EXPECTED} expected)
if(NOT out STREQUAL expected)
  execute_process(COMMAND diff -u ${EXPECTED} ${WORKDIR}/upgraded.yaml OUTPUT_VARIABLE d)
  message(FATAL_ERROR "the upgraded file differs from ${EXPECTED}:\n${d}")
endif()
execute_process(COMMAND ${EXE} --upgrade upgraded.yaml WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE again ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT again STREQUAL out)
  message(FATAL_ERROR "upgrading the upgraded file changed it (exit ${rc}):\n${err}")
endif()
# The CV's own length is not the upgrade's business: where the last page
# holds a few lines, fit.c advises setting max_pages, and the file is
# compiled again with the advice taken (the fit then notes what it did:
# notes are no warnings).
function(compile_as_advised file pdf rc_var err_var)
  execute_process(COMMAND ${EXE} ${file} ${ARGN} -o ${pdf} WORKING_DIRECTORY ${WORKDIR}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(err MATCHES "warning: the last page holds only [0-9]+ lines?; set 'design.page.max_pages: ([0-9]+)'")
    execute_process(COMMAND ${EXE} ${file} ${ARGN} --set design.page.max_pages=${CMAKE_MATCH_1}
      -o ${pdf} WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc ERROR_VARIABLE err)
  endif()
  set(${rc_var} ${rc} PARENT_SCOPE)
  set(${err_var} "${err}" PARENT_SCOPE)
endfunction()
compile_as_advised(upgraded.yaml upgraded.pdf rc err --strict)
if(NOT rc EQUAL 0 OR err MATCHES ": (warning|error):")
  message(FATAL_ERROR "the upgraded file does not compile cleanly with --strict (exit ${rc}):\n${err}")
endif()
# every comment of the input survives
string(REPLACE "\n" ";" lines "${before}")
foreach(l IN LISTS lines)
  if(l MATCHES "(#.*)$")
    string(FIND "${out}" "${CMAKE_MATCH_1}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "the comment '${CMAKE_MATCH_1}' is lost")
    endif()
  endif()
endforeach()
compile_as_advised(${name} old.pdf rc err)
string(REGEX MATCHALL "warning:" warnings "${err}")
list(LENGTH warnings n)
if(NOT rc EQUAL 0 OR NOT n EQUAL 1 OR NOT err MATCHES "this file is written for RenderCV .*rescomp --upgrade")
  message(FATAL_ERROR "the old file must compile with one summary warning (exit ${rc}, ${n} warnings):\n${err}")
endif()
