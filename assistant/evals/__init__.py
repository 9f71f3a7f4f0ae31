"""The eval suite: cases as data (evals/cases/*.yaml), assertions, a runner and baselines.

    from assistant.evals import load_cases, run, compare, load_baseline

Its public names load on first use, so importing one submodule (the grammar check, the cache)
does not pull in the runner and the drafting pipeline."""

from __future__ import annotations

from typing import Any

_LAZY = {
    "load_cases": "assistant.evals.cases",
    "run": "assistant.evals.runner",
    "compare": "assistant.evals.runner",
    "load_baseline": "assistant.evals.runner",
    "save_baseline": "assistant.evals.runner",
    "spread": "assistant.evals.runner",
    "ResponseCache": "assistant.evals.cache",
}

__all__ = ["report", *_LAZY]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use."""
    import importlib

    if name == "report":  # the report writers: markdown, as_html, junit
        return importlib.import_module("assistant.evals.report")
    if name not in _LAZY:
        raise AttributeError(f"module 'assistant.evals' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
