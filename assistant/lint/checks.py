"""Reusable check kinds, in the style of proselint: existence of phrases, absence of all of
them, and the matcher that makes both fast.

Speed: patterns are written in lower case and run without IGNORECASE on a lower-cased copy
of the text, which is about three times faster in Python's `re`; and before running, a
matcher looks for the literal words every match must start with (worked out from the
pattern itself), so most rules skip most notes after a few substring tests."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from assistant.lint.model import Context, Hit

Check = Callable[[Context], Iterable[Hit]]

# For the few patterns that need case: text is matched as written, ignoring case elsewhere.
FLAGS = re.IGNORECASE | re.UNICODE


_KEY = 3  # patterns are filed under the first three characters of any match
_MAX_KEYS = 64


def _prefixes(items: list, n: int = _KEY) -> set[str] | None:
    """Every string of n characters a match of the parsed pattern can start with, or None
    when that cannot be worked out (a character class, a possibly shorter match)."""
    from re import _constants as c  # private but stable within Python 3.11; errors mean None

    if n == 0:
        return {""}
    if not items:
        return None
    (op, av), rest = items[0], items[1:]
    if op is c.LITERAL:
        tails = _prefixes(rest, n - 1)
        return None if tails is None else {chr(av) + t for t in tails}
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return _prefixes(rest, n)
    if op is c.SUBPATTERN:
        return _prefixes(list(av[-1]) + rest, n)
    if op is c.BRANCH:
        return _union(_prefixes(list(alt) + rest, n) for alt in av[1])
    if op is c.IN and all(o is c.LITERAL for o, _ in av):
        return _union(_prefixes([(c.LITERAL, v)] + rest, n) for _, v in av)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, sub = av
        counts = range(low, max(low, min(high, n)) + 1)
        return _union(_prefixes(list(sub) * k + rest, n) for k in counts)
    return None


def _union(sets: Iterable[set[str] | None]) -> set[str] | None:
    out: set[str] = set()
    for s in sets:
        if s is None or len(out) > _MAX_KEYS:
            return None
        out |= s
    return out


def _required(items: list) -> set[str] | None:
    """Literal strings one of which every match must contain (lower case), or None."""
    from re import _constants as c

    run = ""
    for op, av in [*items, (None, None)]:
        if op is c.LITERAL:
            run += chr(av)
            continue
        if op is c.MAX_REPEAT and av[0] >= 1 and len(av[2]) == 1 and av[2][0][0] is c.LITERAL:
            run += chr(av[2][0][1]) * av[0]  # "x{3,}" must contain "xxx"
        branch = _alternatives(op, av)
        if run and not _selective(run) and branch is not None:
            # re's parser factors "\.com|\.io" into "." + (com|io): put the prefix back.
            leads = [_leading(alt) for alt in branch]
            if all(_selective(run + lead) for lead in leads):
                return {(run + lead).lower() for lead in leads}
        if _selective(run):
            return {run.lower()}
        run = ""
        found: set[str] | None = None
        if op is c.IN and all(o is c.LITERAL for o, _ in av):
            chars = {chr(v) for _, v in av}
            found = chars if all(_selective(ch) for ch in chars) else None
        elif branch is not None:
            found = _union(_required(alt) for alt in branch)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            found = _required(list(av[2]))
        if found is not None:
            return found
    return None


def _alternatives(op: object, av: object) -> list[list] | None:
    """The alternatives of a branch, looking through a group around it."""
    from re import _constants as c

    if op is c.SUBPATTERN and len(av[-1]) == 1:  # type: ignore[index]
        op, av = list(av[-1])[0]  # type: ignore[index]
    if op is c.BRANCH:
        return [list(alt) for alt in av[1]]  # type: ignore[index]
    if op is c.IN and all(o is c.LITERAL for o, _ in av):  # type: ignore[union-attr]
        return [[(c.LITERAL, v)] for _, v in av]  # type: ignore[union-attr]
    if op is c.SUBPATTERN:
        return [list(av[-1])]  # type: ignore[index]
    return None


def _leading(items: list) -> str:
    """The literal characters an alternative starts with."""
    from re import _constants as c

    out = ""
    for op, av in items:
        if op is not c.LITERAL:
            break
        out += chr(av)
    return out


def _selective(run: str) -> bool:
    """Rare enough in notes to be worth testing for: two letters or a rare mark such as '['."""
    core = run.strip()
    return (
        len(core) >= 3
        or (len(core) == 2 and not core.isalpha())
        or (len(core) == 1 and core not in ".,'" and not core.isalnum())
    )


def required_literals(pattern: str) -> tuple[str, ...]:
    """Substrings one of which any match contains, to skip a pattern cheaply; () if unknown."""
    try:
        from re import _parser

        found = _required(list(_parser.parse(pattern)))
    except Exception:  # noqa: BLE001 - an optimisation only
        return ()
    # A needle of one rare character such as "[" still skips most notes.
    return tuple(sorted(found)) if found else ()


def match_keys(pattern: str) -> frozenset[str] | None:
    """The three-character keys a pattern is filed under; None means it runs on every text."""
    try:
        from re import _parser

        keys = _prefixes(list(_parser.parse(pattern)))
    except Exception:  # noqa: BLE001 - an optimisation only: fall back to always running
        return None
    return frozenset(keys) if keys and len(keys) <= _MAX_KEYS else None


# Every Matcher's patterns, filed by key, so one pass over a text's word starts finds the
# few patterns worth trying there. A Python loop over ~20 word starts beats ~200 regex scans.
_PATTERNS_BY_KEY: dict[str, dict[int, list[str]]] = {}
_BY_KEY: dict[str, list[tuple[int, re.Pattern[str]]]] = {}  # built from the above on first use
_ALWAYS: list[tuple[int, re.Pattern[str], bool, tuple[str, ...]]] = []
_KEY_AT_WORD_START = re.compile(rf"(?<![\w'])(?=(\w.{{0,{_KEY - 1}}}))", re.S)


def scan(lower: str, plain: str) -> dict[int, list[re.Match[str]]]:
    """All matches of every registered pattern in one text, by matcher id."""
    found: dict[int, list[re.Match[str]]] = {}
    if len(_BY_KEY) != len(_PATTERNS_BY_KEY):
        _build_index()
    # Set arithmetic in C finds the few keys present; only their patterns are tried, and
    # only at the word starts where the key occurs.
    for key in set(_KEY_AT_WORD_START.findall(lower)) & _BY_KEY.keys():
        starts = _word_starts(lower, key)
        for matcher_id, regex in _BY_KEY[key]:  # one alternation per rule and key
            for pos in starts:
                m = regex.match(lower, pos)
                if m:
                    found.setdefault(matcher_id, []).append(m)
    for matcher_id, regex, cased, needles in _ALWAYS:
        for needle in needles:
            if needle in lower:
                break
        else:
            if needles:
                continue
        for m in regex.finditer(plain if cased else lower):
            found.setdefault(matcher_id, []).append(m)
    return found


def _word_starts(text: str, key: str) -> list[int]:
    """Offsets where key begins a word. str.find beats a regex with a look-behind here."""
    starts = []
    pos = text.find(key)
    while pos != -1:
        if pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "_'"):
            starts.append(pos)
        pos = text.find(key, pos + 1)
    return starts


def _build_index() -> None:
    """Join each rule's patterns under one key into one alternation: one match call each."""
    _BY_KEY.clear()
    for key, by_matcher in _PATTERNS_BY_KEY.items():
        _BY_KEY[key] = [
            (mid, _compile("|".join(f"(?:{p})" for p in ps), True, 0))
            for mid, ps in by_matcher.items()
        ]


