# Compile microtype.yaml (with SET, a --set override, if given) and check
# its margins and Tz (check_margins.py, with Debian's python3, whose
# pdfminer is python3-pdfminer) and that every word extracts.
file(MAKE_DIRECTORY ${WORKDIR})
set(pdf ${WORKDIR}/${NAME}.pdf)
set(args ${INPUT} --strict -o ${pdf})
if(SET)
  list(APPEND args --set ${SET})
endif()
execute_process(COMMAND ${EXE} ${args} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "rescomp --strict failed (${rc}):\n${err}")
endif()
execute_process(COMMAND /usr/bin/python3 ${CHECK} ${pdf} 72 360 10 ${PROTRUSION} ${EXPANSION}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NAME}: margins (protrusion ${PROTRUSION}, expansion ${EXPANSION}):\n${out}${err}")
endif()
message(STATUS "${out}")
find_program(PDFTOTEXT pdftotext)
execute_process(COMMAND ${PDFTOTEXT} -raw ${pdf} ${WORKDIR}/${NAME}.txt RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pdftotext failed on ${pdf}")
endif()
execute_process(COMMAND ${CHECK_WORDS} --cv ${INPUT} ${WORKDIR}/${NAME}.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NAME}: words of ${INPUT} missing from the PDF:\n${err}${out}")
endif()
