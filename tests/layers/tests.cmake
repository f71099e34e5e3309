# Each Debian library is confined to the module that owns it. HarfBuzz
# (hb.h, hb-ot.h, hb-subset.h) belongs to the font layer: font.c measures
# and shapes with it, font_shape.c shapes right-to-left words into glyphs,
# font_subset.c cuts embedded subsets with it, and lazy_libs.c loads it. A
# device asks the font layer (rc_face_subset).
add_test(NAME layers_harfbuzz_in_font_layer
  COMMAND ${CMAKE_COMMAND}
    -DSRC=${PROJECT_SOURCE_DIR}/src
    "-DHEADER=<hb[.-]"
    "-DOWNERS=font.c;font_shape.c;font_subset.c;lazy_libs.c"
    -P ${CMAKE_CURRENT_LIST_DIR}/check_includes.cmake)
# GNU FriBidi belongs to bidi.c, which orders the display list's lines.
add_test(NAME layers_fribidi_in_bidi
  COMMAND ${CMAKE_COMMAND}
    -DSRC=${PROJECT_SOURCE_DIR}/src
    "-DHEADER=<fribidi"
    "-DOWNERS=bidi.c"
    -P ${CMAKE_CURRENT_LIST_DIR}/check_includes.cmake)
