"""Triage of connection requests you receive: which reply fits, and why; one pasted note, or
every request in the platform's data export.

    >>> from assistant import triage
    >>> for row in triage("Basic_LinkedInDataExport.zip", drafts=True): ...

The package is callable (the same function as `assistant.api.triage`, which lives in
`assistant.triage.inbox`, so this package never imports the front door); the readers and the
rules are here.
"""

import sys
import types
from typing import Any

from assistant.triage.decide import ACTION_FOR, Assessment, assess
from assistant.triage.export import (
    Connection,
    Export,
    ExportError,
    Invitation,
    Message,
    read_connections,
    read_invitations,
    read_messages,
)
from assistant.triage.suggest import Suggestion, suggest_situation

__all__ = [
    "ACTION_FOR",
    "Assessment",
    "Connection",
    "Export",
    "ExportError",
    "Invitation",
    "Message",
    "Suggestion",
    "assess",
    "read_connections",
    "read_invitations",
    "read_messages",
    "suggest_situation",
]


class _CallableModule(types.ModuleType):
    """`from assistant import triage` gives this package; calling it triages an export (the
    drafting code loads on that first call, so the readers stay light)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from assistant.triage.inbox import triage_backlog

        return triage_backlog(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
