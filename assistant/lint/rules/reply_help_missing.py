"""reply.help-missing: a "how can I help?" reply exists to ask what they are looking for or
how the user can help (the guidance's step 3), so it must ask that."""

import re
from collections.abc import Iterable

from assistant.lint.gate import Lazy
from assistant.lint.model import Context, Hit, Rule

# A question that asks what they want: "how can I help?", "What are you looking for?", "what
# did you have in mind?", "anything I can do for you?".
_ASKS_WHAT_THEY_WANT = Lazy(
    r"\b(?:help|looking for|have in mind|hoping (?:for|to)|(?:can I|I can) do|hope to)\b[^.!?]*\?",
    re.IGNORECASE,
)


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None or ctx.situation != "how-can-i-help":
        return
    if not _ASKS_WHAT_THEY_WANT.search(ctx.text):
        yield Hit(0, len(ctx.text))


def _reply(text: str, situation: str = "how-can-i-help") -> dict:
    return {"text": text, "kind": "reply", "situation": situation, "draft": {}}


RULE = Rule(
    id="reply.help-missing",
    severity="error",
    kinds=frozenset({"reply"}),
    needs_draft=True,
    description="Draft gate: a how-can-i-help reply never asks what they are looking for.",
    explain='a `how-can-i-help` reply with no question asking what they are looking for or how the user can help ("What are you looking for, and how can I help?").',
    message="this does not ask what they are looking for or how you can help",
    suggestion='ask it: "What are you looking for, and how can I help?"',
    check=check,
    fails=[
        _reply(
            "Hi Kofi, thanks for the request! I don't think we've met yet. Could you share "
            "some examples of your work?"
        ),
        _reply("Hi Kofi, thanks for the request! I don't think we've met yet."),
        _reply("Hi Kofi, thanks! Happy to help with anything."),
    ],
    passes=[
        _reply(
            "Hi Kofi, thanks for the request! I don't think we've met yet. What are you "
            "looking for, and how can I help?"
        ),
        _reply("Hi Kofi, thanks for reaching out. What did you have in mind?"),
        _reply("Hi Kofi, thanks! Is there anything I can do for you?"),
        _reply("Hi Kofi, thanks for the request. I keep connections for people I know.", "letdown"),
    ],
)
