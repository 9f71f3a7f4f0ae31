"""The composer's phrase tables: assistant/composer/phrases/{invite,reply,followup}.yaml, read
once and validated by strict pydantic models, so a typo in a key or a slot fails loudly at first use
instead of writing a broken note. The wording lives in the YAML; the grammar in the code."""

from __future__ import annotations

import re
import string
from functools import cache
from importlib.resources import files
from typing import Annotated, Literal, get_args

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from assistant.choices import Situation
from assistant.errors import CordialError

# Slots a phrase may hold: {n} a name, {h} the sender's headline, {x} a user fragment,
# {m} the count of mutual connections, {greeting} in the invitation's fallbacks.
_SLOTS = {"n", "h", "x", "m", "greeting"}
_STRICT = ConfigDict(extra="forbid", frozen=True)


def _check_slots(phrases: tuple[str, ...]) -> tuple[str, ...]:
    for phrase in phrases:
        try:
            fields = {f for _, f, _, _ in string.Formatter().parse(phrase) if f is not None}
        except ValueError as exc:
            raise ValueError(f"{phrase!r}: {exc}") from exc
        unknown = fields - _SLOTS
        if unknown:
            raise ValueError(f"{phrase!r} has unknown slot(s) {sorted(unknown)}")
        if re.search(r"\{[^{}]*\{|\}[^{}]*\}", phrase):
            raise ValueError(f"{phrase!r} nests braces")
    return phrases


Phrases = Annotated[tuple[str, ...], AfterValidator(_check_slots)]


class Tones(BaseModel):
    """One phrase table: the rows for each tone (`variant` picks a row)."""

    model_config = _STRICT

    warm: Phrases = Field(min_length=1)
    formal: Phrases = Field(min_length=1)
    concise: Phrases = Field(min_length=1)

    def __getitem__(self, tone: str) -> Phrases:
        return getattr(self, tone)


class Item(Tones):
    """One piece of a reply; `drop` marks it optional, and when it goes as a reply shrinks."""

    drop: Literal["headline", "mutual", "close"] | None = None


class InvitePhrases(BaseModel):
    """assistant/composer/phrases/invite.yaml"""

    model_config = _STRICT

    greet: Tones
    greet_nameless: Tones
    who_name_headline: Tones
    who_name: Tones
    who_headline: Tones
    met_place: Tones
    met_none: Tones
    colleague_place: Tones
    colleague_none: Tones
    referral: Tones
    referral_tail: Tones
    referrer_unnamed: str = Field(min_length=1)
    alumni_school: Tones
    alumni_school_prep: Tones
    alumni_cohort: Tones
    alumni_work: Tones
    alumni_none: Tones
    their_work: Tones
    their_posting: Tones
    their_place: Tones
    default_ask: dict[Literal["met", "colleague", "alumni", "other"], Tones]
    ask_to: Tones
    ask_advice: Tones
    ask_indirect: Tones
    ask_request: Tones
    ask_give: Tones
    ask_noun: Tones
    fallback_greeting: str
    fallbacks: Phrases = Field(min_length=1)

    @model_validator(mode="after")
    def _every_default_ask(self) -> InvitePhrases:
        if "other" not in self.default_ask:
            raise ValueError("default_ask needs an 'other' entry")
        return self


class ReplyPhrases(BaseModel):
    """assistant/composer/phrases/reply.yaml"""

    model_config = _STRICT

    greet: Tones
    greet_nameless: Tones
    sign: Tones
    sign_nameless: Tones
    accept_place: Tones
    accept_sentence: Tones
    accept_none: Tones
    situations: dict[Situation, tuple[Item, ...]]
    fallbacks: dict[Situation, Phrases]

    @model_validator(mode="after")
    def _every_situation(self) -> ReplyPhrases:
        for name in ("situations", "fallbacks"):
            missing = set(get_args(Situation)) - set(getattr(self, name))
            if missing:
                raise ValueError(f"{name} lacks {', '.join(sorted(missing))}")
        for name, phrases in self.fallbacks.items():
            if not phrases:
                raise ValueError(f"fallbacks for {name} is empty")
        return self


class FollowupPhrases(BaseModel):
    """assistant/composer/phrases/followup.yaml"""

    model_config = _STRICT

    greet: Tones
    greet_nameless: Tones
    thanks: Tones
    close: Tones
    sign: Tones
    fallbacks: Phrases = Field(min_length=1)


def _load(name: str, model: type[BaseModel]) -> BaseModel:
    resource = files("assistant.composer") / "phrases" / f"{name}.yaml"
    try:
        return model.model_validate(yaml.safe_load(resource.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise CordialError(f"phrase file {resource} is missing", "reinstall Cordial") from exc
    except (yaml.YAMLError, ValueError) as exc:
        raise CordialError(f"phrase file {resource} is invalid: {exc}", "fix the file") from exc


@cache
def invite_phrases() -> InvitePhrases:
    """The invitation phrases, read and validated on first use."""
    return _load("invite", InvitePhrases)  # type: ignore[return-value]


@cache
def reply_phrases() -> ReplyPhrases:
    """The reply phrases, read and validated on first use."""
    return _load("reply", ReplyPhrases)  # type: ignore[return-value]


@cache
def followup_phrases() -> FollowupPhrases:
    """The follow-up phrases, read and validated on first use."""
    return _load("followup", FollowupPhrases)  # type: ignore[return-value]
