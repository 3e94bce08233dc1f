#!/usr/bin/env bash
# Screenshots of the desk's pages in headless Chromium, to look at (layout, RTL, Arabic typography,
# the phone width).
#
#   scripts/desk-screenshots.sh [OUTDIR]
#
# Ingests the seeds (../shared/seeds) and the first $ARTICLES (3000) articles of the SaudiNewsNet
# sample (../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz) into a temporary store,
# starts `khabar serve` on a free 127.0.0.1 port and shoots, at 1280 px and at 390 px wide:
#   front  the front page                   /
#   story  the seeds' story                 /stories/ID
#   search a search with several stories    /search?q=$QUERY (default: بوتين)
#   entity the entity page of a name        /entities/ID (the search's first expanded name, else
#                                           the story's first entity)
# into OUTDIR (default out/screens, git-ignored) as {front,story,search,entity}-{1280,390}.png, with
# urls.txt naming each page. The shots are taken through Chromium's DevTools protocol
# (scripts/browser/screenshot.py, websocket-client), so that the 390 px shots are laid out at 390 px
# (`chromium --screenshot --window-size=390,…` lays out at 500 and crops; it is the fallback only).
# The server is stopped on exit. Installs Chromium and an Arabic font (fonts-noto-core) when missing.
#
# Environment:
#   KHABAR_BIN  a prebuilt khabar binary (default: `swift build -c release --product khabar`)
#   SCRATCH     SwiftPM scratch path for that build (default .build)
#   ARTICLES    how many SaudiNewsNet articles to add (default 3000; 0: the seeds only)
#   QUERY       the search (default بوتين)
#   WIDE, NARROW  window sizes (default 1280,2000 and 390,1800)
#   KEEP=1      keep the temporary directory (store, logs)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${1:-$repo/out/screens}"
seeds="$(cd "$repo/../shared/seeds" && pwd)"
sample="$repo/../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz"
articles="${ARTICLES:-3000}"
query="${QUERY:-بوتين}"
wide="${WIDE:-1280,2000}"; narrow="${NARROW:-390,1800}"
say() { echo "desk-screenshots: $*" >&2; }

sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
apt_updated=0
apt_install() {
    if [ "$apt_updated" = 0 ]; then $sudo_cmd apt-get update -qq >&2; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >&2
}
chromium_bin=""
for c in chromium chromium-browser; do command -v "$c" >/dev/null 2>&1 && { chromium_bin="$(command -v "$c")"; break; }; done
if [ -z "$chromium_bin" ]; then say "installing chromium…"; apt_install chromium; chromium_bin="$(command -v chromium)"; fi
if ! fc-list :lang=ar family 2>/dev/null | grep -qiE 'arab|naskh|kufi|amiri'; then
    say "installing an Arabic font (fonts-noto-core)…"; apt_install fontconfig fonts-noto-core; fc-cache -f >/dev/null 2>&1 || true
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/khabar-screens.XXXXXX")"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ "${KEEP:-0}" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source "$repo/scripts/lib/khabar-bin.sh"

# --- the store ------------------------------------------------------------------------------

db="$tmp/desk.db"
ingest() { # LOG INPUT... — exit 1 (some inputs unreadable) is not fatal
    local log="$1" rc=0; shift
    "$bin" ingest --db "$db" --quiet "$@" >"$log" 2>"$tmp/ingest.err" || rc=$?
    [ "$rc" -le 1 ] || { say "khabar ingest failed (exit $rc): $(tail -3 "$tmp/ingest.err")"; exit 1; }
}
say "ingesting the seeds…"
ingest "$tmp/ingest-seeds.jsonl" "$seeds"
# the seeds' story: the one most of them went into
seed_story="$(python3 -c '
import collections, json, sys
c = collections.Counter(json.loads(l).get("story") for l in open(sys.argv[1], encoding="utf-8") if l.startswith("{"))
c.pop(None, None)
print(c.most_common(1)[0][0] if c else 0)' "$tmp/ingest-seeds.jsonl")"
if [ "$articles" -gt 0 ]; then
    say "ingesting the first $articles SaudiNewsNet articles…"
    { xz -dc "$sample" || true; } | head -n "$articles" >"$tmp/sample.jsonl"   # head closes the pipe early
    ingest "$tmp/ingest-sample.jsonl" "$tmp/sample.jsonl"
