#!/usr/bin/env bash
# Sets up (system libraries, release build) and runs khabar with the given arguments.
# With no arguments: cleans the five seed articles in ../shared/seeds and prints them as JSON.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh
swift build -c release --product khabar >&2
if [ $# -eq 0 ]; then
  set -- clean --format json "$root/../shared/seeds"
fi
exec "$root/.build/release/khabar" "$@"
