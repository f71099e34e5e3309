#!/usr/bin/python3
"""Compare rescomp's PDF of each RenderCV example with the PDF RenderCV made.

For every theme, compile RenderCV's own example (its YAML in tests/rendercv/)
with rescomp and set it against the PDF RenderCV made of it (examples/,
from RenderCV's repository at the same commit), measuring what issue 15
targets:

  pages    page count, RenderCV/ours
  first    pages whose first line (the top note left out) is the same
  header   lines from the name to the first section title, RenderCV/ours
  dy       page 1: median vertical offset in pt of matched words' baselines,
           ours minus RenderCV's, after aligning the two names
  |dy|<3   share of matched page-1 words within 3 pt of RenderCV's
  width    median width ratio (ours/RenderCV) of matched words, all pages
  match    share of RenderCV's page-1 words matched in ours
  notes    page 1's top note and footer: the largest baseline offset in pt
           (page coordinates, not aligned), with a * when a size differs
  title    whether the PDF's title is RenderCV's (its placeholders filled)

Words are matched in reading order (difflib over normalised words), so a
word that moved to another line still matches. Baselines come from
pdfminer (a character's text matrix): poppler's -bbox-layout boxes run from
the font's ascender to its descender, which differ between RenderCV's fonts
and ours and would shift every word by up to 2 pt. poppler's pdftotext
gives the pages' lines.

  compare.py RESCOMP [--limits FILE] [--work DIR] [--only THEME...]

With --limits, each theme's row is checked against FILE (one line per
theme: name, then key=value bounds, see limits.txt) and the exit status is
1 when any bound is broken, so the numbers reached cannot regress.
"""
import argparse
import difflib
import os
import re
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "examples")
SOURCES = os.path.join(HERE, "..", "..", "tests", "rendercv")
THEMES = ["classic", "ember", "engineeringclassic", "engineeringresumes",
          "harvard", "ink", "moderncv", "opal", "sb2nov"]

FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"',
                      "\u201d": '"', "\u2013": "-", "\u2014": "-",
                      "\ufb01": "fi", "\ufb02": "fl", "\ufb00": "ff",
                      "\ufb03": "ffi", "\ufb04": "ffl", "\u00a0": " "})


def norm(word):
    return word.translate(FOLD).casefold()


def squeeze(line):
    """A line without its spaces: rescomp's synthetic small capitals are
    runs of two sizes, which poppler reads as two words ("P rojects")."""
    return "".join(norm(line).split())


def example_paths(theme):
    stem = "John_Doe_%sTheme_CV" % theme.capitalize()
    return (os.path.normpath(os.path.join(SOURCES, stem + ".yaml")),
            os.path.join(EXAMPLES, stem + ".pdf"))


def page_lines(pdf):
    """Lines of each page from poppler: [[(y, text), ...] per page]."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"],
                         capture_output=True, check=True).stdout
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xml)
    xml = xml.replace(b' xmlns="http://www.w3.org/1999/xhtml"', b"")
    root = ET.fromstring(xml)
    pages = []
    for page in root.iter("page"):
        words = []
        for w in page.iter("word"):
            if w.text and any(c.isalnum() for c in w.text):
                words.append((float(w.get("yMax")), float(w.get("xMin")),
                              w.text))
        pages.append(cluster(words))
    return pages


def cluster(words, tol=2.0):
    """Group (y, x, text) into lines by y; return [(y, "text"), ...]."""
    lines = []
    for y, x, t in sorted(words):
        if lines and abs(lines[-1][0] - y) <= tol:
            lines[-1][1].append((x, t))
        else:
            lines.append((y, [(x, t)]))
    return [(y, " ".join(t for _, t in sorted(ws))) for y, ws in lines]


def first_line(lines):
    for _, text in lines:
        if not text.startswith("Last updated"):
            return text
    return ""


def baseline_words(pdf, pageno):
    """Words of one page with their baselines: [(norm, baseline, x0, x1)]."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LAParams
    out = []
    page = next(iter(extract_pages(pdf, page_numbers=[pageno],
                                   laparams=LAParams())))
    height = page.height

    def flush(chars):
        text = "".join(c.get_text() for c in chars)
        if any(ch.isalnum() for ch in text):
            out.append((norm(text), height - chars[0].matrix[5],
                        chars[0].x0, chars[-1].x1))

    def walk(obj):
        if isinstance(obj, LTTextContainer) and not hasattr(obj, "_objs"):
            return
        for child in getattr(obj, "_objs", []):
            if type(child).__name__ == "LTTextLineHorizontal":
                chars = []
                for c in child:
                    if isinstance(c, LTChar) and not c.get_text().isspace():
                        if chars and c.x0 - chars[-1].x1 > 0.15 * c.size:
                            flush(chars)
                            chars = []
                        chars.append(c)
                    elif chars:
                        flush(chars)
                        chars = []
                if chars:
                    flush(chars)
            else:
                walk(child)
    walk(page)
    out.sort(key=lambda w: (round(w[1]), w[2]))
    return out


