# Tagged PDF: every example (examples/*.yaml) under every theme is tagged through and through
# (pdf.js, the engine of Firefox's reader, counts the characters), has the
# roles its content calls for, and reads in the CV's order.
find_program(RESCOMP_PYTHON3 python3)
file(GLOB TAG_THEMES RELATIVE ${PROJECT_SOURCE_DIR}/themes ${PROJECT_SOURCE_DIR}/themes/*.yaml)
set(TAG_ROLES H1 H2 Sect Div P L LI Lbl LBody Link)
# the theme each words file was written for, whose order the tree must keep
set(TAG_OWN_THEME_academic latex)
set(TAG_OWN_THEME_engineer classic)
foreach(example academic engineer variants)
  foreach(theme_file ${TAG_THEMES})
    string(REPLACE ".yaml" "" theme ${theme_file})
    set(any_order 1)
    if(theme STREQUAL TAG_OWN_THEME_${example})
      set(any_order 0)
    endif()
    set(words ${PROJECT_SOURCE_DIR}/tests/pdf/${example}-words.txt)
    if(NOT EXISTS ${words})
      set(words "") # variants: no words file, the other checks still hold
    endif()
    add_test(NAME tags_${example}_${theme}
      COMMAND ${CMAKE_COMMAND}
        -DEXE=$<TARGET_FILE:rescomp>
        -DCHECK_WORDS=$<TARGET_FILE:check_words>
        -DTAGS=${PROJECT_SOURCE_DIR}/tests/extract/tags.mjs
        -DPYTHON3=${RESCOMP_PYTHON3}
        -DMARKS_NEST=${CMAKE_CURRENT_LIST_DIR}/marks_nest.py
        -DINPUT=${PROJECT_SOURCE_DIR}/examples/${example}.yaml
        -DTHEME=${theme}
        -DWORDS=${words}
        "-DROLES=${TAG_ROLES}"
        -DANY_ORDER=${any_order}
        -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/tags-work/${example}-${theme}
        -P ${CMAKE_CURRENT_LIST_DIR}/run_tags.cmake)
    set_tests_properties(tags_${example}_${theme} PROPERTIES LABELS tags)
  endforeach()
endforeach()
