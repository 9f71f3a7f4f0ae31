"""Cordial: drafts LinkedIn connection messages the way experienced networkers write them.

    from assistant import draft_invitation, draft_reply, lint, Settings

`lint` loads at once and stays light; the drafting API (which pulls in LangChain) loads on
first use, so `draft lint` and `from assistant import lint` start fast.
"""

from __future__ import annotations

from typing import Any

from assistant import lint  # the package is callable: lint(text, kind=...)

_LAZY = {
    "draft_invitation": "assistant.api",
    "draft_reply": "assistant.api",
    "adraft_invitation": "assistant.api",
    "adraft_reply": "assistant.api",
    "draft_followup": "assistant.api",
    "adraft_followup": "assistant.api",
    "followup_request": "assistant.api",
    "stream_invitation": "assistant.api",
    "stream_reply": "assistant.api",
    "revise_draft": "assistant.api",
    "stream_draft": "assistant.api",
    "check_draft": "assistant.api",
    "prepare_model": "assistant.api",
    "invitation_request": "assistant.api",
    "reply_request": "assistant.api",
    "history": "assistant.api",
    "extract_request": "assistant.api",
    "network_report": "assistant.api",
    "Settings": "assistant.settings",
    "Draft": "assistant.drafting.result",
    "InviteRequest": "assistant.requests",
    "ReplyRequest": "assistant.requests",
    "FollowupRequest": "assistant.requests",
    "Person": "assistant.requests",
}

__all__ = ["lint", "triage", *_LAZY]


def __getattr__(name: str) -> Any:
    """Import the drafting API on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
