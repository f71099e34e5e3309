#!/usr/bin/env python3
"""Line-breaking quality of rescomp against TeX, on the same paragraphs.

Called by bench/tex/compare.sh, which checks the tools and builds quality.

TeX side: the paragraphs (as LaTeX from `quality --latex`) in a 10pt article
with \\textwidth (so \\hsize) 10cm, \\parindent 0pt, 10pt Computer Modern
(OT1 cmr10), pdflatex's default line-breaking settings stated explicitly
(\\pretolerance 100, \\tolerance 200, \\emergencystretch 0pt), and
\\hbadness -1, \\hfuzz 0pt, which change only what the log reports: every
line's badness and every overflow. The log gives overfull boxes (by how
much) and badness per line.

rescomp side: the same paragraphs as text entries of a CV set through the
whole pipeline (`quality --pdf`: load, layout, PDF) with a 10cm text block,
and the breaker's own figures per line from `quality --lines`.

Units: rescomp's point is the PDF's big point (1/72in), TeX's is 1/72.27in.
rescomp is set at 284.53 of its points, so that in both the measure is
28.45em of a 10pt font; spaces are compared in em, and overflows are in
each system's own points.

Both PDFs are measured the same way from their glyph positions: mutool's
structured text (every glyph with its origin and advance; pdftotext would
hide the second half of rescomp's hyphenated words, which carry an empty
/ActualText). A gap between two glyphs on a line wider than 0.1em is an
interword space; its width over the font size is the space in em. The last
line of each paragraph (set at natural spacing) is left out of the space
figures; a paragraph ends where the next baseline is further than a line
away, or at the end of a page when the line stops short of the measure
(both documents are one tall page, so that this last case is rare).
Hyphenated lines end in a hyphen (automatic or the word's own); a run is
consecutive such lines, and the longest run is reported with the count.

`compare.py --measure PDF...` measures a whole document instead, such as
the flagship CV (compare.sh --flagship), with the same glyph gaps: its
justified lines are those in the body size that end at the text block's
right edge (the rightmost glyph end of the body lines, within 0.6pt) and
have no gap wider than 1.5em (a title row with its date is no justified
line); a bullet or a label ("[3]", "3.") before a line's first word is no
interword space. Reported: justified lines, their spaces (max, 95th
percentile, mean, in em), hyphenated lines and the longest run of them.
With --loose EM, instead: each justified line with a gap wider than EM
(the tail that makes the 95th percentile), loosest first, with its text.
"""
import argparse
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

CM = 72.27 / 2.54  # TeX points per cm: 10cm = 284.52756pt
BP = 72.27 / 72  # TeX points per PDF point (big point)

PREAMBLE = r"""\documentclass[10pt]{article}
\pagestyle{empty}
\setlength{\textwidth}{10cm}
% One tall page (as rescomp's): no paragraph ends at the foot of a page.
\setlength{\textheight}{15000pt}
\pdfpageheight=15200pt
\setlength{\oddsidemargin}{0pt}
\setlength{\topmargin}{0pt}
\setlength{\parindent}{0pt}
\setlength{\parskip}{6pt}
% pdflatex's defaults, stated: they decide the breaks.
\pretolerance=100 \tolerance=200 \emergencystretch=0pt
% Reporting only: every line's badness and every overflow go to the log.
\hbadness=-1 \hfuzz=0pt
%EXTRA%
\begin{document}
"""


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, **kw).stdout.decode("utf-8")


# ---- TeX ----------------------------------------------------------------------

def latex_paragraphs(quality, corpus):
    """[(id, latex)] from `quality --latex`."""
    out = run([quality, "--latex"] + corpus)
    paras = []
    for chunk in out.split("\n\n"):
        lines = chunk.strip("\n").split("\n")
        if len(lines) == 2 and lines[0].startswith("% "):
            paras.append((lines[0][2:], lines[1]))
    return paras


