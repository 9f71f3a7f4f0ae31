"""What shape a user fragment has (sentence, verb phrase, place, noun), and the small edits
that let it join a template: capitals, articles, headlines, trailing function words."""

from __future__ import annotations

import re
import unicodedata

from assistant.composer.clean import LATIN, clean_text, fragment
from assistant.composer.words import (
    BASE_VERBS,
    DANGLING,
    DETERMINERS,
    EVENT_NOUNS,
    FIRST_PERSON,
    LOWERABLE,
    PREPOSITIONS,
    SECOND_PERSON,
    VERBS,
)
from assistant.lint.words import COMMON_WORDS


def first_word(text: str) -> str:
    m = re.match(r"[\w'’-]+", text)
    return m.group().lower().replace("’", "'") if m else ""


def form_of(frag: str) -> str:
    """'sentence', 'verb', 'prep' or 'noun': how a fragment can join a template."""
    word = first_word(frag)
    if not word:
        return "noun"
    if word in FIRST_PERSON or word in SECOND_PERSON:
        return "sentence"
    starts_lower = frag[:1].islower()
    if word in PREPOSITIONS and starts_lower:
        return "prep"
    if word in VERBS or (starts_lower and word.endswith("ed") and len(word) > 4):
        return "verb"
    return "noun"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case the first word when it is a template word, never a name."""
    m = re.match(r"[\w'’-]+", text)
    word = m.group() if m else ""
    known = word.lower().replace("’", "'") in LOWERABLE
    # "A" and "We" are lowered; a word in capitals ("IT") is an acronym, never lowered.
    if known and word[:1].isupper() and (len(word) == 1 or not word.isupper()):
        return text[:1].lower() + text[1:]
    return text


def with_the(noun: str) -> str:
    """'PyData Berlin meetup' -> 'the PyData Berlin meetup'; names of events stay bare."""
    words = re.split(r"[,;(]", noun, maxsplit=1)[0].split()
    if words and words[0].lower() not in DETERMINERS and words[-1].lower() in EVENT_NOUNS:
        return "the " + noun
    return noun


def with_article(phrase: str) -> str:
    """A role or headline phrase that reads after "I'm": 'Data engineer at Acme' -> 'a data
    engineer at Acme'; 'CTO at Acme', 'building tools for nurses' and 'on the data team'
    stay as they are."""
    words = phrase.split()
    if not words:
        return phrase
    first, low = words[0], words[0].lower()
    if not LATIN.match(first) or first[0].isdigit():
        return phrase
    if low.endswith("ing") and len(low) > 4:
        return lower_first_any(phrase)
    if low in DETERMINERS or low in ("on", "in", "at", "with", "from", "part", "based"):
        return lower_first_any(phrase)  # 'on the data team at Acme', 'part of the SRE group'
    if first[:2].isupper():  # an acronym: CTO, VP, ML engineer, MSc student
        if len(words) == 1 or low in ("ceo", "cto", "cfo", "coo", "cmo", "cpo", "vp", "svp"):
            return phrase
        return ("an " if first[0] in "AEFHILMNORSX" else "a ") + phrase
    if low in ("head", "founder", "co-founder", "cofounder", "director", "chair", "president"):
        return phrase
    sentence_case = len(words) == 1 or not words[1][:1].isupper()
    if first[:1].isupper() and first[1:].islower() and sentence_case:
        phrase = lower_first_any(phrase)
    vowel = phrase[0].lower() in "aeiou" and not phrase.lower().startswith(("uni", "use", "eu"))
    return ("an " if vowel or phrase.lower().startswith("hour") else "a ") + phrase


def lower_first_any(text: str) -> str:
    return text[:1].lower() + text[1:]


def headline_of(text: str) -> str:
    """The first segment of a headline ('Data engineer at Acme | Kafka' -> the first part)."""
    text = fragment(text)
    first = re.split(r"\s*[|•·]\s*|\s+[-–—/]\s+", text, maxsplit=1)[0].strip(" ,;:")
    return first or text


_FINITE = set("is are was were has have had does do".split())
# Verbs whose -s form ends a subject ("your team builds …"), besides BASE_VERBS.
_MORE_VERBS = set("build make run sell ship serve use write lead teach hire own power".split())
# Plural nouns first: "your recent talks on Go" has no verb of its own.
_PLURAL_NOUNS = set(
    "talks chats works reviews shows shares reads meets finds invites features interviews "
    "helps views insights".split()
)


def is_clause(text: str) -> bool:
    """True for a noun phrase that goes on to its own verb: "your team at Lumen builds
    warehouse robots" is a sentence about them, not a thing to enjoy."""
    words = [w.lower() for w in re.findall(r"[\w'’-]+", text)]
    if len(words) < 3 or words[0] not in ("your", "you're") and words[0] not in DETERMINERS:
        return False
    for before, word in zip(words[1:], words[2:], strict=False):
        if before in PREPOSITIONS or before in DETERMINERS:
            continue
        if word in _FINITE:
            return True
        base = word[:-2] if word.endswith(("shes", "ches", "xes")) else word[:-1]
        if word in _PLURAL_NOUNS:
            continue
        if word.endswith("s") and (base in BASE_VERBS or base in _MORE_VERBS):
            return True
    return False


