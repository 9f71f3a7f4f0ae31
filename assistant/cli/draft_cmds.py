"""`draft invite`, `draft reply`, `draft followup`, `draft demo`: drafting from the command
line."""

from __future__ import annotations

import sys
from typing import Any

import click

from assistant.choices import ACCOUNTS, RELATIONSHIPS, SITUATIONS, TONES
from assistant.cli.output import clean, json_text
from assistant.writers import writer_names

# Exit status when the model failed and the composer's draft was printed instead.
EXIT_FALLBACK = 4


def _settings(**overrides: Any) -> Any:
    from assistant.settings import Settings

    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def _progress_printer() -> Any:
    """A progress line on stderr while the embedded model is assembled on first use."""
    if not sys.stderr.isatty():
        shown = {"started": False}

        def quiet(done: int, total: int) -> None:
            if not shown["started"]:
                click.echo("Preparing the embedded model (first run, about a minute)...", err=True)
                shown["started"] = True

        return quiet

    def bar(done: int, total: int) -> None:
        pct = 100 * done // max(total, 1)
        click.echo(
            f"\rPreparing the embedded model: {pct:3d}% ({done >> 20} / {total >> 20} MB)",
            err=True,
            nl=done >= total,
        )

    return bar


def _print_draft(draft: Any, as_json: bool) -> None:
    if as_json:
        click.echo(json_text(draft.public()))
    else:
        for n, text in enumerate(draft.variants if len(draft.variants) > 1 else [draft.text]):
            if len(draft.variants) > 1:
                click.echo(f"--- variant {n + 1}{' (best)' if text == draft.text else ''}")
            click.echo(clean(text))
        tty = sys.stderr.isatty()
        over = draft.chars > draft.limit
        count = f"{draft.chars}/{draft.limit} characters"
        status = click.style(count, fg="red" if over else "green") if tty else count
        how = f"{draft.backend} ({draft.model})" if draft.model != draft.backend else draft.backend
        click.echo(f"{status} · {how} · {draft.latency_s:.1f} s", err=True)
        if draft.situation_reasons:  # chosen from their note: say which reply and why
            why = "; ".join(clean(r) for r in draft.situation_reasons[:2])
            click.echo(f"situation: {draft.situation} ({why}); --situation to choose", err=True)
        for f in draft.findings:
            click.echo(f"  {f['severity']} {f['rule']}: {clean(f['message'])}", err=True)
    if not as_json:
        for notice in draft.notices:  # what the export says of them: never blocks the draft
            click.echo(f"note: {clean(notice)}", err=True)
    if draft.fallback:
        click.echo(
            f"note: this draft is the composer's: {clean(draft.fallback_reason or '')}", err=True
        )
    if draft.backend_failed:
        sys.exit(EXIT_FALLBACK)


def _read_note(note: str | None) -> str:
    from assistant.requests import MAX_NOTE_CHARS

    if note == "-":
        data = sys.stdin.read(MAX_NOTE_CHARS + 1)
        if len(data) > MAX_NOTE_CHARS:
            raise click.UsageError(f"the note is over {MAX_NOTE_CHARS:,} characters")
        return data
    return note or ""


BACKEND = click.option(
    "--backend",
    type=click.Choice(writer_names()),
    help="Which model drafts (default from settings: local).",
)
MODEL = click.option("--model", help="Model name (default depends on the backend).")
JSON = click.option("--json", "as_json", is_flag=True, help="Print the draft as JSON.")
VARIANTS = click.option(
    "--variants",
    type=click.IntRange(1, 5),
    default=1,
    show_default=True,
    help="How many candidates to write; the best is printed first.",
)


@click.command("invite")
@click.option("--to", "to", required=True, help="Their name.")
@click.option("--to-headline", default="", help="Their headline, e.g. 'VP Data at Globex'.")
@click.option("--context", default="", help="Why them: their talk, post, where you met.")
@click.option("--ask", default="", help="What you would like: advice, a call, to stay in touch.")
@click.option(
    "--relationship",
    default="other",
    show_default=True,
    type=click.Choice(RELATIONSHIPS),
)
@click.option("--from-name", help="Your name (default from settings).")
@click.option("--from-headline", help="Your headline (default from settings).")
@click.option(
    "--tone", type=click.Choice(TONES), default="warm", show_default=True
)
@click.option(
    "--account",
    type=click.Choice(ACCOUNTS),
    help="Your account: 300 characters premium, 200 free (default from settings).",
)
@click.option(
    "--export",
    type=click.Path(dir_okay=True),
    help="Your data export (zip, folder or Connections.csv): say if they are already a "
    "connection or have your invitation pending (default: the export setting).",
)
@VARIANTS
@BACKEND
@MODEL
@JSON
def invite_command(
    to,
    to_headline,
    context,
    ask,
    relationship,
    from_name,
    from_headline,
    tone,
    account,
    export,
    variants,
    backend,
    model,
    as_json,
) -> None:
    """Draft an invitation note to someone."""
    from assistant.api import draft_invitation, export_notices, invitation_request

    settings = _settings(backend=backend, model=model, account=account, export=export)
    me = _me(settings, from_name, from_headline)
    # The request is checked (caps, empty fields) before the model is touched.
    request = invitation_request(
        to,
        to_headline=to_headline,
        context=context,
        ask=ask,
        relationship=relationship,
        tone=tone,
        me=me,
        settings=settings,
    )
    draft = _warm_draft("invite", request, variants, settings)
    if draft is None:
        _attach_progress(settings)
        draft = draft_invitation(request, variants=variants, settings=settings)
    if settings.export and not draft.notices:  # the warm service drafted it: look here
        draft = draft.model_copy(update={"notices": export_notices(request, settings=settings)})
    _print_draft(draft, as_json)


