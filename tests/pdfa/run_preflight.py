#!/usr/bin/env python3
"""PDF/A-1b as Apache PDFBox's Preflight judges it.

    run_preflight.py RESCOMP WORKDIR PROJECT_DIR CLASSPATH

Every example under every theme, every variant of the variants example
(--all-variants), the CV of installed fonts (synthetic bold and italic, a
CJK fallback) and a CV with a photo that has an alpha channel are compiled with --pdf-standard a-1b, and Preflight validates
them all in one JVM (its batch mode, a folder at a time; a JVM start
costs a second or two). Every one must be valid. So that the test can
fail, the same run also validates a PDF written without --pdf-standard,
which must be found invalid.
"""
import glob
import os
import re
import shutil
import subprocess
import sys

RESCOMP, WORK, PROJECT, CLASSPATH, FREEFONT_CONF = sys.argv[1:6]
HERE = os.path.dirname(os.path.abspath(__file__))


def compile_cv(src, pdf, *args, env=None):
    r = subprocess.run([RESCOMP, src, "-q", "-o", pdf, *args], capture_output=True, text=True,
                       env=env)
    if r.returncode != 0:
        sys.exit("rescomp %s %s failed (%d):\n%s" % (src, " ".join(args), r.returncode, r.stderr))


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    out = os.path.join(WORK, "pdf")
    os.makedirs(out)
    themes = sorted(os.path.basename(t)[:-5] for t in glob.glob(os.path.join(PROJECT, "themes", "*.yaml")))
    examples = sorted(glob.glob(os.path.join(PROJECT, "examples", "*.yaml")))
    expected = {}
    for ex in examples:
        for theme in themes:
            name = "%s-%s.pdf" % (os.path.basename(ex)[:-5], theme)
            compile_cv(ex, os.path.join(out, name), "--pdf-standard", "a-1b",
                       "--set", "design.theme=" + theme)
            expected[name] = True
    compile_cv(os.path.join(PROJECT, "tests", "golden", "fonts.yaml"),
               os.path.join(out, "installed-fonts.pdf"), "--pdf-standard", "a-1b")
    expected["installed-fonts.pdf"] = True
    # vocalised Arabic: marks HarfBuzz moved are composite glyphs added to the subset
    compile_cv(os.path.join(PROJECT, "tests", "rtl", "arabic_vocalised.yaml"),
               os.path.join(out, "arabic-marks.pdf"), "--pdf-standard", "a-1b")
    expected["arabic-marks.pdf"] = True
    # the same in FreeSerif, whose CFF charstrings are moved and whose blank has no advance
    compile_cv(os.path.join(PROJECT, "tests", "rtl", "arabic_vocalised.yaml"),
               os.path.join(out, "arabic-marks-cff.pdf"), "--pdf-standard", "a-1b",
               "--set", "design.typography.font_family=FreeSerif",
               env=dict(os.environ, FONTCONFIG_FILE=FREEFONT_CONF))
    expected["arabic-marks-cff.pdf"] = True
    # a photo whose edges fade out (PDF/A-1 has no transparency); characters
    # XML escapes in the metadata; dates, in the information dictionary and XMP
    photo_dir = os.path.join(WORK, "photo")
    os.makedirs(photo_dir)
    subprocess.run([sys.executable, os.path.join(PROJECT, "tools", "mkpng.py"),
                    os.path.join(photo_dir, "photo.png"), "60", "60"], check=True)
    with open(os.path.join(photo_dir, "cv.yaml"), "w") as f:
        f.write("cv:\n  name: \"Pat & <Co> \\\"Example\\\"\"\n  photo: photo.png\n"
                "  email: pat@example.org\n  sections:\n    \"R&D <lab>\":\n"
                "      - A paragraph of [text](https://example.org).\n")
    compile_cv(os.path.join(photo_dir, "cv.yaml"), os.path.join(out, "photo-alpha.pdf"),
               "--pdf-standard", "a-1b", env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
    expected["photo-alpha.pdf"] = True
    # every variant of a CV at once (--all-variants): the option reaches each
    variants = os.path.join(WORK, "variants")
    compile_cv(os.path.join(PROJECT, "examples", "variants.yaml"), variants, "--all-variants",
               "--pdf-standard", "a-1b")
    for pdf in sorted(glob.glob(os.path.join(variants, "*.pdf"))):
        name = "all-variants-" + os.path.basename(pdf)
        os.rename(pdf, os.path.join(out, name))
        expected[name] = True
    # the proof that the test can fail
    compile_cv(os.path.join(PROJECT, "examples", "academic.yaml"), os.path.join(out, "plain.pdf"))
    expected["plain.pdf"] = False

    r = subprocess.run(["java", "-cp", CLASSPATH, "org.apache.pdfbox.preflight.Validator_A1b",
                        "batch", out], capture_output=True, text=True)
    verdict = {}
    for m in re.finditer(r"^The file (\S+) is (a valid|not a valid) PDF/A-1b file", r.stdout, re.M):
        verdict[m.group(1)] = m.group(2) == "a valid"
    bad = []
    for name, valid in sorted(expected.items()):
        if name not in verdict:
            bad.append("%s: no verdict" % name)
        elif verdict[name] != valid:
            bad.append("%s: %s, expected %s" % (name, "valid" if verdict[name] else "invalid",
                                                 "valid" if valid else "invalid"))
    passed = sum(1 for n, v in verdict.items() if v and expected.get(n))
    print("Preflight: %d of %d PDF/A-1b files valid; the plain PDF %s"
          % (passed, sum(expected.values()),
             "rejected" if verdict.get("plain.pdf") is False else "NOT rejected"))
    if bad:
        print(r.stdout + r.stderr, file=sys.stderr)
        sys.exit("\n".join(bad))


main()
