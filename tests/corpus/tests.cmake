# The corpus of real CVs (SOURCES says whose, from where, under which
# licence): each compiles (exit 0, warnings allowed) and every word of its
# text is in the PDF (tests/wild/run_wild.cmake: pdftotext -raw and
# check_words --cv, which reads RenderCV and JSON Resume files).
file(GLOB CORPUS_FILES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.yaml
     ${CMAKE_CURRENT_LIST_DIR}/*.json)
foreach(input ${CORPUS_FILES})
  get_filename_component(name ${input} NAME_WE)
  add_test(NAME corpus_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
            -DCHECK_WORDS=$<TARGET_FILE:check_words> -DINPUT=${input}
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/corpus-work/${name}
            -P ${PROJECT_SOURCE_DIR}/tests/wild/run_wild.cmake)
  set_tests_properties(corpus_${name} PROPERTIES LABELS corpus)
endforeach()
