#!/usr/bin/python3
"""Check the CFF fonts a PDF embeds against the font files they came from.

    check_cff.py FILE.pdf FONTS_DIR MIN_FONTS

For every CIDFontType0 font of the PDF (what rescomp writes for a face
with CFF outlines, src/cff.h), read with pypdf and fontTools, independent
of rescomp's own reader:
- its /FontFile3 is /CIDFontType0C, a CID-keyed CFF (ROS Adobe-Identity)
  whose charset maps glyph k to CID k, with one glyph per CID of /W;
- it has no /CIDToGIDMap, the descriptor's /FontName is the font's;
- for every CID that /ToUnicode maps to one character, the glyph draws
  the same outline as that character's glyph in the shipped font file
  (found by the PostScript name after the subset tag), and /W gives its
  advance as libharu computes widths (advance * 1000 / upem, truncated);
- a CID that /ToUnicode maps to several letters (a ligature) draws a
  glyph of the font that no single letter draws.
At least MIN_FONTS such fonts must be found. Debian's python3-pypdf and
python3-fonttools.
"""
import glob
import io
import os
import re
import sys

import pypdf
from fontTools.cffLib import CFFFontSet
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont


def fail(msg):
    sys.exit(f"check_cff: {msg}")


def to_unicode(stream):
    """{cid: text} of a ToUnicode CMap made of bfrange and bfchar entries."""
    data = stream.get_data().decode("latin-1")
    m = {}

    def text(hexs):
        return bytes.fromhex(hexs).decode("utf-16-be")

    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            for k in range(int(lo, 16), int(hi, 16) + 1):
                m[k] = chr(ord(text(dst)) + k - int(lo, 16))
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, dst in re.findall(r"<(\w+)>\s*<(\w+)>", block):
            m[int(code, 16)] = text(dst)
    return m


def widths(w):
    """{cid: width} of a /W array."""
    out, i = {}, 0
    while i < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], list):
            for k, v in enumerate(w[i + 1]):
                out[first + k] = int(v)
            i += 2
        else:
            for k in range(first, int(w[i + 1]) + 1):
                out[k] = int(w[i + 2])
            i += 3
    return out


def outline(glyphset, name):
    pen = DecomposingRecordingPen(glyphset)
    glyphset[name].draw(pen)
    return pen.value


def shipped_fonts(fonts_dir):
    """{PostScript name: TTFont} of the shipped CFF faces."""
    out = {}
    for path in glob.glob(os.path.join(fonts_dir, "*.otf")):
        f = TTFont(path)
        out[f["name"].getDebugName(6)] = f
    return out


def main():
    pdf_path, fonts_dir, min_fonts = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sources = shipped_fonts(fonts_dir)
    pdf = pypdf.PdfReader(pdf_path)
    seen = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font.indirect_reference.idnum in seen:
                continue
            cid = font["/DescendantFonts"][0].get_object()
            if cid["/Subtype"] != "/CIDFontType0":
                continue
            seen[font.indirect_reference.idnum] = True
            base = font["/BaseFont"][1:]
            desc = cid["/FontDescriptor"].get_object()
            if "/CIDToGIDMap" in cid:
                fail(f"{base}: a CIDFontType0 with a /CIDToGIDMap")
            if desc["/FontName"][1:] != base or "/FontFile3" not in desc:
                fail(f"{base}: descriptor without /FontFile3 or with another /FontName")
            ff = desc["/FontFile3"].get_object()
            if ff["/Subtype"] != "/CIDFontType0C":
                fail(f"{base}: /FontFile3 /Subtype is {ff['/Subtype']}")
            cff = CFFFontSet()
            cff.decompile(io.BytesIO(ff.get_data()), None)
            top = cff[cff.fontNames[0]]
            if not hasattr(top, "ROS") or top.ROS[:2] != ("Adobe", "Identity"):
                fail(f"{base}: not a CID-keyed CFF (Adobe-Identity)")
            order = top.getGlyphOrder()
            if order[0] != ".notdef" or any(n != f"cid{k:05d}" for k, n in enumerate(order[1:], 1)):
                fail(f"{base}: the charset does not map glyph k to CID k")
            w = widths(cid["/W"])
            if sorted(w) != list(range(1, len(order))):
                fail(f"{base}: {len(w)} widths for {len(order) - 1} CIDs")
            tag, ps = base.split("+", 1)
            src = sources.get(ps)
            if src is None:
                fail(f"{base}: no shipped font named {ps}")
            src_set, src_cmap = src.getGlyphSet(), src.getBestCmap()
            upem = src["head"].unitsPerEm
            singles = set()
            glyphs = top.CharStrings
            for k, text in sorted(to_unicode(font["/ToUnicode"]).items()):
                ours = outline(glyphs, order[k])
                if len(text) == 1:
                    name = src_cmap.get(ord(text))
                    if name is None:
                        continue  # drawn with .notdef: not the shipped faces' case
                    if ours != outline(src_set, name):
                        fail(f"{base}: CID {k} (U+{ord(text):04X}) draws another outline")
                    if w[k] != src["hmtx"][name][0] * 1000 // upem:
                        fail(f"{base}: CID {k} has width {w[k]}")
                    singles.add(repr(ours))
                elif repr(ours) in singles or not ours:
                    fail(f"{base}: CID {k} ({text}) does not draw a ligature glyph")
    if len(seen) < min_fonts:
        fail(f"{len(seen)} CIDFontType0 fonts, expected at least {min_fonts}")
    print(f"check_cff: {len(seen)} CFF fonts match their sources")


if __name__ == "__main__":
    main()
