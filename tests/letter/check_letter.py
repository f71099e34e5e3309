#!/usr/bin/env python3
"""Cover letters through the whole program, read back with poppler.

For each application of examples/applications.yaml: --all-variants writes
the CV and the letter beside it; the letter is one tagged page; pdftotext
gives back every word of its recipient, subject, salutation, body, closing
and enclosures, in order; pdffonts finds only fonts its CV uses. Then
--combine (the letter first), --letter to text, -j 2 against -j 1 (byte
for byte), --depfile (the letters and the signature) and --check of a
letter whose signature cannot be read.

Standard library only: the letter's words are read from the example's
block scalars, not through a YAML library.
usage: check_letter.py RESCOMP WORKDIR EXAMPLES_DIR
"""
import os
import re
import shutil
import subprocess
import sys

exe, work, examples = sys.argv[1:4]
src = os.path.join(examples, "applications.yaml")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def run(*args, ok=True):
    p = subprocess.run([exe, *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        fail(f"rescomp {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p


def tool(*args):
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def words(s):
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)  # [text](url) -> text
    s = s.replace("**", "").replace("*", "")
    return s.split()


def norm(w):
    return re.sub(r"[^\w]", "", w).lower()


def letter_texts(variant):
    """Recipient, subject, salutation, body, closing of a variant, in order, as text."""
    lines = open(src, encoding="utf-8").read().split("\n")
    start = next(i for i, l in enumerate(lines) if l == f"  {variant}:")
    block = []
    for l in lines[start + 1:]:
        if l.startswith("  ") and not l.startswith("   "):
            break
        block.append(l)
    out = {}
    i = 0
    while i < len(block):
        m = re.match(r"^      (\w+):\s*(.*)$", block[i])
        if not m:
            i += 1
            continue
        key, val = m.groups()
        i += 1
        if val in ("|", ">") or val == "":
            vals = []
            while i < len(block) and (block[i].startswith("        ") or not block[i].strip()):
                vals.append(re.sub(r"^\s*- ", "", block[i]))
                i += 1
            val = "\n".join(vals)
        out[key] = val
    return out


os.makedirs(work, exist_ok=True)
shutil.rmtree(work)
os.makedirs(work)
outdir = os.path.join(work, "out")
dep = os.path.join(work, "out.d")
run(src, "--all-variants", "-o", outdir, "--depfile", dep, "-q")

for variant, closing in (("acme", "Yours sincerely,"), ("globex", "Kind regards,")):
    cv = os.path.join(outdir, f"applications-{variant}.pdf")
    letter = os.path.join(outdir, f"applications-{variant}-letter.pdf")
    if not os.path.exists(letter) or not os.path.exists(cv):
        fail(f"{variant}: no CV and letter in {outdir}: {os.listdir(outdir)}")
        continue
    info = tool("pdfinfo", letter)
    if not re.search(r"^Pages:\s+1$", info, re.M):
        fail(f"{variant}: the letter is not one page:\n{info}")
    if not re.search(r"^Tagged:\s+yes$", info, re.M):
        fail(f"{variant}: the letter is not tagged")

    # every word, in order
    t = letter_texts(variant)
    expected = []
    for key in ("recipient", "subject", "salutation", "body"):
        expected += words(t[key])
    expected += words(closing) + ["Dr.", "Lena", "Okafor", "Enclosure:", "Curriculum", "vitae"]
    got = [norm(w) for w in tool("pdftotext", "-enc", "UTF-8", letter, "-").split()]
    at = 0
    for w in expected:
        n = norm(w)
        if not n:
            continue
        try:
            at = got.index(n, at) + 1
        except ValueError:
            fail(f"{variant}: word {w!r} is not extracted from the letter (in order)")
            break

    # the fonts of the letter are the CV's
    def fonts(path):
        names = set()
        for line in tool("pdffonts", path).splitlines()[2:]:
            names.add(line.split()[0].split("+")[-1])
        return names

    lf, cf = fonts(letter), fonts(cv)
    if not lf or not lf <= cf:
        fail(f"{variant}: the letter's fonts {sorted(lf)} are not the CV's {sorted(cf)}")

# --combine: one PDF, the letter first, then the CV
comb = os.path.join(work, "acme-combined.pdf")
run(src, "--variant", "acme", "--combine", "-o", comb, "-q")
pages = int(re.search(r"^Pages:\s+(\d+)", tool("pdfinfo", comb), re.M).group(1))
cv_pages = int(re.search(r"^Pages:\s+(\d+)",
                         tool("pdfinfo", os.path.join(outdir, "applications-acme.pdf")),
                         re.M).group(1))
if pages != 1 + cv_pages:
    fail(f"--combine: {pages} pages, not the letter's 1 and the CV's {cv_pages}")
first = tool("pdftotext", "-f", "1", "-l", "1", comb, "-")
last = tool("pdftotext", "-f", "2", "-l", "2", comb, "-")
if "Dear Ms Whitfield" not in first or "Experience" not in last:
    fail("--combine: the letter is not first, or the CV not after it")

# --letter alone, as text
txt = os.path.join(work, "acme-letter.txt")
run(src, "--variant", "acme", "--letter", "-o", txt, "-q")
text = open(txt, encoding="utf-8").read()
for s in ("Ms Jane Whitfield\nHead of Inference, ACME Systems Ltd\n",
          "Application for the post of Principal Inference Engineer", "Yours sincerely,"):
    if s not in text:
        fail(f"--letter -o .txt lacks {s!r}:\n{text}")
if "Experience" in text:
    fail("--letter -o .txt holds the CV too")

# -j 2 writes the same bytes as -j 1
one = os.path.join(work, "j1")
run(src, "--all-variants", "-j", "1", "-o", one, "-q")
for f in sorted(os.listdir(outdir)):
    if open(os.path.join(outdir, f), "rb").read() != open(os.path.join(one, f), "rb").read():
        fail(f"-j 2 and -j 1 differ in {f}")

# --depfile: the letters are targets, the signature a prerequisite
d = open(dep, encoding="utf-8").read()
for s in ("applications-acme-letter.pdf", "applications-globex-letter.pdf", "signature.png"):
    if s not in d:
        fail(f"--depfile lacks {s}:\n{d}")

# --check checks the letters: a signature that cannot be read fails it at its line
bad_dir = os.path.join(work, "bad")
os.makedirs(bad_dir)
text = open(src, encoding="utf-8").read().replace("signature: signature.png",
                                                  "signature: missing.png")
bad = os.path.join(bad_dir, "applications.yaml")
open(bad, "w", encoding="utf-8").write(text)
line = text.split("\n").index("  signature: missing.png") + 1
p = run(bad, "--check", ok=False)
if p.returncode != 3 or not re.search(rf"applications\.yaml:{line}:14: error: cannot read signature", p.stderr):
    fail(f"--check of an unreadable signature: exit {p.returncode}, stderr:\n{p.stderr}")
if os.listdir(bad_dir) != ["applications.yaml"]:
    fail(f"--check wrote files: {os.listdir(bad_dir)}")

print("ok" if not failures else f"{len(failures)} failures")
sys.exit(1 if failures else 0)
