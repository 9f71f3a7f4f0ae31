"""The outcomes of sent invitations (issue 21): exact figures on a generated export in three
styles, computed here from the generator's ground truth, never by the code under test; the
dates as the real files write them; bad input that says what is wrong and keeps the rest."""

from __future__ import annotations

import json
import math
import statistics
import zipfile
from datetime import date, datetime
from pathlib import Path

import outcomes_fixture as fx
import pytest
from click.testing import CliRunner

from assistant import api
from assistant.cli import cli
from assistant.lint import lint
from assistant.outcomes import WITHDRAW_URL, wilson
from assistant.outcomes.match import Connections
from assistant.outcomes.report import check_note
from assistant.triage.export import (
    Connection,
    ExportError,
    parse_date,
    parse_datetime,
    read_invitations,
)

MIN_AGE = 21
# The linter's verdict on each of the fixture's notes, read by a person (the families of the
# errors and warnings, and whether the note asks for more than connecting).
VERDICTS = {
    fx.NOTES[0]: ((), False),  # blank: "without a note"
    fx.NOTES[1]: (("invite", "note"), False),
    fx.NOTES[2]: (("invite",), False),
    fx.NOTES[3]: ((), True),
    fx.NOTES[4]: ((), True),
    fx.NOTES[5]: ((), True),
    fx.NOTES[6]: (("invite",), True),  # a pitch asks for a call
    fx.NOTES[7]: (("invite", "style"), False),
}


def expected(t: fx.Truth, min_age: int = MIN_AGE, today: date | None = None) -> dict:
    """The figures, from the ground truth alone."""
    dates = [s.sent_at.date() for s in t.sent] + [when.date() for _, when, _ in t.received]
    dates += [s.connected_at.date() for s in t.sent if s.connected_at]
    dates += [when.date() for _, _, when in t.other_connections]
    dates += [m.date() for s in t.sent for m in s.messages]
    today = today or max(dates)
    out: dict = {"today": today, "groups": {}, "stale": [], "follow_ups": [], "days": []}
    counts = {"accepted": 0, "pending": 0, "too_recent": 0, "replied": 0}

    def add(group: str, accepted: bool) -> None:
        sent, acc = out["groups"].get(group, (0, 0))
        out["groups"][group] = (sent + 1, acc + accepted)

    for s in t.sent:
        day = s.sent_at.date()
        accepted = s.connected_at is not None and s.connected_at.date() >= day
        age = (today - day).days
        if accepted:
            counts["accepted"] += 1
            out["days"].append((s.connected_at.date() - day).days)
            since = any(m.date() >= s.connected_at.date() for m in s.messages)
            counts["replied"] += since
            if VERDICTS[s.note][1] and not since:
                out["follow_ups"].append(s.name)
        elif age >= min_age:
            counts["pending"] += 1
            out["stale"].append((s.sent_at, s.name))
        else:
            counts["too_recent"] += 1
        if age < min_age:
            continue
        add("judged", accepted)
        add("with" if s.note else "without", accepted)
        if s.note:
            families = VERDICTS[s.note][0]
            add("with findings" if families else "clean", accepted)
            for family in families:
                add(family, accepted)
            n = len(s.note)
            add("1-99" if n < 100 else "100-199" if n < 200 else "200+", accepted)
    out.update(counts)
    out["stale"] = [name for _, name in sorted(out["stale"])]
    return out


