"""reply.no-opening: the casual letdown must leave the door open."""

import re
from collections.abc import Iterable

from assistant.lint.checks import FLAGS, Matcher, whole
from assistant.lint.model import Context, Hit, Rule

OPENING = Matcher(
    [
        r"(?:welcome|free) to (?:write|reach|message|send|get in touch|contact|drop|e-?mail|ping|ask|"
        r"follow|share|tell|let me know|come back)",
        r"feel free",
        r"drop me a (?:message|line|note)",
        r"if (?:you're|you are|you've|there's|there is|anything)",
        r"do (?:write|reach out|get in touch|send)",
        r"escr[ií]beme|si tienes|n'h[ée]site[sz] pas|[ée]cris-moi|schreib(?:en sie)? mir|melde dich|me escreva",
        r"(?:happy|glad|open|willing|keen) to (?:help|hear|answer|chat|talk|take a look|look|"
        r"consider|reconsider|connect|revisit|read|see|learn|point|share)",
        r"don'?t hesitate",
        r"let me know",
        r"(?:if|should|when) you (?:ever )?(?:have|'ve got|want|need|'d like|would like|are looking|"
        r"think|get in touch|write)",
        r"my (?:inbox|door|dms?|messages) (?:is|are) (?:always )?open",
        r"(?:reach|write|message) (?:out|me|back)",
        r"(?:tell|send) me (?:more|what|about)",
        r"what (?:did you have|are you looking|can i do|brings you|prompted)",
        r"how can i help",
        r"(?:i'?d|i would|i'?ll|i will) (?:be )?(?:happy|glad|gladly|love) to",
        r"(?:i'?m|i am) (?:always )?(?:happy|glad|open|around|here)",
        r"(?:always|still) (?:happy|glad|open)",
        r"door(?:'s| is) open",
        r"(?:you|you're|you are) (?:very )?welcome to",
        r"i'?ll (?:gladly|happily)? ?(?:reply|respond|read|answer|take a look|reconsider)",
        r"(?:keep|stay) in touch",
        r"(?:if|once) we (?:cross paths|meet|work together|get to know)",
    ]
)
LETDOWN = re.compile(
    r"(?:only|just|tend to|prefer to|try to|rule is to|policy is to|habit of) "
    r"(?:accept|connect|add)|connect(?:ing)? (?:only )?with (?:people|those|folks|colleagues)|"
    r"don'?t (?:believe|think) we(?:'ve| have)? (?:met|crossed paths|worked)|keep my (?:network|"
    r"connections)|(?:people|those) i(?:'ve| have)? (?:know|met|worked)|going to pass|"
    r"decline|not (?:going to )?(?:accept|connect)|won'?t be (?:accepting|connecting)|"
    r"don'?t know you",
    FLAGS,
)


def check(ctx: Context) -> Iterable[Hit]:
    is_letdown = ctx.situation == "letdown" or (ctx.situation is None and LETDOWN.search(ctx.plain))
    if is_letdown and ctx.english and ctx.text.strip() and not OPENING.search(ctx):
        yield whole(ctx)


RULE = Rule(
    id="reply.no-opening",
    severity="error",
    kinds=frozenset({"reply"}),
    description="A letdown that leaves no door open for a specific question or project.",
    explain='a letdown that leaves no door open: nothing like "if you have a specific question or project in mind, you\'re welcome to write". Runs when `situation` is `letdown`, or when no situation is given and the text reads as a letdown.',
    message="the letdown closes the door: add that they are welcome to write if they have a "
    "specific question or project in mind",
    suggestion="If you have a specific question or project in mind, you're welcome to write.",
    check=check,
    fails=[
        {
            "text": "Hi Sam, thanks for the request. I don't believe we've met, and I only connect "
            "with people I know.",
            "kind": "reply",
            "situation": "letdown",
        },
        {
            "text": "Thanks Sam. My rule is to connect only with people I've worked with.",
            "kind": "reply",
        },
        {
            "text": "Hi Sam, I keep my network to people I know, so I'll pass. Best of luck.",
            "kind": "reply",
            "situation": "letdown",
        },
    ],
    passes=[
        {
            "text": "Hi Sam, thanks for the request. I don't believe we've met, and I only connect "
            "with people I know. If you have a specific question or project in mind, you're welcome "
            "to write.",
            "kind": "reply",
            "situation": "letdown",
        },
        {
            "text": "Thanks Sam! Great to see you at PyCon; let's stay in touch.",
            "kind": "reply",
            "situation": "accept",
        },
        {
            "text": "Hi Sam, I connect with people I know, but feel free to message me with a "
            "question.",
            "kind": "reply",
            "situation": "letdown",
        },
    ],
)
