#!/usr/bin/env python3
"""JSON Resume input, field by field, checked with poppler's tools and qpdf.

    check_jsonresume.py RESCOMP WORKDIR CASE

CASE is one of:
- markers: full.json holds a distinct word (Zq...) in every field of the
  JSON Resume v1 schema; each comes out of the PDF (pdftotext) exactly
  once, except the name, which the footer repeats on every page. Each URL
  field is a link (/URI), the image is drawn (pdfimages), every year of a
  date is printed once.
- sample: the schema's own example (sample.resume.json, "Richard
  Hendriks") compiles, and every word of every text field is in the PDF.
- location: a location object prints each of its parts once ("Berlin,
  Berlin, DE" must not happen), address and postal code included.
- duplicates, trailing_commas, dates: JSON as JSON parsers read it, each
  a warning at its line and column, the PDF made; --strict fails on them.
- overlays: --set, --design, overlay files and the file's own design,
  locale and settings keys apply to JSON Resume input as to YAML.
"""
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RESCOMP, WORK, CASE = sys.argv[1:4]
failures = []


def fail(what):
    failures.append(what)
    print("FAIL: " + what, file=sys.stderr)


def run(args, **kw):
    return subprocess.run(args, cwd=WORK, capture_output=True, text=True, **kw)


def compile_cv(args, expect_rc=0):
    """rescomp ARGS; returns stderr. The exit code must be expect_rc."""
    r = run([RESCOMP] + args)
    if r.returncode != expect_rc:
        fail("rescomp %s: exit %d, not %d\n%s" % (" ".join(args), r.returncode, expect_rc,
                                                   r.stderr))
    return r.stderr


def text_of(pdf):
    r = run(["pdftotext", "-enc", "UTF-8", pdf, "-"])
    if r.returncode != 0:
        fail("pdftotext %s: %s" % (pdf, r.stderr))
    return r.stdout


def pages_of(pdf):
    m = re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", pdf]).stdout, re.M)
    return int(m.group(1)) if m else 0


def uris_of(pdf):
    """The link targets of the PDF's annotations (qpdf writes the objects as text)."""
    qdf = pdf + ".qdf"
    run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf])
    with open(os.path.join(WORK, qdf), "rb") as f:
        data = f.read().decode("latin-1")
    found = re.findall(r"/URI \(((?:\\.|[^\\)])*)\)", data)
    return {re.sub(r"\\(.)", r"\1", u) for u in found}


def fonts_of(pdf):
    return run(["pdffonts", pdf]).stdout


def write(name, text):
    with open(os.path.join(WORK, name), "w", encoding="utf-8") as f:
        f.write(text)


def expect_warning(stderr, regex, what):
    if not re.search(regex, stderr, re.M):
        fail("%s: no diagnostic matching %r in:\n%s" % (what, regex, stderr))


# ---- the cases ------------------------------------------------------------------------

DATE_KEYS = {"startDate", "endDate", "date", "releaseDate"}


