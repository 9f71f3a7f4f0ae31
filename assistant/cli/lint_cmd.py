"""`draft lint`: check text against the guidance, for people and for scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

import click

from assistant.choices import ACCOUNTS
from assistant.cli.output import clean, escape_json, json_text
from assistant.lint import RULES, lint
from assistant.lint.model import KINDS, SITUATIONS

MAX_INPUT_CHARS = 1_000_000
_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _split_ids(values: Iterable[str]) -> list[str]:
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def _lint_switches() -> tuple[list[str], list[str], dict[str, str]]:
    """The [lint] settings (select, ignore, severity), read by the one `Settings` model like
    every other setting: the `[lint]` table of cordial.toml, `.env` and `CORDIAL_LINT__*` (e.g.
    `CORDIAL_LINT__IGNORE='["style"]'`). A setting that cannot be used stops with one line
    (`assistant.cli.main`). With nothing to read the defaults hold, and `draft lint` skips
    importing pydantic-settings (half its start-up)."""
    import os
    from pathlib import Path

    from assistant.resources import default_home  # not assistant.settings: it imports pydantic

    quiet = not any(name.startswith("CORDIAL_") for name in os.environ if name != "CORDIAL_HOME")
    if quiet and not Path(".env").exists() and not (default_home() / "cordial.toml").exists():
        return [], [], {}
    from assistant.settings import Settings

    config = Settings().lint
    return list(config.select), list(config.ignore), dict(config.severity)


def _read_text(text: str | None) -> str:
    if text is None or text == "-":
        if text is None and sys.stdin.isatty():
            raise click.UsageError("give the text to check, or - to read it from standard input")
        data = sys.stdin.read(MAX_INPUT_CHARS + 1)
    else:
        data = text
    if len(data) > MAX_INPUT_CHARS:
        raise click.UsageError(
            f"input is over {MAX_INPUT_CHARS:,} characters: check one note at a time"
        )
    return data


def _print_human(result, colour: bool) -> None:
    for f in result.findings:
        severity = click.style(f.severity, fg=_COLOURS[f.severity]) if colour else f.severity
        line = f"{f.start}-{f.end} {severity} {f.rule} {clean(f.message)}"
        if f.reason:  # a learned judgement: how sure, and the words that weighed
            line += f" [{clean(f.reason)}]"
        click.echo(line)
    if colour:
        status = "ok" if result.ok else "not ok"
        click.echo(
            f"{status}: {result.chars}/{result.limit} characters, "
            f"{len(result.findings)} finding(s)",
            err=True,
        )


def _list_rules(as_json: bool) -> None:
    rows = [
        {
            "id": r.id,
            "severity": r.severity,
            "kinds": sorted(r.kinds),
            "judged_by": "draft gate" if r.needs_draft else r.judged_by,
            "description": r.description,
        }
        for r in RULES
    ]
    if as_json:
        click.echo(json_text(rows, indent=2))
        return
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        click.echo(
            f"{r['id']:<{width}}  {r['severity']:<7}  {r['judged_by']:<20}  {r['description']}"
        )


def _lint_jsonl(source: str, options: dict) -> int:
    stream = sys.stdin if source == "-" else None
    try:
        handle = stream or open(source, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise click.UsageError(f"cannot read {source}: {exc.strerror}") from exc
    worst = 0
    # One result a line, written through the buffered stream rather than click.echo, which
    # flushes every line.
    out = sys.stdout
    with handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                    raise ValueError('each line needs an object with a "text" string')
                if len(item["text"]) > MAX_INPUT_CHARS:
                    raise ValueError(f"text is over {MAX_INPUT_CHARS:,} characters")
                result = lint(
                    item["text"],
                    kind=item.get("kind") or options["kind"],
                    situation=item.get("situation", options["situation"]),
                    account=item.get("account") or options["account"],
                    limit=item.get("limit", options["limit"]),
                    facts=item.get("facts"),
                    select=options["select"],
                    ignore=options["ignore"],
                    severity=options["severity"],
                )
            except (ValueError, TypeError) as exc:
                out.write(json_text({"line": n, "error": str(exc)}) + "\n")
                worst = 2
                continue
            out.write(escape_json(result.to_json()) + "\n")
            if not result.ok:
                worst = max(worst, 1)
    return worst


@click.command("lint")
@click.argument("text", required=False)
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default="invite",
    show_default=True,
    help="invite: your note; reply: your reply; incoming: a note you received.",
)
@click.option("--situation", type=click.Choice(SITUATIONS), help="Which reply this is.")
@click.option(
    "--account",
    type=click.Choice(ACCOUNTS),
    default="premium",
    show_default=True,
    help="Invitation note limit: 300 premium, 200 free.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), help="Character limit (overrides the default)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--jsonl", "jsonl", metavar="FILE|-", help="Lint one JSON object per line.")
@click.option("--select", multiple=True, metavar="IDS", help="Only these rule ids or prefixes.")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rule ids or prefixes.")
@click.option(
    "--facts",
    "facts_json",
    metavar="JSON",
    help='Facts for grounding: a JSON list, or {"sender": [...], "recipient": [...]}.',
)
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
def lint_command(
    text, kind, situation, account, limit, as_json, jsonl, select, ignore, facts_json, list_rules
) -> None:
    """Check TEXT (or - for standard input) against the guidance.

    Exit status: 0 no error-level findings, 1 error-level findings, 2 usage or input error.
    """
    if list_rules:
        _list_rules(as_json)
        return
    selected, ignored, severity = _lint_switches()
    options = {
        "kind": kind,
        "situation": situation,
        "account": account,
        "limit": limit,
        "select": _split_ids(select) or selected,
        "ignore": _split_ids(ignore) + ignored,
        "severity": severity,
    }
    if jsonl:
        sys.exit(_lint_jsonl(jsonl, options))
    facts = None
    if facts_json:
        try:
            facts = json.loads(facts_json)
        except json.JSONDecodeError as exc:
            raise click.UsageError(f"--facts is not valid JSON: {exc.msg}") from exc
        if not isinstance(facts, list | dict):
            raise click.UsageError(
                "--facts takes a JSON list, or an object with sender, recipient and shared lists"
            )
    try:
        result = lint(_read_text(text), facts=facts, **options)
    except (ValueError, TypeError) as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        click.echo(escape_json(result.to_json()))
    else:
        _print_human(result, colour=sys.stdout.isatty())
    sys.exit(0 if result.ok else 1)
