# numbered(VAR N TEMPLATE...), for the limit tests' generated inputs: N
# copies of a template joined, each with '@N' replaced by its number
# (0 .. N-1) and '@P' by the number before, in blocks of 100 (appending to
# one long string is quadratic in CMake).
function(numbered var n)
  string(CONCAT template ${ARGN})
  math(EXPR nblocks "(${n} + 99) / 100")
  set(all "")
  foreach(b RANGE 1 ${nblocks})
    set(block "")
    foreach(k RANGE 0 99)
      math(EXPR i "(${b} - 1) * 100 + ${k}")
      if(i LESS n)
        math(EXPR prev "${i} - 1")
        string(REPLACE "@P" "${prev}" one "${template}")
        string(REPLACE "@N" "${i}" one "${one}")
        string(APPEND block "${one}")
      endif()
    endforeach()
    string(APPEND all "${block}")
  endforeach()
  set(${var} "${all}" PARENT_SCOPE)
endfunction()
