"""The history store: one transaction per draft, plain JSON, WAL."""

from __future__ import annotations

import os
import sqlite3
import stat

from assistant.drafting.result import Draft
from assistant.requests import InviteRequest, Person
from assistant.store import History


def _draft(text: str) -> Draft:
    return Draft(
        text=text,
        chars=len(text),
        limit=300,
        kind="invite",
        backend="composer",
        model="composer",
        path="composer",
    )


def test_save_and_read_back(tmp_path):
    store = History(tmp_path / "history.db")
    req = InviteRequest(recipient=Person(name="李娜"), context="her talk")
    ids = [store.save(_draft(f"note {n}"), req) for n in range(3)]
    rows = store.recent(2)
    assert [r["id"] for r in rows] == ids[:0:-1]
    assert rows[0]["request"]["recipient"]["name"] == "李娜"
    assert rows[0]["text"] == "note 2" and rows[0]["fallback"] is False
    mode = sqlite3.connect(tmp_path / "history.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_empty_history(tmp_path):
    assert History(tmp_path / "none.db").recent() == []


def test_a_new_home_and_its_history_are_private(tmp_path, monkeypatch):
    """Drafts and other people's notes are readable by the user alone: under the usual umask
    (022) the home is created 0700 and the history 0600 (SQLite's -wal and -shm files take the
    history's mode)."""
    from assistant import api
    from assistant.settings import Settings

    home = tmp_path / "fresh" / "cordial"
    monkeypatch.setenv("CORDIAL_HOME", str(home))
    before = os.umask(0o022)
    try:
        draft = api.draft_reply("Chris Park", note="Hi!", settings=Settings(backend="composer"))
    finally:
        os.umask(before)
    assert draft.history_id
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "history.db").stat().st_mode) == 0o600


def test_an_older_history_readable_by_others_is_made_private(tmp_path):
    path = tmp_path / "history.db"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    History(path).recent()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
