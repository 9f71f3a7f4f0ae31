"""followup.second-ask: a follow-up makes the one ask the invitation promised (or the user
gave). A second request on top ("Could you also introduce me to…", "Would Tuesday work?")
turns a thank-you into a list of favours."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from assistant.lint.gate import Lazy, stems
from assistant.lint.model import Context, Hit, Rule

# A sentence that asks something of them: a question, or a request in plain words.
_ASKING = Lazy(
    r"\?\s*$|\b(?:could|would|can|will) you\b|\b(?:may|could|can) i\b|\bplease\b"
    r"|\bi(?:'d| would) (?:love|like|welcome|value|appreciate|be (?:glad|grateful))\b"
    r"|\bi'?m hoping\b|\bhoping (?:to|for|you)\b|\bopen to\b|\blet'?s\b|\bif you could\b",
    re.IGNORECASE,
)
_SENTENCE = Lazy(r"[^.!?\n]+[.!?]*")
# Words a sentence may use around the one ask without asking for anything new: "Let me know
# if you're open to it", "Would you have time to share your thoughts?".
_AROUND_THE_ASK = (
    "would could can will may might shall you your yours i me my we us our the a an and or but "
    "for with about that this these it its to of in on at so also just any some more if when "
    "whether have has had are is was be been do does did let know rush pressure sure happy "
    "glad open interested thanks thank look looking forward hear hearing soon free time "
    "convenient suit suits works work whenever love like welcome value appreciate grateful "
    "hoping hope share sharing thoughts approach experience perspective insights there "
    "what how why where who which please again from by as then there's you're you've you'd "
    "i'd i'm i'll i've we'd we're it's that's don't"
)


@cache
def _around_the_ask() -> frozenset[str]:
    # On first use: the gate's rules run on model drafts only, never on `draft lint` start-up.
    return frozenset(stems(_AROUND_THE_ASK))


def _sentences(text: str) -> list[tuple[int, int, set[str]]]:
    """The text's asking sentences: their spans and their words' stems."""
    return [
        (m.start(), m.end(), stems(m.group()))
        for m in _SENTENCE.finditer(text)
        if _ASKING.search(m.group().strip())
    ]


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None:
        return
    asking = _sentences(ctx.text)
    if len(asking) < 2:
        return
    ask = stems(ctx.draft.ask)
    # The sentence that makes the ask: the one with most of its words (the first on a tie).
    main = max(range(len(asking)), key=lambda n: len(asking[n][2] & ask))
    allowed = ask | asking[main][2] | _around_the_ask()
    for n, (start, end, words) in enumerate(asking):
        new = sorted(words - allowed)
        if n != main and new:
            yield Hit(
                start,
                end,
                message=f"a second ask ({', '.join(new[:3])}): make only the one your note "
                "promised",
            )


def _followup(text: str, ask: str = "a short call about hiring juniors") -> dict:
    return {"text": text, "kind": "followup", "draft": {"ask": ask}}


RULE = Rule(
    id="followup.second-ask",
    severity="error",
    kinds=frozenset({"followup"}),
    needs_draft=True,
    description="Draft gate: a follow-up asks for something beyond its one ask.",
    explain='a follow-up with two or more sentences that ask (a question, "could you", '
    '"I\'d love", "please"…) where one besides the ask\'s own brings words of a new request '
    '(not in the `ask`, nor the small vocabulary around an ask: "let me know", "time", '
    '"your thoughts").',
    message="this asks for a second thing: a follow-up makes the one ask",
    suggestion="keep the one ask your note promised; save the rest for later",
    check=check,
    fails=[
        _followup(
            "Hi Ana, thanks for connecting! Would you be open to a short call about hiring "
            "juniors? Could you also introduce me to your recruiter?"
        ),
        _followup(
            "Hi Ana, thanks for connecting! Would you be open to a short call about hiring "
            "juniors? Would Tuesday at 3pm work?"
        ),
        _followup(
            "Hi Ana, thanks for accepting! Could I ask how you test contrast with real users? "
            "And please send me the slides from your talk.",
            ask="how you test contrast with real users",
        ),
    ],
    passes=[
        _followup(
            "Hi Ana, thanks for connecting! Would you be open to a short call about hiring "
            "juniors? No rush at all."
        ),
        _followup(
            "Hi Ana, thanks for connecting! I'd love a short call about hiring juniors. Let me "
            "know if you're open to it."
        ),
        _followup(
            "Hi Ana, thanks for accepting! Could I ask how you test contrast with real users? "
            "Would you have time to share your approach?",
            ask="how you test contrast with real users",
        ),
        {
            "text": "Hi Ana, could you call me? And could you introduce me to your recruiter?",
            "kind": "followup",
        },
    ],
)
