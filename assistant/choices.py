"""The closed sets of choices, as `Literal` types and the tuples front doors offer. Kept free of
pydantic so the CLI can build its options without importing it (`draft lint` starts fast)."""

from __future__ import annotations

from typing import Literal, get_args

Relationship = Literal["met", "colleague", "referral", "stranger", "alumni", "other"]
# A pitch is "ignore": no reply is needed, and the optional one is a short no-thanks.
Situation = Literal["letdown", "how-met", "how-can-i-help", "accept", "follow", "ignore"]
Tone = Literal["warm", "formal", "concise"]
Account = Literal["premium", "free"]

# Every list a front door offers is one of these, never a copy.
RELATIONSHIPS: tuple[str, ...] = get_args(Relationship)
SITUATIONS: tuple[str, ...] = get_args(Situation)
TONES: tuple[str, ...] = get_args(Tone)
ACCOUNTS: tuple[str, ...] = get_args(Account)
