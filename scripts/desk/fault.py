"""The desk's 'nothing lost' fault test: ingests a JSON Lines file over HTTP in batches while a
killer thread sends SIGKILL to the server at random moments (and the client restarts it). Then:
every article whose POST was answered 2xx is in the store exactly once, every stored row is whole,
and re-sending the batches that got no answer completes the set.

usage: fault.py KHABAR_BIN ARTICLES.jsonl[.xz] WORKDIR [--kills 20] [--batch 50] [--limit N] [--seed S]"""
import argparse
import json
import os
import random
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from client import Desk, fresh_store, read_jsonl  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("articles")
    ap.add_argument("workdir")
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    lines = read_jsonl(args.articles, args.limit)
    batches = [lines[i:i + args.batch] for i in range(0, len(lines), args.batch)]
    # Records without text are answered "failed" (no article in them) and never stored.
    expected_ids = {r["id"] for r in map(json.loads, lines) if (r.get("text") or "").strip()}

    db = fresh_store(args.workdir, "fault.db")
    desk = Desk(args.binary, db, log=os.path.join(args.workdir, "server.log"))
    desk.start()
    rng = random.Random(args.seed)
    kills = []
    lock = threading.Lock()
    done = threading.Event()

    def killer():
        # Random moments while the ingest runs; a kill only once the desk has finished its replay.
        while len(kills) < args.kills and not done.is_set():
            time.sleep(rng.uniform(0.2, 1.5))
            with lock:
                if done.is_set():
                    return
                try:
                    if desk.get("/health", timeout=2)["status"] != "ok":
                        continue
                except OSError:
                    continue
                desk.kill9()
                kills.append(time.monotonic())
                desk.start()

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    answered, unanswered = [], []
    started = time.monotonic()
    for batch in batches:
        try:
            status, result = desk.post_articles(batch, timeout=300)
        except OSError:
            status, result = None, None
        if status == 200:
            answered.append((batch, result))
        else:
            unanswered.append(batch)
            # Wait until a server is back before the next batch.
            for _ in range(600):
                try:
                    desk.get("/health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
    done.set()
    thread.join()
    ingest_seconds = time.monotonic() - started
    with lock:
        desk.stop()

    # Check the store directly (read-only) after the last kill.
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute("SELECT id, story, clean FROM article LEFT JOIN article_text USING (seq)").fetchall()
    ids = [r[0] for r in rows]
    whole = sum(1 for r in rows if r[2] is not None and json.loads(r[2]).get("id") == r[0])
    stories = {r[0] for r in con.execute("SELECT id FROM story")}
    orphans = sum(1 for r in rows if r[1] not in stories)
    # Search rows (read from FTS5's own size table: Python's sqlite3 lacks Khabar's tokenizer);
    # a re-post of a stored text has none of its own.
    fts = con.execute("SELECT count(*) FROM article_search_docsize").fetchone()[0]
    searchable = con.execute("SELECT count(*) FROM article WHERE same_as IS NULL").fetchone()[0]
    con.close()
    stored_ids = set(ids)
    acknowledged = set()
    for batch, result in answered:
        for a in result["articles"]:
            if a["status"] in ("stored", "already_stored", "same_text"):
                acknowledged.add(a["id"])
    missing = acknowledged - stored_ids
    print(f"{len(lines)} records ({len(expected_ids)} with text) in {len(batches)} batches of {args.batch}; {len(kills)} kill -9 during {ingest_seconds:.1f} s")
    print(f"answered 2xx: {len(answered)} batches ({len(acknowledged)} articles acknowledged); no answer: {len(unanswered)} batches")
    print(f"store: {len(ids)} rows, {len(stored_ids)} distinct ids, {whole} whole rows, {orphans} rows without their story, "
          f"{fts} search rows for {searchable} searchable articles")
    print(f"acknowledged but missing from the store: {len(missing)}")

    # Re-send what got no answer; then every article of the file is in the store.
    desk.start()
    desk.wait_ready()
    resent = 0
    for batch in unanswered:
        status, result = desk.post_articles(batch, timeout=300)
        if status != 200:
            print(f"re-send answered {status}: {result}")
        resent += len(batch)
    health = desk.get("/health")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    final_ids = [r[0] for r in con.execute("SELECT id FROM article")]
    con.close()
    desk.stop()
    # Articles with the same text as another are stored once under the first id (by design).
    absent = expected_ids - set(final_ids)
    absent_same_text = 0
    if absent:
        desk.start()
        desk.wait_ready()
        by_id = {json.loads(l)["id"]: l for l in lines}
        status, result = desk.post_articles([by_id[a] for a in sorted(absent)])
        absent_same_text = sum(1 for a in result.get("articles", []) if a["status"] == "already_stored")
        desk.stop()
    print(f"re-sent {resent} articles; store now {len(final_ids)} rows ({len(set(final_ids))} distinct), health {health['articles']}")
    print(f"articles of the file not stored under their own id: {len(absent)} ({absent_same_text} of them the same text as a stored article)")
    ok = (not missing and len(ids) == len(stored_ids) and whole == len(ids) and orphans == 0 and fts == searchable
          and len(final_ids) == len(set(final_ids)) and len(absent) == absent_same_text and len(kills) == args.kills)
    print("fault check:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
