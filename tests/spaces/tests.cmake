# Inter-word spaces shrink as Typst's do (a third of a space), and stay
# extractable (layout_line.c, spaces_kept). RenderCV's classic example has
# a line RenderCV fits only by shrinking Source Sans 3's 0.2 em spaces to
# 0.14 em: it must be one line here too, and pdftotext -raw, which reads a
# gap under 0.15 em as none (as it does on RenderCV's own PDF), must still
# find every word of the CV apart (check_words --cv).
add_test(NAME spaces_kept_classic
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DCHECK_WORDS=$<TARGET_FILE:check_words>
          -DENGINE=pdftotext-raw -DEXTRACT=${PROJECT_SOURCE_DIR}/tests/extract/extract.sh
          -DINPUT=${PROJECT_SOURCE_DIR}/tests/rendercv/John_Doe_ClassicTheme_CV.yaml
          -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/spaces-work
          -P ${CMAKE_CURRENT_LIST_DIR}/run_spaces.cmake)
