#!/usr/bin/env bash
# Brings up the story desk in one command: set-up, release build, the five seeds and the
# SaudiNewsNet week ingested into a SQLite store (once; later runs reuse it), then `khabar serve`.
# Open http://127.0.0.1:${PORT:-8080}/ ; writes need the token printed below (or $KHABAR_TOKEN).
# usage: scripts/desk.sh [DB] (default: desk.db in the repository root; git-ignored)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh
swift build -c release --product khabar >&2
bin="$root/.build/release/khabar"
db="${1:-$root/desk.db}"
sample="$root/../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz"
if [ ! -s "$db" ]; then
  echo "desk: ingesting the seeds and the SaudiNewsNet week into $db (a minute or two)…" >&2
  # In time order: the 2015 week, then the 2023 seeds.
  inputs=()
  [ -f "$sample" ] && inputs+=("$sample")
  inputs+=("$root/../shared/seeds")
  "$bin" ingest --db "$db" -q "${inputs[@]}" > /dev/null || echo "desk: some inputs could not be read (see above)" >&2
fi
export KHABAR_TOKEN="${KHABAR_TOKEN:-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
echo "desk: http://127.0.0.1:${PORT:-8080}/  (write token: $KHABAR_TOKEN)" >&2
exec "$bin" serve --db "$db" --port "${PORT:-8080}"
