#!/usr/bin/python3
"""Prepare the text fonts rescomp ships, from Debian's font packages (and,
for RenderCV's theme fonts Debian lacks, npm's font packages: NPM_DIR; for
XCharter, TeX Live's tree: TEXMF_DIR).

Run by hand by a developer (never at build time); its outputs are committed:

    apt-get install fonts-cmu fonts-lato fonts-sil-charis python3-fonttools
    /usr/bin/python3 fonts/prepare.py            # every family
    /usr/bin/python3 fonts/prepare.py cmu lato   # only these (keys of FAMILIES)

Debian's Python, which has fontTools. FAMILIES below says where each face
comes from and what it becomes. What the script does to each face, and why
(see fonts/README.md):

1. Flattens every composite glyph into a simple glyph.  libharu 2.3.0 embeds
   a composite's components but not the components of those components, so
   a glyph such as a-tilde (a + tilde, where tilde is itself a composite)
   prints without its parts.  Flattening *all* composites, not only nested
   ones, makes the rule trivially checkable: the shipped files contain no
   composite glyph at all (tests/unit/test_font.c asserts it for CMU).
2. Subsets to the characters a CV needs (Latin, Latin-1, Latin Extended-A,
   Greek, Cyrillic, General Punctuation, a few symbols), keeping only the
   'kern' and 'liga' layout features (the ligature glyphs with them; not
   'liga' in the monospace face, which sets code).  Every other GSUB/GPOS
   feature is removed, because HarfBuzz applies its default features (ccmp,
   locl, calt, mark, ...) whenever they are there; a font that has nothing
   else cannot surprise us, and a ligature is the one case of several
   characters in one glyph, which the PDF device maps back to its letters.
   Hinting and
   glyph names are dropped to save space (libharu 2.3.0 writes an empty
   table for a missing cvt/fpgm/prep).
3. Renames the family when its licence reserves the name: a subset is a
   Modified Version under the SIL OFL, and OFL condition 3 forbids it the
   Reserved Font Names (Lato: "Lato"; Charis SIL: "Charis" and "SIL").  The
   copyright and licence strings (name IDs 0, 13, 14) are kept as they are.
4. Writes fonts/<name>.ttf (.otf for CFF outlines, which are not
   flattened: CFF has no composites) and checks the result: no composite left, every
   requested character of the source still mapped with its advance width,
   every kern value between kept characters unchanged (GPOS, per script and
   language; a legacy 'kern' table is kept only where there is no GPOS
   kerning, the only case HarfBuzz reads it), the table set libharu needs,
   the copyright and licence names verbatim, no reserved name left in the
   names a user sees.

The output is deterministic: the source's head.modified is kept, so running
the script twice gives byte-identical files.
"""

import os
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables, ttProgram
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphCoordinates

OUT_DIR = os.path.dirname(os.path.abspath(__file__))

