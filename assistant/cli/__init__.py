"""The `draft` command: a thin layer over the library. Each subcommand lives in its own module
and imports heavy libraries only when it runs, so `draft lint` starts fast."""

from __future__ import annotations

import sys

import click

from assistant.cli.config_cmds import config_group, history_command
from assistant.cli.draft_cmds import (
    demo_command,
    followup_command,
    invite_command,
    reply_command,
)
from assistant.cli.eval_cmd import eval_command
from assistant.cli.lint_cmd import lint_command
from assistant.cli.outcomes_cmd import outcomes_command
from assistant.cli.output import clean
from assistant.cli.serve_cmd import serve_command
from assistant.cli.triage_cmds import network_command, triage_command
from assistant.errors import CordialError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cordial")
def cli() -> None:
    """Cordial: draft and check LinkedIn connection messages, offline by default."""


for command in (
    lint_command,
    invite_command,
    reply_command,
    followup_command,
    config_group,
    history_command,
    demo_command,
    eval_command,
    triage_command,
    network_command,
    outcomes_command,
    serve_command,
):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: every failure is one line on stderr, never a traceback."""
    # A person scripting `draft` in a loop gets a warm model after the first call. (Through the
    # light assistant.serving, not assistant.api: that would slow every `draft lint`.)
    from assistant.serving import start_on_first_use

    start_on_first_use()
    try:
        cli.main(args=argv, prog_name="draft", standalone_mode=False)
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        click.echo(f"error: {clean(exc.format_message())}{hint}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"error: {clean(exc.format_message())}", err=True)
        sys.exit(exc.exit_code)
    except CordialError as exc:
        click.echo(f"error: {clean(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:
        problem = _settings_problem(exc)
        if problem is None:
            raise
        click.echo(f"error: {clean(problem)}", err=True)
        sys.exit(1)


def _settings_problem(exc: Exception) -> str | None:
    """One line for settings that cannot be used (environment, .env, cordial.toml), else None;
    never the value itself, which may be the API key."""
    import tomllib

    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    from assistant.settings import default_home

    toml = default_home() / "cordial.toml"
    where = f"check the CORDIAL_* variables, .env and {toml}"
    if isinstance(exc, tomllib.TOMLDecodeError):
        return f"{toml} is not valid TOML: {exc} (fix that line)"
    if isinstance(exc, SettingsError):
        return f"cannot read the settings: {exc} ({where})"
    if isinstance(exc, ValidationError) and exc.title == "Settings":
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"])
        return f"the setting {name} is invalid: {first['msg']} ({where})"
    return None
