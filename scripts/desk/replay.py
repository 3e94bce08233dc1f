"""The desk's 'same stories as the batch' check: replays a JSON Lines file through
POST /api/articles one article at a time, kills the server with SIGKILL at the given points and
restarts it, then compares each article's story with `khabar cluster` on the same file (B-cubed
between the two, via ../shared/tools/bcubed.py) and every story's digest with `khabar digest`.

usage: replay.py KHABAR_BIN ARTICLES.jsonl WORKDIR [--kills N] [--seed S]"""
import argparse
import json
import os
import random
import subprocess
import sys
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
    args = ap.parse_args()
    lines = read_jsonl(args.articles)
    ids = [json.loads(line)["id"] for line in lines]
    rng = random.Random(args.seed)
    kill_points = sorted(rng.sample(range(1, len(lines)), args.kills))
    print(f"replaying {len(lines)} articles one at a time; kill -9 after articles {kill_points}")

    db = fresh_store(args.workdir, "replay.db")
    desk = Desk(args.binary, db, log=os.path.join(args.workdir, "server.log"))
    desk.start()
    answered = {}
    i = 0
    try:
        while i < len(lines):
            try:
                status, result = desk.post_articles([lines[i]])
            except OSError:
                status, result = None, None
            if status != 200:
                raise RuntimeError(f"article {ids[i]}: POST answered {status}: {result}")
            answered[ids[i]] = result["articles"][0]
            i += 1
            if kill_points and i == kill_points[0]:
                kill_points.pop(0)
                desk.kill9()
                restart = desk.start()
                ready = desk.wait_ready()
                print(f"  killed after {i}; serving again in {restart:.2f} s, ready to ingest {ready:.2f} s later")
        # Let the debounced digests settle.
        deadline = time.monotonic() + 120
        while desk.get("/health")["stale_digests"] > 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        stored = {a: desk.get(f"/api/articles/{a}") for a in ids}
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
        ok = same_ids and not differing
        print("replay check:", "PASS" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        desk.stop()


if __name__ == "__main__":
    sys.exit(main())
