"""A plain-language request ("I want to connect with Jordan Lee, VP Data at Globex; I saw her
DataConf talk...") turned into the structured fields, by the model with a JSON answer, checked
against the text, with a rule-based reading when the model's answer is unusable."""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.choices import Relationship
from assistant.drafting.words_say import (
    CLAUSE_BACK,
    MAX_HEADLINE_CHARS,
    MAX_NAME_CHARS,
    NAME,
    ROLE_WORDS,
    as_role,
    checked_relationship,
    is_separator,
    name_in,
    read_sender,
    rstrip_separators,
)
from assistant.errors import InputError
from assistant.requests import MAX_NOTE_CHARS

log = logging.getLogger(__name__)
MAX_REQUEST_CHARS = 4_000
RELATIONSHIPS = frozenset(get_args(Relationship))
MAX_MUTUAL = 100_000


class Extracted(BaseModel):
    """The fields read from a request; `source` says whether the model or the rules read them."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    mode: Literal["invite", "reply"] = "invite"
    recipient_name: str = Field("", max_length=MAX_NAME_CHARS)
    recipient_headline: str = Field("", max_length=MAX_HEADLINE_CHARS)
    relationship: Relationship = "other"
    context: str = Field("", max_length=2_000)
    ask: str = Field("", max_length=2_000)
    requester_name: str = Field("", max_length=MAX_NAME_CHARS)
    # The user's own self-description in the request ("I'm Sam, an SRE at Fintrail").
    sender_name: str = Field("", max_length=MAX_NAME_CHARS)
    sender_headline: str = Field("", max_length=MAX_HEADLINE_CHARS)
    note: str = Field("", max_length=MAX_NOTE_CHARS)
    mutual: int | None = Field(None, ge=0, le=MAX_MUTUAL)
    source: Literal["model", "rules"] = "model"

    @field_validator("relationship", mode="before")
    @classmethod
    def _known_relationship(cls, value: Any) -> str:
        return value if isinstance(value, str) and value in RELATIONSHIPS else "other"

    @field_validator("mutual", mode="before")
    @classmethod
    def _number_or_none(cls, value: Any) -> int | None:
        try:
            number = int(value) if value not in (None, "", "null") else None
        except (TypeError, ValueError, OverflowError):  # OverflowError: JSON's Infinity
            return None
        # A count nobody has is a misreading: no number, rather than no answer at all.
        return number if number is None or 0 <= number <= MAX_MUTUAL else None


def check_request(text: str) -> str:
    """The request, or a clear error when it is empty or too long to read."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("the request is empty", "describe who you want to write to, and why")
    if len(text) > MAX_REQUEST_CHARS:
        raise InputError(
            f"the request is {len(text):,} characters; the limit is {MAX_REQUEST_CHARS:,}",
            "shorten it: the name, their role, why them and what you would like are enough",
        )
    return text


