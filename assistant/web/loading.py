"""Getting the embedded model ready for the web chat: loaded while the page opens, with
progress notices for a message sent before it is ready."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

from assistant import api
from assistant.errors import CordialError
from assistant.settings import Settings


def model_notices(settings: Settings) -> Iterator[str]:
    """Notices while the embedded model is prepared on first use; nothing when it is ready."""
    if settings.backend != "local":
        return
    progress = {"done": 0, "total": 0}
    errors: list[BaseException] = []

    def load() -> None:
        try:
            api.prepare_model(settings, lambda done, total: progress.update(done=done, total=total))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the request thread
            errors.append(exc)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(0.3)
    while worker.is_alive():
        if progress["total"]:
            pct = 100 * progress["done"] // progress["total"]
            yield f"Preparing the embedded model (first use): {pct}%…"
        else:
            yield "Preparing the embedded model (first use, about a minute)…"
        worker.join(0.5)
    if errors:
        raise errors[0]


def load_model_in_background(settings: Settings) -> None:
    """Start (or reuse) the shared warm model server now, not at the first message; a first
    message sent before it is ready shows the progress notices above."""
    if settings.backend != "local":
        return
    api.start_model_on_first_use()

    def load() -> None:
        try:
            api.prepare_model(settings)
        except CordialError as exc:  # the first draft reports it, with its fix
            print(f"note: the model is not ready yet: {exc}", file=sys.stderr)

    threading.Thread(target=load, name="load-model", daemon=True).start()
