"""A right-to-left CV, read back (tests/rtl/tests.cmake).

usage: check_rtl.py RESCOMP CV.yaml WORKDIR [--letter]

Compiles the CV to PDF, txt and html, then checks:
- pdftotext: the words of each text field of the CV come out in the
  order they are written (logical order), whatever their direction;
- pdfminer: every word of the CV comes out whole (not reversed, not cut);
- the page is mirrored (pdftotext -bbox): section titles end at the right
  margin, each bullet stands right of its line, the first entry's dates
  are left of its title, in the left half of the page;
- txt and html hold each field as written, html with dir="rtl" and lang.

Words are compared with punctuation turned to spaces: poppler's own
reordering of a line moves brackets, '%' and commas about ("%40" for
"40%"), which is its reading, not the PDF's order.
"""
import re
import subprocess
import sys
import unicodedata

import yaml

rescomp, cv_path, work = sys.argv[1:4]
letter = sys.argv[4:] == ["--letter"]
failures = []


def fail(msg):
    failures.append(msg)


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def words(text):
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", " ", text)  # poppler's marks
    text = "".join(" " if unicodedata.category(c)[0] in "PSZ" or c in "•" else c for c in text)
    return text.split()


cv = yaml.safe_load(open(cv_path, encoding="utf-8"))
fields = []  # text fields a reader reads as lines
c = cv["cv"]
fields += [c[k] for k in ("name", "headline", "location") if k in c]
lang = {"arabic": "ar", "hebrew": "he", "persian": "fa"}.get(cv.get("locale", {}).get("language"))
for title, entries in c["sections"].items():
    fields.append(title)
    for e in entries:
        for key in ("company", "position", "institution", "area", "degree", "location"):
            if key in e:
                fields.append(e[key])
        fields += e.get("highlights", [])

pdf = f"{work}.pdf"
if letter:
    # the letter's own fields; its lines are flush right (the subject,
    # which is no justified line, ends at the right margin)
    lt = cv["letter"]
    fields = lt["recipient"] + [lt["subject"], lt["salutation"], lt["closing"]]
    fields += [p for p in lt["body"].split("\n\n") if p.strip()]
    run(rescomp, cv_path, "--letter", "-o", pdf)
    got = " " + " ".join(words(run("pdftotext", pdf, "-"))) + " "
    for f in fields:
        if " " + " ".join(words(f)) + " " not in got:
            fail(f"pdftotext does not read '{f}' in order")
    xml = run("pdftotext", "-bbox", pdf, "-")
    right = max(float(b) for b in re.findall(r'xMax="([0-9.]+)"', xml))
    first = words(lt["subject"])[0]
    # poppler's -bbox cuts a right-to-left word into letters: the first one
    hits = [m for m in re.finditer(r'xMin="([0-9.]+)"[^>]*xMax="([0-9.]+)"[^>]*>([^<]*)<', xml)
            if m.group(3) in (first[0], first[-1])]
    if not any(abs(float(m.group(2)) - right) < 1 for m in hits):
        fail(f"the subject '{lt['subject']}' does not end at the right margin {right:.1f}")
    for m in failures:
        print(m)
    sys.exit(1 if failures else 0)
run(rescomp, cv_path, "-o", pdf)
run(rescomp, cv_path, "-o", f"{work}.txt")
run(rescomp, cv_path, "-o", f"{work}.html")

# pdftotext: each field's words in logical order, consecutive
got = words(run("pdftotext", pdf, "-"))
joined = " " + " ".join(got) + " "
for f in fields:
    if re.search("[\u064b-\u065f\u200c]", f):
        # poppler starts a new line at a zero-width mark or non-joiner
        # (tanween, Persian's ZWNJ): pdfminer checks these words below
        print(f"note: pdftotext's order not checked for '{f}'")
        continue
    want = " " + " ".join(words(f)) + " "
    if want not in joined:
        fail(f"pdftotext does not read '{f}' in order:\n  want {want}\n  in   {joined}")

