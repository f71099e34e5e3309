#!/usr/bin/env bash
# Benchmark rescomp: one table of whole runs, each a median over RUNS fresh
# processes (bench/bench.c), against baselines measured in the same run.
#   bench/run.sh [RUNS]      (default 20; the big inputs run 5 times)
# Rows: process start and a minimal libharu program (baselines), a one-line
# CV, the academic flagship, a German CV (the largest hyphenation patterns),
# generated CVs of about 1, 10 and 100 pages (cost per page should stay
# flat), realistic CVs of 4 and 16 MB (bench/bigcv.py; peak memory should
# stay within 20 times the input plus 20 MB), a 100-variant batch, the
# pathological inputs of docs/limits.md, and a CV with a 4000 x 4000 RGBA
# photo (memory must follow its printed size).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
BIG=$(( RUNS < 5 ? RUNS : 5 ))
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/bench" bench/bench.c
cc -O2 -o "$tmp/baseline_libharu" bench/baseline_libharu.c -lhpdf
exe="$BUILD_DIR/rescomp"

# ---- inputs -------------------------------------------------------------------
# A CV of N experience entries, each with three highlights (about ten a page).
pages_cv() {
    local n=$1 out=$2
    {
        printf 'cv:\n  name: Pat Example\n  email: pat@example.org\n  sections:\n    experience:\n'
        for i in $(seq 1 "$n"); do
            printf '      - company: Company %d\n        position: Engineer\n' "$i"
            printf '        start_date: 2019-01\n        end_date: 2020-06\n        highlights:\n'
            printf '          - Built the system that measured and improved the throughput of the pipeline by %d%%.\n' "$i"
            printf '          - Wrote the documentation and the tests that kept the interfaces stable.\n'
            printf '          - Mentored engineers and reviewed designs for reliability and performance.\n'
        done
        printf 'design:\n  theme: latex\nsettings:\n  current_date: 2026-11-01\n'
    } > "$out"
}
pages_cv 9 "$tmp/pages1.yaml"
pages_cv 90 "$tmp/pages10.yaml"
pages_cv 900 "$tmp/pages100.yaml"
pages_cv 10000 "$tmp/entries10000.yaml"
# Large realistic CVs: entries with highlights, one huge paragraph, long fields.
python3 bench/bigcv.py 4000000 "$tmp/big4.yaml"
python3 bench/bigcv.py 16000000 "$tmp/big16.yaml"
word=$(printf 'a%.0s' $(seq 1 5000))
printf 'cv:\n  name: X\n  sections:\n    text:\n      - Before %s after\n' "$word" > "$tmp/longword.yaml"
{
    printf 'cv:\n  name: X\n  sections:\n    text:\n      - "'
    for i in $(seq 1 5000); do printf '**a *b '; done
    for i in $(seq 1 5000); do printf '* c**'; done
    printf '"\n'
} > "$tmp/nested.yaml"
{
    printf 'cv:\n  name: X\n  sections:\n    text:\n      - "'
    for i in $(seq 1 10000); do printf 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do '; done
    printf '"\n'
} > "$tmp/words100000.yaml"
# 100 variants of the variants example, each with its own tags and order
sed '/^variants:/,$d' examples/variants.yaml > "$tmp/variants100.yaml"
{
    echo "variants:"
    tags=(industry academic acme systems teaching)
    for i in $(seq 1 100); do
        echo "  v$i:"
        echo "    include_tags: [${tags[$((i % 5))]}, ${tags[$(((i + 2) % 5))]}]"
        echo "    set:"
        echo "      cv.headline: Variant number $i"
    done
} >> "$tmp/variants100.yaml"

# A CV with a large RGBA photo (tools/mkpng.py draws it: gradients and a
# fading edge, 1.7 MB), printed at the classic theme's 3.5 cm.
python3 tools/mkpng.py "$tmp/photo.png" 4000 4000
printf 'cv:\n  name: Pat Example\n  photo: photo.png\n  email: pat@example.org\ndesign:\n  theme: classic\n' \
    > "$tmp/photo.yaml"

# ---- runs -----------------------------------------------------------------------
# row LABEL RUNS PDF COMMAND...: a line of the table (PDF: the file it writes, or -)
row() {
    local label=$1 runs=$2 pdf=$3
    shift 3
    local out pages=- kb=-
    out=$("$tmp/bench" "$runs" "$@")
    if [ "$pdf" != - ] && [ -e "$pdf" ]; then
        pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
        kb=$(awk -v b="$(stat -c %s "$pdf")" 'BEGIN {printf "%.1f", b / 1024}')
    fi
    echo "$out" | awk -v label="$label" -v pages="$pages" -v kb="$kb" '{
        printf "| %-34s | %5s | %9s | %17s | %7.1f | %7s |\n", label, pages, $2, $5 "-" $8,
               $12 / 1024, kb }'
}

