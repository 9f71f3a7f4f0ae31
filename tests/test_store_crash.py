"""The history store under crashes and concurrent writers, with real processes.

A writer killed with SIGKILL in the middle of a burst of saves loses nothing it had reported
as saved, and leaves a database that opens and passes SQLite's integrity check. The web chat
(the library API in one process) and the CLI (one process per command) writing at the same
time lose or corrupt nothing. Run with -s to see the figures.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KILLS = 5

# Saves drafts as fast as it can through the real History.save and prints "<row id> <n>" after
# each save returns. Texts run past a 4 KB database page, so a torn write would show.
WRITER = """
import itertools, sys
from pathlib import Path
from assistant.requests import Person, ReplyRequest
from assistant.drafting.result import Draft
from assistant.store import History

sys.path.insert(0, sys.argv[2])  # the tests folder, for text_for below
from test_store_crash import text_for

store = History(Path(sys.argv[1]))
for n in itertools.count():
    text = text_for(n)
    draft = Draft(text=text, chars=len(text), limit=1900, kind="reply", situation="letdown",
                  backend="composer", model="composer", path="composer")
    request = ReplyRequest(requester=Person(name=f"Writer {n}"), note=text[:100])
    row = store.save(draft, request)
    print(row, n, flush=True)
"""

# What the web chat does: one process, the library API called from 4 worker threads at once
# (the app's queue concurrency), drafts streamed or drafted whole, each saved to the history.
# Stops when the stop file appears.
WEB_WRITER = """
import sys, threading
from pathlib import Path
from assistant import api
from assistant.settings import Settings

settings = Settings(backend="composer")
stop = Path(sys.argv[1])
lock = threading.Lock()

def worker(w):
    n = 0
    while not stop.exists():
        if n % 2:
            draft = api.draft_reply(f"Web {w}-{n}", note="Hi, let's connect!", settings=settings)
        else:
            request = api.invitation_request(
                f"Web {w}-{n}", context="your talk on streaming", ask="a short call",
                settings=settings,
            )
            draft = [item for item in api.stream_draft(request, settings)][-1]
        with lock:
            print(draft.history_id, flush=True)
        n += 1

