"""The library's front door: what the CLI, the web chat and other programs call.

from assistant import draft_invitation, draft_reply, lint, Settings
draft = draft_invitation("Jordan Lee", to_headline="VP Data at Globex",
                         context="saw her DataConf talk on streaming",
                         ask="15 minutes of advice")
print(draft.text, draft.chars, draft.limit)

Once Jordan accepts, `draft_followup("Jordan Lee", note=draft.text)` thanks her and makes the
ask the note promised (or `ask=` another one).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from pydantic import ValidationError

from assistant.drafting.drafters import drafter_for
from assistant.drafting.result import Draft
from assistant.drafting.tasks import Task, followup_task, invitation_task, reply_task
from assistant.errors import CordialError, InputError
from assistant.requests import (
    MAX_NOTE_CHARS,
    FollowupRequest,
    InviteRequest,
    Person,
    ReplyRequest,
)
from assistant.settings import MAX_FIELD_CHARS, MAX_NAME_CHARS, Settings
from assistant.store import History

# Any kind of request the library drafts.
AnyRequest = InviteRequest | ReplyRequest | FollowupRequest

if TYPE_CHECKING:  # pragma: no cover
    from assistant.outcomes import Outcomes, Rate, SentInvitation  # noqa: F401 - for front doors
    from assistant.triage.export import Invitation
    from assistant.triage.inbox import Triaged
    from assistant.triage.suggest import Suggestion


def _validated(model: type, **fields: Any) -> Any:
    try:
        return model(**fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "input"
        raise InputError(f"{where}: {first['msg']}", "check that field and try again") from exc


def invitation_request(
    to: str | Person,
    *,
    to_headline: str = "",
    context: str = "",
    ask: str = "",
    relationship: str = "other",
    tone: str = "warm",
    account: str | None = None,
    limit: int | None = None,
    me: Person | None = None,
    settings: Settings | None = None,
) -> InviteRequest:
    """A validated InviteRequest; the sender's profile comes from settings unless given."""
    settings = settings or Settings()
    recipient = to if isinstance(to, Person) else _validated(Person, name=to, headline=to_headline)
    return _validated(
        InviteRequest,
        recipient=recipient,
        me=me or Person.from_profile(settings.me),
        relationship=relationship,
        context=context,
        ask=ask,
        tone=tone,
        account=account or settings.account,
        limit=limit,
    )


def reply_request(
    from_name: str | Person,
    *,
    note: str = "",
    situation: str | None = None,
    mutual: int | None = None,
    known: bool = False,
    context: str = "",
    from_headline: str = "",
    limit: int | None = None,
    me: Person | None = None,
    settings: Settings | None = None,
) -> ReplyRequest:
    """A validated ReplyRequest; the user's profile comes from settings unless given. With no
    `situation` Cordial chooses one when it drafts (see decide_situation)."""
    settings = settings or Settings()
    requester = (
        from_name
        if isinstance(from_name, Person)
        else _validated(Person, name=from_name, headline=from_headline)
    )
    return _validated(
        ReplyRequest,
        requester=requester,
        me=me or Person.from_profile(settings.me),
        note=note,
        situation=situation,
        mutual=mutual,
        known=known,
        context=context,
        limit=limit,
    )


# What followup_request says when neither the user nor their note says what to ask. A
# follow-up exists to make an ask; a thanks-only message is one the user can write in a line,
# so Cordial asks them for the ask rather than send a message with no point.
NO_FOLLOWUP_ASK = (
    "your invitation note asks for nothing beyond connecting, and no ask was given",
    "say what it should ask for, e.g. “15 minutes of advice on pricing” (--ask on the command "
    "line, “What to ask” in the web chat, ask= in the library)",
)


