#!/bin/sh
# examples/ci: the Makefile builds the CV and every variant, is up to date
# after that (thanks to --depfile), rebuilds after a change, and checks;
# the pre-commit hook passes a good CV and stops a CV with a warning.
#   ci_example.sh EXE WORKDIR SOURCE_DIR
set -eu
exe=$1 dir=$2 src=$3
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
cp "$src/examples/variants.yaml" cv.yaml
mk() { make -s -f "$src/examples/ci/Makefile" RESCOMP="$exe" "$@"; }
mk
for f in cv cv-industry cv-academic cv-acme; do
    [ -s "out/$f.pdf" ] || { echo "out/$f.pdf was not made"; exit 1; }
    grep -q '^out/'"$f"'\.pdf: ' "out/$f.pdf.d" || { echo "no rule in out/$f.pdf.d"; exit 1; }
done
mk -q || { echo "not up to date after a build"; exit 1; }
sleep 1 # make compares modification times in seconds on some file systems
touch cv.yaml
if mk -q; then echo "a changed CV did not make the PDFs out of date"; exit 1; fi
mk
mk -q || { echo "not up to date after the rebuild"; exit 1; }
mk check

CV_FILES=cv.yaml RESCOMP="$exe" sh "$src/examples/ci/pre-commit" ||
    { echo "the pre-commit hook refused a good CV"; exit 1; }
printf 'cv:\n  name: X\ndesign:\n  no_such_option: 1\n' > bad.yaml
if CV_FILES=bad.yaml RESCOMP="$exe" sh "$src/examples/ci/pre-commit" 2> hook.err; then
    echo "the pre-commit hook let a CV with a warning through"; exit 1
fi
grep -q "bad.yaml:4:[0-9]*: warning" hook.err || { cat hook.err; exit 1; }
echo "ci example: ok"
