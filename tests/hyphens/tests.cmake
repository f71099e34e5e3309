# Words broken across lines: each extractor of tests/extract must read each
# exactly once, whole or as its pieces with a line break between them
# (check_hyphens.c states the rule), never a piece twice, as PDFium read
# "resulting sulting" when the pieces after the first carried an empty
# /ActualText (dev_pdf.c says how they are marked now). The flagship as it
# is, and a narrow page with many broken words: in bold and italic, with
# a change of face inside, at their own hyphens (the name in the header),
# after hanging labels, on three pages (links are not hyphenated).
add_executable(check_hyphens ${CMAKE_CURRENT_LIST_DIR}/check_hyphens.c)
rescomp_add_compile_options(check_hyphens)
target_link_libraries(check_hyphens PRIVATE rescomp_core) # rc_buf
set(HYPHEN_CASES academic ${PROJECT_SOURCE_DIR}/examples/academic.yaml
                 narrow ${CMAKE_CURRENT_LIST_DIR}/narrow.yaml)
list(LENGTH HYPHEN_CASES n)
math(EXPR last "${n} - 1")
foreach(i RANGE 0 ${last} 2)
  math(EXPR j "${i} + 1")
  list(GET HYPHEN_CASES ${i} name)
  list(GET HYPHEN_CASES ${j} input)
  foreach(engine pdftotext pdftotext-raw mutool pdfminer pypdf pdfbox pdfjs pdfium)
    add_test(NAME hyphens_${name}_${engine}
      COMMAND ${CMAKE_COMMAND}
        -DEXE=$<TARGET_FILE:rescomp>
        -DCHECK=$<TARGET_FILE:check_hyphens>
        -DEXTRACT=${PROJECT_SOURCE_DIR}/tests/extract/extract.sh
        -DENGINE=${engine}
        -DINPUT=${input}
        -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/hyphens-work/${name}-${engine}
        -P ${CMAKE_CURRENT_LIST_DIR}/run_hyphens.cmake)
    set_tests_properties(hyphens_${name}_${engine} PROPERTIES LABELS extract)
  endforeach()
endforeach()