# key: (Debian package, source directory, new family name or None,
#       Reserved Font Names of the licence, [(source file, output file)]).
# A family renamed here gets "<family>" as name ID 1 and "<Family>-<Style>"
# (spaces removed) as PostScript name; its output files are named after it.
FAMILIES = {
    "cmu": ("fonts-cmu", "/usr/share/fonts/truetype/cmu", None,
            # OFL.txt reserves "Computer Modern Unicode fonts"; the family
            # names ("CMU Serif", "CMU Typewriter Text") do not use it.
            [],
            [("cmunrm.ttf", "cmu-serif-regular.ttf"),
             ("cmunbx.ttf", "cmu-serif-bold.ttf"),
             ("cmunti.ttf", "cmu-serif-italic.ttf"),
             ("cmunbi.ttf", "cmu-serif-bold-italic.ttf"),
             ("cmuntt.ttf", "cmu-typewriter.ttf")]),
    "lato": ("fonts-lato", "/usr/share/fonts/truetype/lato", "Rescomp Sans",
             ["Lato"],
             [("Lato-Regular.ttf", "rescomp-sans-regular.ttf"),
              ("Lato-Bold.ttf", "rescomp-sans-bold.ttf"),
              ("Lato-Italic.ttf", "rescomp-sans-italic.ttf"),
              ("Lato-BoldItalic.ttf", "rescomp-sans-bold-italic.ttf")]),
    "charis": ("fonts-sil-charis", "/usr/share/fonts/truetype/charis", "Rescomp Serif",
               ["Charis", "SIL"],
               [("CharisSIL-Regular.ttf", "rescomp-serif-regular.ttf"),
                ("CharisSIL-Bold.ttf", "rescomp-serif-bold.ttf"),
                ("CharisSIL-Italic.ttf", "rescomp-serif-italic.ttf"),
                ("CharisSIL-BoldItalic.ttf", "rescomp-serif-bold-italic.ttf")]),
    # The RenderCV themes' own fonts. Source Sans 3 stays CFF (Adobe's .otf:
    # rescomp embeds CFF itself); the others are the TrueType files RenderCV
    # itself embeds (Google Fonts' builds, as npm's @expo-google-fonts ship).
    "sourcesans3": ("npm:source-sans@3.52.0", "npm:source-sans-3.52.0/package/OTF",
                    "Rescomp Humanist", ["Source"],
                    [("SourceSans3-Regular.otf", "rescomp-humanist-regular.otf"),
                     ("SourceSans3-Bold.otf", "rescomp-humanist-bold.otf"),
                     ("SourceSans3-It.otf", "rescomp-humanist-italic.otf"),
                     ("SourceSans3-BoldIt.otf", "rescomp-humanist-bold-italic.otf")]),
    "raleway": ("npm:@expo-google-fonts/raleway@0.4.2", "npm:expo-google-fonts-raleway-0.4.2/package",
                "Rescomp Display", ["Raleway"],
                [("400Regular/Raleway_400Regular.ttf", "rescomp-display-regular.ttf"),
                 ("700Bold/Raleway_700Bold.ttf", "rescomp-display-bold.ttf"),
                 ("400Regular_Italic/Raleway_400Regular_Italic.ttf", "rescomp-display-italic.ttf"),
                 ("700Bold_Italic/Raleway_700Bold_Italic.ttf", "rescomp-display-bold-italic.ttf")]),
    # The Ubuntu Font Licence 1.0, condition 2(c): a Modified Version that is
    # not Substantially Changed (a subset looks the same) is named "<original
    # name> derivative <X>".
    "ubuntu": ("npm:@expo-google-fonts/ubuntu@0.4.1", "npm:expo-google-fonts-ubuntu-0.4.1/package",
               "Ubuntu derivative Rescomp", [],
               [("400Regular/Ubuntu_400Regular.ttf", "ubuntu-derivative-rescomp-regular.ttf"),
                ("700Bold/Ubuntu_700Bold.ttf", "ubuntu-derivative-rescomp-bold.ttf"),
                ("400Regular_Italic/Ubuntu_400Regular_Italic.ttf",
                 "ubuntu-derivative-rescomp-italic.ttf"),
                ("700Bold_Italic/Ubuntu_700Bold_Italic.ttf",
                 "ubuntu-derivative-rescomp-bold-italic.ttf")]),
    # EB Garamond (Octavio Pardo's, Google Fonts') reserves no name.
    "ebgaramond": ("npm:@expo-google-fonts/eb-garamond@0.4.3",
                   "npm:expo-google-fonts-eb-garamond-0.4.3/package", None, [],
                   [("400Regular/EBGaramond_400Regular.ttf", "eb-garamond-regular.ttf"),
                    ("700Bold/EBGaramond_700Bold.ttf", "eb-garamond-bold.ttf"),
                    ("400Regular_Italic/EBGaramond_400Regular_Italic.ttf", "eb-garamond-italic.ttf"),
                    ("700Bold_Italic/EBGaramond_700Bold_Italic.ttf", "eb-garamond-bold-italic.ttf")]),
    "gentiumbook": ("fonts-sil-gentiumplus", "/usr/share/fonts/truetype/gentiumplus", "Rescomp Book",
                    ["Gentium", "SIL"],
                    [("GentiumBookPlus-Regular.ttf", "rescomp-book-regular.ttf"),
                     ("GentiumBookPlus-Bold.ttf", "rescomp-book-bold.ttf"),
                     ("GentiumBookPlus-Italic.ttf", "rescomp-book-italic.ttf"),
                     ("GentiumBookPlus-BoldItalic.ttf", "rescomp-book-bold-italic.ttf")]),
    # Latin Modern Roman 10 (New Computer Modern's metrics, sb2nov's font),
    # CFF outlines. The GUST Font License (LPPL 1.3c) requests a new name for
    # a derived font and requires a notice of the changes (LPPL 6b): see
    # CHANGE_NOTICES.
    "lmodern": ("fonts-lmodern", "/usr/share/texmf/fonts/opentype/public/lm", "Rescomp Modern",
                ["Latin Modern", "LM Roman", "LMRoman10"],
                [("lmroman10-regular.otf", "rescomp-modern-regular.otf"),
                 ("lmroman10-bold.otf", "rescomp-modern-bold.otf"),
                 ("lmroman10-italic.otf", "rescomp-modern-italic.otf"),
                 ("lmroman10-bolditalic.otf", "rescomp-modern-bold-italic.otf")]),
    # XCharter 1.221 (Michael Sharpe's extension of Bitstream Charter:
    # harvard's and engineeringresumes' font), CFF outlines. Bitstream's
    # Charter licence allows modified copies and reserves no name; the
    # family keeps its name, the one RenderCV's themes ask for (README.md).
    "xcharter": ("texlive-fonts-extra", "texmf:fonts/opentype/public/xcharter", None, [],
                 [("XCharter-Roman.otf", "xcharter-regular.otf"),
                  ("XCharter-Bold.otf", "xcharter-bold.otf"),
                  ("XCharter-Italic.otf", "xcharter-italic.otf"),
                  ("XCharter-BoldItalic.otf", "xcharter-bold-italic.otf")]),
}

