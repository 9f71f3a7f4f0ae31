"""Cleaning: a free-text field as one line of plain text, and the names a note greets."""

from __future__ import annotations

import re
import unicodedata

# Names longer than this are shortened to their first word in greetings and sign-offs.
_MAX_NAME = 40

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


def clean_text(text: str) -> str:
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


def fragment(text: str) -> str:
    """A cleaned field ready to sit inside a sentence: no trailing full stop or ellipsis."""
    return clean_text(text).rstrip(" .;:,!…-–—").strip()


LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_TITLES = {"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame", "rev", "herr", "frau"}
_NAME_BREAK = re.compile(r"\s*[|,(•·/]\s*|\s+[-–—]\s+")


def _name_core(name: str) -> str:
    """The name without decorations people add to the field ('Jordan Lee | Hiring')."""
    name = clean_text(name)
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
    if not LATIN.search(core) and len(core) <= _MAX_NAME:
        return core  # family-name-first scripts: the whole name is the safe choice
    return words[0].strip(".,;:")


def full_name(name: str) -> str:
    """The name for formal greetings and introductions; long ones fall back to the first."""
    core = _name_core(name)
    return core if len(core) <= _MAX_NAME else first_name(name)
