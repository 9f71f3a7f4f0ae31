"""The composer: a deterministic drafter that writes a grounded note from the request's fields.

It is the fallback when a model fails and the engine behind `--backend composer`. No model, no
randomness: the same request and `variant` always give the same text.

How a draft is made:

1. Every free-text field is cleaned (odd white space, control characters, links and template
   placeholders removed: `clean`) and user fragments are turned into the sender's point of
   view ("saw her DataConf talk" -> "I saw your DataConf talk": `voice`).
2. The note is assembled from sentences (greeting, who, why, ask for invitations: `invite`;
   the situation's sentences for replies: `reply`). Each sentence comes from a phrase table in
   `phrases/*.yaml` keyed by relationship or situation and tone; `variant` picks the row, so
   variants differ but never vary at random. `fragments` decides how a user fragment joins a
   template.
3. Plans run from the most complete note to the shortest (`fit`): drop the sender's headline,
   cut user fragments at a word boundary (preferring a clause boundary, never leaving a
   dangling "of"/"the"), fall back to default phrasing, drop optional clauses; the greeting's
   name and the reason are kept longest. Each group of plans is tried against 90% of the
   limit, then the limit itself; tiny fixed notes are the last resort.

Only words from the request fields, plus common template words, appear in the text, so the
result passes the linter's grounding check with `facts_for_invitation` / `facts_for_reply`
(`facts`). Known exception: an invitation without a usable reason (no context, or an alumni
note whose context names only the school) still gets written and may carry
`invite.missing-why`.

A follow-up (`followup`) thanks someone who accepted the user's invitation and makes the one
ask: the user's, else the one their note promised (`promised`, read back from the note).

A reply is written in the situation its request carries: `assistant.api` decides it once (the
user's choice, else the triage decision's); the composer never chooses one.
"""

from assistant.composer.clean import first_name
from assistant.composer.facts import facts_for_followup, facts_for_invitation, facts_for_reply
from assistant.composer.followup import compose_followup, followup_ask
from assistant.composer.invite import compose_invitation
from assistant.composer.promised import greeted_name, promised_ask
from assistant.composer.reply import compose_reply

__all__ = [
    "compose_followup",
    "compose_invitation",
    "compose_reply",
    "facts_for_followup",
    "facts_for_invitation",
    "facts_for_reply",
    "first_name",
    "followup_ask",
    "greeted_name",
    "promised_ask",
]
