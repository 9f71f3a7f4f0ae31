"""The linter: checks a note, a reply or an incoming request against the guidance.

    >>> from assistant import lint
    >>> lint("I'd like to add you to my professional network.").ok
    False

This package imports nothing else from Cordial, and nothing heavy, so `draft lint` starts fast.
"""

import sys
import types

from assistant.lint.engine import active_rules, count_chars, default_limit, lint
from assistant.lint.model import Facts, Finding, LintResult, Rule
from assistant.lint.registry import RULES, RULES_BY_ID

__all__ = [
    "RULES",
    "RULES_BY_ID",
    "Facts",
    "Finding",
    "LintResult",
    "Rule",
    "active_rules",
    "count_chars",
    "default_limit",
    "lint",
]


class _CallableModule(types.ModuleType):
    """`from assistant import lint` gives this package; calling it lints. The package and the
    function share one name, and neither shadows the other."""

    def __call__(self, *args, **kwargs) -> LintResult:
        return lint(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
