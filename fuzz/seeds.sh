#!/bin/sh
# Regenerate the seed files of fuzz/corpus/ (the seed-* files) from the
# project's own inputs: the CVs (YAML and JSON Resume) in examples/,
# tests/golden/, tests/errors/, tests/inputs/, tests/locale/ and
# bench/minimal.yaml, the examples of tests/spec/markup.txt and every .bib
# file; and a few hand-written BibTeX files. Other files
# in the corpora (regress-* and the fuzzers' finds) are left alone.
# Run it from anywhere; commit what changes.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/fuzz/corpus
for h in load markup pipeline bibtex; do
  mkdir -p "$corpus/$h"
  rm -f "$corpus/$h"/seed-*
done

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
