# Writes OUTPUT, a C file holding docs/rescomp.schema.json byte for byte,
# so that `rescomp --schema` prints exactly the schema shipped in docs/.
file(READ ${SCHEMA} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR n "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n    "
       bytes "${bytes}")
set(body "/* Generated from docs/rescomp.schema.json by cmake/EmbedSchema.cmake: do not edit. */\n")
string(APPEND body "#include <stddef.h>\n\nconst unsigned char rc_schema_json[] = {\n    ${bytes}0x00\n};\n")
string(APPEND body "const size_t rc_schema_json_len = ${n};\n")
file(WRITE ${OUTPUT}.tmp "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUTPUT}.tmp ${OUTPUT})
