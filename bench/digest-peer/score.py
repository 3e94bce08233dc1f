#!/usr/bin/env python3
"""Scores Khabar's digest summaries and the LexRank baseline's side by side (issue 5, "Dev window").

usage: score.py [--verbose] [--align COS] DIGEST.json LEXRANK.json

DIGEST.json is `khabar digest --format json` output, LEXRANK.json is lexrank.py's output for it.
Every story with at least two articles is scored, both systems by the same functions:

  redundancy  the largest cosine similarity between two sentences of the summary (lower is better);
              TF-IDF vectors over arabic_text.words (harakat and tatweel stripped, أإآ → ا, ى → ي,
              ة → ه), raw term counts times idf = ln((1 + N) / (1 + df)) + 1, where N and df count
              the sentences of every article of the window (the whole digest input). A summary of
              fewer than two sentences has no pair and scores 0.
  coverage    |outlets cited| / |story's outlets|, the story's outlets being the outlets of the
              articles the story lists. Khabar cites, for each summary sentence, its "article" and
              every article in "cited_by"; LexRank cites the articles each chosen sentence occurs in
              (verbatim copies in several articles count for all of them).

One more, secondary, column checks both systems' attribution with the scorer's own alignment:
  aligned coverage  as coverage, but a sentence's sources are its own article(s) plus every
              article of the story holding a sentence with cosine >= COS to it (default 0.5),
              whatever the system claimed.

Prints a Markdown table (and, with --verbose, one row per story) on standard output.
"""
import argparse
import json
import math
import sys
from collections import Counter
from itertools import combinations

from arabic_text import sentence_key, split_sentences, words


class TfIdf:
    def __init__(self, sentences):
        df = Counter()
        for s in sentences:
            df.update(set(words(s)))
        self.n = len(sentences)
        self.df = df

    def idf(self, w):
        return math.log((1 + self.n) / (1 + self.df.get(w, 0))) + 1

    def vector(self, text):
        v = {w: c * self.idf(w) for w, c in Counter(words(text)).items()}
        norm = math.sqrt(sum(x * x for x in v.values()))
        return {w: x / norm for w, x in v.items()} if norm else {}


def cosine(a, b):
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def redundancy(vectors):
    return max((cosine(a, b) for a, b in combinations(vectors, 2)), default=0.0)


