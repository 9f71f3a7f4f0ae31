"""Suggest a reply situation for one pasted request: the web chat's "suggest" button."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.triage.decide import assess

# What the suggestion adds for a pitch: ignoring it is the advice; the draft is optional.
NO_REPLY_NEEDED = "no reply is needed; if you want to send one, the draft is a short no-thanks"


@dataclass(frozen=True)
class Suggestion:
    """The suggested situation, the reasons in plain words, and how sure the rules are."""

    situation: str
    reasons: list[str] = field(default_factory=list)
    confidence: float = 0.5


def suggest_situation(note: str, mutual: int | None = None, known: bool = False) -> Suggestion:
    """The reply situation that fits a request you received, and why."""
    a = assess(note, mutual=mutual, connected="you know this person" if known else False)
    if a.action == "ignore":
        return Suggestion(a.situation, [*a.reasons, NO_REPLY_NEEDED], a.confidence)
    return Suggestion(a.situation, a.reasons, a.confidence)