def followup_request(
    to: str | Person,
    *,
    note: str = "",
    ask: str = "",
    to_headline: str = "",
    connected_on: datetime.date | None = None,
    tone: str = "warm",
    limit: int | None = None,
    me: Person | None = None,
    settings: Settings | None = None,
) -> FollowupRequest:
    """A validated FollowupRequest: a message to someone who accepted the user's invitation
    (`note`, as sent). Its ask is `ask`, else the one the note made; an InputError when neither
    asks for anything (a note that only asked to connect)."""
    settings = settings or Settings()
    recipient = to if isinstance(to, Person) else _validated(Person, name=to, headline=to_headline)
    request = _validated(
        FollowupRequest,
        recipient=recipient,
        me=me or Person.from_profile(settings.me),
        note=note,
        ask=ask,
        connected_on=connected_on,
        tone=tone,
        limit=limit,
    )
    if not _followup_ask(request):
        raise InputError(*NO_FOLLOWUP_ASK)
    return request


def _saved(draft: Draft, request: Any, settings: Settings, save: bool) -> Draft:
    """The draft, stored in the history when asked, with its row id."""
    if not save:
        return draft
    row = History(settings.home / "history.db").save(draft, request)
    return draft.model_copy(update={"history_id": row})


def task_for(request: AnyRequest) -> Task:
    """The drafting task for any kind of request; a reply with no situation gets the one
    the triage decision chooses for it, with the reasons."""
    if isinstance(request, InviteRequest):
        return invitation_task(request)
    if isinstance(request, FollowupRequest):
        if not _followup_ask(request):
            raise InputError(*NO_FOLLOWUP_ASK)
        return followup_task(request)
    request, chosen = decide_situation(request)
    return reply_task(request, tuple(chosen.reasons) if chosen else ())


def _followup_ask(request: FollowupRequest) -> str:
    from assistant.composer import followup_ask

    return followup_ask(request)


def decide_situation(request: ReplyRequest) -> tuple[ReplyRequest, Suggestion | None]:
    """The request with its reply situation, and the suggestion when Cordial chose it: the
    user's choice stands, else the triage decision's for the note, `mutual` and `known`. The
    one place a situation is chosen; everything after reads it from the request."""
    if request.situation:
        return request, None
    chosen = choose_situation(request.note, mutual=request.mutual, known=request.known)
    return request.model_copy(update={"situation": chosen.situation}), chosen


def choose_situation(note: str, mutual: int | None = None, known: bool = False) -> Suggestion:
    """The reply situation that fits a request you received, and why: the triage decision,
    the one chooser the CLI, the library and the web chat share. For a pitch it is `ignore`
    (the optional reply is a short no-thanks)."""
    from assistant.triage.suggest import suggest_situation

    return suggest_situation(note, mutual=mutual, known=known)


def sender_for(
    profile_name: str, profile_headline: str, said_name: str, said_headline: str
) -> tuple[str, str, str]:
    """(name, headline, notice) for a request's sender: the saved profile's values, else what
    the user said about themselves in the request ("I'm Sam, an SRE at Fintrail"). The notice
    tells them what was read and how to keep it; empty when the request filled nothing."""
    name = profile_name or said_name[:MAX_NAME_CHARS]
    headline = profile_headline or said_headline[:MAX_FIELD_CHARS]
    read = [
        said
        for said, saved in ((said_name, profile_name), (said_headline, profile_headline))
        if said and not saved
    ]
    if not read:
        return name, headline, ""
    return (
        name,
        headline,
        f"I read you as {', '.join(read)} and used it for this draft. To keep it for next "
        "time, open Settings below and press “Save profile” (it is filled in).",
    )


# What request_from_text says when a received request is pasted where an invitation is asked.
USE_THE_REPLY_TAB = "This looks like a request you received: use the “Answer a request” tab."


@dataclass(frozen=True)
class TextRequest:
    """What `request_from_text` read from a message in plain words.

    `request` is None when the text is the other kind (`redirect` says where it belongs);
    `suggestion` is the reply situation the triage decision chose for the note, and why (None
    when the user chose it);
    `said` is what the text said about the user themselves (name, headline), ('', '') when
    nothing, and `sender_notice` tells them it was used for this draft."""

    kind: Literal["invite", "reply", "followup"]
    request: AnyRequest | None = None
    suggestion: Suggestion | None = None
    said: tuple[str, str] = ("", "")
    sender_notice: str = ""
    redirect: str = ""


