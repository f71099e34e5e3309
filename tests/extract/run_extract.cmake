# Render a CV and check that one extractor reads every word of it:
#   -DEXE -DCHECK_WORDS -DEXTRACT (extract.sh) -DENGINE -DINPUT -DWORDS
#   -DWORKDIR [-DSETS=a=b;c=d: --set values]
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
set(pdf ${WORKDIR}/cv.pdf)
set(args)
foreach(s ${SETS})
  list(APPEND args --set ${s})
endforeach()
execute_process(COMMAND ${EXE} ${INPUT} ${args} -o ${pdf} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "rescomp failed (${rc}):\n${err}")
endif()
execute_process(COMMAND ${EXTRACT} ${ENGINE} ${pdf} OUTPUT_FILE ${WORKDIR}/text.txt
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${ENGINE} could not read the PDF (${rc}):\n${err}")
endif()
execute_process(COMMAND ${CHECK_WORDS} --any-order ${WORDS} ${WORKDIR}/text.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${ENGINE} does not read every word:\n${out}${err}")
endif()
