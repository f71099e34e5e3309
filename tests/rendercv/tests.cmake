# RenderCV's examples (README.md): valid for the JSON Schema, empty keys
# included, and compiled without a warning, settings.render_command included.
file(GLOB RENDERCV_EXAMPLES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/John_Doe_*.yaml)
find_program(RENDERCV_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
add_test(NAME rendercv_schema_valid
  COMMAND ${RENDERCV_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/inputs/validate_schema.py
          ${PROJECT_SOURCE_DIR}/docs/rescomp.schema.json --valid ${RENDERCV_EXAMPLES})
foreach(example ${RENDERCV_EXAMPLES})
  get_filename_component(name ${example} NAME_WE)
  add_test(NAME rendercv_strict_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DCV=${example}
            -P ${CMAKE_CURRENT_LIST_DIR}/strict.cmake)
endforeach()