# pdfminer: every word whole
mined = subprocess.run(
    ["/usr/bin/python3", "-c",
     "import sys; from pdfminer.high_level import extract_text; "
     "sys.stdout.write(extract_text(sys.argv[1]))", pdf],
    check=True, capture_output=True, text=True).stdout
# (a substring: pdfminer puts no space between two columns of right-to-left
# text, the label column and the entry's, since it measures gaps left to right)
have = " ".join(words(mined))
for f in fields:
    for w in words(f):
        if w not in have:
            fail(f"pdfminer does not read the word '{w}' of '{f}'")

# mirrored layout (a right-to-left language's CV), from pdfminer's lines
# of page 1 (poppler's -bbox cuts right-to-left words into letters);
# pdfminer reads a line's glyphs in the content stream's order, which is
# the logical one
LAYOUT = """
import json, sys
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextLineHorizontal, LTChar
lines, chars = [], []
def walk(o):
    if isinstance(o, LTTextLineHorizontal):
        lines.append([o.get_text().strip(), o.x0, o.x1, o.y0, o.y1])
    if isinstance(o, LTChar):
        chars.append([o.get_text(), o.x0, o.x1, (o.y0 + o.y1) / 2])
    for k in getattr(o, '_objs', []):
        walk(k)
page = next(extract_pages(sys.argv[1]))
walk(page)
print(json.dumps({'width': page.width, 'lines': lines, 'chars': chars}))
"""
import json
lay = json.loads(subprocess.run(["/usr/bin/python3", "-c", LAYOUT, pdf], check=True,
                                capture_output=True, text=True).stdout)
if not lang:
    lay["lines"] = []  # a left-to-right CV: not mirrored, nothing to check here
page_w, lines, chars = lay["width"], lay["lines"], lay["chars"]
right = max([l[2] for l in lines] or [0])


def line_with(text):
    return [l for l in lines if text in l[0]]


for title in c["sections"] if lang else []:
    hits = [l for l in lines if l[0] == title]
    if not hits:
        fail(f"section title '{title}' is no line of page 1")
    elif hits[0][2] < right - 1:
        fail(f"section title '{title}' ends at x={hits[0][2]:.1f}, not at the right margin "
             f"{right:.1f}")
bullets = [ch for ch in chars if ch[0] == "\u2022"] if lang else []
if lang and not bullets:
    fail("no bullet on page 1")
for bl in bullets:
    others = [ch for ch in chars if abs(ch[3] - bl[3]) < 2 and ch is not bl and ch[0].strip()]
    if others and max(ch[2] for ch in others) > bl[1]:
        fail(f"the bullet at x={bl[1]:.1f} is not right of its line")
first = c["sections"][next(iter(c["sections"]))][0]
year = str(first["start_date"])[:4]
title_word = words(first.get("company") or first.get("institution"))[0]
ys, ts = line_with(year), line_with(title_word)
if not lang:
    pass
elif not ys or not ts:
    fail(f"the first entry's date '{year}' or title '{title_word}' is no line of page 1")
elif not (ys[0][2] < ts[0][1] and ys[0][2] < page_w / 2):
    fail(f"the first entry's date at x={ys[0][1]:.1f}..{ys[0][2]:.1f} is not left of its "
         f"title at x={ts[0][1]:.1f}")

# text devices: logical order, as written
txt = open(f"{work}.txt", encoding="utf-8").read()
html = open(f"{work}.html", encoding="utf-8").read()

def in_order(want, have):
    """want's words in have, in order (the txt sets a date column beside a wrapped line)"""
    it = iter(have)
    return all(w in it for w in want)


for f in fields:
    if not in_order(words(f), words(txt)):
        fail(f"the txt does not hold '{f}' as written")
if lang and not re.search(r'<html lang="%s" dir="rtl">' % lang, html):
    fail(f'the html does not say lang="{lang}" dir="rtl"')
if not lang and "<html lang=\"en\">" not in html:
    fail('the html of a left-to-right CV is not <html lang="en">')
for f in fields:
    if f.replace("&", "&amp;") not in html:
        fail(f"the html does not hold '{f}' as written")

for m in failures:
    print(m)
sys.exit(1 if failures else 0)
