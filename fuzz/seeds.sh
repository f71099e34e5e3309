#!/bin/sh
# Regenerate the seed files of fuzz/corpus/ (the seed-* files) from the
# project's own inputs: the CVs (YAML and JSON Resume) in examples/,
# tests/golden/, tests/errors/, tests/inputs/, tests/locale/ and
# bench/minimal.yaml, the examples of tests/spec/markup.txt and every .bib
# file; a few hand-written BibTeX files and PDF documents; and photos. Other files
# in the corpora (regress-* and the fuzzers' finds) are left alone.
# Run it from anywhere; commit what changes.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/fuzz/corpus
for h in load markup pipeline bibtex pdf image; do
  mkdir -p "$corpus/$h"
  rm -f "$corpus/$h"/seed-*
done

# Whole CVs, for the loader and the pipeline. Files over 16 KiB are left
# out: seeds stay small, and the fuzzers' inputs are shorter anyway.
for f in "$root"/examples/*.yaml "$root"/examples/*/*.yml "$root"/tests/golden/*.yaml \
         "$root"/bench/minimal.yaml "$root"/tests/errors/*.yaml "$root"/tests/errors/*.json \
         "$root"/tests/inputs/*.yaml "$root"/tests/inputs/*.json "$root"/tests/jsonresume/*.json \
         "$root"/tests/locale/*.yaml "$root"/tests/fit/*.yaml "$root"/tests/rtl/*.yaml; do
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

# BibTeX: every .bib of the project, alone and with options after a NUL
# (fuzz_bibtex.c: k<key>, t<type>, h<name>, n or o for the sort, i for
# initials), and hand-written files for what those do not show.
find "$root/examples" "$root/tests" -name '*.bib' | sort | while read -r f; do
  [ "$(wc -c < "$f")" -le 16384 ] || continue
  cp "$f" "$corpus/bibtex/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
done
pubs=$root/tests/inputs/publications.bib
{ cat "$pubs"; printf '\000kdvorak2019\000kmuller2021\000i'; } > "$corpus/bibtex/seed-options-keys"
{ cat "$pubs"; printf '\000n\000tarticle\000tmisc\000hA. Lovelace'; } \
  > "$corpus/bibtex/seed-options-sort"
{ cat "$pubs"; printf '\000o\000h\000knope\000klovelace1834'; } \
  > "$corpus/bibtex/seed-options-missing-key"
cat > "$corpus/bibtex/seed-hand-accents.bib" <<'BIB'
@article{accents,
  author = {G{\"o}del, Kurt and Erd\H{o}s, P{\'a}l and {\v{S}}koda, Ji{\v r}{\'\i} and
            Gau{\ss}, Carl and Ca{\~n}ada, Jos{\'e} and {\AA}ngstr{\"o}m, Anders and
            Fran{\c{c}}ois, {\O}ystein and {\L}ojasiewicz, Stanis{\l}aw and \'{\i}{\`\i}},
  title = {\emph{On} \textbf{formally} \texttt{undecidable} ``propositions'' --- $\alpha$--$\Omega$,
           {\em emphasised} \href{https://example.org/a_b}{a link}, 50\,\% \& more\ldots{}
           \~{} \^{} \"{} \={o} \.{z} \u{g} \k{a} \r{u} \d{s} \b{t} \t{oo} \unknown{x} $x^2_i$},
  journal = {Monatshefte f{\"u}r Mathematik und Physik},
  volume = 38, number = {1}, pages = {173--198},
  year = 1931, month = {1}, doi = {doi:10.1007/BF01700692},
}
BIB
cat > "$corpus/bibtex/seed-hand-strings.bib" <<'BIB'
@preamble{ "\newcommand{\noop}[1]{}" }
@comment{ this is a comment with {braces} }
Text between entries is a comment too.
@string{ first = "Ada" }
@STRING( last = {Lovelace} )
@string{ full = first # " " # last }
@misc{ strings,
  author = full # " and " # {Babbage, Charles},
  title = "Macros: " # first # { and } # undefinedmacro,
  howpublished = {self},
  year = "in press",
  month = dec,
  url = {https://example.org/\~ada\_lovelace\%20},
}
@book(parens, title = {Parentheses}, year = 0000, publisher = {P}, month = "13")
BIB
cat > "$corpus/bibtex/seed-hand-nested.bib" <<'BIB'
@inproceedings{nested,
  author = {{{Barbara}} {Liskov} and {{\relax Ch}ristopher} {Strachey, Jr.} and
            de la Fontaine, Jean and van Beethoven, Ludwig and Doe, Jr., John},
  title = "{A {deeply {nested {title {with {many {braces}}}}}}} and a {"}quote{"} in it",
  booktitle = {{\NoCaseChange{Proc.}} of {\MakeUppercase{x}}},
  year = {{2001}},
}
@article{marks, author = {Ada Lovelace* and Bob $^*$ and Carol\textsuperscript{\dag} and Dan \ddag
  and {\'E}mile \S and Jean-Pierre Serre and J.-P. Serre and others}, title = {Marks}, year = 2020}
BIB
cat > "$corpus/bibtex/seed-hand-malformed.bib" <<'BIB'
@article{missing_comma,
  author = {Lovelace, Ada}
  title = {A comma is missing on the line before},
}
@article{unclosed, title = {never closed, year = 2020
@article{, title = {No key}}
@article{dup, title = {One}, title = {Two}, year = 20x5}
@{notype, title = x}
@article{quote, title = "an "inner" quote"}
@article{trailing, title = {T}, year = 2019,,}
@
BIB

# PDF documents, in fuzz_pdf.c's encoding (read its set_date and decode):
# a one-page CV with every kind of draw, two pages with a hyphenated word
# across them, characters no face has, a page with nothing on it, and a
# right-to-left run with shaped glyphs.
byte() { printf "\\$(printf %03o $(( $1 & 255 )))"; }
u16() { byte $(( $1 >> 8 )); byte "$1"; }
u32() { u16 $(( $1 >> 16 )); u16 "$1"; }
pt() { byte 0; u16 $(( $1 * 16 )); }             # a coordinate in points
str() { byte "$(printf %s "$1" | wc -c)"; printf %s "$1"; }
# textn FACE SIZE_PT X Y COLOUR FLAGS N: a run of N code points, which follow
textn() { byte 0; byte "$1"; byte $(( $2 * 4 - 1 )); pt "$3"; pt "$4"; u32 "$5"; byte "$6"
  byte "$7"; }
# text FACE SIZE_PT X Y COLOUR FLAGS TEXT: a run of printable ASCII
text() { textn "$1" "$2" "$3" "$4" "$5" "$6" "$(printf %s "$7" | wc -c)"
  printf %s "$7" | od -An -v -tu1 | tr -s ' ' '\n' | while read -r c; do
    [ -n "$c" ] && byte $(( c - 32 )); done; }
rule() { byte 2; pt "$1"; pt "$2"; pt "$3"; pt "$4"; u32 "$5"; }
link() { byte 3; pt "$1"; pt "$2"; pt "$3"; pt "$4"; str "$5"; }
bookmark() { byte 4; pt "$1"; pt "$2"; byte "$3"; str "$4"; }
note() { byte 5; str "$1"; }
image() { byte 6; pt "$1"; pt "$2"; pt "$3"; pt "$4"; byte "$5"; }
newpage() { byte 7; }
{
  byte 0; byte 31; byte 0                          # no date; all information; A4
  str 'Ada Lovelace — CV'; str 'Ada Lovelace'; str 'Curriculum vitae'
  str 'analytical engine, Bernoulli'; str 'rescomp'
  bookmark 72 80 0 'Ada Lovelace'
  text 1 20 72 90 0 0 'Ada Lovelace'
  image 480 60 60 60 0
  textn 5 9 72 110 3355443 0 3; byte 128; byte 224; byte 128; byte 149; byte 0 # icons, space
  link 72 100 120 12 'mailto:ada@example.org'
  rule 72 120 451 1 2236962
  bookmark 72 140 1 'Education — Universität'
  text 0 10 72 150 0 1 'AVAWAY'; byte 255; byte 0; byte 12; byte 0; byte 0; byte 0
  text 2 10 72 162 0 0 'italic (with) \back'
  text 3 10 72 174 0 0 'bold italic'
  text 4 9 72 186 0 0 'mono 0123'
  note 'a note for the trace only'
  link 72 190 80 10 'https://example.org/ü ß?q=1&r=(2)'
  text 0 10 72 800 8421504 0 'Page 1 of 1'
} > "$corpus/pdf/seed-cv-page"
{
  byte 138; for d in 1 7 0 0 0 0 0 0 0 0; do byte $d; done  # SOURCE_DATE_EPOCH=1700000000
  byte 1; byte 1; str 'Two pages'                  # a title; letter
  text 0 11 72 700 0 4 'This is an extra-'; str 'extraordinary'
  newpage
  text 0 11 72 72 0 8 'ordinary'
  text 0 11 120 72 0 0 ' word.'
  image 300 300 100 100 1
  bookmark 0 0 3 'deep'
} > "$corpus/pdf/seed-span-two-pages"
{
  byte 0; byte 0; byte 2; pt 200; pt 100          # no date; no information; 200 x 100 pt
  textn 0 10 10 20 0 0 5                           # U+4E2D, U+D83D, U+1F600, U+0000, U+00A0
  byte 160; u16 20013; byte 160; u16 55357; byte 224; u32 128512; byte 192; byte 96; byte 0
} > "$corpus/pdf/seed-missing-chars"
{ byte 0; byte 0; byte 0; } > "$corpus/pdf/seed-empty-page"
{
  byte 0; byte 0; byte 2; pt 300; pt 100          # no date; no information; 300 x 100 pt
  text 0 10 10 20 0 49 'a (b) c'                   # right to left, kerned, shaped glyphs:
  for k in 1 2 3 4 5 6 7; do byte 8; done          # kerning
  for g in 0 0 11 0 12 255 0; do byte $g; done     # mirrored brackets' glyphs, a blank
} > "$corpus/pdf/seed-rtl-run"

# Photos, for fuzz_image: every PNG colour type, bit depth and interlacing,
# with and without tRNS (tools/mkpng.py), the test photos, and some of
# them cut short. The JPEGs libjpeg wrote (jpeg-*: grey, progressive,
# CMYK) are kept as they are; they are cut short here too.
python3 - "$root/tools" "$corpus/image" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import mkpng
out = sys.argv[2]
for ct, depths in {0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]}.items():
    for depth in depths:
        for interlace in (0, 1):
            pixel, palette = mkpng.picture(9, 7, ct, depth)
            trns = {0: [0], 2: [0, 0, 0], 3: [(i * 37) % 256 for i in range(len(palette or []))]}
            for t in ([None, trns[ct]] if ct in trns else [None]):
                png = mkpng.encode(9, 7, ct, depth, pixel, bool(interlace), palette, t)
                name = "%s/seed-png-%d-%d%s%s" % (out, ct, depth, "-i" if interlace else "",
                                                  "-trns" if t else "")
                open(name, "wb").write(png)
                if depth == 8 and t is None:
                    open(name + "-cut", "wb").write(png[:len(png) * 2 // 3])
PY
cp "$root/tests/golden/photo.png" "$corpus/image/seed-golden-photo.png"
cp "$root/tests/golden/photo.jpg" "$corpus/image/seed-golden-photo.jpg"
for f in "$root/tests/golden/photo.jpg" "$corpus"/image/jpeg-*; do
  n=$(wc -c < "$f")
  head -c $(( n * 2 / 3 )) "$f" > "$corpus/image/seed-cut-$(basename "$f")"
done
