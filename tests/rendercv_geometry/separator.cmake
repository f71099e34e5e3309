# A header connection's separator stands apart from the connections on
# either side (RenderCV's half of space_between_connections each side), so
# a text extractor reads it as a word of its own: EXE INPUT THEME WORKDIR.
# The line checked is the one holding the CV's e-mail address.
include(${CMAKE_CURRENT_LIST_DIR}/../cmake/render_extract.cmake)
execute_process(COMMAND pdftotext -l 1 ${pdf} - OUTPUT_VARIABLE text RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pdftotext could not read ${pdf}")
endif()
string(REGEX MATCH "[^\n]*@example\\.com[^\n]*" line "${text}")
if(line STREQUAL "")
  message(FATAL_ERROR "${THEME}: no header line with the e-mail address in:\n${text}")
endif()
if(line MATCHES "[^ ](\\||•|·)" OR line MATCHES "(\\||•|·)[^ ]")
  message(FATAL_ERROR "${THEME}: a separator touches a connection: '${line}'")
endif()
message(STATUS "${THEME}: ${line}")
