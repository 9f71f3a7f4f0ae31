"""The web chat through its API (gradio_client), on loopback, with the composer backend."""

from __future__ import annotations

import pytest

pytest.importorskip("gradio")
pytest.importorskip("gradio_client")

from assistant import api  # noqa: E402
from assistant.api import sender_for  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.web import page as app  # noqa: E402
from assistant.web import view  # noqa: E402
from assistant.web.profile import save_profile  # noqa: E402
from assistant.web.session import model_notices  # noqa: E402

REQUEST = (
    "I want to connect with Jordan Lee, VP Data at Globex; I saw her DataConf talk on "
    "streaming and would like 15 minutes of advice"
)


@pytest.fixture
def client(cordial_home):
    """The app launched in this process, and a client with its own session."""
    from gradio_client import Client

    demo, url = app.launch_in_background({"backend": "composer"})
    try:
        yield Client(url, verbose=False)
    finally:
        demo.close()


def call(client, api_name: str, *args) -> dict:
    """Call an endpoint; the outputs by label (first of each label: the active mode's come first
    for invitations, so reply calls ask for the labels only the reply tab has)."""
    returns = client.view_api(print_info=False, return_format="dict")["named_endpoints"][api_name]
    out = client.predict(*args, api_name=api_name)
    labelled: dict = {}
    for spec, value in zip(returns["returns"], out, strict=True):
        labelled.setdefault(spec["label"], []).append(value)
    return labelled


# Components shared by every chat tab come once per tab, in the tabs' order.
REPLY_TAB = list(app.HINTS).index("reply")


def chat_text(messages: list) -> list[str]:
    """The text of each chat message, whatever shape the client returns."""
    texts = []
    for m in messages:
        content = m["content"]
        if isinstance(content, list):
            content = "".join(part.get("text", "") for part in content)
        texts.append(content)
    return texts


def test_plain_request_gives_fields_draft_and_counter_then_shorter(client):
    out = call(client, "/chat_invite", REQUEST, 1, "", "", "", "", "stranger", [])
    assert out["Who"][0] == "Jordan Lee"
    assert out["Their headline"][0] == "VP Data at Globex"
    assert "DataConf" in out["Why them (shared context)"][0]
    assert out["What you would like"][0] == "15 minutes of advice"
    draft = out["Draft"][0]
    assert "Jordan" in draft and "DataConf" in draft
    counter = out["Characters"][0]
    assert f"{len(draft)} / 300" in counter
    assert "invite.missing-who" in out["Findings"][0]  # no profile saved: says who is missing
    assert chat_text(out["Chat"][0])[-1] == draft
    history = out["Re-open a draft"][0]["choices"]
    assert len(history) == 1 and "Jordan Lee" in history[0][0]

    # Same client, same session: a follow-up refines the current draft.
    out2 = call(client, "/chat_invite", "shorter", 1, "", "", "", "", "stranger", out["Chat"][0])
    shorter = out2["Draft"][0]
    assert 0 < len(shorter) < len(draft)
    assert "composer" in out2["Notice"][0]["value"]
    assert len(out2["Re-open a draft"][0]["choices"]) == 2


def test_the_users_self_description_drafts_and_is_offered_to_save(client, cordial_home):
    request = (
        "I want to connect with Priya Nair, head of platform at Lumen Health. I heard her "
        "podcast episode on migrating to Kubernetes and want to ask how they handled on-call "
        "during the move. I'm Sam, an SRE at Fintrail."
    )
    out = call(client, "/chat_invite", request, 1, "", "", "", "", "stranger", [])
    assert out["Relationship"][0] == "stranger"
    said = chat_text(out["Chat"][0])
    assert "I read you as Sam, SRE at Fintrail" in said[1] and "Save profile" in said[1]
    assert (out["Your name"][0], out["Your headline"][0]) == ("Sam", "SRE at Fintrail")
    draft = out["Draft"][0]
    assert "Sam" in draft and "invite.missing-who" not in out["Findings"][0]
    # Drafting again from the fields keeps who the user said they are, for this session.
    again = call(
        client, "/draft_invite", 1, "Priya Nair", "", "her podcast", "", "stranger", out["Chat"][0]
    )
    assert "Sam" in again["Draft"][0]
    assert not (cordial_home / "cordial.toml").exists()  # saved only when they press Save


def test_a_saved_profile_wins_over_the_request():
    assert sender_for("Sam Ortiz", "", "Sam", "SRE at Fintrail") == (
        "Sam Ortiz",
        "SRE at Fintrail",
        "I read you as SRE at Fintrail and used it for this draft. To keep it for next time, "
        "open Settings below and press “Save profile” (it is filled in).",
    )
    assert sender_for("Sam Ortiz", "SRE", "Al", "PM") == ("Sam Ortiz", "SRE", "")


def test_variants_are_offered_to_pick(client):
    out = call(client, "/chat_invite", REQUEST, 3, "", "", "", "", "stranger", [])
    choices = out["Variants: pick one"][0]["choices"]
    assert len(choices) >= 2 and out["Variants: pick one"][0]["visible"] is True


