"""Triage of a whole backlog: every incoming invitation in the export, with an action, reasons
and (when asked) a reply draft, streamed row by row so memory stays flat."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from assistant.backends.breaker import Breaker
from assistant.drafting.result import Draft
from assistant.drafting.tasks import reply_task
from assistant.errors import CordialError
from assistant.requests import MAX_NOTE_CHARS, Person, ReplyRequest
from assistant.settings import MAX_NAME_CHARS
from assistant.triage.decide import ACTION_FOR, Assessment, assess, read_ahead
from assistant.triage.encoder import BATCH as ENCODER_BATCH
from assistant.triage.export import (
    CONNECTIONS,
    INVITATIONS,
    MESSAGES,
    Connection,
    ExportFiles,
    Invitation,
    Message,
    name_key,
    read_connections,
    read_invitations,
    read_messages,
    url_key,
)

# The columns of `draft triage` output, in order.
COLUMNS = (
    "row",
    "from",
    "profile_url",
    "sent_at",
    "message",
    "category",
    "action",
    "confidence",
    "review",
    "reasons",
    "draft",
    "draft_by",
)


def _when(day: Any) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


class Network:
    """Who the user already knows: connections and people they have exchanged messages with."""

    def __init__(self, me: str = "") -> None:
        self.me = name_key(me)
        self._connections: dict[str, Connection] = {}
        self._from: Counter[str] = Counter()  # messages each person sent
        self._to: Counter[str] = Counter()  # messages sent to each person

    def add_connections(self, rows: Iterable[Connection]) -> None:
        """Index connections by profile URL and by name."""
        for c in rows:
            if c.url:
                self._connections[url_key(c.url)] = c
            if c.name:
                self._connections[name_key(c.name)] = c

    def add_messages(self, rows: Iterable[Message]) -> None:
        """Count messages sent by and to each person, by name and by profile URL."""
        for m in rows:
            sender = name_key(m.sender)
            if sender and sender != self.me:
                self._from[sender] += 1
                if m.sender_url:
                    self._from[url_key(m.sender_url)] += 1
            if sender == self.me:
                for person in m.recipients.split(","):
                    if (key := name_key(person)) and key != self.me:
                        self._to[key] += 1

    def connection(self, name: str, url: str = "") -> Connection | None:
        """The connection with this profile URL or name, if any."""
        return (url and self._connections.get(url_key(url))) or self._connections.get(
            name_key(name)
        )

    def connected(self, name: str, url: str = "") -> str | bool:
        """How the user is connected to this person, in words, or False."""
        c = self.connection(name, url)
        if c is None:
            return False
        since = f" since {_when(c.connected_on)}" if c.connected_on else ""
        return f"already a connection{since}"

    def messaged(self, name: str, url: str = "") -> str | bool:
        """How many messages the user and this person have exchanged, in words, or False."""
        sent = max(self._from[name_key(name)], self._from[url_key(url)] if url else 0)
        received = self._to[name_key(name)]
        if sent:
            return f"they have written to you before ({sent} message{'s' * (sent != 1)})"
        if received:
            return f"you have written to them before ({received} message{'s' * (received != 1)})"
        return False

    def wrote(self, name: str, url: str = "") -> int:
        """Messages this person sent the user."""
        return max(self._from[name_key(name)], self._from[url_key(url)] if url else 0)

    def written_to(self, name: str) -> int:
        """Messages the user sent this person."""
        return self._to[name_key(name)]


@dataclass(frozen=True)
class Triaged:
    """One incoming invitation with its triage and, when asked, its reply: the Draft as the
    Drafter made it (text, path, backend, findings), which the web opens as it is."""

    invitation: Invitation
    assessment: Assessment
    draft: Draft | None = None

    @property
    def draft_by(self) -> str:
        """Who wrote the draft, in words: the backend, or the composer and why it stood in."""
        d = self.draft
        if d is None:
            return ""
        return f"composer (fallback: {d.fallback_reason})" if d.fallback else d.backend

    def row(self) -> dict[str, Any]:
        """A record with the COLUMNS, for CSV, JSON and Markdown (reasons stay a list)."""
        inv, a = self.invitation, self.assessment
        return {
            "row": inv.row,
            "from": inv.sender,
            "profile_url": inv.sender_url,
            "sent_at": inv.sent_at.isoformat(sep=" ", timespec="minutes") if inv.sent_at else "",
            "message": inv.message,
            "category": a.category,
            "action": a.action,
            "confidence": a.confidence,
            "review": a.needs_review,
            "reasons": list(a.reasons),  # one cell, joined by "; ", only in CSV
            "draft": self.draft.text if self.draft else "",
            "draft_by": self.draft_by,
        }


# Writes the reply to one triaged invitation, or None when it gets none.
Replier = Callable[[Invitation, Assessment], Draft | None]


def reply_request_for(
    inv: Invitation, me: Person, situation: str | None = None, *, known: bool = False
) -> ReplyRequest:
    """The reply to one incoming invitation as a request: the one builder batch triage's drafts
    and the web's "open in the reply chat" share (`assistant.api.reply_request_for`). The
    sender's name and note are cut to what a request holds; with no situation the api decides
    one from the note when it drafts."""
    return ReplyRequest(
        requester=Person(name=inv.sender[:MAX_NAME_CHARS]),
        me=me,
        note=inv.message[:MAX_NOTE_CHARS],
        situation=situation,
        known=known,
    )


def reply_drafter(drafter: Any, me: Person) -> Replier:
    """A function drafting the recommended reply to one invitation with a Drafter (its
    writer, then the composer, as every draft)."""

    def draft(inv: Invitation, a: Assessment) -> Draft | None:
        if a.action == "ignore":  # a backlog's pitches get no reply
            return None
        request = reply_request_for(inv, me, a.situation, known=a.category == "known")
        return drafter.draft(reply_task(request))

    return draft


Reader = Callable[[str], str | None]
# What the model may answer for a note the rules could not decide ("known" comes from the
# export, never from a note).
MODEL_CATEGORIES = ("not-sure", "genuine", "blank-or-vanity", "pitch", "fan")


def model_reader(drafter: Any) -> Reader:
    """A second opinion from the model on notes the rules cannot decide (none from the
    composer); when the model fails, the rules' answer stands."""

    def read(note: str) -> str | None:
        try:
            return drafter.classify(note, MODEL_CATEGORIES)
        except CordialError:
            return None

    return read


