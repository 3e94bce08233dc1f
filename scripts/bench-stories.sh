#!/usr/bin/env bash
# Stories benchmark (issue 3, "Speed and scale"): `khabar cluster` against the Python peer in
# bench/stories-peer, side by side in the same run, at 1k, 11k and 110k articles. With several
# commands in KHABAR_CMD it is the stages benchmark of issue 13 (clean, cluster, extract, digest).
#
#   scripts/bench-stories.sh [DATA_FILE]     speed: Markdown table on standard output
#   scripts/bench-stories.sh --score         quality: B-cubed of both on stories-dev d1
#
# Speed inputs (written to a temporary folder, removed at exit; never in the repository):
#   1k   the first 1,000 articles of DATA_FILE
#   11k  all of DATA_FILE (default ../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz
#        relative to the repository root: 11,326 articles)
#   110k DATA_FILE replayed 10 times, ids suffixed and `published` moved by whole weeks so that the
#        replays are separate in time (bench/stories-peer/replay.py)
# Each system runs RUNS times per size, output to /dev/null; /usr/bin/time gives wall seconds and
# peak RSS. A system whose first run at a size takes more than SLOW_S seconds runs only once there
# (the table's "runs" column says so), which keeps the whole benchmark near 15 minutes.
#
# Environment:
#   RUNS        runs per system and size (default 3; the median time counts)
#   SLOW_S      see above (default 150)
#   KHABAR_BIN  a prebuilt khabar binary (default: build with `swift build -c release`)
#   KHABAR_CMD  khabar's arguments before the input file (default "cluster --format jsonl");
#               e.g. KHABAR_CMD="clean --format jsonl -q" to try the harness without clustering.
#               Several commands separated by ";" are the stages benchmark (issue 13): each is
#               measured at each size, beside the peer, e.g.
#               KHABAR_CMD="clean -q; cluster -q; extract -q; digest -q --format json"
#   SIZES       which inputs to run (default "1k 11k 110k")
#   PEER_ARGS   extra arguments for peer.py (default none: cosine 0.5, window 3 days, Jaccard 0.7)
#   SCRATCH     SwiftPM scratch path for the release build (default .build)
#   D1_DIR      stories-dev folder for --score (default ../shared/data/stories-dev)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peer_dir="$repo/bench/stories-peer"
venv="$repo/.venv-stories-peer"
runs="${RUNS:-3}"
slow_s="${SLOW_S:-150}"
khabar_cmd="${KHABAR_CMD:-cluster --format jsonl}"
sizes="${SIZES:-1k 11k 110k}"
IFS=';' read -r -a khabar_cmds <<<"$khabar_cmd"
read -r -a khabar_args <<<"${khabar_cmds[0]}"
read -r -a peer_args <<<"${PEER_ARGS:-}"

score=0
if [ "${1:-}" = "--score" ]; then score=1; shift; fi
data="${1:-$repo/../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz}"
d1="${D1_DIR:-$repo/../shared/data/stories-dev}"

say() { echo "bench-stories: $*" >&2; }

# --- tools ---------------------------------------------------------------------------------

if [ ! -x /usr/bin/time ]; then
    say "installing GNU time"
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq time >/dev/null
fi

source "$repo/scripts/lib/khabar-bin.sh"

# The peer's own virtualenv; reinstalled when requirements.txt changes (a copy is kept inside).
if ! cmp -s "$peer_dir/requirements.txt" "$venv/requirements.txt" 2>/dev/null; then
    say "making $venv…"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --upgrade pip >&2
    "$venv/bin/python" -m pip install -q -r "$peer_dir/requirements.txt" >&2
    cp "$peer_dir/requirements.txt" "$venv/requirements.txt"
fi
py="$venv/bin/python"
export PYTHONHASHSEED=0     # the peer pins it anyway; set here so that it need not re-execute

tmp="$(mktemp -d "${TMPDIR:-/tmp}/bench-stories.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# --- quality -------------------------------------------------------------------------------

if [ "$score" = 1 ]; then
    articles="$d1/d1-articles.jsonl"
    gold="$d1/d1-gold.json"
    [ -f "$articles" ] && [ -f "$gold" ] || { say "stories-dev files missing under $d1"; exit 2; }
    say "khabar ${khabar_args[*]} on d1…"
    "$bin" "${khabar_args[@]}" "$articles" >"$tmp/khabar-d1.jsonl" || [ $? = 1 ]   # 1: some records rejected
    say "peer on d1…"
    "$py" "$peer_dir/peer.py" "${peer_args[@]}" "$articles" >"$tmp/peer-d1.jsonl"
    echo "B-cubed on stories-dev d1 ($(wc -l <"$articles") articles):"
    for sys in khabar peer; do
        if s="$(python3 "$repo/../shared/tools/bcubed.py" "$gold" "$tmp/$sys-d1.jsonl" 2>/dev/null)"; then
            echo "  $sys: $s"
        else
            echo "  $sys: not scorable (its output has no article/story lines)"
        fi
    done
    echo "  (peer arguments: ${PEER_ARGS:-none, so cosine 0.5 (fixed by principle, not on d1), window 3 days, Jaccard 0.7})"
    exit 0
fi

# --- speed ---------------------------------------------------------------------------------

[ -f "$data" ] || { say "the SaudiNewsNet file is missing: $data"; exit 2; }
say "writing the 1k / 11k / 110k inputs to $tmp…"
python3 "$peer_dir/replay.py" "$data" "$tmp/1k.jsonl" --first 1000
python3 "$peer_dir/replay.py" "$data" "$tmp/11k.jsonl"
case " $sizes " in *" 110k "*) python3 "$peer_dir/replay.py" "$data" "$tmp/110k.jsonl" --times 10 ;; esac

