"""followup.invented-meeting: a follow-up may recall a meeting only when the user's own text
(their invitation note, their ask, their profile) speaks of one. The claims are
reply.invented-meeting's."""

import re
from collections.abc import Iterable

from assistant.lint.checks import FLAGS
from assistant.lint.model import Context, Hit, Rule
from assistant.lint.rules.reply_invented_meeting import claims

# The user's text speaks of a meeting: "We met at PyCon", "we talked about on-call".
_USER_SAYS_WE_MET = re.compile(
    r"\b(?:met|meet|meeting|spoke|chatted|talked|worked (?:together|with)|catch(?:ing)? up"
    r"|our (?:chat|call|conversation|coffee))\b",
    FLAGS,
)


def check(ctx: Context) -> Iterable[Hit]:
    if ctx.draft is None or _USER_SAYS_WE_MET.search(ctx.draft.supplied):
        return
    yield from claims(ctx)


_NOTE = "Hi Jordan, I loved your DataConf talk. Could I ask for 15 minutes of advice?"


def _followup(text: str, supplied: str = _NOTE) -> dict:
    return {"text": text, "kind": "followup", "draft": {"supplied": supplied}}


RULE = Rule(
    id="followup.invented-meeting",
    severity="error",
    kinds=frozenset({"followup"}),
    needs_draft=True,
    description="Draft gate: a follow-up claims a meeting the user's own text never mentions.",
    explain='a follow-up claims a meeting, a chat or a call ("great meeting you", "thanks for the chat", "as discussed") while the user\'s own text (`supplied`: their invitation note, ask and profile) speaks of none.',
    message="this claims a meeting your note does not mention",
    suggestion="thank them for connecting; recall a meeting only when there was one",
    check=check,
    fails=[
        _followup("Hi Jordan, thanks for the great chat last week! Could I ask for 15 minutes?"),
        _followup("Hi Jordan, it was great meeting you at DataConf. Could I ask for advice?"),
        _followup("Hi Jordan, as discussed, I would value 15 minutes of your advice."),
    ],
    passes=[
        _followup("Hi Jordan, thanks for connecting! Could I ask for 15 minutes of advice?"),
        _followup(
            "Hi Ines, thanks for connecting! It was great meeting you at the Lisbon SRE meetup.",
            supplied="Hi Ines, we met at the Lisbon SRE meetup. Let's stay in touch.",
        ),
        _followup("Hi Jordan, I don't think we've met in person yet. Could I ask for advice?"),
        {"text": "Hi Jordan, great meeting you at DataConf!", "kind": "followup"},
    ],
)