class Matcher:
    """A set of patterns, registered in the shared index; reads matches from a Context."""

    def __init__(self, patterns: Iterable[str], *, bounded: bool = True) -> None:
        self.id = id(self)
        for p in patterns:
            cased = "(?-i:" in p
            if not cased and re.search(r"[A-Z]", re.sub(r"\\.", "", p)):
                raise ValueError(f"write patterns in lower case or mark case with (?-i:): {p}")
            keys = None if cased or not bounded else match_keys(p)
            if keys is None:
                regex = _compile(p, bounded, FLAGS if cased else 0)
                _ALWAYS.append((self.id, regex, cased, required_literals(p)))
                continue
            for key in keys:
                _PATTERNS_BY_KEY.setdefault(key, {}).setdefault(self.id, []).append(p)
        _BY_KEY.clear()  # rebuilt, with this matcher's patterns, on the next scan

    def finditer(self, ctx: Context) -> Iterator[re.Match[str]]:
        """Every match in text order; overlapping matches from different patterns dropped."""
        matches = sorted(ctx.found.get(self.id, ()), key=lambda m: (m.start(), -m.end()))
        end = -1
        for m in matches:
            if m.start() >= end:
                end = m.end()
                yield m

    def search(self, ctx: Context) -> bool:
        """True when any pattern matches."""
        return self.id in ctx.found


