#!/usr/bin/env bash
# Set up, build (Release) and run ByteWave. Arguments go to the app, e.g.
#   scripts/run.sh --library ~/Music --db /tmp/bytewave.db
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"

build="$root/build/release"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DBYTEWAVE_BUILD_TESTS=OFF -DBYTEWAVE_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" --target bytewave bytewave-cli

if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]]; then
  cat >&2 <<MSG
ByteWave is built, but there is no display to show it on (neither DISPLAY nor WAYLAND_DISPLAY
is set). You can:
  - run it on a virtual screen:    QT_QPA_PLATFORM=offscreen $build/app/bytewave $*
  - use the command-line twin:     $build/app/bytewave-cli --help
  - on a Raspberry Pi touchscreen: QT_QPA_PLATFORM=eglfs $build/app/bytewave $*
MSG
  exit 2
fi
exec "$build/app/bytewave" "$@"
