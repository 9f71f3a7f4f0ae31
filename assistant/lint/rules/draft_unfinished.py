"""draft.unfinished: a draft must not stop mid-sentence. A model that runs out of tokens, or
loses its thread, ends on "... hearing back from" or on a long clause with no full stop.

Read from the end: the sign-off ("Best,\\nSam", "— Sam", "Cheers, Sam") and any trailing emoji
are set aside, then the last words must close a sentence. An article, possessive or
conjunction never ends one; with no closing mark, neither does a preposition, an auxiliary, a
comma or a long clause. The pipeline also asks again when the writer says a sample stopped at
its token cap; this rule catches the cuts it cannot see (a server that reports no finish
reason, a model that stops of its own accord mid-way)."""

import re
import unicodedata
from collections.abc import Iterable

from assistant.lint.gate import Lazy, plain
from assistant.lint.language import looks_english
from assistant.lint.model import Context, Hit, Rule

# Words no sentence ends on, even with a full stop ("... about the."): English articles,
# possessives and conjunctions. "I" is left out: it is also an initial; "an" too: German ends
# questions on it ("Bieten Sie Praktika an?").
_NEVER_LAST = frozenset("a the my your our their its and or nor because although".split())
# Words a sentence may end on only when it is closed: "this isn't something I'm looking for."
# is English; "... hearing back from" with no mark is a cut. German separable particles
# ("bringen Sie ... mit") and pronoun-like articles ("das") are left out.
_DANGLING = _NEVER_LAST | frozenset(
    """
    but if than whether to of for from with at in on about into onto by as via per like
    is are was were be been being am will would could should can may might must shall
    le la les un une des du de et ou pour avec dans sur au aux
    el los las una y o para con por del en que und oder für von
    """.split()
)
# Marks that close a sentence: Latin, CJK, Arabic, Devanagari, Urdu.
_CLOSES = ".!?…。！？．؟।۔‼⁉"
# Closing quotes and brackets that may follow the mark: '"Thanks!"', "(see you then.)".
_CLOSERS = "\"'”’»)]}】」』"
LONG_CLAUSE = 12  # words since the last closing mark, with none at the end: a cut sentence
_WORD = Lazy(r"[^\W_]+(?:['’][^\W_]+)*")
# A line of sign-off: an optional dash, then one to four capitalised words (a name, "Dr.
# Priya Shah") or a word of a script without case (李娜).
_NAME_LINE = Lazy(
    r"^[\s\-–—~]*(?:[^\W\d_a-z][\w.'’-]*|\([\w/ ]+\))(?:[ ,]+(?:[^\W\d_a-z][\w.'’-]*|\([\w/ ]+\)))"
    r"{0,3}\s*$"
)
# "..., Sam" / "... — Sam Ortiz" at the end of a one-line draft.
_INLINE_NAME = Lazy(r"(?:,|\s[-–—])\s*[^\W\d_a-z][\w'’-]*(?: [^\W\d_a-z][\w'’-]*){0,2}\s*$")
_VALEDICTION = Lazy(r"^[^\n]{0,30},\s*$")  # "Best regards," on its own line
_EMOTICON = Lazy(r"\s[:;]-?[()DPp]\s*$")  # ":)" at the end, as a full stop


def _trailing_symbols(text: str) -> str:
    """The text without trailing emoji, emoticons and spaces ("Talk soon 🙂" -> "Talk soon")."""
    text = _EMOTICON.sub("", text)
    end = len(text)
    while end and (
        text[end - 1].isspace()
        or unicodedata.category(text[end - 1]) in ("So", "Sk", "Mn", "Cf", "Co", "Cs")
    ):
        end -= 1
    return text[:end]


def _body(text: str) -> tuple[str, bool]:
    """The draft without its sign-off lines (a name line, then a valediction line ending in a
    comma: "Best,\\nSam") and without trailing emoji; and whether an emoji or ":)" ended it,
    which stands for the full stop ("Talk soon 🙂")."""
    lines = text.rstrip().split("\n")
    if len(lines) > 1 and _NAME_LINE.search(_trailing_symbols(lines[-1])):
        lines.pop()
        while len(lines) > 1 and not lines[-1].strip():
            lines.pop()
        if _VALEDICTION.search(lines[-1]):
            lines.pop()
    rest = "\n".join(lines).rstrip()
    body = _trailing_symbols(rest)
    return body, body != rest


