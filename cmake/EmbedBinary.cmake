# Writes OUTPUT, a C file holding the file INPUT byte for byte as the array
# NAME (and NAME_len), for data compiled into the library (color/sRGB.icc).
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR n "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n    "
       bytes "${bytes}")
get_filename_component(base ${INPUT} NAME)
set(body "/* Generated from ${base} by cmake/EmbedBinary.cmake: do not edit. */\n")
string(APPEND body "#include <stddef.h>\n\nconst unsigned char ${NAME}[] = {\n    ${bytes}\n};\n")
string(APPEND body "const size_t ${NAME}_len = ${n};\n")
file(WRITE ${OUTPUT}.tmp "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUTPUT}.tmp ${OUTPUT})