def _second_opinion(a: Assessment, note: str, read: Reader) -> Assessment:
    """The model's category for an undecided note, marked as the model's and still for review."""
    category = read(note)
    if category is None or category == a.category:
        return a
    reasons = [f"the rules were unsure ({a.action}); the model reads it as {category}", *a.reasons]
    return Assessment(category, ACTION_FOR[category], reasons, a.confidence, a.findings)


def triage_invitations(
    invitations: Iterable[Invitation],
    network: Network,
    draft: Replier | None = None,
    read: Reader | None = None,
) -> Iterator[Triaged]:
    """Triage each incoming invitation (outgoing ones are skipped), drafting when asked; `read`
    gives the model's reading where the rules are unsure."""
    incoming = (inv for inv in invitations if inv.incoming)
    # A batch at a time, so the sentence encoder reads the notes it is needed for together.
    while batch := list(islice(incoming, ENCODER_BATCH)):
        read_ahead([inv.message[:MAX_NOTE_CHARS] for inv in batch])
        for inv in batch:
            note = inv.message[:MAX_NOTE_CHARS]
            a = assess(
                note,
                connected=network.connected(inv.sender, inv.sender_url),
                messaged=network.messaged(inv.sender, inv.sender_url),
            )
            if read is not None and a.needs_review and note.strip():
                a = _second_opinion(a, note, read)
            yield Triaged(inv, a, draft(inv, a) if draft else None)


# Enough rows to tell who the user is, read before the file is read in full.
_SAMPLE_ROWS = 500


def network_of(files: ExportFiles, me: str = "") -> Network:
    """The user's network from Connections.csv and messages.csv, when present."""
    network = Network(me or _infer_me(files))
    if files.has(CONNECTIONS):
        network.add_connections(read_connections(files.source(CONNECTIONS)))
    if files.has(MESSAGES):
        network.add_messages(read_messages(files.source(MESSAGES)))
    return network


def _infer_me(files: ExportFiles) -> str:
    """The user's own name: the recipient of incoming and the sender of outgoing invitations,
    else the person in the most conversations."""
    names: Counter[str] = Counter()
    if files.has(INVITATIONS):
        for inv in islice(read_invitations(files.source(INVITATIONS)), _SAMPLE_ROWS):
            names[inv.recipient if inv.incoming else inv.sender] += 1
    elif files.has(MESSAGES):
        seen: set[tuple[str, str]] = set()
        for m in islice(read_messages(files.source(MESSAGES)), _SAMPLE_ROWS):
            for person in [m.sender, *m.recipients.split(",")]:
                if person.strip() and (m.conversation_id, person.strip()) not in seen:
                    seen.add((m.conversation_id, person.strip()))
                    names[person.strip()] += 1
    return names.most_common(1)[0][0] if names else ""


def triage_export(
    path: str | Path,
    *,
    connections: str | Path | None = None,
    messages: str | Path | None = None,
    draft: Replier | None = None,
    read: Reader | None = None,
    me: str = "",
) -> Iterator[Triaged]:
    """Triage every incoming invitation in an export zip or an Invitations.csv."""
    with ExportFiles(path, connections=connections, messages=messages) as files:
        network = network_of(files, me)
        yield from triage_invitations(files.invitations(), network, draft, read)


def triage_backlog(
    path: str | Path,
    *,
    connections: str | Path | None = None,
    messages: str | Path | None = None,
    drafts: bool = False,
    backend: str = "composer",
    me: str = "",
    settings: Any = None,
) -> Iterator[Triaged]:
    """`assistant.api.triage` (and `assistant.triage(...)`): triage_export with the drafter and
    the model reader that `settings` and `backend` call for. The batch has a Drafter of its
    own whose writer, once failed, is not asked again for the rest of the batch (the composer
    answers), so a dead server costs one timeout, not one per row."""
    from assistant.drafting.pipeline import Drafter
    from assistant.settings import Settings

    settings = settings or Settings()
    drafter = Drafter(settings.model_copy(update={"backend": backend}))
    drafter.writer.breaker = Breaker(open_s=math.inf)
    draft = reply_drafter(drafter, Person.from_profile(settings.me)) if drafts else None
    read = model_reader(drafter)
    return triage_export(
        path, connections=connections, messages=messages, draft=draft, read=read, me=me
    )
