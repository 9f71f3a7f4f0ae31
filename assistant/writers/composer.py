"""The composer as a writer: deterministic drafts from the request's fields (assistant.composer),
instant, and the fallback of every other writer."""

from __future__ import annotations

from assistant.writers.base import Composable, Writer


class Composer(Writer):
    """Writes from the request's fields; answers no prompt."""

    name = "composer"
    deterministic = True

    def write(self, task: Composable, sample: int) -> str:
        """The composer's draft; `sample` picks the wording (the same sample, the same text)."""
        return task.compose(sample)

    def status(self) -> str:
        return "Backend: composer (instant drafts from your fields, no model)."
