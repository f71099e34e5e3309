#!/usr/bin/env python3
"""The HTML device writes the PDF's words with the tree's structure.

    check_html.py RESCOMP INPUT THEME WORKDIR [--browser]

compiles INPUT under THEME (no hyphenation) to a PDF (with its --trace),
to plain text and to HTML, and checks the HTML:

- valid: html5lib's strict parser (the HTML5 parsing algorithm, which
  browsers follow) reports no parse error, and it is UTF-8 with a doctype;
- every word: its words (the text content, as html.parser reads it) are
  pdftotext's words in order, the entries' date and label columns each in
  their own order among them (as textdev/check_text.py says), and the same
  words as the txt device writes;
- semantic: lang on <html> is the CV's language, one <h1> (the name), an
  <h2> per section title in order, an <li> per LI of the tree, the <a
  href>s are the tree's links (target and text) in order, each <time> has
  a datetime that is a date the source wrote, with the text the date line
  shows it as, and nothing but escaped text: no element the device does
  not write.
- deterministic: a second run writes the same bytes.

With --browser it also opens the page in headless Chromium: a screenshot
of the page at the design's page width is not blank and its ink spans
about the width and height the PDF's first page does (pdftoppm at the same
scale), and Chromium's own PDF of the page (its print stylesheet) has
every word of the HTML. Without chromium the browser check is skipped
(exit 77), unless CI is set: CI installs it (.ci/packages).
"""
import collections
import html.parser
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "textdev"))
import check_text  # noqa: E402  (words, the trace, the interleaving of columns)

BLOCKS = {"html", "body", "main", "header", "section", "div", "p", "h1", "h2", "ul", "ol", "li",
          "img"}
INLINE = {"a", "strong", "em", "code", "time", "span"}
VOID = {"meta", "img"}
HEAD = {"head", "title", "style", "meta"}


