"""note.blank: a blank request is the most common complaint recipients have."""

import unicodedata
from collections.abc import Iterable

from assistant.lint.model import Context, Hit, Rule


def _visible(c: str) -> bool:
    # Zero-width and control characters show nothing, so they do not make a note.
    return not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")


def check(ctx: Context) -> Iterable[Hit]:
    if not any(_visible(c) for c in ctx.text):
        yield Hit(0, len(ctx.text))


RULE = Rule(
    id="note.blank",
    severity="error",
    description="The text is empty or only white space.",
    explain="the text is empty or only white space.",
    message="the note is blank: say who you are, why this person, and what you would like",
    check=check,
    fails=[
        "",
        "   \n\t",
        "\u200b\u200b",
        {"text": "", "kind": "reply"},
        {"text": " ", "kind": "incoming"},
    ],
    passes=["Hi", "Hi Ana, I'm Sam.", {"text": "Thanks!", "kind": "reply"}],
)
