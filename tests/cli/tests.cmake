# Command-line behaviour: options, default output name, exit codes of each
# failure class, and that a failed run leaves the previous PDF untouched.
set(CLI_RUN ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -P ${CMAKE_CURRENT_LIST_DIR}/run_cli.cmake)
set(MINI ${PROJECT_SOURCE_DIR}/bench/minimal.yaml)
set(CLI_WORK ${CMAKE_CURRENT_BINARY_DIR}/cli-work)

function(cli_test name)
  add_test(NAME cli_${name} COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
           -DWORKDIR=${CLI_WORK}/${name} ${ARGN} -P ${CMAKE_CURRENT_LIST_DIR}/run_cli.cmake)
endfunction()

cli_test(help "-DARGS=--help" -DEXIT=0 "-DSTDOUT=usage: rescomp INPUT.*Exit codes")
cli_test(version "-DARGS=--version" -DEXIT=0 "-DSTDOUT=^rescomp [0-9]+\\.[0-9]+\\.[0-9]+")
cli_test(no_input "-DARGS=" -DEXIT=2 "-DSTDERR=rescomp: error: no input file given")
cli_test(unknown_option "-DARGS=--frobnicate" -DEXIT=2 "-DSTDERR=unknown option '--frobnicate'")
cli_test(missing_o_argument "-DARGS=${MINI}\;-o" -DEXIT=2 "-DSTDERR=option '-o' needs a file name")
# Files after the input are overlays (tests/variants has the rest).
cli_test(overlay_missing "-DARGS=${MINI}\;nope.yaml\;-o\;out.pdf" -DEXIT=3 -DPREVIOUS=1
         "-DSTDERR=error: cannot open 'nope\\.yaml': No such file or directory")
cli_test(missing_input "-DARGS=nope.yaml\;-o\;out.pdf" -DEXIT=3 -DPREVIOUS=1
         "-DSTDERR=error: cannot open 'nope\\.yaml': No such file or directory")
cli_test(default_output "-DSETUP=cp ${MINI} cv.yaml" "-DARGS=cv.yaml" -DEXIT=0 -DCREATES=cv.pdf)
cli_test(explicit_output "-DARGS=${MINI}\;-o\;made.pdf" -DEXIT=0 -DCREATES=made.pdf)
cli_test(quiet_success "-DARGS=${MINI}\;-q\;-o\;q.pdf" -DEXIT=0 "-DSTDERR=^$" -DCREATES=q.pdf)
cli_test(trace_to_stdout "-DARGS=${MINI}\;--trace" -DEXIT=0 "-DSTDOUT=^body-font \"Rescomp Humanist\"\npage 1 612\\.000x792\\.000\ntext ")
cli_test(output_in_missing_dir "-DARGS=${MINI}\;-o\;no/such/dir/out.pdf" -DEXIT=3
         "-DSTDERR=cannot write 'no/such/dir/out\\.pdf': No such file or directory")
cli_test(output_under_a_file "-DARGS=${MINI}\;-o\;out.pdf/x.pdf" -DEXIT=3 -DPREVIOUS=1
         "-DSTDERR=cannot write 'out\\.pdf/x\\.pdf'")
cli_test(output_is_a_directory "-DSETUP=mkdir d" "-DARGS=${MINI}\;-o\;d" -DEXIT=3
         "-DSTDERR=Is a directory")
# A file size limit (as on a full disk): the write fails, the old PDF survives.
cli_test(output_too_large "-DARGS=${MINI}\;-o\;out.pdf" -DEXIT=3 -DPREVIOUS=1
         "-DLIMIT_FSIZE=1" "-DSTDERR=cannot write 'out\\.pdf': File too large")
cli_test(fonts_missing "-DARGS=${MINI}\;-o\;out.pdf" -DEXIT=4 -DPREVIOUS=1
         "-DENV_SET=RESCOMP_FONT_DIR=${CLI_WORK}/fonts_missing/none"
         "-DSTDERR=cannot load font '.*/none/[a-z-]+\\.(ttf|otf)': No such file or directory; reinstall rescomp or set RESCOMP_FONT_DIR")