# A notice written as name ID 10 (description) into a renamed family whose
# licence asks that a derived font say what was changed and where the
# original is (the LPPL's clause 6b and 6d, for Latin Modern).
CHANGE_NOTICES = {
    "Rescomp Modern": "Derived from Latin Modern Roman 10 2.004 (B. Jackowski and J. M. Nowacki, "
                      "GUST Font License) by rescomp's fonts/prepare.py: subset, OpenType features "
                      "other than kern and liga removed, renamed. The changes are listed in "
                      "fonts/README.md; the original is at https://www.gust.org.pl/projects/"
                      "e-foundry/latin-modern and in TeX distributions.",
}

# Where the npm packages (source "npm:<directory>") were unpacked: each
# `npm pack NAME@VERSION` tarball into a directory named as the tarball.
NPM_DIR = os.environ.get("NPM_FONT_DIR", "npm-fonts")
# TeX Live's tree (source "texmf:<directory>"): Debian's texlive-* packages
# install it here; TEXMF_DIST names another copy of the same files.
TEXMF_DIR = os.environ.get("TEXMF_DIST", "/usr/share/texlive/texmf-dist")


def source_path(source_dir):
    if source_dir.startswith("npm:"):
        return os.path.join(NPM_DIR, source_dir[4:])
    if source_dir.startswith("texmf:"):
        return os.path.join(TEXMF_DIR, source_dir[6:])
    return source_dir

# The characters kept, in every family (only those the source font has are
# kept, of course).
UNICODES = (
    list(range(0x0020, 0x007F))      # Basic Latin
    + list(range(0x00A0, 0x0100))    # Latin-1 Supplement (incl. NBSP, soft hyphen, degree, middle dot)
    + list(range(0x0100, 0x0180))    # Latin Extended-A
    + list(range(0x0218, 0x021C))    # S/T with comma below (Romanian names)
    + list(range(0x0370, 0x0400))    # Greek and Coptic
    + list(range(0x0400, 0x0460))    # Cyrillic: Russian, Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian
    + [0x0490, 0x0491]               # Ukrainian Ge with upturn
    + list(range(0x2000, 0x2070))    # General Punctuation: dashes, quotes, bullet, ellipsis
    + [0x20AC,                       # euro sign
       0x2116,                       # numero sign
       0x2122,                       # trade mark sign
       0x2190, 0x2192,               # arrows
       0x2212,                       # minus sign
       0x25E6,                       # white bullet (nested lists; absent in Charis)
       0x2023]                       # triangular bullet (nested lists; absent in CMU and Lato)
)

# Name IDs kept: copyright, family, style, unique ID, full name, version,
# PostScript name, licence, licence URL.
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14]
# The names that identify the font to a user (OFL condition 3, "the primary
# font name as presented to the users"); 0, 5, 13, 14 keep the originals'.
PRESENTED_NAME_IDS = (1, 2, 3, 4, 6)


def flatten_composites(font):
    """Replace every composite glyph by a simple glyph with the same outline.

    Glyph.getCoordinates() resolves components recursively (offsets, scales,
    point matching) exactly as fontTools computes bounds; we keep the points
    as they are (no re-drawing through a pen, so no point is added or lost)
    and keep only the on-curve bit of the flags.  Coordinates stay in the
    glyph's own space, and hmtx (advance and left side bearing) is left
    untouched, so every glyph keeps its position and width.
    """
    if "glyf" not in font:
        return 0  # CFF outlines have no composites
    glyf = font["glyf"]
    count = 0
    for name in font.getGlyphOrder():
        g = glyf[name]
        if not g.isComposite():
            continue
        coords, end_pts, flags = g.getCoordinates(glyf)
        coords = GlyphCoordinates(coords)
        coords.toInt()
        new = Glyph()
        new.numberOfContours = len(end_pts)
        new.coordinates = coords
        new.endPtsOfContours = list(end_pts)
        new.flags = bytearray(f & 0x01 for f in flags)
        new.program = ttProgram.Program()
        new.program.fromBytecode(b"")
        new.recalcBounds(glyf)
        glyf[name] = new
        count += 1
    return count


