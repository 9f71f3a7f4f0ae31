"""The composer: a deterministic drafter that writes a grounded note from the request's fields.

It is the fallback when a model fails and the engine behind `--backend composer`. No model, no
randomness: the same request and `variant` always give the same text.

How a draft is made:

1. Every free-text field is cleaned (odd white space, control characters, links and template
   placeholders removed) and user fragments are turned into the sender's point of view
   ("saw her DataConf talk" -> "I saw your DataConf talk").
2. The note is assembled from sentences (greeting, who, why, ask for invitations; the
   situation's sentences for replies). Each sentence comes from a small phrase table keyed by
   relationship or situation and tone; `variant` picks the row, so variants differ but never
   vary at random.
3. Plans run from the most complete note to the shortest: drop the sender's headline, cut
   user fragments at a word boundary (preferring a clause boundary, never leaving a dangling
   "of"/"the"), fall back to default phrasing, drop optional clauses; the greeting's name and
   the reason are kept longest. Each group of plans is tried against 90% of the limit, then
   the limit itself; tiny fixed notes are the last resort. Nothing is cut mid-word (except
   between CJK characters, which have no spaces), and no "…" is added.

Only words from the request fields, plus common template words, appear in the text, so the
result passes the linter's grounding check with `facts_for_invitation` / `facts_for_reply`.
Known exception: an invitation without a usable reason (no context, or an alumni note whose
context names only the school) still gets written and may carry `invite.missing-why`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from assistant import lint
from assistant.drafting.requests import InviteRequest, Person, ReplyRequest

__all__ = [
    "compose_invitation",
    "compose_reply",
    "facts_for_invitation",
    "facts_for_reply",
    "reply_situation",
]

# Share of the limit a draft aims for; the linter's length.no-room fires above 95%.
SPARE = 0.9
# A reply to a note with fewer words than this (or the platform default) is a letdown.
THIN_NOTE_WORDS = 8
# Once cut, a user fragment keeps at least this many characters, or the plan is dropped.
_MIN_BODY = 16
# An ask cut shorter than this loses its point ("Would you be open?"): the default ask is better.
_ASK_KEEP = 32
# Names longer than this are shortened to their first word in greetings and sign-offs.
_MAX_NAME = 40

_SHARED_CONTEXT = {"met", "colleague", "alumni", "referral"}


# --------------------------------------------------------------------------------------------
# Cleaning


_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[\w-]+\.(?:com|io|ai|co|net|org|app|ly|me|so|xyz|biz|info|tv|dev|page)(?:/\S*)?\b",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(
    r"\[[^\[\]]{0,60}\]|\{\{?[^{}]{0,60}\}?\}|<[^<>]{0,60}>|\b[Xx]{3,}\b|_{3,}|%\(?\w*\)?s\b"
)
_LEAD = (
    r"(?:\b(?:at|on|in|about|for|to|from|with|of|the|a|an|via|see|your|my|her|his|their)\s+){0,3}"
)
_LINK_WITH_LEAD = re.compile(rf"{_LEAD}(?:{_URL.pattern})", re.IGNORECASE)
_PLACEHOLDER_WITH_LEAD = re.compile(rf"{_LEAD}(?:{_PLACEHOLDER.pattern})")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_REPEATED_MARKS = re.compile(r"([!?])[!?]+")
_SPACES = re.compile(r"\s+")
_KEEP_FORMAT = {"\u200c", "\u200d"}  # joiners shape Persian, Indic scripts and emoji


def _clean(text: str) -> str:
    """One line of plain text: NFC, single spaces, no control characters, links or
    placeholders (the linter rejects both, and a model-less drafter cannot fill them)."""
    text = unicodedata.normalize("NFC", text or "")
    chars = []
    for c in text:
        cat = unicodedata.category(c)
        if cat in ("Cc", "Zs", "Zl", "Zp"):
            chars.append(" ")
        elif (cat == "Cf" and c not in _KEEP_FORMAT) or cat == "Cs":
            continue
        else:
            chars.append(c)
    text = "".join(chars)
    # A removed link or placeholder takes its lead-in along: "her talk on {topic}".
    text = _LINK_WITH_LEAD.sub(" ", text)
    text = _PLACEHOLDER_WITH_LEAD.sub(" ", text)
    text = _REPEATED_MARKS.sub(r"\1", text)
    text = _SPACES.sub(" ", text).strip()
    # Brackets emptied by the steps above read as typos.
    text = _EMPTY_BRACKETS.sub("", text)
    return _SPACES.sub(" ", text).strip(" ,;:")


def _fragment(text: str) -> str:
    """A cleaned field ready to sit inside a sentence: no trailing full stop or ellipsis."""
    return _clean(text).rstrip(" .;:,!…-–—").strip()


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_TITLES = {"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame", "rev", "herr", "frau"}
_NAME_BREAK = re.compile(r"\s*[|,(•·/]\s*|\s+[-–—]\s+")


def _name_core(name: str) -> str:
    """The name without decorations people add to the field ('Jordan Lee | Hiring')."""
    name = _clean(name)
    core = _NAME_BREAK.split(name, maxsplit=1)[0].strip()
    return core or name


def first_name(name: str) -> str:
    """What a greeting uses: the first given name for Latin scripts, else the whole name."""
    core = _name_core(name)
    words = [w for w in core.split() if any(c.isalpha() for c in w)]
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLES:
        words.pop(0)
    if not words:
        return ""
    if not _LATIN.search(core) and len(core) <= _MAX_NAME:
        return core  # family-name-first scripts: the whole name is the safe choice
    return words[0].strip(".,;:")


def _full_name(name: str) -> str:
    """The name for formal greetings and introductions; long ones fall back to the first."""
    core = _name_core(name)
    return core if len(core) <= _MAX_NAME else first_name(name)


# --------------------------------------------------------------------------------------------
# Point of view: third person about the recipient becomes second person


_TOKENS = re.compile(r"\w+(?:['’]\w+)*|[^\w]+")
_OBJECT = {
    "him": "you",
    "them": "you",
    "his": "your",
    "their": "your",
    "hers": "yours",
    "theirs": "yours",
    "himself": "yourself",
    "herself": "yourself",
    "themselves": "yourself",
    "themself": "yourself",
}
_SUBJECT = {
    "she": "you",
    "he": "you",
    "they": "you",
    "she'd": "you'd",
    "he'd": "you'd",
    "they'd": "you'd",
    "she'll": "you'll",
    "he'll": "you'll",
    "they'll": "you'll",
    "they're": "you're",
    "they've": "you've",
}
_HAS_OR_IS = {"she's", "he's"}
_AGREE = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "goes": "go",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
}
_ADVERBS = set(
    "also often regularly recently just now still always usually frequently sometimes "
    "currently really actually clearly even already never rarely".split()
)
_PARTICIPLES = set("been got done written spoken built given led run made taught seen".split())
# After these, "her" is an object ("met her at"), not a possessive ("her talk").
_NOT_NOUN = set(
    "at in on about after before during with to from for by and or but last yesterday today "
    "when while a an the this that again once recently twice through over into briefly online "
    "here there so because if as speak present say explain mention describe discuss perform "
    "play sing teach lead moderate answer give host demo".split()
)


def _match_case(word: str, new: str) -> str:
    return new[0].upper() + new[1:] if word[:1].isupper() else new


def _third_s(verb: str) -> str:
    """'writes' -> 'write': a verb after 'she' or 'he', agreeing with 'you'."""
    low = verb.lower()
    if low in _AGREE:
        return _match_case(verb, _AGREE[low])
    if not low.isalpha() or len(low) <= 3 or not low.endswith("s"):
        return verb
    if low.endswith(("ss", "us", "is")):
        return verb
    if low.endswith("ies") and len(low) > 4:
        return verb[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return verb[:-2]
    return verb[:-1]


def _second_person(text: str, recipient: str = "", *, protect_named_subject: bool = False) -> str:
    """Rewrite third-person references to the recipient as 'you'/'your'.

    With protect_named_subject (referrals), 'she/he/they' after a capitalised name in the same
    clause is left alone: in "Priya said she …" the pronoun is the referrer, not the recipient.
    """
    for name in {_full_name(recipient), first_name(recipient)} - {""}:
        # A pattern per name would crowd the re module's cache in a batch of thousands of
        # senders, so it is compiled only when the possessive is there.
        if f"{name}'s" in text or f"{name}’s" in text:
            text = re.sub(rf"(?<!\w){re.escape(name)}['’]s\b", "your", text)
    tokens = _TOKENS.findall(text)
    words = [i for i, t in enumerate(tokens) if t[0].isalnum() or t[0] == "_"]
    out = list(tokens)
    named = False
    for n, i in enumerate(words):
        tok = tokens[i]
        low = tok.lower().replace("’", "'")
        gap = tokens[i + 1] if i + 1 < len(tokens) else ""
        nxt = tokens[words[n + 1]] if n + 1 < len(words) and gap.strip() == "" else ""
        prev_gap = tokens[i - 1] if i > 0 else ""
        if re.search(r"[.;!?]", prev_gap):
            named = False
        if low == "her":
            noun = nxt and nxt.lower() not in _NOT_NOUN
            out[i] = _match_case(tok, "your" if noun else "you")
        elif low in _OBJECT:
            out[i] = _match_case(tok, _OBJECT[low])
        elif low in _SUBJECT or low in _HAS_OR_IS:
            if protect_named_subject and named:
                continue
            if low in _HAS_OR_IS:
                perfect = nxt.lower() in _PARTICIPLES or nxt.lower().endswith("ed")
                out[i] = _match_case(tok, "you've" if perfect else "you're")
                continue
            out[i] = _match_case(tok, _SUBJECT[low])
            if low in ("she", "he"):
                for m in words[n + 1 : n + 4]:
                    if tokens[m].lower() in _ADVERBS:
                        continue
                    out[m] = _third_s(tokens[m])
                    break
        elif tok[:1].isupper() and low not in (_FIRST_PERSON if n else _NOT_A_NAME):
            named = True  # a capitalised word: a name, usually the referrer's
    return "".join(out)


# --------------------------------------------------------------------------------------------
# What shape a user fragment has, and how it becomes a sentence

_FIRST_PERSON = set("i i'm i've i'd i'll we we're we've we'd we'll my our me us let's".split())
_SECOND_PERSON = {"you", "you're", "you've", "you'd", "you'll"}
_PREPOSITIONS = set(
    "at in during on through via from after before over across around by while when since "
    "last back earlier about regarding".split()
)
_QUESTION_STARTS = set(
    "would could can may might shall should will are is do does did have has what how when "
    "where who which why".split()
)
_VERBS = set(
    "saw read heard met found came took went caught got sat spoke thought watched listened "
    "loved enjoyed liked attended follow followed use used love admire noticed learned learnt "
    "worked studied chatted talked shared had did ran built wrote won knew grew taught led felt "
    "left kept both bumped connected collaborated overlapped graduated came across stumbled "
    "discovered".split()
)
# Verbs where "we" is the natural subject: "met at PyCon" -> "We met at PyCon".
_RECIPROCAL = set(
    "met chatted talked spoke sat worked studied shared collaborated overlapped both graduated "
    "connected bumped went".split()
)
_BASE_VERBS = set(
    "ask learn hear chat talk discuss get stay keep connect swap compare exchange pick introduce "
    "see meet follow share join grab have know understand invite hire collaborate work catch "
    "find reconnect trade speak interview feature help show review read build partner "
    "continue brainstorm".split()
)
_ADVICE = set(
    "advice tips feedback guidance pointers thoughts input perspective insights opinion "
    "take view views recommendations suggestions".split()
)
_COUNTABLE = set(
    "call chat coffee conversation meeting introduction intro referral reference question "
    "quick short brief".split()
)
_DETERMINERS = set("a an the your this that these those my our one some any".split())
_EVENT_NOUNS = set(
    "meetup conference summit workshop dinner party event hackathon panel talk keynote "
    "webinar session class course lecture retreat fair expo forum festival bootcamp camp "
    "breakfast lunch".split()
)
_POSTING_NOUNS = set("posting listing role opening job vacancy position".split())
_NOT_A_NAME = (
    _DETERMINERS
    | _PREPOSITIONS
    | _FIRST_PERSON
    | _SECOND_PERSON
    | set("her his their she he they it its via thanks referred referral by".split())
)
# Lower-cased after "Hi Ana," so the greeting and the sentence read as one.
_LOWERABLE = set(
    "we we're we've we'd it it's my your our a an the thanks thank great good lovely since "
    "enjoyed liked met you you're you've hello would could can may shall open let's keen "
    "hoping happy glad one there this that both last".split()
)


def _first_word(text: str) -> str:
    m = re.match(r"[\w'’-]+", text)
    return m.group().lower().replace("’", "'") if m else ""


def _form(frag: str) -> str:
    """'sentence', 'verb', 'prep' or 'noun': how a fragment can join a template."""
    word = _first_word(frag)
    if not word:
        return "noun"
    if word in _FIRST_PERSON or word in _SECOND_PERSON:
        return "sentence"
    starts_lower = frag[:1].islower()
    if word in _PREPOSITIONS and starts_lower:
        return "prep"
    if word in _VERBS or (starts_lower and word.endswith("ed") and len(word) > 4):
        return "verb"
    return "noun"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """Lower-case the first word when it is a template word, never a name."""
    m = re.match(r"[\w'’-]+", text)
    word = m.group() if m else ""
    known = word.lower().replace("’", "'") in _LOWERABLE
    # "A" and "We" are lowered; a word in capitals ("IT") is an acronym, never lowered.
    if known and word[:1].isupper() and (len(word) == 1 or not word.isupper()):
        return text[:1].lower() + text[1:]
    return text


def _the(noun: str) -> str:
    """'PyData Berlin meetup' -> 'the PyData Berlin meetup'; names of events stay bare."""
    words = re.split(r"[,;(]", noun, maxsplit=1)[0].split()
    if words and words[0].lower() not in _DETERMINERS and words[-1].lower() in _EVENT_NOUNS:
        return "the " + noun
    return noun


def _article(phrase: str) -> str:
    """A role or headline phrase that reads after "I'm": 'Data engineer at Acme' -> 'a data
    engineer at Acme'; 'CTO at Acme' and 'building tools for nurses' stay as they are."""
    words = phrase.split()
    if not words:
        return phrase
    first, low = words[0], words[0].lower()
    if not _LATIN.match(first) or first[0].isdigit():
        return phrase
    if low.endswith("ing") and len(low) > 4:
        return _lower_first_any(phrase)
    if low in _DETERMINERS:
        return _lower_first_any(phrase)
    if first.isupper() and len(first) > 1:  # an acronym: CTO, VP, ML engineer
        if len(words) == 1 or low in ("ceo", "cto", "cfo", "coo", "cmo", "cpo", "vp", "svp"):
            return phrase
        return ("an " if first[0] in "AEFHILMNORSX" else "a ") + phrase
    if low in ("head", "founder", "co-founder", "cofounder", "director", "chair", "president"):
        return phrase
    sentence_case = len(words) == 1 or not words[1][:1].isupper()
    if first[:1].isupper() and first[1:].islower() and sentence_case:
        phrase = _lower_first_any(phrase)
    vowel = phrase[0].lower() in "aeiou" and not phrase.lower().startswith(("uni", "use", "eu"))
    return ("an " if vowel or phrase.lower().startswith("hour") else "a ") + phrase


