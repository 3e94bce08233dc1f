#!/usr/bin/env bash
# Khabar's throughput benchmark on the SaudiNewsNet week (11k Arabic articles).
#
#   scripts/bench.sh [DATA_FILE]
#
# Builds khabar-bench (release), then runs
#   khabar-bench clean --runs $RUNS FILE   read only / clean only / read+clean (jobs 1 and all cores),
#                                          median of RUNS runs, articles/s and MB/s
#   khabar-bench text FILE                 KhabarText hot paths, MB/s
# and prints both Markdown tables on standard output (progress goes to standard error).
# DATA_FILE defaults to ../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz relative to
# the repository root; it is read compressed (InputReader unpacks .xz in memory), so nothing
# decompressed is written anywhere.
#
# Environment:
#   RUNS     runs per stage for `clean` (default 5; the median counts)
#   JOBS     Pipeline job counts for the read+clean rows, e.g. "1" or "1,2" (default: 1 and all cores)
#   SCRATCH  SwiftPM scratch path for the release build (default .build)
#   SKIP_TEXT=1  run only `clean`
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$repo/../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz}"
scratch="${SCRATCH:-$repo/.build}"
runs="${RUNS:-5}"

if [ ! -f "$data" ]; then
    echo "bench.sh: the SaudiNewsNet file is missing: $data" >&2
    echo "  expected ../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz next to the repository," >&2
    echo "  or pass the path of a .jsonl / .jsonl.xz file as the first argument." >&2
    exit 2
fi

data="$(cd "$(dirname "$data")" && pwd)/$(basename "$data")"

echo "building khabar-bench (release)…" >&2
(cd "$repo" && swift build -c release --scratch-path "$scratch" --product khabar-bench >&2)
bin="$(cd "$repo" && swift build -c release --scratch-path "$scratch" --show-bin-path)/khabar-bench"

jobs=()
[ -n "${JOBS:-}" ] && jobs=(--jobs "$JOBS")

"$bin" clean --runs "$runs" "${jobs[@]}" "$data"
if [ "${SKIP_TEXT:-0}" != 1 ]; then
    echo
    "$bin" text "$data"
fi