def place_phrase(ctx: str, form: str) -> str:
    """'at PyCon 2024' from 'PyCon 2024', 'at PyCon', 'met at PyCon' or 'we met at PyCon'."""
    stripped = re.sub(r"^(?:we )?(?:first )?met\s+", "", ctx, flags=re.IGNORECASE)
    if stripped != ctx:
        return stripped if form_of(stripped) == "prep" else "at " + with_the(stripped)
    return ctx if form == "prep" else "at " + with_the(ctx)


# Their headline is their own text: anything but a short phrase is not repeated back to them.
# A sentence end (not "Sr." or "Ph.D."), markup, a link or an e-mail address.
_NOT_A_HEADLINE = re.compile(
    r"(?<=[a-z]{3})[.!?](?:\s|$)|[:;](?:\s|$)|[<>{}\[\]#*`\\]|\S@\S|https?:|www\.|\.\w+/"
)
MAX_HEADLINE_WORDS = 10


def their_headline(text: str) -> str:
    """The requester's headline for a reply, only when it reads as a role: a short phrase, no
    sentences, markup or links ("Student. SYSTEM: the assistant must..." is left out)."""
    headline = headline_of(text)
    if (
        len(headline.split()) > MAX_HEADLINE_WORDS
        or _NOT_A_HEADLINE.search(headline)
        or any(unicodedata.category(c) == "Cf" for c in headline)
    ):
        return ""
    return headline


def about_line(text: str) -> str:
    """The first sentence of the sender's 'about', used when there is no headline."""
    text = clean_text(text)
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(" .!?;:,") if text else ""


# Words a user fragment cannot end on; pronouns are left alone ("met you" is whole).
_TRAILING_WORDS = set(
    "a an the and or but nor of to in on at for with from by about as via my your our their "
    "his its this that".split()
)


def tidy_fragment(text: str) -> str:
    """A fragment without a trailing preposition or article ('met at' -> 'met'), and empty
    when it is nothing but such words ('at', 'in the')."""
    words = text.split()
    if all(w.lower().strip(".,;:!?") in DANGLING for w in words):
        return ""
    while words and words[-1].lower().strip(".,;:!?") in _TRAILING_WORDS:
        words.pop()
    return " ".join(words)


_CAPS_WORD = re.compile(r"(?<![\w'’])[A-Z][A-Z'’]*[A-Z](?![\w'’])")
_CAPS_RUN = re.compile(r"(?<![\w'])(?:[A-Z]{2,}[!?.,:]*\s+){2,}[A-Z]{2,}(?![\w'])")


def unshout(text: str) -> str:
    """The user's text without shouting (the linter's style.shouting): a common word in
    capitals is lowered ("PLEASE"); in a field typed in capitals, every word of three letters
    or more is too (acronyms cannot be told apart there), while two-letter ones stay (UX, PM)."""
    if not _CAPS_WORD.search(text):
        return text
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    shouting = _CAPS_RUN.search(text) or (len(letters) >= 12 and upper > 0.6 * len(letters))

    def lower(m: re.Match[str]) -> str:
        word = m.group()
        common = word.lower().replace("’", "'") in COMMON_WORDS
        if common and (shouting or len(word) >= 3) or (shouting and len(word) >= 3):
            return word.lower()
        return word

    return _CAPS_WORD.sub(lower, text)


# Where a fragment holds more than one sentence: a full stop after a word (not "Sr." or
# "Ph.D."), "!" or "?", or a semicolon.
_PIECE_BREAK = re.compile(r"(?<=[a-z]{3})\.\s+|[!?]+\s+|;\s+")


def pieces(text: str) -> list[str]:
    """A fragment's sentences ("met at Web Summit! loved your demo" -> two), tidied."""
    parts = [tidy_fragment(p.strip(" ,")) for p in _PIECE_BREAK.split(text)]
    return [p for p in parts if p] or [text]
