# --pdf-standard: PDF/A-1b as PDFBox's Preflight judges it, for every
# example under every theme (run_preflight.py), and what each standard
# puts in the file, read back with qpdf, poppler and pdf.js
# (check_standards.py).
find_program(PYTHON3 python3)
# Debian's libpdfbox2-java, with what its validator needs on the class path
set(PREFLIGHT_CLASSPATH
    /usr/share/java/preflight.jar:/usr/share/java/pdfbox2.jar:/usr/share/java/fontbox2.jar:/usr/share/java/commons-logging.jar:/usr/share/java/javax.activation.jar:/usr/share/java/jaxb-api.jar:/usr/share/java/xmpbox.jar)
add_test(NAME pdfa_preflight
  COMMAND ${PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/run_preflight.py $<TARGET_FILE:rescomp>
          ${CMAKE_CURRENT_BINARY_DIR}/pdfa-work/preflight ${PROJECT_SOURCE_DIR} ${PREFLIGHT_CLASSPATH}
          ${CMAKE_BINARY_DIR}/freefont.conf)
add_test(NAME pdf_standards
  COMMAND ${PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_standards.py $<TARGET_FILE:rescomp>
          ${CMAKE_CURRENT_BINARY_DIR}/pdfa-work/standards ${PROJECT_SOURCE_DIR}/examples
          ${PROJECT_SOURCE_DIR}/tests/extract/tags.mjs)
set_tests_properties(pdfa_preflight pdf_standards PROPERTIES TIMEOUT 300 LABELS pdfa)
