"""The one list of rules. A new rule module goes here; a meta-test checks none is missing."""

from __future__ import annotations

from assistant.lint.model import Rule
from assistant.lint.rules import (
    draft_adds_email,
    draft_adds_link,
    draft_adds_phone,
    draft_leaks_prompt,
    draft_not_prose,
    draft_other_language,
    draft_unfinished,
    grounding_unsupported,
    invite_flattery,
    invite_missing_ask,
    invite_missing_who,
    invite_missing_why,
    invite_mutual_count_reason,
    invite_reversed_ask,
    invite_sales_pitch,
    invite_third_person,
    invite_vague_purpose,
    invite_vague_relationship,
    length_no_room,
    length_over_limit,
    note_assistant_order,
    note_blank,
    note_default_text,
    reply_accept_place_missing,
    reply_echoes_note,
    reply_follow_missing,
    reply_harsh,
    reply_help_missing,
    reply_how_met_missing,
    reply_invented_meeting,
    reply_mentions_instructions,
    reply_no_opening,
    reply_note_words,
    reply_promises_meeting,
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
        note_assistant_order,
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
        # -- The draft gate: checks of a model's draft against its request and prompt. They
        # run only when lint() is given draft data (Rule.needs_draft), in the order the gate
        # reports them.
        draft_adds_email,
        draft_adds_link,
        draft_adds_phone,
        draft_not_prose,
        draft_leaks_prompt,
        reply_echoes_note,
        reply_note_words,
        invite_third_person,
        invite_reversed_ask,
        invite_vague_relationship,
        draft_other_language,
        reply_promises_meeting,
        reply_mentions_instructions,
        reply_follow_missing,
        reply_help_missing,
        reply_how_met_missing,
        reply_accept_place_missing,
        draft_unfinished,
        # -- end of the draft gate
    )
)
RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