def margin_notes(pdf):
    """Page 1's top note and footer: {kind: (baseline, size, x1)}; the top
    note is the line starting "Last updated", the footer the one ending in
    "1/N"."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextLineHorizontal
    page = next(iter(extract_pages(pdf, page_numbers=[0])))
    found = {}

    def walk(obj):
        for child in getattr(obj, "_objs", []):
            if isinstance(child, LTTextLineHorizontal):
                text = child.get_text().strip()
                chars = [c for c in child if isinstance(c, LTChar)]
                kind = ("top" if text.startswith("Last updated") else
                        "footer" if re.search(r"\b1/\d+$", text) else None)
                if chars and kind:
                    found[kind] = (page.height - chars[0].matrix[5],
                                   round(chars[0].size, 2), chars[-1].x1)
            else:
                walk(child)
    walk(page)
    return found


def pdf_title(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True,
                          text=True).stdout
    m = re.search(r"^Title:\s*(.*)$", info, re.M)
    return m.group(1) if m else ""


def first_section_title(yaml_path):
    import yaml
    with open(yaml_path, encoding="utf-8") as f:
        cv = yaml.safe_load(f)["cv"]
    return next(iter(cv["sections"]))


def header_lines(lines, section):
    """Lines from the one holding the name to the first section's title."""
    key = squeeze(section)
    count = None
    for _, text in lines:
        t = squeeze(text)
        if count is None:
            if "johndoe" in t and not t.startswith("lastupdated"):
                count = 1
            continue
        if t.startswith(key):
            return count
        count += 1
    return -1


def matched(ours, theirs):
    sm = difflib.SequenceMatcher(None, [w[0] for w in theirs],
                                 [w[0] for w in ours], autojunk=False)
    pairs = []
    for a, b, n in sm.get_matching_blocks():
        for i in range(n):
            pairs.append((theirs[a + i], ours[b + i]))
    return pairs


