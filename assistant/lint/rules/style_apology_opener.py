"""style.apology-opener: opening with an apology undercuts the note before it starts."""

import re
from collections.abc import Iterable

from assistant.lint.checks import FLAGS
from assistant.lint.model import Context, Hit, Rule

_GREETING = (
    r"(?:(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))\b"
    r"(?:(?:dr|mr|mrs|ms|prof)\.|[^,.!?\n:]){0,60}[,.!:\n\u2014-]+\s*)?"
)
_APOLOGY = re.compile(
    r"\s*"
    + _GREETING
    + r"(?P<apology>(?:i'?m |i am |so |very |really |terribly )*sorry|my apologies|"
    r"apologies|(?:i )?apologi[sz]e|forgive me|pardon (?:me|the|my)|excuse (?:me|the|my)|"
    r"i hate to (?:bother|disturb|intrude)|i know you(?:'re| are) (?:very |really |extremely |"
    r"incredibly |super )?busy|i hope (?:i'?m|i am|this is) not (?:bothering|disturbing|"
    r"intruding)|i don'?t mean to (?:bother|intrude|disturb)|(?:i'?m |i am )?sorry|"
    r"entschuldigen sie|entschuldigung|désolée?|excusez-moi|disculpe|perdone|perdón|"
    r"scusi|mi scusi|desculpe)",
    FLAGS,
)


def check(ctx: Context) -> Iterable[Hit]:
    m = _APOLOGY.match(ctx.plain)
    if m:
        yield Hit(m.start("apology"), m.end("apology"))


RULE = Rule(
    id="style.apology-opener",
    severity="warning",
    kinds=frozenset({"invite", "incoming"}),
    description="Opens with an apology: 'Sorry to bother you', 'I know you're busy'.",
    explain='the note opens with an apology: "Sorry to bother you", "Apologies for the intrusion", "I know you\'re busy, but".',
    message="don't open with an apology: start with who you are and why you are writing",
    check=check,
    fails=[
        "Sorry to bother you, Ana. I'm Sam, a data engineer; may I ask about your talk?",
        "Hi Ana, apologies for the intrusion. I loved your post on testing.",
        "Dear Dr. Chen,\nI know you're very busy, but could I ask about your paper?",
    ],
    passes=[
        "Hi Ana, I'm Sam, a data engineer. Sorry I missed you at DataConf; may I connect?",
        "Hi Ana, I loved your post on testing; may I connect?",
        "Hello Ana, I'm a nurse in Leeds. Your post on shifts helped me, so I'm sorry to see "
        "you leave the ward. Let's stay in touch.",
    ],
)
