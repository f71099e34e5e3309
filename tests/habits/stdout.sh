#!/bin/sh
# -o - writes the output to standard output: byte for byte what -o FILE
# writes (for a PDF, one that pdfinfo and qpdf read), and no file named "-"
# nor any other file is left in the folder.
#   stdout.sh EXE WORKDIR SOURCE_DIR FORMAT
set -eu
exe=$1 dir=$2 src=$3 fmt=$4
rm -rf "$dir"
mkdir -p "$dir/run"
cd "$dir"
cp "$src/examples/academic.yaml" cv.yaml
fail() { echo "stdout: $*"; exit 1; }
if [ "$fmt" = pdf ]; then
    # the default format: no --format needed
    (cd run && "$exe" ../cv.yaml -o -) > out.$fmt 2> err.txt || fail "exit $?: $(cat err.txt)"
else
    (cd run && "$exe" ../cv.yaml --format "$fmt" -o -) > out.$fmt 2> err.txt ||
        fail "exit $?: $(cat err.txt)"
fi
[ ! -s err.txt ] || fail "stderr: $(cat err.txt)"
[ -z "$(ls -A run)" ] || fail "files left in the folder: $(ls -A run)"
"$exe" cv.yaml -o file.$fmt
cmp out.$fmt file.$fmt || fail "-o - and -o file.$fmt differ"
case $fmt in
pdf)
    pdfinfo out.pdf | grep -q '^Pages: *3$' || fail "pdfinfo: $(pdfinfo out.pdf 2>&1)"
    if command -v qpdf >/dev/null; then qpdf --check out.pdf >/dev/null || fail "qpdf --check"; fi
    ;;
txt) grep -q '^Wei Xiong$' out.txt || fail "not the CV's text" ;;
md) grep -q '^# Wei Xiong$' out.md || fail "not the CV's Markdown" ;;
esac
# a failure writes nothing on standard output
printf 'cv:\n  name: [\n' > bad.yaml
if "$exe" bad.yaml --format "$fmt" -o - > bad.out 2> /dev/null; then fail "a bad CV succeeded"; fi
[ ! -s bad.out ] || fail "a failed run wrote on standard output"
echo "stdout $fmt: ok"
