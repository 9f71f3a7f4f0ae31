"""invite.third-person: an invitation speaks to the person addressed, not of them: "her talk"
to the one who gave it is a small model's slip (fine in a referral, about the referrer)."""

import re
from collections.abc import Iterable

from assistant.lint.gate import Lazy
from assistant.lint.model import Context, Hit, Rule

_THIRD_PERSON = Lazy(
    r"\b(?:her|his)\s+(?:\w+\s+){0,2}(?:talk|post|paper|article|book|keynote|session|research|"
    r"work|case study|lecture|newsletter|podcast|project|team|company|covers?)\b",
    re.IGNORECASE,
)


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None or ctx.draft.relationship == "referral":
        return
    for m in _THIRD_PERSON.finditer(ctx.text):
        yield Hit(m.start(), m.end())


RULE = Rule(
    id="invite.third-person",
    severity="error",
    kinds=frozenset({"invite"}),
    needs_draft=True,
    description='Draft gate: the recipient called "her" or "his" next to their own work.',
    explain='"her" or "his" next to the recipient\'s own work ("her talk", "his recent article"); not when the `relationship` is `referral`.',
    message="this speaks of the recipient in the third person",
    suggestion='speak to them: "your talk", not "her talk"',
    check=check,
    fails=[
        {
            "text": "Hi Jordan, I'm Sam. I loved her DataConf talk on streaming. May I connect?",
            "draft": {},
        },
        {
            "text": "Hi Ana, I'm Sam, a nurse. His recent article on shifts helped me.",
            "draft": {"relationship": "stranger"},
        },
        {
            "text": "Hi Lee, I'm Sam. Her work on the Helio project is great; may I connect?",
            "draft": {"relationship": "met"},
        },
    ],
    passes=[
        {
            "text": "Hi Jordan, I'm Sam. I loved your DataConf talk on streaming. May I connect?",
            "draft": {},
        },
        {
            "text": "Hi Jordan, Priya suggested I write: her team uses your library daily.",
            "draft": {"relationship": "referral"},
        },
        {"text": "Hi Jordan, I'm Sam. I loved her DataConf talk on streaming. May I connect?"},
    ],
)
