#!/usr/bin/env bash
# The digest page (issue 5, "The page"): the HTML digest rendered in headless Chromium to a PNG, to
# look at (RTL, readable, sources visible).
#
#   scripts/digest-page.sh [OUT_DIR] [PATH...]
#
# Runs `khabar digest PATH... --format html -o OUT_DIR/digest.html` (PATH defaults to
# ../shared/seeds next to the repository, OUT_DIR to /tmp/khabar-page) and renders it with
#   chromium --headless --no-sandbox --disable-gpu --screenshot=OUT_DIR/digest.png \
#            --window-size=1280,2400 file://OUT_DIR/digest.html
# then prints the PNG's path on standard output. Installs Chromium (Debian package `chromium`) when
# it is missing, and an Arabic font family (fonts-noto-core: Noto Naskh/Sans/Kufi Arabic) when
# fontconfig knows none, so that Arabic does not come out as boxes; apt-get runs non-interactively,
# through sudo when not root.
#
# Environment:
#   KHABAR_BIN  a prebuilt khabar binary (default: build with `swift build -c release`)
#   SCRATCH     SwiftPM scratch path for the release build (default .build)
#   HTML        an existing HTML file to render instead of running khabar (e.g. to check the fonts)
#   WINDOW      the window size, WIDTH,HEIGHT (default 1280,2400; the screenshot is that size and
#               shows the top of the page: the seeds' page is about 7,300 px tall at 1280, so
#               WINDOW=1280,7400 takes all of it)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${1:-/tmp/khabar-page}"
[ $# -gt 0 ] && shift
inputs=("$@")
# (resolved, so that the page's article paths read /…/shared/seeds/…, not /…/repo/../shared/…)
[ ${#inputs[@]} -gt 0 ] || inputs=("$(cd "$repo/../shared/seeds" 2>/dev/null && pwd || echo "$repo/../shared/seeds")")
window="${WINDOW:-1280,2400}"

say() { echo "digest-page: $*" >&2; }

# --- tools ---------------------------------------------------------------------------------

sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
apt_updated=0
apt_install() {
    if [ "$apt_updated" = 0 ]; then $sudo_cmd apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >&2
}

chromium_bin=""
for c in chromium chromium-browser; do
    if command -v "$c" >/dev/null 2>&1; then chromium_bin="$(command -v "$c")"; break; fi
done
if [ -z "$chromium_bin" ]; then
    say "installing chromium…"
    apt_install chromium
    chromium_bin="$(command -v chromium)"
fi

# An Arabic family proper (DejaVu covers the letters but has no Naskh shapes for much of the text);
# fontconfig's fallback then finds it whatever the page's font stack names first.
if ! fc-list :lang=ar family 2>/dev/null | grep -qiE 'arab|naskh|kufi|amiri|kacst|scheherazade'; then
    say "installing an Arabic font (fonts-noto-core)…"
    apt_install fontconfig fonts-noto-core
    fc-cache -f >/dev/null 2>&1 || true
fi

mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"
png="$out_dir/digest.png"

# --- the page ------------------------------------------------------------------------------

if [ -n "${HTML:-}" ]; then
    html="$(realpath "$HTML")"
else
    source "$repo/scripts/lib/khabar-bin.sh"
    html="$out_dir/digest.html"
    rc=0
    "$bin" digest "${inputs[@]}" --format html -o "$html" || rc=$?
    # exit 1: some inputs unreadable, the rest digested (as for the other commands)
    if [ "$rc" -gt 1 ] || [ ! -s "$html" ]; then say "khabar digest failed (exit $rc)"; exit 1; fi
fi

# What the page should declare (issue 5: one self-contained RTL page); a warning only.
head_part="$(head -c 4000 "$html")"
grep -qiE 'dir="?rtl' <<<"$head_part" || say "warning: no dir=\"rtl\" near the top of $html"
grep -qiE 'lang="?ar' <<<"$head_part" || say "warning: no lang=\"ar\" near the top of $html"

rm -f "$png"
# Chromium writes its own chatter on stderr; keep it out of the way unless it fails.
if ! "$chromium_bin" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --screenshot="$png" --window-size="$window" "file://$html" >"$out_dir/chromium.log" 2>&1 \
        || [ ! -s "$png" ]; then
    say "chromium failed to write $png:"; tail -5 "$out_dir/chromium.log" >&2; exit 1
fi
say "page $html ($(wc -c <"$html") bytes) rendered at $window"
echo "$png"
