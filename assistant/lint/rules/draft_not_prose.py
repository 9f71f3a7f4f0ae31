"""draft.not-prose: braces, angle brackets and backticks have no place in a note a person
sends; a draft with them is JSON, code or markup, e.g. a model's answer cut off mid-way."""

from collections.abc import Iterable

from assistant.lint.gate import Lazy
from assistant.lint.model import Context, Hit, Rule

_NOT_PROSE = Lazy(r"[{}<>`]+")


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None:
        return
    for m in _NOT_PROSE.finditer(ctx.text):
        yield Hit(m.start(), m.end())


RULE = Rule(
    id="draft.not-prose",
    severity="error",
    kinds=frozenset({"invite", "reply", "followup"}),
    needs_draft=True,
    description="Draft gate: braces, angle brackets or backticks: JSON, code or markup, not a note.",
    explain="braces, angle brackets or backticks: JSON, code or markup, e.g. a model's answer cut off mid-way.",
    message="this is JSON, code or markup, not a note",
    suggestion="write the note as plain sentences",
    check=check,
    fails=[
        {"text": '{"name": "Jordan Lee", "headline": ', "draft": {}},
        {
            "text": "<p>Hi Jordan, I'm Sam. Your DataConf talk was great. May I connect?</p>",
            "draft": {},
        },
        {
            "text": "Hi Dana, thanks! I wrote `pipeline.run()` for that.",
            "kind": "reply",
            "draft": {},
        },
    ],
    passes=[
        {
            "text": "Hi Jordan, I'm Sam, a data engineer. Your DataConf talk was great. May I "
            "connect?",
            "draft": {},
        },
        {
            "text": "Hi Dana, thanks (really) for the request: how can I help?",
            "kind": "reply",
            "draft": {},
        },
        {"text": "<p>Hi Jordan, I'm Sam. May I connect?</p>"},
    ],
)
