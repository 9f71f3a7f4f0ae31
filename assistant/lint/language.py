"""Is a note in English? The phrase rules only know English: on other languages they stay
silent rather than raise false alarms (a miss costs less trust than a false alarm)."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_ASCII_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Words nearly every English note uses and other languages rarely do.
_FUNCTION_WORDS = frozenset(
    """
    i i'm i'd i've i'll you your you're we our my me the a an and or but to of in on at for
    with about from is are was were be been have has had would could can will may might do
    did this that it it's if so as by not no just like love thanks thank hi hello dear please
    let's together great good nice
    """.split()
)
MIN_WORDS = 6  # shorter notes give no reliable signal: assume English


def looks_english(lower: str) -> bool:
    """True unless the lower-cased text is clearly in another language or script."""
    words = _WORD.findall(lower)
    if len(words) < MIN_WORDS:
        return True
    ascii_words = _ASCII_WORD.findall(lower)
    if len(ascii_words) * 2 < len(words):
        return False  # mostly another script: CJK, Cyrillic, Devanagari, Hangul...
    hits = sum(w in _FUNCTION_WORDS for w in ascii_words)
    return hits * 6 >= len(ascii_words)
