/*
 * schema: the JSON Schema (draft-07) of the YAML rescomp reads, for
 * editors (`rescomp --schema`; yaml-language-server reads it from a
 * `# yaml-language-server: $schema=...` comment, which YAML ignores).
 * The schema is docs/rescomp.schema.json, compiled in byte for byte
 * (cmake/EmbedFile.cmake); tests check that --schema prints exactly
 * that file and that every example validates against it.
 */
#include "cli.h"

extern const unsigned char rc_schema_json[];
extern const size_t rc_schema_json_len;

int rescomp_print_schema(FILE *out)
{
    if (fwrite(rc_schema_json, 1, rc_schema_json_len, out) != rc_schema_json_len || fflush(out))
        return RESCOMP_EXIT_IO;
    return RESCOMP_EXIT_OK;
}
