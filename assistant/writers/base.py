"""What every writer is: a name, whether it is deterministic, how it gets ready, and how it
writes. The Drafter (assistant/drafting/pipeline.py) asks the chosen writer, gates what it
writes, and falls back to the composer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from assistant.backends.breaker import Breaker
from assistant.errors import CordialError, ModelFilesError, NeedsKeyError

if TYPE_CHECKING:  # pragma: no cover
    from assistant.settings import Settings

# Configuration problems are the user's to fix: they are raised, not papered over.
CONFIG_ERRORS = (NeedsKeyError, ModelFilesError)


@dataclass(frozen=True)
class Call:
    """What one finished model call cost."""

    seconds: float
    first_token_s: float | None
    prompt_tokens: int
    completion_tokens: int
    approximate: bool  # counted with tiktoken: the server reported no usage
    # The answer stopped at its max-token cap (finish reason "length", or as many tokens as
    # the cap): its text was cut, not finished, and the Drafter asks again.
    at_token_cap: bool = False


class Composable(Protocol):
    """What a writer without a prompt needs of a drafting task (assistant.drafting.tasks.Task):
    the composer's draft for it, `variant` picking the wording."""

    def compose(self, variant: int) -> str: ...


class NoChatModel(CordialError):
    """The writer answers no prompt (the composer writes from the request's fields alone)."""


class Writer:
    """Who writes drafts. A subclass sets `name` and is registered (assistant.writers); the
    Drafter gates its drafts and falls back to the composer."""

    name: ClassVar[str]
    # The same task always gives the same text: there is no point asking again, and the eval
    # gate may judge each case on one run.
    deterministic: ClassVar[bool] = False
    # At most this many calls at once are worth making (None: as many as the caller wants).
    concurrency: ClassVar[int | None] = None
    # Its drafts can be made in the shared warm process (`draft serve`) for later `draft` calls.
    warm_process: ClassVar[bool] = False

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # After a failure the writer is not asked again for a while; the composer answers.
        self.breaker = Breaker()

    def prepare(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Get ready for the first draft (`progress(done, total)` reports any long set-up);
        most writers have nothing to do."""

    def warm(self, prompts: tuple[str, ...] = ()) -> None:
        """Start getting ready in the background as a front door opens (and read the fixed part
        of `prompts`, the ones its first request will use, where that saves time later);
        nothing by default."""

    def status(self) -> str:
        """One line for a front door: who writes the drafts."""
        return f"Backend: {self.name} ({self.settings.model_name})."

    def write(self, task: Composable, sample: int) -> str:
        """A draft for the task without a prompt: only a deterministic writer (the composer)
        writes one; `sample` picks its wording."""
        raise NoChatModel(
            f"the {self.name} backend writes from a prompt", "ask it through the Drafter"
        )

    def answer(
        self,
        messages: list[Any],
        *,
        max_tokens: int,
        seed: int | None,
        on_done: Callable[[Call], None],
    ) -> Iterator[str]:
        """The answer to a rendered prompt, in text chunks as they arrive; `on_done` gets the
        call's cost. Every failure but a configuration error is one line (CordialError)."""
        raise NoChatModel(
            f"the {self.name} backend does not use a chat model",
            "use --backend local or --backend openai",
        )
