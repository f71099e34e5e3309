# Command-line habits (issue 17): -o - is standard output, an output's
# extension must name a format, one -o, --width for plain text, colour and
# a summary line on a terminal only, the pre-commit hook, --list-themes as
# documented. The terminal tests run rescomp on a pseudo-terminal
# (terminal.py, Python's pty module).
set(HAB_SRC ${CMAKE_CURRENT_LIST_DIR})
set(HAB_WORK ${CMAKE_CURRENT_BINARY_DIR}/habits-work)
set(HAB_MINI ${PROJECT_SOURCE_DIR}/bench/minimal.yaml)
set(HAB_CV ${PROJECT_SOURCE_DIR}/examples/academic.yaml)

# rescomp's exit code and messages (tests/cli/run_cli.cmake)
function(habit_cli name)
  add_test(NAME habits_${name} COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
           -DWORKDIR=${HAB_WORK}/${name} ${ARGN} -P ${PROJECT_SOURCE_DIR}/tests/cli/run_cli.cmake)
endfunction()
# a shell script of this folder: script EXE WORKDIR SOURCE_DIR
function(habit_sh name script)
  add_test(NAME habits_${name} COMMAND sh ${HAB_SRC}/${script} $<TARGET_FILE:rescomp>
           ${HAB_WORK}/${name} ${PROJECT_SOURCE_DIR} ${ARGN})
endfunction()

# ---- -o -: the output on standard output, the same bytes as the file ---------------------
habit_sh(stdout_pdf stdout.sh pdf)
habit_sh(stdout_txt stdout.sh txt)
habit_sh(stdout_md stdout.sh md)
habit_cli(stdout_and_all_variants "-DARGS=${HAB_MINI}\;--all-variants\;-o\;-" -DEXIT=2
          "-DSTDERR=-o - writes one CV to standard output; --all-variants writes a file for each variant")
habit_cli(stdout_and_trace "-DARGS=${HAB_MINI}\;--trace\;-o\;-" -DEXIT=2
          "-DSTDERR=--trace and -o - would both write to standard output")
habit_cli(stdout_and_watch "-DARGS=${HAB_MINI}\;--watch\;-o\;-" -DEXIT=2
          "-DSTDERR=--watch writes its output again at every change")
habit_cli(stdout_and_depfile "-DARGS=${HAB_MINI}\;--depfile\;cv.d\;-o\;-" -DEXIT=2
          "-DSTDERR=--depfile needs a file for the rule's target")
# a file named "-" is ./-
habit_cli(file_named_dash "-DARGS=${HAB_MINI}\;-o\;./-" -DEXIT=0 -DCREATES=-)

# ---- the output's extension names its format ---------------------------------------------
string(CONCAT HAB_UNKNOWN_EXT "^rescomp: error: cannot tell the format of 'cv\\.docx' from its "
       "extension: the formats are pdf, txt, md or html; name one with --format\n$")
habit_cli(extension_unknown "-DARGS=${HAB_MINI}\;-o\;cv.docx" -DEXIT=2 "-DSTDERR=${HAB_UNKNOWN_EXT}"
          -DABSENT=cv.docx)
habit_cli(extension_unknown_keeps_file "-DARGS=${HAB_MINI}\;-o\;out.pdf.docx" -DEXIT=2
          "-DSTDERR=cannot tell the format of 'out\\.pdf\\.docx'")
habit_cli(extension_unknown_with_format "-DARGS=${HAB_MINI}\;-o\;cv.out\;--format\;txt" -DEXIT=0
          -DCREATES_TEXT=cv.out)
habit_cli(extension_unknown_with_pdf "-DARGS=${HAB_MINI}\;-o\;Jane.Doe\;--format\;pdf" -DEXIT=0
          -DCREATES=Jane.Doe)
