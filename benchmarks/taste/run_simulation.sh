#!/usr/bin/env bash
# The taste simulation on the REAL pipeline: make-demo-library -> scan -> analyze -> simulate.
#   benchmarks/taste/run_simulation.sh [BUILD_DIR] [TRACKS] [SEED] [taste-simulation options...]
# Everything generated lives in a temporary folder (about 0.2 MB per track) that is removed at
# the end. Prints the simulation's tables (docs/taste.md shows them).
set -euo pipefail
build=${1:-build/release}
tracks=${2:-400}
seed=${3:-7}
shift $(( $# < 3 ? $# : 3 ))
cli="$build/app/bytewave-cli"
sim="$build/benchmarks/taste/taste-simulation"
for f in "$cli" "$sim"; do
  [[ -x "$f" ]] || { echo "run_simulation.sh: $f is missing; build first" >&2; exit 66; }
done
work=$(mktemp -d /tmp/bytewave-tastesim.XXXXXX)
trap 'rm -rf "$work"' EXIT
db="$work/library.db"
# Mono Ogg/MP3, 24 s a track: enough for tempo, timbre and loudness, small on disk.
"$cli" make-demo-library "$work/library" --tracks "$tracks" --seed "$seed" --duration 24 \
  --formats ogg,mp3 --mono --jobs 2 >&2
"$cli" scan "$work/library" --db "$db" >&2
"$cli" analyze --db "$db" --jobs 2 >&2
"$cli" stats --db "$db" >&2
"$sim" --manifest "$work/library/manifest.json" --db "$db" --seed "$seed" "$@"
