#!/bin/sh
# --width N sets plain text N columns wide (a line is wider only for one
# unbreakable word: an address); --width 0 sets a paragraph a line, with
# every word of the 80-column text, and the date column
# after its line. Widths are counted in characters (UTF-8), by Python.
#   width.sh EXE WORKDIR SOURCE_DIR CV
set -eu
exe=$1 dir=$2 src=$3 cv=$4
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
fail() { echo "width: $*"; exit 1; }
"$exe" "$cv" -o w80.txt
"$exe" "$cv" --format txt --width 80 -o - > w80b.txt
cmp w80.txt w80b.txt || fail "--width 80 is not the default"
for w in 40 60 100; do
    "$exe" "$cv" -o "w$w.txt" --width "$w"
done
"$exe" "$cv" -o w0.txt --width 0
python3 - <<'PY' || exit 1
import sys
def lines(f):
    return open(f, encoding='utf-8').read().split('\n')
bad = 0
for w in (40, 60, 80, 100):
    ls = lines('w%d.txt' % w)
    longest = max(len(l) for l in ls)
    for l in ls:
        if len(l) > w and '://' not in l:
            print('w%d.txt: %d columns: %r' % (w, len(l), l)); bad = 1
    if w < 100 and longest < w - 10:
        print('w%d.txt: its longest line has only %d columns' % (w, longest)); bad = 1
w0, w80 = lines('w0.txt'), lines('w80.txt')
# no hard wrapping: fewer, longer lines; a paragraph is one line
if len(w0) >= len(w80) or max(map(len, w0)) <= 200:
    print('w0.txt is wrapped: %d lines, the longest %d' % (len(w0), max(map(len, w0)))); bad = 1
if not any(l.startswith('My research interests focus on') and l.endswith('recently.') for l in w0):
    print('w0.txt: the first paragraph is not one line'); bad = 1
# the date column follows its line after two spaces
if not any(l.endswith('Urbana-Champaign  Urbana, USA') for l in w0):
    print('w0.txt: no date column after its line'); bad = 1
# every word, each as often (the date column stands beside another line)
from collections import Counter
for w in (0, 40, 60, 100):
    if Counter(open('w%d.txt' % w, encoding='utf-8').read().split()) != \
       Counter(open('w80.txt', encoding='utf-8').read().split()):
        print('w%d.txt and w80.txt do not have the same words' % w); bad = 1
sys.exit(bad)
PY
echo "width: ok"
