# rescomp new with a name that needs escaping, in a fresh folder; the file
# compiles with --strict, and the PDF shows the name and a word of every
# entry type the starter has.
#   -DEXE -DWORKDIR [-DTHEME] [-DFORMAT=json]
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
# quotes, a backslash and letters beyond ASCII: the file must stay valid
set(name "Zoë \"Zed\" O'Brien-Ng\\Test")
set(file "Zoë_\"Zed\"_O'Brien-Ng_Test_CV.yaml")
string(REPLACE "\"" "_" file "${file}")
set(args)
if(THEME)
  list(APPEND args --theme ${THEME})
endif()
if(FORMAT)
  list(APPEND args --format ${FORMAT})
  string(REPLACE ".yaml" ".${FORMAT}" file "${file}")
endif()
execute_process(COMMAND ${EXE} new "${name}" ${args} WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS "${WORKDIR}/${file}")
  file(GLOB made RELATIVE ${WORKDIR} ${WORKDIR}/*)
  message(FATAL_ERROR "rescomp new failed (${rc}) or did not write '${file}' (wrote: ${made}):\n${err}")
endif()
execute_process(COMMAND ${EXE} "${file}" --strict -o cv.pdf WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the starter does not compile with --strict (${rc}):\n${err}")
endif()
execute_process(COMMAND pdftotext ${WORKDIR}/cv.pdf - OUTPUT_VARIABLE text)
string(REGEX REPLACE "[ \n]+" " " text "${text}")
# the name, and a phrase of each entry type (text, experience, education,
# normal, publication, one-line, bullet, numbered, reversed numbered); the
# name's quotes are set as typographic ones (markup.h, smart quotes)
set(expect "Zoë “Zed” O’Brien-Ng\\Test" "Example Company" "Example University" "A project"
           "A Paper You Wrote" "Languages" "Best Paper Award" "A Certification")
if(NOT FORMAT)
  list(APPEND expect "Two or three sentences" "A Method for Something")
endif()
foreach(phrase ${expect})
  string(FIND "${text}" "${phrase}" at)
  if(at LESS 0)
    message(FATAL_ERROR "'${phrase}' is not in the PDF:\n${text}")
  endif()
endforeach()
if(THEME)
  file(READ "${WORKDIR}/${file}" yaml)
  if(NOT yaml MATCHES "\n  theme: ${THEME}\n")
    message(FATAL_ERROR "the starter does not name the theme ${THEME}")
  endif()
endif()
