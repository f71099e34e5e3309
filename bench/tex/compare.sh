#!/usr/bin/env bash
# Line breaking of rescomp against TeX on the same paragraphs, at 10cm.
#   bench/tex/compare.sh [corpus-file...]   (default: bench/corpus/hard.txt,
#                                            then the whole corpus)
# Needs pdflatex (texlive-latex-base, texlive-fonts-recommended), mutool
# (mupdf-tools) and python3; without them it says so and exits 0: CI does
# not need TeX. BUILD_DIR (default build-quality) is where quality is built.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in pdflatex mutool python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench/tex/compare.sh: $tool not found; skipping the TeX comparison" \
         "(apt-get install texlive-latex-base texlive-fonts-recommended mupdf-tools)"
    exit 0
  fi
done
BUILD_DIR=${BUILD_DIR:-build-quality}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" --target quality >/dev/null
export RESCOMP_FONT_DIR=${RESCOMP_FONT_DIR:-$PWD/fonts}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "$(pdflatex --version | head -1); mutool $(mutool -v 2>&1 | awk '{print $3; exit}')"
echo "TeX: 10pt article (OT1 cmr10), \\textwidth 10cm, \\parindent 0pt, \\pretolerance 100," \
     "\\tolerance 200, \\emergencystretch 0pt (pdflatex's defaults), US English patterns"
echo "rescomp: CMU Serif 10pt, 284.53pt text block (same 28.45em), whole pipeline to PDF"
echo
if [ $# -gt 0 ]; then
  python3 bench/tex/compare.py --quality "$BUILD_DIR/bench/quality" --workdir "$work" \
    --title "$*" "$@"
else
  python3 bench/tex/compare.py --quality "$BUILD_DIR/bench/quality" --workdir "$work" \
    --title "hard paragraphs (bench/corpus/hard.txt)" --detail bench/corpus/hard.txt
  python3 bench/tex/compare.py --quality "$BUILD_DIR/bench/quality" --workdir "$work" \
    --title "whole corpus (bench/corpus/*.txt)" bench/corpus/*.txt
fi
