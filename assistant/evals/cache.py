"""A response cache for eval runs: model answers in SQLite under $CORDIAL_HOME/cache, keyed by
backend, model, rendered prompt, parameters and sample number (so a changed prompt or model
never reuses an old answer). Values are plain text."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from assistant.resources import private_dir


class ResponseCache:
    """get(key) / put(key, text) over one SQLite file."""

    def __init__(self, path: Path) -> None:
        private_dir(path.parent)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, timeout=10, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, text TEXT)")
        self.hits = self.misses = 0

    def get(self, key: str) -> str | None:
        """The cached answer, or None."""
        with self._lock:
            row = self._conn.execute("SELECT text FROM responses WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return row[0]

    def put(self, key: str, text: str) -> None:
        """Store an answer."""
        with self._lock, self._conn:
            self._conn.execute("INSERT OR REPLACE INTO responses VALUES (?, ?)", (key, text))
