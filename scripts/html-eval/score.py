#!/usr/bin/env python3
"""Scores article-body extraction against ground truth, the way the Scrapinghub
article-extraction-benchmark defines it:

  * tokens are the \\w+ runs of the text (Unicode word characters; case kept);
  * shingles are the runs of 4 consecutive tokens (a text of fewer than 4 tokens is one shingle);
  * per page, TP/FP/FN are counted over shingle multisets and normalised to sum to 1;
  * precision and recall are the means of the per-page values (pages where they are defined);
  * F1 is the harmonic mean of the mean precision and the mean recall.

Usage: score.py --truth ground-truth.json --pred NAME=FILE.jsonl [--pred ...] [--per-page NAME]
A prediction file has one JSON object per line: {"id": ..., "paragraphs": [...]} (joined by "\\n")
or {"id": ..., "text": "..."}. Pages missing from a file count as empty predictions.
"""
import argparse
import json
import re
import sys
from collections import Counter

WORD = re.compile(r"\w+", re.UNICODE)
N = 4


def shingles(text):
    words = WORD.findall(text or "")
    if len(words) < N:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i:i + N]) for i in range(len(words) - N + 1))


def page_counts(truth, pred):
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total:
        return tp / total, fp / total, fn / total
    return 0.0, 0.0, 0.0


def precision(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp > 0 else None


def recall(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn > 0 else None


def load_predictions(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            obj = json.loads(line)
            if "paragraphs" in obj and obj["paragraphs"] is not None:
                out[obj["id"]] = "\n".join(obj["paragraphs"])
            else:
                out[obj["id"]] = obj.get("text") or ""
    return out


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def score(truth, preds):
    ps, rs, per_page = [], [], {}
    for key, item in truth.items():
        counts = page_counts(item.get("articleBody", ""), preds.get(key, ""))
        p, r = precision(*counts), recall(*counts)
        if p is not None:
            ps.append(p)
        if r is not None:
            rs.append(r)
        f = 2 * p * r / (p + r) if p and r else 0.0
        per_page[key] = (p or 0.0, r or 0.0, f)
    mp, mr = mean(ps), mean(rs)
    f1 = 2 * mp * mr / (mp + mr) if mp + mr > 0 else 0.0
    found = sum(1 for k in truth if preds.get(k, "").strip())
    return mp, mr, f1, found, per_page


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--truth", required=True)
    ap.add_argument("--pred", action="append", default=[], help="NAME=FILE.jsonl")
    ap.add_argument("--per-page", help="print per-page scores of this system, worst first")
    ap.add_argument("--min-f1", type=float, help="exit 1 when the gated system's F1 is below this")
    ap.add_argument("--gate", help="the system --min-f1 applies to (default: the first)")
    args = ap.parse_args()
    with open(args.truth, encoding="utf-8") as f:
        truth = json.load(f)
    results = []
    print(f"{'system':<14} {'P':>6} {'R':>6} {'F1':>6} {'pages':>9}")
    for spec in args.pred:
        name, path = spec.split("=", 1)
        mp, mr, f1, found, per_page = score(truth, load_predictions(path))
        results.append((name, f1))
        print(f"{name:<14} {mp:6.3f} {mr:6.3f} {f1:6.3f} {found:>4}/{len(truth):<4}")
        if args.per_page == name:
            for key, (p, r, f) in sorted(per_page.items(), key=lambda kv: kv[1][2]):
                print(f"  {f:5.3f}  P={p:5.3f} R={r:5.3f}  {key[:16]}  {truth[key].get('url', '')[:90]}")
    if args.min_f1 is not None and results:
        gated = [r for r in results if r[0] == args.gate] if args.gate else results[:1]
        if not gated:
            print(f"FAIL: no system named {args.gate}", file=sys.stderr)
            return 1
        name, f1 = gated[0]
        if f1 < args.min_f1:
            print(f"FAIL: {name} F1 {f1:.3f} < {args.min_f1}", file=sys.stderr)
            return 1
        print(f"PASS: {name} F1 {f1:.3f} >= {args.min_f1}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
