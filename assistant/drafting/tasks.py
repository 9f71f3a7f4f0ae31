"""Turns a request into a drafting task: which prompt, its values, the facts, the limit, and the
composer to fall back on. The pipeline runs tasks without knowing invite, reply or follow-up
apart."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from assistant.lint import RULES, default_limit, lint
from assistant.lint.gate import echoes as echoes  # re-exported: the evals use it
from assistant.lint.model import DraftData
from assistant.prompting.templates import canary, load_prompt
from assistant.requests import FollowupRequest, InviteRequest, ReplyRequest

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

    kind: str  # "invite" | "reply" | "followup"
    situation: str | None  # a reply's, always decided before the task is made; else None
    prompt: str
    values: dict[str, Any]
    facts: dict[str, list[str]]
    limit: int
    account: str
    compose: Callable[[int], str]
    # A reply's incoming note (untrusted: a draft must not echo it); a follow-up's is the user's
    # own invitation note (a draft must not pitch it again).
    note: str = ""
    relationship: str = "other"
    # The user's own fields as typed (their profile, the context): links in them are theirs.
    user_text: str = ""
    # Why this reply situation, when the triage decision chose it (assistant.api).
    situation_reasons: tuple[str, ...] = ()

    def problems(self, text: str) -> list[str]:
        """Checks beyond the linter that need the request: slips a small model makes, and signs
        that it obeyed orders hidden in their note or headline (OWASP LLM01). They are the lint
        rules with needs_draft, run with this task's draft data; their ids, in registry order."""
        result = lint(text, **self.lint_args(), select=GATE_RULES, draft=self.draft_data())
        fired = result.rules()
        return [rule for rule in GATE_RULES if rule in fired]

    def draft_data(self) -> DraftData:
        """What the draft gate knows beyond the text, as plain data for lint()."""
        rules, examples, words = _prompt_data(self.prompt)
        context = self.values.get("context", "")
        return DraftData(
            note=self.note,
            supplied=self.supplied(),
            user_text=self.user_text,
            requester_headline=self.values.get("requester", ""),
            requester_name=self.values.get("requester_name", ""),
            relationship=self.relationship,
            ask=self.values.get("ask", ""),
            context="" if context == NOT_GIVEN else context,  # not the stand-in for none
            relationship_line=self.values.get("relationship", ""),  # invitations only have one
            prompt_rules=rules,
            prompt_examples=examples,
            prompt_words=words,
            canary=canary(),
        )

    def supplied(self) -> str:
        """The text the user gave in their own fields: links and words from here are theirs.
        For a reply the requester's headline and note are the sender's words, not the user's."""
        if self.kind == "invite":
            return " ".join([self.user_text, *(str(v) for v in self.values.values())])
        return " ".join(
            [self.user_text, *self.facts.get("sender", []), *self.facts.get("shared", [])]
        )

    def lint_args(self) -> dict[str, Any]:
        """Arguments for lint() that check a draft of this task."""
        return {
            "kind": self.kind,
            "situation": self.situation,
            "account": self.account,
            "limit": self.limit,
            "facts": self.facts,
        }


# The draft gate: the lint rules that need draft data, in the order they are registered.
GATE_RULES: tuple[str, ...] = tuple(r.id for r in RULES if r.needs_draft)


