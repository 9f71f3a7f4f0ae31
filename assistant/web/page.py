"""Cordial's web chat page (Gradio): describe who you want to write to, get a linted draft,
refine it by chatting. `cordial-web`, or `python app.py` in a checkout:

    cordial-web [--host 127.0.0.1] [--port 7860] [--backend local|openai|composer]

Layout and event wiring only, one builder per part of the page: what each action does is
assistant.web.session (no Gradio there), and the work is the library's (assistant.api).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# Before any import of gradio: it reads this at import time.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

# After the analytics switch, on purpose (E402).
from assistant.choices import (  # noqa: E402
    ACCOUNTS,  # noqa: E402
    RELATIONSHIPS,
    SITUATIONS,
)
from assistant.settings import Settings  # noqa: E402
from assistant.web import view  # noqa: E402
from assistant.web.session import (  # noqa: E402
    AUTO,
    DEFAULT_MIN_AGE_DAYS,
    FIELDS,
    MAX_UPLOAD_MB,
    MAX_VARIANTS,
    WITHDRAW_URL,
    Controller,
    Session,
    Update,
    WebError,
)
from assistant.writers import writer_names  # noqa: E402

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
# Queue: drafting is CPU-bound on the embedded model, so a few at a time; room for the
# 50-session load benchmark to wait rather than be turned away.
CONCURRENCY = 4
QUEUE_SIZE = 64
INBOX_COLUMNS = ["#", "From", "Action", "Sure", "Why", "Draft reply"]
HINTS = {
    "invite": (
        "Write an invitation",
        "e.g. I want to connect with Jordan Lee, VP Data at Globex; I saw her DataConf talk on "
        "streaming and would like 15 minutes of advice",
    ),
    "reply": (
        "Answer a request",
        'e.g. I got a request from Chris Park: "Hi, let\'s connect!" — 3 mutual connections. '
        "Or paste the note itself.",
    ),
    "followup": (
        "Follow up",
        "Paste the invitation note they accepted (“Hi Jordan, … Could I ask …?”): Cordial "
        "thanks them and makes the note's ask. Another ask? Put it under “What to ask”.",
    ),
}


@contextmanager
def _shown_as_gradio_errors() -> Iterator[None]:
    """A WebError from the controller, shown in the page as a Gradio error with its title."""
    import gradio as gr

    try:
        yield
    except WebError as exc:
        raise gr.Error(str(exc), title=exc.title) from exc


class Page:
    """The page's components, by what they show, and the controller's updates mapped onto
    them. The builders below fill it in, one per part of the page."""

    def __init__(self, gr: Any, chat: Controller) -> None:
        self.gr = gr
        self.chat = chat
        self.session = gr.State(Session())
        self.status: Any = None
        self.tabs: Any = None
        self.modes: dict[str, dict[str, Any]] = {}  # a chat tab's components, by kind
        self.inbox: dict[str, Any] = {}
        self.history: Any = None
        self.profile: dict[str, Any] = {}

    def render(self, u: Update, state: Session | None) -> dict:
        """An Update as component values (what it leaves None stays as it is)."""
        gr = self.gr
        out: dict[Any, Any] = {} if state is None else {self.session: state}
        if u.status is not None:
            out[self.status] = u.status
        if u.history is not None:
            out[self.history] = gr.update(choices=u.history)
        if u.tab:
            out[self.tabs] = gr.Tabs(selected=u.tab)
        if u.profile:
            out[self.profile["name"]], out[self.profile["headline"]] = u.profile
        if u.kind is not None:
            out |= self._render_mode(u, self.modes[u.kind])
        return out

    def _render_mode(self, u: Update, c: dict[str, Any]) -> dict:
        gr = self.gr
        out: dict[Any, Any] = {}
        if u.cleared:
            out |= {c["draft"]: "", c["counter"]: "", c["highlight"]: [], c["findings"]: ""}
            out[c["notice"]] = gr.update(value="", visible=False)
            out[c["variants"]] = gr.update(choices=[], value=None, visible=False)
        if u.chat is not None:
            out[c["chat"]] = u.chat
        if u.clear_message:
            out[c["msg"]] = ""
        for name, field in zip(FIELDS[u.kind], c["fields"], strict=True):
            if u.fields and name in u.fields:
                out[field] = u.fields[name]
        if u.suggestion is not None:
            out[c["suggestion"]] = u.suggestion
        if (d := u.draft) is not None:
            out[c["draft"]] = d.text
            out[c["counter"]] = view.counter_html(d.chars, d.limit)
            out[c["highlight"]] = view.highlights(d.text, d.findings)
            out[c["findings"]] = view.findings_text(d.text, d.findings)
            if d.notice is not None:
                out[c["notice"]] = gr.update(value=d.notice, visible=bool(d.notice))
            if d.variants is not None:
                out[c["variants"]] = gr.update(
                    choices=[(f"{i + 1}. {v}", i) for i, v in enumerate(d.variants)],
                    value=0 if d.variants else None,
                    visible=bool(d.variants),
                )
        return out

    def outputs(self) -> list[Any]:
        """Every component an Update can change."""
        shown = [self.status, self.history, self.session, self.tabs, *self.profile.values()]
        for c in self.modes.values():
            shown += [c[name] for name in _MODE_OUTPUTS if c.get(name) is not None]
            shown += c["fields"]
        return shown


# What render() may change in a chat tab, besides its fields.
_MODE_OUTPUTS = (
    "chat",
    "msg",
    "draft",
    "counter",
    "highlight",
    "findings",
    "notice",
    "variants",
    "suggestion",
)


def build_app(overrides: dict[str, Any] | None = None) -> Any:
    """The Gradio Blocks app; `overrides` are Settings arguments (e.g. backend='composer')."""
    import gradio as gr

    with gr.Blocks(title="Cordial", analytics_enabled=False) as demo:
        page = Page(gr, Controller(overrides))
        gr.Markdown(
            "# Cordial\nDrafts LinkedIn connection messages the way experienced networkers "
            "write them, checked against the same rules. Runs on this computer."
        )
        page.status = gr.Markdown(elem_id="cordial-status")
        with gr.Tabs() as page.tabs:
            for kind, (title, hint) in HINTS.items():
                with gr.Tab(title, id=kind, elem_id=f"tab-{kind}"):
                    page.modes[kind] = _chat_tab(gr, kind, hint)
            with gr.Tab("Inbox", id="inbox", elem_id="tab-inbox"):
                page.inbox = _inbox_tab(gr)
        _history_panel(gr, page)
        save_profile = _settings_panel(gr, page)
        # Wired once every component exists: any action may update any part of the page.
        for kind in page.modes:
            _wire_chat_tab(page, kind)
        _wire_suggest(page)
        _wire_inbox(page)
        _wire_history_and_settings(page, save_profile)
        demo.load(page.chat.status_on_load, None, page.status, api_name=False)
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    return demo


# -- the parts of the page ------------------------------------------------------------------


def _chat_tab(gr: Any, kind: str, hint: str) -> dict[str, Any]:
    """One mode's tab: the chat and its draft panel, beside the fields panel."""
    c: dict[str, Any] = {"suggestion": None}
    with gr.Row():
        with gr.Column(scale=3):
            c |= _chat_column(gr, kind, hint)
        with gr.Column(scale=2, elem_id=f"fields-{kind}"):
            gr.Markdown("### Details (edit and draft again)")
            c |= {"invite": _invite_fields, "reply": _reply_fields, "followup": _followup_fields}[
                kind
            ](gr)
            c["redraft"] = gr.Button("Draft from these details", elem_id=f"redraft-{kind}")
    return c