def align_side_bearings(font):
    """Make every glyph's hmtx left side bearing equal its xMin.

    Saving recomputes glyph bounds from all points, off-curve ones included,
    while FontForge stored the bounds of the curves; for a few glyphs xMin
    moves by a unit or two. FreeType-based viewers shift an outline by
    lsb - xMin, which was 0 in the source, so keep it 0. Advances (the
    widths libharu writes) are not touched.
    """
    if "glyf" not in font:
        return  # CFF: the subsetter keeps hmtx as it is
    glyf, hmtx = font["glyf"], font["hmtx"]
    for name in font.getGlyphOrder():
        g = glyf[name]
        if g.numberOfContours == 0:
            continue
        g.recalcBounds(glyf)
        advance, _ = hmtx[name]
        hmtx[name] = (advance, g.xMin)


def rename_family(font, family):
    """Give the face a new family name in every name record a user sees.

    Family (1) becomes `family`, the full name (4) "<family> <style>", the
    PostScript name (6) "<Family>-<Style>" without spaces, the unique ID (3)
    "<version>;rescomp;<PostScript name>". The style (2) stays; so do the
    copyright (0), version (5) and licence (13, 14), which must.
    """
    name = font["name"]
    ps_family = family.replace(" ", "")
    version = "%.3f" % font["head"].fontRevision
    # The Windows style name: Latin Modern's Macintosh one carries the
    # optical size ("10 Regular"), which the new name does not.
    win_style = name.getName(2, 3, 1, 0x409)
    for rec in list(name.names):
        if rec.nameID not in (1, 2, 3, 4, 6):
            continue
        style = win_style or name.getName(2, rec.platformID, rec.platEncID, rec.langID)
        style = style.toUnicode() if style else "Regular"
        if rec.nameID == 2:
            rec.string = style
            continue
        ps_name = f"{ps_family}-{style.replace(' ', '')}"
        rec.string = {1: family,
                      3: f"{version};rescomp;{ps_name}",
                      4: f"{family} {style}",
                      6: ps_name}[rec.nameID]
    if "CFF " in font:
        # the CFF's own names are the ones a PDF's FontFile3 carries
        cff = font["CFF "].cff
        top = cff.topDictIndex[0]
        style = (win_style.toUnicode() if win_style else "Regular").replace(" ", "")
        cff.fontNames = [f"{ps_family}-{style}"]
        if getattr(top, "FullName", None):
            top.FullName = f"{family} {win_style.toUnicode() if win_style else 'Regular'}"
        if getattr(top, "FamilyName", None):
            top.FamilyName = family
    notice = CHANGE_NOTICES.get(family)
    if notice:
        for rec in [r for r in name.names if r.nameID == 1]:
            name.setName(notice, 10, rec.platformID, rec.platEncID, rec.langID)


def spacing_not_marks(font):
    """Class as base glyphs the glyphs GDEF calls marks (Gentium's spacing
    Greek tonos and ypogegrammeni, U+0384, U+0385, U+037A): the subset
    keeps no combining mark, and HarfBuzz would zero their advances, which
    the layout measures with libharu's widths. Returns how many."""
    if "GDEF" not in font or not font["GDEF"].table.GlyphClassDef:
        return 0
    classes = font["GDEF"].table.GlyphClassDef.classDefs
    marks = [g for g, c in classes.items() if c == 3]
    for g in marks:
        classes[g] = 1
    return len(marks)


def has_gpos_kern(font):
    return "GPOS" in font and font["GPOS"].table.FeatureList is not None and any(
        fr.FeatureTag == "kern" for fr in font["GPOS"].table.FeatureList.FeatureRecord)


# Faces that keep no ligature: code is set in them, letter by letter.
MONOSPACE = ("cmu-typewriter.ttf",)


def subset_options(legacy_kern, ligatures):
    o = subset.Options()
    # nothing else: see the module comment
    o.layout_features = ["kern", "liga"] if ligatures else ["kern"]
    # A legacy 'kern' table is kept only for a source without GPOS kerning:
    # HarfBuzz reads it only then (Lato has both; its 'kern' table, 50 KB a
    # face, holds a fifth of its GPOS pairs and would never be read).
    o.legacy_kern = legacy_kern
    o.hinting = False              # drops cvt/fpgm/prep and glyph programs
    o.glyph_names = False          # post table format 3
    o.notdef_outline = True        # a missing glyph shows as a box, not nothing
    o.name_IDs = NAME_IDS          # incl. copyright and licence
    o.name_legacy = True           # libharu 2.3.0 reads the Mac names first
    o.name_languages = ["*"]
    o.drop_tables += ["FFTM", "TeX", "BDF", "STAT"]  # fontTools compares stripped tags; STAT names styles a PDF has no use for
    if not ligatures:
        o.drop_tables += ["GSUB"]
    o.recalc_bounds = True
    o.recalc_timestamp = False
    return o


