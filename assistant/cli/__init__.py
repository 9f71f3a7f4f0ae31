"""The `draft` command: a thin layer over the library. Each subcommand lives in its own module
and imports heavy libraries only when it runs, so `draft lint` starts fast."""

from __future__ import annotations

import sys

import click

from assistant.cli.config_cmds import config_group, history_command
from assistant.cli.draft_cmds import demo_command, invite_command, reply_command
from assistant.cli.eval_cmd import eval_command
from assistant.cli.lint_cmd import lint_command
from assistant.cli.output import clean
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
    config_group,
    history_command,
    demo_command,
    eval_command,
    triage_command,
    network_command,
):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: every failure is one line on stderr, never a traceback."""
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
