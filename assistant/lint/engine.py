"""Runs the registered rules over one text and returns a LintResult."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial

from assistant.lint.checks import scan
from assistant.lint.language import looks_english
from assistant.lint.model import (
    KINDS,
    MESSAGE_LIMIT,
    NOTE_LIMITS,
    SEVERITIES,
    SITUATIONS,
    Context,
    DraftData,
    Facts,
    Finding,
    LintResult,
    Rule,
)
from assistant.lint.registry import RULES
from assistant.lint.scorer import score

# Curly quotes become straight ones in the matching copy; 1:1 so spans stay valid.
_STRAIGHTEN = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'}
)


def _lower_same_length(text: str) -> str:
    """Lower case that keeps every offset: a few letters ('İ') lower to two code points."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def count_chars(text: str) -> int:
    """Characters as a person sees them: code points after normalising line endings."""
    return len(text) - text.count("\r\n") if "\r" in text else len(text)


# No platform field is longer; a bigger number is a mistake (and would overflow float maths).
MAX_LIMIT = 1_000_000


def default_limit(kind: str, account: str) -> int:
    """The platform's limit: a note's for invitations (by tier), a message's for replies and
    follow-ups (both are messages)."""
    return MESSAGE_LIMIT if kind in ("reply", "followup") else NOTE_LIMITS[account]


def matches(rule_id: str, patterns: Iterable[str]) -> bool:
    """True when the id equals a pattern or sits under it as a prefix ('style', 'style.')."""
    for p in patterns:
        p = p.strip().rstrip(".")
        if p and (rule_id == p or rule_id.startswith(p + ".")):
            return True
    return False


def active_rules(
    kind: str,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    *,
    draft: bool = False,
) -> list[Rule]:
    """The rules that read this kind, after --select and --ignore; the draft gate's rules
    only when there is draft data."""
    select, ignore = list(select or ()), list(ignore or ())
    return [
        r
        for r in RULES
        if kind in r.kinds
        and (draft or not r.needs_draft)
        and (not select or matches(r.id, select))
        and not matches(r.id, ignore)
    ]


def _severity_for(rule: Rule, overrides: Mapping[str, str] | None) -> str:
    """The rule's severity after overrides; the most specific id or prefix wins."""
    if not overrides:
        return rule.severity
    best, best_len = rule.severity, -1
    for pattern, level in overrides.items():
        if matches(rule.id, [pattern]) and len(pattern) > best_len:
            best, best_len = level, len(pattern)
    return best


def lint(
    text: str,
    kind: str = "invite",
    situation: str | None = None,
    account: str = "premium",
    limit: int | None = None,
    facts: object = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity: Mapping[str, str] | None = None,
    draft: DraftData | Mapping | None = None,
) -> LintResult:
    """Check a note or reply against the guidance and return its findings. With `draft` (what
    the draft gate knows of the request and the prompt) the gate's rules run too."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    if situation is not None and situation not in SITUATIONS:
        raise ValueError(f"unknown situation {situation!r}: use one of {', '.join(SITUATIONS)}")
    if account not in NOTE_LIMITS:
        raise ValueError(f"unknown account {account!r}: use premium or free")
    if limit is not None and (not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT):
        raise ValueError(f"limit must be a whole number of characters from 1 to {MAX_LIMIT:,}")
    for level in (severity or {}).values():
        if level not in SEVERITIES:
            raise ValueError(f"unknown severity {level!r}: use error, warning or info")

    draft_data = DraftData.coerce(draft)

    plain = text.translate(_STRAIGHTEN)
    lower = _lower_same_length(plain)
    ctx = Context(
        text=text,
        plain=plain,
        lower=lower,
        found=scan(lower, plain),
        english=looks_english(lower),
        kind=kind,
        situation=situation,
        limit=limit or default_limit(kind, account),
        chars=count_chars(text),
        facts=Facts.coerce(facts),  # type: ignore[arg-type]
        draft=draft_data,
        # Scored on first use only (the scorer keeps recent texts' judgements for the rest).
        score=partial(score, text),
    )
    findings: list[Finding] = []
    for rule in active_rules(kind, select, ignore, draft=draft_data is not None):
        level = _severity_for(rule, severity)
        for hit in rule.check(ctx):
            findings.append(
                Finding(
                    rule=rule.id,
                    severity=level,  # type: ignore[arg-type]
                    message=hit.message or rule.message,
                    start=hit.start,
                    end=hit.end,
                    suggestion=hit.suggestion or rule.suggestion,
                    reason=hit.reason,
                )
            )
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return LintResult(kind=kind, chars=ctx.chars, limit=ctx.limit, findings=tuple(findings))