def _chat_column(gr: Any, kind: str, hint: str) -> dict[str, Any]:
    """The chat, the message box and its buttons, and the draft panel."""
    c: dict[str, Any] = {}
    # Messages are escaped before they get here (view.as_chat_text), markdown and LaTeX are
    # off, and HTML sanitising stays on as a second line of defence.
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
        label="Draft", lines=4, interactive=False, buttons=["copy"], elem_id=f"draft-{kind}"
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
    return c


def _invite_fields(gr: Any) -> dict[str, Any]:
    """The invitation's fields, in FIELDS["invite"]'s order."""
    return {
        "fields": [
            gr.Textbox(label="Who", max_lines=1, elem_id="field-who"),
            gr.Textbox(label="Their headline", max_lines=1, elem_id="field-headline"),
            gr.Textbox(label="Why them (shared context)", lines=2, elem_id="field-context"),
            gr.Textbox(label="What you would like", lines=2, elem_id="field-ask"),
            gr.Dropdown(list(RELATIONSHIPS), value="stranger", label="Relationship"),
        ]
    }


def _reply_fields(gr: Any) -> dict[str, Any]:
    """The reply's fields, in FIELDS["reply"]'s order, and the suggestion."""
    return {
        "fields": [
            gr.Textbox(label="From", max_lines=1, elem_id="field-from"),
            gr.Textbox(label="Their note", lines=4, elem_id="field-note"),
            gr.Number(label="Connections in common", precision=0, minimum=0),
            gr.Dropdown([AUTO, *SITUATIONS], value=AUTO, label="Reply situation"),
            gr.Checkbox(label="I know this person"),
            gr.Textbox(label="Where you met (for accept)", max_lines=1),
        ],
        "suggest": gr.Button("Suggest a reply", elem_id="suggest"),
        "suggestion": gr.Textbox(
            label="Suggestion",
            lines=3,
            interactive=False,
            placeholder="Press “Suggest a reply” to see which reply fits, and why.",
            elem_id="suggestion",
        ),
    }


