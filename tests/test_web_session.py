"""The web chat's session controller without Gradio: each action on a Session, as plain data.
The composer backend; fast."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.web.session import (
    AUTO,
    FIELDS,
    FROM_FIELDS,
    MAX_MESSAGE_CHARS,
    Controller,
    Session,
    Update,
    WebError,
)

REQUEST = (
    "I want to connect with Jordan Lee, VP Data at Globex; I saw her DataConf talk on "
    "streaming and would like 15 minutes of advice"
)
INVITE = dict.fromkeys(FIELDS["invite"], "")
REPLY = {"name": "", "note": "", "mutual": None, "situation": AUTO, "known": False, "context": ""}


@pytest.fixture
def ctl(cordial_home) -> Controller:
    return Controller({"backend": "composer"})


def last(updates) -> Update:
    return list(updates)[-1]


def texts(chat: list[dict]) -> list[str]:
    return [m["content"] for m in chat]


def test_the_controller_does_not_import_gradio():
    code = "import sys, assistant.web.session; print('gradio' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_request_in_plain_words_fills_the_fields_and_drafts(ctl):
    state = Session()
    updates = list(ctl.turn(state, "invite", REQUEST, 1, INVITE, []))
    first, done = updates[0], updates[-1]
    assert first.clear_message and texts(first.chat) == [REQUEST]
    assert done.fields["name"] == "Jordan Lee" and done.fields["ask"] == "15 minutes of advice"
    assert done.draft.text and "Jordan" in done.draft.text
    assert done.draft.limit == 300 and done.draft.variants == []
    assert texts(done.chat) == [REQUEST, done.draft.text] and done.status == ""
    assert [label for label, _ in done.history] and len(state.ids) == 1
    assert state.request["invite"]["recipient"]["name"] == "Jordan Lee"
    assert state.draft["invite"]["text"] == done.draft.text


def test_a_follow_up_refines_the_current_draft(ctl):
    state = Session()
    first = last(ctl.turn(state, "invite", REQUEST, 1, INVITE, []))
    refined = last(ctl.turn(state, "invite", "shorter", 1, INVITE, first.chat))
    assert 0 < len(refined.draft.text) < len(first.draft.text)
    assert "composer" in refined.draft.notice and len(refined.history) == 2
    assert refined.fields is None  # a refinement leaves the fields as they are


def test_a_received_note_in_the_invitation_tab_is_sent_to_the_reply_tab(ctl):
    state = Session()
    note = 'I got a request from Chris Park: "Hi, let\'s connect!"'
    done = last(ctl.turn(state, "invite", note, 1, INVITE, []))
    assert "Answer a request" in done.chat[-1]["content"] and done.draft is None
    assert state.draft == {} and state.ids == []


def test_the_users_self_description_is_remembered_for_the_session(ctl):
    state = Session()
    said = f"{REQUEST}. I'm Sam, an SRE at Fintrail."
    updates = list(ctl.turn(state, "invite", said, 1, INVITE, []))
    assert updates[-1].profile == ("Sam", "SRE at Fintrail")
    assert "I read you as Sam" in texts(updates[-1].chat)[1]
    assert state.sender == ("Sam", "SRE at Fintrail")
    again = last(ctl.from_fields(state, "invite", 1, {**INVITE, "name": "Priya Nair"}, []))
    assert "Sam" in again.draft.text and again.profile is None


def test_a_reply_gets_the_suggestion_and_a_chosen_situation_wins(ctl):
    note = 'I got a request from Chris Park: "Hi, let\'s connect!" and we have 3 mutual connections'
    done = last(ctl.turn(Session(), "reply", note, 1, REPLY, []))
    assert done.fields["name"] == "Chris Park" and done.fields["situation"] == "letdown"
    assert done.suggestion.startswith("Suggested: letdown")
    chosen = last(ctl.turn(Session(), "reply", note, 1, {**REPLY, "situation": "accept"}, []))
    assert chosen.fields["situation"] == "accept" and chosen.suggestion is None


def test_drafting_from_the_fields_suggests_when_asked_to(ctl):
    values = {**REPLY, "name": "Ana Silva", "note": "I love your posts on streaming!"}
    done = last(ctl.from_fields(Session(), "reply", 1, values, []))
    assert done.fields == {"situation": "follow"} and "love your posts" in done.suggestion
    assert texts(done.chat)[0] == FROM_FIELDS and done.draft.text


def test_variants_are_offered_and_a_pick_is_checked(ctl):
    state = Session()
    done = last(ctl.turn(state, "invite", REQUEST, 3, INVITE, []))
    assert len(done.draft.variants) >= 2
    picked = ctl.pick_variant(state, "invite", 1)
    assert picked.draft.text == done.draft.variants[1] == state.draft["invite"]["text"]
    assert picked.draft.notice is None and picked.draft.variants is None
    assert ctl.pick_variant(state, "invite", 99) == Update()


def test_new_clears_the_mode(ctl):
    state = Session()
    last(ctl.turn(state, "invite", REQUEST, 1, INVITE, []))
    assert ctl.new(state, "invite") == Update("invite", chat=[], cleared=True)
    assert "invite" not in state.draft and "invite" not in state.request


def test_a_saved_draft_reopens_in_its_mode(ctl):
    state = Session()
    first = last(ctl.turn(state, "invite", REQUEST, 1, INVITE, []))
    row_id = first.history[0][1]
    out = ctl.reopen(Session(), row_id)
    assert out.kind == "invite" and out.tab == "invite"
    assert out.draft.text == first.draft.text and out.fields["name"] == "Jordan Lee"
    assert ctl.reopen(Session(), None) == Update() == ctl.reopen(Session(), 10_000)


def test_errors_the_user_can_fix_are_web_errors(ctl):
    with pytest.raises(WebError, match="Write who you want to contact"):
        list(ctl.turn(Session(), "invite", "   ", 1, INVITE, []))
    with pytest.raises(WebError, match="the limit is 4,000") as info:
        list(ctl.turn(Session(), "invite", "x" * (MAX_MESSAGE_CHARS + 1), 1, INVITE, []))
    assert info.value.title == "Too long"
    with pytest.raises(WebError, match="The context is 2,001 characters"):
        list(ctl.from_fields(Session(), "invite", 1, {**INVITE, "context": "x" * 2_001}, []))
    with pytest.raises(WebError, match="Pick a request"):
        ctl.open_from_inbox(Session(), 0)
    with pytest.raises(WebError, match="Upload your data export"):
        ctl.run_inbox(Session(), None, True)


def test_the_inbox_keeps_typed_results_and_opens_one_in_the_reply_chat(ctl, tmp_path):
    from sample_export import make_export_zip

    state = Session()
    shown = ctl.run_inbox(state, str(make_export_zip(tmp_path)), True)
    assert "4 incoming requests" in shown.summary and len(shown.rows) == 4
    assert all(isinstance(t.assessment.reasons, list) for t in state.inbox)
    assert Path(shown.csv).read_text(encoding="utf-8").startswith("row,from,")
    ana = next(i for label, i in shown.choices if "Ana Souza" in label)
    opened = ctl.open_from_inbox(state, ana)
    assert opened.tab == "reply" and opened.cleared
    assert opened.fields["name"] == "Ana Souza" and opened.fields["situation"] == "how-met"
    assert opened.draft.text.startswith("Hi Ana") and opened.suggestion.startswith("Inbox:")
    assert state.request["reply"]["situation"] == "how-met"
    # The opened request is the reply chat's: a follow-up refines its draft.
    refined = last(ctl.turn(state, "reply", "shorter", 1, REPLY, opened.chat))
    assert 0 < len(refined.draft.text) <= len(opened.draft.text)


def test_an_inbox_draft_opens_as_it_was_made(ctl, tmp_path):
    """Issue 19: the chat rebuilt an inbox draft from its text, re-linted it and labelled it
    the composer's even when the model wrote it. The triaged row keeps its Draft; opened, it is
    shown as it is: the model's text, its backend and path, its findings."""
    from sample_export import make_export_zip

    from assistant.drafting.result import Draft

    state = Session()
    ctl.run_inbox(state, str(make_export_zip(tmp_path)), True)
    ana = next(i for i, t in enumerate(state.inbox) if t.invitation.sender == "Ana Souza")
    assert state.inbox[ana].draft.path == "composer"  # the batch's own Draft, kept whole
    finding = {
        "rule": "style.shouting",
        "severity": "warning",
        "message": "shouts",
        "start": 0,
        "end": 2,
        "suggestion": None,
        "reason": None,
    }
    by_model = Draft(
        text="Hi Ana, where did we meet?",
        chars=26,
        limit=1900,
        kind="reply",
        situation="how-met",
        findings=[finding],
        backend="local",
        model="qwen",
        path="model-retry",
    )
    state.inbox[ana] = replace(state.inbox[ana], draft=by_model)
    opened = ctl.open_from_inbox(state, ana)
    assert opened.draft.text == by_model.text and opened.draft.findings == [finding]
    assert "composer" not in (opened.draft.notice or "")
    kept = state.draft["reply"]
    assert (kept["backend"], kept["model"], kept["path"]) == ("local", "qwen", "model-retry")
    assert state.inbox[ana].row()["draft_by"] == "local"


