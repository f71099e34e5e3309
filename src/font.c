/*
 * font: owns the shipped faces (HarfBuzz blob/face/font per face), their
 * character coverage, advance widths, kerning and vertical metrics, and the
 * search for the font directory.
 *
 * Two rules shape this file:
 * - Every number is in 1/1000 em and is computed with libharu 2.3.0's own
 *   integer arithmetic (hpdf_fontdef_tt.c), because libharu writes the /W
 *   widths viewers place glyphs with: a layout measured any other way drifts
 *   from the page. HarfBuzz is only asked for font units (its scale is set
 *   to units per em, so nothing is rounded on its side).
 * - A face is immutable once loaded: coverage and widths are tabulated at
 *   load time and shaping uses a buffer per call, so const faces may be
 *   shared, also between threads.
 */
#include "font.h"

#include <hb-ot.h>
#include <hb.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the width table knows of one character. gid 0: not covered. */
typedef struct rc_glyph_info {
    uint16_t gid;
    int16_t width; /* 1/1000 em, as libharu */
} rc_glyph_info;

struct rc_face {
    rc_face_id id;
    char *path;
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    unsigned upem;
    /*
     * Coverage and widths of the Basic Multilingual Plane, two-level so that
     * a face covering ~500 characters costs a few KB: page[cp >> 8] is NULL
     * when no character of that page is covered. Characters above U+FFFF
     * are never covered: libharu's code points are 16-bit.
     */
    rc_glyph_info *page[256];
    int ascender, descender, cap_height, x_height;
};

static const struct {
    const char *file;
    const char *name;
} face_files[RC_FACE_COUNT] = {
    [RC_FACE_REGULAR] = {"cmu-serif-regular.ttf", "CMU Serif"},
    [RC_FACE_BOLD] = {"cmu-serif-bold.ttf", "CMU Serif Bold"},
    [RC_FACE_ITALIC] = {"cmu-serif-italic.ttf", "CMU Serif Italic"},
    [RC_FACE_BOLD_ITALIC] = {"cmu-serif-bold-italic.ttf", "CMU Serif Bold Italic"},
    [RC_FACE_MONO] = {"cmu-typewriter.ttf", "CMU Typewriter Text"},
    [RC_FACE_ICONS] = {"fontawesome-icons.ttf", "FontAwesome"},
};

/* The file whose presence marks a font directory. */
#define RC_FONT_PROBE "cmu-serif-regular.ttf"

/* ---- finding the directory ----------------------------------------- */

static char *join(const char *dir, const char *name)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_adds(&b, dir);
    if (b.len && b.ptr[b.len - 1] != '/')
        rc_buf_addc(&b, '/');
    rc_buf_adds(&b, name);
    return b.ptr;
}

/* dir if it holds the fonts (the string is taken over), else NULL. */
static char *font_dir_or_null(char *dir)
{
    if (!dir)
        return NULL;
    char *probe = join(dir, RC_FONT_PROBE);
    int ok = access(probe, R_OK) == 0;
    free(probe);
    if (ok)
        return dir;
    free(dir);
    return NULL;
}

/* Directory of the running executable, from /proc (Linux), or NULL. */
static char *exe_dir(void)
{
    size_t cap = 256;
    for (;;) {
        char *p = rc_xmalloc(cap);
        ssize_t n = readlink("/proc/self/exe", p, cap);
        if (n < 0) {
            free(p);
            return NULL;
        }
        if ((size_t)n < cap) {
            p[n] = '\0';
            char *slash = strrchr(p, '/');
            if (!slash) {
                free(p);
                return NULL;
            }
            if (slash == p)
                slash[1] = '\0'; /* a program in "/" */
            else
                *slash = '\0';
            return p;
        }
        free(p); /* truncated: try a larger buffer */
        cap *= 2;
    }
}

