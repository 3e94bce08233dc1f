#!/usr/bin/env bash
# Scores `khabar timex` on Wojood (DATE/TIME spans) with ../shared/tools/span_f1.py.
#
#   scripts/timex-eval.sh [WOJOOD_FILE]     default ../shared/data/time/wojood-val.txt
#
# Wojood tags are nested (several columns); the gold file keeps, per token, the DATE or TIME tag from
# whichever column has one, else O. Builds khabar (release); temporary files only.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$repo/../shared/data/time/wojood-val.txt}"
scorer="$repo/../shared/tools/span_f1.py"
[ -f "$data" ] || { echo "timex-eval.sh: missing $data" >&2; exit 2; }
[ -f "$scorer" ] || { echo "timex-eval.sh: missing $scorer" >&2; exit 2; }

(cd "$repo" && swift build -c release --product khabar >&2)
bin="$(cd "$repo" && swift build -c release --show-bin-path)/khabar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$data" > "$work/gold.txt" <<'PY'
import sys
for line in open(sys.argv[1], encoding="utf-8-sig"):
    cols = line.split()
    if not cols:
        print(); continue
    if cols[0] == "$#$":
        print("$#$ O"); continue
    tag = next((t for t in cols[1:] if t.endswith(("-DATE", "-TIME"))), "O")
    print(cols[0], tag)
PY
"$bin" timex --conll "$work/gold.txt" > "$work/pred.txt"
python3 "$scorer" "$work/gold.txt" "$work/pred.txt" --types DATE,TIME
