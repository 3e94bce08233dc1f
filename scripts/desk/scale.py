"""The desk's scale benchmark (release build; issue 12): the SaudiNewsNet week ingested over HTTP
into SQLite, into PostgreSQL with one worker, and into PostgreSQL with two workers sharing the
store — articles/s, CPU per article, p99 read latency under wrk during the ingest — then the week
replayed several times over (ids and dates shifted, each copy ten days after the last) to show the
cost per article staying flat and memory bounded as closed stories leave the live window.
One Markdown table per part on stdout. Talks only to servers of ours on 127.0.0.1.

usage: scale.py KHABAR_BIN ARTICLES.jsonl[.xz] WORKDIR --postgres URL [--batch 500] [--posters 2]
                [--configs sqlite,pg1,pg2] [--copies 10] [--copy-configs sqlite,pg1] [--wrk-seconds 4 (0: no reads)] [--limit N]"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timedelta

sys.path.insert(0, os.path.dirname(__file__))
from client import Desk, fresh_store, read_jsonl  # noqa: E402
from bench import wrk  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(desk):
    """User + system CPU time of a server so far."""
    with open(f"/proc/{desk.process.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def postgres_cpu_seconds():
    """User + system CPU time of every PostgreSQL server process so far (0 without PostgreSQL)."""
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                name, rest = f.read().split(" (", 1)[1].rsplit(")", 1)
            if name.startswith("postgres"):
                fields = rest.split()
                total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / CLOCK_TICKS


def rss_mb(desk):
    with open(f"/proc/{desk.process.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def placing_totals(desk):
    """(articles placed, seconds spent placing) by one worker so far, from its /metrics."""
    status, body = desk.request("GET", "/metrics")
    totals = {}
    for line in body.decode().splitlines():
        name, _, value = line.partition(" ")
        if name in ("khabar_placed_articles_total", "khabar_placing_seconds_total"):
            totals[name] = float(value)
    return totals.get("khabar_placed_articles_total", 0), totals.get("khabar_placing_seconds_total", 0)


def peak_rss_mb(desk):
    kb = desk.peak_rss_kb()
    return kb / 1024 if kb else 0.0


class Setup:
    """One configuration: a store (SQLite file or PostgreSQL schema) and the servers over it."""

    def __init__(self, name, binary, workdir, postgres, workers):
        self.name, self.workers = name, workers
        self.schema = None
        if postgres:
            self.schema = f"khabar_scale_{name}_{os.getpid()}"
            self.base = postgres
            db = postgres + ("&" if "?" in postgres else "?") + f"schema={self.schema}"
        else:
            db = fresh_store(workdir, f"scale-{name}.db")
        self.db = db
        self.desks = [Desk(binary, db, log=os.path.join(workdir, f"server-{name}-{k}.log")) for k in range(workers)]

    def __enter__(self):
        for d in self.desks:
            d.start()
            d.wait_ready()
        return self

    def __exit__(self, *exc):
        for d in self.desks:
            d.stop()
        if self.schema:
            subprocess.run(["psql", "-q", self.base.split("?")[0], "-c", f"DROP SCHEMA IF EXISTS {self.schema} CASCADE"],
                           capture_output=True)

    def settle(self, timeout=600):
        """Waits until every worker's digests are made and nothing is queued; returns the seconds."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            healths = [d.get("/health") for d in self.desks]
            # (A closed story whose digest went stale keeps it: stale_in_store need not reach 0.)
            if all(h["stale_digests"] == 0 and h.get("queued", 0) == 0 for h in healths):
                return time.monotonic() - started
            time.sleep(0.1)
        raise RuntimeError(f"{self.name}: digests not fresh after {timeout} s")

    def store_mb(self):
        return self.desks[0].get("/health")["store_bytes"] / 1e6

    def ingest(self, batches, posters, during=None):
        """Posts the batches over `posters` connections, poster k to worker k mod workers; `during`
        runs once a third of the batches are in. Returns (seconds, stored)."""
        lock = threading.Lock()
        state = {"next": 0, "stored": 0, "failures": [], "loader": None}

        def post(k):
            desk = self.desks[k % len(self.desks)]
            while not state["failures"]:
                with lock:
                    b = state["next"]
                    state["next"] += 1
                if b >= len(batches):
                    return
                status, result = desk.post_articles(batches[b], timeout=900)
                if status != 200:
                    state["failures"].append(f"batch {b}: {status} {result}")
                    return
                with lock:
                    state["stored"] += result["stored"]
                    if during and state["loader"] is None and b >= len(batches) // 3:
                        state["loader"] = threading.Thread(target=during)
                        state["loader"].start()

        started = time.monotonic()
        threads = [threading.Thread(target=post, args=(k,)) for k in range(posters)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.monotonic() - started
        if state["failures"]:
            raise RuntimeError(state["failures"][0])
        if state["loader"]:
            state["loader"].join()
        return seconds, state["stored"]


def shifted(lines, copy, days=10):
    """The week's lines as copy `copy`: ids suffixed, dates `days` × copy later, and the text
    marked so that the desk does not take it for a re-post of the first copy's."""
    if copy == 0:
        return lines
    out = []
    for line in lines:
        a = json.loads(line)
        a["id"] = f"{a['id']}~{copy}"
        if a.get("published"):
            try:
                a["published"] = (datetime.fromisoformat(a["published"]) + timedelta(days=days * copy)).isoformat()
            except ValueError:
                pass
        a["text"] = (a.get("text") or "") + f"\n(نسخة {copy})"
        if a.get("url"):
            a["url"] = a["url"] + f"#copy{copy}"
        out.append(json.dumps(a, ensure_ascii=False))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("articles")
    ap.add_argument("workdir")
    ap.add_argument("--postgres", required=True, help="postgresql://… (a schema of ours is made and dropped)")
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--posters", type=int, default=2)
    ap.add_argument("--configs", default="sqlite,pg1,pg2")
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--copy-configs", default="sqlite,pg1")
    ap.add_argument("--wrk-seconds", type=int, default=4, help="0: no reads during the ingest")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    lines = read_jsonl(args.articles, args.limit)
    batches = [lines[i:i + args.batch] for i in range(0, len(lines), args.batch)]
    setups = {"sqlite": (None, 1), "pg1": (args.postgres, 1), "pg2": (args.postgres, 2)}
    labels = {"sqlite": "SQLite, 1 server", "pg1": "PostgreSQL, 1 worker", "pg2": "PostgreSQL, 2 workers"}

    # Part 1: the week once per configuration, wrk on worker 0 during the ingest.
    rows = []
    for name in args.configs.split(","):
        postgres, workers = setups[name]
        with Setup(name, args.binary, args.workdir, postgres, workers) as setup:
            reads = {}

            def during():
                desk = setup.desks[-1]
                story = desk.get("/api/stories?limit=1")["stories"][0]["id"]
                reads["story"] = wrk(f"{desk.base}/api/stories/{story}", args.wrk_seconds)
                reads["search"] = wrk(f"{desk.base}/api/search?q={urllib.parse.quote('وزير الخارجية')}", args.wrk_seconds)

            cpu0, pg0 = sum(cpu_seconds(d) for d in setup.desks), postgres_cpu_seconds()
            seconds, stored = setup.ingest(batches, args.posters, during if args.wrk_seconds > 0 else None)
            settled = setup.settle()
            totals = [placing_totals(d) for d in setup.desks]
            placing = sum(t[1] for t in totals) / max(1, sum(t[0] for t in totals))
            cpu = sum(cpu_seconds(d) for d in setup.desks) - cpu0
            pg = postgres_cpu_seconds() - pg0 if postgres else 0
            rows.append((labels[name], len(lines), stored, seconds, settled, cpu, pg, placing, reads,
                         [peak_rss_mb(d) for d in setup.desks], setup.store_mb()))
            print(f"  {labels[name]}: {len(lines) / seconds:.0f} articles/s", file=sys.stderr)

    print(f"| store | articles/s over HTTP ({args.posters} posters, {args.batch}/POST) | all digests fresh after | "
          f"CPU per article: khabar + PostgreSQL | placing per article (serial) | GET /api/stories/{{id}} during ingest | GET /api/search during ingest | peak RSS | store size |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, n, stored, seconds, settled, cpu, pg, placing, reads, rss, store in rows:
        def lat(r):
            return f"p99 {r[2]:.1f} ms ({r[0]:.0f} req/s)" + (f", {r[3]} non-2xx" if r[3] else "") if r else "n/a"
        print(f"| {label} | **{n / seconds:.0f}** ({n} in {seconds:.1f} s, {stored} stored) | +{settled:.1f} s | "
              f"{cpu / n * 1000:.2f} + {pg / n * 1000:.2f} ms | {placing * 1000:.2f} ms | {lat(reads.get('story'))} | {lat(reads.get('search'))} | "
              f"{' + '.join(f'{r:.0f}' for r in rss)} MB | {store:.0f} MB |")

    # Part 2: the week `copies` times over, one copy after another.
    if args.copies > 1:
        for name in args.copy_configs.split(","):
            postgres, workers = setups[name]
            print(f"\n{labels[name]}: the week ×{args.copies} (each copy 10 days after the last)\n")
            print("| copy | articles stored so far | articles/s (this copy) | CPU per article: khabar + PostgreSQL | RSS after | store size |")
            print("|---|---|---|---|---|---|")
            with Setup(name + "x", args.binary, args.workdir, postgres, workers) as setup:
                total = 0
                for copy in range(args.copies):
                    copy_lines = shifted(lines, copy)
                    copy_batches = [copy_lines[i:i + args.batch] for i in range(0, len(copy_lines), args.batch)]
                    cpu0, pg0 = sum(cpu_seconds(d) for d in setup.desks), postgres_cpu_seconds()
                    seconds, stored = setup.ingest(copy_batches, args.posters)
                    setup.settle()
                    cpu = sum(cpu_seconds(d) for d in setup.desks) - cpu0
                    pg = postgres_cpu_seconds() - pg0 if postgres else 0
                    total += stored
                    print(f"| {copy + 1} | {total} | {len(copy_lines) / seconds:.0f} | {cpu / len(copy_lines) * 1000:.2f} + {pg / len(copy_lines) * 1000:.2f} ms | "
                          f"{' + '.join(f'{rss_mb(d):.0f}' for d in setup.desks)} MB | {setup.store_mb():.0f} MB |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
