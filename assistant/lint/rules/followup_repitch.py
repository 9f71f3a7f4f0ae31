"""followup.repitch: a follow-up goes to someone who read the user's invitation note and
accepted it; saying the note's pitch again (who the sender is, why them) wastes their time.
A short reminder is fine; most of the note again is not."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from assistant.lint.gate import stems
from assistant.lint.model import Context, Hit, Rule
from assistant.lint.words import COMMON_WORDS

# The share of the note's own words (less its ask and greeting) a follow-up may say again: a
# reminder ("your article on colour palettes") is a third of a note, a re-pitch most of it.
SHARE = 0.6
# Fewer words than this in common is never a re-pitch, however short the note.
AT_LEAST = 4
# "Hi Tomás," opens the note and the follow-up alike: not pitch.
_GREETING = re.compile(r"^\s*(?:hi|hello|hey|dear)\b[^,.!?\n]{0,40}[,!.]", re.IGNORECASE)


@cache
def _common() -> frozenset[str]:
    # On first use: the gate's rules run on model drafts only, never on `draft lint` start-up.
    return frozenset(stems(" ".join(COMMON_WORDS)))


def pitch_words(note: str, ask: str) -> set[str]:
    """The note's pitch as word stems: its words less its greeting, the ask and common words."""
    return stems(_GREETING.sub("", note)) - stems(ask) - _common()


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None or not ctx.draft.note:
        return
    pitch = pitch_words(ctx.draft.note, ctx.draft.ask)
    said = stems(_GREETING.sub("", ctx.text)) & pitch
    if len(said) >= AT_LEAST and len(said) >= SHARE * len(pitch):
        yield Hit(
            0,
            len(ctx.text),
            message=f"this says {len(said)} of the {len(pitch)} words of your invitation's "
            "pitch again: they have read it",
        )


_NOTE = (
    "Hi Tomás, I'm Rosa, a product designer at Northwind. Your article on accessible colour "
    "palettes changed how our team picks colours. Could I ask how you test contrast with real "
    "users?"
)
_ASK = "Could I ask how you test contrast with real users?"


def _followup(text: str, note: str = _NOTE, ask: str = _ASK) -> dict:
    return {"text": text, "kind": "followup", "draft": {"note": note, "ask": ask}}


RULE = Rule(
    id="followup.repitch",
    severity="error",
    kinds=frozenset({"followup"}),
    needs_draft=True,
    description="Draft gate: a follow-up says most of the invitation note's pitch again.",
    explain=f"a follow-up that says again {SHARE:.0%} or more (and at least {AT_LEAST}) of the "
    "words of the invitation `note` that made the pitch: the note less its greeting, its `ask` "
    "and common words. A short reminder of the reason passes.",
    message="this pitches your invitation note again: they have read it and accepted",
    suggestion="thank them in a line and make the one ask; leave out who you are and why them",
    check=check,
    fails=[
        _followup(
            "Hi Tomás, thanks for connecting! I'm Rosa, a product designer at Northwind, and "
            "your article on accessible colour palettes changed how our team picks colours. "
            "Could I ask how you test contrast with real users?"
        ),
        _followup(
            "Hi Tomás, thanks for accepting. As a product designer at Northwind, your article "
            "on accessible colour palettes changed how my team picks colours. How do you test "
            "contrast?"
        ),
        _followup(
            "Hi Ines, thanks for accepting! I'm Malik, the backend engineer from the Lisbon SRE "
            "meetup where we talked about on-call rotations. Would you share a few tips?",
            note="Hi Ines, I'm Malik, a backend engineer. We talked about on-call rotations at "
            "the Lisbon SRE meetup. I'd like to stay in touch.",
            ask="a few tips on on-call",
        ),
    ],
    passes=[
        _followup(
            "Hi Tomás, thanks for connecting! Could I ask how you test contrast with real "
            "users? No rush at all.\n\nBest,\nRosa"
        ),
        _followup(
            "Hi Tomás, thanks for connecting! Your article on accessible colour palettes stuck "
            "with me: could I ask how you test contrast with real users?"
        ),
        _followup(
            "Hi Ines, thanks for accepting! Would you share a few tips on on-call?",
            note="Hi Ines, I'm Malik, a backend engineer. We talked about on-call rotations at "
            "the Lisbon SRE meetup. I'd like to stay in touch.",
            ask="a few tips on on-call",
        ),
        # Without draft data (pasted into `draft lint`) there is no note to compare.
        {
            "text": "Hi Tomás, I'm Rosa, a product designer at Northwind. Your article on "
            "accessible colour palettes changed how our team picks colours.",
            "kind": "followup",
        },
    ],
)