char *rc_fonts_find_dir(void)
{
    char *found = NULL;
    const char *env = getenv("RESCOMP_FONT_DIR");
    /* An explicit setting wins even when wrong: the error then names it. */
    if (env && *env)
        return rc_xstrdup(env);
    if (!found) {
        char *exe = exe_dir();
        if (exe) {
            found = font_dir_or_null(join(exe, "fonts")); /* build tree */
            if (!found)
                found = font_dir_or_null(join(exe, "../share/rescomp/fonts")); /* relocated install */
            free(exe);
        }
    }
#ifdef RESCOMP_INSTALL_FONT_DIR
    if (!found)
        found = font_dir_or_null(rc_xstrdup(RESCOMP_INSTALL_FONT_DIR));
#endif
    return found;
}

/* ---- loading ------------------------------------------------------- */

/* libharu's scaling of signed metrics: (HPDF_INT32)v * 1000 / upem, truncating toward zero. */
static int milli_signed(int32_t v, unsigned upem)
{
    return (int)((int64_t)v * 1000 / (int64_t)upem);
}

/*
 * libharu's scaling of an advance (HPDF_TTFontDef_GetCharWidth): unsigned
 * arithmetic, (HPDF_UINT)aw * 1000 / upem, truncated to HPDF_UINT16 and
 * returned as HPDF_INT16. Reproduced bit for bit, wrap-around included.
 */
static int milli_advance(uint32_t aw, unsigned upem)
{
    uint32_t w = (uint32_t)(aw * 1000u / upem) & 0xFFFFu;
    return w >= 0x8000u ? (int)w - 0x10000 : (int)w;
}

static const rc_glyph_info *lookup(const rc_face *face, uint32_t cp)
{
    if (cp > 0xFFFF)
        return NULL;
    const rc_glyph_info *page = face->page[cp >> 8];
    if (!page || page[cp & 0xFF].gid == 0)
        return NULL;
    return &page[cp & 0xFF];
}

static void face_free(rc_face *face)
{
    if (!face)
        return;
    for (size_t i = 0; i < RC_ARRAY_LEN(face->page); i++)
        free(face->page[i]);
    hb_font_destroy(face->font);
    hb_face_destroy(face->face);
    hb_blob_destroy(face->blob);
    free(face->path);
    free(face);
}

/*
 * Tabulate the characters the face maps with their widths, so that
 * rc_face_advance and rc_face_has_char are two loads and nothing changes
 * after loading. HarfBuzz reads the best cmap subtable, libharu the (3,1)
 * format 4 one; for BMP characters they agree in any sane font, and the
 * unit test compares every width with libharu's.
 */
static void tabulate(rc_face *face)
{
    hb_set_t *set = hb_set_create();
    hb_face_collect_unicodes(face->face, set);
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    while (hb_set_next(set, &cp) && cp <= 0xFFFF) {
        hb_codepoint_t gid;
        if (!hb_font_get_nominal_glyph(face->font, cp, &gid) || gid == 0 || gid > 0xFFFF)
            continue;
        rc_glyph_info **page = &face->page[cp >> 8];
        if (!*page)
            *page = rc_xcalloc(256, sizeof(rc_glyph_info));
        /* The scale is upem, so this is the hmtx advance in font units. */
        hb_position_t aw = hb_font_get_glyph_h_advance(face->font, gid);
        (*page)[cp & 0xFF].gid = (uint16_t)gid;
        (*page)[cp & 0xFF].width = (int16_t)milli_advance((uint32_t)(aw < 0 ? 0 : aw), face->upem);
    }
    hb_set_destroy(set);
}

static int vertical(hb_font_t *font, hb_ot_metrics_tag_t tag, int32_t fallback)
{
    hb_position_t v;
    if (hb_ot_metrics_get_position(font, tag, &v))
        return v;
    return fallback;
}

/*
 * Cap height and x-height as libharu computes them for the font descriptor
 * (the top of the bounding box of 'H' and 'x') unless OS/2 (version 2 and
 * later) states them; the shipped CMU fonts have an OS/2 version 1 table.
 */
