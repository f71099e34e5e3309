# Limits on a .bib (docs/limits.md): each .bib is generated at test time by
# run_bib_limit.cmake and shown by a small CV; each case checks the
# outcome, a clear error at the .bib's line and column or a PDF, never a
# timing. The TIMEOUT makes a hang (or a quadratic blow-up) fail.
function(bib_limit_test name)
  add_test(NAME bib_limit_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp> -DCASE=${name}
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/bib-limits-work/${name} ${ARGN}
            -P ${CMAKE_CURRENT_LIST_DIR}/run_bib_limit.cmake)
  set_tests_properties(bib_limit_${name} PROPERTIES TIMEOUT 120 LABELS limits)
endfunction()

# Errors, each with its message and position.
bib_limit_test(macro_chain_exponential -DEXIT=1
  "-DSTDERR=macro_chain_exponential\\.bib:18:9: error: @string macros expand to more than 524288 bytes in all")
bib_limit_test(macro_chain_linear -DEXIT=1
  "-DSTDERR=macro_chain_linear\\.bib:257:9: error: @string macros expand to more than 524288 bytes in all \\(512 KiB, or the size of the file if larger\\); a CV needs far less, so this looks like a macro bomb")
bib_limit_test(macro_concatenation -DEXIT=1
  "-DSTDERR=macro_concatenation\\.bib:3:3: error: 'note' is longer than 1 MiB \\(1048576 bytes\\) once its @string macros are expanded")
bib_limit_test(literal_concatenation -DEXIT=1
  "-DSTDERR=literal_concatenation\\.bib:1:13: error: 'title' is longer than 1 MiB \\(1048576 bytes\\); a CV needs far less, so check that this is the right file")
bib_limit_test(field_2mib -DEXIT=1
  "-DSTDERR=field_2mib\\.bib:1:13: error: 'title' is longer than 1 MiB")
bib_limit_test(braces_deep -DEXIT=1
  "-DSTDERR=braces_deep\\.bib:1:13: error: braces nest deeper than 64 levels in 'title'; a BibTeX value needs far fewer, so check the braces")
bib_limit_test(emph_deep -DEXIT=1
  "-DSTDERR=emph_deep\\.bib:1:13: error: braces nest deeper than 64 levels in 'title'")
bib_limit_test(fields_10000 -DEXIT=1
  "-DSTDERR=fields_10000\\.bib:1:[0-9]+: error: more than 64 fields in one entry; a CV needs far fewer")
bib_limit_test(strings_5001 -DEXIT=1
  "-DSTDERR=strings_5001\\.bib:5001:9: error: more than 5000 @string definitions")
# The name is quoted as far as its first 40 characters, never whole.
bib_limit_test(string_name_long -DEXIT=1
  "-DSTDERR=string_name_long\\.bib:1:9: error: @string name 'n+'… is longer than 64 characters"
  "-DNOT_STDERR=nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn")

# Big but legitimate: a PDF.
bib_limit_test(braces_64 -DEXIT=0 -DPDF=1 -DNO_ERRORS=1)
bib_limit_test(fields_64 -DEXIT=0 -DPDF=1 -DNO_ERRORS=1)
bib_limit_test(strings_5000 -DEXIT=0 -DPDF=1 -DNO_ERRORS=1)
bib_limit_test(entries_20000 -DEXIT=0 -DPDF=1 -DNO_ERRORS=1)
bib_limit_test(name_marks -DEXIT=0 -DPDF=1 -DNO_ERRORS=1)
# 200,000 warnings from btparse: the first hundred, then their count.
bib_limit_test(undefined_macros -DEXIT=0 -DPDF=1 -DNO_ERRORS=1
  "-DSTDERR=undefined_macros\\.bib: warning: 199900 more BibTeX warnings in 'undefined_macros\\.bib' are not shown"
  -DMAX_STDERR_LINES=102)
