# Older RenderCV files (1.x, 2.0-2.3; issue 15): RenderCV's own examples at
# those tags (MIT, Sina Atalay and contributors) and a file with comments.
# Each compiles with one summary warning, and --upgrade prints the v2.8
# form: compared with NAME.expected.yaml, idempotent, clean under --strict,
# every comment kept (run_upgrade.cmake). After a deliberate change,
# regenerate the expected files with `rescomp --upgrade NAME.yaml` and
# review the diff.
file(GLOB UPGRADE_INPUTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.yaml)
list(FILTER UPGRADE_INPUTS EXCLUDE REGEX "\\.expected\\.yaml$")
foreach(input ${UPGRADE_INPUTS})
  get_filename_component(name ${input} NAME)
  string(REGEX REPLACE "\\.yaml$" "" name "${name}")
  add_test(NAME upgrade_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DINPUT=${input}
            -DEXPECTED=${CMAKE_CURRENT_LIST_DIR}/${name}.expected.yaml
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/upgrade-work/${name}
            -P ${CMAKE_CURRENT_LIST_DIR}/run_upgrade.cmake)
endforeach()
# --upgrade takes the file alone; a JSON Resume is no RenderCV file.
add_test(NAME upgrade_usage COMMAND $<TARGET_FILE:rescomp> --upgrade x.yaml -o y.yaml)
set_tests_properties(upgrade_usage PROPERTIES WILL_FAIL TRUE)

# Files as RenderCV users write them (issue 15, item 5): a photo given as a
# URL is left out with a warning; a custom theme (a folder of RenderCV
# templates beside the CV) is set in classic with a warning; both compile.
add_test(NAME wild_photo_url_and_custom_theme COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
  -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/upgrade-work/wild
  "-DSETUP=mkdir mytheme && printf 'cv:\\n  name: Jane Roe\\n  photo: https://example.com/me.jpg\\ndesign:\\n  theme: mytheme\\n' > cv.yaml"
  "-DARGS=cv.yaml\;-o\;cv.pdf" -DEXIT=0 -DCREATES=cv.pdf
  "-DSTDERR=cv\\.yaml:3:10: warning: cv\\.photo is a URL.*left out.*\ncv\\.yaml:5:10: warning: theme 'mytheme' is a custom RenderCV theme"
  -P ${PROJECT_SOURCE_DIR}/tests/cli/run_cli.cmake)
