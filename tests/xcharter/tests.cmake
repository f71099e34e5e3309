# XCharter, the font RenderCV's harvard and engineeringresumes themes name,
# is shipped (fonts/xcharter-*.otf, CFF): RenderCV's own example of each
# theme embeds XCharter's roman, bold and italic as CID-keyed CFF subsets
# and no other CFF font (pdffonts), every glyph drawn with the outline of
# the shipped file it came from (tests/cff/run_cff.cmake, check_cff.py).
# Were the name mapped to another family again (Rescomp Serif, TrueType),
# pdffonts would list no XCharter face.
foreach(theme Harvard Engineeringresumes)
  string(TOLOWER ${theme} id)
  add_test(NAME xcharter_embedded_${id}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
      -DINPUT=${PROJECT_SOURCE_DIR}/tests/rendercv/John_Doe_${theme}Theme_CV.yaml
      -DFONTS=${PROJECT_SOURCE_DIR}/fonts -DFAMILY=XCharter -DMIN=3
      -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/xcharter-work/${id}
      -P ${PROJECT_SOURCE_DIR}/tests/cff/run_cff.cmake)
endforeach()
