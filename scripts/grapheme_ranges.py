#!/usr/bin/env python3
"""Print the table of src/grapheme.c: the ranges of code points that extend
the grapheme cluster before them (UAX #29's Extend, SpacingMark and ZWJ,
approximated from the general categories Mn, Me and Mc, plus ZWNJ, ZWJ,
the emoji skin-tone modifiers and the tag characters), from Python's
unicodedata. Run it and paste its output when Unicode grows:

    python3 scripts/grapheme_ranges.py
"""
import unicodedata


def extends(cp):
    return (unicodedata.category(chr(cp)) in ("Mn", "Me", "Mc")
            or cp in (0x200C, 0x200D)
            or 0x1F3FB <= cp <= 0x1F3FF
            or 0xE0020 <= cp <= 0xE007F)


ranges, start = [], None
for cp in range(0x110000):
    if extends(cp):
        if start is None:
            start = cp
        last = cp
    elif start is not None:
        ranges.append((start, last))
        start = None
print("/* Unicode %s, by scripts/grapheme_ranges.py: %d ranges */"
      % (unicodedata.unidata_version, len(ranges)))
line = "   "
for a, b in ranges:
    item = " {0x%X, 0x%X}," % (a, b)
    if len(line) + len(item) > 96:
        print(line)
        line = "   "
    line += item
print(line)
