#!/bin/sh
# examples/ci with an application set (examples/applications.yaml): the
# Makefile builds each variant's CV and its letter beside it, knows the
# signature as a prerequisite (a changed signature makes the letters out of
# date), checks the letters, and `make applications` builds the set in one run.
#   ci_applications.sh EXE WORKDIR SOURCE_DIR
set -eu
exe=$1 dir=$2 src=$3
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
cp "$src/examples/applications.yaml" cv.yaml
cp "$src/examples/signature.png" .
mk() { make -s -f "$src/examples/ci/Makefile" RESCOMP="$exe" "$@"; }
mk
for v in acme globex; do
    for f in "cv-$v" "cv-$v-letter"; do
        [ -s "out/$f.pdf" ] || { echo "out/$f.pdf was not made"; exit 1; }
    done
    tr -d '\\\n' < "out/cv-$v.pdf.d" | grep -q "^out/cv-$v\.pdf *out/cv-$v-letter\.pdf: " ||
        { echo "the rule of cv-$v does not name its letter"; cat "out/cv-$v.pdf.d"; exit 1; }
    grep -q "signature\.png" "out/cv-$v.pdf.d" || { echo "no signature in out/cv-$v.pdf.d"; exit 1; }
done
mk -q || { echo "not up to date after a build"; exit 1; }
sleep 1 # make compares modification times in seconds on some file systems
touch signature.png
if mk -q; then echo "a changed signature did not make the letters out of date"; exit 1; fi
mk
mk -q || { echo "not up to date after the rebuild"; exit 1; }
mk check
rm -rf out
mk applications JOBS=2
ls out | sort > got
printf '%s\n' cv-acme-letter.pdf cv-acme.pdf cv-globex-letter.pdf cv-globex.pdf > want
cmp -s got want || { echo "make applications made:"; cat got; exit 1; }
echo "ci applications: ok"
