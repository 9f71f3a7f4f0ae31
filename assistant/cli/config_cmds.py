"""`draft config show` and `draft history`."""

from __future__ import annotations

import click

from assistant.cli.output import clean, json_text


@click.group("config")
def config_group() -> None:
    """Show Cordial's settings."""


@config_group.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def config_show(as_json: bool) -> None:
    """Print the effective settings (environment, .env, cordial.toml), secrets masked."""
    from assistant.settings import Settings

    settings = Settings()
    data = settings.public_dict()
    data["settings_file"] = str(settings.settings_file)
    if as_json:
        click.echo(json_text(data, indent=2))
        return
    for key, value in data.items():
        click.echo(f"{key:<16} {json_text(value)}")


@click.command("history")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON lines.")
@click.option("--limit", type=click.IntRange(0, 10_000), default=10, show_default=True)
def history_command(as_json: bool, limit: int) -> None:
    """List your most recent drafts, newest first."""
    from assistant.api import history

    for row in history(limit):
        if as_json:
            click.echo(json_text(row))
            continue
        who = row["request"].get("recipient") or row["request"].get("requester") or {}
        flag = " (composer fallback)" if row["fallback"] else ""
        click.echo(
            f"#{row['id']} {row['kind']} to {clean(who.get('name', '?'))}{flag}: "
            f"{clean(row['text'])}"
        )