def test_a_reason_holding_semicolons_is_one_line_of_the_suggestion(ctl, tmp_path):
    note = "We met at DataConf; you gave the streaming talk; great chat!"
    export = tmp_path / "Invitations.csv"
    export.write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        f'Ana Souza,Sam Rivera,"1/29/26, 2:37 PM","{note}",INCOMING,,\n',
        encoding="utf-8",
    )
    state = Session()
    ctl.run_inbox(state, str(export), False)
    reasons = state.inbox[0].assessment.reasons
    bullets = ctl.open_from_inbox(state, 0).suggestion.splitlines()[1:]
    assert bullets == [f"• {r}" for r in reasons] and any(note in b for b in bullets)


def test_updates_merge_on_top():
    a = Update("reply", fields={"name": "Ana"}, suggestion="s", cleared=True)
    b = Update("reply", fields={"situation": "follow"}, status="")
    assert a.merged(b) == Update(
        "reply",
        fields={"name": "Ana", "situation": "follow"},
        suggestion="s",
        cleared=True,
        status="",
    )


def test_the_session_copies_its_own_state_and_shares_the_inbox():
    import copy

    state = Session()
    state.ids.append(1)
    state.inbox = ["triaged"]
    twin = copy.deepcopy(state)
    twin.ids.append(2)
    assert state.ids == [1] and twin.inbox is state.inbox


