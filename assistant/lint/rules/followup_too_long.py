"""followup.too-long: a follow-up may be as long as a message, but a short one gets read; the
one Cordial drafts aims at 300 characters, a long one is written again."""

from collections.abc import Iterable

from assistant.lint.model import Context, Hit, Rule

# A thank-you and one ask fit in this; the prompt asks for less (FOLLOWUP_CHARS in tasks.py).
AIM_CHARS = 300


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None:
        return
    if ctx.chars > AIM_CHARS:
        yield Hit(
            0,
            len(ctx.text),
            message=f"{ctx.chars} characters: a follow-up Cordial drafts stays within {AIM_CHARS}",
        )


def _followup(text: str) -> dict:
    return {"text": text, "kind": "followup", "draft": {}}


RULE = Rule(
    id="followup.too-long",
    severity="error",
    kinds=frozenset({"followup"}),
    needs_draft=True,
    description=f"Draft gate: a follow-up over {AIM_CHARS} characters.",
    explain=f"a drafted follow-up longer than {AIM_CHARS} characters (the message limit is far "
    "higher, but a thank-you and one ask fit in this).",
    message=f"longer than the {AIM_CHARS} characters a follow-up aims at",
    suggestion="thank them in a line and make the one ask",
    check=check,
    fails=[
        _followup("Hi Ana, thanks for connecting! " + "I'd love to hear more. " * 13),
        _followup("a" * 301),
        _followup("Hi Ana, thanks! " + "Could I ask about your hiring process? " * 8),
    ],
    passes=[
        _followup("Hi Ana, thanks for connecting! Would you be open to a short call? No rush."),
        _followup("a" * 300),
        {"text": "a" * 400, "kind": "followup"},
    ],
)
