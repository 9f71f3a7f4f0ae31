"""Turns a request into a drafting task: which prompt, its values, the facts, the limit, and the
composer to fall back on. The pipeline runs tasks without knowing invite from reply."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.drafting.requests import InviteRequest, ReplyRequest
from assistant.lint import default_limit

# Ask the model for fewer characters than the limit: small models overshoot, and the guidance
# wants room to spare.
HEADROOM = 0.8
RELATIONSHIPS = {
    "met": "we met at an event",
    "colleague": "we worked together",
    "referral": "someone referred me to them",
    "stranger": "none yet: they don't know me",
    "alumni": "we studied at the same school",
    "other": "none yet",
}


@dataclass(frozen=True)
class Task:
    """Everything the pipeline needs to draft, check and fall back."""

    kind: str  # "invite" | "reply"
    situation: str | None
    prompt: str
    values: dict[str, Any]
    facts: dict[str, list[str]]
    limit: int
    account: str
    compose: Callable[[int], str]

    def lint_args(self) -> dict[str, Any]:
        """Arguments for lint() that check a draft of this task."""
        return {
            "kind": self.kind,
            "situation": self.situation,
            "account": self.account,
            "limit": self.limit,
            "facts": self.facts,
        }


def _describe(name: str, headline: str, about: str = "") -> str:
    parts = [p for p in (name, headline, about) if p]
    return ", ".join(parts) or "(not given)"


def invitation_task(req: InviteRequest) -> Task:
    """The task for an outgoing invitation note."""
    from assistant.drafting import composer

    limit = req.limit or default_limit("invite", req.account)
    first = req.recipient.name.split()[0] if req.recipient.name else "them"
    values = {
        "sender": _describe(req.me.name, req.me.headline, req.me.about),
        "recipient_name": first if req.recipient.name else "the recipient",
        "recipient": _describe(req.recipient.name, req.recipient.headline),
        "relationship": RELATIONSHIPS[req.relationship],
        "context": req.context or "(not given)",
        "ask": req.ask or "to connect",
        "tone": req.tone,
        "max_chars": int(limit * HEADROOM),
    }
    return Task(
        kind="invite",
        situation=None,
        prompt="invite",
        values=values,
        facts=composer.facts_for_invitation(req),
        limit=limit,
        account=req.account,
        compose=lambda variant: composer.compose_invitation(req, variant=variant),
    )


def reply_situation(req: ReplyRequest) -> str:
    """The situation to answer in: the user's choice, else the composer's simple default."""
    from assistant.drafting import composer

    return req.situation or composer.reply_situation(req)


def reply_task(req: ReplyRequest) -> Task:
    """The task for a reply to an incoming request."""
    from assistant.drafting import composer

    limit = req.limit or default_limit("reply", "premium")
    situation = reply_situation(req)
    req = req.model_copy(update={"situation": situation})
    first = req.requester.name.split()[0] if req.requester.name else "there"
    values = {
        "sender": _describe(req.me.name, req.me.headline),
        "requester_name": first,
        "requester": req.requester.headline or "headline not given",
        "mutual": "not given" if req.mutual is None else str(req.mutual),
        "note": req.note or "(no note)",
        "context": req.context or "",
        # Replies are messages, but short ones land better; aim well under the limit.
        "max_chars": min(int(limit * HEADROOM), 400),
    }
    return Task(
        kind="reply",
        situation=situation,
        prompt=situation,
        values=values,
        facts=composer.facts_for_reply(req),
        limit=limit,
        account="premium",
        compose=lambda variant: composer.compose_reply(req, variant=variant),
    )