def leaves(node, path=""):
    """(path, key, value) of every text in a JSON value."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from ((p, kk, vv) for p, kk, vv in leaves(v, path + "." + k)) \
                if not isinstance(v, str) else [(path + "." + k, k, v)]
    elif isinstance(node, list):
        for i, v in enumerate(node):
            key = path.rsplit(".", 1)[-1]
            if isinstance(v, str):
                yield (path + "[%d]" % i, key, v)
            else:
                yield from leaves(v, path + "[%d]" % i)


def case_markers():
    shutil.copy(os.path.join(HERE, "full.json"), WORK)
    shutil.copy(os.path.join(HERE, "zqphoto.png"), WORK)
    with open(os.path.join(HERE, "full.json"), encoding="utf-8") as f:
        cv = json.load(f)
    compile_cv(["full.json", "-o", "full.pdf"])
    text = text_of("full.pdf")
    pages = pages_of("full.pdf")
    uris = uris_of("full.pdf")
    printed = {}
    for w in re.findall(r"(?i)\bzq[a-z]+", text):
        printed[w.lower()] = printed.get(w.lower(), 0) + 1
    expected = {}
    for path, key, value in leaves(cv):
        if key == "$schema":
            continue
        if path == ".basics.profiles[0].network":
            continue  # GitHub, a network RenderCV knows: its icon, not its name
        if path == ".basics.url":  # printed in the header, and a link
            expected["zqurl"] = 1
        if key in ("url",) or value.startswith("https://"):
            if value.rstrip("/") not in {u.rstrip("/") for u in uris}:
                fail("%s: %s is not a link in the PDF (links: %s)" % (path, value,
                                                                       sorted(uris)))
            continue
        if key == "image":
            lst = run(["pdfimages", "-list", "full.pdf"]).stdout.splitlines()[2:]
            if len(lst) != 1:
                fail("%s: %d images in the PDF, not 1" % (path, len(lst)))
            continue
        if key in DATE_KEYS:
            year = value[:4]
            if len(re.findall(r"\b%s\b" % year, text)) != 1:
                fail("%s: the year %s is printed %d times, not once" %
                     (path, year, len(re.findall(r"\b%s\b" % year, text))))
            continue
        words = re.findall(r"(?i)\bzq[a-z]+", value)
        if not words:  # phone, postal code, country code: as printed, once
            shown = {"phone": "901820"}.get(key, value)
            n = len(re.findall(r"\b%s\b" % re.escape(shown), text))
            if n != 1:
                fail("%s: %r is printed %d times, not once" % (path, shown, n))
        for w in words:
            expected[w.lower()] = expected.get(w.lower(), 0) + 1
    # the name: in the header and in each page's footer
    expected["zqname"] = 1 + pages
    for w, n in sorted(expected.items()):
        if printed.get(w, 0) != n:
            fail("%s is printed %d times, not %d" % (w, printed.get(w, 0), n))
    for w in sorted(set(printed) - set(expected)):
        fail("%s is printed but is in no field" % w)
    if pages != 2:
        fail("full.json: %d pages, not 2" % pages)


def words_of(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"') \
         .replace("\u201d", '"')
    out = []
    for w in s.split():
        w = w.strip(".,;:!?()\"'[]")
        if w:
            out.append(w)
    return out


def case_sample():
    shutil.copy(os.path.join(HERE, "sample.resume.json"), WORK)
    with open(os.path.join(HERE, "sample.resume.json"), encoding="utf-8") as f:
        cv = json.load(f)
    err = compile_cv(["sample.resume.json", "-o", "sample.pdf"])
    # one warning only, the phone without a country code, which is printed as written
    if [ln for ln in err.splitlines() if "phone" not in ln]:
        fail("sample.resume.json: unexpected diagnostics:\n" + err)
    printed = set(words_of(text_of("sample.pdf")))
    uris = uris_of("sample.pdf")
    missing = []
    for path, key, value in leaves(cv):
        if key in DATE_KEYS or path.startswith(".meta") or key in ("$schema", "image"):
            continue
        if key == "url" and not path.startswith(".basics.url"):
            if value not in uris and not path.startswith(".basics.profiles"):
                fail("%s: %s is not a link" % (path, value))
            continue
        if key == "network" and value.lower() in ("twitter", "github"):
            continue  # a network RenderCV knows: its icon, and a link to the profile
        if key == "username":  # "x.com/neutralthoughts", "SoundCloud: dandymusicnl"
            if value not in " ".join(printed):
                missing.append("%s: %s" % (path, value))
            continue
        for w in words_of(value):
            if w.startswith("http"):
                w = re.sub(r"^https?://", "", w).rstrip("/")
            if w not in printed:
                missing.append("%s: %s" % (path, w))
    for m in missing:
        fail("sample.resume.json: word not in the PDF: " + m)


def location_cv(loc):
    return json.dumps({"basics": {"name": "Loc Person", "location": loc}})


def header_line(pdf):
    for ln in text_of(pdf).splitlines():
        if "Loc Person" not in ln and ln.strip():
            return ln.strip()
    return ""


def case_location():
    cases = [
        ({"address": "Unter den Linden 6", "postalCode": "10117", "city": "Berlin",
          "region": "Berlin", "countryCode": "DE"}, "Unter den Linden 6, 10117 Berlin, DE"),
        ({"address": "2712 Broadway St", "postalCode": "CA 94115", "city": "San Francisco",
          "region": "CA", "countryCode": "US"}, "2712 Broadway St, CA 94115 San Francisco, US"),
        ({"address": "Unter den Linden 6, Berlin", "postalCode": "10117", "city": "Berlin",
          "countryCode": "DE"}, "Unter den Linden 6, Berlin, 10117, DE"),
        ({"address": "12 York Road", "city": "York", "countryCode": "GB"},
         "12 York Road, York, GB"),
        ({"city": "Hamburg", "region": "hamburg"}, "Hamburg"),
        ({"address": "Rue de Rivoli 1"}, "Rue de Rivoli 1"),
    ]
    for i, (loc, want) in enumerate(cases):
        write("loc%d.json" % i, location_cv(loc))
        compile_cv(["loc%d.json" % i, "-o", "loc%d.txt" % i])
        with open(os.path.join(WORK, "loc%d.txt" % i), encoding="utf-8") as f:
            got = f.read()
        if not re.search(r"^%s( \||$)" % re.escape(want), got, re.M):
            fail("location %s: the header does not read %r:\n%s" % (loc, want, got))


def case_duplicates():
    shutil.copy(os.path.join(HERE, "duplicates.json"), os.path.join(WORK, "dup.json"))
    err = compile_cv(["dup.json", "-o", "dup.pdf"])
    expect_warning(err, r"^dup\.json:3:15: warning: duplicate key 'label': as JSON parsers do, "
                   r"this last one is used and the one at 2:37 is ignored; remove one of them$",
                   "duplicate key")
    expect_warning(err, r"^dup\.json:4:58: warning: duplicate key 'name'.* at 4:15 ",
                   "duplicate key in an entry")
    expect_warning(err, r"^dup\.json:5:3: warning: duplicate key 'work'.* at 4:3 ",
                   "duplicate section")
    text = text_of("dup.pdf")
    for w, n in (("Zqlastlabel", 1), ("Zqfirstlabel", 0), ("Zqfinalwork", 1),
                 ("Zqlastwork", 0), ("Zqfirstwork", 0)):
        if text.count(w) != n:
            fail("duplicates: %s printed %d times, not %d" % (w, text.count(w), n))
    compile_cv(["dup.json", "--strict", "-o", "strict.pdf"], expect_rc=1)
    if os.path.exists(os.path.join(WORK, "strict.pdf")):
        fail("duplicates: --strict wrote a PDF")
    # YAML keeps its rule: a duplicate key is an error there
    write("dup.yaml", "cv:\n  name: A\n  name: B\n")
    err = compile_cv(["dup.yaml", "-o", "dupy.pdf"], expect_rc=1)
    expect_warning(err, r"^dup\.yaml:3:3: error: duplicate key 'name'", "YAML duplicate")


def case_trailing_commas():
    shutil.copy(os.path.join(HERE, "trailing_commas.json"), os.path.join(WORK, "comma.json"))
    err = compile_cv(["comma.json", "-o", "comma.pdf"])
    for pos, c in (("2:57", "}"), ("4:55", "]"), ("4:59", "]")):
        expect_warning(err, r"^comma\.json:%s: warning: a comma before '\%s' is not JSON, "
                       r"though YAML reads it; remove it$" % (pos, c), "trailing comma " + pos)
    if len(err.splitlines()) != 3:
        fail("trailing commas: 3 warnings expected:\n" + err)
    text = text_of("comma.pdf")
    for w in ("Zqlabel", "Zqone", "Zqtwo", "Zqhash # not a comment, }"):
        if w not in text:
            fail("trailing commas: %r not in the PDF" % w)


def case_dates():
    shutil.copy(os.path.join(HERE, "odd_dates.json"), os.path.join(WORK, "dates.json"))
    err = compile_cv(["dates.json", "-o", "dates.pdf"])
    for pos, key, value, kept, part in (
            ("4:39", r"work\[0\]\.startDate", "2019-09-31", "2019-09", "day"),
            ("4:64", r"work\[0\]\.endDate", "2020-02-30", "2020-02", "day"),
            ("5:40", r"work\[1\]\.startDate", "2015-13", "2015", "month"),
            ("5:62", r"work\[1\]\.endDate", "2016-00-12", "2016", "month"),
            ("7:46", r"awards\[0\]\.date", "2011-11-31", "2011-11", "day")):
        expect_warning(err, r"^dates\.json:%s: warning: %s '%s' is not a real date, though "
                       r"JSON Resume's schema accepts it; it is read as %s, so check the %s$"
                       % (pos, key, value, kept, part), value)
    text = " ".join(text_of("dates.pdf").split())
    for want in ("Sept 2019 – Feb 2020", "2015 – 2016", "Nov 2011"):
        if want not in text:
            fail("odd dates: %r not in the PDF:\n%s" % (want, text))
    # a date the schema refuses stays an error
    write("bad.json", '{"basics": {"name": "B"}, "work": [{"name": "W", "startDate": "2019-22"}]}')
    err = compile_cv(["bad.json", "-o", "bad.pdf"], expect_rc=1)
    expect_warning(err, r"^bad\.json:1:64: error: work\[0\]\.startDate '2019-22' is not a real "
                   r"date", "date outside the pattern")


def case_overlays():
    shutil.copy(os.path.join(HERE, "full.json"), WORK)
    shutil.copy(os.path.join(HERE, "zqphoto.png"), WORK)
    compile_cv(["full.json", "-o", "plain.pdf"])
    plain = fonts_of("plain.pdf")
    # --set on a JSON Resume field and on design, locale and settings
    compile_cv(["full.json", "--set", "basics.label=Zqsetlabel", "--set", "design.theme=sb2nov",
                "--set", "locale.language=german", "--set", "settings.current_date=2020-03-01",
                "-o", "set.pdf"])
    text = text_of("set.pdf")
    for want in ("Zqsetlabel", "Mai 1997", "März 2020"):
        if want not in text:
            fail("--set: %r not in the PDF" % want)
    if "Zqlabel" in text:
        fail("--set basics.label: the old label is still printed")
    if fonts_of("set.pdf") == plain or "RescompModern" not in fonts_of("set.pdf"):
        fail("--set design.theme=sb2nov: the fonts did not change:\n" + fonts_of("set.pdf"))
    # --design FILE
    write("design.yaml", "design:\n  theme: sb2nov\n")
    compile_cv(["full.json", "--design", "design.yaml", "-o", "design.pdf"])
    if "RescompModern" not in fonts_of("design.pdf"):
        fail("--design: the theme did not change")
    # an overlay file, in YAML, over the JSON file
    write("overlay.yaml", "basics:\n  label: Zqoverlaylabel\nlocale:\n  language: german\n")
    compile_cv(["full.json", "overlay.yaml", "-o", "overlay.pdf"])
    text = text_of("overlay.pdf")
    if "Zqoverlaylabel" not in text or "Mai 1997" not in text:
        fail("overlay: the label or the German dates are missing:\n" + text)
    # the JSON file's own design and locale keys
    with open(os.path.join(HERE, "full.json"), encoding="utf-8") as f:
        cv = json.load(f)
    cv["design"] = {"theme": "sb2nov"}
    cv["locale"] = {"language": "german"}
    write("own.json", json.dumps(cv, indent=2))
    compile_cv(["own.json", "-o", "own.pdf"])
    if "RescompModern" not in fonts_of("own.pdf") or "Mai 1997" not in text_of("own.pdf"):
        fail("design and locale keys in the JSON file are not applied")
    # and checked as in YAML: an unknown locale key is an error at its position
    cv["locale"] = {"languag": "german"}
    write("bad_locale.json", json.dumps(cv, indent=2))
    err = compile_cv(["bad_locale.json", "-o", "bad.pdf"], expect_rc=1)
    expect_warning(err, r"^bad_locale\.json:\d+:\d+: error: unknown key 'languag'",
                   "locale key checked")


CASES = {
    "markers": case_markers,
    "sample": case_sample,
    "location": case_location,
    "duplicates": case_duplicates,
    "trailing_commas": case_trailing_commas,
    "dates": case_dates,
    "overlays": case_overlays,
}

if __name__ == "__main__":
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    CASES[CASE]()
    if failures:
        sys.exit(1)
    print("ok: " + CASE)
