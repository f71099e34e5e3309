#!/usr/bin/python3
"""Prepare the fonts rescomp ships, from Debian's fonts-cmu.

Run by hand by a developer (never at build time); its outputs are committed:

    apt-get install fonts-cmu python3-fonttools
    /usr/bin/python3 fonts/prepare.py   # Debian's Python, which has fontTools

What it does to each face, and why (see fonts/README.md):

1. Flattens every composite glyph into a simple glyph.  libharu 2.3.0 embeds
   a composite's components but not the components of those components, so
   a glyph such as a-tilde (a + tilde, where tilde is itself a composite)
   prints without its parts.  Flattening *all* composites, not only nested
   ones, makes the rule trivially checkable: the shipped files contain no
   composite glyph at all (tests/unit/test_font.c asserts it).
2. Subsets to the characters a CV needs (Latin, Latin-1, Latin Extended-A,
   Greek, General Punctuation, a few symbols), keeping only the 'kern'
   layout feature.  Every other GSUB/GPOS feature is removed, because
   HarfBuzz applies its default features (ccmp, locl, liga, mark, ...) even
   when we ask only for kern; a font that has nothing else cannot surprise
   us, and text extraction needs one glyph per character.  Hinting and
   glyph names are dropped to save space (libharu 2.3.0 writes an empty
   table for a missing cvt/fpgm/prep).
3. Writes fonts/cmu-serif-*.ttf and fonts/cmu-typewriter.ttf, and checks the
   result: no composite left, every requested character of the source still
   mapped, kerning pairs still present, the table set libharu needs.

The output is deterministic: the source's head.modified is kept, so running
the script twice gives byte-identical files.
"""

import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphCoordinates

SOURCE_DIR = "/usr/share/fonts/truetype/cmu"
OUT_DIR = os.path.dirname(os.path.abspath(__file__))

FACES = [
    ("cmunrm.ttf", "cmu-serif-regular.ttf"),
    ("cmunbx.ttf", "cmu-serif-bold.ttf"),
    ("cmunti.ttf", "cmu-serif-italic.ttf"),
    ("cmunbi.ttf", "cmu-serif-bold-italic.ttf"),
    ("cmuntt.ttf", "cmu-typewriter.ttf"),
]

# The characters kept (only those the source font has are kept, of course).
UNICODES = (
    list(range(0x0020, 0x007F))      # Basic Latin
    + list(range(0x00A0, 0x0100))    # Latin-1 Supplement (incl. NBSP, soft hyphen, degree, middle dot)
    + list(range(0x0100, 0x0180))    # Latin Extended-A
    + list(range(0x0218, 0x021C))    # S/T with comma below (Romanian names)
    + list(range(0x0370, 0x0400))    # Greek and Coptic
    + list(range(0x2000, 0x2070))    # General Punctuation: dashes, quotes, bullet, ellipsis
    + [0x20AC,                       # euro sign
       0x2116,                       # numero sign
       0x2122,                       # trade mark sign
       0x2190, 0x2192,               # arrows
       0x2212,                       # minus sign
       0x25E6,                       # white bullet (nested lists)
       0x2023]                       # triangular bullet (nested lists; absent in CMU)
)


def flatten_composites(font):
    """Replace every composite glyph by a simple glyph with the same outline.

    Glyph.getCoordinates() resolves components recursively (offsets, scales,
    point matching) exactly as fontTools computes bounds; we keep the points
    as they are (no re-drawing through a pen, so no point is added or lost)
    and keep only the on-curve bit of the flags.  Coordinates stay in the
    glyph's own space, and hmtx (advance and left side bearing) is left
    untouched, so every glyph keeps its position and width.
    """
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
    glyf, hmtx = font["glyf"], font["hmtx"]
    for name in font.getGlyphOrder():
        g = glyf[name]
        if g.numberOfContours == 0:
            continue
        g.recalcBounds(glyf)
        advance, _ = hmtx[name]
        hmtx[name] = (advance, g.xMin)


def subset_options():
    o = subset.Options()
    o.layout_features = ["kern"]   # nothing else: see the module comment
    o.legacy_kern = True           # keep a legacy 'kern' table if a source has one
    o.hinting = False              # drops cvt/fpgm/prep and glyph programs
    o.glyph_names = False          # post table format 3
    o.notdef_outline = True        # a missing glyph shows as a box, not nothing
    o.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # incl. copyright and licence
    o.name_legacy = True           # libharu 2.3.0 reads the Mac names first
    o.name_languages = ["*"]
    o.drop_tables += ["GSUB", "FFTM", "TeX", "BDF"]  # fontTools compares stripped tags
    o.recalc_bounds = True
    o.recalc_timestamp = False
    return o