echo "rescomp $("$exe" --version | cut -d' ' -f2), $(nproc) cores, $(date -u +%Y-%m-%d); medians of $RUNS runs ($BIG for the big inputs)"
echo
echo "| input                              | pages | median ms | min-max ms        | peak MB |  PDF KB |"
echo "| ---------------------------------- | ----- | --------- | ----------------- | ------- | ------- |"
row "process start (true)" "$RUNS" - true
if [ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; then
    row "baseline: libharu + DejaVu, 1 line" "$RUNS" "$tmp/baseline.pdf" "$tmp/baseline_libharu" "$tmp/baseline.pdf"
fi
row "one-line CV" "$RUNS" "$tmp/min.pdf" "$exe" bench/minimal.yaml -o "$tmp/min.pdf"
row "academic CV, trace only" "$RUNS" - "$exe" examples/academic.yaml --trace
row "academic CV" "$RUNS" "$tmp/academic.pdf" "$exe" examples/academic.yaml -o "$tmp/academic.pdf"
row "academic CV, untagged" "$RUNS" "$tmp/untagged.pdf" "$exe" examples/academic.yaml --no-pdf-tags -o "$tmp/untagged.pdf"
row "German CV" "$RUNS" "$tmp/de.pdf" "$exe" tests/golden/locale_german.yaml -o "$tmp/de.pdf"
row "generated, 9 entries" "$RUNS" "$tmp/p1.pdf" "$exe" "$tmp/pages1.yaml" -o "$tmp/p1.pdf"
row "generated, 90 entries" "$BIG" "$tmp/p10.pdf" "$exe" "$tmp/pages10.yaml" -o "$tmp/p10.pdf"
row "generated, 900 entries" "$BIG" "$tmp/p100.pdf" "$exe" "$tmp/pages100.yaml" -o "$tmp/p100.pdf"
row "generated, 4 MB (bench/bigcv.py)" "$BIG" "$tmp/b4.pdf" "$exe" "$tmp/big4.yaml" -o "$tmp/b4.pdf"
row "generated, 16 MB (bench/bigcv.py)" "$BIG" "$tmp/b16.pdf" "$exe" "$tmp/big16.yaml" -o "$tmp/b16.pdf"
row "100 variants, -j 1" "$BIG" - "$exe" "$tmp/variants100.yaml" --all-variants -o "$tmp/v1" -j 1
row "100 variants, -j 2" "$BIG" - "$exe" "$tmp/variants100.yaml" --all-variants -o "$tmp/v2" -j 2
row "pathological: 10,000 entries" "$BIG" "$tmp/e.pdf" "$exe" "$tmp/entries10000.yaml" -o "$tmp/e.pdf"
row "pathological: a 5,000-letter word" "$BIG" "$tmp/w.pdf" "$exe" "$tmp/longword.yaml" -o "$tmp/w.pdf"
row "pathological: nested markup" "$BIG" "$tmp/n.pdf" "$exe" "$tmp/nested.yaml" -o "$tmp/n.pdf"
row "pathological: 100,000 words" "$BIG" "$tmp/t.pdf" "$exe" "$tmp/words100000.yaml" -o "$tmp/t.pdf"
row "photo: 4000 x 4000 RGBA PNG" "$BIG" "$tmp/ph.pdf" "$exe" "$tmp/photo.yaml" -o "$tmp/ph.pdf"

# The speed target (issue 7): the flagship against the libharu baseline,
# and the flagship untagged (what tagging costs), run alternately, so that
# whatever the machine does meanwhile (clock changes, other load) hits all
# alike (10 x RUNS rounds: the machine is shared, and its speed drifts);
# each run is one warm-up and one timed run of bench/bench.c. Target: at most half the baseline's median.
if [ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; then
    rounds=$(( RUNS * 10 ))
    for _ in $(seq "$rounds"); do
        "$tmp/bench" 1 "$tmp/baseline_libharu" "$tmp/baseline.pdf" | awk '{print "baseline", $2}'
        "$tmp/bench" 1 "$exe" examples/academic.yaml -o "$tmp/academic.pdf" |
            awk '{print "academic", $2}'
        "$tmp/bench" 1 "$exe" examples/academic.yaml --no-pdf-tags -o "$tmp/untagged.pdf" |
            awk '{print "untagged", $2}'
    done > "$tmp/pairs"
    med() { grep "^$1 " "$tmp/pairs" | awk '{print $2}' | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
    b=$(med baseline)
    r=$(med academic)
    u=$(med untagged)
    echo
    awk -v b="$b" -v r="$r" -v n="$rounds" 'BEGIN {
        printf "Interleaved, %d rounds: baseline %.2f ms, academic CV %.2f ms: %.2f of the baseline (target: at most 0.50)\n", n, b, r, r / b }'
    # What the tags cost (issue 13): time in the same rounds, size of the two files.
    awk -v r="$r" -v u="$u" -v st="$(stat -c %s "$tmp/academic.pdf")" -v su="$(stat -c %s "$tmp/untagged.pdf")" 'BEGIN {
        printf "Tagging: %.2f ms tagged, %.2f ms untagged: %+.1f%% time (target: at most +10%%); %.1f KB, %.1f KB: %+.1f%% size (target: at most +20%%)\n",
               r, u, (r / u - 1) * 100, st / 1024, su / 1024, (st / su - 1) * 100 }'
fi
