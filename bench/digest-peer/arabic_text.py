"""Sentence splitting and word normalisation shared by lexrank.py and score.py.

Both systems' summaries are measured with these same functions, and the LexRank baseline reads its
sentences and words through them too, so that no system gains from a different tokenisation.
Standard library only; nothing is fetched at run time.
"""
import re

# Sentence ends: . ؟ ! ? followed by a space or the end of the text (so that "2.4" or "U.S" inside a
# word stays whole), and every line break.
_SENTENCE_END = re.compile(r"(?<=[.؟!?])\s+|\s*\n+\s*")
_HARAKAT_TATWEEL = re.compile("[\u064B-\u0652\u0670\u0640]")   # tanween…sukun, dagger alef, tatweel
_ALEF = re.compile("[أإآ]")
_WORD = re.compile(r"\w+")


def split_sentences(paragraph):
    """Sentences of one paragraph: split on . ؟ ! ? and line breaks; empty pieces dropped."""
    out = []
    for piece in _SENTENCE_END.split(paragraph or ""):
        piece = piece.strip()
        if piece and _WORD.search(piece):
            out.append(piece)
    return out


def normalise(text):
    """Arabic normalisation of the scorer: harakat and tatweel removed, أإآ → ا, ى → ي, ة → ه,
    Latin letters lower-cased."""
    text = _HARAKAT_TATWEEL.sub("", text)
    text = _ALEF.sub("ا", text)
    return text.replace("ى", "ي").replace("ة", "ه").lower()


def words(text):
    """Normalised word tokens (runs of letters/digits; punctuation dropped)."""
    return _WORD.findall(normalise(text))


def sentence_key(text):
    """Identity of a sentence for "the same sentence verbatim": its normalised words."""
    return " ".join(words(text))