# ---- kerning, as HarfBuzz applies it ------------------------------------

def _values(*records):
    return tuple(getattr(v, f, 0) or 0 for v in records
                 for f in ("XPlacement", "YPlacement", "XAdvance", "YAdvance"))


def _pair_lookup(lookup, glyphs):
    """{(first, second): values} of a PairPos lookup, over `glyphs` (a set).

    Within one lookup the first subtable that applies wins: a format 1
    subtable applies when it lists the pair (else the next one is tried), a
    format 2 (class) subtable whenever it covers the first glyph, whatever
    the second glyph's class.  Pairs whose values are all zero are left out.
    """
    subtables = []
    for st in lookup.SubTable:
        kind = lookup.LookupType
        if kind == 9:
            kind, st = st.ExtensionLookupType, st.ExtSubTable
        if kind != 2:
            sys.exit(f"the 'kern' feature has a lookup of type {kind}: extend _pair_lookup()")
        cov = {g: i for i, g in enumerate(st.Coverage.glyphs)}
        subtables.append((st, cov))
    ordered = sorted(glyphs)
    pairs = {}
    for first in ordered:
        got = {}
        for st, cov in subtables:
            if first not in cov:
                continue
            if st.Format == 1:
                for r in st.PairSet[cov[first]].PairValueRecord:
                    if r.SecondGlyph in glyphs and r.SecondGlyph not in got:
                        got[r.SecondGlyph] = _values(r.Value1, r.Value2)
                continue
            rec = st.Class1Record[st.ClassDef1.classDefs.get(first, 0)]
            class2 = st.ClassDef2.classDefs
            for second in ordered:
                if second not in got:
                    r = rec.Class2Record[class2.get(second, 0)]
                    got[second] = _values(r.Value1, r.Value2)
            break
        for second, v in got.items():
            if any(v):
                pairs[(first, second)] = v
    return pairs


def kerning(font, chars):
    """The 'kern' feature's effect on every pair of `chars` the font maps,
    for each script and language: {(script, lang): {(char, char): values}}
    (an empty dict for a language system without kerning), lookups summed
    as HarfBuzz applies them one after another.  A character
    stands for its glyph (the lowest character mapped to it), so that a
    source and its subset, whose glyph names differ, compare equal."""
    cmap = font.getBestCmap()
    canon = {}
    for u in sorted(chars):
        if u in cmap:
            canon.setdefault(cmap[u], u)
    result = {}
    if "GPOS" not in font or not font["GPOS"].table.ScriptList:
        return result
    gpos = font["GPOS"].table
    features = gpos.FeatureList.FeatureRecord
    cache = {}
    for sr in gpos.ScriptList.ScriptRecord:
        systems = [("dflt", sr.Script.DefaultLangSys)]
        systems += [(r.LangSysTag, r.LangSys) for r in sr.Script.LangSysRecord]
        for lang, ls in systems:
            if ls is None:
                continue
            lookups = tuple(sorted({i for fi in ls.FeatureIndex if features[fi].FeatureTag == "kern"
                                    for i in features[fi].Feature.LookupListIndex}))
            if lookups not in cache:
                total = {}
                for i in lookups:
                    for pair, v in _pair_lookup(gpos.LookupList.Lookup[i], set(canon)).items():
                        old = total.get(pair, (0,) * len(v))
                        total[pair] = tuple(a + b for a, b in zip(old, v))
                cache[lookups] = {(canon[a], canon[b]): v for (a, b), v in total.items() if any(v)}
            result[(sr.ScriptTag.strip(), lang.strip())] = cache[lookups]
    return result


def kerning_for(kern, script, lang):
    """What HarfBuzz uses for a script and language: the language system,
    else the script's default one, else DFLT's (the subsetter drops language
    systems that have become the same as their script's default)."""
    for key in ((script, lang), (script, "dflt"), ("DFLT", "dflt")):
        if key in kern:
            return kern[key]
    return {}


