#!/usr/bin/env bash
# Digest summaries against a LexRank baseline (issue 5, "Dev window"): side by side on the dev
# window's multi-article stories, redundancy (max pairwise similarity among summary sentences, lower
# is better) and coverage (share of the story's outlets cited, higher is better).
#
#   scripts/digest-eval.sh [--verbose] [ARTICLES]
#
# ARTICLES defaults to ../shared/data/stories-dev/d1-articles.jsonl next to the repository. Runs
# `khabar digest ARTICLES --format json -o TMP`, then for every story with ≥ 2 articles summarises the
# same articles with sumy's LexRank (bench/digest-peer/lexrank.py, as many sentences as Khabar chose)
# and scores both with one scorer (bench/digest-peer/score.py: TF-IDF cosine over normalised Arabic
# words, IDF fitted on every sentence of the window). Prints a Markdown table on standard output;
# --verbose adds one row per story.
#
# Environment:
#   KHABAR_BIN  a prebuilt khabar binary (default: build with `swift build -c release`)
#   SCRATCH     SwiftPM scratch path for the release build (default .build)
#   DIGEST      an existing `khabar digest --format json` file to score instead of running khabar
#   KEEP        a folder to keep the digest and LexRank JSON in (default: a temporary folder, removed)
#   ALIGN       cosine for the scorer's own aligned-coverage column (default 0.5)
#   LEXRANK_ARGS  extra arguments for lexrank.py, e.g. "--skip-duplicates" (articles the digest marks
#               as near-duplicates give LexRank no sentences of their own; default none)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peer_dir="$repo/bench/digest-peer"
venv="$repo/.venv-digest-peer"

verbose=()
read -r -a lexrank_args <<<"${LEXRANK_ARGS:-}"
if [ "${1:-}" = "--verbose" ]; then verbose=(--verbose); shift; fi
articles="${1:-$repo/../shared/data/stories-dev/d1-articles.jsonl}"

say() { echo "digest-eval: $*" >&2; }

# --- tools ---------------------------------------------------------------------------------

if [ -z "${DIGEST:-}" ]; then
    [ -f "$articles" ] || { say "the articles are missing: $articles"; exit 2; }
    source "$repo/scripts/lib/khabar-bin.sh"
fi

# The baseline's own virtualenv; reinstalled when requirements.txt changes (a copy is kept inside).
if ! cmp -s "$peer_dir/requirements.txt" "$venv/requirements.txt" 2>/dev/null; then
    say "making $venv…"
    if ! python3 -c 'import ensurepip' 2>/dev/null; then
        say "installing python3-venv"
        sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-venv >/dev/null
    fi
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --upgrade pip >&2
    "$venv/bin/python" -m pip install -q -r "$peer_dir/requirements.txt" >&2
    cp "$peer_dir/requirements.txt" "$venv/requirements.txt"
fi
py="$venv/bin/python"

if [ -n "${KEEP:-}" ]; then
    mkdir -p "$KEEP"; out="$(cd "$KEEP" && pwd)"
else
    out="$(mktemp -d "${TMPDIR:-/tmp}/digest-eval.XXXXXX")"
    trap 'rm -rf "$out"' EXIT
fi

# --- run -----------------------------------------------------------------------------------

if [ -n "${DIGEST:-}" ]; then
    digest="$(realpath "$DIGEST")"
    say "scoring the given digest $digest"
else
    digest="$out/digest.json"
    say "khabar digest $(basename "$articles")…"
    start=$(date +%s.%N)
    rc=0
    "$bin" digest "$articles" --format json -o "$digest" || rc=$?
    end=$(date +%s.%N)
    # khabar exits 1 when some records were unreadable and goes on with the rest; the digest of the
    # others is still written. Anything else, or no output, is a failure.
    if [ "$rc" -gt 1 ] || [ ! -s "$digest" ]; then say "khabar digest failed (exit $rc)"; exit 1; fi
    say "khabar digest: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s (exit $rc)"
fi

say "LexRank on the same stories…"
(cd "$peer_dir" && "$py" lexrank.py "${lexrank_args[@]}" "$digest") >"$out/lexrank.json"

(cd "$peer_dir" && "$py" score.py "${verbose[@]}" --align "${ALIGN:-0.5}" "$digest" "$out/lexrank.json")
[ -n "${KEEP:-}" ] && say "digest and LexRank JSON kept in $out"
exit 0
