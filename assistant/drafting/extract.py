"""A plain-language request ("I want to connect with Jordan Lee, VP Data at Globex; I saw her
DataConf talk...") turned into the structured fields, by the model with a JSON answer, checked
against the text, with a rule-based reading when the model's answer is unusable."""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.drafting.requests import Relationship, Situation
from assistant.errors import InputError

log = logging.getLogger(__name__)
MAX_REQUEST_CHARS = 4_000
RELATIONSHIPS = {"met", "colleague", "referral", "stranger", "alumni", "other"}
SITUATIONS = {"letdown", "how-met", "how-can-i-help", "accept", "follow"}
MAX_NAME_CHARS = 200
MAX_MUTUAL = 100_000


class Extracted(BaseModel):
    """The fields read from a request; `source` says whether the model or the rules read them."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    mode: Literal["invite", "reply"] = "invite"
    recipient_name: str = Field("", max_length=MAX_NAME_CHARS)
    recipient_headline: str = Field("", max_length=300)
    relationship: Relationship = "other"
    context: str = Field("", max_length=2_000)
    ask: str = Field("", max_length=2_000)
    requester_name: str = Field("", max_length=MAX_NAME_CHARS)
    note: str = Field("", max_length=8_000)
    mutual: int | None = Field(None, ge=0, le=MAX_MUTUAL)
    situation: Situation | None = None
    source: Literal["model", "rules"] = "model"

    @field_validator("relationship", mode="before")
    @classmethod
    def _known_relationship(cls, value: Any) -> str:
        return value if isinstance(value, str) and value in RELATIONSHIPS else "other"

    @field_validator("situation", mode="before")
    @classmethod
    def _known_situation(cls, value: Any) -> str | None:
        return value if isinstance(value, str) and value in SITUATIONS else None

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
    for field in ("recipient_name", "requester_name"):
        name = getattr(extracted, field)
        if name and name.casefold() not in text.casefold():
            extracted = extracted.model_copy(update={field: ""})
    if extracted.mode == "invite" and not extracted.recipient_name:
        return None
    return extracted


# A capitalised name of up to four words, or a name in a script without capitals (李娜).
_NAME = (
    r"((?:[A-Z\u00c0-\u024f][\w'\u2019-]+|[^\x00-\u024f\s,;.]+)"
    r"(?: [A-Z\u00c0-\u024f][\w'\u2019-]+){0,3})"
)
_TO = re.compile(
    rf"(?i:connect with|write to|reach out to|message|invite|note to|introduce myself to)"
    rf"\s+{_NAME}"
)
_FROM = re.compile(rf"(?:request from|invitation from|invite from|from)\s+{_NAME}")
_HEADLINE = re.compile(r"^[,(]\s*([^;.)]{2,80})")
_ASK = re.compile(
    r"\b(?:would like|'d like|would love|'d love|hoping for|hope to|want to ask)"
    r"\s+(?:to\s+)?([^.;]{3,160})",
    re.IGNORECASE,
)
_RECEIVED = re.compile(
    r"\b(?:sent me|received|got a (?:connection )?request|wants to connect|"
    r"invited me|request from|invitation from)\b",
    re.IGNORECASE,
)


def _name(match: re.Match | None) -> str:
    """The name a pattern found; a run of words too long to be a name is no name."""
    name = match.group(1) if match else ""
    return name if len(name) <= MAX_NAME_CHARS else ""


def _is_separator(char: str) -> bool:
    return char.isspace() or char in ",;."


def _rstrip_separators(text: str) -> str:
    end = len(text)
    while end and _is_separator(text[end - 1]):
        end -= 1
    return text[:end]


def _without_tail(context: str) -> str:
    """The context without trailing separators or a dangling 'and', 'but' or 'I'. Scanned by
    hand: the regular expression it replaces backtracked in cubic time, over a minute of CPU
    for a 4,000-character run of spaces and commas."""
    kept = _rstrip_separators(context)
    for word in ("and", "but", "I"):
        before = len(kept) - len(word)
        if before > 0 and kept.endswith(word) and _is_separator(kept[before - 1]):
            return _rstrip_separators(kept[:before])
    return kept


def extract_by_rules(text: str) -> Extracted:
    """A deterministic reading of the request: fewer fields, never an invented one."""
    if _RECEIVED.search(text):
        m = _FROM.search(text)
        quoted = re.search(r"[\"\u201c](.+?)[\"\u201d]", text, re.DOTALL)
        mutual = re.search(r"(\d+)\s+(?:mutual|shared|connections? in common)", text)
        return Extracted(
            mode="reply",
            requester_name=_name(m),
            note=quoted.group(1) if quoted else "",
            mutual=int(mutual.group(1)) if mutual else None,
            source="rules",
        )
    m = _TO.search(text)
    name = _name(m)
    rest = text[m.end() :] if m else text
    headline = ""
    h = _HEADLINE.search(rest)
    if m and h:
        headline, rest = h.group(1).strip(), rest[h.end() :]
    ask = _ASK.search(rest)
    context = rest[: ask.start()] if ask else rest
    context = _without_tail(re.sub(r"^[\s,;.:)-]+", "", context))
    relationship = (
        "met"
        if re.search(r"\bwe met\b|\bmet (?:her|him|them) at\b", text, re.I)
        else "referral"
        if re.search(r"\bsuggested\b|\breferred\b", text, re.I)
        else "colleague"
        if re.search(r"\bworked (?:together|with)\b", text, re.I)
        else "stranger"
    )
    return Extracted(
        mode="invite",
        recipient_name=name,
        recipient_headline=headline,
        relationship=relationship,
        context=context[:2_000].strip(),
        ask=ask.group(1).strip() if ask else "",
        source="rules",
    )