def coverage(source_sets, story_outlets, outlet_of):
    if not story_outlets:
        return 0.0
    cited = {outlet_of.get(a) for srcs in source_sets for a in srcs} & story_outlets
    return len(cited) / len(story_outlets)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("digest")
    ap.add_argument("lexrank")
    ap.add_argument("--verbose", action="store_true", help="one row per story as well")
    ap.add_argument("--align", type=float, default=0.5, metavar="COS",
                    help="cosine for the aligned-coverage column (default 0.5)")
    args = ap.parse_args()

    with open(args.digest, encoding="utf-8") as f:
        digest = json.load(f)
    with open(args.lexrank, encoding="utf-8") as f:
        lexrank = {s["id"]: s for s in json.load(f)["stories"]}

    articles = {a["id"]: a for a in digest.get("articles", [])}
    outlet_of = {aid: a.get("outlet") for aid, a in articles.items()}
    sentences_of = {aid: [s for p in (a.get("paragraphs") or []) for s in split_sentences(p)]
                    for aid, a in articles.items()}
    tfidf = TfIdf([s for ss in sentences_of.values() for s in ss])

    rows, notes = [], Counter()
    for story in digest.get("stories", []):
        ids = [a for a in story.get("articles", []) if a in articles]
        if len(story.get("articles", [])) < 2:
            continue
        if story["id"] not in lexrank:
            notes["stories with no LexRank summary (skipped)"] += 1
            continue
        missing = len(story["articles"]) - len(ids)
        if missing:
            notes["story articles missing from the digest's articles"] += missing
        outlets = {outlet_of[a] for a in ids if outlet_of.get(a)}
        if set(story.get("outlets") or []) != outlets:
            notes["stories whose \"outlets\" differ from their articles' outlets"] += 1
        story_vectors = {a: [tfidf.vector(s) for s in sentences_of[a]] for a in ids}
        story_keys = {sentence_key(s) for a in ids for s in sentences_of[a]}

        def aligned(vec, own):
            srcs = set(own)
            for a, vs in story_vectors.items():
                if a not in srcs and any(cosine(vec, v) >= args.align for v in vs):
                    srcs.add(a)
            return srcs

        systems = {}
        k_items = story.get("summary") or []
        k_texts = [it.get("text", "") for it in k_items]
        k_sources = [{it.get("article")} - {None} | set(it.get("cited_by") or []) for it in k_items]
        k_own = [{it.get("article")} - {None} for it in k_items]
        notes["Khabar summary sentences not found verbatim among the story's sentences"] += sum(
            1 for t in k_texts if sentence_key(t) not in story_keys)
        if not k_items:
            notes["stories with an empty Khabar summary (score 0 coverage)"] += 1
        l_items = lexrank[story["id"]]["sentences"]
        l_texts = [it["text"] for it in l_items]
        l_sources = [set(it["articles"]) for it in l_items]
        for name, texts, sources, own in (("khabar", k_texts, k_sources, k_own),
                                          ("lexrank", l_texts, l_sources, l_sources)):
            vecs = [tfidf.vector(t) for t in texts]
            systems[name] = dict(
                n=len(texts),
                red=redundancy(vecs),
                cov=coverage(sources, outlets, outlet_of),
                acov=coverage([aligned(v, o) for v, o in zip(vecs, own)], outlets, outlet_of),
            )
        rows.append(dict(id=story["id"], articles=len(ids), outlets=len(outlets),
                         headline=story.get("headline") or "", **{k: v for k, v in systems.items()}))

    if not rows:
        print("no story with two or more articles to score")
        return 1

    def mean(xs):
        xs = list(xs)
        return sum(xs) / len(xs) if xs else float("nan")

    n_sent = tfidf.n
    print(f"Digest summaries vs LexRank (sumy) on {len(rows)} stories with ≥ 2 articles "
          f"({len(articles)} articles, IDF over {n_sent:,} sentences of the window). "
          f"Redundancy: max pairwise TF-IDF cosine among a summary's sentences (lower is better); "
          f"coverage: share of the story's outlets cited (higher is better).\n")
    print(f"| system | stories scored | mean sentences | mean redundancy ↓ | mean coverage ↑ "
          f"| aligned coverage (cos ≥ {args.align:g}) ↑ |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, label in (("khabar", "Khabar digest"), ("lexrank", "LexRank (sumy)")):
        print(f"| {label} | {len(rows)} | {mean(r[name]['n'] for r in rows):.2f} "
              f"| {mean(r[name]['red'] for r in rows):.3f} | {mean(r[name]['cov'] for r in rows):.3f} "
              f"| {mean(r[name]['acov'] for r in rows):.3f} |")
    print()
    multi = [r for r in rows if r["outlets"] >= 2]
    if multi and len(multi) != len(rows):
        print(f"Multi-outlet stories only ({len(multi)}): redundancy "
              f"{mean(r['khabar']['red'] for r in multi):.3f} vs {mean(r['lexrank']['red'] for r in multi):.3f}, "
              f"coverage {mean(r['khabar']['cov'] for r in multi):.3f} vs "
              f"{mean(r['lexrank']['cov'] for r in multi):.3f} (Khabar vs LexRank).\n")
    for key, label, better in (("red", "redundancy", -1), ("cov", "coverage", 1), ("acov", "aligned coverage", 1)):
        w = sum(1 for r in rows if better * (r["khabar"][key] - r["lexrank"][key]) > 1e-9)
        l = sum(1 for r in rows if better * (r["lexrank"][key] - r["khabar"][key]) > 1e-9)
        print(f"- {label}: Khabar better on {w}, LexRank better on {l}, tied on {len(rows) - w - l} stories")
    for what, n in sorted(notes.items()):
        print(f"- note: {what}: {n}")

    if args.verbose:
        print("\n| story | articles | outlets | sentences K/L | redundancy K | redundancy L | coverage K "
              "| coverage L | aligned K | aligned L | headline |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for r in rows:
            k, l = r["khabar"], r["lexrank"]
            head = r["headline"].replace("|", "\\|").replace("\n", " ")
            head = head if len(head) <= 70 else head[:69] + "…"
            print(f"| {r['id']} | {r['articles']} | {r['outlets']} | {k['n']}/{l['n']} | {k['red']:.3f} "
                  f"| {l['red']:.3f} | {k['cov']:.2f} | {l['cov']:.2f} | {k['acov']:.2f} | {l['acov']:.2f} "
                  f"| {head} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
