"""The outcomes of the invitations the user sent: each outgoing row of Invitations.csv matched to
Connections.csv (accepted, pending or too recent to judge), acceptance rates by note, length
and lint verdict, time to acceptance, conversations since, the stale invitations to withdraw by
hand and the follow-ups due.

Files are streamed: Connections.csv and messages.csv are indexed by person first, then
Invitations.csv is read (twice when the ages are counted from the export's newest date)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

from assistant.errors import InputError
from assistant.lint import count_chars, lint
from assistant.outcomes.match import Connections, Conversations, Match, _later
from assistant.outcomes.stats import Rate, median, percentile
from assistant.triage.export import (
    CONNECTIONS,
    INVITATIONS,
    MESSAGES,
    ExportError,
    ExportFiles,
    Invitation,
    read_connections,
    read_invitations,
    read_messages,
)

# The platform's page of sent invitations, where the user withdraws them by hand: Cordial never
# acts on the platform.
WITHDRAW_URL = "https://www.linkedin.com/mynetwork/invitation-manager/sent/"
DEFAULT_MIN_AGE_DAYS = 21

Status = Literal["accepted", "pending", "too recent", "undated"]

# Note length bands, in characters as a person counts them (the premium limit is 300).
LENGTH_BANDS = ((1, "1-99 characters"), (100, "100-199 characters"), (200, "200+ characters"))

# Findings that mean the note asks for nothing beyond connecting.
_NO_ASK = {"note.blank", "note.default-text", "invite.missing-ask"}

# The columns of `draft outcomes --format csv`: one row per sent invitation.
COLUMNS = (
    "row",
    "to",
    "profile_url",
    "sent_at",
    "age_days",
    "status",
    "matched_by",
    "connected_on",
    "days_to_accept",
    "messaged_since",
    "note_chars",
    "findings",
    "note",
)

CAVEATS = (
    "Descriptive, not causal: people tend to add a note for contacts who know them less, so a "
    "lower rate with a note does not show that the note hurt.",
    "Only the invitations in this file's window count (the export keeps about the last six "
    "months of them).",
    "People who accepted and later removed you look unaccepted.",
)


@dataclass(frozen=True, slots=True)  # one per sent invitation: kept small
class NoteCheck:
    """The linter's verdict on a sent note: the rules that fired (errors and warnings) and
    whether the note asks for anything beyond connecting."""

    findings: tuple[str, ...]
    has_ask: bool

    @property
    def clean(self) -> bool:
        """True when no error or warning fired."""
        return not self.findings

    @property
    def families(self) -> tuple[str, ...]:
        """The finding families ('invite', 'style', ...), each once, sorted."""
        return tuple(sorted({rule.split(".", 1)[0] for rule in self.findings}))


@lru_cache(maxsize=8192)  # people send the same note to many: each text is linted once
def check_note(note: str) -> NoteCheck:
    """Lint a sent note as an invitation; info-level findings do not count against it."""
    findings = tuple(
        sorted({f.rule for f in lint(note, kind="invite").findings if f.severity != "info"})
    )
    return NoteCheck(findings, bool(note.strip()) and not _NO_ASK & set(findings))


def length_band(chars: int) -> str:
    """The band a note of this many characters falls in ('' for no note)."""
    band = ""
    for start, label in LENGTH_BANDS:
        if chars >= start:
            band = label
    return band


@dataclass(frozen=True, slots=True)  # one per sent invitation: kept small
class SentInvitation:
    """One invitation the user sent, and what became of it. `status` is None when the export
    has no Connections.csv to tell."""

    row: int
    to: str
    profile_url: str
    sent_at: datetime | None
    note: str
    status: Status | None
    age_days: int | None
    match: Match | None
    messaged_since: bool | None  # None: no messages.csv
    check: NoteCheck

    @property
    def connected_on(self) -> date | None:
        """When they became a connection, when known."""
        return self.match.connected_on if self.match else None

    @property
    def days_to_accept(self) -> int | None:
        """Whole days from sending to accepting, when both dates are known."""
        if self.status != "accepted" or self.sent_at is None or self.connected_on is None:
            return None
        return (self.connected_on - self.sent_at.date()).days

    def row_dict(self) -> dict[str, Any]:
        """A record with the COLUMNS (findings stay a list)."""
        return {
            "row": self.row,
            "to": self.to,
            "profile_url": self.profile_url,
            "sent_at": self.sent_at.isoformat(sep=" ", timespec="minutes") if self.sent_at else "",
            "age_days": self.age_days,
            "status": self.status or "unknown",
            "matched_by": self.match.by if self.match and self.status == "accepted" else "",
            "connected_on": self.connected_on.isoformat() if self.connected_on else "",
            "days_to_accept": self.days_to_accept,
            "messaged_since": self.messaged_since,
            "note_chars": count_chars(self.note),
            "findings": list(self.check.findings),
            "note": self.note,
        }

    def stale_dict(self) -> dict[str, Any]:
        """What the stale list shows: to, sent_at, age_days, note, findings, profile_url."""
        return {
            "to": self.to,
            "sent_at": self.sent_at.isoformat(sep=" ", timespec="minutes") if self.sent_at else "",
            "age_days": self.age_days,
            "note": self.note,
            "findings": list(self.check.findings),
            "profile_url": self.profile_url,
        }

    def follow_up_dict(self) -> dict[str, Any]:
        """What the follow-ups list shows: to, connected_on, note, profile_url."""
        return {
            "to": self.to,
            "connected_on": self.connected_on.isoformat() if self.connected_on else "",
            "note": self.note,
            "profile_url": self.profile_url,
        }


class Problems:
    """Cells that could not be read, grouped by file and column: the first row and value of
    each, and how many more (a wholly unknown format is one line, not a hundred thousand)."""

    def __init__(self) -> None:
        self._first: dict[tuple[str, str], tuple[int, str]] = {}
        self._count: Counter[tuple[str, str]] = Counter()
        self.files: list[str] = []  # whole files that could not be used, and why

    def cell(self, file: str, column: str, row: int, value: str) -> None:
        """A cell that is not a date the export writes."""
        self._first.setdefault((file, column), (row, value))
        self._count[(file, column)] += 1

    def count(self, file: str, column: str) -> int:
        """How many cells of this column could not be read."""
        return self._count[(file, column)]

    def first(self, file: str, column: str) -> tuple[int, str]:
        """The first unreadable cell of this column: (line, value)."""
        return self._first.get((file, column), (0, ""))

    def lines(self) -> list[str]:
        """One line per file problem and per unreadable column."""
        out = list(self.files)
        for (file, column), (row, value) in self._first.items():
            more = self._count[(file, column)] - 1
            also = f" ({more:,} more row{'s' * (more != 1)} like it)" if more else ""
            out.append(
                f"{file} line {row}: {column} {value!r} is not a date the export writes{also}; "
                "the row is kept, its date unknown"
            )
        return out


@dataclass(frozen=True)
class Outcomes:
    """The outcomes report. Counts of None are unknown (the file that tells is missing:
    `missing` says which). `with_note`, `without_note` and the other groups count only the
    invitations at least `min_age_days` old; `pending` are those old enough and not accepted,
    `too_recent` the younger ones not accepted (yet), `undated` those whose Sent At could not
    be read and that are not accepted."""

    today: date
    min_age_days: int
    first_sent: date | None
    last_sent: date | None
    sent: int
    accepted: int | None
    pending: int | None
    too_recent: int | None
    undated: int
    judged: Rate
    with_note: Rate
    without_note: Rate
    by_length: dict[str, Rate]
    by_lint: dict[str, Rate]
    by_family: dict[str, Rate]
    matched_by_name: int
    days_to_accept_median: float | None
    days_to_accept_p90: int | None
    days_to_accept_n: int
    replied: int | None  # accepted invitations with a conversation since they accepted
    stale: list[SentInvitation]
    follow_ups: list[SentInvitation] | None
    caveats: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    withdraw_url: str = WITHDRAW_URL
    # A follow-up draft for each follow-up due, by its row in Invitations.csv, when asked for
    # (api.outcomes(drafts=True)); the reason instead where there is no ask to make.
    follow_up_drafts: dict[int, str] = field(default_factory=dict)

    def chart(self) -> list[tuple[str, Rate]]:
        """The bars the web chart draws, in order: with and without a note, then the lint
        verdict on the notes (the same Rates as the table)."""
        return [
            ("with a note", self.with_note),
            ("without a note", self.without_note),
            *((f"note {verdict}", rate) for verdict, rate in self.by_lint.items()),
        ]

    def table(self) -> list[tuple[str, Rate]]:
        """The rate table's rows, in order (the chart's bars among them, the same Rates):
        all judged, with and without a note, each length band, the lint verdict, each
        finding family. Groups with nothing sent are left out."""
        rows = [("all old enough to judge", self.judged), *self.chart()[:2]]
        rows += [(f"note of {band}", rate) for band, rate in self.by_length.items()]
        rows += self.chart()[2:]
        rows += [(f"findings of the {name} rules", rate) for name, rate in self.by_family.items()]
        return [(label, rate) for label, rate in rows if rate.sent]

    def _with_draft(self, item: dict[str, Any], row: int) -> dict[str, Any]:
        if row not in self.follow_up_drafts:
            return item
        return {**item, "draft": self.follow_up_drafts[row]}

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (`draft outcomes --format json`)."""

        def rates(groups: dict[str, Rate]) -> dict[str, Any]:
            return {name: rate.to_dict() for name, rate in groups.items()}

        return {
            "today": self.today.isoformat(),
            "min_age_days": self.min_age_days,
            "window": {
                "first_sent": self.first_sent.isoformat() if self.first_sent else None,
                "last_sent": self.last_sent.isoformat() if self.last_sent else None,
            },
            "sent": self.sent,
            "accepted": self.accepted,
            "pending": self.pending,
            "too_recent": self.too_recent,
            "undated": self.undated,
            "judged": self.judged.to_dict(),
            "with_note": self.with_note.to_dict(),
            "without_note": self.without_note.to_dict(),
            "by_length": rates(self.by_length),
            "by_lint": rates(self.by_lint),
            "by_family": rates(self.by_family),
            "matched_by_name": self.matched_by_name,
            "days_to_accept": {
                "median": self.days_to_accept_median,
                "p90": self.days_to_accept_p90,
                "n": self.days_to_accept_n,
            },
            "replied": self.replied,
            "stale": [s.stale_dict() for s in self.stale],
            "follow_ups": (
                None
                if self.follow_ups is None
                else [self._with_draft(f.follow_up_dict(), f.row) for f in self.follow_ups]
            ),
            "withdraw_url": self.withdraw_url,
            "caveats": self.caveats,
            "missing": self.missing,
            "problems": self.problems,
        }