@cache
def _prompt_data(prompt: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """The prompt as the gate reads it: its role and rule lines (not the numbered steps, which
    a good reply follows in similar words), its example answers, and all its words."""
    spec = load_prompt(prompt)
    rules = tuple(line for line in spec.system.splitlines() if not re.match(r"\s*\d+\.", line))
    examples = tuple(e.output for e in spec.examples)
    return rules, examples, " ".join([spec.system, *examples])


# -- telling the user why ---------------------------------------------------------------------

# Not a lint rule: the writer said the sample stopped at its max-token cap, so its text was
# cut mid-way (assistant.writers.Call.at_token_cap) and the pipeline asks again.
AT_TOKEN_CAP = "token-cap"

# The draft gate's rules (GATE_RULES) in words, most telling first; other ids come after them.
_WHY = {
    "empty": "was empty",
    AT_TOKEN_CAP: "was cut off at its length cap",
    "draft.adds-link": "added a link you did not give",
    "draft.adds-email": "added an e-mail address you did not give",
    "draft.adds-phone": "added a phone number you did not give",
    "draft.leaks-prompt": "repeated its private instructions",
    "draft.other-language": "was not in your language",
    "reply.promises-meeting": "promised a meeting",
    "reply.mentions-instructions": "talked about its instructions",
    "reply.echoes-note": "copied their note",
    "reply.note-words": "took up words from their note or headline",
    "reply.follow-missing": "did not invite them to follow your posts",
    "reply.help-missing": "did not ask what they are looking for",
    "reply.how-met-missing": "did not ask where you met",
    "reply.accept-place-missing": "left out where you met",
    "draft.unfinished": "stopped mid-sentence",
    "invite.third-person": "spoke of them in the third person",
    "invite.reversed-ask": "offered help instead of asking for it",
    "invite.ask-drifted": "did not ask what you asked",
    "invite.names-dropped": "dropped the names you gave for why them",
    "invite.vague-relationship": "said how you know them only in general words",
    "followup.repitch": "pitched your invitation note again",
    "followup.second-ask": "asked for more than the one thing",
    "followup.invented-meeting": "claimed a meeting your note does not mention",
    "followup.too-long": "was longer than a follow-up should be",
    "invite.borrowed-role": "gave you a role or organisation your headline does not",
}


# What the prompt says the user would like when they gave no ask. Connecting alone is no ask
# (the guidance's label policy), so the stand-in names a purpose the relationship supports;
# the linter repeats these strings (assistant.lint.gate.NO_ASK): with them, there is no ask of
# the user's for the gate to keep.
NO_ASK = {"met": "to stay in touch", "colleague": "to stay in touch"}
NO_ASK_OTHERWISE = "to connect and learn from their work"


def rejection_reason(problems: list[str]) -> str:
    """One plain line telling the user why the model's draft was replaced: the draft gate's
    rules in words, other lint rules by id."""
    said = [why for key, why in _WHY.items() if key in problems]
    rules = list(dict.fromkeys(p for p in problems if p not in _WHY))
    if rules:
        said.append(f"had lint errors ({', '.join(rules[:3])})")
    if not said:
        return "the model's drafts still had errors"
    return "the model's draft " + " and ".join(said[:2])


# Token budgets for text pasted into a prompt: a whole profile would crowd out the
# instructions in a 2,048-token context and slow every call.
FIELD_TOKENS = 120
NOTE_TOKENS = 300


def _trim(text: str, budget: int = FIELD_TOKENS) -> str:
    from assistant.backends.tokens import trim_to_tokens

    return trim_to_tokens(text, budget) if len(text) > budget * 2 else text


NOT_GIVEN = "(not given)"  # what the prompt shows for a field the user left empty


def _describe(name: str, headline: str, about: str = "") -> str:
    parts = [_trim(p) for p in (name, headline, about) if p]
    return ", ".join(parts) or NOT_GIVEN


def invitation_task(req: InviteRequest) -> Task:
    """The task for an outgoing invitation note."""
    from assistant import composer

    limit = req.limit or default_limit("invite", req.account)
    first = composer.first_name(req.recipient.name)
    values = {
        "sender": _describe(req.me.name, req.me.headline, req.me.about),
        "recipient_name": first or "the recipient",
        "recipient": _describe(req.recipient.name, req.recipient.headline),
        "relationship": RELATIONSHIPS[req.relationship],
        "context": _trim(req.context) or NOT_GIVEN,
        "ask": _trim(req.ask) or NO_ASK.get(req.relationship, NO_ASK_OTHERWISE),
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
        user_text=" ".join([req.me.name, req.me.headline, req.me.about, req.context, req.ask]),
    )


def reply_task(req: ReplyRequest, reasons: tuple[str, ...] = ()) -> Task:
    """The task for a reply to an incoming request, in the situation the request carries
    (assistant.api decides it when the user did not; `reasons` say why)."""
    from assistant import composer

    if req.situation is None:
        raise ValueError("a reply request needs its situation: assistant.api decides it")
    situation = req.situation
    limit = req.limit or default_limit("reply", "premium")
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
        user_text=" ".join([req.me.name, req.me.headline, req.me.about, req.context]),
        situation_reasons=reasons,
    )


# A follow-up may be a long message, but a short one gets read: the prompt asks for this many
# characters at most (the composer aims at the same, composer/followup.py).
FOLLOWUP_CHARS = 280


def followup_task(req: FollowupRequest) -> Task:
    """The task for a follow-up to someone who accepted the user's invitation. Its ask is the
    user's, else the one the note promised; assistant.api refuses a request with neither."""
    from assistant import composer

    ask = composer.followup_ask(req)
    if not ask:
        raise ValueError("a follow-up needs an ask: assistant.api refuses a request without one")
    limit = req.limit or default_limit("followup", "premium")
    first = composer.first_name(req.recipient.name)
    day = req.connected_on
    values = {
        "sender": _describe(req.me.name, req.me.headline),
        "recipient_name": first or "there",
        "recipient": _describe(req.recipient.name, req.recipient.headline),
        "note": _trim(req.note, NOTE_TOKENS) or "(not given)",
        "ask": _trim(ask),
        # Left out when unknown, like a reply's connections in common.
        "connected_line": f"CONNECTED ON: {day.day} {day:%B %Y}" if day else "",
        "tone": req.tone,
        "max_chars": min(int(limit * HEADROOM), FOLLOWUP_CHARS),
    }
    return Task(
        kind="followup",
        situation=None,
        prompt="followup",
        values=values,
        facts=composer.facts_for_followup(req),
        limit=limit,
        account="premium",
        compose=lambda variant: composer.compose_followup(req, variant=variant),
        note=req.note,
        user_text=" ".join([req.me.name, req.me.headline, req.me.about, req.note, req.ask]),
    )
