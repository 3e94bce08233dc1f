#!/usr/bin/env bash
# The story desk: stories-dev d1 through POST /api/articles one at a time with 3 kill -9 restarts; B-cubed and digests against the batch.
# Talks only to a khabar server it starts itself on 127.0.0.1. KHABAR_BIN skips the build; WORK sets the work folder.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
say() { echo "desk-replay: $*" >&2; }
. "$repo/scripts/lib/khabar-bin.sh"
exec python3 "$repo/scripts/desk/replay.py" "$bin" "$repo/../shared/data/stories-dev/d1-articles.jsonl" "${WORK:-/tmp/khabar-desk-replay}" "$@"
