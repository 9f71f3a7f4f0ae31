"""Turns a request into a drafting task: which prompt, its values, the facts, the limit, and the
composer to fall back on. The pipeline runs tasks without knowing invite from reply."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.drafting.requests import InviteRequest, ReplyRequest
from assistant.lint import default_limit
from assistant.lint.language import looks_english

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
    note: str = ""  # the incoming note, untrusted: a draft must not echo it
    relationship: str = "other"

    def problems(self, text: str) -> list[str]:
        """Checks beyond the linter that need the request: slips a small model makes."""
        found = []
        if echoes(text, self.note, allowed=" ".join(self.facts.get("shared", []))):
            found.append("reply.echoes-note")
        if self.kind == "invite" and _THIRD_PERSON.search(text) and self.relationship != "referral":
            found.append("invite.third-person")  # "her talk" to the person addressed
        if (
            self.kind == "invite"
            and _WANTS_HELP.search(self.values.get("ask", ""))
            and (_OFFERS_HELP.search(text))
        ):
            found.append("invite.reversed-ask")  # "I'd love to mentor you" when asking for it
        if self.kind == "reply":
            # A hostile note must not steer the reply: its language, a meeting, the prompt.
            if not looks_english(text.lower()):
                found.append("reply.not-english")
            if _PROMISES_MEETING.search(text):
                found.append("reply.promises-meeting")
            if _TALKS_ABOUT_PROMPT.search(text):
                found.append("reply.mentions-instructions")
        if self.situation == "follow" and not _FOLLOW_MINE.search(text):
            found.append("reply.follow-missing")  # must invite them to follow the user's posts
        return found

    def lint_args(self) -> dict[str, Any]:
        """Arguments for lint() that check a draft of this task."""
        return {
            "kind": self.kind,
            "situation": self.situation,
            "account": self.account,
            "limit": self.limit,
            "facts": self.facts,
        }


ECHO_WORDS = 4  # this many words in a row from their note is copying, not answering
_WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


# The person addressed called "her"/"his" next to their own work.
_THIRD_PERSON = re.compile(
    r"\b(?:her|his)\s+(?:\w+\s+){0,2}(?:talk|post|paper|article|book|keynote|session|research|"
    r"work|case study|lecture|newsletter|podcast|project|team|company|covers?)\b",
    re.IGNORECASE,
)
_WANTS_HELP = re.compile(
    r"\b(?:advice|advise|mentor|guidance|feedback|help|question|ask|tips)", re.IGNORECASE
)
_OFFERS_HELP = re.compile(
    r"\b(?:i(?:'d| would)? (?:love|like|be happy|be glad) to (?:mentor|advise|coach|guide|help) "
    r"you|give you (?:advice|feedback|guidance|tips)|you (?:can|could|may) ask me|"
    r"(?:could|can|would) you ask (?:me|one|a|some|any)\b|ask me (?:a|one|any|some)\b)",
    re.IGNORECASE,
)


_PROMISES_MEETING = re.compile(
    r"\b(?:let'?s (?:have|grab|meet|schedule|set up|book|hop on|jump on)|see you (?:on|at|next)|"
    r"(?:i'?ll|i will|happy to|glad to) (?:meet|call|see) you|(?:dinner|lunch|coffee|a call|a "
    r"meeting) (?:on|this|next) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week))",
    re.IGNORECASE,
)
_TALKS_ABOUT_PROMPT = re.compile(
    r"\b(?:system prompt|my instructions|my prompt|as an ai|language model|ignore (?:all |the )?"
    r"previous)\b",
    re.IGNORECASE,
)
_FOLLOW_MINE = re.compile(r"\bfollow\b[^.!?]{0,40}\b(?:my|what i)\b", re.IGNORECASE)


def _runs(text: str, n: int) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in _WORDS.findall(text)]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def echoes(text: str, note: str, n: int = ECHO_WORDS, allowed: str = "") -> bool:
    """True when text repeats a run of n words from the note (case and punctuation ignored),
    other than runs the user supplied too (an accept may name the place both mention)."""
    if not note:
        return False
    runs = _runs(note, n) - _runs(allowed, n)
    words = [w.casefold() for w in _WORDS.findall(text)]
    return any(tuple(words[i : i + n]) in runs for i in range(len(words) - n + 1))


# Token budgets for text pasted into a prompt: a whole profile would crowd out the
# instructions in a 2,048-token context and slow every call.
FIELD_TOKENS = 120
NOTE_TOKENS = 300


def _trim(text: str, budget: int = FIELD_TOKENS) -> str:
    from assistant.backends.tokens import trim_to_tokens

    return trim_to_tokens(text, budget) if len(text) > budget * 2 else text


def _describe(name: str, headline: str, about: str = "") -> str:
    parts = [_trim(p) for p in (name, headline, about) if p]
    return ", ".join(parts) or "(not given)"


def invitation_task(req: InviteRequest) -> Task:
    """The task for an outgoing invitation note."""
    from assistant.drafting import composer

    limit = req.limit or default_limit("invite", req.account)
    first = composer.first_name(req.recipient.name)
    values = {
        "sender": _describe(req.me.name, req.me.headline, req.me.about),
        "recipient_name": first or "the recipient",
        "recipient": _describe(req.recipient.name, req.recipient.headline),
        "relationship": RELATIONSHIPS[req.relationship],
        "context": _trim(req.context) or "(not given)",
        "ask": _trim(req.ask) or "to connect",
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
        relationship=req.relationship,
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
    first = composer.first_name(req.requester.name) or "there"
    values = {
        "sender": _describe(req.me.name, req.me.headline),
        "requester_name": first,
        "requester": req.requester.headline or "headline not given",
        # Left out entirely when unknown: a small model repeats "unknown" as if it were a fact.
        "mutual_line": "" if req.mutual is None else f"CONNECTIONS IN COMMON: {req.mutual}",
        "note": _trim(req.note, NOTE_TOKENS) or "(no note)",
        "context": _trim(req.context),
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
        note=req.note,
    )
