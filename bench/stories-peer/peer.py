#!/usr/bin/env python3
"""Python peer of `khabar cluster`: near-duplicates and stories for a JSON Lines article file.

usage: peer.py [--threshold COS] [--window-days D] [--dup-jaccard J] FILE.jsonl[.xz] > OUT.jsonl

Prints one line per article, in input order:
    {"article": id, "story": storyId, "duplicate_of": id|null}

The classic Python recipe, kept vectorised so that it is a fair peer:
  * light Arabic normalisation (alef forms, ta marbuta, alef maqsura, harakat, tatweel, digits);
  * near-duplicates: MinHash over word 5-shingles of the body (datasketch's affine32 scheme, the
    signatures computed in numpy over batches of articles), datasketch MinHashLSH for candidates,
    kept when the signature agreement is >= --dup-jaccard; `duplicate_of` = the earliest copy;
  * stories: scikit-learn TfidfVectorizer over title (twice) + lead, cosine similarity as a sparse
    matrix product in row blocks against a time window only, thresholded and kept sparse, then
    connected components (scipy) over similarity edges + duplicate edges.
Articles more than --window-days apart never link (events last days), which also keeps the cost per
article flat as the input grows.
"""
import os
import sys

# Word ids come from Python's string hash (mapped in C, far cheaper than a vocabulary dict); pin its
# salt so that the MinHash estimates, hence the output, are the same on every run. Re-executing
# happens before the heavy imports, so it costs a few milliseconds.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import argparse
import json
import lzma
import re
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer
from datasketch import LeanMinHash, MinHash, MinHashLSH

# --- normalisation ---------------------------------------------------------------------------

# str.translate with a table is slow on non-ASCII text (a dict lookup per character); one regex for
# the deletions and str.replace for the few mappings run at C speed.
_DELETE = re.compile("[\u064B-\u0652\u0670\u0640]")     # harakat, dagger alef, tatweel
_MAP = [(c, "ا") for c in "أإآٱ"] + [("ة", "ه"), ("ى", "ي")]   # alef forms, ta marbuta, alef maqsura
_MAP += [(chr(0x0660 + d), str(d)) for d in range(10)]      # Arabic-Indic digits: "١٧" == "17"
_MAP += [(chr(0x06F0 + d), str(d)) for d in range(10)]      # extended (Persian) digits
_WORD = re.compile(r"\w+")


def tokens(s):
    if not s:
        return []
    s = _DELETE.sub("", s)
    for a, b in _MAP:
        if a in s:
            s = s.replace(a, b)
    return _WORD.findall(s.lower())


# Function words that carry no topic (already normalised: ه for ة, ي for ى, bare alef).
STOP = set("""
في من الي علي عن ان او ما لا لم لن مع هذا هذه ذلك تلك التي الذي الذين اللذين اللتين هو هي هم
هما نحن انا انت كان كانت يكون تكون كانوا قد لقد ثم كما كل بعض غير بين حتي اذا اذ لكن بل
عند عندما منذ خلال بعد قبل حيث اي ايضا وقد وفي ومن وان وهو وهي وكان وكانت ولا ولم وما وهذا
وهذه الا اما انه انها بان بانه فان فقد فيه فيها منه منها عليه عليها اليه اليها عنه عنها له لها
لهم لهذا لذلك به بها بهم وذلك والتي والذي هناك هنا تم يتم حول ضمن لدي امام دون نحو مثل
وقال قال قالت واضاف اضاف واكد اكد وأشار اشار واوضح اوضح يوم اليوم امس العام عام
""".split())

# --- input -----------------------------------------------------------------------------------


def open_text(path):
    return lzma.open(path, "rt", encoding="utf-8") if path.endswith(".xz") else open(path, encoding="utf-8")


def epoch(published):
    """Seconds since 1970 from ISO 8601 or RFC 822; None when missing or unreadable."""
    if not published:
        return None
    try:
        d = datetime.fromisoformat(published)
    except ValueError:
        try:
            d = parsedate_to_datetime(published)
        except (TypeError, ValueError):
            return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.timestamp()


# --- near-duplicates -------------------------------------------------------------------------

SHINGLE = 5           # word 5-grams: long enough that shared phrases alone do not match
MIN_SHINGLES = 8      # shorter bodies are not judged as copies (a bare headline is not a wire copy)
NUM_PERM = 128        # datasketch's default
BATCH = 2048          # articles per signature batch: bounds memory, keeps the arrays in cache
SEED = 1


_PERMS = MinHash(num_perm=NUM_PERM, seed=SEED).permutations   # datasketch's own (a, b) pairs


