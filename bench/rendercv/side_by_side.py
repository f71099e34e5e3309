#!/usr/bin/python3
"""Page 1 of each RenderCV example as RenderCV made it (left) beside
rescomp's (right), one small PNG per theme in docs/rendercv/, to look at
after a change of geometry.  Needs only poppler's pdftoppm.

The images are kept small for the repository (about 25 KB each): 50 dpi,
and each channel rounded to LEVELS levels, written as an indexed PNG
(LEVELS**3 colours, one byte a pixel), which zlib packs far tighter
than anti-aliased RGB.

  side_by_side.py RESCOMP [--dpi 50]
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile
import zlib

from compare import THEMES, example_paths

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "docs", "rendercv")


def render(pdf, dpi):
    """Page 1 as (width, height, rows of RGB bytes) through pdftoppm's PPM."""
    ppm = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1",
                          "-singlefile", pdf], capture_output=True,
                         check=True).stdout
    fields, pos = [], 0
    while len(fields) < 4:      # P6, width, height, maxval
        while ppm[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not ppm[end:end + 1].isspace():
            end += 1
        fields.append(ppm[pos:end])
        pos = end
    pos += 1
    w, h = int(fields[1]), int(fields[2])
    return w, h, [ppm[pos + y * w * 3: pos + (y + 1) * w * 3]
                  for y in range(h)]


LEVELS = 4
# a channel's byte -> its level; the palette: every (r, g, b) of levels
LEVEL = bytes((v * (LEVELS - 1) + 127) // 255 for v in range(256))
PALETTE = b"".join(bytes(((r * 255) // (LEVELS - 1), (g * 255) // (LEVELS - 1),
                          (b * 255) // (LEVELS - 1)))
                   for r in range(LEVELS) for g in range(LEVELS)
                   for b in range(LEVELS))


def indexed(row):
    """An RGB row as palette indices (r, g and b levels in base LEVELS)."""
    q = row.translate(LEVEL)
    r, g, b = q[0::3], q[1::3], q[2::3]
    return bytes((x * LEVELS + y) * LEVELS + z for x, y, z in zip(r, g, b))


def write_png(path, w, h, rows):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    raw = b"".join(b"\0" + indexed(r) for r in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 3, 0, 0, 0)))
        f.write(chunk(b"PLTE", PALETTE))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rescomp")
    ap.add_argument("--dpi", type=int, default=50)
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for theme in THEMES:
            yaml_path, ref = example_paths(theme)
            ours = os.path.join(work, theme + ".pdf")
            subprocess.run([args.rescomp, yaml_path, "-o", ours],
                           capture_output=True, check=True)
            (w1, h1, a), (w2, h2, b) = render(ref, args.dpi), \
                render(ours, args.dpi)
            h, gap = max(h1, h2), b"\x80\x80\x80" * 2
            blank1, blank2 = b"\xff" * (w1 * 3), b"\xff" * (w2 * 3)
            rows = [(a[y] if y < h1 else blank1) + gap +
                    (b[y] if y < h2 else blank2) for y in range(h)]
            write_png(os.path.join(OUT, theme + ".png"), w1 + 2 + w2, h, rows)
    print("wrote %s/<theme>.png (RenderCV left, rescomp right)" %
          os.path.normpath(OUT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
