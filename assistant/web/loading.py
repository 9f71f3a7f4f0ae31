"""Getting the writer ready for the web chat: a message sent before the embedded model is ready
shows the progress of its preparation."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from assistant import api
from assistant.settings import Settings


def model_notices(settings: Settings) -> Iterator[str]:
    """Notices while the writer is prepared on first use (the embedded model's assembly and
    loading); nothing when it is ready at once."""
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
