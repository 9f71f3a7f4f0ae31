"""reply.how-met-missing: a "how did we meet?" reply exists to ask where the two met or how
they found the user (the guidance's step 3), so it must ask that. A small model sometimes
thanks them, says nothing of the meeting, and closes."""

import re
from collections.abc import Iterable

from assistant.lint.gate import Lazy
from assistant.lint.model import Context, Hit, Rule

# A question about the meeting or the finding: "Where did we meet?", "Could you remind me?",
# "How did you come across my profile?", "Which event was it?", "Have we met before?".
_ASKS_HOW_MET = Lazy(
    r"(?:^|[.!?\n])[^.!?\n]*(?:\bwhere\b|\bremind\b|\bwhich (?:event|conference|meetup|"
    r"company|team|project|school|course|group)\b|\bhow\b[^.!?\n]*\b(?:met|meet|know|knew|"
    r"find|found|came|come|cross|crossed|connect|connected|heard|hear|got|get|reach|"
    r"reached)\b|\b(?:have|had|did|do) we (?:met|meet|cross|work|speak|talk|know)\b|"
    r"\bwas it (?:at|through|in|during|via|from|when)\b)[^.!?\n]*\?",
    re.IGNORECASE,
)
# The same ask put as a request rather than a question: "Please remind me where we met."
_REQUESTS_HOW_MET = Lazy(
    r"\b(?:remind me|let me know|tell me|jog my memory)\b[^.!?\n]{0,40}\b(?:where|how|which)\b",
    re.IGNORECASE,
)


def check(ctx: Context) -> Iterable[Hit]:
    # The phrases are English; a reply in another language is draft.other-language's to judge.
    if ctx.draft is None or ctx.situation != "how-met" or not ctx.english:
        return
    if not (_ASKS_HOW_MET.search(ctx.text) or _REQUESTS_HOW_MET.search(ctx.text)):
        yield Hit(0, len(ctx.text))


def _reply(text: str, situation: str = "how-met") -> dict:
    return {"text": text, "kind": "reply", "situation": situation, "draft": {}}


RULE = Rule(
    id="reply.how-met-missing",
    severity="error",
    kinds=frozenset({"reply"}),
    needs_draft=True,
    description="Draft gate: a how-met reply never asks where you met or how they found you.",
    explain='a `how-met` reply with no question (or request) about where the two met or how they found the user ("Could you remind me where we met?", "How did you come across my profile?"). Silent on replies that are not in English.',
    message="this never asks where you met or how they found you",
    suggestion='ask it: "Could you remind me where we met, or how you found my profile?"',
    check=check,
    fails=[
        _reply(
            "Hi Ana, thanks for reaching out! I'm always glad to hear from people in design. "
            "Looking forward to hearing back from"
        ),
        _reply("Hi Ana, thanks for the request! How are you doing these days?"),
        _reply(
            "Hello Ana,\n\nThank you for the invitation. I'm sorry, my memory fails me "
            "sometimes. Let's stay in touch.\n\nBest,\nRosa"
        ),
        _reply("Hi Ana, thanks for connecting! What are you working on at the moment?"),
    ],
    passes=[
        _reply(
            "Hi Ana, thanks for reaching out! I'm sorry, I can't quite place where we met. "
            "Could you remind me?"
        ),
        _reply("Hi Ana, thanks for the request. How did you come across my profile?"),
        _reply("Hi Ana, thank you! Have we met before? Looking forward to hearing from you."),
        _reply("Hi Ana, thanks for connecting. Please remind me where we crossed paths."),
        _reply("Hi Ana, thanks! I can't recall where we met. Was it through the Acme project?"),
        _reply("Hi Ana, thanks for the request! How are you doing?", "accept"),
        _reply("Hola Ana, gracias por la invitación. ¿Dónde nos conocimos? Un saludo, Rosa"),
    ],
)
