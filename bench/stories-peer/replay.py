#!/usr/bin/env python3
"""Benchmark inputs from one JSON Lines article file (.jsonl or .jsonl.xz).

usage: replay.py IN OUT.jsonl [--first N] [--times K] [--gap-days D]

--first N   keep only the first N articles (the 1k input)
--times K   write the articles K times (the 110k input): replay k (0-based) has ids suffixed "~rk"
            and `published` moved k*W weeks later, W the smallest whole number of weeks that
            exceeds the input's time span plus --gap-days (default 4), so that no two replays are
            within a few days of each other and a time-windowed clusterer sees K separate copies of
            the same news rather than one window ten times as dense. (The SaudiNewsNet week spans
            7.4 days, so W = 2 there.)
Every other field is copied unchanged; `published` keeps its form (ISO 8601 or RFC 822).
"""
import argparse
import json
import lzma
import math
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime


def open_text(path):
    return lzma.open(path, "rt", encoding="utf-8") if path.endswith(".xz") else open(path, encoding="utf-8")


def parse(published):
    """(datetime, rfc822?) or (None, False)."""
    if not published:
        return None, False
    try:
        return datetime.fromisoformat(published), False
    except ValueError:
        try:
            return parsedate_to_datetime(published), True
        except (TypeError, ValueError):
            return None, False


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--times", type=int, default=1)
    ap.add_argument("--gap-days", type=float, default=4.0)
    args = ap.parse_args()

    lines = []
    with open_text(args.input) as f:
        for line in f:
            if line.strip():
                lines.append(line)
                if args.first and len(lines) >= args.first:
                    break

    articles = [json.loads(l) for l in lines] if args.times > 1 else None
    with open(args.output, "w", encoding="utf-8") as out:
        if args.times <= 1:                          # a plain copy: no need to re-encode
            out.writelines(l if l.endswith("\n") else l + "\n" for l in lines)
            return
        parsed = [parse(a.get("published")) for a in articles]
        stamps = [d.replace(tzinfo=d.tzinfo or timezone.utc).timestamp() for d, _ in parsed if d]
        span_days = (max(stamps) - min(stamps)) / 86400 if stamps else 0.0
        weeks = math.floor((span_days + args.gap_days) / 7) + 1
        for k in range(args.times):
            shift = timedelta(weeks=weeks * k)
            for a, (d, rfc) in zip(articles, parsed):
                b = dict(a)
                if k:
                    b["id"] = f"{a['id']}~r{k}"
                    if d is not None:
                        d2 = d + shift
                        b["published"] = format_datetime(d2) if rfc else d2.isoformat()
                out.write(json.dumps(b, ensure_ascii=False))
                out.write("\n")


if __name__ == "__main__":
    main()
