"""draft.adds-phone: a draft must not carry a phone number the user did not give."""

from collections.abc import Iterable

from assistant.lint.gate import contact_spans
from assistant.lint.model import Context, Hit, Rule


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None:
        return
    for start, end in contact_spans(ctx.text, ctx.draft.supplied)["phone"]:
        yield Hit(start, end)


RULE = Rule(
    id="draft.adds-phone",
    severity="error",
    kinds=frozenset({"invite", "reply", "followup"}),
    needs_draft=True,
    description="Draft gate: a phone number (seven digits or more) the user did not give.",
    explain='a phone number (seven digits or more; not a span of years such as "2019 - 2021") that is not in `supplied`.',
    message="a phone number the user did not give",
    suggestion="cut it: only a number from the user's own fields may appear",
    check=check,
    fails=[
        {
            "text": "Hi Dana, thanks for the request. Call +44 20 7946 0958.",
            "kind": "reply",
            "draft": {},
        },
        {
            "text": "Hi Jordan, I'm Sam. Text me on (415) 555-0100 any time.",
            "draft": {"supplied": "Sam Ortiz, data engineer"},
        },
        {
            "text": "Hi Dana, thanks! WhatsApp me: +1 415 555 0199.",
            "kind": "reply",
            "draft": {"supplied": "Sam Ortiz, +1 415 555 0100"},
        },
    ],
    passes=[
        {
            "text": "Hi Dana, thanks for the request. I was there in 2019 - 2021.",
            "kind": "reply",
            "draft": {},
        },
        {
            "text": "Hi Jordan, I'm Sam. Could I ask for 15 minutes of advice?",
            "draft": {},
        },
        {
            "text": "Hi Dana, thanks! Call me on +1 415 555 0100.",
            "kind": "reply",
            "draft": {"supplied": "Sam Ortiz. Phone: +1 (415) 555-0100"},
        },
    ],
)