def test_the_inbox_table_shows_each_reason_after_a_bullet(ctl, tmp_path):
    from sample_export import make_export_zip

    state = Session()
    rows = ctl.run_inbox(state, str(make_export_zip(tmp_path)), False).rows
    for row, t in zip(rows, state.inbox, strict=True):
        assert row[4] == " ".join(f"• {r}" for r in t.assessment.reasons)


def test_the_sent_view_shows_outcomes_stale_invitations_and_follow_ups(ctl, tmp_path):
    """Issue 21: the Inbox's Sent view, from the fixture export; the chart's bars are the
    table's rows."""
    from outcomes_fixture import truth, write
    from test_outcomes import expected

    from assistant.outcomes import WITHDRAW_URL
    from assistant.web.session import WITHDRAW_URL as shown_url

    t = truth()
    e = expected(t)
    state = Session()
    shown = ctl.run_sent(state, str(write("2026", tmp_path, t)), 21)
    assert f"{e['accepted']} accepted" in shown.summary
    table = {row[0]: (row[1], row[2]) for row in shown.table}
    assert table["with a note"] == e["groups"]["with"]
    assert table["without a note"] == e["groups"]["without"]
    for group, count in (("with a note", "with"), ("note clean", "clean")):
        sent, accepted = e["groups"][count]
        assert f'data-group="{group}" data-sent="{sent}" data-accepted="{accepted}"' in shown.chart
    assert [row[0] for row in shown.stale] == e["stale"]
    assert len(shown.follow_ups) == len(state.follow_ups) == len(e["follow_ups"])
    assert "not causal" in shown.notes
    assert shown_url == WITHDRAW_URL
    with pytest.raises(WebError, match="Upload your data export"):
        ctl.run_sent(state, None, 21)
    broken = tmp_path / "Invitations.csv"
    broken.write_text("From;To;Sent At;Message;Direction\n", encoding="utf-8")
    with pytest.raises(WebError, match="separated by ';'"):
        ctl.run_sent(state, str(broken), 21)


