#!/usr/bin/env bash
# Sets up and runs the whole test suite (Swift Testing), then prints "N passed, N failed".
# Tests that need ../shared skip with a notice when it is absent, unless KHABAR_REQUIRE_SHARED=1.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh || exit 1
swift build --build-tests 2>&1 | tail -n 5
# A failed build must not fall through to an older test binary.
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "test.sh: the build failed; no tests run"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
# PostgreSQL for the store tests' second store and the two-worker replay (started, with a role
# and database of ours, when it is installed; CI installs it when missing).
if pg_url="$(scripts/postgres.sh)"; then
  export KHABAR_TEST_POSTGRES="$pg_url"
else
  echo "test.sh: PostgreSQL could not be started; its cases will be skipped (or fail under KHABAR_REQUIRE_SHARED=1)"
fi
log="$(mktemp)"
swift test --skip-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Swift Testing ends with "Test run with N tests in M suites passed|failed …"; per-test lines are
# "✘ Test x() failed …" and "➜/↪ Test x() skipped …". The total comes from the summary line: per-test
# "passed" lines can go missing from a piped log when tests write to standard output concurrently.
total=$(grep -oE 'Test run with [0-9]+ test' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
failed=$(grep -E '^✘ Test .* failed' "$log" | grep -vc 'Test run with' || true)
skipped=$(grep -cE '^(➜|↪) Test .* skipped' "$log" || true)
passed=$(( ${total:-0} - failed - skipped ))
[ "$passed" -lt 0 ] && passed=0
rm -f "$log"
# End-to-end checks of the live desk with the binary just built: the d1 replay over HTTP with
# kill -9 restarts, and the pages in headless Chromium. Each counts as one test.
bin="$(swift build --show-bin-path)/khabar"
# The same replay split across two workers on PostgreSQL, kill -9 of a worker mid-request.
for check in desk-replay desk-replay-workers browser-test; do
  if [ ! -d "$root/../shared/seeds" ] && [ "${KHABAR_REQUIRE_SHARED:-}" != 1 ]; then
    echo "skipping: $check (../shared not found)"; skipped=$((skipped + 1)); continue
  fi
  script="scripts/$check.sh"; args=()
  if [ "$check" = desk-replay-workers ]; then
    if [ -z "${KHABAR_TEST_POSTGRES:-}" ] && [ "${KHABAR_REQUIRE_SHARED:-}" != 1 ]; then
      echo "skipping: $check (no PostgreSQL)"; skipped=$((skipped + 1)); continue
    fi
    script="scripts/desk-replay.sh"; args=(--db "${KHABAR_TEST_POSTGRES:-postgresql://unavailable}" --workers 2)
  fi
  echo "── $check"
  if KHABAR_BIN="$bin" WORK="$(mktemp -d)" timeout 900 "$script" "${args[@]}" 2>&1 | tail -n 40; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    passed=$((passed + 1))
  else
    echo "✘ $check failed"; failed=$((failed + 1))
  fi
done
# A fuzz smoke of every parser that takes outside bytes (scripts/fuzz.sh: libFuzzer + ASan,
# KHABAR_FUZZ_SECONDS a target, 30 by default): a crash, leak, hang or broken property fails it.
# The seed is fixed (KHABAR_FUZZ_SEED) so that a failing smoke can be run again as it was.
echo "── fuzz-smoke"
if scripts/fuzz.sh --seconds "${KHABAR_FUZZ_SECONDS:-30}" --seed "${KHABAR_FUZZ_SEED:-1}" 2>&1 | tail -n 30; [ "${PIPESTATUS[0]}" -eq 0 ]; then
  passed=$((passed + 1))
else
  echo "✘ fuzz-smoke failed (findings in .build-fuzz/findings)"; failed=$((failed + 1))
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
