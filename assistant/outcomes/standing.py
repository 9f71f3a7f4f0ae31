"""Before an invitation is drafted: what the data export says of that person. Already a
connection (since when), or an invitation from the user still pending (since when, with its
note). Said as a notice; it never stops a draft."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from assistant.outcomes.match import Connections, Match
from assistant.outcomes.report import WITHDRAW_URL
from assistant.triage.export import (
    CONNECTIONS,
    INVITATIONS,
    ExportFiles,
    Invitation,
    name_key,
    read_connections,
    read_invitations,
    url_key,
)


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _quoted(note: str, n: int = 120) -> str:
    note = " ".join(note.split())
    return f"“{note[:n]}…”" if len(note) > n else f"“{note}”" if note else "no note"


@dataclass(frozen=True)
class Standing:
    """Where the user stands with one person, by the export: `connection` when they are a
    connection, `pending` the latest invitation to them not (yet) accepted."""

    name: str
    connection: Match | None = None
    pending: Invitation | None = None

    def notices(self) -> list[str]:
        """One line for each thing the user should know before inviting them."""
        out = []
        if c := self.connection:
            since = f" since {_day(c.connected_on)}" if c.connected_on else ""
            how = " (matched by name: check it is the same person)" if c.by == "name" else ""
            out.append(f"{self.name} is already a connection{since}{how}.")
        if p := self.pending:
            when = f" on {_day(p.sent_at.date())}" if p.sent_at else ""
            out.append(
                f"You invited {self.name}{when} and it is still pending ({_quoted(p.message)}); "
                f"a second invitation needs the first withdrawn on {WITHDRAW_URL}."
            )
        return out


def standing(files: ExportFiles, name: str, url: str = "") -> Standing:
    """Look the person up in the export's Connections.csv and Invitations.csv (each when
    present), by profile URL when given, else by name."""
    index = Connections()
    if files.has(CONNECTIONS):
        key, by_url = name_key(name), url_key(url) if url else ""
        index.add(
            c
            for c in read_connections(files.source(CONNECTIONS))
            if name_key(c.name) == key or (by_url and c.url and url_key(c.url) == by_url)
        )
    connection = index.find(name, url) if index.rows else None
    pending = None
    if files.has(INVITATIONS):
        latest: Invitation | None = None
        for inv in read_invitations(files.source(INVITATIONS)):
            if inv.incoming or not _same(inv, name, url):
                continue
            if latest is None or (inv.sent_at or datetime.min) > (latest.sent_at or datetime.min):
                latest = inv
        accepted = (
            latest is not None
            and connection is not None
            and (
                latest.sent_at is None
                or connection.connected_on is None
                or connection.connected_on >= latest.sent_at.date()
            )
        )
        pending = latest if latest is not None and not accepted else None
    return Standing(name, connection, pending)


def _same(inv: Invitation, name: str, url: str) -> bool:
    """The invitation went to this person: same profile URL when both have one, else name."""
    if url and inv.recipient_url:
        return url_key(inv.recipient_url) == url_key(url)
    return name_key(inv.recipient) == name_key(name)