def kern_pairs(font, chars=None):
    """Number of distinct glyph pairs kerned by the 'kern' feature (GPOS
    PairPos format 1, what CMU uses); with chars, only the pairs whose glyphs
    both map from those characters."""
    if "GPOS" not in font:
        return 0
    gpos = font["GPOS"].table
    lookups = set()
    for fr in gpos.FeatureList.FeatureRecord:
        if fr.FeatureTag == "kern":
            lookups.update(fr.Feature.LookupListIndex)
    glyphs = None
    if chars is not None:
        cmap = font.getBestCmap()
        glyphs = {cmap[u] for u in chars if u in cmap}
    pairs = set()
    for i in lookups:
        lookup = gpos.LookupList.Lookup[i]
        for st in lookup.SubTable:
            if lookup.LookupType == 9:
                st = st.ExtSubTable
            if lookup.LookupType not in (2, 9):
                continue
            if st.Format != 1:
                sys.exit("class-based kerning (PairPos format 2): extend kern_pairs()")
            for first, ps in zip(st.Coverage.glyphs, st.PairSet):
                for r in ps.PairValueRecord:
                    if glyphs is None or (first in glyphs and r.SecondGlyph in glyphs):
                        pairs.add((first, r.SecondGlyph))
    return len(pairs)


def legacy_kern_pairs(font):
    if "kern" not in font:
        return 0
    return sum(len(getattr(t, "kernTable", {})) for t in font["kern"].kernTables)


def check(src, out, path):
    """Fail loudly if the output lost something or cannot load in libharu."""
    glyf = out["glyf"]
    composites = [n for n in out.getGlyphOrder() if glyf[n].isComposite()]
    if composites:
        sys.exit(f"{path}: composite glyphs remain: {composites[:10]}")
    hmtx = out["hmtx"]
    shifted = [n for n in out.getGlyphOrder()
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
            g = glyf[out_cmap[u]]
            if g.numberOfContours == 0 and glyf[src_cmap[u]].numberOfContours != 0:
                sys.exit(f"{path}: U+{u:04X} lost its outline")
    # libharu 2.3.0 reads the (3,1) format 4 cmap and head/hhea/hmtx/loca/
    # maxp/name/OS/2/post; it cannot embed fonts whose fsType forbids it.
    for tag in ("OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"):
        if tag not in out:
            sys.exit(f"{path}: table '{tag}' missing")
    if not any(t.platformID == 3 and t.platEncID == 1 and t.format == 4 for t in out["cmap"].tables):
        sys.exit(f"{path}: no (3,1) format 4 cmap")
    if out["OS/2"].fsType & 0x0302:
        sys.exit(f"{path}: fsType forbids embedding")
    # Kerning between kept characters must survive whole (the typewriter
    # face kerns only IPA letters, which are not kept).
    want, got = kern_pairs(src, UNICODES), kern_pairs(out, UNICODES)
    if want != got:
        sys.exit(f"{path}: GPOS kern pairs between kept characters: {want} in the source, {got} kept")
    if legacy_kern_pairs(src) and not legacy_kern_pairs(out):
        sys.exit(f"{path}: legacy kern table lost")
    # HarfBuzz zeroes the advance of glyphs GDEF classes as marks; the
    # layout measures with libharu's (unzeroed) widths, so none may be marks.
    if "GDEF" in out and out["GDEF"].table.GlyphClassDef:
        marks = [g for g, c in out["GDEF"].table.GlyphClassDef.classDefs.items() if c == 3]
        if marks:
            sys.exit(f"{path}: glyphs classed as marks in GDEF: {marks[:10]}")
    if "GSUB" in out:
        sys.exit(f"{path}: GSUB kept")


def prepare(src_name, out_name):
    src_path = os.path.join(SOURCE_DIR, src_name)
    out_path = os.path.join(OUT_DIR, out_name)
    src = TTFont(src_path, recalcTimestamp=False)
    font = TTFont(src_path, recalcTimestamp=False)
    flattened = flatten_composites(font)
    subsetter = subset.Subsetter(options=subset_options())
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    align_side_bearings(font)
    font.save(out_path)
    out = TTFont(out_path)
    check(src, out, out_path)
    print(f"{out_name}: {os.path.getsize(out_path)} bytes, "
          f"{len(out.getGlyphOrder())} glyphs, {len(out.getBestCmap())} characters, "
          f"{flattened} composites flattened, "
          f"GPOS kern pairs {kern_pairs(src)} in the source, "
          f"{kern_pairs(src, UNICODES)} between kept characters, {kern_pairs(out)} kept, "
          f"legacy kern pairs {legacy_kern_pairs(src)} -> {legacy_kern_pairs(out)}")


def main():
    if not os.path.isdir(SOURCE_DIR):
        sys.exit(f"{SOURCE_DIR} not found: apt-get install fonts-cmu")
    for src_name, out_name in FACES:
        prepare(src_name, out_name)


if __name__ == "__main__":
    main()
