#!/usr/bin/env bash
# Hostile inputs (issue 14, point 2): decompression bombs, deep and huge HTML, a 200 MB single-line
# JSON Lines record, a million tiny articles, 300,000 copies of one line, NUL bytes, bidi controls,
# very long words and lines, dates in the year 99999 — each through `khabar clean` and `khabar digest`
# (release build), with what happened, the exit status, seconds and peak RSS, as a Markdown table.
# The cases are generated into a temporary folder (scripts/hostile/make.py) and removed at exit.
#
#   scripts/hostile-inputs.sh [--small]     --small: every case at a tenth of its size
# Environment: KHABAR_BIN skips the build; LIMIT_S caps each run (default 300 s: a run that takes
# longer is reported as "timed out", a finding, not a pass).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
say() { echo "hostile-inputs: $*" >&2; }
. "$repo/scripts/lib/khabar-bin.sh"
limit="${LIMIT_S:-300}"
tmp="$(mktemp -d /tmp/khabar-hostile.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
say "writing the cases to $tmp/cases…"
python3 "$repo/scripts/hostile/make.py" "$tmp/cases" "$@"
echo "| case | input size | command | exit | seconds | peak RSS | what khabar said (first line) / wrote |"
echo "|---|---:|---|---:|---:|---:|---|"
for file in "$tmp/cases"/*; do
    name="$(basename "$file")"
    size="$(du -h "$file" | cut -f1)"
    for cmd in "clean -q --format jsonl" "digest -q --format json"; do
        set +e
        /usr/bin/time -f "%e %M" -o "$tmp/time" timeout "$limit" "$bin" $cmd "$file" >"$tmp/out" 2>"$tmp/err"
        status=$?
        set -e
        read -r seconds kb < <(tail -1 "$tmp/time" | grep -E '^[0-9.]+ [0-9]+$' || echo "- 0")
        said="$( (grep -v '^Command exited' "$tmp/err" || true) | head -1 | cut -c1-110 | tr '|' '/')"
        wrote="$(wc -c <"$tmp/out") bytes out"
        [ "$status" = 124 ] && said="TIMED OUT after ${limit} s"
        echo "| $name | $size | ${cmd%% *} | $status | $seconds | $((kb / 1024)) MB | ${said:-nothing} · $wrote |"
        say "$name ${cmd%% *}: exit $status, ${seconds} s, $((kb / 1024)) MB"
    done
done
