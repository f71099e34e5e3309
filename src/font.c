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
 * - A face's metrics never change once loaded: coverage and widths are
 *   tabulated at load time, with the shipped faces' compiled-in kerning
 *   classes (kern_data.h). Only the kerning memo of other faces grows
 *   (rc_face_kerning); rescomp is single-threaded (variants run in forked
 *   processes).
 *
 * The faces a process loads live in a store (rc_font_store), each loaded
 * once; fontset.c picks them into a document's font set.
 */
#include "font.h"
#include "font_store.h"
#include "face_data.h"
#include "sfnt.h"

#include <hb-ot.h>
#include <hb.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* What the width table knows of one character. gid 0: not covered. */
typedef struct rc_glyph_info {
    uint16_t gid;
    int16_t width;         /* 1/1000 em, as libharu */
    uint16_t left, right;  /* kerning classes in a shipped face's rc_face_data */
} rc_glyph_info;

/* A word's kerning (and ligatures), remembered (rc_face_shape). */
typedef struct kern_memo {
    uint32_t hash;
    uint32_t n;     /* 0: an empty slot */
    int liga;       /* shaped with ligatures */
    uint32_t *cps;
    int *kern;
    uint8_t *lig;   /* with liga: the glyphs' letter counts, NULL when all are 1 */
} kern_memo;

/* A ligature the face has set (rc_face_ligature), for the devices. */
typedef struct lig_entry {
    const uint32_t *cps; /* its letters, in the memo's arena */
    size_t n;
    unsigned gid;
    int width;           /* 1/1000 em */
} lig_entry;

struct rc_face {
    char *path;
    unsigned index; /* of the face in a collection (.ttc) */
    char *name;     /* "CMU Serif Bold", for messages */
    unsigned char *file; /* the font file, mapped read-only; for a shipped face */
    size_t file_size;    /* only once its bytes are needed (rc_face_file) */
    int fd;              /* until then, open: the file measured is the one embedded */
    /*
     * A shipped face's compiled-in metrics (face_data.h), or NULL. Such a
     * face has no HarfBuzz objects until something asks for them
     * (ensure_hb): its layout needs none.
     */
    const rc_face_data *builtin;
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    unsigned upem;
    /*
     * Coverage and widths, two-level so that a face covering ~500
     * characters costs a few KB: page[cp >> 8] is NULL when no character of
     * that page is covered. The Basic Multilingual Plane's pages are in the
     * face; those above U+FFFF (emoji, historic scripts) in astral, made
     * only for a face that covers such a character. The PDF device writes
     * its own CID fonts, so no code point is too large for it.
     */
    rc_glyph_info *page[256];
    rc_glyph_info **astral; /* astral[(cp >> 8) - 256], for U+10000 .. U+10FFFF */
    int notdef_width;       /* 1/1000 em, -1 until asked for (rc_face_advance) */
    int ascender, descender, cap_height, x_height;
    /* The kerning memo: open addressing, at most half full. */
    kern_memo *memo;
    size_t memo_cap, memo_n;
    rc_arena memo_arena;
    hb_buffer_t *buf; /* reused by every shaping call */
    size_t shapes;    /* hb_shape calls made */
    /* Characters below U+0100 whose glyph starts a compiled-in ligature (a bit each). */
    uint64_t lig_start[4];
    int lig_start_high;  /* ... and whether one at or above U+0100 does */
    lig_entry *ligs;     /* the ligatures set so far, in the order met */
    size_t nligs, ligs_cap;
};

struct rc_font_store {
    char *dir;         /* the shipped fonts, or NULL when not found */
    rc_face **faces;   /* every face loaded, in loading order */
    size_t n, cap;
    uint32_t *missing; /* characters no installed font has (asked once) */
    size_t nmissing, missing_cap;
};

/* The file whose presence marks a font directory. */
#define RC_FONT_PROBE "cmu-serif-regular.ttf"

/* ---- finding the directory ----------------------------------------- */

/* dir if it holds the fonts (the string is taken over), else NULL. */
static char *font_dir_or_null(char *dir)
{
    if (!dir)
        return NULL;
    char *probe = rc_path_join(dir, RC_FONT_PROBE);
    int ok = access(probe, R_OK) == 0;
    free(probe);
    if (ok)
        return dir;
    free(dir);
    return NULL;
}

