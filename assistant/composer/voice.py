"""Point of view: third person about the recipient becomes second person ("saw her talk" ->
"saw your talk", "she writes" -> "you write"), leaving a named referrer's pronoun alone."""

from __future__ import annotations

import re

from assistant.composer.clean import first_name, full_name
from assistant.composer.words import FIRST_PERSON, NOT_A_NAME

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


def second_person(text: str, recipient: str = "", *, protect_named_subject: bool = False) -> str:
    """Rewrite third-person references to the recipient as 'you'/'your'.

    With protect_named_subject (referrals), 'she/he/they' after a capitalised name in the same
    clause is left alone: in "Priya said she worked with him" the pronoun is the referrer. Right
    after a verb of saying it is the recipient ("Tiago mentioned he might be open to roles" ->
    "… you might be …") unless the clause names someone else or the referrer's own act ("Dana
    said she'd introduce us").
    """
    for name in {full_name(recipient), first_name(recipient)} - {""}:
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
            if protect_named_subject and named and not _reported_recipient(tokens, words, n):
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
        elif tok[:1].isupper() and low not in (FIRST_PERSON if n else NOT_A_NAME):
            named = True  # a capitalised word: a name, usually the referrer's
    return "".join(out)


# Verbs that report what the referrer said or thinks; the pronoun after them is often the
# recipient's ("Diego said she is the person to ask").
_SAY = set(
    "said says mentioned mentions thinks thought told tells believes felt feels knows".split()
)
# In the reported clause, these make the referrer its subject: someone else is its object, or
# the act is the referrer's ("she'd introduce us", "she worked with him").
_REFERRER_CLUES = set(
    "me us him her them my our his their introduce intro introduced connect email emailed "
    "forward forwarded ping cc".split()
)


def _reported_recipient(tokens: list[str], words: list[int], n: int) -> bool:
    """True when the pronoun at word n follows a verb of saying and its clause has no clue
    that it is the referrer's."""
    prev = [tokens[words[k]].lower() for k in range(max(n - 2, 0), n)]
    after_say = bool(prev) and prev[-1] in _SAY
    if not after_say and not (len(prev) == 2 and prev[0] in _SAY and prev[1] == "that"):
        return False
    for k in range(n + 1, len(words)):
        i = words[k]
        if re.search(r"[.;!?]", tokens[i - 1]):
            break
        if tokens[i].lower() in _REFERRER_CLUES:
            return False
    return True
