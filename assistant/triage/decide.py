"""Triage of one incoming request: a category, an action, reasons a person can check, and how
sure the decision is.

Crisp facts decide first, in order: whether you know the sender (from the export), no note or
only the platform's default sentence, orders to an assistant, and selling the linter can point
at (a link, a price, "book a demo", a stranger asking for a phone number). Everything else is a
judgement the learned scorer makes from the note's words, in any language: a claimed meeting, a
specific request, a fan, a pitch in softer words, or nothing of substance. Where the n-gram
scorer is unsure, or barely knows the note's language, a sentence encoder reads the note as a
whole too (assistant/triage/encoder.py) and the two opinions are multiplied. The linter reads
the note (kind="incoming") and its findings are the reasons.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from assistant.lint import Finding, lint
from assistant.lint.scorer import score
from assistant.lint.scorer.features import WORDS
from assistant.triage.encoder import encoder

Category = Literal["known", "not-sure", "genuine", "blank-or-vanity", "pitch", "fan"]
Action = Literal["accept", "ask-how-met", "how-can-i-help", "letdown", "follow", "ignore"]

ACTION_FOR: dict[str, Action] = {
    "known": "accept",
    "not-sure": "ask-how-met",
    "genuine": "how-can-i-help",
    "blank-or-vanity": "letdown",
    "pitch": "ignore",
    "fan": "follow",
}
# The reply situation of each action; a pitch needs no reply, and the optional one is a short
# no-thanks (batch triage drafts none for it).
SITUATION_FOR: dict[str, str] = {
    "accept": "accept",
    "ask-how-met": "how-met",
    "how-can-i-help": "how-can-i-help",
    "letdown": "letdown",
    "follow": "follow",
    "ignore": "ignore",
}
# Below this, the decision is a guess: the row is marked for review.
SURE = 0.6
# The confidence of the safe default for a note the scorer cannot read: marked for review.
UNJUDGED = 0.4
# Below this n-gram probability the sentence encoder reads the note too. Chosen on held-out
# writers (training/cross_validate.py --by writer): the encoder then reads about half the
# notes and the pair keeps all but 0.1 point of its accuracy with the encoder on every note.
ENCODER_GATE = 0.8
# Fewer shared connections than this is a clue (not proof) that the sender is a stranger.
FEW_MUTUAL = 5


_MISSING = {
    "invite.missing-who": "who they are",
    "invite.missing-why": "why they picked you",
    "invite.missing-ask": "what they would like",
}
_VAGUE = {
    "invite.flattery": "flattery with no substance",
    "invite.vague-purpose": "a vague purpose",
    "invite.mutual-count-reason": "shared connections given as the reason",
}


@dataclass(frozen=True)
class Assessment:
    """The triage of one request: category, action, plain-word reasons and confidence."""

    category: Category
    action: Action
    reasons: list[str] = field(default_factory=list)
    confidence: float = 0.5
    findings: list[str] = field(default_factory=list)

    @property
    def situation(self) -> str:
        """The reply situation for the action (a pitch's is "ignore": a short no-thanks)."""
        return SITUATION_FOR[self.action]

    @property
    def needs_review(self) -> bool:
        """True when the decision is not sure and a person should look."""
        return self.confidence < SURE


def _quote(note: str, start: int, end: int) -> str:
    """The words that triggered a rule, widened to their sentence so the reason reads well."""
    start = max((note.rfind(c, 0, start) for c in ".!?\n"), default=-1) + 1
    ends = [i for c in ".!?\n" if (i := note.find(c, end)) != -1]
    end = min(ends) + 1 if ends else len(note)
    span = " ".join(note[start:end].split())
    return f' ("{span[:60]}{"…" if len(span) > 60 else ""}")' if span else ""


def _mutual_reason(mutual: int | None) -> list[str]:
    if mutual is None:
        return []
    if mutual < FEW_MUTUAL:
        return [f"only {mutual} connection{'s' if mutual != 1 else ''} in common"]
    return [f"{mutual} connections in common"]


def _verdict(
    category: Category,
    reasons: list[str],
    confidence: float,
    findings: list[str],
    mutual: int | None,
) -> Assessment:
    return Assessment(
        category,
        ACTION_FOR[category],
        [*reasons, *_mutual_reason(mutual)],
        round(confidence, 2),
        findings,
    )


# What the scorer's choice means, in words a person can check against the note.
_SAYS: dict[str, tuple[str, str | None]] = {
    "ask-how-met": (
        "they say you met",
        "they are not in your connections or messages: ask where you met",
    ),
    "how-can-i-help": ("they ask something specific", None),
    "follow": (
        "they like your content",
        "there is no working relationship yet: following fits better than connecting",
    ),
    # The scorer's "ignore" covers selling and personal or romantic approaches alike.
    "ignore": (
        "it reads as a pitch or a personal approach",
        "neither deserves a reply; never promise a meeting",
    ),
    "letdown": ("nothing in the note gives it substance", None),
}
CATEGORY_FOR: dict[str, Category] = {a: c for c, a in ACTION_FOR.items()}  # type: ignore[misc]


def assess(
    note: str,
    *,
    mutual: int | None = None,
    connected: str | bool = False,
    messaged: str | bool = False,
) -> Assessment:
    """Triage one incoming request. `connected` and `messaged` are True, or a short phrase
    saying how the user knows the sender ("a connection since 3 Mar 2024")."""
    note = note or ""
    findings = lint(note, kind="incoming").findings
    rules = list(dict.fromkeys(f.rule for f in findings))
    first = {f.rule: f for f in reversed(findings)}
    few = mutual is not None and mutual < FEW_MUTUAL

    def verdict(category: Category, reasons: list[str], confidence: float) -> Assessment:
        return _verdict(category, reasons, confidence, rules, mutual)

    if connected or messaged:
        reasons = []
        if connected:
            reasons.append(connected if isinstance(connected, str) else "already a connection")
        if messaged:
            reasons.append(
                messaged if isinstance(messaged, str) else "you have exchanged messages before"
            )
        return verdict("known", reasons, 0.9)
    if "note.blank" in rules:
        reasons = ["there is no note: nothing says who they are or why"]
        return verdict("blank-or-vanity", reasons, 0.9 if few or mutual is None else 0.75)
    if "note.default-text" in rules:
        return verdict("blank-or-vanity", ["the note is only the platform's default sentence"], 0.9)
    if order := first.get("note.assistant-order"):
        reasons = ["the note gives orders to an assistant" + _quote(note, order.start, order.end)]
        return verdict("pitch", [*reasons, "never act on instructions inside a note"], 0.95)
    # Selling the linter can point at: a link, a price, "book a demo"; a stranger asking for a
    # phone number or e-mail is selling something too (the guidance's label policy).
    for rule in ("invite.sales-pitch", "style.personal-data-ask"):
        crisp = first.get(rule)
        if crisp and not crisp.reason:
            why = (
                "it reads as a sales pitch"
                if rule == "invite.sales-pitch"
                else "a stranger asks for personal contact details"
            )
            reasons = [why + _quote(note, crisp.start, crisp.end)]
            return verdict("pitch", [*reasons, "never promise a meeting to a pitch"], 0.9)
    return _judged(note, findings, verdict)


def needs_encoder(note: str) -> bool:
    """True when triage will ask the sentence encoder about this note (so a batch can encode
    such notes together first): the n-gram scorer is unsure or barely knows the language."""
    if encoder() is None or not WORDS.search(note or ""):
        return False
    scores = score(note)
    return not scores.judged or _ngrams_unsure(scores.distribution("triage"))


def _ngrams_unsure(chances: dict[str, float]) -> bool:
    """True when the n-gram triage head's top probability is under the encoder's gate."""
    return max(chances.values()) < ENCODER_GATE


def read_ahead(notes: list[str]) -> None:
    """Encode, in batches, the notes among these that triage will ask the encoder about."""
    second = encoder()
    if second is not None:
        second.read_ahead([n for n in notes if needs_encoder(n)])


def _together(first: dict[str, float], second: dict[str, float]) -> dict[str, float]:
    """Two readers' distributions multiplied and renormalised."""
    joint = {label: p * second[label] for label, p in first.items()}
    total = sum(joint.values()) or 1.0
    return {label: p / total for label, p in joint.items()}


def _judged(
    note: str, findings: tuple[Finding, ...], verdict: Callable[..., Assessment]
) -> Assessment:
    """The scorer's choice among the five replies, with its probability as the confidence and
    the sentence and words that carried it as the reasons."""
    if not WORDS.search(note):  # emoji or punctuation alone: nothing to read
        return verdict("blank-or-vanity", ["the note has no words: nothing says who or why"], 0.8)
    scores = score(note)
    second = encoder()
    if not scores.judged and second is None:
        reasons = [
            "the note is mostly in words the scorer has not learned (a language it saw little of)",
            "read it yourself; asking how you can help is the safe default",
        ]
        return verdict("genuine", reasons, UNJUDGED)
    read_by = ""
    if not scores.judged:  # a language the n-grams barely know: the encoder reads it alone
        chances = second.distribution(note)
        read_by = "read as a whole by the sentence encoder (few of its words are known n-grams)"
    else:
        chances = scores.distribution("triage")
        if second is not None and _ngrams_unsure(chances):
            chances = _together(chances, second.distribution(note))
            read_by = "the n-grams were unsure: the sentence encoder read it too"
    action = max(chances, key=chances.__getitem__)
    said, advice = _SAYS[action]
    start, end = scores.sentence("triage", action)
    reasons = [said + _quote(note, start, end)]
    if action == "letdown":
        missing = [
            label for rule, label in _MISSING.items() if any(f.rule == rule for f in findings)
        ]
        vague = [
            _VAGUE[f.rule] + _quote(note, f.start, f.end) for f in findings if f.rule in _VAGUE
        ][:2]
        if missing:
            never = (
                ", ".join(missing[:-1]) + " or " + missing[-1] if len(missing) > 1 else missing[0]
            )
            reasons = [*vague, "the note never says " + never]
        elif vague:
            reasons = vague
    elif advice:
        reasons.append(advice)
    words = scores.quote("triage", action)
    if words and scores.judged:
        reasons.append(f"the words that weighed most: {words}")
    if read_by:
        reasons.append(read_by)
    return verdict(CATEGORY_FOR[action], reasons, chances[action])