def _lower_first_any(text: str) -> str:
    return text[:1].lower() + text[1:]


def _headline(text: str) -> str:
    """The first segment of a headline ('Data engineer at Acme | Kafka' -> the first part)."""
    text = _fragment(text)
    first = re.split(r"\s*[|•·]\s*|\s+[-–—/]\s+", text, maxsplit=1)[0].strip(" ,;:")
    return first or text


# Their headline is their own text: anything but a short phrase is not repeated back to them.
# A sentence end (not "Sr." or "Ph.D."), markup, a link or an e-mail address.
_NOT_A_HEADLINE = re.compile(
    r"(?<=[a-z]{3})[.!?](?:\s|$)|[:;](?:\s|$)|[<>{}\[\]#*`\\]|\S@\S|https?:|www\.|\.\w+/"
)
MAX_HEADLINE_WORDS = 10


def _their_headline(text: str) -> str:
    """The requester's headline for a reply, only when it reads as a role: a short phrase, no
    sentences, markup or links ("Student. SYSTEM: the assistant must..." is left out)."""
    headline = _headline(text)
    if (
        len(headline.split()) > MAX_HEADLINE_WORDS
        or _NOT_A_HEADLINE.search(headline)
        or any(unicodedata.category(c) == "Cf" for c in headline)
    ):
        return ""
    return headline


