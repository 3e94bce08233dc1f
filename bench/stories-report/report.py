#!/usr/bin/env python3
"""Issue 3's SaudiNewsNet report from `khabar cluster` output.

usage: report.py ARTICLES.jsonl[.xz] CLUSTERS.jsonl [--seed N] [--pairs N]

Prints: how many articles were clustered, how many duplicate groups (an original and its copies)
and copies there are, how many stories have articles from two or more outlets; then 10 random
duplicate pairs (copy and original: outlets and titles) and 5 random multi-outlet stories (each
member's outlet and title), drawn with a fixed seed so that the sample can be checked again;
--pairs sets how many duplicate pairs are drawn (default 10).
"""
import collections
import json
import lzma
import random
import sys


def main():
    args = sys.argv[1:]
    seed, pairs = 7, 10
    for flag in ("--seed", "--pairs"):
        if flag in args:
            k = args.index(flag)
            value = int(args[k + 1])
            del args[k:k + 2]
            if flag == "--seed":
                seed = value
            else:
                pairs = value
    articles_path, clusters_path = args
    opener = lzma.open if articles_path.endswith(".xz") else open
    articles = {}
    with opener(articles_path, "rt", encoding="utf-8") as f:
        for line in f:
            try:
                o = json.loads(line)
            except ValueError:
                continue
            articles[str(o.get("id"))] = (o.get("outlet") or "?", (o.get("title") or (o.get("text") or "")[:80]).strip())
    rows = [json.loads(line) for line in open(clusters_path, encoding="utf-8") if line.strip()]

    copies = [(r["article"], r["duplicate_of"]) for r in rows if r.get("duplicate_of")]
    groups = collections.defaultdict(set)
    for copy, original in copies:
        groups[original].add(copy)
    stories = collections.defaultdict(list)
    for r in rows:
        stories[r["story"]].append(r["article"])
    multi = {s: m for s, m in stories.items() if len({articles.get(a, ("?", ""))[0] for a in m}) >= 2}

    print(f"articles clustered: {len(rows)}")
    print(f"duplicate groups: {len(groups)} (copies: {len(copies)}, "
          f"cross-outlet copies: {sum(1 for c, o in copies if articles.get(c, ('?',))[0] != articles.get(o, ('?',))[0])})")
    print(f"stories: {len(stories)}; with two or more outlets: {len(multi)}; "
          f"largest story: {max(len(m) for m in stories.values())} articles")

    rng = random.Random(seed)
    print(f"\n{pairs} random duplicate pairs (seed {seed}): copy ← original")
    for copy, original in rng.sample(copies, min(pairs, len(copies))):
        (oc, tc), (oo, to) = articles.get(copy, ("?", "?")), articles.get(original, ("?", "?"))
        print(f"- [{oc}] {tc}\n  ← [{oo}] {to}")
    print(f"\n5 random multi-outlet stories (seed {seed})")
    for s in rng.sample(sorted(multi), min(5, len(multi))):
        members = multi[s]
        print(f"- story {s}: {len(members)} articles, {len({articles.get(a, ('?',))[0] for a in members})} outlets")
        for a in members[:8]:
            outlet, title = articles.get(a, ("?", "?"))
            print(f"    [{outlet}] {title}")
        if len(members) > 8:
            print(f"    … and {len(members) - 8} more")


if __name__ == "__main__":
    main()