def keep_unkerned_language_systems(src, font):
    """Give back the language systems that kern none of the kept characters.

    The subsetter drops a language system whose features all became empty;
    HarfBuzz then uses its script's default one, which may kern. XCharter's
    latn/TRK system has one kerning lookup, for numerator figures, so
    Turkish text is not kerned in the source: an empty language system in
    its place keeps it so. Returns how many were added."""
    if "GPOS" not in font or not font["GPOS"].table.ScriptList:
        return 0
    want, got = kerning(src, UNICODES), kerning(font, UNICODES)
    scripts = font["GPOS"].table.ScriptList
    added = 0
    for (script, lang), pairs in sorted(want.items()):
        if pairs or not kerning_for(got, script, lang):
            continue
        empty = otTables.LangSys()
        empty.LookupOrder, empty.ReqFeatureIndex, empty.FeatureIndex = None, 0xFFFF, []
        empty.FeatureCount = 0
        rec = next((r for r in scripts.ScriptRecord if r.ScriptTag.strip() == script), None)
        if rec is None:
            rec = otTables.ScriptRecord()
            rec.ScriptTag = script.ljust(4)
            rec.Script = otTables.Script()
            rec.Script.DefaultLangSys, rec.Script.LangSysRecord = None, []
            rec.Script.LangSysCount = 0
            scripts.ScriptRecord = sorted(scripts.ScriptRecord + [rec], key=lambda r: r.ScriptTag)
            scripts.ScriptCount = len(scripts.ScriptRecord)
        if lang == "dflt":
            rec.Script.DefaultLangSys = empty
        else:
            lsr = otTables.LangSysRecord()
            lsr.LangSysTag, lsr.LangSys = lang.ljust(4), empty
            rec.Script.LangSysRecord = sorted(rec.Script.LangSysRecord + [lsr],
                                              key=lambda r: r.LangSysTag)
            rec.Script.LangSysCount = len(rec.Script.LangSysRecord)
        added += 1
    return added


def kern_pair_count(kern):
    """Distinct character pairs kerned in at least one script and language."""
    return len(set().union(*kern.values())) if kern else 0


def legacy_kerning(font, chars):
    """A legacy 'kern' table's pairs between `chars`, keyed as in kerning()."""
    if "kern" not in font:
        return {}
    cmap = font.getBestCmap()
    canon = {}
    for u in sorted(chars):
        if u in cmap:
            canon.setdefault(cmap[u], u)
    pairs = {}
    for t in font["kern"].kernTables:
        for (a, b), v in getattr(t, "kernTable", {}).items():
            if a in canon and b in canon and v:
                pairs[(canon[a], canon[b])] = pairs.get((canon[a], canon[b]), 0) + v
    return pairs


def ligature_words(font):
    """{letters: ligature glyph's advance} of the 'liga' ligatures whose
    letters are all kept characters, for Latin text (the script rescomp
    sets ligatures in), found by following the ligature lookups' tables."""
    if "GSUB" not in font or not font["GSUB"].table.FeatureList:
        return {}
    gsub = font["GSUB"].table
    cmap = font.getBestCmap()
    letters = {}
    for u in sorted(UNICODES):
        if u in cmap:
            letters.setdefault(cmap[u], chr(u))
    found = {}
    for sr in gsub.ScriptList.ScriptRecord:
        if sr.ScriptTag != "latn" or not sr.Script.DefaultLangSys:
            continue
        for fi in sr.Script.DefaultLangSys.FeatureIndex:
            fr = gsub.FeatureList.FeatureRecord[fi]
            if fr.FeatureTag != "liga":
                continue
            for li in fr.Feature.LookupListIndex:
                lk = gsub.LookupList.Lookup[li]
                for st in lk.SubTable:
                    if lk.LookupType == 7:
                        st = st.ExtSubTable
                    for first, ligs in getattr(st, "ligatures", {}).items():
                        for lig in ligs:
                            names = [first] + list(lig.Component)
                            # a component may be an earlier ligature (CMU's "ff" + "i")
                            text = "".join(letters.get(n, found.get(n, ("\0",))[0])
                                           for n in names)
                            if "\0" not in text:
                                found[lig.LigGlyph] = (text, font["hmtx"][lig.LigGlyph][0])
    return {text: width for text, width in found.values()}


# ---- checks ------------------------------------------------------------

