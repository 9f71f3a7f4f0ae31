"""length.over-limit: the platform cuts or refuses text over its limit."""

from collections.abc import Iterable

from assistant.lint.model import Context, Hit, Rule


def _offset_of_char(text: str, n: int) -> int:
    """The offset in text of the n-th character counted with CRLF as one."""
    if "\r\n" not in text:
        return n
    seen = i = 0
    while i < len(text) and seen < n:
        i += 2 if text.startswith("\r\n", i) else 1
        seen += 1
    return i


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.chars > ctx.limit:
        yield Hit(
            _offset_of_char(ctx.text, ctx.limit),
            len(ctx.text),
            message=f"{ctx.chars} characters, over the limit of {ctx.limit} by "
            f"{ctx.chars - ctx.limit}: cut it down so it fits with room to spare",
        )


RULE = Rule(
    id="length.over-limit",
    severity="error",
    kinds=frozenset({"invite", "reply", "followup"}),
    description="Longer than the platform allows (300 premium, 200 free, 1,900 for messages).",
    explain="the text is longer than the limit: 300 characters (premium) or 200 (free) for invitations, 1,900 for replies and follow-ups (messages); an explicit limit overrides. Counted in code points after normalising line endings.",
    message="over the character limit: cut it down so it fits with room to spare",
    check=check,
    fails=[
        "Hi Ana, " + "I enjoyed your talk on streaming systems at DataConf. " * 6,
        {"text": "Hi Ana, I'm a data engineer at Acme. " * 6, "account": "free"},
        {"text": "Thanks for the request, Sam. " * 80, "kind": "reply"},
        {"text": "Hi Ana, I loved your post on testing.", "limit": 20},
    ],
    passes=[
        "Hi Ana, I'm a data engineer at Acme. I enjoyed your DataConf talk on streaming; "
        "may I connect?",
        {"text": "x" * 200, "account": "free"},
        {"text": "Thanks for reaching out. " * 40, "kind": "reply"},
        {"text": "Hi Ana,\r\n" + "a" * 292, "account": "premium"},
    ],
)
