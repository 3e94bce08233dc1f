#!/usr/bin/env bash
# Sets up (system libraries, release build) and runs khabar with the given arguments.
# With no arguments (the main job): the digest of the five seed articles in ../shared/seeds, as
# Markdown (`khabar digest`: cited summary, entities, quotes, timeline, coverage, contradictions).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh
swift build -c release --product khabar >&2
bin="$root/.build/release/khabar"
if [ $# -eq 0 ]; then
  exec "$bin" digest --format markdown "$root/../shared/seeds"
fi
exec "$bin" "$@"
