#!/usr/bin/env bash
# The story desk: release build; the SaudiNewsNet week ingested over HTTP, wrk on pages and searches, restart, store size, RSS (a Markdown table).
# Talks only to a khabar server it starts itself on 127.0.0.1. KHABAR_BIN skips the build; WORK sets the work folder.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
say() { echo "desk-bench: $*" >&2; }
. "$repo/scripts/lib/khabar-bin.sh"
command -v wrk >/dev/null || { say "installing wrk"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
exec python3 "$repo/scripts/desk/bench.py" "$bin" "$repo/../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz" "${WORK:-/tmp/khabar-desk-bench}" "$@"
