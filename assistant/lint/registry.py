"""The one list of rules. A new rule module goes here; a meta-test checks none is missing."""

from __future__ import annotations

from assistant.lint.model import Rule
from assistant.lint.rules import (
    grounding_unsupported,
    invite_flattery,
    invite_missing_ask,
    invite_missing_who,
    invite_missing_why,
    invite_mutual_count_reason,
    invite_sales_pitch,
    invite_vague_purpose,
    length_no_room,
    length_over_limit,
    note_blank,
    note_default_text,
    reply_harsh,
    reply_invented_meeting,
    reply_no_opening,
    style_apology_opener,
    style_personal_data_ask,
    style_placeholder,
    style_shouting,
)

RULES: tuple[Rule, ...] = tuple(
    module.RULE
    for module in (
        length_over_limit,
        length_no_room,
        note_blank,
        note_default_text,
        invite_missing_who,
        invite_missing_why,
        invite_missing_ask,
        invite_flattery,
        invite_sales_pitch,
        invite_vague_purpose,
        invite_mutual_count_reason,
        style_placeholder,
        style_shouting,
        style_apology_opener,
        style_personal_data_ask,
        reply_no_opening,
        reply_harsh,
        reply_invented_meeting,
        grounding_unsupported,
    )
)
RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
