# Render one example and check the PDF with the tools a user (or an
# applicant-tracking system) would use. Fails with a message naming the
# check that failed.
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
set(pdf ${WORKDIR}/${NAME}.pdf)

foreach(tool pdftotext pdffonts pdfinfo qpdf)
  find_program(${tool}_PATH ${tool})
  if(NOT ${tool}_PATH)
    message(FATAL_ERROR "${tool} not found: install poppler-utils and qpdf")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(rc "${rc}" PARENT_SCOPE)
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

# 1. It compiles without any warning (--strict makes a warning fail).
run(${EXE} ${INPUT} -o ${pdf} --strict)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "rescomp failed (${rc}):\n${err}")
endif()
if(NOT err STREQUAL "")
  message(FATAL_ERROR "rescomp printed diagnostics for a clean example:\n${err}")
endif()

# 2. Byte-identical output for identical input.
run(${EXE} ${INPUT} -o ${WORKDIR}/again.pdf)
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${pdf} ${WORKDIR}/again.pdf
                RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "two runs gave different PDFs")
endif()

# 3. The structure is valid.
run(${qpdf_PATH} --check ${pdf})
if(NOT rc EQUAL 0 OR NOT out MATCHES "No syntax or stream encoding errors")
  message(FATAL_ERROR "qpdf --check failed:\n${out}\n${err}")
endif()

# 4. Every font is embedded (the 'emb' column says yes for each).
run(${pdffonts_PATH} ${pdf})
string(REPLACE "\n" ";" font_lines "${out}")
set(nfonts 0)
foreach(l ${font_lines})
  if(l MATCHES "CID TrueType")
    math(EXPR nfonts "${nfonts} + 1")
    if(NOT l MATCHES "Identity-H +yes")
      message(FATAL_ERROR "a font is not embedded:\n${out}")
    endif()
  endif()
endforeach()
if(nfonts EQUAL 0)
  message(FATAL_ERROR "pdffonts lists no embedded TrueType font:\n${out}")
endif()

# 5. The document information.
run(${pdfinfo_PATH} ${pdf})
foreach(field "Title:" "Author:" "Subject:" "Keywords:" "Creator: +rescomp" "Producer: +rescomp")
  if(NOT out MATCHES "${field}")
    message(FATAL_ERROR "pdfinfo lacks '${field}':\n${out}")
  endif()
endforeach()

# 6. The text layer holds every word of the source, in reading order, as
#    read in content order (-raw) and in physical layout (-layout); and the
#    default mode extracts the same words (no joined or split words).
foreach(mode -raw -layout "")
  run(${pdftotext_PATH} ${mode} ${pdf} ${WORKDIR}/text${mode}.txt)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pdftotext ${mode} failed: ${err}")
  endif()
  if(mode STREQUAL "")
    set(gap_args --any-order)
  else()
    set(gap_args)
  endif()
  run(${CHECK_WORDS} ${gap_args} ${EXPECTED_WORDS} ${WORKDIR}/text${mode}.txt)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pdftotext ${mode}: words missing or out of order:\n${out}\n${err}")
  endif()
  message(STATUS "pdftotext ${mode}: ${out}")
endforeach()
