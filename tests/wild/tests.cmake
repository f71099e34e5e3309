# Files as RenderCV users write them (issue 15, items 4 and 5), one class a
# file, each compiled by run_wild.cmake: exit 0, the warnings expected
# (WARN: regexes that must all match stderr; NO_WARNINGS: none at all),
# the strings expected in the PDF (pdftotext), and every word of the CV
# in the PDF (check_words --cv).
set(WILD_DIR ${CMAKE_CURRENT_LIST_DIR})
function(wild_test name)
  cmake_parse_arguments(W "NO_WARNINGS" "EXT" "WARN;TEXT;NOT_TEXT" ${ARGN})
  if(NOT W_EXT)
    set(W_EXT yaml)
  endif()
  add_test(NAME wild_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:rescomp>
            -DCHECK_WORDS=$<TARGET_FILE:check_words> -DINPUT=${WILD_DIR}/${name}.${W_EXT}
            -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/wild-work/${name} -DNO_WARNINGS=${W_NO_WARNINGS}
            "-DWARN=${W_WARN}" "-DTEXT=${W_TEXT}" "-DNOT_TEXT=${W_NOT_TEXT}"
            -P ${WILD_DIR}/run_wild.cmake)
  set_tests_properties(wild_${name} PROPERTIES LABELS wild)
endfunction()

# Greek, scripts, \mathbf and \mathbb (bold letters), operators, Typst's
# names; an unknown command prints as written, with a warning at its column.
wild_test(math
  WARN "math\\.yaml:9:20: warning: unknown math command '\\\\foo'"
  TEXT "α-helix" "R²" "O(n log n)" "α + β ≤ γ" "∑ₖ₌₁ⁿ aₖ" "x ∈ R¹⁰" "± 3 × 10⁻⁴" "\\foo{x}"
  NOT_TEXT "$$")
# '' where RenderCV takes a Python str: no error, no warning, no stray text.
wild_test(empty_strings NO_WARNINGS
  TEXT "Research Assistant" "Built the lab pipeline" "Acme Widgets" "Eve Empty"
       "A note that prints" "Kept bullet")
# Keys RenderCV 2.6 allowed in cv: moved where v2.8 keeps them (settings,
# design), the rest left out with a warning each; the text prints.
wild_test(cv_keys_2_6
  WARN "cv_keys_2_6\\.yaml:6:3: warning: this file is written for RenderCV 2\\.6 or earlier: 3 of its keys"
       "cv_keys_2_6\\.yaml:4:3: warning: key 'summary' in cv is no RenderCV field, so its text is left out"
       "cv_keys_2_6\\.yaml:5:3: warning: key 'address' in cv is no RenderCV field"
  TEXT "Last updated in May 2024" "Languages: Python and C")
# A JSON Resume as resume-cli builds it: an image that is not beside the
# file (resume-cli only links it) and dates out of order (its themes print
# them as given) are warnings, the text printed.
wild_test(jsonresume_as_built EXT json
  WARN "jsonresume_as_built\\.json:5:15: warning: basics\\.image 'prof_pic\\.jpg' is no file in the CV's folder"
       "jsonresume_as_built\\.json:8:75: warning: work\\[0\\]\\.startDate 1967 is after its endDate 1950, so both are shown as written"
  TEXT "Grace Hopper" "Rear Admiral" "United States Navy" "1967 – 1950")
# al-folio's sample resume.json, which thousands of personal sites carry
# rewritten: a project's summary, an education's highlights and an award's
# url are printed; its icons, keys of its own and sections of its own are
# not, with a warning each (once per key, however many entries hold it).
wild_test(jsonresume_alfolio EXT json
  WARN "jsonresume_alfolio\\.json:4:5: warning: 'languages' in basics is no JSON Resume field, so it is not printed"
       "jsonresume_alfolio\\.json:12:7: warning: 'icon' in education\\[0\\] is no JSON Resume field"
       "jsonresume_alfolio\\.json:23:25: warning: 'icon' in skills\\[0\\] \\(and in 1 more\\) is no JSON Resume field"
       "jsonresume_alfolio\\.json:26:3: warning: 'work experience' is no JSON Resume section, so it is not printed"
  TEXT "Thesis on quasicrystals" "Computes aperiodic tilings fast" "A viewer. Renders lattices in 3D"
       "Best Poster")