def request_from_text(
    text: str,
    kind: Literal["invite", "reply", "followup"] = "invite",
    settings: Settings | None = None,
    *,
    sender: tuple[str, str] = ("", ""),
    situation: str | None = None,
    known: bool = False,
    context: str = "",
    ask: str = "",
) -> TextRequest:
    """A request from a message in plain words: extract the fields, route it (a received note
    asked for as an invitation is sent to the reply side), suggest the reply situation, and
    build the validated request.

    For an invitation, what the text says about the user ("I'm Sam, an SRE at Fintrail") fills
    what their saved profile leaves empty; `sender` is what they said earlier (the web keeps it
    for the session). For a reply, `situation` (when given) wins over the suggestion, `known`
    says the user knows the sender, and `context` is where they met. A text with no "request
    from ..." around it is taken as the note itself.

    For a follow-up the text is the invitation note they accepted: its greeting names them
    ("Hi Tomás, …") and its ask is the one the follow-up makes unless `ask` is given."""
    if kind not in ("invite", "reply", "followup"):
        raise InputError(f"unknown kind {kind!r}", "use 'invite', 'reply' or 'followup'")
    settings = settings or Settings()
    if kind == "followup":
        from assistant.composer import greeted_name

        name, headline, _notice = sender_for(settings.me.name, settings.me.headline, *sender)
        request = followup_request(
            greeted_name(text),
            note=text,
            ask=ask,
            me=_validated(Person, name=name, headline=headline, about=settings.me.about),
            settings=settings,
        )
        return TextRequest(kind, request)
    extracted = extract_request(text, settings)
    if kind == "invite":
        if extracted.mode == "reply":
            return TextRequest(kind, redirect=USE_THE_REPLY_TAB)
        said = (extracted.sender_name, extracted.sender_headline)
        name, headline, notice = sender_for(
            settings.me.name, settings.me.headline, *(said if any(said) else sender)
        )
        request: InviteRequest | ReplyRequest = invitation_request(
            extracted.recipient_name,
            to_headline=extracted.recipient_headline,
            context=extracted.context,
            ask=extracted.ask,
            relationship=extracted.relationship,
            me=_validated(Person, name=name, headline=headline, about=settings.me.about),
            settings=settings,
        )
        # The notice is said once, when the text says it, not on every later request.
        return TextRequest(
            kind,
            request,
            said=said,
            sender_notice=notice if any(said) else "",
        )
    received = extracted.mode == "reply"
    request, suggestion = decide_situation(
        reply_request(
            extracted.requester_name if received else "",
            note=extracted.note if received else text,
            mutual=extracted.mutual,
            situation=situation,
            known=known,
            context=context,
            settings=settings,
        )
    )
    return TextRequest(kind, request, suggestion=suggestion)


def reply_request_for(
    item: Triaged | Invitation,
    me: Person | None = None,
    settings: Settings | None = None,
    *,
    situation: str | None = None,
) -> ReplyRequest:
    """The reply request to an invitation from the data export, or to a triaged one (its
    situation is the triage's, and it is known when the export says so). Batch triage's
    drafts and the web's "open in the reply chat" build it the same way. The user's profile
    comes from settings unless `me` is given."""
    from assistant.triage.inbox import Triaged
    from assistant.triage.inbox import reply_request_for as build

    known = False
    if isinstance(item, Triaged):
        situation = situation or item.assessment.situation
        known = item.assessment.category == "known"
        item = item.invitation
    if me is None:
        me = Person.from_profile((settings or Settings()).me)
    return build(item, me, situation, known=known)


def draft_invitation(
    to: str | Person | InviteRequest,
    *,
    variants: int = 1,
    settings: Settings | None = None,
    save: bool = True,
    **fields: Any,
) -> Draft:
    """Draft an invitation note: fits the limit, no error-level finding, says how it was made."""
    return _draft(to, InviteRequest, invitation_request, variants, settings, save, fields)


def draft_reply(
    from_name: str | Person | ReplyRequest,
    *,
    variants: int = 1,
    settings: Settings | None = None,
    save: bool = True,
    **fields: Any,
) -> Draft:
    """Draft a reply to a connection request, in the given or suggested situation."""
    return _draft(from_name, ReplyRequest, reply_request, variants, settings, save, fields)


