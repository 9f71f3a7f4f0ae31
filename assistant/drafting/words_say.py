"""What a request's words say, and nothing more: the relationship (only what the words claim,
never a meeting or a colleague invented) and the user's own words about themselves ("I'm Sam,
an SRE at Fintrail"), for the rule-based reading and the check of a model's answer."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from assistant.choices import Relationship

MAX_NAME_CHARS = 200
MAX_HEADLINE_CHARS = 300

NAME = (
    r"((?:[A-Z\u00c0-\u024f][\w'\u2019-]+|[^\x00-\u024f\s,;.]+)"
    r"(?: [A-Z\u00c0-\u024f][\w'\u2019-]+){0,3})"
)


def name_in(match: re.Match | None) -> str:
    """The name a pattern found; a run of words too long to be a name is no name."""
    name = match.group(1) if match else ""
    return name if len(name) <= MAX_NAME_CHARS else ""


def is_separator(char: str) -> bool:
    return char.isspace() or char in ",;."


def rstrip_separators(text: str) -> str:
    end = len(text)
    while end and is_separator(text[end - 1]):
        end -= 1
    return text[:end]


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
CLAUSE_BACK = 40


def relationships_in_words(text: str) -> list[str]:
    """The relationships the request gives evidence for, strongest claim first."""
    found = []
    for relationship, pattern in _EVIDENCE.items():
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - CLAUSE_BACK) : m.start()]
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
ROLE_WORDS = set(
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
# "I'm on the data team at Acme", "I'm part of the platform group": a team is a role too.
_TEAM_WORDS = {"team", "group", "squad", "org", "lab", "crew", "department"}
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
    rf"^\s*(?:(?i:hi|hello|hey)[,!]?\s+)?(?:(?i:this is)\s+{NAME}\b|{NAME} here\b)"
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
    return rstrip_separators(text[: end.start()] if end else text).strip()


def as_role(phrase: str) -> str:
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
    on_a_team = (low[0] in ("on", "in") or low[:2] == ["part", "of"]) and _TEAM_WORDS & set(low)
    role_like = (
        on_a_team
        or low[0] in _DOING
        or low[-1] in ROLE_WORDS
        or any(
            w.lower() in ROLE_WORDS or (w.isupper() and w.isalpha() and len(w) > 1)
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
    if first.lower() in ROLE_WORDS or first.lower() in _NOT_A_ROLE:
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
        role = as_role(phrase)
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
        m = re.match(NAME, text[lead.end() :])
        if m and _looks_like_name(m.group(1), text[lead.end() + m.end() :]):
            said_name = name_in(m)
            role, end = _after_name(text, lead.end() + m.end())
        else:
            phrase = _head(text[lead.end() :])
            said_name, role, end = "", as_role(phrase), lead.end() + len(phrase)
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
            at_as = re.match(r"(?i:at|for|with)\s+(.+?)\s+(?i:as)\s+(.+)$", phrase)
            if at_as and as_role(at_as.group(2)):
                headline = f"{as_role(at_as.group(2))} at {at_as.group(1)}"
            elif words[0] == "as":
                headline = as_role(phrase[3:])
            elif verb not in _NEEDS_PLACE or words[0] in ("on", "in", "at", "for", "with"):
                headline = f"{_GERUNDS[verb]} {phrase}"
            if headline:
                spans.append(text[m.start() : m.start(2) + len(phrase)])
                break
    if not headline:
        for m in _AS_ROLE.finditer(text):
            phrase = _head(text[m.end() :])
            headline = as_role(phrase)
            if headline:
                spans.append(text[m.start() : m.end() + len(phrase)])
                break
    return Sender(name=name, headline=headline[:MAX_HEADLINE_CHARS], spans=spans)