def test_oversized_message_gets_a_clear_error(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=r"5,000 characters; the limit is 4,000"):
        client.predict("x" * 5_000, 1, "", "", "", "", "stranger", [], api_name="/chat_invite")
    with pytest.raises(AppError, match=r"Their note is 9,000 characters; the limit is 8,000"):
        client.predict(
            1, "Ana", "x" * 9_000, None, "letdown", False, "", [], api_name="/draft_reply"
        )
    with pytest.raises(AppError, match=r"The context is 2,001 characters; the limit is 2,000"):
        client.predict(1, "Ana", "", "x" * 2_001, "", "stranger", [], api_name="/draft_invite")


def test_empty_message_gets_a_clear_error(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="Write who you want to contact"):
        client.predict("   ", 1, "", "", "", "", "stranger", [], api_name="/chat_invite")


def test_answer_a_request_suggests_and_drafts(client):
    message = (
        'I got a request from Chris Park: "Hi, let\'s connect!" and we have 3 mutual connections'
    )
    out = call(client, "/chat_reply", message, 1, "", "", None, app.AUTO, False, "", [])
    assert out["From"][0] == "Chris Park"
    assert out["Their note"][0] == "Hi, let's connect!"
    assert out["Reply situation"][0] == "letdown"
    assert "Suggested: letdown" in out["Suggestion"][0]
    draft = out["Draft"][REPLY_TAB]
    assert draft and "Chris" in draft


def test_suggest_button_explains_and_user_can_override(client):
    out = call(client, "/suggest", "I love your posts on streaming!", 2, False)
    assert out["Reply situation"][0] == "follow"
    assert "love your posts" in out["Suggestion"][0]
    # Overriding: the chosen situation is used, not the suggestion.
    reply = call(
        client,
        "/draft_reply",
        1,
        "Ana Silva",
        "I love your posts on streaming!",
        2,
        "how-can-i-help",
        False,
        "",
        [],
    )
    assert reply["Reply situation"][0] != "follow"
    assert reply["Draft"][REPLY_TAB]


def test_untrusted_text_is_escaped_in_the_chat(client):
    note = '<img src=x onerror="alert(1)"><script>alert(2)</script> let\'s connect'
    out = call(client, "/chat_reply", note, 1, "", "", None, app.AUTO, False, "", [])
    first = chat_text(out["Chat"][REPLY_TAB])[0]
    assert "<script>" not in first and "<img" not in first
    assert "&lt;script&gt;" in first


def test_counter_turns_red_past_the_limit():
    assert "#c62828" in view.counter_html(301, 300) and "301 / 300" in view.counter_html(301, 300)
    assert "#c62828" not in view.counter_html(300, 300)


def test_highlights_mark_spans_but_not_whole_text_findings():
    text = "Hi!! I'm Sam."
    findings = [
        {"rule": "style.shouting", "start": 2, "end": 4},
        {"rule": "invite.missing-why", "start": 0, "end": len(text)},
    ]
    assert view.highlights(text, findings) == [
        ("Hi", None),
        ("!!", "style.shouting"),
        (" I'm Sam.", None),
    ]
    assert '— at "!!"' in view.findings_text(
        text, [{**findings[0], "severity": "warning", "message": "shouting"}]
    )


def test_profile_is_saved_keeping_other_settings(cordial_home):
    path = cordial_home / "cordial.toml"
    path.write_text(
        '# my settings\nbackend = "composer"\n\n[me]\nname = "Old"\n\n[lint]\nignore = ["style"]\n',
        encoding="utf-8",
    )
    save_profile(
        path, name='Sam "S" Ortiz', headline="Data\\engineer", about="line\ttab", account="free"
    )
    s = Settings()
    assert (s.me.name, s.me.headline, s.me.about) == (
        'Sam "S" Ortiz',
        "Data\\engineer",
        "line\ttab",
    )
    assert s.account == "free" and s.backend == "composer" and s.lint.ignore == ["style"]
    assert path.read_text(encoding="utf-8").startswith("# my settings")


def test_profile_refuses_to_overwrite_an_unreadable_file(cordial_home):
    from assistant.errors import InputError

    path = cordial_home / "cordial.toml"
    path.write_text("this is = = not toml", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read"):
        save_profile(path, name="A", headline="", about="", account="premium")
    assert path.read_text(encoding="utf-8") == "this is = = not toml"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("10.0.0.5", False),
    ],
)
def test_loopback_detection(host, loopback):
    from assistant.backends.chat_models import is_loopback_host

    assert is_loopback_host(host) is loopback


def test_analytics_are_off():
    import os

    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"


def test_a_saved_draft_reopens_into_its_mode(client):
    first = call(client, "/chat_invite", REQUEST, 1, "", "", "", "", "stranger", [])
    row_id = first["Re-open a draft"][0]["choices"][0][1]
    call(client, "/chat_invite", "shorter", 1, "", "", "", "", "stranger", first["Chat"][0])
    out = call(client, "/reopen", row_id)
    assert out["Draft"][0] == first["Draft"][0]
    assert out["Who"][0] == "Jordan Lee"
    assert f"{len(first['Draft'][0])} / 300" in out["Characters"][0]


