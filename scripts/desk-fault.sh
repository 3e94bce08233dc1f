#!/usr/bin/env bash
# The story desk: the SaudiNewsNet week over HTTP in batches with 20 kill -9 at random moments: nothing lost, nothing twice.
# Talks only to a khabar server it starts itself on 127.0.0.1. KHABAR_BIN skips the build; WORK sets the work folder.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
say() { echo "desk-fault: $*" >&2; }
. "$repo/scripts/lib/khabar-bin.sh"
exec python3 "$repo/scripts/desk/fault.py" "$bin" "$repo/../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz" "${WORK:-/tmp/khabar-desk-fault}" "$@"
