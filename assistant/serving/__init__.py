"""The warm process, as the front doors see it: one llama.cpp server shared by every `draft`
call, the web chat and the library, and a draft service beside it (`draft_service.py`).

Light to import on purpose: `draft` calls it before every command, and a warm draft must not
pay for importing LangChain. The machinery is `assistant.backends.shared_server`."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from assistant.backends import shared_server

__all__ = ["IDLE_S", "draft_remotely", "serve", "start_on_first_use", "status", "stop"]

IDLE_S = shared_server.IDLE_S


def start_on_first_use(enabled: bool = True) -> None:
    """Let this process start the shared server in the background when the model is first
    needed and none is running."""
    shared_server.start_on_first_use(enabled)


def status(settings: Any) -> dict[str, Any] | None:
    """Where the running shared server is (model, address, pid, started) and for how many
    seconds nobody used it; None when none runs. Its key is never included."""
    endpoint = shared_server.running(settings.home)
    if endpoint is None:
        return None
    last_used = shared_server.state_path(settings.home).stat().st_mtime
    return {**endpoint.public(), "idle_s": round(time.time() - last_used)}


def stop(settings: Any) -> int | None:
    """Stop the running shared server; its pid, or None when none ran."""
    endpoint = shared_server.stop_running(settings)
    return endpoint.pid if endpoint else None


def draft_remotely(kind: str, request: Any, variants: int, settings: Any) -> Any:
    """The Draft made by the warm process's draft service (starting the server if none runs);
    None when it cannot help (the settings' writer does not draft there), and the caller drafts
    in its own process."""
    from assistant.writers import writer_for

    if not writer_for(settings).warm_process:
        return None
    # Imported here: its HTTP server modules would slow every `draft lint` by ~60 ms.
    from assistant.serving.draft_service import draft_remotely as remotely

    return remotely(kind, request, variants, settings)


def serve(
    settings: Any,
    *,
    idle_s: float | None,
    on_ready: Callable[[Any, bool], None] | None = None,
) -> None:
    """Run the shared model server and the draft service beside it until stopped, or until
    `idle_s` seconds pass unused (None: never). `on_ready(endpoint, restored)` is told where
    it listens and whether the saved prompt cache was restored."""
    from assistant.serving.draft_service import SERVICE, DraftService

    # Later `draft` calls send their checked requests to the service rather than start LangChain.
    drafts = DraftService().start()
    try:
        shared_server.serve(
            settings, idle_s=idle_s, on_ready=on_ready, services={SERVICE: drafts.public()}
        )
    finally:
        drafts.close()
