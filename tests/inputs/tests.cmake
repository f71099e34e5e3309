# Inputs beyond RenderCV 2.8 YAML and outputs beyond PDF (issue 6):
# JSON Resume, older RenderCV files, BibTeX, positions, --schema, and the
# text and Markdown devices. The loader's details are in
# unit/test_inputs.c; here the program is run as a user runs it.
set(INPUTS_DIR ${CMAKE_CURRENT_LIST_DIR})
set(INPUTS_WORK ${CMAKE_CURRENT_BINARY_DIR}/inputs-work)

# Golden text and Markdown outputs: name, input. After a deliberate change,
# regenerate them with scripts/update-golden.sh and review the diff.
set(TEXT_CASES
  engineer ${PROJECT_SOURCE_DIR}/examples/engineer.yaml
  jsonresume ${INPUTS_DIR}/jsonresume.json
  bibtex ${INPUTS_DIR}/bibtex.yaml
  positions ${INPUTS_DIR}/positions.yaml
  phones_national ${INPUTS_DIR}/phones_national.yaml
  phones_international ${INPUTS_DIR}/phones_international.yaml
  phones_e164 ${INPUTS_DIR}/phones_e164.yaml)
list(LENGTH TEXT_CASES n)
math(EXPR last "${n} - 1")
foreach(i RANGE 0 ${last} 2)
  math(EXPR j "${i} + 1")
  list(GET TEXT_CASES ${i} name)
  list(GET TEXT_CASES ${j} input)
  foreach(ext txt md)
    add_test(NAME text_${name}_${ext}
      COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DINPUT=${input}
              -DEXPECTED=${INPUTS_DIR}/${name}.${ext}
              -DACTUAL=${INPUTS_WORK}/${name}.${ext}
              -P ${INPUTS_DIR}/run_text.cmake)
  endforeach()
endforeach()

function(inputs_cli name)
  add_test(NAME inputs_${name} COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
           -DWORKDIR=${INPUTS_WORK}/${name} ${ARGN} -P ${PROJECT_SOURCE_DIR}/tests/cli/run_cli.cmake)
endfunction()

# A BibTeX syntax error is reported in the .bib file, line and column; nothing is written.
inputs_cli(bib_syntax_error "-DSETUP=cp ${INPUTS_DIR}/bib_syntax.yaml ${INPUTS_DIR}/bib_syntax.bib ."
  "-DARGS=bib_syntax.yaml\;-o\;out.pdf" -DEXIT=1 -DPREVIOUS=1
  "-DSTDERR=^bib_syntax\\.bib:9:3: error: BibTeX syntax error: found \"title\", expected end of entry")
# A .bib that is not there: an I/O error at the YAML that names it.
inputs_cli(bib_missing "-DSETUP=printf 'cv:\\n  sections:\\n    p:\\n      - bibtex: gone.bib\\n' > cv.yaml"
  "-DARGS=cv.yaml\;-o\;out.pdf" -DEXIT=3 -DPREVIOUS=1
  "-DSTDERR=^cv\\.yaml:4:17: error: cannot read 'gone\\.bib': No such file or directory")
# Older RenderCV files compile, with one warning for the file (--strict fails on them).
inputs_cli(rendercv_v1 "-DARGS=${INPUTS_DIR}/rendercv_v1.yaml\;-o\;v1.pdf" -DEXIT=0 -DCREATES=v1.pdf
  "-DSTDERR=^[^\n]*rendercv_v1\\.yaml:4:3: warning: this file is written for RenderCV 1\\.x: 12 of its keys[^\n]*\n$")
inputs_cli(rendercv_v2 "-DARGS=${INPUTS_DIR}/rendercv_v2.yaml\;-o\;v2.pdf" -DEXIT=0 -DCREATES=v2.pdf
  "-DSTDERR=^[^\n]*rendercv_v2\\.yaml:7:3: warning: this file is written for RenderCV 2\\.0-2\\.3: 12 of its keys[^\n]*\n$")
inputs_cli(rendercv_v2_strict "-DARGS=${INPUTS_DIR}/rendercv_v2.yaml\;--strict\;-o\;out.pdf" -DEXIT=1
  -DPREVIOUS=1 "-DSTDERR=warning: this file is written for RenderCV 2\\.0-2\\.3")
# JSON Resume makes a PDF too.
inputs_cli(jsonresume_pdf "-DARGS=${INPUTS_DIR}/jsonresume.json\;-o\;cv.pdf" -DEXIT=0 -DCREATES=cv.pdf)

# Text and Markdown from the command line: by extension, by --format, default names.
inputs_cli(format_default_name "-DSETUP=cp ${PROJECT_SOURCE_DIR}/bench/minimal.yaml cv.yaml"
  "-DARGS=cv.yaml\;--format\;md" -DEXIT=0 "-DSTDERR=^$"
  -DCREATES_TEXT=cv.md)
inputs_cli(format_by_extension "-DARGS=${PROJECT_SOURCE_DIR}/bench/minimal.yaml\;-o\;cv.txt" -DEXIT=0
  "-DSTDERR=^$" -DCREATES_TEXT=cv.txt)
inputs_cli(format_unknown "-DARGS=${PROJECT_SOURCE_DIR}/bench/minimal.yaml\;--format\;docx" -DEXIT=2
  "-DSTDERR=unknown format 'docx'; --format takes pdf, txt, md or html")
inputs_cli(format_txt_no_dir "-DARGS=${PROJECT_SOURCE_DIR}/bench/minimal.yaml\;-o\;no/dir/cv.txt" -DEXIT=3
  "-DSTDERR=cannot write 'no/dir/cv\\.txt': No such file or directory")
inputs_cli(format_txt_stdout "-DARGS=${PROJECT_SOURCE_DIR}/bench/minimal.yaml\;--format\;txt\;-o\;/dev/stdout"
  -DEXIT=0 "-DSTDOUT=^[^\n]+\n=+\n")

# --schema prints docs/rescomp.schema.json exactly; the examples validate against it.
add_test(NAME schema_identical
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
          -DEXPECTED=${PROJECT_SOURCE_DIR}/docs/rescomp.schema.json
          -DACTUAL=${INPUTS_WORK}/schema.json -P ${INPUTS_DIR}/run_schema.cmake)
file(GLOB SCHEMA_EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/*.yaml
     ${PROJECT_SOURCE_DIR}/tests/golden/*.yaml)
find_program(PYTHON3 python3)
add_test(NAME schema_validates_examples
  COMMAND ${PYTHON3} ${INPUTS_DIR}/validate_schema.py ${PROJECT_SOURCE_DIR}/docs/rescomp.schema.json
          --valid ${SCHEMA_EXAMPLES} ${INPUTS_DIR}/bibtex.yaml ${INPUTS_DIR}/positions.yaml
          --invalid ${INPUTS_DIR}/schema_bad.yaml)
