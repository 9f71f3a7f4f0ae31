"""The scorer's features: tokens, token pairs and character 2-5 grams within tokens, any language.

A token is a word, a single Chinese or Japanese character (those scripts put no space between
words, so one character and its neighbour pair stand in for words), or a run of symbols:
punctuation and emoji ("?", "!!!", "😍", ":)") carry signal that letters alone miss. Measured on
the written notes, held out a writer at a time: tokens from symbols and single CJK characters
raised triage from 75.6 % to 78.8 %, past a plain TF-IDF logistic regression (77.4 %) whose
character n-grams keep punctuation.

Training (`training/train_scorer.py`) and the run-time scorer both read notes through this
module, so the two can never disagree about what a feature is.

A note is a list of *blocks*: one per token (the token itself and its character n-grams) and one
per pair of neighbouring tokens. A note's vector is the sum of its blocks, each feature weighted
by its idf, and divided by the square root of the blocks' summed squared lengths. That is the
usual l2 norm except that two blocks sharing a character n-gram are not merged, which lets the
run-time scorer cache each distinct word's share once and add shares up, instead of rebuilding
every note's n-grams: the lint benchmark's speed target depends on it.
"""

from __future__ import annotations

import re
import unicodedata

# Words: letters and digits, keeping apostrophes inside ("i'm", "don't"). The vowel signs of
# Indic, Thai, Lao and Myanmar scripts are marks, not letters, to `re`: inside a word they do
# not end it ("शिक्षक" is one word, not four).
_SCRIPT_MARKS = "\u0900-\u0963\u0966-\u0dff\u0e00-\u0eff\u1000-\u109f"  # less the dandas
WORDS = re.compile(rf"[^\W_](?:[^\W_]|[{_SCRIPT_MARKS}])*(?:'[^\W_]+)*")
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana and Han ideographs
TOKENS = re.compile(
    rf"[{_CJK}]"
    rf"|[^\W_{_CJK}](?:[^\W_{_CJK}]|[{_SCRIPT_MARKS}])*(?:'[^\W_{_CJK}]+)*"
    r"|[^\w\s]+"
)
_DIGIT = re.compile(r"\d")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
MIN_GRAM, MAX_GRAM = 2, 5
# A longer "word" is a run of CJK text or a token of junk: its head carries the signal.
MAX_WORD_CHARS = 24


def normalize(text: str) -> str:
    """Compatibility forms folded, lower case, straight apostrophes, every digit a 0 (a price
    or a count matters, not which one)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _DIGIT.sub("0", text)


def raw_words(text: str) -> list[tuple[str, int, int]]:
    """The tokens of a text as written, with their spans. Normalising can change a text's
    length (NFKC, casefold of 'ß'), so tokens are found first and normalised one at a time,
    which keeps spans true and lets the scorer cache each written form."""
    return [(m.group(), m.start(), m.end()) for m in TOKENS.finditer(text)]


def word_block(word: str) -> dict[str, int]:
    """A word's features: the word itself and its character n-grams, padded with spaces so
    the first and last letters are marked."""
    padded = f" {word[:MAX_WORD_CHARS]} "
    block = {"w " + word: 1}
    for n in range(MIN_GRAM, MAX_GRAM + 1):
        for i in range(len(padded) - n + 1):
            gram = "c " + padded[i : i + n]
            block[gram] = block.get(gram, 0) + 1
    return block


def pair_feature(first: str, second: str) -> str:
    """The feature of two neighbouring words."""
    return f"b {first} {second}"


def blocks(text: str) -> list[dict[str, int]]:
    """Every block of a note: one per word, then one per pair of neighbouring words."""
    words = [normalize(w) for w, _, _ in raw_words(text)]
    out = [word_block(w) for w in words]
    out.extend({pair_feature(a, b): 1} for a, b in zip(words, words[1:], strict=False))
    return out
