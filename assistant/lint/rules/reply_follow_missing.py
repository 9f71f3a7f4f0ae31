"""reply.follow-missing: a "follow" reply suggests following instead of connecting, so it
must invite them to follow the user's posts."""

import re
from collections.abc import Iterable

from assistant.lint.gate import Lazy
from assistant.lint.model import Context, Hit, Rule

_FOLLOW_MINE = Lazy(r"\bfollow\b[^.!?]{0,40}\b(?:my|what i)\b", re.IGNORECASE)


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None or ctx.situation != "follow":
        return
    if not _FOLLOW_MINE.search(ctx.text):
        yield Hit(0, len(ctx.text))


RULE = Rule(
    id="reply.follow-missing",
    severity="error",
    kinds=frozenset({"reply"}),
    needs_draft=True,
    description="Draft gate: a follow reply never invites them to follow the user's posts.",
    explain='a `follow` reply that never invites them to follow the user\'s posts ("follow my posts", "follow what I write").',
    message="this does not invite them to follow the user's posts",
    suggestion='say it: "feel free to follow my posts"',
    check=check,
    fails=[
        {
            "text": "Hey Peter, I've been following your posts on data quality. Let's keep in "
            "touch.",
            "kind": "reply",
            "situation": "follow",
            "draft": {},
        },
        {
            "text": "Hi Peter, thanks! I keep connections for colleagues.",
            "kind": "reply",
            "situation": "follow",
            "draft": {},
        },
        {
            "text": "Hi Peter, thanks for the request. Follow the Acme blog for news.",
            "kind": "reply",
            "situation": "follow",
            "draft": {},
        },
    ],
    passes=[
        {
            "text": "Hi Peter, thanks! I keep connections for colleagues; do follow my posts.",
            "kind": "reply",
            "situation": "follow",
            "draft": {},
        },
        {
            "text": "Hi Peter, thanks! Feel free to follow what I write about data quality.",
            "kind": "reply",
            "situation": "follow",
            "draft": {},
        },
        {
            "text": "Hi Peter, thanks! I keep connections for colleagues.",
            "kind": "reply",
            "situation": "letdown",
            "draft": {},
        },
    ],
)
