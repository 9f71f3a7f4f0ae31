"""invite.names-dropped: an invitation keeps the names the user gave for why them (the event,
the book, the school, who referred them). A small model shortens "saw her DataConf talk on
streaming joins" to "your talk on streaming joins", or to a question about streaming joins:
the reason loses what makes it this person's and no one else's (the guidance: "why this person
in particular")."""

from collections.abc import Iterable

from assistant.lint.gate import context_names, names_any
from assistant.lint.model import Context, Hit, Rule


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None or not ctx.draft.context.strip():
        return
    names = context_names(ctx.draft.context)
    if names and not names_any(ctx.text, names):
        yield Hit(0, len(ctx.text))


def _invite(text: str, context: str) -> dict:
    return {"text": text, "kind": "invite", "draft": {"context": context}}


RULE = Rule(
    id="invite.names-dropped",
    severity="error",
    kinds=frozenset({"invite"}),
    needs_draft=True,
    description="Draft gate: an invitation drops every name the user gave for why them.",
    explain="an invitation whose `context` names something (capitalised words, numbers, words in scripts without case: the event, book, school or referrer) and whose draft keeps none of those names.",
    message="this drops the names you gave for why them (the event, book, school or person)",
    suggestion='keep them: "I saw your DataConf talk on streaming joins."',
    check=check,
    fails=[
        _invite(
            "Hi Jordan, I'm Sam, a data engineer at Acme. Your talk on streaming joins was "
            "inspiring! Could you spare 15 minutes of advice?",
            "saw her DataConf talk on streaming joins",
        ),
        _invite(
            "Hi Łukasz, I'm Ana, an engineering manager. A colleague suggested I talk to you "
            "about scaling code review. Could we have a short call?",
            "Marta Nowak suggested I talk to him about scaling code review",
        ),
        _invite(
            "Hi Daan, I'm Chloé, a grid analyst. We studied together. Could I ask how your team "
            "sizes battery storage?",
            "we both did the MSc in Energy Systems at TU Delft",
        ),
    ],
    passes=[
        _invite(
            "Hi Jordan, I'm Sam, a data engineer at Acme. Your DataConf talk on streaming joins "
            "was inspiring! Could you spare 15 minutes of advice?",
            "saw her DataConf talk on streaming joins",
        ),
        _invite(
            "Hi Łukasz, I'm Ana, an engineering manager. Marta suggested I talk to you about "
            "scaling code review. Could we have a short call?",
            "Marta Nowak suggested I talk to him about scaling code review",
        ),
        _invite(
            "Hi Nguyen, I'm Leo, a product designer. Your case study on onboarding first-time "
            "smartphone users was great. How do you recruit participants?",
            "her case study on onboarding for first-time smartphone users",
        ),
        _invite("Hi Wei, 我读了你在上海峰会的演讲。可以请教一个问题吗？", "上海峰会的演讲"),
        {"text": "Hi Jordan, your talk was great. Could we chat?", "kind": "invite"},
    ],
)
