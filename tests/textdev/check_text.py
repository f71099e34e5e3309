#!/usr/bin/env python3
"""The text devices write what the PDF shows, from the same tree.

    check_text.py RESCOMP INPUT THEME WORKDIR

compiles INPUT under THEME to a PDF (with its --trace), to plain text and
to Markdown, with no hyphenation (justified-with-no-hyphenation), and
checks:

txt: its words are the words poppler's pdftotext -raw reads from the PDF,
  in the same order. What is normalised, and why:
  - a word is a run of non-space characters with a letter or a digit in
    it: bullets, separators and rules ("•", "|", "·", "=====") are not;
  - the txt's date column (the text set flush right after a gap of two
    spaces or more, ending at column 80) and its label column (a degree,
    hung left of an entry's first line) may stand anywhere among the
    other words, each in its own order: the PDF sets them beside lines
    that break elsewhere than the txt's 80 columns, and wraps a label in
    its narrow column (the PDF's words are the three interleaved);
  - the address the txt writes after a link's text, " (https://...)",
    is not in the PDF's text (it is the link's target there);
  - decoration, which the txt leaves out, is taken out of the PDF's words:
    each text draw the trace marks as decoration (" -": the top note, the
    footer, page numbers), on its own page.
md: cmark (the CommonMark reference parser) reads it into the same
  structure as the tree's: the name as the one level-1 heading, each
  section title a level-2 heading in order, a list item for each LI
  at the same depth of lists, each link with its text and target.
"""
import html
import re
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET

WIDTH = 80


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("%s failed (%d):\n%s" % (" ".join(cmd), r.returncode, r.stderr))
    return r.stdout


def words(s):
    return [w for w in s.split() if any(c.isalnum() for c in w)]


def unquote(s):
    return s.replace('\\"', '"').replace("\\\\", "\\")


# ---- the trace ---------------------------------------------------------------

TEXT_DRAW = re.compile(r'^text (\S+) (\S+) w=\S+ .*? "((?:[^"\\]|\\.)*)"(?: span=.*)?(?: span-end)?( -)?$')
NODE = re.compile(r'^( *)([A-Za-z0-9]+)(?: <([^>]*)>)?(?: alt="(?:[^"\\]|\\.)*")?(?: "((?:[^"\\]|\\.)*)")?$')


def read_trace(trace):
    """Decoration draws per page (text, y, page height) and the structure tree."""
    pages, height, tree, in_tree = [], 0.0, [], False
    for line in trace.splitlines():
        if line == "structure":
            in_tree = True
            continue
        if in_tree:
            m = NODE.match(line)
            if m:
                tree.append((len(m.group(1)) // 2, m.group(2), m.group(3),
                             unquote(m.group(4) or "")))
            continue
        if line.startswith("page "):
            height = float(line.split()[2].split("x")[1])
            pages.append([])
            continue
        m = TEXT_DRAW.match(line)
        if m and m.group(4) and pages:
            pages[-1].append((unquote(m.group(3)), float(m.group(2)), height))
    return pages, tree


# ---- txt ---------------------------------------------------------------------

SIDE = re.compile(r"^(.*\S)?( {2,})(\S(?:.*\S)?)$")
LINK_URL = re.compile(r"\s+\((?:https?|ftp)://\S*?\)(?=[\s,.;:)\]]|$)")


def txt_words(txt):
    """The txt's words in three streams: the main text, the date column, the label column."""
    main, side, label = [], [], []
    blocks, block = [], []
    for line in txt.splitlines() + [""]:
        if line.strip():
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    for block in blocks:
        mains = []
        for line in block:
            m = SIDE.match(line)
            # (a line of the column alone starts far right, not at a list's indent)
            if m and len(line) == WIDTH and (m.group(1) or len(m.group(2)) >= 24):
                mains.append(m.group(1) or "")
                side += words(m.group(3))
            else:
                mains.append(line)
        # a label hung left of an entry: its other lines start at the column after it
        rest = [len(l) - len(l.lstrip()) for l in mains[1:] if l.strip()]
        body = min(rest) if rest else 0
        first = mains[0] if mains else ""
        if body > 1 and len(first) > body and first[body - 1] == " " and first[body] != " " \
                and "  " not in first[:body].strip():
            label += words(first[:body])
            mains[0] = first[body:]
        # a link's address may be on the next line: the block's text as one
        main += words(LINK_URL.sub("", "\n".join(mains)))
    return main, side, label


def pdf_words(pdftext, decoration):
    """pdftotext's words, less each page's decoration."""
    out = []
    pages = pdftext.split("\f")
    for p, text in enumerate(pages):
        w = words(text)
        for deco, y, height in decoration[p] if p < len(decoration) else []:
            d = words(deco)
            if not d:
                continue
            starts = [i for i in range(len(w) - len(d) + 1) if w[i:i + len(d)] == d]
            if not starts:
                sys.exit("decoration %r (page %d) is not in pdftotext's words" % (deco, p + 1))
            # the top note from the top of the page, the footer from its end
            i = starts[0] if y < height / 2 else starts[-1]
            del w[i:i + len(d)]
        out += w
    return out