def parse_answer(raw: str, text: str) -> Extracted | None:
    """The model's JSON answer, validated and checked against the text; None if unusable."""
    match = re.search(r"\{.*\}", raw or "", re.DOTALL)
    if not match:
        return None
    try:
        data = json.loads(match.group())
        extracted = Extracted.model_validate(data if isinstance(data, dict) else {})
    except (json.JSONDecodeError, RecursionError, ValidationError):  # RecursionError: [[[[...
        return None
    # A name the request never mentions was invented: drop it rather than draft to it.
    for field in ("recipient_name", "requester_name", "sender_name"):
        name = getattr(extracted, field)
        if name and name.casefold() not in text.casefold():
            extracted = extracted.model_copy(update={field: ""})
    if extracted.mode == "invite" and not extracted.recipient_name:
        return None
    if extracted.mode == "reply" and not _RECEIVED.search(text) and name_in(_TO.search(text)):
        # "Help me write to Lee Chen; Dana suggested I reach out" read as a note from Dana: a
        # request to write to someone, with no word of a request received, is an invitation.
        return None
    if extracted.mode == "reply":
        # Their note's "I'm ..." is about them; the user's own words are not read in a reply.
        return extracted.model_copy(update={"sender_name": "", "sender_headline": ""})
    # The user's name and role: the rules' reading of a self-description ("I'm Sam, an SRE at
    # Fintrail") first; else the model's, when it is the user's words and not the recipient's.
    # A field in words the request never uses was made up (a small model copies the prompt's
    # example: "saw her DataConf talk" for a request that never mentions it); so was an empty
    # one the rules can read. Either way the rules' reading of the same recipient, if any.
    made_up = [
        f
        for f in ("recipient_headline", "context", "ask")
        if not _grounded(getattr(extracted, f), text)
    ]
    if made_up:
        rules = extract_by_rules(text)
        same = rules.recipient_name == extracted.recipient_name
        extracted = extracted.model_copy(
            update={f: getattr(rules, f) if same else "" for f in made_up}
        )
    said = read_sender(text)
    theirs = (extracted.recipient_name.casefold(), extracted.recipient_headline.casefold())
    name, headline = extracted.sender_name, extracted.sender_headline
    if said.name or not (_reads_as_name(name) and _said_of_self(name, text)):
        name = said.name
    if said.headline or _overlaps(headline, theirs[1]) or not _role_of_self(headline, text):
        headline = said.headline
    return extracted.model_copy(
        update={
            "sender_name": name if name.casefold() != theirs[0] else "",
            "sender_headline": headline,
            # The relationship is only what the words give evidence for.
            "relationship": checked_relationship(extracted.relationship, text),
        }
    )


def _said_of_self(name: str, text: str) -> bool:
    """The name is the user's own by the words around it ("I'm Sam", "call me Sam", "Sam here",
    "Thanks, Sam" at the end), not a third party the model took for them ("Dana suggested")."""
    n = re.escape(name)
    return bool(
        re.search(
            rf"(?i:\bI['\u2019]?m|\bI am|\bname is|\bname['\u2019]s|\bthis is|\bcall me)\s+{n}\b"
            rf"|\b{n}\s+(?i:here)\b|(?i:thanks|thank you|best|cheers|regards),?\s+{n}\W*$",
            text,
        )
    )


def _role_of_self(role: str, text: str) -> bool:
    """The role is copied from the text, reads as a role, and follows the user's own "I" or "my"
    in its sentence ("Sam here, SRE at Fintrail"; not "Dana, a PM at Initech, suggested")."""
    at = text.casefold().find(role.casefold()) if role else -1
    if at < 0 or not as_role(role):
        return False
    sentence = re.split(r"[.!?;\n]", text[max(0, at - CLAUSE_BACK) : at])[-1]
    return bool(re.search(r"\b(?:I|I['\u2019]m|my|me|here)\b", sentence))


_NAME_PARTICLES = set("de da del della di du la le van von der den dos das bin al y".split())


def _reads_as_name(name: str) -> bool:
    """A person's name: capitalised words, or a script without capitals, not a role ("PhD
    student at MIT" is in the text but is no name)."""
    words = name.split()
    return (
        bool(words)
        and all(not w[:1].islower() or w in _NAME_PARTICLES for w in words)
        and not any(w.lower() in ROLE_WORDS or (w.isupper() and len(w) > 1) for w in words)
    )


def _overlaps(ours: str, theirs: str) -> bool:
    ours = ours.casefold()
    return bool(ours and theirs) and (ours in theirs or theirs in ours)


# Small words a faithful reading may add ("her talk" for "the talk she gave").
_FILLER = set(
    "a an the to of and or her his their them she he they i my me about on in at for".split()
)


def _grounded(phrase: str, text: str) -> bool:
    """Every word of the phrase but small ones is a word of the text (so a model's 'Site
    Reliability Engineer' for 'SRE', or words from the prompt's example, are not taken as the
    user's)."""
    words = set(re.findall(r"\w+", text.casefold()))
    said = re.findall(r"\w+", phrase.casefold())
    return bool(said) and all(w in words or w in _FILLER for w in said)


