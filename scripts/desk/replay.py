"""The desk's 'same stories as the batch' check: replays a JSON Lines file through
POST /api/articles one article at a time, kills the server with SIGKILL at the given points and
restarts it, then compares each article's story with `khabar cluster` on the same file (B-cubed
between the two, via ../shared/tools/bcubed.py) and every story's digest with `khabar digest`.

With --db postgresql://… and --workers N, N servers share one PostgreSQL store (a schema of its
own, dropped at the end): article i goes to worker i mod N, each kill -9 hits a worker while its
POST is in flight (the article is sent again to another worker), and the check adds that nothing
was lost or stored twice and that every worker serves the same stories.

usage: replay.py KHABAR_BIN ARTICLES.jsonl WORKDIR [--kills N] [--seed S] [--db URL --workers N]"""
import argparse
import json
import os
import random
import subprocess
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
    ap.add_argument("--kills", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--bcubed", default=os.path.join(os.path.dirname(__file__), "../../../shared/tools/bcubed.py"))
    ap.add_argument("--db", help="a PostgreSQL URL (default: a SQLite file in WORKDIR)")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    if args.workers > 1 and not args.db:
        ap.error("--workers needs --db postgresql://…")
    lines = read_jsonl(args.articles)
    ids = [json.loads(line)["id"] for line in lines]
    rng = random.Random(args.seed)
    kill_points = sorted(rng.sample(range(1, len(lines)), args.kills))
    print(f"replaying {len(lines)} articles one at a time; kill -9 after articles {kill_points}")

    schema = None
    if args.db:
        schema = f"khabar_replay_{os.getpid()}"
        db = args.db + ("&" if "?" in args.db else "?") + f"schema={schema}"
        os.makedirs(args.workdir, exist_ok=True)
    else:
        db = fresh_store(args.workdir, "replay.db")
    desks = [Desk(args.binary, db, log=os.path.join(args.workdir, f"server-{k}.log")) for k in range(args.workers)]
    for d in desks:
        d.start()
        d.wait_ready()
    desk = desks[0]
    answered = {}
    kills = 0
    i = 0
    try:
        while i < len(lines):
            worker = desks[i % len(desks)]
            if kill_points and i + 1 == kill_points[0] and len(desks) > 1:
                # Several workers: kill this one while its POST is in flight, send the article
                # again to the next worker, and restart the dead one.
                kill_points.pop(0)
                result = {}
                def post():
                    try:
                        result["answer"] = worker.post_articles([lines[i]])
                    except OSError as e:
                        result["error"] = e
                sender = threading.Thread(target=post)
                sender.start()
                time.sleep(rng.uniform(0.0, 0.3))
                worker.kill9()
                kills += 1
                sender.join()
                status, answer = result.get("answer", (None, None))
                if status != 200:
                    status, answer = desks[(i + 1) % len(desks)].post_articles([lines[i]])
                    print(f"  killed worker {i % len(desks)} with article {i + 1} in flight; sent again to another: {answer['articles'][0]['status']}")
                else:
                    print(f"  killed worker {i % len(desks)} just after it answered article {i + 1}")
                if status != 200:
                    raise RuntimeError(f"article {ids[i]}: POST answered {status}: {answer}")
                answered[ids[i]] = answer["articles"][0]
                i += 1
                restart = worker.start()
                ready = worker.wait_ready()
                print(f"  worker serving again in {restart:.2f} s, ready to ingest {ready:.2f} s later")
                continue
            try:
                status, result = worker.post_articles([lines[i]])
            except OSError:
                status, result = None, None
            if status != 200:
                raise RuntimeError(f"article {ids[i]}: POST answered {status}: {result}")
            answered[ids[i]] = result["articles"][0]
            i += 1
            if kill_points and i == kill_points[0] and len(desks) == 1:
                kill_points.pop(0)
                desk.kill9()
                kills += 1
                restart = desk.start()
                ready = desk.wait_ready()
                print(f"  killed after {i}; serving again in {restart:.2f} s, ready to ingest {ready:.2f} s later")
        # Let the debounced digests settle.
        deadline = time.monotonic() + 180
        def settled(d):
            h = d.get("/health")
            return h["stale_digests"] == 0 and h.get("stale_in_store", 0) == 0 and h.get("queued", 0) == 0
        while not all(settled(d) for d in desks) and time.monotonic() < deadline:
            time.sleep(0.2)
        stored = {a: desk.get(f"/api/articles/{a}") for a in ids}
        health = desk.get("/health")
        distinct = len(set(ids))
        once = health["articles"] == distinct and len({stored[a]["seq"] for a in set(ids)}) == distinct if "seq" in stored[ids[0]] \
            else health["articles"] == distinct
        print(f"{len(desks)} worker(s), {kills} kill -9: {distinct} distinct ids sent, {health['articles']} stored"
              f" ({'nothing lost, nothing twice' if once else 'MISMATCH'})")
        same_text = sum(1 for a in ids if answered[a]["status"] == "same_text")
        print(f"stored {len(stored)} (of which {same_text} re-posts of a stored text under a new id, kept as pointers)")
        pred = os.path.join(args.workdir, "desk.jsonl")
        with open(pred, "w") as f:
            for a in ids:
                f.write(json.dumps({"article": a, "story": stored[a]["story"]}) + "\n")

        # The batch: khabar cluster, turned into the scorer's gold format.
        batch = subprocess.run([args.binary, "cluster", "-q", args.articles], capture_output=True, text=True, check=True)
        groups = {}
        for line in batch.stdout.splitlines():
            row = json.loads(line)
            groups.setdefault(row["story"], []).append(row["article"])
        gold = os.path.join(args.workdir, "batch-as-gold.json")
        with open(gold, "w") as f:
            json.dump({"events": [{"event": str(k), "docnos": v} for k, v in groups.items()]}, f)
        score = subprocess.run([sys.executable, args.bcubed, gold, pred], capture_output=True, text=True)
        print(score.stdout.strip() or score.stderr.strip())
        same_ids = all(str(stored[a]["story"]) == str(s) for s, members in groups.items() for a in members)
        print(f"story ids identical to khabar cluster: {same_ids}")

        # Digests: every story's digest against khabar digest's (importance aside: it decays with
        # the time of the newest article seen when the digest was made).
        full = json.loads(subprocess.run([args.binary, "digest", "--format", "json", "-q", args.articles],
                                         capture_output=True, text=True, check=True).stdout)
        batch_stories = {s["id"]: s for s in full["stories"]}
        differing = []
        for sid, story in batch_stories.items():
            mine = desk.get(f"/api/stories/{sid}")["stories"][0]
            for s in (mine, story):
                s.pop("importance", None)
            if mine != story:
                differing.append(sid)
        print(f"digests identical to khabar digest (importance aside): {len(batch_stories) - len(differing)}/{len(batch_stories)}"
              + (f"; differing: {differing[:10]}" if differing else ""))
        # Every worker serves the same, latest stories.
        agree = True
        for other in desks[1:]:
            for sid in batch_stories:
                if other.get(f"/api/stories/{sid}") != desk.get(f"/api/stories/{sid}"):
                    agree = False
                    print(f"workers disagree on story {sid}")
                    break
        if len(desks) > 1:
            print(f"every worker serves the same stories: {agree}")
        ok = same_ids and not differing and once and agree
        print("replay check:", "PASS" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        for d in desks:
            d.stop()
        if schema:
            base = args.db.split("?")[0]
            subprocess.run(["psql", "-q", base, "-c", f"DROP SCHEMA IF EXISTS {schema} CASCADE"], capture_output=True)


if __name__ == "__main__":
    sys.exit(main())