fi
cat "$tmp"/ingest-*.jsonl >"$tmp/ingest.jsonl"
say "$(grep -c '"stored"' "$tmp/ingest.jsonl" || true) articles stored; the seeds' story is $seed_story"

# --- the server -----------------------------------------------------------------------------

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin" serve --db "$db" --host 127.0.0.1 --port "$port" --token "screens-$RANDOM$RANDOM" >"$tmp/serve.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for i in $(seq 150); do
    curl -fsS -m 2 -o /dev/null "$base/" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null && [ "$i" -lt 150 ] || { say "khabar serve did not start: $(tail -3 "$tmp/serve.log")"; exit 1; }
    sleep 0.2
done

# the entity: the search's first expanded name, else the seeds' story's first entity chip
q_enc="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$query")"
entity="$(curl -fsS -m 10 "$base/search?q=$q_enc" | grep -oE 'href="/entities/[0-9]+"' | head -1 | grep -oE '[0-9]+' || true)"
[ -n "$entity" ] || entity="$(curl -fsS -m 10 "$base/stories/$seed_story" | grep -oE '/entities/[0-9]+' | head -1 | grep -oE '[0-9]+' || true)"
[ -n "$entity" ] || entity="$(curl -fsS -m 10 "$base/" | grep -oE '/entities/[0-9]+' | head -1 | grep -oE '[0-9]+' || echo 0)"

# --- the screenshots -------------------------------------------------------------------------

mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"
: >"$out_dir/urls.txt"
pages=(front "/" story "/stories/$seed_story" search "/search?q=$q_enc" entity "/entities/$entity")
# The shots go through Chromium's DevTools protocol (scripts/browser/screenshot.py): the viewport is
# exactly WIDTH px. `chromium --headless --screenshot --window-size=390,…` lays the page out at 500 px
# (a headless window's least width) and cuts the PNG to 390 from the left — the start side of an RTL
# page — so it is only the fallback when the DevTools way fails.
shot_args=()
for ((i = 0; i < ${#pages[@]}; i += 2)); do
    for size in "$wide" "$narrow"; do
        shot_args+=("$size" "$out_dir/${pages[i]}-${size%%,*}.png" "$base${pages[i + 1]}")
    done
done
rm -f "$out_dir"/{front,story,search,entity}-*.png
python3 -c 'import websocket' 2>/dev/null || python3 -m pip install -q websocket-client >&2 || true
CHROMIUM="$chromium_bin" timeout -k 5 180 python3 "$repo/scripts/browser/screenshot.py" "${shot_args[@]}" >"$tmp/shots.log" || \
    say "DevTools screenshots failed ($(tail -2 "$tmp/shots.log" | tr '\n' ' ')); falling back to chromium --screenshot"
shots=0
for ((i = 0; i < ${#shot_args[@]}; i += 3)); do
    size="${shot_args[i]}"; png="${shot_args[i + 1]}"; url="${shot_args[i + 2]}"
    if [ ! -s "$png" ]; then
        timeout -k 5 60 "$chromium_bin" --headless --no-sandbox --disable-gpu --hide-scrollbars --lang=ar \
            --user-data-dir="$tmp/chromium-profile" --screenshot="$png" --window-size="$size" "$url" \
            >"$tmp/chromium.log" 2>&1 || say "no screenshot of $url at $size: $(tail -2 "$tmp/chromium.log")"
    fi
    if [ -s "$png" ]; then
        shots=$((shots + 1)); echo "$(basename "$png")  $size  ${url#"$base"}" >>"$out_dir/urls.txt"; echo "$png"
    fi
done
grep -F 'scrolls sideways' "$tmp/shots.log" >&2 || true
say "$shots screenshots in $out_dir (pages listed in urls.txt)"
[ "$shots" -eq 8 ]
