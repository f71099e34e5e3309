#!/usr/bin/env python3
"""--pdf-standard through the whole program, checked with qpdf and poppler.

    check_standards.py RESCOMP WORKDIR EXAMPLES_DIR TAGS_MJS

For each standard and combination the flagship (with a photo that has an
alpha channel) is compiled and its file read back with qpdf --json and
poppler's pdfinfo:
- the PDF version (1.4 for a-1b, 1.7 otherwise), a trailer /ID, and for
  a-1b a classic cross-reference table with no object or xref streams;
- XMP metadata (pdfinfo -meta, parsed as XML) with pdfaid part and
  conformance, pdfuaid part, and dc:title, dc:creator, pdf:Producer,
  xmp:CreatorTool and the dates equal to the information dictionary's;
- PDF/A: an sRGB OutputIntent (GTS_PDFA1, an ICC stream of 3 components),
  links printed (/F 4), a CIDSet in each font; a-1b: the photo without a
  soft mask, a-2b: with one; a-2u: a ToUnicode for every font;
- PDF/UA-1: tagged (pdfinfo), /Lang, DisplayDocTitle, each page /Tabs /S,
  each link with /Contents and a /StructParent, the figure's /Alt, every
  character tagged or an artifact (pdf.js, tags.mjs);
- the same input gives the same bytes; without --pdf-standard the file
  has none of it (no /Metadata, PDF 1.5 with an xref stream);
- combinations that cannot hold, and unknown names, are usage errors (2).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
RESCOMP, WORK, EXAMPLES, TAGS = sys.argv[1:5]
failures = []

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


def fail(what):
    failures.append(what)
    print("FAIL: " + what, file=sys.stderr)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, **kw)


def qpdf_objects(pdf):
    r = run(["qpdf", "--json=2", "--json-key=qpdf", pdf], text=True)
    if r.returncode not in (0, 3):
        fail("qpdf cannot read %s: %s" % (pdf, r.stderr))
        return {}
    return json.loads(r.stdout)["qpdf"][1]


def value(objs, ref):
    """The value (or a stream's dictionary) of an object or reference."""
    if isinstance(ref, str) and re.fullmatch(r"\d+ 0 R", ref):
        o = objs.get("obj:" + ref, {})
        return o["stream"]["dict"] if "stream" in o else o.get("value")
    return ref


def of_type(objs, kind, subtype=None):
    for k, o in objs.items():
        d = o["stream"]["dict"] if "stream" in o else o.get("value")
        if isinstance(d, dict) and d.get("/Type") == kind and \
                (subtype is None or d.get("/Subtype") == subtype):
            yield d


def pdfinfo(pdf, *opts):
    return run(["pdfinfo", *opts, pdf], text=True).stdout


def text_of(node):
    return "".join(node.itertext()).strip() if node is not None else None


def check_xmp(name, pdf, std, info):
    meta = pdfinfo(pdf, "-meta")
    try:
        root = ET.fromstring(meta[meta.index("<x:xmpmeta"):meta.index("</x:xmpmeta>") + 12])
    except (ValueError, ET.ParseError) as e:
        fail("%s: no XMP metadata that parses: %s" % (name, e))
        return

    def prop(path):
        return text_of(root.find(".//" + path, NS))

    part = {"a-1b": "1", "a-2b": "2", "a-2u": "2"}
    a = [s for s in std if s in part]
    want_part = part[a[0]] if a else None
    if prop("pdfaid:part") != want_part:
        fail("%s: pdfaid:part %r, expected %r" % (name, prop("pdfaid:part"), want_part))
    want_conf = a[0][-1].upper() if a else None
    if prop("pdfaid:conformance") != want_conf:
        fail("%s: pdfaid:conformance %r, expected %r" % (name, prop("pdfaid:conformance"), want_conf))
    want_ua = "1" if "ua-1" in std else None
    if prop("pdfuaid:part") != want_ua:
        fail("%s: pdfuaid:part %r, expected %r" % (name, prop("pdfuaid:part"), want_ua))
    if a and want_ua and "pdfuaid" not in (prop("{http://www.aiim.org/pdfa/ns/schema#}prefix") or ""):
        fail("%s: pdfuaid is not described by a PDF/A extension schema" % name)
    for xmp, key in (("dc:title", "Title"), ("dc:creator", "Author"), ("pdf:Producer", "Producer"),
                     ("xmp:CreatorTool", "Creator"), ("pdf:Keywords", "Keywords"),
                     ("dc:description", "Subject")):
        if prop(xmp) != info.get(key):
            fail("%s: XMP %s %r, information dictionary %s %r"
                 % (name, xmp, prop(xmp), key, info.get(key)))
    if prop("xmp:CreateDate") != "2023-11-14T22:13:20Z" or \
            prop("xmp:ModifyDate") != "2023-11-14T22:13:20Z":
        fail("%s: XMP dates %r %r" % (name, prop("xmp:CreateDate"), prop("xmp:ModifyDate")))


def info_dict(pdf):
    out = {}
    for line in pdfinfo(pdf, "-isodates").splitlines():
        m = re.match(r"([^:]+):\s+(.*)$", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def check(std_arg, d):
    std = std_arg.split(",")
    name = "--pdf-standard " + std_arg
    pdf = os.path.join(d, "cv-%s.pdf" % std_arg.replace(",", "+"))
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    r = run([RESCOMP, "cv.yaml", "-q", "-o", pdf, "--pdf-standard", std_arg], cwd=d, env=env)
    if r.returncode != 0:
        fail("%s: exit %d: %s" % (name, r.returncode, r.stderr.decode()))
        return
    again = pdf[:-len(".pdf")] + ".again.pdf"  # the extension names the format
    run([RESCOMP, "cv.yaml", "-q", "-o", again, "--pdf-standard", std_arg], cwd=d, env=env)
    if open(pdf, "rb").read() != open(again, "rb").read():
        fail("%s: two runs give different bytes" % name)
    data = open(pdf, "rb").read()
    a1 = "a-1b" in std
    pdfa = any(s.startswith("a-") for s in std)
    ua = "ua-1" in std

    info = info_dict(pdf)
    version = "1.4" if a1 else "1.7"
    if info.get("PDF version") != version:
        fail("%s: PDF version %r, expected %s" % (name, info.get("PDF version"), version))
    if info.get("Tagged") != "yes":
        fail("%s: not tagged" % name)
    check_xmp(name, pdf, std, info)

    objs = qpdf_objects(pdf)
    trailer = objs.get("trailer", {}).get("value", {})
    ids = trailer.get("/ID")
    if not ids or len(ids) != 2 or not all(re.fullmatch(r"b:[0-9a-f]{32}", i) for i in ids):
        fail("%s: trailer /ID %r" % (name, ids))
    if a1:
        if b"/ObjStm" in data or b"/XRef" in data:
            fail("%s: object or cross-reference streams in a PDF/A-1 file" % name)
        if not re.search(rb"\nxref\n0 \d+\n0000000000 65535 f\r?\n", data) or b"\ntrailer\n" not in data:
            fail("%s: no classic cross-reference table" % name)
    catalog = value(objs, trailer.get("/Root"))
    if not catalog.get("/Metadata"):
        fail("%s: no /Metadata in the catalog" % name)
    else:
        meta = value(objs, catalog["/Metadata"])
        if meta.get("/Filter"):
            fail("%s: the XMP stream is filtered" % name)

    intents = catalog.get("/OutputIntents") or []
    if pdfa:
        ok = len(intents) == 1 and intents[0].get("/S") == "/GTS_PDFA1"
        profile = value(objs, intents[0].get("/DestOutputProfile")) if ok else None
        if not ok or not profile or profile.get("/N") != 3:
            fail("%s: no sRGB OutputIntent: %r" % (name, intents))
        for a in of_type(objs, "/Annot", "/Link"):
            if a.get("/F") != 4:
                fail("%s: a link annotation without /F 4: %r" % (name, a))
                break
        for fd in of_type(objs, "/FontDescriptor"):
            if "/CIDSet" not in fd:
                fail("%s: a font without /CIDSet: %s" % (name, fd.get("/FontName")))
    elif intents:
        fail("%s: an OutputIntent without PDF/A" % name)

    smasks = [v for v in (o.get("stream", {}).get("dict", {}) for o in objs.values())
              if v.get("/Subtype") == "/Image" and "/SMask" in v]
    images = [v for v in (o.get("stream", {}).get("dict", {}) for o in objs.values())
              if v.get("/Subtype") == "/Image"]
    if a1 and (smasks or len(images) != 1):
        fail("%s: %d images, %d with a soft mask; expected the photo flattened"
             % (name, len(images), len(smasks)))
    if not a1 and len(smasks) != 1:
        fail("%s: the photo lost its soft mask (%d)" % (name, len(smasks)))

    if "a-2u" in std:
        for f in of_type(objs, "/Font", "/Type0"):
            if "/ToUnicode" not in f:
                fail("%s: a font without ToUnicode: %s" % (name, f.get("/BaseFont")))

    if ua or pdfa:
        if not catalog.get("/Lang"):
            fail("%s: no /Lang" % name)
    if ua:
        if (catalog.get("/ViewerPreferences") or {}).get("/DisplayDocTitle") is not True:
            fail("%s: DisplayDocTitle is not true" % name)
        for p in of_type(objs, "/Page"):
            if p.get("/Tabs") != "/S":
                fail("%s: a page without /Tabs /S" % name)
                break
        for a in of_type(objs, "/Annot", "/Link"):
            if not a.get("/Contents") or "/StructParent" not in a:
                fail("%s: a link without /Contents or /StructParent: %r" % (name, a))
                break
        elems = [o.get("value") for o in objs.values() if isinstance(o.get("value"), dict)]
        figures = [e for e in elems if e.get("/S") == "/Figure"]
        if len(figures) != 1 or not figures[0].get("/Alt"):
            fail("%s: the photo is not a Figure with /Alt: %r" % (name, figures))
        r = run(["node", TAGS, pdf], text=True)
        if r.returncode != 0:
            fail("%s: pdf.js cannot read the structure: %s" % (name, r.stderr))
        else:
            chars = json.loads(r.stdout)["chars"]
            if chars["untagged"] != 0 or chars["tagged"] == 0:
                fail("%s: characters outside tags and artifacts: %r" % (name, chars))
    os.remove(again)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    # the flagship, with a photo whose edges fade out (8-bit RGBA)
    with open(os.path.join(EXAMPLES, "academic.yaml")) as f:
        cv = f.read()
    cv = re.sub(r"(?m)^cv:\n", "cv:\n  photo: photo.png\n", cv, count=1)
    with open(os.path.join(WORK, "cv.yaml"), "w") as f:
        f.write(cv)
    run([sys.executable, os.path.join(HERE, "..", "..", "tools", "mkpng.py"),
         os.path.join(WORK, "photo.png"), "60", "60"], check=True)
    for std in ("a-1b", "a-2b", "a-2u", "ua-1", "a-2b,ua-1", "ua-1,a-2u"):
        check(std, WORK)

    # without --pdf-standard: none of it (the tagged PDF's XMP names no standard)
    plain = os.path.join(WORK, "plain.pdf")
    run([RESCOMP, "cv.yaml", "-q", "-o", plain], cwd=WORK, check=True)
    data = open(plain, "rb").read()
    meta = run(["pdfinfo", "-meta", plain], text=True).stdout
    if not data.startswith(b"%PDF-1.5") or b"/XRef" not in data or b"/OutputIntents" in data \
            or "pdfaid" in meta or "pdfuaid" in meta or "<dc:title>" not in meta:
        fail("without --pdf-standard the file is not the plain PDF 1.5 one")

    for bad, why in (("a-1b,a-2b", "one PDF/A level"), ("a-2b,a-2u", "one PDF/A level"),
                     ("a-1b,ua-1", "cannot be combined"), ("a-3b", "unknown PDF standard"),
                     ("", "unknown PDF standard"), ("a-1b,", "unknown PDF standard")):
        r = run([RESCOMP, "cv.yaml", "-o", "x.pdf", "--pdf-standard", bad], cwd=WORK, text=True)
        if r.returncode != 2 or why not in r.stderr or os.path.exists(os.path.join(WORK, "x.pdf")):
            fail("--pdf-standard %r: exit %d, %r" % (bad, r.returncode, r.stderr))
    r = run([RESCOMP, "cv.yaml", "--format", "txt", "--pdf-standard", "a-1b"], cwd=WORK, text=True)
    if r.returncode != 2:
        fail("--pdf-standard with --format txt: exit %d" % r.returncode)

    if failures:
        print("%d failures" % len(failures), file=sys.stderr)
        sys.exit(1)
    print("all standards checked")


main()
