"""Suggest a reply situation for an incoming request, with reasons a person can check.

The linter reads the note (kind="incoming"); a few explainable rules then pick one of the five
replies from the guidance. Rules are ordered from the most to the least decisive signal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.lint import lint

# Fewer shared connections than this is a clue (not proof) that the sender is a stranger.
FEW_MUTUAL = 5

_MEETING = re.compile(
    r"\b(?:we met|met (?:you|at|in|during)|meeting you|to meet you|(?:saw|see) you at|"
    r"(?:spoke|talked|chatted) (?:at|with you|after|during)|our (?:chat|conversation|talk) at)\b",
    re.IGNORECASE,
)
_CONTENT = re.compile(
    r"\b(?:love|loved|enjoy|enjoyed|like|liked|follow|read|reading|admire)\b[^.!?]{0,40}\b"
    r"your (?:\w+ ){0,2}(?:posts?|articles?|content|newsletter|videos?|podcast|writing|"
    r"updates|threads?)\b",
    re.IGNORECASE,
)
_MISSING = {
    "invite.missing-who": "who they are",
    "invite.missing-why": "why they picked you",
    "invite.missing-ask": "what they would like",
}


@dataclass(frozen=True)
class Suggestion:
    """The suggested situation, the reasons in plain words, and how sure the rules are."""

    situation: str
    reasons: list[str] = field(default_factory=list)
    confidence: float = 0.5


def _quote(note: str, start: int, end: int) -> str:
    span = " ".join(note[start:end].split())
    return f' ("{span[:60]}{"…" if len(span) > 60 else ""}")' if span else ""


def _mutual_reason(mutual: int | None) -> list[str]:
    if mutual is None:
        return []
    if mutual < FEW_MUTUAL:
        return [f"only {mutual} connection{'s' if mutual != 1 else ''} in common"]
    return [f"{mutual} connections in common"]


def suggest_situation(note: str, mutual: int | None = None, known: bool = False) -> Suggestion:
    """The reply situation that fits a request you received, and why."""
    note = note or ""
    few = mutual is not None and mutual < FEW_MUTUAL
    if known:
        return Suggestion("accept", ["you know this person", *_mutual_reason(mutual)], 0.9)
    findings = lint(note, kind="incoming").findings
    rules = {f.rule for f in findings}
    first = {f.rule: f for f in reversed(findings)}

    if "note.blank" in rules:
        return Suggestion(
            "letdown",
            ["there is no note: nothing says who they are or why", *_mutual_reason(mutual)],
            0.85 if few or mutual is None else 0.7,
        )
    if "note.default-text" in rules:
        return Suggestion(
            "letdown",
            ["the note is only the platform's default sentence", *_mutual_reason(mutual)],
            0.85,
        )
    if "invite.sales-pitch" in rules:
        f = first["invite.sales-pitch"]
        reasons = ["it reads as a sales pitch" + _quote(note, f.start, f.end)]
        return Suggestion("letdown", [*reasons, "never promise a meeting to a pitch"], 0.9)
    meeting = _MEETING.search(note)
    if meeting:
        reasons = [
            "they say you met" + _quote(note, meeting.start(), meeting.end()),
            "you did not mark them as someone you know: ask where you met",
        ]
        return Suggestion("how-met", [*reasons, *_mutual_reason(mutual)], 0.75)
    content = _CONTENT.search(note)
    missing = [label for rule, label in _MISSING.items() if rule in rules]
    if content and rules & {"invite.missing-ask", "invite.missing-why"}:
        reasons = [
            "they like your content" + _quote(note, content.start(), content.end()),
            "there is no working relationship yet: following fits better than connecting",
        ]
        return Suggestion("follow", [*reasons, *_mutual_reason(mutual)], 0.7)
    if not missing:
        reasons = ["the note says who they are, why you, and what they would like"]
        if "invite.flattery" in rules or "invite.vague-purpose" in rules:
            reasons.append("some of it is vague or flattering, so ask what they need")
        return Suggestion("how-can-i-help", [*reasons, *_mutual_reason(mutual)], 0.75)
    reasons = []
    if "invite.flattery" in rules:
        f = first["invite.flattery"]
        reasons.append("flattery with no substance" + _quote(note, f.start, f.end))
    if "invite.vague-purpose" in rules:
        f = first["invite.vague-purpose"]
        reasons.append("a vague purpose" + _quote(note, f.start, f.end))
    reasons.append("the note never says " + " or ".join(missing))
    confidence = 0.8 if few or len(missing) > 1 else 0.6
    return Suggestion("letdown", [*reasons, *_mutual_reason(mutual)], confidence)
