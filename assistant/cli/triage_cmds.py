"""`draft triage` and `draft network`: the data export, worked through from the command line."""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any, TextIO

import click

from assistant.cli.output import clean, escape_json
from assistant.writers import writer_names

FORMATS = ("csv", "json", "md")
FILE = click.Path(dir_okay=False, path_type=Path)


class _CleanWriter:
    """stdout that shows control, escape and bidi characters from strangers' notes as escapes
    (in JSON as unicode escapes, so it stays valid JSON)."""

    def __init__(self, stream: TextIO, fmt: str) -> None:
        self.stream = stream
        self.escape = escape_json if fmt == "json" else clean

    def write(self, text: str) -> int:
        return self.stream.write(self.escape(text))


@contextmanager
def _output(out: Path | None, fmt: str) -> Iterator[Any]:
    """The stream to write to: stdout (cleaned), or a file written whole or not at all."""
    if out is None:
        yield _CleanWriter(sys.stdout, fmt)
        return
    out = out.expanduser()
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent if out.parent else ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(tmp, out)  # a crash or Ctrl-C leaves any earlier file as it was
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _format(fmt: str | None, out: Path | None) -> str:
    if fmt:
        return fmt
    suffix = out.suffix.lstrip(".").lower() if out else ""
    return {"markdown": "md"}.get(suffix, suffix) if suffix in (*FORMATS, "markdown") else "md"


MESSAGES = click.option("--messages", type=FILE, help="messages.csv (found in the zip if omitted).")
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), help="Default: from --out, else md."
)
OUT = click.option("--out", type=FILE, help="Write to this file instead of the terminal.")


def batch_backend(help_text: str):
    """The --backend option of a command that drafts for many rows at once: the composer unless
    the user picks a model (a batch of model drafts takes minutes)."""
    return click.option(
        "--backend",
        type=click.Choice(writer_names()),
        default="composer",
        show_default=True,
        help=help_text,
    )


ME = click.option("--me", default="", help="Your name as in the export (found from it if omitted).")


@click.command("triage")
@click.argument("path", type=FILE)
@click.option("--connections", type=FILE, help="Connections.csv (found in the zip if omitted).")
@MESSAGES
@click.option("--drafts", is_flag=True, help="Add a reply draft to each request.")
@batch_backend(
    "Who writes the drafts and reads notes the rules cannot decide; composer: rules only."
)
@FORMAT
@OUT
@ME
def triage_command(
    path: Path,
    connections: Path | None,
    messages: Path | None,
    drafts: bool,
    backend: str,
    fmt: str | None,
    out: Path | None,
    me: str,
) -> None:
    """Triage the requests in PATH (the export zip or Invitations.csv): an action and reasons
    for each, and with --drafts a reply."""
    from assistant.api import count_incoming, triage, write_report

    fmt = _format(fmt, out)
    results = triage(
        path, connections=connections, messages=messages, drafts=drafts, backend=backend, me=me
    )
    # The first row is read before any output, so a bad file fails with nothing written.
    first = next(results, None)
    actions: Counter[str] = Counter()
    review: Counter[bool] = Counter()

    def rows() -> Iterator[dict]:
        for triaged in chain([first] if first else [], results):
            row = triaged.row()
            actions[row["action"]] += 1
            review[row["review"]] += 1
            yield row

    with _output(out, fmt) as stream:
        if sys.stderr.isatty():
            with click.progressbar(
                rows(), length=count_incoming(path), label="Triage", file=sys.stderr
            ) as bar:
                n = write_report(bar, "triage", fmt, stream)
        else:
            n = write_report(rows(), "triage", fmt, stream)
    summary = ", ".join(f"{c} {a}" for a, c in actions.most_common()) or "none"
    where = f"; written to {clean(str(out))}" if out else ""
    click.echo(
        f"{n} incoming request{'s' * (n != 1)}: {summary}; {review[True]} to review{where}",
        err=True,
    )


@click.command("network")
@click.argument("path", type=FILE)
@click.option("--invitations", type=FILE, help="Invitations.csv (found in the zip if omitted).")
@MESSAGES
@FORMAT
@OUT
@ME
def network_command(
    path: Path,
    invitations: Path | None,
    messages: Path | None,
    fmt: str | None,
    out: Path | None,
    me: str,
) -> None:
    """A clean-up report from PATH (the export zip or Connections.csv): connections you never
    wrote to or who never answered, oldest first, and invitations you sent without a note."""
    from assistant.api import network_report, write_report

    entries = network_report(path, invitations=invitations, messages=messages, me=me)
    fmt = _format(fmt, out)
    with _output(out, fmt) as stream:
        write_report((e.row() for e in entries), "network", fmt, stream)
    sections = Counter(e.section for e in entries)
    summary = ", ".join(f"{c} {s}" for s, c in sections.items()) or "nothing to clean up"
    click.echo(f"{summary}{f'; written to {clean(str(out))}' if out else ''}", err=True)
