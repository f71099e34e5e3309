"""Margin protrusion and font expansion, read back from a PDF with pdfminer.

    check_margins.py PDF LEFT RIGHT SIZE PROTRUSION EXPANSION

Every glyph's box comes from pdfminer (python3-pdfminer), which ignores
/ActualText and places each glyph by its advance, the text matrix and Tz:
what a viewer draws. The body lines (glyphs of SIZE points) of justified
paragraphs set between x = LEFT and x = RIGHT are checked at both ends:

- a line whose last glyph has no protrusion (a plain letter) ends on RIGHT,
  within 0.02pt, expanded or not: the layout, the breaker and Tz agree;
- a line ending with a hyphen (or a stop, comma, colon or semicolon)
  ends at least 1pt past RIGHT with PROTRUSION on (and the hyphen no
  further out than its own width), on RIGHT with it off;
- a line opening with a quote or a parenthesis starts at least 1pt left
  of LEFT with PROTRUSION on, on LEFT with it off; one opening with a plain
  letter starts on LEFT.

With EXPANSION on the page content has Tz operators, every one within
98%..102% (microtype's 2%), some other than 100%; with it off it has none.
Each kind of line must occur a few times, so that the fixture really
tests what it claims to. Exit status 1 with the offending lines on failure.
"""
import re
import sys
from collections import defaultdict

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1

# CMU Serif's upright letters with no protrusion on that side (microtype's cmr lists).
PLAIN_RIGHT = set("abcdeghijlmnopqsuzBCDEGHIMNOPQRSUZ")
PLAIN_LEFT = set("abcdefghijklmnopqrstuzBCDEFGHIKLMNOPQRSUZ")
HANGS_RIGHT = set("-.,;:")
HANGS_LEFT = set("\u201c\u2018(")
EXACT = 0.02
MIN_HANG = 1.0


def glyphs(o):
    if isinstance(o, LTChar):
        yield o
    elif hasattr(o, "__iter__"):
        for c in o:
            yield from glyphs(c)


def tz_values(path):
    values = []
    with open(path, "rb") as f:
        for page in PDFPage.get_pages(f):
            for stream in page.contents:
                data = resolve1(stream).get_data().decode("latin-1")
                values += [float(v) for v in re.findall(r"(-?[0-9.]+) Tz\b", data)]
    return values


def main():
    path, left, right, size = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    protrusion, expansion = sys.argv[5] == "on", sys.argv[6] == "on"
    errors, seen = [], defaultdict(int)
    for pno, page in enumerate(extract_pages(path), 1):
        lines = defaultdict(list)
        for c in glyphs(page):
            if c.get_text().strip() and abs(c.size - size) < 0.5:
                lines[round(c.y0, 1)].append(c)
        for y, cs in sorted(lines.items(), reverse=True):
            cs.sort(key=lambda c: c.x0)
            text = "".join(c.get_text() for c in cs)
            where = "page %d, y=%.1f: '%s'" % (pno, y, text)
            first, last = cs[0], cs[-1]
            ch = last.get_text()
            d = last.x1 - right
            if d > -5:  # a full line of a justified paragraph
                if ch in PLAIN_RIGHT:
                    seen["plain right"] += 1
                    if abs(d) > EXACT:
                        errors.append("ends %.3fpt from the measure: %s" % (d, where))
                elif ch in HANGS_RIGHT:
                    seen["hyphen" if ch == "-" else "stop"] += 1
                    if protrusion and not (MIN_HANG <= d <= last.width + EXACT):
                        errors.append("'%s' hangs %.3fpt, not 1pt to its width: %s" % (ch, d, where))
                    if not protrusion and abs(d) > EXACT:
                        errors.append("'%s' hangs %.3fpt without protrusion: %s" % (ch, d, where))
            ch = first.get_text()
            d = left - first.x0
            if d > -5:  # a line at the left margin
                if ch in PLAIN_LEFT:
                    seen["plain left"] += 1
                    if abs(d) > EXACT:
                        errors.append("starts %.3fpt from the margin: %s" % (-d, where))
                elif ch in HANGS_LEFT:
                    seen["quote left"] += 1
                    if protrusion and d < MIN_HANG:
                        errors.append("'%s' hangs %.3fpt left, under 1pt: %s" % (ch, d, where))
                    if not protrusion and abs(d) > EXACT:
                        errors.append("'%s' hangs %.3fpt without protrusion: %s" % (ch, d, where))
    for kind, least in (("plain right", 3), ("hyphen", 3), ("stop", 3), ("plain left", 3),
                        ("quote left", 2)):
        if seen[kind] < least:
            errors.append("only %d lines of kind '%s' (the fixture needs %d)" % (seen[kind], kind, least))
    tz = tz_values(path)
    if expansion:
        if not any(v != 100 for v in tz):
            errors.append("font expansion is on but no line is expanded (Tz: %s)" % tz)
        bad = [v for v in tz if not 98 <= v <= 102]
        if bad:
            errors.append("Tz beyond 2%%: %s" % bad)
    elif tz:
        errors.append("font expansion is off but the content has Tz: %s" % tz)
    for e in errors:
        print(e)
    print("%s; Tz: %d, from %s to %s" % (", ".join("%s %d" % kv for kv in sorted(seen.items())),
                                         len(tz), min(tz, default="-"), max(tz, default="-")))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
