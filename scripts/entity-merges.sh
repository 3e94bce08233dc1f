#!/usr/bin/env bash
# Entity merging on real text: `khabar extract` on the first N SaudiNewsNet articles (default 3000),
# then bench/entity-merges/suspicious.py (entities whose spellings look nothing alike).
#
#   scripts/entity-merges.sh [N] [SHOW]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$repo/../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz"
say() { echo "entity-merges: $*" >&2; }
[ -f "$data" ] || { say "missing $data"; exit 2; }
source "$repo/scripts/lib/khabar-bin.sh"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/entity-merges.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
{ xz -dc "$data" || true; } | head -n "${1:-3000}" >"$tmp/articles.jsonl"
"$bin" extract -q "$tmp/articles.jsonl" >"$tmp/extract.json" 2>/dev/null || [ $? = 1 ]
python3 "$repo/bench/entity-merges/suspicious.py" "$tmp/extract.json" "${2:-15}"
