#!/usr/bin/env python3
"""A small PNG encoder (the standard library's zlib only, no PIL), for the
photo tests (tests/photos/) and the large-photo line of bench/run.sh.

    mkpng.py OUT.png WIDTH HEIGHT [COLOUR_TYPE [DEPTH [interlace]]]

writes a smooth test picture (gradients, an opaque middle fading out
towards the edges) of any colour type and depth (default: 8-bit RGBA);
tests import encode() to write their own samples.
"""
import struct
import sys
import zlib

CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# Adam7: (x start, y start, x step, y step) of each pass
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
         (0, 1, 1, 2)]


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def pack_row(samples, depth):
    """A row of sample values (ints) as bytes at the given bit depth."""
    if depth == 16:
        return b"".join(struct.pack(">H", v) for v in samples)
    if depth == 8:
        return bytes(samples)
    out, acc, bits = bytearray(), 0, 0
    for v in samples:
        acc = acc << depth | v
        bits += depth
        if bits == 8:
            out.append(acc)
            acc, bits = 0, 0
    if bits:
        out.append(acc << (8 - bits))
    return bytes(out)


def encode(width, height, colour_type, depth, pixel, interlace=False, palette=None, trns=None,
           level=6):
    """PNG bytes; pixel(x, y) gives the tuple of sample values of a pixel."""
    ch = CHANNELS[colour_type]
    raw = bytearray()
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        xs = range(x0, width, dx)
        if not xs:
            continue
        for y in range(y0, height, dy):
            samples = []
            for x in xs:
                p = pixel(x, y)
                assert len(p) == ch
                samples.extend(p)
            raw.append(0)  # filter type None
            raw += pack_row(samples, depth)
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0,
                                      1 if interlace else 0))
    if palette is not None:
        png += chunk(b"PLTE", b"".join(bytes(c) for c in palette))
    if trns is not None:
        if colour_type == 3:
            png += chunk(b"tRNS", bytes(trns))
        else:
            png += chunk(b"tRNS", b"".join(struct.pack(">H", v) for v in trns))
    png += chunk(b"IDAT", zlib.compress(bytes(raw), level))
    png += chunk(b"IEND", b"")
    return png


def picture(width, height, colour_type, depth):
    """pixel(x, y) of a smooth picture, and the palette it needs."""
    top = (1 << depth) - 1
    cx, cy, r2 = width / 2, height / 2, (min(width, height) / 2) ** 2

    def rgba(x, y):
        d = ((x - cx) ** 2 + (y - cy) ** 2) / r2
        a = 1.0 if d < 0.8 else max(0.0, 1.0 - (d - 0.8) * 2)
        return (x / max(1, width - 1), y / max(1, height - 1),
                ((x * 7 + y * 3) % 256) / 255, a)

    def q(v):
        return int(round(v * top))

    if colour_type == 3:
        n = 1 << depth
        palette = [((i * 53) % 256, (i * 101) % 256, (i * 197) % 256) for i in range(n)]
        return (lambda x, y: (int(rgba(x, y)[0] * (n - 1) + 0.5),)), palette
    if colour_type == 0:
        return (lambda x, y: (q((rgba(x, y)[0] + rgba(x, y)[1]) / 2),)), None
    if colour_type == 4:
        return (lambda x, y: (q(rgba(x, y)[0]), q(rgba(x, y)[3]))), None
    if colour_type == 2:
        return (lambda x, y: tuple(q(v) for v in rgba(x, y)[:3])), None
    return (lambda x, y: tuple(q(v) for v in rgba(x, y))), None


def fast_rgba(width, height, level=6):
    """The picture() of an 8-bit RGBA image, row by row at C speed (for the
    bench's 4000 x 4000 photo, which the per-pixel path takes minutes over)."""
    def ramp(n):
        return bytes(int(round(i * 255 / max(1, n - 1))) for i in range(n))

    def fade(n):  # opaque in the middle, fading out over the outer fifth
        e = max(1, n // 5)
        return bytes(min(255, int(255 * min(i, n - 1 - i) / e)) for i in range(n))

    red, alpha_x, alpha_y, green = ramp(width), fade(width), fade(height), ramp(height)
    blue0 = bytes((x // 16) % 256 for x in range(width))
    shift = [bytes((v + k) % 256 for v in range(256)) for k in range(256)]
    cap = [bytes(min(v, c) for v in range(256)) for c in range(256)]
    z = zlib.compressobj(level)
    idat = bytearray()
    row = bytearray(4 * width + 1)
    row[1::4] = red
    for y in range(height):
        row[2::4] = bytes([green[y]]) * width
        row[3::4] = blue0.translate(shift[(y // 16) % 256])
        row[4::4] = alpha_x.translate(cap[alpha_y[y]])
        idat += z.compress(bytes(row))
    idat += z.flush()
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)) +
            chunk(b"IDAT", bytes(idat)) + chunk(b"IEND", b""))


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    out, width, height = args[0], int(args[1]), int(args[2])
    colour_type = int(args[3]) if len(args) > 3 else 6
    depth = int(args[4]) if len(args) > 4 else 8
    interlace = len(args) > 5 and args[5] == "interlace"
    if (colour_type, depth, interlace) == (6, 8, False):
        data = fast_rgba(width, height)
    else:
        pixel, palette = picture(width, height, colour_type, depth)
        data = encode(width, height, colour_type, depth, pixel, interlace, palette)
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
