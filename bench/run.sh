#!/usr/bin/env bash
# Benchmark rescomp: the flagship CV against baselines measured in the same
# run (process start-up alone, and a one-line CV for the fixed costs).
#   bench/run.sh [RUNS]      (default 20 runs each; median reported)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/bench" bench/bench.c
cc -O2 -o "$tmp/baseline_libharu" bench/baseline_libharu.c -lhpdf
exe="$BUILD_DIR/rescomp"
echo "rescomp $("$exe" --version | cut -d' ' -f2), $(nproc) cores, $RUNS runs each"
printf '%-34s ' "baseline: process start (true)";  "$tmp/bench" "$RUNS" true
if [ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; then
  printf '%-34s ' "baseline: libharu + DejaVu, 1 line"; "$tmp/bench" "$RUNS" "$tmp/baseline_libharu" "$tmp/baseline.pdf"
fi
printf '%-34s ' "baseline: one-line CV";           "$tmp/bench" "$RUNS" "$exe" bench/minimal.yaml -o "$tmp/min.pdf"
printf '%-34s ' "academic CV, trace only";         "$tmp/bench" "$RUNS" "$exe" examples/academic.yaml --trace
printf '%-34s ' "academic CV to PDF";              "$tmp/bench" "$RUNS" "$exe" examples/academic.yaml -o "$tmp/academic.pdf"
echo "academic PDF size: $(stat -c %s "$tmp/academic.pdf") bytes, $(pdfinfo "$tmp/academic.pdf" 2>/dev/null | awk '/^Pages/ {print $2}') pages"
