"""The desk's throughput and latency benchmark (release build): ingests a JSON Lines file over
HTTP in batches, measures how long a story page lags behind a POST, runs `wrk` on a story page and
a search during the ingest and after it, restarts the server (kill -9) and times it back, and
reports store size per article and the server's peak RSS — one Markdown table on stdout.

usage: bench.py KHABAR_BIN ARTICLES.jsonl[.xz] WORKDIR [--batch 500] [--posters 2] [--runs 3] [--limit N] [--wrk-seconds 10]

--posters: connections posting batches at once (as several feeds or clients would); the desk
prepares one batch while it places another."""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from client import Desk, fresh_store, read_jsonl  # noqa: E402

SEARCHES = ["السعودية", "وزير الخارجية", "الرياض", "اليمن", "أمير"]
# Words of every frequency, from the commonest to rare names, for searches timed uncached.
UNCACHED = ["المملكة", "الحوثيين", "عدن", "الهلال", "النصر", "داعش", "إيران", "الملك سلمان", "ولي العهد",
            "الأمطار", "الحج", "مكة المكرمة", "جدة", "الدمام", "أوباما", "بوتين", "تركيا", "سوريا", "الأسد",
            "مجلس الأمن", "الأمم المتحدة", "النفط", "أسعار النفط", "البورصة", "الطلاب", "وزارة التعليم",
            "الصحة", "كورونا", "المستشفى", "الأهلي", "الاتحاد", "التعاون", "الجامعة", "الشرطة", "المخدرات",
            "الإرهاب", "تفجير", "القطيف", "نجران", "جازان"]


def wrk(url, seconds, threads=2, connections=8):
    """Runs wrk against our own server; returns (requests/s, p50 ms, p99 ms, non-2xx)."""
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, timeout=seconds + 60).stdout

    def ms(label):
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return None
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return (float(rps.group(1)) if rps else 0.0, ms("50"), ms("99"), int(errors.group(1)) if errors else 0)


