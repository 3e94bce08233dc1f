#!/usr/bin/env python3
"""A precision proxy for entity merging on real text (no gold needed): spellings of one entity that
share no word and look nothing alike.

usage: suspicious.py EXTRACT.json [SHOW]

EXTRACT.json is `khabar extract` output. For every entity, each pair of its spellings (light
normalisation, a leading ال dropped from longer words) is *suspicious* when the two share no word,
neither is a word-subset of the other, and difflib's similarity ratio is below 0.5 (بوتين/بوتن is
0.89; الرياض/ورد 0.29). Short forms and titles are not flagged; some flagged pairs are right all the
same (هادي / عبد ربه, كلينتون / هيلاري), so this counts candidates for false merges, not errors.
Prints the number of entities with a suspicious pair, their mentions, and the SHOW (default 15)
largest with up to three such pairs each.
"""
import difflib
import json
import re
import sys


def words(name):
    name = re.sub("[\u064B-\u0652\u0640]", "", name)
    name = re.sub("[أإآ]", "ا", name).replace("ة", "ه").replace("ى", "ي")
    return [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in name.split()]


def main():
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    show = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    flagged = []
    for entity in doc["entities"]:
        spellings = [words(v) for v in entity["variants"]]
        pairs = []
        for i in range(len(spellings)):
            for j in range(i + 1, len(spellings)):
                a, b = spellings[i], spellings[j]
                if not a or not b or set(a) & set(b):
                    continue
                ratio = difflib.SequenceMatcher(None, " ".join(a), " ".join(b)).ratio()
                if ratio < 0.5:
                    pairs.append((entity["variants"][i], entity["variants"][j], round(ratio, 2)))
        if pairs:
            flagged.append((entity["mentions"], entity["name"], pairs[:3]))
    print(f"entities: {len(doc['entities'])}; with a suspicious spelling pair: {len(flagged)}; "
          f"their mentions: {sum(f[0] for f in flagged)}")
    for mentions, name, pairs in sorted(flagged, key=lambda f: -f[0])[:show]:
        print(f"  {name} ({mentions}): " + "; ".join(f"{a} ~ {b} ({r})" for a, b, r in pairs))


if __name__ == "__main__":
    main()
