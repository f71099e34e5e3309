# Writes OUTPUT, a C file holding INPUT byte for byte as the array SYMBOL
# (NUL-terminated) and its length SYMBOL_len: the JSON Schema that
# `rescomp --schema` prints exactly as shipped in docs/, the starter files
# of `rescomp new` (starters/), the sRGB profile of PDF/A (color/).
#   cmake -DINPUT=FILE -DSYMBOL=NAME -DOUTPUT=FILE.c -P EmbedFile.cmake
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR n "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n    "
       bytes "${bytes}")
get_filename_component(name ${INPUT} NAME)
set(body "/* Generated from ${name} by cmake/EmbedFile.cmake: do not edit. */\n")
string(APPEND body "#include <stddef.h>\n\nconst unsigned char ${SYMBOL}[] = {\n    ${bytes}0x00\n};\n")
string(APPEND body "const size_t ${SYMBOL}_len = ${n};\n")
file(WRITE ${OUTPUT}.tmp "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUTPUT}.tmp ${OUTPUT})
