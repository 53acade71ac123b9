#!/usr/bin/env bash
# Set up, build with -Werror + AddressSanitizer + UBSan, and run the whole CTest suite.
# Works with no display and no sound card: QML tests render offscreen, and a private PulseAudio
# with a null sink gives Qt Multimedia a real output device.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --test

build="${BYTEWAVE_TEST_BUILD:-$root/build/test}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBYTEWAVE_WERROR=ON -DBYTEWAVE_SANITIZE=ON -DBYTEWAVE_BUILD_TESTS=ON \
  -DBYTEWAVE_BUILD_BENCHMARKS=ON
cmake --build "$build" -j "$(nproc)"

runtime=$(mktemp -d /tmp/bytewave-test-runtime.XXXXXX)
cleanup() {
  if [[ -n "${pulse_started:-}" ]]; then
    XDG_RUNTIME_DIR="$runtime" pactl exit >/dev/null 2>&1 || true
  fi
  rm -rf "$runtime"
}
trap cleanup EXIT
export XDG_RUNTIME_DIR="$runtime"
chmod 700 "$runtime"
# A private sound server that plays into a null sink, so playback tests run in real time.
if pulseaudio --daemonize=yes --exit-idle-time=-1 --disallow-exit=no --system=false \
     -n --load="module-null-sink sink_name=bytewave_null" \
     --load="module-native-protocol-unix" >/dev/null 2>&1; then
  pulse_started=1
  for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
  pactl set-default-sink bytewave_null >/dev/null 2>&1 || true
else
  echo "warning: could not start PulseAudio; the real-playback tests will fail" >&2
fi
export BYTEWAVE_REQUIRE_AUDIO=1

export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
cd "$build"
ctest --output-on-failure -j "$(nproc)" --timeout 600
