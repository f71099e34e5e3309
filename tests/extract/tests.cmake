# Text extraction by the engines applicant-tracking systems, search and
# browsers use (extract.sh lists them): each must read every word of a CV.
# pdf.js and PDFium come from npm (package-lock.json here; scripts/test.sh
# runs `npm ci` when node_modules is missing). pypdf read a hanging label
# and the text after it as one word ("[1]Hanze") until the PDF device drew
# a space after each label (dev_pdf.c, pdf_spaced_label).
set(EXTRACT_ENGINES pdftotext pdftotext-raw mutool pdfminer pypdf pdfbox pdfjs pdfium)
# Hyphenation off: an extractor that ignores /ActualText would see the two
# halves of a hyphenated word; with it off, every word must come out whole,
# and no icon as a private-use character. The engineer example shows icons
# in its header (classic) and after links (moderncv).
set(EXTRACT_CASES academic:latex engineer:classic engineer:moderncv)
foreach(case ${EXTRACT_CASES})
  string(REPLACE ":" ";" pair ${case})
  list(GET pair 0 example)
  list(GET pair 1 theme)
  foreach(engine ${EXTRACT_ENGINES})
    add_test(NAME extract_${example}_${theme}_${engine}
      COMMAND ${CMAKE_COMMAND}
        -DEXE=$<TARGET_FILE:rescomp>
        -DCHECK_WORDS=$<TARGET_FILE:check_words>
        -DEXTRACT=${CMAKE_CURRENT_LIST_DIR}/extract.sh
        -DENGINE=${engine}
        -DINPUT=${PROJECT_SOURCE_DIR}/examples/${example}.yaml
        -DWORDS=${PROJECT_SOURCE_DIR}/tests/pdf/${example}-words.txt
        "-DSETS=design.typography.alignment=justified-with-no-hyphenation;design.theme=${theme}"
        -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/extract-work/${example}-${theme}-${engine}
        -P ${CMAKE_CURRENT_LIST_DIR}/run_extract.cmake)
    set_tests_properties(extract_${example}_${theme}_${engine} PROPERTIES LABELS extract)
  endforeach()
endforeach()
