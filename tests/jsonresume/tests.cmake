# JSON Resume input whole (issue 15): every field of the v1 schema in the PDF,
# once; the schema's own sample (sample.resume.json, from
# jsonresume/resume-schema, MIT licence) with every word; JSON read as JSON
# (duplicate keys, trailing commas, the schema's impossible dates); --set,
# --design, overlays and design/locale keys as for YAML. check_jsonresume.py
# says what each case checks, with pdftotext, pdfimages and qpdf.
find_program(JSONRES_PYTHON3 python3)
foreach(case markers sample location duplicates trailing_commas dates overlays)
  add_test(NAME jsonresume_${case}
    COMMAND ${JSONRES_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_jsonresume.py
            $<TARGET_FILE:rescomp> ${CMAKE_CURRENT_BINARY_DIR}/jsonresume-work/${case} ${case})
endforeach()
