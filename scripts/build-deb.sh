#!/usr/bin/env bash
# Builds the ByteWave .deb for this machine's architecture into build/deb/ and prints its path.
#   scripts/build-deb.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${1:-$root/build/deb}"
"$root/scripts/setup.sh" >&2

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DBYTEWAVE_BUILD_TESTS=OFF -DBYTEWAVE_BUILD_BENCHMARKS=OFF >&2
cmake --build "$build" -j "$(nproc)" >&2
(cd "$build" && cpack -G DEB >&2)
ls -t "$build"/bytewave_*.deb | head -n 1
