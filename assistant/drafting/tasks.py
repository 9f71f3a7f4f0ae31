"""Turns a request into a drafting task: which prompt, its values, the facts, the limit, and the
composer to fall back on. The pipeline runs tasks without knowing invite from reply."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from assistant.drafting.requests import InviteRequest, ReplyRequest
from assistant.lint import default_limit
from assistant.lint.language import looks_english
from assistant.lint.words import COMMON_WORDS
from assistant.prompting.templates import CANARY, load_prompt

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
    # The user's own fields as typed (their profile, the context): links in them are theirs.
    user_text: str = ""

    def problems(self, text: str) -> list[str]:
        """Checks beyond the linter that need the request: slips a small model makes, and signs
        that it obeyed orders hidden in their note or headline (OWASP LLM01)."""
        found = [f"draft.adds-{what}" for what in self.contact_details(text)]
        if _NOT_PROSE.search(text):
            found.append("draft.not-prose")  # JSON, code or markup, e.g. a cut-off answer
        if leaks_prompt(text, self.prompt):
            found.append("draft.leaks-prompt")
        # Their headline is not an echo of their note: a reply may name their company.
        if echoes(text, self.note, allowed=" ".join(sum(self.facts.values(), []))):
            found.append("reply.echoes-note")
        if self.kind == "reply" and self.words_from_them(text):
            found.append("reply.note-words")
        if self.kind == "invite" and _THIRD_PERSON.search(text) and self.relationship != "referral":
            found.append("invite.third-person")  # "her talk" to the person addressed
        if (
            self.kind == "invite"
            and _WANTS_HELP.search(self.values.get("ask", ""))
            and (_OFFERS_HELP.search(text))
        ):
            found.append("invite.reversed-ask")  # "I'd love to mentor you" when asking for it
        if self.in_another_language(text):
            found.append("draft.other-language")
        if self.kind == "reply":
            # A hostile note must not steer the reply: a meeting, the prompt.
            if _PROMISES_MEETING.search(text) or self._names_a_time(text):
                found.append("reply.promises-meeting")
            if _TALKS_ABOUT_PROMPT.search(text):
                found.append("reply.mentions-instructions")
        if self.situation == "follow" and not _FOLLOW_MINE.search(text):
            found.append("reply.follow-missing")  # must invite them to follow the user's posts
        return found

    def in_another_language(self, text: str) -> bool:
        """True when the user writes English (their own fields; no fields counts as English)
        and the draft does not: a headline or note cannot switch the language. A user who
        writes in another language is not second-guessed."""
        return looks_english(self.user_text.lower()) and not looks_english(text.lower())

    def _names_a_time(self, text: str) -> bool:
        """A day or hour the user did not give: a reply has no reason to name one but to set up
        the meeting their note asked for."""
        known = self.supplied().casefold()
        return any(m.group().casefold() not in known for m in _WHEN.finditer(_plain(text)))

    def supplied(self) -> str:
        """The text the user gave in their own fields: links and words from here are theirs.
        For a reply the requester's headline and note are the sender's words, not the user's."""
        if self.kind == "invite":
            return " ".join([self.user_text, *(str(v) for v in self.values.values())])
        return " ".join(
            [self.user_text, *self.facts.get("sender", []), *self.facts.get("shared", [])]
        )

    def contact_details(self, text: str) -> list[str]:
        """Kinds of contact detail ("link", "email", "phone") in the text that the user did
        not supply."""
        return contact_details(text, self.supplied())

    def words_from_them(self, text: str) -> set[str]:
        """Words of a reply taken from the requester's note or headline: the topics an
        injected order would bring in ("pineapple", "friday"). Their first name, proper
        names in their headline, the user's own words and the prompt's vocabulary are fine."""
        headline = self.values.get("requester", "")
        theirs = _stems(self.note + " " + headline)
        allowed = (
            _stems(self.supplied() + " " + self.values.get("requester_name", ""))
            | _stems(" ".join(_NAME.findall(headline)))
            | _prompt_vocabulary(self.prompt)
        )
        return (_stems(text) & theirs) - allowed

    def lint_args(self) -> dict[str, Any]:
        """Arguments for lint() that check a draft of this task."""
        return {
            "kind": self.kind,
            "situation": self.situation,
            "account": self.account,
            "limit": self.limit,
            "facts": self.facts,
        }


