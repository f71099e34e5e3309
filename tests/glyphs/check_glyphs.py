#!/usr/bin/env python3
"""Characters no font has, fallback fonts beyond the BMP, and clusters of
combining characters, run through the rescomp program and checked in the
PDF with poppler (pdftotext, pdffonts, pdftoppm).

    check_glyphs.py CASE RESCOMP FONTCONFIG_FILE WORKDIR

Each case writes its CV, runs rescomp with that fontconfig configuration
and checks the exit code, the diagnostics, and the PDF.
"""
import os
import re
import subprocess
import sys

CASE, EXE, FONTCONF, WORK = sys.argv[1:5]
os.makedirs(WORK, exist_ok=True)
os.chdir(WORK)
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def write_cv(summary):
    # The summary starts at line 5, column 10; a column counts bytes.
    with open("cv.yaml", "w", encoding="utf-8") as f:
        f.write('cv:\n  name: Test\n  sections:\n    summary:\n      - "%s"\n' % summary)


def run(*args):
    env = dict(os.environ, FONTCONFIG_FILE=FONTCONF, SOURCE_DATE_EPOCH="0")
    p = subprocess.run([EXE, "cv.yaml", "-o", "out.pdf", *args], env=env,
                       capture_output=True, text=True)
    return p.returncode, p.stderr


def text(pdf="out.pdf"):
    # -raw: in content-stream order, without merging the marks stacked on one letter
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout


def fonts(pdf="out.pdf"):
    return subprocess.run(["pdffonts", pdf], capture_output=True, text=True,
                          check=True).stdout


def word_box(word, pdf="out.pdf"):
    """The box of the first word that is exactly `word`, in points (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  + re.escape(word) + "</word>", html)
    return tuple(float(v) for v in m.groups()) if m else None


def ink(box, pdf="out.pdf"):
    """How many dark pixels the page shows inside box (rendered at 144 dpi)."""
    x0, y0, x1, y1 = (int(round(v * 2)) for v in box)
    subprocess.run(["pdftoppm", "-r", "144", "-gray", "-f", "1", "-l", "1",
                    "-x", str(x0), "-y", str(y0), "-W", str(max(1, x1 - x0)),
                    "-H", str(max(1, y1 - y0)), pdf, "crop"], check=True)
    with open("crop-1.pgm", "rb") as f:
        data = f.read()
    # P5 header: magic, width, height, maxval, each followed by white space.
    fields, pos = [], 0
    while len(fields) < 4:
        m = re.compile(rb"\s*(\S+)").match(data, pos)
        fields.append(m.group(1))
        pos = m.end()
    pixels = data[pos + 1:]
    return sum(1 for b in pixels if b < 128)


EMOJI = "\U0001F600"

if CASE == "missing":
    # No installed font: the emoji is a warning at its position, a box on
    # the page, and itself in the extracted text (ToUnicode).
    write_cv("I like %s a lot" % EMOJI)
    rc, err = run()
    check(rc == 0, "exit code %d, expected 0:\n%s" % (rc, err))
    check(re.search(r"cv\.yaml:5:17: warning: no installed font has the character '%s' "
                    r"\(U\+1F600\), shown as a box; install a font" % EMOJI, err),
          "no warning at 5:17 naming U+1F600:\n" + err)
    check(err.count("warning:") == 1, "one warning expected:\n" + err)
    if rc == 0:
        check("I like %s a lot" % EMOJI in text(), "text does not extract:\n" + text())
        box = word_box(EMOJI)
        check(box is not None, "no word box for the emoji")
        if box:
            check(ink(box) > 20, "the box (.notdef) is not drawn")
        check("Symbola" not in fonts(), "a font was found:\n" + fonts())

elif CASE == "symbola":
    # Symbola installed: the emoji comes from it, embedded, with no warning.
    write_cv("I like %s a lot" % EMOJI)
    rc, err = run()
    check(rc == 0, "exit code %d, expected 0:\n%s" % (rc, err))
    check("warning" not in err, "unexpected diagnostics:\n" + err)
    if rc == 0:
        check("I like %s a lot" % EMOJI in text(), "text does not extract:\n" + text())
        check(re.search(r"\+Symbola\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", fonts()),
              "Symbola is not embedded:\n" + fonts())
        box = word_box(EMOJI)
        check(box is not None and ink(box) > 20, "the emoji is not drawn")

elif CASE == "marks":
    # A letter with a million combining acutes: 32 kept, one warning at the
    # 33rd, in linear time (the test's TIMEOUT fails a quadratic shaper).
    write_cv("x e" + "\u0301" * 1000000 + " y")
    rc, err = run()
    check(rc == 0, "exit code %d, expected 0:\n%s" % (rc, err))
    # "x e", then 32 acutes of 2 bytes each
    check(re.search(r"cv\.yaml:5:%d: warning: more than 32 combining characters on one "
                    r"letter, 999968 left out; keep at most 32" % (10 + 3 + 32 * 2), err),
          "no warning at the 33rd mark:\n" + err)
    check(err.count("warning:") == 1, "one warning expected:\n" + err)
    if rc == 0:
        t = text()
        check(t.count("\u0301") == 32, "%d marks extracted, 32 expected" % t.count("\u0301"))

elif CASE == "clusters":
    # Long words of short clusters are no clusters to cut: 100,000 letters
    # each with an accent, 100,000 emoji each with a selector, and a letter
    # with 1,000 ZWJs and variation selectors (cut to 32).
    write_cv("a" + "e\u0301" * 100000 + " b" + "\u2603\ufe0f" * 100000 + " c"
             + "\u200d\ufe00" * 500 + " d")
    rc, err = run()
    check(rc == 0, "exit code %d, expected 0:\n%s" % (rc, err))
    check(re.search(r"warning: more than 32 combining characters on one letter, 968 left out",
                    err), "no warning for the ZWJs:\n" + err)
    check(err.count("combining") == 1, "one warning for clusters expected:\n" + err)
    # Words wider than the column break anywhere as a last resort (layout.c);
    # the accented word, 200,000 boxes in two faces whose width is capped at
    # 16,000pt (build.c), may still overflow once. Either way the time and
    # memory of drawing it stay linear (a box of many draws, page.c).
    check(err.count("line too wide") <= 2, "at most two overfull lines expected:\n" + err)
    if rc == 0:
        t = text()
        check("a" + "e\u0301" * 100 in t, "the accented word does not extract:\n" + t[:500])

else:
    failures.append("unknown case " + CASE)

for f in failures:
    print("check_glyphs %s: %s" % (CASE, f), file=sys.stderr)
sys.exit(1 if failures else 0)
