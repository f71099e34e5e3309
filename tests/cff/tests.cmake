# OpenType/CFF faces (src/cff.h): Rescomp Humanist (Source Sans 3, the
# classic theme's font) is embedded as CIDFontType0 with a CID-keyed
# /FontFile3, subset per document. Every extractor reads every word of
# cff.yaml set in it; the PDF is deterministic, passes qpdf, shows each
# face as "CID Type 0C" in pdffonts, and draws each character with the
# outline of the font file it came from (run_cff.cmake, check_cff.py). An
# installed CFF family (Debian's EB Garamond 12, full OpenType layout and
# hints, cut by hb-subset) is embedded the same way.
set(CFF_INPUT ${CMAKE_CURRENT_LIST_DIR}/cff.yaml)
foreach(engine pdftotext pdftotext-raw mutool pdfminer pypdf pdfbox pdfjs pdfium)
  add_test(NAME cff_extract_${engine}
    COMMAND ${CMAKE_COMMAND}
      -DEXE=$<TARGET_FILE:rescomp>
      -DCHECK_WORDS=$<TARGET_FILE:check_words>
      -DEXTRACT=${PROJECT_SOURCE_DIR}/tests/extract/extract.sh
      -DENGINE=${engine}
      -DINPUT=${CFF_INPUT}
      -DWORDS=${CMAKE_CURRENT_LIST_DIR}/cff-words.txt
      "-DSETS=design.typography.alignment=justified-with-no-hyphenation"
      -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/cff-work/extract-${engine}
      -P ${PROJECT_SOURCE_DIR}/tests/extract/run_extract.cmake)
  set_tests_properties(cff_extract_${engine} PROPERTIES LABELS extract)
endforeach()
add_test(NAME cff_shipped
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DINPUT=${CFF_INPUT}
    -DFONTS=${PROJECT_SOURCE_DIR}/fonts -DFAMILY=RescompHumanist -DMIN=4
    -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/cff-work/shipped
    -P ${CMAKE_CURRENT_LIST_DIR}/run_cff.cmake)
configure_file(${CMAKE_CURRENT_LIST_DIR}/fonts.conf.in ${CMAKE_CURRENT_BINARY_DIR}/cff-fonts.conf
               @ONLY)
add_test(NAME cff_installed
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DINPUT=${CFF_INPUT}
    -DFONTS=/usr/share/fonts/opentype/ebgaramond -DFAMILY=EBGaramond12 -DMIN=3
    "-DSETS=design.typography.font_family=EB Garamond 12"
    -DFONTCONFIG=${CMAKE_CURRENT_BINARY_DIR}/cff-fonts.conf
    -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/cff-work/installed
    -P ${CMAKE_CURRENT_LIST_DIR}/run_cff.cmake)
