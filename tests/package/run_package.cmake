# cpack -G DEB, then: the package's dependencies (dpkg-shlibdeps' and the
# libraries loaded at run time), its files, and its binary run from where
# the package is merely extracted, with its own fonts.
#   -DCPACK -DCONFIG (CPackConfig.cmake) -DWORKDIR
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
execute_process(COMMAND ${CPACK} -G DEB --config ${CONFIG} -B ${WORKDIR}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(GLOB debs ${WORKDIR}/rescomp_*.deb)
list(LENGTH debs ndebs)
if(NOT rc EQUAL 0 OR NOT ndebs EQUAL 1)
  message(FATAL_ERROR "cpack failed (${rc}) or made ${ndebs} packages:\n${out}${err}")
endif()
execute_process(COMMAND dpkg-deb -f ${debs} Depends OUTPUT_VARIABLE depends)
foreach(package libhpdf libbtparse libpng16 libphonenumber libharfbuzz0b libharfbuzz-subset0 libfontconfig1 libc6)
  if(NOT depends MATCHES "(^|, )${package}")
    message(FATAL_ERROR "the package does not depend on ${package}: ${depends}")
  endif()
endforeach()
execute_process(COMMAND dpkg-deb -c ${debs} OUTPUT_VARIABLE listing)
foreach(path usr/bin/rescomp usr/share/man/man1/rescomp.1
             usr/share/bash-completion/completions/rescomp usr/share/zsh/vendor-completions/_rescomp
             usr/share/rescomp/fonts/cmu-serif-regular.ttf usr/share/doc/rescomp/README.md
             usr/share/doc/rescomp/examples/academic.yaml usr/share/doc/rescomp/fonts/OFL.txt
             rescomp/rescomp-phone.so)
  if(NOT listing MATCHES "\\./${path}|/${path}")
    message(FATAL_ERROR "the package lacks ${path}:\n${listing}")
  endif()
endforeach()
set(root ${WORKDIR}/extracted)
execute_process(COMMAND dpkg-deb -x ${debs} ${root} RESULT_VARIABLE rc)
# A CV with a phone (the module loaded from beside the binary) and the
# package's own example, from a folder of its own.
set(ENV{RESCOMP_FONT_DIR} "")
execute_process(COMMAND ${root}/usr/bin/rescomp ${root}/usr/share/doc/rescomp/examples/engineer.yaml
                        --strict -o ${WORKDIR}/engineer.pdf
                RESULT_VARIABLE rc ERROR_VARIABLE err)
execute_process(COMMAND pdffonts ${WORKDIR}/engineer.pdf OUTPUT_VARIABLE fonts)
execute_process(COMMAND pdftotext ${WORKDIR}/engineer.pdf - OUTPUT_VARIABLE text)
if(NOT rc EQUAL 0 OR NOT text MATCHES "Ada M" OR NOT fonts MATCHES "emb")
  message(FATAL_ERROR "the extracted binary failed (${rc}):\n${err}\n${fonts}")
endif()
