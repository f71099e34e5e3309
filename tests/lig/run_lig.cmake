# Ligatures in a PDF (tests/lig/tests.cmake):
#   -DEXE -DINPUT -DWORKDIR [-DSETS=a=b;c=d: --set values] and either
#   -DENGINE -DEXTRACT (extract.sh) -DCHECK_WORDS: the extractor reads every
#      word of the CV as written, and no ligature character (U+FB00-FB06);
#   or -DMIN=n: the text fonts show at least n ligatures in all, the
#      typewriter face none (MIN=0: no font shows any).
include(${CMAKE_CURRENT_LIST_DIR}/../cmake/render_extract.cmake)
if(DEFINED ENGINE)
  rc_extract()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8
                          grep -c -P "[\\x{FB00}-\\x{FB06}]" ${WORKDIR}/text.txt
                  OUTPUT_VARIABLE fb OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT fb STREQUAL "0")
    message(FATAL_ERROR "${ENGINE} reads ligature characters (U+FB00-FB06) on ${fb} lines")
  endif()
  rc_check_words("${ENGINE} does not read every word")
  return()
endif()
execute_process(COMMAND mutool trace ${pdf} OUTPUT_FILE ${WORKDIR}/trace.xml
                RESULT_VARIABLE rc ERROR_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mutool trace failed (${rc})")
endif()
execute_process(COMMAND awk -f ${CMAKE_CURRENT_LIST_DIR}/count_ligatures.awk ${WORKDIR}/trace.xml
                OUTPUT_VARIABLE counts RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR counts STREQUAL "")
  message(FATAL_ERROR "no text font in the trace")
endif()
string(REPLACE "\n" ";" counts "${counts}")
set(total 0)
foreach(line ${counts})
  if(line STREQUAL "")
    continue()
  endif()
  string(REGEX MATCH "[0-9]+$" n "${line}")
  if(line MATCHES "Typewriter" AND NOT n EQUAL 0)
    message(FATAL_ERROR "the typewriter face shows ligatures (code must not): ${line}")
  endif()
  math(EXPR total "${total} + ${n}")
endforeach()
message(STATUS "ligatures per font: ${counts}")
if(MIN EQUAL 0 AND NOT total EQUAL 0)
  message(FATAL_ERROR "${total} ligatures where none may be: ${counts}")
elseif(total LESS MIN)
  message(FATAL_ERROR "${total} ligatures, fewer than ${MIN}: ${counts}")
endif()