def measure(rescomp, theme, work):
    yaml_path, ref = example_paths(theme)
    ours = os.path.join(work, theme + ".pdf")
    run = subprocess.run([rescomp, yaml_path, "-o", ours],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit("%s: rescomp failed:\n%s" % (theme, run.stderr))
    rl, ol = page_lines(ref), page_lines(ours)
    row = {"theme": theme, "pages_ref": len(rl), "pages": len(ol)}
    row["first"] = sum(1 for a, b in zip(rl, ol)
                       if squeeze(first_line(a)) == squeeze(first_line(b)))
    row["first_diff"] = [(i + 1, first_line(a), first_line(b))
                         for i, (a, b) in enumerate(zip(rl, ol))
                         if squeeze(first_line(a)) != squeeze(first_line(b))]
    section = first_section_title(yaml_path)
    row["header_ref"] = header_lines(rl[0], section)
    row["header"] = header_lines(ol[0], section)

    rw, ow = baseline_words(ref, 0), baseline_words(ours, 0)
    pairs = matched(ow, rw)
    names = [(a, b) for a, b in pairs if a[0] == "john"]
    shift = names[0][1][1] - names[0][0][1] if names else 0.0
    dys = [b[1] - a[1] - shift for a, b in pairs]
    row["dy"] = statistics.median(dys) if dys else float("nan")
    row["within3"] = (sum(1 for d in dys if abs(d) <= 3.0) / len(dys)
                      if dys else 0.0)
    row["match"] = len(pairs) / len(rw) if rw else 0.0
    ratios = [(b[3] - b[2]) / (a[3] - a[2]) for a, b in pairs
              if len(a[0]) >= 3 and a[3] - a[2] > 1.0]
    row["width"] = statistics.median(ratios) if ratios else float("nan")
    rn, on = margin_notes(ref), margin_notes(ours)
    row["notes"] = max([abs(rn[k][0] - on[k][0]) if k in on else float("inf")
                        for k in rn] + [0.0 if set(on) <= set(rn) else
                                        float("inf")])
    row["notes_size"] = all(k in on and rn[k][1] == on[k][1] for k in rn)
    row["title"] = pdf_title(ours) == pdf_title(ref)
    return row


def read_limits(path):
    limits = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if line:
                limits[line[0]] = dict((kv.split("=", 1) + [""])[:2]
                                       for kv in line[1:])
    return limits


def check(row, bounds):
    """Broken bounds of one row: ['dy 7.1 > 5', ...]."""
    broken = []
    for key, bound in bounds.items():
        if key == "same_pages":
            if row["pages"] != row["pages_ref"]:
                broken.append("pages %d != %d" % (row["pages"],
                                                  row["pages_ref"]))
        elif key == "same_first":
            if row["first"] != row["pages_ref"]:
                broken.append("first lines %d of %d pages" %
                              (row["first"], row["pages_ref"]))
        elif key == "same_header":
            if row["header"] != row["header_ref"]:
                broken.append("header lines %d != %d" %
                              (row["header"], row["header_ref"]))
        elif key == "dy":
            if not abs(row["dy"]) <= float(bound):
                broken.append("|dy| %.2f > %s" % (row["dy"], bound))
        elif key == "within3":
            if not row["within3"] >= float(bound):
                broken.append("within3 %.2f < %s" % (row["within3"], bound))
        elif key == "notes":
            if not (row["notes"] <= float(bound) and row["notes_size"]):
                broken.append("top note and footer %.2f pt off (sizes %s)" %
                              (row["notes"], "same" if row["notes_size"]
                               else "differ"))
        elif key == "same_title":
            if not row["title"]:
                broken.append("the PDF title is not RenderCV's")
        elif key == "width":
            if not abs(row["width"] - 1) <= float(bound):
                broken.append("width ratio %.3f not within 1 +- %s" % (row["width"], bound))
        elif key == "match":
            if not row["match"] >= float(bound):
                broken.append("match %.2f < %s" % (row["match"], bound))
        else:
            broken.append("unknown bound '%s'" % key)
    return broken


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rescomp")
    ap.add_argument("--limits")
    ap.add_argument("--work", default="/tmp/rescomp-rendercv")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    limits = read_limits(args.limits) if args.limits else {}
    print("%-19s %5s %5s %6s %7s %6s %6s %6s %6s %5s" %
          ("theme", "pages", "first", "header", "dy", "|dy|<3", "width",
           "match", "notes", "title"))
    failed = False
    for theme in args.only or THEMES:
        r = measure(args.rescomp, theme, args.work)
        print("%-19s %2d/%-2d %2d/%-2d %3d/%-2d %7.2f %6.2f %6.3f %6.2f %5.2f%s %5s"
              % (theme, r["pages_ref"], r["pages"], r["first"], r["pages_ref"],
                 r["header_ref"], r["header"], r["dy"], r["within3"],
                 r["width"], r["match"], r["notes"],
                 " " if r["notes_size"] else "*", "same" if r["title"]
                 else "no"))
        if args.verbose:
            for page, a, b in r["first_diff"]:
                print("    page %d: RenderCV '%s'\n            ours     '%s'"
                      % (page, a, b))
        for broken in check(r, limits.get(theme, {})):
            print("  FAIL %s: %s" % (theme, broken))
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
