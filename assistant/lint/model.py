"""The linter's values: rules, findings, facts and results. Plain dataclasses: no pydantic, so
`draft lint` starts fast."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
# "followup": the message after someone accepted the user's invitation (a message, like a reply).
Kind = Literal["invite", "reply", "incoming", "followup"]

KINDS: tuple[str, ...] = ("invite", "reply", "incoming", "followup")
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SITUATIONS: tuple[str, ...] = (
    "letdown",
    "how-met",
    "how-can-i-help",
    "accept",
    "follow",
    "ignore",
)
NOTE_LIMITS = {"premium": 300, "free": 200}
MESSAGE_LIMIT = 1_900


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a check matched; message and suggestion override the rule's defaults."""

    start: int
    end: int
    message: str | None = None
    suggestion: str | None = None
    reason: str | None = None  # why a judgement was made: the words that weighed most


@dataclass(frozen=True, slots=True)
class Facts:
    """What the user supplied, by whom it is true: the sender, the recipient, or shared."""

    sender: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()

    @classmethod
    def coerce(
        cls, value: Facts | Mapping[str, Iterable[str]] | Iterable[str] | None
    ) -> Facts | None:
        """Accept a Facts, a {"sender", "recipient", "shared"} mapping or a flat list (shared)."""
        if value is None or isinstance(value, Facts):
            return value
        if isinstance(value, str):
            return cls(shared=(value,))
        if isinstance(value, Mapping):
            unknown = set(value) - {"sender", "recipient", "shared"}
            if unknown:
                raise ValueError(f"unknown facts keys: {', '.join(sorted(unknown))}")
            return cls(
                **{
                    k: tuple(str(v) for v in value.get(k) or ())
                    for k in ("sender", "recipient", "shared")
                }
            )
        return cls(shared=tuple(str(v) for v in value))

    def all(self) -> tuple[str, ...]:
        """Every fact, whoever it belongs to."""
        return self.sender + self.recipient + self.shared


@dataclass(frozen=True, slots=True)
class DraftData:
    """What the draft gate knows beyond the text, as plain data: the request a model drafted
    for, and the prompt it was given. Rules with needs_draft read it; without it they are
    silent, so text pasted into `draft lint` never meets them unless told."""

    note: str = ""  # their incoming note: untrusted, a draft must not echo it
    supplied: str = ""  # the text the user gave: links, days and words in it are theirs
    user_text: str = ""  # the user's own fields as typed: the language they write in
    requester_headline: str = ""  # a reply's requester: their headline and first name
    requester_name: str = ""
    relationship: str = "other"  # how the user knows the recipient ("referral", "met"...)
    ask: str = ""  # what the user asks for: in an invitation, or the ask a follow-up makes
    context: str = ""  # the user's context line: for an accept, where the two met
    relationship_line: str = ""  # how the prompt put the relationship ("we met at an event")
    prompt_rules: tuple[str, ...] = ()  # the prompt's role and rule lines, not its steps
    prompt_examples: tuple[str, ...] = ()  # the prompt's example answers
    prompt_words: str = ""  # the prompt's instructions and examples: vocabulary any reply may use
    canary: str = ""  # the secret planted in the prompt: any part of it in a draft is a leak

    @classmethod
    def coerce(cls, value: DraftData | Mapping[str, Any] | None) -> DraftData | None:
        """Accept a DraftData or a mapping of its fields (lists for the tuples)."""
        if value is None or isinstance(value, DraftData):
            return value
        if not isinstance(value, Mapping):
            raise TypeError(f"draft must be a mapping, not {type(value).__name__}")
        unknown = set(value) - set(cls.__slots__)
        if unknown:
            raise ValueError(f"unknown draft keys: {', '.join(sorted(unknown))}")
        fields: dict[str, Any] = {}
        for key, item in value.items():
            if key in ("prompt_rules", "prompt_examples"):
                if isinstance(item, str):
                    item = (item,)
                fields[key] = tuple(str(v) for v in item or ())
            else:
                fields[key] = "" if item is None else str(item)
        return cls(**fields)


@dataclass(frozen=True, slots=True)
class Context:
    """What a check reads: the text, a matching copy with straight quotes, and the request."""

    text: str
    plain: str  # same length as text: curly quotes straightened, so spans line up
    lower: str  # plain in lower case, same length again
    found: dict  # every phrase pattern's matches, by matcher id (see checks.scan)
    english: bool  # the phrase rules that need English stay silent when this is False
    kind: str
    situation: str | None
    limit: int
    chars: int
    facts: Facts | None
    draft: DraftData | None = None  # only for the draft gate's rules (Rule.needs_draft)
    # The learned scorer's judgements, computed on first use: rules that never ask pay nothing.
    score: Callable[[], Any] | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule: a stable id, a default severity, the kinds it reads, and a check."""

    id: str
    severity: Severity
    description: str
    message: str
    check: Callable[[Context], Iterable[Hit]]
    kinds: frozenset[str] = frozenset(KINDS)
    suggestion: str | None = None
    # Examples the meta-test runs: each a string, or a dict of lint() arguments with "text".
    fails: Sequence[str | Mapping[str, Any]] = ()
    passes: Sequence[str | Mapping[str, Any]] = ()
    # Runs only when lint() is given draft data (the draft gate); silent otherwise.
    needs_draft: bool = False
    # When it fires, in full, for docs/lint-rules.md (generated from the registry).
    explain: str = ""
    # What decides: "rules" (patterns and code), or "rules, then scorer" (the learned scorer).
    judged_by: str = "rules"

    @property
    def family(self) -> str:
        """The part of the id before the dot."""
        return self.id.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which rule, how bad, what to do, and where (code-point offsets)."""

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    suggestion: str | None = None
    reason: str | None = None  # for a learned judgement: how sure, and the words that weighed

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data; "reason" is null unless the scorer judged."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "suggestion": self.suggestion,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class LintResult:
    """All findings on one text, in text order."""

    kind: str
    chars: int
    limit: int
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not any(f.severity == "error" for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error-level findings."""
        return tuple(f for f in self.findings if f.severity == "error")

    def rules(self) -> set[str]:
        """The ids of the rules that fired."""
        return {f.rule for f in self.findings}

    def to_dict(self) -> dict[str, Any]:
        """The result in the documented JSON shape."""
        return {
            "kind": self.kind,
            "chars": self.chars,
            "limit": self.limit,
            "ok": self.ok,
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self) -> str:
        """The result as one line of JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False)
