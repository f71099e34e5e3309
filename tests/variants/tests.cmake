# One source, many tailored CVs: tags, variants, overlays, --set, parallel
# --all-variants, --check, --list-variants, --depfile and --watch. The
# error cases with file:line:column messages are in tests/errors/variant_*.
# Tag filtering is asserted on --trace, which lists every text run.
set(VAR_SRC ${CMAKE_CURRENT_LIST_DIR})
set(VAR_WORK ${CMAKE_CURRENT_BINARY_DIR}/variants-work)

function(variant_test name)
  add_test(NAME variants_${name} COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
           -DWORKDIR=${VAR_WORK}/${name} -DSRC=${VAR_SRC} ${ARGN}
           -P ${VAR_SRC}/run.cmake)
  set_tests_properties(variants_${name} PROPERTIES LABELS variants)
endfunction()

# ---- tags ------------------------------------------------------------------
# No variant: everything, tagged or not.
variant_test(no_variant_keeps_all -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--trace" -DEXIT=0
  "-DHAS=\"PlainHighlight\"|\"PyHighlight\"|\"TeachHighlight\"|\"PythonCo\"|\"RustCo\"|\"RustCoHighlight\"|\"TeachTalk\"|\"Talks\"|\"Base Headline\"")
# include_tags: tagged entries and highlights stay only with a shared tag;
# untagged ones always; a section left empty goes.
variant_test(include_tags -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--variant\;py\;--trace" -DEXIT=0
  "-DHAS=\"UntaggedCo\"|\"PlainHighlight\"|\"PyHighlight\"|\"PythonCo\"|\"PythonCoHighlight\"|\"EduUni\""
  "-DLACKS=TeachHighlight|RustCo|TeachTalk|\"Talks\"")
# exclude_tags (one text is a list of one): a dropped entry takes its highlights with it.
variant_test(exclude_tags -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--variant\;norust\;--trace" -DEXIT=0
  "-DHAS=\"PlainHighlight\"|\"PyHighlight\"|\"TeachHighlight\"|\"PythonCo\"|\"TeachTalk\""
  "-DLACKS=RustCo")
# Exclusion wins over inclusion.
variant_test(exclude_wins -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--variant\;pynoteach\;--trace" -DEXIT=0
  "-DHAS=\"PlainHighlight\"|\"PyHighlight\"|\"PythonCoHighlight\""
  "-DLACKS=TeachHighlight|TeachTalk|RustCo")

# ---- sections, overrides ---------------------------------------------------------
variant_test(section_order -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--variant\;ordered\;--trace" -DEXIT=0
  "-DORDER=\"Test Person\"|\"Education\"|\"EduUni\"|\"Experience\"|\"UntaggedCo\""
  "-DLACKS=\"Talks\"|TeachTalk")
variant_test(section_order_base -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--trace" -DEXIT=0
  "-DORDER=\"Experience\"|\"Education\"|\"Talks\"")
# set (dotted paths, an index), design merged over design (paper), locale over locale.
variant_test(overrides -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--variant\;over\;--trace" -DEXIT=0
  "-DSTDOUT=^body-font \"Rescomp Humanist\"\npage 1 612\\.000x792\\.000\n"
  "-DHAS=\"Variant Headline\"|\", Boss\"|– nowadays\"" "-DLACKS=Base Headline|present")
variant_test(set_option -DCOPY=tagged.yaml
  "-DARGS=tagged.yaml\;--set\;design.page.size=a5\;--set\;cv.headline=One\;--set=cv.headline=Two\;--trace"
  -DEXIT=0 "-DSTDOUT=^body-font \"Rescomp Humanist\"\npage 1 419\\.528x595\\.276\n" "-DHAS=\"Two\"" "-DLACKS=\"One\"|Base Headline")
variant_test(set_quoted_key -DCOPY=tagged.yaml
  "-DARGS=tagged.yaml\;--set\;cv[\"sections\"].education[0].institution=Quoted Uni\;--trace"
  -DEXIT=0 "-DHAS=\"Quoted Uni\"")

# ---- overlays: later files win; then --set; then the variant ------------------------
variant_test(overlay_order -DCOPY=tagged.yaml|overlay_a.yaml|overlay_b.yaml
  "-DARGS=tagged.yaml\;overlay_a.yaml\;overlay_b.yaml\;--trace" -DEXIT=0
  "-DHAS=\"Headline From B\"|Location From A" "-DLACKS=Headline From A|Base Headline")
