/*
 * fontset: the font set of a document (font.h's rc_fonts). Families are
 * the shipped ones (prepared by fonts/prepare.py), any installed TrueType
 * or OpenType/CFF family found through fontconfig, or, for the names RenderCV's themes
 * use, the nearest shipped family; then the fallback chain for characters
 * a face lacks. fontconfig is only initialised when a document asks for
 * something not shipped: its set-up reads the whole font configuration and
 * costs more than a CV's layout.
 */
#include "font.h"
#include "font_store.h"

#include <pthread.h>
#include <fontconfig/fontconfig.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A family rescomp ships: its four faces, regular, bold, italic, bold italic. */
typedef struct shipped_family {
    const char *family;
    const char *file[RC_VARIANT_COUNT];
    const char *name[RC_VARIANT_COUNT];
} shipped_family;

static const shipped_family shipped[] = {
    {"CMU Serif",
     {"cmu-serif-regular.ttf", "cmu-serif-bold.ttf", "cmu-serif-italic.ttf",
      "cmu-serif-bold-italic.ttf"},
     {"CMU Serif", "CMU Serif Bold", "CMU Serif Italic", "CMU Serif Bold Italic"}},
    /* Charis SIL (Bitstream Charter's design), renamed as its licence asks of a subset */
    {"Rescomp Serif",
     {"rescomp-serif-regular.ttf", "rescomp-serif-bold.ttf", "rescomp-serif-italic.ttf",
      "rescomp-serif-bold-italic.ttf"},
     {"Rescomp Serif", "Rescomp Serif Bold", "Rescomp Serif Italic", "Rescomp Serif Bold Italic"}},
    /* Lato, renamed likewise */
    {"Rescomp Sans",
     {"rescomp-sans-regular.ttf", "rescomp-sans-bold.ttf", "rescomp-sans-italic.ttf",
      "rescomp-sans-bold-italic.ttf"},
     {"Rescomp Sans", "Rescomp Sans Bold", "Rescomp Sans Italic", "Rescomp Sans Bold Italic"}},
    /* The RenderCV themes' own fonts (fonts/README.md). Source Sans 3 (CFF), renamed */
    {"Rescomp Humanist",
     {"rescomp-humanist-regular.otf", "rescomp-humanist-bold.otf", "rescomp-humanist-italic.otf",
      "rescomp-humanist-bold-italic.otf"},
     {"Rescomp Humanist", "Rescomp Humanist Bold", "Rescomp Humanist Italic",
      "Rescomp Humanist Bold Italic"}},
    /* Raleway, renamed */
    {"Rescomp Display",
     {"rescomp-display-regular.ttf", "rescomp-display-bold.ttf", "rescomp-display-italic.ttf",
      "rescomp-display-bold-italic.ttf"},
     {"Rescomp Display", "Rescomp Display Bold", "Rescomp Display Italic",
      "Rescomp Display Bold Italic"}},
    /* Ubuntu, named as the Ubuntu Font Licence asks of a subset */
    {"Ubuntu derivative Rescomp",
     {"ubuntu-derivative-rescomp-regular.ttf", "ubuntu-derivative-rescomp-bold.ttf",
      "ubuntu-derivative-rescomp-italic.ttf", "ubuntu-derivative-rescomp-bold-italic.ttf"},
     {"Ubuntu derivative Rescomp", "Ubuntu derivative Rescomp Bold",
      "Ubuntu derivative Rescomp Italic", "Ubuntu derivative Rescomp Bold Italic"}},
    /* Gentium Book Plus, renamed */
    {"Rescomp Book",
     {"rescomp-book-regular.ttf", "rescomp-book-bold.ttf", "rescomp-book-italic.ttf",
      "rescomp-book-bold-italic.ttf"},
     {"Rescomp Book", "Rescomp Book Bold", "Rescomp Book Italic", "Rescomp Book Bold Italic"}},
    /* Latin Modern Roman 10 (New Computer Modern's metrics), CFF, renamed as
       the GUST Font License asks of a derived font */
    {"Rescomp Modern",
     {"rescomp-modern-regular.otf", "rescomp-modern-bold.otf", "rescomp-modern-italic.otf",
      "rescomp-modern-bold-italic.otf"},
     {"Rescomp Modern", "Rescomp Modern Bold", "Rescomp Modern Italic",
      "Rescomp Modern Bold Italic"}},
    /* XCharter (Bitstream Charter extended, CFF): its licence reserves no name */
    {"XCharter",
     {"xcharter-regular.otf", "xcharter-bold.otf", "xcharter-italic.otf",
      "xcharter-bold-italic.otf"},
     {"XCharter", "XCharter Bold", "XCharter Italic", "XCharter Bold Italic"}},
    /* EB Garamond reserves no name */
    {"EB Garamond",
     {"eb-garamond-regular.ttf", "eb-garamond-bold.ttf", "eb-garamond-italic.ttf",
      "eb-garamond-bold-italic.ttf"},
     {"EB Garamond", "EB Garamond Bold", "EB Garamond Italic", "EB Garamond Bold Italic"}},
};