def fmix32(h):
    # MurmurHash3's finaliser, which datasketch's affine32 scheme applies to every input hash
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def signatures(word_ids):
    """MinHash signatures of a batch of documents (arrays of 64-bit word ids): the hash values
    datasketch's MinHash(scheme="affine32").update_batch would give each document's set of word
    5-grams, computed per permutation over the whole batch at once (no Python loop over documents
    or shingles). Documents with no shingle keep the empty signature (all 0xFFFFFFFF)."""
    lengths = np.array([len(w) for w in word_ids], np.int64)
    sig = np.full((len(word_ids), NUM_PERM), np.uint32(0xFFFFFFFF), np.uint32)
    ids = np.concatenate(word_ids).view(np.uint64) if len(word_ids) else np.zeros(0, np.uint64)
    n = len(ids) - SHINGLE + 1
    if n <= 0:
        return sig
    with np.errstate(over="ignore"):
        h = ids[:n].copy()
        mult = np.uint64(0x9E3779B97F4A7C15)
        for k in range(1, SHINGLE):                 # polynomial hash of the 5 word ids, mod 2^64
            h *= mult
            h += ids[k:k + n]
        h ^= h >> np.uint64(29)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(32)
        # keep only the shingles that lie inside one document
        doc = np.repeat(np.arange(len(word_ids)), lengths)[:n]
        ends = np.cumsum(lengths)[doc]
        ok = np.arange(n) + SHINGLE <= ends
        hv = fmix32((h[ok] & np.uint64(0xFFFFFFFF)).astype(np.uint32))
        doc = doc[ok]
        if len(hv) == 0:
            return sig
        starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
        owners = doc[starts]
        a, b = _PERMS
        tmp = np.empty_like(hv)
        for p in range(NUM_PERM):
            np.multiply(hv, a[p], out=tmp)
            tmp += b[p]
            sig[owners, p] = np.minimum.reduceat(tmp, starts)
    return sig


def duplicate_edges(sig, eligible, times, window, jaccard):
    """Candidate pairs from MinHashLSH, kept when the signatures agree on >= jaccard of positions
    and the two articles are within the time window."""
    lsh = MinHashLSH(threshold=jaccard, num_perm=NUM_PERM)
    docs = np.flatnonzero(eligible)
    sketches = [LeanMinHash(seed=SEED, hashvalues=sig[i], scheme="affine32") for i in docs]
    with lsh.insertion_session() as session:
        for i, m in zip(docs.tolist(), sketches):
            session.insert(i, m, check_duplication=False)
    left, right = [], []
    for i, m in zip(docs.tolist(), sketches):
        for j in lsh.query(m):
            if j < i:                                # each pair once
                left.append(j)
                right.append(i)
    left = np.array(left, np.int64)
    right = np.array(right, np.int64)
    if len(left) == 0:
        return left, right
    agree = np.empty(len(left))
    for s in range(0, len(left), 65536):             # bounded memory for the verification
        agree[s:s + 65536] = (sig[left[s:s + 65536]] == sig[right[s:s + 65536]]).mean(axis=1)
    keep = (agree >= jaccard) & (np.abs(times[left] - times[right]) <= window)
    return left[keep], right[keep]


# --- stories ---------------------------------------------------------------------------------

LEAD_WORDS = 100      # title + lead carry the event; the tail drifts to background and widgets
BLOCK = 1000          # rows per sparse product: bounds the memory of one block's similarities


