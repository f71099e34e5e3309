# Fitting to design.page.max_pages (issue 16, src/fit.h): a CV just over a
# page fits with every word kept, one that cannot is an error that writes
# nothing, one that fits already is unchanged byte for byte; the limit set
# by a variant (design: and set:), --set and a design file; the note, and
# the warning for a last page of a few lines. fit.sh says how each is checked.
find_program(FIT_PDFTOTEXT pdftotext)
find_program(FIT_PDFINFO pdfinfo)
if(FIT_PDFTOTEXT AND FIT_PDFINFO)
  foreach(case spacing font_size margins cannot already variant_design variant_set set
               design_file note_quiet_strict few_lines)
    add_test(NAME fit_${case}
      COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/fit.sh $<TARGET_FILE:rescomp>
              ${CMAKE_CURRENT_BINARY_DIR}/fit-work/${case} ${PROJECT_SOURCE_DIR} ${case})
    set_tests_properties(fit_${case} PROPERTIES LABELS fit)
  endforeach()
endif()

# The fixtures that are CVs validate against the JSON Schema (max_pages is in it).
find_program(FIT_PYTHON3 python3)
if(FIT_PYTHON3)
  add_test(NAME fit_schema
    COMMAND ${FIT_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/inputs/validate_schema.py
            ${PROJECT_SOURCE_DIR}/docs/rescomp.schema.json
            --valid ${CMAKE_CURRENT_LIST_DIR}/over.yaml ${CMAKE_CURRENT_LIST_DIR}/over_more.yaml
                    ${CMAKE_CURRENT_LIST_DIR}/too_long.yaml ${CMAKE_CURRENT_LIST_DIR}/few_lines.yaml
            --invalid ${CMAKE_CURRENT_LIST_DIR}/schema_bad.yaml)
  set_tests_properties(fit_schema PROPERTIES LABELS fit)
endif()
