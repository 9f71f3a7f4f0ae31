"""invite.reversed-ask: when the user asks for advice or help, the invitation must ask for
it, not offer it ("I'd love to mentor you"); and whatever the user asks, a general offer of
help ("Is there anything I can help you with?") must not take its place."""

import re
from collections.abc import Iterable

from assistant.lint.gate import Lazy, user_ask
from assistant.lint.model import Context, Hit, Rule

_WANTS_HELP = Lazy(
    r"\b(?:advice|advise|mentor|guidance|feedback|help|question|ask|tips)", re.IGNORECASE
)
_OFFERS_HELP = Lazy(
    r"\b(?:i(?:'d| would)? (?:love|like|be happy|be glad) to (?:mentor|advise|coach|guide|help) "
    r"you|give you (?:advice|feedback|guidance|tips)|you (?:can|could|may) ask me|"
    r"(?:could|can|would) you ask (?:me|one|a|some|any)\b|ask me (?:a|one|any|some)\b)",
    re.IGNORECASE,
)
# A help offer in general words takes the place of any ask ("Is there anything specific I can
# help you with?", "to see if I can help" where the user wanted to ask how they handled
# on-call).
_OFFERS_ANY_HELP = Lazy(
    r"\b(?:anything|something|any way|how)\b[^.?!]{0,30}\b(?:I|we) (?:can|could|might) "
    r"(?:help|assist|support) you\b|\blet me know (?:if|how) (?:I|we) (?:can|could) help\b|"
    r"\bsee (?:if|whether|how) (?:I|we) (?:can|could|might) (?:help|be of help|assist|support)\b",
    re.IGNORECASE,
)

_USER_OFFERS = Lazy(r"\b(?:I|we) (?:can|could|might) (?:help|assist|support)\b|\boffer", re.I)


def check(ctx: Context) -> Iterable[Hit]:
    ask = user_ask(ctx.draft)
    if not ask:
        return
    if _WANTS_HELP.search(ask):
        for m in _OFFERS_HELP.finditer(ctx.text):
            yield Hit(m.start(), m.end())
    if _USER_OFFERS.search(ask):
        return  # the user's ask is itself an offer ("to see if I can help with the launch")
    for m in _OFFERS_ANY_HELP.finditer(ctx.text):
        yield Hit(m.start(), m.end())


RULE = Rule(
    id="invite.reversed-ask",
    severity="error",
    kinds=frozenset({"invite"}),
    needs_draft=True,
    description="Draft gate: the user asks for advice or help and the note offers it instead.",
    explain='the user\'s `ask` wants advice, mentoring, feedback, help or a question answered, and the note offers it instead ("I\'d love to mentor you", "you can ask me"); or the user asks for anything and the note offers help in general words instead ("Is there anything I can help you with?").',
    message="this offers help instead of asking for it",
    suggestion="ask for what the user wants: advice, feedback, a question answered",
    check=check,
    fails=[
        {
            "text": "Hi Jordan, I'm Sam. Your DataConf talk was great; I'd love to mentor you.",
            "draft": {"ask": "15 minutes of advice"},
        },
        {
            "text": "Hi Jordan, I'm Sam. Your DataConf talk was great. Could you ask me one "
            "question?",
            "draft": {"ask": "ask one question about streaming"},
        },
        {
            "text": "Hi Jordan, I'm Sam. Happy to connect; I could give you feedback on your slides.",
            "draft": {"ask": "feedback on my slides"},
        },
        {
            "text": "Hi Marta, I'm Tomás. Your SREcon talk was great. Is there anything specific "
            "I can help you with?",
            "draft": {"ask": "how they handled on-call during the move"},
        },
        {
            "text": "Hi Marta, I'm Tomás, an SRE at Fintrail. Your SREcon talk on the migration "
            "was great; I'd love a quick call to see if I can help.",
            "draft": {"ask": "what paging tool they chose for the migration"},
        },
    ],
    passes=[
        {
            "text": "Hi Jordan, I'm Sam. Your DataConf talk was great. Would you have 15 minutes "
            "for advice?",
            "draft": {"ask": "15 minutes of advice"},
        },
        {
            "text": "Hi Jordan, I'm Sam. Could you spare 15 minutes? I'd value your advice.",
            "draft": {"ask": "15 minutes of advice"},
        },
        {
            "text": "Hi Jordan, I'm Sam. Your talk was great; I'd love to mentor you.",
            "draft": {"ask": "to connect"},
        },
        {
            "text": "Hi Marta, I'm Tomás. Your SREcon talk was great. Could I ask how you "
            "handled on-call during the move? Happy to share what we learned too.",
            "draft": {"ask": "how they handled on-call during the move"},
        },
        {
            "text": "Hi Marta, I'm Tomás, a volunteer mentor. Your post on the meetup's venue "
            "hunt caught my eye; could we talk to see if I can help?",
            "draft": {"ask": "to see if I can help find a venue"},
        },
    ],
)
