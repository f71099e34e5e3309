#!/usr/bin/env bash
# Regenerate the golden traces after a deliberate layout change. Review
# the diff (git diff tests/golden) before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake --build "$BUILD_DIR" >/dev/null
# The installed fonts the tests see (CMakeLists.txt: rescomp_isolate_fonts).
export FONTCONFIG_FILE="$PWD/$BUILD_DIR/fonts.conf"
for input in examples/academic.yaml examples/engineer.yaml tests/golden/*.yaml; do
  [ -e "$input" ] || continue
  name=$(basename "${input%.*}")
  "$BUILD_DIR"/rescomp "$input" --trace > "tests/golden/$name.trace"
  echo "tests/golden/$name.trace"
done
# Right-to-left CVs and a letter (tests/rtl/tests.cmake).
mkdir -p tests/rtl/golden
for input in tests/rtl/*.yaml; do
  name=$(basename "${input%.*}")
  case $name in letter_*) args=--letter ;; *) args= ;; esac
  "$BUILD_DIR"/rescomp "$input" $args --trace > "tests/rtl/golden/$name.trace"
  echo "tests/rtl/golden/$name.trace"
done
# Text and Markdown outputs (tests/inputs/tests.cmake lists the same cases).
for pair in engineer:examples/engineer.yaml jsonresume:tests/inputs/jsonresume.json \
            bibtex:tests/inputs/bibtex.yaml positions:tests/inputs/positions.yaml \
            phones_national:tests/inputs/phones_national.yaml \
            phones_international:tests/inputs/phones_international.yaml \
            phones_e164:tests/inputs/phones_e164.yaml; do
  name=${pair%%:*} input=${pair#*:}
  for ext in txt md; do
    "$BUILD_DIR"/rescomp "$input" -q -o "tests/inputs/$name.$ext"
    echo "tests/inputs/$name.$ext"
  done
done
# Cover letters in every theme (tests/letter/tests.cmake).
mkdir -p tests/letter/golden
for theme in themes/*.yaml; do
  t=$(basename "${theme%.*}")
  "$BUILD_DIR"/rescomp examples/applications.yaml --variant acme --letter \
    --set design.theme="$t" --trace > "tests/letter/golden/$t.trace"
  echo "tests/letter/golden/$t.trace"
done