def _followup_fields(gr: Any) -> dict[str, Any]:
    """The follow-up's fields, in FIELDS["followup"]'s order."""
    return {
        "fields": [
            gr.Textbox(label="Who accepted", max_lines=1, elem_id="field-followup-who"),
            gr.Textbox(label="Their headline", max_lines=1, elem_id="field-followup-headline"),
            gr.Textbox(label="Your invitation note", lines=4, elem_id="field-followup-note"),
            gr.Textbox(
                label="What to ask (empty: the note's ask)", lines=2, elem_id="field-followup-ask"
            ),
        ]
    }


def _inbox_tab(gr: Any) -> dict[str, Any]:
    """The Inbox tab: upload the export once, then "Received" (each request triaged, one
    opened in the chat) and "Sent" (what became of the invitations you sent)."""
    c: dict[str, Any] = {}
    gr.Markdown(
        "Download your data from LinkedIn (Settings → Data privacy → Get a copy of your data) "
        "and drop the zip here, or just `Invitations.csv`. It is read on this computer only."
    )
    c["file"] = gr.File(
        label=f"Data export (.zip) or Invitations.csv, up to {MAX_UPLOAD_MB} MB",
        file_types=[".zip", ".csv"],
        type="filepath",
        elem_id="inbox-file",
    )
    with gr.Tabs():
        with gr.Tab("Received", id="received", elem_id="inbox-received"):
            c |= _received_view(gr)
        with gr.Tab("Sent", id="sent", elem_id="inbox-sent"):
            c["sent"] = _sent_view(gr)
    return c


def _received_view(gr: Any) -> dict[str, Any]:
    """Requests you received, triaged: an action and reasons for each, a reply to open."""
    c: dict[str, Any] = {}
    with gr.Row():
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


def _sent_view(gr: Any) -> dict[str, Any]:
    """Invitations you sent: acceptance with and without a note (chart and table), the stale
    ones to withdraw by hand, and the follow-ups due."""
    c: dict[str, Any] = {}
    with gr.Row():
        c["min_age"] = gr.Number(
            value=DEFAULT_MIN_AGE_DAYS,
            minimum=0,
            precision=0,
            label="Leave out invitations younger than (days)",
            elem_id="sent-min-age",
        )
        c["run"] = gr.Button("Show what became of them", variant="primary", elem_id="sent-run")
    c["summary"] = gr.Markdown(elem_id="sent-summary")
    c["chart"] = gr.HTML(elem_id="sent-chart")
    c["table"] = gr.Dataframe(
        headers=view.SENT_COLUMNS,
        datatype=["str", "number", "str", "str", "str"],
        interactive=False,
        wrap=True,
        elem_id="sent-table",
    )
    c["notes"] = gr.Textbox(
        label="Read these figures with care", lines=4, interactive=False, elem_id="sent-notes"
    )
    gr.Markdown(
        "### Stale invitations to withdraw\nPending past the minimum age, oldest first. "
        "Withdraw them by hand on the platform's page of sent invitations (Cordial never acts "
        "on the platform)."
    )
    c["link"] = gr.Textbox(
        value=WITHDRAW_URL,
        label="Sent invitations page",
        interactive=False,
        buttons=["copy"],
        elem_id="sent-link",
    )
    c["stale"] = gr.Dataframe(
        headers=view.STALE_COLUMNS,
        datatype=["str", "str", "number", "str", "str"],
        interactive=False,
        wrap=True,
        column_widths=["15%", "10%", "7%", "48%", "20%"],
        elem_id="sent-stale",
    )
    gr.Markdown("### Follow-ups due\nAccepted, the note asked for something, no message since.")
    with gr.Row():
        c["pick"] = gr.Dropdown(label="Follow up", choices=[], value=None, elem_id="sent-pick")
        c["follow"] = gr.Button("Follow up", elem_id="sent-follow")
    return c


