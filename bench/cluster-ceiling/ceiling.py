#!/usr/bin/env python3
"""How far can word-overlap similarity go on a labelled story window?

usage: ceiling.py GOLD.json PROFILES.jsonl [KHABAR_CLUSTERS.jsonl]

PROFILES comes from `khabar-bench dump-profiles ARTICLES.jsonl` (Khabar's own stems and entities).
For several article representations and three linkages, this clusters the whole window *offline*
(agglomerative, every pair known) and sweeps the similarity cut over the window itself, keeping the
best B-cubed F1. That is an optimistic bound for the representation: an online clusterer sees less
and cannot pick its threshold on the answers. If no row comes near a target, the target needs
signals that are not word overlap.

KHABAR_CLUSTERS (the output of `khabar cluster`) adds two rows: Khabar's own score, and the score
it would have if every story were split perfectly by the gold (what recall alone allows).
Prints a Markdown table.
"""
import collections
import json
import math
import sys

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform


def bcubed(gold, pred):
    gold_sets, pred_sets = collections.defaultdict(set), collections.defaultdict(set)
    for item in gold:
        gold_sets[gold[item]].add(item)
        pred_sets[pred[item]].add(item)
    p = r = 0.0
    for item in gold:
        both = len(gold_sets[gold[item]] & pred_sets[pred[item]])
        p += both / len(pred_sets[pred[item]])
        r += both / len(gold_sets[gold[item]])
    p, r = p / len(gold), r / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def unit(vector):
    norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
    return {k: x / norm for k, x in vector.items()}


def tfidf(counts, df, n):
    return unit({t: (1 + math.log(c)) * math.log((n + 1) / (df[t] + 0.5)) for t, c in counts.items() if c > 0})


def similarity_matrix(vectors):
    # sparse dot products through a term → articles index
    n = len(vectors)
    m = np.zeros((n, n))
    postings = collections.defaultdict(list)
    for i, v in enumerate(vectors):
        for t, x in v.items():
            postings[t].append((i, x))
    for plist in postings.values():
        if len(plist) < 2:
            continue
        idx = np.array([i for i, _ in plist])
        val = np.array([x for _, x in plist])
        m[np.ix_(idx, idx)] += np.outer(val, val)
    np.fill_diagonal(m, 1.0)
    return m


def best_cut(sim, ids, gold, method):
    distance = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method=method)
    best = None
    for cut in np.arange(0.02, 0.71, 0.01):
        labels = fcluster(tree, 1.0 - cut, "distance")
        score = bcubed(gold, {ids[i]: labels[i] for i in range(len(ids))})
        if best is None or score[2] > best[1][2]:
            best = (cut, score)
    return best


def main():
    gold_doc = json.load(open(sys.argv[1], encoding="utf-8"))
    gold = {d: k for k, e in enumerate(gold_doc["events"]) for d in e["docnos"]}
    rows = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
    rows = [r for r in rows if "id" in r and r["id"] in gold]
    ids = [r["id"] for r in rows]
    n = len(rows)

    df, entity_df = collections.Counter(), collections.Counter()
    for r in rows:
        df.update(set(r["title"]) | set(r["lead"]) | set(r["body"]))
        entity_df.update({m["e"] for m in r["entities"] + r["title_entities"]})

    def terms(r, title, lead, body):
        counts = collections.Counter()
        for part, weight in (("title", title), ("lead", lead), ("body", body)):
            for t, c in r[part].items():
                counts[t] += weight * c
        return counts

    def entities(r):
        counts = collections.Counter(m["e"] for m in r["entities"])
        for m in r["title_entities"]:
            counts[m["e"]] += 3
        return counts

    def with_entities(r, weight):
        v = tfidf(terms(r, 3, 1, 1), df, n)
        v.update({("E", e): weight * x for e, x in tfidf(entities(r), entity_df, n).items()})
        return unit(v)

    body = similarity_matrix([tfidf(terms(r, 0, 0, 1), df, n) for r in rows])
    head = similarity_matrix([tfidf(terms(r, 1, 1, 0), df, n) for r in rows])
    representations = [
        ("body words", body),
        ("title + lead words", head),
        ("title ×3 + lead + body (Khabar's weighting)", similarity_matrix([tfidf(terms(r, 3, 1, 1), df, n) for r in rows])),
        ("the same + entities", similarity_matrix([with_entities(r, 1.0) for r in rows])),
        ("entities only", similarity_matrix([tfidf(entities(r), entity_df, n) for r in rows])),
        ("√(title+lead cos × body cos)", np.sqrt(np.clip(head * body, 0, None))),
        ("max(title+lead cos, body cos)", np.maximum(head, body)),
    ]

    print(f"Offline agglomerative clustering of {n} articles, similarity cut chosen on the gold itself "
          "(an optimistic bound):\n")
    print("| representation | linkage | best cut | precision | recall | B-cubed F1 |")
    print("|---|---|---:|---:|---:|---:|")
    for name, sim in representations:
        for method in ("average", "single", "complete"):
            cut, (p, r, f) = best_cut(sim, ids, gold, method)
            print(f"| {name} | {method} | {cut:.2f} | {p:.3f} | {r:.3f} | {f:.3f} |")

    if len(sys.argv) > 3:
        pred = {}
        for line in open(sys.argv[3], encoding="utf-8"):
            if line.strip():
                o = json.loads(line)
                pred[o["article"]] = o["story"]
        for d in gold:
            pred.setdefault(d, "missing:" + d)
        p, r, f = bcubed(gold, pred)
        print(f"| khabar cluster (online, shipped threshold) | — | — | {p:.3f} | {r:.3f} | {f:.3f} |")
        split = {d: (pred[d], gold[d]) for d in gold}
        p, r, f = bcubed(gold, split)
        print(f"| khabar cluster, every story split by the gold | — | — | {p:.3f} | {r:.3f} | {f:.3f} |")


if __name__ == "__main__":
    main()
