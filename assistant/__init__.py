"""Cordial: drafts LinkedIn connection messages the way experienced networkers write them.

Heavy modules (LangChain, the model runtime) load only when a draft is asked for,
so ``from assistant import lint`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant import lint  # the package is callable: lint(text, kind=...)

__all__ = ["lint"]

if TYPE_CHECKING:  # pragma: no cover
    pass


def __getattr__(name: str) -> Any:
    """Load the drafting API lazily: importing it pulls in LangChain."""
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