threads = [threading.Thread(target=worker, args=(w,)) for w in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
"""
CLI = [sys.executable, "-c", "from assistant.cli import main; main()"]

# Waits for the go file, then saves a few drafts: several of these started on a database that
# does not exist yet race to create it, as a first web chat draft and a first CLI draft can.
FIRST_SAVES = """
import sys, time
from pathlib import Path
from assistant.requests import Person, ReplyRequest
from assistant.drafting.result import Draft
from assistant.store import History

store, go = History(Path(sys.argv[1])), Path(sys.argv[2])
draft = Draft(text="Hi!", chars=3, limit=1900, kind="reply", backend="composer",
              model="composer", path="composer")
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
for n in range(10):
    print(store.save(draft, ReplyRequest(requester=Person(name="Ana"))), flush=True)
"""


def text_for(n: int) -> str:
    """The text the writer saves as its n-th draft, so the test can check it in full."""
    return f"draft {n}: " + "crash-safe 📝 naïve " * (1 + n * 7 % 300)


def _rows(db: Path) -> tuple[str, dict[int, tuple[str, dict]]]:
    """The integrity check's verdict and every row as id -> (text, request)."""
    conn = sqlite3.connect(db)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        rows = conn.execute("SELECT id, text, request FROM drafts").fetchall()
    finally:
        conn.close()
    return verdict, {i: (text, json.loads(request)) for i, text, request in rows}


def _started(args: list[str], errors: Path) -> subprocess.Popen:
    """A writer process with its stdout piped and its stderr in a file (a full stderr pipe
    would block a writer while the test reads its stdout)."""
    with errors.open("w") as err:
        return subprocess.Popen(
            [sys.executable, "-c", *args], stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT
        )


def _rest_of(process: subprocess.Popen) -> str:
    """What the process prints until it ends, read through the same buffered stdout as the
    lines before: communicate() reads the raw pipe, and the lines an earlier readline() had
    already buffered would be lost (seen in CI, as one web chat save too few)."""
    with process.stdout:
        rest = process.stdout.read()
    process.wait(timeout=120)
    return rest


def _acknowledged(lines: list[str]) -> dict[int, int]:
    """row id -> n for every complete line the writer printed."""
    return {int(row): int(n) for row, n in (line.split() for line in lines)}


def test_sigkill_mid_burst_loses_no_acknowledged_save(tmp_path):
    db = tmp_path / "history.db"
    pick = random.Random(7)
    acknowledged: dict[int, int] = {}
    for kill in range(1, KILLS + 1):
        errors = tmp_path / f"writer-{kill}.err"
        writer = _started([WRITER, str(db), str(Path(__file__).parent)], errors)
        wanted = pick.randint(30, 300)
        lines = []
        while len(lines) < wanted:
            line = writer.stdout.readline()
            assert line, f"writer stopped early: {errors.read_text()}"
            lines.append(line)
        writer.send_signal(signal.SIGKILL)  # while it is still saving: it never pauses
        rest = _rest_of(writer)
        assert writer.returncode == -signal.SIGKILL
        # Lines in the pipe were printed after their save returned; a cut-off last line was not.
        lines += rest.splitlines(keepends=True)
        lines = [line for line in lines if line.endswith("\n")]
        acknowledged.update(_acknowledged(lines))

        verdict, rows = _rows(db)
        missing = [row for row in acknowledged if row not in rows]
        print(
            f"kill {kill}: {len(acknowledged)} saves acknowledged so far, {len(rows)} rows found, "
            f"{len(missing)} missing, integrity {verdict}"
        )
        assert verdict == "ok"
        assert not missing
        for row, n in acknowledged.items():
            text, request = rows[row]
            assert text == text_for(n), f"row {row} holds a different or partial text"
            assert request["requester"]["name"] == f"Writer {n}"
        # At most the one save in flight per kill committed without being acknowledged.
        assert len(rows) - len(acknowledged) <= kill
    # And the store itself, as the app and the CLI open it, reads every row back.
    from assistant.store import History

    recent = History(db).recent(limit=len(rows))
    assert len(recent) == len(rows)
    newest = max(acknowledged)
    assert next(r for r in recent if r["id"] == newest)["text"] == text_for(acknowledged[newest])


def test_web_chat_and_cli_writing_at_once_corrupt_nothing(tmp_path, cordial_home):
    db = cordial_home / "history.db"
    stop = tmp_path / "stop"
    errors = tmp_path / "web.err"
    web = _started([WEB_WRITER, str(stop)], errors)
    try:
        first = web.stdout.readline()  # the web writer is saving before the CLI starts
        assert first, errors.read_text()
        cli_saved = 0
        for n in range(12):
            out = subprocess.run(
                [*CLI, "reply", "--from", f"Cli {n}", "--note", "Hello!", "--backend", "composer"],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=120,
            )
            assert out.returncode == 0, out.stderr
            cli_saved += 1
    finally:
        stop.touch()
        rest = _rest_of(web)
    assert web.returncode == 0, errors.read_text()
    web_ids = [int(line) for line in [first, *rest.splitlines()]]

    verdict, rows = _rows(db)
    cli_ids = {
        i: r["requester"]["name"]
        for i, (_, r) in rows.items()
        if r.get("requester", {}).get("name", "").startswith("Cli ")
    }
    print(
        f"concurrent: web chat {len(web_ids)} saves acknowledged, CLI {cli_saved}, "
        f"{len(rows)} rows found, integrity {verdict}"
    )
    assert verdict == "ok"
    assert len(rows) == len(web_ids) + cli_saved
    assert set(web_ids) <= set(rows)
    assert sorted(cli_ids.values()) == sorted(f"Cli {n}" for n in range(cli_saved))
    # The two really wrote at once: web chat rows landed between the CLI's first and last.
    assert any(min(cli_ids) < i < max(cli_ids) for i in web_ids)


def test_processes_creating_the_database_together_all_save(tmp_path):
    saved = found = 0
    for round_ in range(5):
        db, go = tmp_path / f"history-{round_}.db", tmp_path / f"go-{round_}"
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", FIRST_SAVES, str(db), str(go)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
            for _ in range(4)
        ]
        for writer in writers:
            assert writer.stdout.readline() == "ready\n", writer.stderr.read()
        go.touch()  # all four have imported everything: their first saves start together
        ids = []
        for writer in writers:
            out, errors = writer.communicate(timeout=120)
            assert writer.returncode == 0, errors
            ids += [int(line) for line in out.splitlines()]
        verdict, rows = _rows(db)
        mode = sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0]
        assert verdict == "ok" and mode == "wal"
        assert sorted(ids) == sorted(rows) and len(ids) == 40
        saved, found = saved + len(ids), found + len(rows)
    print(f"first saves racing: 5 rounds of 4 processes, {saved} saves acknowledged, {found} found")
