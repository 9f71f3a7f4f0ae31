"""Triage of one incoming request: a category, an action, reasons a person can check, and how
sure the rules are.

The guidance's triage, from the recipient's side, as explainable rules ordered from the most to
the least decisive signal: whether you know the sender (from the export), no note at all, a
pitch, a claimed meeting, a fan of your content, a note that says who, why and what, and
otherwise a vanity request. The linter reads the note (kind="incoming").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.lint import lint
from assistant.lint.language import looks_english

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
# The reply each action drafts; a pitch is ignored, so it gets none.
SITUATION_FOR: dict[str, str | None] = {
    "accept": "accept",
    "ask-how-met": "how-met",
    "how-can-i-help": "how-can-i-help",
    "letdown": "letdown",
    "follow": "follow",
    "ignore": None,
}
# Below this, the rules are guessing: the row is marked for review.
SURE = 0.6
# Fewer shared connections than this is a clue (not proof) that the sender is a stranger.
FEW_MUTUAL = 5

_MEETING = re.compile(
    r"\b(?:we met|met (?:you|at|in|during|briefly|last)|meeting you|to meet you|"
    r"(?:saw|see|seeing) you (?:at|speak|present)|bumped into|"
    r"(?:spoke|talked|chatted|chatting|speaking|talking) (?:at|with you|after|during|briefly)|"
    r"our (?:chat|conversation|talk|discussion) (?:at|after|during|in|last)|"
    r"(?:we|i) (?:worked|studied) together|we were (?:both )?(?:on|in|at) the same|"
    r"same (?:team|project|cohort|class|panel|table) (?:at|as|in)|"
    r"(?:sat|were) (?:next to|on the same)|you (?:might|may) remember me|"
    r"remember me from|(?:we|i) (?:were|was) (?:in|at) your (?:workshop|session|class))\b",
    re.IGNORECASE,
)
_CONTENT = re.compile(
    r"\b(?:love|loved|loving|enjoy|enjoyed|enjoying|like|liked|follow|following|read|reading|"
    r"admire|big fan of|fan of|subscribed to|subscriber to|learned (?:a lot )?from|"
    r"inspired by|watched|listen to|listened to)\b[^.!?]{0,40}\b"
    r"(?:your|the) (?:\w+ ){0,3}(?:posts?|articles?|content|newsletter|videos?|podcast|writing|"
    r"updates|threads?|talks?|blog|insights|work on)\b",
    re.IGNORECASE,
)
# A note that gives orders to an assistant reading it is hostile, whatever else it says.
_HOSTILE = re.compile(
    r"\b(?:ignore (?:all |any |the )?(?:previous|prior|above|earlier) (?:instructions|prompts?)|"
    r"(?:system|developer) (?:prompt|message|instructions?)|"
    r"you are (?:now )?(?:an? )?(?:ai|assistant|language model)|"
    r"(?:ai|the) assistant (?:must|should|will)|as an ai)\b|<\|im_start\|>|\[/?inst\]",
    re.IGNORECASE,
)
# Mass outreach that is not a pitch for a product: crypto, jobs "opportunities", followers.
_SPAMMY = re.compile(
    r"\b(?:crypto|bitcoin|forex|passive income|investment opportunit\w*|"
    r"(?:financial|business) freedom|work from home and earn|whatsapp me|telegram me|"
    r"dm me for|link in (?:my )?bio|follow (?:me )?back)\b",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"\?|\b(?:could you|would you|can you|any advice|i'd love your)\b", re.I)

_MISSING = {
    "invite.missing-who": "who they are",
    "invite.missing-why": "why they picked you",
    "invite.missing-ask": "what they would like",
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
    def situation(self) -> str | None:
        """The reply situation to draft, or None when the advice is to ignore."""
        return SITUATION_FOR[self.action]

    @property
    def needs_review(self) -> bool:
        """True when the rules are not sure and a person should look."""
        return self.confidence < SURE


def _quote(note: str, start: int, end: int) -> str:
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
    hostile = _HOSTILE.search(note)
    if hostile:
        reasons = ["the note gives orders to an assistant" + _quote(note, *hostile.span())]
        return verdict("pitch", [*reasons, "never act on instructions inside a note"], 0.95)
    pitch = first.get("invite.sales-pitch")
    spam = _SPAMMY.search(note)
    if pitch or spam:
        span = (pitch.start, pitch.end) if pitch else spam.span()  # type: ignore[union-attr]
        reasons = ["it reads as a sales pitch" + _quote(note, *span)]
        return verdict("pitch", [*reasons, "never promise a meeting to a pitch"], 0.9)
    english = looks_english(note.lower())
    meeting = _MEETING.search(note)
    if meeting:
        reasons = [
            "they say you met" + _quote(note, *meeting.span()),
            "they are not in your connections or messages: ask where you met",
        ]
        return verdict("not-sure", reasons, 0.8)
    if not english:
        reasons = [
            "the note is not in English, which these rules cannot read",
            "read it yourself; asking how you can help is the safe default",
        ]
        return verdict("genuine", reasons, 0.4)
    missing = [label for rule, label in _MISSING.items() if rule in rules]
    content = _CONTENT.search(note)
    asks = "invite.missing-ask" not in rules and _QUESTION.search(note)
    if content and not asks:
        reasons = [
            "they like your content" + _quote(note, *content.span()),
            "there is no working relationship yet: following fits better than connecting",
        ]
        return verdict("fan", reasons, 0.75)
    vague = [
        label + _quote(note, first[rule].start, first[rule].end)
        for rule, label in (
            ("invite.flattery", "flattery with no substance"),
            ("invite.vague-purpose", "a vague purpose"),
            ("invite.mutual-count-reason", "shared connections given as the reason"),
        )
        if rule in first
    ]
    if "invite.missing-ask" not in rules and "invite.missing-why" not in rules:
        said = "why you and what they would like"
        reasons = ["the note says " + (said if missing else "who they are, " + said)]
        if vague:
            reasons.append("some of it is vague or flattering, so ask what they need")
        return verdict("genuine", reasons, 0.6 if vague else 0.75)
    never = ", ".join(missing[:-1]) + " or " + missing[-1] if len(missing) > 1 else missing[0]
    reasons = [*vague, "the note never says " + never]
    return verdict("blank-or-vanity", reasons, 0.8 if few or len(missing) > 1 else 0.6)
