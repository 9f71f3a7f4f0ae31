"""One decision per request: with no situation given, the api answers in the situation the
triage decision picks for the note (and whether the user knows the sender), decided once, and
says which and why."""

from __future__ import annotations

import json

import pytest

from assistant import api
from assistant.settings import Settings

COMPOSER = Settings(backend="composer")
NOTES = {
    "We help manufacturers streamline operations. Free audit this week?": "ignore",
    "We met at the Berlin Data Summit last week, great chat about lakehouses!": "how-met",
    "Love your newsletter on data platforms, every issue is gold.": "follow",
    "Hi Sam, I'm applying for the SRE role on your team. Could I ask how on-call works?": (
        "how-can-i-help"
    ),
}


@pytest.mark.parametrize(("note", "situation"), NOTES.items())
def test_the_reply_fits_the_note(note, situation):
    draft = api.draft_reply("Chris Park", note=note, settings=COMPOSER, save=False)
    assert draft.situation == situation
    assert draft.situation_reasons, "the chosen situation comes with its reasons"
    assert draft.public()["situation"] == situation


def test_a_pitch_is_shown_as_one_and_its_optional_draft_leaves_no_opening():
    """Issue 19: a pitch was suggested as 'letdown' and drafted with the full opening ('you're
    welcome to write to me here'), which invites the seller to pitch again."""
    note = "We help fintech teams cut cloud costs by 40% - open to a quick call this week?"
    draft = api.draft_reply("Chris Park", note=note, settings=COMPOSER, save=False)
    assert draft.situation == "ignore"
    assert any("pitch" in r for r in draft.situation_reasons)
    assert any(r.startswith("no reply is needed") for r in draft.situation_reasons)
    assert "write" not in draft.text and "call" not in draft.text, draft.text


def test_known_is_part_of_the_decision_wherever_it_is_made():
    """`known` travels on the request: a claimed meeting from someone the user knows is
    accepted, by the library's draft as by the plain-words front door (it was lost before)."""
    note = "We met at the Berlin Data Summit last week, great chat about lakehouses!"
    draft = api.draft_reply("Chris Park", note=note, known=True, settings=COMPOSER, save=False)
    assert draft.situation == "accept"
    got = api.request_from_text(note, "reply", COMPOSER, known=True)
    assert got.request.situation == "accept" and got.request.known


def test_a_request_is_decided_once(monkeypatch):
    """The situation chosen for a plain-words request travels with it: drafting, revising and
    checking it never ask the triage decision again."""
    from assistant.triage import suggest

    got = api.request_from_text(next(iter(NOTES)), "reply", COMPOSER)
    monkeypatch.setattr(suggest, "assess", lambda *a, **k: pytest.fail("decided again"))
    api.draft_reply(got.request, settings=COMPOSER, save=False)
    api.revise_draft(got.request, "Thanks, but I'll pass.", "shorter", COMPOSER, save=False)
    api.check_draft(got.request, "Thanks, but I'll pass.", COMPOSER)


def test_a_situation_the_user_gives_is_kept_without_reasons():
    note = next(iter(NOTES))
    draft = api.draft_reply(
        "Chris Park", note=note, situation="how-met", settings=COMPOSER, save=False
    )
    assert draft.situation == "how-met" and draft.situation_reasons == []


def test_the_cli_reports_the_situation_and_why():
    from tests.test_cli import run

    note = "We met at the Berlin Data Summit last week, great chat about lakehouses!"
    done = run("reply", "--from", "Chris Park", "--note", note, "--json", "--backend", "composer")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["situation"] == "how-met" and data["situation_reasons"]
    human = run("reply", "--from", "Chris Park", "--note", note, "--backend", "composer")
    assert "situation: how-met (they say you met" in human.stderr
