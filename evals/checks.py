"""Custom eval checks for the `python` assertion type: function(text, context) returning a bool
or (passed, score, reason)."""

from __future__ import annotations


def mentions_first_name(text: str, context: dict) -> tuple[bool, float, str]:
    """The draft greets the other person by their first name."""
    values = context["task"].values
    name = values.get("recipient_name") or values.get("requester_name") or ""
    found = bool(name) and name.casefold() in text.casefold()
    return found, float(found), f"first name {name!r} {'found' if found else 'missing'}"