def _nearest_rank(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[math.ceil(q * len(ordered)) - 1]


@pytest.fixture(scope="module")
def truth() -> fx.Truth:
    return fx.truth()


def test_the_fixture_notes_get_the_verdicts_the_figures_assume() -> None:
    for note, (families, has_ask) in VERDICTS.items():
        check = check_note(note)
        assert (check.families if note else (), check.has_ask) == (families, has_ask), note


def test_the_fixture_is_a_few_hundred_rows_with_every_outcome(truth: fx.Truth) -> None:
    e = expected(truth)
    assert len(truth.sent) == 300
    assert min(e["accepted"], e["pending"], e["too_recent"], e["replied"]) > 10
    assert len(e["follow_ups"]) > 5
    # 12 AM and 12 PM are both in the file.
    assert {s.sent_at.hour for s in truth.sent} >= {0, 12}


@pytest.mark.parametrize("style", ["2026", "2018", "spreadsheet"])
@pytest.mark.parametrize("zipped", [True, False], ids=["zip", "folder"])
def test_exact_figures_in_every_style(
    style: str, zipped: bool, truth: fx.Truth, tmp_path: Path
) -> None:
    e = expected(truth)
    o = api.outcomes(fx.write(style, tmp_path, truth, zipped=zipped))
    assert o.today == e["today"]
    assert (o.sent, o.accepted, o.pending, o.too_recent, o.undated) == (
        300,
        e["accepted"],
        e["pending"],
        e["too_recent"],
        0,
    )
    g = e["groups"]
    assert (o.judged.sent, o.judged.accepted) == g["judged"]
    assert (o.with_note.sent, o.with_note.accepted) == g["with"]
    assert (o.without_note.sent, o.without_note.accepted) == g["without"]
    assert {k: (r.sent, r.accepted) for k, r in o.by_lint.items()} == {
        "clean": g["clean"],
        "with findings": g["with findings"],
    }
    assert {k: (r.sent, r.accepted) for k, r in o.by_family.items()} == {
        f: g[f] for f in ("invite", "note", "style")
    }
    assert {k.split()[0]: (r.sent, r.accepted) for k, r in o.by_length.items()} == {
        band: g[band] for band in ("1-99", "100-199", "200+")
    }
    assert o.days_to_accept_n == len(e["days"])
    assert o.days_to_accept_median == statistics.median(e["days"])
    assert o.days_to_accept_p90 == _nearest_rank(e["days"], 0.9)
    assert o.replied == e["replied"]
    assert [s.to for s in o.stale] == e["stale"]
    assert sorted(f.to for f in o.follow_ups) == sorted(e["follow_ups"])
    assert o.problems == [] and o.missing == []
    # Only the file without URLs is matched by name, and then it says so.
    assert o.matched_by_name == (e["accepted"] if style == "2018" else 0)
    assert any("matched by name" in c for c in o.caveats) == (style == "2018")


def test_wilson_interval_against_known_values() -> None:
    # 0 of 10 at 95 %: the upper bound is z^2 / (n + z^2) = 0.2775 (a textbook value).
    low, high = wilson(0, 10, z=1.96)
    assert low == 0 and high == pytest.approx(0.2775, abs=1e-4)
    # 41 of 104 at 90 % (the example), worked by hand: z^2 = 2.70554, centre
    # (0.394231 + 0.013007) / 1.026015 = 0.396912, half-width 0.079888 / 1.026015 = 0.077863.
    low, high = wilson(41, 104)
    assert (low, high) == (pytest.approx(0.3190, abs=2e-4), pytest.approx(0.4748, abs=2e-4))
    assert wilson(0, 0) is None


def test_ages_count_from_today_and_the_threshold_is_settable(
    truth: fx.Truth, tmp_path: Path
) -> None:
    path = fx.write("2026", tmp_path, truth)
    today = date(2026, 6, 1)
    e = expected(truth, min_age=60, today=today)
    o = api.outcomes(path, min_age_days=60, today=today)
    assert (o.accepted, o.pending, o.too_recent) == (
        e["accepted"],
        e["pending"],
        e["too_recent"],
    )
    assert (o.with_note.sent, o.with_note.accepted) == e["groups"]["with"]
    assert o.stale[0].age_days == (today - o.stale[0].sent_at.date()).days


def test_draft_outcomes_json_csv_and_markdown(truth: fx.Truth, tmp_path: Path) -> None:
    path = fx.write("2026", tmp_path, truth)
    e = expected(truth)
    runner = CliRunner()
    result = runner.invoke(cli, ["outcomes", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    g = e["groups"]
    assert data["sent"] == 300 and data["accepted"] == e["accepted"]
    assert (data["pending"], data["too_recent"]) == (e["pending"], e["too_recent"])
    for key, group in (("with_note", "with"), ("without_note", "without")):
        assert (data[key]["sent"], data[key]["accepted"]) == g[group]
    assert [s["to"] for s in data["stale"]] == e["stale"]
    first = data["stale"][0]
    assert set(first) >= {"to", "sent_at", "age_days", "note"}
    assert first["age_days"] == (e["today"] - date.fromisoformat(first["sent_at"][:10])).days
    assert data["withdraw_url"] == WITHDRAW_URL
    assert "accepted" in result.stderr and "stale" in result.stderr

    out = tmp_path / "rows.csv"
    result = runner.invoke(cli, ["outcomes", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("row,to,profile_url,sent_at,age_days,status")
    assert len(rows) == 301
    assert sum(",accepted," in r for r in rows) == e["accepted"]

    result = runner.invoke(cli, ["outcomes", str(path), "--min-age-days", "30"])
    assert result.exit_code == 0
    md = result.stdout
    assert "# Outcomes of your sent invitations" in md and WITHDRAW_URL in md
    assert "not causal" in md and "removed you look unaccepted" in md
    assert "at least 30 days old" in md


def test_each_follow_up_due_gets_a_follow_up_draft_with_drafts(
    truth: fx.Truth, tmp_path: Path
) -> None:
    """Issue 21: "the list of accepted invitations whose note had an ask and with no message
    since, each with a follow-up draft"; each draft greets that person and makes their note's
    ask, or says why there is none."""
    path = fx.write("2026", tmp_path, truth)
    result = CliRunner().invoke(cli, ["outcomes", str(path), "--format", "json", "--drafts"])
    assert result.exit_code == 0, result.output
    due = json.loads(result.stdout)["follow_ups"]
    assert sorted(f["to"] for f in due) == sorted(expected(truth)["follow_ups"])
    for item in due:
        draft = item["draft"]
        if draft.startswith("(no draft:"):
            assert "ask" in draft
            continue
        assert draft.startswith(f"Hi {item['to'].split()[0]}"), draft
        assert len(draft) <= 300 and lint(draft, kind="followup").ok, draft
    assert not any(f["draft"].startswith("(no draft:") for f in due)  # every fixture note asks

    md = CliRunner().invoke(cli, ["outcomes", str(path), "--drafts"]).stdout
    assert md.count("  - follow-up: ") == len(due)
    plain = CliRunner().invoke(cli, ["outcomes", str(path), "--format", "json"]).stdout
    assert all("draft" not in f for f in json.loads(plain)["follow_ups"])


def test_today_must_be_a_date(tmp_path: Path, truth: fx.Truth) -> None:
    path = fx.write("2026", tmp_path, truth)
    result = CliRunner().invoke(cli, ["outcomes", str(path), "--today", "1 March"])
    assert result.exit_code == 2 and "2026-03-01" in result.output


# --- dates as the real files write them ---------------------------------------------------


def test_sent_at_12_am_and_12_pm_and_spreadsheet_dates() -> None:
    assert parse_datetime("1/29/26, 12:05 AM") == datetime(2026, 1, 29, 0, 5)
    assert parse_datetime("1/29/26, 12:05 PM") == datetime(2026, 1, 29, 12, 5)
    assert parse_datetime("6-Feb-26") == datetime(2026, 2, 6)
    assert parse_datetime("2/6/26 14:37") == datetime(2026, 2, 6, 14, 37)
    assert parse_date("06 Feb 2026") == date(2026, 2, 6)
    assert parse_date("2/6/26, 2:37 PM") == date(2026, 2, 6)  # older Connected On
    assert parse_date("6-Feb-26") == date(2026, 2, 6)
    assert parse_date("2026.02.06") is None


# --- matching -------------------------------------------------------------------------------


def _connection(name: str, url: str, day: date) -> Connection:
    first, last = name.split(" ", 1)
    return Connection(first, last, url, "", "", "", day)


def test_urls_are_folded_and_names_match_only_without_a_url() -> None:
    index = Connections()
    index.add(
        [
            _connection("Ana Souza", "HTTP://LinkedIn.com/in/AnaSouza/", date(2026, 1, 1)),
            _connection("Bo Berg", "", date(2026, 1, 2)),
            _connection("Chen Li", "https://www.linkedin.com/in/chen-li-1", date(2026, 1, 3)),
        ]
    )
    found = index.find("A. Souza", "https://www.linkedin.com/in/anasouza")
    assert found is not None and (found.by, found.connected_on) == ("url", date(2026, 1, 1))
    found = index.find("Bo Berg", "https://www.linkedin.com/in/boberg")
    assert found is not None and found.by == "name"  # the connection has no URL to compare
    # A namesake with another URL is another person.
    assert index.find("Chen Li", "https://www.linkedin.com/in/chen-li-2") is None
    found = index.find("chen  LI")  # an old invitation without a URL: by name
    assert found is not None and found.by == "name"


# --- bad input --------------------------------------------------------------------------------


def _files(truth: fx.Truth, style: str = "2026") -> dict[str, str]:
    return fx.render(truth, style)


def _zip(folder: Path, files: dict[str, str | bytes]) -> Path:
    path = folder / "export.zip"
    with zipfile.ZipFile(path, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return path


def test_without_connections_the_rest_is_given_and_the_file_is_named(
    truth: fx.Truth, tmp_path: Path
) -> None:
    files = _files(truth)
    del files["Connections.csv"]
    o = api.outcomes(_zip(tmp_path, files))
    e = expected(truth)
    assert o.sent == 300 and o.accepted is None and o.pending is None
    assert o.with_note.sent == e["groups"]["with"][0] and o.with_note.accepted is None
    assert o.stale == [] and o.follow_ups is None
    assert any(
        m.startswith("Connections.csv would add which invitations were accepted") for m in o.missing
    )
    result = CliRunner().invoke(cli, ["outcomes", str(tmp_path / "export.zip")])
    assert result.exit_code == 0 and "note: Connections.csv would add" in result.stderr


def test_a_zip_without_invitations_says_so(truth: fx.Truth, tmp_path: Path) -> None:
    files = _files(truth)
    del files["Invitations.csv"]
    with pytest.raises(ExportError, match="holds no Invitations.csv"):
        api.outcomes(_zip(tmp_path, files))


def test_an_empty_or_semicolon_invitations_file_says_what_is_wrong(tmp_path: Path) -> None:
    empty = tmp_path / "Invitations.csv"
    empty.write_text("")
    with pytest.raises(ExportError, match="Invitations.csv: no header row"):
        api.outcomes(empty)
    semicolons = tmp_path / "semi" / "Invitations.csv"
    semicolons.parent.mkdir()
    semicolons.write_text(
        'From;To;Sent At;Message;Direction\nSam;Ana;"1/29/26, 2:37 PM";;OUTGOING\n'
    )
    with pytest.raises(ExportError, match="separated by ';', not commas"):
        api.outcomes(semicolons)


def test_broken_dates_are_named_and_lose_nothing_else(truth: fx.Truth, tmp_path: Path) -> None:
    files = _files(truth)
    lines = files["Invitations.csv"].splitlines(keepends=True)
    broken = [
        "Sam Rivera,Broken One,31/31/26,,OUTGOING,,https://www.linkedin.com/in/broken-1\n",
        "Sam Rivera,Broken Two,yesterday,Hi,OUTGOING,,https://www.linkedin.com/in/broken-2\n",
    ]
    files["Invitations.csv"] = "".join(lines[:3] + broken + lines[3:])
    conn = files["Connections.csv"].splitlines(keepends=True)
    files["Connections.csv"] = "".join(conn + ["Old,Timer,,,,,Jan 2019\n"])
    o = api.outcomes(_zip(tmp_path, files))
    e = expected(truth)
    assert (o.sent, o.accepted, o.pending, o.undated) == (302, e["accepted"], e["pending"], 2)
    assert (o.with_note.sent, o.with_note.accepted) == e["groups"]["with"]
    last_line = files["Connections.csv"].count("\n")
    assert o.problems == [
        f"Connections.csv line {last_line}: Connected On 'Jan 2019' is not a date the export "
        "writes; the row is kept, its date unknown",
        "Invitations.csv line 4: Sent At '31/31/26' is not a date the export writes (1 more row "
        "like it); the row is kept, its date unknown",
    ]


def test_no_readable_sent_date_at_all_is_an_error_naming_the_row(tmp_path: Path) -> None:
    path = tmp_path / "Invitations.csv"
    path.write_text(
        "From,To,Sent At,Message,Direction\n"
        "Sam,Ana,2026.01.29,,OUTGOING\nSam,Bo,2026.01.30,,OUTGOING\n"
    )
    with pytest.raises(ExportError, match=r"line 2: Sent At '2026.01.29' is not a date"):
        api.outcomes(path)


def test_a_broken_messages_file_leaves_out_conversations_only(
    truth: fx.Truth, tmp_path: Path
) -> None:
    files = _files(truth)
    files["messages.csv"] += (
        'c9,,Ana,,Sam,,2026-01-01 10:00:00 UTC,,"' + "x" * 200_000 + '",INBOX,\n'
    )
    o = api.outcomes(_zip(tmp_path, files))
    e = expected(truth)
    assert o.accepted == e["accepted"] and o.replied is None and o.follow_ups is None
    assert any("messages.csv" in p and "131,072" in p for p in o.problems)


def test_a_50_mb_messages_file_is_streamed(truth: fx.Truth, tmp_path: Path) -> None:
    files = _files(truth)
    filler = "".join(
        f'f{i},,Someone {i},,Other {i},,2025-10-01 10:00:00 UTC,,"{"lorem ipsum " * 900}",INBOX,\n'
        for i in range(5_000)
    )
    files["messages.csv"] += filler
    path = _zip(tmp_path, files)
    assert sum(i.file_size for i in zipfile.ZipFile(path).infolist()) > 50_000_000
    o = api.outcomes(path)
    assert (o.accepted, o.replied) == (expected(truth)["accepted"], expected(truth)["replied"])


def test_readers_keep_the_row_and_the_cell_as_written(tmp_path: Path) -> None:
    path = tmp_path / "Invitations.csv"
    path.write_text('From,To,Sent At,Message,Direction\nSam,Ana,"1/2/26, 3:04 PM",,OUTGOING\n')
    (row,) = read_invitations(path)
    assert (row.row, row.sent_at_text, row.sent_at) == (
        2,
        "1/2/26, 3:04 PM",
        datetime(2026, 1, 2, 15, 4),
    )


# --- before drafting an invitation: what the export says of the person ---------------------


def test_export_notices_say_connected_since_or_pending_with_the_note(
    truth: fx.Truth, tmp_path: Path
) -> None:
    path = fx.write("2026", tmp_path, truth)
    connected = next(s for s in truth.sent if s.connected_at and s.connected_at >= s.sent_at)
    (notice,) = api.export_notices(connected.name, export=path)
    since = connected.connected_at.date()
    assert notice.startswith(f"{connected.name} is already a connection since {since.day} ")
    # With the profile URL the match is certain.
    (notice,) = api.export_notices(connected.name, url=connected.url, export=path)
    assert "matched by name" not in notice
    pending = next(s for s in truth.sent if s.connected_at is None and s.note)
    (notice,) = api.export_notices(pending.name, export=path)
    sent = pending.sent_at.date()
    assert f"You invited {pending.name} on {sent.day} {sent:%b %Y}" in notice
    assert pending.note[:40] in notice and WITHDRAW_URL in notice
    assert api.export_notices("Nobody Known", export=path) == []
    assert api.export_notices(connected.name, export=None) == []
    (problem,) = api.export_notices("Ana", export=tmp_path / "missing.zip")
    assert problem.startswith("Could not check Ana in your data export: missing.zip")


def test_an_invitation_draft_carries_the_notice_and_the_cli_says_it(
    truth: fx.Truth, tmp_path: Path, cordial_home: Path
) -> None:
    from assistant.settings import Settings

    path = fx.write("2026", tmp_path, truth)
    connected = next(s for s in truth.sent if s.connected_at and s.connected_at >= s.sent_at)
    settings = Settings(backend="composer", export=path)
    draft = api.draft_invitation(connected.name, context="your talk", settings=settings, save=False)
    assert draft.text and len(draft.notices) == 1 and "already a connection" in draft.notices[0]
    result = CliRunner().invoke(
        cli,
        ["invite", "--to", connected.name, "--context", "your talk", "--backend", "composer"]
        + ["--export", str(path)],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() and "note: " + connected.name in result.stderr
    # No export: no notice, and the draft as before.
    plain = api.draft_invitation(
        connected.name, context="your talk", settings=Settings(backend="composer"), save=False
    )
    assert plain.notices == [] and plain.text == draft.text


def test_the_fast_date_readers_agree_with_strptime() -> None:
    """'Sent At' and 'Connected On' skip strptime for the export's own formats; on random
    cells (valid and not) they give what strptime gives."""
    import random

    rng = random.Random(21)
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec jan FEB Foo".split()
    for _ in range(3_000):
        sent = (
            f"{rng.randint(0, 13)}/{rng.randint(0, 32)}/{rng.randint(0, 99):02d}, "
            f"{rng.randint(0, 13)}:{rng.randint(0, 59):02d} {rng.choice(['AM', 'PM'])}"
        )
        try:
            want = datetime.strptime(sent, "%m/%d/%y, %I:%M %p")
        except ValueError:
            want = None
        assert parse_datetime(sent) == want, sent
        day = f"{rng.randint(0, 33)} {rng.choice(months)} {rng.randint(1990, 2030)}"
        try:
            want_day = datetime.strptime(day, "%d %b %Y").date()
        except ValueError:
            want_day = None
        assert parse_date(day) == want_day, day


def test_an_empty_connections_file_leaves_out_acceptance_and_says_why(
    truth: fx.Truth, tmp_path: Path
) -> None:
    files = _files(truth)
    files["Connections.csv"] = ""
    o = api.outcomes(_zip(tmp_path, files))
    assert o.sent == 300 and o.accepted is None and o.stale == []
    assert o.problems[0].startswith("export.zip/Connections.csv: no header row")
    assert "acceptance is left out" in o.problems[0]


def test_a_missing_export_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from assistant.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["outcomes", str(tmp_path / "nothing.zip")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: nothing.zip: no such file") and err.count("\n") == 1
