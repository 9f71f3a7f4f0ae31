"""Invitations: greeting, who the sender is, why this person, and the ask, each from the
request's fields in the words of phrases/invite.yaml; plans run from the richest note to the
shortest (assistant/composer/fit.py picks the first that fits)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant import lint
from assistant.composer.clean import clean_text, first_name, fragment, full_name
from assistant.composer.fit import (
    Part,
    Plan,
    Sentence,
    choose,
    fixed_sentence,
    from_template,
    lowered,
    pick,
    sentence_of,
)
from assistant.composer.fragments import (
    about_line,
    cap,
    first_word,
    form_of,
    headline_of,
    is_clause,
    lower_first_any,
    pieces,
    place_phrase,
    tidy_fragment,
    unshout,
    with_article,
)
from assistant.composer.phrases import invite_phrases
from assistant.composer.voice import second_person
from assistant.composer.words import (
    ADVICE,
    BASE_VERBS,
    COUNTABLE,
    DETERMINERS,
    EVENT_NOUNS,
    FIRST_PERSON,
    NOT_A_NAME,
    POSTING_NOUNS,
    QUESTION_STARTS,
    RECIPROCAL,
    SECOND_PERSON,
    VERBS,
)
from assistant.requests import InviteRequest

_P = invite_phrases()
# An ask cut shorter than this loses its point ("Would you be open?"): the default ask is better.
_ASK_KEEP = 32


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
    headline = headline_of(req.me.headline)
    from_about = False
    if not headline:
        headline = about_line(req.me.about)
        from_about = form_of(headline) == "sentence"
    recipient = req.recipient.name
    protect = req.relationship == "referral"
    context = unshout(fragment(req.context))
    context = second_person(context, recipient, protect_named_subject=protect)
    return _InviteFields(
        first=first_name(recipient),
        full=full_name(recipient),
        me_name=full_name(req.me.name),
        me_first=first_name(req.me.name),
        headline=headline,
        headline_is_sentence=from_about,
        context=tidy_fragment(context),
        ask=ask_fragment(req.ask, recipient),
    )


def ask_fragment(ask: str, recipient: str) -> str:
    """The user's ask as a fragment in the sender's voice ("ask her about X" -> "ask you about
    X"), calm and tidy; a question keeps its "?"."""
    ask = second_person(unshout(clean_text(ask)).rstrip(" .;:,!…"), recipient)
    question = ask.endswith("?")
    ask = tidy_fragment(ask.rstrip("?"))
    return ask + "?" if ask and question else ask


def _who_levels(f: _InviteFields, tone: str, v: int) -> list[tuple[Sentence | None, bool]]:
    """(who sentence, may cut) from richest to none: name and headline, name, nothing."""
    name = f.me_name if tone == "formal" else (f.me_name or f.me_first)
    headline = f.headline
    levels: list[tuple[Sentence | None, bool]] = []
    if name and headline:
        h = headline if f.headline_is_sentence else with_article(headline)
        if f.headline_is_sentence:
            text = pick(_P.who_name[tone], v)[:-1].format(n=name) + ". " + cap(h) + "."
        else:
            text = pick(_P.who_name_headline[tone], v).format(n=name, h=h)
        levels.append((fixed_sentence(text), False))
    if name:
        # This variant's wording first, then the tone's others: a shorter one may leave room
        # for the user's ask.
        wordings = _P.who_name[tone]
        for n in range(v, v + len(wordings)):
            sentence = fixed_sentence(pick(wordings, n).format(n=name))
            if (sentence, False) not in levels:
                levels += [(sentence, False), (sentence, True)]
    elif headline:
        if f.headline_is_sentence:
            sentence = sentence_of("", cap(headline), ".", rank=2)
        else:
            sentence = from_template(pick(_P.who_headline[tone], v), with_article(headline), rank=2)
        levels += [(sentence, False), (sentence, True)]
    levels += [(None, False), (None, True)]
    return levels


_SAY_VERBS = set("said says thinks thought told mentioned knows knew works".split())

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
    if not word or any(c.isdigit() for c in word) or word.lower() in NOT_A_NAME:
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


def _referral_sentence(template: str, who: str, glue: str = "", rest: str = "") -> Sentence:
    before, _, after = template.partition("{x}")
    return sentence_of(cap(before.replace("{n}", who)) + glue, rest, after)


def _referral(ctx: str, tone: str, v: int) -> list[Sentence]:
    """'Priya Shah suggested I reach out about …' from whatever shape the context has."""
    template = pick(_P.referral[tone], v)
    unnamed = _referral_sentence(template, _P.referrer_unnamed)
    form = form_of(ctx)
    if not ctx:
        return [unnamed]
    if form == "sentence" or (_REFERRAL_VERB.search(ctx) and form == "noun"):
        return [sentence_of("", cap(ctx), "."), unnamed]
    if form == "verb":
        return [sentence_of("I ", ctx, "."), unnamed]
    ctx = _LEAD_IN.sub("", ctx)
    name, rest = _leading_name(ctx)
    who = name
    if not name:
        who, rest = _P.referrer_unnamed, ctx
    elif rest.lstrip()[:1] in (",", "("):
        rest = rest.lstrip()
        inner, _, after = rest[1:].partition(")" if rest[0] == "(" else ",")
        if inner.strip() and len(inner) <= 60:  # "Priya Shah, my old manager, suggested …"
            who, rest = f"{name}, {inner.strip()},", after
    rest = rest.strip(" ,;:-–—()")
    word = first_word(rest)
    if name and rest[:1].islower() and (word in VERBS or word in _SAY_VERBS or word.endswith("ed")):
        # "Priya said she worked with him" -> "Priya said she worked with you, and suggested …"
        tail = pick(_P.referral_tail[tone], v)
        return [from_template("{x}" + tail, ctx), _referral_sentence(template, name)]
    if name and who == name and word in DETERMINERS and len(rest) <= 60:
        who, rest = f"{name}, {rest},", ""  # "Priya Shah my former manager": an apposition
    if not rest:
        glue = ""
    elif first_word(rest) in _RESTS_AS_CLAUSE:
        glue = " "
    elif form_of(rest) in ("sentence", "verb"):
        glue = ": "
    else:
        glue = " about "
    full = _referral_sentence(template, who, glue, rest)
    short = _referral_sentence(template, name or _P.referrer_unnamed)
    return [full, short] if full != short else [full]


_TEAM_WORDS = set("team squad project group department migration launch rewrite crew".split())


def _colleague_place(ctx: str, form: str) -> str:
    stripped = re.sub(r"^(?:we )?worked together\s+", "", ctx, flags=re.IGNORECASE)
    if stripped != ctx or form == "prep":
        return stripped
    first = first_word(ctx)
    if first in DETERMINERS:
        return "on " + ctx
    head = re.split(r"[,;(]", ctx, maxsplit=1)[0].lower().split()
    if set(head) & _TEAM_WORDS:  # "Acme billing team" -> "on the Acme billing team"
        return "on the " + ctx
    if ctx[:1].isdigit():
        return "in " + ctx
    return "at " + ctx


def _why_levels(f: _InviteFields, rel: str, tone: str, v: int) -> list[Sentence | None]:
    """Why this person, from the context in relationship-specific words; richest first. A
    context of several sentences ("met at Web Summit! loved your demo") gives its first in the
    relationship's words and the others as sentences of their own, dropped first."""
    first, *more = pieces(f.context) if f.context else [""]
    levels = _why_one(first, f, rel, tone, v)
    extra = [s for s in (_extra_sentence(p, rel) for p in more) if s is not None]
    if extra and levels[0] is not None:
        richer: Sentence = levels[0]
        for sentence in extra:
            richer = (*richer, Part(" "), *sentence)
        levels.insert(0, richer)
    return levels


def _extra_sentence(piece: str, rel: str) -> Sentence | None:
    """A further sentence of the context: 'loved your demo' -> 'I loved your demo.'"""
    form = form_of(piece)
    if form == "noun" and is_clause(piece):
        form = "sentence"
    if form == "sentence" and rel in _OBSERVED and first_word(piece) in (*SECOND_PERSON, "your"):
        return sentence_of("I see ", lower_first_any(piece), ".")
    if form == "sentence":
        return sentence_of("", cap(piece), ".")
    if form == "verb":
        return sentence_of("I ", piece, ".")
    return None


# Relationships where the context describes the recipient, told back as an observation.
_OBSERVED = ("stranger", "other", "alumni")


def _why_one(ctx: str, f: _InviteFields, rel: str, tone: str, v: int) -> list[Sentence | None]:
    """The why levels for one sentence of context."""
    form = form_of(ctx)
    levels: list[Sentence | None] = []
    if rel == "referral":
        return [*_referral(ctx, tone, v), None]
    if not ctx:
        by_rel = {"met": _P.met_none, "colleague": _P.colleague_none, "alumni": _P.alumni_none}
        none = by_rel.get(rel)
        return [fixed_sentence(pick(none[tone], v)), None] if none else [None]
    if form == "noun" and is_clause(ctx):
        form = "sentence"  # "your team at Lumen builds robots": a sentence about them
    if form == "sentence" and rel in _OBSERVED and first_word(ctx) in (*SECOND_PERSON, "your"):
        # "she writes a newsletter" -> "I see you write a newsletter": an observation, not a
        # statement of their own life back to them.
        levels.append(sentence_of("I see ", lower_first_any(ctx), "."))
    elif form == "sentence":
        levels.append(sentence_of("", cap(ctx), "."))
    elif form == "verb":
        word = first_word(ctx)
        reciprocal = rel in ("met", "colleague", "alumni") and word in RECIPROCAL
        subject = "We " if reciprocal and "with you" not in ctx.lower() else "I "
        if word == "both":
            subject = "We "
        levels.append(sentence_of(subject, ctx, "."))
    elif rel == "met":
        levels.append(from_template(pick(_P.met_place[tone], v), place_phrase(ctx, form)))
    elif rel == "colleague":
        levels.append(from_template(pick(_P.colleague_place[tone], v), _colleague_place(ctx, form)))
    elif rel == "alumni":
        ctx = _school(ctx)
        words = ctx.lower().split()
        if _COHORT.search(ctx):  # "MIT class of 2015" -> "We were both in the MIT class of 2015."
            noun = ctx if first_word(ctx) in DETERMINERS else "the " + ctx
            levels.append(from_template(pick(_P.alumni_cohort[tone], v), noun))
        elif words[0] == "your" or any(w.strip(",.") in EVENT_NOUNS | _WORK_WORDS for w in words):
            noun = ctx if first_word(ctx) in DETERMINERS else "your " + ctx
            levels.append(from_template(pick(_P.alumni_work[tone], v), noun))
        elif form == "prep":
            levels.append(from_template(pick(_P.alumni_school_prep[tone], v), ctx))
        else:
            levels.append(from_template(pick(_P.alumni_school[tone], v), ctx))
    elif form == "prep":
        levels.append(from_template(pick(_P.their_place[tone], v), ctx))
    else:
        noun = ctx if first_word(ctx) in DETERMINERS else "your " + ctx
        words = {w.strip(",.").lower() for w in ctx.split()}
        table = _P.their_posting if words & POSTING_NOUNS else _P.their_work
        levels.append(from_template(pick(table[tone], v), noun))
    fallback = {"met": _P.met_none, "colleague": _P.colleague_none}.get(rel)
    if fallback:
        levels.append(fixed_sentence(pick(fallback[tone], v)))
    return [*levels, None]


_SCHOOL_LEAD = re.compile(r"^(?:fellow|former|both)\s+", re.IGNORECASE)
_SCHOOL_TAIL = re.compile(
    r"\s+(?:alumni|alumnus|alumna|alumnae|graduates?|grads?|students?)$", re.IGNORECASE
)
_COHORT = re.compile(r"\b(?:class of|cohort|batch|intake|year group)\b", re.IGNORECASE)


def _school(ctx: str) -> str:
    """The school in an alumni context: 'fellow University of Lagos graduate' -> 'University
    of Lagos', so the template's own 'alumni' is not said twice."""
    while True:
        stripped = _SCHOOL_TAIL.sub("", _SCHOOL_LEAD.sub("", ctx)).strip()
        if stripped == ctx or not stripped:
            return ctx
        ctx = stripped


_WORK_WORDS = set(
    "post posts article paper book thesis newsletter blog essay project research podcast "
    "video series course library tool repo work".split()
)


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


def user_ask(ask: str, tone: str, v: int, recipient: str = "") -> Sentence:
    """The user's ask as a sentence: kept as written when it is one, else put in a frame (the
    ask_* tables). A follow-up makes its ask in the same words (composer/followup.py)."""
    question = ask.endswith("?")
    body = ask.rstrip(" ?.!;:,")
    word = first_word(body)
    if _indirect_question(body):  # "how they handled on-call": a question about the reader
        body = second_person(lower_first_any(body), recipient)
        return from_template(pick(_P.ask_indirect[tone], v), body, rank=1, keep=_ASK_KEEP)
    if question or word in QUESTION_STARTS:
        return sentence_of("", cap(body), "?", rank=1, keep=_ASK_KEEP)
    if word in FIRST_PERSON or word in SECOND_PERSON or word == "please":
        return sentence_of("", cap(body), ".", rank=1, keep=_ASK_KEEP)
    verb = first_word(body[3:]) if word == "to" else word
    if _their_act(verb, body):  # "review my CV" is theirs to do: "Could you review my CV?"
        body = body[3:] if word == "to" else lower_first_any(body)
        return from_template(pick(_P.ask_request[tone], v), body, rank=1, keep=_ASK_KEEP)
    if word == "to" or word in BASE_VERBS:
        body = body if word == "to" else "to " + lower_first_any(body)
        return from_template(pick(_P.ask_to[tone], v), body, rank=1, keep=_ASK_KEEP)
    if word in ADVICE:
        return from_template(
            pick(_P.ask_advice[tone], v), lower_first_any(body), rank=1, keep=_ASK_KEEP
        )
    if _advice_head(body):  # "a few tips on X": something they give, asked for as such
        return from_template(
            pick(_P.ask_give[tone], v), lower_first_any(body), rank=1, keep=_ASK_KEEP
        )
    if word in COUNTABLE:
        body = ("an " if body[0].lower() in "aeiou" else "a ") + lower_first_any(body)
    return from_template(pick(_P.ask_noun[tone], v), body, rank=1, keep=_ASK_KEEP)


# Verbs of an ask the recipient would carry out: "review my CV", "send me the slides".
_THEIR_VERBS = set("review send tell explain recommend refer forward advise mentor".split())
# These are the recipient's acts when the sender or the sender's things are their object:
# "introduce me to …", "share the deck with us", "help with my CV"; not "share ideas".
_THEIR_VERBS_FOR_ME = set("introduce help connect put point look".split())
_ME = re.compile(r"\b(?:me|us|my|our)\b", re.IGNORECASE)
# And these when the thing is the sender's or theirs: "share your slides", "show me the demo".
_THEIR_VERBS_FOR_YOURS = set("share show pass send".split())
_ME_OR_YOURS = re.compile(r"\b(?:me|us|my|our|your)\b", re.IGNORECASE)


def _their_act(verb: str, body: str) -> bool:
    if verb in _THEIR_VERBS:
        return True
    if verb in _THEIR_VERBS_FOR_YOURS:
        return _ME_OR_YOURS.search(body) is not None
    return verb in _THEIR_VERBS_FOR_ME and _ME.search(body) is not None


# Words that may come before the head noun of an ask: "a few quick tips on …".
_NOUN_LEAD = set("a an some any few couple of quick short brief little your".split())


def _advice_head(body: str) -> bool:
    """True when the ask is a noun phrase for something they would give: 'a few tips on X',
    'some quick feedback'."""
    for word in re.findall(r"[\w'’-]+", body.lower())[:5]:
        if word in ADVICE:
            return True
        if word not in _NOUN_LEAD and not word.isdigit():
            return False
    return False


def _ask_levels(f: _InviteFields, rel: str, tone: str, v: int) -> list[Sentence]:
    """The user's ask in this variant's frame, then in the tone's other frames (one may be
    shorter), then the stock ask for the relationship."""
    default = _P.default_ask.get(rel, _P.default_ask["other"])
    levels: list[Sentence] = []
    if f.ask.strip(" ?.!"):
        for n in range(v, v + _FRAMES):
            sentence = user_ask(f.ask, tone, n, f.full)
            if sentence not in levels:
                levels.append(sentence)
    return [*levels, fixed_sentence(pick(default[tone], v))]


_FRAMES = 2  # every ask frame list has at most this many wordings per tone


def _assemble(greeting: str, sentences: Sequence[Sentence | None]) -> list[Part]:
    parts: list[Part] = [Part(greeting)] if greeting else []
    for sentence in sentences:
        if sentence is None:
            continue
        if parts:
            if greeting.endswith(",") and len(parts) == 1:
                sentence = lowered(sentence)
            parts.append(Part(" "))
        parts.extend(sentence)
    return parts


def _invite_plans(f: _InviteFields, rel: str, tone: str, v: int) -> Iterator[Plan]:
    greet_named = pick(_P.greet[tone], v).format(n=f.full if tone == "formal" else f.first)
    greetings = [greet_named] if f.first else []
    greetings.append(pick(_P.greet_nameless[tone], v))
    whys = _why_levels(f, rel, tone, v)
    asks = _ask_levels(f, rel, tone, v)
    whos = _who_levels(f, tone, v)
    # The first sentence alternates with the variant: who first, or why first.
    why_first = v % 2 == 1
    # Priorities, most kept first: the greeting's name (short, and it shows the note is not
    # mass-sent), the reason, saying who the sender is, the user's own ask, room to spare
    # (choose() tries 90% of the limit before the limit within a tier), the sender's headline;
    # cutting a fragment comes before dropping it. The ask is in the tier so that the user's
    # ask at the limit beats the stock ask with room to spare (invite.ask-drifted).
    said = [w for w in whos if w[0] is not None]
    unsaid = [w for w in whos if w[0] is None]
    for why_level, why in enumerate(whys):
        for greet_level, greeting in enumerate(greetings):
            core = greet_level * len(whys) + why_level
            for group_level, group in enumerate((said, unsaid)):
                for ask_level, ask in enumerate(asks):
                    tier = (core * 2 + group_level) * len(asks) + ask_level
                    for who, allow_cut in group:
                        order = (why, who, ask) if why_first else (who, why, ask)
                        yield tier, _assemble(greeting, order), allow_cut


def compose_invitation(req: InviteRequest, *, variant: int = 0) -> str:
    """A grounded invitation note built from the request's fields, within its limit."""
    f = _invite_fields(req)
    limit = req.limit or lint.default_limit("invite", req.account)
    greeting = _P.fallback_greeting.format(n=f.first) if f.first else ""
    fallbacks = [cap(text.format(greeting=greeting)) for text in _P.fallbacks]
    return choose(_invite_plans(f, req.relationship, req.tone, variant), fallbacks, limit)