def _compile(pattern: str, bounded: bool, flags: int) -> re.Pattern[str]:
    # The look-behind keeps matches to word starts; (?![\w]) to word ends.
    return re.compile(rf"(?<![\w'])(?:{pattern})(?![\w])" if bounded else pattern, flags)


def existence(*patterns: str, bounded: bool = True, limit: int = 5) -> Check:
    """A check that reports each place any of the patterns occurs (at most `limit`)."""
    matcher = Matcher(patterns, bounded=bounded)

    def check(ctx: Context) -> Iterable[Hit]:
        for n, m in enumerate(matcher.finditer(ctx)):
            if n >= limit:
                break
            yield Hit(m.start(), m.end())

    check.matcher = matcher  # type: ignore[attr-defined]
    return check


def absence(*patterns: str, bounded: bool = True) -> Check:
    """A check that reports the whole text when none of the patterns occurs."""
    matcher = Matcher(patterns, bounded=bounded)

    def check(ctx: Context) -> Iterable[Hit]:
        # "Never says X" can only be judged in a language the patterns know.
        if ctx.english and ctx.text.strip() and not matcher.search(ctx):
            yield whole(ctx)

    check.matcher = matcher  # type: ignore[attr-defined]
    return check


def whole(ctx: Context) -> Hit:
    """A span over the text without its surrounding white space."""
    start = len(ctx.text) - len(ctx.text.lstrip())
    return Hit(start, max(start, len(ctx.text.rstrip())))


def scored(head: str, *, unless: Callable[[Context], bool] | None = None) -> Check:
    """A check the learned scorer decides: it reports when P(head) reaches the head's
    threshold (shipped with the weights), unless `unless` finds a phrase that settles it the
    other way. The span is the sentence that carried the decision; the reason says how sure,
    and which words weighed most."""

    def check(ctx: Context) -> Iterable[Hit]:
        if not ctx.text.strip() or ctx.score is None:
            return
        if unless is not None and unless(ctx):
            return
        scores = ctx.score()
        if not scores.judged:
            return  # a language the scorer barely knows: a false alarm costs more than a miss
        p = scores.probability(head)
        if p < scores.model.thresholds.get(head, 0.5):
            return
        start, end = scores.sentence(head)
        words = scores.quote(head)
        yield Hit(start, end, reason=f"scorer {p:.0%}" + (f": {words}" if words else ""))

    return check


def either(first: Check, second: Check) -> Check:
    """The first check's hits; the second check only when the first found nothing. Crisp
    phrases keep their exact spans and the scorer catches what they miss."""

    def check(ctx: Context) -> Iterable[Hit]:
        hits = list(first(ctx))
        return hits or second(ctx)

    return check