static int glyph_top(rc_face *face, uint32_t cp, int fallback)
{
    const rc_glyph_info *g = lookup(face, cp);
    hb_glyph_extents_t ext;
    if (g && hb_font_get_glyph_extents(face->font, g->gid, &ext))
        return ext.y_bearing;
    return fallback;
}

static const char *check_face(const rc_face *face, rc_face_id id)
{
    if (hb_face_get_glyph_count(face->face) == 0 || face->upem < 16 || face->upem > 16384)
        return "not a font file";
    hb_blob_t *glyf = hb_face_reference_table(face->face, HB_TAG('g', 'l', 'y', 'f'));
    unsigned glyf_len = hb_blob_get_length(glyf);
    hb_blob_destroy(glyf);
    /* libharu 2.3.0 embeds TrueType outlines only (CFF fails with 0x1060). */
    if (glyf_len == 0)
        return "not a TrueType (glyf) font";
    if (id == RC_FACE_ICONS)
        return lookup(face, 0xF0E0) ? NULL : "it has no envelope icon (U+F0E0)";
    if (!lookup(face, 'a') || !lookup(face, ' '))
        return "it has no Latin characters";
    return NULL;
}

static int load_face(rc_fonts *f, rc_face_id id, const char *dir, rc_diags *d)
{
    rc_face *face = rc_xcalloc(1, sizeof(*face));
    face->id = id;
    face->path = join(dir, face_files[id].file);

    const char *why = NULL;
    /*
     * The position carries no file: a diagnostic keeps pos.file as a bare
     * pointer, and the path dies with the face before the diagnostics are
     * printed. The path is in the message instead.
     */
    rc_pos nowhere = {NULL, 0, 0};
    if (access(face->path, R_OK) != 0) {
        why = strerror(errno);
    } else {
        face->blob = hb_blob_create_from_file_or_fail(face->path);
        if (!face->blob)
            why = "cannot read the file";
    }
    if (!why) {
        face->face = hb_face_create(face->blob, 0);
        face->upem = hb_face_get_upem(face->face);
        face->font = hb_font_create(face->face);
        /* Positions in font units: no rounding inside HarfBuzz. */
        hb_font_set_scale(face->font, (int)face->upem, (int)face->upem);
        tabulate(face);
        why = check_face(face, id);
    }
    if (why) {
        rc_error_class(d, RC_FAIL_FONT, nowhere,
                       "cannot load font '%s': %s; reinstall rescomp or set RESCOMP_FONT_DIR",
                       face->path, why);
        face_free(face);
        return -1;
    }

    int32_t asc = vertical(face->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER,
                           (int32_t)face->upem * 4 / 5);
    int32_t desc = vertical(face->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER,
                            -(int32_t)face->upem / 5);
    int32_t cap = vertical(face->font, HB_OT_METRICS_TAG_CAP_HEIGHT, 0);
    int32_t xh = vertical(face->font, HB_OT_METRICS_TAG_X_HEIGHT, 0);
    if (cap <= 0)
        cap = glyph_top(face, 'H', asc);
    if (xh <= 0)
        xh = glyph_top(face, 'x', cap / 2);
    face->ascender = milli_signed(asc, face->upem);
    face->descender = milli_signed(desc, face->upem);
    face->cap_height = milli_signed(cap, face->upem);
    face->x_height = milli_signed(xh, face->upem);

    f->faces[id] = face;
    return 0;
}

int rc_fonts_load(rc_fonts *f, const char *dir, rc_diags *d)
{
    memset(f, 0, sizeof(*f));
    if (!dir)
        return rc_error_class(d, RC_FAIL_FONT, (rc_pos){NULL, 0, 0},
                              "cannot find the fonts directory; reinstall rescomp or set "
                              "RESCOMP_FONT_DIR to a directory holding '" RC_FONT_PROBE "'");
    for (int id = 0; id < RC_FACE_COUNT; id++) {
        if (load_face(f, (rc_face_id)id, dir, d) < 0) {
            /* One message is enough: the other files are usually missing too. */
            rc_fonts_release(f);
            return -1;
        }
    }
    return 0;
}