char *rc_fonts_find_dir(void)
{
    char *found = NULL;
    const char *env = getenv("RESCOMP_FONT_DIR");
    /* An explicit setting wins even when wrong: the error then names it. */
    if (env && *env)
        return rc_xstrdup(env);
    if (!found) {
        char *exe = rc_exe_dir();
        if (exe) {
            found = font_dir_or_null(rc_path_join(exe, "fonts")); /* build tree */
            if (!found)
                /* a relocated install */
                found = font_dir_or_null(rc_path_join(exe, "../share/rescomp/fonts"));
            free(exe);
        }
    }
    if (!found) {
        /* librescomp.so in a program of its own: its build tree, or its install */
        char *lib = rc_lib_dir();
        if (lib) {
            found = font_dir_or_null(rc_path_join(lib, "fonts"));
#ifdef RESCOMP_LIB_TO_FONT_DIR
            if (!found)
                found = font_dir_or_null(rc_path_join(lib, RESCOMP_LIB_TO_FONT_DIR));
#endif
            free(lib);
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

#define MAX_CODE_POINT 0x10FFFF
#define ASTRAL_PAGES ((MAX_CODE_POINT + 1 - 0x10000) >> 8)

static const rc_glyph_info *lookup(const rc_face *face, uint32_t cp)
{
    const rc_glyph_info *page;
    if (cp <= 0xFFFF)
        page = face->page[cp >> 8];
    else if (cp <= MAX_CODE_POINT && face->astral)
        page = face->astral[(cp >> 8) - 256];
    else
        return NULL;
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
    for (size_t i = 0; face->astral && i < ASTRAL_PAGES; i++)
        free(face->astral[i]);
    free(face->astral);
    free(face->memo);
    free(face->ligs);
    rc_arena_release(&face->memo_arena);
    if (face->face) { /* a shipped face may never have needed HarfBuzz */
        hb_buffer_destroy(face->buf);
        hb_font_destroy(face->font);
        hb_face_destroy(face->face);
        hb_blob_destroy(face->blob);
    }
    if (face->file)
        munmap(face->file, face->file_size);
    if (face->fd >= 0)
        close(face->fd);
    free(face->name);
    free(face->path);
    free(face);
}

/* Map the font file read-only (the one face->fd holds open, if any); 0, or -1 with *why. */
static int map_file(rc_face *face, const char **why)
{
    int fd = face->fd >= 0 ? face->fd : open(face->path, O_RDONLY | O_CLOEXEC);
    face->fd = -1;
    if (fd < 0) {
        *why = strerror(errno);
        return -1;
    }
    struct stat st;
    void *p = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) {
        *why = "cannot read the file";
        return -1;
    }
    face->file = p;
    face->file_size = (size_t)st.st_size;
    return 0;
}

/*
 * The face's HarfBuzz objects, made the first time they are needed: at
 * load for an installed font, and for a shipped face only when a word must
 * be shaped or the face itself is asked for (rc_face_hb).
 */
static void ensure_hb(rc_face *face)
{
    if (face->face)
        return;
    const char *why;
    if (!face->file && map_file(face, &why) != 0)
        face->file_size = 0; /* the file went away: an empty face, nothing to shape */
    face->blob = hb_blob_create((const char *)face->file, (unsigned)face->file_size,
                                HB_MEMORY_MODE_READONLY, NULL, NULL);
    face->face = hb_face_create(face->blob, face->index);
    face->upem = hb_face_get_upem(face->face);
    face->font = hb_font_create(face->face);
    /* Positions in font units: no rounding inside HarfBuzz. */
    hb_font_set_scale(face->font, (int)face->upem, (int)face->upem);
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
    while (hb_set_next(set, &cp) && cp <= MAX_CODE_POINT) {
        hb_codepoint_t gid;
        if (!hb_font_get_nominal_glyph(face->font, cp, &gid) || gid == 0 || gid > 0xFFFF)
            continue;
        if (cp > 0xFFFF && !face->astral)
            face->astral = rc_xcalloc(ASTRAL_PAGES, sizeof(*face->astral));
        rc_glyph_info **page = cp <= 0xFFFF ? &face->page[cp >> 8] : &face->astral[(cp >> 8) - 256];
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

static int has_table(const rc_face *face, hb_tag_t tag)
{
    hb_blob_t *blob = hb_face_reference_table(face->face, tag);
    unsigned len = hb_blob_get_length(blob);
    hb_blob_destroy(blob);
    return len > 0;
}

static const char *check_face(const rc_face *face, rc_face_use use)
{
    /* A shipped face's file was checked when its metrics were compiled. */
    if (!face->builtin) {
        if (hb_face_get_glyph_count(face->face) == 0 || face->upem < 16 || face->upem > 16384)
            return "not a font file";
        /*
         * The PDF device embeds TrueType (glyf) and CFF outlines; not CFF2
         * (variable OpenType), which PDF has no font program for.
         */
        if (!rc_face_is_cff(face) && !has_table(face, HB_TAG('g', 'l', 'y', 'f')))
            return "not a TrueType (glyf) or OpenType/CFF font";
    }
    if (use == RC_USE_ICONS)
        return lookup(face, 0xF0E0) ? NULL : "it has no envelope icon (U+F0E0)";
    if (use == RC_USE_TEXT && (!lookup(face, 'a') || !lookup(face, ' ')))
        return "it has no Latin characters";
    return NULL;
}

/* The face's full name from its name table, or its file name. */
static char *name_of(const rc_face *face)
{
    char buf[256];
    unsigned len = sizeof(buf);
    if (hb_ot_name_get_utf8(face->face, HB_OT_NAME_ID_FULL_NAME, hb_language_from_string("en", -1),
                            &len, buf) > 0 ||
        (len = sizeof(buf),
         hb_ot_name_get_utf8(face->face, HB_OT_NAME_ID_FULL_NAME, HB_LANGUAGE_INVALID, &len, buf) >
             0))
        return rc_xstrdup(buf);
    const char *slash = strrchr(face->path, '/');
    return rc_xstrdup(slash ? slash + 1 : face->path);
}

/*
 * Load one face, or NULL with the reason in *why. name: what messages call
 * it (NULL: its full name). The store keeps every face it loaded, so a face
 * asked for twice (by two documents, or as a family and a fallback) is
 * loaded once.
 */
rc_face *rc_store_face(rc_font_store *s, const char *path, unsigned index, const char *name,
                       rc_face_use use, const char **why)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->faces[i]->index == index && !strcmp(s->faces[i]->path, path)) {
            *why = check_face(s->faces[i], use);
            return *why ? NULL : s->faces[i];
        }
    rc_face *face = rc_xcalloc(1, sizeof(*face));
    face->path = rc_xstrdup(path);
    face->index = index;
    face->fd = -1;
    face->notdef_width = -1;
    *why = NULL;
    if (map_file(face, why) == 0) {
        ensure_hb(face);
        tabulate(face);
        *why = check_face(face, use);
    }
    if (*why) {
        face_free(face);
        return NULL;
    }
    face->name = name ? rc_xstrdup(name) : name_of(face);
    rc_arena_init(&face->memo_arena);

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

    RC_VEC_PUSH(s->faces, s->n, s->cap);
    s->faces[s->n++] = face;
    return face;
}

int rc_face_fingerprint(const rc_face *face, uint32_t *size, uint32_t *checksum)
{
    size_t len = 0;
    const unsigned char *head = rc_sfnt_table(face->file, face->file_size, face->index,
                                              RC_SFNT_TAG('h', 'e', 'a', 'd'), &len);
    if (!head || len < 12)
        return 0;
    /* checkSumAdjustment: the whole file's checksum, set when it was written */
    *checksum = rc_be32(head + 8);
    *size = (uint32_t)face->file_size;
    return face->file_size <= UINT32_MAX;
}

/*
 * A font file's size and head.checkSumAdjustment, read with two small
 * reads rather than by mapping it: a shipped face the document never
 * shows is then never mapped (rc_face_file maps it for the PDF device).
 */
static int peek_fingerprint(int fd, uint32_t *size, uint32_t *checksum)
{
    unsigned char dir[12 + 16 * 32], adj[4];
    struct stat st;
    uint32_t off = 0, len = 0;
    int ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
             (uint64_t)st.st_size <= UINT32_MAX;
    ssize_t n = ok ? pread(fd, dir, sizeof(dir), 0) : -1;
    ok = n > 0 && rc_sfnt_find(dir, (size_t)n, RC_SFNT_TAG('h', 'e', 'a', 'd'), &off, &len) == 0 &&
         len >= 12 && (uint64_t)off + 12 <= (uint64_t)st.st_size &&
         pread(fd, adj, 4, (off_t)off + 8) == 4;
    if (!ok)
        return -1;
    *size = (uint32_t)st.st_size;
    *checksum = rc_be32(adj);
    return 0;
}

/* The compiled-in metrics made from the file open as fd, or NULL. */
static const rc_face_data *builtin_data(int fd, const char *file)
{
    uint32_t size, checksum;
    if (peek_fingerprint(fd, &size, &checksum) != 0)
        return NULL;
    for (size_t i = 0; rc_face_builtins[i]; i++) {
        const rc_face_data *b = rc_face_builtins[i];
        if (!strcmp(b->file, file) && b->file_size == size && b->checksum == checksum)
            return b;
    }
    return NULL;
}

/* The width table from compiled-in metrics, as tabulate() would have made it. */
static void tabulate_builtin(rc_face *face, const rc_face_data *b)
{
    for (size_t i = 0; i < b->n_chars; i++) {
        rc_glyph_info **page = &face->page[b->chars[i] >> 8];
        if (!*page)
            *page = rc_xcalloc(256, sizeof(rc_glyph_info));
        rc_glyph_info *g = &(*page)[b->chars[i] & 0xFF];
        g->gid = b->gids[i];
        g->width = b->widths[i];
        g->left = b->left[i];
        g->right = b->right[i];
    }
    face->ascender = b->ascender;
    face->descender = b->descender;
    face->cap_height = b->cap_height;
    face->x_height = b->x_height;
    face->builtin = b;
    /* The characters a ligature may start with: a word without one needs no ligature pass. */
    for (size_t i = 0; i < b->n_chars; i++)
        for (size_t k = 0; k < b->lookups[b->n_lookups]; k++)
            if (b->ligs[k].first == b->gids[i]) {
                if (b->chars[i] < 256)
                    face->lig_start[b->chars[i] >> 6] |= (uint64_t)1 << (b->chars[i] & 63);
                else
                    face->lig_start_high = 1;
                break;
            }
}

/*
 * A shipped face from its compiled-in metrics, or NULL when the file is
 * not the one they were made from (or cannot be read: the caller's
 * rc_store_face then says why).
 */
static rc_face *store_builtin_face(rc_font_store *s, const char *path, const char *file,
                                   const char *name)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    const rc_face_data *b = fd >= 0 ? builtin_data(fd, file) : NULL;
    if (!b) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    rc_face *face = rc_xcalloc(1, sizeof(*face));
    face->path = rc_xstrdup(path);
    face->fd = fd;
    face->notdef_width = -1;
    tabulate_builtin(face, b);
    face->name = rc_xstrdup(name ? name : file);
    rc_arena_init(&face->memo_arena);
    RC_VEC_PUSH(s->faces, s->n, s->cap);
    s->faces[s->n++] = face;
    return face;
}

/* A shipped file, or an error naming it (RC_FAIL_FONT). */
rc_face *rc_store_shipped_face(rc_font_store *s, const char *file, const char *name,
                               rc_face_use use, rc_diags *d)
{
    if (!s->dir) {
        rc_error_class(d, RC_FAIL_FONT, (rc_pos){NULL, 0, 0},
                       "cannot find the fonts directory; reinstall rescomp or set "
                       "RESCOMP_FONT_DIR to a directory holding '" RC_FONT_PROBE "'");
        return NULL;
    }
    char *path = rc_path_join(s->dir, file);
    const char *why = NULL;
    rc_face *face = NULL;
    for (size_t i = 0; i < s->n && !face; i++)
        if (s->faces[i]->index == 0 && !strcmp(s->faces[i]->path, path))
            face = s->faces[i];
    if (!face)
        face = store_builtin_face(s, path, file, name);
    if (face)
        face = (why = check_face(face, use)) != NULL ? NULL : face;
    else
        face = rc_store_face(s, path, 0, name, use, &why);
    if (!face)
        /*
         * The position carries no file: a diagnostic keeps pos.file as a
         * bare pointer, and the path is freed before the diagnostics are
         * printed. The path is in the message instead.
         */
        rc_error_class(d, RC_FAIL_FONT, (rc_pos){NULL, 0, 0},
                       "cannot load font '%s': %s; reinstall rescomp or set RESCOMP_FONT_DIR",
                       path, why);
    free(path);
    return face;
}

rc_font_store *rc_font_store_new(const char *dir)
{
    rc_font_store *s = rc_xcalloc(1, sizeof(*s));
    s->dir = dir ? rc_xstrdup(dir) : NULL;
    return s;
}

void rc_font_store_free(rc_font_store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        face_free(s->faces[i]);
    free(s->faces);
    free(s->missing);
    free(s->dir);
    free(s);
}

size_t rc_font_store_count(const rc_font_store *s)
{
    return s ? s->n : 0;
}

const rc_face *rc_font_store_face(const rc_font_store *s, size_t i)
{
    return s->faces[i];
}

int rc_store_known_missing(const rc_font_store *s, uint32_t cp)
{
    for (size_t i = 0; i < s->nmissing; i++)
        if (s->missing[i] == cp)
            return 1;
    return 0;
}

void rc_store_note_missing(rc_font_store *s, uint32_t cp)
{
    RC_VEC_PUSH(s->missing, s->nmissing, s->missing_cap);
    s->missing[s->nmissing++] = cp;
}

/* ---- queries ------------------------------------------------------- */

const char *rc_face_path(const rc_face *face)
{
    return face->path;
}

struct hb_face_t *rc_face_hb(const rc_face *face)
{
    /* Made on first use, which changes no metric: the face stays logically const. */
    ensure_hb((rc_face *)face);
    return face->face;
}

const unsigned char *rc_face_file(const rc_face *face, size_t *size, unsigned *index)
{
    /* Mapped on first use, which changes no metric: the face stays logically const. */
    const char *why;
    if (!face->file && map_file((rc_face *)face, &why) != 0) {
        *size = 0;
        *index = face->index;
        return NULL;
    }
    *size = face->file_size;
    *index = face->index;
    return face->file;
}

int rc_face_is_cff(const rc_face *face)
{
    size_t size, len;
    unsigned index;
    const unsigned char *file = rc_face_file(face, &size, &index);
    return file && !rc_sfnt_table(file, size, index, RC_SFNT_TAG('g', 'l', 'y', 'f'), &len) &&
           rc_sfnt_table(file, size, index, RC_SFNT_TAG('C', 'F', 'F', ' '), &len) && len > 0;
}

int rc_face_is_builtin(const rc_face *face)
{
    return face->builtin != NULL;
}

unsigned rc_face_glyph(const rc_face *face, uint32_t cp)
{
    const rc_glyph_info *g = lookup(face, cp);
    return g ? g->gid : 0;
}

const char *rc_face_name(const rc_face *face)
{
    return face->name;
}

int rc_face_has_char(const rc_face *face, uint32_t cp)
{
    return lookup(face, cp) != NULL;
}

/*
 * The width of glyph 0, .notdef, the box a character the face lacks is
 * drawn with. Asked for the first time only when a document has such a
 * character, so a shipped face makes its HarfBuzz objects then and not
 * before; remembered, which changes no metric (the face stays logically
 * const).
 */
static int notdef_advance(const rc_face *face)
{
    if (face->notdef_width < 0) {
        rc_face *f = (rc_face *)face;
        ensure_hb(f);
        hb_position_t aw = f->upem ? hb_font_get_glyph_h_advance(f->font, 0) : 0;
        f->notdef_width = f->upem ? milli_advance((uint32_t)(aw < 0 ? 0 : aw), f->upem) : 0;
    }
    return face->notdef_width;
}

int rc_face_advance(const rc_face *face, uint32_t cp)
{
    const rc_glyph_info *g = lookup(face, cp);
    return g ? g->width : notdef_advance(face);
}

int rc_face_glyph_advance(const rc_face *face, unsigned gid)
{
    const rc_face_data *b = face->builtin;
    for (size_t i = 0; b && i < b->n_lig_glyphs; i++)
        if (b->lig_gids[i] == gid)
            return b->lig_widths[i];
    rc_face *f = (rc_face *)face; /* HarfBuzz made on demand: logically const */
    ensure_hb(f);
    hb_position_t aw = f->upem ? hb_font_get_glyph_h_advance(f->font, gid) : 0;
    return f->upem ? milli_advance((uint32_t)(aw < 0 ? 0 : aw), f->upem) : 0;
}

/* Remember a ligature the face set, once (the devices ask for its glyph). */
static void note_ligature(rc_face *face, const uint32_t *cps, size_t n, unsigned gid, int width)
{
    for (size_t i = 0; i < face->nligs; i++)
        if (face->ligs[i].n == n && !memcmp(face->ligs[i].cps, cps, n * sizeof(*cps)))
            return;
    RC_VEC_PUSH(face->ligs, face->nligs, face->ligs_cap);
    lig_entry *e = &face->ligs[face->nligs++];
    e->cps = rc_arena_memdup(&face->memo_arena, cps, n, sizeof(*cps));
    e->n = n;
    e->gid = gid;
    e->width = width;
}

int rc_face_ligature(const rc_face *face, const uint32_t *cps, size_t n, unsigned *gid)
{
    for (size_t i = 0; i < face->nligs; i++)
        if (face->ligs[i].n == n && !memcmp(face->ligs[i].cps, cps, n * sizeof(*cps))) {
            *gid = face->ligs[i].gid;
            return face->ligs[i].width;
        }
    return -1;
}

/*
 * Kerning on, and the default features that could merge or replace
 * characters off; 'liga' as asked. The shipped fonts carry no other
 * GSUB/GPOS feature (see fonts/prepare.py), so HarfBuzz's remaining
 * defaults have nothing to apply.
 */
static const hb_feature_t shape_features[2][4] = {
    {{HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
     {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
     {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
     {HB_TAG('d', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END}},
    {{HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
     {HB_TAG('l', 'i', 'g', 'a'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
     {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
     {HB_TAG('d', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END}},
};

/* Marks and format characters (soft hyphen, joiners): never part of a ligature. */
static int mark_or_format(uint32_t cp)
{
    hb_unicode_general_category_t gc =
        hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
    return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_FORMAT;
}

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

/*
 * Shape cps and write the kerning after each character into kern (zeroed
 * by the caller) and, with lig (all 1 from the caller), the ligatures.
 * Returns 0 when the shaping could not be mapped back onto the characters
 * one glyph per character or per ligature (then kern and lig are as the
 * caller left them).
 */
static int shape_hb(rc_face *face, const uint32_t *cps, size_t n, int *kern, uint8_t *lig)
{
    ensure_hb(face);
    if (!face->buf) {
        face->buf = hb_buffer_create();
        /* Characters, not grapheme clusters: keep one cluster per code point. */
        hb_buffer_set_cluster_level(face->buf, HB_BUFFER_CLUSTER_LEVEL_CHARACTERS);
    }
    hb_buffer_t *buf = face->buf;
    hb_buffer_clear_contents(buf);
    face->shapes++;
    /* A soft hyphen or zero-width space keeps its own glyph and width. */
    hb_buffer_set_flags(buf, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT |
                                 HB_BUFFER_FLAG_PRESERVE_DEFAULT_IGNORABLES);
    hb_buffer_add_utf32(buf, cps, (int)n, 0, (int)n);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, run_script(cps, n));
    hb_shape(face->font, buf, shape_features[lig != NULL], RC_ARRAY_LEN(shape_features[0]));

    unsigned len = 0;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &len);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    /*
     * Only a shaping that keeps the characters in order, each glyph showing
     * one of them or a ligature of letters, can be mapped back onto them.
     * If HarfBuzz composed, decomposed or reordered anything (a base letter
     * with a combining accent, say), report no kerning at all rather than
     * attach adjustments to the wrong characters.
     */
    size_t expect = 0; /* the character the next glyph must start at */
    for (unsigned j = 0; j < len; j++) {
        size_t from = info[j].cluster, to = j + 1 < len ? info[j + 1].cluster : n;
        if (from != expect || to <= from || to > n)
            return 0;
        expect = to;
        if (to - from == 1)
            continue;
        if (!lig || to - from > RC_LIG_MAX)
            return 0;
        for (size_t i = from; i < to; i++)
            if (mark_or_format(cps[i]))
                return 0;
    }
    if (expect != n)
        return 0;
    for (unsigned j = 0; j < len; j++) {
        size_t from = info[j].cluster, to = j + 1 < len ? info[j + 1].cluster : n;
        if (to - from > 1) {
            int letters = 0;
            for (size_t i = from; i < to; i++) {
                const rc_glyph_info *g = lookup(face, cps[i]);
                letters += g ? g->width : 0;
                lig[i] = 0;
            }
            lig[from] = (uint8_t)(to - from);
            int width = rc_face_glyph_advance(face, info[j].codepoint);
            note_ligature(face, cps + from, to - from, info[j].codepoint, width);
            kern[to - 1] = milli_signed(pos[j].x_advance, face->upem) - letters;
            continue;
        }
        if (to == n)
            continue; /* nothing follows the last character */
        const rc_glyph_info *g = lookup(face, cps[from]);
        /*
         * A character HarfBuzz drew with another glyph than its own (a
         * missing one, or a space it synthesised) has no kerning we can
         * express against libharu's width of that character.
         */
        if (!g || info[j].codepoint != g->gid)
            continue;
        kern[from] = milli_signed(pos[j].x_advance, face->upem) - g->width;
    }
    return 1;
}

/* Shape cps into kern (zeroed by the caller) and lig (all 1), with ligatures when lig is set. */
static void shape_kerning(rc_face *face, const uint32_t *cps, size_t n, int *kern, uint8_t *lig)
{
    if (shape_hb(face, cps, n, kern, lig))
        return;
    memset(kern, 0, n * sizeof(*kern));
    if (lig && shape_hb(face, cps, n, kern, NULL))
        return; /* a word that cannot be mapped with ligatures is set without */
    memset(kern, 0, n * sizeof(*kern));
}

/* Words longer than this are shaped each time: they are rare, and seldom repeat. */
#define KERN_MEMO_MAX_LEN 48

static uint32_t hash_cps(const uint32_t *cps, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a over the code points */
    for (size_t i = 0; i < n; i++) {
        h ^= cps[i];
        h *= 16777619u;
    }
    return h;
}

static void memo_grow(rc_face *face)
{
    size_t cap = face->memo_cap ? 2 * face->memo_cap : 128;
    kern_memo *memo = rc_xcalloc(cap, sizeof(*memo));
    for (size_t i = 0; i < face->memo_cap; i++) {
        kern_memo *e = &face->memo[i];
        if (!e->n)
            continue;
        size_t j = e->hash & (cap - 1);
        while (memo[j].n)
            j = (j + 1) & (cap - 1);
        memo[j] = *e;
    }
    free(face->memo);
    face->memo = memo;
    face->memo_cap = cap;
}

size_t rc_face_shape_count(const rc_face *face)
{
    return face->shapes;
}

/* One glyph of a word set from a compiled-in table: a character, or a ligature of several. */
typedef struct table_glyph {
    uint16_t gid;
    int16_t lig;   /* index of the face's ligature glyphs, -1: a character */
    uint32_t from; /* its first character */
    uint32_t n;    /* how many it shows */
} table_glyph;

/*
 * The face's 'liga' lookups applied to the word's glyphs as HarfBuzz
 * applies them (face_data.h): g holds one glyph per character and
 * receives the result; returns the number of glyphs.
 */
static size_t apply_ligatures(const rc_face_data *b, table_glyph *g, size_t n)
{
    for (size_t k = 0; k < b->n_lookups; k++) {
        size_t end = b->lookups[k + 1];
        for (size_t i = 0; i < n; i++) {
            /* the lookup's first ligature that starts with this glyph */
            size_t lo = b->lookups[k], hi = end;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (b->ligs[mid].first < g[i].gid)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t e = lo; e < end && b->ligs[e].first == g[i].gid; e++) {
                const rc_face_lig *l = &b->ligs[e];
                if (i + l->ncomp >= n)
                    continue;
                size_t c = 0;
                while (c < l->ncomp && g[i + 1 + c].gid == l->comp[c])
                    c++;
                if (c < l->ncomp)
                    continue;
                uint32_t shown = g[i].n;
                for (c = 1; c <= l->ncomp; c++)
                    shown += g[i + c].n;
                g[i].gid = b->lig_gids[l->glyph];
                g[i].lig = (int16_t)l->glyph;
                g[i].n = shown;
                memmove(g + i + 1, g + i + 1 + l->ncomp, (n - i - 1 - l->ncomp) * sizeof(*g));
                n -= l->ncomp;
                break;
            }
        }
    }
    return n;
}

/*
 * Whether HarfBuzz would set the word as Latin (run_script), for a word of
 * a shipped face, whose letters are Latin, Greek or Cyrillic, without
 * loading HarfBuzz: no Greek or Cyrillic letter before the first Latin one.
 * (0 for a few words HarfBuzz would call Latin: those are shaped.)
 */
static int latin_word(const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = cps[i];
        if (cp >= 0x370 && cp < 0x530)
            return 0;
        if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
            (cp >= 0xC0 && cp < 0x250 && cp != 0xD7 && cp != 0xF7))
            return 1;
    }
    return 1; /* no letter: HarfBuzz's default is Latin too */
}

/* Whether a ligature may start at the character (a compiled-in face). */
static int may_start_ligature(const rc_face *face, uint32_t cp)
{
    if (cp < 256)
        return (face->lig_start[cp >> 6] >> (cp & 63)) & 1;
    return face->lig_start_high;
}

/*
 * A word's ligatures from the face's compiled-in lookups, and the kerning
 * of its glyphs, as rc_face_shape reports them; 0 (when the word has a
 * ligature and a script other than Latin, which HarfBuzz would set with
 * that script's lookups) to have it shaped.
 */
static int ligatures_from_table(rc_face *face, const rc_glyph_info *const *info,
                                const uint32_t *cps, size_t n, int *out, uint8_t *lig)
{
    const rc_face_data *k = face->builtin;
    table_glyph small[32];
    table_glyph *g = n <= RC_ARRAY_LEN(small) ? small : rc_xmalloc(n * sizeof(*g));
    for (size_t i = 0; i < n; i++)
        g[i] = (table_glyph){info[i]->gid, -1, (uint32_t)i, 1};
    size_t ng = apply_ligatures(k, g, n);
    if (ng < n && !latin_word(cps, n)) {
        if (g != small)
            free(g);
        return 0;
    }
    for (size_t j = 0; j < ng; j++) {
        size_t last = g[j].from + g[j].n - 1;
        int extra = 0; /* a ligature's advance less its letters' */
        unsigned left;
        if (g[j].lig >= 0) {
            extra = k->lig_widths[g[j].lig];
            for (size_t i = g[j].from; i <= last; i++) {
                extra -= info[i]->width;
                lig[i] = 0;
            }
            lig[g[j].from] = (uint8_t)g[j].n;
            left = k->lig_left[g[j].lig];
            note_ligature(face, cps + g[j].from, g[j].n, g[j].gid, k->lig_widths[g[j].lig]);
        } else {
            left = info[g[j].from]->left;
        }
        if (j + 1 < ng) {
            unsigned right = g[j + 1].lig >= 0 ? k->lig_right[g[j + 1].lig]
                                               : info[g[j + 1].from]->right;
            out[last] = k->kern[left * k->n_right + right];
        }
        out[last] += extra;
    }
    if (g != small)
        free(g);
    return 1;
}

/*
 * The word's kerning (and with lig its ligatures) from the face's
 * compiled-in tables, unless it has a character whose words are shaped or
 * one the face lacks, which HarfBuzz may compose with its neighbour (then
 * 0, and out is zero again).
 */
static int kerning_from_table(rc_face *face, const uint32_t *cps, size_t n, int *out,
                              uint8_t *lig)
{
    const rc_face_data *k = face->builtin;
    const rc_glyph_info *next = lookup(face, cps[0]);
    int ligatures = 0;
    for (size_t i = 0; i < n; i++) {
        const rc_glyph_info *g = next;
        next = i + 1 < n ? lookup(face, cps[i + 1]) : NULL;
        if (!g || g->left == RC_KERN_SHAPED) {
            memset(out, 0, n * sizeof(*out));
            return 0;
        }
        ligatures |= lig && next && may_start_ligature(face, cps[i]);
        if (next && next->left != RC_KERN_SHAPED)
            out[i] = k->kern[g->left * k->n_right + next->right];
    }
    if (!ligatures)
        return 1;
    memset(out, 0, n * sizeof(*out));
    const rc_glyph_info *small[32];
    const rc_glyph_info **info = n <= RC_ARRAY_LEN(small) ? small : rc_xmalloc(n * sizeof(*info));
    for (size_t i = 0; i < n; i++)
        info[i] = lookup(face, cps[i]);
    int done = ligatures_from_table(face, info, cps, n, out, lig);
    if (info != small)
        free(info);
    if (!done) {
        memset(out, 0, n * sizeof(*out));
        memset(lig, 1, n);
    }
    return done;
}

void rc_face_kerning(rc_face *face, const uint32_t *cps, size_t n, int *out)
{
    rc_face_shape(face, cps, n, out, NULL);
}

void rc_face_shape(rc_face *face, const uint32_t *cps, size_t n, int *out, uint8_t *lig)
{
    if (n == 0)
        return;
    memset(out, 0, n * sizeof(*out));
    if (lig)
        memset(lig, 1, n);
    if (n < 2 || n > (size_t)INT_MAX)
        return;
    if (face->builtin && kerning_from_table(face, cps, n, out, lig))
        return;
    if (n > KERN_MEMO_MAX_LEN) {
        shape_kerning(face, cps, n, out, lig);
        return;
    }
    /*
     * A word's kerning depends on the word alone, and a CV repeats its
     * words (and the page builder sets some paragraphs twice): shaping each
     * distinct word once per face took the layout's kerning from a quarter
     * of its time to a few per cent.
     */
    if (2 * (face->memo_n + 1) > face->memo_cap)
        memo_grow(face);
    int liga = lig != NULL;
    uint32_t h = hash_cps(cps, n) ^ (uint32_t)liga;
    size_t j = h & (face->memo_cap - 1);
    for (;; j = (j + 1) & (face->memo_cap - 1)) {
        kern_memo *e = &face->memo[j];
        if (!e->n)
            break;
        if (e->hash == h && e->n == n && e->liga == liga &&
            !memcmp(e->cps, cps, n * sizeof(*cps))) {
            memcpy(out, e->kern, n * sizeof(*out));
            if (e->lig)
                memcpy(lig, e->lig, n);
            return;
        }
    }
    shape_kerning(face, cps, n, out, lig);
    kern_memo *e = &face->memo[j];
    e->hash = h;
    e->n = (uint32_t)n;
    e->liga = liga;
    e->cps = rc_arena_memdup(&face->memo_arena, cps, n, sizeof(*cps));
    e->kern = rc_arena_memdup(&face->memo_arena, out, n, sizeof(*out));
    e->lig = NULL;
    for (size_t i = 0; lig && i < n && !e->lig; i++)
        if (lig[i] != 1)
            e->lig = rc_arena_memdup(&face->memo_arena, lig, n, 1);
    face->memo_n++;
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