/* The fixed faces besides the body family's. */
static const struct {
    const char *file;
    const char *name;
} fixed_files[] = {
    {"cmu-typewriter.ttf", "CMU Typewriter Text"}, /* RC_FACE_MONO */
    {"fontawesome-icons.ttf", "FontAwesome"},      /* RC_FACE_ICONS */
};

/*
 * Families RenderCV's themes and users name, and the shipped family that
 * stands in for each when it is not installed. Known names are mapped
 * without a warning: a RenderCV file that names its theme's font should
 * compile cleanly everywhere.
 */
static const struct {
    const char *name;
    const char *shipped;
} family_aliases[] = {
    /* LaTeX's faces, and the old-style book faces */
    {"Computer Modern", "CMU Serif"},
    /* New Computer Modern is Latin Modern extended, with its metrics: its
       bullets are 0.778 em where CMU Serif's are 0.5 */
    {"Latin Modern Roman", "Rescomp Modern"},
    {"New Computer Modern", "Rescomp Modern"},
    /* Fontin (moderncv's; neither Debian nor npm has it), a low-contrast face
       with a large x-height, is nearest XCharter: words 1.4% narrower than
       in RenderCV's PDF (bench/rendercv/compare.py), CMU Serif's 1.9% */
    {"Fontin", "XCharter"},
    {"Libertinus Serif", "CMU Serif"},
    /* Charter and the sturdy text serifs */
    {"Charter", "Rescomp Serif"},
    {"Bitstream Charter", "Rescomp Serif"},
    {"Charis SIL", "Rescomp Serif"},
    {"Gentium Book Plus", "Rescomp Book"},
    {"Gentium Book Basic", "Rescomp Book"},
    {"Gentium Plus", "Rescomp Book"},
    {"Georgia", "Rescomp Serif"},
    {"Times New Roman", "Rescomp Serif"},
    {"Source Serif 4", "Rescomp Serif"},
    {"Noto Serif", "Rescomp Serif"},
    /* humanist and grotesque sans families */
    {"Lato", "Rescomp Sans"},
    {"Source Sans 3", "Rescomp Humanist"},
    {"Source Sans Pro", "Rescomp Humanist"},
    {"Raleway", "Rescomp Display"},
    {"Ubuntu", "Ubuntu derivative Rescomp"},
    {"Open Sans", "Rescomp Sans"},
    {"Roboto", "Rescomp Sans"},
    {"Inter", "Rescomp Sans"},
    {"Noto Sans", "Rescomp Sans"},
    {"Fira Sans", "Rescomp Sans"},
    {"IBM Plex Sans", "Rescomp Sans"},
    {"Helvetica", "Rescomp Sans"},
    {"Arial", "Rescomp Sans"},
};

/* ---- fontconfig ------------------------------------------------------ */

/*
 * fontconfig's set-up is process-wide, and so is whether it worked: made
 * once, by whichever thread asks first (FcInit itself is not safe to race).
 */
static pthread_once_t fc_once = PTHREAD_ONCE_INIT;
static int fc_state; /* 1 ready, -1 unusable */

static void fc_init(void)
{
    fc_state = FcInit() ? 1 : -1;
}

static int fc_ready(void)
{
    pthread_once(&fc_once, fc_init);
    return fc_state > 0;
}