cli_test(fonts_corrupt "-DSETUP=mkdir f && for n in regular bold italic bold-italic; do echo junk > f/cmu-serif-$n.ttf; done && echo junk > f/cmu-typewriter.ttf"
         "-DARGS=${MINI}\;-o\;out.pdf" -DEXIT=4 -DPREVIOUS=1
         "-DENV_SET=RESCOMP_FONT_DIR=${CLI_WORK}/fonts_corrupt/f"
         "-DSTDERR=cannot load font")
cli_test(strict_warning "-DSETUP=printf 'cv:\\n  name: X\\ndesign:\\n  entries:\\n    short_secnd_row: true\\n' > w.yaml"
         "-DARGS=w.yaml\;--strict\;-o\;out.pdf" -DEXIT=1 -DPREVIOUS=1 "-DSTDERR=warning: ")
cli_test(missing_character "-DSETUP=printf 'cv:\\n  name: X\\n  headline: \"Addis \\\\u12a0\\\\u12f2\"\\n' > cjk.yaml"
         "-DARGS=cjk.yaml\;-o\;out.pdf" -DEXIT=0 -DCREATES=out.pdf
         "-DSTDERR=cjk\\.yaml:3:[0-9]+: warning: no installed font has the characters .አ. \\(U\\+12A0\\), .ዲ. \\(U\\+12F2\\), shown as boxes; install a font")

# `cmake --install` gives a working program: the installed binary finds its
# fonts in <prefix>/share/rescomp/fonts and its phone number module in
# <prefix>/<libdir>/rescomp, wherever it is run from.
add_test(NAME cli_installed_program
  COMMAND sh -c "rm -rf \"$1\" && ${CMAKE_COMMAND} --install \"$2\" --prefix \"$1\" >/dev/null \
&& cd / && env -u RESCOMP_FONT_DIR \"$1/bin/rescomp\" \"$3\" -o \"$1/out.pdf\" \
&& head -c 5 \"$1/out.pdf\" | grep -q '%PDF-' \
&& env -u RESCOMP_PHONE_MODULE \"$1/bin/rescomp\" \"$4\" -o \"$1/phone.txt\" 2>\"$1/phone.err\" \
&& grep -q '044 668 18 00' \"$1/phone.txt\" && ! test -s \"$1/phone.err\""
          sh ${CLI_WORK}/installed ${PROJECT_BINARY_DIR} ${MINI}
          ${CMAKE_CURRENT_LIST_DIR}/phone.yaml)
# Without its phone number module rescomp still works: the phone is shown
# as written, with a warning that says why and what to do.
string(CONCAT PHONE_MODULE_WARNING
  "phone\\.yaml:4:10: warning: phone numbers are shown as written: the phone number module "
  "cannot be loaded \\(RESCOMP_PHONE_MODULE=.*none\\.so: .*No such file.*\\); "
  "reinstall rescomp, or set RESCOMP_PHONE_MODULE")
cli_test(phone_module_missing "-DARGS=${CMAKE_CURRENT_LIST_DIR}/phone.yaml\;--trace" -DEXIT=0
         "-DENV_SET=RESCOMP_PHONE_MODULE=${CLI_WORK}/phone_module_missing/none.so"
         "-DSTDERR=${PHONE_MODULE_WARNING}" "-DSTDOUT= \\+41 44 668 18 00")

# Photos: a file that is not an image, and a PNG cut short after its
# header, are errors at cv.photo's line; the PDF is untouched (tests/photos
# has every kind of PNG and JPEG).
cli_test(photo_not_an_image
  "-DSETUP=printf 'not a picture' > p.png && printf 'cv:\\n  name: X\\n  photo: p.png\\n' > cv.yaml"
  "-DARGS=cv.yaml\;-o\;out.pdf" -DEXIT=1 -DPREVIOUS=1
  "-DSTDERR=cv\\.yaml:3:10: error: photo '.*p\\.png' is not a PNG or JPEG image")