variant_test(overlay_order_reversed -DCOPY=tagged.yaml|overlay_a.yaml|overlay_b.yaml
  "-DARGS=tagged.yaml\;overlay_b.yaml\;overlay_a.yaml\;--trace" -DEXIT=0
  "-DHAS=\"Headline From A\"|Location From A" "-DLACKS=Headline From B")
variant_test(overlay_then_set -DCOPY=tagged.yaml|overlay_a.yaml
  "-DARGS=tagged.yaml\;overlay_a.yaml\;--set\;cv.headline=From Set\;--trace" -DEXIT=0
  "-DHAS=\"From Set\"|Location From A" "-DLACKS=Headline From A")
variant_test(set_then_variant -DCOPY=tagged.yaml|overlay_a.yaml
  "-DARGS=tagged.yaml\;overlay_a.yaml\;--set\;cv.headline=From Set\;--variant\;over\;--trace"
  -DEXIT=0 "-DHAS=\"Variant Headline\"|Location From A" "-DLACKS=From Set")
# An overlay may add variants; --list-variants lists them in order.
variant_test(list_variants -DCOPY=tagged.yaml|overlay_b.yaml
  "-DARGS=tagged.yaml\;overlay_b.yaml\;--list-variants" -DEXIT=0
  "-DSTDOUT=^py\nnorust\npynoteach\nordered\nover\nextra\n$" -DFILES=tagged.yaml|overlay_b.yaml)
variant_test(overlay_variant -DCOPY=tagged.yaml|overlay_b.yaml
  "-DARGS=tagged.yaml\;overlay_b.yaml\;--variant\;extra\;--trace" -DEXIT=0
  "-DHAS=\"RustCoHighlight\"" "-DLACKS=PythonCo|PyHighlight")
variant_test(overlay_not_a_mapping -DCOPY=tagged.yaml|overlay_list.yaml
  "-DARGS=tagged.yaml\;overlay_list.yaml" -DEXIT=1
  "-DSTDERR=overlay_list\\.yaml:1:1: error: an overlay file must be a mapping")
variant_test(overlay_error_position -DCOPY=tagged.yaml|overlay_a.yaml
  "-DARGS=tagged.yaml\;overlay_a.yaml\;--set\;cv.location.x=1" -DEXIT=1
  "-DSTDERR=<command line>:1:13: error: cv\\.location is text, not a mapping")

# ---- outputs ------------------------------------------------------------------------
variant_test(variant_default_output -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--variant\;py" -DEXIT=0
  -DFILES=tagged.yaml|tagged-py.pdf)
variant_test(all_variants_files -DCOPY=tagged.yaml|overlay_b.yaml
  "-DARGS=tagged.yaml\;overlay_b.yaml\;--all-variants\;-o\;out/pdf" -DEXIT=0 "-DSTDERR=^$"
  -DFILES=tagged.yaml|overlay_b.yaml|out/pdf/tagged-py.pdf|out/pdf/tagged-norust.pdf|out/pdf/tagged-pynoteach.pdf|out/pdf/tagged-ordered.pdf|out/pdf/tagged-over.pdf|out/pdf/tagged-extra.pdf)
variant_test(all_variants_beside_input -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--all-variants\;-j\;3" -DEXIT=0
  -DFILES=tagged.yaml|tagged-py.pdf|tagged-norust.pdf|tagged-pynoteach.pdf|tagged-ordered.pdf|tagged-over.pdf)
variant_test(check_writes_nothing -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--check" -DEXIT=0
  "-DSTDERR=^$" -DFILES=tagged.yaml)
variant_test(check_all_variants -DCOPY=isolated.yaml "-DARGS=isolated.yaml\;--check" -DEXIT=1
  "-DSTDERR=^rescomp: in variant 'broken':\nisolated\\.yaml:17:20: error: variant 'broken': no entry or highlight has the tag 'no_such_tag'.*\nrescomp: error: variant 'broken' failed\n$"
  -DFILES=isolated.yaml)
variant_test(check_one_variant -DCOPY=isolated.yaml "-DARGS=isolated.yaml\;--check\;--variant\;alpha" -DEXIT=0
  -DFILES=isolated.yaml)
