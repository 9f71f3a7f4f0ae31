"""invite.borrowed-role: the sender's role and organisation come from their own headline only.
A small model reads "we both studied at TU Delft" and writes "I'm a student at TU Delft", or
takes the recipient's employer for the sender's. grounding.unsupported lets a shared fact
through (it is true of both), so this rule reads what the sender claims to be now."""

import re
from collections.abc import Iterable

from assistant.lint.gate import Lazy, plain
from assistant.lint.model import Context, Facts, Hit, Rule
from assistant.lint.words import COMMON_WORDS, NON_ENTITIES

# An organisation as written after "at": capitalised words, with the small words names keep
# inside them ("University of Lagos", "Lycée Français de Madrid", "Procter & Gamble").
# A dot stays inside a name ("S.A.") but ends it before a space ("at Helio. Loved ...").
_NAME = r"[^\W\d_a-z][\w&'’-]*(?:\.[\w&'’-]+)*"
_ORG = (
    rf"(?P<org>{_NAME}(?:\s+(?:(?:of|de|du|des|la|le|di|da|do|van|von|der|and|&|für|the)\s+)?"
    rf"{_NAME})*)"
)
# The sender saying what they are and where, now: "I work at X", "I'm a student at X", "I'm
# Sam, data engineer at X", "Sam here, PM at X", "my team at X", "here at X". Past tense and
# "fellow ... of" are left alone: having studied there together is true.
_CLAIM = Lazy(
    r"\b(?:"
    r"I(?:'m| am)? (?:currently |now |also )?(?:work(?:ing)?|employed|studying|study|teach"
    r"(?:ing)?|lead(?:ing)?|intern(?:ing)?) (?:at|for|with) "
    r"|I(?:'m| am) (?:currently |now |also )?(?:an? |the )(?P<role>(?:[\w-]+ ){0,4}?)(?:at|for|with) "
    r"|I(?:'m| am) [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?,? (?:an? |the )?(?P<role2>(?:[\w-]+ ){0,4}?)"
    r"(?:at|for|with) "
    r"|[A-Z][\w'’-]* here, (?:an? |the )?(?:[\w-]+ ){0,4}?(?:at|for|with) "
    r"|(?i:(?:my|our) (?:team|role|job|work|group|lab|department|company|employer) (?:at|is)) "
    r"|(?i:here|we) at "
    r")" + _ORG,
)
# Words that make "I'm a ... at" something other than a role: "I'm a big fan of the work at X",
# "I'm a candidate for the opening at X", "I'm Maria, and we both studied at X".
_NOT_A_ROLE = frozenset(
    """fan admirer follower reader big huge great keen eager happy glad excited interested
    curious looking hoping candidate applicant visitor guest newcomer regular
    and but so we you i they both who that which studied worked met went were was graduated
    writing reaching""".split()
)
# A shared fact that says both are there now ("we both work at Initech", "we're both at
# TU Delft"): its organisation is the sender's too.
_BOTH_NOW = Lazy(
    r"\bwe(?:'re| are)?\s+(?:both\s+|also\s+|still\s+)?(?:work|study|teach|at)\b", re.IGNORECASE
)
_WORD = Lazy(r"[^\W_]+")


def _words(texts: Iterable[str]) -> set[str]:
    return {w.casefold() for t in texts for w in _WORD.findall(plain(t))}


def borrowed(text: str, facts: Facts) -> Iterable[tuple[int, int, str]]:
    """Each claim of the sender to belong to an organisation named only in the shared context
    or the recipient's facts, never in the sender's own: (start, end, the organisation)."""
    own = _words(facts.sender) | _words(f for f in facts.shared if _BOTH_NOW.search(f))
    elsewhere = _words(facts.shared + facts.recipient) - own
    for m in _CLAIM.finditer(text):
        role = (m.group("role") or m.group("role2") or "").split()
        if _NOT_A_ROLE & {w.casefold() for w in role}:
            continue
        names = [
            w
            for w in _WORD.findall(m.group("org"))
            if w[0].isupper() and w.casefold() not in COMMON_WORDS | NON_ENTITIES
        ]
        folded = {w.casefold() for w in names}
        # Borrowed: the organisation's names are somewhere in the request, none of them in the
        # sender's own facts. A name from nowhere is grounding.unsupported's to report.
        if folded and not folded & own and folded & elsewhere:
            yield m.start(), m.end(), m.group("org")


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None or ctx.facts is None:
        return
    # ctx.plain: curly apostrophes straightened ("I’m"), offsets as in the text.
    for start, end, org in borrowed(ctx.plain, ctx.facts):
        yield Hit(
            start,
            end,
            message=f"the sender's own headline does not say they are at \u201c{org}\u201d: "
            "it comes from the context or the recipient",
        )


