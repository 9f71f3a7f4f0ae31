"""Replies to a connection request: the situation's sentences (phrases/reply.yaml) between a
greeting and a sign-off; plans drop optional items, cut fragments, then the sign-off, until
the reply fits (assistant/composer/fit.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant import lint
from assistant.composer.clean import first_name, fragment, full_name
from assistant.composer.fit import (
    Part,
    Plan,
    Sentence,
    choose,
    fixed_sentence,
    from_template,
    lowered,
    pick,
)
from assistant.composer.fragments import (
    cap,
    first_word,
    form_of,
    pieces,
    place_phrase,
    their_headline,
    tidy_fragment,
    unshout,
    with_article,
)
from assistant.composer.phrases import reply_phrases
from assistant.composer.voice import second_person
from assistant.composer.words import RECIPROCAL
from assistant.requests import ReplyRequest

_P = reply_phrases()


@dataclass(frozen=True, slots=True)
class _Item:
    """One piece of a reply body: its parts, and a drop rank when it is optional."""

    parts: Sentence
    drop: int | None = None


# When a reply must shrink, optional items with the lowest rank go first.
_HEADLINE_RANK, _MUTUAL_RANK, _CLOSE_RANK = 0, 1, 2
_RANK = {"headline": _HEADLINE_RANK, "mutual": _MUTUAL_RANK, "close": _CLOSE_RANK, None: None}


def _reply_items(req: ReplyRequest, situation: str, tone: str, v: int) -> list[_Item]:
    """The reply body for a situation, as core and optional items."""
    recipient = req.requester.name
    if situation == "accept":
        # One sentence of context, without shouting: "MET AT PYCON! great chat" -> "met at PyCon".
        ctx = pieces(unshout(fragment(req.context)))[0] if req.context.strip() else ""
        ctx = tidy_fragment(second_person(ctx, recipient))
        form = form_of(ctx)
        if not ctx:
            head = fixed_sentence(pick(_P.accept_none[tone], v))
        elif form in ("sentence", "verb") and not re.match(r"(?:we )?(?:first )?met\b", ctx, re.I):
            body = (
                ctx
                if form == "sentence"
                else ("We " if first_word(ctx) in RECIPROCAL else "I ") + ctx
            )
            head = from_template(pick(_P.accept_sentence[tone], v), cap(body))
        else:
            head = from_template(pick(_P.accept_place[tone], v), place_phrase(ctx, form))
        items = [_Item(head)]
    else:
        items = []
    for phrases in _P.situations[situation]:
        drop = _RANK[phrases.drop]
        template = pick(phrases[tone], v)
        if not template:
            continue
        if "{m}" in template:
            if not req.mutual:  # none given, or zero: nothing worth saying
                continue
            noun = "connection" if req.mutual == 1 else "connections"
            template = template.replace("{m}", f"{req.mutual} {noun}")
        if "{x}" in template:
            headline = their_headline(req.requester.headline)
            if not headline:
                continue
            items.append(_Item(from_template(template, with_article(headline), rank=1), drop))
        else:
            items.append(_Item(fixed_sentence(template), drop))
    return items


def _reply_plans(req: ReplyRequest, situation: str, tone: str, v: int) -> Iterator[Plan]:
    """Reply plans, tier 0 with the requester's name in the greeting and tier 1 without.

    Within a tier: the requested tone, then the concise wording (shorter, one paragraph);
    for each, drop the headline, cut fragments, drop the other optional items, then the
    sign-off.
    """
    first, full = first_name(req.requester.name), full_name(req.requester.name)
    me_first, me_full = first_name(req.me.name), full_name(req.me.name)
    styles = [tone] if tone == "concise" else [tone, "concise"]
    for tier, named in enumerate((True, False)):
        if named and not first:
            continue
        for style in styles:
            if named:
                greeting = pick(_P.greet[style], v)
                greeting = greeting.format(n=full if style == "formal" else first)
            else:
                greeting = pick(_P.greet_nameless[style], v)
            me = me_full if style == "formal" else me_first
            sign = pick(_P.sign[style], v).format(n=me) if me else pick(_P.sign_nameless[style], v)
            sep = " " if style == "concise" else "\n\n"
            items = _reply_items(req, situation, style, v)
            ranks = sorted({i.drop for i in items if i.drop is not None})
            steps: list[tuple[int, bool]] = [(0, False)]
            for n, rank in enumerate(ranks, start=1):
                steps += [(n, False), (n, True)] if rank == _HEADLINE_RANK else [(n, True)]
            steps.append((len(ranks), True))
            for signed in (True, False):
                for dropped, allow_cut in steps:
                    gone = set(ranks[:dropped])
                    body = [i.parts for i in items if i.drop is None or i.drop not in gone]
                    parts: list[Part] = []
                    if greeting:
                        parts += [Part(greeting), Part(sep)]
                        if sep == " ":
                            body[0] = lowered(body[0])
                    for sentence in body:
                        parts.extend(sentence)
                    if signed and sign:
                        parts += [Part(sep), Part(sign)]
                    yield tier, parts, allow_cut


def compose_reply(req: ReplyRequest, *, variant: int = 0) -> str:
    """A grounded reply to a connection request in its situation, within its limit. The
    situation is decided before (assistant.api); the composer never chooses one."""
    situation = req.situation
    if situation is None:
        raise ValueError("a reply request needs its situation: assistant.api decides it")
    limit = req.limit or lint.default_limit("reply", "premium")
    plans = _reply_plans(req, situation, req.tone, variant)
    return choose(plans, _P.fallbacks[situation], limit)
