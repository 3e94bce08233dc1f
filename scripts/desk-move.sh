#!/usr/bin/env bash
# Moving a desk from SQLite to PostgreSQL (issue 12): ingest a file into a SQLite store, `khabar
# export` it, `khabar import` the export into a fresh PostgreSQL schema, then compare the two stores:
# every article's arrival number, story, duplicate and re-post (both exported again), the story
# list, and 40 searches (stories, scores, articles, snippets). Prints the differences and PASS/FAIL.
# usage: scripts/desk-move.sh [ARTICLES] (default: the SaudiNewsNet week). KHABAR_BIN skips the
# build; WORK sets the work folder; PostgreSQL is started by scripts/postgres.sh.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
say() { echo "desk-move: $*" >&2; }
. "$repo/scripts/lib/khabar-bin.sh"
articles="${1:-$repo/../shared/data/saudinewsnet/articles-2015-08-01-to-08.jsonl.xz}"
work="${WORK:-/tmp/khabar-desk-move}"
mkdir -p "$work"
base="${KHABAR_POSTGRES:-$("$repo/scripts/postgres.sh")}"
schema="khabar_move_$$"
pg="$base?schema=$schema"
trap 'psql -q "$base" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true' EXIT
rm -f "$work/source.db" "$work/source.db-wal" "$work/source.db-shm"

say "ingesting $(basename "$articles") into SQLite"
t0=$(date +%s.%N)
"$bin" ingest -q --db "$work/source.db" "$articles" > "$work/ingest.jsonl" 2>&1 || true   # records with no text are reported, not fatal
t1=$(date +%s.%N)
"$bin" export --db "$work/source.db" -o "$work/export.jsonl"
t2=$(date +%s.%N)
say "importing $(wc -l < "$work/export.jsonl") articles into PostgreSQL"
"$bin" import --db "$pg" "$work/export.jsonl" >&2
t3=$(date +%s.%N)
"$bin" export --db "$pg" -o "$work/export-again.jsonl"
printf 'ingest into SQLite %.1f s, export %.1f s, import into PostgreSQL %.1f s\n' \
  "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "$t3 - $t2" | bc)"

exec python3 - "$bin" "$work/source.db" "$pg" "$work/export.jsonl" "$work/export-again.jsonl" <<'EOF'
import json, subprocess, sys
binary, lite, pg, first, again = sys.argv[1:]

def placements(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            rows.append((o["seq"], o["article"]["id"], o["story"], o["received"]))
    return rows

a, b = placements(first), placements(again)
same_rows = a == b
print(f"articles: {len(a)} in SQLite, {len(b)} in PostgreSQL; arrival order, ids, stories and arrival times identical: {same_rows}")
words = ["المملكة", "الحوثيين", "عدن", "الهلال", "النصر", "داعش", "إيران", "الملك سلمان", "ولي العهد", "الأمطار", "الحج",
         "مكة المكرمة", "جدة", "الدمام", "أوباما", "بوتين", "تركيا", "سوريا", "الأسد", "مجلس الأمن", "الأمم المتحدة", "النفط",
         "أسعار النفط", "البورصة", "الطلاب", "وزارة التعليم", "الصحة", "كورونا", "المستشفى", "الأهلي", "الاتحاد", "التعاون",
         "الجامعة", "الشرطة", "المخدرات", "الإرهاب", "تفجير", "القطيف", "نجران", "جازان"]
differ = []
for w in words:
    out = [json.loads(subprocess.run([binary, "search", "--db", db, "--limit", "20", w], capture_output=True, text=True, check=True).stdout)
           for db in (lite, pg)]
    if out[0] != out[1]:
        differ.append(w)
print(f"searches identical (stories and headlines, scores, articles, snippets, totals): {len(words) - len(differ)}/{len(words)}"
      + (f"; differing: {differ}" if differ else ""))
ok = same_rows and not differ and len(a) > 0
print("move check:", "PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
EOF