def interleaves(pdf, streams):
    """None if pdf is the streams interleaved (each in its order); else where it parts from them."""
    total = sum(len(st) for st in streams)
    start = (0,) * len(streams)
    seen, todo, best = {start}, [start], start
    while todo:
        state = todo.pop()
        i = sum(state)
        if sum(best) < i:
            best = state
        if i == len(pdf):
            if i == total:
                return None
            continue
        for n, st in enumerate(streams):
            if state[n] < len(st) and st[state[n]] == pdf[i]:
                nxt = state[:n] + (state[n] + 1,) + state[n + 1:]
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
    i = sum(best)
    names = ("txt", "date", "label")
    return ("the words part at pdf word %d of %d (txt words: %d):\n  pdf:   %s\n%s" %
            (i, len(pdf), total, " ".join(pdf[max(0, i - 8):i + 8]),
             "\n".join("  %-6s %s" % (names[n] + ":", " ".join(st[max(0, best[n] - 6):best[n] + 6]))
                       for n, st in enumerate(streams))))


# ---- md ----------------------------------------------------------------------

NS = "{http://commonmark.org/xml/1.0}"


def md_text(el):
    """The text of a cmark element, as the trace prints a node's."""
    parts = []
    for e in el.iter():
        tag = e.tag.replace(NS, "")
        if tag in ("text", "code"):
            parts.append(e.text or "")
        elif tag in ("softbreak", "linebreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def bare(s):
    # the trace joins a node's runs without the space at a line's end: compare without spaces
    return "".join(s.split())


def check_md(md, tree):
    failures = []
    root = ET.fromstring(run(["cmark", "--to", "xml"], input=md).encode())

    def depth_of(el, parents):
        return sum(1 for p in parents if p.tag == NS + "list")

    headings, items, links = {1: [], 2: []}, [], []

    def walk(el, parents):
        tag = el.tag.replace(NS, "")
        if tag == "heading":
            headings.setdefault(int(el.get("level")), []).append(md_text(el))
        elif tag == "item":
            items.append(depth_of(el, parents))
        elif tag == "link":
            links.append((urllib.parse.unquote(el.get("destination")), bare(md_text(el))))
        for kid in el:
            walk(kid, parents + [el])

    walk(root, [])
    want = {1: [], 2: []}
    want_items, want_links, lists = [], [], []
    for depth, role, url, text in tree:
        del lists[len([d for d in lists if d < depth]):]
        if role in ("H1", "H2"):
            want[int(role[1])].append(" ".join(text.split()))
        elif role == "L":
            lists.append(depth)
        elif role == "LI":
            want_items.append(len([d for d in lists if d < depth]))
        elif role == "Link":
            want_links.append((urllib.parse.unquote(url), bare(text)))
    for level in (1, 2):
        if headings.get(level, []) != want[level]:
            failures.append("level-%d headings %r, the tree's H%d %r" %
                            (level, headings.get(level), level, want[level]))
    if items != want_items:
        failures.append("list items at depths %r, the tree's LI %r" % (items, want_items))
    if links != want_links:
        failures.append("links %r,\n  the tree's %r" % (links, want_links))
    return failures


def main():
    exe, input_, theme, work = sys.argv[1:5]
    sets = ["--set", "design.theme=" + theme,
            "--set", "design.typography.alignment=justified-with-no-hyphenation"]
    pdf, txt, md = work + ".pdf", work + ".txt", work + ".md"
    trace = run([exe, input_] + sets + ["-q", "-o", pdf, "--trace"])
    run([exe, input_] + sets + ["-q", "-o", txt])
    run([exe, input_] + sets + ["-q", "-o", md])
    pdftext = run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"])
    decoration, tree = read_trace(trace)
    with open(txt, encoding="utf-8") as f:
        main_words, side_words, label_words = txt_words(f.read())
    failures = []
    why = interleaves(pdf_words(pdftext, decoration), (main_words, side_words, label_words))
    if why:
        failures.append("txt: " + why)
    with open(md, encoding="utf-8") as f:
        failures += ["md: " + s for s in check_md(f.read(), tree)]
    if failures:
        sys.exit("%s under %s:\n%s" % (input_, theme, "\n".join(failures)))
    print("%s under %s: %d words as the PDF's (%d in the date column, %d in labels); md has "
          "the tree's structure" % (input_, theme, len(main_words) + len(side_words) +
                                    len(label_words), len(side_words), len(label_words)))


if __name__ == "__main__":
    main()
