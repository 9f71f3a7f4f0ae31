"""The history of drafts: SQLite in WAL mode, one transaction per draft, never a secret.

Rows hold plain JSON written by this module; nothing read back is ever deserialised with
LangChain's loads or pickle."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from assistant.resources import private_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created REAL NOT NULL,
    kind TEXT NOT NULL,
    situation TEXT,
    request TEXT NOT NULL,
    text TEXT NOT NULL,
    findings TEXT NOT NULL,
    backend TEXT NOT NULL,
    model TEXT NOT NULL,
    fallback INTEGER NOT NULL,
    latency_s REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS drafts_created ON drafts (created);
"""

# Switching a new database to WAL takes an exclusive lock, and SQLite reports "database is
# locked" at once, without waiting out the busy timeout, when two processes create the file
# together (the web chat and the CLI saving their first drafts): set up again a little later.
SETUP_ATTEMPTS = 20
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


class History:
    """Saved drafts under $CORDIAL_HOME/history.db."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _make_private(self) -> None:
        """Drafts and other people's notes: the file (and so SQLite's -wal and -shm files, which
        take its mode) is readable by the user alone, also when an older version made it 0644.
        Never an open() and close() of a file SQLite may hold: closing any descriptor of a file
        drops the process's POSIX locks on it, SQLite's included."""
        try:
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            if os.stat(self.path).st_mode & 0o077:
                os.chmod(self.path, 0o600)

    def _connect(self) -> sqlite3.Connection:
        private_dir(self.path.parent)
        self._make_private()
        # A generous busy timeout lets the web chat and the CLI write at the same time.
        conn = sqlite3.connect(self.path, timeout=10)
        attempt = 1
        while True:
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.executescript(SCHEMA)
                return conn
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode not in _BUSY or attempt == SETUP_ATTEMPTS:
                    conn.close()
                    raise
                time.sleep(0.01 * attempt)
                attempt += 1

    def save(self, draft: Any, request: Any) -> int:
        """Store one finished draft with its request; returns the row id."""
        row = (
            time.time(),
            draft.kind,
            draft.situation,
            json.dumps(request.model_dump(mode="json"), ensure_ascii=False),
            draft.text,
            json.dumps(draft.findings, ensure_ascii=False),
            draft.backend,
            draft.model,
            int(draft.fallback),
            draft.latency_s,
        )
        conn = self._connect()
        try:
            with conn:  # one transaction: the draft is there entirely or not at all
                cur = conn.execute(
                    "INSERT INTO drafts (created, kind, situation, request, text, findings,"
                    " backend, model, fallback, latency_s) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    row,
                )
            return int(cur.lastrowid or 0)
        finally:
            conn.close()

    def recent(self, limit: int = 20) -> list[dict[str, Any]]:
        """The newest drafts first, as plain dictionaries."""
        if not self.path.exists():
            return []
        conn = self._connect()
        try:
            conn.row_factory = sqlite3.Row
            rows = conn.execute(
                "SELECT * FROM drafts ORDER BY id DESC LIMIT ?", (max(0, limit),)
            ).fetchall()
        finally:
            conn.close()
        out = []
        for r in rows:
            item = dict(r)
            item["request"] = json.loads(item["request"])
            item["findings"] = json.loads(item["findings"])
            item["fallback"] = bool(item["fallback"])
            out.append(item)
        return out
