"""The desk's throughput and latency benchmark (release build): ingests a JSON Lines file over
HTTP in batches, measures how long a story page lags behind a POST, runs `wrk` on a story page and
a search during the ingest and after it, restarts the server (kill -9) and times it back, and
reports store size per article and the server's peak RSS — one Markdown table on stdout.

usage: bench.py KHABAR_BIN ARTICLES.jsonl[.xz] WORKDIR [--batch 200] [--limit N] [--wrk-seconds 10]"""
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("articles")
    ap.add_argument("workdir")
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--wrk-seconds", type=int, default=10)
    args = ap.parse_args()
    lines = read_jsonl(args.articles, args.limit)
    batches = [lines[i:i + args.batch] for i in range(0, len(lines), args.batch)]
    db = fresh_store(args.workdir, "bench.db")
    desk = Desk(args.binary, db, log=os.path.join(args.workdir, "server.log"))
    desk.start()
    rows = []
    lags = []
    during = {}
    try:
        # wrk during the ingest, once a third of the file is in.
        def load_during():
            story = desk.get("/api/stories?limit=1")["stories"][0]["id"]
            q = urllib.parse.quote(SEARCHES[0])
            during["story"] = wrk(f"{desk.base}/api/stories/{story}", args.wrk_seconds)
            during["page"] = wrk(f"{desk.base}/stories/{story}", args.wrk_seconds)
            during["search"] = wrk(f"{desk.base}/api/search?q={q}", args.wrk_seconds)

        loader = None
        started = time.monotonic()
        stored = 0
        for k, batch in enumerate(batches):
            status, result = desk.post_articles(batch, timeout=600)
            if status != 200:
                raise RuntimeError(f"batch {k}: {status} {result}")
            stored += result["stored"]
            if k % 5 == 2:
                # Lag: from the POST's answer to a story page whose digest includes the article.
                probe = next((a for a in result["articles"] if a["status"] == "stored"), None)
                if probe:
                    t0 = time.monotonic()
                    while time.monotonic() - t0 < 60:
                        digest = desk.get(f"/api/stories/{probe['story']}")["stories"][0]
                        if "summary" in digest and probe["id"] in digest["articles"]:
                            lags.append(time.monotonic() - t0)
                            break
                        time.sleep(0.02)
            if loader is None and k >= len(batches) // 3:
                loader = threading.Thread(target=load_during)
                loader.start()
        ingest_seconds = time.monotonic() - started
        if loader:
            loader.join()
        deadline = time.monotonic() + 300
        while desk.get("/health")["stale_digests"] > 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        settled = time.monotonic() - started
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
    print(f"| articles posted | {len(lines)} in {len(batches)} POSTs of {args.batch} ({stored} stored) |")
    print(f"| ingest over HTTP | {ingest_seconds:.1f} s → **{len(lines) / ingest_seconds:.0f} articles/s** |")
    print(f"| all digests fresh after | {settled:.1f} s ({len(lines) / settled:.0f} articles/s end to end) |")
    if lags:
        lags.sort()
        print(f"| lag POST → story page with the article ({len(lags)} probes) | median {statistics.median(lags):.2f} s, max {lags[-1]:.2f} s |")
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
    print(f"| peak RSS of the server | {rss_ingest / 1024:.0f} MB |" if rss_ingest else "| peak RSS | n/a |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
