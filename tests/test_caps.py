"""Size caps on every entry point (library, CLI, web, CSV import), enforced before any model
call, each with a message that says what is too long and by how much."""

from __future__ import annotations

import io

import pytest

from assistant import api
from assistant.errors import InputError
from assistant.settings import Settings
from assistant.writers import ChatWriter

NOTE_CAP, FIELD_CAP, REQUEST_CAP = 8_000, 2_000, 4_000


@pytest.fixture
def no_model(monkeypatch):
    """A model backend that fails the test if anything reaches it."""

    def touched(self):
        raise AssertionError("a model was called for an input over the cap")

    monkeypatch.setattr(ChatWriter, "model", touched)
    return Settings(backend="local")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: api.draft_reply("Ana", note="x" * (NOTE_CAP + 1), settings=s), "note"),
        (lambda s: api.draft_reply("A" * 201, note="hi", settings=s), "name"),
        (
            lambda s: api.draft_invitation("Ana", context="x" * (FIELD_CAP + 1), settings=s),
            "context",
        ),
        (lambda s: api.draft_invitation("Ana", ask="x" * (FIELD_CAP + 1), settings=s), "ask"),
        (
            lambda s: api.draft_invitation("Ana", to_headline="x" * (FIELD_CAP + 1), settings=s),
            "headline",
        ),
        (lambda s: api.extract_request("x " * REQUEST_CAP, settings=s), "limit is 4,000"),
        (
            lambda s: api.revise_draft(
                api.reply_request("Ana", settings=s), "x" * (NOTE_CAP + 1), "shorter", s
            ),
            "the draft is 8,001 characters; the limit is 8,000",
        ),
        (
            lambda s: api.revise_draft(
                api.reply_request("Ana", settings=s), "Hi Ana", "x" * (FIELD_CAP + 1), s
            ),
            "the instruction is 2,001 characters",
        ),
    ],
)
def test_library_caps_before_any_model_call(no_model, call, message):
    with pytest.raises(InputError, match=message) as info:
        call(no_model)
    assert info.value.exit_code == 2 and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["reply", "--from", "Ana", "--note", "-"], "x" * (NOTE_CAP + 1), "over 8,000 characters"),
        (["reply", "--from", "Ana", "--note", "x" * (NOTE_CAP + 1)], "", "note"),
        (["invite", "--to", "Ana", "--context", "x" * (FIELD_CAP + 1)], "", "context"),
        (["lint", "-"], "x" * 1_000_001, "over 1,000,000 characters"),
    ],
)
def test_cli_caps_before_any_model_call(no_model, args, stdin, message, monkeypatch, capsys):
    from assistant.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as exit_:
        main(args)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("CORDIAL_ME__ABOUT", "x" * (FIELD_CAP + 1), "me.about is invalid: String should have"),
        ("CORDIAL_ME__NAME", "x" * 201, "me.name is invalid: String should have at most 200"),
    ],
)
def test_a_profile_over_the_cap_in_the_settings_is_one_line_on_the_cli(
    no_model, variable, value, message, monkeypatch, capsys
):
    from assistant.cli import main

    monkeypatch.setenv(variable, value)
    with pytest.raises(SystemExit) as exit_:
        main(["invite", "--to", "Ana", "--context", "your talk", "--backend", "composer"])
    err = capsys.readouterr().err
    assert exit_.value.code == 1 and message in err and err.count("\n") == 1
    assert value not in err


def test_the_web_profile_refuses_what_the_settings_would_refuse(tmp_path):
    from assistant.web.profile import save_profile

    with pytest.raises(InputError, match="your name is 201 characters; the limit is 200"):
        save_profile(
            tmp_path / "cordial.toml", name="x" * 201, headline="", about="", account="free"
        )
    assert not (tmp_path / "cordial.toml").exists()


def test_csv_import_caps_a_huge_field_with_the_file_and_line(tmp_path):
    from assistant.triage.export import ExportError, read_invitations

    path = tmp_path / "Invitations.csv"
    path.write_text(
        'From,To,Sent At,Message,Direction\nAna,Sam,,"' + "x" * 200_000 + '",INCOMING\n',
        encoding="utf-8",
    )
    with pytest.raises(
        ExportError, match=r"Invitations.csv: line \d+ has a cell over 131,072 characters"
    ):
        list(read_invitations(path))


def test_triage_trims_long_names_and_notes_to_the_request_caps(tmp_path):
    path = tmp_path / "Invitations.csv"
    note = "Hi Sam, could you share advice on streaming? " * 1_000  # 45,000 characters
    path.write_text(
        f'From,To,Sent At,Message,Direction\n{"A" * 500},Sam,,"{note}",INCOMING\n',
        encoding="utf-8",
    )
    (row,) = api.triage(path, drafts=True)
    assert row.assessment.action == "how-can-i-help"
    assert row.draft and row.draft_by == "composer"
