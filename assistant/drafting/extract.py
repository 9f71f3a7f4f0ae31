"""A plain-language request ("I want to connect with Jordan Lee, VP Data at Globex; I saw her
DataConf talk...") turned into the structured fields, by the model with a JSON answer, checked
against the text, with a rule-based reading when the model's answer is unusable."""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.drafting.requests import Relationship, Situation
from assistant.errors import InputError

log = logging.getLogger(__name__)
MAX_REQUEST_CHARS = 4_000
RELATIONSHIPS = frozenset(get_args(Relationship))
SITUATIONS = frozenset(get_args(Situation))
MAX_NAME_CHARS = 200
MAX_MUTUAL = 100_000
MAX_HEADLINE_CHARS = 300


class Extracted(BaseModel):
    """The fields read from a request; `source` says whether the model or the rules read them."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    mode: Literal["invite", "reply"] = "invite"
    recipient_name: str = Field("", max_length=MAX_NAME_CHARS)
    recipient_headline: str = Field("", max_length=MAX_HEADLINE_CHARS)
    relationship: Relationship = "other"
    context: str = Field("", max_length=2_000)
    ask: str = Field("", max_length=2_000)
    requester_name: str = Field("", max_length=MAX_NAME_CHARS)
    # The user's own self-description in the request ("I'm Sam, an SRE at Fintrail").
    sender_name: str = Field("", max_length=MAX_NAME_CHARS)
    sender_headline: str = Field("", max_length=MAX_HEADLINE_CHARS)
    note: str = Field("", max_length=8_000)
    mutual: int | None = Field(None, ge=0, le=MAX_MUTUAL)
    situation: Situation | None = None
    source: Literal["model", "rules"] = "model"

    @field_validator("relationship", mode="before")
    @classmethod
    def _known_relationship(cls, value: Any) -> str:
        return value if isinstance(value, str) and value in RELATIONSHIPS else "other"

    @field_validator("situation", mode="before")
    @classmethod
    def _known_situation(cls, value: Any) -> str | None:
        return value if isinstance(value, str) and value in SITUATIONS else None

    @field_validator("mutual", mode="before")
    @classmethod
    def _number_or_none(cls, value: Any) -> int | None:
        try:
            number = int(value) if value not in (None, "", "null") else None
        except (TypeError, ValueError, OverflowError):  # OverflowError: JSON's Infinity
            return None
        # A count nobody has is a misreading: no number, rather than no answer at all.
        return number if number is None or 0 <= number <= MAX_MUTUAL else None


def check_request(text: str) -> str:
    """The request, or a clear error when it is empty or too long to read."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("the request is empty", "describe who you want to write to, and why")
    if len(text) > MAX_REQUEST_CHARS:
        raise InputError(
            f"the request is {len(text):,} characters; the limit is {MAX_REQUEST_CHARS:,}",
            "shorten it: the name, their role, why them and what you would like are enough",
        )
    return text


def parse_answer(raw: str, text: str) -> Extracted | None:
    """The model's JSON answer, validated and checked against the text; None if unusable."""
    match = re.search(r"\{.*\}", raw or "", re.DOTALL)
    if not match:
        return None
    try:
        data = json.loads(match.group())
        extracted = Extracted.model_validate(data if isinstance(data, dict) else {})
    except (json.JSONDecodeError, RecursionError, ValidationError):  # RecursionError: [[[[...
        return None
    # A name the request never mentions was invented: drop it rather than draft to it.
    for field in ("recipient_name", "requester_name", "sender_name"):
        name = getattr(extracted, field)
        if name and name.casefold() not in text.casefold():
            extracted = extracted.model_copy(update={field: ""})
    if extracted.mode == "invite" and not extracted.recipient_name:
        return None
    if extracted.mode == "reply" and not _RECEIVED.search(text) and _name(_TO.search(text)):
        # "Help me write to Lee Chen; Dana suggested I reach out" read as a note from Dana: a
        # request to write to someone, with no word of a request received, is an invitation.
        return None
    if extracted.mode == "reply":
        # Their note's "I'm ..." is about them; the user's own words are not read in a reply.
        return extracted.model_copy(update={"sender_name": "", "sender_headline": ""})
    # The user's name and role: the rules' reading of a self-description ("I'm Sam, an SRE at
    # Fintrail") first; else the model's, when it is the user's words and not the recipient's.
    # A field in words the request never uses was made up (a small model copies the prompt's
    # example: "saw her DataConf talk" for a request that never mentions it); so was an empty
    # one the rules can read. Either way the rules' reading of the same recipient, if any.
    made_up = [
        f
        for f in ("recipient_headline", "context", "ask")
        if not _grounded(getattr(extracted, f), text)
    ]
    if made_up:
        rules = extract_by_rules(text)
        same = rules.recipient_name == extracted.recipient_name
        extracted = extracted.model_copy(
            update={f: getattr(rules, f) if same else "" for f in made_up}
        )
    said = read_sender(text)
    theirs = (extracted.recipient_name.casefold(), extracted.recipient_headline.casefold())
    name, headline = extracted.sender_name, extracted.sender_headline
    if said.name or not (_reads_as_name(name) and _said_of_self(name, text)):
        name = said.name
    if said.headline or _overlaps(headline, theirs[1]) or not _role_of_self(headline, text):
        headline = said.headline
    return extracted.model_copy(
        update={
            "sender_name": name if name.casefold() != theirs[0] else "",
            "sender_headline": headline,
            # The relationship is only what the words give evidence for.
            "relationship": checked_relationship(extracted.relationship, text),
        }
    )