class _Tally:
    """Sent and accepted counts per group, in the order groups are first seen."""

    def __init__(self, known: bool) -> None:
        self.known = known
        self.sent: Counter[str] = Counter()
        self.accepted: Counter[str] = Counter()

    def add(self, group: str, accepted: bool) -> None:
        self.sent[group] += 1
        self.accepted[group] += accepted

    def rate(self, group: str) -> Rate:
        return Rate(self.sent[group], self.accepted[group] if self.known else None)

    def rates(self, groups: list[str] | None = None) -> dict[str, Rate]:
        return {g: self.rate(g) for g in (groups if groups is not None else sorted(self.sent))}


class SentReport:
    """The invitations the user sent in one export, matched and classified; `rows()` streams
    them, `outcomes()` sums them up."""

    def __init__(
        self,
        files: ExportFiles,
        *,
        min_age_days: int = DEFAULT_MIN_AGE_DAYS,
        today: date | None = None,
    ) -> None:
        if min_age_days < 0:
            raise InputError(f"min_age_days is {min_age_days}", "give 0 or more days")
        if not files.has(INVITATIONS):
            raise ExportError(
                f"{files.path.name}: the export holds no {INVITATIONS}, which lists the "
                "invitations you sent"
            )
        self.files = files
        self.min_age_days = min_age_days
        self.problems = Problems()
        self._notes: dict[str, str] = {}
        self.missing: list[str] = []
        self.connections = self._connections()
        self.conversations = self._conversations()
        self.today = today or self._newest_date()

    def _connections(self) -> Connections | None:
        """Connections.csv indexed, or None (and why) when it is missing or unreadable."""
        if not self.files.has(CONNECTIONS):
            self.missing.append(
                f"{CONNECTIONS} would add which invitations were accepted, the acceptance "
                "rates, the time to acceptance, the stale invitations to withdraw and the "
                "follow-ups due"
            )
            return None
        index = Connections()
        try:
            index.add(self._dated_connections())
        except ExportError as exc:
            # A half-read index would count accepted invitations as pending: use none of it.
            self.problems.files.append(f"{exc.message}; acceptance is left out")
            self.missing.append(f"a readable {CONNECTIONS} would add the acceptances")
            return None
        return index

    def _dated_connections(self) -> Iterator[Any]:
        for c in read_connections(self.files.source(CONNECTIONS)):
            if c.connected_on is None and c.connected_on_text:
                self.problems.cell(CONNECTIONS, "Connected On", c.row, c.connected_on_text)
            yield c

    def _conversations(self) -> Conversations | None:
        """messages.csv indexed, or None (and why) when it is missing or unreadable."""
        if not self.files.has(MESSAGES):
            self.missing.append(
                f"{MESSAGES} would add who wrote after accepting and the follow-ups due"
            )
            return None
        index = Conversations()
        try:
            index.add(self._dated_messages())
        except ExportError as exc:
            self.problems.files.append(f"{exc.message}; conversations are left out")
            self.missing.append(f"a readable {MESSAGES} would add the conversations")
            return None
        return index

    def _dated_messages(self) -> Iterator[Any]:
        for m in read_messages(self.files.source(MESSAGES)):
            if m.sent_at is None and m.sent_at_text:
                self.problems.cell(MESSAGES, "DATE", m.row, m.sent_at_text)
            yield m

    def _invitations(self) -> Iterator[Invitation]:
        return read_invitations(self.files.source(INVITATIONS))

    def _newest_date(self) -> date:
        """The newest date in the export: ages are counted from it, so a report on an old
        export reads as it did the day it was made (today when the export has no date)."""
        newest = None
        for inv in self._invitations():
            if inv.sent_at is not None:
                newest = _later(newest, inv.sent_at.date())
        for index in (self.connections, self.conversations):
            if index is not None:
                newest = _later(newest, index.newest)
        return newest or date.today()

    def rows(self) -> Iterator[SentInvitation]:
        """Each invitation the user sent, in file order, with its outcome."""
        for inv in self._invitations():
            if inv.incoming or inv.direction != "OUTGOING":
                continue
            yield self._classify(inv)

    def _classify(self, inv: Invitation) -> SentInvitation:
        if inv.sent_at is None:
            self.problems.cell(INVITATIONS, "Sent At", inv.row, inv.sent_at_text)
        sent_on = inv.sent_at.date() if inv.sent_at else None
        age = (self.today - sent_on).days if sent_on else None
        match = (
            self.connections.find(inv.recipient, inv.recipient_url) if self.connections else None
        )
        status: Status | None = None
        if self.connections is not None:
            # Accepted: a connection made on or after the day it was sent (a connection from
            # before it is someone removed and invited again, or a namesake). An unreadable
            # date on either side is not held against the match.
            day = match.connected_on if match else None
            if match and (sent_on is None or day is None or day >= sent_on):
                status = "accepted"
            elif age is None:
                status = "undated"
            else:
                status = "pending" if age >= self.min_age_days else "too recent"
        messaged = None
        if self.conversations is not None and status == "accepted":
            since = match.connected_on if match else None
            messaged = self.conversations.since(inv.recipient, inv.recipient_url, since or sent_on)
        return SentInvitation(
            row=inv.row,
            to=inv.recipient,
            profile_url=inv.recipient_url,
            sent_at=inv.sent_at,
            # A stale one is kept to the end: its note shared with others' same text.
            note=self._notes.setdefault(inv.message, inv.message)
            if status == "pending"
            else inv.message,
            status=status,
            age_days=age,
            match=match if status == "accepted" else None,
            messaged_since=messaged,
            check=check_note(inv.message),
        )

    def outcomes(self) -> Outcomes:
        """Everything summed up in one pass over the sent invitations."""
        known = self.connections is not None
        statuses: Counter[Status | None] = Counter()
        judged, note, length, verdict, family = (_Tally(known) for _ in range(5))
        days: Counter[int] = Counter()
        first = last = None
        sent = by_name = replied = undated = 0
        stale: list[SentInvitation] = []
        follow_ups: list[SentInvitation] = []
        for s in self.rows():
            sent += 1
            statuses[s.status] += 1
            undated += s.sent_at is None and s.status != "accepted"
            if s.sent_at is not None:
                first = min(first or s.sent_at.date(), s.sent_at.date())
                last = max(last or s.sent_at.date(), s.sent_at.date())
            accepted = s.status == "accepted"
            if accepted:
                by_name += s.match is not None and s.match.by == "name"
                if s.days_to_accept is not None:
                    days[s.days_to_accept] += 1
                replied += bool(s.messaged_since)
                if s.messaged_since is False and s.check.has_ask:
                    follow_ups.append(s)
            elif s.status == "pending":
                stale.append(s)
            if s.age_days is None or s.age_days < self.min_age_days:
                continue  # too recent to judge (or undated): left out of every rate
            judged.add("all", accepted)
            chars = count_chars(s.note.strip())
            note.add("with" if chars else "without", accepted)
            if chars:
                length.add(length_band(chars), accepted)
                verdict.add("clean" if s.check.clean else "with findings", accepted)
                for name in s.check.families:
                    family.add(name, accepted)
        if sent and first is None:
            # Not one readable date: the format is unknown, and every figure would be zero.
            row, value = self.problems.first(INVITATIONS, "Sent At")
            raise ExportError(
                f"{INVITATIONS} line {row}: Sent At {value!r} is not a date the export writes, "
                "nor is any other sent invitation's (expected like '1/29/26, 2:37 PM')"
            )
        stale.sort(key=lambda s: (s.sent_at is None, s.sent_at or datetime.min))
        follow_ups.sort(key=lambda s: s.connected_on or date.min, reverse=True)
        caveats = list(CAVEATS)
        if by_name:
            caveats.append(
                f"{by_name} acceptance{'s were' if by_name != 1 else ' was'} matched by name "
                "only (no profile URL to compare in the export): less certain, a namesake may "
                "be counted."
            )
        cutoff = self.today - timedelta(days=self.min_age_days)
        caveats.append(
            f"Invitations younger than {self.min_age_days} days (sent after {cutoff.isoformat()},"
            f" ages counted from {self.today.isoformat()}) are left out of the rates: too recent "
            "to judge."
        )
        return Outcomes(
            today=self.today,
            min_age_days=self.min_age_days,
            first_sent=first,
            last_sent=last,
            sent=sent,
            accepted=statuses["accepted"] if known else None,
            pending=statuses["pending"] if known else None,
            too_recent=statuses["too recent"] if known else None,
            undated=undated,
            judged=judged.rate("all"),
            with_note=note.rate("with"),
            without_note=note.rate("without"),
            by_length=length.rates([label for _, label in LENGTH_BANDS]),
            by_lint=verdict.rates(["clean", "with findings"]),
            by_family=family.rates(),
            matched_by_name=by_name,
            days_to_accept_median=median(days),
            days_to_accept_p90=percentile(days, 90),
            days_to_accept_n=days.total(),
            replied=replied if known and self.conversations is not None else None,
            stale=stale if known else [],
            follow_ups=follow_ups if known and self.conversations is not None else None,
            caveats=caveats,
            missing=list(self.missing),
            problems=self.problems.lines(),
        )


def sent_outcomes(
    files: ExportFiles, *, min_age_days: int = DEFAULT_MIN_AGE_DAYS, today: date | None = None
) -> Outcomes:
    """The outcomes report for the invitations in an export's files."""
    return SentReport(files, min_age_days=min_age_days, today=today).outcomes()
