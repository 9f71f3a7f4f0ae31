"""`draft serve`: the shared warm model server that later `draft` calls and the web chat reuse."""

from __future__ import annotations

from typing import Any

import click

from assistant.cli.output import json_text


@click.command("serve")
@click.option("--status", "show_status", is_flag=True, help="Say whether one runs, and where.")
@click.option("--stop", "stop_it", is_flag=True, help="Stop the running shared server.")
@click.option(
    "--idle",
    type=click.FloatRange(min=0),
    default=None,
    help="Exit after this many seconds unused, 0 never "
    "(default: 600 in the background, never in the foreground).",
)
@click.option("--model", default=None, help="Model name (default: the local backend's).")
@click.option("--background", is_flag=True, hidden=True, help="Started by another draft call.")
def serve_command(
    show_status: bool, stop_it: bool, idle: float | None, model: str | None, background: bool
) -> None:
    """Run the embedded model server that `draft invite`/`reply`, the web chat and the library
    reuse, so each draft skips loading the model. `draft` starts one in the background on first
    use (it exits after 10 idle minutes; CORDIAL_KEEP_WARM=0 turns that off)."""
    from assistant import serving
    from assistant.settings import Settings

    settings = Settings(backend="local", **({"model": model} if model else {}))
    if show_status:
        info = serving.status(settings)
        click.echo(json_text(info) if info else "no shared model server is running")
        return
    if stop_it:
        pid = serving.stop(settings)
        click.echo(f"stopped the shared model server (pid {pid})" if pid
                   else "no shared model server is running")
        return

    def ready(endpoint: Any, restored: bool) -> None:
        cache = "its saved prompt cache restored" if restored else "no saved prompt cache"
        click.echo(f"serving {endpoint.model} at {endpoint.base_url} (pid {endpoint.pid}, "
                   f"{cache}); Ctrl-C to stop", err=True)

    idle_s = idle if idle is not None else (serving.IDLE_S if background else None)
    serving.serve(settings, idle_s=idle_s or None, on_ready=ready)