def similarity_edges(X, times, window, threshold):
    """Pairs i < j (in time order) with cosine >= threshold and |t_i - t_j| <= window.
    X rows are L2-normalised and sorted by time, so each row block only meets the columns from
    its own start to the last article within the window of its end."""
    X = X.tocsr()
    XT = X.T.tocsc()
    rows, cols = [], []
    n = X.shape[0]
    for s in range(0, n, BLOCK):
        e = min(n, s + BLOCK)
        hi = int(np.searchsorted(times, times[e - 1] + window, side="right"))
        S = (X[s:e] @ XT[:, s:hi]).tocoo()
        r = S.row + s
        c = S.col + s
        keep = (S.data >= threshold) & (c > r) & (times[c] - times[r] <= window)
        rows.append(r[keep])
        cols.append(c[keep])
    return np.concatenate(rows) if rows else np.zeros(0, int), np.concatenate(cols) if cols else np.zeros(0, int)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    # 0.5: the top of the usual 0.3–0.5 range, since connected components (single link) chain; fixed
    # on principle and by looking at the SaudiNewsNet week, not fitted to stories-dev.
    ap.add_argument("--threshold", type=float, default=0.5, help="cosine for a story link (default 0.5)")
    ap.add_argument("--window-days", type=float, default=3.0, help="farthest link in time (default 3)")
    ap.add_argument("--dup-jaccard", type=float, default=0.7,
                    help="shingle Jaccard for a near-duplicate (default 0.7)")
    ap.add_argument("-v", "--verbose", action="store_true", help="phase timings on standard error")
    args = ap.parse_args()
    clock = [time.perf_counter()]

    def phase(name):
        if args.verbose:
            now = time.perf_counter()
            print(f"peer: {name} {now - clock[0]:.2f} s", file=sys.stderr)
            clock[0] = now

    window = args.window_days * 86400.0

    # One streaming pass: keep ids, times, lengths, MinHash signatures (computed every BATCH
    # articles) and the title + lead as one string for TF-IDF; raw texts and token lists are
    # dropped as soon as they are used.
    ids, times, tfidf_docs = [], [], []
    word_ids, lengths, sigs = [], [], []
    with open_text(args.file) as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            ids.append(str(a["id"]))
            times.append(epoch(a.get("published")))
            title = tokens(a.get("title"))
            body = tokens(a.get("text")) or title
            # word ids for the shingles (see PYTHONHASHSEED above)
            word_ids.append(np.fromiter(map(hash, body), np.int64, len(body)))
            lengths.append(len(body))
            if len(word_ids) == BATCH:
                sigs.append(signatures(word_ids))
                word_ids = []
            lead = [t for t in title + title + body[:LEAD_WORDS] if len(t) > 1 and t not in STOP]
            tfidf_docs.append(" ".join(lead))
    sigs.append(signatures(word_ids))
    del word_ids
    phase("read+normalise+minhash")
    n = len(ids)
    if n == 0:
        return

    # Missing dates take the previous article's (input order is roughly arrival order).
    t = np.array([np.nan if x is None else x for x in times])
    if np.isnan(t).all():
        t[:] = 0.0
    idx = np.where(~np.isnan(t), np.arange(n), 0)
    np.maximum.accumulate(idx, out=idx)
    t = t[idx]
    t[np.isnan(t)] = np.nanmin(t)

    # Work in time order (ties: input order) so that windows are contiguous.
    order = np.lexsort((np.arange(n), t))
    times_s = t[order]

    # Near-duplicates.
    lengths = np.array(lengths, np.int64)
    sig = np.concatenate(sigs)
    del sigs
    rank = np.empty(n, np.int64)
    rank[order] = np.arange(n)
    eligible = (lengths - SHINGLE + 1) >= MIN_SHINGLES
    sig_s, eligible_s = sig[order], eligible[order]
    del sig
    dl, dr = duplicate_edges(sig_s, eligible_s, times_s, window, args.dup_jaccard)

    phase("lsh")
    # Stories.
    vec = TfidfVectorizer(analyzer=str.split, max_df=0.5, sublinear_tf=True, dtype=np.float32)
    try:
        X = vec.fit_transform(tfidf_docs)
    except ValueError:                               # no words at all: nothing links
        X = sp.csr_matrix((n, 1), dtype=np.float32)
    del tfidf_docs
    X = X[order]
    phase("tfidf")
    sl, sr = similarity_edges(X, times_s, window, args.threshold)

    phase("similarity")
    # duplicate_of: the earliest member (time order) of each near-duplicate component.
    dup_of = [None] * n
    if len(dl):
        g = sp.coo_matrix((np.ones(len(dl)), (dl, dr)), shape=(n, n))
        k, lab = connected_components(g, directed=False)
        first = np.full(k, n, np.int64)
        np.minimum.at(first, lab, np.arange(n))
        for i in np.flatnonzero(first[lab] != np.arange(n)):
            dup_of[order[i]] = ids[order[first[lab[i]]]]

    # Stories: components of similarity + duplicate edges; a story is named by its earliest article.
    r = np.concatenate([sl, dl])
    c = np.concatenate([sr, dr])
    g = sp.coo_matrix((np.ones(len(r)), (r, c)), shape=(n, n))
    k, lab = connected_components(g, directed=False)
    first = np.full(k, n, np.int64)
    np.minimum.at(first, lab, np.arange(n))
    story_of_sorted = first[lab]

    phase("components")
    out = sys.stdout
    dumps = json.dumps
    for i in range(n):
        story = ids[order[story_of_sorted[rank[i]]]]
        out.write(dumps({"article": ids[i], "story": story, "duplicate_of": dup_of[i]}, ensure_ascii=False))
        out.write("\n")
    phase("write")


if __name__ == "__main__":
    main()
