"""length.no-room: the guidance asks for notes that fit with room to spare."""

from collections.abc import Iterable

from assistant.lint.model import Context, Hit, Rule

SHARE = 0.95


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.limit * SHARE < ctx.chars <= ctx.limit:
        yield Hit(
            0,
            len(ctx.text),
            message=f"{ctx.chars} of {ctx.limit} characters: "
            "it fits, but with no room to spare; trim a phrase",
        )


RULE = Rule(
    id="length.no-room",
    severity="info",
    kinds=frozenset({"invite"}),
    description="Uses more than 95% of the note limit.",
    explain="the note uses more than 95% of its limit: the guidance asks for room to spare.",
    message="fits, but with no room to spare; trim a phrase",
    check=check,
    fails=["a" * 290, "a" * 300, {"text": "a" * 195, "account": "free"}],
    passes=["a" * 200, "a" * 301, {"text": "a" * 150, "account": "free"}],
)