results="$tmp/results.tsv"
: >"$results"

# measure SIZE SYSTEM COMMAND...: RUNS runs (one if the first is slower than SLOW_S)
measure() {
    local size="$1" system="$2"; shift 2
    local n=0 s kb rc
    while [ "$n" -lt "$runs" ]; do
        n=$((n + 1))
        rc=0
        /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr" || rc=$?
        # khabar exits 1 when some records were unreadable (e.g. an empty "text") and goes on with
        # the rest; that is a normal run here. Anything else is a failure.
        if [ "$rc" -gt 1 ] || { [ "$rc" = 1 ] && [ "$system" = peer ]; }; then
            say "$system failed on $size (exit $rc):"; tail -5 "$tmp/stderr" >&2; exit 1
        fi
        if [ "$rc" = 1 ] && [ "$n" = 1 ]; then
            say "khabar on $size: exit 1, $(tail -1 "$tmp/stderr")"
        fi
        read -r s kb < <(tail -1 "$tmp/time")
        printf '%s\t%s\t%s\t%s\n' "$size" "$system" "$s" "$kb" >>"$results"
        say "$size $system run $n: $s s, $((kb / 1024)) MB"
        if [ "$n" = 1 ] && [ "$runs" -gt 1 ] && awk -v s="$s" -v m="$slow_s" 'BEGIN { exit !(s > m) }'; then
            say "$system on $size took more than ${slow_s} s: one run only"
            break
        fi
    done
}

for size in $sizes; do
    file="$tmp/$size.jsonl"
    for cmd in "${khabar_cmds[@]}"; do
        read -r -a args <<<"$cmd"
        system=khabar
        [ "${#khabar_cmds[@]}" -gt 1 ] && system="khabar ${args[0]}"
        measure "$size" "$system" "$bin" "${args[@]}" "$file"
    done
    measure "$size" peer "$py" "$peer_dir/peer.py" "${peer_args[@]}" "$file"
done

# Markdown table. Articles are the input's records, the same count for both systems (records that
# khabar rejects, such as an empty "text", still count as read).
python3 - "$results" "$tmp" "$khabar_cmd" "$runs" "$sizes" <<'EOF'
import statistics, sys
results, tmp, khabar_cmd, runs, sizes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5].split()
articles = {s: sum(1 for l in open(f"{tmp}/{s}.jsonl") if l.strip()) for s in sizes}
rows = {}
systems = []
for line in open(results):
    size, system, sec, kb = line.rstrip("\n").split("\t")
    rows.setdefault((size, system), []).append((float(sec), int(kb)))
    if system not in systems:
        systems.append(system)
stages = len([s for s in systems if s != "peer"]) > 1

stat = {}
for (size, system), rs in rows.items():
    sec = statistics.median(r[0] for r in rs)
    stat[size, system] = dict(runs=len(rs), sec=sec, aps=articles[size] / sec,
                              us=sec / articles[size] * 1e6, rss=max(r[1] for r in rs) / 1024)

if stages:
    what = "The stages `khabar " + "`, `khabar ".join(c.strip() for c in khabar_cmd.split(";")) + "`"
else:
    what = f"`khabar {khabar_cmd} FILE`"
print(f"{what} vs the Python peer (bench/stories-peer), release build, "
      f"median of {runs} runs unless the runs column says otherwise; peak RSS is the largest of the runs.\n")
print("| size | articles | system | runs | median s | articles/s | µs/article | peak RSS MB | clustering vs the peer |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
for size in sizes:
    for system in systems:
        st = stat[size, system]
        # The peer only clusters: only clustering is compared with it.
        compared = system == "khabar cluster" or (system == "khabar" and not stages)
        up = f"{st['aps'] / stat[size, 'peer']['aps']:.1f}×" if compared else ""
        print(f"| {size} | {articles[size]:,} | {system} | {st['runs']} | {st['sec']:.2f} | {st['aps']:,.0f} | "
              f"{st['us']:,.1f} | {st['rss']:,.0f} | {up} |")
print()
if "11k" in sizes:
    # Flat cost: issue 13 asks within ±20 % of the 11k figure per stage (issue 3 asked ±30 % of clustering).
    limit = 0.20 if stages else 0.30
    for system in systems:
        us = [stat[s, system]["us"] for s in sizes]
        ref = stat["11k", system]["us"]
        # Issue 13 measures 110k against 11k (1k is mostly start-up); issue 3 every size.
        judged = [stat["110k", system]["us"]] if stages and "110k" in sizes else us
        dev = max(abs(u / ref - 1) for u in judged)
        verdict = "flat" if dev <= limit else "NOT flat"
        print(f"- {system}: cost per article {' / '.join(f'{u:,.1f}' for u in us)} µs at {' / '.join(sizes)}: "
              f"{verdict} within ±{limit * 100:.0f} % (largest deviation from 11k: {dev * 100:.0f} %)"
              + (f"; peak RSS at 110k {stat['110k', system]['rss'] / stat['11k', system]['rss']:.1f}× the 11k figure"
                 if stages and "110k" in sizes else ""))
if not stages:
    ups = [stat[s, "khabar"]["aps"] / stat[s, "peer"]["aps"] for s in sizes]
    print(f"- khabar ≥ 50× the peer's articles/s: {'yes' if min(ups) >= 50 else 'no'} "
          f"({' / '.join(f'{u:.1f}×' for u in ups)} at {' / '.join(sizes)})")
EOF
