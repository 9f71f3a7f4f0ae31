"""What became of the invitations the user sent: accepted or pending, acceptance rates by note
and lint verdict, the stale ones to withdraw by hand, the follow-ups due, and whether a person
is already a connection before a new invitation is drafted. Read from the data export's
Invitations.csv, Connections.csv and messages.csv (`assistant.triage.export`'s readers)."""

from assistant.outcomes.report import (
    COLUMNS,
    DEFAULT_MIN_AGE_DAYS,
    WITHDRAW_URL,
    NoteCheck,
    Outcomes,
    SentInvitation,
    SentReport,
    sent_outcomes,
)
from assistant.outcomes.stats import Rate, wilson

__all__ = [
    "COLUMNS",
    "DEFAULT_MIN_AGE_DAYS",
    "WITHDRAW_URL",
    "NoteCheck",
    "Outcomes",
    "Rate",
    "SentInvitation",
    "SentReport",
    "sent_outcomes",
    "wilson",
]
