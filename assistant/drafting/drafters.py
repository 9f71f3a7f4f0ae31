"""One Drafter (and so one model client) per backend configuration, reused across calls by
every caller in the process: the library's drafts (assistant.api), batch triage, the CLI."""

from __future__ import annotations

import hashlib
import threading

from assistant.drafting.pipeline import Drafter
from assistant.settings import Settings

_drafters: dict[tuple, Drafter] = {}
_lock = threading.Lock()


def drafter_for(settings: Settings) -> Drafter:
    """One Drafter (and so one model client) per backend configuration, reused across calls."""
    key = (
        settings.backend,
        settings.model_name,
        settings.base_url,
        settings.timeout_s,
        settings.max_retries,
        settings.temperature,
        str(settings.home),
        # A changed key needs a new client; the key itself is never kept in the cache key.
        hashlib.sha256(settings.api_key.get_secret_value().encode()).hexdigest()
        if settings.api_key
        else None,
    )
    with _lock:
        if key not in _drafters:
            _drafters[key] = Drafter(settings)
        return _drafters[key]
