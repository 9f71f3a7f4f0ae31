"""The ask an invitation note made, read back deterministically: what a follow-up delivers when
the user gives no ask of their own.

The note is the user's own text, so the ask is kept in their words: the sentence that asks
(a question, "I'd love to …", "Would you be open to …"), without the lead-ins that only link
it to the note ("So", "And", "Also"). A note whose one purpose was to connect asks nothing
(the guidance: connecting alone is no ask), and the result is "".
"""

from __future__ import annotations

import re

from assistant.composer.clean import clean_text

# Where a note's sentences end; its greeting ("Hi Tomás,") is cut off first (_GREETING).
_SENTENCES = re.compile(r"[^.!?]+[.!?]*")
_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon))\b(?P<name>[^,.!?]{0,40})[,!]\s*",
    re.I,
)
_LEAD = re.compile(r"^(?:so|and|also|but|anyway|then|if so)\b[,\s]*", re.I)
# A sentence that asks something of the recipient, or says what the sender would like. "Happy
# to share our findings" is an offer, not an ask: "happy" and "glad" are left out.
_ASKS = re.compile(
    r"\?$|\b(?:i'?d|i would|we'?d|i'm hoping|i am hoping|hoping|keen) "
    r"(?:love|like|welcome|value|appreciate|be (?:glad|grateful|happy|keen|interested)|to)\b"
    r"|\b(?:would|could|can|may) (?:you|i|we)\b|\blet'?s\b|\bopen to\b|\bplease\b"
    r"|\b(?:stay|keep) in touch\b|\blearn from\b|\bi'?d (?:love|like)\b"
    # Notes drop the subject: "... and would love 15 minutes of your advice".
    r"|\bwould (?:love|like|appreciate|welcome|value)\b",
    re.I,
)
# A sentence whose one purpose is to connect: "I'd like to connect.", "Let's connect!"
_CONNECT_ONLY = re.compile(
    r"^(?:(?:i'?d|i would) (?:love|like) to |let'?s |happy to |glad to |keen to "
    r"|(?:may|can|could) i |would you (?:like|want) to |would you be open to )?"
    r"(?:connect(?:ing)?|add(?:ing)? you(?: to my (?:professional )?network)?|be connected"
    r"|join your network|grow (?:my|our) networks?)"
    r"(?: with you| here| on linkedin)?[.!?]*$",
    re.I,
)
# "review my CV for it?": "it" was the sentence before, which the ask leaves behind.
_DANGLING_IT = re.compile(r"\s+(?:for|about|on|with) (?:it|this|that)(?=[.?!]*$)", re.I)
# "connect and learn from your work" -> "learn from your work": they have connected now.
_CONNECT_AND = re.compile(r"\b(?:to )?connect(?:ing)? and\s+", re.I)


def _sentences(note: str) -> list[str]:
    text = _GREETING.sub("", clean_text(note))
    return [s.strip() for s in _SENTENCES.findall(text) if s.strip(" .!?")]


def promised_ask(note: str) -> str:
    """The ask the note made, in its own words ("Could I ask how you test contrast?"); "" when
    it asked for nothing but to connect. The last question wins, else the last sentence that
    says what the sender would like: a note asks at its end, and a question is the clearest
    ask ("Could we talk about X? I'd love to hear your view." asks for the talk)."""
    asks = [
        sentence
        for sentence in (_LEAD.sub("", s) for s in _sentences(note))
        if sentence and not _CONNECT_ONLY.match(sentence) and _ASKS.search(sentence)
    ]
    questions = [a for a in asks if a.endswith("?")]
    found = (questions or asks or [""])[-1]
    if not found:
        return ""
    found = _DANGLING_IT.sub("", found)
    found = _CONNECT_AND.sub(lambda m: "to " if m.group().lower().startswith("to") else "", found)
    return found[:1].upper() + found[1:]


def greeted_name(note: str) -> str:
    """The name the note greets ("Hi Tomás," -> "Tomás"), "" when it greets no one."""
    found = _GREETING.match(clean_text(note))
    name = found.group("name").strip() if found else ""
    return "" if name.lower() in ("", "there", "all", "everyone") else name
