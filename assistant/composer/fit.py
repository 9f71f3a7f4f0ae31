"""Fitting a note to its limit: a draft is parts, some cuttable at word boundaries; plans run
from the richest note to the shortest, and the first that fits wins.

Each group of plans (a tier) is tried against 90% of the limit, then the limit itself; tiny
fixed notes are the last resort. Nothing is cut mid-word (except between CJK characters, which
have no spaces), and no "…" is added."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant import lint
from assistant.composer.fragments import cap, lower_first
from assistant.composer.words import DANGLING

# Share of the limit a draft aims for; the linter's length.no-room fires above 95%.
SPARE = 0.9
# Once cut, a user fragment keeps at least this many characters, or the plan is dropped.
MIN_BODY = 16


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a draft; `keep` set means it may be cut, but not below `keep` characters."""

    text: str
    keep: int | None = None
    rank: int = 0  # cut parts with a lower rank get the spare room first


Sentence = tuple[Part, ...]


_TRAILING = " ,;:-–—/&+(\"'“‘«[·|•.!?…"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Places where a phrase can stop and still read whole: before a clause or a trailing
# prepositional phrase ("a short call | about how your team handles late data").
_CLAUSE_BREAK = re.compile(
    r"[,;:]\s|\s(?:and|but|while|which|where|who|so|or|about|on|for|in|with|at|from|during|"
    r"after|before|because|since|via|using|including|like)\s|[，。；]"
)
_CLAUSE_SHARE = 0.4  # cut at a clause boundary when it keeps at least this share of the room
_CJK_PUNCT = set("，。、；：！？）」』】")


def _tidy_end(text: str) -> str:
    """Drop what cannot end a phrase: punctuation, unclosed brackets, function words."""
    while True:
        before = text
        text = text.rstrip(_TRAILING)
        for opener, closer in (("(", ")"), ("“", "”"), ("[", "]")):
            if text.count(opener) > text.count(closer):
                text = text[: text.rfind(opener)].rstrip(_TRAILING)
        if text.count('"') % 2:
            text = text[: text.rfind('"')].rstrip(_TRAILING)
        words = text.rsplit(" ", 1)
        if len(words) == 2 and words[1].lower().strip(".,") in DANGLING:
            text = words[0]
        elif len(words) == 1 and text.lower() in DANGLING:
            text = ""
        if text == before:
            return text


def cut_to(text: str, room: int, floor: int = 0) -> str:
    """The longest start of text within `room` characters that ends at a word boundary,
    tidied; CJK text, which has no spaces, may end between two of its characters. A clause
    boundary before `floor` (a template's own words) is never used."""
    if len(text) <= room:
        return text
    for i in range(max(room, 0), 0, -1):
        if (
            text[i].isspace()
            or text[i - 1] in _CJK_PUNCT
            or (_CJK.match(text[i - 1]) and _CJK.match(text[i]))
        ):
            head = text[:i]
            break
    else:
        return ""
    # A clause boundary near the end beats the last word boundary: "…semantics" reads whole,
    # "…and the way you explained" does not.
    clauses = list(_CLAUSE_BREAK.finditer(head + " "))  # " " so a last "on" counts too
    if clauses and clauses[-1].start() >= max(floor, _CLAUSE_SHARE * room):
        head = head[: clauses[-1].start()]
    return _tidy_end(head)


def _render(parts: Sequence[Part], budget: int, allow_cut: bool) -> str | None:
    """The parts joined within budget, cutting cuttable ones if allowed; None if impossible."""
    texts = [p.text for p in parts]
    total = sum(len(t) for t in texts)
    if total <= budget:
        return "".join(texts)
    if not allow_cut:
        return None
    cuttable = sorted(
        (i for i, p in enumerate(parts) if p.keep is not None and len(p.text) > p.keep),
        key=lambda i: (parts[i].rank, i),
    )
    if not cuttable:
        return None
    fixed = total - sum(len(texts[i]) for i in cuttable)
    spare = budget - fixed - sum(parts[i].keep or 0 for i in cuttable)
    if spare < 0:
        return None
    for i in cuttable:
        keep = parts[i].keep or 0
        cut = cut_to(texts[i], keep + spare, keep)
        if len(cut) < keep:
            return None
        spare -= len(cut) - keep
        texts[i] = cut
    return "".join(texts)


def sentence_of(
    prefix: str, body: str = "", suffix: str = ".", *, rank: int = 0, keep: int = MIN_BODY
) -> Sentence:
    """A sentence whose user-supplied body may be cut (prefix and suffix never are)."""
    if not body:
        return (Part(prefix + suffix),)
    keep = len(prefix) + min(len(body), keep)
    return (Part(prefix + body, keep, rank), Part(suffix))


def from_template(
    template: str, body: str = "", *, rank: int = 0, keep: int = MIN_BODY
) -> Sentence:
    """A sentence from a template with one '{x}' slot for a user fragment."""
    prefix, _, suffix = template.partition("{x}")
    if not prefix and body:
        body = cap(body)  # the fragment opens the sentence
    return sentence_of(prefix, body, suffix, rank=rank, keep=keep)


def fixed_sentence(text: str) -> Sentence:
    return (Part(text),)


def lowered(sentence: Sentence) -> Sentence:
    first = sentence[0]
    return (Part(lower_first(first.text), first.keep, first.rank), *sentence[1:])


def pick(options: Sequence[str], variant: int) -> str:
    return options[variant % len(options)]


Plan = tuple[int, Sequence[Part], bool]  # (tier, parts, may cut)


def choose(plans: Iterable[Plan], fallbacks: Sequence[str], limit: int) -> str:
    """The first plan that fits, tier by tier: within a tier, 90% of the limit first, then
    the limit itself. A tier holds plans that keep the same core content (for an invitation,
    the same 'why'), so room to spare never costs the reason for writing."""
    tiers: dict[int, list[tuple[Sequence[Part], bool]]] = {}
    for tier, parts, allow_cut in plans:
        tiers.setdefault(tier, []).append((parts, allow_cut))
    budgets = dict.fromkeys((int(limit * SPARE), limit))
    for tier in sorted(tiers):
        for budget in budgets:
            for parts, allow_cut in tiers[tier]:
                text = _render(parts, budget, allow_cut)
                if text and text.strip():
                    return text.strip()
    for budget in budgets:
        for text in fallbacks:
            if text and lint.count_chars(text) <= budget:
                return text
    # Only a limit below any platform's (the request model forbids it) gets here.
    return cut_to(fallbacks[-1], limit) or fallbacks[-1][: max(limit, 0)]
