#!/usr/bin/env bash
# Install the Debian packages rescomp's build and tests need, build it, and
# render the flagship example to examples/academic.pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(cat .ci/build-packages .ci/packages)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
./build/rescomp examples/academic.yaml -o examples/academic.pdf
echo "wrote examples/academic.pdf"
echo "to put rescomp on your PATH: sudo cmake --install build (or --prefix ~/.local)"
