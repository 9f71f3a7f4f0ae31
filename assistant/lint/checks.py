"""Reusable check kinds, in the style of proselint: existence of phrases, absence of any of
them, and helpers for compiling word lists into one fast pattern."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.lint.model import Context, Hit

Check = Callable[[Context], Iterable[Hit]]

# Apostrophes and quotes are straightened in Context.plain, so patterns use ' and ".
FLAGS = re.IGNORECASE | re.UNICODE


def compile_any(patterns: Iterable[str], *, bounded: bool = True) -> re.Pattern[str]:
    """One alternation of the patterns, each wrapped in word boundaries unless told not to."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w])" if bounded else body, FLAGS)


def existence(*patterns: str, bounded: bool = True, limit: int = 5) -> Check:
    """A check that reports each place any of the patterns occurs (at most `limit`)."""
    regex = compile_any(patterns, bounded=bounded)

    def check(ctx: Context) -> Iterable[Hit]:
        for n, m in enumerate(regex.finditer(ctx.plain)):
            if n >= limit:
                break
            yield Hit(m.start(), m.end())

    return check


def absence(*patterns: str, bounded: bool = True) -> Check:
    """A check that reports the whole text when none of the patterns occurs."""
    regex = compile_any(patterns, bounded=bounded)

    def check(ctx: Context) -> Iterable[Hit]:
        if ctx.text.strip() and not regex.search(ctx.plain):
            yield whole(ctx)

    return check


def whole(ctx: Context) -> Hit:
    """A span over the text without its surrounding white space."""
    start = len(ctx.text) - len(ctx.text.lstrip())
    return Hit(start, max(start, len(ctx.text.rstrip())))
