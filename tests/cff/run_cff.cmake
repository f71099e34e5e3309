# One CV set in OpenType/CFF faces (tests/cff/tests.cmake):
#   -DEXE -DINPUT -DWORKDIR -DFONTS (the .otf files the faces come from)
#   -DFAMILY (the PostScript family the embedded fonts are named after)
#   -DMIN (how many of its faces the CV shows) [-DFONTCONFIG (a fonts.conf)]
#   [-DSETS=a=b;c=d: --set values]
# Rendered twice: the same bytes; qpdf finds no error; pdffonts lists each
# face as an embedded subset "CID Type 0C" with a ToUnicode map, and no
# CFF face otherwise; check_cff.py reads every glyph back against the font
# file it came from.
if(DEFINED FONTCONFIG)
  set(ENV{FONTCONFIG_FILE} ${FONTCONFIG})
endif()
set(ENV{SOURCE_DATE_EPOCH} 1700000000)
include(${CMAKE_CURRENT_LIST_DIR}/../cmake/render_extract.cmake)
execute_process(COMMAND ${EXE} ${INPUT} ${args} -o ${WORKDIR}/again.pdf RESULT_VARIABLE rc
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "rescomp failed the second time (${rc}):\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${pdf} ${WORKDIR}/again.pdf
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the same input gave two different PDFs")
endif()
execute_process(COMMAND qpdf --check ${pdf} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "qpdf --check (${rc}):\n${out}${err}")
endif()
execute_process(COMMAND pdffonts ${pdf} RESULT_VARIABLE rc OUTPUT_VARIABLE fonts)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pdffonts failed (${rc})")
endif()
# "ABCDEF+Family-Style   CID Type 0C   Identity-H   yes yes yes ..."
string(REGEX MATCHALL "[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\\+${FAMILY}-[A-Za-z]+ +CID Type 0C +Identity-H +yes +yes +yes"
       cff_faces "${fonts}")
list(LENGTH cff_faces n)
string(REGEX MATCHALL "Type 0C|Type 1C" any_cff "${fonts}")
list(LENGTH any_cff m)
if(n LESS MIN OR NOT m EQUAL n)
  message(FATAL_ERROR "expected ${MIN} embedded subsets of ${FAMILY} as CID Type 0C, found ${n} (of ${m} CFF fonts):\n${fonts}")
endif()
execute_process(COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/check_cff.py ${pdf} ${FONTS} ${MIN}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${out}${err}")
endif()
