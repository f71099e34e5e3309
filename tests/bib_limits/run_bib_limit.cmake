# Generates one oversized or pathological .bib (nothing big is committed),
# a small CV that shows it, runs rescomp and checks the outcome: the exit
# code, the diagnostics and the PDF, never a timing (CTest's TIMEOUT turns a
# hang into a failure). docs/limits.md lists the limits.
#   -DEXE=rescomp -DCASE=name -DWORKDIR=dir -DEXIT=N
#   [-DSTDERR=regex] [-DNOT_STDERR=regex] [-DMAX_STDERR_LINES=n] [-DNO_ERRORS=1] [-DPDF=1]
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
set(bibfile ${WORKDIR}/${CASE}.bib)
set(keys "")

include(${CMAKE_CURRENT_LIST_DIR}/../cmake/numbered.cmake)

set(entry_end ", year = 2020}\n")
if(CASE STREQUAL "macro_chain_exponential")
  # Each macro twice the one before: s38 would be 1 TiB; by s17 they add 1 MiB.
  numbered(chain 39 "@string{s@N = s@P # s@P}\n")
  string(REPLACE "@string{s0 = s-1 # s-1}" "@string{s0 = \"aaaa\"}" bib "${chain}")
  string(APPEND bib "@article{k, title = s38${entry_end}")
elseif(CASE STREQUAL "macro_chain_linear")
  # Each macro the one before and 16 bytes: 1,000 lines (40 KB) would expand to 8 MB in all.
  numbered(chain 1000 "@string{s@N = s@P # \"aaaaaaaaaaaaaaaa\"}\n")
  string(REPLACE "@string{s0 = s-1 # " "@string{s0 = " bib "${chain}")
  string(APPEND bib "@article{k, title = s999${entry_end}")
elseif(CASE STREQUAL "macro_concatenation")
  # A 4 KiB macro used 300 times in one value.
  string(REPEAT "y" 4096 text)
  string(REPEAT " # k" 299 more)
  set(bib "@string{k = \"${text}\"}\n@article{a, title = {T},\n  note = k${more}${entry_end}")
elseif(CASE STREQUAL "literal_concatenation")
  # 1,100 literals of 1,000 bytes pasted with '#'.
  string(REPEAT "a" 1000 text)
  string(REPEAT " # \"${text}\"" 1099 more)
  set(bib "@article{a, title = \"${text}\"${more}${entry_end}")
elseif(CASE STREQUAL "field_2mib")
  string(REPEAT "word " 419431 text) # 2 MiB and a little
  set(bib "@article{a, title = {${text}}${entry_end}")
elseif(CASE STREQUAL "braces_deep")
  string(REPEAT "{" 100000 open)
  string(REPEAT "}" 100000 close)
  set(bib "@article{a, title = {${open}x${close}}${entry_end}")
elseif(CASE STREQUAL "emph_deep")
  string(REPEAT "\\emph{" 100000 open)
  string(REPEAT "}" 100000 close)
  set(bib "@article{a, title = {${open}x${close}}${entry_end}")
elseif(CASE STREQUAL "braces_64")
  # As deep as a value may nest, with \emph at every level.
  string(REPEAT "\\emph{" 63 open)
  string(REPEAT "}" 63 close)
  set(bib "@article{a, title = {${open}x${close}}${entry_end}")
elseif(CASE STREQUAL "fields_10000")
  numbered(fields 10000 "f@N = {x}, ")
  set(bib "@article{a, ${fields}title = {T}${entry_end}")
elseif(CASE STREQUAL "fields_64")
  numbered(fields 62 "f@N = {x}, ")
  set(bib "@article{a, ${fields}title = {T}${entry_end}")
elseif(CASE STREQUAL "strings_5001")
  numbered(bib 5001 "@string{macro@N = \"v@N\"}\n")
  string(APPEND bib "@article{a, title = macro0${entry_end}")
elseif(CASE STREQUAL "strings_5000")
  numbered(bib 5000 "@string{macro@N = \"v@N\"}\n")
  string(APPEND bib "@article{a, title = macro4999${entry_end}")
elseif(CASE STREQUAL "string_name_long")
  string(REPEAT "n" 100000 name)
  set(bib "@string{${name} = \"x\"}\n@article{a, title = ${name}${entry_end}")
elseif(CASE STREQUAL "undefined_macros")
  # 200,000 uses of an undefined macro: as many warnings from btparse.
  string(REPEAT " # u" 199999 uses)
  set(bib "@article{a, title = {T}, note = u${uses}${entry_end}")
elseif(CASE STREQUAL "name_marks")
  # 200,000 equal-contribution marks after one author, as words and as letters
  # (quadratic before: 100,000 took a minute under ASan, 200,000 pass the timeout).
  string(REPEAT " *" 200000 words)
  string(REPEAT "*" 200000 letters)
  set(bib "@article{a, title = {T}, author = {Ada Lovelace${words} and B. C${letters}}${entry_end}")
elseif(CASE STREQUAL "entries_20000")
  # A large bibliography (3.6 MB) from which the CV shows three entries.
  numbered(bib 20000 "@article{key@N, author = {Lovelace, Ada and Babbage, Charles},\n"
                     "  title = {On the Analytical Engine, part @N}, journal = jae,\n"
                     "  volume = 3, pages = {1--20}, month = oct, year = 1843}\n")
  set(bib "@string{jae = \"Journal of the Analytical Engine\"}\n${bib}")
  set(keys "\n        keys: [key0, key10000, key19999]")
else()
  message(FATAL_ERROR "unknown case '${CASE}'")
endif()
file(WRITE ${bibfile} "${bib}")
file(WRITE ${WORKDIR}/cv.yaml
     "cv:\n  name: Ada Lovelace\n  sections:\n    publications:\n      - bibtex: ${CASE}.bib${keys}\n")

execute_process(COMMAND ${EXE} cv.yaml -o out.pdf
  WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
include(${CMAKE_CURRENT_LIST_DIR}/../cmake/check_run.cmake)
file(REMOVE ${bibfile})
