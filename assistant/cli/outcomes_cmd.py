"""`draft outcomes`: what became of the invitations you sent, from the data export."""

from __future__ import annotations

from datetime import date, datetime
from itertools import chain
from pathlib import Path

import click

from assistant.cli.output import clean
from assistant.cli.triage_cmds import (
    FILE,
    FORMAT,
    MESSAGES,
    OUT,
    _format,
    _output,
    batch_backend,
)


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-03-01") from None


@click.command("outcomes")
@click.argument("export", type=click.Path(path_type=Path))
@click.option("--connections", type=FILE, help="Connections.csv (found in the export if omitted).")
@MESSAGES
@click.option(
    "--min-age-days",
    type=click.IntRange(min=0),
    default=21,
    show_default=True,
    help="Leave invitations younger than this out of the rates; older pending ones are stale.",
)
@click.option(
    "--today",
    callback=_day,
    metavar="YYYY-MM-DD",
    help="Count ages from this day (default: the newest date in the export).",
)
@click.option("--drafts", is_flag=True, help="Add a follow-up draft to each follow-up due.")
@batch_backend("Who writes the follow-up drafts.")
@FORMAT
@OUT
def outcomes_command(
    export: Path,
    connections: Path | None,
    messages: Path | None,
    min_age_days: int,
    today: date | None,
    drafts: bool,
    backend: str,
    fmt: str | None,
    out: Path | None,
) -> None:
    """What became of the invitations you sent, from EXPORT (the export zip, its unzipped
    folder, or Invitations.csv): accepted or pending, acceptance with and without a note and
    by the linter's verdict, the stale ones to withdraw by hand and the follow-ups due. CSV
    lists every sent invitation; Markdown and JSON sum them up."""
    from assistant.api import outcome_rows, outcomes, write_outcomes

    fmt = _format(fmt, out)
    options = {
        "connections": connections,
        "messages": messages,
        "min_age_days": min_age_days,
        "today": today,
    }
    # Everything is read before any output, so a bad file fails with nothing written.
    report = outcomes(export, drafts=drafts, backend=backend, **options)
    with _output(out, fmt) as stream:
        if fmt == "csv":
            rows = outcome_rows(export, **options)
            first = next(rows, None)
            write_outcomes(chain([first] if first else [], rows), "csv", stream)
        else:
            write_outcomes(report, fmt, stream)  # type: ignore[arg-type]
    summary = f"{report.sent} sent"
    if report.accepted is not None:
        summary += (
            f": {report.accepted} accepted, {report.pending} pending ({len(report.stale)} stale "
            f"to withdraw), {report.too_recent} too recent"
        )
    for label, rate in (("with a note", report.with_note), ("without", report.without_note)):
        if rate.rate is not None:
            summary += f"; {label} {rate.rate:.0%} ({rate.accepted}/{rate.sent})"
    where = f"; written to {clean(str(out))}" if out else ""
    click.echo(summary + where, err=True)
    for line in (*report.missing, *report.problems):
        click.echo(f"note: {clean(line)}", err=True)