def _history_panel(gr: Any, page: Page) -> None:
    """This session's saved drafts, to re-open."""
    with gr.Accordion("This session's drafts", open=False):
        page.history = gr.Dropdown(
            label="Re-open a draft", choices=[], value=None, elem_id="cordial-history"
        )


def _settings_panel(gr: Any, page: Page) -> tuple[Any, list[Any], Any]:
    """The user's profile and account, who writes; returns the save button, the profile's
    inputs and where the save is reported."""
    s = page.chat.settings()
    with gr.Accordion("Settings", open=False, elem_id="cordial-settings"):
        with gr.Row():
            page.profile["name"] = gr.Textbox(label="Your name", value=s.me.name, max_lines=1)
            page.profile["headline"] = gr.Textbox(
                label="Your headline", value=s.me.headline, max_lines=1
            )
        about = gr.Textbox(label="One line about you", value=s.me.about, lines=2)
        account = gr.Radio(
            list(ACCOUNTS),
            value=s.account,
            label="Account (premium notes: 300 characters, free: 200)",
        )
        with gr.Row():
            gr.Textbox(label="Backend", value=s.backend, interactive=False)
            gr.Textbox(label="Model", value=s.model_name, interactive=False)
        save = gr.Button("Save profile")
        saved = gr.Markdown()
    return save, [page.profile["name"], page.profile["headline"], about, account], saved


# -- wiring: Gradio's inputs to the controller, its updates back ----------------------------


def _wire_chat_tab(page: Page, kind: str) -> None:
    """A message, a draft from the fields, New, and a picked variant in one mode's tab."""
    chat, c, session, outputs = page.chat, page.modes[kind], page.session, page.outputs()

    def turn(message: str, variants: int, state: Session, *fields: Any):
        *values, shown_chat = fields
        with _shown_as_gradio_errors():
            named = dict(zip(FIELDS[kind], values, strict=True))
            for u in chat.turn(state, kind, message, variants, named, shown_chat or []):
                yield page.render(u, state)

    def from_fields(variants: int, state: Session, *fields: Any):
        *values, shown_chat = fields
        with _shown_as_gradio_errors():
            named = dict(zip(FIELDS[kind], values, strict=True))
            for u in chat.from_fields(state, kind, variants, named, shown_chat or []):
                yield page.render(u, state)

    inputs = [c["msg"], c["n_variants"], session, *c["fields"], c["chat"]]
    for trigger in (c["send"].click, c["msg"].submit):
        trigger(
            turn,
            inputs,
            outputs,
            api_name=f"chat_{kind}" if trigger == c["send"].click else False,
            concurrency_id="draft",
        )
    c["redraft"].click(
        from_fields,
        [c["n_variants"], session, *c["fields"], c["chat"]],
        outputs,
        api_name=f"draft_{kind}",
        concurrency_id="draft",
    )
    c["new"].click(
        lambda state: page.render(chat.new(state, kind), state),
        [session],
        outputs,
        api_name=False,
    )
    c["variants"].change(
        lambda index, state: page.render(chat.pick_variant(state, kind, index), state),
        [c["variants"], session],
        outputs,
        api_name=False,
    )


def _wire_suggest(page: Page) -> None:
    """The reply tab's "Suggest a reply": the situation for the note, and why."""
    reply = page.modes["reply"]

    def suggest(note: str, mutual: Any, known: bool) -> dict:
        with _shown_as_gradio_errors():
            u = page.chat.suggest(note, mutual, known)
        return page.render(u, None)

    note, mutual, known = (
        reply["fields"][FIELDS["reply"].index(name)] for name in ("note", "mutual", "known")
    )
    reply["suggest"].click(suggest, [note, mutual, known], page.outputs(), api_name="suggest")