def _said_of_self(name: str, text: str) -> bool:
    """The name is the user's own by the words around it ("I'm Sam", "call me Sam", "Sam here",
    "Thanks, Sam" at the end), not a third party the model took for them ("Dana suggested")."""
    n = re.escape(name)
    return bool(
        re.search(
            rf"(?i:\bI['\u2019]?m|\bI am|\bname is|\bname['\u2019]s|\bthis is|\bcall me)\s+{n}\b"
            rf"|\b{n}\s+(?i:here)\b|(?i:thanks|thank you|best|cheers|regards),?\s+{n}\W*$",
            text,
        )
    )


def _role_of_self(role: str, text: str) -> bool:
    """The role is copied from the text, reads as a role, and follows the user's own "I" or "my"
    in its sentence ("Sam here, SRE at Fintrail"; not "Dana, a PM at Initech, suggested")."""
    at = text.casefold().find(role.casefold()) if role else -1
    if at < 0 or not _as_role(role):
        return False
    sentence = re.split(r"[.!?;\n]", text[max(0, at - _CLAUSE_BACK) : at])[-1]
    return bool(re.search(r"\b(?:I|I['\u2019]m|my|me|here)\b", sentence))


_NAME_PARTICLES = set("de da del della di du la le van von der den dos das bin al y".split())


def _reads_as_name(name: str) -> bool:
    """A person's name: capitalised words, or a script without capitals, not a role ("PhD
    student at MIT" is in the text but is no name)."""
    words = name.split()
    return (
        bool(words)
        and all(not w[:1].islower() or w in _NAME_PARTICLES for w in words)
        and not any(w.lower() in _ROLE_WORDS or (w.isupper() and len(w) > 1) for w in words)
    )


def _overlaps(ours: str, theirs: str) -> bool:
    ours = ours.casefold()
    return bool(ours and theirs) and (ours in theirs or theirs in ours)


# Small words a faithful reading may add ("her talk" for "the talk she gave").
_FILLER = set(
    "a an the to of and or her his their them she he they i my me about on in at for".split()
)


def _grounded(phrase: str, text: str) -> bool:
    """Every word of the phrase but small ones is a word of the text (so a model's 'Site
    Reliability Engineer' for 'SRE', or words from the prompt's example, are not taken as the
    user's)."""
    words = set(re.findall(r"\w+", text.casefold()))
    said = re.findall(r"\w+", phrase.casefold())
    return bool(said) and all(w in words or w in _FILLER for w in said)


