"""The library's front door: what the CLI, the web chat and other programs call.

from assistant import draft_invitation, draft_reply, lint, Settings
draft = draft_invitation("Jordan Lee", to_headline="VP Data at Globex",
                         context="saw her DataConf talk on streaming",
                         ask="15 minutes of advice")
print(draft.text, draft.chars, draft.limit)
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from assistant.drafting.drafters import drafter_for
from assistant.drafting.requests import MAX_NOTE_CHARS, InviteRequest, Person, ReplyRequest
from assistant.drafting.result import Draft
from assistant.drafting.tasks import Task, invitation_task, reply_task
from assistant.errors import InputError
from assistant.settings import Settings
from assistant.store import History

if TYPE_CHECKING:  # pragma: no cover
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
    context: str = "",
    from_headline: str = "",
    limit: int | None = None,
    me: Person | None = None,
    settings: Settings | None = None,
) -> ReplyRequest:
    """A validated ReplyRequest; the user's profile comes from settings unless given."""
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
        context=context,
        limit=limit,
    )


def _saved(draft: Draft, request: Any, settings: Settings, save: bool) -> Draft:
    """The draft, stored in the history when asked, with its row id."""
    if not save:
        return draft
    row = History(settings.home / "history.db").save(draft, request)
    return draft.model_copy(update={"history_id": row})


def _run(request: Any, settings: Settings, variants: int, save: bool) -> Draft:
    draft = drafter_for(settings).draft(task_for(request), variants=variants)
    return _saved(draft, request, settings, save)


def task_for(request: InviteRequest | ReplyRequest) -> Task:
    """The drafting task for either kind of request; a reply with no situation gets the one
    the triage decision chooses for its note, with the reasons."""
    if isinstance(request, InviteRequest):
        return invitation_task(request)
    if request.situation:
        return reply_task(request)
    chosen = choose_situation(request.note, mutual=request.mutual)
    task = reply_task(request.model_copy(update={"situation": chosen.situation}))
    return replace(task, situation_reasons=tuple(chosen.reasons))


def choose_situation(note: str, mutual: int | None = None, known: bool = False) -> Suggestion:
    """The reply situation that fits a request you received, and why: the triage decision,
    the one chooser the CLI, the library and the web chat share. A pitch gets the short
    letdown the guidance allows, and says it could simply be ignored."""
    from assistant.triage.suggest import suggest_situation

    return suggest_situation(note, mutual=mutual, known=known)


def draft_invitation(
    to: str | Person | InviteRequest,
    *,
    variants: int = 1,
    settings: Settings | None = None,
    save: bool = True,
    **fields: Any,
) -> Draft:
    """Draft an invitation note: fits the limit, no error-level finding, says how it was made."""
    settings = settings or Settings()
    request = (
        to if isinstance(to, InviteRequest) else invitation_request(to, settings=settings, **fields)
    )
    return _run(request, settings, variants, save)


def draft_reply(
    from_name: str | Person | ReplyRequest,
    *,
    variants: int = 1,
    settings: Settings | None = None,
    save: bool = True,
    **fields: Any,
) -> Draft:
    """Draft a reply to a connection request, in the given or suggested situation."""
    settings = settings or Settings()
    request = (
        from_name
        if isinstance(from_name, ReplyRequest)
        else reply_request(from_name, settings=settings, **fields)
    )
    return _run(request, settings, variants, save)


def stream_draft(
    request: InviteRequest | ReplyRequest,
    settings: Settings | None = None,
    *,
    save: bool = True,
) -> Iterator[str | Draft]:
    """Chunks of text as the model writes, then the finished (and saved) Draft."""
    settings = settings or Settings()
    for item in drafter_for(settings).stream(task_for(request)):
        yield _saved(item, request, settings, save) if isinstance(item, Draft) else item


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
    request: InviteRequest | ReplyRequest,
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
    request: InviteRequest | ReplyRequest, text: str, settings: Settings | None = None
) -> Any:
    """Lint a text as a draft for this request: its kind, limit, facts and the user's rules."""
    settings = settings or Settings()
    return drafter_for(settings).check(text, task_for(request))


def prepare_model(
    settings: Settings | None = None, progress: Callable[[int, int], None] | None = None
) -> None:
    """Get the backend ready (assemble and load the embedded model) before the first draft;
    `progress(done, total)` reports the assembly in bytes. Does nothing for other backends."""
    settings = settings or Settings()
    if settings.backend == "local":
        drafter_for(settings).model(progress)


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


def network_report(
    path: str | Path,
    *,
    invitations: str | Path | None = None,
    messages: str | Path | None = None,
    me: str = "",
) -> list[Any]:
    """The network clean-up report from a data export (the zip or Connections.csv)."""
    from assistant.triage.inbox import ExportFiles
    from assistant.triage.network import network_report as report

    with ExportFiles(path, invitations=invitations, messages=messages) as files:
        return report(files, me)


async def adraft_invitation(to: Any, **kwargs: Any) -> Draft:
    """draft_invitation in a worker thread, for asyncio programs."""
    return await asyncio.to_thread(draft_invitation, to, **kwargs)


async def adraft_reply(from_name: Any, **kwargs: Any) -> Draft:
    """draft_reply in a worker thread, for asyncio programs."""
    return await asyncio.to_thread(draft_reply, from_name, **kwargs)


def history(limit: int = 20, settings: Settings | None = None) -> list[dict[str, Any]]:
    """The most recent saved drafts."""
    settings = settings or Settings()
    return History(settings.home / "history.db").recent(limit)