def run_tex(paras, workdir, name, extra=""):
    """Typeset; returns (pdf path, {tex line: paragraph index}, log text)."""
    tex = PREAMBLE.replace("%EXTRA%", extra)
    lineno = tex.count("\n") + 1
    where = {}
    body = []
    for i, (pid, text) in enumerate(paras):
        body.append("%% %s\n%s\n\n" % (pid, text))
        where[lineno + 1] = i
        lineno += 3
    tex += "".join(body) + "\\end{document}\n"
    path = os.path.join(workdir, name + ".tex")
    with open(path, "w", encoding="utf-8") as f:
        f.write(tex)
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", name + ".tex"],
                   cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pdf = os.path.join(workdir, name + ".pdf")
    if not os.path.exists(pdf):
        sys.exit("compare: pdflatex failed; see %s" % os.path.join(workdir, name + ".log"))
    with open(os.path.join(workdir, name + ".log"), encoding="latin-1") as f:
        log = f.read()
    return pdf, where, log


BOX_RE = re.compile(r"^(Underfull|Loose|Tight|Overfull) \\hbox \((?:badness (\d+)|([\d.]+)pt too wide)\)"
                    r" in paragraph at lines (\d+)--(\d+)", re.M)


def tex_log_lines(log, where):
    """[(paragraph index, kind, badness or None, overflow pt or 0)] in order."""
    out = []
    for m in BOX_RE.finditer(log):
        kind, bad, over, a = m.group(1), m.group(2), m.group(3), int(m.group(4))
        if a not in where:
            continue
        out.append((where[a], kind, int(bad) if bad else None, float(over) if over else 0.0))
    return out


# ---- rescomp --------------------------------------------------------------------

def rescomp_lines(quality, corpus, width, sets):
    """Per-line records of `quality --lines` (Knuth-Plass only)."""
    cmd = [quality, "--kp-only", "--no-time", "--lines", "--width", "%.5f" % width]
    for s in sets:
        cmd += ["--set", s]
    rows = run(cmd + corpus).rstrip("\n").split("\n")
    head = rows[0].split("\t")
    return [dict(zip(head, r.split("\t"))) for r in rows[1:]]


# ---- measuring a PDF -------------------------------------------------------------

def pdf_lines(pdf, workdir):
    """Lines of glyphs from mutool's structured text: per page, a list of
    (baseline y, [(x0, x1, char, size)] sorted by x)."""
    stext = os.path.join(workdir, os.path.basename(pdf) + ".stext")
    subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", stext, pdf], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pages = []
    for page in ET.parse(stext).getroot().iter("page"):
        rows = {}
        for font in page.iter("font"):
            size = float(font.get("size"))
            for ch in font.iter("char"):
                c = ch.get("c")
                if c is None or c.isspace():
                    continue  # real (rescomp) or inferred (mutool, for TeX) spaces
                q = [float(v) for v in ch.get("quad").split()]
                y = round(float(ch.get("y")), 1)
                rows.setdefault(y, []).append((q[0], q[2], c, size))
        lines = []
        for y in sorted(rows):
            if lines and abs(y - lines[-1][0]) < 2:  # same baseline, rounding apart
                lines[-1][1].extend(rows[y])
            else:
                lines.append((y, rows[y]))
        pages.append([(y, sorted(g)) for y, g in lines])
    return pages


def measure_pdf(pdf, workdir, width, unit):
    """Per body line: dict(gaps (em), x0, x1, last, hyphen). width is the
    measure in PDF points; unit converts PDF points to the system's own
    points for the overflow. Lines in another size than the body (the
    most common size; rescomp's section title) are left out."""
    out = []
    pages = pdf_lines(pdf, workdir)
    sizes = {}
    for page in pages:
        for _, g in page:
            for c in g:
                sizes[c[3]] = sizes.get(c[3], 0) + 1
    body_size = max(sizes, key=sizes.get)
    # A line set with font expansion (Tz) is reported by mutool in a size
    # scaled by the square root of its horizontal scaling: within 2% (1%
    # of the size) it is the body's, and its spaces are in the body's em.
    pages = [[(y, [(x0, x1, c, body_size if abs(sz - body_size) < 0.011 * body_size else sz)
                   for x0, x1, c, sz in g]) for y, g in page] for page in pages]
    for page in pages:
        body = [(y, g) for y, g in page if abs(g[0][3] - body_size) < 0.01]
        if not body:
            continue
        left = min(g[0][0] for _, g in body)
        steps = [b[0] - a[0] for a, b in zip(body, body[1:])]
        lead = min(steps) if steps else 12.0
        for k, (y, g) in enumerate(body):
            gaps = []
            for a, b in zip(g, g[1:]):
                gap = b[0] - a[1]
                if gap > 0.1 * a[3]:
                    gaps.append(gap / a[3])
            x1 = g[-1][1]
            if k + 1 < len(body):
                last = body[k + 1][0] - y > lead + 2
            else:
                last = x1 < left + width - 1
            out.append({"gaps": gaps, "x0": g[0][0], "x1": x1, "right": left + width, "unit": unit,
                        "last": last, "hyphen": g[-1][2] in "-\u2010" and not last,
                        "text": "".join(c[2] for c in g)})
    return out


