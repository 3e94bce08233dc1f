#!/usr/bin/env bash
# End-to-end test of the story desk in a real (headless) browser.
#
#   scripts/browser-test.sh
#
# Builds khabar (release), ingests the seeds (../shared/seeds) into a temporary store, starts
# `khabar serve` on a free 127.0.0.1 port and drives headless Chromium through the pages with
# scripts/browser/desk_e2e.py: the front page lists the seeds' story; clicking its headline opens the
# digest with its summary; clicking a citation lands on the article-list item it names; typing a name
# into the search box and pressing Enter gives the story with a <mark> highlight; an entity link opens
# the entity page; every page is lang="ar" dir="rtl" with the search form, does not scroll sideways at
# 390 px and logs no console errors or Content-Security-Policy violations.
# Prints one line per check, then "N passed, N failed"; exits non-zero when any check failed. The
# server is stopped on exit; every wait is bounded (the browser part is cut off after $BROWSER_TIMEOUT s).
#
# Installs what is missing: Chromium and chromedriver (Debian: chromium chromium-driver), an Arabic
# font (fonts-noto-core), Selenium (PyPI); without Selenium the driver speaks Chromium's DevTools
# protocol itself (websocket-client).
#
# Environment:
#   KHABAR_BIN       a prebuilt khabar binary (default: `swift build -c release --product khabar`)
#   SCRATCH          SwiftPM scratch path for that build (default .build)
#   SEEDS            the articles to ingest (default ../shared/seeds)
#   QUERY            the name to search for (default بوتين)
#   BACKEND          auto | selenium | cdp (default auto: Selenium when it starts, else DevTools)
#   BROWSER_TIMEOUT  seconds for the browser part (default 240)
#   KEEP=1           keep the temporary directory (store, server log)
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds="${SEEDS:-$repo/../shared/seeds}"
seeds="$(cd "$seeds" 2>/dev/null && pwd || echo "$seeds")"   # resolved: the pages show the articles' paths
query="${QUERY:-بوتين}"
say() { echo "browser-test: $*" >&2; }

passed=0; failed=0
pass() { passed=$((passed + 1)); echo "PASS  $*"; }
fail() { failed=$((failed + 1)); echo "FAIL  $*"; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

# --- tools ---------------------------------------------------------------------------------

sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
apt_updated=0
apt_install() {
    if [ "$apt_updated" = 0 ]; then $sudo_cmd apt-get update -qq >&2; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >&2
}
missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
fc-list :lang=ar family 2>/dev/null | grep -qiE 'arab|naskh|kufi|amiri' || missing+=(fontconfig fonts-noto-core)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}…"
    apt_install "${missing[@]}" || say "apt-get install failed"
fi
python=python3
if ! "$python" -c 'import selenium' 2>/dev/null && [ "${BACKEND:-auto}" != cdp ]; then
    if pip index versions selenium >/dev/null 2>&1; then
        say "installing selenium…"
        "$python" -m pip install -q selenium >&2 || say "pip install selenium failed"
    fi
fi
if ! "$python" -c 'import selenium' 2>/dev/null && ! "$python" -c 'import websocket' 2>/dev/null; then
    say "installing websocket-client (for the DevTools protocol)…"
    "$python" -m pip install -q websocket-client >&2 || say "pip install websocket-client failed"
fi

# --- khabar, a store with the seeds, a server ---------------------------------------------------

tmp="$(mktemp -d "${TMPDIR:-/tmp}/khabar-browser.XXXXXX")"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
    fi
    if [ "${KEEP:-0}" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${KHABAR_BIN:-}" ]; then
    bin="$KHABAR_BIN"
else
    scratch="${SCRATCH:-$repo/.build}"
    say "building khabar (release)…"
    if (cd "$repo" && swift build -c release --scratch-path "$scratch" --product khabar >&2); then
        bin="$(cd "$repo" && swift build -c release --scratch-path "$scratch" --show-bin-path)/khabar"
    else
        bin=""
    fi
fi
if [ -n "$bin" ] && [ -x "$bin" ]; then pass "khabar binary ($bin)"; else fail "khabar binary: build failed"; finish; fi

db="$tmp/desk.db"
"$bin" ingest --db "$db" --quiet "$seeds" >"$tmp/ingest.jsonl" 2>"$tmp/ingest.err" || say "khabar ingest exited $?"
# the story most of the seeds went into
read -r stored story < <("$python" - "$tmp/ingest.jsonl" <<'EOF'
import collections, json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip().startswith("{")]
stories = collections.Counter(l["story"] for l in lines if l.get("status") in ("stored", "already_stored") and l.get("story") is not None)
print(sum(stories.values()), stories.most_common(1)[0][0] if stories else "-")
EOF
)
if [ "${stored:-0}" -gt 0 ] && [ "$story" != "-" ]; then
    pass "ingest seeds: $stored articles stored, story $story"
else
    fail "ingest seeds: nothing stored ($(tail -2 "$tmp/ingest.err" | tr '\n' ' '))"; finish
fi

port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="browser-test-$RANDOM$RANDOM"
"$bin" serve --db "$db" --host 127.0.0.1 --port "$port" --token "$token" >"$tmp/serve.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
up=0
for _ in $(seq 150); do   # 30 s
    if curl -fsS -m 2 -o /dev/null "$base/" 2>/dev/null; then up=1; break; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
done
if [ "$up" = 1 ]; then
    pass "khabar serve answers at $base/"
else
    fail "khabar serve did not answer at $base/ ($(tail -3 "$tmp/serve.log" | tr '\n' ' '))"; finish
fi
csp="$(curl -fsS -m 5 -D - -o /dev/null "$base/" | tr -d '\r' | grep -i '^content-security-policy:' || true)"
if grep -q "default-src 'none'" <<<"$csp"; then pass "pages carry a strict Content-Security-Policy"; else fail "no strict Content-Security-Policy header: ${csp:-none}"; fi

# --- the browser ------------------------------------------------------------------------------

rc=0
timeout -k 10 "${BROWSER_TIMEOUT:-240}" "$python" "$repo/scripts/browser/desk_e2e.py" \
    --base "$base" --story "$story" --query "$query" --backend "${BACKEND:-auto}" \
    --prior-passed "$passed" >"$tmp/e2e.out" 2>"$tmp/e2e.err" || rc=$?
# the driver's lines, its own total replaced by the whole run's
grep -v -E '^[0-9]+ passed, [0-9]+ failed$' "$tmp/e2e.out"
total="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$tmp/e2e.out" | tail -1)"
if [ -n "$total" ]; then
    passed="${total%% passed*}"
    f="${total#*passed, }"; failed=$((failed + ${f%% failed}))
else
    fail "browser driver ended without a result (exit $rc): $(tail -3 "$tmp/e2e.err" | tr '\n' ' ')"
fi
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then fail "browser driver exited $rc"; fi
if ! kill -0 "$server_pid" 2>/dev/null; then fail "khabar serve stopped during the test: $(tail -3 "$tmp/serve.log" | tr '\n' ' ')"; fi
finish
