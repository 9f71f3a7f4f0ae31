"""reply.promises-meeting: a reply must not set up a meeting, nor name a day or hour the user
did not give: a hostile note must not steer it into one."""

import re
from collections.abc import Iterable

from assistant.lint.gate import Lazy, plain, span_in
from assistant.lint.model import Context, Hit, Rule

_PROMISES_MEETING = Lazy(
    r"\b(?:let'?s (?:have|grab|meet|schedule|set up|book|hop on|jump on)|see you (?:on|at|next|"
    r"then)|(?:i'?ll|i will|happy to|glad to) (?:meet|call|see) you|(?:dinner|lunch|coffee|a call|"
    r"a meeting) (?:on|this|next) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"week)|(?:hop|jump|get) on (?:a|the|our) (?:quick )?call|(?:set up|schedule|book|arrange|"
    r"confirm(?:ed|ing)?|accept(?:ed|ing)?) (?:a|the|our|your) (?:quick )?(?:call|meeting|chat)|"
    r"(?:i'?m|i am) (?:free|available) (?:on|at|then)|works for me)",
    re.IGNORECASE,
)
# A day or an hour.
_WHEN = Lazy(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?|\d{1,2}(?:[:.h]\d\d)?\s*(?:am|pm|a\.m\.|"
    r"p\.m\.|o'clock)|\d{1,2}[:h]\d\d)(?!\w)",
    re.IGNORECASE,
)


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None:
        return
    spans = [m.span() for m in _PROMISES_MEETING.finditer(ctx.text)]
    yield from (Hit(start, end) for start, end in spans)
    # A day or hour the user did not give: a reply has no reason to name one but to set up
    # the meeting their note asked for.
    known = ctx.draft.supplied.casefold()
    for m in _WHEN.finditer(plain(ctx.text)):
        if m.group().casefold() in known:
            continue
        start, end = span_in(ctx.text, *m.span())
        if not any(s <= start and end <= e for s, e in spans):  # "dinner on Friday" has it
            yield Hit(start, end, message="this names a day or hour the user did not give")


RULE = Rule(
    id="reply.promises-meeting",
    severity="error",
    kinds=frozenset({"reply"}),
    needs_draft=True,
    description="Draft gate: a reply sets up a meeting, or names a day or hour the user did not give.",
    explain='a meeting set up ("let\'s have dinner on Friday", "works for me", "I\'m free at…"), or a day or hour that is not in `supplied`.',
    message="this promises a meeting the user did not agree to",
    suggestion="leave meetings to the user: answer without a date, time or call",
    check=check,
    fails=[
        {
            "text": "Hi Beatriz, thanks for connecting! Let's have dinner on Friday.",
            "kind": "reply",
            "draft": {},
        },
        {
            "text": "Hi Dana, thanks for the request. 3pm works for me.",
            "kind": "reply",
            "draft": {},
        },
        {
            "text": "Hi Dana, thanks! See you at the Tuesday workshop.",
            "kind": "reply",
            "draft": {"supplied": "the Friday workshop at PyData Berlin"},
        },
    ],
    passes=[
        {
            "text": "Hi Dana, thanks for connecting! It was great to meet you at the Friday "
            "workshop at PyData Berlin.",
            "kind": "reply",
            "draft": {"supplied": "the Friday workshop at PyData Berlin"},
        },
        {
            "text": "Hi Dana, thanks for the request. What are you looking for, and how can I "
            "help?",
            "kind": "reply",
            "draft": {},
        },
        {
            "text": "Hi Beatriz, thanks for connecting! Let's have dinner on Friday.",
            "kind": "reply",
        },
    ],
)
