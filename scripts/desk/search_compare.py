"""Khabar's search against FTS5's stock unicode61 tokenizer on the same articles and queries:
for each query, the articles each finds and what Khabar finds that unicode61 misses (with one
example word from the text). Builds the unicode61 index itself in a temporary SQLite file from a
desk store's articles; Khabar's side is `khabar search`.

usage: search_compare.py KHABAR_BIN STORE.db"""
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

# Each line: the query, and what it tests.
QUERIES = [
    ("الرئيس", "definite article"), ("والرئيس", "و + article"), ("رئيس", "bare stem"), ("للرئيس", "لل"),
    ("أمير", "hamza on alef"), ("امير", "alef without hamza"), ("إيران", "hamza below"),
    ("القاهرة", "ta marbuta"), ("القاهره", "ha for ta marbuta"), ("مصطفى", "alef maqsura"), ("مصطفي", "ya for alef maqsura"),
    ("مُحَمَّد", "harakat in the query"), ("محمد", "plain"), ("السعوديـــة", "tatweel"),
    ("٢٠١٥", "Arabic-Indic digits"), ("2015", "ASCII digits"), ("بالرياض", "ب + article"), ("الرياض", "article"),
    ("وزير الخارجية", "two words"), ("الحوثيين", "plural suffix"), ("حوثي", "singular"),
    ("\"", "a lone quote"), ("NEAR(", "an FTS5 operator"), ("اليمن -", "trailing minus"), ("(عدن", "unbalanced bracket"),
]


def khabar_articles(binary, db, query):
    """Every article Khabar's search finds (all pages of stories)."""
    found, offset, expanded = set(), 0, []
    while True:
        out = subprocess.run([binary, "search", "--db", db, "--limit", "100", "--offset", str(offset), query],
                             capture_output=True, text=True)
        if out.returncode != 0:
            return None, out.stderr.strip()
        result = json.loads(out.stdout)
        expanded = result.get("expanded", [])
        found |= {a for story in result["stories"] for a in story["articles"]}
        offset += 100
        if offset >= result["total"]:
            return found, expanded


def main():
    binary, db = sys.argv[1], sys.argv[2]
    source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = [(r[0], json.loads(r[1])) for r in source.execute("SELECT id, clean FROM article JOIN article_text USING (seq) WHERE same_as IS NULL")]
    tmp = tempfile.mkdtemp()
    u61 = sqlite3.connect(os.path.join(tmp, "unicode61.db"))
    u61.execute("CREATE VIRTUAL TABLE s USING fts5(id UNINDEXED, title, body, tokenize='unicode61')")
    u61.executemany("INSERT INTO s VALUES (?, ?, ?)",
                    [(i, c.get("title") or "", "\n\n".join(c.get("paragraphs", []))) for i, c in rows])
    u61.commit()
    bodies = {i: (c.get("title") or "") + " " + " ".join(c.get("paragraphs", [])) for i, c in rows}
    print(f"{len(rows)} articles\n")
    print("| query | tests | unicode61 | Khabar | Khabar finds, unicode61 misses | e.g. |")
    print("|---|---|---:|---:|---:|---|")
    for query, what in QUERIES:
        # unicode61 gets the query as a quoted phrase per word (its best case: no operator errors).
        words = [w for w in re.split(r"\s+", query) if w]
        expr = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        try:
            found_u = {r[0] for r in u61.execute("SELECT id FROM s WHERE s MATCH ?", (expr,))} if words else set()
            raw_error = None
            try:
                u61.execute("SELECT count(*) FROM s WHERE s MATCH ?", (query,)).fetchone()
            except sqlite3.OperationalError as e:
                raw_error = str(e)
        except sqlite3.OperationalError as e:
            found_u, raw_error = set(), str(e)
        found_k, expanded = khabar_articles(binary, db, query)
        if found_k is None:
            print(f"| {query} | {what} | {len(found_u)} | error: {expanded} | | |")
            continue
        extra = found_k - found_u
        example = ""
        if extra:
            text = bodies.get(sorted(extra)[0], "")
            stem = words[-1].strip('"()-') if words else ""
            m = re.search(r"\S*" + re.escape(stem[-3:]) + r"\S*", text) if len(stem) >= 3 else None
            example = m.group(0) if m else ""
        note = f" (raw query in unicode61: {raw_error})" if raw_error else ""
        print(f"| `{query}` | {what}{note} | {len(found_u)} | {len(found_k)} | {len(extra)} | {example} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