void rc_fonts_release(rc_fonts *f)
{
    for (int id = 0; id < RC_FACE_COUNT; id++) {
        face_free(f->faces[id]);
        f->faces[id] = NULL;
    }
}

/* ---- queries ------------------------------------------------------- */

const char *rc_face_path(const rc_face *face)
{
    return face->path;
}

struct hb_face_t *rc_face_hb(const rc_face *face)
{
    return face->face;
}

const char *rc_face_name(const rc_face *face)
{
    return face_files[face->id].name;
}

int rc_face_has_char(const rc_face *face, uint32_t cp)
{
    return lookup(face, cp) != NULL;
}

int rc_face_advance(const rc_face *face, uint32_t cp)
{
    const rc_glyph_info *g = lookup(face, cp);
    return g ? g->width : 0;
}

/*
 * Kerning on, and the default features that could merge or replace
 * characters off. The shipped fonts carry no other GSUB/GPOS feature (see
 * fonts/prepare.py), so HarfBuzz's remaining defaults have nothing to apply.
 */
static const hb_feature_t shape_features[] = {
    {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('d', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
};

/*
 * The script of the run: its first character that has one, else Latin.
 * Set by hand (not hb_buffer_guess_segment_properties) because guessing
 * also fills in the language from the process locale, and the layout must
 * not depend on the machine.
 */
static hb_script_t run_script(const uint32_t *cps, size_t n)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (size_t i = 0; i < n; i++) {
        hb_script_t s = hb_unicode_script(uf, cps[i]);
        if (s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN)
            return s;
    }
    return HB_SCRIPT_LATIN;
}

void rc_face_kerning(const rc_face *face, const uint32_t *cps, size_t n, int *out)
{
    if (n == 0)
        return;
    memset(out, 0, n * sizeof(*out));
    if (n < 2 || n > (size_t)INT_MAX)
        return;

    hb_buffer_t *buf = hb_buffer_create();
    /* Characters, not grapheme clusters: keep one cluster per code point. */
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_CHARACTERS);
    /* A soft hyphen or zero-width space keeps its own glyph and width. */
    hb_buffer_set_flags(buf, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT |
                                 HB_BUFFER_FLAG_PRESERVE_DEFAULT_IGNORABLES);
    hb_buffer_add_utf32(buf, cps, (int)n, 0, (int)n);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, run_script(cps, n));
    hb_shape(face->font, buf, shape_features, RC_ARRAY_LEN(shape_features));

    unsigned len = 0;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &len);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    /*
     * Only a one-to-one shaping can be mapped back onto the characters. If
     * HarfBuzz composed, decomposed or reordered anything (a base letter
     * with a combining accent, say), report no kerning at all rather than
     * attach adjustments to the wrong characters.
     */
    int one_to_one = len == n;
    for (unsigned i = 0; one_to_one && i < len; i++)
        one_to_one = info[i].cluster == i;
    if (one_to_one) {
        for (size_t i = 0; i + 1 < n; i++) {
            const rc_glyph_info *g = lookup(face, cps[i]);
            /*
             * A character HarfBuzz drew with another glyph than its own
             * (a missing one, or a space it synthesised) has no kerning we
             * can express against libharu's width of that character.
             */
            if (!g || info[i].codepoint != g->gid)
                continue;
            out[i] = milli_signed(pos[i].x_advance, face->upem) - g->width;
        }
    }
    hb_buffer_destroy(buf);
}

int rc_face_ascender(const rc_face *face)
{
    return face->ascender;
}

int rc_face_descender(const rc_face *face)
{
    return face->descender;
}

int rc_face_cap_height(const rc_face *face)
{
    return face->cap_height;
}

int rc_face_x_height(const rc_face *face)
{
    return face->x_height;
}