variant_test(quiet -DCOPY=warnings.yaml|me.jpg "-DARGS=warnings.yaml\;--variant\;v1\;-q\;-o\;v1.pdf" -DEXIT=0
  "-DSTDERR=^$" -DFILES=me.jpg|warnings.yaml|v1.pdf)
variant_test(strict_variant -DCOPY=warnings.yaml|me.jpg "-DARGS=warnings.yaml\;--variant\;v1\;--strict\;-o\;v1.pdf" -DEXIT=1
  "-DSTDERR=warnings\\.yaml:13:33: warning: unknown key 'positon'" -DFILES=me.jpg|warnings.yaml)
variant_test(depfile -DCOPY=tagged.yaml|overlay_a.yaml
  "-DARGS=tagged.yaml\;overlay_a.yaml\;--variant\;py\;-o\;cv.pdf\;--depfile\;cv.d" -DEXIT=0
  -DFILE=cv.d
  "-DFILE_MATCHES=^cv\\.pdf: \\\\\n  tagged\\.yaml \\\\\n  overlay_a\\.yaml \\\\\n  [^\n]*/rescomp-humanist-regular\\.otf \\\\\n.*\n\noverlay_a\\.yaml:\n\n[^\n]*/rescomp-humanist-regular\\.otf:\n")
variant_test(depfile_all_variants_photo -DCOPY=warnings.yaml|me.jpg
  "-DARGS=warnings.yaml\;--all-variants\;-o\;out\;--depfile\;out/cv.d" -DEXIT=0
  -DFILE=out/cv.d
  "-DFILE_MATCHES=^out/warnings-v1\\.pdf \\\\\n out/warnings-v2\\.pdf \\\\\n out/warnings-v3\\.pdf \\\\\n out/warnings-v4\\.pdf: \\\\\n  warnings\\.yaml \\\\\n.*  me\\.jpg\n\n.*\nme\\.jpg:\n$")

# ---- parallel variants: isolation and determinism ----------------------------------------
add_library(crash_preload MODULE ${VAR_SRC}/crash_preload.c)
target_link_libraries(crash_preload PRIVATE ${CMAKE_DL_LIBS})
foreach(case isolated warnings examples applications png_photo crash)
  set(extra "")
  if(case STREQUAL isolated)
    set(input ${VAR_SRC}/isolated.yaml)
    set(extra -DVARIANTS=alpha|gamma -DEXIT=1
        "-DSTDERR=^rescomp: in variant 'broken':\n[^\n]*isolated\\.yaml:17:20: error: variant 'broken': no entry or highlight has the tag 'no_such_tag'[^\n]*\nrescomp: error: variant 'broken' failed; its PDF was not written\n$")
  elseif(case STREQUAL warnings)
    set(input ${VAR_SRC}/warnings.yaml)
    set(extra -DVARIANTS=v1|v2|v3|v4
        "-DSTDERR=^rescomp: in variant 'v1':\n[^\n]*'positon'[^\n]*\nrescomp: in variant 'v2':\n[^\n]*'compny'[^\n]*\nrescomp: in variant 'v3':\n[^\n]*'locaton'[^\n]*\nrescomp: in variant 'v4':\n[^\n]*'summry'[^\n]*\n$")
  elseif(case STREQUAL applications)
    # letters with a PNG signature, decoded once for the run (image.h)
    set(input ${PROJECT_SOURCE_DIR}/examples/applications.yaml)
    set(extra -DVARIANTS=acme|globex -DLETTERS=acme|globex "-DSTDERR=^$")
  elseif(case STREQUAL png_photo)
    set(input ${VAR_SRC}/png_photo.yaml)
    set(extra -DVARIANTS=classic|sb2nov|moderncv "-DSTDERR=^$")
  elseif(case STREQUAL crash)
    set(input ${VAR_SRC}/crash.yaml)
    set(extra -DVARIANTS=a|b|d -DEXIT=5 -DPRELOAD=$<TARGET_FILE:crash_preload>
        "-DSTDERR=^rescomp: error: a variant crashed \\(signal 6\\); this is a bug, please report it\nrescomp: error: variant 'c' failed; its PDF was not written\n$")
  else()
    set(input ${PROJECT_SOURCE_DIR}/examples/variants.yaml)
    set(extra -DVARIANTS=industry|academic|acme "-DSTDERR=^$")
  endif()
  add_test(NAME variants_same_output_${case}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DWORKDIR=${VAR_WORK}/same_${case}
            -DINPUT=${input} ${extra} -P ${VAR_SRC}/same_output.cmake)
  set_tests_properties(variants_same_output_${case} PROPERTIES LABELS variants)