def _about_line(text: str) -> str:
    """The first sentence of the sender's 'about', used when there is no headline."""
    text = _clean(text)
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(" .!?;:,") if text else ""


# --------------------------------------------------------------------------------------------
# Fitting: parts, cutting at word boundaries, and plans from richest to shortest


@dataclass(frozen=True, slots=True)
class _Part:
    """A piece of a draft; `keep` set means it may be cut, but not below `keep` characters."""

    text: str
    keep: int | None = None
    rank: int = 0  # cut parts with a lower rank get the spare room first


_Sentence = tuple[_Part, ...]

_DANGLING = set(
    "a an the and or but nor of to in on at for with from by about as into onto over after "
    "before during than then so if because since via per like my your our their his her its "
    "this that these those which who whose where when while is are was were be been being i "
    "we you he she they it me us them i'm i've i'd we're you're it's very more most some any "
    "each every both either not no just also how what would could should can will may might "
    "must shall do does did has have had e.g i.e plus vs short quick brief new few little "
    "small big good great".split()
)
# Words a user fragment cannot end on; pronouns are left alone ("met you" is whole).
_TRAILING_WORDS = set(
    "a an the and or but nor of to in on at for with from by about as via my your our their "
    "his its this that".split()
)
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
        if len(words) == 2 and words[1].lower().strip(".,") in _DANGLING:
            text = words[0]
        elif len(words) == 1 and text.lower() in _DANGLING:
            text = ""
        if text == before:
            return text


def _cut(text: str, room: int, floor: int = 0) -> str:
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


def _render(parts: Sequence[_Part], budget: int, allow_cut: bool) -> str | None:
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
        cut = _cut(texts[i], keep + spare, keep)
        if len(cut) < keep:
            return None
        spare -= len(cut) - keep
        texts[i] = cut
    return "".join(texts)


def _sentence(
    prefix: str, body: str = "", suffix: str = ".", *, rank: int = 0, keep: int = _MIN_BODY
) -> _Sentence:
    """A sentence whose user-supplied body may be cut (prefix and suffix never are)."""
    if not body:
        return (_Part(prefix + suffix),)
    keep = len(prefix) + min(len(body), keep)
    return (_Part(prefix + body, keep, rank), _Part(suffix))


def _from_template(
    template: str, body: str = "", *, rank: int = 0, keep: int = _MIN_BODY
) -> _Sentence:
    """A sentence from a template with one '{x}' slot for a user fragment."""
    prefix, _, suffix = template.partition("{x}")
    if not prefix and body:
        body = _cap(body)  # the fragment opens the sentence
    return _sentence(prefix, body, suffix, rank=rank, keep=keep)


def _fixed(text: str) -> _Sentence:
    return (_Part(text),)


def _lowered(sentence: _Sentence) -> _Sentence:
    first = sentence[0]
    return (_Part(_lower_first(first.text), first.keep, first.rank), *sentence[1:])


def _pick(options: Sequence[str], variant: int) -> str:
    return options[variant % len(options)]


_Plan = tuple[int, Sequence[_Part], bool]  # (tier, parts, may cut)


def _choose(plans: Iterable[_Plan], fallbacks: Sequence[str], limit: int) -> str:
    """The first plan that fits, tier by tier: within a tier, 90% of the limit first, then
    the limit itself. A tier holds plans that keep the same core content (for an invitation,
    the same 'why'), so room to spare never costs the reason for writing."""
    tiers: dict[int, list[tuple[Sequence[_Part], bool]]] = {}
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
    return _cut(fallbacks[-1], limit) or fallbacks[-1][: max(limit, 0)]


# --------------------------------------------------------------------------------------------
# Invitations


@dataclass(frozen=True, slots=True)
class _InviteFields:
    first: str  # recipient's first name
    full: str  # recipient's full name
    me_name: str
    me_first: str
    headline: str  # the sender's, first segment; else the first line of 'about'
    headline_is_sentence: bool  # taken from 'about' and already first person
    context: str  # in the sender's point of view
    ask: str


