#!/bin/sh
# Fuzz one harness for a while with libFuzzer.
#
#   fuzz/run.sh HARNESS [SECONDS] [extra libFuzzer options...]
#
# HARNESS is load, markup, pipeline, bibtex, pdf or image; SECONDS defaults to 600. Builds
# build-fuzz (CC=clang, -DRESCOMP_FUZZ=ON) when it is missing. New inputs
# go to build-fuzz/fuzz-work/HARNESS, crashes to build-fuzz/fuzz-work/; the
# committed corpus fuzz/corpus/HARNESS is read, never written. Afterwards,
# add every crash that was fixed to fuzz/corpus/HARNESS/ as regress-<what>
# (so that fuzz_replay_HARNESS keeps checking it) and note the run in
# fuzz/README.md.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
h=${1:?usage: fuzz/run.sh load|markup|pipeline|bibtex|pdf|image [SECONDS] [libFuzzer options]}
secs=${2:-600}
[ $# -ge 2 ] && shift 2 || shift $#
build=${BUILD_DIR:-$root/build-fuzz}
if [ ! -x "$build/fuzz/fuzz_$h" ]; then
  CC=clang cmake -S "$root" -B "$build" -DRESCOMP_FUZZ=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" --target "fuzz_$h"
fi
# fuzz_pdf's input is a binary program (fuzz_pdf.c), fuzz_image's a PNG or
# JPEG file: no dictionary.
case $h in
  markup) dict=markup.dict ;;
  bibtex) dict=bibtex.dict ;;
  pdf|image) dict= ;;
  *) dict=yaml.dict ;;
esac
work=$build/fuzz-work
mkdir -p "$work/$h"
export RESCOMP_FONT_DIR=${RESCOMP_FONT_DIR:-$root/fonts}
export LSAN_OPTIONS=suppressions=$root/fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}
# Loading a large pattern file takes libhyphen seconds (hyph_de_DE.dic: 3 s
# of a release build), which would make a CV in German an input a second or
# more: the pipeline gets the first 300 lines of each, the same format and
# charsets in miniature. (The replay test uses the real ones.)
if [ "$h" = pipeline ] && [ -z "${RESCOMP_HYPHEN_DIR:-}" ] && [ -d /usr/share/hyphen ]; then
  mkdir -p "$work/hyphen"
  for f in /usr/share/hyphen/hyph_*.dic; do head -n 300 "$f" > "$work/hyphen/${f##*/}"; done
  export RESCOMP_HYPHEN_DIR=$work/hyphen
fi
cd "$work"
exec "$build/fuzz/fuzz_$h" ${dict:+-dict="$root/fuzz/$dict"} -max_total_time="$secs" \
  -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/$h-" \
  "$@" "$work/$h" "$root/fuzz/corpus/$h"
