#!/usr/bin/env bash
# Build rescomp and run the whole test suite with CTest.
#   BUILD_TYPE=Asan ./scripts/test.sh   runs it under ASan + UBSan
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_TYPE=${BUILD_TYPE:-Release}
BUILD_DIR=${BUILD_DIR:-build}
# pdf.js and PDFium, for the text-extraction tests, pinned by the lock file
if [ ! -d tests/extract/node_modules ] || [ tests/extract/package-lock.json -nt tests/extract/node_modules ]; then
  npm ci --prefix tests/extract --no-audit --no-fund
fi
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
# libhyphen 2.8.8 leaks a little per dictionary it loads (not ours to fix):
# LeakSanitizer is told so; every other leak still fails the run.
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
cd "$BUILD_DIR"
ctest --output-on-failure -j"$(nproc)"