# A capitalised name of up to four words, or a name in a script without capitals (李娜).
_NAME = (
    r"((?:[A-Z\u00c0-\u024f][\w'\u2019-]+|[^\x00-\u024f\s,;.]+)"
    r"(?: [A-Z\u00c0-\u024f][\w'\u2019-]+){0,3})"
)
_TO = re.compile(
    rf"(?i:connect with|write to|reach out to|message|invite|note to|introduce myself to)"
    rf"\s+{_NAME}"
)
_FROM = re.compile(rf"(?:request from|invitation from|invite from|from)\s+{_NAME}")
_HEADLINE = re.compile(r"^[,(]\s*([^;.)]{2,80})")
_HEADLINE_END = re.compile(r",\s*(?:and|but|so)\b|\s(?:and|but)\s+(?:I|I'd|I'm|would|want|hope)\b")
_CLAUSE_STARTS = set(
    "i i'm i\u2019m i've i'd we we're we've she he they she's he's my our who whom whose since "
    "because as".split()
)
_ASK = re.compile(
    r"\b(?:would like|'d like|would love|'d love|hoping for|hoping to|hope to|want to ask)"
    r"\s+(?:to\s+)?([^.;]{3,160})",
    re.IGNORECASE,
)
_RECEIVED = re.compile(
    r"\b(?:sent me|received|got a (?:connection )?request|wants to connect|"
    r"invited me|request from|invitation from)\b",
    re.IGNORECASE,
)


# -- the relationship: only what the words say --------------------------------------------------

_PRONOUN = r"(?:her|him|them)"
# Evidence for each relationship, strongest claim first: a named third party's suggestion, a
# shared job, a meeting, a shared school. Watching a talk, hearing a podcast or reading a post
# is none of them: that is a stranger.
_EVIDENCE: dict[str, re.Pattern] = {
    "referral": re.compile(
        r"\b(?:suggested|recommended) (?:I|that I|me|we|reaching|getting|contacting|talking|"
        r"speaking|writing|connecting|asking)\b|\breferred (?:me|by)\b|\breferral from\b|"
        rf"\bintroduced us\b|\bintroduced me to {_PRONOUN}\b|\bintro(?:duction)? from\b|"
        r"\bpointed me (?:to|towards)\b|\bput me in touch\b|\bsent me (?:her|his|their) way\b|"
        r"\btold me to (?:reach out|contact|talk|write|connect|get in touch)\b",
        re.IGNORECASE,
    ),
    # "My colleague" alone is often someone else ("my colleague Dana", "my manager wants"): a
    # shared job is claimed of the recipient ("she was my manager") or of both ("we worked").
    "colleague": re.compile(
        rf"\b(?:we|I) (?:both |once |also )?(?:used to )?work(?:ed)? "
        rf"(?:together|with {_PRONOUN})\b|\bworked (?:together|with {_PRONOUN})\b"
        rf"|\bwe were (?:colleagues|teammates|co-?workers)\b"
        rf"|\b(?:she|he|they)(?:['\u2019]s| is| was| are| were) (?:my|our) (?:former |old |ex-?)?"
        rf"(?:colleague|co-?worker|teammate|boss|manager|lead|report)s?\b"
        rf"|\b(?:was|were) (?:on|in) (?:the same|her|his|their) team\b"
        rf"|\breported to {_PRONOUN}\b|\b(?:she|he|they) reported to me\b",
        re.IGNORECASE,
    ),
    "met": re.compile(
        rf"\bwe(?: briefly| first| already| once)? met\b|\bwe(?:'ve|\u2019ve| have) met\b"
        rf"|\bmet {_PRONOUN}\b|\bmet (?:at|during|in|on) \b|\bmeeting (?:her|him|them) at\b"
        rf"|\bwe (?:talked|spoke|chatted)\b|\b(?:talked|spoke|chatted) (?:with|to) {_PRONOUN}\b"
        rf"|\bran into {_PRONOUN}\b|\bcrossed paths\b|\bshook hands\b|\bsat next to {_PRONOUN}\b",
        re.IGNORECASE,
    ),
    "alumni": re.compile(
        r"\bfellow\b[^.;,]{0,40}?\b(?:alum\w*|grad(?:uate)?s?|student)\b"
        r"|\b(?:we're|we\u2019re|we are|we were|both)\b[^.;]{0,40}?\balum\w*"
        r"|\b(?:same|our) (?:school|university|college|alma mater|program|programme|class|"
        r"cohort|bootcamp)\b|\bclassmates?\b|\bstudied together\b|\bwent to school together\b"
        r"|\bwe both (?:studied|went to|graduated|attended)\b",
        re.IGNORECASE,
    ),
}
# A claim in a clause that denies it ("we've never met", "we haven't worked together").
_DENIED = re.compile(r"(?:\bnever\b|\bnot\b|n['\u2019]t\b|\bno\b)[^,.;:!?]*$", re.IGNORECASE)
# The recipient as the subject of a suggestion is not a referral ("she suggested I follow up").
_THEIR_OWN = re.compile(r"\b(?:she|he|they)\s+$", re.IGNORECASE)
_CLAUSE_BACK = 40


