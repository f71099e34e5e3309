#!/usr/bin/env bash
# Benchmark --all-variants: a CV with 100 variants (generated here, in a
# temporary folder, from examples/variants.yaml), compiled with -j 1 and
# with -j 2, median of RUNS runs each (bench/bench.c's driver); prints the
# speed-up of -j 2.
#   bench/variants.sh [RUNS]        (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 bench/bench.c -o "$tmp/bench"
exe="$BUILD_DIR/rescomp"

# The example's CV (without its own variants), then 100 variants that each
# keep other tags, order the sections differently and change the headline.
cv="$tmp/cv100.yaml"
sed '/^variants:/,$d' examples/variants.yaml > "$cv"
tags=(industry academic acme systems teaching)
orders=("[summary, experience, skills, education]" "[education, publications, experience]"
        "[experience, education, skills]" "[summary, experience, publications, teaching, skills]")
{
    echo "variants:"
    for i in $(seq -w 1 100); do
        n=$((10#$i))
        echo "  v$i:"
        echo "    include_tags: [${tags[$((n % 5))]}, ${tags[$(((n + 2) % 5))]}]"
        echo "    sections: ${orders[$((n % 4))]}"
        echo "    set:"
        echo "      cv.headline: Variant number $n"
    done
} >> "$cv"
"$exe" "$cv" --check --strict
[ "$("$exe" "$cv" --list-variants | wc -l)" = 100 ] || { echo "expected 100 variants" >&2; exit 1; }

echo "rescomp $("$exe" --version | cut -d' ' -f2), $(nproc) cores, 100 variants, $RUNS runs each"
printf '%-28s ' "--all-variants -j 1"
j1=$("$tmp/bench" "$RUNS" "$exe" "$cv" --all-variants -o "$tmp/out1" -j 1)
echo "$j1"
printf '%-28s ' "--all-variants -j 2"
j2=$("$tmp/bench" "$RUNS" "$exe" "$cv" --all-variants -o "$tmp/out2" -j 2)
echo "$j2"
[ "$(ls "$tmp/out2" | wc -l)" = 100 ] || { echo "expected 100 PDFs" >&2; exit 1; }
m1=$(echo "$j1" | awk '{print $2}')
m2=$(echo "$j2" | awk '{print $2}')
awk -v a="$m1" -v b="$m2" 'BEGIN { printf "speed-up of -j 2: %.2fx (%.1f ms per variant with -j 1)\n", a / b, a / 100 }'