endforeach()

# The example renders with no warning in every variant.
foreach(v industry academic acme)
  variant_test(example_${v} "-DARGS=${PROJECT_SOURCE_DIR}/examples/variants.yaml\;--variant\;${v}\;--strict\;-o\;cv.pdf"
    -DEXIT=0 "-DSTDERR=^$" -DFILES=cv.pdf)
endforeach()
variant_test(example_base "-DARGS=${PROJECT_SOURCE_DIR}/examples/variants.yaml\;--strict\;--check" -DEXIT=0 "-DSTDERR=^$")

# ---- command line --------------------------------------------------------------------------
variant_test(jobs_zero -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--all-variants\;-j\;0" -DEXIT=2
  "-DSTDERR=-j needs a number of jobs from 1 to 1024, not '0'" -DFILES=tagged.yaml)
variant_test(variant_and_all -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--all-variants\;--variant\;py" -DEXIT=2
  "-DSTDERR=cannot be combined" -DFILES=tagged.yaml)
variant_test(trace_and_all -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--all-variants\;--trace" -DEXIT=2
  "-DSTDERR=--trace shows one CV" -DFILES=tagged.yaml)
variant_test(set_needs_value -DCOPY=tagged.yaml "-DARGS=tagged.yaml\;--set" -DEXIT=2
  "-DSTDERR=option '--set' needs a value" -DFILES=tagged.yaml)

# ---- --watch, bounded (RESCOMP_WATCH_LIMIT) --------------------------------------------------
add_test(NAME variants_watch
  COMMAND sh ${VAR_SRC}/watch.sh $<TARGET_FILE:rescomp> ${VAR_WORK}/watch ${VAR_SRC}/tagged.yaml)
set_tests_properties(variants_watch PROPERTIES LABELS variants TIMEOUT 60)

# ---- examples/ci and the man page -------------------------------------------------------------
add_test(NAME variants_ci_example
  COMMAND sh ${VAR_SRC}/ci_example.sh $<TARGET_FILE:rescomp> ${VAR_WORK}/ci ${PROJECT_SOURCE_DIR})
set_tests_properties(variants_ci_example PROPERTIES LABELS variants TIMEOUT 120)
add_test(NAME variants_man_page_in_sync
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DMAN=${PROJECT_SOURCE_DIR}/docs/rescomp.1
          -P ${VAR_SRC}/man_sync.cmake)
set_tests_properties(variants_man_page_in_sync PROPERTIES LABELS variants)

# The PDFs themselves: what a variant drops is not in its text layer.
find_program(VAR_PDFTOTEXT pdftotext)
if(VAR_PDFTOTEXT)
  add_test(NAME variants_pdf_text
    COMMAND sh -c "set -e; rm -rf \"$1\"; mkdir -p \"$1\"; \"$2\" \"$3\" --all-variants -o \"$1\" -j 2; \
has() { grep -q \"$2\" \"$1\" || { echo \"$1 lacks '$2'\"; exit 1; }; }; \
lacks() { if grep -q \"$2\" \"$1\"; then echo \"$1 has '$2'\"; exit 1; fi; }; \
pdftotext \"$1/variants-acme.pdf\" \"$1/acme.txt\"; pdftotext \"$1/variants-academic.pdf\" \"$1/academic.txt\"; \
has \"$1/acme.txt\" 'ACME partnership'; lacks \"$1/acme.txt\" 'Research Associate'; \
has \"$1/academic.txt\" 'Research Associate'; lacks \"$1/academic.txt\" 'ACME partnership'; \
lacks \"$1/academic.txt\" 'Northwind'"
            sh ${VAR_WORK}/pdf_text $<TARGET_FILE:rescomp> ${PROJECT_SOURCE_DIR}/examples/variants.yaml)
  set_tests_properties(variants_pdf_text PROPERTIES LABELS variants)
endif()