def relationships_in_words(text: str) -> list[str]:
    """The relationships the request gives evidence for, strongest claim first."""
    found = []
    for relationship, pattern in _EVIDENCE.items():
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - _CLAUSE_BACK) : m.start()]
            if _DENIED.search(before):
                continue
            if relationship == "referral" and _THEIR_OWN.search(before):
                continue
            found.append(relationship)
            break
    return found


def checked_relationship(claimed: str, text: str) -> Relationship:
    """The model's relationship when the words give evidence for it; else the one they do give
    evidence for; else stranger ('other', which claims nothing, is kept)."""
    found = relationships_in_words(text)
    if claimed in found:
        return claimed  # type: ignore[return-value]
    if found:
        return found[0]  # type: ignore[return-value]
    return "other" if claimed == "other" else "stranger"


# -- the sender: the user's own words about themselves ------------------------------------------

# Words a role ends in, or starts with, so "I'm a data engineer" reads as a role and "I'm a big
# fan of her podcast" or "I'm hoping to ask" does not. Any all-capitals word (SRE, PM) counts.
_ROLE_WORDS = set(
    """engineer developer dev designer manager scientist analyst researcher student founder
    cofounder co-founder lead architect consultant recruiter director officer intern writer editor
    teacher professor lecturer nurse doctor physician lawyer accountant marketer specialist
    administrator admin owner partner advisor adviser coach head president chief executive
    strategist economist journalist programmer technician tester contractor freelancer
    entrepreneur investor associate assistant coordinator representative operator maintainer
    contributor candidate postdoc trainee apprentice senior junior principal staff
    vp svp evp cto ceo cfo coo cmo cpo ciso member leader scholar professional practitioner
    hire grad""".split()
)
_NOT_A_ROLE = set(
    """fan admirer follower listener reader subscriber viewer big huge bit little fellow alum
    alumnus alumna alumni hoping looking trying keen interested curious reaching writing going
    planning wondering excited happy glad sure not just really very so still thinking
    new""".split()
)
_PRONOUNS = {"her", "him", "them", "his", "their", "she", "he", "they", "you", "your"}
# A role said as what one does: "I'm working on payments at Stripe", "I work on payments".
_DOING = set(
    "working building leading running studying teaching researching managing developing "
    "designing".split()
)
_GERUNDS = dict(
    pair.split(":")
    for pair in "work:working lead:leading run:running manage:managing build:building "
    "teach:teaching study:studying research:researching".split()
)
_NEEDS_PLACE = {"work", "study", "teach", "research"}  # "I work on/at ...", not "I work hard"
_LEAD_IN = re.compile(r"(?<![\w'\u2019])(?i:i['\u2019]?m|i am|my name is|my name['\u2019]s)\s+")
_GREETING_NAME = re.compile(
    rf"^\s*(?:(?i:hi|hello|hey)[,!]?\s+)?(?:(?i:this is)\s+{_NAME}\b|{_NAME} here\b)"
)
_AS_ROLE = re.compile(r"(?<![\w'\u2019])(?i:as)\s+(?=(?i:an?|the)\s)")
_I_VERB = re.compile(
    r"(?<![\w'\u2019])(?i:i)\s+(?:(?i:currently|also|now)\s+)?"
    r"(work|lead|run|manage|build|teach|study|research)\s+([^.;!?\n]{2,100})"
)
# After "I'm Sam": what introduces a role ("I'm Sam, an SRE", "I'm Sam (SRE at X)").
_NAME_THEN_ROLE = re.compile(r"\s*[,(:\u2014!-]\s*|\s+and I(?:['\u2019]m| am)\s+")
# Where a self-description ends: a sentence, a parenthesis, or a new clause.
_HEAD_END = re.compile(
    r"[.;!?\n()\u2014]| - |, (?!Inc\b|Ltd\b|LLC\b)|\s(?:and|but|who|where|which|because|so)\s"
)
_MAX_HEAD_WORDS = 10
_HEAD_SCAN = 200


