# Render a CV and check that one extractor reads every word of it:
#   -DEXE -DCHECK_WORDS -DEXTRACT (extract.sh) -DENGINE -DINPUT -DWORDS
#   -DWORKDIR [-DSETS=a=b;c=d: --set values]
include(${CMAKE_CURRENT_LIST_DIR}/../cmake/render_extract.cmake)
rc_extract()
# Never a private-use character (an icon's code point, U+E000-U+F8FF).
execute_process(COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8
                        grep -c -P "[\\x{E000}-\\x{F8FF}]" ${WORKDIR}/text.txt
                OUTPUT_VARIABLE pua OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT pua STREQUAL "0")
  message(FATAL_ERROR "${ENGINE} reads private-use characters (icons) on ${pua} lines")
endif()
execute_process(COMMAND ${CHECK_WORDS} --any-order ${WORDS} ${WORKDIR}/text.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${ENGINE} does not read every word:\n${out}${err}")
endif()