# Braces, angle brackets and backticks have no place in a note a person sends.
_NOT_PROSE = re.compile(r"[{}<>`]")
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
    r"\b(?:let'?s (?:have|grab|meet|schedule|set up|book|hop on|jump on)|see you (?:on|at|next|"
    r"then)|(?:i'?ll|i will|happy to|glad to) (?:meet|call|see) you|(?:dinner|lunch|coffee|a call|"
    r"a meeting) (?:on|this|next) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"week)|(?:hop|jump|get) on (?:a|the|our) (?:quick )?call|(?:set up|schedule|book|arrange|"
    r"confirm(?:ed|ing)?|accept(?:ed|ing)?) (?:a|the|our|your) (?:quick )?(?:call|meeting|chat)|"
    r"(?:i'?m|i am) (?:free|available) (?:on|at|then)|works for me)",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?|\d{1,2}(?:[:.h]\d\d)?\s*(?:am|pm|a\.m\.|"
    r"p\.m\.|o'clock)|\d{1,2}[:h]\d\d)(?!\w)",
    re.IGNORECASE,
)
_TALKS_ABOUT_PROMPT = re.compile(
    r"\b(?:system prompt|my instructions|my prompt|as an ai|language model|ignore (?:all |the )?"
    r"previous)\b",
    re.IGNORECASE,
)
_FOLLOW_MINE = re.compile(r"\bfollow\b[^.!?]{0,40}\b(?:my|what i)\b", re.IGNORECASE)


def _plain(text: str) -> str:
    """Text as it reads: compatibility forms folded, invisible format characters (zero-width
    spaces hiding words from a filter) removed."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def _runs(text: str, n: int) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in _WORDS.findall(_plain(text))]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def echoes(text: str, note: str, n: int = ECHO_WORDS, allowed: str = "") -> bool:
    """True when text repeats a run of n words from the note (case and punctuation ignored),
    other than runs the user supplied too (an accept may name the place both mention) and runs
    of common words and words the user supplied ("from Globex Data Systems")."""
    if not note:
        return False
    known = {w.casefold() for w in _WORDS.findall(_plain(allowed))} | COMMON_WORDS
    copied = (_runs(text, n) & _runs(note, n)) - _runs(allowed, n)
    return any(not set(run) <= known for run in copied)


# -- contact details the user did not give --------------------------------------------------

# A dot as links are written, or spelled out to slip past a filter: "evil . example",
# "evil[.]example", "evil dot example". "at Acme. Co-founder" is a sentence end, not a link.
_DOT = r"(?:\.|\s+\.\s+|\s*\[\.\]\s*|\s*\(dot\)\s*|\s+dot\s+)"
_LINK = re.compile(
    rf"(?:https?://|www\.)\S+|\b[\w-]+(?:{_DOT}[\w-]+)*{_DOT}(?:com|org|net|io|ai|co|dev|app|"
    r"info|biz|me|ly|xyz|link|example)\b(?:\s*/\s*\S+)?",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")
_YEARS = re.compile(r"(?:19|20)\d\d\s*[-\u2013]\s*(?:19|20)\d\d")
PHONE_DIGITS = 7  # fewer digits in a row is a date, a count or a price, not a phone number


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def contact_details(text: str, supplied: str) -> list[str]:
    """Kinds of contact detail ("link", "email", "phone") in the text that are not in
    `supplied`; compared without spaces, punctuation or case, so "evil . example" is caught."""
    text, known = _plain(text), _squash(_plain(supplied))
    found = []
    emails = list(_EMAIL.finditer(text))
    if any(_squash(m.group()) not in known for m in emails):
        found.append("email")
    # The domain of an e-mail address is not a link of its own.
    rest = _EMAIL.sub(" ", text)
    if any(_squash(m.group()) not in known for m in _LINK.finditer(rest)):
        found.append("link")
    phones = [
        m.group()
        for m in _PHONE.finditer(rest)
        if sum(c.isdigit() for c in m.group()) >= PHONE_DIGITS and not _YEARS.fullmatch(m.group())
    ]
    if any(_squash(p) not in known for p in phones):
        found.append("phone")
    return found


# -- the prompt itself ------------------------------------------------------------------------

PROMPT_WORDS = 6  # this many words in a row from the prompt's own rules is a leak
CANARY_CHUNK = 8  # any 8 characters of the canary in a row


@cache
def _rule_runs(prompt: str) -> frozenset[tuple[str, ...]]:
    """Runs of PROMPT_WORDS words from the prompt's role and rule lines. The numbered steps
    are left out (a good reply follows them in similar words), and so is any run the prompt's
    own example answers use."""
    spec = load_prompt(prompt)
    lines = [line for line in spec.system.splitlines() if not re.match(r"\s*\d+\.", line)]
    rules = set().union(*(_runs(line, PROMPT_WORDS) for line in lines))
    examples = set().union(set(), *(_runs(e.output, PROMPT_WORDS) for e in spec.examples))
    return frozenset(rules - examples)


def leaks_prompt(text: str, prompt: str) -> bool:
    """True when the text holds part of the canary or a run of the prompt's rules."""
    squashed = _squash(_plain(text))
    canary = CANARY.casefold()
    if any(canary[i : i + CANARY_CHUNK] in squashed for i in range(len(canary) - CANARY_CHUNK)):
        return True
    return bool(_runs(text, PROMPT_WORDS) & _rule_runs(prompt))


# -- words from the requester ---------------------------------------------------------------

# A capitalised word in a headline: the name of their company, school or product.
_NAME = re.compile(r"\b[A-Z][\w&'-]*")


def _stem(word: str) -> str:
    """A word's crude stem, so "pineapples" matches "pineapple" and "Acme's" matches "Acme"."""
    word = word.casefold().removesuffix("'s")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _stems(text: str) -> set[str]:
    """Stems of the text's words of three letters or more, or with a digit ("3pm")."""
    words = _WORDS.findall(_plain(text))
    return {_stem(w) for w in words if len(w) >= 3 or any(c.isdigit() for c in w)}


@cache
def _prompt_vocabulary(prompt: str) -> frozenset[str]:
    """Words a reply may use whatever the note says: common words, and the words of the
    prompt's instructions and example answers."""
    spec = load_prompt(prompt)
    text = " ".join([spec.system, *(e.output for e in spec.examples)])
    return frozenset(_stems(text) | {_stem(w) for w in COMMON_WORDS})


# -- telling the user why ---------------------------------------------------------------------

# The gate's own reasons, most telling first; lint rule ids come after them.
_WHY = {
    "empty": "was empty",
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
    "invite.third-person": "spoke of them in the third person",
    "invite.reversed-ask": "offered help instead of asking for it",
}


def rejection_reason(problems: list[str]) -> str:
    """One plain line telling the user why the model's draft was replaced: the gate's own
    reasons in words, lint rules by id."""
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
        user_text=" ".join([req.me.name, req.me.headline, req.me.about, req.context, req.ask]),
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
        user_text=" ".join([req.me.name, req.me.headline, req.me.about, req.context]),
    )