class Sender(BaseModel):
    """What the request says about the user: their name, their role, and the spans that said it
    (to keep them out of the context)."""

    name: str = ""
    headline: str = ""
    spans: list[str] = Field(default_factory=list)


def _head(text: str) -> str:
    """The phrase up to the end of its clause (a role is a few words: the search stops early)."""
    text = text[:_HEAD_SCAN]
    end = _HEAD_END.search(text)
    return _rstrip_separators(text[: end.start()] if end else text).strip()


def _as_role(phrase: str) -> str:
    """The phrase as a headline ('an SRE at Fintrail' -> 'SRE at Fintrail'), or '' when it does
    not read as a role ('a big fan of her work', 'hoping to ask her')."""
    words = phrase.split()
    while words and words[0].lower() in ("currently", "now", "also", "a", "an", "the"):
        words = words[1:]
    while words and words[-1].lower() in ("too", "also", "now", "currently"):
        words = words[:-1]
    if not words or len(words) > _MAX_HEAD_WORDS:
        return ""
    low = [w.lower() for w in words]
    if any(w in _NOT_A_ROLE for w in low[:3]) or any(w in _PRONOUNS for w in low):
        return ""
    role_like = (
        low[0] in _DOING
        or low[-1] in _ROLE_WORDS
        or any(
            w.lower() in _ROLE_WORDS or (w.isupper() and w.isalpha() and len(w) > 1)
            for w in words[:4]
        )
    )
    return " ".join(words) if role_like else ""


def _looks_like_name(name: str, after: str) -> bool:
    """A capitalised run after "I'm" is a name unless it reads as a role ("I'm Head of Data",
    "I'm SRE at ...") or a possessive ("I'm Dana's colleague")."""
    first = name.split()[0]
    if not all(ch.isalpha() or ch in "-'\u2019" for ch in name.replace(" ", "")):
        return False  # an emoji or a quotation mark is no name
    if first.lower() in _ROLE_WORDS or first.lower() in _NOT_A_ROLE:
        return False
    if first.isupper() and len(first) > 1:
        return False
    if re.match(r"\s+(?:of|at|with|for|in|on)\b", after):
        return False
    return "'" not in name and "\u2019" not in name


def _after_name(text: str, at: int) -> tuple[str, int]:
    """(the role said right after the user's name, where the self-description ends): "Sam, an
    SRE at Fintrail", "Sam (SRE at Fintrail)", "Sam and I'm an SRE"; "Sam from Fintrail" ends
    after its place, which is not taken as a role."""
    sep = _NAME_THEN_ROLE.match(text, at)
    if sep:
        phrase = _head(text[sep.end() :])
        role = _as_role(phrase)
        if role:
            return role, sep.end() + len(phrase)
    place = re.match(r"\s+(?i:from)\s+", text[at:])
    if place:
        return "", at + place.end() + len(_head(text[at + place.end() :]))
    return "", at


def read_sender(text: str) -> Sender:
    """The user's own name and role when the request gives them ("I'm Sam, an SRE at Fintrail",
    "my name is Sam", "as a data engineer at Globex", "I work on payments at Stripe"), copied
    from the text, never invented; `spans` are the words that said so."""
    name = headline = ""
    spans: list[str] = []
    for lead in _LEAD_IN.finditer(text):
        m = re.match(_NAME, text[lead.end() :])
        if m and _looks_like_name(m.group(1), text[lead.end() + m.end() :]):
            said_name = _name(m)
            role, end = _after_name(text, lead.end() + m.end())
        else:
            phrase = _head(text[lead.end() :])
            said_name, role, end = "", _as_role(phrase), lead.end() + len(phrase)
        if said_name or role:
            name, headline = name or said_name, headline or role
            spans.append(text[lead.start() : end])
    g = _GREETING_NAME.match(text)
    said = (g.group(1) or g.group(2)) if g else ""
    if said and _looks_like_name(said, "") and len(said) <= MAX_NAME_CHARS:
        role, _end = _after_name(text, g.end())
        name, headline = name or said, headline or role
    if not headline:
        for m in _I_VERB.finditer(text):
            verb, phrase = m.group(1).lower(), _head(m.group(2))
            words = phrase.lower().split()
            if not words or len(words) > _MAX_HEAD_WORDS or _PRONOUNS & set(words):
                continue
            as_role = re.match(r"(?i:at|for|with)\s+(.+?)\s+(?i:as)\s+(.+)$", phrase)
            if as_role and _as_role(as_role.group(2)):
                headline = f"{_as_role(as_role.group(2))} at {as_role.group(1)}"
            elif words[0] == "as":
                headline = _as_role(phrase[3:])
            elif verb not in _NEEDS_PLACE or words[0] in ("on", "in", "at", "for", "with"):
                headline = f"{_GERUNDS[verb]} {phrase}"
            if headline:
                spans.append(text[m.start() : m.start(2) + len(phrase)])
                break
    if not headline:
        for m in _AS_ROLE.finditer(text):
            phrase = _head(text[m.end() :])
            headline = _as_role(phrase)
            if headline:
                spans.append(text[m.start() : m.end() + len(phrase)])
                break
    return Sender(name=name, headline=headline[:MAX_HEADLINE_CHARS], spans=spans)


