#!/usr/bin/env bash
# Article-body extraction benchmark: Khabar vs trafilatura on the Scrapinghub dev pages.
#
#   scripts/html-eval/run.sh [DATA_DIR]
#
# DATA_DIR (default ../shared/data/html/scrapinghub-dev beside the repo) holds html/<id>.html.gz and
# ground-truth.json. Builds khabar (release), runs `khabar clean --format jsonl` and trafilatura
# (default settings) on the same pages, scores both with score.py (4-word shingles, macro P/R,
# as the Scrapinghub benchmark defines them) and exits 1 when Khabar's F1 is below MIN_F1 (0.95).
#
# Environment:
#   MIN_F1        pass mark for Khabar's F1 (default 0.95)
#   KHABAR_CMD    command that takes HTML files and prints JSON Lines {"id", "paragraphs"}
#                 (default: "<release bin>/khabar clean --format jsonl")
#   GATE          the row MIN_F1 applies to: khabar (default: reader + cleaner, what users get)
#                 or khabar-reader (the HTML reader alone)
#
# When `khabar-bench html-extract FILES...` exists (it calls dumpHTMLExtraction in
# Sources/KhabarBench/HTMLExtractDump.swift), a "khabar-reader" row scores the reader's output
# before the cleaner, so the two stages can be told apart.
#   SCRATCH       SwiftPM scratch path for the release build (default .build)
#   PER_PAGE=1    also print Khabar's per-page scores, worst first
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${1:-$repo/../shared/data/html/scrapinghub-dev}"
min_f1="${MIN_F1:-0.95}"
scratch="${SCRATCH:-$repo/.build}"
venv="$repo/.venv-html-eval"

[ -f "$data/ground-truth.json" ] || { echo "no ground-truth.json in $data" >&2; exit 2; }

# 1. Python side: a private virtualenv with trafilatura.
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import trafilatura" 2>/dev/null; then
    echo "setting up $venv (pip install trafilatura)…" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip >&2
    # trafilatura needs lxml's HTML cleaner, now packaged separately.
    "$venv/bin/pip" install --quiet trafilatura lxml_html_clean >&2
fi

# 2. Khabar release build.
echo "building khabar (release)…" >&2
(cd "$repo" && swift build -c release --scratch-path "$scratch" >&2)
bin="$(cd "$repo" && swift build -c release --scratch-path "$scratch" --show-bin-path)"
khabar_cmd="${KHABAR_CMD:-$bin/khabar clean --format jsonl}"

# 3. Pages, unpacked to a temporary directory.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/pages"
for f in "$data"/html/*.html.gz; do
    gunzip -c "$f" > "$tmp/pages/$(basename "$f" .gz)"
done
pages=("$tmp"/pages/*.html)
echo "${#pages[@]} pages" >&2

# 4. Both systems on the same files.
start=$(date +%s.%N)
# shellcheck disable=SC2086
$khabar_cmd "${pages[@]}" > "$tmp/khabar.jsonl"
khabar_end=$(date +%s.%N)
reader=()
if [ -x "$bin/khabar-bench" ] \
    && "$bin/khabar-bench" html-extract "${pages[@]}" > "$tmp/reader.jsonl" 2>/dev/null \
    && head -c 1 "$tmp/reader.jsonl" | grep -q '{'; then
    reader=(--pred "khabar-reader=$tmp/reader.jsonl")
fi
mid=$(date +%s.%N)
"$venv/bin/python" "$here/run_trafilatura.py" "${pages[@]}" > "$tmp/trafilatura.jsonl"
end=$(date +%s.%N)
printf 'time: khabar clean %.2fs, trafilatura %.2fs\n' \
    "$(echo "$khabar_end - $start" | bc)" "$(echo "$end - $mid" | bc)" >&2

# 5. Scores.
per_page=()
[ "${PER_PAGE:-0}" = 1 ] && per_page=(--per-page "${GATE:-khabar}")
python3 "$here/score.py" --truth "$data/ground-truth.json" \
    --pred "khabar=$tmp/khabar.jsonl" "${reader[@]}" --pred "trafilatura=$tmp/trafilatura.jsonl" \
    --min-f1 "$min_f1" --gate "${GATE:-khabar}" "${per_page[@]}"