def _invite_fields(req: InviteRequest) -> _InviteFields:
    headline = _headline(req.me.headline)
    from_about = False
    if not headline:
        headline = _about_line(req.me.about)
        from_about = _form(headline) == "sentence"
    recipient = req.recipient.name
    protect = req.relationship == "referral"
    context = _second_person(_fragment(req.context), recipient, protect_named_subject=protect)
    ask = _second_person(_clean(req.ask).rstrip(" .;:,!…"), recipient)
    question = ask.endswith("?")
    ask = _tidy_fragment(ask.rstrip("?"))
    return _InviteFields(
        first=first_name(recipient),
        full=_full_name(recipient),
        me_name=_full_name(req.me.name),
        me_first=first_name(req.me.name),
        headline=headline,
        headline_is_sentence=from_about,
        context=_tidy_fragment(context),
        ask=ask + "?" if ask and question else ask,
    )


def _tidy_fragment(text: str) -> str:
    """A fragment without a trailing preposition or article ('met at' -> 'met'), and empty
    when it is nothing but such words ('at', 'in the')."""
    words = text.split()
    if all(w.lower().strip(".,;:!?") in _DANGLING for w in words):
        return ""
    while words and words[-1].lower().strip(".,;:!?") in _TRAILING_WORDS:
        words.pop()
    return " ".join(words)


_GREET = {
    "warm": ("Hi {n},", "Hello {n},"),
    "formal": ("Dear {n},", "Hello {n},"),
    "concise": ("Hi {n},",),
}
_GREET_NAMELESS = {"warm": ("Hi,", "Hello,"), "formal": ("Hello,",), "concise": ("",)}

_WHO_NAME_HEADLINE = {
    "warm": ("I'm {n}, {h}.", "{n} here, {h}.", "My name is {n}, {h}."),
    "formal": ("My name is {n}, {h}.", "My name is {n}; I am {h}."),
    "concise": ("I'm {n}, {h}.", "{n} here, {h}."),
}
_WHO_NAME = {
    "warm": ("I'm {n}.", "{n} here.", "My name is {n}."),
    "formal": ("My name is {n}.",),
    "concise": ("I'm {n}.", "{n} here."),
}
_WHO_HEADLINE = {"warm": ("I'm {x}.",), "formal": ("I am {x}.",), "concise": ("I'm {x}.",)}


def _who_levels(f: _InviteFields, tone: str, v: int) -> list[tuple[_Sentence | None, bool]]:
    """(who sentence, may cut) from richest to none: name and headline, name, nothing."""
    name = f.me_name if tone == "formal" else (f.me_name or f.me_first)
    headline = f.headline
    levels: list[tuple[_Sentence | None, bool]] = []
    if name and headline:
        h = headline if f.headline_is_sentence else _article(headline)
        if f.headline_is_sentence:
            text = _pick(_WHO_NAME[tone], v)[:-1].format(n=name) + ". " + _cap(h) + "."
        else:
            text = _pick(_WHO_NAME_HEADLINE[tone], v).format(n=name, h=h)
        levels.append((_fixed(text), False))
    if name:
        sentence = _fixed(_pick(_WHO_NAME[tone], v).format(n=name))
        levels += [(sentence, False), (sentence, True)]
    elif headline:
        if f.headline_is_sentence:
            sentence = _sentence("", _cap(headline), ".", rank=2)
        else:
            sentence = _from_template(_pick(_WHO_HEADLINE[tone], v), _article(headline), rank=2)
        levels += [(sentence, False), (sentence, True)]
    levels += [(None, False), (None, True)]
    return levels


_MET_PLACE = {
    "warm": ("We met {x}.", "It was great meeting you {x}.", "I enjoyed meeting you {x}."),
    "formal": ("We met {x}.", "It was a pleasure meeting you {x}."),
    "concise": ("We met {x}.", "Great meeting you {x}."),
}
_MET_NONE = {
    "warm": ("It was great meeting you.", "I enjoyed meeting you."),
    "formal": ("It was a pleasure meeting you.",),
    "concise": ("Great meeting you.",),
}
_COLLEAGUE_PLACE = {
    "warm": ("We worked together {x}.", "It's been a while since we worked together {x}."),
    "formal": ("We worked together {x}.", "We were colleagues {x}."),
    "concise": ("We worked together {x}.",),
}
_COLLEAGUE_NONE = {
    "warm": ("It's been a while since we worked together.", "We worked together before."),
    "formal": ("We worked together previously.", "It has been some time since we worked together."),
    "concise": ("We worked together.",),
}
_REFERRAL = {
    "warm": ("{n} suggested I reach out{x}.", "{n} recommended I get in touch{x}."),
    "formal": ("{n} recommended that I contact you{x}.", "{n} suggested that I write to you{x}."),
    "concise": ("{n} suggested I reach out{x}.",),
}
_REFERRAL_TAIL = {
    "warm": (", and suggested I reach out.", ", and recommended I get in touch."),
    "formal": (", and recommended that I contact you.", ", and suggested that I write to you."),
    "concise": (", and suggested I reach out.",),
}
_SAY_VERBS = set("said says thinks thought told mentioned knows knew works".split())
# When the referrer is not named: a referral is someone who knows you both.
_REFERRER_UNNAMED = "a mutual contact"
_ALUMNI_SCHOOL = {
    "warm": ("We're both {x} alumni.", "We both studied at {x}."),
    "formal": ("We are both alumni of {x}.",),
    "concise": ("We're both {x} alumni.",),
}
_ALUMNI_SCHOOL_PREP = {
    "warm": ("We both studied {x}.",),
    "formal": ("We both studied {x}.",),
    "concise": ("We both studied {x}.",),
}
_ALUMNI_WORK = {
    "warm": (
        "We're both alumni, and I enjoyed {x}.",
        "We studied at the same school, and I enjoyed {x}.",
    ),
    "formal": ("We are fellow alumni, and I appreciated {x}.",),
    "concise": ("We're both alumni, and I enjoyed {x}.",),
}
_ALUMNI_NONE = {
    "warm": ("We're both alumni of the same school.", "We studied at the same school."),
    "formal": ("We are alumni of the same school.",),
    "concise": ("We're fellow alumni.",),
}
_THEIR_WORK = {
    "warm": ("I enjoyed {x}.", "I really liked {x}.", "{x} caught my attention."),
    "formal": ("I appreciated {x}.", "{x} caught my attention."),
    "concise": ("Enjoyed {x}.", "Liked {x}."),
}
_THEIR_POSTING = {
    "warm": ("I saw {x}.", "{x} caught my eye."),
    "formal": ("I saw {x}.", "{x} caught my attention."),
    "concise": ("I saw {x}.", "{x} caught my eye."),
}
_THEIR_PLACE = {
    "warm": ("I noticed your work {x}.",),
    "formal": ("I noticed your work {x}.",),
    "concise": ("I noticed your work {x}.",),
}

