#!/usr/bin/env bash
# Checks the name-variant key and merger (Sources/Khabar/Extract/Variants) on ANETAC name pairs:
# variant recall (names whose English agrees after folding case, accents and doubled letters but whose
# Arabic differs) and false merges (pairs of different dev names whose keys collide or merge).
#
#   scripts/variants-eval.sh [ANETAC_DIR] [--verbose]    default ../shared/data/transliteration
#
# Builds khabar-bench in debug mode (the check takes seconds; no timings are reported).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$repo/../shared/data/transliteration"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then data="$1"; shift; fi
[ -f "$data/anetac-dev.ar" ] || { echo "variants-eval.sh: missing $data/anetac-dev.ar" >&2; exit 2; }
(cd "$repo" && swift build --product khabar-bench >&2)
bin="$(cd "$repo" && swift build --show-bin-path)/khabar-bench"
"$bin" variants-eval "$data" "$@"
