"""One reply chooser: with no situation given, the library and the CLI answer in the situation
the triage decision picks for the note, and say which and why."""

from __future__ import annotations

import json

import pytest

from assistant import api
from assistant.settings import Settings

COMPOSER = Settings(backend="composer")
NOTES = {
    "We help manufacturers streamline operations. Free audit this week?": "letdown",
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


def test_a_pitch_is_offered_the_short_letdown_and_told_it_may_be_ignored():
    note = next(iter(NOTES))
    draft = api.draft_reply("Chris Park", note=note, settings=COMPOSER, save=False)
    assert any("pitch" in r for r in draft.situation_reasons)
    assert "or simply ignore it" in draft.situation_reasons


def test_a_situation_the_user_gives_is_kept_without_reasons():
    note = next(iter(NOTES))
    draft = api.draft_reply(
        "Chris Park", note=note, situation="how-met", settings=COMPOSER, save=False
    )
    assert draft.situation == "how-met" and draft.situation_reasons == []


def test_library_and_web_suggestion_agree():
    """The web chat's suggestion and the library's choice are the same decision."""
    from assistant.triage import suggest_situation

    for note in NOTES:
        draft = api.draft_reply("Chris Park", note=note, settings=COMPOSER, save=False)
        assert draft.situation == suggest_situation(note).situation


def test_the_cli_reports_the_situation_and_why():
    from tests.test_cli import run

    note = "We met at the Berlin Data Summit last week, great chat about lakehouses!"
    done = run("reply", "--from", "Chris Park", "--note", note, "--json", "--backend", "composer")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["situation"] == "how-met" and data["situation_reasons"]
    human = run("reply", "--from", "Chris Park", "--note", note, "--backend", "composer")
    assert "situation: how-met (they say you met" in human.stderr