def _wire_inbox(page: Page) -> None:
    """Triage an upload, pick a row (from the list or the table), open it in the reply chat."""
    gr, chat, inbox, session = page.gr, page.chat, page.inbox, page.session

    def run_inbox(path: str | None, with_drafts: bool, state: Session) -> dict:
        with _shown_as_gradio_errors():
            shown = chat.run_inbox(state, path, with_drafts)
        return {
            inbox["summary"]: shown.summary,
            inbox["table"]: shown.rows,
            inbox["pick"]: gr.update(choices=shown.choices, value=None),
            inbox["download"]: shown.csv,
            session: state,
        }

    def pick_row(evt: Any) -> Any:
        """A click in the table picks that request."""
        return gr.update(value=evt.index[0])

    # Gradio passes the click's data to a parameter annotated SelectData; the annotation is set
    # here because `from __future__ import annotations` leaves it a string it cannot resolve
    # (gradio is imported inside build_app).
    pick_row.__annotations__["evt"] = gr.SelectData

    def open_from_inbox(index: Any, state: Session) -> dict:
        with _shown_as_gradio_errors():
            return page.render(chat.open_from_inbox(state, index), state)

    inbox["run"].click(
        run_inbox,
        [inbox["file"], inbox["drafts"], session],
        [inbox["summary"], inbox["table"], inbox["pick"], inbox["download"], session],
        api_name="inbox",
        concurrency_id="draft",
    )
    inbox["table"].select(pick_row, None, inbox["pick"], api_name=False)
    inbox["open"].click(
        open_from_inbox, [inbox["pick"], session], page.outputs(), api_name="inbox_open"
    )
    _wire_sent(page)


def _wire_sent(page: Page) -> None:
    """The Sent view: the outcomes of an uploaded export."""
    gr, chat, inbox, session = page.gr, page.chat, page.inbox, page.session
    sent = inbox["sent"]

    def run_sent(path: str | None, min_age: Any, state: Session) -> dict:
        with _shown_as_gradio_errors():
            shown = chat.run_sent(state, path, min_age)
        return {
            sent["summary"]: shown.summary,
            sent["chart"]: shown.chart,
            sent["table"]: shown.table,
            sent["notes"]: shown.notes,
            sent["stale"]: shown.stale,
            sent["pick"]: gr.update(choices=shown.follow_ups, value=None),
            session: state,
        }

    shown = ["summary", "chart", "table", "notes", "stale", "pick"]
    sent["run"].click(
        run_sent,
        [inbox["file"], sent["min_age"], session],
        [*(sent[name] for name in shown), session],
        api_name="sent",
    )

    def follow_up(index: Any, state: Session):
        with _shown_as_gradio_errors():
            for u in chat.open_follow_up(state, index):
                yield page.render(u, state)

    sent["follow"].click(
        follow_up,
        [sent["pick"], session],
        page.outputs(),
        api_name="sent_follow_up",
        concurrency_id="draft",
    )


def _wire_history_and_settings(page: Page, save_profile: tuple[Any, list[Any], Any]) -> None:
    """Re-open a saved draft, save the profile, and the status line as the page opens."""
    chat = page.chat

    def save(name: str, headline: str, about: str, tier: str) -> str:
        with _shown_as_gradio_errors():
            return chat.save_profile(name, headline, about, tier)

    page.history.select(
        lambda row_id, state: page.render(chat.reopen(state, row_id), state),
        [page.history, page.session],
        page.outputs(),
        api_name="reopen",
    )
    button, inputs, saved = save_profile
    button.click(save, inputs, saved, api_name=False)


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


# The page opens on the invitation chat: a first message is read into fields (extract), then
# drafted (invite). Their fixed parts are read while the user types.
FIRST_PROMPTS = ("extract", "invite")


def main(argv: list[str] | None = None) -> None:
    """Start the web chat and say where to open it."""
    parser = argparse.ArgumentParser(description="Cordial's web chat.")
    parser.add_argument("--host", default=os.environ.get("CORDIAL_HOST", DEFAULT_HOST))
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("CORDIAL_PORT", DEFAULT_PORT))
    )
    parser.add_argument("--backend", choices=writer_names(), default=None)
    args = parser.parse_args(argv)
    from assistant import api

    if not api.is_loopback_host(args.host):
        print(
            f"warning: listening on {args.host}, not loopback: anyone who can reach this "
            "machine can use the chat and read your drafts",
            file=sys.stderr,
        )
    overrides = {"backend": args.backend} if args.backend else {}
    demo = build_app(overrides)
    api.warm_up(Settings(**overrides), FIRST_PROMPTS)
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