# A capitalised name of up to four words, or a name in a script without capitals (李娜).
_TO = re.compile(
    rf"(?i:connect with|write to|reach out to|message|invite|note to|introduce myself to)"
    rf"\s+{NAME}"
)
_FROM = re.compile(rf"(?:request from|invitation from|invite from|from)\s+{NAME}")
_HEADLINE = re.compile(r"^[,(]\s*([^;.)]{2,80})")
_HEADLINE_END = re.compile(r",\s*(?:and|but|so)\b|\s(?:and|but)\s+(?:I|I'd|I'm|would|want|hope)\b")
_CLAUSE_STARTS = set(
    "i i'm i\u2019m i've i'd we we're we've she he they she's he's my our who whom whose since "
    "because as".split()
)
_ASK = re.compile(
    r"\b(?:would like|'d like|would love|'d love|hoping for|hoping to|hope to|want to ask)"
    r"\s+(?:to\s+)?([^.;]{3,160})",
    re.IGNORECASE,
)
_RECEIVED = re.compile(
    r"\b(?:sent me|received|got a (?:connection )?request|wants to connect|"
    r"invited me|request from|invitation from)\b",
    re.IGNORECASE,
)


def _without_tail(context: str) -> str:
    """The context without trailing separators or dangling 'and', 'but', 'I' or 'I'm'. Scanned by
    hand: the regular expression it replaces backtracked in cubic time, over a minute of CPU
    for a 4,000-character run of spaces and commas."""
    kept = rstrip_separators(context)
    cut = True
    while cut:
        cut = False
        for word in ("and", "but", "I", "I'm", "I\u2019m"):
            before = len(kept) - len(word)
            if kept.endswith(word) and (before == 0 or is_separator(kept[before - 1])):
                kept, cut = rstrip_separators(kept[:before]), True
    return kept


def extract_by_rules(text: str) -> Extracted:
    """A deterministic reading of the request: fewer fields, never an invented one."""
    if _RECEIVED.search(text):
        # Their note's "I'm ..." is about them: the user's own words are not read here.
        m = _FROM.search(text)
        quoted = re.search(r"[\"\u201c](.+?)[\"\u201d]", text, re.DOTALL)
        mutual = re.search(r"(\d+)\s+(?:mutual|shared|connections? in common)", text)
        return Extracted(
            mode="reply",
            requester_name=name_in(m),
            note=quoted.group(1) if quoted else "",
            mutual=int(mutual.group(1)) if mutual else None,
            source="rules",
        )
    m = _TO.search(text)
    name = name_in(m)
    rest = text[m.end() :] if m else text
    headline = ""
    h = _HEADLINE.search(rest)
    first = h.group(1).split()[:1] if h else []
    if not first or first[0].casefold() in _CLAUSE_STARTS:
        # Blank, or "Priya Nair, we met at PyCon": a clause about them, not their headline.
        h = None
    if m and h:
        # "Lee Chen, a fellow alum, and would like advice": the headline ends where a new
        # clause starts, which is read for the context and the ask.
        cut = _HEADLINE_END.search(h.group(1))
        end = h.start(1) + cut.start() if cut else h.end()
        headline, rest = rstrip_separators(rest[h.start(1) : end]).strip(), rest[end:]
    ask = _ASK.search(rest)
    context = rest[: ask.start()] if ask else rest
    said = read_sender(text)
    # The user's words about themselves are who they are, not why this person.
    for span in said.spans:
        context = context.replace(span, " ")
    context = _without_tail(re.sub(r"^[\s,;.:)-]*(?:and\s+)?", "", context))
    return Extracted(
        mode="invite",
        recipient_name=name,
        recipient_headline=headline,
        relationship=checked_relationship("stranger", text),
        context=context[:2_000].strip(),
        ask=ask.group(1).strip() if ask else "",
        sender_name=said.name if said.name != name else "",
        sender_headline=said.headline,
        source="rules",
    )