def _me(settings: Any, name: str | None, headline: str | None) -> Any:
    """The user as a Person: their profile from settings, with --from-name/--from-headline."""
    from assistant.requests import Person

    return Person(
        name=name if name is not None else settings.me.name,
        headline=headline if headline is not None else settings.me.headline,
        about=settings.me.about,
    )


@click.command("reply")
@click.option("--from", "from_name", required=True, help="Who sent you the request.")
@click.option("--from-headline", default="", help="Their headline.")
@click.option("--note", help="Their note, or - to read it from standard input.")
@click.option(
    "--situation",
    type=click.Choice(SITUATIONS),
    help="Which reply (default: suggested from the note).",
)
@click.option("--mutual", type=click.IntRange(0, 100_000), help="Connections in common.")
@click.option("--context", default="", help="For accept: where you met.")
@VARIANTS
@BACKEND
@MODEL
@JSON
def reply_command(
    from_name, from_headline, note, situation, mutual, context, variants, backend, model, as_json
) -> None:
    """Draft a reply to a connection request you received."""
    from assistant.api import draft_reply, reply_request

    settings = _settings(backend=backend, model=model)
    request = reply_request(
        from_name,
        from_headline=from_headline,
        note=_read_note(note),
        situation=situation,
        mutual=mutual,
        context=context,
        settings=settings,
    )
    draft = _warm_draft("reply", request, variants, settings)
    if draft is None:
        _attach_progress(settings)
        draft = draft_reply(request, variants=variants, settings=settings)
    _print_draft(draft, as_json)


@click.command("followup")
@click.option("--to", "to", required=True, help="Their name: who accepted your invitation.")
@click.option("--to-headline", default="", help="Their headline, e.g. 'VP Data at Globex'.")
@click.option("--note", help="The invitation note they accepted, or - to read it from stdin.")
@click.option(
    "--ask",
    default="",
    help="What to ask for (default: the ask your note made; needed when it made none).",
)
@click.option(
    "--connected-on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day they accepted, YYYY-MM-DD (from the data export).",
)
@click.option("--from-name", help="Your name (default from settings).")
@click.option("--from-headline", help="Your headline (default from settings).")
@click.option("--tone", type=click.Choice(TONES), default="warm", show_default=True)
@VARIANTS
@BACKEND
@MODEL
@JSON
def followup_command(
    to,
    to_headline,
    note,
    ask,
    connected_on,
    from_name,
    from_headline,
    tone,
    variants,
    backend,
    model,
    as_json,
) -> None:
    """Draft the first message to someone who accepted your invitation: thanks, and the ask."""
    from assistant.api import draft_followup, followup_request

    settings = _settings(backend=backend, model=model)
    # The request is checked (caps, an ask to make) before the model is touched.
    request = followup_request(
        to,
        to_headline=to_headline,
        note=_read_note(note),
        ask=ask,
        connected_on=connected_on.date() if connected_on else None,
        tone=tone,
        me=_me(settings, from_name, from_headline),
        settings=settings,
    )
    draft = _warm_draft("followup", request, variants, settings)
    if draft is None:
        _attach_progress(settings)
        draft = draft_followup(request, variants=variants, settings=settings)
    _print_draft(draft, as_json)


@click.command("demo")
@BACKEND
def demo_command(backend) -> None:
    """Draft one example invitation, to see Cordial work end to end."""
    from assistant.api import draft_invitation
    from assistant.requests import Person

    settings = _settings(backend=backend)
    _attach_progress(settings)
    click.echo("Drafting an example invitation to Jordan Lee (VP Data at Globex)...", err=True)
    draft = draft_invitation(
        "Jordan Lee",
        to_headline="VP Data at Globex",
        context="saw her DataConf talk on streaming",
        ask="15 minutes of advice",
        relationship="stranger",
        me=Person(
            name=settings.me.name or "Sam Ortiz",
            headline=settings.me.headline or "data engineer at Acme",
        ),
        settings=settings,
        save=False,
    )
    _print_draft(draft, as_json=False)


def _warm_draft(kind: str, request: Any, variants: int, settings: Any) -> Any:
    """The draft from the shared warm process (for a writer that drafts there), or None."""
    if not settings.keep_warm:
        return None
    from assistant.serving import draft_remotely

    return draft_remotely(kind, request, variants, settings)


def _attach_progress(settings: Any) -> None:
    """Get the writer ready first, showing progress if the model has to be assembled."""
    from contextlib import suppress

    from assistant.api import prepare_model
    from assistant.errors import BackendError

    # On a server that fails to start, the draft tries again, falls back and says why.
    with suppress(BackendError):
        prepare_model(settings, _progress_printer())