cli_test(photo_truncated_png
  "-DSETUP=printf '\\211PNG\\r\\n\\032\\n\\000\\000\\000\\rIHDR\\000\\000\\000\\010\\000\\000\\000\\010\\020\\002\\000\\000\\000' > p.png && printf 'cv:\\n  name: X\\n  photo: p.png\\n' > cv.yaml"
  "-DARGS=cv.yaml\;-o\;out.pdf" -DEXIT=1 -DPREVIOUS=1
  "-DSTDERR=cv\\.yaml:3:10: error: photo '.*p\\.png' is not a valid PNG image \\(the file ends too early\\)")
cli_test(photo_jpeg
  "-DSETUP=cp ${PROJECT_SOURCE_DIR}/tests/golden/photo.jpg . && printf 'cv:\\n  name: X\\n  photo: photo.jpg\\n' > cv.yaml"
  "-DARGS=cv.yaml\;-o\;out.pdf" -DEXIT=0 -DCREATES=out.pdf)

# Themes: the list, and RenderCV's --design FILE (only `design:` in it).
cli_test(list_themes "-DARGS=--list-themes" -DEXIT=0
         "-DSTDOUT=^classic +RenderCV's classic theme \\(the default\\)\nember .*latex +rescomp's own look.*sb2nov +RenderCV's sb2nov theme\n$")
cli_test(design_file "-DSETUP=printf 'design:\\n  theme: harvard\\n  page:\\n    size: a5\\n' > d.yaml"
         "-DARGS=${MINI}\;--design\;d.yaml\;--trace" -DEXIT=0
         "-DSTDOUT=^body-font \"XCharter\"\npage 1 419\\.528x595\\.276\n")
cli_test(design_file_other_key "-DSETUP=printf 'design:\\n  theme: ink\\ncv:\\n  name: X\\n' > d.yaml"
         "-DARGS=${MINI}\;--design\;d.yaml\;-o\;out.pdf" -DEXIT=1 -DPREVIOUS=1
         "-DSTDERR=d\\.yaml:3:1: error: a --design file holds only 'design:'; move 'cv' to the CV file")
cli_test(design_file_missing "-DARGS=${MINI}\;--design\;none.yaml\;-o\;out.pdf" -DEXIT=3
         -DPREVIOUS=1 "-DSTDERR=cannot open 'none\\.yaml': No such file or directory")

# HarfBuzz and fontconfig are loaded only by runs that need them
# (src/lazy_libs.h). With dlopen() failing for HarfBuzz (the shim), a CV in
# the shipped fonts still compiles, and one that names an installed font
# stops with exit code 5, says which package to install, and leaves the
# previous PDF alone.
if(RESCOMP_LAZY_LIBS)
  add_library(test_no_harfbuzz MODULE ${CMAKE_CURRENT_LIST_DIR}/no_harfbuzz.c)
  target_link_libraries(test_no_harfbuzz PRIVATE ${CMAKE_DL_LIBS})
  cli_test(shipped_fonts_need_no_harfbuzz
           "-DARGS=${PROJECT_SOURCE_DIR}/examples/academic.yaml\;-o\;out.pdf" -DEXIT=0
           -DCREATES=out.pdf)
  cli_test(harfbuzz_missing "-DARGS=${PROJECT_SOURCE_DIR}/tests/golden/fonts.yaml\;-o\;out.pdf"
           -DEXIT=5 -DPREVIOUS=1
           "-DSTDERR=cannot load libharfbuzz\\.so\\.0 .*install the Debian package 'libharfbuzz0b'")
  set_property(TEST cli_shipped_fonts_need_no_harfbuzz cli_harfbuzz_missing APPEND PROPERTY
               ENVIRONMENT "LD_PRELOAD=$<TARGET_FILE:test_no_harfbuzz>"
               "ASAN_OPTIONS=verify_asan_link_order=0")
endif()
