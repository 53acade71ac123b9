#!/usr/bin/env bash
# Installs the Debian 12 packages ByteWave needs, idempotently (quick when all are present).
#   scripts/setup.sh            build + runtime packages
#   scripts/setup.sh --test     ... plus what the test suite needs (Xvfb, PulseAudio, ffmpeg, sox)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# What the installed player needs at run time (shared with the .deb's Depends).
mapfile -t RUNTIME_PACKAGES < <(grep -vE '^\s*(#|$)' "$root/deploy/runtime-packages.txt")
BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-declarative-dev qt6-multimedia-dev
  libtag1-dev libfftw3-dev libavformat-dev libavcodec-dev libswresample-dev libavutil-dev
  libeigen3-dev
)
TEST_PACKAGES=(
  qml6-module-qttest libbenchmark-dev libgtest-dev
  xvfb xauth pulseaudio pulseaudio-utils ffmpeg sox
  debootstrap dpkg-dev file
)

packages=("${RUNTIME_PACKAGES[@]}" "${BUILD_PACKAGES[@]}")
if [[ "${1:-}" == "--test" ]]; then
  packages+=("${TEST_PACKAGES[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "ByteWave needs these Debian packages: ${missing[*]}" >&2
    echo "Run this script as root (or: sudo apt-get install ${missing[*]})." >&2
    exit 1
  fi
  echo "Installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
