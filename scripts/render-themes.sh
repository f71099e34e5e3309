#!/usr/bin/env bash
# Render examples/engineer.yaml in every built-in theme and write the first
# page of each as docs/themes/<theme>.png, for choosing a theme by looking.
# Needs a build (BUILD_DIR, default build) and pdftoppm (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
# The installed fonts the tests see, so the images do not depend on the machine.
export FONTCONFIG_FILE="$PWD/$BUILD_DIR/fonts.conf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p docs/themes
for theme in classic ember engineeringclassic engineeringresumes harvard ink latex moderncv opal sb2nov; do
  # the example with its design replaced by the theme alone
  sed '/^design:/,$d' examples/engineer.yaml > "$tmp/cv.yaml"
  printf 'design:\n  theme: %s\n' "$theme" >> "$tmp/cv.yaml"
  "$BUILD_DIR/rescomp" -q "$tmp/cv.yaml" -o "$tmp/$theme.pdf"
  pdftoppm -r 60 -f 1 -l 1 -png -singlefile "$tmp/$theme.pdf" "docs/themes/$theme"
  echo "docs/themes/$theme.png"
done
