#!/usr/bin/env python3
"""Photos through the whole program, checked with poppler's tools.

    check_photos.py RESCOMP WORKDIR GOLDEN_DIR

- Every PNG colour type x bit depth x interlacing, with transparency
  (alpha channels, tRNS), as a picture of four coloured quadrants: the
  PDF has one 8-bit image (and a soft mask exactly when some pixel is not
  opaque: pdfimages -list), and pdftoppm draws each quadrant in the colour
  the PNG has over the white page.
- A large interlaced 16-bit RGBA PNG is embedded at 300 dpi of its printed
  width, the same bytes on every run.
- A small JPEG is embedded as it is (pdfimages -j gives the file back).
- Corrupt, truncated and oversized photos, and one taller than the page,
  are errors at cv.photo's line (exit 1), a missing one too (as RenderCV), and a
  previous PDF survives.
"""
import os
import re
import struct
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import mkpng  # noqa: E402

RESCOMP, WORK, GOLDEN = sys.argv[1:4]
failures = []


def fail(what):
    failures.append(what)
    print("FAIL: " + what, file=sys.stderr)


def run(args, cwd):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True)


def write_cv(d, photo, width="2.5cm"):
    with open(os.path.join(d, "cv.yaml"), "w") as f:
        f.write("cv:\n  name: Pat Example\n  photo: %s\n  email: pat@example.org\n"
                "design:\n  theme: classic\n  header:\n    alignment: left\n"
                "    photo_width: %s\n" % (photo, width))


def images(d, pdf="out.pdf"):
    """pdfimages -list rows: (type, width, height, color, bpc, enc)."""
    out = run(["pdfimages", "-list", pdf], d).stdout.splitlines()[2:]
    return [(r[2], int(r[3]), int(r[4]), r[5], int(r[7]), r[8]) for r in (l.split() for l in out)]


def ppm(path):
    data = open(path, "rb").read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    w, h = int(m.group(1)), int(m.group(2))
    return w, h, data[m.end():]


def photo_rect(d):
    trace = run([RESCOMP, "cv.yaml", "--trace"], d).stdout
    m = re.search(r"^image ([\d.]+) ([\d.]+) ([\d.]+)x([\d.]+) ", trace, re.M)
    return tuple(float(v) for v in m.groups())


# ---- every kind of PNG ----------------------------------------------------------

