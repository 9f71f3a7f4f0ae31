"""One circuit breaker for every model call: after a failure the model is not asked again for a
while, so a dead or hung server costs one call's attempts, not one set per step or per row."""

from __future__ import annotations

import math
import time

from assistant.errors import BackendError

# A web chat turn extracts, then drafts; a batch drafts row after row: 30 s covers a turn.
OPEN_S = 30.0


class Breaker:
    """Open for `open_s` after a failure (math.inf: until reset); closed by a success."""

    def __init__(self, open_s: float = OPEN_S) -> None:
        self.open_s = open_s
        self._failure: tuple[float, str] | None = None

    @property
    def reason(self) -> str | None:
        """Why it is open, or None when it is closed."""
        if self._failure is None:
            return None
        when, why = self._failure
        return why if time.monotonic() - when < self.open_s else None

    def check(self) -> None:
        """Raise the last failure again while the breaker is open."""
        why = self.reason
        if why is not None:
            wait = "" if math.isinf(self.open_s) else f" for {self.open_s:.0f} s"
            raise BackendError(f"{why} (not asked again{wait})")

    def failed(self, why: str) -> None:
        """Open the breaker with this reason."""
        self._failure = (time.monotonic(), why)

    def succeeded(self) -> None:
        """Close the breaker."""
        self._failure = None
