"""What the draft gate's rules share: text as it reads (compatibility forms folded, invisible
characters gone), runs of words, contact details, the prompt's own words, and word stems.

The gate checks a model's draft against the request and the prompt, which arrive as plain
data (model.DraftData); nothing here knows about requests, prompts or models."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from assistant.lint.model import DraftData
from assistant.lint.words import COMMON_WORDS, NON_ENTITIES


class Lazy:
    """A regular expression compiled on first use: the gate's rules run only on a model's
    drafts, so `draft lint` on pasted text should not pay to compile them at start-up."""

    __slots__ = ("pattern", "flags", "_regex")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self._regex: re.Pattern[str] | None = None

    def __getattr__(self, name: str):
        if self._regex is None:
            self._regex = re.compile(self.pattern, self.flags)
        return getattr(self._regex, name)


_WORDS = Lazy(r"[^\W_]+(?:'[^\W_]+)?")


@lru_cache(maxsize=256)  # the note, the user's text and the draft are read by several rules
def plain(text: str) -> str:
    """Text as it reads: compatibility forms folded, invisible format characters (zero-width
    spaces hiding words from a filter) removed."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


@lru_cache(maxsize=64)
def _origins(text: str) -> tuple[int, ...] | None:
    """For each character of plain(text), the offset it comes from in text; None when the
    folding cannot be followed character by character (a composed accent)."""
    out: list[str] = []
    at: list[int] = []
    for i, c in enumerate(text):
        if unicodedata.category(c) == "Cf":
            continue
        folded = unicodedata.normalize("NFKC", c)
        out.append(folded)
        at.extend([i] * len(folded))
    if "".join(out) != plain(text):
        return None
    return tuple(at)


def span_in(text: str, start: int, end: int) -> tuple[int, int]:
    """A span of plain(text) as a span of text; the whole text when it cannot be mapped."""
    if plain(text) == text:
        return start, end
    at = _origins(text)
    if at is None:
        return 0, len(text)
    if start >= len(at):
        return len(text), len(text)
    return at[start], (at[end - 1] + 1 if end > start else at[start])


def runs(text: str, n: int) -> set[tuple[str, ...]]:
    """Every run of n words in the text, case folded."""
    words = [w.casefold() for w in _WORDS.findall(plain(text))]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


# -- copying their note -----------------------------------------------------------------------

ECHO_WORDS = 4  # this many words in a row from their note is copying, not answering


def echoes(text: str, note: str, n: int = ECHO_WORDS, allowed: str = "") -> bool:
    """True when text repeats a run of n words from the note (case and punctuation ignored),
    other than runs the user supplied too (an accept may name the place both mention) and runs
    of common words and words the user supplied ("from Globex Data Systems")."""
    if not note:
        return False
    known = {w.casefold() for w in _WORDS.findall(plain(allowed))} | COMMON_WORDS
    copied = (runs(text, n) & runs(note, n)) - runs(allowed, n)
    return any(not set(run) <= known for run in copied)


# -- contact details the user did not give --------------------------------------------------

