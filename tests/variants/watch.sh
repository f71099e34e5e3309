#!/bin/sh
# --watch, bounded: rescomp builds, then rebuilds after each of two changes
# (a save by rename, then a touch), and stops (RESCOMP_WATCH_LIMIT=2). The
# driver makes each change only after the previous build's line, so the
# test needs no sleeps; a timeout on the test catches a missed change.
#   watch.sh EXE WORKDIR INPUT
set -eu
exe=$1 dir=$2 input=$3
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
cp "$input" cv.yaml
status=0
{ RESCOMP_WATCH_LIMIT=2 "$exe" --watch cv.yaml --trace 2>&1 || echo "exit $?"; } | {
    n=0
    while IFS= read -r line; do
        printf '%s\n' "$line" >> log.txt
        case $line in
        rescomp:*" built in "*|rescomp:*" failed "*)
            n=$((n + 1))
            if [ "$n" = 1 ]; then
                sed 's/Base Headline/Second Headline/' cv.yaml > cv.new
                mv cv.new cv.yaml
            elif [ "$n" = 2 ]; then
                touch cv.yaml
            fi
            ;;
        esac
    done
}
cat log.txt
builds=$(grep -c '^rescomp: [0-9][0-9]:[0-9][0-9]:[0-9][0-9] .*built in [0-9]* ms$' log.txt || true)
changed=$(grep -c '^rescomp: [0-9:]* cv.yaml changed; built in [0-9]* ms$' log.txt || true)
[ "$builds" = 3 ] || { echo "expected 3 builds, saw $builds"; exit 1; }
[ "$changed" = 2 ] || { echo "expected 2 rebuilds after a change, saw $changed"; exit 1; }
grep -q '"Second Headline"' log.txt || { echo "the rebuild did not see the change"; exit 1; }
if grep -q '^exit ' log.txt; then echo "rescomp failed"; exit 1; fi
echo "watch: ok"
