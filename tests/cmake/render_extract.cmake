# What the extraction tests share (included; the caller's -D values):
#   EXE INPUT WORKDIR [SETS=a=b;c=d: --set values]: render INPUT into a
#   fresh WORKDIR; sets pdf to WORKDIR/cv.pdf.
#   rc_extract(): with ENGINE and EXTRACT (extract.sh), read the PDF's
#   text into WORKDIR/text.txt.
#   rc_check_words(WHAT): with CHECK_WORDS, every word of INPUT is read
#   whole and apart in that text; else fail with WHAT.
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

function(rc_extract)
  execute_process(COMMAND ${EXTRACT} ${ENGINE} ${pdf} OUTPUT_FILE ${WORKDIR}/text.txt
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${ENGINE} could not read the PDF (${rc}):\n${err}")
  endif()
endfunction()

function(rc_check_words what)
  execute_process(COMMAND ${CHECK_WORDS} --cv ${INPUT} ${WORKDIR}/text.txt
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what}:\n${out}${err}")
  endif()
endfunction()
