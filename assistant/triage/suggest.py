"""Suggest a reply situation for one pasted request: the web chat's "suggest" button."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.triage.decide import assess


@dataclass(frozen=True)
class Suggestion:
    """The suggested situation, the reasons in plain words, and how sure the rules are."""

    situation: str
    reasons: list[str] = field(default_factory=list)
    confidence: float = 0.5


def suggest_situation(note: str, mutual: int | None = None, known: bool = False) -> Suggestion:
    """The reply situation that fits a request you received, and why."""
    a = assess(note, mutual=mutual, connected="you know this person" if known else False)
    if a.situation is None:  # the advice is to ignore; a reply, if any, is a short letdown
        return Suggestion("letdown", [*a.reasons, "or simply ignore it"], a.confidence)
    return Suggestion(a.situation, a.reasons, a.confidence)