def unfinished(text: str, names: Iterable[str] = ()) -> str | None:
    """Why the text reads as cut off mid-sentence, or None when it ends as a sentence does.
    `names` are words that may end a draft in any case (the people's first names)."""
    body, emoji_end = _body(plain(text))
    stripped = body.rstrip(_CLOSERS)
    words = _WORD.findall(stripped)
    if not words:
        return None
    closed = stripped[-1] in _CLOSES or emoji_end
    last = words[-1]
    known = {n.casefold() for n in names if n}
    # A capitalised last word inside a sentence is a name ("thanks, An"), not an article.
    before = stripped[: len(stripped) - len(last)].rstrip()
    inside = bool(before) and before[-1] not in _CLOSES + "\n"
    named = (last[0].isupper() and inside) or last.casefold() in known
    # After a full stop only English words count: German ends on particles ("Bieten Sie
    # Praktika an?").
    never = _NEVER_LAST if looks_english(body.lower()) else frozenset()
    if not named and last.casefold() in (never if closed else _DANGLING):
        return f"it ends on \u201c{last}\u201d"
    if closed:
        return None
    if stripped[-1] in ",;:–—-":
        return f"it ends on \u201c{stripped[-1]}\u201d"
    if _INLINE_NAME.search(stripped):
        return None  # "..., Sam": a sign-off after the last sentence
    clause = re.split(rf"[{re.escape(_CLOSES)}\n]", stripped)[-1]
    if len(_WORD.findall(clause)) >= LONG_CLAUSE:
        return "its last sentence has no closing punctuation"
    return None


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None:
        return
    names = [ctx.draft.requester_name, *_first_words(ctx.facts)]
    why = unfinished(ctx.text, names)
    if why is not None:
        end = len(ctx.text.rstrip())
        start = max(0, end - 40)
        yield Hit(start, end, message=f"this stops mid-sentence: {why}")


def _first_words(facts) -> list[str]:
    """The first word of each person's first fact (their name): a sign-off may end on it."""
    if facts is None:
        return []
    firsts = (group[0] for group in (facts.sender, facts.recipient) if group)
    return [f.split()[0] for f in firsts if f.split()]


def _draft(text: str, kind: str = "reply") -> dict:
    return {"text": text, "kind": kind, "draft": {}}


RULE = Rule(
    id="draft.unfinished",
    severity="error",
    kinds=frozenset({"invite", "reply", "followup"}),
    needs_draft=True,
    description="Draft gate: the draft stops mid-sentence.",
    explain='the draft, after its sign-off (a name line, a "Best," line, ", Sam"), ends on an article, possessive or conjunction ("… about the"); or, with no closing punctuation, on a preposition or auxiliary ("… hearing back from"), on a comma, colon or dash, or on a clause of 12 words or more. A trailing emoji or ":)" counts as closing punctuation; a capitalised last word inside a sentence, or a first name of the people, is taken for a name.',
    message="this stops mid-sentence",
    suggestion="finish the sentence, or end at the last full stop",
    check=check,
    fails=[
        _draft(
            "Hi Ana, thanks for reaching out! I'm glad to connect. Looking forward to hearing "
            "back from"
        ),
        _draft(
            "Hi Jordan, I'm Sam, a data engineer at Acme. Your DataConf talk on streaming "
            "stayed with me and I would love to ask you about the",
            "invite",
        ),
        _draft(
            "Hi Jordan, I'm Sam, a data engineer at Acme. I enjoyed your talk on streaming and "
            "would value fifteen minutes of your advice on moving into platform work",
            "invite",
        ),
        _draft("Hello Ana,\n\nThanks for the invitation. I'd love to hear more about your,"),
        _draft(
            "Hi Ana, thanks for connecting! Could you remind me where we met, or how you "
            "found my\n\nBest,\nRosa"
        ),
    ],
    passes=[
        _draft("Hi Ana, thanks for connecting! Would love to hear how the launch went :)"),
        _draft("Hallo Ana, danke! Bringen Sie doch Ihre Fragen zum Treffen mit"),
        _draft("Hallo Ana, vielen Dank! Bieten Sie in Ihrem Team Praktika an?"),
        _draft("Hello Ana,\n\nThanks, but this isn't something I'm looking for.\n\nBest,\nRosa"),
        _draft("Hi Ana, thanks for connecting! Looking forward to staying in touch 🙂"),
        _draft("Hi Ana, thanks for the request. Where did we meet? Cheers, Rosa"),
        _draft("Hi Ana, lovely to meet you at the Oslo workshop. Let's keep in touch\n— Rosa"),
        _draft("Hi Ana, thanks for connecting, and see you at the next meetup, An"),
        _draft("李娜，您好！感谢您的邀请。请问我们是在哪里认识的"),
        _draft("Hi Ana, thanks for the invitation (and for the kind words!)"),
    ],
)
