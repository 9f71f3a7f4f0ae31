"""A chat model as Cordial calls it: built once, its token cap and seed bound per call, streamed
so the time to first token is known, its usage counted, and every failure one line that opens
the breaker. The Drafter's gate loop asks it for text; it knows nothing of drafts."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.backends.breaker import Breaker
from assistant.errors import CordialError, ModelFilesError, NeedsKeyError

if TYPE_CHECKING:  # pragma: no cover
    from assistant.settings import Settings

# Configuration problems are the user's to fix: they are raised, not papered over.
CONFIG_ERRORS = (NeedsKeyError, ModelFilesError)


@dataclass(frozen=True)
class Call:
    """What one finished call cost."""

    seconds: float
    first_token_s: float | None
    prompt_tokens: int
    completion_tokens: int
    approximate: bool  # counted with tiktoken: the server reported no usage


class ChatBackend:
    """The configured chat model (local or OpenAI-compatible), or one a caller injects."""

    def __init__(self, settings: Settings, model: Any = None) -> None:
        self.settings = settings
        self._model = model
        self.injected = model is not None
        # After a failure the model is not asked again for a while; the composer answers.
        self.breaker = Breaker()

    @property
    def name(self) -> str:
        """The backend name reported on drafts; an injected model reports as 'custom'."""
        return "custom" if self.injected else self.settings.backend

    def model(self, progress: Callable[[int, int], None] | None = None) -> Any:
        """The LangChain chat model, built once; `progress(done, total)` reports the embedded
        model's assembly on first use."""
        if self._model is None:
            from assistant.backends.chat_models import make_chat_model

            if self.settings.backend == "local":
                from assistant.backends.model_files import ensure_model

                # Assemble the model file here, where its progress is shown; the server (this
                # process's or the shared warm one) starts in make_chat_model.
                ensure_model(self.settings.home, progress)
            self._model = make_chat_model(self.settings)
        return self._model

    def stream(
        self,
        messages: list[Any],
        *,
        max_tokens: int,
        seed: int | None,
        on_done: Callable[[Call], None],
    ) -> Iterator[str]:
        """The answer's text chunks as they arrive; `on_done` gets the call's cost at the end.
        Every failure but a configuration error is raised as a one-line CordialError."""
        self.breaker.check()
        start = time.perf_counter()
        first: float | None = None
        full = None
        params: dict[str, Any] = {"max_tokens": max_tokens}
        if seed is not None:
            params["seed"] = seed
        model = self.model()
        bound = model.bind(**params) if hasattr(model, "bind") else model
        try:
            for chunk in bound.stream(messages):
                if chunk.content:
                    if first is None:
                        first = time.perf_counter() - start
                    yield str(chunk.content)
                full = chunk if full is None else full + chunk
        except CONFIG_ERRORS:
            raise
        except ValueError as exc:
            # LangChain raises this when a stream ends with no chunk: an empty answer, which
            # the gate rejects like any other bad draft; anything else is a failure.
            if "No generation chunks" not in str(exc):
                raise self._failure(exc) from None
        except Exception as exc:  # noqa: BLE001 - every failure becomes a one-line reason
            # Not chained: a server's error body can echo part of the API key ("sk-...wxyz"),
            # and a printed traceback would show it. The original stays in __context__.
            raise self._failure(exc) from None
        self.breaker.succeeded()
        text = "" if full is None else str(full.content)
        on_done(self._cost(full, messages, text, time.perf_counter() - start, first))

    def _failure(self, exc: BaseException) -> CordialError:
        """The one-line error for a failed call; it also opens the breaker."""
        from assistant.backends.chat_models import describe_failure

        error = describe_failure(exc, timeout_s=self.settings.timeout_s)
        self.breaker.failed(str(error))
        return error

    @staticmethod
    def _cost(
        message: Any, prompt: list[Any], text: str, seconds: float, first: float | None
    ) -> Call:
        meta = getattr(message, "usage_metadata", None) or {}
        if meta.get("input_tokens"):
            return Call(seconds, first, meta["input_tokens"], meta.get("output_tokens", 0), False)
        from assistant.backends.tokens import count_tokens

        prompt_tokens = count_tokens(" ".join(str(m.content) for m in prompt))
        return Call(seconds, first, prompt_tokens, count_tokens(text), True)


# The backends that draft with a chat model, by name; a new one is a module and a name here (the
# composer needs none: it writes from the request itself).
MODEL_BACKENDS = {"local": ChatBackend, "openai": ChatBackend}


def model_backend(settings: Settings, model: Any = None) -> ChatBackend | None:
    """The chat backend the settings name (or one around an injected model); None for the
    composer."""
    if model is not None:
        return ChatBackend(settings, model)
    backend = MODEL_BACKENDS.get(settings.backend)
    return backend(settings) if backend is not None else None
