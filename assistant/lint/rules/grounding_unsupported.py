"""grounding.unsupported: every name, organisation, event, number and date must come from the
facts the user gave, and must belong to the right person."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.lint.checks import FLAGS
from assistant.lint.model import Context, Facts, Hit, Rule
from assistant.lint.words import COMMON_WORDS, NON_ENTITIES

_LATIN_CHARS = "A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff"
# Latin words and runs of other scripts are separate tokens: "Nexon에서" is "Nexon" + "에서".
_TOKEN = re.compile(
    rf"[{_LATIN_CHARS}](?:[{_LATIN_CHARS}&+]|['\u2019.-](?=[{_LATIN_CHARS}]))*"
    rf"|[^\W\d_{_LATIN_CHARS}]+"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s|\n|[\u2014-]\s)[\s\"'\u201c\u2018(*\u2022-]*$")
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")

# Clauses where the sender claims something for themselves; the object is checked against
# the recipient's facts.
_CLAIMS = re.compile(
    r"\b(?:"
    r"i(?:'m| am)? (?:currently |now )?(?:work(?:ing)?|worked|based) (?:at|for|with|in)"
    r"|i(?:'m| am) (?:an? |the )?(?:[\w-]+ ){0,4}(?:at|with|from|of)"
    r"|(?:i|we) (?:spoke|presented|gave|delivered|hosted|wrote|published|posted|authored|led|"
    r"built|founded|co-?founded|organi[sz]ed|ran|run|launched|created|designed|keynoted|lead|"
    r"teach|taught|manage|head)"
    r"|i(?:'ve| have) (?:spoken|presented|given|delivered|hosted|written|published|posted|"
    r"authored|led|built|founded|organi[sz]ed|run|launched|created|designed)"
    r"|(?:my|our) (?:own |recent |latest |last |new )?(?:talk|post|article|paper|book|keynote|"
    r"session|presentation|podcast|research|company|team|startup|firm|employer|lab|newsletter|"
    r"blog|course|project|panel|workshop|thesis|school|university)"
    r"|(?:i'?m|i am|my name is|my name's|this is)"
    r"|as (?!(?:you|your|we|they|he|she|it|a result|well|far|soon|long|much|part of your)\b)"
    r"|here at|we at"
    r")\b(?P<obj>[^.;!?\n]{0,60})",
    FLAGS,
)
# "my PyCon Türkiye talk on delivery-time models": a thing of the recipient's called the
# sender's own. Here lower-case words count too: "talk" itself may be the recipient's fact.
_MY_THING = re.compile(
    r"\b(?:my|our) (?P<obj>(?:[^\s.,;!?]+ ){0,3}(?:talk|post|article|paper|book|keynote|session|"
    r"presentation|podcast|research|company|startup|firm|lab|newsletter|blog|course|project|"
    r"panel|workshop|review)s?\b(?: (?:on|about|at|in|for) [^.,;!?\n]{0,40})?)",
    FLAGS,
)


_CLAIM_END = re.compile(r"\b(?:your?|because|since|after|when|and i|but|so)\b", FLAGS)


def _norm(token: str) -> str:
    token = token.replace("\u2019", "'").casefold()
    return token[:-2] if token.endswith("'s") else token


@lru_cache(maxsize=256)
def _tokens(facts: tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set()
    for fact in facts:
        for m in _TOKEN.finditer(fact):
            t = _norm(m.group())
            out.add(t)
            out.update(p for p in re.split(r"[-.&+']", t) if p)
    return frozenset(out)


def _supported(token: str, known: frozenset[str], joined: str) -> bool:
    t = _norm(token)
    if t in known or t in NON_ENTITIES:
        return True
    if not _LATIN.search(t):  # scripts without case: look for the run inside the facts
        return t in joined
    parts = [p for p in re.split(r"[-.&+']", t) if p]
    return bool(parts) and all(p in known for p in parts)


def _is_candidate(text: str, m: re.Match[str], english: bool) -> bool:
    token = m.group()
    if _DIGIT.search(token):
        return True
    first = token[0]
    if not _LATIN.match(first):
        # In an English note, a word in a script without case is a name (李娜); in a note
        # written in that script it is just a word.
        return english and first.isalpha() and not first.isascii()
    if not first.isupper():
        return False
    if _SENTENCE_START.search(text, max(0, m.start() - 6), m.start()):
        # A capitalised word opening a sentence is usually an ordinary word ("Noticed your
        # talk"); it counts as a name only when it looks like one: "DataConf", "NASA", "2024",
        # or followed by another capitalised word ("Priya Shah suggested").
        if _norm(token) in COMMON_WORDS or _norm(token) in NON_ENTITIES:
            return False
        return _looks_like_name(token) or _next_is_capitalised(text, m.end())
    return True


def _looks_like_name(token: str) -> bool:
    core = token.replace("'", "")
    return (any(c.isupper() for c in core[1:]) and _norm(token) not in COMMON_WORDS) or bool(
        _DIGIT.search(token)
    )


def _next_is_capitalised(text: str, end: int) -> bool:
    nxt = _NEXT_WORD.match(text, end)
    return bool(nxt) and nxt.group(1)[0].isupper() and _norm(nxt.group(1)) not in NON_ENTITIES


_NEXT_WORD = re.compile(r" ([^\W\d_][\w'-]*)")


def check(ctx: Context) -> Iterable[Hit]:
    facts: Facts | None = ctx.facts
    if facts is None:
        return
    every = facts.all()
    known = _tokens(every)
    joined = " ".join(every).casefold()
    text = ctx.plain

    run_start = run_end = -1
    names: list[str] = []
    for m in _TOKEN.finditer(text):
        if not _is_candidate(text, m, ctx.english) or _supported(m.group(), known, joined):
            continue
        # Neighbouring unsupported words make one finding: "Jordan Lee", not two.
        if run_end >= 0 and text[run_end : m.start()].strip() == "":
            run_end = m.end()
            names.append(m.group())
            continue
        if run_end >= 0:
            yield _unsupported(run_start, run_end, names)
        run_start, run_end, names = m.start(), m.end(), [m.group()]
    if run_end >= 0:
        yield _unsupported(run_start, run_end, names)

    yield from _misattributed(ctx, facts)


def _unsupported(start: int, end: int, words: list[str]) -> Hit:
    shown = " ".join(words)
    return Hit(
        start,
        end,
        message=f"\u201c{shown}\u201d is not in the facts you gave: check it, "
        "add it to the facts, or cut it",
    )


def _misattributed(ctx: Context, facts: Facts) -> Iterable[Hit]:
    theirs = _tokens(facts.recipient) - _tokens(facts.sender) - _tokens(facts.shared)
    if not theirs:
        return
    claims = [(c, False) for c in _CLAIMS.finditer(ctx.plain)]
    claims += [(c, True) for c in _MY_THING.finditer(ctx.plain)]
    for claim, any_word in claims:
        start = claim.start("obj")
        # The claim ends where the sentence turns to the recipient: "I'm writing because I
        # enjoyed your DataConf talk" claims nothing of theirs.
        obj = _CLAIM_END.split(claim.group("obj"), maxsplit=1)[0]
        for m in _TOKEN.finditer(obj):
            token = m.group()
            telling = token[0].isupper() or _DIGIT.search(token)
            if any_word:
                telling = telling or (len(token) > 3 and _norm(token) not in COMMON_WORDS)
            if telling and _norm(token) in theirs:
                yield Hit(
                    claim.start(),
                    start + m.end(),
                    message=f"\u201c{token}\u201d belongs to the recipient, but this sentence "
                    "claims it for the sender: say it is theirs (\u201cyour talk at …\u201d)",
                )
                break


_FACTS = {
    "sender": ["Sam Ortiz", "data engineer at Acme"],
    "recipient": ["Jordan Lee", "VP Data at Globex", "DataConf talk on streaming"],
}

RULE = Rule(
    id="grounding.unsupported",
    severity="error",
    kinds=frozenset({"invite", "reply", "followup"}),
    description="A name, organisation, event, number or date the facts do not contain, or a "
    "fact attributed to the wrong person.",
    explain="a name, organisation, event, number or date in the text that the supplied facts do not contain; or a supplied fact attributed to the wrong person (the sender claiming the recipient's employer, talk, post or role).",
    message="not supported by the facts you gave: check it or cut it",
    check=check,
    fails=[
        {
            "text": "Hi Jordan, I'm Sam, a data engineer at Initech. Loved your DataConf talk; "
            "may I connect?",
            "facts": _FACTS,
        },
        {
            "text": "Hi Jordan, I'm Sam from Acme. I spoke at DataConf on streaming too; may I "
            "connect?",
            "facts": _FACTS,
        },
        {
            "text": "Hi Jordan, I'm Sam from Acme. We met in March at DataConf; 20 minutes for "
            "advice?",
            "facts": _FACTS,
        },
        {
            "text": "Hi Jordan, I'm a data engineer at Globex. Loved your DataConf talk.",
            "facts": _FACTS,
        },
    ],
    passes=[
        {
            "text": "Hi Jordan, I'm Sam, a data engineer at Acme. I enjoyed your DataConf talk on "
            "streaming; may I connect?",
            "facts": _FACTS,
        },
        {
            "text": "Hi Jordan, I'm Sam from Acme. Your streaming talk at DataConf was great. "
            "Would you be open to a call?",
            "facts": _FACTS,
        },
        "Hi Jordan, I'm Sam from Initech. Loved your talk; may I connect?",
        {
            "text": "Hi Jordan, thanks for the request! Let's stay in touch.",
            "kind": "reply",
            "facts": {"sender": ["Sam"], "recipient": ["Jordan"]},
        },
    ],
)
