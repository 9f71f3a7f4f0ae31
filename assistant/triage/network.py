"""The network clean-up report: quiet connections, oldest first, and invitations sent blank."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assistant.triage.export import CONNECTIONS, INVITATIONS, ExportFiles, read_connections
from assistant.triage.inbox import Network, network_of

COLUMNS = ("section", "name", "profile_url", "company", "position", "date", "detail")


@dataclass(frozen=True)
class Entry:
    """One line of the report."""

    section: str  # "never written to", "never answered", "invitation sent without a note"
    name: str
    profile_url: str = ""
    company: str = ""
    position: str = ""
    day: date | None = None
    detail: str = ""

    def row(self) -> dict[str, str]:
        """A flat record with the COLUMNS."""
        return {
            "section": self.section,
            "name": self.name,
            "profile_url": self.profile_url,
            "company": self.company,
            "position": self.position,
            "date": self.day.isoformat() if self.day else "",
            "detail": self.detail,
        }


def _oldest_first(entry: Entry) -> tuple[bool, date]:
    return (entry.day is None, entry.day or date.min)


def quiet_connections(files: ExportFiles, network: Network) -> list[Entry]:
    """Connections with no message either way, and those who never answered, oldest first."""
    entries = []
    for c in read_connections(files.source(CONNECTIONS)):
        wrote, written = network.wrote(c.name, c.url), network.written_to(c.name)
        if wrote:
            continue
        section = "never answered" if written else "never written to"
        detail = (
            f"you wrote {written} message{'s' * (written != 1)}, no answer"
            if written
            else "no message either way"
        )
        entries.append(Entry(section, c.name, c.url, c.company, c.position, c.connected_on, detail))
    return sorted(entries, key=_oldest_first)


def blank_invitations(files: ExportFiles) -> list[Entry]:
    """Outgoing invitations that went without a note, oldest first."""
    entries = [
        Entry(
            "invitation sent without a note",
            inv.recipient,
            inv.recipient_url,
            day=inv.sent_at.date() if inv.sent_at else None,
            detail="a request with no note is the most common complaint",
        )
        for inv in files.invitations()
        if not inv.incoming and not inv.message.strip()
    ]
    return sorted(entries, key=_oldest_first)


def network_report(files: ExportFiles, me: str = "") -> list[Entry]:
    """The whole clean-up report from the files that are present."""
    network = network_of(files, me)
    entries = quiet_connections(files, network) if files.has(CONNECTIONS) else []
    if files.has(INVITATIONS):
        entries += blank_invitations(files)
    return entries
