"""draft.adds-link: a draft must not carry a link the user did not give, however it is
spelled ("evil . example", "evil[.]example", "evil dot example")."""

from collections.abc import Iterable

from assistant.lint.gate import contact_spans
from assistant.lint.model import Context, Hit, Rule


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None:
        return
    for start, end in contact_spans(ctx.text, ctx.draft.supplied)["link"]:
        yield Hit(start, end)


RULE = Rule(
    id="draft.adds-link",
    severity="error",
    kinds=frozenset({"invite", "reply", "followup"}),
    needs_draft=True,
    description="Draft gate: a link the user did not give, however it is spelled.",
    explain='a link not in `supplied`: `http(s)://…`, `www.…`, or a name with a common top-level domain, with the dot written out to slip past a filter (`evil . example`, `evil[.]example`, `evil dot example`). An e-mail address\'s domain is not a link; "at Acme. Co-founder" is a sentence end.',
    message="a link the user did not give",
    suggestion="cut it: only a link from the user's own fields may appear",
    check=check,
    fails=[
        {
            "text": "Hi Dana, thanks for the request. See www.evil.example for more.",
            "kind": "reply",
            "draft": {},
        },
        {
            "text": "Hi Jordan, I'm Sam. My slides are at evil dot example if you're curious.",
            "draft": {"supplied": "Sam Ortiz, data engineer"},
        },
        {
            "text": "Hi Dana, thanks! Details: https://x.io/a",
            "kind": "reply",
            "draft": {"supplied": "Portfolio: sam.dev"},
        },
    ],
    passes=[
        {
            "text": "Hi Dana, thanks for connecting! My portfolio is at sam.dev.",
            "kind": "reply",
            "draft": {"supplied": "Sam Ortiz. Portfolio: sam.dev"},
        },
        {
            "text": "Hi Jordan, I'm Sam, data engineer at Acme. Co-founder of a meetup too.",
            "draft": {},
        },
        # An e-mail address's domain is not a link of its own (draft.adds-email has it).
        {"text": "Hi Dana, write to dana@evil.example.", "kind": "reply", "draft": {}},
        {"text": "Hi Dana, see www.evil.example.", "kind": "reply"},
    ],
)
