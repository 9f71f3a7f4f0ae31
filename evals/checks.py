"""Custom eval checks for the `python` assertion type: function(text, context) returning a bool
or (passed, score, reason)."""

from __future__ import annotations

import re


def mentions_first_name(text: str, context: dict) -> tuple[bool, float, str]:
    """The draft greets the other person by their first name."""
    values = context["task"].values
    name = values.get("recipient_name") or values.get("requester_name") or ""
    found = bool(name) and name.casefold() in text.casefold()
    return found, float(found), f"first name {name!r} {'found' if found else 'missing'}"


# A sign-off after the last sentence: "Best,\nSam" on lines of their own, or ". Cheers, Sam".
_SIGN_OFF_LINE = re.compile(r"^[^.!?]{0,30}$")
_INLINE_SIGN_OFF = re.compile(r"([.!?])\s+[A-Z][\w ]{0,20},\s+\S+(?: \S+)?$")
_TRAILING_EMOJI = re.compile(r"[\s\u200d\ufe0f\U0001f000-\U0001faff\u2600-\u27bf]+$")
# Words an English sentence does not stop on when it has no closing mark.
_DANGLING = frozenset(
    "a an the and or but to of for from with at in on about into by my your our their".split()
)


def ends_as_a_sentence(text: str, context: dict) -> tuple[bool, float, str]:
    """The draft's last sentence is finished: after the sign-off it ends on . ! ? … or an
    emoji, and not on an article, preposition or conjunction."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    while len(lines) > 1 and _SIGN_OFF_LINE.match(lines[-1]):
        lines.pop()
    last = _INLINE_SIGN_OFF.sub(r"\1", lines[-1]) if lines else ""
    closed = bool(_TRAILING_EMOJI.search(last)) or last.rstrip("\"')").endswith(
        (".", "!", "?", "…")
    )
    words = re.findall(r"[\w']+", last.lower())
    dangling = bool(words) and words[-1] in _DANGLING and not closed
    ok = closed and not dangling
    return ok, float(ok), "ends as a sentence" if ok else f"ends mid-sentence: {last[-40:]!r}"
