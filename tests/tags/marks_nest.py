#!/usr/bin/env python3
"""Whether every page's marked content nests with its text objects, as
ISO 32000-1 (14.6) asks: a BDC or BMC closes (EMC) at the BT/ET level it
opened at, and none is left open at the end of the page.

  marks_nest.py QDF.pdf      (qpdf --qdf --object-streams=disable output)

The device writes one operator a line, which the check relies on."""
import re
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data = open(sys.argv[1], "rb").read().decode("latin-1")
    pages = re.findall(r"%% Contents for page (\d+)\n.*?stream\n(.*?)endstream", data, re.S)
    if not pages:
        sys.exit("no page contents found (is it qpdf --qdf output?)")
    for page, content in pages:
        in_text, stack = False, []
        for number, line in enumerate(content.split("\n"), 1):
            where = f"page {page}, content line {number}"
            if line == "BT":
                in_text = True
            elif line == "ET":
                if stack and stack[-1]:
                    sys.exit(f"{where}: ET inside marked content opened in the text object")
                in_text = False
            elif line.endswith(("BDC", "BMC")):
                stack.append(in_text)
            elif line == "EMC":
                if not stack:
                    sys.exit(f"{where}: EMC without BDC or BMC")
                if stack.pop() != in_text:
                    sys.exit(f"{where}: marked content straddles BT/ET")
        if stack:
            sys.exit(f"page {page}: {len(stack)} marked-content sequences left open")
    print(f"{len(pages)} pages: marked content nests")


if __name__ == "__main__":
    main()