# A dot as links are written, or spelled out to slip past a filter: "evil . example",
# "evil[.]example", "evil dot example". "at Acme. Co-founder" is a sentence end, not a link.
_DOT = r"(?:\.|\s+\.\s+|\s*\[\.\]\s*|\s*\(dot\)\s*|\s+dot\s+)"
LINK = Lazy(
    rf"(?:https?://|www\.)\S+|\b[\w-]+(?:{_DOT}[\w-]+)*{_DOT}(?:com|org|net|io|ai|co|dev|app|"
    r"info|biz|me|ly|xyz|link|example)\b(?:\s*/\s*\S+)?",
    re.IGNORECASE,
)
EMAIL = Lazy(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
PHONE = Lazy(r"\+?\d[\d ().-]{6,}\d")
_YEARS = Lazy(r"(?:19|20)\d\d\s*[-\u2013]\s*(?:19|20)\d\d")
PHONE_DIGITS = 7  # fewer digits in a row is a date, a count or a price, not a phone number
CONTACT_KINDS = ("email", "link", "phone")


def squash(text: str) -> str:
    """Letters and digits only, case folded: "evil . example" reads as "evilexample"."""
    return re.sub(r"[\W_]+", "", text).casefold()


@lru_cache(maxsize=32)
def contact_spans(text: str, supplied: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """Where the text holds a contact detail ("email", "link", "phone") that is not in
    `supplied`, by kind, as spans of the text. Compared without spaces, punctuation or case,
    so "evil . example" is caught."""
    folded, known = plain(text), squash(plain(supplied))
    found: dict[str, list[tuple[int, int]]] = {kind: [] for kind in CONTACT_KINDS}
    for m in EMAIL.finditer(folded):
        if squash(m.group()) not in known:
            found["email"].append(m.span())
    # The domain of an e-mail address is not a link of its own; blanks keep the offsets.
    rest = EMAIL.sub(lambda m: " " * len(m.group()), folded)
    for m in LINK.finditer(rest):
        if squash(m.group()) not in known:
            found["link"].append(m.span())
    for m in PHONE.finditer(rest):
        number = m.group()
        if (
            sum(c.isdigit() for c in number) >= PHONE_DIGITS
            and not _YEARS.fullmatch(number)
            and squash(number) not in known
        ):
            found["phone"].append(m.span())
    return {kind: tuple(span_in(text, *s) for s in spans) for kind, spans in found.items()}


# -- the prompt itself ------------------------------------------------------------------------

PROMPT_WORDS = 6  # this many words in a row from the prompt's own rules is a leak
CANARY_CHUNK = 8  # any 8 characters of the canary in a row


@lru_cache(maxsize=32)
def _rule_runs(rules: tuple[str, ...], examples: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """Runs of PROMPT_WORDS words from the prompt's rule lines, less any run its own example
    answers use (a good draft may read like them)."""
    found = set().union(set(), *(runs(line, PROMPT_WORDS) for line in rules))
    allowed = set().union(set(), *(runs(e, PROMPT_WORDS) for e in examples))
    return frozenset(found - allowed)


def leaks_prompt(
    text: str, rules: tuple[str, ...] = (), examples: tuple[str, ...] = (), canary: str = ""
) -> bool:
    """True when the text holds part of the canary or a run of the prompt's rules."""
    squashed = squash(plain(text))
    canary = canary.casefold()
    if any(canary[i : i + CANARY_CHUNK] in squashed for i in range(len(canary) - CANARY_CHUNK)):
        return True
    return bool(rules) and bool(runs(text, PROMPT_WORDS) & _rule_runs(rules, examples))


# -- words from the requester ---------------------------------------------------------------

# A capitalised word in a headline: the name of their company, school or product.
_NAME = Lazy(r"\b[A-Z][\w&'-]*")


def _stem(word: str) -> str:
    """A word's crude stem, so "pineapples" matches "pineapple" and "Acme's" matches "Acme"."""
    word = word.casefold().removesuffix("'s")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def stems(text: str) -> set[str]:
    """Stems of the text's words of three letters or more, or with a digit ("3pm")."""
    words = _WORDS.findall(plain(text))
    return {_stem(w) for w in words if len(w) >= 3 or any(c.isdigit() for c in w)}


@lru_cache(maxsize=32)
def _vocabulary(prompt_words: str) -> frozenset[str]:
    """Words a reply may use whatever the note says: common words, and the words of the
    prompt's instructions and example answers."""
    return frozenset(stems(prompt_words) | {_stem(w) for w in COMMON_WORDS})


def words_from_them(text: str, draft: DraftData) -> set[str]:
    """Words of a reply taken from the requester's note or headline: the topics an injected
    order would bring in ("pineapple", "friday"). Their first name, proper names in their
    headline, the user's own words and the prompt's vocabulary are fine."""
    headline = draft.requester_headline
    theirs = stems(draft.note + " " + headline)
    allowed = (
        stems(draft.supplied + " " + draft.requester_name)
        | stems(" ".join(_NAME.findall(headline)))
        | _vocabulary(draft.prompt_words)
    )
    return (stems(text) & theirs) - allowed


# -- the user's ask ---------------------------------------------------------------------------

# What the prompt says when the user asked for nothing (drafting.tasks.NO_ASK; the linter
# imports nothing of Cordial's, so the strings are repeated here): no ask of the user's to keep.
NO_ASK = frozenset({"", "to connect", "to stay in touch", "to connect and learn from their work"})


def user_ask(draft: DraftData | None) -> str:
    """The ask the user typed, or "" when there is none (the prompt's stand-in is not one)."""
    if draft is None or draft.ask.strip().lower() in NO_ASK:
        return ""
    return draft.ask


# -- the names in the user's context ----------------------------------------------------------

_TOKEN = Lazy(r"[^\W_]+(?:['’][^\W_]+)*")
_CASED = Lazy(r"[A-Za-z\u00c0-\u024f]")


def context_names(context: str) -> set[str]:
    """The names in a context line (capitalised words, numbers, words of scripts without case:
    the event, school, book or person), as stems, with uncased words as they are; a capital
    that opens a sentence ("Met at ...") names nothing."""
    names: set[str] = set()
    for m in _TOKEN.finditer(plain(context)):
        word = m.group()
        folded = word.casefold()
        digits = any(c.isdigit() for c in word)
        if folded in NON_ENTITIES or (folded in COMMON_WORDS and not digits):
            continue
        if not _CASED.search(word) or word[0].isupper() or digits:
            names.add(word)
    return stems(" ".join(names)) | {n for n in names if not _CASED.search(n)}


def names_any(text: str, names: set[str]) -> bool:
    """True when the text says at least one of `names` (context_names' stems and words)."""
    said = stems(text)
    folded = plain(text).casefold()
    return any(n in said or (not _CASED.search(n) and n.casefold() in folded) for n in names)
