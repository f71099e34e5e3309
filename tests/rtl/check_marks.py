"""Arabic marks drawn where HarfBuzz places them (tests/rtl/tests.cmake).

usage: check_marks.py RESCOMP CV.yaml WORKDIR [FONTS.conf FAMILY]

Compiles the CV, whose name is vocalised, then for each word of the name
compares where the PDF draws each glyph's outline with where hb-shape
(HarfBuzz's own command) puts it in the same font file:
- the PDF side: each glyph's origin from `mutool trace`, plus how far its
  outline in the embedded program (read with fontTools) stands off the
  outline of the glyph HarfBuzz chose in the font file: rescomp draws a
  mark HarfBuzz moved as a glyph moved so (a TrueType composite, or a CFF
  charstring whose first moveto is moved), on the text's baseline, so
  that extraction sees no raised letter;
- the HarfBuzz side: pen position plus offset, right to left, at
  character-level clusters, as font_shape.c shapes.
Every glyph must be within 0.01 em of HarfBuzz's place, and at least one
mark must have been moved (the test would pass on a font with no mark
positioning otherwise). Then MuPDF, which reads marks in logical order,
must read every vocalised word of the CV as written.

With FONTS.conf and FAMILY, the CV is set in that family, which that
fontconfig configuration finds (tests/rtl/freefont.conf.in: FreeSerif, a
font with CFF outlines, whose marks are moved in their charstrings).
"""
import io
import json
import os
import re
import subprocess
import sys
import unicodedata

import yaml
from fontTools.cffLib import CFFFontSet
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader

rescomp, cv_path, work = sys.argv[1:4]
failures = []
pdf = f"{work}.pdf"
env, args = dict(os.environ), []
if len(sys.argv) > 5:
    env["FONTCONFIG_FILE"] = sys.argv[4]
    args = ["--set", f"design.typography.font_family={sys.argv[5]}"]
subprocess.run([rescomp, cv_path, "-o", pdf, *args], check=True, env=env)
cv = yaml.safe_load(open(cv_path, encoding="utf-8"))["cv"]
name = cv["name"]

# The glyphs as MuPDF draws them: per span, its font, size and glyphs.
trace = subprocess.run(["mutool", "trace", pdf], check=True, capture_output=True,
                       text=True).stdout
spans = []
for m in re.finditer(r'<span font="([^"]+)"[^>]*trm="([-0-9.]+) [^"]*">(.*?)</span>', trace,
                     re.S):
    glyphs = [(u, int(g), float(x), float(y)) for u, g, x, y in re.findall(
        r'<g unicode="([^"]*)" glyph="(\d+)" x="([-0-9.]+)" y="([-0-9.]+)"', m.group(3))]
    spans.append((m.group(1), float(m.group(2)), glyphs))
hits = [s for s in spans if "".join(g[0] for g in s[2]) == name]
if not hits:
    sys.exit(f"no run of the PDF draws the name '{name}' as one span")
font_name, size, glyphs = hits[0]


def tt_bounds(font):
    """glyph index -> the outline's (xMin, yMin), None for no outline, of a TrueType font"""
    glyf, order = font["glyf"], font.getGlyphOrder()

    def bounds(gid):
        g = glyf[order[gid]]
        g.recalcBounds(glyf)
        return (g.xMin, g.yMin) if g.numberOfContours else None
    return bounds


def cff_bounds(top):
    """the same for a CFF font (its top DICT)"""
    strings, order = top.CharStrings, top.charset

    def bounds(gid):
        pen = BoundsPen(strings)
        strings[order[gid]].draw(pen)
        return pen.bounds[:2] if pen.bounds else None
    return bounds


# The embedded font program of that span.
embedded = None
for page in PdfReader(pdf).pages:
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        if font["/BaseFont"] != "/" + font_name:
            continue
        desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        if "/FontFile2" in desc:
            embedded = tt_bounds(TTFont(io.BytesIO(desc["/FontFile2"].get_object().get_data())))
        elif "/FontFile3" in desc:
            cff = CFFFontSet()
            cff.decompile(io.BytesIO(desc["/FontFile3"].get_object().get_data()), None)
            embedded = cff_bounds(cff[cff.fontNames[0]])
if embedded is None:
    sys.exit(f"the PDF embeds no font program for {font_name}")

# The font file the PDF's font was cut from (its PostScript name, after the subset tag).
ps = font_name.split("+", 1)[1]
source = subprocess.run(["fc-list", f":postscriptname={ps}", "file"], check=True,
                        capture_output=True, text=True, env=env).stdout.split(":")[0].strip()
if not source:
    sys.exit(f"fontconfig finds no font named {ps}")
full = TTFont(source)
upem = full["head"].unitsPerEm
original = (tt_bounds(full) if "glyf" in full else
            cff_bounds(full["CFF "].cff[full["CFF "].cff.fontNames[0]]))

checked = marks = 0
at = 0  # the name's glyphs, one per letter (a ligature's further letters as blanks)
for word in name.split(" "):
    mine = glyphs[at:at + len(word)]
    at += len(word) + 1
    hb = json.loads(subprocess.run(
        ["hb-shape", "--output-format=json", "--no-glyph-names", "--cluster-level=2",
         "--direction=rtl", "--script=arab", source, word],
        check=True, capture_output=True, text=True).stdout)
    pen, want = 0, {}
    for g in hb:  # visual order, left to right
        want[g["cl"]] = (pen + g["dx"], g["dy"], g["dx"] != 0 or g["dy"] != 0, g["g"])
        pen += g["ax"]
    left = min(x for _, _, x, _ in mine)
    base_y = mine[0][3]
    for k, (u, gid, x, y) in enumerate(mine):
        if k not in want:
            continue  # a ligature's further letter: a blank, nothing to see
        wx, wy, offset, source_gid = want[k]
        drawn, plain = embedded(gid), original(source_gid)
        if (drawn is None) != (plain is None):
            failures.append(f"'{u}' (U+{ord(u):04X}) of '{word}': the PDF's glyph and "
                            f"HarfBuzz's differ in having an outline")
            continue
        dx, dy = (drawn[0] - plain[0], drawn[1] - plain[1]) if drawn else (0, 0)
        have = ((x - left) * upem / size + dx, (y - base_y) * upem / size + dy)
        checked += 1
        marks += offset
        if abs(have[0] - wx) > upem / 100 or abs(have[1] - wy) > upem / 100:
            failures.append(f"'{u}' (U+{ord(u):04X}) of '{word}' drawn at {have[0]:.0f},"
                            f"{have[1]:.0f}, HarfBuzz places it at {wx},{wy} (font units)")
if checked == 0 or marks == 0:
    failures.append(f"no mark of '{name}' was checked ({checked} glyphs, {marks} marks moved)")


# MuPDF reads marks in logical order: every vocalised word as written.
def words(text):
    return "".join(" " if unicodedata.category(c)[0] in "PSZ" else c for c in text).split()


read = words(subprocess.run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf],
                            check=True, capture_output=True, text=True).stdout)
texts = [name] + [h for s in cv["sections"].values() for e in s for h in e.get("highlights", [])]
for w in (w for t in texts for w in words(t)):
    if any(unicodedata.category(c) == "Mn" for c in w) and w not in read:
        failures.append(f"mutool does not read '{w}'")

for f in failures:
    print(f)
print(f"{checked} glyphs of {os.path.basename(source)} compared with hb-shape, {marks} of them "
      f"marks HarfBuzz moved")
sys.exit(1 if failures else 0)
