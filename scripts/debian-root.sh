# Shared by check-deb.sh and build-deb-arm64.sh (source it): making a clean Debian 12 root.

# The first Debian bookworm mirror in this machine's apt sources (deb822 or one-line format).
# Read at run time so no mirror host is written in the repository.
debian_mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    awk 'BEGIN{RS=""}
         /Types:[^\n]*deb/ && /Suites:[^\n]*bookworm([ \n]|$)/ && !/Enabled: *no/ {
           if (match($0, /URIs: *[^ \n]+/)) { s=substr($0, RSTART, RLENGTH); sub(/URIs: */, "", s); print s; exit } }' "$f"
  done
  grep -hsE '^\s*deb\s+(\[[^]]*\]\s+)?\S+\s+bookworm\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
    | sed -E 's/^\s*deb\s+(\[[^]]*\]\s+)?(\S+).*/\2/' || true
}

# debian_root DIR ARCH LOG: debootstrap a minbase bookworm root in DIR and give it this
# machine's Debian apt sources (bookworm, -updates, -security), so versions match the host's.
debian_root() {
  local dir=$1 arch=$2 log=$3 url f dest
  url=$(debian_mirror | head -n 1)
  [[ -n $url ]] || { echo "no Debian bookworm source in /etc/apt/sources.list{,.d}" >&2; return 1; }
  timeout 900 debootstrap --variant=minbase --arch="$arch" bookworm "$dir" "$url" >"$log" 2>&1 \
    || { tail -20 "$log" >&2; echo "debootstrap failed (log: $log)" >&2; return 1; }
  rm -f "$dir/etc/apt/sources.list"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] && grep -qi debian "$f" || continue
    if [[ $f == */sources.list ]]; then dest=sources.list; else dest=sources.list.d/$(basename "$f"); fi
    cp "$f" "$dir/etc/apt/$dest"
  done
  cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
}

# in_root DIR CMD...: run a command in the root with a clean environment.
in_root() {
  local dir=$1
  shift
  chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}
