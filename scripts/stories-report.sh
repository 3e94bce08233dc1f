#!/usr/bin/env bash
# Issue 3's SaudiNewsNet report: duplicate groups, multi-outlet stories, and a seeded random sample
# of 10 duplicate pairs and 5 multi-outlet stories to judge precision by eye.
#
#   scripts/stories-report.sh [DATA_FILE] [--seed N] [--pairs N]
#
# DATA_FILE defaults to ../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz next to the
# repository. Runs `khabar cluster` (release build) on it, then bench/stories-report/report.py.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$repo/../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then data="$1"; shift; fi
say() { echo "stories-report: $*" >&2; }
[ -f "$data" ] || { say "missing $data"; exit 2; }
source "$repo/scripts/lib/khabar-bin.sh"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/stories-report.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
"$bin" cluster -q --format jsonl "$data" >"$tmp/clusters.jsonl" 2>"$tmp/errors.txt" || [ $? = 1 ]
say "$(tail -n 1 "$tmp/errors.txt")"
python3 "$repo/bench/stories-report/report.py" "$data" "$tmp/clusters.jsonl" "$@"