def ingest(desk, batches, posters, wrk_seconds, with_reads):
    """Posts the batches over `posters` connections; a prober measures the lag beside them; with
    `with_reads`, wrk runs on a story, its page and a search once a third of the file is in.
    Returns (seconds to post, articles stored, lags, wrk results, seconds until all digests fresh)."""
    lags, during, answered, probed, failures = [], {}, [], set(), []
    lock = threading.Lock()
    next_batch = [0]
    stored = 0
    loader = None

    def load_during():
        story = desk.get("/api/stories?limit=1")["stories"][0]["id"]
        q = urllib.parse.quote(SEARCHES[0])
        during["story"] = wrk(f"{desk.base}/api/stories/{story}", wrk_seconds)
        during["page"] = wrk(f"{desk.base}/stories/{story}", wrk_seconds)
        during["search"] = wrk(f"{desk.base}/api/search?q={q}", wrk_seconds)

    def post_batches():
        nonlocal stored, loader
        while not failures:
            with lock:
                k = next_batch[0]
                next_batch[0] += 1
            if k >= len(batches):
                return
            status, result = desk.post_articles(batches[k], timeout=600)
            if status != 200:
                failures.append(f"batch {k}: {status} {result}")
                return
            probe = next((a for a in result["articles"] if a["status"] == "stored"), None)
            with lock:
                stored += result["stored"]
                if probe:
                    answered.append((time.monotonic(), probe["id"], probe["story"]))
                if with_reads and loader is None and k >= len(batches) // 3:
                    loader = threading.Thread(target=load_during)
                    loader.start()

    def probe_lags():
        """From a POST's answer to the first moment its story's digest lists the article: one probe
        at a time, each on the latest answered article; never holds the posters up."""
        while True:
            with lock:
                done = not any(p.is_alive() for p in threads)
                latest = answered[-1] if answered else None
            if latest is None or latest[1] in probed:
                if done:
                    return
                time.sleep(0.05)
                continue
            answered_at, article, story = latest
            probed.add(article)
            while time.monotonic() - answered_at < 120:
                digest = desk.get(f"/api/stories/{story}")["stories"][0]
                if "summary" in digest and article in digest["articles"]:
                    lags.append(time.monotonic() - answered_at)
                    break
                time.sleep(0.02)

    started = time.monotonic()
    threads = [threading.Thread(target=post_batches) for _ in range(posters)]
    for t in threads:
        t.start()
    prober = threading.Thread(target=probe_lags)
    prober.start()
    for t in threads:
        t.join()
    seconds = time.monotonic() - started
    if failures:
        raise RuntimeError(failures[0])
    prober.join()
    if loader:
        loader.join()
    deadline = time.monotonic() + 300
    while desk.get("/health")["stale_digests"] > 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    return seconds, stored, sorted(lags), during, time.monotonic() - started


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("articles")
    ap.add_argument("workdir")
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--posters", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3, help="ingests alone, each into a fresh store (the median counts)")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--wrk-seconds", type=int, default=10)
    args = ap.parse_args()
    lines = read_jsonl(args.articles, args.limit)
    batches = [lines[i:i + args.batch] for i in range(0, len(lines), args.batch)]

    # 1. The ingest alone, `runs` times into fresh stores: throughput and lag (the median run counts).
    alone_runs = []
    for run in range(args.runs):
        quiet = Desk(args.binary, fresh_store(args.workdir, "bench-quiet.db"), log=os.path.join(args.workdir, "server-quiet.log"))
        quiet.start()
        try:
            alone_runs.append((ingest(quiet, batches, args.posters, args.wrk_seconds, with_reads=False), quiet.peak_rss_kb()))
        finally:
            quiet.stop()
    alone_runs.sort(key=lambda r: r[0][0])
    alone, rss_alone = alone_runs[len(alone_runs) // 2]

    # 2. The ingest again into a fresh store with wrk reading beside it; then reads at the full sample.
    db = fresh_store(args.workdir, "bench.db")
    desk = Desk(args.binary, db, log=os.path.join(args.workdir, "server.log"))
    desk.start()
    try:
        # The three wrk runs fit in the last two thirds of the ingest (as long as it took alone).
        during_seconds = max(2, int(alone[0] * 0.6 / 3))
        loaded = ingest(desk, batches, args.posters, during_seconds, with_reads=True)
        during = loaded[3]
        health = desk.get("/health")
        rss_ingest = desk.peak_rss_kb()

        # At the full sample, no ingest.
        top = desk.get("/api/stories?limit=1")["stories"][0]["id"]
        after_story = wrk(f"{desk.base}/api/stories/{top}", args.wrk_seconds)
        after_page = wrk(f"{desk.base}/stories/{top}", args.wrk_seconds)
        after_search = [wrk(f"{desk.base}/api/search?q={urllib.parse.quote(q)}", max(3, args.wrk_seconds // 2)) for q in SEARCHES]
        after_front = wrk(f"{desk.base}/", args.wrk_seconds)
        # Searches the cache has not seen: each of these words once, one after another.
        uncached = []
        for word in UNCACHED:
            t0 = time.monotonic()
            desk.get(f"/api/search?q={urllib.parse.quote(word)}")
            uncached.append((time.monotonic() - t0) * 1000)
        uncached.sort()
        # Story pages the cache has not seen: the 40 most important stories, once each.
        pages = []
        for story in desk.get("/api/stories?limit=40")["stories"]:
            t0 = time.monotonic()
            desk.request("GET", f"/stories/{story['id']}")
            pages.append((time.monotonic() - t0) * 1000)
        pages.sort()

        # Restart after kill -9.
        desk.kill9()
        serving = desk.start()
        ready = desk.wait_ready()
        store_bytes = sum(os.path.getsize(db + s) for s in ("", "-wal", "-shm") if os.path.exists(db + s))
    finally:
        desk.stop()

    def lat(r):
        return f"{r[0]:.0f} req/s, p50 {r[1]:.1f} ms, p99 {r[2]:.1f} ms" + (f", {r[3]} non-2xx" if r[3] else "")

    print(f"| measure | value |\n|---|---|")
    if len(alone_runs) > 1:
        rates = ", ".join(f"{len(lines) / r[0][0]:.0f}" for r in alone_runs)
        print(f"| ingest over HTTP alone, {len(alone_runs)} runs (articles/s, slowest first) | {rates} |")
    for label, (seconds, stored, lags, _, settled) in ((f"alone (median run)", alone), ("with wrk reading beside it", loaded)):
        print(f"| ingest over HTTP, {label} | {len(lines)} articles in {len(batches)} POSTs of {args.batch}, "
              f"{args.posters} at a time, {stored} stored: {seconds:.1f} s → **{len(lines) / seconds:.0f} articles/s** |")
        print(f"| … all digests fresh after | {settled:.1f} s ({len(lines) / settled:.0f} articles/s end to end) |")
        if lags:
            print(f"| … lag: POST answered → story's digest lists the article ({len(lags)} probes) | "
                  f"median {statistics.median(lags):.2f} s, p90 {lags[int(0.9 * (len(lags) - 1))]:.2f} s, max {lags[-1]:.2f} s |")
    for name, label in (("story", "GET /api/stories/{id} during ingest"), ("page", "GET /stories/{id} (page) during ingest"),
                        ("search", "GET /api/search during ingest")):
        if name in during:
            print(f"| {label} | {lat(during[name])} |")
    print(f"| GET /api/stories/{{id}} at the full sample | {lat(after_story)} |")
    print(f"| GET /stories/{{id}} (page) at the full sample | {lat(after_page)} |")
    print(f"| GET / (front page) at the full sample | {lat(after_front)} |")
    worst = max(after_search, key=lambda r: r[2] or 0)
    print(f"| GET /api/search ({len(SEARCHES)} queries) at the full sample | "
          f"{statistics.median(r[0] for r in after_search):.0f} req/s median, p50 ≤ {max(r[1] for r in after_search):.1f} ms, "
          f"worst p99 {worst[2]:.1f} ms |")
    print(f"| GET /api/search, {len(uncached)} different queries one at a time (uncached) | "
          f"p50 {statistics.median(uncached):.1f} ms, p99 {uncached[int(0.99 * (len(uncached) - 1))]:.1f} ms, max {uncached[-1]:.1f} ms |")
    print(f"| GET /stories/{{id}}, the {len(pages)} top stories once each (uncached) | "
          f"p50 {statistics.median(pages):.1f} ms, p99 {pages[int(0.99 * (len(pages) - 1))]:.1f} ms, max {pages[-1]:.1f} ms |")
    print(f"| restart after kill -9 → serving reads | {serving:.2f} s |")
    print(f"| … → ready to ingest (replay of {health['articles']} articles) | {serving + ready:.1f} s |")
    print(f"| store size | {store_bytes / 1e6:.1f} MB, {store_bytes / max(1, health['articles']) / 1024:.1f} KB per article |")
    print(f"| peak RSS of the server (ingest alone / with reads) | {rss_alone / 1024:.0f} MB / {rss_ingest / 1024:.0f} MB |"
          if rss_ingest and rss_alone else "| peak RSS | n/a |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
