# Render a CV with its trace and check that one extractor reads each word
# broken across lines exactly once:
#   -DEXE -DCHECK (check_hyphens) -DEXTRACT (extract.sh) -DENGINE -DINPUT -DWORKDIR
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
execute_process(COMMAND ${EXE} ${INPUT} --trace -o ${WORKDIR}/cv.pdf
                OUTPUT_FILE ${WORKDIR}/trace.txt RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "rescomp failed (${rc}):\n${err}")
endif()
execute_process(COMMAND ${EXTRACT} ${ENGINE} ${WORKDIR}/cv.pdf OUTPUT_FILE ${WORKDIR}/text.txt
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${ENGINE} could not read the PDF (${rc}):\n${err}")
endif()
execute_process(COMMAND ${CHECK} ${WORKDIR}/trace.txt ${WORKDIR}/text.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${ENGINE} does not read each broken word once:\n${out}${err}")
endif()