def quadrants(ct, depth):
    """pixel(x, y) of a 40 x 40 picture, palette, tRNS, and the expected RGB of each quadrant."""
    top = (1 << depth) - 1
    size = 40

    def q(x, y):
        return (x >= size // 2) + 2 * (y >= size // 2)

    def to8(v):
        return (v * 255 + 32767) // 65535 if depth == 16 else round(v * 255 / top)

    palette = trns = None
    if ct == 0:
        grey = [0, top, top * 2 // 3, top // 3] if depth > 1 else [0, 1, 1, 0]
        trns = [grey[3]]
        px = lambda x, y: (grey[q(x, y)],)
        colours = [((to8(g),) * 3, 0 if g == trns[0] else 255) for g in grey]
    elif ct == 2:
        rgb = [(top, 0, 0), (0, top, 0), (0, 0, top), (top, top, 0)]
        trns = list(rgb[3])
        px = lambda x, y: rgb[q(x, y)]
        colours = [(tuple(to8(v) for v in c), 0 if list(c) == trns else 255) for c in rgb]
    elif ct == 3:
        n = min(4, 1 << depth)
        palette = [(255, 0, 0), (0, 0, 255), (0, 255, 0), (255, 255, 0)][:n]
        trns = [255, 128, 255, 0][:n]
        px = lambda x, y: (q(x, y) % n,)
        colours = [(palette[i % n], trns[i % n]) for i in range(4)]
    elif ct == 4:
        grey, alpha = [0, top, top // 2, top], [top, top, top // 2, 0]
        px = lambda x, y: (grey[q(x, y)], alpha[q(x, y)])
        colours = [((to8(grey[i]),) * 3, to8(alpha[i])) for i in range(4)]
    else:
        rgb = [(top, 0, 0), (0, top, 0), (0, 0, top), (top, top, 0)]
        alpha = [top, top, top // 2, 0]
        px = lambda x, y: rgb[q(x, y)] + (alpha[q(x, y)],)
        colours = [(tuple(to8(v) for v in rgb[i]), to8(alpha[i])) for i in range(4)]
    over_white = [tuple(round((c * a + 255 * (255 - a)) / 255) for c in rgb) for rgb, a in colours]
    opaque = all(a == 255 for _, a in colours)
    return size, px, palette, trns, over_white, opaque


def check_kind(ct, depth, interlace):
    name = "ct%d-%d%s" % (ct, depth, "-i" if interlace else "")
    d = os.path.join(WORK, name)
    os.makedirs(d, exist_ok=True)
    size, px, palette, trns, want, opaque = quadrants(ct, depth)
    with open(os.path.join(d, "photo.png"), "wb") as f:
        f.write(mkpng.encode(size, size, ct, depth, px, interlace, palette, trns))
    write_cv(d, "photo.png")
    r = run([RESCOMP, "cv.yaml", "-o", "out.pdf"], d)
    if r.returncode != 0:
        return fail("%s: exit %d: %s" % (name, r.returncode, r.stderr.strip()))
    rows = images(d)
    kinds = [row[0] for row in rows]
    if kinds != (["image"] if opaque else ["image", "smask"]):
        fail("%s: pdfimages lists %s" % (name, kinds))
    for row in rows:
        if row[1:3] != (size, size) or row[4] != 8:
            fail("%s: embedded as %s" % (name, row))
    run(["pdftoppm", "-r", "72", "-f", "1", "-l", "1", "out.pdf", "page"], d)
    w, _, data = ppm(os.path.join(d, "page-1.ppm"))
    x, y, pw, ph = photo_rect(d)
    for i in range(4):
        cx = int(x + pw * (0.25 + 0.5 * (i % 2)))
        cy = int(y + ph * (0.25 + 0.5 * (i // 2)))
        got = tuple(data[(cy * w + cx) * 3:(cy * w + cx) * 3 + 3])
        if any(abs(g - e) > 8 for g, e in zip(got, want[i])):
            fail("%s: quadrant %d drawn as %s, expected %s" % (name, i, got, want[i]))


DEPTHS = {0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]}
for ct, depths in DEPTHS.items():
    for depth in depths:
        for interlace in (False, True):
            check_kind(ct, depth, interlace)

# ---- scaled to the printed size, deterministically ------------------------------

d = os.path.join(WORK, "large")
os.makedirs(d, exist_ok=True)
pixel, _ = mkpng.picture(1200, 900, 6, 16)
with open(os.path.join(d, "photo.png"), "wb") as f:
    f.write(mkpng.encode(1200, 900, 6, 16, pixel, True, level=1))
write_cv(d, "photo.png")
outs = []
for i in range(2):
    r = run([RESCOMP, "cv.yaml", "-o", "out%d.pdf" % i], d)
    if r.returncode != 0:
        fail("large: exit %d: %s" % (r.returncode, r.stderr.strip()))
    outs.append(open(os.path.join(d, "out%d.pdf" % i), "rb").read() if r.returncode == 0 else b"")
if outs[0] != outs[1]:
    fail("large: two runs differ")
# 2.5 cm at 300 dpi: 295.3 pixels, so 296 x 222
if images(d, "out0.pdf") != [("image", 296, 222, "rgb", 8, "image"),
                             ("smask", 296, 222, "gray", 8, "image")]:
    fail("large: embedded as %s" % images(d, "out0.pdf"))

# ---- a small JPEG goes in as it is ----------------------------------------------

d = os.path.join(WORK, "jpeg")
os.makedirs(d, exist_ok=True)
jpeg = open(os.path.join(GOLDEN, "photo.jpg"), "rb").read()
open(os.path.join(d, "photo.jpg"), "wb").write(jpeg)
write_cv(d, "photo.jpg")
r = run([RESCOMP, "cv.yaml", "-o", "out.pdf"], d)
run(["pdfimages", "-j", "out.pdf", "x"], d)
if r.returncode != 0 or open(os.path.join(d, "x-000.jpg"), "rb").read() != jpeg:
    fail("jpeg: not embedded as it is (%s)" % r.stderr.strip())

# ---- broken photos: errors at the photo's line, the old PDF kept -----------------

png = mkpng.encode(40, 40, 6, 8, lambda x, y: (x * 6, y * 6, 0, 255 - x), True)
idat = png.index(b"IDAT")
broken = {
    "truncated.png": (png[:len(png) // 2], 1, "is not a valid PNG image"),
    "no-iend.png": (png[:-12], 1, "is not a valid PNG image"),
    "crc.png": (png[:idat + 20] + bytes([png[idat + 20] ^ 1]) + png[idat + 21:], 1,
                "is not a valid PNG image"),
    "bomb.png": (png[:16] + struct.pack(">II", 20000, 20000) + png[24:], 1,
                 "has 20000 x 20000 pixels, more than rescomp reads"),
    "truncated.jpg": (jpeg[:len(jpeg) * 2 // 3], 1,
                      r"is not a valid JPEG image \(premature end of JPEG file\)"),
    "precision.jpg": (jpeg.replace(b"\xff\xc0\x00\x11\x08", b"\xff\xc0\x00\x11\x0c", 1), 1,
                      "is not a valid JPEG image"),
    "length.jpg": (jpeg.replace(b"\xff\xdb\x00\x43", b"\xff\xdb\x00\x63", 1), 1,
                   "is not a valid JPEG image"),
    "text.png": (b"not a picture", 1, "is not a PNG or JPEG image"),
    "strip.png": (mkpng.encode(1, 2000, 0, 8, lambda x, y: (y % 256,)), 1,
                  r"\(1 x 2000 pixels\) would be 141732 pt tall at header.photo_width, more "
                  "than the page holds"),
}
# the bomb's IHDR CRC, made right so that only its size is wrong
b = bytearray(broken["bomb.png"][0])
b[29:33] = struct.pack(">I", zlib.crc32(bytes(b[12:29])) & 0xFFFFFFFF)
broken["bomb.png"] = (bytes(b),) + broken["bomb.png"][1:]
d = os.path.join(WORK, "broken")
os.makedirs(d, exist_ok=True)
broken["missing.png"] = (None, 1, r"photo 'missing\.png' does not exist")
for name, (data, code, message) in sorted(broken.items()):
    if data is not None:
        open(os.path.join(d, name), "wb").write(data)
    write_cv(d, name)
    open(os.path.join(d, "out.pdf"), "w").write("previous")
    r = run([RESCOMP, "cv.yaml", "-o", "out.pdf"], d)
    if r.returncode != code or not re.search(r"cv\.yaml:3:10: error: .*" + message, r.stderr):
        fail("%s: exit %d, %r" % (name, r.returncode, r.stderr.strip()))
    if open(os.path.join(d, "out.pdf"), "rb").read() != b"previous":
        fail("%s: the previous PDF was overwritten" % name)

if failures:
    sys.exit("%d photo checks failed" % len(failures))
print("photos: all checks passed")
