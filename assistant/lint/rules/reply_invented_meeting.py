"""reply.invented-meeting: a reply to a stranger must not claim a meeting that never happened.
(followup.invented-meeting reads follow-ups with the same claims.)"""

import re
from collections.abc import Iterable

from assistant.lint.checks import FLAGS, Matcher
from assistant.lint.model import Context, Hit, Rule

CLAIM = Matcher(
    [
        r"(?:great|good|nice|lovely|wonderful|fun|a pleasure) (?:meeting|to meet|seeing|to see|"
        r"chatting|to chat|talking|to talk|catching up|to catch up) (?:with )?you",
        r"we met (?:at|in|during|last|on|through|back|a few|earlier|recently|briefly)",
        r"(?:since|after) we (?:met|spoke|talked|chatted)",
        r"i met you",
        r"(?:it was|was) (?:great|good|nice|lovely|wonderful|a pleasure) (?:to )?(?:meet|see|chat|"
        r"talk)",
        r"our (?:chat|conversation|talk|meeting|coffee|call) (?:at|in|during|last|on|the other)",
        r"we (?:spoke|chatted|talked|worked together) (?:at|in|during|last|on|briefly)",
        r"(?:enjoyed|loved) (?:meeting|our chat|our conversation|talking|chatting)",
        r"i (?:remember|recall) (?:you|meeting|our|chatting|talking)",
        r"(?:glad|nice|great|good|happy|pleased|lovely) to have (?:met|seen|talked|chatted)",
        r"thanks? (?:you )?for (?:meeting|chatting with|talking with|speaking with) me",
        r"thanks? (?:you )?for (?:the|our) (?:great |lovely |nice |good |quick )?(?:chat|call|"
        r"conversation|coffee|meeting)",
        r"as (?:we )?discussed",
    ]
)
# A claim inside a question or a negation ("where we met", "I don't recall meeting you")
# is the opposite of a claim.
_GUARD = re.compile(
    r"(?:n't|not|never|no|where|how|whether|if|when|which|what|maybe|perhaps|possibly|might)"
    r"\W+(?:\w+\W+){0,3}$",
    FLAGS,
)
SITUATIONS = {"letdown", "how-met", "how-can-i-help", "follow", "ignore"}


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.situation in SITUATIONS:
        yield from claims(ctx)


def claims(ctx: Context) -> Iterable[Hit]:
    """Every claim of a meeting in the text, less those inside a question or a negation."""
    for m in CLAIM.finditer(ctx):
        before = ctx.plain[max(0, m.start() - 40) : m.start()]
        sentence_end = m.end() + (re.search(r"[.!?\n]|$", ctx.plain[m.end() :]).start())
        if _GUARD.search(before) or ctx.plain[m.end() : sentence_end + 1].rstrip().endswith("?"):
            continue
        yield Hit(m.start(), m.end())


RULE = Rule(
    id="reply.invented-meeting",
    severity="error",
    kinds=frozenset({"reply"}),
    description="A reply to someone the user does not know claims a meeting.",
    explain='the reply claims a meeting in a situation where the user does not know the sender ("great meeting you at…", "we met at…", "thanks for the chat", "as discussed").',
    message="this claims a meeting that did not happen: the user does not know this person",
    check=check,
    fails=[
        {
            "text": "Hi Chris, great meeting you at the conference! I only connect with people I "
            "know, but feel free to write.",
            "kind": "reply",
            "situation": "letdown",
        },
        {
            "text": "Thanks Chris! It was nice to meet you last week. Where did we meet?",
            "kind": "reply",
            "situation": "how-met",
        },
        {
            "text": "Hi Chris, we met at a local tech conference. How can I help?",
            "kind": "reply",
            "situation": "how-can-i-help",
        },
    ],
    passes=[
        {
            "text": "Thanks Chris! I'm sorry, I don't recall where we met. Could you remind me?",
            "kind": "reply",
            "situation": "how-met",
        },
        {
            "text": "Hi Chris, I don't believe we've met. If you have a question, feel free to write.",
            "kind": "reply",
            "situation": "letdown",
        },
        {
            "text": "Thanks Chris, great meeting you at PyCon! Let's stay in touch.",
            "kind": "reply",
            "situation": "accept",
        },
        {
            "text": "Hi Chris, have we met before? How can I help?",
            "kind": "reply",
            "situation": "how-can-i-help",
        },
    ],
)