def summarize(lines):
    spaces = [s for ln in lines if not ln["last"] for s in ln["gaps"]]
    over = [(ln["x1"] - ln["right"]) * ln["unit"] for ln in lines
            if ln["x1"] > ln["right"] + 0.1]  # pdfTeX places glyphs to about 0.07bp
    return {
        "paras": sum(1 for ln in lines if ln["last"]),
        "lines": len(lines),
        "pdf_over": over,
        "max_space": max(spaces) if spaces else 0.0,
        "mean_space": sum(spaces) / len(spaces) if spaces else 0.0,
        "wide": sum(1 for ln in lines if not ln["last"] and ln["gaps"] and max(ln["gaps"]) > 0.5),
        "hyphen": sum(1 for ln in lines if ln["hyphen"]),
        "run": longest_run([ln["hyphen"] for ln in lines]),
        "p95_space": percentile(spaces, 95),
        "nspaces": len(spaces),
    }


def longest_run(flags):
    """The longest run of consecutive true values."""
    best = cur = 0
    for f in flags:
        cur = cur + 1 if f else 0
        best = max(best, cur)
    return best


def percentile(values, p):
    """The nearest-rank p-th percentile (0 for no values)."""
    if not values:
        return 0.0
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(-(-p * len(v) // 100)) - 1))
    return v[k]


LABEL_RE = re.compile(r"^(\u2022|\u2013|\[\d+\]|\d+\.)$")


def measure_document(pdf, workdir):
    """A whole document's justified lines (see the module's doc)."""
    pages = pdf_lines(pdf, workdir)
    sizes = {}
    for page in pages:
        for _, g in page:
            for c in g:
                sizes[round(c[3], 2)] = sizes.get(round(c[3], 2), 0) + 1
    body = max(sizes, key=sizes.get)
    # Lines set with font expansion come in a size within 2% of the body's
    # (pdf_lines' note): they are the body's, and so are their spaces' em.
    pages = [[(y, [(x0, x1, ch, body if abs(sz - body) < 0.021 * body else sz)
                   for x0, x1, ch, sz in g]) for y, g in page] for page in pages]
    rows = [g for page in pages for _, g in page if abs(g[-1][3] - body) < 0.01]
    # The measure: where most lines end (a line whose last glyph hangs into
    # the margin, a hyphen or a stop, ends up to a few points past it).
    ends = {}
    for g in rows:
        ends[round(g[-1][1], 1)] = ends.get(round(g[-1][1], 1), 0) + 1
    right = max(ends, key=ends.get)
    lines = []
    for page in pages:
        for _, g in page:
            if abs(g[-1][3] - body) >= 0.01:
                continue
            gaps, words, start = [], [], 0
            for i, (a, b) in enumerate(zip(g, g[1:])):
                gap = b[0] - a[1]
                if gap > 0.1 * a[3]:
                    gaps.append(gap / a[3])
                    words.append("".join(c[2] for c in g[start:i + 1]))
                    start = i + 1
            if gaps and LABEL_RE.match(words[0]):
                gaps = gaps[1:]
            justified = -0.6 < g[-1][1] - right < 3.0 and not any(x > 1.5 for x in gaps)
            words.append("".join(c[2] for c in g[start:]))
            lines.append({"justified": justified, "gaps": gaps,
                          "hyphen": justified and g[-1][2] in "-\u2010",
                          "text": " ".join(words)})
    just = [ln for ln in lines if ln["justified"]]
    spaces = [s for ln in just for s in ln["gaps"]]
    return {
        "lines": len(just),
        "spaces": len(spaces),
        "max": max(spaces) if spaces else 0.0,
        "p95": percentile(spaces, 95),
        "mean": sum(spaces) / len(spaces) if spaces else 0.0,
        "hyphen": sum(1 for ln in lines if ln["hyphen"]),
        "run": longest_run([ln["hyphen"] for ln in lines]),
        "just": just,
    }


def report_loose(pdfs, workdir, over):
    """Each justified line with a gap wider than `over` em, loosest first:
    its widest gap, how many of its gaps are that wide, and its text."""
    for pdf in pdfs:
        m = measure_document(pdf, workdir)
        loose = [ln for ln in m["just"] if ln["gaps"] and max(ln["gaps"]) > over]
        print("%s: %d of %d justified lines, %d of %d gaps wider than %.3f em" %
              (os.path.basename(pdf), len(loose), m["lines"],
               sum(1 for ln in loose for x in ln["gaps"] if x > over), m["spaces"], over))
        for ln in sorted(loose, key=lambda ln: -max(ln["gaps"])):
            print("  %.3f %3d  %s" % (max(ln["gaps"]), sum(1 for x in ln["gaps"] if x > over),
                                     ln["text"]))


def report_documents(pdfs, workdir):
    print("  %-40s %9s %6s %9s %9s %10s %6s %7s" %
          ("document", "justified", "spaces", "max space", "p95 space", "mean space", "hyphen",
           "longest"))
    print("  %-40s %9s %6s %9s %9s %10s %6s %7s" % ("", "lines", "", "em", "em", "em", "lines",
                                                     "run"))
    for pdf in pdfs:
        m = measure_document(pdf, workdir)
        print("  %-40s %9d %6d %9.3f %9.3f %10.3f %6d %7d" %
              (os.path.basename(pdf)[:40], m["lines"], m["spaces"], m["max"], m["p95"], m["mean"],
               m["hyphen"], m["run"]))


# ---- the report ------------------------------------------------------------------

def report(title, systems):
    print(title)
    print("  %-34s %5s %5s %8s %8s %8s %7s %9s %9s %10s %6s %6s %7s" %
          ("system", "paras", "lines", "overfull", "largest", "total", "bad>100", "max space",
           "p95 space", "mean space", ">0.5em", "hyphen", "longest"))
    print("  %-34s %5s %5s %8s %8s %8s %7s %9s %9s %10s %6s %6s %7s" %
          ("", "", "", "lines", "pt", "pt", "lines", "em", "em", "em", "lines", "lines", "run"))
    for name, s in systems:
        over = s["over"]
        print("  %-34s %5d %5d %8d %8.2f %8.2f %7d %9.3f %9.3f %10.3f %6d %6d %7d" %
              (name, s["paras"], s["lines"], len(over), max(over) if over else 0.0, sum(over),
               s["bad100"], s["max_space"], s["p95_space"], s["mean_space"], s["wide"],
               s["hyphen"], s["run"]))
    print("  overfull lines, pt:")
    for name, s in systems:
        print("    %-32s %s" % (name, ", ".join("%.2f" % o for o in sorted(s["over"], reverse=True))
                                or "none"))
    print()


def detail(paras, systems):
    """Per paragraph: lines, overfull amount and widest space of each system."""
    print("  per paragraph: lines / total overflow pt / widest space em")
    print("    %-18s" % "paragraph" + "".join("  %-21s" % n[:21] for n, _ in systems))
    for i, (pid, _) in enumerate(paras):
        cells = []
        for _, s in systems:
            p = s["per_para"][i] if i < len(s["per_para"]) else None
            cells.append("  %-21s" % ("%2d / %5.2f / %.3f" % p if p else "?"))
        print("    %-18s" % pid + "".join(cells))
    print()


def per_paragraph(lines, over_by_para):
    """[(lines, overflow, widest space)] per paragraph, in order."""
    out, n, widest = [], 0, 0.0
    for ln in lines:
        n += 1
        if not ln["last"] and ln["gaps"]:
            widest = max(widest, max(ln["gaps"]))
        if ln["last"]:
            k = len(out)
            out.append((n, sum(over_by_para.get(k, [])), widest))
            n, widest = 0, 0.0
    return out


def tex_system(paras, workdir, name, extra=""):
    pdf, where, log = run_tex(paras, workdir, name, extra)
    lines = measure_pdf(pdf, workdir, 10 * CM / BP, BP)
    s = summarize(lines)
    recs = tex_log_lines(log, where)
    s["over"] = [o for _, kind, _, o in recs if kind == "Overfull"]
    by_para = {}
    for i, kind, _, o in recs:
        if kind == "Overfull":
            by_para.setdefault(i, []).append(o)
    s["per_para"] = per_paragraph(lines, by_para)
    s["bad100"] = sum(1 for _, kind, b, _ in recs if b is not None and b > 100)
    check(name, s)
    return s


def rescomp_system(quality, corpus, workdir, name, sets=()):
    pdf = os.path.join(workdir, name + ".pdf")
    cmd = [quality, "--width", "%.5f" % (10 * CM), "--pdf", pdf]
    for x in sets:
        cmd += ["--set", x]
    subprocess.run(cmd + corpus, check=True, stderr=subprocess.DEVNULL)
    # rescomp's point is the PDF's (1/72in): a measure of 284.53 of them is
    # 28.45em of its 10pt font, as 10cm is of TeX's 10pt (1/72.27in) font.
    lines = measure_pdf(pdf, workdir, 10 * CM, 1.0)
    s = summarize(lines)
    recs = rescomp_lines(quality, corpus, 10 * CM, sets)
    s["over"] = [float(r["overfull_pt"]) for r in recs if r["badness"] == "-1"]
    by_para, ids = {}, []
    for r in recs:
        if r["line"] == "1":
            ids.append(r["paragraph"])
        if r["badness"] == "-1":
            by_para.setdefault(len(ids) - 1, []).append(float(r["overfull_pt"]))
    s["per_para"] = per_paragraph(lines, by_para)
    s["bad100"] = sum(1 for r in recs if int(r["badness"]) > 100)
    s["breaker_lines"] = len(recs)
    check(name, s)
    return s


def check(name, s):
    """The PDF measurement and the log/breaker must tell the same story."""
    a = sorted(round(o, 1) for o in s["over"] if o > 0.05)
    b = sorted(round(o, 1) for o in s["pdf_over"] if o > 0.05)
    if len(a) != len(b) or any(abs(x - y) > 0.15 for x, y in zip(a, b)):
        print("  note: %s: overfull lines by the log/breaker %s, by the PDF %s" % (name, a, b))
    if "breaker_lines" in s and s["breaker_lines"] != s["lines"]:
        print("  note: %s: %d lines in the breaker's records, %d in the PDF" %
              (name, s["breaker_lines"], s["lines"]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quality")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--title", default="")
    ap.add_argument("--detail", action="store_true", help="a line per paragraph")
    ap.add_argument("--measure", action="store_true",
                    help="the arguments are PDFs to measure, not a corpus")
    ap.add_argument("--loose", type=float, metavar="EM",
                    help="with --measure: list the justified lines with a gap wider than EM")
    ap.add_argument("corpus", nargs="+")
    a = ap.parse_args()
    if a.measure:
        if a.loose is not None:
            report_loose(a.corpus, a.workdir, a.loose)
        else:
            report_documents(a.corpus, a.workdir)
        return
    if not a.quality:
        ap.error("--quality is needed to compare a corpus")
    paras = latex_paragraphs(a.quality, a.corpus)
    tag = re.sub(r"\W+", "-", a.title).strip("-") or "set"
    systems = [
        ("TeX (pdflatex defaults)", tex_system(paras, a.workdir, "tex-" + tag)),
        ("TeX \\frenchspacing", tex_system(paras, a.workdir, "tex-french-" + tag, r"\frenchspacing")),
        ("rescomp (rc_lb_params_default)", rescomp_system(a.quality, a.corpus, a.workdir,
                                                          "rescomp-" + tag)),
        ("rescomp, TeX's tol. 200, emerg. 0", rescomp_system(
            a.quality, a.corpus, a.workdir, "rescomp-texparams-" + tag,
            ["tolerance=200", "emergency_stretch=0"])),
        ("rescomp, emergency stretch 15pt", rescomp_system(
            a.quality, a.corpus, a.workdir, "rescomp-emerg15-" + tag, ["emergency_stretch=15"])),
        # TeX's demerits for loose lines, as rescomp had them before issue 14
        ("rescomp, loose_stretch 0", rescomp_system(
            a.quality, a.corpus, a.workdir, "rescomp-loose0-" + tag, ["loose_stretch=0"])),
    ]
    report("%s: %d paragraphs at 10cm (284.53pt), 10pt" % (a.title, len(paras)), systems)
    if a.detail:
        detail(paras, systems)


if __name__ == "__main__":
    main()
