"""The history store: one transaction per draft, plain JSON, WAL."""

from __future__ import annotations

import sqlite3

from assistant.drafting.requests import InviteRequest, Person
from assistant.drafting.result import Draft
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