def _name(match: re.Match | None) -> str:
    """The name a pattern found; a run of words too long to be a name is no name."""
    name = match.group(1) if match else ""
    return name if len(name) <= MAX_NAME_CHARS else ""


def _is_separator(char: str) -> bool:
    return char.isspace() or char in ",;."


def _rstrip_separators(text: str) -> str:
    end = len(text)
    while end and _is_separator(text[end - 1]):
        end -= 1
    return text[:end]


def _without_tail(context: str) -> str:
    """The context without trailing separators or dangling 'and', 'but', 'I' or 'I'm'. Scanned by
    hand: the regular expression it replaces backtracked in cubic time, over a minute of CPU
    for a 4,000-character run of spaces and commas."""
    kept = _rstrip_separators(context)
    cut = True
    while cut:
        cut = False
        for word in ("and", "but", "I", "I'm", "I\u2019m"):
            before = len(kept) - len(word)
            if kept.endswith(word) and (before == 0 or _is_separator(kept[before - 1])):
                kept, cut = _rstrip_separators(kept[:before]), True
    return kept


def extract_by_rules(text: str) -> Extracted:
    """A deterministic reading of the request: fewer fields, never an invented one."""
    if _RECEIVED.search(text):
        # Their note's "I'm ..." is about them: the user's own words are not read here.
        m = _FROM.search(text)
        quoted = re.search(r"[\"\u201c](.+?)[\"\u201d]", text, re.DOTALL)
        mutual = re.search(r"(\d+)\s+(?:mutual|shared|connections? in common)", text)
        return Extracted(
            mode="reply",
            requester_name=_name(m),
            note=quoted.group(1) if quoted else "",
            mutual=int(mutual.group(1)) if mutual else None,
            source="rules",
        )
    m = _TO.search(text)
    name = _name(m)
    rest = text[m.end() :] if m else text
    headline = ""
    h = _HEADLINE.search(rest)
    if h and h.group(1).split()[0].casefold() in _CLAUSE_STARTS:
        h = None  # "Priya Nair, we met at PyCon": a clause about them, not their headline
    if m and h:
        # "Lee Chen, a fellow alum, and would like advice": the headline ends where a new
        # clause starts, which is read for the context and the ask.
        cut = _HEADLINE_END.search(h.group(1))
        end = h.start(1) + cut.start() if cut else h.end()
        headline, rest = _rstrip_separators(rest[h.start(1) : end]).strip(), rest[end:]
    ask = _ASK.search(rest)
    context = rest[: ask.start()] if ask else rest
    said = read_sender(text)
    # The user's words about themselves are who they are, not why this person.
    for span in said.spans:
        context = context.replace(span, " ")
    context = _without_tail(re.sub(r"^[\s,;.:)-]*(?:and\s+)?", "", context))
    return Extracted(
        mode="invite",
        recipient_name=name,
        recipient_headline=headline,
        relationship=checked_relationship("stranger", text),
        context=context[:2_000].strip(),
        ask=ask.group(1).strip() if ask else "",
        sender_name=said.name if said.name != name else "",
        sender_headline=said.headline,
        source="rules",
    )
