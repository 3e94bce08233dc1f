#!/usr/bin/env python3
"""LexRank baseline for `khabar digest` summaries (issue 5, "Dev window").

usage: lexrank.py [--skip-duplicates] DIGEST.json > LEXRANK.json

For every story of DIGEST.json (the output of `khabar digest --format json`) with at least two
articles, summarises the same articles with sumy's LexRankSummarizer, choosing as many sentences as
Khabar's summary of that story has. Prints:

    {"stories": [{"id": story id, "sentences": [{"text": ..., "articles": [article ids]}]}]}

Input to LexRank: the clean paragraphs of the story's articles (from the digest's "articles"), in
the story's article order, split into sentences by arabic_text.split_sentences (on . ؟ ! ? and line
breaks), words by arabic_text.words (normalised Arabic). A sentence that occurs verbatim (same
normalised words) in several articles is given to LexRank once, and its "articles" lists every one
of them, so that the baseline is credited with all of its sources and cannot pick two copies of
one sentence. With --skip-duplicates, articles the digest marks as near-duplicates ("duplicate_of")
give LexRank no sentences of their own, only credit for the verbatim ones they share (a check that
the baseline's redundancy does not come from duplicate articles alone). Stemming: sumy's Stemmer("arabic") (NLTK's Snowball Arabic stemmer, code only);
stop words: sumy's own Arabic list, normalised the same way. No NLTK data and no network are used.
"""
import json
import sys

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

from arabic_text import normalise, sentence_key, split_sentences, words


class ArabicTokenizer:
    """The tokenizer object sumy's Sentence asks for words; sentences are split before sumy sees
    them, so to_sentences is only here for completeness."""

    language = "arabic"

    def to_sentences(self, paragraph):
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence):
        return tuple(words(sentence))


def story_sentences(story, articles_by_id, skip_duplicates=False):
    """[(text, [article ids])] of the story's articles, first occurrence order, verbatim copies
    merged."""
    order, sources, text_of = [], {}, {}
    ids = [a for a in story.get("articles", []) if a in articles_by_id]
    if skip_duplicates:   # originals first, so that duplicates only add credit
        ids.sort(key=lambda a: bool(articles_by_id[a].get("duplicate_of")))
    for aid in ids:
        article = articles_by_id[aid]
        credit_only = skip_duplicates and bool(article.get("duplicate_of"))
        for paragraph in article.get("paragraphs") or []:
            for s in split_sentences(paragraph):
                key = sentence_key(s)
                if not key:
                    continue
                if key not in sources:
                    if credit_only:
                        continue
                    order.append(key)
                    sources[key] = []
                    text_of[key] = s
                if aid not in sources[key]:
                    sources[key].append(aid)
    return [(text_of[k], sources[k]) for k in order]


def main():
    args = sys.argv[1:]
    skip_duplicates = "--skip-duplicates" in args
    args = [a for a in args if a != "--skip-duplicates"]
    if len(args) != 1:
        sys.exit(__doc__.split("\n\n")[1])
    with open(args[0], encoding="utf-8") as f:
        digest = json.load(f)
    articles_by_id = {a["id"]: a for a in digest.get("articles", [])}

    tokenizer = ArabicTokenizer()
    summarizer = LexRankSummarizer(Stemmer("arabic"))
    summarizer.stop_words = {normalise(w) for w in get_stop_words("arabic")}

    out = []
    for story in digest.get("stories", []):
        if len(story.get("articles", [])) < 2:
            continue
        count = len(story.get("summary") or [])
        candidates = story_sentences(story, articles_by_id, skip_duplicates)
        chosen = []
        if count > 0 and candidates:
            by_text = {}
            paragraph_sentences = []
            for text, srcs in candidates:
                sentence = Sentence(text, tokenizer)
                by_text[text] = srcs
                paragraph_sentences.append(sentence)
            document = ObjectDocumentModel([Paragraph(paragraph_sentences)])
            for sentence in summarizer(document, count):
                text = str(sentence)
                chosen.append({"text": text, "articles": by_text[text]})
        out.append({"id": story["id"], "sentences": chosen, "candidates": len(candidates)})
    json.dump({"stories": out}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
