"""Tidies model output into the note itself: no preamble, wrapping quotes or sign-off stubs."""

from __future__ import annotations

import re

_PREAMBLE = re.compile(
    r"^\s*(?:(?:sure|certainly|of course|okay|ok|absolutely)[!,.]?\s*)?"
    r"(?:here(?:'s| is| are)|below is|this is)\b[^\n:]{0,80}:\s*",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^\s*(?:note|message|reply|draft|revised (?:note|message|draft)|subject)\s*:\s*", re.IGNORECASE
)
_QUOTES = {'"': '"', "\u201c": "\u201d", "'": "'", "\u2018": "\u2019", "`": "`"}
# A closing line that is only a sign-off or a placeholder for the sender's name.
_SIGN_OFF = re.compile(
    r"\n+\s*(?:(?:best|best regards|kind regards|regards|cheers|thanks|thank you|warmly|"
    r"sincerely|all the best)[,!.]?\s*)?(?:\n\s*)?"
    r"(?:\[[^\]\n]{1,30}\]|\{[^}\n]{1,30}\}|<[^>\n]{1,30}>)?\s*$",
    re.IGNORECASE,
)
_TRAILING_NOTE = re.compile(
    r"\n\s*\n\s*(?:\(|note:|\*note|---|character count|\[\d+ char).*$", re.IGNORECASE | re.DOTALL
)


def clean(text: str) -> str:
    """The note without chat preambles, labels, wrapping quotes, markdown or sign-off stubs."""
    text = (text or "").replace("\r\n", "\n").strip()
    text = text.replace("**", "").replace("__", "")
    text = _TRAILING_NOTE.sub("", text)
    text = _PREAMBLE.sub("", text, count=1)
    text = _LABEL.sub("", text, count=1)
    text = _strip_quotes(text.strip())
    text = _SIGN_OFF.sub("", text).strip()
    # One paragraph reads best in an invitation box; keep single line breaks only.
    text = re.sub(r"\n{3,}", "\n\n", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def _strip_quotes(text: str) -> str:
    if len(text) >= 2 and text[0] in _QUOTES and text.endswith(_QUOTES[text[0]]):
        inner = text[1:-1]
        if text[0] not in inner:  # a quoted phrase inside is not a wrapper
            return inner.strip()
    return text