/* A candidate face of an installed family. */
typedef struct fc_candidate {
    const char *file;
    int index, weight, slant;
} fc_candidate;

/*
 * How far a face is from the weight and slant wanted: a wrong slant costs
 * more than any weight difference (an italic is never a stand-in for an
 * upright face, nor the other way round), then the distance in weight.
 */
static int fc_distance(const fc_candidate *c, int bold, int italic)
{
    int want = bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
    int slanted = c->slant != FC_SLANT_ROMAN;
    return (slanted != italic) * 10000 + abs(c->weight - want);
}

/*
 * The best face of a font set for a weight and slant, among TrueType and
 * OpenType/CFF faces (fontconfig's "CFF"); ties go to the lower file name
 * and index, so the choice does not depend on the order fontconfig lists
 * files in.
 */
static int fc_best(FcFontSet *set, int bold, int italic, fc_candidate *best)
{
    int found = 0, best_dist = 0;
    for (int i = 0; set && i < set->nfont; i++) {
        FcPattern *p = set->fonts[i];
        FcChar8 *file, *format;
        fc_candidate c = {0};
        if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch ||
            FcPatternGetString(p, FC_FONTFORMAT, 0, &format) != FcResultMatch ||
            (strcmp((const char *)format, "TrueType") != 0 &&
             strcmp((const char *)format, "CFF") != 0))
            continue;
        c.file = (const char *)file;
        if (FcPatternGetInteger(p, FC_INDEX, 0, &c.index) != FcResultMatch)
            c.index = 0;
        if (FcPatternGetInteger(p, FC_WEIGHT, 0, &c.weight) != FcResultMatch)
            c.weight = FC_WEIGHT_REGULAR;
        if (FcPatternGetInteger(p, FC_SLANT, 0, &c.slant) != FcResultMatch)
            c.slant = FC_SLANT_ROMAN;
        int dist = fc_distance(&c, bold, italic);
        int cmp = found ? strcmp(c.file, best->file) : 0;
        if (!found || dist < best_dist ||
            (dist == best_dist && (cmp < 0 || (cmp == 0 && c.index < best->index)))) {
            *best = c;
            best_dist = dist;
            found = 1;
        }
    }
    return found;
}

/* Synthetic-style bits for using candidate c where (bold, italic) is wanted. */
static unsigned char fc_synthetic(const fc_candidate *c, int bold, int italic)
{
    unsigned char synth = 0;
    if (bold && c->weight < FC_WEIGHT_DEMIBOLD)
        synth |= RC_SYNTH_BOLD;
    if (italic && c->slant == FC_SLANT_ROMAN)
        synth |= RC_SYNTH_SLANT;
    return synth;
}

static FcFontSet *fc_list(FcPattern *pat)
{
    /* Not FcObjectSetBuild: a variadic function cannot be forwarded (lazy_libs.h). */
    static const char *const objects[] = {FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_FONTFORMAT};
    FcObjectSet *os = FcObjectSetCreate();
    for (size_t i = 0; os && i < RC_ARRAY_LEN(objects); i++)
        FcObjectSetAdd(os, objects[i]);
    FcFontSet *set = os ? FcFontList(NULL, pat, os) : NULL;
    FcObjectSetDestroy(os);
    return set;
}

/*
 * The four faces of an installed family, each the family's closest face
 * (synthetic bold or slant where it has none). 0 when the family is not
 * installed; -1 when it is but cannot be used, with the reason in *why and
 * the file in *file (valid until the next call).
 */
static int fc_family(rc_font_store *s, const char *family, rc_face **faces, unsigned char *synth,
                     const char **why, rc_buf *file)
{
    if (!fc_ready())
        return 0;
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcFontSet *set = fc_list(pat);
    FcPatternDestroy(pat);
    int found = set && set->nfont > 0;
    int ok = found;
    *why = "it has no TrueType or OpenType/CFF face"; /* Type 1, bitmaps */
    for (int v = 0; ok && v < RC_VARIANT_COUNT; v++) {
        int bold = (v & RC_VARIANT_BOLD) != 0, italic = (v & RC_VARIANT_ITALIC) != 0;
        fc_candidate c;
        ok = fc_best(set, bold, italic, &c);
        if (ok) {
            rc_buf_reset(file);
            rc_buf_adds(file, c.file);
            faces[v] = rc_store_face(s, c.file, (unsigned)c.index, NULL, RC_USE_TEXT, why);
            ok = faces[v] != NULL;
            synth[v] = fc_synthetic(&c, bold, italic);
        }
    }
    if (set)
        FcFontSetDestroy(set);
    return ok ? 1 : found ? -1 : 0;
}

