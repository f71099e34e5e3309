#!/bin/sh
# Regenerate the seed files of fuzz/corpus/ (the seed-* files) from the
# project's own inputs: the CVs (YAML and JSON Resume) in examples/,
# tests/golden/, tests/errors/, tests/inputs/, tests/locale/ and
# bench/minimal.yaml, and the examples of tests/spec/markup.txt. Other files
# in the corpora (regress-* and the fuzzers' finds) are left alone.
# Run it from anywhere; commit what changes.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/fuzz/corpus
mkdir -p "$corpus/load" "$corpus/markup" "$corpus/pipeline"
rm -f "$corpus"/load/seed-* "$corpus"/markup/seed-* "$corpus"/pipeline/seed-*

# Whole CVs, for the loader and the pipeline. Files over 16 KiB are left
# out: seeds stay small, and the fuzzers' inputs are shorter anyway.
for f in "$root"/examples/*.yaml "$root"/examples/*/*.yml "$root"/tests/golden/*.yaml \
         "$root"/bench/minimal.yaml "$root"/tests/errors/*.yaml "$root"/tests/errors/*.json \
         "$root"/tests/inputs/*.yaml "$root"/tests/inputs/*.json "$root"/tests/locale/*.yaml; do
  [ -f "$f" ] || continue
  [ "$(wc -c < "$f")" -le 16384 ] || continue
  dir=$(basename "$(dirname "$f")")
  name=seed-$dir-$(basename "$f")
  cp "$f" "$corpus/load/$name"
  # The loader's error cases stop before the pipeline proper: it gets the rest.
  case $dir/$(basename "$f") in errors/load_*) ;; *) cp "$f" "$corpus/pipeline/$name" ;; esac
done

# Markup: one file per example of the spec (its input; "→" is a tab, lines
# are joined with line breaks, no break after the last).
awk -v out="$corpus/markup/seed-spec-" '
  BEGIN { fence = "````````````````````````````````" }
  $0 == fence " example" { n++; state = 1; lines = 0; file = sprintf("%s%03d", out, n);
                           printf "" > file; next }
  state == 1 && $0 == "." { state = 2; close(file); next }
  state == 1 { gsub(/→/, "\t"); printf "%s%s", (lines++ ? "\n" : ""), $0 > file; next }
  state == 2 && $0 == fence { state = 0 }
' "$root/tests/spec/markup.txt"

# Keyword bolding: the field, then NUL-separated keywords.
printf 'Worked with **Jane Doe** on *machine learning* and `Jane`\000Jane Doe\000machine learning\000Jane' \
  > "$corpus/markup/seed-keywords-1"
printf 'α-β filters by J. Doe, Doe J., and [Doe](https://doe.example)\000Doe\000α\000J. Doe' \
  > "$corpus/markup/seed-keywords-2"
