"""A chat model as Cordial calls it: built once, its token cap and seed bound per call, streamed
so the time to first token is known, its usage counted, and every failure one line that opens
the breaker. The model writers (local, openai) and a caller's own LangChain model share it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.writers.base import CONFIG_ERRORS, Call, Writer

if TYPE_CHECKING:  # pragma: no cover
    from assistant.errors import CordialError
    from assistant.settings import Settings


class ChatWriter(Writer):
    """A writer that answers prompts with a LangChain chat model; subclasses build the model."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._model: Any = None

    def chat_model(self, *, temperature: float | None = None, max_tokens: int | None = None) -> Any:
        """A new LangChain chat model for this writer's server (explicit timeout and retries)."""
        raise NotImplementedError

    def model(self) -> Any:
        """The LangChain chat model, built on first use and reused."""
        if self._model is None:
            self._model = self.chat_model()
        return self._model

    def prepare(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Build the chat model now rather than at the first draft."""
        self.model()

    def prime(self, prompts: tuple[str, ...]) -> None:
        """Have the model read each prompt's fixed part (its rules and examples) now, one token
        answered, so a server that keeps prompt prefixes (llama.cpp) skips them on the first
        draft: 400-700 tokens a prompt, several seconds each on a small CPU."""
        from assistant.prompting.templates import load_prompt, render

        for name in prompts:
            blanks = dict.fromkeys(load_prompt(name).variables, "")
            messages = render(name, blanks)
            for _ in self.answer(messages, max_tokens=1, seed=None, on_done=lambda _call: None):
                pass

    def answer(
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
        call = self._cost(full, messages, text, time.perf_counter() - start, first)
        on_done(replace(call, at_token_cap=self._at_cap(full, call, max_tokens)))

    def _failure(self, exc: BaseException) -> CordialError:
        """The one-line error for a failed call; it also opens the breaker."""
        from assistant.backends.chat_models import describe_failure

        error = describe_failure(exc, timeout_s=self.settings.timeout_s)
        self.breaker.failed(str(error))
        return error

    @staticmethod
    def _at_cap(message: Any, call: Call, max_tokens: int) -> bool:
        """True when the answer stopped because it reached max_tokens: the server says so
        (finish reason "length"), or it reported exactly that many completion tokens. A count
        made with tiktoken is only an estimate and decides nothing."""
        meta = getattr(message, "response_metadata", None) or {}
        if meta.get("finish_reason") == "length":
            return True
        return not call.approximate and call.completion_tokens >= max_tokens

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


class CallersModel(ChatWriter):
    """A LangChain chat model a caller passes in (tests, custom servers): drafts say 'custom'."""

    name = "custom"

    def __init__(self, settings: Settings, model: Any) -> None:
        super().__init__(settings)
        self._model = model