def draft_followup(
    to_name: str | Person | FollowupRequest,
    *,
    note: str = "",
    ask: str = "",
    to_headline: str = "",
    connected_on: datetime.date | None = None,
    me: Person | None = None,
    settings: Settings | None = None,
    save: bool = True,
    tone: str = "warm",
    variants: int = 1,
) -> Draft:
    """Draft the first message to someone who accepted your invitation: thanks, and the ask
    your note promised (or `ask`); aims at 300 characters. See followup_request."""
    fields = {
        "note": note,
        "ask": ask,
        "to_headline": to_headline,
        "connected_on": connected_on,
        "me": me,
        "tone": tone,
    }
    return _draft(to_name, FollowupRequest, followup_request, variants, settings, save, fields)


def _draft(
    given: Any,
    request_type: type,
    build: Callable[..., Any],
    variants: int,
    settings: Settings | None,
    save: bool,
    fields: dict[str, Any],
) -> Draft:
    """A draft for `given`: a request of `request_type`, or a person `build` makes one for
    from `fields`; saved to the history when asked."""
    settings = settings or Settings()
    if isinstance(given, request_type):
        request = given
    else:
        request = build(given, settings=settings, **fields)
    draft = drafter_for(settings).draft(task_for(request), variants=variants)
    return _saved(_with_export_notices(draft, request, settings), request, settings, save)


def stream_draft(
    request: AnyRequest,
    settings: Settings | None = None,
    *,
    save: bool = True,
) -> Iterator[str | Draft]:
    """Chunks of text as the model writes, then the finished (and saved) Draft."""
    settings = settings or Settings()
    for item in drafter_for(settings).stream(task_for(request)):
        if isinstance(item, Draft):
            item = _saved(_with_export_notices(item, request, settings), request, settings, save)
        yield item


def export_notices(
    to: str | Person | InviteRequest,
    *,
    url: str = "",
    export: str | Path | None = None,
    settings: Settings | None = None,
) -> list[str]:
    """What your data export says of someone before you invite them: already a connection
    (since when), or an invitation from you still pending (since when, with its note). The
    export is `export`, else Settings.export (CORDIAL_EXPORT): the zip, its folder or
    Connections.csv. [] when none is known or it says nothing; a file that cannot be read is
    one notice, never an error, so a draft is never blocked."""
    from assistant.outcomes.standing import standing
    from assistant.triage.export import ExportFiles

    export = export or (settings or Settings()).export
    if isinstance(to, InviteRequest):
        to = to.recipient
    name = to.name if isinstance(to, Person) else to
    if not export or not name.strip():
        return []
    try:
        with ExportFiles(export) as files:
            return standing(files, name, url).notices()
    except CordialError as exc:
        return [f"Could not check {name} in your data export: {exc}"]


def _with_export_notices(draft: Draft, request: Any, settings: Settings) -> Draft:
    """An invitation's draft with what the export says of its recipient (when one is set)."""
    if not isinstance(request, InviteRequest) or not settings.export:
        return draft
    notices = export_notices(request, settings=settings)
    return draft.model_copy(update={"notices": [*draft.notices, *notices]}) if notices else draft


def stream_invitation(
    request: InviteRequest, settings: Settings | None = None, *, save: bool = True
) -> Iterator[str | Draft]:
    """stream_draft for an invitation."""
    return stream_draft(request, settings, save=save)


def stream_reply(
    request: ReplyRequest, settings: Settings | None = None, *, save: bool = True
) -> Iterator[str | Draft]:
    """stream_draft for a reply."""
    return stream_draft(request, settings, save=save)


def revise_draft(
    request: AnyRequest,
    text: str,
    instruction: str,
    settings: Settings | None = None,
    *,
    save: bool = True,
) -> Draft:
    """Rewrite a draft following an instruction ('shorter', 'more formal'), same lint gate."""
    settings = settings or Settings()
    for value, what, cap in ((text, "draft", MAX_NOTE_CHARS), (instruction, "instruction", 2_000)):
        if len(value) > cap:
            raise InputError(
                f"the {what} is {len(value):,} characters; the limit is {cap:,}",
                f"shorten the {what} and try again",
            )
    draft = drafter_for(settings).revise(task_for(request), text, instruction)
    return _saved(draft, request, settings, save)


