"""The flows every front door shares, in the library (issue 14): a request from plain words
(`api.request_from_text`) and the reply request to an invitation from the export
(`api.reply_request_for`). The composer backend: fast, no model."""

from __future__ import annotations

import pytest

from assistant import api
from assistant.errors import InputError
from assistant.settings import Profile, Settings

REQUEST = (
    "I want to connect with Jordan Lee, VP Data at Globex; I saw her DataConf talk on "
    "streaming and would like 15 minutes of advice"
)
SELF = (
    "I want to connect with Priya Nair, head of platform at Lumen Health. I heard her "
    "podcast episode on migrating to Kubernetes and want to ask how they handled on-call "
    "during the move. I'm Sam, an SRE at Fintrail."
)
RECEIVED = 'I got a request from Chris Park: "Hi, let\'s connect!" and we have 3 mutual connections'


@pytest.fixture
def composer(cordial_home) -> Settings:
    return Settings(backend="composer")


def test_an_invitation_in_plain_words_becomes_its_request(composer):
    got = api.request_from_text(REQUEST, "invite", composer)
    r = got.request
    assert got.kind == "invite" and not got.redirect and got.suggestion is None
    assert (r.recipient.name, r.recipient.headline) == ("Jordan Lee", "VP Data at Globex")
    assert "DataConf" in r.context and r.ask == "15 minutes of advice"
    assert got.said == ("", "") and got.sender_notice == ""
    assert r.me.name == "" and r.account == composer.account


def test_a_received_request_asked_as_an_invitation_is_sent_to_the_reply_side(composer):
    got = api.request_from_text(RECEIVED, "invite", composer)
    assert got.request is None and got.redirect == api.USE_THE_REPLY_TAB
    assert "Answer a request" in got.redirect


def test_what_the_user_says_about_themselves_fills_an_empty_profile(composer):
    got = api.request_from_text(SELF, "invite", composer)
    assert got.said == ("Sam", "SRE at Fintrail")
    assert (got.request.me.name, got.request.me.headline) == ("Sam", "SRE at Fintrail")
    assert got.sender_notice.startswith("I read you as Sam, SRE at Fintrail")
    # Said earlier in the session: used again, and not announced again.
    later = api.request_from_text(REQUEST, "invite", composer, sender=got.said)
    assert later.request.me.name == "Sam" and later.sender_notice == ""
    assert later.said == ("", "")


def test_a_saved_profile_wins_over_what_the_text_says(cordial_home):
    cfg = Settings(backend="composer", me=Profile(name="Sam Ortiz", headline="SRE lead"))
    got = api.request_from_text(SELF, "invite", cfg)
    assert (got.request.me.name, got.request.me.headline) == ("Sam Ortiz", "SRE lead")
    assert got.sender_notice == ""


def test_a_received_request_in_plain_words_gets_a_suggested_situation(composer):
    got = api.request_from_text(RECEIVED, "reply", composer)
    r = got.request
    assert (r.requester.name, r.note, r.mutual) == ("Chris Park", "Hi, let's connect!", 3)
    assert got.suggestion.situation == "letdown" == r.situation
    assert any("never says who they are" in r for r in got.suggestion.reasons)


def test_a_chosen_situation_and_context_win(composer):
    got = api.request_from_text(
        RECEIVED, "reply", composer, situation="accept", known=True, context="Berlin meetup"
    )
    assert got.request.situation == "accept" and got.request.context == "Berlin meetup"
    assert got.request.known and got.suggestion is None  # the user decided: nothing to suggest


def test_a_pasted_note_alone_is_the_note(composer):
    note = "Love your newsletter on data platforms, every issue is gold."
    got = api.request_from_text(note, "reply", composer)
    assert got.request.note == note and got.request.requester.name == ""
    assert got.request.situation == "follow"


def test_an_unknown_kind_is_refused(composer):
    with pytest.raises(InputError, match="unknown kind"):
        api.request_from_text(REQUEST, "email", composer)


# -- the reply to an invitation from the export ---------------------------------------------------


