#!/usr/bin/env bash
# Fuzzes every parser that takes outside bytes (issue 14) with libFuzzer and AddressSanitizer
# (leaks included), then prints a Markdown table: target, seconds, executions, findings.
#
#   scripts/fuzz.sh [--seconds N] [--runs N] [--seed N] [--jobs N] [--max-len N] [--release] [TARGET...]
#
# --seconds: time per target (default 30: the CI smoke); --runs: stop a target after N executions
# instead (whichever comes first); --release: an optimised build (slower to build, 2-5x the
# executions per second: for the long runs); --seed: libFuzzer's random seed (default: a new one each
# run; the CI smoke fixes it, so that a run can be repeated). Targets: all by default.
# Seeds are Fuzz/seeds/<target> (and ../shared/seeds for the text targets); what a run learns
# stays in .build-fuzz/corpus. Findings (crash-*, leak-*, timeout-*, oom-*) are written to
# .build-fuzz/findings/<target>; the script exits 1 when there are any. A finding, once fixed,
# goes into Fuzz/regressions/<target>/ where the tests replay it.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds=30; runs=0; seed=0; jobs=1; max_len=16384; config=debug; targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --max-len) max_len="$2"; shift 2 ;;
    --release) config=release; shift ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n 2,15p "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=(decode jsonl record json csv html feed decompress reader dates clean search)

scripts/setup.sh >/dev/null || exit 1
echo "fuzz.sh: building the fuzz binary (libFuzzer + AddressSanitizer) in .build-fuzz" >&2
if ! KHABAR_FUZZ=1 swift build -c "$config" --scratch-path .build-fuzz --product khabar-fuzz \
     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | tail -n 3 >&2; then
  echo "fuzz.sh: the build failed" >&2; exit 1
fi
bin="$root/.build-fuzz/$config/khabar-fuzz"
[ -x "$bin" ] || { echo "fuzz.sh: $bin was not built" >&2; exit 1; }

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
total_findings=0
rows=()
for target in "${targets[@]}"; do
  corpus="$root/.build-fuzz/corpus/$target"
  findings="$root/.build-fuzz/findings/$target"
  mkdir -p "$corpus" "$findings"
  seeds=("$root/Fuzz/seeds/$target")
  [ -d "$root/Fuzz/regressions/$target" ] && seeds+=("$root/Fuzz/regressions/$target")
  case "$target" in clean|reader|dates|decode)
    [ -d "$root/../shared/seeds" ] && seeds+=("$root/../shared/seeds") ;;
  esac
  args=(-max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$findings/")
  [ "$jobs" -gt 1 ] && args+=(-jobs="$jobs" -workers="$jobs")
  [ "$runs" -gt 0 ] && args+=(-runs="$runs")
  [ "$seed" -gt 0 ] && args+=(-seed="$seed")
  # -jobs > 1 writes fuzz-N.log files in the working folder: run from the log folder.
  # Swift's own crash backtracer would run inside ASan's handler and muddle the report.
  ( cd "$logs" && SWIFT_BACKTRACE=enable=no KHABAR_FUZZ_TARGET="$target" "$bin" "${args[@]}" "$corpus" "${seeds[@]}" ) > "$logs/$target.log" 2>&1
  status=$?
  cat "$logs"/fuzz-*.log >> "$logs/$target.log" 2>/dev/null; rm -f "$logs"/fuzz-*.log
  executed=$(grep -oE 'stat::number_of_executed_units:[[:space:]]+[0-9]+' "$logs/$target.log" | awk '{s += $2} END {print s + 0}')
  elapsed=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$logs/$target.log" | grep -oE '[0-9]+ second' | awk '{if ($1 > m) m = $1} END {print m + 0}')
  rss=$(grep -oE 'stat::peak_rss_mb:[[:space:]]+[0-9]+' "$logs/$target.log" | awk '{if ($2 > m) m = $2} END {print m + 0}')
  found=$(find "$findings" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | wc -l)
  if [ "$status" -ne 0 ] && [ "$found" -eq 0 ]; then found=1; fi
  total_findings=$((total_findings + found))
  corpus_size=$(find "$corpus" -type f | wc -l)
  rows+=("| $target | ${elapsed:-?} | $executed | $(( executed / (elapsed > 0 ? elapsed : 1) )) | $corpus_size | $rss | $found |")
  if [ "$found" -gt 0 ]; then
    echo "── $target: $found finding(s) in $findings; the log's end:" >&2
    grep -E 'ERROR|property failed|Test unit written|SUMMARY|leak' "$logs/$target.log" | head -n 20 >&2
  fi
done
echo "| target | seconds | executions | per second | corpus files | peak RSS MB | findings |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
[ "$total_findings" -eq 0 ]
