# Compile a CV whose words are wider than their columns under one theme
# and check that none runs into the margin: --strict (no line too wide),
# every word's box from pdftotext -bbox between the margins the CV sets
# (LEFT and RIGHT, in points from the page's left edge), every long word
# extracted whole (STRINGS, ';'-separated, from pdftotext -raw) and every
# word of the CV extracted (check_words --cv).
file(MAKE_DIRECTORY ${WORKDIR})
set(pdf ${WORKDIR}/${NAME}.pdf)
find_program(PDFTOTEXT pdftotext)
if(NOT PDFTOTEXT)
  message(FATAL_ERROR "pdftotext not found: install poppler-utils")
endif()
execute_process(COMMAND ${EXE} ${INPUT} --strict --set design.theme=${THEME} -o ${pdf}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "rescomp --strict failed (${rc}):\n${err}")
endif()

# Margin protrusion (a hyphen, a stop) may hang into the margin by a few points.
set(slack 3)
math(EXPR lo "${LEFT} - ${slack}")
math(EXPR hi "${RIGHT} + ${slack}")
execute_process(COMMAND ${PDFTOTEXT} -bbox ${pdf} - OUTPUT_VARIABLE bbox RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pdftotext -bbox failed on ${pdf}")
endif()
string(REGEX MATCHALL "<word xMin=\"[0-9.]+\" yMin=\"[0-9.]+\" xMax=\"[0-9.]+\"[^>]*>[^<]*" words "${bbox}")
list(LENGTH words nwords)
if(nwords EQUAL 0)
  message(FATAL_ERROR "pdftotext -bbox found no words in ${pdf}")
endif()
set(outside "")
foreach(w ${words})
  string(REGEX MATCH "xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" xMax=\"([0-9.]+)\"[^>]*>(.*)" _ "${w}")
  if(CMAKE_MATCH_1 LESS lo OR CMAKE_MATCH_2 GREATER hi)
    string(APPEND outside "  '${CMAKE_MATCH_3}' from x=${CMAKE_MATCH_1} to ${CMAKE_MATCH_2}\n")
  endif()
endforeach()
if(outside)
  message(FATAL_ERROR "${THEME}: words outside the margins [${LEFT}, ${RIGHT}]:\n${outside}")
endif()

execute_process(COMMAND ${PDFTOTEXT} -raw ${pdf} ${WORKDIR}/${NAME}.txt RESULT_VARIABLE rc)
file(READ ${WORKDIR}/${NAME}.txt raw)
foreach(s ${STRINGS})
  string(FIND "${raw}" "${s}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${THEME}: '${s}' is not extracted whole:\n${raw}")
  endif()
endforeach()
execute_process(COMMAND ${CHECK_WORDS} --cv ${INPUT} ${WORKDIR}/${NAME}.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${THEME}: words of ${INPUT} missing from the PDF:\n${err}${out}")
endif()
message(STATUS "${nwords} words between the margins; ${out}")