@pytest.fixture
def triaged(tmp_path, composer) -> dict:
    from sample_export import make_export_zip

    path = make_export_zip(tmp_path)
    return {t.invitation.sender: t for t in api.triage(path, drafts=True, settings=composer)}


def test_a_triaged_invitation_gives_its_reply_request(triaged, composer):
    ana = api.reply_request_for(triaged["Ana Souza"], settings=composer)
    assert ana.requester.name == "Ana Souza" and ana.situation == "how-met"
    assert ana.note.startswith("Hi Sam, great meeting you at DataConf!")
    # Triage says to ignore a pitch; opened anyway, it is still a pitch (a short no-thanks).
    assert triaged["Bob Seller"].assessment.action == "ignore"
    assert api.reply_request_for(triaged["Bob Seller"], settings=composer).situation == "ignore"


def test_a_bare_invitation_leaves_the_situation_to_the_chooser(triaged, composer):
    inv = triaged["Ana Souza"].invitation
    assert api.reply_request_for(inv, settings=composer).situation is None
    assert api.reply_request_for(inv, settings=composer, situation="follow").situation == "follow"


def test_me_comes_from_the_profile_unless_given(triaged, cordial_home):
    from assistant import Person

    cfg = Settings(backend="composer", me=Profile(name="Sam Rivera"))
    assert api.reply_request_for(triaged["Ana Souza"], settings=cfg).me.name == "Sam Rivera"
    me = Person(name="Someone Else")
    assert api.reply_request_for(triaged["Ana Souza"], me, cfg).me == me


def test_the_batch_drafts_are_the_drafts_of_the_same_request(triaged, composer):
    """One builder: batch triage's draft is what drafting api.reply_request_for's request gives."""
    drafted = [t for t in triaged.values() if t.assessment.action != "ignore"]
    assert drafted
    for t in drafted:
        request = api.reply_request_for(t, settings=composer)
        assert api.draft_reply(request, settings=composer, save=False).text == t.draft.text


def test_long_names_and_notes_are_cut_to_what_a_request_holds():
    from assistant import Person
    from assistant.requests import MAX_NOTE_CHARS
    from assistant.settings import MAX_NAME_CHARS
    from assistant.triage import Invitation

    inv = Invitation("x" * 300, "Me", None, "y" * 9_000, "INCOMING")
    r = api.reply_request_for(inv, Person(name="Me"))
    assert len(r.requester.name) == MAX_NAME_CHARS and len(r.note) == MAX_NOTE_CHARS


# -- the choices front doors offer come from the types ---------------------------------------


def test_choices_are_the_literal_types():
    from typing import get_args

    from assistant import choices
    from assistant.lint.model import NOTE_LIMITS
    from assistant.lint.model import SITUATIONS as LINT_SITUATIONS
    from assistant.settings import ACCOUNTS, Account

    assert get_args(choices.Situation) == choices.SITUATIONS
    assert get_args(choices.Relationship) == choices.RELATIONSHIPS
    assert get_args(choices.Tone) == choices.TONES
    assert get_args(Account) == ACCOUNTS
    # The linter imports nothing else of Cordial, so it keeps its own copies: they must agree.
    assert LINT_SITUATIONS == choices.SITUATIONS
    assert set(NOTE_LIMITS) == set(ACCOUNTS)


def test_the_web_offers_the_types_choices_and_auto():
    pytest.importorskip("gradio")
    from assistant.web import page as app

    config = app.build_app({"backend": "composer"}).get_config_file()
    choices = [
        [c[0] for c in comp["props"].get("choices") or []]
        for comp in config["components"]
        if comp["props"].get("label") in ("Reply situation", "Relationship")
        or str(comp["props"].get("label", "")).startswith("Account")
    ]
    from assistant.choices import ACCOUNTS, RELATIONSHIPS, SITUATIONS

    assert sorted(map(tuple, choices)) == sorted([(app.AUTO, *SITUATIONS), RELATIONSHIPS, ACCOUNTS])