def check(src, out, path, reserved):
    """Fail loudly if the output lost something or cannot load in libharu."""
    cff = "CFF " in out
    glyf = None if cff else out["glyf"]
    composites = [] if cff else [n for n in out.getGlyphOrder() if glyf[n].isComposite()]
    if composites:
        sys.exit(f"{path}: composite glyphs remain: {composites[:10]}")
    hmtx = out["hmtx"]
    shifted = [] if cff else [n for n in out.getGlyphOrder()
                              if glyf[n].numberOfContours and hmtx[n][1] != glyf[n].xMin]
    if shifted:
        sys.exit(f"{path}: left side bearing differs from xMin: {shifted[:10]}")
    for u, name in src.getBestCmap().items():
        if u in UNICODES and out.getBestCmap().get(u) is not None:
            if out["hmtx"][out.getBestCmap()[u]][0] != src["hmtx"][name][0]:
                sys.exit(f"{path}: U+{u:04X} changed its advance width")
    src_cmap, out_cmap = src.getBestCmap(), out.getBestCmap()
    lost = [hex(u) for u in UNICODES if u in src_cmap and u not in out_cmap]
    if lost:
        sys.exit(f"{path}: characters lost: {lost}")
    # Every kept character must still have an outline if it had one.
    for u in UNICODES:
        if u in out_cmap and u not in (0x20, 0xA0) and not 0x2000 <= u <= 0x200F:
            if cff:
                continue  # the subsetter copies a charstring whole or not at all
            g = glyf[out_cmap[u]]
            if g.numberOfContours == 0 and src["glyf"][src_cmap[u]].numberOfContours != 0:
                sys.exit(f"{path}: U+{u:04X} lost its outline")
    # libharu 2.3.0 reads the (3,1) format 4 cmap and head/hhea/hmtx/loca/
    # maxp/name/OS/2/post; it cannot embed fonts whose fsType forbids it.
    # A CFF face has CFF outlines where TrueType has glyf and loca.
    outlines = ("CFF ",) if cff else ("glyf", "loca")
    for tag in ("OS/2", "cmap", "head", "hhea", "hmtx", "maxp", "name", "post") + outlines:
        if tag not in out:
            sys.exit(f"{path}: table '{tag}' missing")
    if not any(t.platformID == 3 and t.platEncID == 1 and t.format == 4 for t in out["cmap"].tables):
        sys.exit(f"{path}: no (3,1) format 4 cmap")
    if out["OS/2"].fsType & 0x0302:
        sys.exit(f"{path}: fsType forbids embedding")
    # Kerning between kept characters must survive whole, value for value,
    # in every script and language (the typewriter face kerns only IPA
    # letters, which are not kept).
    want, got = kerning(src, UNICODES), kerning(out, UNICODES)
    for key in sorted(set(want) | set(got)):
        w, g = kerning_for(want, *key), kerning_for(got, *key)
        if w != g:
            n = len(set(w.items()) ^ set(g.items()))
            sys.exit(f"{path}: GPOS kerning for {key}: {n} pairs differ from the source")
    if has_gpos_kern(src):
        if "kern" in out:
            sys.exit(f"{path}: legacy kern table kept next to GPOS kerning")
    elif legacy_kerning(src, UNICODES) != legacy_kerning(out, UNICODES):
        sys.exit(f"{path}: legacy kern table pairs differ from the source")
    # HarfBuzz zeroes the advance of glyphs GDEF classes as marks; the
    # layout measures with libharu's (unzeroed) widths, so none may be marks.
    if "GDEF" in out and out["GDEF"].table.GlyphClassDef:
        marks = [g for g, c in out["GDEF"].table.GlyphClassDef.classDefs.items() if c == 3]
        if marks:
            sys.exit(f"{path}: glyphs classed as marks in GDEF: {marks[:10]}")
    # GSUB: 'liga' alone, of plain ligature lookups (what src/font.c and
    # tools/facedump.c expect), and the source's ligatures of kept characters.
    if ligature_words(src) != ligature_words(out):
        sys.exit(f"{path}: ligatures differ from the source's: "
                 f"{sorted(set(ligature_words(src)) ^ set(ligature_words(out)))[:10]}")
    if "GSUB" in out:
        gsub = out["GSUB"].table
        tags = {fr.FeatureTag for fr in gsub.FeatureList.FeatureRecord}
        if tags - {"liga"}:
            sys.exit(f"{path}: GSUB keeps features other than 'liga': {sorted(tags)}")
        for i, lk in enumerate(gsub.LookupList.Lookup):
            kinds = {st.ExtensionLookupType if lk.LookupType == 7 else lk.LookupType
                     for st in lk.SubTable}
            if kinds != {4} or lk.LookupFlag & ~0x8:
                sys.exit(f"{path}: GSUB lookup {i} is not a plain ligature lookup "
                         f"(types {kinds}, flag {lk.LookupFlag:#x})")
    # OFL condition 3: no Reserved Font Name (not even one of its words, OFL
    # FAQ 5.4) in the names that present the font, nor in the file name.
    for word in reserved:
        pattern = re.compile(r"\b" + re.escape(word) + r"\b", re.IGNORECASE)
        if pattern.search(os.path.basename(path)):
            sys.exit(f"{path}: the file name uses the Reserved Font Name '{word}'")
        for rec in out["name"].names:
            if rec.nameID in PRESENTED_NAME_IDS and pattern.search(rec.toUnicode()):
                sys.exit(f"{path}: name ID {rec.nameID} uses the Reserved Font Name '{word}': "
                         f"{rec.toUnicode()!r}")
        if cff:
            top = out["CFF "].cff.topDictIndex[0]
            for what in out["CFF "].cff.fontNames + [getattr(top, "FullName", None) or "",
                                                    getattr(top, "FamilyName", None) or ""]:
                if pattern.search(what):
                    sys.exit(f"{path}: the CFF's names use the Reserved Font Name '{word}': {what!r}")
    kept = set(NAME_IDS) | {10}  # 10: CHANGE_NOTICES
    for rec in out["name"].names:
        if rec.nameID not in kept:
            sys.exit(f"{path}: unexpected name ID {rec.nameID}")
    for rec in src["name"].names:
        if rec.nameID in (0, 13, 14):
            o = out["name"].getName(rec.nameID, rec.platformID, rec.platEncID, rec.langID)
            if o is None or o.toUnicode() != rec.toUnicode():
                sys.exit(f"{path}: name ID {rec.nameID} (copyright/licence) not kept verbatim")


