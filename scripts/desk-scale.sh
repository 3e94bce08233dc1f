#!/usr/bin/env bash
# The desk at scale (issue 12): the SaudiNewsNet week over HTTP into SQLite, PostgreSQL with 1 worker and with 2, wrk reading during the ingest; then the week ×10 (shifted ids and dates) for flat cost and bounded memory. Markdown tables.
# Talks only to servers it starts itself on 127.0.0.1. KHABAR_BIN skips the build; WORK sets the work folder; PostgreSQL is started by scripts/postgres.sh.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
say() { echo "desk-scale: $*" >&2; }
. "$repo/scripts/lib/khabar-bin.sh"
command -v wrk >/dev/null || { say "installing wrk"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
url="${KHABAR_POSTGRES:-$("$repo/scripts/postgres.sh")}"
exec python3 "$repo/scripts/desk/scale.py" "$bin" "$repo/../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz" "${WORK:-/tmp/khabar-desk-scale}" --postgres "$url" "$@"
