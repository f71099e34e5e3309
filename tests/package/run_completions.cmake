# The completions name every long option of --help, and no other; bash's
# completes an option and the themes of 'rescomp new --theme'.
#   -DEXE -DSOURCE
cmake_policy(SET CMP0057 NEW) # IN_LIST
execute_process(COMMAND ${EXE} --help OUTPUT_VARIABLE help)
string(REGEX MATCHALL "--[a-z][a-z-]*" options "${help}")
list(REMOVE_DUPLICATES options)
list(REMOVE_ITEM options --theme --format) # of 'rescomp new' (also --format)
list(APPEND options --format)
foreach(file completions/rescomp.bash completions/_rescomp)
  file(READ ${SOURCE}/${file} text)
  foreach(option ${options})
    string(FIND "${text}" "${option}" at)
    if(at LESS 0)
      message(FATAL_ERROR "${file} does not complete ${option}")
    endif()
  endforeach()
  string(REGEX MATCHALL "--[a-z][a-z-]*" listed "${text}")
  list(REMOVE_DUPLICATES listed)
  foreach(option ${listed})
    if(NOT option IN_LIST options AND NOT option STREQUAL "--theme")
      message(FATAL_ERROR "${file} completes ${option}, which --help does not list")
    endif()
  endforeach()
endforeach()
get_filename_component(bindir ${EXE} DIRECTORY)
execute_process(COMMAND ${CMAKE_COMMAND} -E env "PATH=${bindir}:$ENV{PATH}" bash -c "source '${SOURCE}/completions/rescomp.bash'
  COMP_WORDS=(rescomp --sch); COMP_CWORD=1; _rescomp; echo \"\${COMPREPLY[*]}\"
  COMP_WORDS=(rescomp new Ann --theme cl); COMP_CWORD=4; _rescomp; echo \"\${COMPREPLY[*]}\""
  OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "--schema\nclassic\n")
  message(FATAL_ERROR "bash completion gave (${rc}):\n${out}")
endif()
