"""Follow-ups: the first message after someone accepted the user's invitation. A greeting and
a line of thanks, the one ask (the user's, else the one their note promised), an optional
close and the sign-off, in the words of phrases/followup.yaml; the ask is worded as an
invitation's (composer/invite.py's user_ask). The note's pitch (who the sender is, why them)
is not said again: they have read it and accepted."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant import lint
from assistant.composer.clean import first_name, full_name
from assistant.composer.fit import Part, Plan, Sentence, choose, fixed_sentence, lowered, pick
from assistant.composer.invite import ask_fragment, user_ask
from assistant.composer.phrases import followup_phrases
from assistant.composer.promised import promised_ask
from assistant.requests import FollowupRequest

_P = followup_phrases()
# A follow-up may be a long message, but a short one gets read: the composer aims here.
AIM_CHARS = 300


def followup_ask(req: FollowupRequest) -> str:
    """The ask a follow-up makes: the user's, else the one their note promised ("" if none)."""
    return req.ask or promised_ask(req.note)


def _ask_fragment(req: FollowupRequest, recipient: str) -> str:
    """The ask ready for user_ask. The user's field may speak of them ("ask her about X") and is
    turned to "you"; the note's sentence already speaks to them and is kept as written ("how you
    onboard them" stays, it is not "how you onboard you")."""
    if req.ask:
        return ask_fragment(req.ask, recipient)
    return promised_ask(req.note)


# Asks that need no answer ("I'd like to stay in touch") get no "no rush" after them.
_NOTHING_TO_ANSWER = re.compile(r"\b(?:stay|keep) in touch\b|\blearn from your\b", re.I)


def _plans(req: FollowupRequest, ask: str, tone: str, v: int) -> Iterator[Plan]:
    """Plans from the fullest follow-up to the shortest: with the close and the sign-off, then
    without the close, then without either; tier 0 greets them by name, tier 1 does not."""
    first, full = first_name(req.recipient.name), full_name(req.recipient.name)
    me = full_name(req.me.name) if tone == "formal" else first_name(req.me.name)
    thanks = fixed_sentence(pick(_P.thanks[tone], v))
    asked: Sentence = user_ask(ask, tone, v, full)
    close = "" if _NOTHING_TO_ANSWER.search(ask) else pick(_P.close[tone], v)
    sign = pick(_P.sign[tone], v).format(n=me) if me else ""
    greetings = [pick(_P.greet[tone], v).format(n=full if tone == "formal" else first)]
    if not first:
        greetings = []
    greetings.append(pick(_P.greet_nameless[tone], v))
    for tier, greeting in enumerate(greetings):
        for with_close, with_sign in ((True, True), (False, True), (False, False)):
            parts: list[Part] = [Part(greeting + " "), *lowered(thanks), Part(" "), *asked]
            if with_close and close:
                parts += [Part(" "), Part(close)]
            if with_sign and sign:
                parts += [Part("\n\n"), Part(sign)]
            for allow_cut in (False, True):
                yield tier, parts, allow_cut


def compose_followup(req: FollowupRequest, *, variant: int = 0) -> str:
    """A grounded follow-up within its limit and, when it can be, within AIM_CHARS."""
    ask = _ask_fragment(req, full_name(req.recipient.name))
    if not ask:
        raise ValueError("a follow-up needs an ask: assistant.api refuses a request without one")
    limit = min(req.limit or lint.default_limit("followup", "premium"), AIM_CHARS)
    return choose(_plans(req, ask, req.tone, variant), _P.fallbacks, limit)