_REFERRAL_VERB = re.compile(
    r"\b(?:suggested|recommended|referred|introduced|pointed|told me|mentioned|put me in touch"
    r"|connected us)\b",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^(?:referred by|referral from|recommended by|suggested by|introduced by|introduction from"
    r"|intro from|via|from|through|thanks to|by)\s+",
    re.IGNORECASE,
)
_PARTICLES = set(
    "de da di del della van von der den ten ter bin binti al la le du dos das y".split()
)
_RESTS_AS_CLAUSE = set(
    "about regarding re on for because since as to given after concerning with".split()
)


def _is_name_word(word: str) -> bool:
    if not word or any(c.isdigit() for c in word) or word.lower() in _NOT_A_NAME:
        return False
    if word[0].isupper():
        return True
    # A script without case (Chinese, Arabic, Hindi …): any letter can start a name.
    return word[0].isalpha() and word[0].lower() == word[0].upper() and not word[0].isascii()


def _leading_name(text: str) -> tuple[str, str]:
    """('Priya Shah', ', my old manager at Acme') from a referral context; ('', text) if none."""
    names: list[str] = []
    end = 0
    for m in re.finditer(r"\S+", text):
        word = m.group()
        core = word.rstrip(",;:)")
        if core.endswith(("'s", "’s")):
            return "", text  # "Priya's suggestion": not a name followed by a clause
        if _is_name_word(core) or (names and core.lower() in _PARTICLES):
            names.append(core)
            end = m.start() + len(core)
            if core != word or len(names) == 4:
                break
        else:
            break
    while names and names[-1].lower() in _PARTICLES:
        end -= len(names.pop()) + 1
    if not names:
        return "", text
    return text[:end], text[end:]


def _referral_sentence(template: str, who: str, glue: str = "", rest: str = "") -> _Sentence:
    before, _, after = template.partition("{x}")
    return _sentence(_cap(before.replace("{n}", who)) + glue, rest, after)


def _referral(f: _InviteFields, tone: str, v: int) -> list[_Sentence]:
    """'Priya Shah suggested I reach out about …' from whatever shape the context has."""
    template = _pick(_REFERRAL[tone], v)
    unnamed = _referral_sentence(template, _REFERRER_UNNAMED)
    ctx = f.context
    form = _form(ctx)
    if not ctx:
        return [unnamed]
    if form == "sentence" or (_REFERRAL_VERB.search(ctx) and form == "noun"):
        return [_sentence("", _cap(ctx), "."), unnamed]
    if form == "verb":
        return [_sentence("I ", ctx, "."), unnamed]
    ctx = _LEAD_IN.sub("", ctx)
    name, rest = _leading_name(ctx)
    who = name
    if not name:
        who, rest = _REFERRER_UNNAMED, ctx
    elif rest.lstrip()[:1] in (",", "("):
        rest = rest.lstrip()
        inner, _, after = rest[1:].partition(")" if rest[0] == "(" else ",")
        if inner.strip() and len(inner) <= 60:  # "Priya Shah, my old manager, suggested …"
            who, rest = f"{name}, {inner.strip()},", after
    rest = rest.strip(" ,;:-–—()")
    word = _first_word(rest)
    if (
        name
        and rest[:1].islower()
        and (word in _VERBS or word in _SAY_VERBS or word.endswith("ed"))
    ):
        # "Priya said she worked with him" -> "Priya said she worked with you, and suggested …"
        tail = _pick(_REFERRAL_TAIL[tone], v)
        return [_from_template("{x}" + tail, ctx), _referral_sentence(template, name)]
    if name and who == name and word in _DETERMINERS and len(rest) <= 60:
        who, rest = f"{name}, {rest},", ""  # "Priya Shah my former manager": an apposition
    if not rest:
        glue = ""
    elif _first_word(rest) in _RESTS_AS_CLAUSE:
        glue = " "
    elif _form(rest) in ("sentence", "verb"):
        glue = ": "
    else:
        glue = " about "
    full = _referral_sentence(template, who, glue, rest)
    short = _referral_sentence(template, name or _REFERRER_UNNAMED)
    return [full, short] if full != short else [full]


def _place(ctx: str, form: str) -> str:
    """'at PyCon 2024' from 'PyCon 2024', 'at PyCon', 'met at PyCon' or 'we met at PyCon'."""
    stripped = re.sub(r"^(?:we )?(?:first )?met\s+", "", ctx, flags=re.IGNORECASE)
    if stripped != ctx:
        return stripped if _form(stripped) == "prep" else "at " + _the(stripped)
    return ctx if form == "prep" else "at " + _the(ctx)


_TEAM_WORDS = set("team squad project group department migration launch rewrite crew".split())


def _colleague_place(ctx: str, form: str) -> str:
    stripped = re.sub(r"^(?:we )?worked together\s+", "", ctx, flags=re.IGNORECASE)
    if stripped != ctx or form == "prep":
        return stripped
    first = _first_word(ctx)
    if first in _DETERMINERS:
        return "on " + ctx
    head = re.split(r"[,;(]", ctx, maxsplit=1)[0].lower().split()
    if set(head) & _TEAM_WORDS:  # "Acme billing team" -> "on the Acme billing team"
        return "on the " + ctx
    if ctx[:1].isdigit():
        return "in " + ctx
    return "at " + ctx


def _why_levels(f: _InviteFields, rel: str, tone: str, v: int) -> list[_Sentence | None]:
    """Why this person, from the context in relationship-specific words; richest first."""
    ctx, form = f.context, _form(f.context)
    levels: list[_Sentence | None] = []
    if rel == "referral":
        return [*_referral(f, tone, v), None]
    if not ctx:
        none = {"met": _MET_NONE, "colleague": _COLLEAGUE_NONE, "alumni": _ALUMNI_NONE}.get(rel)
        return [_fixed(_pick(none[tone], v)), None] if none else [None]
    if (
        form == "sentence"
        and rel in ("stranger", "other", "alumni")
        and _first_word(ctx) in (_SECOND_PERSON)
    ):
        # "she writes a newsletter" -> "I see you write a newsletter": an observation, not a
        # statement of their own life back to them.
        levels.append(_sentence("I see ", _lower_first_any(ctx), "."))
    elif form == "sentence":
        levels.append(_sentence("", _cap(ctx), "."))
    elif form == "verb":
        word = _first_word(ctx)
        reciprocal = rel in ("met", "colleague", "alumni") and word in _RECIPROCAL
        subject = "We " if reciprocal and "with you" not in ctx.lower() else "I "
        if word == "both":
            subject = "We "
        levels.append(_sentence(subject, ctx, "."))
    elif rel == "met":
        levels.append(_from_template(_pick(_MET_PLACE[tone], v), _place(ctx, form)))
    elif rel == "colleague":
        levels.append(_from_template(_pick(_COLLEAGUE_PLACE[tone], v), _colleague_place(ctx, form)))
    elif rel == "alumni":
        words = ctx.lower().split()
        if words[0] == "your" or any(w.strip(",.") in _EVENT_NOUNS | _WORK_WORDS for w in words):
            noun = ctx if _first_word(ctx) in _DETERMINERS else "your " + ctx
            levels.append(_from_template(_pick(_ALUMNI_WORK[tone], v), noun))
        elif form == "prep":
            levels.append(_from_template(_pick(_ALUMNI_SCHOOL_PREP[tone], v), ctx))
        else:
            levels.append(_from_template(_pick(_ALUMNI_SCHOOL[tone], v), ctx))
    elif form == "prep":
        levels.append(_from_template(_pick(_THEIR_PLACE[tone], v), ctx))
    else:
        noun = ctx if _first_word(ctx) in _DETERMINERS else "your " + ctx
        words = {w.strip(",.").lower() for w in ctx.split()}
        table = _THEIR_POSTING if words & _POSTING_NOUNS else _THEIR_WORK
        levels.append(_from_template(_pick(table[tone], v), noun))
    fallback = {"met": _MET_NONE, "colleague": _COLLEAGUE_NONE}.get(rel)
    if fallback:
        levels.append(_fixed(_pick(fallback[tone], v)))
    return [*levels, None]


_WORK_WORDS = set(
    "post posts article paper book thesis newsletter blog essay project research podcast "
    "video series course library tool repo work".split()
)

_DEFAULT_ASK = {
    "met": {
        "warm": (
            "I'd love to stay in touch.",
            "Let's stay in touch.",
            "I'd like to keep in touch.",
        ),
        "formal": ("I would be glad to stay in touch.", "I hope we can stay in touch."),
        "concise": ("Let's stay in touch.", "Keen to stay in touch."),
    },
    "colleague": {
        "warm": (
            "I'd love to reconnect here.",
            "Let's stay in touch.",
            "It would be good to reconnect.",
        ),
        "formal": ("I would be glad to reconnect.", "I hope we can stay in touch."),
        "concise": ("Let's stay in touch.", "Shall we reconnect?"),
    },
    "alumni": {
        "warm": (
            "Would you be open to connecting?",
            "I'd love to connect.",
            "Happy to connect if you are.",
        ),
        "formal": ("I would be glad to connect.", "Would you be open to connecting?"),
        "concise": ("Open to connecting?", "Let's connect."),
    },
    "other": {
        "warm": ("Would you be open to connecting?", "I'd love to connect.", "May I connect?"),
        "formal": ("Would you be open to connecting?", "I would welcome the chance to connect."),
        "concise": ("Open to connecting?", "May I connect?"),
    },
}
_ASK_TO = {
    "warm": ("I'd love {x}.", "I'd like {x}."),
    "formal": ("I would like {x}.",),
    "concise": ("Hoping {x}.",),
}
_ASK_ADVICE = {
    "warm": ("I'd value your {x}.", "I'd be grateful for your {x}."),
    "formal": ("I would value your {x}.",),
    "concise": ("I'd value your {x}.",),
}
_ASK_INDIRECT = {
    "warm": ("Could I ask {x}?", "I'd love to hear {x}."),
    "formal": ("May I ask {x}?", "I would be glad to hear {x}."),
    "concise": ("Could I ask {x}?",),
}
_ASK_NOUN = {
    "warm": ("Would you be open to {x}?", "I'd welcome {x}."),
    "formal": ("Would you be open to {x}?", "I would appreciate {x}."),
    "concise": ("Open to {x}?",),
}


_WH_WORDS = set("how what why where when which who whom whose whether if".split())
_AUXILIARIES = set(
    "do does did is are was were can could would will shall should has have had may might "
    "must am".split()
)
def _indirect_question(body: str) -> bool:
    """True for a question folded into a clause ("how they handled on-call", "whether she'd
    review my CV"): a wh-word not followed by an auxiliary, or "whether"/"if"."""
    words = body.lower().split()
    if len(words) < 2 or words[0] not in _WH_WORDS:
        return False
    second = words[1].split("'")[0]
    return words[0] in ("whether", "if") or second not in _AUXILIARIES


def _user_ask(ask: str, tone: str, v: int, recipient: str = "") -> _Sentence:
    """The user's ask as a sentence: kept as written when it is one, else put in a frame."""
    question = ask.endswith("?")
    body = ask.rstrip(" ?.!;:,")
    word = _first_word(body)
    if _indirect_question(body):  # "how they handled on-call": a question about the reader
        body = _second_person(_lower_first_any(body), recipient)
        return _from_template(_pick(_ASK_INDIRECT[tone], v), body, rank=1, keep=_ASK_KEEP)
    if question or word in _QUESTION_STARTS:
        return _sentence("", _cap(body), "?", rank=1, keep=_ASK_KEEP)
    if word in _FIRST_PERSON or word in _SECOND_PERSON or word == "please":
        return _sentence("", _cap(body), ".", rank=1, keep=_ASK_KEEP)
    if word == "to" or word in _BASE_VERBS:
        body = body if word == "to" else "to " + _lower_first_any(body)
        return _from_template(_pick(_ASK_TO[tone], v), body, rank=1, keep=_ASK_KEEP)
    if word in _ADVICE:
        return _from_template(
            _pick(_ASK_ADVICE[tone], v), _lower_first_any(body), rank=1, keep=_ASK_KEEP
        )
    if word in _COUNTABLE:
        body = ("an " if body[0].lower() in "aeiou" else "a ") + _lower_first_any(body)
    return _from_template(_pick(_ASK_NOUN[tone], v), body, rank=1, keep=_ASK_KEEP)


def _ask_levels(f: _InviteFields, rel: str, tone: str, v: int) -> list[_Sentence]:
    default = _DEFAULT_ASK.get(rel, _DEFAULT_ASK["other"])
    levels = [_user_ask(f.ask, tone, v, f.full)] if f.ask.strip(" ?.!") else []
    return [*levels, _fixed(_pick(default[tone], v))]


def _assemble(greeting: str, sentences: Sequence[_Sentence | None]) -> list[_Part]:
    parts: list[_Part] = [_Part(greeting)] if greeting else []
    for sentence in sentences:
        if sentence is None:
            continue
        if parts:
            if greeting.endswith(",") and len(parts) == 1:
                sentence = _lowered(sentence)
            parts.append(_Part(" "))
        parts.extend(sentence)
    return parts


def _invite_plans(f: _InviteFields, rel: str, tone: str, v: int) -> Iterator[_Plan]:
    greet_named = _pick(_GREET[tone], v).format(n=f.full if tone == "formal" else f.first)
    greetings = [greet_named] if f.first else []
    greetings.append(_pick(_GREET_NAMELESS[tone], v))
    whys = _why_levels(f, rel, tone, v)
    asks = _ask_levels(f, rel, tone, v)
    whos = _who_levels(f, tone, v)
    # The first sentence alternates with the variant: who first, or why first.
    why_first = v % 2 == 1
    # Priorities, most kept first: the greeting's name (short, and it shows the note is not
    # mass-sent), the reason, saying who the sender is, the user's own ask, the sender's
    # headline; cutting a fragment comes before dropping it.
    said = [w for w in whos if w[0] is not None]
    unsaid = [w for w in whos if w[0] is None]
    for why_level, why in enumerate(whys):
        for greet_level, greeting in enumerate(greetings):
            tier = greet_level * len(whys) + why_level
            for group in (said, unsaid):
                for ask in asks:
                    for who, allow_cut in group:
                        order = (why, who, ask) if why_first else (who, why, ask)
                        yield tier, _assemble(greeting, order), allow_cut


def compose_invitation(req: InviteRequest, *, variant: int = 0) -> str:
    """A grounded invitation note built from the request's fields, within its limit."""
    f = _invite_fields(req)
    limit = req.limit or lint.default_limit("invite", req.account)
    greeting = f"Hi {f.first}, " if f.first else ""
    fallbacks = [f"{greeting}may I connect?", "May I connect?", "Let's connect."]
    return _choose(_invite_plans(f, req.relationship, req.tone, variant), fallbacks, limit)


# --------------------------------------------------------------------------------------------
# Replies


def reply_situation(req: ReplyRequest) -> str:
    """The situation to answer: the request's, else letdown or how-can-i-help by the note."""
    # Deliberately simple until the triage module lands: a blank or thin note (fewer than
    # THIN_NOTE_WORDS words, or the platform's default sentence) gets the letdown with an
    # opening; anything with substance gets "how can I help?".
    if req.situation:
        return req.situation
    note = _clean(req.note).lower()
    default = "professional network" in note or "linkedin network" in note
    if len(note.split()) < THIN_NOTE_WORDS or (default and len(note.split()) < 16):
        return "letdown"
    return "how-can-i-help"


_REPLY_GREET = {
    "warm": ("Hi {n},", "Hello {n},"),
    "formal": ("Dear {n},", "Hello {n},"),
    "concise": ("Hi {n},",),
}
_REPLY_GREET_NAMELESS = {"warm": ("Hi,", "Hello,"), "formal": ("Hello,",), "concise": ("Hi,",)}
_SIGN = {
    "warm": ("Best,\n{n}", "All the best,\n{n}", "Warm regards,\n{n}"),
    "formal": ("Kind regards,\n{n}", "Best regards,\n{n}"),
    "concise": ("Best, {n}", "Cheers, {n}"),
}
_SIGN_NAMELESS = {
    "warm": ("All the best.", "Best wishes."),
    "formal": ("Kind regards.",),
    "concise": ("",),
}

# Each situation is a list of (phrases by tone, drop rank or None for core). A phrase may hold
# one "{x}" slot (the requester's headline) or "{m}" (the mutual count); when a reply must
# shrink, optional items with the lowest rank go first.
_HEADLINE_RANK, _MUTUAL_RANK, _CLOSE_RANK = 0, 1, 2


def _tones(warm: Sequence[str], formal: Sequence[str], concise: Sequence[str]) -> dict:
    return {"warm": tuple(warm), "formal": tuple(formal), "concise": tuple(concise)}


_LETDOWN = (
    (
        _tones(
            [
                "Thanks for the connection request",
                "Thank you for reaching out",
                "Thanks for the invitation to connect",
            ],
            ["Thank you for your invitation to connect", "Thank you for reaching out"],
            ["Thanks for the request", "Thanks for reaching out"],
        ),
        None,
    ),
    (
        _tones(
            [", and I see we have {m} in common"],
            [", and I note that we have {m} in common"],
            [", and I see we share {m}"],
        ),
        _MUTUAL_RANK,
    ),
    (
        _tones(
            [
                ". I don't believe we've met, and my rule is to connect with people I know.",
                ". As far as I can tell we haven't met, and I keep my network to people I know "
                "personally.",
            ],
            [
                ". I do not believe we have met, and my practice is to connect only with people I "
                "know personally."
            ],
            [". I don't believe we've met, and I only connect with people I know."],
        ),
        None,
    ),
    (
        _tones(
            [
                " If you have a specific question or project in mind, you're welcome to write to "
                "me here.",
                " That said, if you have a specific question or project in mind, feel free to send "
                "me a message.",
                " If there's a specific question or project you'd like to discuss, I'd be glad to "
                "hear about it.",
            ],
            [
                " Should you have a specific question or project in mind, you are welcome to write "
                "to me.",
                " If you have a specific question or project in mind, please feel free to write.",
            ],
            [
                " If you have a specific question or project in mind, feel free to write.",
                " If you have a specific question or project, you're welcome to write.",
            ],
        ),
        None,
    ),
)
_HOW_MET = (
    (
        _tones(
            ["Thank you for the invitation to connect.", "Thanks so much for the request."],
            ["Thank you for your invitation to connect."],
            ["Thanks for the request."],
        ),
        None,
    ),
    (
        _tones(
            [
                " I'm sorry, but I don't recall where we met.",
                " I'm sorry, but I can't place where we met.",
            ],
            [" I apologise, but I do not recall where we met."],
            [" Sorry, I don't recall where we met."],
        ),
        None,
    ),
    (
        _tones(
            [
                " Could you remind me where we met, or how you came across my profile?",
                " Where did we cross paths, or how did you find my profile?",
            ],
            [" Would you kindly remind me where we met, or how you came across my details?"],
            [" Could you remind me?", " Where did we cross paths?"],
        ),
        None,
    ),
    (
        _tones(
            [" I look forward to hearing from you.", " Looking forward to hearing from you."],
            [" I look forward to hearing from you."],
            [""],
        ),
        _CLOSE_RANK,
    ),
)
_HOW_HELP = (
    (
        _tones(
            ["Thanks for reaching out.", "Thank you for the connection request."],
            ["Thank you for your invitation to connect."],
            ["Thanks for reaching out.", "Thanks for the request."],
        ),
        None,
    ),
    (
        _tones([" I see you're {x}."], [" I see that you are {x}."], [" I see you're {x}."]),
        _HEADLINE_RANK,
    ),
    (
        _tones(
            [
                " What are you looking for, and how can I help?",
                " What did you have in mind, and how can I help?",
            ],
            [
                " May I ask what you are looking for, and how I might help?",
                " Could you tell me what you have in mind, and how I might help?",
            ],
            [" How can I help?", " What are you looking for?"],
        ),
        None,
    ),
    (
        _tones(
            [" I'd be glad to hear more.", " Happy to hear more."],
            [" I look forward to hearing from you."],
            [""],
        ),
        _CLOSE_RANK,
    ),
)
_ACCEPT_PLACE = _tones(
    [
        "Thanks for the invitation, and it was great meeting you {x}.",
        "Thank you for connecting; I enjoyed meeting you {x}.",
    ],
    ["Thank you for your invitation; it was a pleasure meeting you {x}."],
    ["Thanks, and great meeting you {x}.", "Thanks! Great meeting you {x}."],
)
_ACCEPT_SENTENCE = _tones(
    ["Thanks for the invitation. {x}.", "Thank you for connecting. {x}."],
    ["Thank you for your invitation. {x}."],
    ["Thanks for the request. {x}."],
)
_ACCEPT_NONE = _tones(
    [
        "Thanks for the invitation; I'm glad to connect.",
        "Thank you for reaching out; happy to connect.",
    ],
    ["Thank you for your invitation; I am pleased to connect."],
    ["Thanks, glad to connect.", "Thanks for the invitation; happy to connect."],
)
_ACCEPT_TAIL = (
    (
        _tones(
            [" Let's stay in touch.", " I'd love to stay in touch."],
            [" I would be glad to stay in touch."],
            [" Let's stay in touch.", " Let's keep in touch."],
        ),
        None,
    ),
)
_FOLLOW = (
    (
        _tones(
            ["Thanks for the request.", "Thank you for reaching out."],
            ["Thank you for your invitation to connect."],
            ["Thanks for the request."],
        ),
        None,
    ),
    (
        _tones(
            [
                " I keep my connections for people I've worked with, but you're very welcome to "
                "follow my posts.",
                " I reserve connections for people I've worked with directly, but please feel free "
                "to follow my posts instead.",
            ],
            [
                " I keep my connections to people I have worked with, but you are most welcome to "
                "follow my posts."
            ],
            [
                " I keep connections for people I've worked with, but feel free to follow my "
                "posts.",
                " I only connect with people I've worked with, but you're welcome to follow my "
                "posts.",
            ],
        ),
        None,
    ),
    (
        _tones([" Thanks for understanding."], [" Thank you for understanding."], [""]),
        _CLOSE_RANK,
    ),
)
# Last resorts for very small limits, longest first; each still follows its situation.
_REPLY_FALLBACKS = {
    "letdown": (
        "Thanks! I only connect with people I know, but feel free to write with a question.",
        "I only connect with people I know, but feel free to write.",
        "Thanks! Feel free to write.",
        "Feel free to write.",
    ),
    "how-met": (
        "Thanks! Sorry, I don't recall where we met. Could you remind me?",
        "Thanks! Where did we meet?",
        "Where did we meet?",
    ),
    "how-can-i-help": (
        "Thanks for reaching out! How can I help?",
        "Thanks! How can I help?",
        "How can I help?",
    ),
    "accept": (
        "Thanks, glad to connect! Let's stay in touch.",
        "Thanks, let's stay in touch!",
        "Glad to connect!",
    ),
    "follow": (
        "Thanks! I keep connections for people I've worked with, but feel free to follow my posts.",
        "Feel free to follow my posts.",
        "Do follow my posts.",
    ),
}


@dataclass(frozen=True, slots=True)
class _Item:
    """One piece of a reply body: its parts, and a drop rank when it is optional."""

    parts: _Sentence
    drop: int | None = None


def _reply_items(req: ReplyRequest, situation: str, tone: str, v: int) -> list[_Item]:
    """The reply body for a situation, as core and optional items."""
    recipient = req.requester.name
    if situation == "accept":
        ctx = _tidy_fragment(_second_person(_fragment(req.context), recipient))
        form = _form(ctx)
        if not ctx:
            head = _fixed(_pick(_ACCEPT_NONE[tone], v))
        elif form in ("sentence", "verb") and not re.match(r"(?:we )?(?:first )?met\b", ctx, re.I):
            body = (
                ctx
                if form == "sentence"
                else ("We " if _first_word(ctx) in _RECIPROCAL else "I ") + ctx
            )
            head = _from_template(_pick(_ACCEPT_SENTENCE[tone], v), _cap(body))
        else:
            head = _from_template(_pick(_ACCEPT_PLACE[tone], v), _place(ctx, form))
        items = [_Item(head)]
        table: Sequence = _ACCEPT_TAIL
    else:
        items = []
        table = {
            "letdown": _LETDOWN,
            "how-met": _HOW_MET,
            "how-can-i-help": _HOW_HELP,
            "follow": _FOLLOW,
        }[situation]
    for phrases, drop in table:
        template = _pick(phrases[tone], v)
        if not template:
            continue
        if "{m}" in template:
            if not req.mutual:  # none given, or zero: nothing worth saying
                continue
            noun = "connection" if req.mutual == 1 else "connections"
            template = template.replace("{m}", f"{req.mutual} {noun}")
        if "{x}" in template:
            headline = _their_headline(req.requester.headline)
            if not headline:
                continue
            items.append(_Item(_from_template(template, _article(headline), rank=1), drop))
        else:
            items.append(_Item(_fixed(template), drop))
    return items


def _reply_plans(req: ReplyRequest, situation: str, tone: str, v: int) -> Iterator[_Plan]:
    """Reply plans, tier 0 with the requester's name in the greeting and tier 1 without.

    Within a tier: the requested tone, then the concise wording (shorter, one paragraph);
    for each, drop the headline, cut fragments, drop the other optional items, then the
    sign-off.
    """
    first, full = first_name(req.requester.name), _full_name(req.requester.name)
    me_first, me_full = first_name(req.me.name), _full_name(req.me.name)
    styles = [tone] if tone == "concise" else [tone, "concise"]
    for tier, named in enumerate((True, False)):
        if named and not first:
            continue
        for style in styles:
            if named:
                greeting = _pick(_REPLY_GREET[style], v)
                greeting = greeting.format(n=full if style == "formal" else first)
            else:
                greeting = _pick(_REPLY_GREET_NAMELESS[style], v)
            me = me_full if style == "formal" else me_first
            sign = _pick(_SIGN[style], v).format(n=me) if me else _pick(_SIGN_NAMELESS[style], v)
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
                    parts: list[_Part] = []
                    if greeting:
                        parts += [_Part(greeting), _Part(sep)]
                        if sep == " ":
                            body[0] = _lowered(body[0])
                    for sentence in body:
                        parts.extend(sentence)
                    if signed and sign:
                        parts += [_Part(sep), _Part(sign)]
                    yield tier, parts, allow_cut


def compose_reply(req: ReplyRequest, *, variant: int = 0) -> str:
    """A grounded reply to a connection request for its situation, within its limit."""
    situation = reply_situation(req)
    limit = req.limit or lint.default_limit("reply", "premium")
    plans = _reply_plans(req, situation, req.tone, variant)
    return _choose(plans, _REPLY_FALLBACKS[situation], limit)


# --------------------------------------------------------------------------------------------
# Facts for the linter's grounding check


def _facts(*values: str) -> list[str]:
    return [v for v in (_clean(x) for x in values) if v]


def _person_facts(person: Person) -> list[str]:
    return _facts(person.name, person.headline, person.about)


def facts_for_invitation(req: InviteRequest) -> dict[str, list[str]]:
    """What the invitation may mention, by whom it is true (for lint's grounding check)."""
    # The context of a meeting, shared job, school or referral is both people's; for a
    # stranger it usually describes the recipient's talk or post.
    shared_context = req.relationship in _SHARED_CONTEXT
    return {
        "sender": _person_facts(req.me),
        "recipient": _facts(req.recipient.name, req.recipient.headline)
        + ([] if shared_context else _facts(req.context)),
        "shared": (_facts(req.context) if shared_context else []) + _facts(req.ask),
    }


def facts_for_reply(req: ReplyRequest) -> dict[str, list[str]]:
    """What the reply may mention; the incoming note is untrusted and is not a fact."""
    mutual = [f"{req.mutual} connections in common"] if req.mutual is not None else []
    return {
        "sender": _person_facts(req.me),
        "recipient": _facts(req.requester.name, req.requester.headline),
        "shared": _facts(req.context) + mutual,
    }
