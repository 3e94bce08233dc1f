#!/usr/bin/env bash
# Sets up and runs the whole test suite (Swift Testing), then prints "N passed, N failed".
# Tests that need ../shared skip with a notice when it is absent, unless KHABAR_REQUIRE_SHARED=1.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh || exit 1
swift build --build-tests 2>&1 | tail -n 5
log="$(mktemp)"
swift test --skip-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Swift Testing prints one line per test: "✔ Test x() passed …" / "✘ Test x() failed …".
passed=$(grep -E '^\S+ Test .* passed' "$log" | grep -vc 'Test run with' || true)
failed=$(grep -cE '^✘ Test .* failed' "$log" || true)
skipped=$(grep -cE '^(➜|↪) Test .* skipped' "$log" || true)
rm -f "$log"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
