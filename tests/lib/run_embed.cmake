# The library installed into a prefix of its own, examples/embed built
# against it with pkg-config as any program would be, and run: a CV on
# stdin, its PDF on stdout, checked with poppler.
#   -DBUILD (the build tree) -DSOURCE (the source tree) -DWORKDIR [-DCFLAGS]
set(prefix ${WORKDIR}/prefix)
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${prefix}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${err}")
endif()
file(GLOB pc ${prefix}/lib*/pkgconfig/rescomp.pc ${prefix}/lib/*/pkgconfig/rescomp.pc)
file(GLOB header ${prefix}/include/rescomp/rescomp.h)
file(GLOB shared ${prefix}/lib*/librescomp.so.? ${prefix}/lib/*/librescomp.so.?)
file(GLOB static ${prefix}/lib*/librescomp.a ${prefix}/lib/*/librescomp.a)
if(NOT pc OR NOT header OR NOT shared OR NOT static)
  message(FATAL_ERROR "the install lacks rescomp.pc, rescomp/rescomp.h, librescomp.so.N or "
          "librescomp.a: '${pc}' '${header}' '${shared}' '${static}'")
endif()
get_filename_component(pcdir ${pc} DIRECTORY)
get_filename_component(libdir ${shared} DIRECTORY)

# Built as the README says: cc embed.c $(pkg-config --cflags --libs rescomp)
set(ENV{PKG_CONFIG_PATH} ${pcdir})
execute_process(COMMAND pkg-config --cflags --libs rescomp OUTPUT_VARIABLE flags
                OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT flags MATCHES "-I${prefix}/[^ ]*include" OR NOT flags MATCHES "-lrescomp")
  message(FATAL_ERROR "pkg-config does not find the installed rescomp (${rc}): ${flags}")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
execute_process(COMMAND cc -std=c11 -Wall -Werror ${CFLAGS} -o ${WORKDIR}/embed
                        ${SOURCE}/examples/embed/embed.c ${flags}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "examples/embed does not build against the installed library:\n${err}")
endif()
execute_process(COMMAND readelf -d ${WORKDIR}/embed OUTPUT_VARIABLE dyn)
if(NOT dyn MATCHES "librescomp\\.so\\.[0-9]")
  message(FATAL_ERROR "embed is not linked with librescomp.so:\n${dyn}")
endif()

# Run from elsewhere: the installed library finds its fonts from where it lies.
set(ENV{LD_LIBRARY_PATH} ${libdir})
set(ENV{RESCOMP_FONT_DIR} "")
set(ENV{RESCOMP_PHONE_MODULE} "")
function(embed name cv base)
  execute_process(COMMAND ${WORKDIR}/embed ${base} INPUT_FILE ${cv}
                  OUTPUT_FILE ${WORKDIR}/${name}.pdf ERROR_VARIABLE err RESULT_VARIABLE rc
                  WORKING_DIRECTORY ${WORKDIR})
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "embed failed on ${cv} (${rc}):\n${err}")
  endif()
  execute_process(COMMAND pdfinfo ${WORKDIR}/${name}.pdf OUTPUT_VARIABLE info RESULT_VARIABLE rc)
  execute_process(COMMAND pdftotext ${WORKDIR}/${name}.pdf - OUTPUT_VARIABLE text)
  set(info "${info}" PARENT_SCOPE)
  set(text "${text}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

embed(academic ${SOURCE}/examples/academic.yaml ${SOURCE}/examples)
if(NOT info MATCHES "Pages: +[2-4]\n" OR NOT info MATCHES "Tagged: +yes")
  message(FATAL_ERROR "the flagship's PDF is not 2 to 4 tagged pages:\n${info}")
endif()
foreach(word "Wei Xiong" "Research Interests" "Education" "Selected Awards" "(α, β)")
  if(NOT text MATCHES "${word}")
    message(FATAL_ERROR "'${word}' is not in the flagship's PDF:\n${text}")
  endif()
endforeach()
# the same bytes as the program writes
execute_process(COMMAND ${prefix}/bin/rescomp ${SOURCE}/examples/academic.yaml
                        -o ${WORKDIR}/academic-cli.pdf RESULT_VARIABLE rc)
file(SHA256 ${WORKDIR}/academic.pdf lib_sum)
file(SHA256 ${WORKDIR}/academic-cli.pdf cli_sum)
if(NOT rc EQUAL 0 OR NOT lib_sum STREQUAL cli_sum)
  message(FATAL_ERROR "the library's PDF is not the program's (${rc})")
endif()

# The base folder: a photo named relative to the CV's folder is found from
# it, and without it (the current folder) the CV's file is missing.
embed(photo ${SOURCE}/tests/golden/photo.yaml ${SOURCE}/tests/golden)
execute_process(COMMAND pdfimages -list ${WORKDIR}/photo.pdf OUTPUT_VARIABLE images)
if(NOT images MATCHES "\n +1 +[0-9]+ +image")
  message(FATAL_ERROR "the photo is not in the PDF:\n${images}")
endif()
execute_process(COMMAND ${WORKDIR}/embed INPUT_FILE ${SOURCE}/tests/golden/photo.yaml
                OUTPUT_VARIABLE ignored ERROR_VARIABLE err RESULT_VARIABLE rc
                WORKING_DIRECTORY ${WORKDIR})
if(NOT rc EQUAL 1 OR NOT err MATCHES "cv\\.yaml:[0-9]+:[0-9]+: error: .*photo\\.png")
  message(FATAL_ERROR "a photo missing from the base folder: exit ${rc}, not 1 with its "
          "position:\n${err}")
endif()