def check_draft(
    request: AnyRequest, text: str, settings: Settings | None = None
) -> Any:
    """Lint a text as a draft for this request: its kind, limit, facts and the user's rules."""
    settings = settings or Settings()
    return drafter_for(settings).check(text, task_for(request))


def prepare_model(
    settings: Settings | None = None, progress: Callable[[int, int], None] | None = None
) -> None:
    """Get the writer ready before the first draft (the embedded model is assembled and
    loaded; `progress(done, total)` reports the assembly in bytes)."""
    drafter_for(settings or Settings()).writer.prepare(progress)


def warm_up(settings: Settings | None = None, prompts: tuple[str, ...] = ()) -> None:
    """Start getting the writer ready in the background as a front door opens (the embedded
    model: the shared warm server is started, the model loaded and the fixed part of `prompts`,
    those the first request will use, read ahead)."""
    drafter_for(settings or Settings()).writer.warm(prompts)


def backend_status(settings: Settings | None = None) -> str:
    """One line for a front door: who writes the drafts."""
    return drafter_for(settings or Settings()).writer.status()


def extract_request(text: str, settings: Settings | None = None) -> Any:
    """Read a plain-language request into fields (an Extracted model)."""
    settings = settings or Settings()
    return drafter_for(settings).extract(text)


def triage(
    path: str | Path,
    *,
    connections: str | Path | None = None,
    messages: str | Path | None = None,
    drafts: bool = False,
    backend: str = "composer",
    me: str = "",
    settings: Settings | None = None,
) -> Iterator[Triaged]:
    """Triage every incoming invitation in a data export (the zip or Invitations.csv): a
    category, an action, reasons and, with `drafts`, a reply by `backend` (the composer by
    default). With a model backend, the model also reads the notes the rules cannot decide.
    Rows stream in file order; drafts are not saved to the history. (`from assistant import
    triage; triage(path)` calls the same function.)"""
    from assistant.triage.inbox import triage_backlog

    return triage_backlog(
        path,
        connections=connections,
        messages=messages,
        drafts=drafts,
        backend=backend,
        me=me,
        settings=settings,
    )


def write_triage_csv(items: Iterable[Triaged], out: TextIO) -> int:
    """Triaged requests as CSV (the columns of `draft triage`, reasons joined with '; ', cells a
    spreadsheet shows as text); returns the number of rows."""
    from assistant.triage.inbox import COLUMNS
    from assistant.triage.report import write_csv

    return write_csv((t.row() for t in items), COLUMNS, out)


def count_incoming(path: str | Path) -> int:
    """How many incoming requests a data export holds (a quick pass, for a progress bar)."""
    from assistant.triage.export import ExportFiles

    with ExportFiles(path) as files:
        return sum(1 for inv in files.invitations() if inv.incoming)


def write_report(
    rows: Iterable[dict[str, Any]],
    report: Literal["triage", "network"],
    fmt: Literal["md", "csv", "json"],
    out: TextIO,
) -> int:
    """Rows of a triage (`Triaged.row()`) or network report (`entry.row()`) as Markdown, CSV or
    JSON, in the columns of `draft triage` / `draft network`; returns how many were written."""
    from assistant.triage import inbox, network
    from assistant.triage.report import write_rows

    columns, title = {
        "triage": (inbox.COLUMNS, "Incoming requests"),
        "network": (network.COLUMNS, "Network clean-up"),
    }[report]
    return write_rows(rows, columns, fmt, out, title=title)


def is_loopback_host(host: str) -> bool:
    """True for localhost and loopback addresses: what a front door listening on `host` warns
    about when it is not."""
    from assistant.backends.chat_models import is_loopback_host as loopback

    return loopback(host)


