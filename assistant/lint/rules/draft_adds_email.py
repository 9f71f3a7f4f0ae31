"""draft.adds-email: a draft must not carry an e-mail address the user did not give (an
injected order, or a model's invention)."""

from collections.abc import Iterable

from assistant.lint.gate import contact_spans
from assistant.lint.model import Context, Hit, Rule


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None:
        return
    for start, end in contact_spans(ctx.text, ctx.draft.supplied)["email"]:
        yield Hit(start, end)


RULE = Rule(
    id="draft.adds-email",
    severity="error",
    kinds=frozenset({"invite", "reply", "followup"}),
    needs_draft=True,
    description="Draft gate: an e-mail address the user did not give, however it is spelled.",
    explain="an e-mail address (`a@b.example`, `a (at) b.example`) that is not in `supplied`, compared without spaces, punctuation or case.",
    message="an e-mail address the user did not give",
    suggestion="cut it: only an address from the user's own fields may appear",
    check=check,
    fails=[
        {
            "text": "Hi Dana, thanks for the request. Write to dana@evil.example.",
            "kind": "reply",
            "draft": {},
        },
        {
            "text": "Hi Jordan, I'm Sam, a data engineer. Reach me at sam (at) acme.io anytime.",
            "draft": {"supplied": "Sam Ortiz, data engineer"},
        },
        {
            "text": "Hi Dana, thanks! My address is sam.ortiz@acme.com.",
            "kind": "reply",
            "draft": {"supplied": "Sam Ortiz, sam@acme.com"},
        },
    ],
    passes=[
        {
            "text": "Hi Jordan, I'm Sam. Write to me at sam@acme.com if that's easier.",
            "draft": {"supplied": "Sam Ortiz. Contact: sam@acme.com"},
        },
        {
            "text": "Hi Dana, thanks for the request. How can I help?",
            "kind": "reply",
            "draft": {},
        },
        # Without draft data (text pasted into `draft lint`) the gate's rules are silent.
        {"text": "Hi Dana, thanks for the request. Write to dana@evil.example.", "kind": "reply"},
    ],
)
