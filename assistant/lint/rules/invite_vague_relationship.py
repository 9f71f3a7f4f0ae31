"""invite.vague-relationship: the note says how the two know each other only in the prompt's
general words ("We met at an event.", "We studied at the same school.", "Someone referred me
to you.") instead of where, which school or who. A small model copies the relationship line it
was given; the guidance wants the specific reason this person, or nothing."""

import re
from collections.abc import Iterable
from functools import cache

from assistant.lint.model import Context, Hit, Rule

# The relationships whose line stands in for a specific the note should name: which event,
# which school, who referred. "We worked together" needs nothing more: a colleague knows.
_STANDS_IN = {"met", "alumni", "referral"}
# The prompt speaks of the recipient in the third person; the note speaks to them.
_TO_READER = {"them": "(?:them|you)", "they": "(?:they|you)", "their": "(?:their|your)"}


@cache
def _said_generally(line: str) -> re.Pattern[str] | None:
    """The relationship line as a clause that ends there: nothing specific follows it."""
    words = re.findall(r"[\w']+", line.split(":")[0])
    if len(words) < 3:  # "none yet": nothing a note would say
        return None
    body = r"\s+".join(_TO_READER.get(w.lower(), re.escape(w)) for w in words)
    return re.compile(rf"\b{body}(?=\s*(?:[.!;,]|$|\s(?:and|but|so)\b))", re.IGNORECASE)


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None or ctx.draft.relationship not in _STANDS_IN:
        return
    pattern = _said_generally(ctx.draft.relationship_line)
    if pattern is not None:
        for m in pattern.finditer(ctx.text):
            yield Hit(m.start(), m.end())


_MET = {"relationship": "met", "relationship_line": "we met at an event"}
_ALUMNI = {"relationship": "alumni", "relationship_line": "we studied at the same school"}
_REFERRAL = {"relationship": "referral", "relationship_line": "someone referred me to them"}

RULE = Rule(
    id="invite.vague-relationship",
    severity="error",
    kinds=frozenset({"invite"}),
    needs_draft=True,
    description="Draft gate: the note says how you know them only in general words.",
    explain="for a `met`, `alumni` or `referral` relationship, the note repeats the prompt's relationship line (`relationship_line`, e.g. \"we met at an event\") as a clause with nothing specific after it: which event, which school, who referred you is missing.",
    message="this says how you know them only in general words",
    suggestion="name the event, the school or the person who referred you, or leave the line out",
    check=check,
    fails=[
        {"text": "Hi Noor, I'm Elif. We met at an event. I'd like to connect.", "draft": _MET},
        {
            "text": "Hi Lucía, I'm Hugo, a copywriter. We studied at the same school. I'd like "
            "to stay in touch.",
            "draft": _ALUMNI,
        },
        {
            "text": "Hi Farah, I'm Colin. Someone referred me to you, and I'd like to ask about "
            "building an SRE team.",
            "draft": _REFERRAL,
        },
    ],
    passes=[
        {
            "text": "Hi Noor, I'm Elif. We met at an event in Berlin last week. I'd like to "
            "connect.",
            "draft": _MET,
        },
        {
            "text": "Hi Lucía, I'm Hugo. We both went to the Lycée Français de Madrid. I'd like "
            "to stay in touch.",
            "draft": _ALUMNI,
        },
        {
            "text": "Hi Farah, I'm Colin. Dana Kim said you'd be the right person to ask about "
            "building an SRE team.",
            "draft": _REFERRAL,
        },
        {
            "text": "Hi Noor, I'm Elif. It's been a while since we worked together.",
            "draft": {"relationship": "colleague", "relationship_line": "we worked together"},
        },
        # Without draft data (text pasted into `draft lint`) the rule is silent.
        {"text": "Hi Noor, I'm Elif. We met at an event. I'd like to connect."},
    ],
)
