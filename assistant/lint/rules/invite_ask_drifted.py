"""invite.ask-drifted: when the user gave an ask, the invitation carries it, not a generic
stand-in. A small model turns "a question about the open role on her team" into "whether my
experience fits what the team needs". invite.reversed-ask catches an ask turned into an offer
of help; this rule catches an ask whose content went missing or was swapped for a stock line."""

import re
from collections.abc import Iterable

from assistant.lint.gate import Lazy, plain, user_ask
from assistant.lint.model import Context, Hit, Rule

_WORD = Lazy(r"[^\W_]+")
# Words of an ask that carry no content: the frame of any request.
_FRAME = frozenset(
    """
    a an the and or but nor of to in on at for from with about into onto by as via per than
    i me my mine we us our you your yours he him his she her hers they them their it its this
    that these those what which who whom how whether if when where why
    is are was were be been being am do does did have has had can could would should will may
    might must shall
    some any more most few little bit quick short brief small
    like love happy glad please kindly maybe perhaps possibly just also too very really
    get ask ask's asking know let
    go goes going went gone make made making take took taking want wanted think
    """.split()
)
# Words that say the same thing in an ask: a draft may use any of a group.
_SAME = [
    "question questions ask asking wonder wondering",
    "role roles position positions opening openings job jobs vacancy vacancies posting "
    "postings opportunity opportunities",
    "chat call talk conversation coffee meeting catch",
    "advice advise tip tips guidance pointer pointers input thought thoughts perspective "
    "insight insights recommendation recommendations",
    "minute minutes min mins time",
    "hire hires hiring recruit recruits recruiting recruitment",
    "intro introduction introduce introducing",
    "move moving transition transitioning switch switching pivot pivoting",
    "learn hear understand",
    "cv resume résumé",
    "startup start-up startups",
]
_GROUP = {w: i for i, group in enumerate(_SAME) for w in group.split()}
# Share of the ask's content words the note must carry: at least one in three.
MIN_SHARE = 1 / 3
# Stock lines that take the place of an ask, unless the user's ask says the same.
_STOCK = [
    (
        Lazy(
            r"\b(?:whether|if|how) my (?:experience|background|skills|profile|skill set) "
            r"(?:\w+ )?(?:fits?|match(?:es)?|aligns?)\b",
            re.IGNORECASE,
        ),
        ("experience", "background", "skill", "profile", "fit", "match", "align"),
    ),
    (
        Lazy(r"\bwhat (?:the|your) team (?:needs|is looking for)\b", re.IGNORECASE),
        ("need", "looking"),
    ),
    (
        Lazy(
            r"\b(?:how|whether|if) (?:I|we) (?:can|could|might) (?:contribute|add value|"
            r"collaborate|work together)\b|\bexplore (?:how|ways|whether|if)\b[^.?!]{0,30}"
            r"\b(?:collaborate|work together|partner)\b|\b(?:potential|possible) "
            r"(?:synergies|collaboration|partnership)\b",
            re.IGNORECASE,
        ),
        ("contribut", "collaborat", "together", "partner", "synerg", "value"),
    ),
]


def _root(word: str) -> str:
    """A crude stem: "moving" and "move", "roles" and "role" share one."""
    word = word.casefold().removesuffix("'s")
    for suffix in ("ing", "es", "ed", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _terms(text: str) -> set[str]:
    """The text's content words, each as its synonym group or its stem."""
    out = set()
    for w in _WORD.findall(plain(text)):
        folded = w.casefold()
        if folded in _FRAME or (len(folded) < 3 and not folded.isdigit()):
            continue
        out.add(f"#{_GROUP[folded]}" if folded in _GROUP else _root(folded))
    return out


def check(ctx: Context) -> Iterable[Hit]:
    ask = user_ask(ctx.draft)
    if not ask:
        return
    wanted = _terms(ask)
    if wanted:
        kept = wanted & _terms(ctx.text)
        if len(kept) < MIN_SHARE * len(wanted):
            yield Hit(0, len(ctx.text), message="this leaves out what the user asked for")
            return
    ask_words = ask.casefold()
    for pattern, own in _STOCK:
        if any(word in ask_words for word in own):
            continue  # the user's ask says it too
        for m in pattern.finditer(ctx.text):
            yield Hit(
                m.start(),
                m.end(),
                message="this puts a stock line in place of what the user asked for",
            )


def _invite(text: str, ask: str) -> dict:
    return {"text": text, "kind": "invite", "draft": {"ask": ask}}


_ROLE_ASK = "a question about the open platform role on her team"

RULE = Rule(
    id="invite.ask-drifted",
    severity="error",
    kinds=frozenset({"invite"}),
    needs_draft=True,
    description="Draft gate: the user gave an ask and the note carries a different or generic one.",
    explain='the user gave an `ask` (not the prompt\'s stand-in when they gave none) and the note carries fewer than one in three of its content words (synonyms count: role/position/opening, chat/call, advice/tips), or a stock line takes its place ("whether my experience fits", "what the team needs", "how I could contribute", "explore how we might work together") that the ask does not say. An ask turned into an offer of help is `invite.reversed-ask`.',
    message="this does not carry the user's ask",
    suggestion="ask what the user asked, in their words",
    check=check,
    fails=[
        _invite(
            "Hi Dana, I'm Sam, an SRE at Fintrail. I saw your team is growing; I'd love to hear "
            "whether my experience fits what the team needs.",
            _ROLE_ASK,
        ),
        _invite(
            "Hi Pieter, I'm Maria, an electrical engineering graduate. I read your post on "
            "cable design. Could I ask for your advice?",
            "advice on moving into offshore wind",
        ),
        _invite(
            "Hi Dana, I'm Sam, an SRE at Fintrail. Your post on the platform role was great; "
            "I'd love to explore how we might work together.",
            _ROLE_ASK,
        ),
        _invite(
            "Hi Megan, I'm Kofi, a data analytics bootcamp graduate. I saw the junior analyst "
            "posting; I'd love to chat about how I could contribute.",
            "how the team onboards junior analysts",
        ),
    ],
    passes=[
        _invite(
            "Hi Dana, I'm Sam, an SRE at Fintrail. Could I ask you a question about the open "
            "platform role on your team?",
            _ROLE_ASK,
        ),
        _invite(
            "Hi Pieter, I'm Maria, an electrical engineering graduate. Your cable post was "
            "great; could I ask for tips on a transition into offshore wind?",
            "advice on moving into offshore wind",
        ),
        _invite(
            "Hi Megan, I'm Kofi, a bootcamp graduate with SQL projects. Would my background be "
            "a fit for the junior data analyst role?",
            "whether a bootcamp graduate with SQL projects would be a fit",
        ),
        _invite(
            "Hi Dana, I'm Sam. I enjoyed your talk; I'd love to explore how we might work "
            "together.",
            "to connect",
        ),
    ],
)
