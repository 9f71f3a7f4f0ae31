"""draft.other-language: a draft must be in the user's language. When the user writes English
(their own fields; no fields counts as English) and the draft does not, a headline or note
switched it. A user who writes in another language is not second-guessed."""

from collections.abc import Iterable

from assistant.lint.language import looks_english
from assistant.lint.model import Context, Hit, Rule


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None:
        return
    if looks_english(ctx.draft.user_text.lower()) and not looks_english(ctx.text.lower()):
        yield Hit(0, len(ctx.text))


RULE = Rule(
    id="draft.other-language",
    severity="error",
    kinds=frozenset({"invite", "reply", "followup"}),
    needs_draft=True,
    description="Draft gate: the user writes English (or gave no fields) and the draft does not.",
    explain="the user's own fields (`user_text`) read as English, or are empty, and the draft does not.",
    message="this is not in the user's language",
    suggestion="write in the language of the user's own fields",
    check=check,
    fails=[
        {
            "text": "Bonjour Julien, merci pour la demande. Je ne crois pas que nous nous "
            "connaissions.",
            "kind": "reply",
            "draft": {"user_text": "Sam Ortiz. Data engineer at Acme, I build pipelines"},
        },
        {
            "text": "Bonjour Julien, j'ai beaucoup aimé votre présentation sur le streaming. "
            "Auriez-vous quinze minutes pour un conseil ?",
            "draft": {},
        },
        {
            "text": "Hallo Ana, vielen Dank für die Anfrage. Ich glaube nicht, dass wir uns "
            "schon kennen.",
            "kind": "reply",
            "draft": {"user_text": "I am a data engineer and I work on the streaming team"},
        },
    ],
    passes=[
        {
            "text": "Hi Julien, thanks for the request. I don't believe we've met; how can I help?",
            "kind": "reply",
            "draft": {"user_text": "Sam Ortiz. Data engineer at Acme"},
        },
        {
            "text": "Hallo Jordan, wir haben uns in Berlin getroffen. Hätten Sie Zeit für ein "
            "Gespräch?",
            "draft": {
                "user_text": "Wir haben uns auf der Konferenz in Berlin getroffen und über Daten "
                "gesprochen."
            },
        },
        {
            "text": "Bonjour Julien, merci pour la demande. Je ne crois pas que nous nous "
            "connaissions.",
            "kind": "reply",
        },
    ],
)
