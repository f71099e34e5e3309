#!/usr/bin/env bash
# Line-breaking quality report (issue 3): every paragraph of bench/corpus set
# at 475pt, 330pt (beside a date column) and 284.5pt (10cm) with Knuth-Plass
# and with first fit; prints one table. Extra arguments go to quality, e.g.
#   bench/quality.sh --worst 5            the loosest and overfull lines
#   bench/quality.sh --no-time            byte-identical output
#   bench/quality.sh --kp-only --set emergency_stretch=15
#   bench/quality.sh --microtype --no-time    with and without margin protrusion
#                                             and font expansion (issue 14)
# BUILD_DIR (default build) is the CMake build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" --target quality >/dev/null
RESCOMP_FONT_DIR=${RESCOMP_FONT_DIR:-$PWD/fonts} "$BUILD_DIR/bench/quality" "$@" bench/corpus/*.txt
