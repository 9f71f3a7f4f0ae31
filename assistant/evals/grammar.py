"""Grammar checks for drafts (the `grammar` eval assertion): sentence shapes of our own, plus
Harper's agreement and article lints when harper-py is installed (dev extras).

Our own checks catch what Harper does not:
- a question that lost its auxiliary: "How you handled on-call during the move?" (a wh-word
  followed straight by a subject pronoun and a verb, ending in "?");
- a question without its question mark: "Would you be open to a call." (an auxiliary followed
  by a subject pronoun opens the sentence), and an inverted wh-question likewise ("How do you
  handle on-call.");
- the sender as the object of their own ask ("I'd love to introduce me to …") and a word
  said twice ("alumni alumni");
- a run of capitals copied from the user's text ("LOVED YOUR DEMO"): two or more words in
  capitals, one of them a common English word.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

from assistant.lint.words import COMMON_WORDS

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_WH = set("how what why where when which who whom whose".split())
_AUX = set(
    "do does did is are was were can could would will shall should has have had may might "
    "must am don't doesn't didn't isn't aren't wasn't weren't can't couldn't wouldn't won't "
    "shouldn't hasn't haven't".split()
)
_SUBJECT = set("i you he she they we it".split())
_CAPS_WORD = re.compile(r"(?<![\w'’])[A-Z][A-Z'’]*[A-Z](?![\w'’])")


@dataclass(frozen=True)
class Problem:
    """One grammar problem: what kind, the words, and why."""

    kind: str
    text: str
    reason: str


def _words(sentence: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in re.findall(r"[\w'’-]+", sentence)]


def sentences(text: str) -> list[str]:
    """The text's sentences, each with its closing mark; a greeting line ("Hi Ana,") is kept
    with what follows it."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def _conditional(first: str, body: str) -> bool:
    """ "Should you have a question, write to me": an inverted condition, not a question."""
    return first in ("should", "had", "were") and "," in body


def question_problems(text: str) -> list[Problem]:
    """Malformed questions and questions that lost their question mark."""
    problems = []
    for sentence in sentences(text):
        # "Hi Ana, would you be open …?": the greeting is not part of the sentence's shape.
        body = re.sub(r"^(?:hi|hello|dear|hey)\b[^,]{0,60},\s*", "", sentence, flags=re.I)
        words = _words(body)
        if len(words) < 3:
            continue
        first, second, third = words[0], words[1], words[2]
        asks = body.rstrip().endswith("?")
        if first in _WH and second in _SUBJECT and asks and third not in _AUX:
            # "How you handled …?" — "How you doing?" is not what a note says either.
            problems.append(Problem("question", sentence, "a question with no auxiliary verb"))
        elif not asks and (
            (first in _AUX and second in _SUBJECT and not _conditional(first, body))
            or (first in _WH and second in _AUX and third in _SUBJECT)
        ):
            problems.append(Problem("question", sentence, "a question without its '?'"))
    return problems


# "I'd love to introduce me to …", "I'd like to share the deck with me": the sender is both
# subject and object, so the ask was turned the wrong way round.
_SELF_OBJECT = re.compile(
    r"\bI(?:'d|’d| would| want| hope)? (?:love |like |be glad |be happy )?to "
    r"(?:(?!you\b|your\b)[\w'’-]+ ){1,5}?me\b"
)
_REPEATED = re.compile(r"\b(\w{3,})\s+\1\b", re.IGNORECASE)


def pronoun_problems(text: str) -> list[Problem]:
    """The sender as the object of their own ask, and a word said twice ("alumni alumni")."""
    found = [Problem("pronoun", m.group(), "the sender is subject and object") for m in
             _SELF_OBJECT.finditer(text)]
    found += [Problem("repeat", m.group(), "a word said twice") for m in _REPEATED.finditer(text)]
    return found


def caps_problems(text: str) -> list[Problem]:
    """Two or more common words in capitals in a row: shouting copied from the user's text."""
    problems = []
    run: list[str] = []
    for m in re.finditer(r"[\w'’]+|[^\w\s'’]+", text + " ."):
        word = m.group()
        caps = _CAPS_WORD.fullmatch(word) is not None
        if caps and word.lower().replace("’", "'") in COMMON_WORDS:
            run.append(word)
            continue
        if caps and run:  # an acronym inside a shouted run still belongs to it
            run.append(word)
            continue
        if len(run) >= 2:
            problems.append(Problem("caps", " ".join(run), "words in capitals read as shouting"))
        if not re.fullmatch(r"[\s,]*", word):
            run = []
    return problems


# Harper rules for agreement and articles ("she are", "a advice", "an book"); the others
# (spelling, style) would flag names and product words the user supplied.
HARPER_RULES = (
    "AnA",
    "MassNouns",
    "PronounVerbAgreement",
    "PronounInflectionBe",
    "IAmAgreement",
    "ThereIsAgreement",
    "AnotherAn",
    "TheAnother",
    "QuantifierNumeralConflict",
    "InflectedVerbAfterTo",
)
_harper_lock = threading.Lock()


@cache
def _harper() -> Any:
    """A Harper linter with only HARPER_RULES on, or None without harper-py."""
    try:
        import harper
    except ImportError:
        return None
    linter = harper.Linter(harper.Dialect.BRITISH)
    config = dict.fromkeys(linter.get_default_lint_config(), False)
    for rule in HARPER_RULES:
        if rule in config:
            config[rule] = True
    linter.set_lint_config(config)
    return linter


def harper_available() -> bool:
    """Whether harper-py is installed (pip install -e '.[dev]')."""
    return _harper() is not None


def harper_problems(text: str) -> list[Problem]:
    """Harper's agreement and article lints; none without harper-py."""
    linter = _harper()
    if linter is None:
        return []
    with _harper_lock:  # a Linter is not thread-safe, and evals run cases in threads
        lints = linter.lint(text, language="plaintext")
    return [Problem("harper", lint.problem_text, lint.message) for lint in lints]


def problems(text: str) -> list[Problem]:
    """Every grammar problem in a draft."""
    return [
        *question_problems(text),
        *pronoun_problems(text),
        *caps_problems(text),
        *harper_problems(text),
    ]
