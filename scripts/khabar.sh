#!/usr/bin/env bash
# Sets up (system libraries, release build) and runs khabar with the given arguments.
# With no arguments (the main job): cleans the five seed articles in ../shared/seeds, prints them as
# JSON, then lists the stories they make (`khabar stories`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh
swift build -c release --product khabar >&2
bin="$root/.build/release/khabar"
if [ $# -eq 0 ]; then
  "$bin" clean --format json "$root/../shared/seeds"
  echo
  exec "$bin" stories "$root/../shared/seeds"
fi
exec "$bin" "$@"
