"""style.shouting: ALL CAPS words and repeated exclamation marks read as shouting."""

import re
from collections.abc import Iterable

from assistant.lint.model import Context, Hit, Rule
from assistant.lint.words import COMMON_WORDS

_BANGS = re.compile(r"!{2,}|[!?]{3,}|\?!|!\?")
_CAPS_WORD = re.compile(r"(?<![\w'])[A-Z][A-Z'\u2019]*[A-Z](?![\w'])")
_CAPS_RUN = re.compile(r"(?<![\w'])(?:[A-Z]{2,}[!?.,:]*\s+){2,}[A-Z]{2,}(?![\w'])")


_TWO_CAPS = re.compile(r"[A-Z]{2}")
_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-Z\u00c0-\u00de\u0391-\u03a9\u0410-\u042f]")


def check(ctx: Context) -> Iterable[Hit]:
    text = ctx.text
    bangs = _BANGS.search(text)
    if bangs is None and not _TWO_CAPS.search(text):
        return  # the common case, decided with two fast searches
    if bangs is not None:
        yield Hit(
            bangs.start(),
            bangs.end(),
            message="repeated exclamation marks read as shouting: use one, or none",
        )
    # A run of three or more capitalised words, or one common word in capitals, is shouting;
    # acronyms and company names (NASA, AWS, KPMG) are not common words.
    for m in _CAPS_RUN.finditer(text):
        yield Hit(m.start(), m.end())
        return
    head = text[:2000]
    letters = len(_LETTER.findall(head))
    if letters >= 12 and len(_UPPER.findall(head)) > 0.6 * letters:
        yield Hit(0, len(text.rstrip()))
        return
    for m in _CAPS_WORD.finditer(text):
        word = m.group().replace("\u2019", "'").lower()
        if len(word) >= 3 and word in COMMON_WORDS:
            yield Hit(m.start(), m.end())
            return


RULE = Rule(
    id="style.shouting",
    severity="warning",
    description="ALL CAPS words that are not acronyms, or repeated exclamation marks.",
    explain='ALL CAPS words that are not acronyms ("PLEASE CONNECT", "URGENT"), or repeated exclamation marks ("!!").',
    message="capitals read as shouting: write the word in lower case",
    check=check,
    fails=[
        "Hi Ana, PLEASE connect with me, it's URGENT.",
        "Loved your talk!!! Let's connect!!",
        "HELLO ANA I AM A RECRUITER AND HAVE A GREAT ROLE FOR YOU",
        {"text": "Thanks, but NOT interested.", "kind": "reply"},
    ],
    passes=[
        "Hi Ana, I'm an ML engineer at NASA JPL; your ICML paper on GDPR audits helped. Connect?",
        "Hi Ana, I work at KPMG in the UK and loved your AWS re:Invent talk! May I connect?",
        "Hi Ana, I'm the CEO of IKEA's AI lab. Could we talk about your NLP post?",
    ],
)
