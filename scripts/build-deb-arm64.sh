#!/usr/bin/env bash
# Builds the arm64 .deb for the Raspberry Pi 4B on an amd64 Debian 12 machine, by Debian
# multiarch cross-compilation inside a build root made with debootstrap (the host's own
# packages are left alone). The root is kept for the next run.
#   scripts/build-deb-arm64.sh [OUTPUT_DIR]       (default: build/arm64)
# Needs root and debootstrap; the mirror comes from this machine's apt sources.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/debian-root.sh"
out=$(realpath -m "${1:-$root/build/arm64}")
broot=${BYTEWAVE_ARM64_ROOT:-/var/tmp/bytewave-arm64-root}

[[ $(id -u) -eq 0 ]] || { echo "build-deb-arm64: run as root" >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y -q debootstrap
start=$(date +%s)

if [[ ! -f $broot/.bytewave-ready ]]; then
  rm -rf "$broot"
  mkdir -p "$broot"
  echo "build-deb-arm64: making the build root in $broot"
  debian_root "$broot" amd64 /tmp/bytewave-arm64-debootstrap.log
  in_root "$broot" dpkg --add-architecture arm64
  in_root "$broot" apt-get update -q
  # libqt6sql6-sqlite only for the smoke run below.
  arm=(qt6-base-dev qt6-declarative-dev qt6-multimedia-dev libtag1-dev libfftw3-dev
       libavformat-dev libavcodec-dev libswresample-dev libavutil-dev libqt6sql6-sqlite)
  in_root "$broot" apt-get install -y -q --no-install-recommends \
    build-essential crossbuild-essential-arm64 cmake ninja-build pkg-config dpkg-dev file \
    libeigen3-dev qt6-base-dev qt6-declarative-dev qt6-base-dev-tools qt6-declarative-dev-tools \
    qt6-multimedia-dev "${arm[@]/%/:arm64}"
  touch "$broot/.bytewave-ready"
fi

mkdir -p "$broot/src" "$out"
mountpoint -q "$broot/src" || mount --bind -o ro "$root" "$broot/src" 2>/dev/null \
  || { rm -rf "$broot/src"; mkdir -p "$broot/src"; cp -a "$root/." "$broot/src/"; rm -rf "$broot/src/build"; }
trap 'umount -l "$broot/src" 2>/dev/null || true' EXIT

in_root "$broot" cmake -S /src -B /build-arm64 -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_TOOLCHAIN_FILE=/src/cmake/toolchain-aarch64-linux-gnu.cmake \
  -DBYTEWAVE_BUILD_TESTS=OFF -DBYTEWAVE_BUILD_BENCHMARKS=OFF
in_root "$broot" cmake --build /build-arm64 -j "$(nproc)"
in_root "$broot" sh -c 'cd /build-arm64 && cpack -G DEB -D CPACK_DEBIAN_PACKAGE_ARCHITECTURE=arm64'
deb=$(ls -t "$broot"/build-arm64/bytewave_*_arm64.deb | head -n 1)
cp "$deb" "$out/"
file "$broot/build-arm64/app/bytewave" | sed 's/^/build-deb-arm64: /'
echo "build-deb-arm64: $out/$(basename "$deb") ($(du -h "$deb" | cut -f1)) in $(( $(date +%s) - start )) s"

# With qemu-user-static on the host, run the arm64 CLI once under emulation: version, a
# one-track demo library, scan, analyse. Emulation is slow (about 10x); the numbers are not the Pi's.
if command -v qemu-aarch64-static >/dev/null; then
  cp "$(command -v qemu-aarch64-static)" "$broot/usr/bin/"
  in_root "$broot" sh -ec 'cli="qemu-aarch64-static /build-arm64/app/bytewave-cli"
    rm -rf /tmp/smoke; mkdir /tmp/smoke
    $cli --version
    $cli make-demo-library /tmp/smoke/music --tracks 1 --duration 10
    $cli scan --db /tmp/smoke/db /tmp/smoke/music
    $cli analyze --db /tmp/smoke/db
    $cli queue --db /tmp/smoke/db -n 1' | sed 's/^/build-deb-arm64: smoke: /'
else
  echo "build-deb-arm64: install qemu-user-static to also run the arm64 CLI once under emulation"
fi