/*
 * An installed face that has cp, as close to the weight and slant as the
 * fonts that have it allow; fontconfig's own order of preference (the
 * user's configuration) decides between families. NULL if none has it.
 */
static rc_face *fc_fallback(rc_font_store *s, uint32_t cp, int bold, int italic,
                            unsigned char *synth)
{
    if (rc_store_known_missing(s, cp))
        return NULL;
    rc_face *face = NULL;
    if (fc_ready()) {
        FcCharSet *cs = FcCharSetCreate();
        FcCharSetAddChar(cs, cp);
        FcPattern *pat = FcPatternCreate();
        FcPatternAddCharSet(pat, FC_CHARSET, cs);
        FcPatternAddString(pat, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
        FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
        FcConfigSubstitute(NULL, pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult res;
        FcFontSet *sorted = FcFontSort(NULL, pat, FcFalse, NULL, &res);
        /* The first family in fontconfig's order that has cp; then its best face. */
        for (int i = 0; !face && sorted && i < sorted->nfont; i++) {
            FcCharSet *has;
            FcChar8 *family, *format;
            if (FcPatternGetCharSet(sorted->fonts[i], FC_CHARSET, 0, &has) != FcResultMatch ||
                !FcCharSetHasChar(has, cp) ||
                FcPatternGetString(sorted->fonts[i], FC_FONTFORMAT, 0, &format) != FcResultMatch ||
                strcmp((const char *)format, "TrueType") != 0 ||
                FcPatternGetString(sorted->fonts[i], FC_FAMILY, 0, &family) != FcResultMatch)
                continue;
            FcPattern *fam = FcPatternCreate();
            FcPatternAddString(fam, FC_FAMILY, family);
            FcPatternAddCharSet(fam, FC_CHARSET, cs);
            FcFontSet *set = fc_list(fam);
            FcPatternDestroy(fam);
            fc_candidate c;
            const char *why;
            if (fc_best(set, bold, italic, &c)) {
                face = rc_store_face(s, c.file, (unsigned)c.index, NULL, RC_USE_FALLBACK, &why);
                if (face && !rc_face_has_char(face, cp))
                    face = NULL; /* fontconfig's charset and the cmap disagree */
                if (face)
                    *synth = fc_synthetic(&c, bold, italic);
            }
            if (set)
                FcFontSetDestroy(set);
        }
        if (sorted)
            FcFontSetDestroy(sorted);
        FcPatternDestroy(pat);
        FcCharSetDestroy(cs);
    }
    if (!face)
        rc_store_note_missing(s, cp);
    return face;
}

/* ---- font sets ------------------------------------------------------- */

static void set_push(rc_fonts *f, rc_face *face, int variant, unsigned char synth)
{
    if (f->nfaces == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 16;
        f->faces = rc_xrealloc(f->faces, f->cap * sizeof(*f->faces));
        f->synthetic = rc_xrealloc(f->synthetic, f->cap);
        f->variant = rc_xrealloc(f->variant, f->cap);
    }
    f->faces[f->nfaces] = face;
    f->synthetic[f->nfaces] = synth;
    f->variant[f->nfaces] = (unsigned char)variant;
    f->nfaces++;
}

static const shipped_family *find_shipped(const char *name)
{
    for (size_t i = 0; i < RC_ARRAY_LEN(shipped); i++)
        if (!strcasecmp(shipped[i].family, name))
            return &shipped[i];
    return NULL;
}

static int load_shipped(rc_font_store *s, const shipped_family *fam, rc_face **faces,
                        unsigned char *synth, rc_diags *d)
{
    for (int v = 0; v < RC_VARIANT_COUNT; v++) {
        faces[v] = rc_store_shipped_face(s, fam->file[v], fam->name[v], RC_USE_TEXT, d);
        synth[v] = 0;
        if (!faces[v])
            return -1;
    }
    return 0;
}

/* Whether name contains word, ignoring ASCII case. */
static int contains_ci(const char *name, const char *word)
{
    size_t n = strlen(word);
    for (; *name; name++)
        if (!strncasecmp(name, word, n))
            return 1;
    return 0;
}

/* The shipped family a name that is neither shipped nor installed falls back to. */
static const shipped_family *nearest_shipped(const char *name, int *known)
{
    *known = 0;
    for (size_t i = 0; i < RC_ARRAY_LEN(family_aliases); i++)
        if (!strcasecmp(family_aliases[i].name, name)) {
            const shipped_family *fam = find_shipped(family_aliases[i].shipped);
            if (fam) {
                *known = 1;
                return fam;
            }
        }
    /* A sans family wants the shipped sans, if there is one; else the first family. */
    const shipped_family *sans = find_shipped("Rescomp Sans");
    if (sans && contains_ci(name, "sans") && !contains_ci(name, "serif"))
        return sans;
    return &shipped[0];
}

static void list_shipped(rc_buf *b)
{
    for (size_t i = 0; i < RC_ARRAY_LEN(shipped); i++)
        rc_buf_addf(b, "%s'%s'", i ? ", " : "", shipped[i].family);
}

/* The four faces of the family a request names. */
static int resolve_family(rc_font_store *s, const rc_family_request *r, rc_face **faces,
                          unsigned char *synth, rc_diags *d)
{
    const char *name = r->name && *r->name ? r->name : shipped[0].family;
    const shipped_family *fam = find_shipped(name);
    if (fam)
        return load_shipped(s, fam, faces, synth, d);
    int known;
    /*
     * A theme's family (RenderCV's Source Sans 3, XCharter, ...) is its
     * shipped stand-in without asking fontconfig: the theme then looks the
     * same on every machine, and a run does not pay fontconfig's set-up
     * (about 3 ms, more than the layout of a CV). A family the CV names
     * itself is looked for among the installed fonts first.
     */
    if (!r->user) {
        fam = nearest_shipped(name, &known);
        if (known)
            return load_shipped(s, fam, faces, synth, d);
    }
    const char *why = NULL;
    rc_buf file = RC_BUF_INIT;
    int installed = fc_family(s, name, faces, synth, &why, &file);
    if (installed > 0) {
        rc_buf_release(&file);
        return 0;
    }
    fam = nearest_shipped(name, &known);
    if (r->user && (installed < 0 || !known)) {
        rc_buf b = RC_BUF_INIT;
        list_shipped(&b);
        if (installed < 0)
            rc_warning(d, r->pos,
                       "font family '%s' cannot be used ('%s': %s); using '%s' instead. "
                       "Name another installed family or one of %s",
                       name, rc_buf_str(&file), why, fam->family, rc_buf_str(&b));
        else
            rc_warning(d, r->pos,
                       "font family '%s' is not installed; using '%s' instead. Install it "
                       "(fc-list shows what is), or name one of %s",
                       name, fam->family, rc_buf_str(&b));
        rc_buf_release(&b);
    }
    rc_buf_release(&file);
    return load_shipped(s, fam, faces, synth, d);
}

int rc_fonts_open(rc_fonts *f, rc_font_store *s, const rc_family_request req[RC_ROLE_COUNT],
                  rc_diags *d)
{
    memset(f, 0, sizeof(*f));
    f->store = s;
    rc_face *faces[RC_VARIANT_COUNT];
    unsigned char synth[RC_VARIANT_COUNT];
    if (resolve_family(s, &req[RC_ROLE_BODY], faces, synth, d) < 0)
        goto fail;
    for (int v = 0; v < RC_VARIANT_COUNT; v++)
        set_push(f, faces[v], v, synth[v]);
    for (size_t i = 0; i < RC_ARRAY_LEN(fixed_files); i++) {
        rc_face *face = rc_store_shipped_face(s, fixed_files[i].file, fixed_files[i].name,
                                     i == 0 ? RC_USE_TEXT : RC_USE_ICONS, d);
        if (!face)
            goto fail;
        set_push(f, face, 0, 0);
    }
    f->nfamilies = 1;
    /* Each further family once, however many roles name it. */
    const char *names[RC_ROLE_COUNT] = {req[RC_ROLE_BODY].name};
    for (int role = RC_ROLE_BODY + 1; role < RC_ROLE_COUNT; role++) {
        const char *name = req[role].name;
        f->role_family[role] = 0;
        if (!name || !*name)
            continue;
        int k = 0;
        while (k < f->nfamilies && !(names[k] && !strcasecmp(names[k], name)))
            k++;
        if (k == f->nfamilies) {
            if (resolve_family(s, &req[role], faces, synth, d) < 0)
                goto fail;
            /* Two names for one family (an alias, a stand-in) share its faces. */
            k = 0;
            while (k < f->nfamilies &&
                   !(f->faces[rc_fonts_face(f, k, 0)] == faces[0] &&
                     f->synthetic[rc_fonts_face(f, k, RC_VARIANT_BOLD)] == synth[RC_VARIANT_BOLD]))
                k++;
            if (k == f->nfamilies) {
                for (int v = 0; v < RC_VARIANT_COUNT; v++)
                    set_push(f, faces[v], v, synth[v]);
                f->nfamilies++;
            }
            names[k] = name;
        }
        f->role_family[role] = k;
    }
    return 0;
fail:
    rc_fonts_release(f);
    return -1;
}

int rc_fonts_load(rc_fonts *f, const char *dir, rc_diags *d)
{
    rc_family_request req[RC_ROLE_COUNT] = {{0}};
    rc_font_store *s = rc_font_store_new(dir);
    if (rc_fonts_open(f, s, req, d) < 0) {
        rc_font_store_free(s);
        return -1;
    }
    f->owns_store = 1;
    return 0;
}

void rc_fonts_release(rc_fonts *f)
{
    if (f->owns_store)
        rc_font_store_free(f->store);
    free(f->faces);
    free(f->synthetic);
    free(f->variant);
    memset(f, 0, sizeof(*f));
}

rc_face_id rc_fonts_face(const rc_fonts *f, int family, int variant)
{
    if (family <= 0 || family >= f->nfamilies)
        return variant;
    return RC_FACE_COUNT + (family - 1) * RC_VARIANT_COUNT + variant;
}

rc_face_id rc_fonts_fallback(rc_fonts *f, rc_face_id id, uint32_t cp)
{
    if (id == RC_FACE_ICONS || id < 0 || (size_t)id >= f->nfaces)
        return -1;
    int variant = f->variant[id];
    int bold = (variant & RC_VARIANT_BOLD) != 0, italic = (variant & RC_VARIANT_ITALIC) != 0;

    /* The document's own families first, in the same style. */
    for (int k = 0; k < f->nfamilies; k++) {
        rc_face_id other = rc_fonts_face(f, k, variant);
        if (other != id && rc_face_has_char(f->faces[other], cp))
            return other;
    }
    /* Faces added as fallbacks before, for this style. */
    size_t first_fallback = RC_FACE_COUNT + (size_t)(f->nfamilies - 1) * RC_VARIANT_COUNT;
    for (size_t i = first_fallback; i < f->nfaces; i++)
        if (rc_face_has_char(f->faces[i], cp) && f->variant[i] == variant)
            return (rc_face_id)i;

    rc_face *face = NULL;
    unsigned char synth = 0;
    rc_diags quiet;
    rc_diags_init(&quiet);
    for (size_t i = 0; !face && i < RC_ARRAY_LEN(shipped); i++) {
        face = rc_store_shipped_face(f->store, shipped[i].file[variant], shipped[i].name[variant],
                            RC_USE_FALLBACK, &quiet);
        if (face && !rc_face_has_char(face, cp))
            face = NULL;
    }
    rc_diags_release(&quiet);
    if (!face)
        face = fc_fallback(f->store, cp, bold, italic, &synth);
    if (!face)
        return -1;
    set_push(f, face, variant, synth);
    return (rc_face_id)(f->nfaces - 1);
}

