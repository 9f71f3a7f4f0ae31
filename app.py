"""Cordial's web chat: describe who you want to write to, get a linted draft, refine it by chatting.

    python app.py [--host 127.0.0.1] [--port 7860] [--backend local|openai|composer]

The UI only wires Gradio to the library (assistant.api); prompts, linting and drafting live there.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Iterator
from functools import partial
from typing import Any

# Before any import of gradio: it reads this at import time.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

from assistant import Person, api  # noqa: E402 - after the analytics switch, on purpose
from assistant.drafting.requests import RELATIONSHIPS, SITUATIONS  # noqa: E402
from assistant.drafting.result import Draft  # noqa: E402
from assistant.errors import CordialError, InputError  # noqa: E402
from assistant.lint import count_chars, default_limit  # noqa: E402
from assistant.settings import ACCOUNTS, BACKENDS, Settings  # noqa: E402
from assistant.web import view  # noqa: E402

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
# One chat message; the extractor reads at most this much (assistant.drafting.extract).
MAX_MESSAGE_CHARS = 4_000
MAX_NOTE_CHARS = 8_000
MAX_FIELD_CHARS = 2_000
MAX_VARIANTS = 5
# Queue: drafting is CPU-bound on the embedded model, so a few at a time; room for the
# 50-session load benchmark to wait rather than be turned away.
CONCURRENCY = 4
QUEUE_SIZE = 64
# Inbox: the export zip is a few MB for most people; rows shown in the page (the CSV has all).
MAX_UPLOAD_MB = 50
MAX_INBOX_ROWS = 2_000
INBOX_COLUMNS = ["#", "From", "Action", "Sure", "Why", "Draft reply"]
AUTO = "suggest for me"


# -- library calls -----------------------------------------------------------------------------


class Session:
    """Per-browser-tab state: the current request and draft of each mode, and saved ids."""

    def __init__(self) -> None:
        self.request: dict[str, Any] = {}
        self.draft: dict[str, Any] = {}
        self.ids: list[int] = []
        self.inbox: list[Any] = []  # the triaged requests (api.triage's Triaged)
        # What the user said about themselves in a request (name, headline), for this session.
        self.sender: tuple[str, str] = ("", "")

    def __deepcopy__(self, memo: dict) -> Session:
        copy = Session()
        copy.request, copy.draft, copy.ids = dict(self.request), dict(self.draft), list(self.ids)
        copy.inbox = self.inbox  # read-only once triaged: shared, not copied
        copy.sender = self.sender
        return copy


def _check(value: str, limit: int, what: str) -> str:
    """The value, or a clear error in the page when it is too long."""
    import gradio as gr

    if value and len(value) > limit:
        raise gr.Error(
            f"{what} is {len(value):,} characters; the limit is {limit:,}. Please shorten it.",
            title="Too long",
        )
    return value or ""


def _user_error(exc: CordialError) -> Exception:
    import gradio as gr

    return gr.Error(str(exc), title="Cannot draft that")


def _request_from(kind: str, data: dict[str, Any]) -> Any:
    from assistant import InviteRequest, ReplyRequest

    return (InviteRequest if kind == "invite" else ReplyRequest).model_validate(data)


def _shown_draft(kind: str, request: Any, text: str, findings: list[dict], **how: Any) -> Draft:
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


def _prepare_model(settings: Settings) -> Iterator[str]:
    """Notices while the embedded model is prepared on first use; nothing when it is ready."""
    if settings.backend != "local":
        return
    progress = {"done": 0, "total": 0}
    errors: list[BaseException] = []

    def load() -> None:
        try:
            api.prepare_model(settings, lambda done, total: progress.update(done=done, total=total))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the request thread
            errors.append(exc)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(0.3)
    while worker.is_alive():
        if progress["total"]:
            pct = 100 * progress["done"] // progress["total"]
            yield f"Preparing the embedded model (first use): {pct}%…"
        else:
            yield "Preparing the embedded model (first use, about a minute)…"
        worker.join(0.5)
    if errors:
        raise errors[0]


def _load_model_while_the_page_opens(settings: Settings) -> None:
    """Start (or reuse) the shared warm model server now, not at the first message; a first
    message sent before it is ready shows the progress notices above."""
    if settings.backend != "local":
        return
    from assistant.backends.shared_server import start_on_first_use

    start_on_first_use()

    def load() -> None:
        try:
            api.prepare_model(settings)
        except CordialError as exc:  # the first draft reports it, with its fix
            print(f"note: the model is not ready yet: {exc}", file=sys.stderr)

    threading.Thread(target=load, name="load-model", daemon=True).start()


# -- the app -------------------------------------------------------------------------------------


def build_app(overrides: dict[str, Any] | None = None) -> Any:
    """The Gradio Blocks app; `overrides` are Settings arguments (e.g. backend='composer')."""
    import gradio as gr

    overrides = dict(overrides or {})

    def settings() -> Settings:
        # Read afresh each time so a saved profile is used by the next draft.
        return Settings(**overrides)

    with gr.Blocks(title="Cordial", analytics_enabled=False) as demo:
        session = gr.State(Session())
        gr.Markdown(
            "# Cordial\nDrafts LinkedIn connection messages the way experienced networkers "
            "write them, checked against the same rules. Runs on this computer."
        )
        status = gr.Markdown(elem_id="cordial-status")

        with gr.Tabs() as tabs:
            ui: dict[str, dict[str, Any]] = {}
            for kind, title, hint in (
                (
                    "invite",
                    "Write an invitation",
                    "e.g. I want to connect with Jordan Lee, VP Data at Globex; I saw her "
                    "DataConf talk on streaming and would like 15 minutes of advice",
                ),
                (
                    "reply",
                    "Answer a request",
                    'e.g. I got a request from Chris Park: "Hi, let\'s connect!" — 3 mutual '
                    "connections. Or paste the note itself.",
                ),
            ):
                with gr.Tab(title, id=kind, elem_id=f"tab-{kind}"):
                    ui[kind] = _mode_ui(gr, kind, hint)
            with gr.Tab("Inbox", id="inbox", elem_id="tab-inbox"):
                inbox = _inbox_ui(gr)

        with gr.Accordion("This session's drafts", open=False):
            history = gr.Dropdown(
                label="Re-open a draft", choices=[], value=None, elem_id="cordial-history"
            )

        with gr.Accordion("Settings", open=False, elem_id="cordial-settings"):
            s = settings()
            with gr.Row():
                me_name = gr.Textbox(label="Your name", value=s.me.name, max_lines=1)
                me_headline = gr.Textbox(label="Your headline", value=s.me.headline, max_lines=1)
            me_about = gr.Textbox(label="One line about you", value=s.me.about, lines=2)
            account = gr.Radio(
                list(ACCOUNTS),
                value=s.account,
                label="Account (premium notes: 300 characters, free: 200)",
            )
            with gr.Row():
                backend = gr.Textbox(label="Backend", value=s.backend, interactive=False)
                model = gr.Textbox(label="Model", value=s.model_name, interactive=False)
            save_btn = gr.Button("Save profile")
            saved = gr.Markdown()

        # -- handlers --------------------------------------------------------------------------

        def show_draft(kind: str, draft: Any, state: Session, *, notice: str = "") -> dict:
            c = ui[kind]
            state.draft[kind] = {
                **draft.model_dump(mode="json"),
                # The library's findings for its chosen draft include the grounding check.
                "best_text": draft.text,
                "best_findings": draft.findings,
            }
            variants = draft.variants if len(draft.variants) > 1 else []
            text = "\n".join(x for x in (notice, view.notice_text(draft)) if x)
            return {
                c["draft"]: draft.text,
                c["counter"]: view.counter_html(draft.chars, draft.limit),
                c["highlight"]: view.highlights(draft.text, draft.findings),
                c["findings"]: view.findings_text(draft.text, draft.findings),
                c["notice"]: gr.update(value=text, visible=bool(text)),
                c["variants"]: gr.update(
                    choices=[(f"{i + 1}. {v}", i) for i, v in enumerate(variants)],
                    value=0 if variants else None,
                    visible=bool(variants),
                ),
                session: state,
            }

        def history_choices(state: Session) -> Any:
            rows = [r for r in api.history(100, settings=settings()) if r["id"] in state.ids]
            return gr.update(choices=[(view.history_label(r), r["id"]) for r in rows])

        def request_for(kind: str, fields: list[Any], cfg: Settings, state: Session) -> Any:
            if kind == "invite":
                name, headline, context, ask, relationship = fields
                for value, what in ((headline, "Their headline"), (context, "The context")):
                    _check(value, MAX_FIELD_CHARS, what)
                _check(ask, MAX_FIELD_CHARS, "The ask")
                my_name, my_headline, _ = api.sender_for(
                    cfg.me.name, cfg.me.headline, *state.sender
                )
                return api.invitation_request(
                    name or "",
                    to_headline=headline or "",
                    context=context or "",
                    ask=ask or "",
                    relationship=relationship or "other",
                    me=Person(name=my_name, headline=my_headline, about=cfg.me.about),
                    settings=cfg,
                )
            name, note, mutual, situation, known, context = fields
            _check(note, MAX_NOTE_CHARS, "Their note")
            _check(context, MAX_FIELD_CHARS, "Where you met")
            return api.reply_request(
                name or "",
                note=note or "",
                situation=None if situation in (None, AUTO) else situation,
                mutual=None if mutual in (None, "") else int(mutual),
                context=context or "",
                settings=cfg,
            )

        def stream_draft(
            kind: str, request: Any, chat: list, state: Session, variants: int, shown: dict
        ):
            """Stream a new draft into the chat, then show it with its count and findings."""
            cfg = settings()
            c = ui[kind]
            chat = [*chat, {"role": "assistant", "content": "…"}]
            for notice in _prepare_model(cfg):
                yield {status: notice, c["chat"]: chat}
            n = max(1, min(MAX_VARIANTS, int(variants or 1)))
            if n > 1:
                fn = api.draft_invitation if kind == "invite" else api.draft_reply
                draft = fn(request, variants=n, settings=cfg)
            else:
                partial = ""
                draft = None
                for item in api.stream_draft(request, cfg):
                    if isinstance(item, str):
                        partial += item
                        chat[-1] = {"role": "assistant", "content": view.as_chat_text(partial)}
                        yield {c["chat"]: chat}
                    else:
                        draft = item
            state.request[kind] = request.model_dump(mode="json")
            state.ids.append(draft.history_id)
            chat[-1] = {"role": "assistant", "content": view.as_chat_text(draft.text)}
            # The fields again, so an API client's last message carries them too.
            yield {
                **shown,
                **show_draft(kind, draft, state),
                c["chat"]: chat,
                status: "",
                history: history_choices(state),
            }

        def fields_update(kind: str, request: Any, extra: dict | None = None) -> dict:
            c = ui[kind]["fields"]
            if kind == "invite":
                values = [
                    request.recipient.name,
                    request.recipient.headline,
                    request.context,
                    request.ask,
                    request.relationship,
                ]
            else:
                values = [
                    request.requester.name,
                    request.note,
                    request.mutual,
                    request.situation or AUTO,
                    (extra or {}).get("known", False),
                    request.context,
                ]
            return dict(zip(c, values, strict=True))

        def suggestion_text(note: str, mutual: Any, known: bool) -> tuple[str, str]:
            m = None if mutual in (None, "") else int(mutual)
            s = api.choose_situation(note or "", mutual=m, known=bool(known))
            return s.situation, view.suggestion_text(s)

        def chat_turn(kind: str, message: str, variants: int, state: Session, *fields: Any):
            """A new request in plain words, or a follow-up that refines the current draft."""
            c = ui[kind]
            message = _check((message or "").strip(), MAX_MESSAGE_CHARS, "Your message")
            if not message:
                raise gr.Error("Write who you want to contact and why, or paste their note.")
            chat = [*fields[-1], {"role": "user", "content": view.as_chat_text(message)}]
            fields = fields[:-1]
            yield {c["chat"]: chat, c["msg"]: ""}
            cfg = settings()
            try:
                if state.draft.get(kind):
                    yield from refine(kind, message, chat, state, cfg)
                    return
                chosen = None if kind == "invite" or fields[3] in (None, AUTO) else fields[3]
                got = api.request_from_text(
                    message,
                    kind,
                    cfg,
                    sender=state.sender,
                    situation=chosen,
                    known=kind == "reply" and bool(fields[4]),
                    context=(fields[5] or "") if kind == "reply" else "",
                )
                if got.redirect:
                    chat.append({"role": "assistant", "content": view.as_chat_text(got.redirect)})
                    yield {c["chat"]: chat}
                    return
                request = got.request
                extra: dict[str, Any] = {}
                updates: dict = {}
                if kind == "invite":
                    if any(got.said):
                        state.sender = got.said
                    if got.sender_notice:  # said once, when read; Settings filled to save it
                        chat.append(
                            {"role": "assistant", "content": view.as_chat_text(got.sender_notice)}
                        )
                        updates = {
                            me_name: request.me.name,
                            me_headline: request.me.headline,
                            c["chat"]: chat,
                        }
                else:
                    extra = {"known": bool(fields[4])}
                    updates = {c["suggestion"]: view.suggestion_text(got.suggestion)}
                shown = {**fields_update(kind, request, extra), **updates}
                yield shown
                yield from stream_draft(kind, request, chat, state, variants, shown)
            except CordialError as exc:
                raise _user_error(exc) from exc

        def refine(kind: str, message: str, chat: list, state: Session, cfg: Settings):
            c = ui[kind]
            request = _request_from(kind, state.request[kind])
            current = state.draft[kind]["text"]
            chat = [*chat, {"role": "assistant", "content": "…"}]
            for notice in _prepare_model(cfg):
                yield {status: notice, c["chat"]: chat}
            draft = api.revise_draft(request, current, message, cfg)
            notice = f"Note: {draft.fallback_reason}." if draft.model == "composer" else ""
            state.ids.append(draft.history_id)
            chat[-1] = {"role": "assistant", "content": view.as_chat_text(draft.text)}
            yield {
                **show_draft(kind, draft, state, notice=notice),
                c["chat"]: chat,
                status: "",
                history: history_choices(state),
            }

        def from_fields(kind: str, variants: int, state: Session, *fields: Any):
            """Draft again from the (edited) fields panel, as a new request."""
            c = ui[kind]
            chat = [
                *fields[-1],
                {"role": "user", "content": "(drafted from the fields panel)"},
            ]
            fields = fields[:-1]
            state.draft.pop(kind, None)
            try:
                cfg = settings()
                if kind == "reply" and fields[3] in (None, AUTO):
                    situation, why = suggestion_text(fields[1], fields[2], fields[4])
                    fields = (*fields[:3], situation, *fields[4:])
                    shown = {
                        c["suggestion"]: why,
                        c["fields"][3]: situation,
                    }
                else:
                    shown = {}
                request = request_for(kind, list(fields), cfg, state)
                yield from stream_draft(kind, request, chat, state, variants, shown)
            except CordialError as exc:
                raise _user_error(exc) from exc

        def new_chat(kind: str, state: Session) -> dict:
            state.draft.pop(kind, None)
            state.request.pop(kind, None)
            c = ui[kind]
            return {
                c["chat"]: [],
                c["draft"]: "",
                c["counter"]: "",
                c["highlight"]: [],
                c["findings"]: "",
                c["notice"]: gr.update(value="", visible=False),
                c["variants"]: gr.update(choices=[], value=None, visible=False),
                session: state,
            }

        def pick_variant(kind: str, index: Any, state: Session) -> dict:
            saved_draft = state.draft.get(kind)
            if index is None or not saved_draft or index >= len(saved_draft["variants"]):
                return {session: state}
            text = saved_draft["variants"][index]
            if text == saved_draft.get("best_text"):
                findings = saved_draft["best_findings"]
                chars, limit = count_chars(text), saved_draft["limit"]
            else:
                request = _request_from(kind, state.request[kind])
                result = api.check_draft(request, text, settings())
                findings = [f.to_dict() for f in result.findings]
                chars, limit = result.chars, result.limit
            c = ui[kind]
            state.draft[kind] = {**saved_draft, "text": text, "chars": chars}
            return {
                c["draft"]: text,
                c["counter"]: view.counter_html(chars, limit),
                c["highlight"]: view.highlights(text, findings),
                c["findings"]: view.findings_text(text, findings),
                session: state,
            }

        def suggest(note: str, mutual: Any, known: bool) -> dict:
            _check(note, MAX_NOTE_CHARS, "Their note")
            situation, why = suggestion_text(note, mutual, known)
            c = ui["reply"]
            return {
                c["fields"][3]: situation,
                c["suggestion"]: why,
            }

        def reopen(row_id: Any, state: Session) -> dict:
            if row_id is None:
                return {session: state}
            rows = [r for r in api.history(100, settings=settings()) if r["id"] == row_id]
            if not rows:
                return {session: state}
            row = rows[0]
            kind = row["kind"]
            request = _request_from(kind, row["request"])
            state.request[kind] = row["request"]
            draft = _shown_draft(
                kind,
                request,
                row["text"],
                row["findings"],
                situation=row.get("situation"),
                backend=row["backend"],
                model=row["model"],
                fallback=row["fallback"],
            )
            c = ui[kind]
            chat = [{"role": "assistant", "content": view.as_chat_text(row["text"])}]
            return {
                **fields_update(kind, request),
                **show_draft(kind, draft, state),
                c["chat"]: chat,
                tabs: gr.Tabs(selected=kind),
            }

        def run_inbox(path: str | None, with_drafts: bool, state: Session) -> dict:
            """Triage an uploaded export: the table, the pick list and a CSV to download."""
            if not path:
                raise gr.Error("Upload your data export (.zip) or Invitations.csv first.")
            if os.path.getsize(path) > MAX_UPLOAD_MB << 20:
                raise gr.Error(f"The file is over {MAX_UPLOAD_MB} MB.", title="Too large")
            try:
                items = list(api.triage(path, drafts=bool(with_drafts), settings=settings()))
            except CordialError as exc:
                raise gr.Error(str(exc), title="Cannot read that export") from exc
            state.inbox = items[:MAX_INBOX_ROWS]
            return {
                inbox["summary"]: view.inbox_summary(items, MAX_INBOX_ROWS),
                inbox["table"]: [view.inbox_row(t) for t in state.inbox],
                inbox["pick"]: gr.update(
                    choices=[(view.inbox_label(t), i) for i, t in enumerate(state.inbox)],
                    value=None,
                ),
                inbox["download"]: view.triage_csv(items),
                session: state,
            }

        def pick_row(evt: Any) -> Any:
            """A click in the table picks that request."""
            return gr.update(value=evt.index[0])

        # Gradio passes the click's data to a parameter annotated SelectData; the annotation is
        # set here because `from __future__ import annotations` leaves it a string it cannot
        # resolve (gradio is imported inside this function).
        pick_row.__annotations__["evt"] = gr.SelectData

        def open_from_inbox(index: Any, state: Session) -> dict:
            """Open a triaged request in the reply chat, with its draft, to refine it."""
            if index is None or not 0 <= int(index) < len(state.inbox):
                raise gr.Error("Pick a request from the list first.")
            item = state.inbox[int(index)]
            cfg = settings()
            request = api.reply_request_for(item, settings=cfg)
            inv = item.invitation
            shown = new_chat("reply", state)  # a new conversation for this request
            state.request["reply"] = request.model_dump(mode="json")
            c = ui["reply"]
            asked = f"Request from {inv.sender or 'someone'}: {inv.message or '(no note)'}"
            chat = [{"role": "user", "content": view.as_chat_text(asked)}]
            shown = {
                **shown,
                **fields_update("reply", request, {"known": item.assessment.action == "accept"}),
                c["suggestion"]: view.inbox_reasons(item),
            }
            if item.draft:
                findings = api.check_draft(request, item.draft, cfg).findings
                draft = _shown_draft(
                    "reply",
                    request,
                    item.draft,
                    [f.to_dict() for f in findings],
                    situation=request.situation,
                )
                chat.append({"role": "assistant", "content": view.as_chat_text(draft.text)})
                shown.update(show_draft("reply", draft, state))
            return {**shown, c["chat"]: chat, tabs: gr.Tabs(selected="reply"), session: state}

        def save_profile(name: str, headline: str, about: str, tier: str) -> str:
            from assistant.web.profile import save_profile as write

            cfg = settings()
            try:
                write(cfg.settings_file, name=name, headline=headline, about=about, account=tier)
            except InputError as exc:
                raise gr.Error(str(exc), title="Not saved") from exc
            return f"Saved to `{cfg.settings_file}`. The next draft uses it."

        def on_load() -> str:
            cfg = settings()
            if cfg.backend == "local":
                return (
                    f"Model: {cfg.model_name} on this computer, loading in the background "
                    "(about a minute the very first time); a draft asked for sooner shows "
                    "its progress here."
                )
            return f"Backend: {cfg.backend} ({cfg.model_name})."

        # -- wiring ----------------------------------------------------------------------------

        all_outputs = [status, history, session, tabs, me_name, me_headline]
        for c in ui.values():
            all_outputs += [
                c["chat"],
                c["msg"],
                c["draft"],
                c["counter"],
                c["highlight"],
                c["findings"],
                c["notice"],
                c["variants"],
                c["suggestion"],
                *c["fields"],
            ]
        all_outputs = [x for x in all_outputs if x is not None]

        for kind, c in ui.items():
            inputs = [c["msg"], c["n_variants"], session, *c["fields"], c["chat"]]
            for trigger in (c["send"].click, c["msg"].submit):
                trigger(
                    partial(chat_turn, kind),
                    inputs,
                    all_outputs,
                    api_name=f"chat_{kind}" if trigger == c["send"].click else False,
                    concurrency_id="draft",
                )
            c["redraft"].click(
                partial(from_fields, kind),
                [c["n_variants"], session, *c["fields"], c["chat"]],
                all_outputs,
                api_name=f"draft_{kind}",
                concurrency_id="draft",
            )
            c["new"].click(partial(new_chat, kind), [session], all_outputs, api_name=False)
            c["variants"].change(
                partial(pick_variant, kind), [c["variants"], session], all_outputs, api_name=False
            )
        reply = ui["reply"]
        reply["suggest"].click(
            suggest,
            [reply["fields"][1], reply["fields"][2], reply["fields"][4]],
            all_outputs,
            api_name="suggest",
        )
        history.select(reopen, [history, session], all_outputs, api_name="reopen")
        inbox["run"].click(
            run_inbox,
            [inbox["file"], inbox["drafts"], session],
            [inbox["summary"], inbox["table"], inbox["pick"], inbox["download"], session],
            api_name="inbox",
            concurrency_id="draft",
        )
        inbox["table"].select(pick_row, None, inbox["pick"], api_name=False)
        inbox["open"].click(
            open_from_inbox, [inbox["pick"], session], all_outputs, api_name="inbox_open"
        )
        save_btn.click(
            save_profile, [me_name, me_headline, me_about, account], saved, api_name=False
        )
        demo.load(on_load, None, status, api_name=False)
        del backend, model  # shown only
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    return demo


def _mode_ui(gr: Any, kind: str, hint: str) -> dict[str, Any]:
    """The chat, the fields panel and the draft panel of one mode."""
    c: dict[str, Any] = {"suggestion": None}
    with gr.Row():
        with gr.Column(scale=3):
            # Messages are escaped before they get here (view.as_chat_text), markdown and
            # LaTeX are off, and HTML sanitising stays on as a second line of defence.
            c["chat"] = gr.Chatbot(
                label="Chat",
                height=320,
                render_markdown=False,
                sanitize_html=True,
                allow_tags=False,
                latex_delimiters=[],
                buttons=["copy", "copy_all"],  # no "share": nothing leaves this computer
                elem_id=f"chat-{kind}",
            )
            c["msg"] = gr.Textbox(
                label="Your message",
                placeholder=hint,
                lines=2,
                elem_id=f"msg-{kind}",
                info="Follow up to refine: “shorter”, “more formal”, “mention we met at the "
                "Berlin meetup”. “New” starts over.",
            )
            with gr.Row():
                c["send"] = gr.Button("Send", variant="primary", elem_id=f"send-{kind}")
                c["new"] = gr.Button("New", elem_id=f"new-{kind}")
                c["n_variants"] = gr.Number(
                    value=1, minimum=1, maximum=MAX_VARIANTS, precision=0, label="Variants"
                )
            # Textboxes show their value as text, never as HTML: safe for model output.
            c["draft"] = gr.Textbox(
                label="Draft",
                lines=4,
                interactive=False,
                buttons=["copy"],
                elem_id=f"draft-{kind}",
            )
            c["counter"] = gr.HTML(label="Characters", elem_id=f"counter-{kind}")
            c["notice"] = gr.Textbox(
                label="Notice", interactive=False, visible=False, elem_id=f"notice-{kind}"
            )
            c["variants"] = gr.Radio(label="Variants: pick one", visible=False, choices=[])
            c["highlight"] = gr.HighlightedText(
                label="Where the rules point", combine_adjacent=True, elem_id=f"spans-{kind}"
            )
            c["findings"] = gr.Textbox(
                label="Findings", lines=3, interactive=False, elem_id=f"findings-{kind}"
            )
        with gr.Column(scale=2, elem_id=f"fields-{kind}"):
            gr.Markdown("### Details (edit and draft again)")
            if kind == "invite":
                c["fields"] = [
                    gr.Textbox(label="Who", max_lines=1, elem_id="field-who"),
                    gr.Textbox(label="Their headline", max_lines=1, elem_id="field-headline"),
                    gr.Textbox(label="Why them (shared context)", lines=2, elem_id="field-context"),
                    gr.Textbox(label="What you would like", lines=2, elem_id="field-ask"),
                    gr.Dropdown(RELATIONSHIPS, value="stranger", label="Relationship"),
                ]
            else:
                c["fields"] = [
                    gr.Textbox(label="From", max_lines=1, elem_id="field-from"),
                    gr.Textbox(label="Their note", lines=4, elem_id="field-note"),
                    gr.Number(label="Connections in common", precision=0, minimum=0),
                    gr.Dropdown([AUTO, *SITUATIONS], value=AUTO, label="Reply situation"),
                    gr.Checkbox(label="I know this person"),
                    gr.Textbox(label="Where you met (for accept)", max_lines=1),
                ]
                c["suggest"] = gr.Button("Suggest a reply", elem_id="suggest")
                c["suggestion"] = gr.Textbox(
                    label="Suggestion",
                    lines=3,
                    interactive=False,
                    placeholder="Press “Suggest a reply” to see which reply fits, and why.",
                    elem_id="suggestion",
                )
            c["redraft"] = gr.Button("Draft from these details", elem_id=f"redraft-{kind}")
    return c


def _inbox_ui(gr: Any) -> dict[str, Any]:
    """The Inbox tab: upload the export, see each request triaged, open one in the chat."""
    c: dict[str, Any] = {}
    gr.Markdown(
        "Download your data from LinkedIn (Settings → Data privacy → Get a copy of your data) "
        "and drop the zip here, or just `Invitations.csv`. It is read on this computer only."
    )
    with gr.Row():
        c["file"] = gr.File(
            label=f"Data export (.zip) or Invitations.csv, up to {MAX_UPLOAD_MB} MB",
            file_types=[".zip", ".csv"],
            type="filepath",
            elem_id="inbox-file",
        )
        with gr.Column():
            c["drafts"] = gr.Checkbox(value=True, label="Draft a reply to each (instant)")
            c["run"] = gr.Button("Triage", variant="primary", elem_id="inbox-run")
            c["download"] = gr.File(label="All requests as CSV", interactive=False)
    c["summary"] = gr.Markdown(elem_id="inbox-summary")
    c["table"] = gr.Dataframe(
        headers=INBOX_COLUMNS,
        datatype=["number", "str", "str", "str", "str", "str"],
        interactive=False,
        wrap=True,
        # Fixed shares, so the reasons and drafts wrap inside the page instead of running off it.
        column_widths=["4%", "14%", "11%", "6%", "30%", "35%"],
        elem_id="inbox-table",
    )
    with gr.Row():
        c["pick"] = gr.Dropdown(label="Request", choices=[], value=None, elem_id="inbox-pick")
        c["open"] = gr.Button("Open in the reply chat to refine", elem_id="inbox-open")
    return c


# -- command line --------------------------------------------------------------------------------


# Never a share link; no server-side rendering, MCP endpoint or installable app.
LAUNCH_OPTIONS = {
    "share": False,
    "ssr_mode": False,
    "mcp_server": False,
    "pwa": False,
    "quiet": True,
    # Gradio refuses bigger uploads itself (HTTP 413) before the app sees them.
    "max_file_size": f"{MAX_UPLOAD_MB}mb",
}


def main(argv: list[str] | None = None) -> None:
    """Start the web chat and say where to open it."""
    parser = argparse.ArgumentParser(description="Cordial's web chat.")
    parser.add_argument("--host", default=os.environ.get("CORDIAL_HOST", DEFAULT_HOST))
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("CORDIAL_PORT", DEFAULT_PORT))
    )
    parser.add_argument("--backend", choices=BACKENDS, default=None)
    args = parser.parse_args(argv)
    from assistant.backends.chat_models import is_loopback_host

    if not is_loopback_host(args.host):
        print(
            f"warning: listening on {args.host}, not loopback: anyone who can reach this "
            "machine can use the chat and read your drafts",
            file=sys.stderr,
        )
    overrides = {"backend": args.backend} if args.backend else {}
    demo = build_app(overrides)
    _load_model_while_the_page_opens(Settings(**overrides))
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    print(f"Cordial web chat: open http://{shown}:{args.port} in your browser (Ctrl+C stops it)")
    demo.launch(server_name=args.host, server_port=args.port, **LAUNCH_OPTIONS)


def launch_in_background(overrides: dict[str, Any] | None = None) -> tuple[Any, str]:
    """The app on a free loopback port in this process (for tests and the load benchmark);
    returns the Blocks (call .close()) and its URL."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = build_app(overrides)
    _, url, _ = demo.launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, **LAUNCH_OPTIONS
    )
    return demo, url


if __name__ == "__main__":
    main()
