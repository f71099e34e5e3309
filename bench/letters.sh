#!/usr/bin/env bash
# Benchmark an application set: examples/applications.yaml with 100
# variants that each carry a cover letter (generated here, in a temporary
# folder), built with --all-variants -j 2: 100 CVs and 100 letters. Median
# of RUNS runs (bench/bench.c's driver); the target (issue 16) is under 1 s.
#   bench/letters.sh [RUNS]        (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j2 >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "$tmp"
cc -O2 bench/bench.c -o "$tmp/bench"
exe="$BUILD_DIR/rescomp"

# The example's CV and shared letter (without its variants), then 100
# variants, each with a letter of its own: recipient, subject, salutation
# and a body of three paragraphs; every fourth one in another theme.
cv="$tmp/apps100.yaml"
cp examples/signature.png "$tmp/"
sed '/^variants:/,$d' examples/applications.yaml > "$cv"
themes=(classic sb2nov moderncv engineeringresumes)
{
    echo "variants:"
    for i in $(seq -w 1 100); do
        n=$((10#$i))
        cat <<VARIANT
  v$i:
    exclude_tags: [$([ $((n % 2)) = 0 ] && echo search || echo systems)]
    design:
      theme: ${themes[$((n % 4))]}
    letter:
      recipient: [Hiring Manager, Company number $n Ltd, $n Main Street, Springfield]
      subject: Application for the post of Engineer (ref. $n)
      salutation: Dear Hiring Manager,
      body: |
        I am writing to apply for the post of **Engineer** at Company number $n.
        For five years I have made large models cheap to serve, first as a
        researcher and now as the engineer who leads inference at Northwind.

        I led the team of six that moved our ranking models from CPUs to GPUs,
        which cut the cost of serving by 58% at equal latency, and I wrote the
        quantised attention kernels that every production model now uses.

        I would welcome the chance to discuss the role with you.
VARIANT
    done
} >> "$cv"
"$exe" "$cv" --check --strict
[ "$("$exe" "$cv" --list-variants | wc -l)" = 100 ] || { echo "expected 100 variants" >&2; exit 1; }

echo "rescomp $("$exe" --version | cut -d' ' -f2), $(nproc) cores, 100 variants with letters, $RUNS runs"
printf '%-34s ' "--all-variants -j 2 (200 PDFs)"
j2=$("$tmp/bench" "$RUNS" "$exe" "$cv" --all-variants -o "$tmp/out" -j 2)
echo "$j2"
[ "$(ls "$tmp/out" | grep -c -- '-letter\.pdf$')" = 100 ] || { echo "expected 100 letters" >&2; exit 1; }
[ "$(ls "$tmp/out" | wc -l)" = 200 ] || { echo "expected 200 PDFs" >&2; exit 1; }
printf '%-34s ' "the same without letters (100 PDFs)"
cv0="$tmp/apps100-no-letters.yaml"
sed -e '/^    letter:/,/^  v[0-9]/{/^  v[0-9]/!d}' -e '/^letter:/,/^variants:/{/^variants:/!d}' \
    "$cv" > "$cv0"
"$tmp/bench" "$RUNS" "$exe" "$cv0" --all-variants -o "$tmp/out0" -j 2