def test_first_use_of_the_embedded_model_shows_progress(monkeypatch):
    import time

    from assistant.writers import LocalModel

    def slow_prepare(self, progress):
        for done in (0, 50, 100):
            progress(done, 100)
            time.sleep(0.4)

    monkeypatch.setattr(LocalModel, "prepare", slow_prepare)
    notices = list(model_notices(Settings(backend="local")))
    assert notices and all("Preparing the embedded model" in n for n in notices)
    assert any("%" in n for n in notices)
    assert list(model_notices(Settings(backend="composer"))) == []


def test_inbox_triages_an_export_and_opens_a_request_in_the_chat(client, tmp_path):
    from gradio_client import handle_file
    from sample_export import make_export_zip

    out = call(client, "/inbox", handle_file(str(make_export_zip(tmp_path))), True)
    summary = next(v[0] for v in out.values() if "incoming requests" in str(v[0]))
    assert "4 incoming requests" in summary
    table = next(v[0] for v in out.values() if isinstance(v[0], dict) and "headers" in v[0])
    rows = {r[1]: r for r in table["data"]}
    assert rows["Ana Souza"][2] == "ask-how-met" and rows["Ana Souza"][5].startswith("Hi Ana")
    assert rows["Bob Seller"][5] == "(no reply: ignore)"
    assert out["All requests as CSV"][0]  # a CSV to download

    pick = [i for i, label in enumerate(out["Request"][0]["choices"]) if "Ana Souza" in label[0]]
    opened = call(client, "/inbox_open", pick[0])
    assert opened["From"][0] == "Ana Souza"
    assert "great meeting you at DataConf" in opened["Their note"][0]
    assert opened["Reply situation"][0] == "how-met"
    draft = [d for d in opened["Draft"] if isinstance(d, str) and d][0]
    assert draft.startswith("Hi Ana") and "Inbox: ask-how-met" in opened["Suggestion"][0]

    # The request is now the reply chat's: a follow-up refines its draft.
    chat = [c for c in opened["Chat"] if isinstance(c, list) and c][0]
    fields = ["Ana Souza", opened["Their note"][0], None, "how-met", False, ""]
    refined = call(client, "/chat_reply", "shorter", 1, *fields, chat)
    shorter = [d for d in refined["Draft"] if isinstance(d, str) and d][-1]
    assert 0 < len(shorter) <= len(draft)


def test_inbox_refuses_a_file_that_is_not_an_export(client, tmp_path):
    from gradio_client import handle_file

    bad = tmp_path / "Invitations.csv"
    bad.write_text("name,email\nA,a@example.com\n", encoding="utf-8")
    with pytest.raises(Exception, match="no header row"):
        client.predict(handle_file(str(bad)), True, api_name="/inbox")


def test_the_model_loads_while_the_page_opens_on_the_shared_server(monkeypatch):
    """make run starts (or reuses) the warm model server at launch, not at the first message."""
    import threading

    from assistant.backends import shared_server
    from assistant.writers import LocalModel

    loaded = threading.Event()
    monkeypatch.setattr(shared_server, "_start_on_first_use", False)
    monkeypatch.setattr(LocalModel, "prepare", lambda self, progress=None: loaded.set())
    api.warm_up(Settings(backend="composer"))
    assert not loaded.wait(0.2) and not shared_server._start_on_first_use  # nothing to warm
    api.warm_up(Settings(backend="local"))
    assert loaded.wait(5) and shared_server._start_on_first_use


def test_a_reason_quoting_a_note_with_semicolons_stays_one_reason(client, tmp_path):
    """Triage results reach the page typed, not as CSV rows: a quoted note holding ';' is one
    reason in the suggestion box (it used to be split into several)."""
    from gradio_client import handle_file

    note = "We met at DataConf; you gave the streaming talk; great chat!"
    export = tmp_path / "Invitations.csv"
    export.write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        f'Ana Souza,Sam Rivera,"1/29/26, 2:37 PM","{note}",INCOMING,,\n',
        encoding="utf-8",
    )
    out = call(client, "/inbox", handle_file(str(export)), False)
    assert "1 incoming requests" in next(v[0] for v in out.values() if "incoming" in str(v[0]))
    opened = call(client, "/inbox_open", 0)
    bullets = [line for line in opened["Suggestion"][0].splitlines() if line.startswith("• ")]
    assert any(note in b for b in bullets), bullets
    from assistant.triage import assess

    assert len(bullets) == len(assess(note).reasons)


def test_the_followup_tab_drafts_from_a_pasted_note(client):
    note = "Hi Ana, I'm Sam from Acme. Would you be open to a short call about hiring juniors?"
    out = call(client, "/chat_followup", note, 1, "", "", "", "", [])
    tab = list(app.HINTS).index("followup")
    assert out["Who accepted"][0] == "Ana" and out["Your invitation note"][0] == note
    draft = out["Draft"][tab]
    assert draft.startswith("Hi Ana") and "short call about hiring juniors?" in draft
