/*
 * lazy_libs_list: the functions of HarfBuzz, hb-subset and fontconfig that
 * rescomp calls, with their prototypes (as the libraries' headers declare
 * them) and argument lists, for lazy_libs.c. A function missing here is
 * a link error of the rescomp program, so the list cannot fall behind the
 * code; tests/unit/test_lazy_libs.c resolves every entry.
 *
 *   LAZY_FN(library, return type, name, (parameters), (arguments))
 *   LAZY_VOID(library, name, (parameters), (arguments))
 */
LAZY_FN(HB, hb_blob_t *, hb_blob_create,
        (const char *data, unsigned int length, hb_memory_mode_t mode, void *user_data,
         hb_destroy_func_t destroy),
        (data, length, mode, user_data, destroy))
LAZY_VOID(HB, hb_blob_destroy, (hb_blob_t *blob), (blob))
LAZY_FN(HB, const char *, hb_blob_get_data, (hb_blob_t *blob, unsigned int *length), (blob, length))
LAZY_FN(HB, unsigned int, hb_blob_get_length, (hb_blob_t *blob), (blob))
LAZY_VOID(HB, hb_buffer_add_utf32,
          (hb_buffer_t *buffer, const uint32_t *text, int text_length, unsigned int item_offset,
           int item_length),
          (buffer, text, text_length, item_offset, item_length))
LAZY_VOID(HB, hb_buffer_clear_contents, (hb_buffer_t *buffer), (buffer))
LAZY_FN(HB, hb_buffer_t *, hb_buffer_create, (void), ())
LAZY_VOID(HB, hb_buffer_destroy, (hb_buffer_t *buffer), (buffer))
LAZY_FN(HB, hb_glyph_info_t *, hb_buffer_get_glyph_infos,
        (hb_buffer_t *buffer, unsigned int *length),
        (buffer, length))
LAZY_FN(HB, hb_glyph_position_t *, hb_buffer_get_glyph_positions,
        (hb_buffer_t *buffer, unsigned int *length),
        (buffer, length))
LAZY_VOID(HB, hb_buffer_set_cluster_level,
          (hb_buffer_t *buffer, hb_buffer_cluster_level_t cluster_level),
          (buffer, cluster_level))
LAZY_VOID(HB, hb_buffer_set_direction,
          (hb_buffer_t *buffer, hb_direction_t direction),
          (buffer, direction))
LAZY_VOID(HB, hb_buffer_set_flags, (hb_buffer_t *buffer, hb_buffer_flags_t flags), (buffer, flags))
LAZY_VOID(HB, hb_buffer_set_script, (hb_buffer_t *buffer, hb_script_t script), (buffer, script))
LAZY_VOID(HB, hb_face_collect_unicodes, (hb_face_t *face, hb_set_t *out), (face, out))
LAZY_FN(HB, hb_face_t *, hb_face_create, (hb_blob_t *blob, unsigned int index), (blob, index))
LAZY_VOID(HB, hb_face_destroy, (hb_face_t *face), (face))
LAZY_FN(HB, unsigned int, hb_face_get_glyph_count, (const hb_face_t *face), (face))
LAZY_FN(HB, unsigned int, hb_face_get_table_tags,
        (const hb_face_t *face, unsigned int start_offset, unsigned int *table_count,
         hb_tag_t *table_tags),
        (face, start_offset, table_count, table_tags))
LAZY_FN(HB, unsigned int, hb_face_get_upem, (const hb_face_t *face), (face))
LAZY_FN(HB, hb_blob_t *, hb_face_reference_blob, (hb_face_t *face), (face))
LAZY_FN(HB, hb_blob_t *, hb_face_reference_table,
        (const hb_face_t *face, hb_tag_t tag),
        (face, tag))
LAZY_FN(HB, hb_font_t *, hb_font_create, (hb_face_t *face), (face))
LAZY_VOID(HB, hb_font_destroy, (hb_font_t *font), (font))
LAZY_FN(HB, hb_bool_t, hb_font_get_glyph_extents,
        (hb_font_t *font, hb_codepoint_t glyph, hb_glyph_extents_t *extents),
        (font, glyph, extents))
LAZY_FN(HB, hb_position_t, hb_font_get_glyph_h_advance,
        (hb_font_t *font, hb_codepoint_t glyph),
        (font, glyph))
LAZY_FN(HB, hb_bool_t, hb_font_get_nominal_glyph,
        (hb_font_t *font, hb_codepoint_t unicode, hb_codepoint_t *glyph),
        (font, unicode, glyph))
LAZY_VOID(HB, hb_font_set_scale,
          (hb_font_t *font, int x_scale, int y_scale),
          (font, x_scale, y_scale))
LAZY_FN(HB, hb_language_t, hb_language_from_string, (const char *str, int len), (str, len))
LAZY_FN(HB, hb_codepoint_t, hb_map_get, (const hb_map_t *map, hb_codepoint_t key), (map, key))
LAZY_FN(HB, hb_bool_t, hb_ot_metrics_get_position,
        (hb_font_t *font, hb_ot_metrics_tag_t metrics_tag, hb_position_t *position),
        (font, metrics_tag, position))
LAZY_FN(HB, unsigned int, hb_ot_name_get_utf8,
        (hb_face_t *face, hb_ot_name_id_t name_id, hb_language_t language, unsigned int *text_size,
         char *text),
        (face, name_id, language, text_size, text))