FOLLOWUP = dict.fromkeys(FIELDS["followup"], "")
ACCEPTED_NOTE = (
    "Hi Tomás, I'm Rosa, a product designer at Northwind. Your article on accessible colour "
    "palettes changed how our team picks colours. Could I ask how you test contrast?"
)


def test_a_pasted_note_drafts_a_followup_and_reopens_in_its_tab(ctl):
    state = Session()
    done = last(ctl.turn(state, "followup", ACCEPTED_NOTE, 1, FOLLOWUP, []))
    assert done.fields["name"] == "Tomás" and done.fields["note"] == ACCEPTED_NOTE
    assert done.draft.text.startswith("Hi Tomás") and "test contrast?" in done.draft.text
    assert "Northwind" not in done.draft.text and done.draft.chars <= 300
    out = ctl.reopen(Session(), done.history[0][1])
    assert out.kind == out.tab == "followup" and out.draft.text == done.draft.text
    assert "follow-up to Tomás" in done.history[0][0]


def test_a_followup_from_the_fields_takes_the_ask_given_there(ctl):
    values = {
        **FOLLOWUP,
        "name": "Ana Costa",
        "note": "Hi Ana, let's connect!",
        "ask": "review my CV",
    }
    done = last(ctl.from_fields(Session(), "followup", 2, values, []))
    assert "review my CV" in done.draft.text and len(done.draft.variants) == 2
    # A note with no ask, and none in the panel: the user is told what to fill in.
    with pytest.raises(WebError, match="What to ask"):
        list(ctl.from_fields(Session(), "followup", 1, {**values, "ask": ""}, []))


def test_follow_up_from_the_sent_view_opens_the_follow_up_tab_with_a_draft(ctl, tmp_path):
    from outcomes_fixture import NOTES, truth, write

    state = Session()
    ctl.run_sent(state, str(write("2026", tmp_path, truth())), 21)
    index = next(i for i, s in enumerate(state.follow_ups) if s.note == NOTES[5])
    item = state.follow_ups[index]
    updates = list(ctl.open_follow_up(state, index))
    assert updates[0].tab == "followup" and updates[0].fields["name"] == item.to
    done = updates[-1]
    assert done.kind == "followup" and done.draft is not None
    assert "interviews" in done.draft.text and done.draft.chars <= 300
    with pytest.raises(WebError, match="Pick someone"):
        list(ctl.open_follow_up(Session(), 0))


def test_the_chat_says_when_the_export_knows_the_person(cordial_home, tmp_path):
    """Issue 21: with an export set, an invitation's draft is followed by what the export
    says of the person (already a connection since ...); the draft is made all the same."""
    from outcomes_fixture import truth, write

    t = truth()
    connected = next(s for s in t.sent if s.connected_at and s.connected_at >= s.sent_at)
    ctl = Controller({"backend": "composer", "export": str(write("2026", tmp_path, t))})
    request = f"I want to connect with {connected.name}; I saw the DataConf talk"
    done = last(ctl.turn(Session(), "invite", request, 1, INVITE, []))
    assert done.draft.text
    assert any("is already a connection since" in m for m in texts(done.chat))


def test_the_export_uploaded_in_the_inbox_is_checked_before_an_invitation(ctl, tmp_path):
    from outcomes_fixture import truth, write

    t = truth()
    pending = next(s for s in t.sent if s.connected_at is None and s.note)
    state = Session()
    request = f"I want to connect with {pending.name}; I saw the DataConf talk"
    before = last(ctl.turn(state, "invite", request, 1, INVITE, []))
    assert not any("You invited" in m for m in texts(before.chat))
    ctl.run_sent(state, str(write("2026", tmp_path, t)), 21)
    ctl.new(state, "invite")
    done = last(ctl.turn(state, "invite", request, 1, INVITE, []))
    assert done.draft.text
    assert any(f"You invited {pending.name} on" in m for m in texts(done.chat))
