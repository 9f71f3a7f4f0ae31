"""reply.mentions-instructions: a reply must not talk about its prompt or instructions, a sign
that a hostile note steered it."""

import re
from collections.abc import Iterable

from assistant.lint.gate import Lazy
from assistant.lint.model import Context, Hit, Rule

_TALKS_ABOUT_PROMPT = Lazy(
    r"\b(?:system prompt|my instructions|my prompt|as an ai|language model|ignore (?:all |the )?"
    r"previous)\b",
    re.IGNORECASE,
)


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None:
        return
    for m in _TALKS_ABOUT_PROMPT.finditer(ctx.text):
        yield Hit(m.start(), m.end())


RULE = Rule(
    id="reply.mentions-instructions",
    severity="error",
    kinds=frozenset({"reply", "followup"}),
    needs_draft=True,
    description="Draft gate: a reply talks of its system prompt, its instructions, or being an AI.",
    explain='talk of "my system prompt", "my instructions", "as an AI", "language model", "ignore previous".',
    message="this talks about the model's instructions",
    suggestion="write the user's reply; say nothing about prompts or models",
    check=check,
    fails=[
        {"text": "Hi Chris, I'd love to discuss my system prompt.", "kind": "reply", "draft": {}},
        {
            "text": "Hi Chris, as an AI I cannot accept meetings. How can I help?",
            "kind": "reply",
            "draft": {},
        },
        {
            "text": "Hi Chris, my instructions say I should not reply to this.",
            "kind": "reply",
            "draft": {},
        },
    ],
    passes=[
        {
            "text": "Hi Chris, thanks for the request. How can I help?",
            "kind": "reply",
            "draft": {},
        },
        {
            "text": "Hi Chris, thanks! Happy to talk about prompt engineering some time.",
            "kind": "reply",
            "draft": {},
        },
        {"text": "Hi Chris, I'd love to discuss my system prompt.", "kind": "reply"},
    ],
)