LAZY_VOID(HB, hb_set_add, (hb_set_t *set, hb_codepoint_t codepoint), (set, codepoint))
LAZY_FN(HB, hb_set_t *, hb_set_create, (void), ())
LAZY_VOID(HB, hb_set_destroy, (hb_set_t *set), (set))
LAZY_FN(HB, hb_bool_t, hb_set_next,
        (const hb_set_t *set, hb_codepoint_t *codepoint),
        (set, codepoint))
LAZY_VOID(HB, hb_shape,
          (hb_font_t *font, hb_buffer_t *buffer, const hb_feature_t *features,
           unsigned int num_features),
          (font, buffer, features, num_features))
LAZY_FN(HB, hb_unicode_funcs_t *, hb_unicode_funcs_get_default, (void), ())
LAZY_FN(HB, hb_script_t, hb_unicode_script,
        (hb_unicode_funcs_t *ufuncs, hb_codepoint_t unicode),
        (ufuncs, unicode))
LAZY_FN(HB, hb_unicode_general_category_t, hb_unicode_general_category,
        (hb_unicode_funcs_t *ufuncs, hb_codepoint_t unicode),
        (ufuncs, unicode))
LAZY_FN(HB_SUBSET, hb_subset_input_t *, hb_subset_input_create_or_fail, (void), ())
LAZY_VOID(HB_SUBSET, hb_subset_input_destroy, (hb_subset_input_t *input), (input))
LAZY_FN(HB_SUBSET, hb_set_t *, hb_subset_input_set,
        (hb_subset_input_t *input, hb_subset_sets_t set_type),
        (input, set_type))
LAZY_VOID(HB_SUBSET, hb_subset_input_set_flags,
          (hb_subset_input_t *input, unsigned value),
          (input, value))
LAZY_FN(HB_SUBSET, hb_set_t *, hb_subset_input_unicode_set, (hb_subset_input_t *input), (input))
LAZY_FN(HB_SUBSET, hb_subset_plan_t *, hb_subset_plan_create_or_fail,
        (hb_face_t *face, const hb_subset_input_t *input),
        (face, input))
LAZY_VOID(HB_SUBSET, hb_subset_plan_destroy, (hb_subset_plan_t *plan), (plan))
LAZY_FN(HB_SUBSET, hb_face_t *, hb_subset_plan_execute_or_fail, (hb_subset_plan_t *plan), (plan))
LAZY_FN(HB_SUBSET, const hb_map_t*, hb_subset_plan_old_to_new_glyph_mapping,
        (const hb_subset_plan_t *plan),
        (plan))
LAZY_FN(HB_SUBSET, const hb_map_t*, hb_subset_plan_unicode_to_old_glyph_mapping,
        (const hb_subset_plan_t *plan),
        (plan))
LAZY_FN(FONTCONFIG, FcBool, FcInit, (void), ())
LAZY_FN(FONTCONFIG, FcBool, FcCharSetAddChar, (FcCharSet *fcs, FcChar32 ucs4), (fcs, ucs4))
LAZY_FN(FONTCONFIG, FcCharSet*, FcCharSetCreate, (void), ())
LAZY_VOID(FONTCONFIG, FcCharSetDestroy, (FcCharSet *fcs), (fcs))
LAZY_FN(FONTCONFIG, FcBool, FcCharSetHasChar, (const FcCharSet *fcs, FcChar32 ucs4), (fcs, ucs4))
LAZY_FN(FONTCONFIG, FcBool, FcConfigSubstitute,
        (FcConfig *config, FcPattern *p, FcMatchKind kind),
        (config, p, kind))
LAZY_VOID(FONTCONFIG, FcDefaultSubstitute, (FcPattern *pattern), (pattern))
LAZY_FN(FONTCONFIG, FcFontSet *, FcFontList,
        (FcConfig *config, FcPattern *p, FcObjectSet *os),
        (config, p, os))
LAZY_VOID(FONTCONFIG, FcFontSetDestroy, (FcFontSet *s), (s))
LAZY_FN(FONTCONFIG, FcFontSet *, FcFontSort,
        (FcConfig *config, FcPattern *p, FcBool trim, FcCharSet **csp, FcResult *result),
        (config, p, trim, csp, result))
LAZY_FN(FONTCONFIG, FcObjectSet *, FcObjectSetCreate, (void), ())
LAZY_FN(FONTCONFIG, FcBool, FcObjectSetAdd, (FcObjectSet *os, const char *object), (os, object))
LAZY_VOID(FONTCONFIG, FcObjectSetDestroy, (FcObjectSet *os), (os))
LAZY_FN(FONTCONFIG, FcBool, FcPatternAddBool,
        (FcPattern *p, const char *object, FcBool b),
        (p, object, b))
LAZY_FN(FONTCONFIG, FcBool, FcPatternAddCharSet,
        (FcPattern *p, const char *object, const FcCharSet *c),
        (p, object, c))
LAZY_FN(FONTCONFIG, FcBool, FcPatternAddString,
        (FcPattern *p, const char *object, const FcChar8 *s),
        (p, object, s))
LAZY_FN(FONTCONFIG, FcPattern *, FcPatternCreate, (void), ())
LAZY_VOID(FONTCONFIG, FcPatternDestroy, (FcPattern *p), (p))
LAZY_FN(FONTCONFIG, FcResult, FcPatternGetCharSet,
        (const FcPattern *p, const char *object, int n, FcCharSet **c),
        (p, object, n, c))
LAZY_FN(FONTCONFIG, FcResult, FcPatternGetInteger,
        (const FcPattern *p, const char *object, int n, int *i),
        (p, object, n, i))
LAZY_FN(FONTCONFIG, FcResult, FcPatternGetString,
        (const FcPattern *p, const char *object, int n, FcChar8 **s),
        (p, object, n, s))
