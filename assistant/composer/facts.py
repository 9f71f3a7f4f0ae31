"""Facts for the linter's grounding check: what a note may mention, and by whom it is true."""

from __future__ import annotations

from assistant.composer.clean import clean_text
from assistant.requests import FollowupRequest, InviteRequest, Person, ReplyRequest

_SHARED_CONTEXT = {"met", "colleague", "alumni", "referral"}


def _facts(*values: str) -> list[str]:
    return [v for v in (clean_text(x) for x in values) if v]


def _person_facts(person: Person) -> list[str]:
    return _facts(person.name, person.headline, person.about)


def facts_for_invitation(req: InviteRequest) -> dict[str, list[str]]:
    """What the invitation may mention, by whom it is true (for lint's grounding check)."""
    # The context of a meeting, shared job, school or referral is both people's; for a
    # stranger it usually describes the recipient's talk or post.
    shared_context = req.relationship in _SHARED_CONTEXT
    return {
        "sender": _person_facts(req.me),
        "recipient": _facts(req.recipient.name, req.recipient.headline)
        + ([] if shared_context else _facts(req.context)),
        "shared": (_facts(req.context) if shared_context else []) + _facts(req.ask),
    }


def facts_for_reply(req: ReplyRequest) -> dict[str, list[str]]:
    """What the reply may mention; the incoming note is untrusted and is not a fact."""
    mutual = [f"{req.mutual} connections in common"] if req.mutual is not None else []
    return {
        "sender": _person_facts(req.me),
        "recipient": _facts(req.requester.name, req.requester.headline),
        "shared": _facts(req.context) + mutual,
    }


def facts_for_followup(req: FollowupRequest) -> dict[str, list[str]]:
    """What a follow-up may mention: the user's own invitation note and ask (their words, so
    their facts, about either of them), the day the export says they connected, and the two
    people."""
    day = req.connected_on
    dates = []
    if day:  # the ways a message may write it: "3 November 2026", "November 3, 2026"
        dates = [f"{day.day} {day:%B %Y}", f"{day:%B} {day.day}, {day.year}", day.isoformat()]
    return {
        "sender": _person_facts(req.me),
        "recipient": _facts(req.recipient.name, req.recipient.headline),
        "shared": _facts(req.note, req.ask) + dates,
    }