def without_gsub(path):
    """The source as the monospace face is checked against: no ligature."""
    font = TTFont(path, recalcTimestamp=False)
    if "GSUB" in font:
        del font["GSUB"]
    return font


def prepare(source_dir, src_name, out_name, family, reserved):
    src_path = os.path.join(source_path(source_dir), src_name)
    out_path = os.path.join(OUT_DIR, out_name)
    src = TTFont(src_path, recalcTimestamp=False)
    font = TTFont(src_path, recalcTimestamp=False)
    flattened = flatten_composites(font)
    ligatures = out_name not in MONOSPACE
    subsetter = subset.Subsetter(options=subset_options(legacy_kern=not has_gpos_kern(src),
                                                        ligatures=ligatures))
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    align_side_bearings(font)
    unmarked = spacing_not_marks(font)
    unkerned = keep_unkerned_language_systems(src, font)
    if family:
        rename_family(font, family)
    font.save(out_path)
    out = TTFont(out_path)
    check(src if ligatures else without_gsub(src_path), out, out_path, reserved)
    cmap = out.getBestCmap()
    print(f"{out_name}: {os.path.getsize(out_path)} bytes, "
          f"\"{out['name'].getDebugName(4)}\", {out['head'].unitsPerEm} units/em, "
          f"{len(out.getGlyphOrder())} glyphs, {len(cmap)} characters "
          f"({sum(0x400 <= u < 0x460 or u in (0x490, 0x491) for u in cmap)} Cyrillic), "
          f"{flattened} composites flattened, {unmarked} marks made base glyphs, "
          f"{unkerned} unkerned language systems kept, "
          f"kern pairs between kept characters {kern_pair_count(kerning(src, UNICODES))} "
          f"in the source, {kern_pair_count(kerning(out, UNICODES))} kept, "
          f"ligatures {' '.join(sorted(ligature_words(out))) or 'none'}, "
          f"legacy kern pairs {len(legacy_kerning(src, UNICODES))} -> "
          f"{len(legacy_kerning(out, UNICODES))}, "
          f"lacks {' '.join(f'U+{u:04X}' for u in BULLETS if u not in cmap) or 'none'} of the bullets")


# Bullets and separators a theme may ask for; reported, not required.
BULLETS = (0x2022, 0x2013, 0x2014, 0x2019, 0x00B7, 0x25E6, 0x2023, 0x2192)


def main():
    keys = sys.argv[1:] or list(FAMILIES)
    for key in keys:
        if key not in FAMILIES:
            sys.exit(f"unknown family '{key}'; known: {', '.join(FAMILIES)}")
        package, source_dir, _, _, _ = FAMILIES[key]
        if not os.path.isdir(source_path(source_dir)):
            how = (f"npm pack {package[4:]} and unpack it into $NPM_FONT_DIR"
                   if package.startswith("npm:") else f"apt-get install {package}"
                   + (" or set $TEXMF_DIST" if source_dir.startswith("texmf:") else ""))
            sys.exit(f"{source_path(source_dir)} not found: {how}")
    for key in keys:
        _, source_dir, family, reserved, faces = FAMILIES[key]
        for src_name, out_name in faces:
            prepare(source_dir, src_name, out_name, family, reserved)


if __name__ == "__main__":
    main()