class Page(html.parser.HTMLParser):
    """The words of a page in three streams, and its semantic elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.streams = {"main": [], "side": [], "label": []}
        self.counts = collections.Counter()
        self.lang = None
        self.links = []      # (href, text)
        self.times = []      # (datetime, text)
        self.h1, self.h2 = [], []
        self.unknown = []
        self.capture = []    # [tag, attrs, text] being read

    def stream(self):
        for tag, cls in reversed(self.stack):
            if "label" in cls:
                return "label"
            if "side" in cls or ("date" in cls and any("row" in c for _, c in self.stack)):
                return "side"
        return "main"

    def space(self):
        for s in self.streams.values():
            s.append(" ")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in BLOCKS | INLINE | HEAD:
            self.unknown.append(tag)
        self.counts[tag] += 1
        if tag == "html":
            self.lang = a.get("lang")
        if tag in BLOCKS:
            self.space()
        if tag in ("a", "time", "h1", "h2"):
            self.capture.append([tag, a, []])
        if tag not in VOID:
            self.stack.append((tag, (a.get("class") or "").split()))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag in BLOCKS:
            self.space()
        if self.capture and self.capture[-1][0] == tag:
            t, a, text = self.capture.pop()
            text = " ".join("".join(text).split())
            if t == "a":
                self.links.append((a.get("href"), text))
            elif t == "time":
                self.times.append((a.get("datetime"), text))
            elif t == "h1":
                self.h1.append(text)
            else:
                self.h2.append(text)

    def handle_data(self, data):
        if any(t in HEAD for t, _ in self.stack):
            return
        self.streams[self.stream()].append(data)
        for c in self.capture:
            c[2].append(data)

    def words(self, name):
        return check_text.words("".join(self.streams[name]))


# RenderCV's names of the languages the tests write, as BCP 47 codes
CODES = {"english": "en", "german": "de", "french": "fr", "spanish": "es", "turkish": "tr"}


def run(cmd):
    return check_text.run(cmd)


# ---- PNG ---------------------------------------------------------------------------


def read_png(path):
    """(width, height, rows of (r, g, b) tuples' sums) of an 8-bit PNG: what ink needs."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("%s is not a PNG" % path)
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (0, 2, 4, 6):
        sys.exit("%s: unexpected PNG type %d/%d" % (path, depth, ctype))
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    raw, stride = zlib.decompress(idat), w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        ft, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    colours = 1 if ctype in (0, 4) else 3
    return w, h, [[min(line[x * bpp:x * bpp + colours]) for x in range(w)] for line in rows]


def ink(path, below=1.0):
    """Where a page's ink is: (fraction of dark pixels, left, top, right, bottom) in 0..1,
    above `below` (a fraction of the height)."""
    w, h, rows = read_png(path)
    dark, box = 0, [w, h, -1, -1]
    for y, row in enumerate(rows):
        if y > below * h:
            break
        for x, v in enumerate(row):
            if v < 200:
                dark += 1
                box = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
    if dark == 0:
        return 0.0, 0, 0, 0, 0
    return dark / (w * h), box[0] / w, box[1] / h, box[2] / w, box[3] / h


# ---- the browser --------------------------------------------------------------------


def browser(chromium, html_path, pdf, page, work):
    failures = []
    size = re.search(r"^page 1 ([\d.]+)x([\d.]+)$", page, re.M)
    wpx, hpx = round(float(size.group(1)) * 4 / 3), round(float(size.group(2)) * 4 / 3)
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--user-data-dir=" + work + "-chromium", "--no-first-run"]
    url = "file://" + os.path.abspath(html_path)
    shot = work + "-screen.png"
    for f in (shot, work + "-chromium.pdf"):
        if os.path.exists(f):
            os.remove(f)
    subprocess.run(base + ["--screenshot=" + shot, "--window-size=%d,%d" % (wpx, hpx), url],
                   capture_output=True, timeout=120)
    if not os.path.exists(shot):
        return ["chromium wrote no screenshot"]
    run(["pdftoppm", "-r", "96", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, work + "-page"])
    # The HTML has no decoration: the PDF's ink is measured above its footer
    # (a decoration's text draw ends in " -" in the trace), 5pt below the
    # lowest baseline of page 1's own text.
    page1 = page.split("\npage 2 ")[0]
    lowest = max((float(m.group(1)) for m in
                  re.finditer(r'^text [\d.-]+ ([\d.]+) .*"(?: .*)?$', page1, re.M)
                  if not m.group(0).endswith(" -")), default=float(size.group(2)))
    h_ink = ink(shot)
    p_ink = ink(work + "-page.png", (lowest + 5) / float(size.group(2)))
    if h_ink[0] < 0.002:
        failures.append("the screenshot is blank (%.4f of it inked)" % h_ink[0])
    else:
        ratio = h_ink[0] / p_ink[0]
        # the same text at the same width: about as much ink, and the same margins
        if not 0.4 < ratio < 2.5:
            failures.append("the screenshot has %.2f times the ink of the PDF's first page" % ratio)
        for i, side in ((1, "left"), (3, "right"), (2, "top")):
            if abs(h_ink[i] - p_ink[i]) > 0.06:
                failures.append("the screenshot's ink starts at %s %.3f, the PDF's at %.3f" %
                                (side, h_ink[i], p_ink[i]))
        if h_ink[4] < 0.8 * p_ink[4]:
            failures.append("the screenshot's ink ends at %.2f of the window's height, the "
                            "PDF's at %.2f of its page" % (h_ink[4], p_ink[4]))
    printed = work + "-chromium.pdf"
    subprocess.run(base + ["--no-pdf-header-footer", "--print-to-pdf=" + printed, url],
                   capture_output=True, timeout=120)
    if not os.path.exists(printed):
        return failures + ["chromium printed no PDF"]
    text = run(["pdftotext", "-raw", "-enc", "UTF-8", printed, "-"])
    info = run(["pdfinfo", printed])
    want_size = "%s x %s pts" % (size.group(1).rstrip("0").rstrip("."),
                                 size.group(2).rstrip("0").rstrip("."))
    got = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    if not got or abs(float(got.group(1)) - float(size.group(1))) > 1 or \
            abs(float(got.group(2)) - float(size.group(2))) > 1:
        failures.append("chromium printed on %s, the design's page is %s" %
                        (got.group(0) if got else "?", want_size))
    return failures, text, h_ink, p_ink


def rejoin(text, wanted):
    """Words of a browser's printed text: a word it broke at a line's end ("open-" at the
    end of one, "source" at the start of the next: a hard hyphen or "...)" is a break
    opportunity to a browser) joined again when the page has the whole word."""
    out = []
    for line in text.splitlines():
        ws = line.split()
        if out and ws and out[-1] + ws[0] in wanted and out[-1] not in wanted:
            out[-1] += ws.pop(0)
        elif out and ws and out[-1] + ws[0] in wanted and ws[0] not in wanted:
            out[-1] += ws.pop(0)
        out += ws
    return [w for w in out if any(c.isalnum() for c in w)]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    use_browser = "--browser" in sys.argv
    exe, input_, theme, work = args[:4]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if use_browser and not chromium:
        if os.environ.get("CI"):
            sys.exit("chromium is not installed, and CI must run the browser test (.ci/packages)")
        print("skipped: chromium is not installed (apt-get install chromium)")
        sys.exit(77)
    sets = ["--set", "design.theme=" + theme,
            "--set", "design.typography.alignment=justified-with-no-hyphenation"]
    pdf, txt, page = work + ".pdf", work + ".txt", work + ".html"
    trace = run([exe, input_] + sets + ["-q", "-o", pdf, "--trace"])
    run([exe, input_] + sets + ["-q", "-o", txt])
    run([exe, input_] + sets + ["-q", "-o", page])
    with open(page, "rb") as f:
        raw = f.read()
    run([exe, input_] + sets + ["-q", "--format", "html", "-o", page + ".again"])
    failures = []
    with open(page + ".again", "rb") as f:
        if f.read() != raw:
            failures.append("a second run wrote other bytes")
    text = raw.decode("utf-8")
    if not text.startswith("<!DOCTYPE html>\n"):
        failures.append("no <!DOCTYPE html> first")

    # valid: the HTML5 parsing algorithm, strict
    import html5lib
    try:
        html5lib.HTMLParser(strict=True).parse(raw)
    except Exception as e:  # html5lib.html5parser.ParseError
        failures.append("html5lib: %s" % e)

    p = Page()
    p.feed(text)
    p.close()
    decoration, tree = check_text.read_trace(trace)
    pdftext = run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"])
    main_w, side_w, label_w = p.words("main"), p.words("side"), p.words("label")
    why = check_text.interleaves(check_text.pdf_words(pdftext, decoration),
                                 (main_w, side_w, label_w))
    if why:
        failures.append("words: " + why)
    with open(txt, encoding="utf-8") as f:
        tm, ts, tl = check_text.txt_words(f.read())
    if sorted(main_w + side_w + label_w) != sorted(tm + ts + tl):
        a, b = collections.Counter(main_w + side_w + label_w), collections.Counter(tm + ts + tl)
        failures.append("words not as the txt's: html only %r, txt only %r" %
                        (list((a - b).elements())[:10], list((b - a).elements())[:10]))

    # semantic
    want_h1 = [" ".join(t.split()) for d, r, u, t in tree if r == "H1"]
    want_h2 = [" ".join(t.split()) for d, r, u, t in tree if r == "H2"]
    # (a target may hold '>', which check_text's pattern of a node stops at)
    want_links = [(m.group(1), check_text.bare(check_text.unquote(m.group(2)))) for m in
                  re.finditer(r'^ *Link <(.*)> "((?:[^"\\]|\\.)*)"$', trace, re.M)]
    want_li = sum(1 for d, r, u, t in tree if r == "LI")
    if p.h1 != want_h1 or len(p.h1) != 1:
        failures.append("<h1> %r, the name %r" % (p.h1, want_h1))
    if p.h2 != want_h2:
        failures.append("<h2> %r, the section titles %r" % (p.h2, want_h2))
    if p.counts["li"] != want_li:
        failures.append("%d <li>, the tree has %d LI" % (p.counts["li"], want_li))
    links = [(h, check_text.bare(t)) for h, t in p.links]
    if links != want_links:
        failures.append("links %r,\n  the tree's %r" % (links, want_links))
    lang = re.search(r'^\s*language:\s*"?([A-Za-z-]+)', open(input_, encoding="utf-8").read(), re.M)
    want_lang = CODES.get(lang.group(1), lang.group(1)) if lang else "en"
    if p.lang != want_lang:
        failures.append("<html lang=%r>, the CV's language %r" % (p.lang, want_lang))
    source = open(input_, encoding="utf-8").read()
    for dt, shown in p.times:
        if not dt or not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", dt):
            failures.append("<time datetime=%r> is no date" % dt)
        elif not re.search(r"(?<![\d-])%s(?![\d])" % re.escape(dt), source):
            failures.append("<time datetime=%r>%s</time>: no such date in the CV" % (dt, shown))
        elif not shown or shown not in "".join(p.streams["side"] + p.streams["main"]):
            failures.append("<time datetime=%r> shows %r" % (dt, shown))
    iso = re.findall(r"^\s*(?:start_date|end_date|date):\s*'?(\d{4}(?:-\d\d)?(?:-\d\d)?)'?\s*$",
                     source, re.M)
    if iso and not p.times:
        failures.append("the CV has dates (%s) but the page no <time>" % ", ".join(iso[:3]))
    if p.unknown:
        failures.append("elements the device does not write: %r" % sorted(set(p.unknown)))

    note = ""
    if use_browser:
        r = browser(chromium, page, pdf, trace, work)
        if isinstance(r, list):
            failures += r
        else:
            bf, printed, h_ink, p_ink = r
            failures += ["chromium: " + f for f in bf]
            a = collections.Counter(main_w + side_w + label_w)
            b = collections.Counter(rejoin(printed, a))
            if a - b:
                failures.append("chromium's PDF lacks words of the page: %r" %
                                list((a - b).elements())[:12])
            note = "; chromium: ink %.3f (PDF %.3f), printed every word" % (h_ink[0], p_ink[0])
    if failures:
        sys.exit("%s under %s:\n%s" % (input_, theme, "\n".join(failures)))
    print("%s under %s: %d words as the PDF's, %d h2, %d li, %d links, %d time%s" %
          (input_, theme, len(main_w) + len(side_w) + len(label_w), len(p.h2), p.counts["li"],
           len(p.links), len(p.times), note))


if __name__ == "__main__":
    main()
