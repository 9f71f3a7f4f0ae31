"""reply.accept-place-missing: an accept note names where the two met when the user said where
(the guidance: "thank them, name where you met, one line on staying in touch"). A small model
often thanks them warmly and leaves the place out, which is the part that makes the note
theirs."""

from collections.abc import Iterable

from assistant.lint.gate import context_names, names_any, stems
from assistant.lint.model import Context, Hit, Rule
from assistant.lint.words import COMMON_WORDS

# Words of a context line that say nothing of the place: "met her at the fair last spring".
_FILLER = COMMON_WORDS | {"her", "him", "them", "there", "event", "events", "ago", "year", "years"}


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None or ctx.situation != "accept" or not ctx.draft.context.strip():
        return
    context = ctx.draft.context
    # Its names, or for a context with none ("the hackathon last spring") its content words.
    wanted = context_names(context) or {
        s for s in stems(context) if len(s) >= 4 and s not in _FILLER
    }
    if wanted and not names_any(ctx.text, wanted):
        yield Hit(0, len(ctx.text))


def _accept(text: str, context: str) -> dict:
    return {"text": text, "kind": "reply", "situation": "accept", "draft": {"context": context}}


RULE = Rule(
    id="reply.accept-place-missing",
    severity="error",
    kinds=frozenset({"reply"}),
    needs_draft=True,
    description="Draft gate: an accept note leaves out where you met, though the user said.",
    explain='an `accept` reply when the user gave where they met (`context`) and the note names none of it: none of the context\'s names (capitalised words, numbers, words in scripts without case), or, for a context without names ("the hackathon last spring"), none of its other content words.',
    message="this leaves out where you met, which the user gave",
    suggestion='name it: "It was great meeting you at the PyData meetup."',
    check=check,
    fails=[
        _accept(
            "Hi Priya, thanks for connecting! It was great to meet you. Let's stay in touch.",
            "the PyData Amsterdam meetup",
        ),
        _accept(
            "Hello Marcus,\n\nThank you for the invitation; glad to reconnect. Let's keep in "
            "touch.\n\nBest,\nRachel",
            "our years together at Initech",
        ),
        _accept(
            "Hi Aisha, thanks for reaching out! Great to hear from you. Stay in touch!",
            "the hackathon in the spring",
        ),
    ],
    passes=[
        _accept(
            "Hi Priya, thanks for connecting! It was great meeting you at PyData in Amsterdam. "
            "Let's stay in touch.",
            "the PyData Amsterdam meetup",
        ),
        _accept(
            "Hi Aisha, thanks! I enjoyed the hackathon with you. Stay in touch!",
            "the hackathon in the spring",
        ),
        _accept(
            "Hi Priya, thanks for connecting! Great to see you again. Let's stay in touch.",
            "",
        ),
        _accept("李娜，谢谢你的邀请！很高兴在上海峰会认识你。", "上海峰会"),
        {
            "text": "Hi Priya, thanks for connecting! Let's stay in touch.",
            "kind": "reply",
            "situation": "how-met",
            "draft": {"context": "the PyData Amsterdam meetup"},
        },
    ],
)
