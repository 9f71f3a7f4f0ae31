"""The export readers, triage of a whole export, `draft triage` and `draft network`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_export import CONNECTIONS, INVITATIONS, MESSAGES, make_export_zip

from assistant.cli import cli
from assistant.triage import export as export_module
from assistant.triage.export import (
    Export,
    ExportError,
    read_connections,
    read_invitations,
    read_messages,
)
from assistant.triage.inbox import COLUMNS, ExportFiles
from assistant.triage.report import spreadsheet_safe, write_csv


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.fixture()
def export_zip(tmp_path: Path) -> Path:
    """A small export zip."""
    return make_export_zip(tmp_path)


# --- readers ---------------------------------------------------------------------------


def test_invitations_bom_quoted_newlines_and_dates(tmp_path: Path) -> None:
    rows = list(read_invitations(_write(tmp_path, "Invitations.csv", INVITATIONS)))
    assert [r.sender for r in rows][:2] == ["Ana Souza", "Bob Seller"]
    assert rows[0].message.startswith("Hi Sam, great meeting you at DataConf!\nLet's")
    assert rows[0].sent_at == datetime(2026, 1, 29, 14, 37)
    assert rows[0].sender_url == "https://www.linkedin.com/in/anasouza"
    assert [r.incoming for r in rows] == [True, True, False, True, True]


def test_older_exports_without_url_columns_and_other_column_order(tmp_path: Path) -> None:
    text = 'Direction,Message,To,From,Sent At,Extra\nINCOMING,Hello,Sam,Ana,"1/29/26, 2:37 PM",x\n'
    (row,) = read_invitations(_write(tmp_path, "Invitations.csv", text))
    assert (row.sender, row.recipient, row.message, row.sender_url) == ("Ana", "Sam", "Hello", "")


def test_connections_skip_the_notes_before_the_header(tmp_path: Path) -> None:
    rows = list(read_connections(_write(tmp_path, "Connections.csv", CONNECTIONS)))
    assert [r.name for r in rows] == ["Priya Shah", "Old Friend", "Quiet Person", "Chatty Pal"]
    assert rows[0].connected_on == date(2023, 3, 15)


def test_messages_ignore_newer_columns(tmp_path: Path) -> None:
    rows = list(read_messages(_write(tmp_path, "messages.csv", MESSAGES)))
    assert rows[0].sender == "Sam Rivera" and rows[0].recipients == "Quiet Person"
    assert rows[0].sent_at == datetime(2024, 3, 1, 10, 0)


def test_a_missing_column_is_named_with_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "Invitations.csv", "From,To,Message,Direction\nAna,Sam,Hi,INCOMING\n")
    with pytest.raises(ExportError, match=r"Invitations.csv: the column 'Sent At' is missing"):
        list(read_invitations(path))


def test_the_wrong_file_says_so(tmp_path: Path) -> None:
    path = _write(tmp_path, "Invitations.csv", "a,b\n1,2\n")
    with pytest.raises(ExportError, match="no header row with the columns From, To"):
        list(read_invitations(path))


def test_unreadable_file_and_bad_csv(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="Invitations.csv: cannot be read"):
        list(read_invitations(tmp_path / "Invitations.csv"))
    bad = tmp_path / "messages.csv"
    bad.write_text("FROM,TO,DATE,CONTENT\nA,B,C," + "x" * 200_000 + "\n")  # over csv's cap
    with pytest.raises(ExportError, match=r"messages.csv: line \d+ has a cell over 131,072"):
        list(read_messages(bad))


def test_bytes_that_are_not_utf8_do_not_stop_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "Invitations.csv"
    path.write_bytes(b"From,To,Sent At,Message,Direction\nAn\xe9,Sam,,Ol\xe1,INCOMING\n")
    (row,) = read_invitations(path)
    assert row.sender == "An\ufffd" and row.sent_at is None


def test_readers_stream_rows(tmp_path: Path) -> None:
    # The first row is read before the broken tail of the file is reached.
    text = INVITATIONS + 'Eve,Sam,"1/1/26, 1:00 PM","' + "x" * 200_000 + '",INCOMING\n'
    rows = read_invitations(_write(tmp_path, "Invitations.csv", text))
    assert next(rows).sender == "Ana Souza"
    with pytest.raises(ExportError):
        list(rows)


def test_zip_members_are_found_anywhere_and_errors_name_the_zip(
    export_zip: Path, tmp_path: Path
) -> None:
    with Export(export_zip) as export:
        assert export.has("invitations.csv") and export.has("messages.csv")
        with export.open("Connections.csv") as source:
            assert len(list(read_connections(source))) == 4
        with pytest.raises(ExportError, match="holds no Profile.csv"), export.open("Profile.csv"):
            pass
    not_zip = _write(tmp_path, "export.zip", "hello")
    with pytest.raises(ExportError, match="export.zip: not a readable zip file"):
        Export(not_zip)


def test_zip_members_that_inflate_past_the_cap_are_refused(
    export_zip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "MAX_MEMBER_BYTES", 100)
    with (
        Export(export_zip) as export,
        pytest.raises(ExportError, match="over the 0 MB cap"),
        export.open("Invitations.csv"),
    ):
        pass


# --- triage of a whole export -----------------------------------------------------------


def _triaged(path: Path, **kw) -> dict[str, dict]:
    from assistant.api import triage

    return {t.invitation.sender: t.row() for t in triage(path, **kw)}


def test_triage_uses_connections_and_messages_from_the_zip(export_zip: Path) -> None:
    rows = _triaged(export_zip, drafts=True)
    assert set(rows) == {"Ana Souza", "Bob Seller", "Priya Shah", "Zoë Ó Briain"}
    assert rows["Ana Souza"]["action"] == "ask-how-met"
    assert rows["Bob Seller"]["action"] == "ignore" and rows["Bob Seller"]["draft"] == ""
    assert rows["Priya Shah"]["action"] == "accept"
    assert "already a connection since 15 Mar 2023" in "; ".join(rows["Priya Shah"]["reasons"])
    # Matched by name with accents folded: "Zoe O Briain" wrote to the user before.
    assert "written to you before" in "; ".join(rows["Zoë Ó Briain"]["reasons"])
    assert rows["Ana Souza"]["draft"].startswith("Hi Ana")
    assert rows["Ana Souza"]["draft_by"] == "composer"


def test_the_callable_package_is_the_api_function_without_importing_it(export_zip: Path) -> None:
    """`from assistant import triage; triage(path)` (README) gives the rows api.triage gives,
    and the package never imports the front door (issue 14's cycle)."""
    code = (
        "import sys\n"
        "from assistant import triage\n"
        "rows = {t.invitation.sender: t.row()['action'] for t in triage(sys.argv[1])}\n"
        "assert 'assistant.api' not in sys.modules, 'the triage package imported assistant.api'\n"
        "print(sorted(rows.items()))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(export_zip)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    expected = sorted((sender, row["action"]) for sender, row in _triaged(export_zip).items())
    assert out.stdout.strip() == str(expected)


def test_triage_of_a_lone_invitations_csv(tmp_path: Path) -> None:
    rows = _triaged(_write(tmp_path, "Invitations.csv", INVITATIONS))
    assert rows["Priya Shah"]["action"] == "letdown"  # no Connections.csv: a blank stranger
    assert all(r["draft"] == "" for r in rows.values())


def test_csv_output_never_runs_a_formula() -> None:
    assert spreadsheet_safe('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)" and spreadsheet_safe(0.8) == 0.8
    out = io.StringIO()
    write_csv([{c: "=1+1" if c == "message" else "" for c in COLUMNS}], COLUMNS, out)
    assert list(csv.DictReader(io.StringIO(out.getvalue())))[0]["message"] == "'=1+1"


# --- draft triage / draft network --------------------------------------------------------


def test_draft_triage_writes_csv_json_and_markdown(export_zip: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt in ("csv", "json", "md"):
        out = tmp_path / f"triage.{fmt}"
        result = runner.invoke(cli, ["triage", str(export_zip), "--drafts", "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert "4 incoming requests" in result.output  # the summary, on stderr
        text = out.read_text(encoding="utf-8")
        if fmt == "json":
            rows = json.loads(text)
            assert [r["from"] for r in rows][0] == "Ana Souza" and rows[0]["draft"]
        elif fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(text)))
            assert tuple(rows[0]) == COLUMNS and len(rows) == 4
        else:
            assert "## 1. Ana Souza: ask-how-met" in text and "| **total** | 4 |" in text
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".triage")]  # no temp left


def test_draft_triage_to_the_terminal_escapes_control_characters(export_zip: Path) -> None:
    result = CliRunner().invoke(cli, ["triage", str(export_zip), "--format", "csv"])
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\\x1b[31mred" in result.output
    result = CliRunner().invoke(cli, ["triage", str(export_zip), "--format", "json"])
    assert "\x1b" not in result.stdout
    assert json.loads(result.stdout)[3]["message"].endswith("hi \x1b[31mred")  # valid JSON


def test_draft_triage_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main

    bad = _write(tmp_path, "Invitations.csv", "From,To\nA,B\n")
    for args, message in [
        (["triage", str(bad)], "Invitations.csv: the column 'Sent At' is missing"),
        (["triage", str(tmp_path / "nope.zip")], "nope.zip: no such file"),
    ]:
        with pytest.raises(SystemExit) as exit_:
            main(args)
        err = capsys.readouterr().err
        assert exit_.value.code == 2 and message in err and err.count("\n") == 1


def test_draft_network_lists_quiet_connections_oldest_first(export_zip: Path) -> None:
    result = CliRunner().invoke(cli, ["network", str(export_zip), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    blank = "invitation sent without a note"
    quiet = [(r["section"], r["name"]) for r in rows if r["section"] != blank]
    assert quiet == [
        ("never written to", "Old Friend"),
        ("never answered", "Quiet Person"),
        ("never written to", "Priya Shah"),
    ]  # Chatty Pal answered; oldest connection first
    assert [r["name"] for r in rows if r["section"] == blank] == ["Li Na"]


def test_export_files_need_invitations_for_triage(tmp_path: Path) -> None:
    connections = _write(tmp_path, "Connections.csv", CONNECTIONS)
    with ExportFiles(connections) as files, pytest.raises(ExportError, match="Invitations.csv"):
        list(files.invitations())


def test_a_reason_holding_a_semicolon_stays_one_reason_in_every_format() -> None:
    """Reasons travel as a list: only the CSV cell joins them (issue 14: the Markdown used to
    split a quoted note's ';' into reasons of its own)."""
    from assistant.triage.report import write_csv, write_json, write_triage_markdown

    row = {"row": 1, "from": "Ana", "profile_url": "", "sent_at": "", "message": "hi",
           "category": "genuine", "action": "ask-how-met", "confidence": 0.7, "review": False,
           "reasons": ['the note says "we met; at PyCon"', "no shared connections"],
           "draft": "", "draft_by": ""}
    md, js, sheet = io.StringIO(), io.StringIO(), io.StringIO()
    write_triage_markdown([row], md)
    write_json([row], js)
    write_csv([row], COLUMNS, sheet)
    assert '- the note says "we met; at PyCon"\n- no shared connections\n' in md.getvalue()
    assert json.loads(js.getvalue())[0]["reasons"] == row["reasons"]
    cell = next(csv.DictReader(io.StringIO(sheet.getvalue())))["reasons"]
    assert cell == 'the note says "we met; at PyCon"; no shared connections'
