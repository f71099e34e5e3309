# Render a CV and check its tagged PDF as assistive technology reads it:
#   -DEXE -DCHECK_WORDS -DTAGS (tags.mjs) -DINPUT -DWORKDIR -DPYTHON3 -DMARKS_NEST
#   [-DTHEME] [-DWORDS]
#   [-DROLES=H1;H2;...: structure roles it must have]
#   [-DANY_ORDER=1: WORDS was written for another theme, whose templates
#    may order an entry's fields differently: only the words count]
# Every character is in tagged content or an artifact (pdf.js's count),
# poppler sees a tagged PDF with its title in the XMP, the catalog has /Lang, /MarkInfo and
# DisplayDocTitle, marked content nests with BT/ET, the pages look as
# untagged (--no-pdf-tags), and the text of the
# structure tree, in tree order, holds every word of WORDS in order.
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
set(pdf ${WORKDIR}/cv.pdf)
set(args --set design.typography.alignment=justified-with-no-hyphenation)
if(THEME)
  list(APPEND args --set design.theme=${THEME})
endif()
execute_process(COMMAND ${EXE} ${INPUT} ${args} -o ${pdf} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "rescomp failed (${rc}):\n${err}")
endif()
execute_process(COMMAND pdfinfo ${pdf} OUTPUT_VARIABLE info RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT info MATCHES "Tagged: +yes")
  message(FATAL_ERROR "pdfinfo does not see a tagged PDF:\n${info}")
endif()
# The catalog says what a reader needs: the language, marked content, the title shown.
foreach(key Lang MarkInfo/Marked ViewerPreferences/DisplayDocTitle)
  execute_process(COMMAND mutool show ${pdf} trailer/Root/${key} OUTPUT_VARIABLE value RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR value STREQUAL "" OR value MATCHES "null|false")
    message(FATAL_ERROR "the catalog's /${key} is '${value}'")
  endif()
endforeach()
# The title in the XMP metadata too, as in the information dictionary.
execute_process(COMMAND pdfinfo -meta ${pdf} OUTPUT_VARIABLE meta)
string(REGEX MATCH "(^|\n)Title: +([^\n]*)" found "${info}")
set(title "${CMAKE_MATCH_2}")
string(FIND "${meta}" "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">${title}</rdf:li>" at)
if(title STREQUAL "" OR at LESS 0)
  message(FATAL_ERROR "the XMP metadata lacks the title '${title}':\n${meta}")
endif()
# Tagging moves nothing: the pages of the untagged PDF look the same, pixel for pixel.
execute_process(COMMAND ${EXE} ${INPUT} ${args} --no-pdf-tags -o ${WORKDIR}/untagged.pdf
                RESULT_VARIABLE rc ERROR_VARIABLE err)
execute_process(COMMAND pdfinfo ${WORKDIR}/untagged.pdf OUTPUT_VARIABLE uinfo)
if(NOT rc EQUAL 0 OR NOT uinfo MATCHES "Tagged: +no")
  message(FATAL_ERROR "--no-pdf-tags did not make an untagged PDF (${rc}):\n${err}${uinfo}")
endif()
# Every word at the same place, to a millionth of a point (poppler's
# boxes), and every page the same, pixel for pixel.
foreach(which cv untagged)
  execute_process(COMMAND pdftotext -bbox ${WORKDIR}/${which}.pdf ${WORKDIR}/${which}-boxes.html)
  execute_process(COMMAND pdftoppm -r 50 ${WORKDIR}/${which}.pdf ${WORKDIR}/${which}
                  RESULT_VARIABLE rc)
  file(GLOB ${which}_pages ${WORKDIR}/${which}-*.ppm)
  list(SORT ${which}_pages)
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORKDIR}/cv-boxes.html
                ${WORKDIR}/untagged-boxes.html RESULT_VARIABLE differ)
if(differ)
  message(FATAL_ERROR "tagging moved words: compare ${WORKDIR}/cv-boxes.html and untagged-boxes.html")
endif()
list(LENGTH cv_pages npages)
list(LENGTH untagged_pages nupages)
if(npages EQUAL 0 OR NOT npages EQUAL nupages)
  message(FATAL_ERROR "pages: ${npages} tagged, ${nupages} untagged")
endif()
foreach(page ${cv_pages})
  string(REPLACE "/cv-" "/untagged-" other ${page})
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${page} ${other} RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "tagging changed how ${page} looks (compare ${other})")
  endif()
endforeach()
# Marked content nests with the text objects (ISO 32000-1, 14.6).
execute_process(COMMAND qpdf --qdf --object-streams=disable ${pdf} ${WORKDIR}/qdf.pdf)
execute_process(COMMAND ${PYTHON3} ${MARKS_NEST} ${WORKDIR}/qdf.pdf
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "marked content does not nest: ${out}${err}")
endif()
execute_process(COMMAND node ${TAGS} ${pdf} OUTPUT_VARIABLE json RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pdf.js cannot read the structure (${rc}):\n${err}")
endif()
string(JSON untagged GET "${json}" chars untagged)
string(JSON tagged GET "${json}" chars tagged)
if(NOT untagged EQUAL 0 OR tagged EQUAL 0)
  message(FATAL_ERROR "characters outside tagged content and artifacts: ${untagged} (tagged: ${tagged})")
endif()
foreach(role ${ROLES})
  string(JSON count ERROR_VARIABLE missing GET "${json}" roles ${role})
  if(missing OR count EQUAL 0)
    message(FATAL_ERROR "no ${role} element in the structure tree: ${json}")
  endif()
endforeach()
if(WORDS)
  string(JSON text GET "${json}" text)
  file(WRITE ${WORKDIR}/tree.txt "${text}")
  set(order)
  if(ANY_ORDER)
    set(order --any-order)
  endif()
  execute_process(COMMAND ${CHECK_WORDS} ${order} ${WORDS} ${WORKDIR}/tree.txt
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the structure tree does not read the CV in order:\n${out}${err}")
  endif()
endif()
