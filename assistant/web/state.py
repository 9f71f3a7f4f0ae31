"""The web chat's state and the shapes its actions return, without Gradio: the limits of what a
browser may send, `Session` (one tab's chat), `Update`/`DraftPanel`/`InboxView` (what to show)
and `WebError` (a problem the user can fix, in the words to show)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from assistant.drafting.result import Draft
from assistant.lint import count_chars, default_limit
from assistant.requests import FollowupRequest, InviteRequest, ReplyRequest
from assistant.web import view

if TYPE_CHECKING:  # pragma: no cover
    from assistant.api import SentInvitation, Triaged

# One chat message; the extractor reads at most this much (assistant.drafting.extract).
MAX_MESSAGE_CHARS = 4_000
MAX_VARIANTS = 5
# Inbox: the export zip is a few MB for most people; rows shown in the page (the CSV has all).
MAX_UPLOAD_MB = 50
MAX_INBOX_ROWS = 2_000
# The reply situation's extra choice: let the triage decision suggest one.
AUTO = "suggest for me"
# The fields panel of each mode, in the page's order.
FIELDS: dict[str, tuple[str, ...]] = {
    "invite": ("name", "headline", "context", "ask", "relationship"),
    "reply": ("name", "note", "mutual", "situation", "known", "context"),
    "followup": ("name", "headline", "note", "ask"),
}
# Each mode's request type, by kind.
REQUESTS = {"invite": InviteRequest, "reply": ReplyRequest, "followup": FollowupRequest}
FROM_FIELDS = "(drafted from the fields panel)"


class WebError(Exception):
    """A problem the user can fix, in words for the page, with an optional title."""

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(message)
        self.title = title


def check(value: str | None, limit: int, what: str) -> str:
    """The value, or a WebError saying it is too long."""
    if value and len(value) > limit:
        raise WebError(
            f"{what} is {len(value):,} characters; the limit is {limit:,}. Please shorten it.",
            title="Too long",
        )
    return value or ""


class Session:
    """Per-browser-tab state: the current request and draft of each mode, saved ids, the
    triaged inbox and what the user said about themselves (name, headline) this session."""

    def __init__(self) -> None:
        self.request: dict[str, dict[str, Any]] = {}
        self.draft: dict[str, dict[str, Any]] = {}
        self.ids: list[int] = []
        self.inbox: list[Triaged] = []
        self.follow_ups: list[SentInvitation] = []
        # The export uploaded in the Inbox: invitations drafted later are checked against it.
        self.export: str = ""
        self.sender: tuple[str, str] = ("", "")

    def __deepcopy__(self, memo: dict) -> Session:
        copy = Session()
        copy.request, copy.draft, copy.ids = dict(self.request), dict(self.draft), list(self.ids)
        copy.inbox = self.inbox  # read-only once triaged: shared, not copied
        copy.follow_ups = self.follow_ups
        copy.export = self.export
        copy.sender = self.sender
        return copy


@dataclass(frozen=True)
class DraftPanel:
    """What the draft panel shows. `notice` and `variants` None leave those as they are."""

    text: str
    chars: int
    limit: int
    findings: list[dict[str, Any]]
    notice: str | None = None
    variants: list[str] | None = None


@dataclass(frozen=True)
class Update:
    """What changes on the page after (part of) an action; None (or False) changes nothing.

    `kind` is the mode whose panels change; `fields` are values of its fields panel by name
    (FIELDS); `cleared` empties its chat and draft panel (before `chat` and `draft` apply);
    `profile` fills the Settings' name and headline; `tab` selects a tab."""

    kind: str | None = None
    chat: list[dict[str, str]] | None = None
    clear_message: bool = False
    fields: dict[str, Any] | None = None
    suggestion: str | None = None
    draft: DraftPanel | None = None
    cleared: bool = False
    status: str | None = None
    history: list[tuple[str, int]] | None = None
    profile: tuple[str, str] | None = None
    tab: str | None = None

    def merged(self, other: Update) -> Update:
        """This update with what `other` changes on top (fields merge by name)."""
        changes = {}
        for f in fields(self):
            value = getattr(other, f.name)
            if value is None or value is False:
                continue
            if f.name == "fields" and self.fields:
                value = {**self.fields, **value}
            changes[f.name] = value
        return replace(self, **changes)


@dataclass(frozen=True)
class SentView:
    """The Inbox's Sent view after reading an export: the counts, the chart (HTML from
    integers and fixed labels), the rate table, the notes (caveats, missing files, problems),
    the stale invitations and the follow-ups due to pick from."""

    summary: str
    chart: str
    table: list[list[Any]]
    notes: str
    stale: list[list[Any]]
    follow_ups: list[tuple[str, int]]


@dataclass(frozen=True)
class InboxView:
    """The Inbox tab after a triage: summary, table rows, pick list and the CSV's path."""

    summary: str
    rows: list[list[Any]]
    choices: list[tuple[str, int]]
    csv: str


def said(text: str) -> dict[str, str]:
    """A chat message from the user (escaped for the page)."""
    return {"role": "user", "content": view.as_chat_text(text)}


def answered(text: str) -> dict[str, str]:
    """A chat message from the assistant (escaped for the page)."""
    return {"role": "assistant", "content": view.as_chat_text(text)}


WAITING = {"role": "assistant", "content": "…"}


def request_from(kind: str, data: dict[str, Any]) -> InviteRequest | ReplyRequest:
    """A request of this kind from its saved JSON form."""
    return REQUESTS[kind].model_validate(data)


def shown_draft(kind: str, request: Any, text: str, findings: list[dict], **how: Any) -> Draft:
    """A Draft for the page from a saved or triaged text (no model call)."""
    limit = request.limit or default_limit(kind, getattr(request, "account", "premium"))
    return Draft(
        text=text,
        chars=count_chars(text),
        limit=limit,
        kind=kind,
        findings=findings,
        variants=[text],
        **{"backend": "composer", "model": "composer", "fallback": False, **how},
    )


def fields_of(request: InviteRequest | ReplyRequest | FollowupRequest) -> dict[str, Any]:
    """The fields panel's values for a request."""
    if isinstance(request, FollowupRequest):
        return {
            "name": request.recipient.name,
            "headline": request.recipient.headline,
            "note": request.note,
            "ask": request.ask,
        }
    if isinstance(request, InviteRequest):
        return {
            "name": request.recipient.name,
            "headline": request.recipient.headline,
            "context": request.context,
            "ask": request.ask,
            "relationship": request.relationship,
        }
    return {
        "name": request.requester.name,
        "note": request.note,
        "mutual": request.mutual,
        "situation": request.situation or AUTO,
        "known": request.known,
        "context": request.context,
    }


def mutual_count(value: Any) -> int | None:
    return None if value in (None, "") else int(value)
