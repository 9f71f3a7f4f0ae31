"""Who writes a draft, registered by name, the way simonw/llm registers its models: `composer`
(deterministic, from the request's fields), `local` (the embedded model) and `openai` (any
OpenAI-compatible server). A new backend is one module with a `Writer` subclass and one
`register()`; `Settings.backend` names it, and `writer_for(settings)` builds it.

Light to import: the writers load LangChain and the model's machinery only when they write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.errors import CordialError
from assistant.writers.base import CONFIG_ERRORS, Call, NoChatModel, Writer
from assistant.writers.chat import CallersModel, ChatWriter
from assistant.writers.composer import Composer
from assistant.writers.local import LocalModel
from assistant.writers.openai_compatible import OpenAICompatible

if TYPE_CHECKING:  # pragma: no cover
    from assistant.settings import Settings

_WRITERS: dict[str, type[Writer]] = {}


def register(writer: type[Writer]) -> type[Writer]:
    """Make a writer available under its `name` (usable as a class decorator)."""
    _WRITERS[writer.name] = writer
    return writer


def writer_names() -> tuple[str, ...]:
    """The registered writers' names, for the --backend choices."""
    return tuple(_WRITERS)


def writer_for(settings: Settings, model: Any = None) -> Writer:
    """The writer `settings.backend` names; a LangChain chat model passed in writes instead
    (as 'custom')."""
    if model is not None:
        return CallersModel(settings, model)
    try:
        return _WRITERS[settings.backend](settings)
    except KeyError:
        raise CordialError(
            f"unknown backend {settings.backend!r}",
            f"use one of {', '.join(_WRITERS)}",
        ) from None


register(LocalModel)
register(OpenAICompatible)
register(Composer)

__all__ = [
    "CONFIG_ERRORS",
    "Call",
    "ChatWriter",
    "Composer",
    "LocalModel",
    "NoChatModel",
    "OpenAICompatible",
    "Writer",
    "register",
    "writer_for",
    "writer_names",
]