def _invite(text: str, sender: list[str], shared: list[str], recipient: list[str] = ()) -> dict:
    facts = {"sender": sender, "shared": shared, "recipient": ["Pieter de Vries", *recipient]}
    return {"text": text, "kind": "invite", "facts": facts, "draft": {}}


_MARIA = ["Maria Santos", "Electrical engineering graduate"]
_DELFT = ["we both studied at TU Delft, and I read his post on offshore wind cable design"]

RULE = Rule(
    id="invite.borrowed-role",
    severity="error",
    kinds=frozenset({"invite"}),
    needs_draft=True,
    description="Draft gate: the sender claims a role or organisation that is not in their own "
    "headline.",
    explain='the sender says where they are now ("I work at …", "I\'m a student at …", "I\'m Sam, data engineer at …", "my team at …", "here at …") with an organisation named in the shared context or the recipient\'s facts and nowhere in the sender\'s own (their name, headline, about): the school they studied at together, a past shared employer, the recipient\'s company.',
    message="this gives the sender a role or organisation their headline does not",
    suggestion="say who the sender is from their own headline, and the shared school or "
    "employer as shared (\"we both studied at …\")",
    check=check,
    fails=[
        _invite(
            "Hi Pieter, I'm Maria, a student at TU Delft. I read your post on offshore wind "
            "cable design; could I ask your advice on moving into offshore wind?",
            _MARIA,
            _DELFT,
        ),
        _invite(
            "Hi Pieter, I work at TU Delft too and loved your post on offshore wind cables. "
            "Would you share some advice?",
            _MARIA,
            _DELFT,
        ),
        _invite(
            "Hi Pieter, I'm Maria Santos, cable engineer at Nordsee Wind. Your post on cable "
            "design was great; could I ask your advice?",
            _MARIA,
            _DELFT,
            ["Cable systems engineer at Nordsee Wind"],
        ),
        _invite(
            "Hi Pieter, my team at Initech loved your cable post. Could I ask your advice?",
            _MARIA,
            ["we worked together at Initech"],
        ),
    ],
    passes=[
        _invite(
            "Hi Pieter, I'm Maria, an electrical engineering graduate; we both studied at TU "
            "Delft. I read your post on offshore wind cables. Could I ask your advice?",
            _MARIA,
            _DELFT,
        ),
        _invite(
            "Hi Pieter, I'm a fellow TU Delft graduate and a big fan of the work at Nordsee "
            "Wind. Could I ask your advice on offshore wind?",
            _MARIA,
            _DELFT,
            ["Cable systems engineer at Nordsee Wind"],
        ),
        _invite(
            "Hi Pieter, I'm Maria, a PhD student at TU Delft. Your cable post was great; "
            "could I ask your advice?",
            ["Maria Santos", "PhD student at TU Delft"],
            _DELFT,
        ),
        _invite(
            "Hi Pieter, I'm Maria, and we both studied at TU Delft. I loved your cable post; "
            "could I ask your advice?",
            _MARIA,
            _DELFT,
        ),
        _invite(
            "Hi Pieter, I work at TU Delft too; your cable post was great. Could I ask your "
            "advice?",
            _MARIA,
            ["we both work at TU Delft"],
        ),
        _invite(
            "Hi Pieter, I'm looking for roles at Nordsee Wind and loved your cable post. "
            "Could I ask how your team hires?",
            _MARIA,
            [],
            ["Cable systems engineer at Nordsee Wind"],
        ),
    ],
)
