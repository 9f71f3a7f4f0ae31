"""What a user asks for: an invitation, a reply or a follow-up, as validated pydantic models."""

from __future__ import annotations

import datetime

from pydantic import BaseModel, ConfigDict, Field

from assistant.choices import Account, Relationship, Situation, Tone
from assistant.settings import MAX_FIELD_CHARS, MAX_NAME_CHARS, Profile

MAX_NOTE_CHARS = 8_000


class Person(BaseModel):
    """Someone on either side of the request."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field("", max_length=MAX_NAME_CHARS)
    headline: str = Field("", max_length=MAX_FIELD_CHARS)
    about: str = Field("", max_length=MAX_FIELD_CHARS)

    @classmethod
    def from_profile(cls, profile: Profile) -> Person:
        """The user's own profile from settings."""
        return cls(name=profile.name, headline=profile.headline, about=profile.about)


class InviteRequest(BaseModel):
    """An outgoing invitation note from `me` to `recipient`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    recipient: Person
    me: Person = Field(default_factory=Person)
    relationship: Relationship = "other"
    context: str = Field("", max_length=MAX_FIELD_CHARS, description="why this person")
    ask: str = Field("", max_length=MAX_FIELD_CHARS, description="what the sender would like")
    tone: Tone = "warm"
    account: Account = "premium"
    limit: int | None = Field(None, ge=20, le=8_000)


class ReplyRequest(BaseModel):
    """A reply from `me` to a connection request sent by `requester`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    requester: Person
    me: Person = Field(default_factory=Person)
    note: str = Field("", max_length=MAX_NOTE_CHARS, description="their note, untrusted")
    # None asks Cordial to choose: the api decides once, from the note, `mutual` and `known`.
    situation: Situation | None = None
    known: bool = Field(False, description="the user knows the sender")
    mutual: int | None = Field(None, ge=0, le=100_000)
    context: str = Field("", max_length=MAX_FIELD_CHARS, description="e.g. where we met")
    tone: Tone = "warm"
    limit: int | None = Field(None, ge=20, le=8_000)


class FollowupRequest(BaseModel):
    """A first message from `me` to `recipient`, who accepted the user's invitation: thanks, and
    the ask the invitation `note` promised (or the user's own `ask`)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    recipient: Person
    me: Person = Field(default_factory=Person)
    # The user's own invitation note, as they sent it: their words, so its facts are theirs.
    note: str = Field("", max_length=MAX_NOTE_CHARS, description="the invitation they accepted")
    # Empty: the ask the note made (composer.promised_ask); assistant.api refuses a request
    # where neither says what to ask.
    ask: str = Field("", max_length=MAX_FIELD_CHARS, description="what the follow-up asks")
    connected_on: datetime.date | None = Field(None, description="from the data export")
    tone: Tone = "warm"
    limit: int | None = Field(None, ge=20, le=8_000)
