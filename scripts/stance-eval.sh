#!/usr/bin/env bash
# Scores the relation judge (`khabar compare`) on the ANS stance dev pairs.
#
#   scripts/stance-eval.sh [DEV_CSV]
#
# Builds khabar (release), runs `khabar compare --pairs DEV_CSV`, and prints the stance × relation
# table with the two acceptance figures of issue 3: agree → same (≥ 80 %) and disagree → same (≤ 10 %).
# DEV_CSV defaults to ../shared/data/stance/ans-stance-dev.csv next to the repository. The model is
# trained on the train file only (khabar-bench train-relation); nothing here is fitted on dev.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dev="${1:-$repo/../shared/data/stance/ans-stance-dev.csv}"
if [ ! -f "$dev" ]; then
    echo "stance-eval.sh: the dev pairs are missing: $dev" >&2
    echo "  expected ../shared/data/stance/ans-stance-dev.csv next to the repository, or pass a CSV (s1,s2,stance)." >&2
    exit 2
fi

echo "building khabar (release)…" >&2
(cd "$repo" && swift build -c release --product khabar >&2)
bin="$(cd "$repo" && swift build -c release --show-bin-path)/khabar"

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
start=$(date +%s.%N)
"$bin" compare --pairs "$dev" > "$out"
end=$(date +%s.%N)

python3 - "$dev" "$out" "$start" "$end" <<'PY'
import csv, json, sys
dev, out, start, end = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
with open(dev, encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))[1:]
judged = [json.loads(line) for line in open(out, encoding="utf-8")]
if len(rows) != len(judged):
    sys.exit(f"stance-eval.sh: {len(rows)} pairs but {len(judged)} judgements")
stances, relations = ["agree", "disagree", "other"], ["same", "contradicts", "different"]
counts = {(s, r): 0 for s in stances for r in relations}
for row, j in zip(rows, judged):
    counts[(row[2], j["relation"])] += 1
total = {s: sum(counts[(s, r)] for r in relations) for s in stances}
print(f"## khabar compare on {dev.split('/')[-1]}: {len(rows)} pairs in {end - start:.2f} s (incl. start-up)\n")
print("| stance \\ relation | " + " | ".join(relations) + " | total |")
print("|---|" + "---:|" * (len(relations) + 1))
for s in stances:
    print(f"| {s} | " + " | ".join(str(counts[(s, r)]) for r in relations) + f" | {total[s]} |")
pct = lambda s, r: 100 * counts[(s, r)] / max(1, total[s])
print()
print(f"agree → same:           {pct('agree', 'same'):5.1f} %  (target ≥ 80 %)")
print(f"disagree → same:        {pct('disagree', 'same'):5.1f} %  (target ≤ 10 %)")
print(f"disagree → contradicts: {counts[('disagree', 'contradicts')]} of {total['disagree']} ({pct('disagree', 'contradicts'):.1f} %)")
print(f"other → different:      {counts[('other', 'different')]} of {total['other']} ({pct('other', 'different'):.1f} %)")
PY
