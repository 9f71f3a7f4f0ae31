"""The web chat's session controller, without Gradio: the chat state of one browser tab
(`Session`) and what each action does with it (`Controller`: a message sent, a draft from the
fields panel, a variant picked, a saved draft re-opened, an export triaged, one of its requests
opened). Each action returns plain data (`Update`, `InboxView`) that page.py maps to the page's
components; a problem the user can fix is a `WebError` with the words to show.

The library does the work: `assistant.api` builds the requests (`request_from_text`,
`reply_request_for`), drafts, revises, checks and triages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from assistant import api
from assistant.drafting.result import Draft
from assistant.errors import CordialError, InputError
from assistant.lint import count_chars
from assistant.requests import (
    MAX_NOTE_CHARS,
    FollowupRequest,
    InviteRequest,
    Person,
    ReplyRequest,
)
from assistant.settings import MAX_FIELD_CHARS, MAX_NAME_CHARS, Settings
from assistant.web import view
from assistant.web.loading import model_notices
from assistant.web.state import (
    AUTO,
    FIELDS,
    FROM_FIELDS,
    MAX_INBOX_ROWS,
    MAX_MESSAGE_CHARS,
    MAX_UPLOAD_MB,
    MAX_VARIANTS,
    WAITING,
    DraftPanel,
    InboxView,
    SentView,
    Session,
    Update,
    WebError,
    answered,
    check,
    fields_of,
    mutual_count,
    request_from,
    said,
    shown_draft,
)

# The Sent view's default: invitations younger than this are too recent to judge.
DEFAULT_MIN_AGE_DAYS = 21
# The platform's page of sent invitations, where the user withdraws stale ones by hand.
WITHDRAW_URL = "https://www.linkedin.com/mynetwork/invitation-manager/sent/"

# What page.py and the tests take from here: the controller and the state it works on.
__all__ = [
    "AUTO",
    "DEFAULT_MIN_AGE_DAYS",
    "FIELDS",
    "MAX_UPLOAD_MB",
    "MAX_VARIANTS",
    "WITHDRAW_URL",
    "Controller",
    "DraftPanel",
    "InboxView",
    "SentView",
    "Session",
    "Update",
    "WebError",
    "model_notices",
]

class Controller:
    """The chat's actions on a Session; `overrides` are Settings arguments, read afresh for
    each action so a saved profile is used by the next draft."""

    def __init__(self, overrides: dict[str, Any] | None = None) -> None:
        self.overrides = dict(overrides or {})

    def settings(self) -> Settings:
        return Settings(**self.overrides)

    # -- a message, or a draft from the fields ------------------------------------------------

    def turn(
        self,
        state: Session,
        kind: str,
        message: str,
        variants: Any,
        values: dict[str, Any],
        chat: list[dict[str, str]],
    ) -> Iterator[Update]:
        """A new request in plain words, or a follow-up that refines the current draft."""
        message = check((message or "").strip(), MAX_MESSAGE_CHARS, "Your message")
        if not message:
            raise WebError("Write who you want to contact and why, or paste their note.")
        chat = [*chat, said(message)]
        yield Update(kind, chat=chat, clear_message=True)
        cfg = self.settings()
        try:
            if state.draft.get(kind):
                yield from self._refine(state, kind, message, chat, cfg)
                return
            reply = kind == "reply"
            chosen = values.get("situation") if reply else None
            got = api.request_from_text(
                message,
                kind,
                cfg,
                sender=state.sender,
                situation=None if chosen in (None, AUTO) else chosen,
                known=reply and bool(values.get("known")),
                context=(values.get("context") or "") if reply else "",
                # A follow-up's message is the note they accepted; the panel may name the ask.
                ask=(values.get("ask") or "") if kind == "followup" else "",
            )
            if got.request is None:  # a received note in the invitation tab
                yield Update(kind, chat=[*chat, answered(got.redirect)])
                return
            request = got.request
            shown = Update(kind, fields=fields_of(request))
            if got.suggestion is not None:
                shown = replace(shown, suggestion=view.suggestion_text(got.suggestion))
            if any(got.said):
                state.sender = got.said
            if got.sender_notice:  # said once, when read; the Settings filled so it can be saved
                chat = [*chat, answered(got.sender_notice)]
                shown = replace(shown, chat=chat, profile=(request.me.name, request.me.headline))
            yield shown
            yield from self._stream(state, kind, request, chat, variants, shown)
        except CordialError as exc:
            raise WebError(str(exc), "Cannot draft that") from exc

    def from_fields(
        self,
        state: Session,
        kind: str,
        variants: Any,
        values: dict[str, Any],
        chat: list[dict[str, str]],
    ) -> Iterator[Update]:
        """Draft again from the (edited) fields panel, as a new request."""
        chat = [*chat, {"role": "user", "content": FROM_FIELDS}]
        state.draft.pop(kind, None)
        try:
            cfg = self.settings()
            shown = Update(kind)
            request = self.request_from_fields(state, kind, values, cfg)
            if isinstance(request, ReplyRequest):
                request, chosen = api.decide_situation(request)
                if chosen is not None:
                    shown = Update(
                        kind,
                        fields={"situation": chosen.situation},
                        suggestion=view.suggestion_text(chosen),
                    )
            yield from self._stream(state, kind, request, chat, variants, shown)
        except CordialError as exc:
            raise WebError(str(exc), "Cannot draft that") from exc

    def request_from_fields(
        self, state: Session, kind: str, values: dict[str, Any], cfg: Settings
    ) -> InviteRequest | ReplyRequest | FollowupRequest:
        """The request the fields panel describes; too-long fields are refused."""
        v = {name: values.get(name) for name in FIELDS[kind]}
        if kind == "followup":
            check(v["headline"], MAX_FIELD_CHARS, "Their headline")
            check(v["note"], MAX_NOTE_CHARS, "Your invitation note")
            check(v["ask"], MAX_FIELD_CHARS, "What to ask")
            my_name, my_headline, _ = api.sender_for(cfg.me.name, cfg.me.headline, *state.sender)
            return api.followup_request(
                v["name"] or "",
                to_headline=v["headline"] or "",
                note=v["note"] or "",
                ask=v["ask"] or "",
                me=Person(name=my_name, headline=my_headline, about=cfg.me.about),
                settings=cfg,
            )
        if kind == "invite":
            for name, what in (("headline", "Their headline"), ("context", "The context")):
                check(v[name], MAX_FIELD_CHARS, what)
            check(v["ask"], MAX_FIELD_CHARS, "The ask")
            my_name, my_headline, _ = api.sender_for(cfg.me.name, cfg.me.headline, *state.sender)
            return api.invitation_request(
                v["name"] or "",
                to_headline=v["headline"] or "",
                context=v["context"] or "",
                ask=v["ask"] or "",
                relationship=v["relationship"] or "other",
                me=Person(name=my_name, headline=my_headline, about=cfg.me.about),
                settings=cfg,
            )
        check(v["note"], MAX_NOTE_CHARS, "Their note")
        check(v["context"], MAX_FIELD_CHARS, "Where you met")
        return api.reply_request(
            v["name"] or "",
            note=v["note"] or "",
            situation=None if v["situation"] in (None, AUTO) else v["situation"],
            mutual=mutual_count(v["mutual"]),
            known=bool(v["known"]),
            context=v["context"] or "",
            settings=cfg,
        )

    def _stream(
        self,
        state: Session,
        kind: str,
        request: Any,
        chat: list[dict[str, str]],
        variants: Any,
        shown: Update,
    ) -> Iterator[Update]:
        """Stream a new draft into the chat, then show it with its count and findings (and
        `shown` again, so an API client's last message carries the fields too)."""
        cfg = self.settings()
        chat = [*chat, WAITING]
        for notice in model_notices(cfg):
            yield Update(kind, status=notice, chat=chat)
        n = max(1, min(MAX_VARIANTS, int(variants or 1)))
        draft = None
        if n > 1:
            fn = {"invite": api.draft_invitation, "followup": api.draft_followup}.get(
                kind, api.draft_reply
            )
            draft = fn(request, variants=n, settings=cfg)
        else:
            partial = ""
            for item in api.stream_draft(request, cfg):
                if isinstance(item, str):
                    partial += item
                    chat = [*chat[:-1], answered(partial)]
                    yield Update(kind, chat=chat)
                else:
                    draft = item
        assert draft is not None  # the stream always ends with the Draft
        if kind == "invite" and state.export and not cfg.export:
            # No export in the settings: the one uploaded in the Inbox this session.
            draft = draft.model_copy(
                update={"notices": api.export_notices(request, export=state.export)}
            )
        state.request[kind] = request.model_dump(mode="json")
        state.ids.append(draft.history_id)
        # What the data export says of the person (Settings.export) follows the draft.
        done = Update(
            kind,
            chat=[*chat[:-1], answered(draft.text), *(answered(n) for n in draft.notices)],
            draft=self._show(state, kind, draft),
            status="",
            history=self.history(state),
        )
        yield shown.merged(done)

    def _refine(
        self, state: Session, kind: str, message: str, chat: list[dict[str, str]], cfg: Settings
    ) -> Iterator[Update]:
        request = request_from(kind, state.request[kind])
        current = state.draft[kind]["text"]
        chat = [*chat, WAITING]
        for notice in model_notices(cfg):
            yield Update(kind, status=notice, chat=chat)
        draft = api.revise_draft(request, current, message, cfg)
        # The composer cannot follow an instruction, and a failed model falls back: say so.
        notice = f"Note: {draft.fallback_reason}." if draft.fallback_reason else ""
        state.ids.append(draft.history_id)
        yield Update(
            kind,
            chat=[*chat[:-1], answered(draft.text)],
            draft=self._show(state, kind, draft, notice=notice),
            status="",
            history=self.history(state),
        )

    def _show(self, state: Session, kind: str, draft: Draft, *, notice: str = "") -> DraftPanel:
        """Keep the draft as the mode's current one; what its panel shows."""
        state.draft[kind] = {
            **draft.model_dump(mode="json"),
            # The library's findings for its chosen draft include the grounding check.
            "best_text": draft.text,
            "best_findings": draft.findings,
        }
        return DraftPanel(
            text=draft.text,
            chars=draft.chars,
            limit=draft.limit,
            findings=draft.findings,
            notice="\n".join(x for x in (notice, view.notice_text(draft)) if x),
            variants=draft.variants if len(draft.variants) > 1 else [],
        )

    def history(self, state: Session) -> list[tuple[str, int]]:
        """This session's saved drafts, newest first, for the re-open list."""
        rows = [r for r in api.history(100, settings=self.settings()) if r["id"] in state.ids]
        return [(view.history_label(r), r["id"]) for r in rows]

    # -- the other actions of a mode ----------------------------------------------------------

    def new(self, state: Session, kind: str) -> Update:
        """Start over in this mode."""
        state.draft.pop(kind, None)
        state.request.pop(kind, None)
        return Update(kind, chat=[], cleared=True)

    def pick_variant(self, state: Session, kind: str, index: Any) -> Update:
        """Show the picked variant with its own count and findings."""
        saved = state.draft.get(kind)
        if index is None or not saved or index >= len(saved["variants"]):
            return Update()
        text = saved["variants"][index]
        if text == saved.get("best_text"):
            findings = saved["best_findings"]
            chars, limit = count_chars(text), saved["limit"]
        else:
            request = request_from(kind, state.request[kind])
            result = api.check_draft(request, text, self.settings())
            findings = [f.to_dict() for f in result.findings]
            chars, limit = result.chars, result.limit
        state.draft[kind] = {**saved, "text": text, "chars": chars}
        return Update(kind, draft=DraftPanel(text, chars, limit, findings))

    def suggest(self, note: str | None, mutual: Any, known: bool) -> Update:
        """The reply situation that fits a pasted note, and why."""
        note = check(note, MAX_NOTE_CHARS, "Their note")
        s = api.choose_situation(note, mutual=mutual_count(mutual), known=bool(known))
        return Update(
            "reply", fields={"situation": s.situation}, suggestion=view.suggestion_text(s)
        )

    def reopen(self, state: Session, row_id: Any) -> Update:
        """A saved draft back in its mode, with its fields."""
        if row_id is None:
            return Update()
        rows = [r for r in api.history(100, settings=self.settings()) if r["id"] == row_id]
        if not rows:
            return Update()
        row = rows[0]
        kind = row["kind"]
        request = request_from(kind, row["request"])
        state.request[kind] = row["request"]
        draft = shown_draft(
            kind,
            request,
            row["text"],
            row["findings"],
            situation=row.get("situation"),
            backend=row["backend"],
            model=row["model"],
            fallback=row["fallback"],
        )
        return Update(
            kind,
            fields=fields_of(request),
            draft=self._show(state, kind, draft),
            chat=[answered(row["text"])],
            tab=kind,
        )

    # -- the inbox ----------------------------------------------------------------------------

    def run_inbox(self, state: Session, path: str | None, with_drafts: bool) -> InboxView:
        """Triage an uploaded export: the table, the pick list and a CSV to download."""
        if not path:
            raise WebError("Upload your data export (.zip) or Invitations.csv first.")
        if os.path.getsize(path) > MAX_UPLOAD_MB << 20:
            raise WebError(f"The file is over {MAX_UPLOAD_MB} MB.", title="Too large")
        try:
            items = list(api.triage(path, drafts=bool(with_drafts), settings=self.settings()))
        except CordialError as exc:
            raise WebError(str(exc), title="Cannot read that export") from exc
        state.inbox = items[:MAX_INBOX_ROWS]
        state.export = path
        return InboxView(
            summary=view.inbox_summary(items, MAX_INBOX_ROWS),
            rows=[view.inbox_row(t) for t in state.inbox],
            choices=[(view.inbox_label(t), i) for i, t in enumerate(state.inbox)],
            csv=view.triage_csv(items),
        )

    def run_sent(self, state: Session, path: str | None, min_age_days: Any) -> SentView:
        """The outcomes of the invitations sent in an uploaded export: the chart, the table,
        the stale ones and the follow-ups due."""
        if not path:
            raise WebError("Upload your data export (.zip) first.")
        if os.path.getsize(path) > MAX_UPLOAD_MB << 20:
            raise WebError(f"The file is over {MAX_UPLOAD_MB} MB.", title="Too large")
        try:
            days = int(min_age_days if min_age_days is not None else DEFAULT_MIN_AGE_DAYS)
        except (TypeError, ValueError):
            raise WebError("The minimum age is a whole number of days.") from None
        try:
            o = api.outcomes(path, min_age_days=days)
        except CordialError as exc:
            raise WebError(str(exc), title="Cannot read that export") from exc
        state.follow_ups = (o.follow_ups or [])[:MAX_INBOX_ROWS]
        state.export = path
        return SentView(
            summary=view.outcomes_summary(o),
            chart=view.outcomes_chart(o.chart(), o.min_age_days),
            table=[view.rate_row(label, rate) for label, rate in o.table()],
            notes=view.outcomes_notes(o),
            stale=[view.stale_row(s) for s in o.stale[:MAX_INBOX_ROWS]],
            follow_ups=[(view.follow_up_label(s), i) for i, s in enumerate(state.follow_ups)],
        )

    def open_follow_up(self, state: Session, index: Any) -> Iterator[Update]:
        """One of the Sent view's follow-ups due, opened in the Follow up tab: its fields
        filled from the export (who, the note they accepted) and the follow-up drafted."""
        try:
            item = state.follow_ups[int(index)]
        except (TypeError, ValueError, IndexError):
            raise WebError("Pick someone from the follow-ups due first.") from None
        values = {
            **dict.fromkeys(FIELDS["followup"], ""),
            "name": item.to[:MAX_NAME_CHARS],
            "note": item.note[:MAX_NOTE_CHARS],
        }
        yield Update("followup", tab="followup", cleared=True, chat=[], fields=values)
        yield from self.from_fields(state, "followup", 1, values, [])

    def open_from_inbox(self, state: Session, index: Any) -> Update:
        """A triaged request in the reply chat, a new conversation, with its draft to refine."""
        if index is None or not 0 <= int(index) < len(state.inbox):
            raise WebError("Pick a request from the list first.")
        item = state.inbox[int(index)]
        cfg = self.settings()
        request = api.reply_request_for(item, settings=cfg)
        shown = self.new(state, "reply")
        state.request["reply"] = request.model_dump(mode="json")
        inv = item.invitation
        chat = [said(f"Request from {inv.sender or 'someone'}: {inv.message or '(no note)'}")]
        draft = None
        if item.draft is not None:  # the batch's Draft as it was made: text, path, findings
            chat.append(answered(item.draft.text))
            draft = self._show(state, "reply", item.draft)
        return shown.merged(
            Update(
                "reply",
                chat=chat,
                fields=fields_of(request),
                suggestion=view.inbox_reasons(item),
                draft=draft,
                tab="reply",
            )
        )

    # -- settings -----------------------------------------------------------------------------

    def save_profile(self, name: str, headline: str, about: str, account: str) -> str:
        """Write the profile to the settings file; what to tell the user."""
        from assistant.web.profile import save_profile

        cfg = self.settings()
        try:
            save_profile(
                cfg.settings_file, name=name, headline=headline, about=about, account=account
            )
        except InputError as exc:
            raise WebError(str(exc), title="Not saved") from exc
        return f"Saved to `{cfg.settings_file}`. The next draft uses it."

    def status_on_load(self) -> str:
        """The status line when the page opens: who writes the drafts."""
        return api.backend_status(self.settings())