def network_report(
    path: str | Path,
    *,
    invitations: str | Path | None = None,
    messages: str | Path | None = None,
    me: str = "",
) -> list[Any]:
    """The network clean-up report from a data export (the zip or Connections.csv)."""
    from assistant.triage.export import ExportFiles
    from assistant.triage.network import network_report as report

    with ExportFiles(path, invitations=invitations, messages=messages) as files:
        return report(files, me)


def outcomes(
    export: str | Path,
    *,
    connections: str | Path | None = None,
    messages: str | Path | None = None,
    min_age_days: int = 21,
    today: date | None = None,
    drafts: bool = False,
    backend: str = "composer",
    settings: Settings | None = None,
) -> Outcomes:
    """What became of the invitations you sent, from a data export (the zip, its unzipped
    folder, or Invitations.csv with `connections` and `messages`): accepted, pending, rates by
    note and lint verdict, time to acceptance, the stale ones and the follow-ups due (with
    `drafts`, a follow-up drafted for each by `backend`). Ages count from the export's newest
    date unless `today` is given; invitations younger than `min_age_days` are left out of the
    rates."""
    from assistant.outcomes import sent_outcomes
    from assistant.triage.export import ExportFiles

    with ExportFiles(export, connections=connections, messages=messages) as files:
        report = sent_outcomes(files, min_age_days=min_age_days, today=today)
    if not drafts or not report.follow_ups:
        return report
    settings = (settings or Settings()).model_copy(update={"backend": backend})
    written: dict[int, str] = {}
    for due in report.follow_ups:
        try:
            written[due.row] = draft_followup(
                due.to, note=due.note, connected_on=due.connected_on, settings=settings, save=False
            ).text
        except InputError as exc:  # the note's ask could not be read back: say what to do
            written[due.row] = f"(no draft: {exc})"
    return dataclasses.replace(report, follow_up_drafts=written)


def outcome_rows(
    export: str | Path,
    *,
    connections: str | Path | None = None,
    messages: str | Path | None = None,
    min_age_days: int = 21,
    today: date | None = None,
) -> Iterator[SentInvitation]:
    """Each invitation you sent with its outcome, streamed in file order (see `outcomes`)."""
    from assistant.outcomes import SentReport
    from assistant.triage.export import ExportFiles

    with ExportFiles(export, connections=connections, messages=messages) as files:
        yield from SentReport(files, min_age_days=min_age_days, today=today).rows()


def write_outcomes(
    report: Outcomes | Iterable[SentInvitation],
    fmt: Literal["md", "csv", "json"],
    out: TextIO,
) -> int:
    """The outcomes report as Markdown or JSON (an `Outcomes`), or as CSV (the rows of
    `outcome_rows`, one per sent invitation); returns how many invitations it covers."""
    import json

    from assistant.outcomes import COLUMNS, Outcomes
    from assistant.outcomes.markdown import write_markdown
    from assistant.triage.report import write_csv

    if fmt == "csv":
        if isinstance(report, Outcomes):
            raise InputError("CSV lists the invitations one by one", "pass outcome_rows(...)")
        return write_csv((s.row_dict() for s in report), COLUMNS, out)
    if not isinstance(report, Outcomes):
        raise InputError(f"{fmt} writes the summed-up report", "pass outcomes(...)")
    if fmt == "json":
        out.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        write_markdown(report, out)
    return report.sent


async def adraft_invitation(to: Any, **kwargs: Any) -> Draft:
    """draft_invitation in a worker thread, for asyncio programs."""
    return await asyncio.to_thread(draft_invitation, to, **kwargs)


async def adraft_reply(from_name: Any, **kwargs: Any) -> Draft:
    """draft_reply in a worker thread, for asyncio programs."""
    return await asyncio.to_thread(draft_reply, from_name, **kwargs)


async def adraft_followup(to_name: Any, **kwargs: Any) -> Draft:
    """draft_followup in a worker thread, for asyncio programs."""
    return await asyncio.to_thread(draft_followup, to_name, **kwargs)


def history(limit: int = 20, settings: Settings | None = None) -> list[dict[str, Any]]:
    """The most recent saved drafts."""
    settings = settings or Settings()
    return History(settings.home / "history.db").recent(limit)
