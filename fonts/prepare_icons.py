#!/usr/bin/python3
"""Prepare the connection icons: Font Awesome 4.7 from Debian's
fonts-font-awesome (SIL OFL 1.1), subset to the icons rescomp draws in the
header (email, phone, location, website, social networks). Run by hand
with Debian's python3-fonttools; the output is committed:

    /usr/bin/python3 fonts/prepare_icons.py

Font Awesome puts its icons in the Private Use Area; rescomp draws them
with an empty /ActualText so that text extraction never sees them.
"""
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = "/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fontawesome-icons.ttf")

# The code points src/layout.c asks for (keep the two lists in step).
ICONS = {
    0xF0E0: "envelope (email)",
    0xF095: "phone",
    0xF041: "map-marker (location)",
    0xF0AC: "globe (website)",
    0xF0C1: "link (custom connections)",
    0xF09B: "github",
    0xF08C: "linkedin-square",
    0xF296: "gitlab",
    0xF16C: "stack-overflow",
    0xF167: "youtube-play",
    0xF16D: "instagram",
    0xF099: "twitter (X)",
    0xF2C6: "telegram",
    0xF232: "whatsapp",
    0xF1A1: "reddit",
    0xF2D8: "imdb",
    0xF19D: "graduation-cap (Google Scholar, ORCID, ResearchGate)",
    0xF121: "code (Leetcode)",
    0xF0C2: "cloud (Bluesky)",
    0xF0C0: "users (Mastodon)",
    0xF08E: "external-link (after links, links.show_external_link_icon)",
}


def main():
    if not os.path.exists(SOURCE):
        sys.exit("install fonts-font-awesome first")
    font = TTFont(SOURCE)
    cmap = font.getBestCmap()
    missing = [hex(c) for c in ICONS if c not in cmap]
    if missing:
        sys.exit("icons missing from the source font: %s" % ", ".join(missing))
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.glyph_names = False
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=list(ICONS))
    sub.subset(font)
    font.save(OUT)
    print("wrote %s (%d bytes, %d icons)" % (OUT, os.path.getsize(OUT), len(ICONS)))


if __name__ == "__main__":
    main()
