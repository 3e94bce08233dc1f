#!/usr/bin/env bash
# Issue 3's B-cubed target in context: how far word-overlap similarity can go on stories-dev d1.
#
#   scripts/cluster-ceiling.sh
#
# Dumps Khabar's per-article signals (`khabar-bench dump-profiles`: its stems, title/lead/body
# counts, entities), clusters the window offline with several representations and linkages, the
# similarity cut swept on the gold itself (an optimistic bound no online clusterer gets), and prints
# that table next to `khabar cluster`'s own score. Uses the stories benchmark's virtualenv
# (numpy, scipy; made from bench/stories-peer/requirements.txt when missing).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
d1="${D1_DIR:-$repo/../shared/data/stories-dev}"
venv="$repo/.venv-stories-peer"
say() { echo "cluster-ceiling: $*" >&2; }
[ -f "$d1/d1-articles.jsonl" ] && [ -f "$d1/d1-gold.json" ] || { say "stories-dev files missing under $d1"; exit 2; }

if ! cmp -s "$repo/bench/stories-peer/requirements.txt" "$venv/requirements.txt" 2>/dev/null; then
    say "making $venv…"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q -r "$repo/bench/stories-peer/requirements.txt" >&2
    cp "$repo/bench/stories-peer/requirements.txt" "$venv/requirements.txt"
fi

source "$repo/scripts/lib/khabar-bin.sh"
say "building khabar-bench (release)…"
scratch="${SCRATCH:-$repo/.build}"
(cd "$repo" && swift build -c release --scratch-path "$scratch" --product khabar-bench >&2)
bench_bin="$(cd "$repo" && swift build -c release --scratch-path "$scratch" --show-bin-path)/khabar-bench"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/cluster-ceiling.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
"$bench_bin" dump-profiles "$d1/d1-articles.jsonl" >"$tmp/profiles.jsonl"
"$bin" cluster --format jsonl "$d1/d1-articles.jsonl" >"$tmp/khabar.jsonl" || [ $? = 1 ]
"$venv/bin/python" "$repo/bench/cluster-ceiling/ceiling.py" "$d1/d1-gold.json" "$tmp/profiles.jsonl" "$tmp/khabar.jsonl"
