# The owner's name unmarked in an author list, and a DOI, under THEME
# (EXE INPUT THEME), in the body (10 pt): bold only in the latex theme (RenderCV adds no bold),
# and the DOI shown without a 'doi:' prefix in every theme, linked to
# doi.org. Read from the trace (each run of text with its face).
execute_process(COMMAND ${EXE} ${INPUT} --set design.theme=${THEME} --trace
                OUTPUT_VARIABLE trace RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "rescomp failed (${rc}):\n${err}")
endif()
string(REGEX MATCH "text [^\n]* (bold|regular|italic)[^ ]* 10\\.000 #[0-9a-f]+ \"[^\"\n]*Pat Example" owner "${trace}")
if(owner STREQUAL "")
  message(FATAL_ERROR "${THEME}: no author 'Pat Example' in the trace:\n${trace}")
endif()
if(THEME STREQUAL "latex")
  set(face bold)
else()
  set(face regular)
endif()
if(NOT CMAKE_MATCH_1 STREQUAL face)
  message(FATAL_ERROR "${THEME}: the owner is ${CMAKE_MATCH_1}, not ${face}: ${owner}")
endif()
if(trace MATCHES "doi:")
  message(FATAL_ERROR "${THEME}: the DOI is shown with a 'doi:' prefix")
endif()
if(NOT trace MATCHES "\"10\\.1234/things\\.5678" OR NOT trace MATCHES "link [^\n]*\"https://doi\\.org/10\\.1234/things\\.5678\"")
  message(FATAL_ERROR "${THEME}: the DOI is not shown bare and linked:\n${trace}")
endif()
