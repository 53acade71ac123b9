#!/usr/bin/env bash
# Checks the .deb for real: builds it, installs it with apt into a clean Debian 12 root made by
# debootstrap, and there runs bytewave-cli --version, a scan and analysis of a generated library,
# and an offscreen start of the installed app.
#
# The mirror is read at run time from this machine's own apt sources (no host is written here);
# the root gets the same suites (bookworm, -updates, -security) so the versions the .deb was
# built against are installable.  Needs root and debootstrap. Exit 77 = skipped.
#   scripts/check-deb.sh [DEB]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

skip() { echo "check-deb: SKIPPED: $*" >&2; exit 77; }
[[ $(id -u) -eq 0 ]] || skip "needs root (debootstrap and chroot)"
command -v debootstrap >/dev/null || skip "debootstrap is not installed"

source "$root/scripts/debian-root.sh"
[[ -n $(debian_mirror) ]] || skip "no Debian bookworm source in /etc/apt/sources.list{,.d}"

deb="${1:-}"
if [[ -z $deb ]]; then
  deb=$("$root/scripts/build-deb.sh" ${BYTEWAVE_DEB_BUILD:+"$BYTEWAVE_DEB_BUILD"})
fi
[[ -f $deb ]] || { echo "check-deb: no package at '$deb'" >&2; exit 1; }
echo "check-deb: package $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ */  depends: /'

work=$(mktemp -d /tmp/bytewave-debcheck.XXXXXX)
chroot_dir="$work/root"
cleanup() {
  for m in proc dev; do umount -l "$chroot_dir/$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "check-deb: debootstrap bookworm (minbase) from the machine's apt mirror"
debian_root "$chroot_dir" "$(dpkg --print-architecture)" "$work/debootstrap.log"
mount -t proc proc "$chroot_dir/proc" 2>/dev/null || true
mount --bind /dev "$chroot_dir/dev" 2>/dev/null || true

cp "$deb" "$chroot_dir/tmp/bytewave.deb"
echo "check-deb: apt install ./bytewave.deb"
in_root "$chroot_dir" apt-get update -q >"$work/apt.log" 2>&1
in_root "$chroot_dir" apt-get install -y -q --no-install-recommends /tmp/bytewave.deb \
  >>"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log" >&2; echo "check-deb: apt install failed" >&2; exit 1; }

echo "check-deb: bytewave-cli --version"
in_root "$chroot_dir" bytewave-cli --version
echo "check-deb: generate, scan and analyse a small library"
in_root "$chroot_dir" bytewave-cli make-demo-library /tmp/music --tracks 6 --duration 8 --seed 7
in_root "$chroot_dir" bytewave-cli scan /tmp/music --db /tmp/check.db
in_root "$chroot_dir" bytewave-cli analyze --db /tmp/check.db
stats=$(in_root "$chroot_dir" bytewave-cli stats --db /tmp/check.db --json)
echo "  $stats"
grep -q '"tracks":6' <<<"$stats" || { echo "check-deb: expected 6 tracks" >&2; exit 1; }
grep -q '"analysed":6' <<<"$stats" || { echo "check-deb: expected 6 analysed tracks" >&2; exit 1; }

echo "check-deb: offscreen start of the installed app"
set +e
in_root "$chroot_dir" /usr/bin/env QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp timeout 10 \
  bytewave --library /tmp/music --db /tmp/check.db >"$work/app.log" 2>&1
rc=$?
set -e
if [[ $rc -ne 124 ]]; then
  cat "$work/app.log" >&2
  echo "check-deb: the app exited with $rc within 10 s (expected it to keep running)" >&2
  exit 1
fi
echo "check-deb: PASSED in ${SECONDS} s"