habit_cli(extension_none "-DARGS=${HAB_MINI}\;-o\;cv" -DEXIT=0 -DCREATES=cv)
habit_cli(extension_upper_case "-DARGS=${HAB_MINI}\;-o\;CV.TXT" -DEXIT=0 -DCREATES_TEXT=CV.TXT)
habit_cli(extension_contradicts_format "-DARGS=${HAB_MINI}\;-o\;out.pdf\;--format\;txt" -DEXIT=2
          -DPREVIOUS=1
          "-DSTDERR=--format txt contradicts the output 'out\\.pdf'; drop --format or name the output '\\.txt'")
habit_cli(extension_agrees_with_alias "-DARGS=${HAB_MINI}\;-o\;cv.md\;--format\;markdown" -DEXIT=0
          -DCREATES_TEXT=cv.md)
habit_cli(format_unknown "-DARGS=${HAB_MINI}\;--format\;docx" -DEXIT=2
          "-DSTDERR=unknown format 'docx'; --format takes pdf, txt, md or html")
habit_cli(all_variants_format_unknown
          "-DARGS=${PROJECT_SOURCE_DIR}/examples/variants.yaml\;--all-variants\;-o\;out.d\;--format\;rtf"
          -DEXIT=2 "-DSTDERR=unknown format 'rtf'")
habit_cli(output_twice "-DARGS=${HAB_MINI}\;-o\;a.pdf\;-o\;b.pdf" -DEXIT=2
          "-DSTDERR=-o is given twice \\(the first is 'a\\.pdf'\\); name one output")
habit_cli(output_twice_long "-DARGS=${HAB_MINI}\;--output=a.pdf\;--output\;b.pdf" -DEXIT=2
          "-DSTDERR=-o is given twice")

# ---- --width ------------------------------------------------------------------------------
habit_sh(width width.sh ${HAB_CV})
foreach(bad 19 1001 -1 abc 40x)
  string(MAKE_C_IDENTIFIER "width_bad_${bad}" tname)
  habit_cli(${tname} "-DARGS=${HAB_MINI}\;--width\;${bad}\;-o\;out.txt" -DEXIT=2
            "-DSTDERR=--width (must be 0 \\(no hard wrapping\\) or 20 to 1000 columns|needs a number of columns)")
endforeach()
habit_cli(width_of_pdf "-DARGS=${HAB_MINI}\;--width\;60" -DEXIT=2
          "-DSTDERR=--width sets the lines of plain text, not of a PDF: add --format txt")
habit_cli(width_of_md "-DARGS=${HAB_MINI}\;--width\;60\;-o\;cv.md" -DEXIT=2
          "-DSTDERR=--width sets the lines of plain text, not of md")

# ---- on a terminal: colour, the summary line, no PDF on the screen ------------------------
find_program(HAB_PYTHON3 python3)
find_program(HAB_PDFINFO pdfinfo)
if(HAB_PYTHON3 AND HAB_PDFINFO)
  add_test(NAME habits_terminal
    COMMAND ${HAB_PYTHON3} ${HAB_SRC}/terminal.py $<TARGET_FILE:rescomp> ${HAB_WORK}/terminal
            ${PROJECT_SOURCE_DIR})
endif()
# Not a terminal (ctest's pipes): no summary, no escape at all.
habit_cli(pipe_no_summary "-DARGS=${HAB_MINI}\;-o\;out.pdf" -DEXIT=0 "-DSTDERR=^$" -DCREATES=out.pdf)
habit_cli(pipe_no_colour "-DARGS=nope.yaml" -DEXIT=3
          "-DSTDERR=^rescomp: error: cannot open 'nope\\.yaml': No such file or directory\n$")

# ---- the pre-commit hook of examples/ci ---------------------------------------------------
find_program(HAB_GIT git)
if(HAB_GIT)
  habit_sh(pre_commit pre_commit.sh)
endif()

# ---- --list-themes as documented ----------------------------------------------------------
add_test(NAME habits_list_themes
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DSOURCE=${PROJECT_SOURCE_DIR}
          -P ${HAB_SRC}/list_themes.cmake)
