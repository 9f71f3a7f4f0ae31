"""Who is a connection and whom the user has written to, indexed from the export so that each
sent invitation is looked up once. The indexes grow with the number of people, not of rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from assistant.triage.export import Connection, Message, name_key, url_key

MatchedBy = Literal["url", "name"]


def _later(known: date | None, new: date | None) -> date | None:
    """The later of two dates, an unknown one counting as the earliest."""
    if known is None:
        return new
    return known if new is None or known >= new else new


@dataclass(frozen=True, slots=True)
class Match:
    """A connection found for an invitation: when, and whether by profile URL or by name."""

    connected_on: date | None
    by: MatchedBy
    known: bool = True  # False: the connection's date could not be read


@dataclass
class Connections:
    """Connections.csv by normalised profile URL and by folded full name. A name keeps the
    latest connection date among namesakes (the likeliest to be the invitation's)."""

    by_url: dict[str, date | None] = field(default_factory=dict)
    by_name: dict[str, date | None] = field(default_factory=dict)
    # Names of connections whose row has no URL (older exports): the only ones an invitation
    # that has a URL may match by name.
    by_name_without_url: dict[str, date | None] = field(default_factory=dict)
    newest: date | None = None
    rows: int = 0

    def add(self, rows: Iterable[Connection]) -> None:
        """Index connections (the caller reports rows whose date cannot be read)."""
        for c in rows:
            self.rows += 1
            day = c.connected_on
            self.newest = _later(self.newest, day)
            if c.url:
                key = url_key(c.url)
                self.by_url[key] = _later(self.by_url.get(key), day)
            if name := name_key(c.name):
                self.by_name[name] = _later(self.by_name.get(name), day)
                if not c.url:
                    self.by_name_without_url[name] = _later(self.by_name_without_url.get(name), day)

    def find(self, name: str, url: str = "") -> Match | None:
        """The connection for an invitation to this person: by URL when the invitation has
        one, else by name; by name also when the connection's row has no URL to compare."""
        if url:
            key = url_key(url)
            if key in self.by_url:
                day = self.by_url[key]
                return Match(day, "url", day is not None)
            names = self.by_name_without_url
        else:
            names = self.by_name
        key = name_key(name)
        if key in names:
            day = names[key]
            return Match(day, "name", day is not None)
        return None


@dataclass
class Conversations:
    """The date of the latest message in a conversation with each person, by name and URL."""

    latest: dict[str, date] = field(default_factory=dict)
    newest: date | None = None
    rows: int = 0

    def _note(self, key: str, day: date) -> None:
        if key:
            known = self.latest.get(key)
            if known is None or day > known:
                self.latest[key] = day

    def add(self, rows: Iterable[Message]) -> None:
        """Index every participant of each dated message (undated ones the caller reports)."""
        for m in rows:
            self.rows += 1
            if m.sent_at is None:
                continue
            day = m.sent_at.date()
            self.newest = _later(self.newest, day)
            self._note(name_key(m.sender), day)
            if m.sender_url:
                self._note(url_key(m.sender_url), day)
            for person in m.recipients.split(","):
                self._note(name_key(person), day)
            for url in m.recipient_urls.split(","):
                if url.strip():
                    self._note(url_key(url), day)

    def since(self, name: str, url: str, day: date | None) -> bool:
        """True when a conversation with this person has a message on or after `day` (any
        message at all when the day is unknown)."""
        keys = [name_key(name)] + ([url_key(url)] if url else [])
        dates = [d for k in keys if (d := self.latest.get(k)) is not None]
        return bool(dates) and (day is None or max(dates) >= day)
