# Limits (docs/limits.md): each input is generated at test time by
# run_limit.cmake, and each case checks the outcome, a clear error or a
# PDF, never a timing. The generous TIMEOUT makes a hang (or a quadratic
# blow-up) fail.
function(limit_test name)
  add_test(NAME limit_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DCASE=${name}
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/limits-work/${name} ${ARGN}
            -P ${CMAKE_CURRENT_LIST_DIR}/run_limit.cmake)
  set_tests_properties(limit_${name} PROPERTIES TIMEOUT 120 LABELS limits)
endfunction()

# Errors, each with its message.
limit_test(alias_bomb -DEXIT=1
  "-DSTDERR=alias_bomb\\.yaml: error: aliases expand the document to more than 1000000 values")
limit_test(too_many_aliases -DEXIT=1
  "-DSTDERR=too_many_aliases\\.yaml: error: more than 10000 alias references")
limit_test(too_many_anchors -DEXIT=1
  "-DSTDERR=too_many_anchors\\.yaml:3:[0-9]+: error: more than 10000 anchors")
limit_test(nesting_65 -DEXIT=1
  "-DSTDERR=nesting_65\\.yaml:3:[0-9]+: error: nesting deeper than 64 levels")
limit_test(nesting_million -DEXIT=1
  "-DSTDERR=nesting_million\\.yaml:3:[0-9]+: error: nesting deeper than 64 levels")
limit_test(nesting_block -DEXIT=1
  "-DSTDERR=nesting_block\\.yaml:[0-9]+:[0-9]+: error: nesting deeper than 64 levels")
limit_test(input_17mib -DEXIT=1
  "-DSTDERR=input_17mib\\.yaml: error: 'input_17mib\\.yaml' is larger than 16 MiB")
limit_test(values_million -DEXIT=1
  "-DSTDERR=values_million\\.yaml:3:[0-9]+: error: more than 1000000 values")

# Big but legitimate: a PDF.
limit_test(entries_10000 -DEXIT=0 -DPDF=1 -DNO_ERRORS=1)
# A word of 5,000 letters is wider than any line: it breaks, as a last
# resort anywhere (with hyphens), and nothing runs into the margin.
limit_test(long_word -DEXIT=0 -DPDF=1 -DNO_ERRORS=1 "-DSTDERR=^$")
limit_test(long_word_wide -DEXIT=0 -DPDF=1 -DNO_ERRORS=1 "-DSTDERR=^$")
limit_test(nested_markup -DEXIT=0 -DPDF=1 -DNO_ERRORS=1)
limit_test(words_100000 -DEXIT=0 -DPDF=1 -DNO_ERRORS=1)
