# Generates one oversized or pathological input (nothing big is committed),
# runs rescomp on it and checks the outcome: never a timing, only the exit
# code, the diagnostics and the PDF. CTest's TIMEOUT turns a hang into a
# failure. docs/limits.md lists every limit these cases exercise.
#   -DEXE=rescomp -DCASE=name -DWORKDIR=dir -DEXIT=N
#   [-DSTDERR=regex] [-DNO_ERRORS=1] [-DPDF=1]
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
set(input ${WORKDIR}/${CASE}.yaml)
set(head "cv:\n  name: Jane Doe\n")

# A section of text entries, one per argument; each is written as a YAML
# double-quoted string (none of the generated texts holds '"' or '\').
function(text_section var)
  set(s "${head}  sections:\n    summary:\n")
  foreach(t ${ARGN})
    string(APPEND s "      - \"${t}\"\n")
  endforeach()
  set(${var} "${s}" PARENT_SCOPE)
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/../cmake/numbered.cmake)

if(CASE STREQUAL "alias_bomb")
  # Billion laughs: nine lines that expand to 10^9 values.
  set(yaml "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
  foreach(i RANGE 1 8)
    math(EXPR prev "${i} - 1")
    string(REPEAT "*a${prev}, " 9 nine)
    string(APPEND yaml "a${i}: &a${i} [${nine}*a${prev}]\n")
  endforeach()
  string(APPEND yaml "${head}")
elseif(CASE STREQUAL "too_many_aliases")
  string(REPEAT ", *a" 10000 refs)
  set(yaml "${head}  headline: &a Engineer\n  email: [*a${refs}]\n")
elseif(CASE STREQUAL "too_many_anchors")
  # 10,001 distinct anchors (libyaml rejects a repeated one).
  numbered(items 10001 "&a@N x, ")
  set(yaml "${head}  email: [${items}]\n")
elseif(CASE STREQUAL "nesting_65")
  string(REPEAT "[" 65 open)
  string(REPEAT "]" 65 close)
  set(yaml "${head}  headline: ${open}${close}\n")
elseif(CASE STREQUAL "nesting_million")
  # A million open brackets (2 MB): libyaml alone is quadratic in this depth.
  string(REPEAT "[" 1000000 open)
  string(REPEAT "]" 1000000 close)
  set(yaml "${head}  headline: ${open}${close}\n")
elseif(CASE STREQUAL "nesting_block")
  # 100 levels of block lists, each indented one more space.
  set(yaml "${head}  email:\n")
  foreach(i RANGE 1 100)
    string(REPEAT " " ${i} indent)
    string(APPEND yaml "${indent} -\n")
  endforeach()
elseif(CASE STREQUAL "input_17mib")
  # 17 MiB: a valid CV padded with comment lines of 64 bytes.
  string(REPEAT "x" 61 pad)
  string(REPEAT "# ${pad}\n" 278528 lines) # 278528 * 64 = 17 MiB
  set(yaml "${head}${lines}")
elseif(CASE STREQUAL "values_million")
  # 1.2 million one-letter values in a list (2.4 MB).
  string(REPEAT "a," 1200000 items)
  set(yaml "${head}  email: [${items}a]\n")
elseif(CASE STREQUAL "entries_10000")
  numbered(entries 10000 "      - company: Company @N\n        position: Engineer\n"
                        "        start_date: 2020-01\n        end_date: 2021-02\n"
                        "        highlights:\n          - Shipped release @N on time\n")
  set(yaml "${head}  sections:\n    experience:\n${entries}")
elseif(CASE STREQUAL "long_word")
  string(REPEAT "a" 5000 word)
  text_section(yaml "Before ${word} after")
elseif(CASE STREQUAL "long_word_wide")
  # The widest letter: 5,000 of them are 41,650pt, past the 32,767pt that
  # a length in scaled points can hold.
  string(REPEAT "m" 5000 word)
  text_section(yaml "Before ${word} after")
elseif(CASE STREQUAL "nested_markup")
  # 10,000 nested emphasis delimiters, alternating ** and * around words;
  # a run of 10,000 stars on each side; 10,000 nested links; and 10,000
  # unmatched openers of every kind.
  string(REPEAT "**a *b " 5000 open)
  string(REPEAT "* c** c" 5000 close)
  string(REPEAT "*" 10000 stars)
  string(REPEAT "[" 10000 brackets)
  string(REPEAT "](https://a.example)" 10000 links)
  string(REPEAT "[*` (" 10000 unmatched)
  text_section(yaml "${open}x${close}" "${stars}x${stars}" "${brackets}x${links}" "${unmatched}")
elseif(CASE STREQUAL "words_100000")
  string(REPEAT "Typesetting long paragraphs tests the line breaker, hyphenation and pages. "
         10000 words) # 10 words each
  text_section(yaml "${words}")
else()
  message(FATAL_ERROR "unknown case '${CASE}'")
endif()
file(WRITE ${input} "${yaml}")

execute_process(COMMAND ${EXE} ${CASE}.yaml -o out.pdf
  WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
include(${CMAKE_CURRENT_LIST_DIR}/../cmake/check_run.cmake)
# The inputs are large: keep the work folder small once the case passed.
file(REMOVE ${input})
